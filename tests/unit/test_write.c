/* SPDX-License-Identifier: MIT */
/* The writers (write_json.c, write_yaml.c): exact JSON output, and round
 * trips YAML -> JSON -> tree and YAML -> YAML -> tree that give equal trees. */
#include "testutil.h"
#include "core/buf.h"
#include "node/json_reader.h"
#include "node/tree.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

typedef struct sink {
    pledge_buf buf;
    size_t calls;
    size_t fail_after; /* refuse the call after this many; 0: never */
} sink;

static int sink_write(void *ud, const char *bytes, size_t len)
{
    sink *s = ud;
    s->calls++;
    if (s->fail_after && s->calls > s->fail_after)
        return 1;
    pledge__buf_append(&s->buf, bytes, len);
    return s->buf.failed;
}

static void sink_init(sink *s, size_t fail_after)
{
    memset(s, 0, sizeof *s);
    pledge__buf_init(&s->buf, NULL);
    s->fail_after = fail_after;
}

static pledge_tree *load(const char *text, size_t len, pledge_syntax syntax)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *d;
    pledge_tree *t = NULL;
    int rc;
    o.syntax = syntax;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_tree_parse(&t, syntax == PLEDGE_SYNTAX_JSON ? "w.json" : "w.yaml", text, len, &o,
                           d);
    ck_assert_msg(rc == 0, "cannot load (%d):\n%s\n--- diagnostics:\n%s", rc, text,
                  test_diags_text(d));
    pledge_diag_list_free(d);
    return t;
}

/* Load and expect not one diagnostic (no warning either). */
static pledge_tree *load_clean(const char *text, size_t len, pledge_syntax syntax)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *d;
    pledge_tree *t = NULL;
    int rc;
    o.syntax = syntax;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_tree_parse(&t, "w", text, len, &o, d);
    ck_assert_msg(rc == 0 && pledge_diag_list_count(d) == 0,
                  "written text does not load cleanly (%d):\n%s\n--- diagnostics:\n%s", rc,
                  text, test_diags_text(d));
    pledge_diag_list_free(d);
    return t;
}

static char *to_json(const pledge_node *n, unsigned flags)
{
    sink s;
    sink_init(&s, 0);
    ck_assert_int_eq(pledge_node_write_json(n, flags, sink_write, &s), 0);
    pledge__buf_putc(&s.buf, '\0');
    s.buf.len--;
    ck_assert(!s.buf.failed);
    return s.buf.data;
}

static char *to_yaml(const pledge_node *n)
{
    sink s;
    sink_init(&s, 0);
    ck_assert_int_eq(pledge_node_write_yaml(n, 0, sink_write, &s), 0);
    pledge__buf_putc(&s.buf, '\0');
    ck_assert(!s.buf.failed);
    return s.buf.data;
}

/* Write @p t both ways (JSON compact and pretty, YAML), load each back and
 * compare. Returns the YAML text (caller frees). */
static char *round_trips(const pledge_tree *t)
{
    const pledge_node *root = pledge_tree_root(t);
    char *json = to_json(root, 0), *pretty = to_json(root, PLEDGE_WRITE_PRETTY);
    char *yaml = to_yaml(root);
    pledge_tree *a = load_clean(json, strlen(json), PLEDGE_SYNTAX_JSON);
    pledge_tree *b = load_clean(pretty, strlen(pretty), PLEDGE_SYNTAX_JSON);
    pledge_tree *c = load_clean(yaml, strlen(yaml), PLEDGE_SYNTAX_YAML);
    ck_assert_msg(pledge_node_equal(root, pledge_tree_root(a)), "JSON round trip:\n%s", json);
    ck_assert_msg(pledge_node_equal(root, pledge_tree_root(b)), "JSON round trip:\n%s", pretty);
    ck_assert_msg(pledge_node_equal(root, pledge_tree_root(c)), "YAML round trip:\n%s", yaml);
    /* Writing what was read back gives the same text again. */
    {
        char *yaml2 = to_yaml(pledge_tree_root(c)), *json2 = to_json(pledge_tree_root(a), 0);
        ck_assert_str_eq(yaml2, yaml);
        ck_assert_str_eq(json2, json);
        free(yaml2);
        free(json2);
    }
    pledge_tree_free(a);
    pledge_tree_free(b);
    pledge_tree_free(c);
    free(json);
    free(pretty);
    return yaml;
}

