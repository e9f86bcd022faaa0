/* SPDX-License-Identifier: MIT */
/* Loading documents: choose the format, validate with the built-in
 * schema, run the semantic walk (which builds the model as it checks),
 * and hand out the model only when nothing is wrong. */
#include "internal.h"
#include "core/alloc.h"
#include "core/diag.h"
#include "pledge/schema.h"

#include <string.h>

#define KNOWN_FORMATS "known formats are pledge/1 and follow-up/1"

static void format_diag(pledge_diag_list *diags, const pledge_tree *tree,
                        const pledge_node *node, const char *path, int *rc, const char *msg)
{
    pledge_diag_where where;
    int r;
    memset(&where, 0, sizeof where);
    where.file = tree->name;
    where.document = tree->index;
    where.mark = pledge_node_mark(node);
    where.instance_path = path;
    where.schema_path = "";
    r = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "pledge.unknown-format", &where, "%s",
                          msg);
    *rc = r ? r : PLEDGE_EINVALID;
}

/* The kind named by the root's "format" key; 0 (and a diagnostic) when
 * none is known. *rc is PLEDGE_EINVALID or PLEDGE_ENOMEM then. */
static pledge_doc_kind detect_format(const pledge_tree *tree, pledge_diag_list *diags,
                                     const pledge_allocator *allocator, int *rc)
{
    const pledge_node *root = tree->root, *f;
    pledge_buf q;
    *rc = PLEDGE_OK;
    if (root->type != PLEDGE_NODE_MAPPING) {
        if (root->type == PLEDGE_NODE_NULL)
            format_diag(diags, tree, root, "", rc,
                        "the document is empty; a document starts with a \"format\" key: "
                        KNOWN_FORMATS);
        else if (root->type == PLEDGE_NODE_SEQUENCE)
            format_diag(diags, tree, root, "", rc,
                        "the document is a list, not a mapping with a \"format\" key; "
                        KNOWN_FORMATS);
        else
            format_diag(diags, tree, root, "", rc,
                        "the document is a single value, not a mapping with a \"format\" key; "
                        KNOWN_FORMATS);
        return 0;
    }
    f = pledge_node_get(root, "format", 6);
    if (!f) {
        format_diag(diags, tree, root, "", rc, "missing \"format\" key; " KNOWN_FORMATS);
        return 0;
    }
    if (f->type == PLEDGE_NODE_STRING) {
        if (f->u.s.len == 8 && memcmp(f->u.s.ptr, "pledge/1", 8) == 0)
            return PLEDGE_DOC_PLEDGE;
        if (f->u.s.len == 11 && memcmp(f->u.s.ptr, "follow-up/1", 11) == 0)
            return PLEDGE_DOC_FOLLOW_UP;
    }
    pledge__buf_init(&q, allocator);
    pledge__buf_puts(&q, "unknown format ");
    if (f->type == PLEDGE_NODE_STRING)
        pledge__buf_quote(&q, f->u.s.ptr, f->u.s.len, 40);
    else
        pledge__buf_printf(&q, "(a value of type %s)", pledge_node_type_name(f->type));
    pledge__buf_puts(&q, "; " KNOWN_FORMATS);
    if (q.failed)
        *rc = PLEDGE_ENOMEM;
    else
        format_diag(diags, tree, f, "/format", rc, pledge__buf_cstr(&q));
    pledge__buf_free(&q);
    return 0;
}

void pledge_doc_free(pledge_doc *doc)
{
    if (!doc)
        return;
    pledge__arena_free(&doc->arena);
    if (doc->owns_tree)
        pledge_tree_free(doc->tree);
    pledge__free(doc->allocator, doc);
}

/* Load from @p tree; with @p owned the tree is the document's from the
 * start (and freed on failure, unless @p invalid_tree is non-NULL: an
 * invalid document's tree is then handed back there, for the set to
 * record). Without @p owned, the tree is copied only when a model is
 * wanted (out non-NULL), since validation alone can read it in place. */
