/* SPDX-License-Identifier: MIT */
#include "diag.h"
#include "alloc.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pledge_diag_list {
    const pledge_allocator *allocator;
    pledge_diag **items; /* each item is one block: struct, then its strings */
    size_t count;
    size_t capacity;
    size_t max;                 /* 0: no cap */
    pledge__diag_drop_fn drop;  /* told of each diagnostic past the cap */
    void *drop_ud;
};

int pledge_diag_list_new(pledge_diag_list **out, const pledge_allocator *allocator)
{
    pledge_diag_list *l;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    l = pledge__calloc(allocator, 1, sizeof *l);
    if (!l)
        return PLEDGE_ENOMEM;
    l->allocator = allocator;
    *out = l;
    return PLEDGE_OK;
}

void pledge_diag_list_clear(pledge_diag_list *list)
{
    size_t i;
    if (!list)
        return;
    for (i = 0; i < list->count; i++)
        pledge__free(list->allocator, list->items[i]);
    list->count = 0;
}

void pledge_diag_list_free(pledge_diag_list *list)
{
    if (!list)
        return;
    pledge_diag_list_clear(list);
    pledge__free(list->allocator, list->items);
    pledge__free(list->allocator, list);
}

size_t pledge_diag_list_count(const pledge_diag_list *list)
{
    return list ? list->count : 0;
}

size_t pledge_diag_list_count_severity(const pledge_diag_list *list, pledge_severity severity)
{
    size_t i, n = 0;
    for (i = 0; list && i < list->count; i++)
        n += list->items[i]->severity == severity;
    return n;
}

const pledge_diag *pledge_diag_list_at(const pledge_diag_list *list, size_t index)
{
    if (!list || index >= list->count)
        return NULL;
    return list->items[index];
}

const pledge_allocator *pledge__diag_list_allocator(const pledge_diag_list *list)
{
    return pledge__allocator(list ? list->allocator : NULL);
}

/* One block holds the struct and the five strings, so a diagnostic costs
 * one allocation and frees in one call. */
static int push(pledge_diag_list *list, pledge_severity severity, const char *code,
                const char *message, size_t message_len, const char *file, size_t document,
                size_t line, size_t column, size_t offset, const char *ipath,
                const char *spath, int sys_errno)
{
    const char *strs[5];
    size_t lens[5], total = sizeof(pledge_diag), i;
    pledge_diag *d;
    char *p;

    if (list->max && list->count >= list->max) {
        if (list->drop)
            list->drop(list->drop_ud, severity, code ? code : "", document);
        return PLEDGE_OK;
    }
    strs[0] = code ? code : "";
    strs[1] = message ? message : "";
    strs[2] = file ? file : "";
    strs[3] = ipath ? ipath : "";
    strs[4] = spath ? spath : "";
    for (i = 0; i < 5; i++) {
        lens[i] = i == 1 && message ? message_len : strlen(strs[i]);
        if (lens[i] > SIZE_MAX / 8)
            return PLEDGE_ENOMEM;
        total += lens[i] + 1;
    }
    if (pledge__grow(list->allocator, (void **)&list->items, &list->capacity,
                     list->count + 1, sizeof *list->items))
        return PLEDGE_ENOMEM;
    d = pledge__malloc(list->allocator, total);
    if (!d)
        return PLEDGE_ENOMEM;
    p = (char *)(d + 1);
    for (i = 0; i < 5; i++) {
        memcpy(p, strs[i], lens[i]);
        p[lens[i]] = '\0';
        strs[i] = p;
        p += lens[i] + 1;
    }
    d->severity = severity;
    d->code = strs[0];
    d->message = strs[1];
    d->file = strs[2];
    d->document = document;
    d->line = line;
    d->column = column;
    d->offset = offset;
    d->instance_path = strs[3];
    d->schema_path = strs[4];
    d->sys_errno = sys_errno;
    list->items[list->count++] = d;
    return PLEDGE_OK;
}

int pledge_diag_errno(const pledge_diag *diag)
{
    return diag ? diag->sys_errno : 0;
}

void pledge__diag_list_limit(pledge_diag_list *list, size_t max, pledge__diag_drop_fn drop,
                             void *ud)
{
    if (!list)
        return;
    list->max = max;
    list->drop = drop;
    list->drop_ud = ud;
}