/* ---- JSON ---------------------------------------------------------------- */

START_TEST(json_compact_and_pretty)
{
    const char *src = "{\"b\": [1, -2, true, false, null, \"s\", [], {}, [[]]], \"a\": {\"x\": "
                      "{\"y\": 1.5}}, \"\": \"\"}";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_JSON);
    char *c = to_json(pledge_tree_root(t), 0), *p = to_json(pledge_tree_root(t),
                                                            PLEDGE_WRITE_PRETTY);
    ck_assert_str_eq(c, "{\"b\":[1,-2,true,false,null,\"s\",[],{},[[]]],\"a\":{\"x\":{\"y\":1.5}},"
                        "\"\":\"\"}");
    ck_assert_str_eq(p, "{\n"
                        "  \"b\": [\n"
                        "    1,\n"
                        "    -2,\n"
                        "    true,\n"
                        "    false,\n"
                        "    null,\n"
                        "    \"s\",\n"
                        "    [],\n"
                        "    {},\n"
                        "    [\n"
                        "      []\n"
                        "    ]\n"
                        "  ],\n"
                        "  \"a\": {\n"
                        "    \"x\": {\n"
                        "      \"y\": 1.5\n"
                        "    }\n"
                        "  },\n"
                        "  \"\": \"\"\n"
                        "}\n");
    free(c);
    free(p);
    pledge_tree_free(t);
}
END_TEST

START_TEST(json_root_scalars)
{
    static const char *cases[][2] = {
        { "1", "1" },         { "\"x\"", "\"x\"" }, { "true", "true" }, { "null", "null" },
        { "[]", "[]" },       { "{}", "{}" },       { "-0", "0" },      { "2.50", "2.5" },
        { "1E2", "100.0" },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        pledge_tree *t = load(cases[i][0], strlen(cases[i][0]), PLEDGE_SYNTAX_JSON);
        char *s = to_json(pledge_tree_root(t), 0);
        ck_assert_str_eq(s, cases[i][1]);
        free(s);
        s = to_json(pledge_tree_root(t), PLEDGE_WRITE_PRETTY);
        ck_assert_uint_eq(strlen(s), strlen(cases[i][1]) + 1);
        free(s);
        pledge_tree_free(t);
    }
}
END_TEST

START_TEST(json_string_escapes)
{
    const char *src = "[\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0000 \\u0001 \\u001f \\u007f "
                      "\xc3\xa5\xc3\xa4\xc3\xb6 \\uD83D\\uDCA9 \\u2028\"]";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_JSON);
    char *s = to_json(pledge_tree_root(t), 0);
    ck_assert_str_eq(s, "[\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0000 \\u0001 \\u001f \x7f "
                        "\xc3\xa5\xc3\xa4\xc3\xb6 \xf0\x9f\x92\xa9 \\u2028\"]");
    free(s);
    free(round_trips(t));
    pledge_tree_free(t);
}
END_TEST

START_TEST(json_integers_exact)
{
    const char *src = "[0, -1, 9223372036854775807, -9223372036854775808, "
                      "9223372036854775808, -123456789012345678901234567890]";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_JSON);
    char *s = to_json(pledge_tree_root(t), 0);
    ck_assert_str_eq(s, "[0,-1,9223372036854775807,-9223372036854775808,9223372036854775808,"
                        "-123456789012345678901234567890]");
    free(s);
    free(round_trips(t));
    pledge_tree_free(t);
}
END_TEST

START_TEST(json_floats_shortest)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "0.1", "0.1" },
        { "1e300", "1.0e+300" },
        { "1.0", "1.0" },
        { "-0.0", "-0.0" },
        { "100.0", "100.0" },
        { "0.30000000000000004", "0.30000000000000004" },
        { "5e-324", "4.94065645841247e-324" },
        { "1.7976931348623157e308", "1.7976931348623157e+308" },
        { "123456.789", "123456.789" },
        { "1e21", "1.0e+21" },
        { "-2.5e-7", "-2.5e-07" },
        { "0.1e1", "1.0" },
        { "3.141592653589793", "3.141592653589793" },
        { "2.2250738585072014e-308", "2.2250738585072014e-308" },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        pledge_tree *t = load(cases[i].in, strlen(cases[i].in), PLEDGE_SYNTAX_JSON), *back;
        char *s = to_json(pledge_tree_root(t), 0);
        ck_assert_str_eq(s, cases[i].out);
        back = load(s, strlen(s), PLEDGE_SYNTAX_JSON);
        ck_assert_int_eq(pledge_node_type_of(pledge_tree_root(back)), PLEDGE_NODE_FLOAT);
        ck_assert(memcmp(&pledge_tree_root(back)->u.d, &pledge_tree_root(t)->u.d,
                         sizeof(double)) == 0);
        pledge_tree_free(back);
        free(s);
        free(round_trips(t));
        pledge_tree_free(t);
    }
}
END_TEST

