/* SPDX-License-Identifier: MIT */
/* Internal: YAML 1.2 core schema resolution of plain scalars, and the
 * YAML 1.1 readings that differ (scalar.c). Shared by the YAML reader and
 * the YAML writer (which quotes any string that would not read back as a
 * string, or that YAML 1.1 would read differently). */
#ifndef PLEDGE_NODE_SCALAR_H
#define PLEDGE_NODE_SCALAR_H

#include "pledge/node.h"

/* The type a plain scalar with this text resolves to under the core
 * schema: NULL, BOOL, INT, FLOAT or STRING. */
pledge_node_type pledge__scalar_plain_type(const char *s, size_t len);

/* How YAML 1.1 would read this plain scalar differently, if at all. */
pledge_yaml11 pledge__scalar_yaml11(const char *s, size_t len);

#endif
