/* SPDX-License-Identifier: MIT */
/* The core layer: diagnostics list, arena, buffers, keyed hash, errors,
 * the UTF-8 decoder. */
#include "testutil.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/hash.h"
#include "core/table.h"
#include "node/position.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

START_TEST(diag_list_add_and_sort)
{
    pledge_diag_list *l;
    pledge_diag_where w = { "a.yaml", 0, { 3, 7, 20 }, "/x", "", 0 };
    ck_assert_int_eq(pledge_diag_list_new(&l, NULL), 0);
    ck_assert_int_eq(pledge__diag_addf(l, PLEDGE_SEVERITY_ERROR, "required", &w,
                                       "missing required property \"%s\"", "id"), 0);
    w.mark.line = 1;
    ck_assert_int_eq(pledge__diag_addf(l, PLEDGE_SEVERITY_WARNING, "yaml.ambiguous-scalar",
                                       &w, "w"), 0);
    w.document = 0;
    w.mark.line = 0;
    ck_assert_int_eq(pledge__diag_addf(l, PLEDGE_SEVERITY_ERROR, "io.error", NULL, "x"), 0);
    ck_assert_uint_eq(pledge_diag_list_count(l), 3);
    ck_assert_uint_eq(pledge_diag_list_count_severity(l, PLEDGE_SEVERITY_ERROR), 2);
    ck_assert_str_eq(pledge_diag_list_at(l, 0)->message, "missing required property \"id\"");
    ck_assert_str_eq(pledge_diag_list_at(l, 2)->file, "");
    pledge_diag_list_sort(l, 0);
    ck_assert_str_eq(pledge_diag_list_at(l, 0)->code, "io.error");
    ck_assert_str_eq(pledge_diag_list_at(l, 1)->code, "yaml.ambiguous-scalar");
    ck_assert_str_eq(pledge_diag_list_at(l, 2)->code, "required");
    ck_assert_uint_eq(pledge_diag_list_at(l, 2)->line, 3);
    ck_assert_uint_eq(pledge_diag_list_at(l, 2)->column, 7);
    ck_assert_ptr_null(pledge_diag_list_at(l, 3));
    pledge_diag_list_free(l);
}
END_TEST

START_TEST(diag_sort_is_stable_and_scales)
{
    pledge_diag_list *l;
    size_t i;
    ck_assert_int_eq(pledge_diag_list_new(&l, NULL), 0);
    for (i = 0; i < 5000; i++) {
        pledge_diag_where w = { "f", 0, { 5000 - i / 2, 1, 0 }, "", "", 0 };
        ck_assert_int_eq(pledge__diag_addf(l, PLEDGE_SEVERITY_ERROR, "c", &w, "%zu", i), 0);
    }
    pledge_diag_list_sort(l, 0);
    for (i = 1; i < 5000; i++) {
        const pledge_diag *a = pledge_diag_list_at(l, i - 1), *b = pledge_diag_list_at(l, i);
        ck_assert_uint_le(a->line, b->line);
        if (a->line == b->line)
            ck_assert_int_lt(atoi(a->message), atoi(b->message));
    }
    pledge_diag_list_free(l);
}
END_TEST

START_TEST(diag_list_move_and_public_add)
{
    pledge_diag_list *a, *b;
    pledge_diag_where w = { "f.yaml", 1, { 2, 3, 9 }, "/p", "", ENOENT };
    const pledge_diag *d;
    ck_assert_int_eq(pledge_diag_list_new(&a, NULL), 0);
    ck_assert_int_eq(pledge_diag_list_new(&b, NULL), 0);
    ck_assert_int_eq(pledge_diag_list_add(b, PLEDGE_SEVERITY_WARNING, "x.code", NULL, 2, 1, 1,
                                          NULL, NULL, "msg"), 0);
    ck_assert_int_eq(pledge_diag_list_add(b, PLEDGE_SEVERITY_WARNING, "x.code", NULL, 2, 1, 1,
                                          NULL, NULL, "msg"), 0);
    ck_assert_int_eq(pledge_diag_list_move(a, b), 0);
    ck_assert_uint_eq(pledge_diag_list_count(a), 2);
    ck_assert_uint_eq(pledge_diag_list_count(b), 0);
    ck_assert_str_eq(pledge_diag_list_at(a, 1)->file, "");
    ck_assert_str_eq(pledge_diag_list_at(a, 1)->instance_path, "");
    ck_assert_str_eq(pledge_diag_list_at(a, 1)->message, "msg");
    ck_assert_uint_eq(pledge_diag_list_at(a, 1)->document, 2);
    ck_assert_int_eq(pledge_diag_errno(pledge_diag_list_at(a, 1)), 0);
    ck_assert_int_eq(pledge_diag_list_add(NULL, PLEDGE_SEVERITY_ERROR, "c", NULL, 0, 0, 0, NULL,
                                          NULL, NULL), PLEDGE_EARG);
    /* errno travels with the diagnostic, and add_copy keeps every field */
    ck_assert_int_eq(pledge__diag_addf(b, PLEDGE_SEVERITY_ERROR, "io.error", &w, "gone"), 0);
    ck_assert_int_eq(pledge_diag_list_add_copy(a, pledge_diag_list_at(b, 0)), 0);
    d = pledge_diag_list_at(a, 2);
    ck_assert_int_eq(pledge_diag_errno(d), ENOENT);
    ck_assert_str_eq(d->file, "f.yaml");
    ck_assert_uint_eq(d->offset, 9);
    ck_assert_uint_eq(d->document, 1);
    ck_assert_int_eq(pledge_diag_errno(NULL), 0);
    ck_assert_int_eq(pledge_diag_list_add_copy(a, NULL), PLEDGE_EARG);
    pledge_diag_list_free(a);
    pledge_diag_list_free(b);
    pledge_diag_list_free(NULL);
}
END_TEST