START_TEST(json_non_finite_is_refused)
{
    static const char *cases[] = { "[1, {\"a\": .inf}]", "-.inf", ".nan", "[[[[.NaN]]]]" };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        pledge_tree *t = load(cases[i], strlen(cases[i]), PLEDGE_SYNTAX_YAML);
        sink s;
        char *y;
        sink_init(&s, 0);
        ck_assert_int_eq(pledge_node_write_json(pledge_tree_root(t), 0, sink_write, &s),
                         PLEDGE_EINVALID);
        ck_assert_uint_eq(s.calls, 0); /* nothing was written */
        /* YAML holds them. */
        y = to_yaml(pledge_tree_root(t));
        ck_assert(strstr(y, "inf") || strstr(y, ".nan"));
        free(y);
        pledge__buf_free(&s.buf);
        pledge_tree_free(t);
    }
}
END_TEST

START_TEST(json_sink_buffering_and_refusal)
{
    pledge_buf src;
    pledge_tree *t;
    sink s;
    size_t i;
    pledge__buf_init(&src, NULL);
    pledge__buf_putc(&src, '[');
    for (i = 0; i < 20000; i++)
        pledge__buf_printf(&src, "%s{\"k\": %zu, \"s\": \"abc\"}", i ? "," : "", i);
    pledge__buf_putc(&src, ']');
    t = load(src.data, src.len, PLEDGE_SYNTAX_JSON);
    sink_init(&s, 0);
    ck_assert_int_eq(pledge_node_write_json(pledge_tree_root(t), 0, sink_write, &s), 0);
    ck_assert_uint_gt(s.buf.len, 400000);
    ck_assert_uint_lt(s.calls, s.buf.len / 4096 + 2); /* buffered, not one call per token */
    pledge__buf_free(&s.buf);
    /* A sink that refuses: PLEDGE_EIO, and no further calls. */
    sink_init(&s, 3);
    ck_assert_int_eq(pledge_node_write_json(pledge_tree_root(t), 0, sink_write, &s), PLEDGE_EIO);
    ck_assert_uint_eq(s.calls, 4);
    pledge__buf_free(&s.buf);
    sink_init(&s, 1);
    ck_assert_int_eq(pledge_node_write_yaml(pledge_tree_root(t), 0, sink_write, &s), PLEDGE_EIO);
    pledge__buf_free(&s.buf);
    /* A long string goes straight through. */
    pledge_tree_free(t);
    pledge__buf_clear(&src);
    pledge__buf_putc(&src, '"');
    for (i = 0; i < 100000; i++)
        pledge__buf_putc(&src, (char)('a' + i % 26));
    pledge__buf_putc(&src, '"');
    t = load(src.data, src.len, PLEDGE_SYNTAX_JSON);
    sink_init(&s, 0);
    ck_assert_int_eq(pledge_node_write_json(pledge_tree_root(t), 0, sink_write, &s), 0);
    ck_assert_uint_eq(s.buf.len, src.len);
    ck_assert(memcmp(s.buf.data, src.data, src.len) == 0);
    pledge__buf_free(&s.buf);
    pledge_tree_free(t);
    pledge__buf_free(&src);
}
END_TEST

START_TEST(arguments)
{
    pledge_tree *t = load("1", 1, PLEDGE_SYNTAX_JSON);
    sink s;
    sink_init(&s, 0);
    ck_assert_int_eq(pledge_node_write_json(NULL, 0, sink_write, &s), PLEDGE_EARG);
    ck_assert_int_eq(pledge_node_write_json(pledge_tree_root(t), 0, NULL, &s), PLEDGE_EARG);
    ck_assert_int_eq(pledge_node_write_yaml(NULL, 0, sink_write, &s), PLEDGE_EARG);
    ck_assert_int_eq(pledge_node_write_yaml(pledge_tree_root(t), 0, NULL, &s), PLEDGE_EARG);
    ck_assert_uint_eq(s.calls, 0);
    pledge_tree_free(t);
}
END_TEST

