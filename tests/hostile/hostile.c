/* SPDX-License-Identifier: MIT */
/*
 * Hostile inputs, one per run: `hostile CASE`. Each must end in bounded
 * time (the ctest TIMEOUT) and memory (RLIMIT_AS, set here in the normal
 * build; sanitizer builds reserve huge address space, so these tests carry
 * the label "rlimit" and run in the normal build only) with the expected
 * diagnostic, never a crash or a hang.
 */
#define _GNU_SOURCE
#include <pledge.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *workdir = "."; /* argv[2]: a scratch folder */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
    fprintf(stderr, "FAIL: %s\n", what);
    exit(1);
}

static int has_code(const pledge_diag_list *diags, const char *code)
{
    size_t i;
    for (i = 0; i < pledge_diag_list_count(diags); i++)
        if (strcmp(pledge_diag_list_at(diags, i)->code, code) == 0)
            return 1;
    return 0;
}

static void show(const pledge_diag_list *diags)
{
    size_t i, n = pledge_diag_list_count(diags);
    for (i = 0; i < n && i < 5; i++) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        printf("  %zu:%zu %s: %.200s\n", d->line, d->column, d->code, d->message);
    }
    if (n > 5)
        printf("  ... %zu diagnostics in all\n", n);
}

/* Read every document of a buffer; return the number of documents. */
static size_t read_all(const char *name, const char *data, size_t len,
                       const pledge_load_options *opts, pledge_diag_list *diags)
{
    pledge_reader *r = NULL;
    pledge_tree *t = NULL;
    size_t n = 0;
    if (pledge_reader_open_buffer(&r, name, data, len, opts, diags) != 0)
        fail("open_buffer");
    while (pledge_reader_next(r, &t, diags) == 0 && t) {
        n++;
        pledge_tree_free(t);
    }
    pledge_reader_free(r);
    return n;
}

static char *repeat(const char *unit, size_t times, const char *tail, size_t *len)
{
    size_t u = strlen(unit), t = strlen(tail), i;
    char *buf = malloc(u * times + t + 1);
    if (!buf)
        fail("malloc");
    for (i = 0; i < times; i++)
        memcpy(buf + i * u, unit, u);
    memcpy(buf + u * times, tail, t + 1);
    *len = u * times + t;
    return buf;
}

static void expect_code(pledge_diag_list *diags, const char *code)
{
    show(diags);
    if (!has_code(diags, code)) {
        fprintf(stderr, "expected a %s diagnostic\n", code);
        exit(1);
    }
}

static void case_billion_laughs(pledge_diag_list *diags)
{
    static const char text[] =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
        "---\nnext: document\n";
    if (read_all("laughs.yaml", text, sizeof text - 1, NULL, diags) != 2)
        fail("the document after the bomb must still be read");
    expect_code(diags, "yaml.limit");
}

static void deep(pledge_diag_list *diags, const char *unit, const char *name, pledge_syntax syntax)
{
    pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
    size_t len;
    char *text = repeat(unit, 1000000, "", &len);
    opts.syntax = syntax;
    read_all(name, text, len, &opts, diags);
    free(text);
    expect_code(diags, "yaml.limit");
}

static void case_big_scalar(pledge_diag_list *diags)
{
    /* 100 MB on disk, read through the file API with the default 64 MiB
     * limit: reading stops at the limit. */
    char path[4096];
    FILE *f;
    size_t i;
    static char block[1 << 16];
    pledge_reader *r = NULL;
    pledge_tree *t = NULL;
    snprintf(path, sizeof path, "%s/big-scalar.yaml", workdir);
    f = fopen(path, "wb");
    if (!f)
        fail("cannot write the scratch file");
    memset(block, 'x', sizeof block);
    fputs("key: ", f);
    for (i = 0; i < (100u << 20) / sizeof block; i++)
        fwrite(block, 1, sizeof block, f);
    fclose(f);
    if (pledge_reader_open_file(&r, path, NULL, diags) == 0) {
        while (pledge_reader_next(r, &t, diags) == 0 && t)
            pledge_tree_free(t);
    }
    pledge_reader_free(r);
    unlink(path);
    expect_code(diags, "yaml.limit");
}

static void case_million_keys(pledge_diag_list *diags)
{
    /* Keys that share long prefixes and differ at the end, plus one
     * duplicate at the very end: the check must stay near-linear. */
    size_t n = 1000000, i, len = 0, cap = n * 32 + 64;
    char *text = malloc(cap);
    if (!text)
        fail("malloc");
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "k0000000000000000%08zu: 1\n", i);
    len += (size_t)snprintf(text + len, cap - len, "k0000000000000000%08zu: 2\n", (size_t)0);
    read_all("keys.yaml", text, len, NULL, diags);
    free(text);
    expect_code(diags, "yaml.duplicate-key");
}