int pledge_diag_list_add(pledge_diag_list *list, pledge_severity severity, const char *code,
                         const char *file, size_t document, size_t line, size_t column,
                         const char *instance_path, const char *schema_path,
                         const char *message)
{
    if (!list)
        return PLEDGE_EARG;
    return push(list, severity, code, message, message ? strlen(message) : 0, file, document,
                line, column, 0, instance_path, schema_path, 0);
}

int pledge_diag_list_add_copy(pledge_diag_list *list, const pledge_diag *diag)
{
    if (!list || !diag)
        return PLEDGE_EARG;
    return push(list, diag->severity, diag->code, diag->message,
                diag->message ? strlen(diag->message) : 0, diag->file, diag->document,
                diag->line, diag->column, diag->offset, diag->instance_path,
                diag->schema_path, diag->sys_errno);
}

int pledge_diag_list_move(pledge_diag_list *to, pledge_diag_list *from)
{
    if (!to || !from || to == from)
        return to && to == from ? PLEDGE_OK : PLEDGE_EARG;
    if (pledge__grow(to->allocator, (void **)&to->items, &to->capacity,
                     to->count + from->count, sizeof *to->items))
        return PLEDGE_ENOMEM;
    if (from->count)
        memcpy(to->items + to->count, from->items, from->count * sizeof *from->items);
    to->count += from->count;
    from->count = 0;
    return PLEDGE_OK;
}

int pledge__diag_vaddf(pledge_diag_list *list, pledge_severity severity, const char *code,
                       const pledge_diag_where *where, const char *fmt, va_list ap)
{
    static const pledge_diag_where nowhere = { NULL, 0, { 0, 0, 0 }, NULL, NULL, 0 };
    pledge_buf msg;
    int rc;
    if (!list)
        return PLEDGE_OK;
    if (!where)
        where = &nowhere;
    if (list->max && list->count >= list->max) {
        /* Past the cap: counted, and the message is not even formatted. */
        if (list->drop)
            list->drop(list->drop_ud, severity, code ? code : "", where->document);
        return PLEDGE_OK;
    }
    pledge__buf_init(&msg, list->allocator);
    pledge__buf_vprintf(&msg, fmt, ap);
    if (msg.failed) {
        pledge__buf_free(&msg);
        return PLEDGE_ENOMEM;
    }
    rc = push(list, severity, code, pledge__buf_cstr(&msg), msg.len, where->file,
              where->document, where->mark.line, where->mark.column, where->mark.offset,
              where->instance_path, where->schema_path, where->sys_errno);
    pledge__buf_free(&msg);
    return rc;
}

int pledge__diag_addf(pledge_diag_list *list, pledge_severity severity, const char *code,
                      const pledge_diag_where *where, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = pledge__diag_vaddf(list, severity, code, where, fmt, ap);
    va_end(ap);
    return rc;
}

static int before(const pledge_diag *a, const pledge_diag *b)
{
    if (a->document != b->document)
        return a->document < b->document;
    if (a->line != b->line)
        return a->line < b->line;
    return a->column < b->column;
}

static void insertion_sort(pledge_diag **v, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        pledge_diag *d = v[i];
        for (j = i; j > 0 && before(d, v[j - 1]); j--)
            v[j] = v[j - 1];
        v[j] = d;
    }
}

void pledge_diag_list_sort(pledge_diag_list *list, size_t first)
{
    /* Stable merge sort (bottom-up); insertion sort for short runs and as
     * the fallback when no scratch space can be had. */
    pledge_diag **v, **tmp, **src, **dst;
    size_t n, width, i;
    if (!list || first >= list->count)
        return;
    v = list->items + first;
    n = list->count - first;
    if (n <= 32) {
        insertion_sort(v, n);
        return;
    }
    tmp = pledge__malloc(list->allocator, n * sizeof *tmp);
    if (!tmp) {
        insertion_sort(v, n);
        return;
    }
    src = v;
    dst = tmp;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n, a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                dst[k++] = before(src[b], src[a]) ? src[b++] : src[a++];
            while (a < mid)
                dst[k++] = src[a++];
            while (b < hi)
                dst[k++] = src[b++];
        }
        { pledge_diag **t = src; src = dst; dst = t; }
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    pledge__free(list->allocator, tmp);
}

const char *pledge_severity_name(pledge_severity severity)
{
    return severity == PLEDGE_SEVERITY_WARNING ? "warning" : "error";
}
