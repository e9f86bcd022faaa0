/* SPDX-License-Identifier: MIT */
/*
 * The compiler: schema documents to immutable sch_node graphs.
 *
 * A document is first scanned for its resources ($id), anchors ($anchor,
 * $dynamicAnchor) and the resource each subschema belongs to; then each
 * subschema is compiled once (memoised by its node), its references put on
 * a work list and resolved afterwards, so that the C stack only follows
 * the nesting of the source, never a chain of references. Documents that
 * references name are loaded on demand: the built-in metaschemas, the
 * resolver hook, the ref_dirs folders, and file: URIs inside the root
 * schema's folder. Nothing else, and never the network.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "internal.h"
#include "number.h"
#include "uri.h"
#include "core/alloc.h"
#include "node/json_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define META_URI PLEDGE__META_URI
#define VOCAB_PREFIX "https://json-schema.org/draft/2020-12/vocab/"

typedef struct map_slot {
    const pledge_node *node;
    sch_node *sch;
    sch_resource *res;
} map_slot;

typedef struct pending {
    sch_node *s;
    const pledge_node *ref;   /* the $ref / $dynamicRef value */
    int dynamic;
    struct pending *next;
} pending;

typedef struct cctx {
    pledge_schema *out;
    const pledge_allocator *a;
    const pledge_schema_options *opts;
    pledge_load_options load;
    pledge_diag_list *diags;
    unsigned int flags;
    int builtin;              /* compiling the built-in metaschema itself */
    const pledge_schema *meta;/* the built-in metaschema, fetched lazily */
    pledge__table nodes;      /* source node -> map_slot (in the arena) */
    size_t map_count;
    pledge__table keys;       /* (mapping, key) -> value, for JSON Pointers */
    pledge__table failed;     /* URIs whose loading failed (and said why) */
    pledge__table indexed;    /* mappings whose keys are in keys */
    pending *todo;
    char *root_dir;           /* folder of the root schema file, or NULL */
    int errors;
    int rc;                   /* a fatal error: PLEDGE_ENOMEM or the resolver's */
} cctx;

/* ------------------------------------------------------------------ */
/* small helpers                                                       */
/* ------------------------------------------------------------------ */

static void oom(cctx *c)
{
    if (!c->rc)
        c->rc = PLEDGE_ENOMEM;
}

static void *alloc0(cctx *c, size_t size)
{
    void *p = pledge__arena_alloc(&c->out->arena, size ? size : 1);
    if (!p) {
        oom(c);
        return NULL;
    }
    memset(p, 0, size ? size : 1);
    return p;
}

static void *alloc_array(cctx *c, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        oom(c);
        return NULL;
    }
    return alloc0(c, n * size);
}

static char *dup_str(cctx *c, const char *s, size_t len)
{
    char *p = pledge__arena_strndup(&c->out->arena, s, len);
    if (!p)
        oom(c);
    return p;
}

static const pledge_node *get(const pledge_node *n, const char *key)
{
    return pledge_node_get(n, key, strlen(key));
}

static int str_is(const pledge_node *n, const char *s)
{
    size_t len = strlen(s);
    return n && n->type == PLEDGE_NODE_STRING && n->u.s.len == len &&
           memcmp(n->u.s.ptr, s, len) == 0;
}

/* Append the JSON Pointer of @p target inside @p n (a value or a key). */
static int find_path(pledge_buf *b, const pledge_node *n, const pledge_node *target)
{
    size_t i, mark = b->len;
    if (n == target)
        return 1;
    if (n->type == PLEDGE_NODE_MAPPING) {
        for (i = 0; i < n->u.map.count; i++) {
            const pledge_pair *p = &n->u.map.pairs[i];
            pledge__buf_putc(b, '/');
            pledge__json_pointer_escape(b, p->key->u.s.ptr, p->key->u.s.len);
            if (p->key == target || find_path(b, p->value, target))
                return 1;
            b->len = mark;
            if (b->data)
                b->data[mark] = '\0';
        }
    } else if (n->type == PLEDGE_NODE_SEQUENCE) {
        for (i = 0; i < n->u.seq.count; i++) {
            pledge__buf_printf(b, "/%zu", i);
            if (find_path(b, n->u.seq.items[i], target))
                return 1;
            b->len = mark;
            if (b->data)
                b->data[mark] = '\0';
        }
    }
    return 0;
}

/* The key whose value is @p target somewhere below @p n, or NULL. */
static const pledge_node *key_of(const pledge_node *n, const pledge_node *target)
{
    size_t i;
    const pledge_node *k;
    if (n->type == PLEDGE_NODE_MAPPING) {
        for (i = 0; i < n->u.map.count; i++) {
            if (n->u.map.pairs[i].value == target || n->u.map.pairs[i].key == target)
                return n->u.map.pairs[i].key;
            if ((k = key_of(n->u.map.pairs[i].value, target)) != NULL)
                return k;
        }
    } else if (n->type == PLEDGE_NODE_SEQUENCE) {
        for (i = 0; i < n->u.seq.count; i++)
            if ((k = key_of(n->u.seq.items[i], target)) != NULL)
                return k;
    }
    return NULL;
}

/* A schema.invalid diagnostic at @p at (a node of @p doc), positioned at
 * the keyword (the key) when @p at is a keyword's value. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void cerr(cctx *c, const sch_doc *doc, const pledge_node *at, const char *fmt, ...)
{
    pledge_diag_where w;
    pledge_buf path, msg;
    const pledge_node *key;
    va_list ap;
    c->errors++;
    pledge__buf_init(&path, c->a);
    pledge__buf_init(&msg, c->a);
    if (doc && doc->root && at)
        find_path(&path, doc->root, at);
    va_start(ap, fmt);
    pledge__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    memset(&w, 0, sizeof w);
    w.file = doc ? doc->name : "";
    key = doc && doc->root && at ? key_of(doc->root, at) : NULL;
    w.mark = pledge_node_mark(key ? key : at);
    w.instance_path = pledge__buf_cstr(&path);
    w.schema_path = "";
    if (path.failed || msg.failed ||
        pledge__diag_addf(c->diags, PLEDGE_SEVERITY_ERROR, "schema.invalid", &w, "%s",
                          pledge__buf_cstr(&msg)))
        oom(c);
    pledge__buf_free(&path);
    pledge__buf_free(&msg);
}

/* ------------------------------------------------------------------ */
/* node -> compiled schema map (compile time only)                     */
/* ------------------------------------------------------------------ */

/* The slot of @p n (made when @p create): slots live in the arena, so a
 * pointer to one stays valid while the table grows. */
static map_slot *map_get(cctx *c, const pledge_node *n, int create)
{
    map_slot *e = pledge__table_get(&c->nodes, (uintptr_t)n, "", 0);
    if (e || !create)
        return e;
    e = alloc0(c, sizeof *e);
    if (!e)
        return NULL;
    e->node = n;
    if (pledge__table_put(&c->nodes, (uintptr_t)n, "", 0, e, NULL)) {
        oom(c);
        return NULL;
    }
    c->map_count++;
    return e;
}

/* ------------------------------------------------------------------ */
/* the built-in metaschema                                             */
/* ------------------------------------------------------------------ */

/* The 2020-12 metaschema, compiled once per process on first use and
 * shared (read-only) by every schema that refers to it or is checked
 * against it; its documents come from metaschema.c. */
static pthread_once_t meta_once = PTHREAD_ONCE_INIT;
static pledge_schema *meta_schema;

static int compile_builtin(pledge_schema **out);

static void meta_init(void)
{
    /* On failure (out of memory) meta_schema stays NULL and every later
     * call reports PLEDGE_ENOMEM: the library never aborts. */
    if (compile_builtin(&meta_schema))
        meta_schema = NULL;
}

static const pledge_schema *metaschema(void)
{
    pthread_once(&meta_once, meta_init);
    return meta_schema;
}

static int by_node(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const sch_map_entry *)a)->node;
    uintptr_t y = (uintptr_t)((const sch_map_entry *)b)->node;
    return x < y ? -1 : x > y;
}

/* The compiled schema of node @p node in the built-in metaschema, or NULL. */
static const sch_node *schema_lookup(const pledge_schema *schema, const pledge_node *node)
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

/* ------------------------------------------------------------------ */
/* resources and documents                                             */
/* ------------------------------------------------------------------ */

static sch_resource *uri_lookup(cctx *c, const char *uri, size_t len)
{
    return pledge__table_get(&c->out->uris, 0, uri, len);
}

static void uri_register(cctx *c, const char *uri, sch_resource *res)
{
    if (pledge__table_put(&c->out->uris, 0, uri, strlen(uri), res, NULL))
        oom(c);
}

