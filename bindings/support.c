/* SPDX-License-Identifier: MIT */
/* The bindings' support layer (see support.h): whole operations over the
 * public API; validate() is the library's validation session. */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- results ------------------------------------------------------------- */

static pledge_sup_result *result_new(void)
{
    pledge_sup_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    if (pledge_diag_list_new(&r->diags, NULL) != PLEDGE_OK) {
        r->diags = NULL;
        r->status = PLEDGE_ENOMEM;
    }
    return r;
}

static void free_docs(pledge_sup_result *r)
{
    size_t i;
    for (i = 0; i < r->doc_count; i++)
        pledge_doc_free(r->docs[i]);
    free(r->docs);
    r->docs = NULL;
    r->doc_count = 0;
}

void pledge_sup_result_free(pledge_sup_result *result)
{
    size_t i;
    if (!result)
        return;
    free_docs(result);
    pledge_progress_free(result->progress);
    pledge_schema_free(result->schema);
    free(result->text);
    pledge_diag_list_free(result->diags);
    for (i = 0; result->file_names && i < result->file_count; i++)
        free(result->file_names[i]);
    free(result->file_names);
    free(result->file_doc_counts);
    free(result->file_diag_counts);
    free(result);
}

pledge_doc *pledge_sup_result_take_doc(pledge_sup_result *result, size_t index)
{
    pledge_doc *doc;
    if (!result || index >= result->doc_count)
        return NULL;
    doc = result->docs[index];
    result->docs[index] = NULL; /* pledge_doc_free(NULL) is a no-op later */
    return doc;
}

pledge_progress *pledge_sup_result_take_progress(pledge_sup_result *result)
{
    pledge_progress *p = result ? result->progress : NULL;
    if (result)
        result->progress = NULL;
    return p;
}

pledge_schema *pledge_sup_result_take_schema(pledge_sup_result *result)
{
    pledge_schema *s = result ? result->schema : NULL;
    if (result)
        result->schema = NULL;
    return s;
}

/* Return early: NULL when the result itself could not be allocated (the
 * typemaps report out of memory; a static result would be shared between
 * threads), the result when its diagnostic list could not be (status
 * PLEDGE_ENOMEM). */
#define RESULT_OR_NULL(r)                                                     \
    do {                                                                      \
        if (!(r))                                                             \
            return NULL;                                                      \
        if ((r)->status)                                                      \
            return (r);                                                       \
    } while (0)

/* The errno of the io.error diagnostic that an unreadable file gave (the
 * library records it), EIO when there is none. */
static int io_errno(const pledge_diag_list *diags)
{
    size_t i = pledge_diag_list_count(diags);
    while (i-- > 0) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        if (strcmp(d->code, "io.error") == 0 && pledge_diag_errno(d) != 0)
            return pledge_diag_errno(d);
    }
    return EIO;
}

/* Rebuild the list with every position zeroed (pledge_diag is read-only
 * to callers, so copy rather than cast the const away). */
static int zero_positions(pledge_sup_result *r)
{
    pledge_diag_list *fresh;
    size_t i, n = pledge_diag_list_count(r->diags);
    if (pledge_diag_list_new(&fresh, NULL) != PLEDGE_OK)
        return PLEDGE_ENOMEM;
    for (i = 0; i < n; i++) {
        const pledge_diag *d = pledge_diag_list_at(r->diags, i);
        if (pledge_diag_list_add(fresh, d->severity, d->code, d->file, d->document, 0, 0,
                                 d->instance_path, d->schema_path, d->message) != PLEDGE_OK) {
            pledge_diag_list_free(fresh);
            return PLEDGE_ENOMEM;
        }
    }
    pledge_diag_list_free(r->diags);
    r->diags = fresh;
    return PLEDGE_OK;
}

static int push_doc(pledge_sup_result *r, pledge_doc *doc)
{
    pledge_doc **grown = realloc(r->docs, (r->doc_count + 1) * sizeof *grown);
    if (!grown) {
        pledge_doc_free(doc);
        return PLEDGE_ENOMEM;
    }
    r->docs = grown;
    r->docs[r->doc_count++] = doc;
    return PLEDGE_OK;
}

/* The cross-document checks over the documents of one stream, as the CLI
 * would run them over that file alone. */
