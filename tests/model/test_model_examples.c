/* SPDX-License-Identifier: MIT */
/* The project's examples: each file of examples/invalid gives exactly its
 * "# expect:" lines; every example round-trips through YAML and JSON to an
 * equal model; loading the Ale example survives the failure of every
 * allocation; loading is thread-safe. */
#include "mtest.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INVALID MT_EXAMPLES "/invalid"

/* Sorted *.yaml names of @p dir (NULL-terminated; caller frees). */
static char **yaml_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, i, j;
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0 || e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 2) * sizeof *names);
        ck_assert_ptr_nonnull(names);
        names[n] = malloc(strlen(dir) + len + 2);
        sprintf(names[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    ck_assert_uint_gt(n, 0);
    names[n] = NULL;
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    return names;
}

static void free_names(char **names)
{
    size_t i;
    for (i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

START_TEST(invalid_examples_expect)
{
    char **files = yaml_files(INVALID);
    size_t f, checked = 0;
    for (f = 0; files[f]; f++) {
        size_t len, i, nexp = 0;
        char *text = test_read_file(files[f], &len);
        char expected[16][96], got[96], *line, *save = NULL, *copy = strdup(text);
        unsigned flags = 0;
        pledge_diag_list *d;
        char *dump;

        for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            unsigned long l, c;
            char code[64];
            if (sscanf(line, "# expect: %lu %lu %63s", &l, &c, code) == 3) {
                ck_assert_uint_lt(nexp, 16);
                snprintf(expected[nexp++], sizeof expected[0], "%lu %lu %s", l, c, code);
            } else if (strncmp(line, "# options:", 10) == 0 && strstr(line, "--resolve")) {
                flags |= PLEDGE_SET_RESOLVE;
            }
        }
        free(copy);
        ck_assert_msg(nexp > 0, "%s has no expect line", files[f]);
        d = mt_validate(files[f], text, len, flags);
        dump = test_diags_text(d);
        ck_assert_msg(pledge_diag_list_count(d) == nexp, "%s: expected %zu diagnostics, got\n%s",
                      files[f], nexp, dump);
        for (i = 0; i < nexp; i++) {
            const pledge_diag *x = pledge_diag_list_at(d, i);
            snprintf(got, sizeof got, "%zu %zu %s", x->line, x->column, x->code);
            ck_assert_msg(strcmp(got, expected[i]) == 0, "%s: expected %s, got\n%s", files[f],
                          expected[i], dump);
            ck_assert_str_eq(x->file, files[f]);
        }
        free(dump);
        pledge_diag_list_free(d);
        free(text);
        checked++;
    }
    /* One file per semantic code at least. */
    ck_assert_uint_ge(checked, 17);
    free_names(files);
}
END_TEST

/* Write @p doc as YAML or JSON, load it again, and compare. */
static void round_trip(const pledge_doc *doc, int json)
{
    mt_buf out = { NULL, 0, 0 }, again = { NULL, 0, 0 };
    pledge_diag_list *d;
    pledge_doc *back = NULL;
    int rc;
    ck_assert_int_eq(json ? pledge_doc_write_json(doc, PLEDGE_WRITE_PRETTY, mt_sink, &out)
                          : pledge_doc_write_yaml(doc, 0, mt_sink, &out),
                     0);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_doc_load_buffer(&back, json ? "rt.json" : "rt.yaml", out.data, out.len, NULL, d);
    ck_assert_msg(rc == 0, "%s of %s does not load again (%d): %s\n%s", json ? "JSON" : "YAML",
                  pledge_doc_file(doc), rc, test_diags_text(d), out.data);
    ck_assert(pledge_doc_equal(doc, back));
    mt_model_equal(doc, back);
    /* Writing what was read back gives the same text. */
    ck_assert_int_eq(json ? pledge_doc_write_json(back, PLEDGE_WRITE_PRETTY, mt_sink, &again)
                          : pledge_doc_write_yaml(back, 0, mt_sink, &again),
                     0);
    ck_assert_uint_eq(out.len, again.len);
    ck_assert(memcmp(out.data, again.data, out.len) == 0);
    pledge_doc_free(back);
    pledge_diag_list_free(d);
    free(out.data);
    free(again.data);
}

/* Every valid document of every example, YAML and JSON. */
START_TEST(round_trips)
{
    char **top = yaml_files(MT_EXAMPLES), **bad = yaml_files(INVALID);
    char **lists[2] = { top, bad };
    size_t l, f, docs = 0;
    for (l = 0; l < 2; l++)
        for (f = 0; lists[l][f]; f++) {
            pledge_diag_list *d;
            pledge_reader *r;
            pledge_doc *doc;
            int rc;
            ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
            ck_assert_int_eq(pledge_reader_open_file(&r, lists[l][f], NULL, d), 0);
            for (;;) {
                rc = pledge_doc_read_next(&doc, r, NULL, d);
                if (rc == PLEDGE_EINVALID)
                    continue;
                ck_assert_int_eq(rc, 0);
                if (!doc)
                    break;
                round_trip(doc, 0);
                round_trip(doc, 1);
                pledge_doc_free(doc);
                docs++;
            }
            pledge_reader_free(r);
            pledge_diag_list_free(d);
        }
    ck_assert_uint_ge(docs, 10);
    free_names(top);
    free_names(bad);
}
END_TEST

START_TEST(round_trip_keeps_source_keys)
{
    static const char yaml[] =
        "format: follow-up/1\n"
        "pledge: p\n"
        "x-generated-by: hand\n"
        "date: 2025-02-01\n"
        "period: {start: 2024-01-01, end: 2024-12-31, x-note: {a: [1, 2]}}\n"
        "activities:\n"
        "  - {activity: a1, status: done, comment: \"\\0 and 'yes'\", x-id: 7}\n";
    pledge_doc *doc = mt_load(yaml);
    mt_buf out = { NULL, 0, 0 };
    ck_assert_int_eq(pledge_doc_write_yaml(doc, 0, mt_sink, &out), 0);
    ck_assert_ptr_nonnull(strstr(out.data, "x-generated-by"));
    ck_assert_ptr_nonnull(strstr(out.data, "x-note"));
    ck_assert_ptr_nonnull(strstr(out.data, "x-id"));
    /* No defaults filled in. */
    ck_assert_ptr_null(strstr(out.data, "language"));
    ck_assert_ptr_null(strstr(out.data, "summary"));
    round_trip(doc, 0);
    round_trip(doc, 1);
    ck_assert_uint_eq(pledge_node_size(pledge_doc_root(doc)), 6);
    ck_assert_int_eq(pledge_doc_write_yaml(NULL, 0, mt_sink, &out), PLEDGE_EARG);
    pledge_doc_free(doc);
    free(out.data);
}
END_TEST

/* Load the Ale pledge and its follow-up, check them as a set and compute
 * the progress, with @p a. Returns the first failure's code or 0. */
static int ale_everything(const pledge_allocator *a, pledge_diag_list *d)
{
    pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_doc *p = NULL, *f = NULL;
    pledge_set *set = NULL;
    pledge_progress *prog = NULL;
    int rc;
    opts.allocator = a;
    rc = pledge_doc_load_file(&p, MT_EXAMPLES "/ale-2024.yaml", &opts, d);
    if (!rc)
        rc = pledge_doc_load_file(&f, MT_EXAMPLES "/ale-2024-follow-up-2025.yaml", &opts, d);
    if (!rc)
        rc = pledge_progress_compute(&prog, p, (const pledge_doc *const *)&f, 1, d);
    if (!rc)
        ck_assert_uint_eq(pledge_progress_activity_count(prog), 11);
    if (!rc)
        rc = pledge_set_new(&set, a);
    if (!rc)
        rc = pledge_set_add_copy(set, p);
    if (!rc) {
        rc = pledge_set_add(set, f);
        f = NULL;
    }
    if (!rc)
        rc = pledge_set_check(set, PLEDGE_SET_RESOLVE, d);
    pledge_progress_free(prog);
    prog = NULL;
    if (!rc)
        rc = pledge_set_progress(&prog, set, "ale-2024", d);
    pledge_progress_free(prog);
    pledge_set_free(set);
    pledge_doc_free(p);
    pledge_doc_free(f);
    return rc;
}

START_TEST(every_allocation_fails)
{
    size_t n;
    int quick = getenv("PLEDGE_TEST_QUICK") != NULL;
    for (n = 1;; n += quick ? 7 : 1) {
        test_alloc ta;
        pledge_diag_list *d;
        int rc;
        test_alloc_init(&ta, n);
        /* The diagnostics list fails too: the Ale example makes none. */
        if (pledge_diag_list_new(&d, &ta.hook) != 0) {
            ck_assert(ta.failed);
            ck_assert_uint_eq(ta.live, 0);
            continue;
        }
        rc = ale_everything(&ta.hook, d);
        pledge_diag_list_free(d);
        ck_assert_msg(ta.live == 0, "allocation %zu: %zu blocks leaked", n, ta.live);
        if (!ta.failed) {
            ck_assert_int_eq(rc, 0);
            break;
        }
        ck_assert_msg(rc == PLEDGE_ENOMEM, "allocation %zu failed: got %d, not PLEDGE_ENOMEM",
                      n, rc);
    }
    ck_assert_uint_gt(n, 20); /* the loop went through many allocations */
}
END_TEST


/* Sets with an invalid pledge (read again for its follow-ups, 1.1) and
 * messages reworded for pledge writers survive the failure of every
 * allocation. */
static int invalid_everything(const pledge_allocator *a, pledge_diag_list *d)
{
    static const char text[] =
        "format: pledge/1\nid: p\ntitle: T\nlanguage: sv\n"
        "parties: [{id: k, name: K, kind: kommun}]\n"
        "period: {start: 2024, end: 2023}\n"
        "activities: [{id: a1, text: X, responsible: [k]}]\n"
        "---\nformat: follow-up/1\npledge: p\ndate: 2025-02\nreported_by: [k]\n"
        "activities: [{activity: a2, status: done, comment: C, outputs: [{value: 2, unit: u}]}]\n";
    pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_reader *r = NULL;
    pledge_set *set = NULL;
    int rc;
    opts.allocator = a;
    rc = pledge_set_new(&set, a);
    if (!rc)
        rc = pledge_reader_open_buffer(&r, "t.yaml", text, sizeof text - 1, &opts, d);
    while (!rc) {
        pledge_tree *tree = NULL;
        rc = pledge_reader_next(r, &tree, d);
        if (rc || !tree)
            break;
        rc = pledge_set_load(set, tree, a, d);
        if (rc == PLEDGE_EINVALID)
            rc = 0;
    }
    if (!rc)
        rc = pledge_set_check(set, PLEDGE_SET_RESOLVE, d);
    pledge_reader_free(r);
    pledge_set_free(set);
    return rc;
}

START_TEST(invalid_set_every_allocation_fails)
{
    size_t n;
    int quick = getenv("PLEDGE_TEST_QUICK") != NULL;
    for (n = 1;; n += quick ? 5 : 1) {
        test_alloc ta;
        pledge_diag_list *d;
        int rc;
        test_alloc_init(&ta, n);
        if (pledge_diag_list_new(&d, &ta.hook) != 0) {
            ck_assert_uint_eq(ta.live, 0);
            continue;
        }
        rc = invalid_everything(&ta.hook, d);
        pledge_diag_list_free(d);
        ck_assert_msg(ta.live == 0, "allocation %zu: %zu blocks leaked", n, ta.live);
        if (!ta.failed) {
            /* the enum (with its hint), the period, unchecked, the unknown activity */
            ck_assert_int_eq(rc, PLEDGE_EINVALID);
            break;
        }
        ck_assert_msg(rc == PLEDGE_ENOMEM, "allocation %zu failed: got %d, not PLEDGE_ENOMEM", n,
                      rc);
    }
    ck_assert_uint_gt(n, 20);
}
END_TEST

static void *load_many(void *arg)
{
    int i, *ok = arg;
    *ok = 1;
    for (i = 0; i < 20; i++) {
        pledge_doc *doc = NULL;
        int rc = pledge_doc_load_file(&doc, MT_EXAMPLES "/ale-2024.yaml", NULL, NULL);
        if (rc || pledge_doc_activity_count(doc) != 11)
            *ok = 0;
        pledge_doc_free(doc);
    }
    return NULL;
}

/* The first loads of a process race to compile the built-in schemas. */
START_TEST(threads)
{
    pthread_t t[4];
    int ok[4], i;
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, load_many, &ok[i]), 0);
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        ck_assert(ok[i]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_examples");
    TCase *tc = tcase_create("threads");
    /* First, so that the built-in schemas are compiled by the race. */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, threads);
    suite_add_tcase(s, tc);
    tc = tcase_create("examples");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, invalid_examples_expect);
    tcase_add_test(tc, round_trips);
    tcase_add_test(tc, round_trip_keeps_source_keys);
    tcase_add_test(tc, every_allocation_fails);
    tcase_add_test(tc, invalid_set_every_allocation_fails);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