static sch_resource *new_resource(cctx *c, const char *uri, const pledge_node *node,
                                  sch_doc *doc)
{
    sch_resource *r = alloc0(c, sizeof *r);
    if (!r)
        return NULL;
    r->uri = uri;
    r->node = node;
    r->doc = doc;
    r->anchor_table = &c->out->anchors;
    r->next = c->out->resources;
    c->out->resources = r;
    uri_register(c, uri, r);
    return r;
}

static void add_anchor(cctx *c, sch_resource *r, const pledge_node *name,
                       const pledge_node *node, int dynamic)
{
    sch_anchor *a = pledge__table_get(&c->out->anchors, pledge__anchor_ns(r, dynamic),
                                      name->u.s.ptr, name->u.s.len);
    if (a) {
        if (a->node != node)
            cerr(c, r->doc, name, "the anchor \"%s\" is defined twice in the resource %s",
                 name->u.s.ptr, r->uri);
        return;
    }
    a = alloc0(c, sizeof *a);
    if (!a)
        return;
    a->name = name->u.s.ptr;
    a->len = name->u.s.len;
    a->node = node;
    a->dynamic = dynamic;
    if (pledge__table_put(&c->out->anchors, pledge__anchor_ns(r, dynamic), a->name, a->len, a,
                          NULL)) {
        oom(c);
        return;
    }
    a->next = r->anchors;
    r->anchors = a;
}

/* Keywords whose values are subschemas, by shape. */
static const char *const kw_schema[] = {
    "items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems",
    "contains", "propertyNames", "not", "if", "then", "else", NULL
};
static const char *const kw_schema_array[] = { "allOf", "anyOf", "oneOf", "prefixItems", NULL };
static const char *const kw_schema_map[] = {
    "$defs", "properties", "patternProperties", "dependentSchemas", NULL
};

static int in_list(const char *const *list, const pledge_node *key)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (str_is(key, list[i]))
            return 1;
    return 0;
}

/* Find resources and anchors; note which resource each subschema is in. */
static void scan(cctx *c, sch_doc *doc, const pledge_node *n, sch_resource *res)
{
    const pledge_node *id, *anchor;
    map_slot *e;
    size_t i, j;
    if (c->rc || !res)
        return;
    if (n->type == PLEDGE_NODE_BOOL) {
        e = map_get(c, n, 1);
        if (e && !e->res)
            e->res = res;
        return;
    }
    if (n->type != PLEDGE_NODE_MAPPING)
        return;
    id = get(n, "$id");
    if (id && id->type == PLEDGE_NODE_STRING && n != res->node) {
        pledge_buf b;
        size_t flen;
        pledge__buf_init(&b, c->a);
        pledge__uri_resolve(&b, res->uri, id->u.s.ptr);
        if (b.failed) {
            pledge__buf_free(&b);
            oom(c);
            return;
        }
        flen = pledge__uri_strip_fragment(b.data);
        if (flen + 1 < b.len) {
            cerr(c, doc, id, "\"$id\" must not have a fragment (\"%s\"); use \"$anchor\"",
                 id->u.s.ptr);
        } else {
            sch_resource *old = uri_lookup(c, b.data, flen);
            if (old && old->node != n) {
                cerr(c, doc, id, "two schemas have the same \"$id\" %s", id->u.s.ptr);
            } else if (!old) {
                char *u = dup_str(c, b.data, flen);
                if (u)
                    res = new_resource(c, u, n, doc);
            } else {
                res = old;
            }
        }
        pledge__buf_free(&b);
        if (!res)
            return;
    }
    e = map_get(c, n, 1);
    if (!e)
        return;
    if (!e->res)
        e->res = res;
    anchor = get(n, "$anchor");
    if (anchor && anchor->type == PLEDGE_NODE_STRING)
        add_anchor(c, res, anchor, n, 0);
    anchor = get(n, "$dynamicAnchor");
    if (anchor && anchor->type == PLEDGE_NODE_STRING)
        add_anchor(c, res, anchor, n, 1);
    for (i = 0; i < n->u.map.count; i++) {
        const pledge_node *k = n->u.map.pairs[i].key, *v = n->u.map.pairs[i].value;
        if (in_list(kw_schema, k)) {
            scan(c, doc, v, res);
        } else if (in_list(kw_schema_array, k) && v->type == PLEDGE_NODE_SEQUENCE) {
            for (j = 0; j < v->u.seq.count; j++)
                scan(c, doc, v->u.seq.items[j], res);
        } else if (in_list(kw_schema_map, k) && v->type == PLEDGE_NODE_MAPPING) {
            for (j = 0; j < v->u.map.count; j++)
                scan(c, doc, v->u.map.pairs[j].value, res);
        }
    }
}

static sch_resource *load(cctx *c, const char *uri, const pledge_node *at, sch_doc *from);
static void drain(cctx *c);
static sch_node *compile_schema(cctx *c, const pledge_node *n, sch_resource *hint);

static unsigned int vocab_bit(const char *uri, size_t len)
{
    static const struct { const char *name; unsigned int bit; } v[] = {
        { "core", VOC_CORE }, { "applicator", VOC_APPLICATOR },
        { "unevaluated", VOC_UNEVALUATED }, { "validation", VOC_VALIDATION },
        { "meta-data", VOC_METADATA }, { "format-annotation", VOC_FORMAT_ANNOTATION },
        { "format-assertion", VOC_FORMAT_ASSERTION }, { "content", VOC_CONTENT }
    };
    size_t i, pl = strlen(VOCAB_PREFIX);
    if (len <= pl || memcmp(uri, VOCAB_PREFIX, pl) != 0)
        return 0;
    for (i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strlen(v[i].name) == len - pl && memcmp(uri + pl, v[i].name, len - pl) == 0)
            return v[i].bit;
    return 0;
}

/* Validate the document against its metaschema; problems are
 * schema.invalid at the offending keyword. */
static void check_against(cctx *c, sch_doc *doc, const sch_node *meta)
{
    sch_errors errs;
    size_t i;
    int r;
    if (doc->root->type != PLEDGE_NODE_MAPPING && doc->root->type != PLEDGE_NODE_BOOL)
        return; /* compile_schema says it once: not an object or a boolean */
    memset(&errs, 0, sizeof errs);
    errs.allocator = c->a;
    r = pledge__sch_eval(meta, doc->root, 0, &errs);
    if (r == PLEDGE_ENOMEM || errs.nomem) {
        oom(c);
    } else if (r == 0) {
        for (i = 0; i < errs.count; i++) {
            const sch_error *e = &errs.items[i];
            pledge_diag_where w;
            const pledge_node *key = key_of(doc->root, e->node);
            memset(&w, 0, sizeof w);
            w.file = doc->name;
            /* point at the keyword, not its value */
            w.mark = pledge_node_mark(key ? key : e->node);
            w.instance_path = e->instance_path;
            w.schema_path = e->schema_path;
            c->errors++;
            if (pledge__diag_addf(c->diags, PLEDGE_SEVERITY_ERROR, "schema.invalid", &w,
                                  "invalid schema: %s", e->message))
                oom(c);
        }
    }
    pledge__sch_errors_free(&errs);
}

/* Work out the vocabularies of @p doc from its $schema, and check it
 * against that metaschema. */
static void doc_meta(cctx *c, sch_doc *doc)
{
    const pledge_node *ms = doc->root->type == PLEDGE_NODE_MAPPING ? get(doc->root, "$schema")
                                                                   : NULL;
    sch_resource *mres = NULL;
    doc->vocab = VOC_STANDARD;
    if (c->builtin)
        return;
    if (ms && ms->type == PLEDGE_NODE_STRING) {
        size_t len = pledge__uri_strip_fragment(ms->u.s.ptr);
        if (!(len == strlen(META_URI) && memcmp(ms->u.s.ptr, META_URI, len) == 0)) {
            char *u = dup_str(c, ms->u.s.ptr, len);
            if (!u)
                return;
            if (!pledge__uri_has_scheme(u)) {
                cerr(c, doc, ms, "\"$schema\" must be an absolute URI, not \"%s\"", u);
                return;
            }
            mres = uri_lookup(c, u, len);
            if (!mres)
                mres = load(c, u, ms, doc);
            if (!mres) {
                if (!c->rc)
                    cerr(c, doc, ms,
                         "unknown metaschema \"%s\": only draft 2020-12 and metaschemas "
                         "that libpledge can load are supported", ms->u.s.ptr);
                return;
            }
            if (mres->node == doc->root && mres->doc == doc)
                return; /* a metaschema describing itself */
            {
                const pledge_node *voc = mres->node->type == PLEDGE_NODE_MAPPING
                                             ? get(mres->node, "$vocabulary") : NULL;
                if (voc && voc->type == PLEDGE_NODE_MAPPING) {
                    size_t i;
                    doc->vocab = VOC_CORE;
                    for (i = 0; i < voc->u.map.count; i++) {
                        const pledge_node *k = voc->u.map.pairs[i].key;
                        unsigned int bit = vocab_bit(k->u.s.ptr, k->u.s.len);
                        if (bit)
                            doc->vocab |= bit;
                        else if (pledge_node_bool(voc->u.map.pairs[i].value))
                            cerr(c, doc, ms,
                                 "the metaschema \"%s\" requires the vocabulary \"%s\", "
                                 "which libpledge does not know", ms->u.s.ptr, k->u.s.ptr);
                    }
                }
            }
        }
    }
    if (c->flags & PLEDGE_SCHEMA_NO_METASCHEMA || c->errors || c->rc)
        return;
    if (!mres) {
        const pledge_schema *meta = c->meta ? c->meta : (c->meta = metaschema());
        if (!meta) {
            oom(c);
            return;
        }
        check_against(c, doc, meta->root);
    } else {
        const sch_node *m = NULL;
        if (mres->doc && mres->doc->builtin) {
            m = schema_lookup(c->meta, mres->node);
        } else {
            m = compile_schema(c, mres->node, mres);
            drain(c);
        }
        if (m && !c->errors && !c->rc)
            check_against(c, doc, m);
    }
}