START_TEST(deep_trees_are_written_iteratively)
{
    size_t n = 100000, i;
    char *text = malloc(2 * n + 1);
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_tree *t, *back;
    char *json;
    for (i = 0; i < n; i++) {
        text[i] = '[';
        text[2 * n - 1 - i] = ']';
    }
    text[2 * n] = '\0';
    o.max_depth = n;
    ck_assert_int_eq(pledge__json_read(&t, text, 2 * n, "deep.json", 0, &o, NULL), 0);
    json = to_json(pledge_tree_root(t), 0);
    ck_assert_str_eq(json, text);
    ck_assert_int_eq(pledge__json_read(&back, json, strlen(json), "d", 0, &o, NULL), 0);
    ck_assert(pledge_node_equal(pledge_tree_root(t), pledge_tree_root(back)));
    pledge_tree_free(back);
    free(json);
    pledge_tree_free(t);
    /* YAML and pretty JSON at a depth that keeps their indentation small. */
    n = 2000;
    {
        pledge_buf b;
        pledge__buf_init(&b, NULL);
        for (i = 0; i < n; i++)
            pledge__buf_printf(&b, "{\"k%zu\": [", i % 3);
        pledge__buf_puts(&b, "1");
        for (i = 0; i < n; i++)
            pledge__buf_puts(&b, "]}");
        o.max_depth = 2 * n + 1;
        ck_assert_int_eq(pledge__json_read(&t, b.data, b.len, "deep.json", 0, &o, NULL), 0);
        ck_assert_ptr_nonnull(pledge_tree_root(t));
        json = to_json(pledge_tree_root(t), PLEDGE_WRITE_PRETTY);
        ck_assert_int_eq(pledge__json_read(&back, json, strlen(json), "d", 0, &o, NULL), 0);
        ck_assert(pledge_node_equal(pledge_tree_root(t), pledge_tree_root(back)));
        pledge_tree_free(back);
        free(json);
        json = to_yaml(pledge_tree_root(t));
        ck_assert_uint_gt(strlen(json), 2 * n);
        free(json);
        pledge_tree_free(t);
        pledge__buf_free(&b);
    }
    free(text);
}
END_TEST

/* ---- YAML ------------------------------------------------------------------ */

START_TEST(yaml_output_is_readable)
{
    const char *src = "title: \"Trygghet i \xc3\xa5ret\"\n"
                      "count: 12\n"
                      "ratio: 0.25\n"
                      "done: true\n"
                      "none: null\n"
                      "tags: [a, b]\n"
                      "empty: {}\n"
                      "none_list: []\n"
                      "text: |\n"
                      "  first line\n"
                      "  second line\n";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_YAML);
    char *y = round_trips(t);
    ck_assert_str_eq(y, "title: Trygghet i \xc3\xa5ret\n"
                        "count: 12\n"
                        "ratio: 0.25\n"
                        "done: true\n"
                        "none: null\n"
                        "tags:\n"
                        "- a\n"
                        "- b\n"
                        "empty: {}\n"
                        "none_list: []\n"
                        "text: |\n"
                        "  first line\n"
                        "  second line\n");
    free(y);
    pledge_tree_free(t);
}
END_TEST

