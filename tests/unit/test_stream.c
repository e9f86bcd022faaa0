/* SPDX-License-Identifier: MIT */
/* A FILE* is streamed: read a chunk at a time, holding only the document
 * being read. The same bytes must give the same trees (values and every
 * mark) and the same diagnostics as when read whole from a buffer, across
 * chunk boundaries, late errors, cuts and limits; memory must not grow with
 * the stream; a read that fails midway is an io.error with its errno. */
#define _GNU_SOURCE /* fopencookie */
#include "testutil.h"
#include "core/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536 /* the reader's read size, for placing things on boundaries */

/* ---- a growing text ------------------------------------------------------ */

/* The library's growing text: { 0 } is an empty one (default allocator). */
typedef pledge_buf text;

/* Pad with a comment line so that the text is @p at bytes long. */
static void pad_to(text *t, size_t at)
{
    ck_assert_uint_le(t->len + 3, at);
    pledge__buf_puts(t, "#");
    while (t->len < at - 1)
        pledge__buf_puts(t, "x");
    pledge__buf_puts(t, "\n");
    ck_assert_uint_eq(t->len, at);
}

/* Documents that look like real ones: non-ASCII text, block scalars,
 * sequences of mappings, explicit ends, comments, and now and then a
 * duplicate key or a Unicode line break (diagnostics late in the stream). */
static void documents(text *t, int from, int count)
{
    int i, j;
    for (i = from; i < from + count; i++) {
        pledge__buf_puts(t, "---\n");
        pledge__buf_printf(t, "id: doc-%d\ntitle: \"Trygghet i Ale \xC3\xA5\xC3\xA4\xC3\xB6 %d \xE2\x82\xAC\"\n",
                i, i);
        pledge__buf_puts(t, "# a comment \xF0\x9F\x98\x80\nitems:\n");
        for (j = 0; j < 4; j++)
            pledge__buf_printf(t, "  - name: \xC3\xA5\xC3\xA4\xC3\xB6 item %d-%d\n    text: |\n"
                       "      line one \xE2\x9C\x93\n      line two\n", i, j);
        if (i % 97 == 5)
            pledge__buf_puts(t, "id: again\n");
        if (i % 251 == 250)
            pledge__buf_puts(t, "note: \"a\xE2\x80\xA8" "b\"\n");
        if (i % 7 == 3)
            pledge__buf_puts(t, "...\n");
    }
}

/* ---- reading both ways ----------------------------------------------------- */

typedef struct result {
    pledge_tree **trees;
    size_t count;
    pledge_diag_list *diags;
    int complete;
} result;

static void read_into(pledge_reader *r, result *out)
{
    size_t cap = 0;
    pledge_tree *t;
    for (;;) {
        ck_assert_int_eq(pledge_reader_next(r, &t, NULL), 0);
        if (!t)
            break;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            out->trees = realloc(out->trees, cap * sizeof *out->trees);
            ck_assert_ptr_nonnull(out->trees);
        }
        out->trees[out->count++] = t;
    }
    out->complete = pledge_reader_complete(r);
    pledge_reader_free(r);
}

static void read_buffer(const text *t, const pledge_load_options *o, result *out)
{
    pledge_reader *r;
    ck_assert(!t->failed);
    memset(out, 0, sizeof *out);
    ck_assert_int_eq(pledge_diag_list_new(&out->diags, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "s.yaml", t->data, t->len, o, out->diags), 0);
    read_into(r, out);
}

