/* SPDX-License-Identifier: MIT */
/*
 * The data-driven bad-input suite: every folder of tests/data/invalid is
 * one case.
 *
 *   input.yaml | input.json  the input (or `generate`, below)
 *   expected                 one "line column code" line per diagnostic, in
 *                            the order pledge_diag_list_sort gives; blank
 *                            lines and lines starting with '#' are ignored
 *   options     (optional)   "max_depth N", "max_alias_expansion N",
 *                            "max_file_bytes N", "syntax yaml|json|auto"
 *   documents   (optional)   one token per document returned: '+' (it has a
 *                            root) or '-' (refused), then "cut" if the
 *                            reading stopped early (else it must not have)
 *   generate    (optional)   builds a large input in memory instead of a
 *                            committed file; lines:
 *                              name input.yaml|input.json
 *                              text STRING
 *                              repeat N STRING
 *                              numbered N STRING   ('#' becomes 0..N-1)
 *                            STRING is the rest of the line after one space,
 *                            with \n \t \\ and \xHH escapes.
 */
#include "testutil.h"
#include "core/buf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define INVALID_DIR PLEDGE_TEST_DATA "/invalid"

static char **cases;
static size_t ncases;

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Also used before the tests run, so no ck_assert here. */
static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Decode the escapes of a generate STRING. */
static void unescape(const char *s, pledge_buf *out)
{
    while (*s) {
        char c = *s++;
        if (c == '\\' && *s) {
            char e = *s++;
            if (e == 'n')
                c = '\n';
            else if (e == 't')
                c = '\t';
            else if (e == 'x' && s[0] && s[1]) {
                char hex[3] = { s[0], s[1], 0 };
                c = (char)strtoul(hex, NULL, 16);
                s += 2;
            } else
                c = e;
        }
        pledge__buf_append(out, &c, 1);
    }
}

static void generate(const char *spec_path, pledge_buf *out, char *name, size_t name_cap)
{
    char *spec = test_read_file(spec_path, NULL), *line, *save = NULL;
    for (line = strtok_r(spec, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        pledge_buf s = { 0 };
        unsigned long n = 1, i;
        char *rest;
        int numbered = 0;
        if (!*line || *line == '#')
            continue;
        if (!strncmp(line, "name ", 5)) {
            snprintf(name, name_cap, "%s", line + 5);
            continue;
        } else if (!strncmp(line, "text ", 5)) {
            rest = line + 5;
        } else if (!strncmp(line, "repeat ", 7) || !strncmp(line, "numbered ", 9)) {
            numbered = line[0] == 'n';
            n = strtoul(line + (numbered ? 9 : 7), &rest, 10);
            ck_assert_msg(*rest == ' ', "bad generate line: %s", line);
            rest++;
        } else {
            ck_abort_msg("bad generate line: %s", line);
            return;
        }
        unescape(rest, &s);
        for (i = 0; i < n; i++) {
            if (numbered) {
                size_t k;
                for (k = 0; k < s.len; k++) {
                    if (s.data[k] == '#') {
                        char num[32];
                        int m = snprintf(num, sizeof num, "%lu", i);
                        pledge__buf_append(out, num, (size_t)m);
                    } else {
                        pledge__buf_append(out, s.data + k, 1);
                    }
                }
            } else {
                pledge__buf_append(out, s.data ? s.data : "", s.len);
            }
        }
        pledge__buf_free(&s);
    }
    free(spec);
}

static void read_options(const char *path, pledge_load_options *o)
{
    char *text, *line, *save = NULL;
    if (!file_exists(path))
        return;
    text = test_read_file(path, NULL);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char key[64], value[64];
        if (!*line || *line == '#')
            continue;
        ck_assert_msg(sscanf(line, "%63s %63s", key, value) == 2, "bad option line: %s", line);
        if (!strcmp(key, "max_depth"))
            o->max_depth = strtoull(value, NULL, 10);
        else if (!strcmp(key, "max_alias_expansion"))
            o->max_alias_expansion = strtoull(value, NULL, 10);
        else if (!strcmp(key, "max_file_bytes"))
            o->max_file_bytes = strtoull(value, NULL, 10);
        else if (!strcmp(key, "syntax"))
            o->syntax = !strcmp(value, "json")   ? PLEDGE_SYNTAX_JSON
                        : !strcmp(value, "yaml") ? PLEDGE_SYNTAX_YAML
                                                 : PLEDGE_SYNTAX_AUTO;
        else
            ck_abort_msg("unknown option %s", key);
    }
    free(text);
}

typedef struct expect {
    size_t line, column;
    char code[64];
} expect;

static size_t read_expected(const char *path, expect **out)
{
    char *text = test_read_file(path, NULL), *line, *save = NULL;
    size_t n = 0, cap = 0;
    *out = NULL;
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        expect e;
        if (!*line || *line == '#')
            continue;
        ck_assert_msg(sscanf(line, "%zu %zu %63s", &e.line, &e.column, e.code) == 3,
                      "bad expected line in %s: %s", path, line);
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            *out = realloc(*out, cap * sizeof **out);
            ck_assert_ptr_nonnull(*out);
        }
        (*out)[n++] = e;
    }
    free(text);
    return n;
}