static int check_together(pledge_sup_result *r)
{
    pledge_set *set;
    size_t i;
    int rc = pledge_set_new(&set, NULL);
    if (rc)
        return rc;
    for (i = 0; i < r->doc_count && !rc; i++)
        rc = pledge_set_add_copy(set, r->docs[i]);
    if (!rc)
        rc = pledge_set_check(set, 0, r->diags);
    pledge_set_free(set);
    return rc;
}

static void load_stream(pledge_sup_result *r, pledge_reader *reader, unsigned int flags)
{
    int rc, invalid = 0;
    for (;;) {
        pledge_doc *doc = NULL;
        rc = pledge_doc_read_next(&doc, reader, NULL, r->diags);
        if (rc == PLEDGE_EINVALID) {
            invalid = 1;
            continue;
        }
        if (rc || !doc)
            break;
        rc = push_doc(r, doc);
        if (rc)
            break;
    }
    r->documents = pledge_reader_count(reader);
    if (!rc && (invalid || !pledge_reader_complete(reader)))
        rc = PLEDGE_EINVALID;
    if (!rc && r->doc_count > 1)
        rc = check_together(r);
    if (!rc && pledge_diag_list_count_severity(r->diags, PLEDGE_SEVERITY_ERROR) > 0)
        rc = PLEDGE_EINVALID; /* defensive: never hand out a document with errors */
    if (rc)
        free_docs(r);
    r->status = rc;
    if ((flags & PLEDGE_SUP_NO_POSITIONS) && zero_positions(r) != PLEDGE_OK)
        r->status = PLEDGE_ENOMEM;
}

static pledge_load_options load_options(unsigned int flags)
{
    pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
    if (flags & PLEDGE_SUP_JSON)
        opts.syntax = PLEDGE_SYNTAX_JSON;
    return opts;
}

pledge_sup_result *pledge_sup_load_file(const char *path, unsigned int flags)
{
    pledge_sup_result *r = result_new();
    pledge_load_options opts = load_options(flags);
    pledge_reader *reader = NULL;
    int rc;
    RESULT_OR_NULL(r);
    rc = pledge_reader_open_file(&reader, path, &opts, r->diags);
    if (rc) {
        r->status = rc;
        if (rc == PLEDGE_EIO)
            r->sys_errno = io_errno(r->diags);
        return r;
    }
    load_stream(r, reader, flags);
    pledge_reader_free(reader);
    return r;
}

pledge_sup_result *pledge_sup_load_buffer(const char *name, const char *data, size_t len,
                                          unsigned int flags)
{
    pledge_sup_result *r = result_new();
    pledge_load_options opts = load_options(flags);
    pledge_reader *reader = NULL;
    int rc;
    RESULT_OR_NULL(r);
    rc = pledge_reader_open_buffer(&reader, name ? name : "<string>", data ? data : "",
                                   data ? len : 0, &opts, r->diags);
    if (rc) {
        r->status = rc;
        return r;
    }
    load_stream(r, reader, flags);
    pledge_reader_free(reader);
    return r;
}

/* ---- validate: paths as the CLI takes them -------------------------------- */

static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *c = malloc(len);
    return c ? memcpy(c, s, len) : NULL;
}

/* The session of validate and read: @p list's paths, run. */
static int run_session(pledge_session **out, const char *const *list, size_t list_count,
                       unsigned int flags, unsigned int session_flags)
{
    pledge_session_options so = PLEDGE_SESSION_OPTIONS_INIT;
    size_t i;
    int rc;
    so.flags = session_flags | ((flags & PLEDGE_SUP_RESOLVE) ? PLEDGE_SESSION_RESOLVE : 0);
    rc = pledge_session_new(out, &so);
    for (i = 0; i < list_count && !rc; i++) {
        rc = list[i] ? pledge_session_add_path(*out, list[i], 0) : PLEDGE_EARG;
        if (rc == PLEDGE_EINVALID)
            rc = PLEDGE_OK; /* a PATH that yields no file: its io.error is a result */
    }
    if (!rc)
        rc = pledge_session_run(*out);
    return rc;
}

/* Each file's name, documents (taken from the session) and diagnostics
 * (moved), in load order. */
