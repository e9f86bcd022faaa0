/* SPDX-License-Identifier: MIT */
/* Hostile schemas (issue 15): the evaluation budget, cycles under not and
 * if, and evaluation on threads with small stacks. */
#include "testutil.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static pledge_schema *compile(const char *text, const pledge_schema_options *opts)
{
    pledge_diag_list *d = NULL;
    pledge_schema *s = NULL;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_schema_compile_buffer(&s, "s.json", text, strlen(text), opts, d);
    if (rc)
        ck_abort_msg("compile failed (%s):\n%s", pledge_strerror(rc), test_diags_text(d));
    pledge_diag_list_free(d);
    return s;
}

/* Validate the JSON @p doc; the diagnostics (caller frees) and the code. */
static pledge_diag_list *run(const pledge_schema *s, const char *doc, int *rc)
{
    pledge_diag_list *d = NULL;
    pledge_tree *t = NULL;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_tree_parse(&t, "doc.json", doc, strlen(doc), NULL, NULL), 0);
    *rc = pledge_schema_validate(s, pledge_tree_root(t), "doc.json", 0, 0, d);
    pledge_tree_free(t);
    return d;
}

static void expect_one(const pledge_diag_list *d, const char *code)
{
    if (pledge_diag_list_count(d) != 1 || strcmp(pledge_diag_list_at(d, 0)->code, code) != 0)
        ck_abort_msg("expected one %s diagnostic, got:\n%s", code, test_diags_text(d));
}

/* Level i's allOf refers to level i + 1 twice: 2^levels evaluations. */
static char *exponential_schema(int levels, const char *last)
{
    size_t cap = (size_t)levels * 80 + 200, len = 0;
    char *t = malloc(cap);
    int i;
    ck_assert_ptr_nonnull(t);
    len += (size_t)snprintf(t + len, cap - len, "{\"$ref\": \"#/$defs/d0\", \"$defs\": {");
    for (i = 0; i < levels; i++)
        len += (size_t)snprintf(t + len, cap - len,
                                "\"d%d\": {\"allOf\": [{\"$ref\": \"#/$defs/d%d\"}, "
                                "{\"$ref\": \"#/$defs/d%d\"}]},", i, i + 1, i + 1);
    snprintf(t + len, cap - len, "\"d%d\": %s}}", levels, last);
    return t;
}

START_TEST(exponential_schemas_end_with_the_budget)
{
    /* 40 levels: 2^40 evaluations without the budget (days). */
    static const char *const leaves[] = { "{\"type\": \"string\"}", "{\"type\": \"integer\"}" };
    size_t k;
    for (k = 0; k < 2; k++) {
        char *text = exponential_schema(40, leaves[k]);
        pledge_schema *s = compile(text, NULL);
        double start = test_now();
        int rc;
        pledge_diag_list *d = run(s, "\"x\"", &rc);
        ck_assert_int_eq(rc, PLEDGE_EINVALID);
        expect_one(d, "schema.limit");
        ck_assert_ptr_nonnull(strstr(pledge_diag_list_at(d, 0)->message, "10000000"));
        if (!SANITIZED && !getenv("PLEDGE_TEST_QUICK"))
            ck_assert_msg(test_now() - start < 10, "took %.1f s", test_now() - start);
        pledge_diag_list_free(d);
        pledge_schema_free(s);
        free(text);
    }
}
END_TEST

/* uniqueItems over pairs of integers [i, b] whose b is chosen so that the
 * former unkeyed combination of item hashes, ((h ^ x1) * P ^ x2) * P with
 * x = value * G, gave every pair the same hash: comparing all of them took
 * some 10^9 equality tests. Item hashes now go through the keyed hash. */