static void read_stream(const text *t, const pledge_load_options *o, result *out)
{
    pledge_reader *r;
    FILE *fp;
    ck_assert(!t->failed);
    fp = fmemopen(t->data, t->len ? t->len : 1, "rb");
    ck_assert_ptr_nonnull(fp);
    if (!t->len)
        (void)fgetc(fp); /* fmemopen needs a size; read past the one byte */
    memset(out, 0, sizeof *out);
    ck_assert_int_eq(pledge_diag_list_new(&out->diags, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_fp(&r, "s.yaml", fp, o, out->diags), 0);
    read_into(r, out);
    fclose(fp);
}

static void result_free(result *r)
{
    size_t i;
    for (i = 0; i < r->count; i++)
        pledge_tree_free(r->trees[i]);
    free(r->trees);
    pledge_diag_list_free(r->diags);
}

static void same_marks(const pledge_node *a, const pledge_node *b)
{
    pledge_mark ma, mb;
    size_t i, n;
    if (!a || !b) {
        ck_assert_ptr_eq(a, b);
        return;
    }
    ma = pledge_node_mark(a);
    mb = pledge_node_mark(b);
    ck_assert_uint_eq(ma.line, mb.line);
    ck_assert_uint_eq(ma.column, mb.column);
    ck_assert_uint_eq(ma.offset, mb.offset);
    ck_assert_int_eq(pledge_node_type_of(a), pledge_node_type_of(b));
    n = pledge_node_size(a);
    for (i = 0; i < n; i++) {
        if (pledge_node_type_of(a) == PLEDGE_NODE_MAPPING) {
            same_marks(pledge_node_key(a, i), pledge_node_key(b, i));
            same_marks(pledge_node_value(a, i), pledge_node_value(b, i));
        } else {
            same_marks(pledge_node_item(a, i), pledge_node_item(b, i));
        }
    }
}

static int by_position(const void *a, const void *b)
{
    const pledge_diag *x = *(const pledge_diag *const *)a, *y = *(const pledge_diag *const *)b;
    if (x->document != y->document)
        return x->document < y->document ? -1 : 1;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return strcmp(x->code, y->code);
}

static const pledge_diag **sorted(const pledge_diag_list *d)
{
    size_t i, n = pledge_diag_list_count(d);
    const pledge_diag **v = malloc((n ? n : 1) * sizeof *v);
    ck_assert_ptr_nonnull(v);
    for (i = 0; i < n; i++)
        v[i] = pledge_diag_list_at(d, i);
    qsort(v, n, sizeof *v, by_position);
    return v;
}

/* Read @p t both ways and require the same outcome; returns the number of
 * documents and leaves the streamed diagnostics' count in *ndiags. */
static size_t same_both_ways(const text *t, const pledge_load_options *o, size_t *ndiags)
{
    result a, b;
    size_t i, n;
    read_buffer(t, o, &a);
    read_stream(t, o, &b);
    ck_assert_uint_eq(a.count, b.count);
    ck_assert_int_eq(a.complete, b.complete);
    for (i = 0; i < a.count; i++) {
        const pledge_node *ra = pledge_tree_root(a.trees[i]), *rb = pledge_tree_root(b.trees[i]);
        ck_assert_uint_eq(pledge_tree_index(a.trees[i]), pledge_tree_index(b.trees[i]));
        ck_assert_uint_eq(pledge_tree_error_count(a.trees[i]), pledge_tree_error_count(b.trees[i]));
        ck_assert(!ra == !rb);
        if (ra)
            ck_assert(pledge_node_equal(ra, rb));
        same_marks(ra, rb);
    }
    n = pledge_diag_list_count(a.diags);
    if (n != pledge_diag_list_count(b.diags)) {
        char *ta = test_diags_text(a.diags), *tb = test_diags_text(b.diags);
        ck_abort_msg("buffer:\n%s\nstream:\n%s", ta, tb);
    }
    /* in reading order: a stream holds the last line-break warning back
     * until its end, where it can count those not reported */
    {
        const pledge_diag **xs = sorted(a.diags), **ys = sorted(b.diags);
    for (i = 0; i < n; i++) {
        const pledge_diag *x = xs[i], *y = ys[i];
        ck_assert_int_eq(x->severity, y->severity);
        ck_assert_str_eq(x->code, y->code);
        ck_assert_str_eq(x->message, y->message);
        ck_assert_uint_eq(x->document, y->document);
        ck_assert_uint_eq(x->line, y->line);
        ck_assert_uint_eq(x->column, y->column);
        ck_assert_uint_eq(x->offset, y->offset);
        ck_assert_str_eq(x->instance_path, y->instance_path);
    }
    free(xs);
    free(ys);
    }
    *ndiags = n;
    n = a.count;
    result_free(&a);
    result_free(&b);
    return n;
}

static size_t count_code(const text *t, const pledge_load_options *o, const char *code)
{
    result a;
    size_t i, n = 0;
    read_stream(t, o, &a);
    for (i = 0; i < pledge_diag_list_count(a.diags); i++)
        if (!strcmp(pledge_diag_list_at(a.diags, i)->code, code))
            n++;
    result_free(&a);
    return n;
}

/* Each document of documents() in @p r starts with "id: doc-N": its key
 * node's offset must be where that text is, counted independently. */
static void ids_at_their_bytes(const text *t, const result *r)
{
    size_t i, seen = 0;
    for (i = 0; i < r->count; i++) {
        const pledge_node *root = pledge_tree_root(r->trees[i]), *k, *v;
        char want[64];
        const char *at;
        if (!root || pledge_node_type_of(root) != PLEDGE_NODE_MAPPING || !pledge_node_size(root))
            continue;
        k = pledge_node_key(root, 0);
        v = pledge_node_value(root, 0);
        if (strcmp(pledge_node_string(k, NULL), "id") ||
            pledge_node_type_of(v) != PLEDGE_NODE_STRING)
            continue;
        snprintf(want, sizeof want, "\nid: %s\n", pledge_node_string(v, NULL));
        at = strstr(t->data, want);
        ck_assert_ptr_nonnull(at);
        ck_assert_uint_eq(pledge_node_mark(k).offset, (size_t)(at + 1 - t->data));
        ck_assert_uint_eq(pledge_node_mark(v).offset, (size_t)(at + 5 - t->data));
        seen++;
    }
    ck_assert_uint_gt(seen, 0);
}

/* ---- cases ------------------------------------------------------------------ */

START_TEST(long_stream_same_as_buffer)
{
    text t = { 0 };
    size_t nd;
    documents(&t, 0, 1200); /* about 420 KB: several chunks, and windows dropped */
    ck_assert_uint_gt(t.len, 6 * CHUNK);
    ck_assert_uint_eq(same_both_ways(&t, NULL, &nd), 1200);
    {
        result a;
        read_stream(&t, NULL, &a);
        ids_at_their_bytes(&t, &a);
        result_free(&a);
    }
    /* duplicate keys (13) and Unicode line breaks (4: three reported, the
     * last saying one more) were found all along the stream */
    ck_assert_uint_eq(nd, 13 + 3);
    ck_assert_uint_eq(count_code(&t, NULL, "yaml.unicode-line-break"), 3);
    pledge__buf_free(&t);
}
END_TEST

START_TEST(offsets_past_many_multibyte_characters)
{
    /* Marks become byte offsets through the reader's list of multi-byte
     * characters; a document with more of them than the list keeps
     * (65,536 here) is read on by a cursor over the text. Offsets must be
     * exact either way, streamed or not. */
    static const char *const chars[] = { "\xC3\xA5", "\xE2\x82\xAC", "\xF0\x9F\x98\x80" };
    size_t c;
    for (c = 0; c < sizeof chars / sizeof *chars; c++) {
        text t = { 0 };
        result a;
        size_t nd, i;
        documents(&t, 0, 10);
        pledge__buf_puts(&t, "---\nlong: \"");
        for (i = 0; i < 70000; i++)
            pledge__buf_puts(&t, chars[c]);
        pledge__buf_puts(&t, "\"\nafter: [x, \xC3\xA5, y]\n");
        documents(&t, 10, 30);
        ck_assert_uint_eq(same_both_ways(&t, NULL, &nd), 41);
        read_buffer(&t, NULL, &a);
        ids_at_their_bytes(&t, &a);
        {
            const pledge_node *root = pledge_tree_root(a.trees[10]);
            const pledge_node *seq = pledge_node_get(root, "after", 5);
            const char *at = strstr(t.data, "after: [x, ");
            ck_assert_ptr_nonnull(seq);
            ck_assert_uint_eq(pledge_node_mark(seq).offset, (size_t)(at + 7 - t.data));
            ck_assert_uint_eq(pledge_node_mark(pledge_node_item(seq, 2)).offset,
                              (size_t)(at + 15 - t.data));
        }
        result_free(&a);
        pledge__buf_free(&t);
    }
}
END_TEST

START_TEST(characters_across_chunk_boundaries)
{
    /* a 2-, 3- and 4-byte character, a CR LF and a Unicode line break each
     * starting one, two or three bytes before a 64 KB boundary */
    static const char *const pieces[] = { "\xC3\xA5", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                          "\r\n", "\xE2\x80\xA8" };
    size_t p, back;
    for (p = 0; p < sizeof pieces / sizeof *pieces; p++) {
        for (back = 1; back <= 3 && back <= strlen(pieces[p]); back++) {
            text t = { 0 };
            size_t nd;
            documents(&t, 0, 100);
            pad_to(&t, 2 * CHUNK - 40);
            pledge__buf_puts(&t, "---\nv: \"");
            while (t.len < 2 * CHUNK - back)
                pledge__buf_puts(&t, "a");
            pledge__buf_puts(&t, pieces[p][0] == '\r' ? "x" : pieces[p]);
            if (pieces[p][0] == '\r')
                pledge__buf_puts(&t, "\"\r\nw: \"y");
            pledge__buf_puts(&t, "\"\n");
            documents(&t, 100, 20);
            ck_assert_uint_eq(same_both_ways(&t, NULL, &nd), 121);
            pledge__buf_free(&t);
        }
    }
}
END_TEST

START_TEST(late_problems_same_as_buffer)
{
    /* what stops the reading, far into the stream: the position, the
     * document it is counted in and the words must not depend on how the
     * bytes were read */
    static const char *const bad[] = {
        "bad: \"\x07\"\n",         /* a control character */
        "bad: \xC3\x28\n",         /* invalid UTF-8 */
        "bad: [1, 2\n",            /* a syntax error */
        "bad: \xE2\x82",           /* the file ends inside a character */
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        text t = { 0 };
        size_t nd, n;
        documents(&t, 0, 600);
        pledge__buf_puts(&t, "---\nok: 1\n");
        pledge__buf_puts(&t, bad[i]);
        documents(&t, 600, 5);
        n = same_both_ways(&t, NULL, &nd);
        ck_assert_uint_eq(n, 601);
        ck_assert_uint_ge(nd, 1);
        pledge__buf_free(&t);
    }
}
END_TEST

START_TEST(size_limit_same_as_buffer)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    text t = { 0 };
    size_t nd, cut;
    documents(&t, 0, 800);
    /* a cut between documents, inside one, and inside a character */
    for (cut = 3 * CHUNK + 17; cut < 3 * CHUNK + 400; cut += 53) {
        o.max_file_bytes = cut;
        ck_assert_uint_gt(same_both_ways(&t, &o, &nd), 100);
        ck_assert_uint_ge(nd, 1);
        ck_assert_uint_eq(count_code(&t, &o, "yaml.limit"), 1);
    }
    pledge__buf_free(&t);
}
END_TEST