/* Strings that a plain scalar would turn into something else. */
static const char *const tricky_strings[] = {
    "no", "No", "NO", "yes", "Yes", "on", "off", "y", "n", "Y", "N", "true", "True", "FALSE",
    "null", "Null", "~", "", "010", "0b1", "1_000", "1:20", "0x1F", "0o17", "12", "-3", "1.5",
    "1e3", ".inf", "-.Inf", ".nan", ".NaN", "2024-01-01", "2024-01-01 10:00", "<<", "=",
    " leading space", "trailing space ", "a: b", "a:b", "- x", "-", "--", "---", "...", "#c",
    "x #c", "x# c", "@x", "`x", "!x", "!!str", "&x", "*x", "%x", "? x", "?", ":", "|", ">",
    "'", "\"", "\\", "{", "}", "[", "]", ",", "a, b", "[a]", "{a: 1}",
    "multi\nline", "multi\nline\n", "ends with two\n\n", "\n", "\n\nx", "  indented\nfirst",
    "a\n  b\n", "trail \nx", "x\n ", "tab\there", "\t", "crlf\r\n", "cr\rx",
    "line\xe2\x80\xa8sep", "nel\xc2\x85x", "bom\xef\xbb\xbfx", "\xef\xbf\xbe", "del\x7fx",
    "\xc2\x80", "\xc3\xa5 \xc3\xa4 \xc3\xb6", "emoji \xf0\x9f\x92\xa9", "\xe2\x82\xac 10",
    "0", "-0", "+1", "0.", ".5", "1.", "1e", "e1", "0x", "0o", "0xG", "1__0", "12:30:00",
    "2024-13-45", "2001-12-14t21:59:43.10-05:00", "Off", "oN", "nULL", "tRUE",
};

START_TEST(yaml_tricky_strings_round_trip)
{
    size_t i;
    for (i = 0; i < sizeof tricky_strings / sizeof *tricky_strings; i++) {
        const char *s = tricky_strings[i];
        pledge_buf json;
        pledge_tree *t;
        pledge__buf_init(&json, NULL);
        /* The string as a value, as a key, and alone. */
        pledge__buf_puts(&json, "{\"v\": \"");
        pledge__buf_json_escape(&json, s, strlen(s));
        pledge__buf_puts(&json, "\", \"");
        pledge__buf_json_escape(&json, s, strlen(s));
        pledge__buf_puts(&json, "\": [\"");
        pledge__buf_json_escape(&json, s, strlen(s));
        pledge__buf_puts(&json, "\"]}");
        t = load(json.data, json.len, PLEDGE_SYNTAX_JSON);
        free(round_trips(t));
        pledge_tree_free(t);
        pledge__buf_clear(&json);
        pledge__buf_putc(&json, '"');
        pledge__buf_json_escape(&json, s, strlen(s));
        pledge__buf_putc(&json, '"');
        t = load(json.data, json.len, PLEDGE_SYNTAX_JSON);
        free(round_trips(t));
        pledge_tree_free(t);
        pledge__buf_free(&json);
    }
}
END_TEST

START_TEST(yaml_nul_bytes)
{
    const char *src = "[\"a\\u0000b\", \"\\u0000\"]";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_JSON);
    char *y = round_trips(t);
    ck_assert_ptr_nonnull(strstr(y, "\"a\\0b\""));
    ck_assert_ptr_null(memchr(y, '\0', strlen(y)));
    free(y);
    pledge_tree_free(t);
}
END_TEST

START_TEST(yaml_quotes_only_where_needed)
{
    const char *src = "[\"plain text\", \"no\", \"010\", \"2024-01-01\", \"null\", \"\", \"12\","
                      " \"\xc3\xa5\xc3\xa4\xc3\xb6\"]";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_JSON);
    char *y = round_trips(t);
    ck_assert_str_eq(y, "- plain text\n"
                        "- \"no\"\n"
                        "- \"010\"\n"
                        "- \"2024-01-01\"\n"
                        "- \"null\"\n"
                        "- \"\"\n"
                        "- \"12\"\n"
                        "- \xc3\xa5\xc3\xa4\xc3\xb6\n");
    free(y);
    pledge_tree_free(t);
}
END_TEST

START_TEST(yaml_numbers)
{
    const char *src = "[0, -7, 123456789012345678901234567890, 0.1, 1e300, -1e-300, 1.0, -0.0, "
                      "100.0, 0.30000000000000004]";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_JSON), *back;
    char *y = round_trips(t);
    size_t i;
    ck_assert_str_eq(y, "- 0\n- -7\n- 123456789012345678901234567890\n- 0.1\n- 1.0e+300\n"
                        "- -1.0e-300\n- 1.0\n- -0.0\n- 100.0\n- 0.30000000000000004\n");
    back = load(y, strlen(y), PLEDGE_SYNTAX_YAML);
    /* Types are kept too: integers stay integers and floats floats. */
    for (i = 0; i < pledge_node_size(pledge_tree_root(t)); i++)
        ck_assert_int_eq(pledge_node_type_of(pledge_node_item(pledge_tree_root(t), i)),
                         pledge_node_type_of(pledge_node_item(pledge_tree_root(back), i)));
    pledge_tree_free(back);
    free(y);
    pledge_tree_free(t);
    t = load("[.inf, -.inf, .nan]", 19, PLEDGE_SYNTAX_YAML);
    y = to_yaml(pledge_tree_root(t));
    ck_assert_str_eq(y, "- .inf\n- -.inf\n- .nan\n");
    free(y);
    pledge_tree_free(t);
}
END_TEST