/* Register a document: its root resource, its scan, its vocabularies and
 * its metaschema check. @p tree (owned from now on) may be NULL. */
static sch_doc *add_doc(cctx *c, pledge_tree *tree, const pledge_node *root, const char *uri,
                        const char *name)
{
    sch_doc *doc = alloc0(c, sizeof *doc);
    sch_resource *res;
    const pledge_node *id;
    const char *ruri;
    if (!doc) {
        pledge_tree_free(tree);
        return NULL;
    }
    doc->tree = tree;
    doc->root = root;
    doc->next = c->out->docs;
    c->out->docs = doc;
    doc->uri = dup_str(c, uri, strlen(uri));
    doc->name = dup_str(c, name, strlen(name));
    if (!doc->uri || !doc->name)
        return NULL;
    ruri = doc->uri;
    id = root->type == PLEDGE_NODE_MAPPING ? get(root, "$id") : NULL;
    if (id && id->type == PLEDGE_NODE_STRING) {
        pledge_buf b;
        size_t flen;
        pledge__buf_init(&b, c->a);
        pledge__uri_resolve(&b, doc->uri, id->u.s.ptr);
        if (b.failed) {
            pledge__buf_free(&b);
            oom(c);
            return NULL;
        }
        flen = pledge__uri_strip_fragment(b.data);
        if (flen + 1 < b.len)
            cerr(c, doc, id, "\"$id\" must not have a fragment (\"%s\"); use \"$anchor\"",
                 id->u.s.ptr);
        ruri = dup_str(c, b.data, flen);
        pledge__buf_free(&b);
        if (!ruri)
            return NULL;
    }
    res = new_resource(c, ruri, root, doc);
    if (!res)
        return NULL;
    uri_register(c, doc->uri, res);
    scan(c, doc, root, res);
    if (!c->rc)
        doc_meta(c, doc);
    return doc;
}

/* ------------------------------------------------------------------ */
/* reading documents                                                   */
/* ------------------------------------------------------------------ */


/* 1 when @p path (absolute, without dot segments) lies inside @p dir. */
static int inside(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (n && dir[n - 1] == '/')
        n--;
    return strncmp(dir, path, n) == 0 && path[n] == '/';
}

/* Open @p path for a $ref: never blocking (O_NONBLOCK: a FIFO must not
 * hang the compilation; pledge__tree_read_fd refuses all but regular
 * files), and only when the file opened lies inside @p root (a real
 * path) once every symbolic link is resolved. The check is made on the
 * descriptor: the real path's device and inode must be the opened file's,
 * so swapping a link between the check and the open cannot pass. Returns
 * the descriptor, or -1 after a diagnostic at @p at. */
static int open_confined(cctx *c, const char *uri, const char *path, const char *root,
                         const pledge_node *at, sch_doc *from)
{
    char realbuf[PATH_MAX], *real;
    struct stat fs, rs;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cerr(c, from, at, "cannot read the schema %s referred to here (file %s: %s)", uri, path,
             strerror(errno));
        return -1;
    }
    /* a buffer of ours: realpath(p, NULL) would bypass the allocator */
    real = realpath(path, realbuf);
    if (fstat(fd, &fs) != 0 || !real || stat(real, &rs) != 0 || fs.st_dev != rs.st_dev ||
        fs.st_ino != rs.st_ino) {
        close(fd);
        cerr(c, from, at, "cannot read the schema %s referred to here (file %s changed while "
                          "it was opened)", uri, path);
        return -1;
    }
    if (!inside(root, real)) {
        close(fd);
        cerr(c, from, at, "the reference %s points outside the %s %s (to %s); refused", uri,
             root == c->root_dir ? "schema's folder" : "ref_dir folder", root, real);
        return -1;
    }
    return fd;
}

static sch_resource *load_file(cctx *c, const char *uri, const char *path, const char *root,
                               const pledge_node *at, sch_doc *from)
{
    pledge_tree *tree = NULL;
    sch_doc *doc;
    int rc, fd = open_confined(c, uri, path, root, at, from);
    if (fd < 0)
        return NULL;
    /* through the node layer's reader: its limits, its diagnostics */
    rc = pledge__tree_read_fd(&tree, path, fd, &c->load, c->diags);
    if (rc == PLEDGE_ENOMEM) {
        oom(c);
        return NULL;
    }
    if (rc) {
        cerr(c, from, at, "cannot read the schema %s referred to here (file %s)", uri, path);
        return NULL;
    }
    doc = add_doc(c, tree, pledge_tree_root(tree), uri, path);
    if (!doc)
        return NULL;
    return uri_lookup(c, uri, strlen(uri));
}

/* Load the document at @p uri (absolute, no fragment) from the sources
 * libpledge may use. NULL when none has it (or on error). */