START_TEST(diag_list_allocation_failure)
{
    size_t n;
    for (n = 1; n < 10; n++) {
        test_alloc ta;
        pledge_diag_list *l = NULL;
        int rc;
        test_alloc_init(&ta, n);
        rc = pledge_diag_list_new(&l, &ta.hook);
        if (rc == 0) {
            rc = pledge__diag_addf(l, PLEDGE_SEVERITY_ERROR, "c", NULL, "message %d", 1);
            ck_assert(rc == 0 || rc == PLEDGE_ENOMEM);
            ck_assert_uint_eq(pledge_diag_list_count(l), rc == 0 ? 1 : 0);
        } else {
            ck_assert_int_eq(rc, PLEDGE_ENOMEM);
        }
        pledge_diag_list_free(l);
        ck_assert_uint_eq(ta.live, 0);
    }
}
END_TEST

START_TEST(arena_alignment_and_growth)
{
    pledge_arena a;
    size_t i;
    pledge__arena_init(&a, NULL);
    for (i = 0; i < 10000; i++) {
        char *p = pledge__arena_alloc(&a, i % 97 + 1);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_eq((uintptr_t)p % 8, 0);
        memset(p, 0xAB, i % 97 + 1);
    }
    ck_assert_ptr_nonnull(pledge__arena_alloc(&a, 1u << 20));
    ck_assert_str_eq(pledge__arena_strndup(&a, "abc", 2), "ab");
    /* after packed bytes, an ordinary allocation is aligned again */
    for (i = 1; i < 200; i++) {
        char *q = pledge__arena_alloc_packed(&a, i % 13, 1), *p;
        ck_assert_ptr_nonnull(q);
        p = pledge__arena_alloc(&a, 24);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
        ck_assert(p >= q + i % 13);
    }
    pledge__arena_free(&a);
}
END_TEST

/* A thread's chunk cache: an arena freed under it leaves its chunks there,
 * the next arena of the same allocator and size class gets them back
 * zeroed (as far as they were used), within the cache's limit; arenas of
 * another allocator pass by; _end frees everything. */