START_TEST(directives_across_chunk_boundaries)
{
    /* 64 directives before one document are read; a 65th stops the
     * reading. Runs that straddle a chunk boundary count the same. */
    int extra, k;
    for (extra = 0; extra <= 1; extra++) {
        text t = { 0 };
        size_t nd;
        documents(&t, 0, 100);
        pledge__buf_puts(&t, "...\n");
        pad_to(&t, CHUNK - 700);
        for (k = 0; k < 64 + extra; k++) {
            pledge__buf_printf(&t, "%%TAG !t%d! tag:example.org,2024:%d:\n", k, k);
            if (k % 9 == 4)
                pledge__buf_puts(&t, "# between directives\n\n");
        }
        pledge__buf_puts(&t, "---\nv: !t3!x 1\n");
        documents(&t, 100, 10);
        ck_assert_uint_gt(t.len, CHUNK + 1000);
        same_both_ways(&t, NULL, &nd);
        ck_assert_uint_eq(count_code(&t, NULL, "yaml.limit"), (size_t)extra);
        pledge__buf_free(&t);
    }
}
END_TEST

/* ---- memory ---------------------------------------------------------------- */

typedef struct bytes_alloc {
    pledge_allocator hook;
    size_t live, peak;
} bytes_alloc;

#define HDR 16 /* keeps max_align_t alignment on the usual hosts */