static int load(pledge_doc **out, pledge_tree *tree, int owned,
                const pledge_allocator *allocator, pledge_diag_list *diags,
                pledge_tree **invalid_tree, unsigned int validate_flags)
{
    pledge_diag_list *mine = NULL;
    const pledge_schema *schema;
    pledge_doc_kind kind;
    pledge_tree *src = tree;
    pledge_doc *doc;
    pledge__walk w;
    int rc, invalid;

    if (out)
        *out = NULL;
    if (invalid_tree)
        *invalid_tree = NULL;
    if (!tree->root) {
        /* A refused document: the reader said why. */
        rc = PLEDGE_EINVALID;
        goto fail;
    }
    kind = detect_format(tree, diags, allocator, &rc);
    if (!kind || !(schema = pledge__builtin_schema(kind, diags, &rc)))
        goto fail;
    if (!owned && out) {
        rc = pledge__tree_copy(&src, tree, allocator);
        if (rc)
            return rc;
        owned = 1;
        invalid_tree = NULL; /* the copy is ours alone */
    }
    doc = pledge__calloc(allocator, 1, sizeof *doc);
    if (!doc) {
        if (owned)
            pledge_tree_free(src);
        return PLEDGE_ENOMEM;
    }
    doc->allocator = allocator;
    doc->kind = kind;
    doc->tree = src;
    doc->owns_tree = owned;
    pledge__arena_init(&doc->arena, allocator);
    doc->file = src->name;
    doc->index = src->index;
    doc->root = src->root;

    /* The document's diagnostics are gathered apart and reworded for
     * pledge writers on the way to @p diags (messages.c). */
    if (diags && pledge_diag_list_new(&mine, pledge__diag_list_allocator(diags))) {
        pledge_doc_free(doc);
        return PLEDGE_ENOMEM;
    }
    rc = pledge_schema_validate(schema, doc->root, doc->file, doc->index, validate_flags,
                                mine);
    if (rc != PLEDGE_OK && rc != PLEDGE_EINVALID) {
        pledge_diag_list_free(mine);
        pledge_doc_free(doc);
        return rc;
    }
    invalid = rc == PLEDGE_EINVALID || src->errors > 0;

    memset(&w, 0, sizeof w);
    w.doc = doc;
    w.diags = mine;
    if (kind == PLEDGE_DOC_PLEDGE)
        pledge__pledge_build(&w, doc->root);
    else
        pledge__follow_up_build(&w, doc->root);
    invalid = invalid || w.errors > 0;
    /* Schema and semantic problems in reading order, as people fix them. */
    pledge_diag_list_sort(mine, 0);
    rc = w.rc;
    if (!rc && diags)
        rc = pledge__pledge_messages(diags, mine, 0);
    pledge_diag_list_free(mine);
    if (rc) {
        pledge_doc_free(doc);
        return rc;
    }
    if (invalid && invalid_tree && owned) {
        doc->owns_tree = 0;
        *invalid_tree = src;
    }
    if (invalid || !out) {
        pledge_doc_free(doc);
        return invalid ? PLEDGE_EINVALID : PLEDGE_OK;
    }
    *out = doc;
    return PLEDGE_OK;

fail:
    if (owned) {
        if (rc == PLEDGE_EINVALID && invalid_tree)
            *invalid_tree = tree;
        else
            pledge_tree_free(tree);
    }
    return rc;
}

/* The part of a pledge an error at @p d touches (PLEDGE__PART_*): by the
 * first key of its instance path, or for a missing key at the root by the
 * key it names. Other parts (title, area, channels…) touch nothing the
 * follow-ups are checked against. */
static unsigned part_of(const pledge_diag *d)
{
    static const struct { const char *key; unsigned part; } parts[] = {
        { "parties", PLEDGE__PART_PARTIES }, { "themes", PLEDGE__PART_ACTIVITIES },
        { "activities", PLEDGE__PART_ACTIVITIES }, { "goals", PLEDGE__PART_INDICATORS },
        { "period", PLEDGE__PART_PERIOD }, { "language", PLEDGE__PART_LANGUAGE },
        { "id", PLEDGE__PART_ALL },
    };
    const char *p = d->instance_path, *key;
    size_t i, len;
    if (*p == '/') {
        key = p + 1;
        len = strcspn(key, "/");
    } else {
        /* "missing required property \"x\"" and the like at the root */
        key = strchr(d->message, '"');
        if (!key)
            return PLEDGE__PART_ALL;
        key++;
        len = strcspn(key, "\"");
        if (strstr(d->message, "themes") && strstr(d->message, "activities"))
            return PLEDGE__PART_ACTIVITIES;
    }
    for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strlen(parts[i].key) == len && memcmp(parts[i].key, key, len) == 0)
            return parts[i].part;
    return *p == '/' ? 0u : PLEDGE__PART_ALL;
}