static sch_resource *load(cctx *c, const char *uri, const pledge_node *at, sch_doc *from)
{
    size_t ulen = strlen(uri), i;
    pledge_buf b;

    if (c->builtin) {
        pledge_tree *tree = NULL;
        int rc;
        if (!pledge__metaschema_uri(uri, ulen))
            return NULL;
        if ((rc = pledge__metaschema_tree(&tree, uri, ulen, &c->load, c->diags))) {
            if (rc == PLEDGE_ENOMEM)
                oom(c);
            else
                c->rc = PLEDGE_ERROR;
            return NULL;
        }
        if (!add_doc(c, tree, tree->root, uri, uri))
            return NULL;
        return uri_lookup(c, uri, ulen);
    }
    if (pledge__metaschema_uri(uri, ulen)) {
        const sch_resource *r;
        sch_doc *doc;
        if (!c->meta && !(c->meta = metaschema())) {
            oom(c);
            return NULL;
        }
        r = pledge__table_get(&c->meta->uris, 0, uri, ulen);
        if (!r)
            return NULL;
        /* A borrowed stand-in document, so that nodes found under it are
         * looked up in the built-in schema instead of compiled again. */
        doc = alloc0(c, sizeof *doc);
        if (!doc)
            return NULL;
        doc->root = r->node;
        doc->uri = r->doc->uri;
        doc->name = r->doc->name;
        doc->vocab = VOC_STANDARD;
        doc->builtin = 1;
        doc->next = c->out->docs;
        c->out->docs = doc;
        {
            sch_resource *copy = alloc0(c, sizeof *copy);
            char *u;
            if (!copy)
                return NULL;
            *copy = *r;
            copy->doc = doc;
            u = dup_str(c, uri, ulen);
            if (!u)
                return NULL;
            copy->uri = u;
            copy->next = NULL;
            uri_register(c, u, copy);
            return copy;
        }
    }
    if (c->opts && c->opts->resolve) {
        pledge_tree *tree = NULL;
        int rc = c->opts->resolve(&tree, uri, c->opts->resolve_ud);
        if (rc == 0 && tree) {
            if (!pledge_tree_root(tree)) {
                pledge_tree_free(tree);
                cerr(c, from, at, "the resolver returned an empty document for %s", uri);
                return NULL;
            }
            if (!add_doc(c, tree, pledge_tree_root(tree), uri, uri))
                return NULL;
            return uri_lookup(c, uri, ulen);
        }
        if (rc != 0 && rc != PLEDGE_ENOTFOUND) {
            c->rc = rc < 0 ? rc : PLEDGE_ERROR;
            cerr(c, from, at, "the resolver failed for %s: %s", uri, pledge_strerror(rc));
            return NULL;
        }
    }
    for (i = 0; c->opts && i < c->opts->ref_dir_count; i++) {
        const pledge_ref_dir *d = &c->opts->ref_dirs[i];
        size_t pl;
        sch_resource *r;
        if (!d->uri_prefix || !d->directory)
            continue;
        pl = strlen(d->uri_prefix);
        if (ulen <= pl || strncmp(uri, d->uri_prefix, pl) != 0)
            continue;
        pledge__buf_init(&b, c->a);
        pledge__buf_puts(&b, d->directory);
        if (b.len && b.data[b.len - 1] != '/')
            pledge__buf_putc(&b, '/');
        {
            size_t start = b.len;
            pledge__uri_pct_decode(&b, uri + pl, pledge__uri_strip_fragment(uri + pl));
            if (b.failed) {
                pledge__buf_free(&b);
                oom(c);
                return NULL;
            }
            /* after decoding, a ".." segment or a query would leave the folder */
            if (strstr(b.data + start, "..") || strchr(b.data + start, '?') ||
                b.data[start] == '/') {
                cerr(c, from, at, "the reference %s leaves the folder %s", uri, d->directory);
                pledge__buf_free(&b);
                return NULL;
            }
        }
        {
            char dirbuf[PATH_MAX];
            const char *dir = realpath(d->directory, dirbuf);
            if (!dir) {
                cerr(c, from, at, "cannot read %s: the folder %s cannot be opened (%s)", uri,
                     d->directory, strerror(errno));
                r = NULL;
            } else {
                r = load_file(c, uri, b.data, dir, at, from);
            }
        }
        pledge__buf_free(&b);
        return r;
    }
    pledge__buf_init(&b, c->a);
    if (pledge__uri_to_path(&b, uri) == 0) {
        sch_resource *r = NULL;
        if (b.failed) {
            oom(c);
        } else if (!c->root_dir) {
            cerr(c, from, at,
                 "cannot read %s: file references are only followed for a schema read "
                 "from a file", uri);
        } else {
            r = load_file(c, uri, b.data, c->root_dir, at, from);
        }
        pledge__buf_free(&b);
        return r;
    }
    pledge__buf_free(&b);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* reference resolution                                                */
/* ------------------------------------------------------------------ */

/* The compiled schema that @p ref (a $ref value in resource @p res)
 * designates; *frag_out gets the decoded fragment when asked. */
/* The value of @p key in the large mapping @p map, through an index made
 * on the first lookup: JSON Pointers into $defs of thousands of entries
 * stay linear overall. */
static const pledge_node *key_lookup(void *ud, const pledge_node *map, const char *key,
                                     size_t len)
{
    cctx *c = ud;
    if (!pledge__table_get(&c->indexed, (uintptr_t)map, "", 0)) {
        size_t i;
        for (i = 0; i < map->u.map.count; i++) {
            const pledge_node *k = map->u.map.pairs[i].key;
            if (pledge__table_put(&c->keys, (uintptr_t)map, k->u.s.ptr, k->u.s.len,
                                  map->u.map.pairs[i].value, NULL)) {
                oom(c);
                return NULL;
            }
        }
        if (pledge__table_put(&c->indexed, (uintptr_t)map, "", 0, (void *)map, NULL)) {
            oom(c);
            return NULL;
        }
    }
    return pledge__table_get(&c->keys, (uintptr_t)map, key, len);
}

static const sch_node *resolve_ref(cctx *c, const sch_resource *res, const pledge_node *ref,
                                   pledge_buf *frag_out, const pledge_node **node_out)
{
    pledge_buf full, frag;
    size_t ulen;
    sch_resource *target;
    const pledge_node *node = NULL;
    const sch_node *out = NULL;
    char *docuri;

    pledge__buf_init(&full, c->a);
    pledge__buf_init(&frag, c->a);
    pledge__uri_resolve(&full, res->uri, ref->u.s.ptr);
    if (full.failed) {
        oom(c);
        goto done;
    }
    ulen = pledge__uri_strip_fragment(full.data);
    if (ulen < full.len)
        pledge__uri_pct_decode(&frag, full.data + ulen + 1, full.len - ulen - 1);
    pledge__buf_putc(&frag, '\0');
    frag.len--;
    docuri = dup_str(c, full.data, ulen);
    if (frag.failed || !docuri) {
        oom(c);
        goto done;
    }
    target = uri_lookup(c, docuri, ulen);
    if (!target && pledge__table_get(&c->failed, 0, docuri, ulen))
        goto done; /* said once, where it was first referred to */
    if (!target) {
        int before = c->errors;
        target = load(c, docuri, ref, res->doc);
        if (!target && c->errors != before) {
            if (pledge__table_put(&c->failed, 0, docuri, ulen, (void *)docuri, NULL))
                oom(c);
            goto done; /* load said why */
        }
    }
    if (c->rc)
        goto done;
    if (!target) {
        cerr(c, res->doc, ref,
                 "cannot resolve \"%s\" (%s): no schema has that URI here; libpledge never "
                 "uses the network (map the URI to a folder with a ref_dir, or use the "
                 "resolver hook)", ref->u.s.ptr, full.data);
        goto done;
    }
    if (frag.len == 0) {
        node = target->node;
    } else if (frag.data[0] == '/') {
        node = pledge__json_pointer_with(target->node, frag.data, frag.len, key_lookup, c);
    } else {
        /* a plain anchor first, else a dynamic one of that name */
        const sch_anchor *a = pledge__table_get(target->anchor_table,
                                                pledge__anchor_ns(target, 0), frag.data,
                                                frag.len);
        if (!a)
            a = pledge__table_get(target->anchor_table, pledge__anchor_ns(target, 1),
                                  frag.data, frag.len);
        if (a)
            node = a->node;
    }
    if (!node) {
        cerr(c, res->doc, ref, "cannot resolve \"%s\": %s has no %s \"%s\"", ref->u.s.ptr,
             target->uri, frag.data[0] == '/' ? "location" : "anchor", frag.data);
        goto done;
    }
    if (target->doc && target->doc->builtin) {
        out = schema_lookup(c->meta, node);
        if (!out)
            cerr(c, res->doc, ref, "\"%s\" does not point at a schema", ref->u.s.ptr);
    } else {
        out = compile_schema(c, node, target);
    }
    if (node_out)
        *node_out = node;
    if (frag_out) {
        pledge__buf_append(frag_out, frag.data, frag.len);
        if (frag_out->failed)
            oom(c);
    }
done:
    pledge__buf_free(&full);
    pledge__buf_free(&frag);
    return out;
}

static void resolve_pending(cctx *c, pending *p)
{
    sch_node *s = p->s;
    if (!p->dynamic) {
        s->ref = resolve_ref(c, s->res, p->ref, NULL, NULL);
        if (s->ref)
            s->kw |= KW_REF;
    } else {
        pledge_buf frag;
        const pledge_node *node = NULL;
        pledge__buf_init(&frag, c->a);
        s->dynref = resolve_ref(c, s->res, p->ref, &frag, &node);
        if (s->dynref) {
            s->kw |= KW_DYNREF;
            /* Dynamic only when the fragment is a plain name that the
             * initial target declares as its $dynamicAnchor (2020-12's
             * "bookending"); otherwise it acts as $ref. */
            if (frag.len && frag.data[0] != '/' && node && node->type == PLEDGE_NODE_MAPPING) {
                const pledge_node *da = get(node, "$dynamicAnchor");
                if (da && da->type == PLEDGE_NODE_STRING && da->u.s.len == frag.len &&
                    memcmp(da->u.s.ptr, frag.data, frag.len) == 0) {
                    s->dyn_name = da->u.s.ptr;
                    s->dyn_len = da->u.s.len;
                }
            }
        }
        pledge__buf_free(&frag);
    }
}

static void drain(cctx *c)
{
    for (;;) {
        sch_resource *r;
        int more = 0;
        while (c->todo && !c->rc) {
            pending *p = c->todo;
            c->todo = p->next;
            resolve_pending(c, p);
        }
        if (c->rc)
            return;
        /* Every dynamic anchor must be compiled: $dynamicRef may land on
         * any of them at validation time. */
        for (r = c->out->resources; r; r = r->next) {
            sch_anchor *a;
            if (r->doc && r->doc->builtin)
                continue;
            for (a = r->anchors; a; a = a->next) {
                if (a->dynamic && !a->sch) {
                    a->sch = compile_schema(c, a->node, r);
                    more = 1;
                }
            }
        }
        if (!more && !c->todo)
            return;
    }
}

/* ------------------------------------------------------------------ */
/* keywords                                                            */
/* ------------------------------------------------------------------ */

/* The keywords of one schema object, gathered before building it because
 * some depend on others (items on prefixItems, names on four keywords). */
typedef struct kwset {
    const pledge_pair *ref, *dynref, *type, *enum_, *const_, *minimum, *maximum, *ex_minimum,
        *ex_maximum, *multiple_of, *min_length, *max_length, *pattern, *format, *min_items,
        *max_items, *unique, *prefix, *items, *contains, *min_contains, *max_contains,
        *uneval_items, *properties, *pprops, *additional, *property_names, *required,
        *dep_required, *dep_schemas, *min_props, *max_props, *uneval_props, *all_of,
        *any_of, *one_of, *not_, *if_, *then_, *else_, *defs;
} kwset;

typedef struct kwdef {
    const char *name;
    unsigned int vocab;
    size_t offset;
} kwdef;

#define KWD(n, v, f) { n, v, offsetof(kwset, f) }
static const kwdef keywords[] = {
    KWD("$ref", VOC_CORE, ref), KWD("$dynamicRef", VOC_CORE, dynref),
    KWD("$defs", VOC_CORE, defs),
    KWD("type", VOC_VALIDATION, type), KWD("enum", VOC_VALIDATION, enum_),
    KWD("const", VOC_VALIDATION, const_), KWD("minimum", VOC_VALIDATION, minimum),
    KWD("maximum", VOC_VALIDATION, maximum),
    KWD("exclusiveMinimum", VOC_VALIDATION, ex_minimum),
    KWD("exclusiveMaximum", VOC_VALIDATION, ex_maximum),
    KWD("multipleOf", VOC_VALIDATION, multiple_of),
    KWD("minLength", VOC_VALIDATION, min_length), KWD("maxLength", VOC_VALIDATION, max_length),
    KWD("pattern", VOC_VALIDATION, pattern),
    KWD("format", VOC_FORMAT_ANNOTATION | VOC_FORMAT_ASSERTION, format),
    KWD("minItems", VOC_VALIDATION, min_items), KWD("maxItems", VOC_VALIDATION, max_items),
    KWD("uniqueItems", VOC_VALIDATION, unique),
    KWD("prefixItems", VOC_APPLICATOR, prefix), KWD("items", VOC_APPLICATOR, items),
    KWD("contains", VOC_APPLICATOR, contains),
    KWD("minContains", VOC_VALIDATION, min_contains),
    KWD("maxContains", VOC_VALIDATION, max_contains),
    KWD("unevaluatedItems", VOC_UNEVALUATED, uneval_items),
    KWD("properties", VOC_APPLICATOR, properties),
    KWD("patternProperties", VOC_APPLICATOR, pprops),
    KWD("additionalProperties", VOC_APPLICATOR, additional),
    KWD("propertyNames", VOC_APPLICATOR, property_names),
    KWD("required", VOC_VALIDATION, required),
    KWD("dependentRequired", VOC_VALIDATION, dep_required),
    KWD("dependentSchemas", VOC_APPLICATOR, dep_schemas),
    KWD("minProperties", VOC_VALIDATION, min_props),
    KWD("maxProperties", VOC_VALIDATION, max_props),
    KWD("unevaluatedProperties", VOC_UNEVALUATED, uneval_props),
    KWD("allOf", VOC_APPLICATOR, all_of), KWD("anyOf", VOC_APPLICATOR, any_of),
    KWD("oneOf", VOC_APPLICATOR, one_of), KWD("not", VOC_APPLICATOR, not_),
    KWD("if", VOC_APPLICATOR, if_), KWD("then", VOC_APPLICATOR, then_),
    KWD("else", VOC_APPLICATOR, else_),
};

static const char *kname(const pledge_pair *p)
{
    return p->key->u.s.ptr;
}

/* A non-negative integer keyword value, saturated to SIZE_MAX. */
static int get_count(cctx *c, const sch_doc *doc, const pledge_pair *p, size_t *out)
{
    const pledge_node *v = p->value;
    if (v->type == PLEDGE_NODE_INT && v->u.i.text[0] != '-') {
        *out = (v->flags & PLEDGE_NODE_BIGINT) || (uint64_t)v->u.i.v > SIZE_MAX
                   ? SIZE_MAX : (size_t)v->u.i.v;
        return 0;
    }
    if (v->type == PLEDGE_NODE_FLOAT && pledge__num_is_integer(v) && v->u.d >= 0) {
        *out = v->u.d >= 1.8e19 ? SIZE_MAX : (size_t)v->u.d;
        return 0;
    }
    cerr(c, doc, v, "\"%s\" must be a non-negative integer", kname(p));
    return -1;
}

static const pledge_node *get_number(cctx *c, const sch_doc *doc, const pledge_pair *p)
{
    if (p->value->type == PLEDGE_NODE_INT || p->value->type == PLEDGE_NODE_FLOAT)
        return p->value;
    cerr(c, doc, p->value, "\"%s\" must be a number", kname(p));
    return NULL;
}

static const sch_node *sub(cctx *c, const pledge_node *n, sch_resource *res)
{
    return compile_schema(c, n, res);
}

/* An array of subschemas (allOf, anyOf, oneOf, prefixItems). */
static const sch_node **sub_array(cctx *c, const sch_doc *doc, const pledge_pair *p,
                                  sch_resource *res, uint32_t *count)
{
    const pledge_node *v = p->value;
    const sch_node **arr;
    size_t i;
    *count = 0;
    if (v->type != PLEDGE_NODE_SEQUENCE || v->u.seq.count == 0) {
        cerr(c, doc, v, "\"%s\" must be a non-empty array of schemas", kname(p));
        return NULL;
    }
    arr = alloc_array(c, v->u.seq.count, sizeof *arr);
    if (!arr)
        return NULL;
    for (i = 0; i < v->u.seq.count; i++)
        arr[i] = sub(c, v->u.seq.items[i], res);
    *count = (uint32_t)v->u.seq.count;
    return arr;
}

static int add_regex(cctx *c, const sch_doc *doc, const pledge_node *src,
                     const pledge_regex **out)
{
    char err[256];
    pledge_regex *re = NULL;
    sch_regex_ref *ref;
    int rc;
    err[0] = '\0';
    rc = pledge__regex_compile(&re, src->u.s.ptr, src->u.s.len, c->a, err, sizeof err);
    if (rc == PLEDGE_ENOMEM) {
        oom(c);
        return rc;
    }
    if (rc) {
        cerr(c, doc, src, "invalid regular expression \"%s\": %s", src->u.s.ptr,
             err[0] ? err : "it does not compile");
        return rc;
    }
    ref = alloc0(c, sizeof *ref);
    if (!ref) {
        pledge__regex_free(re);
        return PLEDGE_ENOMEM;
    }
    ref->re = re;
    ref->next = c->out->regexes;
    c->out->regexes = ref;
    *out = re;
    return 0;
}

/* Index of @p str among the names of @p s, adding it (s->names and the
 * schema's names table were sized for every name the keywords can bring,
 * so the table does not grow here and cannot fail). */
static uint32_t name_index(cctx *c, sch_node *s, const char *str, size_t len)
{
    sch_name *n = &s->names[s->n_names];
    void *old;
    if (pledge__table_put(&c->out->names, (uintptr_t)s, str, len, n, &old)) {
        oom(c);
        return 0;
    }
    if (old)
        return (uint32_t)((sch_name *)old - s->names);
    n->s = str;
    n->len = len;
    return s->n_names++;
}

/* The slots the evaluator finds @p s's names by (see
 * pledge__sch_name_hash): at most half full, so probes stay short; or,
 * when the names make a cluster longer than SCH_NAME_CLUSTER_MAX, the
 * schema's keyed names table (the slots are left in the arena). */
static void index_names(cctx *c, sch_node *s)
{
    uint32_t cap = 4, i, *slots, run = 0, longest = 0;
    while (cap < 2 * s->n_names)
        cap *= 2;
    slots = alloc_array(c, cap, sizeof *slots);
    if (!slots)
        return;
    for (i = 0; i < s->n_names && longest <= SCH_NAME_CLUSTER_MAX; i++) {
        uint32_t h = pledge__sch_name_hash(s->names[i].s, s->names[i].len) & (cap - 1);
        for (run = 0; slots[h]; run++)
            h = (h + 1) & (cap - 1);
        slots[h] = i + 1;
        if (run > longest)
            longest = run; /* a probe this long: the cluster is longer */
    }
    /* twice round: a cluster may wrap past the last slot */
    for (i = 0, run = 0; i < 2 * cap && longest <= SCH_NAME_CLUSTER_MAX; i++) {
        run = slots[i & (cap - 1)] ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    if (longest > SCH_NAME_CLUSTER_MAX) {
        s->name_table = &c->out->names;
        return;
    }
    s->name_slots = slots;
    s->name_mask = cap - 1;
}

static void build_names(cctx *c, sch_node *s, const kwset *k, const sch_doc *doc,
                        sch_resource *res)
{
    size_t max = 0, i, j;
    if (k->properties && k->properties->value->type == PLEDGE_NODE_MAPPING)
        max += k->properties->value->u.map.count;
    else if (k->properties)
        cerr(c, doc, k->properties->value, "\"properties\" must be an object of schemas");
    if (k->required && k->required->value->type == PLEDGE_NODE_SEQUENCE)
        max += k->required->value->u.seq.count;
    else if (k->required)
        cerr(c, doc, k->required->value, "\"required\" must be an array of strings");
    if (k->dep_schemas && k->dep_schemas->value->type == PLEDGE_NODE_MAPPING)
        max += k->dep_schemas->value->u.map.count;
    else if (k->dep_schemas)
        cerr(c, doc, k->dep_schemas->value, "\"dependentSchemas\" must be an object of schemas");
    if (k->dep_required && k->dep_required->value->type == PLEDGE_NODE_MAPPING) {
        const pledge_node *m = k->dep_required->value;
        for (i = 0; i < m->u.map.count; i++) {
            max++;
            if (m->u.map.pairs[i].value->type == PLEDGE_NODE_SEQUENCE)
                max += m->u.map.pairs[i].value->u.seq.count;
        }
    } else if (k->dep_required) {
        cerr(c, doc, k->dep_required->value,
             "\"dependentRequired\" must be an object of string arrays");
    }
    if (max == 0 || max > UINT32_MAX / 4)
        return;
    s->names = alloc_array(c, max, sizeof *s->names);
    if (!s->names)
        return;
    if (pledge__table_reserve(&c->out->names, c->out->names.count + max)) {
        oom(c);
        return;
    }
    s->kw |= KW_OBJECT;
    if (k->properties && k->properties->value->type == PLEDGE_NODE_MAPPING) {
        const pledge_node *m = k->properties->value;
        for (i = 0; i < m->u.map.count; i++) {
            const pledge_node *key = m->u.map.pairs[i].key;
            uint32_t idx = name_index(c, s, key->u.s.ptr, key->u.s.len);
            s->names[idx].prop = sub(c, m->u.map.pairs[i].value, res);
            s->n_props++;
        }
    }
    if (k->required && k->required->value->type == PLEDGE_NODE_SEQUENCE) {
        const pledge_node *a = k->required->value;
        uint32_t *req = alloc_array(c, a->u.seq.count, sizeof *req);
        if (!req)
            return;
        for (i = 0; i < a->u.seq.count; i++) {
            const pledge_node *item = a->u.seq.items[i];
            if (item->type != PLEDGE_NODE_STRING) {
                cerr(c, doc, item, "\"required\" must list property names (strings)");
                continue;
            }
            req[s->n_required++] = name_index(c, s, item->u.s.ptr, item->u.s.len);
        }
        s->required = req;
    }
    if (k->dep_schemas && k->dep_schemas->value->type == PLEDGE_NODE_MAPPING) {
        const pledge_node *m = k->dep_schemas->value;
        for (i = 0; i < m->u.map.count; i++) {
            const pledge_node *key = m->u.map.pairs[i].key;
            uint32_t idx = name_index(c, s, key->u.s.ptr, key->u.s.len);
            s->names[idx].dep_schema = sub(c, m->u.map.pairs[i].value, res);
            s->has_dependent = 1;
        }
    }
    if (k->dep_required && k->dep_required->value->type == PLEDGE_NODE_MAPPING) {
        const pledge_node *m = k->dep_required->value;
        for (i = 0; i < m->u.map.count; i++) {
            const pledge_node *key = m->u.map.pairs[i].key, *v = m->u.map.pairs[i].value;
            uint32_t idx = name_index(c, s, key->u.s.ptr, key->u.s.len), *deps;
            if (v->type != PLEDGE_NODE_SEQUENCE) {
                cerr(c, doc, v, "each value of \"dependentRequired\" must be an array of strings");
                continue;
            }
            deps = alloc_array(c, v->u.seq.count, sizeof *deps);
            if (!deps)
                return;
            for (j = 0; j < v->u.seq.count; j++) {
                const pledge_node *item = v->u.seq.items[j];
                uint32_t d;
                if (item->type != PLEDGE_NODE_STRING) {
                    cerr(c, doc, item, "\"dependentRequired\" must list property names");
                    continue;
                }
                d = name_index(c, s, item->u.s.ptr, item->u.s.len);
                deps[s->names[idx].n_dep_req++] = d;
            }
            s->names[idx].dep_req = deps;
            s->names[idx].has_dep_req = 1;
            s->has_dependent = 1;
        }
    }
    index_names(c, s);
}

static unsigned int type_bit(const pledge_node *v)
{
    static const struct { const char *n; unsigned int bit; } t[] = {
        { "null", TY_NULL }, { "boolean", TY_BOOL }, { "integer", TY_INT },
        { "number", TY_NUM }, { "string", TY_STR }, { "array", TY_ARR }, { "object", TY_OBJ }
    };
    size_t i;
    for (i = 0; i < sizeof t / sizeof t[0]; i++)
        if (str_is(v, t[i].n))
            return t[i].bit;
    return 0;
}

static void queue_ref(cctx *c, sch_node *s, const pledge_pair *p, int dynamic)
{
    pending *q;
    if (p->value->type != PLEDGE_NODE_STRING) {
        cerr(c, s->res->doc, p->value, "\"%s\" must be a URI reference (a string)", kname(p));
        return;
    }
    q = alloc0(c, sizeof *q);
    if (!q)
        return;
    q->s = s;
    q->ref = p->value;
    q->dynamic = dynamic;
    q->next = c->todo;
    c->todo = q;
}

static void build(cctx *c, sch_node *s, const kwset *k, sch_resource *res)
{
    const sch_doc *doc = res->doc;
    if (k->ref)
        queue_ref(c, s, k->ref, 0);
    if (k->dynref)
        queue_ref(c, s, k->dynref, 1);
    if (k->defs) {
        const pledge_node *d = k->defs->value;
        size_t i;
        if (d->type != PLEDGE_NODE_MAPPING)
            cerr(c, doc, d, "\"$defs\" must be an object of schemas");
        else
            for (i = 0; i < d->u.map.count; i++)
                sub(c, d->u.map.pairs[i].value, res);
    }
    if (k->type) {
        const pledge_node *v = k->type->value;
        unsigned int bits = 0;
        if (v->type == PLEDGE_NODE_STRING) {
            bits = type_bit(v);
            if (!bits)
                cerr(c, doc, v, "unknown type \"%s\"", v->u.s.ptr);
        } else if (v->type == PLEDGE_NODE_SEQUENCE) {
            size_t i;
            for (i = 0; i < v->u.seq.count; i++) {
                unsigned int b = type_bit(v->u.seq.items[i]);
                if (!b)
                    cerr(c, doc, v->u.seq.items[i], "unknown type in \"type\"");
                bits |= b;
            }
        } else {
            cerr(c, doc, v, "\"type\" must be a type name or an array of them");
        }
        /* "number" includes integers; "integer" stays separate. */
        s->types = (uint8_t)bits;
        s->kw |= KW_TYPE;
    }
    if (k->enum_) {
        if (k->enum_->value->type != PLEDGE_NODE_SEQUENCE)
            cerr(c, doc, k->enum_->value, "\"enum\" must be an array");
        s->enum_node = k->enum_->value;
        s->kw |= KW_ENUM;
    }
    if (k->const_) {
        s->const_val = k->const_->value;
        s->kw |= KW_CONST;
    }
    if (k->minimum && (s->minimum = get_number(c, doc, k->minimum)))
        s->kw |= KW_NUMBER;
    if (k->maximum && (s->maximum = get_number(c, doc, k->maximum)))
        s->kw |= KW_NUMBER;
    if (k->ex_minimum && (s->ex_minimum = get_number(c, doc, k->ex_minimum)))
        s->kw |= KW_NUMBER;
    if (k->ex_maximum && (s->ex_maximum = get_number(c, doc, k->ex_maximum)))
        s->kw |= KW_NUMBER;
    if (k->multiple_of && (s->multiple_of = get_number(c, doc, k->multiple_of))) {
        if (!pledge__num_positive(s->multiple_of)) {
            cerr(c, doc, s->multiple_of, "\"multipleOf\" must be greater than 0");
            s->multiple_of = NULL;
        } else {
            s->kw |= KW_NUMBER;
        }
    }
    if (k->min_length && !get_count(c, doc, k->min_length, &s->min_length))
        s->kw |= KW_STRING | KW_MIN_LENGTH;
    if (k->max_length && !get_count(c, doc, k->max_length, &s->max_length))
        s->kw |= KW_STRING | KW_MAX_LENGTH;
    if (k->pattern) {
        if (k->pattern->value->type != PLEDGE_NODE_STRING) {
            cerr(c, doc, k->pattern->value, "\"pattern\" must be a string");
        } else if (!add_regex(c, doc, k->pattern->value, &s->pattern.re)) {
            s->pattern.src = k->pattern->value;
            s->pattern.fast = pledge__regex_fast_part(s->pattern.re);
            s->kw |= KW_STRING;
        }
    }
    if (k->format) {
        const pledge_node *v = k->format->value;
        if (v->type != PLEDGE_NODE_STRING) {
            cerr(c, doc, v, "\"format\" must be a string");
        } else {
            s->format = v->u.s.ptr;
            if ((c->flags & PLEDGE_SCHEMA_ASSERT_FORMATS) || (doc->vocab & VOC_FORMAT_ASSERTION))
                s->kw |= KW_STRING | KW_FORMAT_ASSERT;
        }
    }
    if (k->min_items && !get_count(c, doc, k->min_items, &s->min_items))
        s->kw |= KW_ARRAY | KW_MIN_ITEMS;
    if (k->max_items && !get_count(c, doc, k->max_items, &s->max_items))
        s->kw |= KW_ARRAY | KW_MAX_ITEMS;
    if (k->unique) {
        if (k->unique->value->type != PLEDGE_NODE_BOOL)
            cerr(c, doc, k->unique->value, "\"uniqueItems\" must be true or false");
        else if (k->unique->value->u.b)
            s->kw |= KW_ARRAY | KW_UNIQUE;
    }
    if (k->prefix && (s->prefix = sub_array(c, doc, k->prefix, res, &s->n_prefix)))
        s->kw |= KW_ARRAY;
    if (k->items) {
        s->items = sub(c, k->items->value, res);
        s->kw |= KW_ARRAY;
    }
    if (k->contains) {
        s->contains = sub(c, k->contains->value, res);
        s->min_contains = 1;
        s->kw |= KW_ARRAY;
        if (k->min_contains && !get_count(c, doc, k->min_contains, &s->min_contains))
            s->kw |= KW_MIN_CONTAINS;
        if (k->max_contains && !get_count(c, doc, k->max_contains, &s->max_contains))
            s->kw |= KW_MAX_CONTAINS;
    }
    if (k->uneval_items) {
        s->uneval_items = sub(c, k->uneval_items->value, res);
        s->kw |= KW_UNEVAL_ITEMS;
    }
    build_names(c, s, k, doc, res);
    if (k->pprops) {
        const pledge_node *m = k->pprops->value;
        if (m->type != PLEDGE_NODE_MAPPING) {
            cerr(c, doc, m, "\"patternProperties\" must be an object of schemas");
        } else if (m->u.map.count) {
            size_t i;
            s->pprops = alloc_array(c, m->u.map.count, sizeof *s->pprops);
            if (!s->pprops)
                return;
            for (i = 0; i < m->u.map.count; i++) {
                sch_pattern *pp = &s->pprops[s->n_pprops];
                if (add_regex(c, doc, m->u.map.pairs[i].key, &pp->re))
                    continue;
                pp->src = m->u.map.pairs[i].key;
                pp->fast = pledge__regex_fast_part(pp->re);
                pp->schema = sub(c, m->u.map.pairs[i].value, res);
                s->n_pprops++;
            }
            s->kw |= KW_OBJECT;
        }
    }
    if (k->additional) {
        s->additional = sub(c, k->additional->value, res);
        s->kw |= KW_OBJECT;
    }
    if (k->property_names) {
        s->property_names = sub(c, k->property_names->value, res);
        s->kw |= KW_OBJECT;
    }
    if (k->min_props && !get_count(c, doc, k->min_props, &s->min_props))
        s->kw |= KW_OBJECT | KW_MIN_PROPS;
    if (k->max_props && !get_count(c, doc, k->max_props, &s->max_props))
        s->kw |= KW_OBJECT | KW_MAX_PROPS;
    if (k->uneval_props) {
        s->uneval_props = sub(c, k->uneval_props->value, res);
        s->kw |= KW_UNEVAL_PROPS;
    }
    if (k->all_of && (s->all_of = sub_array(c, doc, k->all_of, res, &s->n_all_of)))
        s->kw |= KW_ALLOF;
    if (k->any_of && (s->any_of = sub_array(c, doc, k->any_of, res, &s->n_any_of)))
        s->kw |= KW_ANYOF;
    if (k->one_of && (s->one_of = sub_array(c, doc, k->one_of, res, &s->n_one_of)))
        s->kw |= KW_ONEOF;
    if (k->not_) {
        s->not_ = sub(c, k->not_->value, res);
        s->kw |= KW_NOT;
    }
    if (k->if_) {
        s->if_ = sub(c, k->if_->value, res);
        s->kw |= KW_IF;
    }
    /* then/else without if do nothing, but their subschemas are still
     * compiled (a $ref may point at them). */
    if (k->then_)
        s->then_ = sub(c, k->then_->value, res);
    if (k->else_)
        s->else_ = sub(c, k->else_->value, res);
}

static sch_node *compile_schema(cctx *c, const pledge_node *n, sch_resource *hint)
{
    map_slot *e;
    sch_node *s;
    sch_resource *res;
    kwset k;
    size_t i, j;
    if (c->rc)
        return NULL;
    e = map_get(c, n, 1);
    if (!e)
        return NULL;
    if (e->sch)
        return e->sch;
    if (!e->res)
        e->res = hint;
    res = e->res;
    s = alloc0(c, sizeof *s);
    if (!s)
        return NULL;
    e->sch = s; /* before the children: cycles through $defs end here */
    s->node = n;
    s->res = res;
    if (n->type == PLEDGE_NODE_BOOL) {
        s->boolean = n->u.b ? 1 : 2;
        return s;
    }
    if (n->type != PLEDGE_NODE_MAPPING) {
        cerr(c, res->doc, n, "a schema must be an object or a boolean, not %s",
             pledge_node_type_name((pledge_node_type)n->type));
        s->boolean = 1;
        return s;
    }
    s->is_resource = res->node == n;
    memset(&k, 0, sizeof k);
    for (i = 0; i < n->u.map.count; i++) {
        const pledge_pair *p = &n->u.map.pairs[i];
        for (j = 0; j < sizeof keywords / sizeof keywords[0]; j++) {
            if (str_is(p->key, keywords[j].name)) {
                if (keywords[j].vocab & (res->doc->vocab | VOC_CORE))
                    *(const pledge_pair **)((char *)&k + keywords[j].offset) = p;
                break;
            }
        }
    }
    build(c, s, &k, res);
    return s;
}

/* ------------------------------------------------------------------ */
/* entry points                                                        */
/* ------------------------------------------------------------------ */

static void schema_free_parts(pledge_schema *s)
{
    sch_regex_ref *r;
    sch_doc *d;
    for (r = s->regexes; r; r = r->next)
        pledge__regex_free(r->re);
    for (d = s->docs; d; d = d->next)
        pledge_tree_free(d->tree);
    pledge__free(s->allocator, s->map);
    pledge__table_free(&s->uris);
    pledge__table_free(&s->anchors);
    pledge__table_free(&s->names);
    pledge__arena_free(&s->arena);
}

void pledge_schema_free(pledge_schema *schema)
{
    const pledge_allocator *a;
    if (!schema)
        return;
    a = schema->allocator;
    schema_free_parts(schema);
    pledge__free(a, schema);
}

static int cctx_init(cctx *c, const pledge_schema_options *opts, pledge_diag_list *diags)
{
    static const pledge_load_options defaults = PLEDGE_LOAD_OPTIONS_INIT;
    memset(c, 0, sizeof *c);
    if (opts && (opts->version < 1 || opts->version > PLEDGE_SCHEMA_OPTIONS_VERSION))
        return PLEDGE_EARG;
    c->opts = opts;
    c->diags = diags;
    c->flags = opts ? opts->flags : 0;
    c->load = opts && opts->load ? *opts->load : defaults;
    c->a = opts && opts->allocator ? opts->allocator
                                   : opts && opts->load ? opts->load->allocator : NULL;
    c->load.allocator = c->a;
    c->out = pledge__calloc(c->a, 1, sizeof *c->out);
    if (!c->out)
        return PLEDGE_ENOMEM;
    c->out->allocator = c->a;
    c->out->flags = c->flags;
    pledge__table_init(&c->out->uris, c->a);
    pledge__table_init(&c->out->anchors, c->a);
    pledge__table_init(&c->out->names, c->a);
    pledge__table_init(&c->nodes, c->a);
    pledge__table_init(&c->keys, c->a);
    pledge__table_init(&c->failed, c->a);
    pledge__table_init(&c->indexed, c->a);
    c->out->max_evaluations = opts && opts->version >= 2 ? opts->max_evaluations : 0;
    pledge__arena_init(&c->out->arena, c->a);
    return 0;
}

/* The folder of a file: URI, as a real path (for the containment rule). */
static void set_root_dir(cctx *c, const char *uri)
{
    pledge_buf b;
    char *slash, *real, realbuf[PATH_MAX];
    pledge__buf_init(&b, c->a);
    if (pledge__uri_to_path(&b, uri) || b.failed) {
        if (b.failed)
            oom(c);
        pledge__buf_free(&b);
        return;
    }
    slash = strrchr(b.data, '/');
    if (slash)
        slash[slash == b.data ? 1 : 0] = '\0';
    real = realpath(b.data, realbuf);
    pledge__buf_free(&b);
    if (real)
        c->root_dir = dup_str(c, real, strlen(real));
}

static int finish(cctx *c, pledge_tree *tree, const pledge_node *root, const char *uri,
                  const char *name, pledge_schema **out)
{
    sch_doc *doc;
    int rc;
    set_root_dir(c, uri);
    if (c->rc) {
        pledge_tree_free(tree);
        pledge_schema_free(c->out);
        return c->rc;
    }
    doc = add_doc(c, tree, root, uri, name);
    if (doc && !c->rc && !c->errors) {
        sch_resource *r = uri_lookup(c, doc->uri, strlen(doc->uri));
        c->out->root = compile_schema(c, root, r);
        drain(c);
    }
    pledge__table_free(&c->nodes);
    pledge__table_free(&c->keys);
    pledge__table_free(&c->indexed);
    pledge__table_free(&c->failed);
    rc = c->rc ? c->rc : c->errors ? PLEDGE_EINVALID : 0;
    if (rc) {
        pledge_schema_free(c->out);
        return rc;
    }
    *out = c->out;
    return 0;
}

/* The base URI for a schema named @p name: @p base_uri when given (a
 * path becomes its file: URI), else the name's file: URI when the name
 * is a path, else "urn:pledge:anonymous". */
static void base_for(pledge_buf *uri, const char *name, const char *base_uri)
{
    if (base_uri && *base_uri) {
        if (pledge__uri_has_scheme(base_uri))
            pledge__uri_resolve(uri, NULL, base_uri);
        else
            pledge__uri_from_path(uri, base_uri);
    } else if (name && *name && name[0] != '<' && strcmp(name, "-") != 0) {
        pledge__uri_from_path(uri, name);
    } else {
        pledge__buf_puts(uri, "urn:pledge:anonymous");
    }
    if (!uri->failed) {
        uri->len = pledge__uri_strip_fragment(uri->data);
        uri->data[uri->len] = '\0';
    }
}

int pledge_schema_compile_node(pledge_schema **out, const pledge_node *node,
                               const char *name, const char *base_uri,
                               const pledge_schema_options *opts, pledge_diag_list *diags)
{
    cctx c;
    pledge_buf uri;
    pledge_node *copy;
    int rc;
    if (!out || !node)
        return PLEDGE_EARG;
    *out = NULL;
    rc = cctx_init(&c, opts, diags);
    if (rc)
        return rc;
    pledge__buf_init(&uri, c.a);
    base_for(&uri, name, base_uri);
    /* A copy in the schema's arena, so that a schema compiled from a
     * caller's tree does not depend on that tree living on. */
    if (uri.failed || pledge__node_copy(&copy, &c.out->arena, node, c.a))
        copy = NULL;
    if (!copy) {
        pledge__buf_free(&uri);
        pledge_schema_free(c.out);
        return PLEDGE_ENOMEM;
    }
    rc = finish(&c, NULL, copy, uri.data, name ? name : "", out);
    pledge__buf_free(&uri);
    return rc;
}

int pledge_schema_compile_tree(pledge_schema **out, const pledge_tree *tree,
                               const char *base_uri, const pledge_schema_options *opts,
                               pledge_diag_list *diags)
{
    if (!out || !tree || !pledge_tree_root(tree))
        return PLEDGE_EARG;
    return pledge_schema_compile_node(out, pledge_tree_root(tree), pledge_tree_name(tree),
                                      base_uri, opts, diags);
}

/* Compile @p tree (taken: freed on failure, kept by the schema) or, when
 * @p path is given instead, the one document of that file, read through
 * the node layer with its limits. */
static int compile_read(pledge_schema **out, const char *name, const char *path,
                        const char *data, size_t len, const pledge_schema_options *opts,
                        pledge_diag_list *diags)
{
    cctx c;
    pledge_tree *tree = NULL;
    pledge_buf uri;
    int rc = cctx_init(&c, opts, diags);
    if (rc)
        return rc;
    rc = path ? pledge__tree_read_path(&tree, path, &c.load, diags)
              : pledge_tree_parse(&tree, name ? name : "", data, len, &c.load, diags);
    if (rc) {
        pledge_schema_free(c.out);
        return rc;
    }
    pledge__buf_init(&uri, c.a);
    base_for(&uri, name, NULL);
    if (uri.failed) {
        pledge__buf_free(&uri);
        pledge_tree_free(tree);
        pledge_schema_free(c.out);
        return PLEDGE_ENOMEM;
    }
    rc = finish(&c, tree, pledge_tree_root(tree), uri.data, name ? name : "", out);
    pledge__buf_free(&uri);
    return rc;
}

int pledge_schema_compile_buffer(pledge_schema **out, const char *name, const void *data,
                                 size_t len, const pledge_schema_options *opts,
                                 pledge_diag_list *diags)
{
    if (!out || (!data && len))
        return PLEDGE_EARG;
    *out = NULL;
    return compile_read(out, name, NULL, data ? data : "", len, opts, diags);
}

int pledge_schema_compile_file(pledge_schema **out, const char *path,
                               const pledge_schema_options *opts, pledge_diag_list *diags)
{
    if (!out || !path)
        return PLEDGE_EARG;
    *out = NULL;
    return compile_read(out, path, path, NULL, 0, opts, diags);
}

/* Compile the built-in metaschema: once per process, by metaschema(). */
static int compile_builtin(pledge_schema **out)
{
    cctx c;
    pledge_tree *tree = NULL;
    int rc;
    *out = NULL;
    rc = cctx_init(&c, NULL, NULL);
    if (rc)
        return rc;
    c.builtin = 1;
    c.flags = PLEDGE_SCHEMA_NO_METASCHEMA;
    if (pledge__metaschema_tree(&tree, META_URI, strlen(META_URI), &c.load, NULL)) {
        pledge_schema_free(c.out);
        return PLEDGE_ENOMEM;
    }
    {
        sch_doc *doc = add_doc(&c, tree, tree->root, META_URI, META_URI);
        sch_resource *r;
        if (doc && !c.rc) {
            c.out->root = compile_schema(&c, tree->root, uri_lookup(&c, META_URI,
                                                                     strlen(META_URI)));
            drain(&c);
        }
        /* every vocabulary metaschema, also those the root does not use
         * (format-assertion): a schema may name any of them */
        {
            size_t i, nl;
            const char *name;
            for (i = 0; (name = pledge__metaschema_vocabulary(i, &nl)) && !c.rc; i++) {
                char uri[256];
                if (nl > 200)
                    continue;
                snprintf(uri, sizeof uri, PLEDGE__META_PREFIX "%.*s", (int)nl, name);
                if (!uri_lookup(&c, uri, strlen(uri)))
                    load(&c, uri, NULL, NULL);
            }
        }
        for (r = c.out->resources; r && !c.rc; r = r->next)
            compile_schema(&c, r->node, r);
        drain(&c);
    }
    pledge__table_free(&c.keys);
    pledge__table_free(&c.indexed);
    pledge__table_free(&c.failed);
    if (c.rc || c.errors) {
        rc = c.rc ? c.rc : PLEDGE_ERROR;
        pledge__table_free(&c.nodes);
        pledge_schema_free(c.out);
        return rc;
    }
    /* keep node -> schema, sorted, for references from other schemas */
    {
        size_t i, n = 0;
        sch_map_entry *m = pledge__calloc(c.a, c.map_count ? c.map_count : 1, sizeof *m);
        const pledge__table_slot *ts;
        if (!m) {
            pledge__table_free(&c.nodes);
            pledge_schema_free(c.out);
            return PLEDGE_ENOMEM;
        }
        i = 0;
        while ((ts = pledge__table_next(&c.nodes, &i)) != NULL) {
            const map_slot *e = ts->value;
            if (e->sch) {
                m[n].node = e->node;
                m[n].sch = e->sch;
                n++;
            }
        }
        pledge__table_free(&c.nodes);
        qsort(m, n, sizeof *m, by_node);
        c.out->map = m;
        c.out->map_count = n;
    }
    *out = c.out;
    return 0;
}