static void case_regex_backtracking(pledge_diag_list *diags)
{
    static const char schema_text[] = "{\"pattern\": \"^(a+)+$\"}";
    pledge_schema *s = NULL;
    pledge_tree *t = NULL;
    size_t len;
    char *text = repeat("a", 100000, "b\"", &len);
    text[0] = '"';
    if (pledge_schema_compile_buffer(&s, "s.json", schema_text, sizeof schema_text - 1, NULL,
                                     diags) != 0)
        fail("compile");
    if (pledge_tree_parse(&t, "i.json", text, len, NULL, diags) != 0)
        fail("parse");
    pledge_schema_validate(s, pledge_tree_root(t), "i.json", 0, 0, diags);
    pledge_tree_free(t);
    pledge_schema_free(s);
    free(text);
    expect_code(diags, "schema.regex-limit");
}

static void compile_expect_no_hang(pledge_diag_list *diags, const char *schema_text,
                                   const char *instance)
{
    pledge_schema *s = NULL;
    pledge_tree *t = NULL;
    if (pledge_schema_compile_buffer(&s, "s.json", schema_text, strlen(schema_text), NULL,
                                     diags) == 0) {
        if (pledge_tree_parse(&t, "i.json", instance, strlen(instance), NULL, diags) != 0)
            fail("parse");
        pledge_schema_validate(s, pledge_tree_root(t), "i.json", 0, 0, diags);
    }
    show(diags);
    pledge_tree_free(t);
    pledge_schema_free(s);
}

static void case_ref_loop(pledge_diag_list *diags)
{
    compile_expect_no_hang(diags,
        "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}},"
        " \"$ref\": \"#/$defs/a\"}", "[1, {\"x\": 2}]");
}

static void case_dynamic_ref_self(pledge_diag_list *diags)
{
    compile_expect_no_hang(diags,
        "{\"$id\": \"urn:t\", \"$dynamicAnchor\": \"x\", \"$dynamicRef\": \"#x\"}",
        "{\"a\": [1, 2, 3]}");
    compile_expect_no_hang(diags,
        "{\"$id\": \"urn:t2\", \"$dynamicAnchor\": \"x\","
        " \"properties\": {\"a\": {\"$dynamicRef\": \"#x\"}}}",
        "{\"a\": {\"a\": {\"a\": {\"a\": 1}}}}");
}

static void case_invalid_utf8(pledge_diag_list *diags)
{
    static const char text[] = "a: ok\nb: \xC3\x28\nc: \xF5\x80\x80\x80\n";
    read_all("bad.yaml", text, sizeof text - 1, NULL, diags);
    expect_code(diags, "yaml.invalid-utf8");
}

static void case_utf16(pledge_diag_list *diags)
{
    static const char text[] = "\xFF\xFE" "a\0:\0 \0b\0\n\0";
    read_all("utf16.yaml", text, sizeof text - 1, NULL, diags);
    expect_code(diags, "yaml.invalid-utf8");
}

static void case_directory(pledge_diag_list *diags)
{
    pledge_reader *r = NULL;
    if (pledge_reader_open_file(&r, workdir, NULL, diags) == 0)
        fail("a folder must not open as a file");
    pledge_reader_free(r);
    expect_code(diags, "io.error");
}

static void case_unreadable(pledge_diag_list *diags)
{
    /* /proc/self/mem exists but fails to read at offset 0 (EIO): an
     * unreadable file even for root, who ignores permission bits. */
    pledge_reader *r = NULL;
    pledge_tree *t = NULL;
    if (pledge_reader_open_file(&r, "/proc/self/mem", NULL, diags) == 0) {
        while (pledge_reader_next(r, &t, diags) == 0 && t)
            pledge_tree_free(t);
    }
    pledge_reader_free(r);
    expect_code(diags, "io.error");
}

static void case_vanished(pledge_diag_list *diags)
{
    char path[4096];
    FILE *f;
    pledge_reader *r = NULL;
    snprintf(path, sizeof path, "%s/vanishing.yaml", workdir);
    f = fopen(path, "w");
    if (!f)
        fail("cannot write the scratch file");
    fputs("a: 1\n", f);
    fclose(f);
    unlink(path); /* gone between listing and reading */
    if (pledge_reader_open_file(&r, path, NULL, diags) == 0)
        fail("a vanished file must not open");
    pledge_reader_free(r);
    expect_code(diags, "io.error");
}

