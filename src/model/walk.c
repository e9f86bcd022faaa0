/* SPDX-License-Identifier: MIT */
/* The walk that checks a document and builds its model: where it is (an
 * instance path kept as a small stack, turned into text only when a
 * diagnostic needs it), how it reports, and small readers over nodes. */
#include "internal.h"
#include "core/buf.h"
#include "core/diag.h"

#include <stdarg.h>
#include <string.h>

void pledge__walk_push_key(pledge__walk *w, const char *key)
{
    /* Deeper than the formats go is impossible for the keys the walk
     * follows; count it anyway so that pops stay balanced. */
    if (w->depth < PLEDGE__MAX_PATH)
        w->path[w->depth].key = key;
    w->depth++;
}

void pledge__walk_push_index(pledge__walk *w, size_t index)
{
    if (w->depth < PLEDGE__MAX_PATH) {
        w->path[w->depth].key = NULL;
        w->path[w->depth].index = index;
    }
    w->depth++;
}

void pledge__walk_pop(pledge__walk *w)
{
    if (w->depth)
        w->depth--;
}

char *pledge__walk_path(pledge__walk *w)
{
    pledge_buf b;
    char *out;
    size_t i, n = w->depth < PLEDGE__MAX_PATH ? w->depth : PLEDGE__MAX_PATH;
    pledge__buf_init(&b, w->doc->allocator);
    for (i = 0; i < n; i++) {
        if (w->path[i].key)
            pledge__buf_printf(&b, "/%s", w->path[i].key); /* keys of the format: no ~ or / */
        else
            pledge__buf_printf(&b, "/%zu", w->path[i].index);
    }
    if (b.failed) {
        pledge__buf_free(&b);
        w->rc = PLEDGE_ENOMEM;
        return NULL;
    }
    out = pledge__arena_strndup(&w->doc->arena, pledge__buf_cstr(&b), b.len);
    pledge__buf_free(&b);
    if (!out)
        w->rc = PLEDGE_ENOMEM;
    return out;
}

void pledge__walk_diag(pledge__walk *w, pledge_severity severity, const char *code,
                       const pledge_node *node, const char *fmt, ...)
{
    pledge_diag_where where;
    pledge_buf path;
    size_t i, n = w->depth < PLEDGE__MAX_PATH ? w->depth : PLEDGE__MAX_PATH;
    va_list ap;
    int rc;

    if (severity == PLEDGE_SEVERITY_ERROR)
        w->errors++;
    if (!w->diags || w->rc)
        return;
    pledge__buf_init(&path, w->doc->allocator);
    for (i = 0; i < n; i++) {
        if (w->path[i].key)
            pledge__buf_printf(&path, "/%s", w->path[i].key);
        else
            pledge__buf_printf(&path, "/%zu", w->path[i].index);
    }
    if (path.failed) {
        pledge__buf_free(&path);
        w->rc = PLEDGE_ENOMEM;
        return;
    }
    memset(&where, 0, sizeof where);
    where.file = w->doc->file;
    where.document = w->doc->index;
    where.mark = pledge_node_mark(node);
    where.instance_path = pledge__buf_cstr(&path);
    where.schema_path = "";
    va_start(ap, fmt);
    rc = pledge__diag_vaddf(w->diags, severity, code, &where, fmt, ap);
    va_end(ap);
    pledge__buf_free(&path);
    if (rc)
        w->rc = rc;
}

void *pledge__walk_alloc(pledge__walk *w, size_t count, size_t size)
{
    void *p;
    if (count == 0)
        return NULL;
    if (size && count > SIZE_MAX / size) {
        w->rc = PLEDGE_ENOMEM;
        return NULL;
    }
    /* zeroed: arena memory is zero until written (core/arena.h) */
    p = pledge__arena_alloc(&w->doc->arena, count * size);
    if (!p)
        w->rc = PLEDGE_ENOMEM;
    return p;
}

/* "sv, en" from the keys of a text mapping, for messages. */
static void list_keys(pledge_buf *b, const pledge_node *map)
{
    size_t i;
    for (i = 0; i < map->u.map.count; i++) {
        const pledge_node *k = map->u.map.pairs[i].key;
        if (i)
            pledge__buf_puts(b, ", ");
        pledge__buf_append(b, k->u.s.ptr, k->u.s.len);
    }
}