START_TEST(arena_cache_reuses_chunks)
{
    test_alloc ta, other;
    pledge_arena_cache cache, inner;
    pledge_arena a, b;
    char *p, *q;
    size_t i, total, live;

    test_alloc_init(&ta, 0);
    test_alloc_init(&other, 0);
    /* without a cache: the total an arena reports, to compare */
    pledge__arena_init(&a, &ta.hook);
    ck_assert_int_eq(pledge__arena_reserve(&a, 30000), 0);
    ck_assert_ptr_nonnull(pledge__arena_alloc(&a, 100));
    total = a.total;
    pledge__arena_free(&a);
    ck_assert_uint_eq(ta.live, 0);

    pledge__arena_cache_begin(&cache, &ta.hook, 1u << 20);
    pledge__arena_init(&a, &ta.hook);
    ck_assert_int_eq(pledge__arena_reserve(&a, 30000), 0);
    p = pledge__arena_alloc(&a, 20000);
    ck_assert_ptr_nonnull(pledge__arena_alloc(&a, 80));
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(a.total, total); /* as asked, whatever the chunk's size class */
    ck_assert_uint_eq((size_t)(a.end - p), 30000);
    memset(p, 0xAB, 20000);
    pledge__arena_free(&a);
    ck_assert_uint_eq(ta.live, 1); /* in the cache, not freed */
    ck_assert_uint_gt(cache.bytes, 30000);

    /* the same size class: the same chunk, zero again */
    pledge__arena_init(&b, &ta.hook);
    ck_assert_int_eq(pledge__arena_reserve(&b, 31000), 0);
    q = pledge__arena_alloc(&b, 31000);
    ck_assert_ptr_eq(q, p);
    ck_assert_uint_eq(cache.bytes, 0);
    for (i = 0; i < 31000 && q[i] == 0; i++)
        ;
    ck_assert_uint_eq(i, 31000);
    ck_assert_uint_eq(ta.calls, 2); /* the arena without a cache, and a's chunk */
    pledge__arena_free(&b);

    /* a much smaller arena does not take the large chunk */
    pledge__arena_init(&b, &ta.hook);
    ck_assert_ptr_nonnull(pledge__arena_alloc(&b, 10));
    ck_assert_uint_gt(cache.bytes, 30000);
    live = ta.live;
    pledge__arena_free(&b);
    ck_assert_uint_eq(ta.live, live); /* cached too */

    /* another allocator's arena passes by */
    pledge__arena_init(&b, &other.hook);
    ck_assert_int_eq(pledge__arena_reserve(&b, 30000), 0);
    pledge__arena_free(&b);
    ck_assert_uint_eq(other.live, 0);

    /* a nested cache with no room: chunks go back to the allocator, and
     * the outer cache is back at its end */
    pledge__arena_cache_begin(&inner, &ta.hook, 100);
    pledge__arena_init(&b, &ta.hook);
    ck_assert_int_eq(pledge__arena_reserve(&b, 30000), 0); /* inner's: a new chunk */
    live = ta.live;
    pledge__arena_free(&b);
    ck_assert_uint_eq(ta.live, live - 1);
    ck_assert_uint_eq(inner.bytes, 0);
    pledge__arena_cache_end(&inner);
    pledge__arena_init(&b, &ta.hook);
    ck_assert_ptr_nonnull(pledge__arena_alloc(&b, 10));
    live = ta.live;
    pledge__arena_free(&b);
    ck_assert_uint_eq(ta.live, live);

    /* an arena that outlives the cache frees to the allocator */
    pledge__arena_init(&b, &ta.hook);
    ck_assert_ptr_nonnull(pledge__arena_alloc(&b, 10));
    pledge__arena_cache_end(&cache);
    ck_assert_uint_eq(ta.live, 1);
    pledge__arena_free(&b);
    ck_assert_uint_eq(ta.live, 0);
}
END_TEST

/* Used chunks come back zeroed whatever their order in the arena, and
 * an arena under a cache hands out the same as one without. */
START_TEST(arena_cache_many_arenas)
{
    test_alloc ta;
    pledge_arena_cache cache;
    size_t round, i;
    test_alloc_init(&ta, 0);
    pledge__arena_cache_begin(&cache, &ta.hook, 1u << 20);
    for (round = 0; round < 50; round++) {
        pledge_arena a;
        pledge__arena_init(&a, &ta.hook);
        for (i = 0; i < 2000; i++) {
            size_t n = (i * 7 + round * 13) % 300 + 1, k;
            unsigned char *p = pledge__arena_alloc(&a, n);
            if (!p)
                ck_abort_msg("no memory");
            for (k = 0; k < n && p[k] == 0; k++)
                ;
            if (k < n)
                ck_abort_msg("round %zu, allocation %zu: byte %zu is not zero", round, i, k);
            memset(p, 0xCD, n);
        }
        pledge__arena_free(&a);
        ck_assert_uint_le(cache.bytes, cache.limit);
    }
    ck_assert_uint_lt(ta.calls, 50); /* the first round's chunks, reused */
    pledge__arena_cache_end(&cache);
    ck_assert_uint_eq(ta.live, 0);
}
END_TEST

START_TEST(buf_quote_and_escape)
{
    pledge_buf b;
    pledge__buf_init(&b, NULL);
    pledge__buf_quote(&b, "nå\"\n", 5, 10);
    ck_assert_str_eq(pledge__buf_cstr(&b), "\"nå\\\"\\x0A\"");
    pledge__buf_clear(&b);
    pledge__buf_quote(&b, "abcdef", 6, 3);
    ck_assert_str_eq(pledge__buf_cstr(&b), "\"abc...\"");
    pledge__buf_clear(&b);
    pledge__buf_json_escape(&b, "a\"\\\x01\tå", 7);
    ck_assert_str_eq(pledge__buf_cstr(&b), "a\\\"\\\\\\u0001\\tå");
    pledge__buf_clear(&b);
    pledge__buf_printf(&b, "%s-%d-%0300d", "x", 1, 2);
    ck_assert_uint_eq(b.len, 4 + 300);
    pledge__buf_free(&b);
}
END_TEST