START_TEST(yaml_aliases_are_written_as_values)
{
    const char *src = "base: &b {x: 1, list: [a, b]}\n"
                      "copy: *b\n"
                      "list: [*b, *b]\n"
                      "# a comment, which is not kept\n";
    pledge_tree *t = load(src, strlen(src), PLEDGE_SYNTAX_YAML);
    char *y = round_trips(t);
    ck_assert_ptr_null(strchr(y, '&'));
    ck_assert_ptr_null(strchr(y, '*'));
    ck_assert_ptr_null(strchr(y, '#'));
    free(y);
    pledge_tree_free(t);
}
END_TEST

START_TEST(yaml_long_keys_and_lines)
{
    pledge_buf b;
    pledge_tree *t;
    char *y;
    size_t i;
    pledge__buf_init(&b, NULL);
    pledge__buf_puts(&b, "{\"");
    for (i = 0; i < 3000; i++)
        pledge__buf_putc(&b, (char)('a' + i % 26));
    pledge__buf_puts(&b, "\": \"");
    for (i = 0; i < 500; i++)
        pledge__buf_puts(&b, "word ");
    pledge__buf_puts(&b, "end\"}");
    t = load(b.data, b.len, PLEDGE_SYNTAX_JSON);
    y = round_trips(t);
    /* No folding: the long value stays on one line. */
    ck_assert_ptr_nonnull(strstr(y, "word word"));
    ck_assert_uint_ge((size_t)(strchr(strstr(y, "word"), '\n') - strstr(y, "word")), 2503);
    free(y);
    pledge_tree_free(t);
    pledge__buf_free(&b);
}
END_TEST

START_TEST(yaml_documents_round_trip)
{
    static const char *docs[] = {
        "format: pledge/1\n"
        "id: ale-2024\n"
        "title: Medborgarl\xc3\xb6" "fte f\xc3\xb6r \xc3\x84lvsborg\n"
        "language: sv\n"
        "year: 2024\n"
        "themes:\n"
        "  - name: Trygghet\n"
        "    activities:\n"
        "      - what: Trygghetsvandring\n"
        "        when: 2024-05-01\n"
        "        share: 0.5\n"
        "        responsible: [polisen, kommunen]\n"
        "        notes: |\n"
        "          Line one.\n"
        "\n"
        "          Line three, after a blank one.\n"
        "      - what: 'no'\n"
        "        count: 123456789012345678901234567890\n"
        "        flag: off\n",
        "- 1\n- - 2\n  - - 3\n- {}\n- []\n- {a: {b: {c: []}}}\n",
        "'quoted key': 1\n\"\": empty\n'1': one\n'null': x\n'yes': y\n",
        "folded: >\n  a\n  b\n\n  c\nkeep: |+\n  x\n\n",
        "just a string\n",
        "42\n",
        "~\n",
        "\"\"\n",
        "- \"\\0\\x01\\t\\e\"\n- \"\\N\\_\\L\\P\"\n",
        "k: \"\\u00e5\\U0001F4A9\"\n",
    };
    size_t i;
    for (i = 0; i < sizeof docs / sizeof *docs; i++) {
        pledge_tree *t = load(docs[i], strlen(docs[i]), PLEDGE_SYNTAX_YAML);
        free(round_trips(t));
        pledge_tree_free(t);
    }
}
END_TEST

/* Random trees of awkward pieces: JSON -> tree -> YAML/JSON -> equal tree. */
static const char *const pieces[] = {
    "a", "b", " ", "  ", "\n", "\n\n", ":", ": ", "#", " #", "-", "- ", "'", "\"", "\\", "\t",
    "\r", "\xc3\xa5", "\xf0\x9f\x92\xa9", "yes", "no", "1", "0", "07", ".", "~", "null", "true",
    "{", "}", "[", "]", ",", "!", "&", "*", "?", "|", ">", "%", "@", "`", "e", "x", "<<",
    "\xe2\x80\xa8", "\x01", "2024-01-01", "1_0", "---", "...", "\xc2\xa0",
};