int pledge__doc_load_partial(pledge_doc **out, const pledge_tree *tree,
                             const pledge_allocator *allocator, unsigned *unreliable)
{
    const pledge_schema *schema;
    pledge_diag_list *scratch = NULL;
    pledge_doc *doc;
    pledge__walk w;
    size_t i;
    int rc;

    *out = NULL;
    *unreliable = PLEDGE__PART_ALL;
    if (!tree->root || !(schema = pledge__builtin_schema(PLEDGE_DOC_PLEDGE, NULL, &rc)))
        return tree->root ? rc : PLEDGE_EINVALID;
    if (pledge_diag_list_new(&scratch, allocator))
        return PLEDGE_ENOMEM;
    /* The model reads the tree in place: it is the caller's and outlives
     * this call's use of it (the summary copies what it keeps). */
    doc = pledge__calloc(allocator, 1, sizeof *doc);
    if (!doc) {
        pledge_diag_list_free(scratch);
        return PLEDGE_ENOMEM;
    }
    doc->allocator = allocator;
    doc->kind = PLEDGE_DOC_PLEDGE;
    doc->tree = (pledge_tree *)tree;
    doc->owns_tree = 0;
    pledge__arena_init(&doc->arena, allocator);
    doc->file = tree->name;
    doc->index = tree->index;
    doc->root = tree->root;
    rc = pledge_schema_validate(schema, doc->root, doc->file, doc->index, 0, scratch);
    if (rc == PLEDGE_OK || rc == PLEDGE_EINVALID) {
        memset(&w, 0, sizeof w);
        w.doc = doc;
        w.diags = scratch;
        pledge__pledge_build(&w, doc->root);
        rc = w.rc;
    }
    if (!rc) {
        *unreliable = tree->errors ? PLEDGE__PART_ALL : 0u;
        for (i = 0; i < pledge_diag_list_count(scratch); i++) {
            const pledge_diag *d = pledge_diag_list_at(scratch, i);
            if (d->severity == PLEDGE_SEVERITY_ERROR)
                *unreliable |= part_of(d);
        }
        *out = doc;
    } else {
        pledge_doc_free(doc);
    }
    pledge_diag_list_free(scratch);
    return rc;
}

int pledge__doc_load(pledge_doc **out, pledge_tree *tree, const pledge_allocator *allocator,
                     pledge_diag_list *diags, pledge_tree **invalid_tree,
                     unsigned int validate_flags)
{
    return load(out, tree, 1, allocator, diags, invalid_tree, validate_flags);
}

int pledge_doc_from_tree(pledge_doc **out, const pledge_tree *tree,
                         const pledge_allocator *allocator, pledge_diag_list *diags)
{
    if (out)
        *out = NULL;
    if (!tree)
        return PLEDGE_EARG;
    /* Not owned: load() never frees or changes the tree then. */
    return load(out, (pledge_tree *)tree, 0, allocator, diags, NULL, 0);
}

int pledge_doc_take_tree(pledge_doc **out, pledge_tree *tree,
                         const pledge_allocator *allocator, pledge_diag_list *diags,
                         pledge_tree **rejected)
{
    if (out)
        *out = NULL;
    if (rejected)
        *rejected = NULL;
    if (!tree)
        return PLEDGE_EARG;
    return load(out, tree, 1, allocator, diags, rejected, 0);
}

int pledge_doc_from_tree_owned(pledge_doc **out, pledge_tree *tree,
                               const pledge_allocator *allocator, pledge_diag_list *diags)
{
    if (out)
        *out = NULL;
    if (!tree)
        return PLEDGE_EARG;
    return load(out, tree, 1, allocator, diags, NULL, 0);
}

int pledge_doc_read_next(pledge_doc **out, pledge_reader *reader,
                         const pledge_allocator *allocator, pledge_diag_list *diags)
{
    pledge_tree *tree = NULL;
    int rc;
    if (!out || !reader)
        return PLEDGE_EARG;
    *out = NULL;
    rc = pledge_reader_next(reader, &tree, diags);
    if (rc || !tree)
        return rc;
    return load(out, tree, 1, allocator, diags, NULL, 0);
}