START_TEST(hash_is_keyed_and_stable)
{
    ck_assert(pledge__hash("abc", 3) == pledge__hash("abc", 3));
    ck_assert(pledge__hash("abc", 3) != pledge__hash("abd", 3));
    ck_assert(pledge__hash("", 0) != pledge__hash("\0", 1));
}
END_TEST

START_TEST(table_namespaces_reserve_and_clear)
{
    static char keys[2000][8];
    pledge__table t;
    void *old;
    size_t i, cap, pos = 0, seen = 0;
    pledge__table_init(&t, NULL);
    ck_assert_ptr_null(pledge__table_get(&t, 0, "a", 1));
    /* the same bytes under two namespaces are two keys */
    ck_assert_int_eq(pledge__table_put(&t, 0, "a", 1, (void *)keys[0], &old), 0);
    ck_assert_ptr_null(old);
    ck_assert_int_eq(pledge__table_put(&t, 7, "a", 1, (void *)keys[1], &old), 0);
    ck_assert_ptr_null(old);
    /* a present key keeps its value and reports it */
    ck_assert_int_eq(pledge__table_put(&t, 0, "a", 1, (void *)keys[2], &old), 0);
    ck_assert_ptr_eq(old, keys[0]);
    ck_assert_ptr_eq(pledge__table_get(&t, 0, "a", 1), keys[0]);
    ck_assert_ptr_eq(pledge__table_get(&t, 7, "a", 1), keys[1]);
    ck_assert_ptr_null(pledge__table_get(&t, 0, "", 0));
    ck_assert_uint_eq(t.count, 2);
    /* reserve: the next puts do not grow the slots */
    ck_assert_int_eq(pledge__table_reserve(&t, 2 + 2000), 0);
    cap = t.cap;
    for (i = 0; i < 2000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%zu", i);
        ck_assert_int_eq(pledge__table_put(&t, 0, keys[i], strlen(keys[i]), keys[i], NULL), 0);
    }
    ck_assert_uint_eq(t.cap, cap);
    ck_assert_uint_eq(t.count, 2002);
    for (i = 0; i < 2000; i++)
        ck_assert_ptr_eq(pledge__table_get(&t, 0, keys[i], strlen(keys[i])), keys[i]);
    while (pledge__table_next(&t, &pos))
        seen++;
    ck_assert_uint_eq(seen, 2002);
    /* clear: empty; the slots are kept for a table as full as this one, and
     * given back once they are far more than what the table held */
    pledge__table_clear(&t);
    ck_assert_uint_eq(t.count, 0);
    ck_assert_uint_eq(t.cap, cap);
    ck_assert_ptr_null(pledge__table_get(&t, 0, keys[5], strlen(keys[5])));
    ck_assert_int_eq(pledge__table_put(&t, 0, "y", 1, keys[6], NULL), 0);
    pledge__table_clear(&t);
    ck_assert_uint_eq(t.cap, 0);
    ck_assert_ptr_null(pledge__table_get(&t, 0, "y", 1));
    /* a small table keeps its slots and is reused */
    ck_assert_int_eq(pledge__table_put(&t, 3, "x", 1, keys[3], NULL), 0);
    cap = t.cap;
    pledge__table_clear(&t);
    ck_assert_uint_eq(t.cap, cap);
    ck_assert_ptr_null(pledge__table_get(&t, 3, "x", 1));
    ck_assert_int_eq(pledge__table_put(&t, 3, "x", 1, keys[4], &old), 0);
    ck_assert_ptr_null(old);
    ck_assert_ptr_eq(pledge__table_get(&t, 3, "x", 1), keys[4]);
    pledge__table_free(&t);
    pledge__table_free(&t); /* a freed table is an empty one */
}
END_TEST

START_TEST(positions_count_like_libyaml)
{
    const char *s = "a\r\nb\rc\nd\xC2\x85" "e\xE2\x80\xA8" "få";
    pledge_mark m = pledge__pos_start();
    size_t u = pledge__pos_advance(s, strlen(s), &m, 3); /* after CR LF */
    ck_assert_uint_eq(m.line, 2);
    ck_assert_uint_eq(m.column, 1);
    u += pledge__pos_advance(s, strlen(s), &m, strlen(s));
    ck_assert_uint_eq(u, 2);
    ck_assert_uint_eq(m.line, 6);
    ck_assert_uint_eq(m.column, 3); /* "få": two code points */
    ck_assert_uint_eq(m.offset, strlen(s));
}
END_TEST

