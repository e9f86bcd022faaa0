/* SPDX-License-Identifier: MIT */
/* The reader API: sources (file, buffer, FILE*), syntax choice, options,
 * the size limit on every source, pledge_tree_parse, misuse. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file in a fresh temporary folder, removed by cleanup(). */
static char tmpdir[64];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/pledge-reader-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *write_file(const char *name, const char *data, size_t len)
{
    static char path[128];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

/* Read every document; returns the number, roots in *roots (up to 8). */
static size_t read_all(pledge_reader *r, pledge_tree **trees, size_t max)
{
    size_t n = 0;
    pledge_tree *t;
    for (;;) {
        ck_assert_int_eq(pledge_reader_next(r, &t, NULL), 0);
        if (!t)
            break;
        if (n < max)
            trees[n] = t;
        else
            pledge_tree_free(t);
        n++;
    }
    return n;
}

static void free_all(pledge_tree **trees, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        pledge_tree_free(trees[i]);
}

START_TEST(file_with_several_documents)
{
    const char *text = "a: 1\n---\nb: [x, w]\n";
    char *path = write_file("two.yaml", text, strlen(text));
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_tree *trees[8];
    size_t n;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_file(&r, path, NULL, d), 0);
    ck_assert_uint_eq(pledge_reader_count(r), 0);
    n = read_all(r, trees, 8);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(pledge_reader_count(r), 2);
    ck_assert_int_eq(pledge_reader_complete(r), 1);
    /* the end stays the end */
    ck_assert_int_eq(pledge_reader_next(r, &trees[2], NULL), 0);
    ck_assert_ptr_null(trees[2]);
    pledge_reader_free(r);
    /* trees outlive their reader */
    ck_assert_str_eq(pledge_tree_name(trees[1]), path);
    ck_assert_uint_eq(pledge_tree_index(trees[1]), 1);
    ck_assert_uint_eq(pledge_node_size(pledge_node_get(pledge_tree_root(trees[1]), "b", 1)), 2);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    free_all(trees, n);
    pledge_diag_list_free(d);
}
END_TEST

START_TEST(unreadable_sources_are_io_errors)
{
    pledge_diag_list *d;
    pledge_reader *r = (pledge_reader *)&r;
    char missing[128];
    FILE *wo;
    const pledge_diag *x;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    snprintf(missing, sizeof missing, "%s/missing.yaml", tmpdir);
    ck_assert_int_eq(pledge_reader_open_file(&r, missing, NULL, d), PLEDGE_EIO);
    ck_assert_ptr_null(r);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    x = pledge_diag_list_at(d, 0);
    ck_assert_str_eq(x->code, "io.error");
    ck_assert_str_eq(x->file, missing);
    ck_assert_uint_eq(x->line, 0);
    ck_assert_uint_eq(x->column, 0);
    ck_assert_int_eq(x->severity, PLEDGE_SEVERITY_ERROR);
    ck_assert(strstr(x->message, "missing.yaml"));

    /* a folder opens but cannot be read */
    ck_assert_int_eq(pledge_reader_open_file(&r, tmpdir, NULL, d), PLEDGE_EIO);
    ck_assert_uint_eq(pledge_diag_list_count(d), 2);
    ck_assert_str_eq(pledge_diag_list_at(d, 1)->code, "io.error");

    /* a stream open for writing only */
    wo = fopen(write_file("wo.yaml", "", 0), "wb");
    ck_assert_ptr_nonnull(wo);
    ck_assert_int_eq(pledge_reader_open_fp(&r, "<stdin>", wo, NULL, d), PLEDGE_EIO);
    fclose(wo);
    ck_assert_str_eq(pledge_diag_list_at(d, 2)->file, "<stdin>");
    pledge_diag_list_free(d);
}
END_TEST