pledge_sup_result *pledge_sup_read(const char *const *list, size_t list_count,
                                   unsigned int flags)
{
    pledge_sup_result *r = result_new();
    pledge_session *session = NULL;
    size_t i, j, n, total = 0;
    int rc;
    RESULT_OR_NULL(r);
    if (!list && list_count) {
        r->status = PLEDGE_EARG;
        return r;
    }
    rc = run_session(&session, list, list_count, flags, PLEDGE_SESSION_KEEP_DOCUMENTS);
    n = pledge_session_file_count(session);
    for (i = 0; i < n; i++)
        total += pledge_session_file_documents(pledge_session_file_at(session, i));
    if (!rc && n) {
        r->file_names = calloc(n, sizeof *r->file_names);
        r->file_doc_counts = calloc(n, sizeof *r->file_doc_counts);
        r->file_diag_counts = calloc(n, sizeof *r->file_diag_counts);
        r->docs = total ? calloc(total, sizeof *r->docs) : NULL;
        if (!r->file_names || !r->file_doc_counts || !r->file_diag_counts ||
            (total && !r->docs))
            rc = PLEDGE_ENOMEM;
        else
            r->file_count = n;
    }
    for (i = 0; i < n && !rc; i++) {
        pledge_session_file *f = pledge_session_file_at(session, i);
        pledge_diag_list *diags = pledge_session_file_diags(f);
        size_t docs = pledge_session_file_documents(f);
        if (!(r->file_names[i] = copy_string(pledge_session_file_name(f)))) {
            rc = PLEDGE_ENOMEM;
            break;
        }
        for (j = 0; j < docs; j++)
            r->docs[r->doc_count++] = pledge_session_take_document(f, j);
        r->file_doc_counts[i] = docs;
        r->file_diag_counts[i] = pledge_diag_list_count(diags);
        rc = pledge_diag_list_move(r->diags, diags);
    }
    pledge_session_free(session);
    r->status = rc;
    return r;
}

/* The library's validation session does it all (folders, the files already
 * seen, standard input, the cross-document checks); the diagnostics come
 * back file by file in load order, each file's in reading order. */
pledge_sup_result *pledge_sup_validate(const char *const *list, size_t list_count,
                                       unsigned int flags)
{
    pledge_sup_result *r = result_new();
    pledge_session *session = NULL;
    size_t i, n;
    int rc;
    RESULT_OR_NULL(r);
    if (!list && list_count) {
        r->status = PLEDGE_EARG;
        return r;
    }
    rc = run_session(&session, list, list_count, flags, 0);
    n = pledge_session_file_count(session);
    for (i = 0; i < n && !rc; i++)
        rc = pledge_diag_list_move(r->diags,
                                   pledge_session_file_diags(pledge_session_file_at(session, i)));
    pledge_session_free(session);
    r->status = rc;
    return r;
}

/* ---- progress and writing -------------------------------------------------- */

pledge_sup_result *pledge_sup_progress(const pledge_doc *pledge,
                                       const pledge_doc *const *docs, size_t doc_count)
{
    pledge_sup_result *r = result_new();
    int rc;
    RESULT_OR_NULL(r);
    rc = pledge_progress_compute(&r->progress, pledge, docs, doc_count, r->diags);
    if (rc) {
        pledge_progress_free(r->progress);
        r->progress = NULL;
    }
    r->status = rc;
    return r;
}

typedef struct text_sink {
    char *data;
    size_t len, cap;
} text_sink;

static int sink_write(void *ud, const char *bytes, size_t len)
{
    text_sink *s = ud;
    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        char *grown;
        while (cap < s->len + len + 1)
            cap *= 2;
        grown = realloc(s->data, cap);
        if (!grown)
            return 1;
        s->data = grown;
        s->cap = cap;
    }
    memcpy(s->data + s->len, bytes, len);
    s->len += len;
    s->data[s->len] = '\0';
    return 0;
}