/* Read every document of @p reader; keep the one there must be. A stream
 * of no document or of several is invalid input like any other: a
 * diagnostic says so (as pledge_tree_parse does). */
static int load_one(pledge_doc **out, pledge_reader *reader, const char *name,
                    const pledge_allocator *allocator, pledge_diag_list *diags)
{
    pledge_doc *doc = NULL, *one = NULL;
    size_t count = 0;
    int rc, invalid = 0;
    for (;;) {
        rc = pledge_doc_read_next(&doc, reader, allocator, diags);
        if (rc == PLEDGE_EINVALID) {
            invalid = 1;
            count++;
            continue;
        }
        if (rc)
            break;
        if (!doc)
            break;
        if (count++ == 0)
            one = doc;
        else
            pledge_doc_free(doc);
    }
    if (rc == PLEDGE_OK && (invalid || !pledge_reader_complete(reader)))
        rc = PLEDGE_EINVALID;
    if (rc == PLEDGE_OK && count != 1) {
        pledge_diag_where w;
        memset(&w, 0, sizeof w);
        w.file = name;
        w.document = count ? 1 : 0;
        rc = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "yaml.syntax", &w,
                               count ? "the stream holds %zu documents; one is expected"
                                     : "the stream holds no document; one is expected",
                               count);
        if (rc == PLEDGE_OK)
            rc = PLEDGE_EINVALID;
    }
    if (rc) {
        pledge_doc_free(one);
        return rc;
    }
    *out = one;
    return PLEDGE_OK;
}

static const pledge_allocator *opts_allocator(const pledge_load_options *opts)
{
    return opts ? opts->allocator : NULL;
}

int pledge_doc_load_file(pledge_doc **out, const char *path, const pledge_load_options *opts,
                         pledge_diag_list *diags)
{
    pledge_reader *reader;
    int rc;
    if (!out || !path)
        return PLEDGE_EARG;
    *out = NULL;
    rc = pledge_reader_open_file(&reader, path, opts, diags);
    if (rc)
        return rc;
    rc = load_one(out, reader, path, opts_allocator(opts), diags);
    pledge_reader_free(reader);
    return rc;
}

int pledge_doc_load_buffer(pledge_doc **out, const char *name, const void *data, size_t len,
                           const pledge_load_options *opts, pledge_diag_list *diags)
{
    pledge_reader *reader;
    int rc;
    if (!out || (!data && len))
        return PLEDGE_EARG;
    *out = NULL;
    rc = pledge_reader_open_buffer(&reader, name, data ? data : "", len, opts, diags);
    if (rc)
        return rc;
    rc = load_one(out, reader, name, opts_allocator(opts), diags);
    pledge_reader_free(reader);
    return rc;
}

/* ---- the document as a whole ------------------------------------------- */

pledge_doc_kind pledge_doc_kind_of(const pledge_doc *doc)
{
    return doc ? doc->kind : (pledge_doc_kind)0;
}

const char *pledge_doc_file(const pledge_doc *doc)
{
    return doc && doc->file ? doc->file : "";
}

size_t pledge_doc_index(const pledge_doc *doc)
{
    return doc ? doc->index : 0;
}

const pledge_node *pledge_doc_root(const pledge_doc *doc)
{
    return doc ? doc->root : NULL;
}

int pledge_doc_write_yaml(const pledge_doc *doc, unsigned int flags, pledge_write_fn write,
                          void *ud)
{
    if (!doc || !write)
        return PLEDGE_EARG;
    return pledge_node_write_yaml(doc->root, flags, write, ud);
}

int pledge_doc_write_json(const pledge_doc *doc, unsigned int flags, pledge_write_fn write,
                          void *ud)
{
    if (!doc || !write)
        return PLEDGE_EARG;
    return pledge_node_write_json(doc->root, flags, write, ud);
}

int pledge_doc_equal(const pledge_doc *a, const pledge_doc *b)
{
    if (!a || !b)
        return a == b;
    return a->kind == b->kind && pledge_node_equal(a->root, b->root);
}
