/* SPDX-License-Identifier: MIT */
/* The built-in JSON Schema 2020-12 metaschemas as documents: which URIs
 * they have and their trees, read from the embedded text through the node
 * layer. Compiling them (once per process, shared read-only) is the
 * compiler's (compile.c), which depends on this file, not the reverse. */
#include "internal.h"
#include "core/embedded.h"
#include "node/json_reader.h"

#include <string.h>

#define META_URI PLEDGE__META_URI
#define META_PREFIX PLEDGE__META_PREFIX

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

int pledge__metaschema_tree(pledge_tree **out, const char *uri, size_t len,
                            const pledge_load_options *load, pledge_diag_list *diags)
{
    const pledge_embedded *e = find(uri, len);
    pledge_tree *tree = NULL;
    int rc;
    *out = NULL;
    if (!e)
        return PLEDGE_ERROR;
    /* named by its URI, as the schema's diagnostics name it */
    rc = pledge__json_read(&tree, e->data, e->size, uri, 0, load, diags);
    if (rc)
        return rc == PLEDGE_ENOMEM ? rc : PLEDGE_ERROR;
    if (!tree->root || tree->errors) {
        pledge_tree_free(tree);
        return PLEDGE_ERROR;
    }
    *out = tree;
    return PLEDGE_OK;
}

const char *pledge__metaschema_vocabulary(size_t i, size_t *len)
{
    size_t k, nl;
    for (k = 0; k < pledge__metaschemas_count; k++) {
        const char *name = pledge__metaschemas[k].name;
        nl = strlen(name);
        if (strncmp(name, "meta/", 5) != 0 || nl < 6 || strcmp(name + nl - 5, ".json") != 0)
            continue;
        if (i-- == 0) {
            *len = nl - 5;
            return name;
        }
    }
    return NULL;
}