pledge_sup_result *pledge_sup_write(const pledge_doc *doc, unsigned int flags)
{
    pledge_sup_result *r = result_new();
    text_sink sink = {0};
    int rc;
    RESULT_OR_NULL(r);
    if (flags & PLEDGE_SUP_JSON)
        rc = pledge_doc_write_json(doc, (flags & PLEDGE_SUP_PRETTY) ? PLEDGE_WRITE_PRETTY : 0,
                                   sink_write, &sink);
    else
        rc = pledge_doc_write_yaml(doc, 0, sink_write, &sink);
    if (rc == PLEDGE_EIO)
        rc = PLEDGE_ENOMEM; /* our sink only refuses when it cannot grow */
    else if (rc == PLEDGE_EINVALID)
        rc = PLEDGE_ERROR; /* not invalid data: a value JSON cannot hold */
    if (!rc && !sink.data)
        rc = sink_write(&sink, "", 0) ? PLEDGE_ENOMEM : PLEDGE_OK;
    if (rc) {
        free(sink.data);
    } else {
        r->text = sink.data;
        r->text_len = sink.len;
    }
    r->status = rc;
    return r;
}

/* ---- JSON Pointer lookup ----------------------------------------------------- */

int pledge_sup_doc_has(const pledge_doc *doc, const char *pointer)
{
    const pledge_node *node = pledge_doc_root(doc);
    const char *p = pointer;
    if (!node || !pointer)
        return 0;
    while (*p) {
        char token[256];
        size_t n = 0;
        if (*p++ != '/')
            return 0;
        while (*p && *p != '/') {
            char c = *p++;
            if (c == '~') { /* RFC 6901 escapes */
                if (*p == '0')
                    c = '~';
                else if (*p == '1')
                    c = '/';
                else
                    return 0;
                p++;
            }
            if (n + 1 >= sizeof token)
                return 0;
            token[n++] = c;
        }
        token[n] = '\0';
        if (pledge_node_type_of(node) == PLEDGE_NODE_MAPPING) {
            node = pledge_node_get(node, token, n);
        } else if (pledge_node_type_of(node) == PLEDGE_NODE_SEQUENCE) {
            char *end;
            unsigned long index;
            if (n == 0 || (n > 1 && token[0] == '0'))
                return 0;
            errno = 0;
            index = strtoul(token, &end, 10);
            if (*end || errno)
                return 0;
            node = pledge_node_item(node, (size_t)index);
        } else {
            return 0;
        }
        if (!node)
            return 0;
    }
    return 1;
}

/* ---- generic JSON Schema ------------------------------------------------------- */

static int schema_options(pledge_schema_options *opts, pledge_ref_dir **dirs,
                          unsigned int flags, const char *const *list, size_t list_count)
{
    size_t i;
    *dirs = NULL;
    if (list_count % 2 != 0 || (!list && list_count))
        return PLEDGE_EARG;
    if (list_count) {
        *dirs = calloc(list_count / 2, sizeof **dirs);
        if (!*dirs)
            return PLEDGE_ENOMEM;
        for (i = 0; i < list_count / 2; i++) {
            (*dirs)[i].uri_prefix = list[2 * i];
            (*dirs)[i].directory = list[2 * i + 1];
        }
    }
    opts->ref_dirs = *dirs;
    opts->ref_dir_count = list_count / 2;
    if (flags & PLEDGE_SUP_ASSERT_FORMATS)
        opts->flags |= PLEDGE_SCHEMA_ASSERT_FORMATS;
    return PLEDGE_OK;
}

pledge_sup_result *pledge_sup_schema_file(const char *path, unsigned int flags,
                                          const char *const *list, size_t list_count)
{
    pledge_sup_result *r = result_new();
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_ref_dir *dirs;
    int rc;
    RESULT_OR_NULL(r);
    rc = schema_options(&opts, &dirs, flags, list, list_count);
    if (!rc) {
        rc = pledge_schema_compile_file(&r->schema, path, &opts, r->diags);
        if (rc == PLEDGE_EIO)
            r->sys_errno = io_errno(r->diags);
    }
    free(dirs);
    if (rc) {
        pledge_schema_free(r->schema);
        r->schema = NULL;
    }
    r->status = rc;
    return r;
}

pledge_sup_result *pledge_sup_schema_buffer(const char *name, const char *data, size_t len,
                                            unsigned int flags, const char *const *list,
                                            size_t list_count)
{
    pledge_sup_result *r = result_new();
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_load_options load = load_options(flags);
    pledge_ref_dir *dirs;
    int rc;
    RESULT_OR_NULL(r);
    opts.load = &load;
    rc = schema_options(&opts, &dirs, flags, list, list_count);
    if (!rc)
        rc = pledge_schema_compile_buffer(&r->schema, name ? name : "<string>",
                                          data ? data : "", data ? len : 0, &opts, r->diags);
    free(dirs);
    if (rc) {
        pledge_schema_free(r->schema);
        r->schema = NULL;
    }
    r->status = rc;
    return r;
}

