/* SPDX-License-Identifier: MIT */
/*
 * Runs the official JSON-Schema-Test-Suite against the validator:
 *   schema_suite_runner required SUITE_DIR   tests/draft2020-12/ *.json
 *   schema_suite_runner format SUITE_DIR     tests/draft2020-12/optional/format/
 *                                            for the asserted formats
 *   schema_suite_runner optional SUITE_DIR   tests/draft2020-12/optional/ *.json
 * Each file is read with the project's JSON front end; every failure is
 * printed by file, case and test; the last line is "N passed, N failed".
 * Exit 0 when all pass, 1 otherwise, 77 when the suite is absent (a
 * failure under CI=true).
 */
#include "pledge.h"
#include "node/json_reader.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The formats the issue asks to assert (their files in optional/format/). */
static const char *const asserted_formats[] = {
    "date", "date-time", "time", "duration", "email", "hostname", "ipv4", "ipv6",
    "uri", "uri-reference", "uuid", "json-pointer", "regex", NULL
};

static size_t passed, failed;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (n + 65536 > cap) {
            char *nb;
            cap = cap ? cap * 2 : 131072;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the *.json files directly in @p dir; NULL if absent. */
static char **list_json(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            char **nn;
            cap = cap ? cap * 2 : 64;
            nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *count = n;
    return names ? names : calloc(1, sizeof *names);
}

static const char *str_of(const pledge_node *n)
{
    const char *s = pledge_node_string(n, NULL);
    return s ? s : "?";
}

static void run_file(const char *dir, const char *file, const pledge_schema_options *opts)
{
    char path[4096];
    char *text;
    size_t len, c, t;
    pledge_tree *tree = NULL;
    pledge_diag_list *diags = NULL;
    const pledge_node *cases;

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path) {
        printf("FAIL %s: path too long\n", file);
        failed++;
        return;
    }
    text = read_all(path, &len);
    if (!text) {
        printf("FAIL %s: cannot read the file\n", file);
        failed++;
        return;
    }
    pledge_diag_list_new(&diags, NULL);
    if (pledge__json_read(&tree, text, len, path, 0, NULL, diags) || !pledge_tree_root(tree)) {
        printf("FAIL %s: the JSON reader refused it\n", file);
        failed++;
        pledge_tree_free(tree);
        pledge_diag_list_free(diags);
        free(text);
        return;
    }
    cases = pledge_tree_root(tree);
    for (c = 0; c < pledge_node_size(cases); c++) {
        const pledge_node *cs = pledge_node_item(cases, c);
        const pledge_node *tests = pledge_node_get(cs, "tests", 5);
        const char *cdesc = str_of(pledge_node_get(cs, "description", 11));
        pledge_schema *schema = NULL;
        int rc;
        pledge_diag_list_clear(diags);
        rc = pledge_schema_compile_node(&schema, pledge_node_get(cs, "schema", 6), file, NULL,
                                        opts, diags);
        for (t = 0; t < pledge_node_size(tests); t++) {
            const pledge_node *test = pledge_node_item(tests, t);
            const char *tdesc = str_of(pledge_node_get(test, "description", 11));
            int expect = pledge_node_bool(pledge_node_get(test, "valid", 5));
            const pledge_node *data = pledge_node_get(test, "data", 4);
            int fast, full, all;
            size_t before;
            if (rc) {
                const pledge_diag *d = pledge_diag_list_at(diags, 0);
                printf("FAIL %s: %s / %s: the schema did not compile (%s%s%s)\n", file, cdesc,
                       tdesc, pledge_strerror(rc), d ? ": " : "", d ? d->message : "");
                failed++;
                continue;
            }
            /* the fast pass, then the collecting pass, must agree; then
             * every branch's errors, exercised for crashes and leaks */
            fast = pledge_schema_validate(schema, data, file, 0, 0, NULL);
            before = pledge_diag_list_count(diags);
            full = pledge_schema_validate(schema, data, file, 0, 0, diags);
            all = full == PLEDGE_EINVALID
                      ? pledge_schema_validate(schema, data, file, 0,
                                               PLEDGE_VALIDATE_ALL_BRANCHES, diags)
                      : full;
            if ((fast == 0) != (full == 0) || all != full ||
                (full == PLEDGE_EINVALID && pledge_diag_list_count(diags) == before) ||
                (fast != 0 && fast != PLEDGE_EINVALID)) {
                printf("FAIL %s: %s / %s: inconsistent results (%d, %d, %d)\n", file, cdesc,
                       tdesc, fast, full, all);
                failed++;
            } else if ((fast == 0) != expect) {
                const pledge_diag *d = pledge_diag_list_at(diags, before);
                printf("FAIL %s: %s / %s: expected %s, got %s%s%s\n", file, cdesc, tdesc,
                       expect ? "valid" : "invalid", expect ? "invalid" : "valid",
                       d ? ": " : "", d ? d->message : "");
                failed++;
            } else {
                passed++;
            }
        }
        pledge_schema_free(schema);
    }
    pledge_tree_free(tree);
    pledge_diag_list_free(diags);
    free(text);
}

int main(int argc, char **argv)
{
    char tests[4096], remotes[4096];
    const char *mode = argc > 1 ? argv[1] : "required";
    const char *suite = argc > 2 ? argv[2] : "../shared/json-schema-test-suite";
    const char *ci = getenv("CI");
    pledge_ref_dir dirs[1];
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    struct stat st;
    char **files;
    size_t n, i;
    int format = strcmp(mode, "format") == 0;

    /* "optional" (not a ctest: the optional tests are not all goals) runs
     * tests/draft2020-12/optional/ *.json for a look at the gaps. */
    snprintf(tests, sizeof tests, "%s/tests/draft2020-12%s", suite,
             format ? "/optional/format" : strcmp(mode, "optional") == 0 ? "/optional" : "");
    snprintf(remotes, sizeof remotes, "%s/remotes/", suite);
    if (stat(tests, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("The JSON-Schema-Test-Suite was not found at %s.\n"
               "Put a checkout of the official JSON-Schema-Test-Suite (its tests/ and "
               "remotes/) there, or configure with "
               "-DPLEDGE_TEST_SUITE_DIR=/path/to/it.\n", suite);
        if (ci && strcmp(ci, "true") == 0) {
            printf("0 passed, 1 failed\n");
            return 1;
        }
        return 77;
    }
    dirs[0].uri_prefix = "http://localhost:1234/";
    dirs[0].directory = remotes;
    opts.ref_dirs = dirs;
    opts.ref_dir_count = 1;
    if (format)
        opts.flags |= PLEDGE_SCHEMA_ASSERT_FORMATS;
    files = list_json(tests, &n);
    for (i = 0; files && i < n; i++) {
        if (format) {
            size_t k;
            int wanted = 0;
            for (k = 0; asserted_formats[k]; k++) {
                size_t fl = strlen(asserted_formats[k]);
                if (strncmp(files[i], asserted_formats[k], fl) == 0 &&
                    strcmp(files[i] + fl, ".json") == 0)
                    wanted = 1;
            }
            if (!wanted) {
                free(files[i]);
                continue;
            }
        }
        run_file(tests, files[i], &opts);
        free(files[i]);
    }
    free(files);
    printf("%s%zu passed, %zu failed\n", format ? "format: " : "", passed, failed);
    return failed ? 1 : 0;
}
