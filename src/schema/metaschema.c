/* SPDX-License-Identifier: MIT */
/* The built-in JSON Schema 2020-12 metaschemas: compiled once per process,
 * on first use, and shared (read-only) by every schema that refers to them
 * or is checked against them. */
#include "internal.h"
#include "core/embedded.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define META_URI "https://json-schema.org/draft/2020-12/schema"
#define META_PREFIX "https://json-schema.org/draft/2020-12/"

static pthread_once_t meta_once = PTHREAD_ONCE_INIT;
static pledge_schema *meta_schema;

static void meta_init(void)
{
    /* On failure (out of memory) meta_schema stays NULL and every later
     * call reports PLEDGE_ENOMEM: the library never aborts. */
    if (pledge__schema_compile_builtin(&meta_schema))
        meta_schema = NULL;
}

const pledge_schema *pledge__metaschema(void)
{
    pthread_once(&meta_once, meta_init);
    return meta_schema;
}

/* The embedded file for a metaschema URI: "schema.json" for the root,
 * "meta/core.json" for ".../meta/core". */
static const pledge_embedded *find(const char *uri, size_t len)
{
    size_t pl = strlen(META_PREFIX), i;
    if (len == strlen(META_URI) && memcmp(uri, META_URI, len) == 0)
        uri = META_PREFIX "schema", len = strlen(META_PREFIX "schema");
    if (len <= pl || memcmp(uri, META_PREFIX, pl) != 0)
        return NULL;
    for (i = 0; i < pledge__metaschemas_count; i++) {
        const pledge_embedded *e = &pledge__metaschemas[i];
        size_t nl = strlen(e->name);
        if (nl == len - pl + 5 && memcmp(e->name, uri + pl, len - pl) == 0 &&
            strcmp(e->name + nl - 5, ".json") == 0)
            return e;
    }
    return NULL;
}

int pledge__metaschema_uri(const char *uri, size_t len)
{
    return find(uri, len) != NULL;
}

const char *pledge__metaschema_text(const char *uri, size_t len, size_t *size)
{
    const pledge_embedded *e = find(uri, len);
    if (!e)
        return NULL;
    *size = e->size;
    return e->data;
}

const sch_resource *pledge__schema_resource(const pledge_schema *schema, const char *uri,
                                            size_t len)
{
    return pledge__table_get(&schema->uris, 0, uri, len);
}

static int by_node(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const sch_map_entry *)a)->node;
    uintptr_t y = (uintptr_t)((const sch_map_entry *)b)->node;
    return x < y ? -1 : x > y;
}

void pledge__sch_map_sort(sch_map_entry *m, size_t n)
{
    qsort(m, n, sizeof *m, by_node);
}

const sch_node *pledge__schema_lookup(const pledge_schema *schema, const pledge_node *node)
{
    sch_map_entry key;
    const sch_map_entry *e;
    if (!schema || !schema->map)
        return NULL;
    key.node = node;
    key.sch = NULL;
    e = bsearch(&key, schema->map, schema->map_count, sizeof key, by_node);
    return e ? e->sch : NULL;
}