pledge_sup_result *pledge_sup_schema_validate_file(const pledge_schema *schema,
                                                   const char *path, unsigned int flags)
{
    pledge_sup_result *r = result_new();
    pledge_load_options load = load_options(flags);
    int rc;
    RESULT_OR_NULL(r);
    rc = pledge_schema_validate_file(schema, path, &load, 0, r->diags);
    if (rc == PLEDGE_EINVALID || rc == PLEDGE_EIO)
        rc = PLEDGE_OK; /* the diagnostics are the answer */
    r->status = rc;
    return r;
}

pledge_sup_result *pledge_sup_schema_validate_buffer(const pledge_schema *schema,
                                                     const char *name, const char *data,
                                                     size_t len, unsigned int flags)
{
    pledge_sup_result *r = result_new();
    pledge_load_options load = load_options(flags);
    pledge_reader *reader = NULL;
    int rc;
    RESULT_OR_NULL(r);
    if (!schema) {
        r->status = PLEDGE_EARG;
        return r;
    }
    rc = pledge_reader_open_buffer(&reader, name ? name : "<string>", data ? data : "",
                                   data ? len : 0, &load, r->diags);
    while (!rc) {
        pledge_tree *tree = NULL;
        rc = pledge_reader_next(reader, &tree, r->diags);
        if (rc || !tree)
            break;
        if (pledge_tree_root(tree))
            rc = pledge_schema_validate(schema, pledge_tree_root(tree), pledge_tree_name(tree),
                                        pledge_tree_index(tree), 0, r->diags);
        if (rc == PLEDGE_EINVALID)
            rc = PLEDGE_OK;
        pledge_tree_free(tree);
    }
    pledge_reader_free(reader);
    r->status = rc;
    if (flags & PLEDGE_SUP_NO_POSITIONS && zero_positions(r) != PLEDGE_OK)
        r->status = PLEDGE_ENOMEM;
    return r;
}

/* ---- the tree walk -------------------------------------------------------------- */

typedef struct walk_frame {
    const pledge_node *node;
    size_t next, size;
    int mapping;
} walk_frame;

int pledge_sup_walk(const pledge_node *node, const pledge_sup_walk_ops *ops, void *ud)
{
    walk_frame *stack = NULL;
    size_t depth = 0, cap = 0;
    int rc = 0;
    if (!node || !ops || !ops->scalar || !ops->open || !ops->key || !ops->close)
        return PLEDGE_EARG;
    for (;;) {
        /* Announce @p node: a scalar at once, a container by opening it. */
        pledge_node_type t = pledge_node_type_of(node);
        if (t == PLEDGE_NODE_SEQUENCE || t == PLEDGE_NODE_MAPPING) {
            size_t size = pledge_node_size(node);
            if (depth == cap) {
                size_t ncap = cap ? 2 * cap : 32;
                walk_frame *grown = realloc(stack, ncap * sizeof *grown);
                if (!grown) {
                    rc = PLEDGE_ENOMEM;
                    break;
                }
                stack = grown;
                cap = ncap;
            }
            stack[depth].node = node;
            stack[depth].next = 0;
            stack[depth].size = size;
            stack[depth].mapping = t == PLEDGE_NODE_MAPPING;
            depth++;
            rc = ops->open(ud, node, size);
        } else {
            rc = ops->scalar(ud, node);
        }
        if (rc)
            break;
        /* Find the next value to announce, closing finished containers. */
        node = NULL;
        while (depth > 0 && !node) {
            walk_frame *f = &stack[depth - 1];
            if (f->next == f->size) {
                rc = ops->close(ud, f->node);
                depth--;
                if (rc)
                    break;
                continue;
            }
            if (f->mapping) {
                rc = ops->key(ud, pledge_node_key(f->node, f->next));
                if (rc)
                    break;
                node = pledge_node_value(f->node, f->next);
            } else {
                node = pledge_node_item(f->node, f->next);
            }
            f->next++;
        }
        if (rc || !node)
            break;
    }
    free(stack);
    return rc;
}