void pledge__walk_text(pledge__walk *w, const pledge_node *text)
{
    pledge_doc *doc = w->doc;
    if (!text || text->type != PLEDGE_NODE_MAPPING)
        return;
    if (!doc->lang) {
        /* A follow-up in its pledge's language: the set checks it once
         * the pledge is known. Keep the mapping and its path. */
        const char *path;
        if (doc->kind != PLEDGE_DOC_FOLLOW_UP || w->rc)
            return;
        if (doc->textref_count == doc->textref_cap) {
            /* Doubling in the arena: the old array is abandoned there,
             * which costs at most as much again. */
            size_t cap = doc->textref_cap ? doc->textref_cap * 2 : 8;
            pledge__textref *refs = pledge__walk_alloc(w, cap, sizeof *refs);
            if (!refs)
                return;
            if (doc->textref_count)
                memcpy(refs, doc->textrefs, doc->textref_count * sizeof *refs);
            doc->textrefs = refs;
            doc->textref_cap = cap;
        }
        path = pledge__walk_path(w);
        if (!path)
            return;
        doc->textrefs[doc->textref_count].node = text;
        doc->textrefs[doc->textref_count].path = path;
        doc->textref_count++;
        return;
    }
    if (!w->lang_ok)
        return;
    if (!pledge_node_get(text, doc->lang, doc->lang_len)) {
        pledge_buf keys;
        pledge__buf_init(&keys, doc->allocator);
        list_keys(&keys, text);
        if (keys.failed) {
            pledge__buf_free(&keys);
            w->rc = PLEDGE_ENOMEM;
            return;
        }
        if (text->u.map.count)
            pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.missing-language", text,
                              "text has no \"%s\" entry, the document's language; it has: %s",
                              doc->lang, pledge__buf_cstr(&keys));
        else
            pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.missing-language", text,
                              "text has no \"%s\" entry, the document's language", doc->lang);
        pledge__buf_free(&keys);
    }
}

/* ---- small helpers over nodes ------------------------------------------ */

int pledge__key_is(const pledge_node *key, const char *lit)
{
    size_t n = strlen(lit);
    return key->u.s.len == n && memcmp(key->u.s.ptr, lit, n) == 0;
}

pledge__id pledge__id_of(const pledge_node *node)
{
    pledge__id id = { NULL, 0, node };
    if (node && node->type == PLEDGE_NODE_STRING) {
        id.s = node->u.s.ptr;
        id.len = node->u.s.len;
    }
    return id;
}

int pledge__number_of(const pledge_node *node, pledge_number *out)
{
    memset(out, 0, sizeof *out);
    if (!node)
        return 0;
    if (node->type == PLEDGE_NODE_INT) {
        out->value = pledge_node_number(node);
        if (!(node->flags & PLEDGE_NODE_BIGINT)) {
            out->integer = node->u.i.v;
            out->is_integer = 1;
        }
        return 1;
    }
    if (node->type == PLEDGE_NODE_FLOAT) {
        out->value = node->u.d;
        return 1;
    }
    return 0;
}

int pledge__lang_valid(const char *s, size_t len)
{
    size_t i;
    if (!s || len < 2 || len > 3)
        return 0;
    for (i = 0; i < len; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

const char *pledge__text(const pledge_doc *doc, const pledge_node *text, const char *lang,
                         size_t *len)
{
    const pledge_node *v = NULL;
    if (len)
        *len = 0;
    if (!doc || !text)
        return NULL;
    if (text->type == PLEDGE_NODE_STRING) {
        /* A plain string is in the document's language. */
        if (lang && !(doc->lang && strcmp(lang, doc->lang) == 0))
            return NULL;
        v = text;
    } else if (text->type == PLEDGE_NODE_MAPPING) {
        if (lang)
            v = pledge_node_get(text, lang, strlen(lang));
        else if (doc->lang)
            v = pledge_node_get(text, doc->lang, doc->lang_len);
        else if (text->u.map.count)
            v = text->u.map.pairs[0].value;
    }
    if (!v || v->type != PLEDGE_NODE_STRING)
        return NULL;
    if (len)
        *len = v->u.s.len;
    return v->u.s.ptr;
}

int pledge__id_valid(const pledge__id *id)
{
    size_t i;
    if (!id->s || id->len == 0 || id->len > 64)
        return 0;
    for (i = 0; i < id->len; i++) {
        char c = id->s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
            return 0;
    }
    return 1;
}

void pledge__fields(const pledge_node *map, const pledge__key *names, size_t count,
                    const pledge_node **vals)
{
    size_t i, j;
    memset(vals, 0, count * sizeof *vals);
    if (!map || map->type != PLEDGE_NODE_MAPPING)
        return;
    for (i = 0; i < map->u.map.count; i++) {
        const pledge_node *k = map->u.map.pairs[i].key;
        size_t len = k->u.s.len;
        for (j = 0; j < count; j++) {
            if (len == names[j].len && k->u.s.ptr[0] == names[j].s[0] &&
                memcmp(k->u.s.ptr, names[j].s, len) == 0) {
                vals[j] = map->u.map.pairs[i].value;
                break;
            }
        }
    }
}

void pledge__list_ids(pledge_buf *b, const void *base, size_t count, size_t stride,
                      size_t offset)
{
    size_t i, shown = 0, valid = 0;
    for (i = 0; i < count; i++) {
        const pledge__id *id = (const pledge__id *)((const char *)base + i * stride + offset);
        if (!pledge__id_valid(id))
            continue;
        valid++;
        if (shown == 12)
            continue;
        if (shown++)
            pledge__buf_puts(b, ", ");
        pledge__buf_append(b, id->s, id->len);
    }
    if (valid > shown)
        pledge__buf_printf(b, " and %zu more", valid - shown);
}