static void case_big_integer(pledge_diag_list *diags)
{
    /* 200,000-digit integers in JSON and YAML (was 46 s each: a digit-by-
     * digit conversion), and a 100,000-digit hexadecimal one (refused). */
    size_t len, n = 200000;
    char *text = repeat("7", n, "]", &len);
    pledge_tree *t = NULL;
    text[0] = '[';
    if (pledge_tree_parse(&t, "big.json", text, len, NULL, diags) != 0 ||
        strlen(pledge_node_int_text(pledge_node_item(pledge_tree_root(t), 0), NULL)) != n - 1)
        fail("the big JSON integer must be read exactly");
    pledge_tree_free(t);
    text[0] = '7';
    text[len - 1] = '\n';
    if (read_all("big.yaml", text, len, NULL, diags) != 1)
        fail("the big YAML integer must be read");
    free(text);
    text = repeat("f", 100000, "\n", &len);
    memcpy(text, "a: 0x", 5);
    read_all("hex.yaml", text, len, NULL, diags);
    free(text);
    expect_code(diags, "yaml.limit");
}

static void case_tag_directives(pledge_diag_list *diags)
{
    /* 200,000 %TAG directives (4.6 MB): libyaml compares each with all
     * earlier ones, minutes of work; reading stops at the 65th. The 64
     * directives before it are allowed, and a document after few of them
     * is read. */
    size_t cap = 200000 * 40 + 64, len = 0, i;
    char *text = malloc(cap);
    if (!text)
        fail("malloc");
    len += (size_t)snprintf(text, cap, "a: 1\n...\n");
    for (i = 0; i < 200000; i++)
        len += (size_t)snprintf(text + len, cap - len, "%%TAG !t%zu! tag:x.org,2000:%zu\n", i, i);
    len += (size_t)snprintf(text + len, cap - len, "--- b\n");
    if (read_all("tags.yaml", text, len, NULL, diags) < 1)
        fail("the document before the directives must be read");
    free(text);
    expect_code(diags, "yaml.limit");
}

static void case_exponential_schema(pledge_diag_list *diags)
{
    /* 40 levels whose allOf refers twice to the next one: 2^40
     * evaluations (days, and 1.6 GB in 20 s collecting errors). The
     * evaluation budget ends it, for a valid leaf and an invalid one. */
    static const char *const leaves[] = { "{\"type\": \"string\"}", "{\"type\": \"integer\"}" };
    size_t k;
    for (k = 0; k < 2; k++) {
        char text[8192];
        size_t len = 0;
        int i;
        len += (size_t)snprintf(text, sizeof text, "{\"$ref\": \"#/$defs/d0\", \"$defs\": {");
        for (i = 0; i < 40; i++)
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "\"d%d\": {\"allOf\": [{\"$ref\": \"#/$defs/d%d\"}, "
                                    "{\"$ref\": \"#/$defs/d%d\"}]},", i, i + 1, i + 1);
        snprintf(text + len, sizeof text - len, "\"d40\": %s}}", leaves[k]);
        compile_expect_no_hang(diags, text, "\"x\"");
    }
    expect_code(diags, "schema.limit");
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void compile_generated(pledge_diag_list *diags, const char *head, const char *unit,
                              const char *tail, int n)
{
    size_t cap = (size_t)n * (strlen(unit) + 40) + strlen(head) + strlen(tail) + 64, len;
    char *text = malloc(cap);
    int i;
    if (!text)
        fail("malloc");
    len = (size_t)snprintf(text, cap, "%s", head);
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, unit, i, i + 1);
    snprintf(text + len, cap - len, tail, n, n);
    compile_expect_no_hang(diags, text, "\"x\"");
    free(text);
}
#pragma GCC diagnostic pop

static void case_many_resources(pledge_diag_list *diags)
{
    /* Compilation was quadratic: a chain of 40,000 $ids (12.7 s), 50,000
     * $dynamicAnchors (116 s), 40,000 $defs reached by JSON Pointers and
     * 50,000 $anchors. */
    compile_generated(diags, "{\"$ref\": \"urn:x:1\", \"$defs\": {",
                      "\"d%d\": {\"$id\": \"urn:x:%d\", \"type\": \"string\"},",
                      "\"d%d\": {\"$id\": \"urn:y:%d\"}}}", 40000);
    compile_generated(diags, "{\"$id\": \"urn:r\", \"$dynamicAnchor\": \"a\", \"$defs\": {",
                      "\"d%d\": {\"$id\": \"urn:z:%d\", \"$dynamicAnchor\": \"a\"},",
                      "\"d%d\": {\"$id\": \"urn:w:%d\"}}}", 50000);
    compile_generated(diags, "{\"$ref\": \"#/$defs/d0\", \"$defs\": {",
                      "\"d%d\": {\"type\": \"string\", \"$comment\": \"%d\"},",
                      "\"d%d\": {\"$comment\": \"%d\"}}}", 40000);
    compile_generated(diags, "{\"$ref\": \"#a1\", \"$defs\": {",
                      "\"d%d\": {\"$anchor\": \"a%d\"},", "\"d%d\": {\"$comment\": \"%d\"}}}",
                      50000);
    if (pledge_diag_list_count(diags) != 0)
        fail("these schemas are valid, and so is \"x\"");
}