START_TEST(strerror_and_version)
{
    ck_assert_str_eq(pledge_strerror(PLEDGE_ENOMEM), "out of memory");
    ck_assert_str_eq(pledge_strerror(12345), "unknown error code");
    ck_assert_str_eq(pledge_version(), PLEDGE_VERSION_STRING);
    ck_assert_int_eq(pledge_version_number(), PLEDGE_VERSION_NUMBER);
}
END_TEST

START_TEST(code_table_sorted_and_found)
{
    size_t n, i;
    const pledge_code_info *c = pledge_code_list(&n);
    ck_assert_uint_gt(n, 50);
    for (i = 1; i < n; i++)
        ck_assert_msg(strcmp(c[i - 1].code, c[i].code) < 0, "%s before %s", c[i - 1].code,
                      c[i].code);
    for (i = 0; i < n; i++)
        ck_assert_ptr_eq(pledge_code_find(c[i].code), &c[i]);
    ck_assert_ptr_null(pledge_code_find("no.such-code"));
    ck_assert_int_eq(pledge_code_find("pledge.unused-party")->severity, PLEDGE_SEVERITY_WARNING);
}
END_TEST

START_TEST(utf8_decode_public)
{
    /* The public face of the library's one decoder: lengths, code points,
     * and every kind of bytes that are not UTF-8, *out untouched then. */
    static const struct {
        const char *s;
        size_t len;
        int rc;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 1, 0x41},
        {"\0x", 2, 1, 0},                       /* NUL is a character */
        {"\xC3\xA5s", 3, 2, 0xE5},             /* å, then more text */
        {"\xE2\x80\xA8", 3, 3, 0x2028},
        {"\xF0\x9F\x98\x80", 4, 4, 0x1F600},
        {"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF},
        {"\xEF\xBF\xBD", 3, 3, 0xFFFD},
        {"\x80", 1, PLEDGE_EINVALID, 0},        /* a lone continuation */
        {"\xC0\xAF", 2, PLEDGE_EINVALID, 0},   /* overlong '/' */
        {"\xE0\x80\xAF", 3, PLEDGE_EINVALID, 0},
        {"\xF0\x8F\xBF\xBF", 4, PLEDGE_EINVALID, 0},
        {"\xED\xA0\x80", 3, PLEDGE_EINVALID, 0}, /* a surrogate */
        {"\xF4\x90\x80\x80", 4, PLEDGE_EINVALID, 0}, /* above U+10FFFF */
        {"\xF5\x80\x80\x80", 4, PLEDGE_EINVALID, 0},
        {"\xFF", 1, PLEDGE_EINVALID, 0},
        {"\xC3" "A", 2, PLEDGE_EINVALID, 0},       /* not continued */
        {"\xE2\x80\xA8", 2, PLEDGE_EINVALID, 0}, /* cut by len */
        {"\xF0\x9F\x98\x80", 3, PLEDGE_EINVALID, 0},
    };
    size_t i;
    uint32_t cp;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cp = 0xDEADBEEF;
        ck_assert_int_eq(pledge_utf8_decode(&cp, cases[i].s, cases[i].len), cases[i].rc);
        if (cases[i].rc > 0)
            ck_assert_uint_eq(cp, cases[i].cp);
        else
            ck_assert_uint_eq(cp, 0xDEADBEEF);
    }
    ck_assert_int_eq(pledge_utf8_decode(&cp, "A", 0), PLEDGE_EARG);
    ck_assert_int_eq(pledge_utf8_decode(NULL, "A", 1), PLEDGE_EARG);
    ck_assert_int_eq(pledge_utf8_decode(&cp, NULL, 1), PLEDGE_EARG);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("core");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, diag_list_add_and_sort);
    tcase_add_test(tc, diag_sort_is_stable_and_scales);
    tcase_add_test(tc, diag_list_move_and_public_add);
    tcase_add_test(tc, diag_list_allocation_failure);
    tcase_add_test(tc, arena_alignment_and_growth);
    tcase_add_test(tc, arena_cache_reuses_chunks);
    tcase_add_test(tc, arena_cache_many_arenas);
    tcase_add_test(tc, buf_quote_and_escape);
    tcase_add_test(tc, hash_is_keyed_and_stable);
    tcase_add_test(tc, table_namespaces_reserve_and_clear);
    tcase_add_test(tc, positions_count_like_libyaml);
    tcase_add_test(tc, strerror_and_version);
    tcase_add_test(tc, code_table_sorted_and_found);
    tcase_add_test(tc, utf8_decode_public);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