START_TEST(unique_items_resist_chosen_collisions)
{
    const uint64_t g = 0x9e3779b97f4a7c15ull, p = 1099511628211ull;
    const uint64_t h0 = 1469598103934665603ull + PLEDGE_NODE_SEQUENCE;
    size_t n = getenv("PLEDGE_TEST_QUICK") ? 5000 : 40000, i, len = 0, cap = n * 48 + 64;
    uint64_t ginv = g;
    char *doc = malloc(cap);
    pledge_schema *s = compile("{\"uniqueItems\": true}", NULL);
    pledge_diag_list *d;
    double start;
    int rc, k;
    ck_assert_ptr_nonnull(doc);
    for (k = 0; k < 6; k++)
        ginv *= 2 - g * ginv; /* g * ginv == 1 modulo 2^64 */
    ck_assert(g * ginv == 1);
    doc[len++] = '[';
    for (i = 0; i < n; i++) {
        uint64_t x2 = (h0 ^ (uint64_t)i * g) * p; /* makes h ^ x2 zero */
        int64_t b = (int64_t)(x2 * ginv);
        len += (size_t)snprintf(doc + len, cap - len, "%s[%zu, %lld]", i ? ", " : "", i,
                                (long long)b);
    }
    doc[len++] = ']';
    doc[len] = '\0';
    start = test_now();
    d = run(s, doc, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    if (!SANITIZED && !getenv("PLEDGE_TEST_QUICK"))
        ck_assert_msg(test_now() - start < 5, "took %.1f s", test_now() - start);
    pledge_diag_list_free(d);
    /* and a repeat among them is still found */
    len = (size_t)(strrchr(doc, ']') - doc);
    len += (size_t)snprintf(doc + len, cap - len, ", [7, %lld]]",
                            (long long)(int64_t)(((h0 ^ 7 * g) * p) * ginv));
    d = run(s, doc, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    expect_one(d, "uniqueItems");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
    free(doc);
}
END_TEST

START_TEST(the_budget_is_an_option)
{
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    char *text = exponential_schema(10, "{\"type\": \"string\"}");
    pledge_schema *s;
    pledge_diag_list *d;
    int rc;
    /* 3 * 2^10 + ... evaluations: about 6,000 */
    opts.max_evaluations = 10000;
    s = compile(text, &opts);
    d = run(s, "\"x\"", &rc);
    ck_assert_int_eq(rc, 0);
    pledge_diag_list_free(d);
    pledge_schema_free(s);
    opts.max_evaluations = 1000;
    s = compile(text, &opts);
    d = run(s, "\"x\"", &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    expect_one(d, "schema.limit");
    ck_assert_ptr_nonnull(strstr(pledge_diag_list_at(d, 0)->message, "budget of 1000 ("));
    pledge_diag_list_free(d);
    pledge_schema_free(s);
    /* the code is in the table */
    ck_assert_ptr_nonnull(pledge_code_find("schema.limit"));
    free(text);
}
END_TEST

START_TEST(cycles_under_not_and_if_are_reported)
{
    static const char *const schemas[] = {
        "{\"not\": {\"$ref\": \"#\"}}",
        "{\"if\": {\"$ref\": \"#\"}}",
        "{\"anyOf\": [{\"$ref\": \"#\"}, true]}",
        ("{\"$defs\": {\"a\": {\"not\": {\"$ref\": \"#/$defs/b\"}}, \"b\": {\"$ref\": \"#/$defs/a\"}},"
         " \"$ref\": \"#/$defs/a\"}"),
    };
    size_t i;
    for (i = 0; i < sizeof schemas / sizeof *schemas; i++) {
        pledge_schema *s = compile(schemas[i], NULL);
        int rc;
        pledge_diag_list *d = run(s, "1", &rc);
        ck_assert_int_eq(rc, PLEDGE_EINVALID);
        expect_one(d, "$ref");
        ck_assert_ptr_nonnull(strstr(pledge_diag_list_at(d, 0)->message, "cycle"));
        pledge_diag_list_free(d);
        pledge_schema_free(s);
    }
}
END_TEST

START_TEST(numbers_compare_by_mathematical_value)
{
    static const struct { const char *schema, *doc; int valid; } cases[] = {
        { "{\"const\": 100000000000000000000}", "1e20", 1 },
        { "{\"const\": 1e20}", "100000000000000000000", 1 },
        { "{\"enum\": [1, 100000000000000000000]}", "1.0e20", 1 },
        { "{\"const\": 100000000000000000001}", "1e20", 0 },
        { "{\"uniqueItems\": true}", "[100000000000000000000, 1e20]", 0 },
        { "{\"uniqueItems\": true}", "[100000000000000000001, 1e20]", 1 },
        { "{\"uniqueItems\": true}", "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,"
          "23,24,25,26,27,28,29,30,1e20,100000000000000000000]", 0 },
        { "{\"maximum\": 100000000000000000000}", "1e20", 1 },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        pledge_schema *s = compile(cases[i].schema, NULL);
        int rc;
        pledge_diag_list *d = run(s, cases[i].doc, &rc);
        ck_assert_msg((rc == 0) == cases[i].valid, "%s against %s: %s", cases[i].doc,
                      cases[i].schema, test_diags_text(d));
        pledge_diag_list_free(d);
        pledge_schema_free(s);
    }
}
END_TEST

START_TEST(overflowing_floats_are_reported)
{
    static const struct { const char *name, *text; } cases[] = {
        { "a.json", "[1e400]" }, { "a.yaml", "- 1e400\n" }, { "b.yaml", "- !!float -2e999\n" },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        pledge_diag_list *d = NULL;
        pledge_tree *t = NULL;
        ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
        pledge_tree_parse(&t, cases[i].name, cases[i].text, strlen(cases[i].text), NULL, d);
        expect_one(d, "yaml.limit");
        ck_assert_ptr_nonnull(strstr(pledge_diag_list_at(d, 0)->message, "range"));
        pledge_tree_free(t);
        pledge_diag_list_free(d);
    }
    {
        /* .inf is written with letters: no diagnostic */
        pledge_tree *t = NULL;
        pledge_diag_list *d = NULL;
        ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
        ck_assert_int_eq(pledge_tree_parse(&t, "c.yaml", "- .inf\n- -.Inf\n", 15, NULL, d), 0);
        ck_assert_uint_eq(pledge_diag_list_count(d), 0);
        pledge_tree_free(t);
        pledge_diag_list_free(d);
    }
}
END_TEST

/* ---- files named by $ref ------------------------------------------------ */

static char tmp[256];

static void put(const char *rel, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void link_to(const char *target, const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    ck_assert_int_eq(symlink(target, path), 0);
}

/* Compile the schema file @p rel; the diagnostics, the code. */
static pledge_diag_list *compile_file(const char *rel, const pledge_schema_options *o, int *rc)
{
    char path[512];
    pledge_schema *s = NULL;
    pledge_diag_list *d = NULL;
    snprintf(path, sizeof path, "%s/%s", tmp, rel);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    *rc = pledge_schema_compile_file(&s, path, o, d);
    pledge_schema_free(s);
    return d;
}

/* Remove the scratch folder's files (tmp holds no deeper folders than
 * one level). */
static void clean(const char *const *rels)
{
    char path[512];
    size_t i;
    for (i = 0; rels[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmp, rels[i]);
        if (unlink(path) != 0)
            rmdir(path);
    }
    rmdir(tmp);
}

static int mentions(const pledge_diag_list *d, const char *word)
{
    size_t i;
    for (i = 0; i < pledge_diag_list_count(d); i++)
        if (strstr(pledge_diag_list_at(d, i)->message, word))
            return 1;
    return 0;
}

START_TEST(references_stay_inside_their_folders)
{
    char secret[300], lib[300];
    pledge_schema_options o = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_ref_dir rd;
    pledge_diag_list *d;
    int rc;
    strcpy(tmp, "/tmp/pledge-limits-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
    ck_assert_int_eq(mkdir(strcat(strcpy(lib, tmp), "/lib"), 0700), 0);
    ck_assert_int_eq(mkdir(strcat(strcpy(secret, tmp), "/s"), 0700), 0);
    put("secret.json", "{\"const\": \"root-secret\"}");
    strcat(strcpy(secret, tmp), "/secret.json");
    /* ref_dir: lib/common.json -> ../secret.json (was read and quoted) */
    link_to(secret, "lib/common.json");
    link_to("inner.json", "lib/alias.json");
    put("lib/inner.json", "{\"type\": \"string\"}");
    put("s/main.json", "{\"$ref\": \"https://example.org/s/common.json\"}");
    put("s/ok.json", "{\"$ref\": \"https://example.org/s/alias.json\"}");
    rd.uri_prefix = "https://example.org/s/";
    rd.directory = lib;
    o.ref_dirs = &rd;
    o.ref_dir_count = 1;
    d = compile_file("s/main.json", &o, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_msg(mentions(d, "outside the ref_dir folder"), "%s", test_diags_text(d));
    ck_assert(!mentions(d, "root-secret"));
    pledge_diag_list_free(d);
    /* a link to a file inside the folder is followed */
    d = compile_file("s/ok.json", &o, &rc);
    ck_assert_msg(rc == 0, "%s", test_diags_text(d));
    pledge_diag_list_free(d);
    /* file: references: s/link.json -> ../secret.json */
    link_to(secret, "s/link.json");
    put("s/file.json", "{\"$ref\": \"link.json\"}");
    d = compile_file("s/file.json", NULL, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_msg(mentions(d, "outside the schema's folder"), "%s", test_diags_text(d));
    pledge_diag_list_free(d);
    {
        static const char *const files[] = { "secret.json", "lib/common.json", "lib/alias.json",
                                             "lib/inner.json", "s/main.json", "s/ok.json",
                                             "s/link.json", "s/file.json", "lib", "s", NULL };
        clean(files);
    }
}
END_TEST

START_TEST(fifos_and_non_schemas_named_by_ref)
{
    char fifo[300];
    pledge_diag_list *d;
    int rc;
    strcpy(tmp, "/tmp/pledge-limits-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
    strcat(strcpy(fifo, tmp), "/fifo.json");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    put("f.json", "{\"$ref\": \"fifo.json\"}");
    alarm(20); /* a blocking open would hang: fail loudly instead */
    d = compile_file("f.json", NULL, &rc);
    alarm(0);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_msg(mentions(d, "not a regular file"), "%s", test_diags_text(d));
    pledge_diag_list_free(d);
    /* a referenced file that is no schema: said once, not once per
     * vocabulary metaschema and per reference */
    put("array.json", "[1, 2]");
    put("a.json", "{\"$ref\": \"array.json\", \"properties\": {\"x\": {\"$ref\": \"array.json\"}}}");
    d = compile_file("a.json", NULL, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    expect_one(d, "schema.invalid");
    pledge_diag_list_free(d);
    put("broken.json", "hello: [");
    put("b.json", "{\"$ref\": \"broken.json\", \"properties\": {\"x\": {\"$ref\": \"broken.json\"}}}");
    d = compile_file("b.json", NULL, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_uint_eq(pledge_diag_list_count(d), 2); /* the syntax error, and where */
    pledge_diag_list_free(d);
    {
        static const char *const files[] = { "fifo.json", "f.json", "array.json", "a.json",
                                             "broken.json", "b.json", NULL };
        clean(files);
    }
}
END_TEST

/* ---- small stacks ------------------------------------------------------ */

typedef struct job {
    const char *schema;
    const char *doc;
    int rc;
    char code[64];
} job;

static void *validate_job(void *arg)
{
    job *j = arg;
    pledge_schema *s = NULL;
    pledge_tree *t = NULL;
    pledge_diag_list *d = NULL;
    j->rc = -1000;
    if (pledge_diag_list_new(&d, NULL) ||
        pledge_schema_compile_buffer(&s, "s.json", j->schema, strlen(j->schema), NULL, d) ||
        pledge_tree_parse(&t, "doc.json", j->doc, strlen(j->doc), NULL, d))
        return NULL;
    j->rc = pledge_schema_validate(s, pledge_tree_root(t), "doc.json", 0, 0, d);
    if (pledge_diag_list_count(d))
        snprintf(j->code, sizeof j->code, "%s", pledge_diag_list_at(d, 0)->code);
    pledge_tree_free(t);
    pledge_schema_free(s);
    pledge_diag_list_free(d);
    return NULL;
}

static void on_thread(job *j, size_t stack)
{
    pthread_attr_t attr;
    pthread_t th;
    ck_assert_int_eq(pthread_attr_init(&attr), 0);
    ck_assert_int_eq(pthread_attr_setstacksize(&attr, stack), 0);
    ck_assert_int_eq(pthread_create(&th, &attr, validate_job, j), 0);
    ck_assert_int_eq(pthread_join(th, NULL), 0);
    pthread_attr_destroy(&attr);
}

static char *ref_chain(int n)
{
    size_t cap = (size_t)n * 48 + 100, len = 0;
    char *t = malloc(cap);
    int i;
    ck_assert_ptr_nonnull(t);
    len += (size_t)snprintf(t, cap, "{\"$ref\": \"#/$defs/d0\", \"$defs\": {");
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(t + len, cap - len, "\"d%d\": {\"$ref\": \"#/$defs/d%d\"},", i,
                                i + 1);
    snprintf(t + len, cap - len, "\"d%d\": {\"type\": \"string\"}}}", n);
    return t;
}

static char *nested_array(int depth)
{
    char *t = malloc((size_t)depth * 2 + 2);
    ck_assert_ptr_nonnull(t);
    memset(t, '[', (size_t)depth);
    t[depth] = '1';
    memset(t + depth + 1, ']', (size_t)depth);
    t[2 * depth + 1] = '\0';
    return t;
}

static const char recursive_any_of[] =
    "{\"$ref\": \"#/$defs/t\", \"$defs\": {\"t\": {\"anyOf\": [{\"type\": \"integer\"},"
    " {\"type\": \"array\", \"items\": {\"$ref\": \"#/$defs/t\"}}],"
    " \"unevaluatedItems\": false}}}";

START_TEST(deep_ref_chains_on_small_stacks)
{
    /* Was a segfault with `ulimit -s 1024`. Valid where the stack allows,
     * else schema.limit: never a crash. */
    static const size_t stacks[] = { 256u << 10, 512u << 10, 8u << 20 };
    char *schema = ref_chain(2990);
    size_t i;
    for (i = 0; i < 3; i++) {
        job j = { schema, "\"x\"", 0, "" };
        on_thread(&j, stacks[i]);
        ck_assert_msg(j.rc == 0 || (j.rc == PLEDGE_EINVALID && !strcmp(j.code, "schema.limit")),
                      "stack %zu: rc %d code %s", stacks[i], j.rc, j.code);
        /* On 8 MiB the chain validates; sanitizer builds at -O0 have frames
         * several times larger, where schema.limit (above) is the answer. */
        if (i == 2 && !SANITIZED)
            ck_assert_int_eq(j.rc, 0);
    }
    free(schema);
}
END_TEST

START_TEST(recursive_schemas_over_deep_data_on_small_stacks)
{
    /* 255-deep data, inside the default depth limit: was a segfault on a
     * 512 KiB thread. */
    static const size_t stacks[] = { 256u << 10, 512u << 10, 8u << 20 };
    char *doc = nested_array(255);
    size_t i;
    for (i = 0; i < 3; i++) {
        job j = { recursive_any_of, doc, 0, "" };
        on_thread(&j, stacks[i]);
        ck_assert_msg(j.rc == 0 || (j.rc == PLEDGE_EINVALID && !strcmp(j.code, "schema.limit")),
                      "stack %zu: rc %d code %s", stacks[i], j.rc, j.code);
        if (i == 2 || (i == 1 && !SANITIZED && !getenv("PLEDGE_TEST_QUICK")))
            ck_assert_msg(j.rc == 0, "stack %zu: rc %d code %s", stacks[i], j.rc, j.code);
    }
    free(doc);
}
END_TEST

/* Property names chosen so that the evaluator's cheap name hash (the
 * length, the first and the last 8 bytes) collides for all of them: the
 * node falls back to the keyed table, and lookups still find every name. */
START_TEST(property_names_chosen_to_collide)
{
    char *text = malloc(100 * 50 + 200);
    size_t len = 0, i;
    pledge_schema *s;
    pledge_diag_list *d;
    int rc;
    ck_assert_ptr_nonnull(text);
    len += (size_t)sprintf(text + len, "{\"additionalProperties\": false, "
                                       "\"required\": [\"propert_00_endname\", \"propert_99_endname\"], "
                                       "\"properties\": {");
    for (i = 0; i < 100; i++)
        len += (size_t)sprintf(text + len, "%s\"propert_%02zu_endname\": {\"const\": %zu}",
                               i ? ", " : "", i, i);
    strcpy(text + len, "}}");
    s = compile(text, NULL);
    d = run(s, "{\"propert_00_endname\": 0, \"propert_99_endname\": 99, "
               "\"propert_35_endname\": 35, \"propert_57_endname\": 57}", &rc);
    ck_assert_int_eq(rc, 0);
    pledge_diag_list_free(d);
    d = run(s, "{\"propert_00_endname\": 0, \"propert_99_endname\": 99, "
               "\"propert_35_endname\": 36}", &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    expect_one(d, "const");
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->instance_path, "/propert_35_endname");
    pledge_diag_list_free(d);
    d = run(s, "{\"propert_00_endname\": 0, \"propert_99_endname\": 99, "
               "\"propert_3x_endname\": 1}", &rc);
    expect_one(d, "additionalProperties");
    pledge_diag_list_free(d);
    d = run(s, "{\"propert_00_endname\": 0}", &rc);
    expect_one(d, "required");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("limits");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, exponential_schemas_end_with_the_budget);
    tcase_add_test(tc, the_budget_is_an_option);
    tcase_add_test(tc, unique_items_resist_chosen_collisions);
    tcase_add_test(tc, cycles_under_not_and_if_are_reported);
    tcase_add_test(tc, numbers_compare_by_mathematical_value);
    tcase_add_test(tc, overflowing_floats_are_reported);
    tcase_add_test(tc, references_stay_inside_their_folders);
    tcase_add_test(tc, fifos_and_non_schemas_named_by_ref);
    tcase_add_test(tc, deep_ref_chains_on_small_stacks);
    tcase_add_test(tc, recursive_schemas_over_deep_data_on_small_stacks);
    tcase_add_test(tc, property_names_chosen_to_collide);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