static void case_big_const(pledge_diag_list *diags)
{
    /* "const" with an object of 200,000 keys against the same object with
     * its keys in the other order: a key-by-key scan was quadratic. */
    size_t n = 200000, i, len = 0, cap = n * 40 + 64, ilen = 0;
    char *schema = malloc(cap), *inst = malloc(cap);
    pledge_schema *s = NULL;
    pledge_tree *t = NULL;
    if (!schema || !inst)
        fail("malloc");
    len += (size_t)snprintf(schema, cap, "{\"const\": {");
    ilen += (size_t)snprintf(inst, cap, "{");
    for (i = 0; i < n; i++) {
        len += (size_t)snprintf(schema + len, cap - len, "%s\"k%zu\": %zu", i ? ", " : "", i, i);
        ilen += (size_t)snprintf(inst + ilen, cap - ilen, "%s\"k%zu\": %zu", i ? ", " : "",
                                 n - 1 - i, n - 1 - i);
    }
    snprintf(schema + len, cap - len, "}}");
    snprintf(inst + ilen, cap - ilen, "}");
    if (pledge_schema_compile_buffer(&s, "s.json", schema, strlen(schema), NULL, diags) != 0 ||
        pledge_tree_parse(&t, "i.json", inst, strlen(inst), NULL, diags) != 0)
        fail("compile or parse");
    if (pledge_schema_validate(s, pledge_tree_root(t), "i.json", 0, 0, diags) != 0)
        fail("the same object in another key order is equal");
    pledge_tree_free(t);
    pledge_schema_free(s);
    free(schema);
    free(inst);
    show(diags);
}

static const struct {
    const char *name;
    void (*run)(pledge_diag_list *);
} cases[] = {
    { "billion-laughs", case_billion_laughs },
    { "big-scalar", case_big_scalar },
    { "million-keys", case_million_keys },
    { "regex-backtracking", case_regex_backtracking },
    { "ref-loop", case_ref_loop },
    { "dynamic-ref-self", case_dynamic_ref_self },
    { "invalid-utf8", case_invalid_utf8 },
    { "utf16", case_utf16 },
    { "directory", case_directory },
    { "unreadable", case_unreadable },
    { "vanished", case_vanished },
    { "big-integer", case_big_integer },
    { "tag-directives", case_tag_directives },
    { "exponential-schema", case_exponential_schema },
    { "many-resources", case_many_resources },
    { "big-const", case_big_const },
};

static void case_deep_flow(pledge_diag_list *d) { deep(d, "[", "deep.yaml", PLEDGE_SYNTAX_YAML); }
static void case_deep_map(pledge_diag_list *d) { deep(d, "{a: ", "deep.yaml", PLEDGE_SYNTAX_YAML); }
static void case_deep_json(pledge_diag_list *d) { deep(d, "[", "deep.json", PLEDGE_SYNTAX_JSON); }
static void case_deep_block(pledge_diag_list *d) { deep(d, "- ", "deep.yaml", PLEDGE_SYNTAX_YAML); }

int main(int argc, char **argv)
{
    pledge_diag_list *diags = NULL;
    double start;
    size_t i;
    int found = 0;
    struct rusage ru;
    if (argc < 2) {
        fprintf(stderr, "usage: hostile CASE [WORKDIR]\n");
        return 2;
    }
    if (argc > 2)
        workdir = argv[2];
#if !defined(__SANITIZE_ADDRESS__)
    {
        /* 1 GiB of address space: far above what any case needs. */
        struct rlimit rl = { 1024ul << 20, 1024ul << 20 };
        if (setrlimit(RLIMIT_AS, &rl) != 0)
            fail("setrlimit");
    }
#endif
    if (pledge_diag_list_new(&diags, NULL) != 0)
        fail("diag list");
    start = now();
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(argv[1], cases[i].name) == 0) {
            cases[i].run(diags);
            found = 1;
        }
    if (!found && strcmp(argv[1], "deep-flow") == 0) case_deep_flow(diags), found = 1;
    if (!found && strcmp(argv[1], "deep-map") == 0) case_deep_map(diags), found = 1;
    if (!found && strcmp(argv[1], "deep-json") == 0) case_deep_json(diags), found = 1;
    if (!found && strcmp(argv[1], "deep-block") == 0) case_deep_block(diags), found = 1;
    if (!found) {
        fprintf(stderr, "unknown case %s\n", argv[1]);
        return 2;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("%s: %.3f s, peak RSS %ld MiB\n", argv[1], now() - start, ru.ru_maxrss / 1024);
    pledge_diag_list_free(diags);
    return 0;
}
