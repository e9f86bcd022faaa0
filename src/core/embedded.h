/* SPDX-License-Identifier: MIT */
/* Internal: files compiled into the library (see cmake/embed.cmake). */
#ifndef PLEDGE_CORE_EMBEDDED_H
#define PLEDGE_CORE_EMBEDDED_H

#include <stddef.h>

typedef struct pledge_embedded {
    const char *name; /* e.g. "meta/core.json" or "pledge-1.schema.yaml" */
    const char *data; /* NUL-terminated */
    size_t size;      /* without the NUL */
} pledge_embedded;

/* The JSON Schema 2020-12 metaschemas: "schema.json" and "meta/core.json" etc. */
extern const pledge_embedded pledge__metaschemas[];
extern const size_t pledge__metaschemas_count;

/* The pledge formats' schemas of schema/ ("pledge-1.schema.yaml", ...). */
extern const pledge_embedded pledge__format_schemas[];
extern const size_t pledge__format_schemas_count;

#endif