START_TEST(invalid_case)
{
    const char *name = cases[_i];
    char *dir = path_join(INVALID_DIR, name), *p, input_name[64] = "input.yaml";
    char *shown, *got_docs = NULL;
    pledge_buf input = { 0 };
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *diags;
    pledge_reader *r;
    pledge_tree *t;
    expect *want;
    size_t nwant, i, ndocs = 0;
    char docs[256] = "";

    p = path_join(dir, "generate");
    if (file_exists(p)) {
        generate(p, &input, input_name, sizeof input_name);
    } else {
        char *in = path_join(dir, "input.yaml");
        if (!file_exists(in)) {
            free(in);
            in = path_join(dir, "input.json");
            snprintf(input_name, sizeof input_name, "input.json");
        }
        ck_assert_msg(file_exists(in), "%s: no input.yaml, input.json or generate", name);
        input.data = test_read_file(in, &input.len);
        free(in);
    }
    free(p);
    p = path_join(dir, "options");
    read_options(p, &o);
    free(p);
    p = path_join(dir, "expected");
    ck_assert_msg(file_exists(p), "%s: no expected file", name);
    nwant = read_expected(p, &want);
    free(p);

    /* The name ends like the input file, so that AUTO picks the syntax. */
    shown = path_join(name, input_name);
    ck_assert(!input.failed);
    ck_assert_int_eq(pledge_diag_list_new(&diags, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, shown, input.data ? input.data : "",
                                               input.len, &o, diags),
                     0);
    for (;;) {
        ck_assert_int_eq(pledge_reader_next(r, &t, NULL), 0);
        if (!t)
            break;
        ck_assert_uint_eq(pledge_tree_index(t), ndocs);
        ck_assert_str_eq(pledge_tree_name(t), shown);
        if (ndocs + 2 < sizeof docs) {
            if (ndocs)
                strcat(docs, " ");
            strcat(docs, pledge_tree_root(t) ? "+" : "-");
        }
        ndocs++;
        pledge_tree_free(t);
    }
    if (!pledge_reader_complete(r))
        strcat(docs, ndocs ? " cut" : "cut");
    ck_assert_uint_eq(pledge_reader_count(r), ndocs);
    pledge_reader_free(r);

    pledge_diag_list_sort(diags, 0);
    {
        char *text = test_diags_text(diags);
        int ok = pledge_diag_list_count(diags) == nwant;
        for (i = 0; ok && i < nwant; i++) {
            const pledge_diag *d = pledge_diag_list_at(diags, i);
            ok = d->line == want[i].line && d->column == want[i].column &&
                 !strcmp(d->code, want[i].code);
        }
        ck_assert_msg(ok, "%s: expected %zu diagnostics, got:\n%s", name, nwant, text);
        free(text);
    }
    for (i = 0; i < pledge_diag_list_count(diags); i++) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        ck_assert_str_eq(d->file, shown);
        ck_assert(d->message[0] != '\0');
        ck_assert_msg(d->document < (ndocs ? ndocs : 1), "%s: diagnostic for document %zu of %zu",
                      name, d->document, ndocs);
    }

    p = path_join(dir, "documents");
    if (file_exists(p)) {
        size_t n;
        got_docs = test_read_file(p, &n);
        while (n && (got_docs[n - 1] == '\n' || got_docs[n - 1] == ' '))
            got_docs[--n] = '\0';
        ck_assert_msg(!strcmp(got_docs, docs), "%s: documents \"%s\", expected \"%s\"", name,
                      docs, got_docs);
    } else {
        /* Without a documents file: no cut, documents kept. */
        ck_assert_msg(!strstr(docs, "cut"), "%s: the reading stopped early (%s)", name, docs);
    }
    free(got_docs);
    free(p);
    pledge_diag_list_free(diags);
    free(shown);
    free(want);
    pledge__buf_free(&input);
    free(dir);
}
END_TEST

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_cases(void)
{
    DIR *d = opendir(INVALID_DIR);
    struct dirent *e;
    size_t cap = 0;
    if (!d)
        return;
    while ((e = readdir(d))) {
        char *full;
        struct stat sb;
        if (e->d_name[0] == '.')
            continue;
        full = path_join(INVALID_DIR, e->d_name);
        if (stat(full, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (ncases == cap) {
                cap = cap ? cap * 2 : 64;
                cases = realloc(cases, cap * sizeof *cases);
                if (!cases)
                    abort();
            }
            cases[ncases++] = strdup(e->d_name);
        }
        free(full);
    }
    closedir(d);
    if (ncases)
        qsort(cases, ncases, sizeof *cases, by_name);
}

START_TEST(suite_is_large_enough)
{
    ck_assert_uint_ge(ncases, 40);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("invalid_data");
    TCase *tc = tcase_create("cases");
    int failed;
    size_t i;
    list_cases();
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, suite_is_large_enough);
    if (ncases)
        tcase_add_loop_test(tc, invalid_case, 0, (int)ncases);
    suite_add_tcase(s, tc);
    failed = test_run(s);
    for (i = 0; i < ncases; i++)
        free(cases[i]);
    free(cases);
    return failed ? 1 : 0;
}