START_TEST(fp_and_buffer_sources)
{
    const char *text = "k: v\n";
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_tree *trees[8];
    char copy[16];
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    rewind(f);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_fp(&r, "<stdin>", f, NULL, d), 0);
    fclose(f);
    ck_assert_uint_eq(read_all(r, trees, 8), 1);
    ck_assert_str_eq(pledge_tree_name(trees[0]), "<stdin>");
    pledge_reader_free(r);
    free_all(trees, 1);

    /* the buffer is copied: the caller may change it at once */
    strcpy(copy, text);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, NULL, copy, strlen(copy), NULL, d), 0);
    memset(copy, 'x', strlen(copy));
    ck_assert_uint_eq(read_all(r, trees, 8), 1);
    ck_assert_str_eq(pledge_node_string(pledge_node_get(pledge_tree_root(trees[0]), "k", 1),
                                        NULL),
                     "v");
    ck_assert_str_eq(pledge_tree_name(trees[0]), "");
    pledge_reader_free(r);
    free_all(trees, 1);

    /* an empty source holds no document and is complete */
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "e.yaml", NULL, 0, NULL, d), 0);
    ck_assert_uint_eq(read_all(r, trees, 8), 0);
    ck_assert_int_eq(pledge_reader_complete(r), 1);
    pledge_reader_free(r);
    /* so does an empty or blank JSON file (docs/pledge-validate.1: 0 documents, valid) */
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "e.json", "\xEF\xBB\xBF \r\n\t", 6, NULL, d),
                     0);
    ck_assert_uint_eq(read_all(r, trees, 8), 0);
    ck_assert_int_eq(pledge_reader_complete(r), 1);
    pledge_reader_free(r);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    pledge_diag_list_free(d);
}
END_TEST

/* The size limit holds for every kind of source. */
START_TEST(size_limit_on_every_source)
{
    const char *text = "a: 1\n---\nb: 2\n---\nc: 333333\n";
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    char *path = write_file("big.yaml", text, strlen(text));
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_tree *trees[8];
    int kind;
    o.max_file_bytes = 20;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    for (kind = 0; kind < 3; kind++) {
        FILE *f = NULL;
        size_t n;
        if (kind == 0) {
            ck_assert_int_eq(pledge_reader_open_file(&r, path, &o, d), 0);
        } else if (kind == 1) {
            f = fopen(path, "rb");
            ck_assert_int_eq(pledge_reader_open_fp(&r, path, f, &o, d), 0);
            fclose(f);
        } else {
            ck_assert_int_eq(pledge_reader_open_buffer(&r, path, text, strlen(text), &o, d), 0);
        }
        n = read_all(r, trees, 8);
        ck_assert_uint_eq(n, 3);
        ck_assert_ptr_nonnull(pledge_tree_root(trees[1]));
        ck_assert_ptr_null(pledge_tree_root(trees[2]));
        ck_assert_int_eq(pledge_reader_complete(r), 0);
        pledge_reader_free(r);
        free_all(trees, n);
        ck_assert_uint_eq(pledge_diag_list_count(d), (size_t)kind + 1);
        ck_assert_str_eq(pledge_diag_list_at(d, (size_t)kind)->code, "yaml.limit");
        ck_assert_uint_eq(pledge_diag_list_at(d, (size_t)kind)->offset, 20);
    }
    pledge_diag_list_free(d);
}
END_TEST

/* A surrogate pair escape: JSON reads it, libyaml 0.2.5 does not. */
START_TEST(syntax_follows_name_or_option)
{
    const char *json = "{\"a\": \"\\uD83D\\uDCA9\"}";
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_tree *trees[8];
    size_t n, len;
    const char *s;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);

    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x.json", json, strlen(json), NULL, d), 0);
    n = read_all(r, trees, 8);
    ck_assert_uint_eq(n, 1);
    s = pledge_node_string(pledge_node_get(pledge_tree_root(trees[0]), "a", 1), &len);
    ck_assert_uint_eq(len, 4);
    ck_assert(memcmp(s, "\xF0\x9F\x92\xA9", 4) == 0);
    ck_assert_int_eq(pledge_reader_complete(r), 1);
    pledge_reader_free(r);
    free_all(trees, n);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);

    o.syntax = PLEDGE_SYNTAX_JSON;
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x.txt", json, strlen(json), &o, d), 0);
    n = read_all(r, trees, 8);
    ck_assert_ptr_nonnull(pledge_tree_root(trees[0]));
    pledge_reader_free(r);
    free_all(trees, n);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);

    /* as YAML (a name not ending in .json, or the option), libyaml refuses it */
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x.json.yaml", json, strlen(json), NULL, d),
                     0);
    n = read_all(r, trees, 8);
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_null(pledge_tree_root(trees[0]));
    ck_assert_int_eq(pledge_reader_complete(r), 0);
    pledge_reader_free(r);
    free_all(trees, n);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "yaml.syntax");
    o.syntax = PLEDGE_SYNTAX_YAML;
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x.json", json, strlen(json), &o, d), 0);
    n = read_all(r, trees, 8);
    ck_assert_ptr_null(pledge_tree_root(trees[0]));
    pledge_reader_free(r);
    free_all(trees, n);

    /* JSON is one document: the next call gives the end */
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "y.json", "[1]", 3, NULL, d), 0);
    ck_assert_uint_eq(read_all(r, trees, 8), 1);
    ck_assert_uint_eq(pledge_reader_count(r), 1);
    pledge_reader_free(r);
    free_all(trees, 1);
    pledge_diag_list_free(d);
}
END_TEST