static void *ba_malloc(size_t size, void *ud)
{
    bytes_alloc *b = ud;
    char *p = malloc(size + HDR);
    if (!p)
        return NULL;
    memcpy(p, &size, sizeof size);
    b->live += size;
    if (b->live > b->peak)
        b->peak = b->live;
    return p + HDR;
}

static void ba_free(void *ptr, void *ud)
{
    bytes_alloc *b = ud;
    size_t size;
    if (!ptr)
        return;
    memcpy(&size, (char *)ptr - HDR, sizeof size);
    b->live -= size;
    free((char *)ptr - HDR);
}

static void *ba_realloc(void *ptr, size_t size, void *ud)
{
    bytes_alloc *b = ud;
    size_t old = 0;
    char *p;
    if (!ptr)
        return ba_malloc(size, ud);
    memcpy(&old, (char *)ptr - HDR, sizeof old);
    p = realloc((char *)ptr - HDR, size + HDR);
    if (!p)
        return NULL;
    memcpy(p, &size, sizeof size);
    b->live = b->live - old + size;
    if (b->live > b->peak)
        b->peak = b->live;
    return p + HDR;
}

/* Peak bytes the library holds while reading @p t, each tree freed as soon
 * as it is read. */
static size_t peak_reading(const text *t, int stream)
{
    bytes_alloc b = { { ba_malloc, ba_realloc, ba_free, NULL }, 0, 0 };
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_tree *tree;
    FILE *fp = NULL;
    size_t n = 0;
    b.hook.ud = &b;
    o.allocator = &b.hook;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    if (stream) {
        fp = fmemopen(t->data, t->len, "rb");
        ck_assert_ptr_nonnull(fp);
        ck_assert_int_eq(pledge_reader_open_fp(&r, "m.yaml", fp, &o, d), 0);
    } else {
        ck_assert_int_eq(pledge_reader_open_buffer(&r, "m.yaml", t->data, t->len, &o, d), 0);
    }
    for (;;) {
        ck_assert_int_eq(pledge_reader_next(r, &tree, NULL), 0);
        if (!tree)
            break;
        pledge_tree_free(tree);
        n++;
    }
    ck_assert_uint_eq(n, 8000);
    pledge_reader_free(r);
    if (fp)
        fclose(fp);
    ck_assert_uint_eq(b.live, 0);
    pledge_diag_list_free(d);
    return b.peak;
}