static unsigned long rng_state = 12345;

static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng_state >> 33) % n);
}

static void random_content(pledge_buf *b)
{
    unsigned k, n = rnd(5);
    for (k = 0; k < n; k++) {
        const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
        pledge__buf_json_escape(b, p, strlen(p));
    }
    if (rnd(20) == 0)
        pledge__buf_puts(b, "\\u0000");
}

static void random_value(pledge_buf *b, unsigned depth)
{
    unsigned kind = rnd(depth > 4 ? 6 : 9), k, n;
    switch (kind) {
    case 0: pledge__buf_puts(b, "null"); break;
    case 1: pledge__buf_puts(b, rnd(2) ? "true" : "false"); break;
    case 2: pledge__buf_printf(b, "%d", (int)rnd(200000) - 100000); break;
    case 3: pledge__buf_printf(b, "%u%u%u%u", rnd(1000000), rnd(1000000), rnd(1000000), rnd(1000)); break;
    case 4: {
        /* A double from random bits, finite. */
        uint64_t bits = ((uint64_t)rnd(1u << 31) << 33) ^ ((uint64_t)rnd(1u << 31) << 2) ^ rnd(4);
        double d;
        char tmp[64];
        memcpy(&d, &bits, sizeof d);
        if (!isfinite(d))
            d = 0.5;
        snprintf(tmp, sizeof tmp, "%.17g", d);
        if (!strpbrk(tmp, ".e"))
            strcat(tmp, ".0");
        pledge__buf_puts(b, tmp);
        break;
    }
    case 5:
        pledge__buf_putc(b, '"');
        random_content(b);
        pledge__buf_putc(b, '"');
        break;
    case 6:
    case 7:
        n = rnd(4);
        pledge__buf_putc(b, '[');
        for (k = 0; k < n; k++) {
            if (k)
                pledge__buf_putc(b, ',');
            random_value(b, depth + 1);
        }
        pledge__buf_putc(b, ']');
        break;
    default:
        n = rnd(4);
        pledge__buf_putc(b, '{');
        for (k = 0; k < n; k++) {
            if (k)
                pledge__buf_putc(b, ',');
            /* Keys are unique through their prefix. */
            pledge__buf_printf(b, "\"%u", k);
            random_content(b);
            pledge__buf_puts(b, "\":");
            random_value(b, depth + 1);
        }
        pledge__buf_putc(b, '}');
        break;
    }
}

START_TEST(random_round_trips)
{
    int i, n = getenv("PLEDGE_TEST_QUICK") ? 200 : 1500;
    for (i = 0; i < n; i++) {
        pledge_buf b;
        pledge_tree *t;
        pledge__buf_init(&b, NULL);
        random_value(&b, 0);
        ck_assert(!b.failed);
        t = load(b.data, b.len, PLEDGE_SYNTAX_JSON);
        free(round_trips(t));
        pledge_tree_free(t);
        pledge__buf_free(&b);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("write");
    TCase *tc = tcase_create("write");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, json_compact_and_pretty);
    tcase_add_test(tc, json_root_scalars);
    tcase_add_test(tc, json_string_escapes);
    tcase_add_test(tc, json_integers_exact);
    tcase_add_test(tc, json_floats_shortest);
    tcase_add_test(tc, json_non_finite_is_refused);
    tcase_add_test(tc, json_sink_buffering_and_refusal);
    tcase_add_test(tc, arguments);
    tcase_add_test(tc, deep_trees_are_written_iteratively);
    tcase_add_test(tc, yaml_output_is_readable);
    tcase_add_test(tc, yaml_tricky_strings_round_trip);
    tcase_add_test(tc, yaml_nul_bytes);
    tcase_add_test(tc, yaml_quotes_only_where_needed);
    tcase_add_test(tc, yaml_numbers);
    tcase_add_test(tc, yaml_aliases_are_written_as_values);
    tcase_add_test(tc, yaml_long_keys_and_lines);
    tcase_add_test(tc, yaml_documents_round_trip);
    tcase_add_test(tc, random_round_trips);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