START_TEST(diagnostics_go_where_asked)
{
    pledge_diag_list *a, *b;
    pledge_reader *r;
    pledge_tree *t;
    ck_assert_int_eq(pledge_diag_list_new(&a, NULL), 0);
    ck_assert_int_eq(pledge_diag_list_new(&b, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "d.yaml", "x: yes\n---\nz: no\n", 17, NULL, a),
                     0);
    ck_assert_int_eq(pledge_reader_next(r, &t, NULL), 0);
    pledge_tree_free(t);
    ck_assert_int_eq(pledge_reader_next(r, &t, b), 0);
    pledge_tree_free(t);
    ck_assert_uint_eq(pledge_diag_list_count(a), 1);
    ck_assert_uint_eq(pledge_diag_list_count(b), 1);
    ck_assert_uint_eq(pledge_diag_list_at(b, 0)->document, 1);
    ck_assert_str_eq(pledge_diag_list_at(b, 0)->file, "d.yaml");
    pledge_reader_free(r);

    /* no list at all: diagnostics are dropped, reading goes on */
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "d.yaml", "a: 1\na: 2\n", 10, NULL, NULL), 0);
    ck_assert_int_eq(pledge_reader_next(r, &t, NULL), 0);
    ck_assert_uint_eq(pledge_tree_error_count(t), 1);
    pledge_tree_free(t);
    pledge_reader_free(r);
    pledge_diag_list_free(a);
    pledge_diag_list_free(b);
}
END_TEST

START_TEST(misuse_is_an_error_not_a_crash)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_reader *r = NULL;
    pledge_tree *t = (pledge_tree *)&t;
    ck_assert_int_eq(pledge_reader_open_buffer(NULL, "x", "a", 1, NULL, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x", NULL, 1, NULL, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge_reader_open_file(&r, NULL, NULL, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge_reader_open_fp(&r, "x", NULL, NULL, NULL), PLEDGE_EARG);
    o.version = 99;
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x", "a", 1, &o, NULL), PLEDGE_EARG);
    ck_assert_ptr_null(r);
    o = (pledge_load_options)PLEDGE_LOAD_OPTIONS_INIT;
    o.syntax = (pledge_syntax)7;
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "x", "a", 1, &o, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge_reader_next(NULL, &t, NULL), PLEDGE_EARG);
    ck_assert_ptr_null(t);
    ck_assert_int_eq(pledge_reader_complete(NULL), 0);
    ck_assert_uint_eq(pledge_reader_count(NULL), 0);
    pledge_reader_free(NULL);
    pledge_tree_free(NULL);
    ck_assert_ptr_null(pledge_tree_root(NULL));
    ck_assert_int_eq(pledge_tree_parse(NULL, "x", "a", 1, NULL, NULL), PLEDGE_EARG);
}
END_TEST