START_TEST(memory_does_not_grow_with_the_stream)
{
    text t = { 0 };
    size_t whole, streamed;
    documents(&t, 0, 8000); /* about 2.8 MB */
    whole = peak_reading(&t, 0);
    streamed = peak_reading(&t, 1);
    ck_assert_uint_gt(whole, t.len);             /* a buffer is copied whole */
    ck_assert_msg(streamed < 512 * 1024, "streaming %zu bytes held %zu", t.len, streamed);
    pledge__buf_free(&t);
}
END_TEST

/* ---- a read that fails midway ------------------------------------------------ */

typedef struct failing {
    const text *t;
    size_t pos, fail_at;
} failing;

static ssize_t failing_read(void *cookie, char *buf, size_t size)
{
    failing *f = cookie;
    size_t n = f->t->len - f->pos;
    if (f->pos >= f->fail_at) {
        errno = EIO;
        return -1;
    }
    if (n > size)
        n = size;
    if (n > f->fail_at - f->pos)
        n = f->fail_at - f->pos;
    memcpy(buf, f->t->data + f->pos, n);
    f->pos += n;
    return (ssize_t)n;
}

START_TEST(read_error_midway_is_an_io_error)
{
    cookie_io_functions_t io = { failing_read, NULL, NULL, NULL };
    text t = { 0 };
    failing f;
    result a;
    pledge_reader *r;
    const pledge_diag *last;
    FILE *fp;
    documents(&t, 0, 1000);
    f.t = &t;
    f.pos = 0;
    f.fail_at = 4 * CHUNK + 100;
    fp = fopencookie(&f, "r", io);
    ck_assert_ptr_nonnull(fp);
    memset(&a, 0, sizeof a);
    ck_assert_int_eq(pledge_diag_list_new(&a.diags, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_fp(&r, "f.yaml", fp, NULL, a.diags), 0);
    read_into(r, &a);
    fclose(fp);
    ck_assert_int_eq(a.complete, 0);
    ck_assert_uint_gt(a.count, 100);  /* the documents before were read */
    ck_assert_uint_lt(a.count, 1000);
    last = pledge_diag_list_at(a.diags, pledge_diag_list_count(a.diags) - 1);
    ck_assert_str_eq(last->code, "io.error");
    ck_assert_int_eq(pledge_diag_errno(last), EIO);
    ck_assert_ptr_nonnull(strstr(last->message, "cannot read f.yaml"));
    ck_assert_uint_eq(last->document, a.count - 1);
    ck_assert_uint_gt(last->line, 1000);
    result_free(&a);
    pledge__buf_free(&t);
}
END_TEST

static Suite *stream_suite(void)
{
    Suite *s = suite_create("stream");
    TCase *tc = tcase_create("stream");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, long_stream_same_as_buffer);
    tcase_add_test(tc, characters_across_chunk_boundaries);
    tcase_add_test(tc, offsets_past_many_multibyte_characters);
    tcase_add_test(tc, late_problems_same_as_buffer);
    tcase_add_test(tc, size_limit_same_as_buffer);
    tcase_add_test(tc, directives_across_chunk_boundaries);
    tcase_add_test(tc, memory_does_not_grow_with_the_stream);
    tcase_add_test(tc, read_error_midway_is_an_io_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(stream_suite()) ? 1 : 0;
}