START_TEST(tree_parse_wants_exactly_one_valid_document)
{
    pledge_diag_list *d;
    pledge_tree *t;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);

    ck_assert_int_eq(pledge_tree_parse(&t, "one.yaml", "a: [1, 2]\n", 10, NULL, d), 0);
    ck_assert_uint_eq(pledge_node_size(pledge_node_get(pledge_tree_root(t), "a", 1)), 2);
    pledge_tree_free(t);
    ck_assert_int_eq(pledge_tree_parse(&t, "w.yaml", "a: yes\n", 7, NULL, d), 0); /* a warning */
    pledge_tree_free(t);
    ck_assert_int_eq(pledge_tree_parse(&t, "j.json", "{\"a\": 1}", 8, NULL, d), 0);
    pledge_tree_free(t);
    ck_assert_uint_eq(pledge_diag_list_count_severity(d, PLEDGE_SEVERITY_ERROR), 0);

    ck_assert_int_eq(pledge_tree_parse(&t, "e.yaml", "", 0, NULL, d), PLEDGE_EINVALID);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(pledge_diag_list_count_severity(d, PLEDGE_SEVERITY_ERROR), 1);
    ck_assert_int_eq(pledge_tree_parse(&t, "two.yaml", "a\n---\nb\n", 8, NULL, d),
                     PLEDGE_EINVALID);
    ck_assert_uint_eq(pledge_diag_list_count_severity(d, PLEDGE_SEVERITY_ERROR), 2);
    ck_assert_uint_eq(pledge_diag_list_at(d, pledge_diag_list_count(d) - 1)->line, 3);
    ck_assert_int_eq(pledge_tree_parse(&t, "dup.yaml", "a: 1\na: 2\n", 10, NULL, d),
                     PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_tree_parse(&t, "bad.yaml", "a: [\n", 5, NULL, d), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_tree_parse(&t, "bad.json", "{\"a\": }", 7, NULL, d),
                     PLEDGE_EINVALID);
    ck_assert_ptr_null(t);
    pledge_diag_list_free(d);
}
END_TEST

/* A failed allocation ends the reading cleanly and leaks nothing, on every
 * source kind. */
START_TEST(allocation_failures_in_the_reader)
{
    const char *text = "a: 1\n---\nb: [1, 2]\n";
    char *path = write_file("alloc.yaml", text, strlen(text));
    size_t n;
    int kind;
    for (kind = 0; kind < 3; kind++) {
        for (n = 1;; n++) {
            test_alloc ta;
            pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
            pledge_reader *r = NULL;
            pledge_tree *t;
            int rc;
            test_alloc_init(&ta, n);
            o.allocator = &ta.hook;
            if (kind == 0) {
                rc = pledge_reader_open_file(&r, path, &o, NULL);
            } else if (kind == 1) {
                FILE *f = fopen(path, "rb");
                rc = pledge_reader_open_fp(&r, path, f, &o, NULL);
                fclose(f);
            } else {
                {
                    const char *j = "{\"a\": [1, {\"b\": null}]}";
                    rc = pledge_tree_parse(&t, "x.json", j, strlen(j), &o, NULL);
                }
                if (!rc)
                    pledge_tree_free(t);
            }
            while (!rc && r) {
                rc = pledge_reader_next(r, &t, NULL);
                if (rc || !t)
                    break;
                pledge_tree_free(t);
            }
            ck_assert(rc == 0 || rc == PLEDGE_ENOMEM);
            ck_assert(rc == 0 || ta.failed);
            pledge_reader_free(r);
            ck_assert_msg(ta.live == 0, "source %d, allocation %zu: %zu blocks leaked", kind, n,
                          ta.live);
            if (!ta.failed)
                break;
        }
        ck_assert_uint_gt(n, 3);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("reader");
    TCase *tc = tcase_create("reader");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, file_with_several_documents);
    tcase_add_test(tc, unreadable_sources_are_io_errors);
    tcase_add_test(tc, fp_and_buffer_sources);
    tcase_add_test(tc, size_limit_on_every_source);
    tcase_add_test(tc, syntax_follows_name_or_option);
    tcase_add_test(tc, diagnostics_go_where_asked);
    tcase_add_test(tc, misuse_is_an_error_not_a_crash);
    tcase_add_test(tc, tree_parse_wants_exactly_one_valid_document);
    tcase_add_test(tc, allocation_failures_in_the_reader);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
