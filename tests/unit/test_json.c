/* SPDX-License-Identifier: MIT */
/* The RFC 8259 front end (src/node/json_reader.c), tested directly. */
#include "testutil.h"
#include "core/buf.h"
#include "core/diag.h"
#include "node/json_reader.h"
#include "node/position.h"
#include "node/scalar.h"
#include "node/tree.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- helpers ---------------------------------------------------------- */

static pledge_tree *parse_opts(const char *text, size_t len, int truncated, size_t max_depth,
                               pledge_diag_list *diags)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_tree *t = NULL;
    o.max_depth = max_depth;
    ck_assert_int_eq(pledge__json_read(&t, text, len, "t.json", truncated, &o, diags), 0);
    ck_assert_ptr_nonnull(t);
    return t;
}

/* Parse @p text (NUL-terminated) expecting no diagnostic at all. */
static pledge_tree *parse_ok(const char *text)
{
    pledge_diag_list *d;
    pledge_tree *t;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, strlen(text), 0, PLEDGE_DEFAULT_MAX_DEPTH, d);
    if (pledge_diag_list_count(d)) {
        char *s = test_diags_text(d);
        ck_abort_msg("unexpected diagnostics for %s:\n%s", text, s);
    }
    ck_assert_ptr_nonnull(pledge_tree_root(t));
    ck_assert_uint_eq(pledge_tree_error_count(t), 0);
    pledge_diag_list_free(d);
    return t;
}

/* Parse expecting the first error to be @p code at @p line:@p col, and no
 * root. Returns the first error's message (static copy). */
static const char *expect_error_opts(const char *text, size_t len, int truncated,
                                     size_t max_depth, const char *code, size_t line,
                                     size_t col)
{
    static char msg[512];
    pledge_diag_list *d;
    pledge_tree *t;
    const pledge_diag *e = NULL;
    size_t i;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, len, truncated, max_depth, d);
    for (i = 0; i < pledge_diag_list_count(d); i++) {
        e = pledge_diag_list_at(d, i);
        if (e->severity == PLEDGE_SEVERITY_ERROR)
            break;
        e = NULL;
    }
    ck_assert_msg(e != NULL, "no error for %.*s", (int)len, text);
    ck_assert_msg(strcmp(e->code, code) == 0 && e->line == line && e->column == col,
                  "for %.*s: expected %zu:%zu %s, got %s", (int)(len > 60 ? 60 : len), text,
                  line, col, code, test_diags_text(d));
    ck_assert_str_eq(e->file, "t.json");
    ck_assert_uint_ge(pledge_tree_error_count(t), 1);
    ck_assert_ptr_null(pledge_tree_root(t));
    snprintf(msg, sizeof msg, "%s", e->message);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
    return msg;
}

static const char *expect_error(const char *text, const char *code, size_t line, size_t col)
{
    return expect_error_opts(text, strlen(text), 0, PLEDGE_DEFAULT_MAX_DEPTH, code, line, col);
}

static const char *expect_error_n(const char *text, size_t len, const char *code, size_t line,
                                  size_t col)
{
    return expect_error_opts(text, len, 0, PLEDGE_DEFAULT_MAX_DEPTH, code, line, col);
}

static void assert_mark(const pledge_node *n, size_t line, size_t col, size_t off)
{
    pledge_mark m = pledge_node_mark(n);
    ck_assert_msg(m.line == line && m.column == col && m.offset == off,
                  "mark %zu:%zu@%zu, expected %zu:%zu@%zu", m.line, m.column, m.offset, line,
                  col, off);
}

static void assert_str(const pledge_node *n, const char *bytes, size_t len)
{
    size_t got;
    const char *s = pledge_node_string(n, &got);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(got, len);
    ck_assert(memcmp(s, bytes, len) == 0);
    ck_assert_int_eq(s[len], '\0');
}

/* Every node's and key's mark equals what position.c computes from the
 * start of the text (the reference for the whole project). */
static void check_mark(const char *text, size_t len, const pledge_node *n, size_t start)
{
    pledge_mark m = pledge__pos_start();
    m.offset = start;
    pledge__pos_advance(text, len, &m, n->offset);
    assert_mark(n, m.line, m.column, m.offset);
}

static void check_marks_against_position(const char *text, size_t len, const pledge_node *root,
                                         size_t start)
{
    const pledge_node *stack[4096];
    size_t depth = 0, i;
    stack[depth++] = root;
    while (depth) {
        const pledge_node *n = stack[--depth];
        check_mark(text, len, n, start);
        if (n->type == PLEDGE_NODE_SEQUENCE)
            for (i = 0; i < n->u.seq.count; i++) {
                ck_assert_uint_lt(depth, 4096);
                stack[depth++] = n->u.seq.items[i];
            }
        if (n->type == PLEDGE_NODE_MAPPING)
            for (i = 0; i < n->u.map.count; i++) {
                ck_assert_uint_lt(depth, 4096);
                check_mark(text, len, n->u.map.pairs[i].key, start);
                stack[depth++] = n->u.map.pairs[i].value;
            }
    }
}

/* ---- values ---------------------------------------------------------- */

START_TEST(scalars_and_containers)
{
    pledge_tree *t = parse_ok(" {\"a\": [true, false, null, 1, -2, 3.5, \"x\"], \"b\": {}, "
                              "\"c\": [], \"d\": {\"e\": [[]]}} ");
    const pledge_node *r = pledge_tree_root(t), *a, *d;
    int64_t v;
    ck_assert_int_eq(pledge_node_type_of(r), PLEDGE_NODE_MAPPING);
    ck_assert_uint_eq(pledge_node_size(r), 4);
    assert_str(pledge_node_key(r, 0), "a", 1);
    ck_assert(pledge_node_flags(pledge_node_key(r, 0)) & PLEDGE_NODE_QUOTED);
    a = pledge_node_get(r, "a", 1);
    ck_assert_uint_eq(pledge_node_size(a), 7);
    ck_assert_int_eq(pledge_node_type_of(pledge_node_item(a, 0)), PLEDGE_NODE_BOOL);
    ck_assert_int_eq(pledge_node_bool(pledge_node_item(a, 0)), 1);
    ck_assert_int_eq(pledge_node_bool(pledge_node_item(a, 1)), 0);
    ck_assert_int_eq(pledge_node_type_of(pledge_node_item(a, 1)), PLEDGE_NODE_BOOL);
    ck_assert_int_eq(pledge_node_type_of(pledge_node_item(a, 2)), PLEDGE_NODE_NULL);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(a, 3), &v), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(a, 4), &v), 0);
    ck_assert_int_eq(v, -2);
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(a, 4), NULL), "-2");
    ck_assert_int_eq(pledge_node_type_of(pledge_node_item(a, 5)), PLEDGE_NODE_FLOAT);
    ck_assert(pledge_node_number(pledge_node_item(a, 5)) == 3.5);
    assert_str(pledge_node_item(a, 6), "x", 1);
    ck_assert(pledge_node_flags(pledge_node_item(a, 6)) & PLEDGE_NODE_QUOTED);
    ck_assert_int_eq(pledge_node_type_of(pledge_node_get(r, "b", 1)), PLEDGE_NODE_MAPPING);
    ck_assert_uint_eq(pledge_node_size(pledge_node_get(r, "b", 1)), 0);
    ck_assert_int_eq(pledge_node_type_of(pledge_node_get(r, "c", 1)), PLEDGE_NODE_SEQUENCE);
    ck_assert_uint_eq(pledge_node_size(pledge_node_get(r, "c", 1)), 0);
    d = pledge_node_get(pledge_node_get(r, "d", 1), "e", 1);
    ck_assert_uint_eq(pledge_node_size(d), 1);
    ck_assert_uint_eq(pledge_node_size(pledge_node_item(d, 0)), 0);
    ck_assert_str_eq(pledge_tree_name(t), "t.json");
    ck_assert_uint_eq(pledge_tree_index(t), 0);
    pledge_tree_free(t);
}
END_TEST

START_TEST(root_scalars)
{
    static const char *ok[] = { "0", "-0", "\"\"", "true", "false", "null", " 12 ", "\n1e3\n",
                                "\t\"s\"\r\n" };
    size_t i;
    for (i = 0; i < sizeof ok / sizeof *ok; i++)
        pledge_tree_free(parse_ok(ok[i]));
}
END_TEST

START_TEST(integers_exact)
{
    pledge_tree *t = parse_ok("[0, -0, 123456789012345678, 9223372036854775807, "
                              "-9223372036854775808, 9223372036854775808, "
                              "-9223372036854775809, "
                              "123456789012345678901234567890123456789012345678901234567890, "
                              "-100000000000000000000, 1000000000000000000, "
                              "-999999999999999999]");
    const pledge_node *r = pledge_tree_root(t);
    int64_t v;
    size_t len;
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 0), NULL), "0");
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 1), &len), "0");
    ck_assert_uint_eq(len, 1);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 1), &v), 0);
    ck_assert_int_eq(v, 0);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 2), &v), 0);
    ck_assert_int_eq(v, 123456789012345678LL);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 3), &v), 0);
    ck_assert_int_eq(v, INT64_MAX);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 4), &v), 0);
    ck_assert(v == INT64_MIN);
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 4), NULL), "-9223372036854775808");
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 5), &v), PLEDGE_ERANGE);
    ck_assert(pledge_node_flags(pledge_node_item(r, 5)) & PLEDGE_NODE_BIGINT);
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 5), NULL), "9223372036854775808");
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 6), &v), PLEDGE_ERANGE);
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 6), NULL),
                     "-9223372036854775809");
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 7), NULL),
                     "123456789012345678901234567890123456789012345678901234567890");
    ck_assert_str_eq(pledge_node_int_text(pledge_node_item(r, 8), NULL),
                     "-100000000000000000000");
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 9), &v), 0);
    ck_assert_int_eq(v, 1000000000000000000LL);
    ck_assert_int_eq(pledge_node_int64(pledge_node_item(r, 10), &v), 0);
    ck_assert_int_eq(v, -999999999999999999LL);
    ck_assert(!(pledge_node_flags(pledge_node_item(r, 3)) & PLEDGE_NODE_BIGINT));
    pledge_tree_free(t);
}
END_TEST

START_TEST(floats)
{
    pledge_tree *t = parse_ok("[0.1, 1e300, -2.5E-3, 1E308, -1e308, 0e-400, 1.0, -0.0, 0e0, "
                              "1.7976931348623157e308, 5e-324, 2.2250738585072014E-308, "
                              "0.30000000000000004, 1e+2, 1.00000000000000000000000000001]");
    const pledge_node *r = pledge_tree_root(t);
    size_t i;
    for (i = 0; i < pledge_node_size(r); i++)
        ck_assert_int_eq(pledge_node_type_of(pledge_node_item(r, i)), PLEDGE_NODE_FLOAT);
    ck_assert(pledge_node_number(pledge_node_item(r, 0)) == 0.1);
    ck_assert(pledge_node_number(pledge_node_item(r, 1)) == 1e300);
    ck_assert(pledge_node_number(pledge_node_item(r, 2)) == -2.5e-3);
    /* 1e400 is yaml.limit (tests/schema/test_limits.c), not infinity;
     * 1e-400 a yaml.float-underflow warning (float_underflow_is_a_warning) */
    ck_assert(pledge_node_number(pledge_node_item(r, 3)) == 1e308);
    ck_assert(pledge_node_number(pledge_node_item(r, 4)) == -1e308);
    ck_assert(pledge_node_number(pledge_node_item(r, 5)) == 0);
    ck_assert(pledge_node_number(pledge_node_item(r, 6)) == 1.0);
    ck_assert(signbit(pledge_node_number(pledge_node_item(r, 7))));
    ck_assert(pledge_node_number(pledge_node_item(r, 9)) == 1.7976931348623157e308);
    ck_assert(pledge_node_number(pledge_node_item(r, 10)) == 5e-324);
    ck_assert(pledge_node_number(pledge_node_item(r, 11)) == 2.2250738585072014E-308);
    ck_assert(pledge_node_number(pledge_node_item(r, 12)) == 0.30000000000000004);
    ck_assert(pledge_node_number(pledge_node_item(r, 13)) == 100);
    ck_assert(pledge_node_number(pledge_node_item(r, 14)) == 1.0);
    pledge_tree_free(t);
}
END_TEST

START_TEST(floats_ignore_the_host_locale)
{
    static const char *names[] = { "de_DE.UTF-8", "sv_SE.UTF-8", "fr_FR.UTF-8", "de_DE",
                                   "sv_SE.utf8", "de_DE.utf8" };
    size_t i;
    pledge_tree *t;
    char *old = strdup(setlocale(LC_NUMERIC, NULL));
    for (i = 0; i < sizeof names / sizeof *names; i++)
        if (setlocale(LC_NUMERIC, names[i]))
            break;
    /* Whether or not a comma locale is installed, 2.5 must read as 2.5. */
    t = parse_ok("[2.5, 1e-3, 12345.678]");
    ck_assert(pledge_node_number(pledge_node_item(pledge_tree_root(t), 0)) == 2.5);
    ck_assert(pledge_node_number(pledge_node_item(pledge_tree_root(t), 1)) == 1e-3);
    ck_assert(pledge_node_number(pledge_node_item(pledge_tree_root(t), 2)) == 12345.678);
    pledge_tree_free(t);
    setlocale(LC_NUMERIC, old);
    free(old);
}
END_TEST

/* A nonzero number below the smallest double reads as 0 with a warning (as
 * one beyond the largest is a yaml.limit error): 1e-400 must not silently
 * equal 0. Zero itself, however written, and subnormals read quietly. */
START_TEST(float_underflow_is_a_warning)
{
    static const char text[] =
        "[1e-400, -2.5E-999, 0.0000001e-330, 0e-400, -0.0e-999, 5e-324, 2e-324,\n"
        " 1e-10000000, 0.000000000000000000000000000000000000000000001e-300]";
    static const size_t warned[] = { 0, 1, 2, 6, 7, 8 };
    static const size_t columns[] = { 2, 10, 21, 64, 2, 15 };
    pledge_diag_list *d;
    pledge_tree *t;
    const pledge_node *r;
    size_t i;
    double v;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, strlen(text), 0, PLEDGE_DEFAULT_MAX_DEPTH, d);
    r = pledge_tree_root(t);
    ck_assert_uint_eq(pledge_tree_error_count(t), 0);
    ck_assert_uint_eq(pledge_node_size(r), 9);
    for (i = 0; i < pledge_node_size(r); i++) {
        ck_assert_int_eq(pledge_node_type_of(pledge_node_item(r, i)), PLEDGE_NODE_FLOAT);
        ck_assert(pledge_node_number(pledge_node_item(r, i)) == (i == 5 ? 5e-324 : 0));
    }
    ck_assert(signbit(pledge_node_number(pledge_node_item(r, 1))));
    ck_assert_uint_eq(pledge_diag_list_count(d), sizeof warned / sizeof *warned);
    for (i = 0; i < sizeof warned / sizeof *warned; i++) {
        const pledge_diag *w = pledge_diag_list_at(d, i);
        const pledge_node *n = pledge_node_item(r, warned[i]);
        ck_assert_int_eq(w->severity, PLEDGE_SEVERITY_WARNING);
        ck_assert_str_eq(w->code, "yaml.float-underflow");
        ck_assert_uint_eq(w->line, i < 4 ? 1 : 2);
        ck_assert_uint_eq(w->column, columns[i]);
        ck_assert_uint_eq(w->column, pledge_node_mark(n).column);
    }
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->message,
                     "the number 1e-400 is too small for a floating-point number (below "
                     "about 4.9e-324) and reads as 0");
    ck_assert_str_eq(pledge_diag_list_at(d, 5)->message,
                     "the number 0.00000000000000000000000000000000000000... is too small "
                     "for a floating-point number (below about 4.9e-324) and reads as 0");
    ck_assert_ptr_nonnull(pledge_code_find("yaml.float-underflow"));
    ck_assert_int_eq(pledge_code_find("yaml.float-underflow")->severity, PLEDGE_SEVERITY_WARNING);
    pledge_tree_free(t);
    pledge_diag_list_free(d);

    /* The test itself, on the spellings of a YAML core float too. */
    ck_assert_int_eq(pledge__scalar_float(".5e-400", 7, NULL, &v), 0);
    ck_assert_int_eq(pledge__scalar_float_underflow(".5e-400", 7, v), 1);
    ck_assert_int_eq(pledge__scalar_float("+1.E-999", 8, NULL, &v), 0);
    ck_assert_int_eq(pledge__scalar_float_underflow("+1.E-999", 8, v), 1);
    ck_assert_int_eq(pledge__scalar_float("0.000e-999", 10, NULL, &v), 0);
    ck_assert_int_eq(pledge__scalar_float_underflow("0.000e-999", 10, v), 0);
    ck_assert_int_eq(pledge__scalar_float("1e-320", 6, NULL, &v), 0);
    ck_assert_int_eq(pledge__scalar_float_underflow("1e-320", 6, v), 0); /* subnormal */
    ck_assert_int_eq(pledge__scalar_float(".nan", 4, NULL, &v), 0);
    ck_assert_int_eq(pledge__scalar_float_underflow(".nan", 4, v), 0);
    ck_assert_int_eq(pledge__scalar_float_underflow("1.5", 3, 1.5), 0);
}
END_TEST

START_TEST(strings_and_escapes)
{
    pledge_tree *t = parse_ok("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u00e5\\u00C4\", "
                              "\"\\uD83D\\uDCA9\", \"a\\u0000b\", \"\\u20AC\\u0041\", "
                              "\"\xc3\xa5\xf0\x9f\x92\xa9\", \"\", \"\\ud800\\udc00\\udbff\\udfff\","
                              " \"\x7f\"]");
    const pledge_node *r = pledge_tree_root(t);
    assert_str(pledge_node_item(r, 0), "\"\\/\b\f\n\r\t", 8);
    assert_str(pledge_node_item(r, 1), "\xc3\xa5\xc3\x84", 4);
    assert_str(pledge_node_item(r, 2), "\xf0\x9f\x92\xa9", 4);
    assert_str(pledge_node_item(r, 3), "a\0b", 3);
    assert_str(pledge_node_item(r, 4), "\xe2\x82\xac" "A", 4);
    assert_str(pledge_node_item(r, 5), "\xc3\xa5\xf0\x9f\x92\xa9", 6);
    assert_str(pledge_node_item(r, 6), "", 0);
    assert_str(pledge_node_item(r, 7), "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", 8);
    assert_str(pledge_node_item(r, 8), "\x7f", 1);
    pledge_tree_free(t);
}
END_TEST

START_TEST(long_keys_and_strings)
{
    size_t n = 100000, i;
    char *text = malloc(2 * n + 64), *p = text;
    pledge_tree *t;
    const pledge_node *r;
    *p++ = '{';
    *p++ = '"';
    for (i = 0; i < n; i++)
        *p++ = (char)('a' + i % 26);
    p += sprintf(p, "\": \"");
    for (i = 0; i < n / 2; i++)
        p += sprintf(p, "\\n");
    p += sprintf(p, "\"}");
    *p = '\0';
    t = parse_ok(text);
    r = pledge_tree_root(t);
    ck_assert_uint_eq(pledge_node_size(r), 1);
    {
        size_t len;
        const char *k = pledge_node_string(pledge_node_key(r, 0), &len);
        ck_assert_uint_eq(len, n);
        ck_assert_int_eq(k[n - 1], 'a' + (int)((n - 1) % 26));
        pledge_node_string(pledge_node_value(r, 0), &len);
        ck_assert_uint_eq(len, n / 2);
        assert_mark(pledge_node_value(r, 0), 1, n + 6, n + 5);
    }
    pledge_tree_free(t);
    free(text);
}
END_TEST

START_TEST(deep_nesting_is_iterative)
{
    size_t n = 100000, i;
    char *text = malloc(2 * n + 1);
    pledge_tree *t;
    pledge_diag_list *d;
    const pledge_node *node;
    for (i = 0; i < n; i++) {
        text[i] = '[';
        text[2 * n - 1 - i] = ']';
    }
    text[2 * n] = '\0';
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, 2 * n, 0, n, d);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    node = pledge_tree_root(t);
    for (i = 1; i < n; i++) {
        ck_assert_uint_eq(pledge_node_size(node), 1);
        node = pledge_node_item(node, 0);
    }
    ck_assert_uint_eq(pledge_node_size(node), 0);
    ck_assert_int_eq(pledge_node_equal(pledge_tree_root(t), pledge_tree_root(t)), 1);
    pledge_tree_free(t);
    /* One level too many. */
    t = parse_opts(text, 2 * n, 0, n - 1, d);
    ck_assert_ptr_null(pledge_tree_root(t));
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "yaml.limit");
    ck_assert_uint_eq(pledge_diag_list_at(d, 0)->column, n);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
    free(text);
}
END_TEST

START_TEST(depth_limit)
{
    char text[700];
    size_t i;
    const char *msg;
    for (i = 0; i < 300; i++) {
        text[i] = '[';
        text[599 - i] = ']';
    }
    text[600] = '\0';
    msg = expect_error(text, "yaml.limit", 1, 257);
    ck_assert_ptr_nonnull(strstr(msg, "256"));
    /* The root is depth 1: a limit of 3 allows three levels. */
    pledge_tree_free(parse_opts("[[[1]]]", 7, 0, 3, NULL));
    expect_error_opts("[[[[1]]]]", 9, 0, 3, "yaml.limit", 1, 4);
    expect_error_opts("{\"a\": {\"b\": {\"c\": {}}}}", 23, 0, 3, "yaml.limit", 1, 19);
    expect_error_opts("[{\"a\": []}]", 11, 0, 2, "yaml.limit", 1, 8);
    /* A scalar at the deepest level is fine; 256 levels pass by default. */
    for (i = 0; i < 256; i++) {
        text[i] = '[';
        text[511 - i] = ']';
    }
    text[512] = '\0';
    pledge_tree_free(parse_ok(text));
}
END_TEST

/* ---- positions --------------------------------------------------------- */

START_TEST(positions)
{
    const char *text = "{\n"
                       "  \"name\": \"\xc3\xa5sa\",\n"
                       "  \"list\": [1,\r\n"
                       "\t2, {\"k\xc3\xa4y\": null}],\r"
                       "  \"\xf0\x9f\x92\xa9\": \"x\", \"e\": \"\xe2\x82\xac\" ,\"n\":-1.5e3\n"
                       "}\n";
    pledge_tree *t = parse_ok(text);
    const pledge_node *r = pledge_tree_root(t), *list, *m;
    assert_mark(r, 1, 1, 0);
    assert_mark(pledge_node_key(r, 0), 2, 3, 4);
    assert_mark(pledge_node_value(r, 0), 2, 11, 12);
    assert_mark(pledge_node_key(r, 1), 3, 3, 22);
    list = pledge_node_value(r, 1);
    assert_mark(list, 3, 11, 30);
    assert_mark(pledge_node_item(list, 0), 3, 12, 31);
    assert_mark(pledge_node_item(list, 1), 4, 2, 36);
    m = pledge_node_item(list, 2);
    assert_mark(m, 4, 5, 39);
    assert_mark(pledge_node_key(m, 0), 4, 6, 40);
    assert_mark(pledge_node_value(m, 0), 4, 13, 48);
    assert_mark(pledge_node_key(r, 2), 5, 3, 58);
    assert_mark(pledge_node_value(r, 2), 5, 8, 66);
    assert_mark(pledge_node_key(r, 3), 5, 13, 71);
    assert_mark(pledge_node_value(r, 3), 5, 18, 76);
    assert_mark(pledge_node_key(r, 4), 5, 23, 83);
    assert_mark(pledge_node_value(r, 4), 5, 27, 87);
    check_marks_against_position(text, strlen(text), r, 0);
    pledge_tree_free(t);
}
END_TEST

START_TEST(positions_after_bom)
{
    const char *text = "\xef\xbb\xbf{\"a\": [1, 2]}";
    pledge_tree *t = parse_ok(text);
    const pledge_node *r = pledge_tree_root(t);
    /* Like libyaml, the BOM takes no column; offsets still count it. */
    assert_mark(r, 1, 1, 3);
    assert_mark(pledge_node_key(r, 0), 1, 2, 4);
    assert_mark(pledge_node_item(pledge_node_value(r, 0), 1), 1, 11, 13);
    pledge_tree_free(t);
    expect_error("\xef\xbb\xbf[1,]", "json.syntax", 1, 4);
}
END_TEST

START_TEST(unicode_line_breaks)
{
    /* U+2028, U+2029 and U+0085 inside a string are legal JSON, and
     * ordinary characters: RFC 8259 breaks lines at LF and CR only, so no
     * warning and no line counted (issue 15 item 14). */
    const char *text = "[\"a\xe2\x80\xa8" "b\", \"c\xc2\x85\", \"\xe2\x80\xa9\", \"\xe2\x80\xa8\","
                       " \"\\u2028\", 7,\n8]";
    pledge_diag_list *d;
    pledge_tree *t;
    const pledge_node *r;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, strlen(text), 0, 256, d);
    r = pledge_tree_root(t);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(pledge_tree_error_count(t), 0);
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    assert_mark(pledge_node_item(r, 1), 1, 9, 10);
    assert_mark(pledge_node_item(r, 5), 1, 35, strlen(text) - 5);
    assert_mark(pledge_node_item(r, 6), 2, 1, strlen(text) - 2);
    assert_str(pledge_node_item(r, 4), "\xe2\x80\xa8", 3);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
}
END_TEST

/* ---- errors -------------------------------------------------------------- */

typedef struct bad_case {
    const char *text;
    const char *code;
    size_t line, col;
    const char *in_message;
} bad_case;

static const bad_case bad_cases[] = {
    { "", "json.syntax", 1, 1, "got the end of the text" },
    { "  \n ", "json.syntax", 2, 2, "expected a JSON value" },
    { "[1,]", "json.syntax", 1, 4, "trailing comma" },
    { "[1,\n ]", "json.syntax", 2, 2, "trailing comma" },
    { "{\"a\":1,}", "json.syntax", 1, 8, "trailing comma" },
    { "[,1]", "json.syntax", 1, 2, "expected a JSON value, got ','" },
    { "[1,,2]", "json.syntax", 1, 4, NULL },
    { "01", "json.syntax", 1, 1, "leading zero" },
    { "[-01]", "json.syntax", 1, 3, "leading zero" },
    { "[00]", "json.syntax", 1, 2, "leading zero" },
    { "1.", "json.syntax", 1, 3, "decimal point" },
    { "1.e5", "json.syntax", 1, 3, "decimal point" },
    { "1e", "json.syntax", 1, 3, "exponent" },
    { "1e+", "json.syntax", 1, 4, "exponent" },
    { "-", "json.syntax", 1, 2, "after '-'" },
    { "-a", "json.syntax", 1, 2, "got 'a'" },
    { ".5", "json.syntax", 1, 1, "got '.'" },
    { "+1", "json.syntax", 1, 1, "got '+'" },
    { "0x10", "json.syntax", 1, 2, "got 'x'" },
    { "NaN", "json.syntax", 1, 1, "NaN" },
    { "[Infinity]", "json.syntax", 1, 2, "Infinity" },
    { "-Infinity", "json.syntax", 1, 2, "got 'I'" },
    { "'a'", "json.syntax", 1, 1, "double quotes" },
    { "{'a': 1}", "json.syntax", 1, 2, "double quotes" },
    { "[1 2]", "json.syntax", 1, 4, "expected ',' or ']' after an array item, got '2'" },
    { "{\"a\" 1}", "json.syntax", 1, 6, "expected ':' after an object key" },
    { "{\"a\":1 \"b\":2}", "json.syntax", 1, 8, "expected ',' or '}' after an object member" },
    { "{\"a\":1]", "json.syntax", 1, 7, "expected ',' or '}' after an object member, got ']'" },
    { "{a:1}", "json.syntax", 1, 2, "expected a string key in double quotes or '}'" },
    { "{\"a\":1,2:3}", "json.syntax", 1, 8, "string key" },
    { "{\"a\":}", "json.syntax", 1, 6, "got '}'" },
    { "[1}", "json.syntax", 1, 3, "got '}'" },
    { "[1", "json.syntax", 1, 3, "the end of the text" },
    { "{\"a\":1", "json.syntax", 1, 7, "the end of the text" },
    { "{", "json.syntax", 1, 2, NULL },
    { "]", "json.syntax", 1, 1, NULL },
    { "/* c */ 1", "json.syntax", 1, 1, "comments" },
    { "[1] // c", "json.syntax", 1, 5, "comments" },
    { "# c\n1", "json.syntax", 1, 1, "comments" },
    { "1 2", "json.syntax", 1, 3, "end of the text after the JSON value" },
    { "{} {}", "json.syntax", 1, 4, NULL },
    { "\"a\tb\"", "json.syntax", 1, 3, "U+0009" },
    { "[\"a\nb\"]", "json.syntax", 1, 4, "U+000A" },
    { "\"\\x\"", "json.syntax", 1, 2, "invalid escape '\\x'" },
    { "\"\\U0041\"", "json.syntax", 1, 2, "invalid escape" },
    { "\"\\u12G4\"", "json.syntax", 1, 2, "four hex digits" },
    { "\"\\u12\"", "json.syntax", 1, 2, "four hex digits" },
    { "\"\\", "json.syntax", 1, 3, "escape character" },
    { "\"\\uD83D\"", "json.syntax", 1, 2, "unpaired surrogate \\uD83D" },
    { "\"ab\\uDCA9\"", "json.syntax", 1, 4, "unpaired surrogate \\uDCA9" },
    { "\"\\uD83D\\u0041\"", "json.syntax", 1, 2, "high surrogate" },
    { "\"\\uD83D\\uD83D\"", "json.syntax", 1, 2, "high surrogate" },
    { "\"\\uD83Dx\"", "json.syntax", 1, 2, "high surrogate" },
    { "\"\\uD83D\\n\"", "json.syntax", 1, 2, "high surrogate" },
    { "\"\\uD83D\\uZZZZ\"", "json.syntax", 1, 8, "four hex digits" },
    { "\"\\uDCA9\\uD83D\"", "json.syntax", 1, 2, "low surrogate" },
    { "\"abc", "json.syntax", 1, 5, "line 1, column 1 is not closed" },
    { "[\"x\",\n  \"abc", "json.syntax", 2, 7, "line 2, column 3" },
    { "[tru]", "json.syntax", 1, 2, "'tru'" },
    { "truex", "json.syntax", 1, 1, "'truex'" },
    { "True", "json.syntax", 1, 1, "lower case" },
    { "[nul", "json.syntax", 1, 2, "'nul'" },
    { "[1,\n  x]", "json.syntax", 2, 3, "got 'x'" },
    { "[1]\f", "json.syntax", 1, 4, "U+000C" },
    { "[1,\xc2\xa0 2]", "json.syntax", 1, 4, "U+00A0" },
    { "\xe2\x80\xa8 1", "json.syntax", 1, 1, "U+2028" },
    { "[\"\xc3\xa5\xc3\xa4\xc3\xb6\", \xc3\xa5]", "json.syntax", 1, 9, "U+00E5" },
    { "[\"\xff\"]", "yaml.invalid-utf8", 1, 3, "0xFF" },
    { "\xc3\x28", "yaml.invalid-utf8", 1, 1, "0xC3" },
    { "[1, \x80]", "yaml.invalid-utf8", 1, 5, "0x80" },
    { "\"\xed\xa0\x80\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\xc0\xaf\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\xe0\x80\xaf\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\xf0\x80\x80\xaf\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\xf4\x90\x80\x80\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\xf8\x88\x80\x80\x80\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\xc3\xa5\xc3\xa4\xc3\xb6\xff\"", "yaml.invalid-utf8", 1, 5, NULL },
    { "{\"k\":\n \"\xe2\x82\"}", "yaml.invalid-utf8", 2, 3, NULL },
    { "\"\xc3\"", "yaml.invalid-utf8", 1, 2, NULL },
    { "\"\\\xff\"", "yaml.invalid-utf8", 1, 3, NULL },
    { "[1,\r\n2,\r3 4]", "json.syntax", 3, 3, NULL },
};

START_TEST(syntax_errors)
{
    const bad_case *c = &bad_cases[_i];
    const char *msg = expect_error(c->text, c->code, c->line, c->col);
    if (c->in_message)
        ck_assert_msg(strstr(msg, c->in_message) != NULL, "message for %s: %s", c->text, msg);
}
END_TEST

START_TEST(nul_bytes)
{
    expect_error_n("\0", 1, "json.syntax", 1, 1);
    expect_error_n("[1,\0]", 5, "json.syntax", 1, 4);
    expect_error_n("\"a\0\"", 4, "json.syntax", 1, 3);
    expect_error_n("1\0", 2, "json.syntax", 1, 2);
}
END_TEST

START_TEST(exact_messages)
{
    ck_assert_str_eq(expect_error("{\"a\":1]", "json.syntax", 1, 7),
                     "expected ',' or '}' after an object member, got ']'");
    ck_assert_str_eq(expect_error("[1,]", "json.syntax", 1, 4),
                     "expected a value after ',', got ']' (JSON allows no trailing comma)");
    ck_assert_str_eq(expect_error("", "json.syntax", 1, 1),
                     "expected a JSON value, got the end of the text");
}
END_TEST

typedef struct cut_case {
    const char *text;
    size_t line, col; /* the json.syntax error when not cut; 0: then valid */
} cut_case;

static const cut_case cut_cases[] = {
    { "[1, 2", 1, 6 },     { "{\"a\": ", 1, 7 },      { "\"abc", 1, 5 },
    { "123", 0, 0 },       { "[1.5", 1, 5 },          { "tr", 1, 1 },
    { "[true", 1, 6 },     { "{\"a\"", 1, 5 },        { "\"\\u00", 1, 2 },
    { "\"\\uD83D", 1, 2 }, { "\"\\uD83D\\", 1, 2 }, { "\"\\uD83D\\uDC", 1, 8 },
    { "\"\\", 1, 3 },      { "[\n\n  \"x\\n", 3, 7 }, { "-", 1, 2 },
    { "1e", 1, 3 },
};

START_TEST(truncated_text)
{
    const cut_case *c = &cut_cases[_i];
    size_t len = strlen(c->text);
    const char *msg;
    pledge_mark m = pledge__pos_start();
    /* Cut by the size limit: yaml.limit where the text ends. */
    pledge__pos_advance(c->text, len, &m, len);
    msg = expect_error_opts(c->text, len, 1, 256, "yaml.limit", m.line, m.column);
    ck_assert_str_eq(msg, "the file is larger than the limit; the rest was not read");
    /* Not cut: the same text is a syntax error (or valid). */
    if (c->line)
        expect_error_opts(c->text, len, 0, 256, "json.syntax", c->line, c->col);
    else
        pledge_tree_free(parse_ok(c->text));
}
END_TEST

START_TEST(truncated_inside_a_character)
{
    /* A multi-byte character cut by the limit: the limit, at that character. */
    expect_error_opts("\"\xc3", 2, 1, 256, "yaml.limit", 1, 2);
    expect_error_opts("\"\xf0\x9f\x92", 4, 1, 256, "yaml.limit", 1, 2);
    expect_error_opts("\"\xc3", 2, 0, 256, "yaml.invalid-utf8", 1, 2);
    expect_error_opts("\"\xf0\x9f\x92", 4, 0, 256, "yaml.invalid-utf8", 1, 2);
    /* Not a prefix of a valid character: invalid even when cut. */
    expect_error_opts("\"\xff", 2, 1, 256, "yaml.invalid-utf8", 1, 2);
    /* An error before the cut stays what it is. */
    expect_error_opts("[1,] [", 6, 1, 256, "json.syntax", 1, 4);
}
END_TEST

START_TEST(truncated_after_complete_value)
{
    pledge_diag_list *d;
    pledge_tree *t;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts("{\"a\": 1}\n  ", 11, 1, 256, d);
    /* The value is complete: it is kept, and the limit is still reported. */
    ck_assert_ptr_nonnull(pledge_tree_root(t));
    ck_assert_uint_eq(pledge_tree_error_count(t), 1);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "yaml.limit");
    ck_assert_uint_eq(pledge_diag_list_at(d, 0)->line, 2);
    ck_assert_uint_eq(pledge_diag_list_at(d, 0)->column, 3);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
}
END_TEST

/* ---- duplicate keys --------------------------------------------------- */

START_TEST(duplicate_keys)
{
    pledge_diag_list *d;
    pledge_tree *t;
    const pledge_node *r;
    const pledge_diag *e;
    const char *text = "{\"a\": 1,\n \"b\": 2,\n \"a\": [3, {\"x\": 1}], \"\\u0061\": 4, \"c\": 5}";
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, strlen(text), 0, 256, d);
    r = pledge_tree_root(t);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(pledge_tree_error_count(t), 2);
    ck_assert_uint_eq(pledge_diag_list_count(d), 2);
    e = pledge_diag_list_at(d, 0);
    ck_assert_str_eq(e->code, "yaml.duplicate-key");
    ck_assert_int_eq(e->severity, PLEDGE_SEVERITY_ERROR);
    ck_assert_uint_eq(e->line, 3);
    ck_assert_uint_eq(e->column, 2);
    ck_assert_str_eq(e->instance_path, "");
    ck_assert_str_eq(e->message,
                     "duplicate key \"a\" (first at line 1, column 2); this pair is left out");
    e = pledge_diag_list_at(d, 1);
    ck_assert_uint_eq(e->line, 3);
    ck_assert_uint_eq(e->column, 22);
    /* The first pair is kept, the others dropped; reading went on. */
    ck_assert_uint_eq(pledge_node_size(r), 3);
    ck_assert_int_eq(pledge_node_type_of(pledge_node_get(r, "a", 1)), PLEDGE_NODE_INT);
    assert_str(pledge_node_key(r, 2), "c", 1);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
}
END_TEST

START_TEST(duplicate_key_paths)
{
    pledge_diag_list *d;
    pledge_tree *t;
    const char *text = "{\"x\": [{}, {\"k\": 1, \"k\": 2}], \"a/b~\": {\"q\": 0, \"q\": 0}}";
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(text, strlen(text), 0, 256, d);
    ck_assert_uint_eq(pledge_diag_list_count(d), 2);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->instance_path, "/x/1");
    ck_assert_str_eq(pledge_diag_list_at(d, 1)->instance_path, "/a~1b~0");
    pledge_tree_free(t);
    pledge_diag_list_free(d);
}
END_TEST

/* Keys that differ only in bytes after a NUL, or by length, are distinct;
 * mappings of many keys are hashed, nested ones too, and each mapping's
 * keys are its own. */
START_TEST(duplicate_keys_large_and_nested)
{
    pledge_buf b;
    pledge_diag_list *d;
    pledge_tree *t;
    const pledge_node *r;
    size_t i, k;
    pledge__buf_init(&b, NULL);
    pledge__buf_puts(&b, "{\"a\\u0000x\": 0, \"a\\u0000y\": 0, \"a\": 0, \"\": 0");
    for (i = 0; i < 300; i++) {
        pledge__buf_printf(&b, ", \"k%zu\": {", i);
        for (k = 0; k < 12; k++)
            pledge__buf_printf(&b, "%s\"k%zu\": %zu", k ? ", " : "", k, k);
        if (i == 150)
            pledge__buf_puts(&b, ", \"k3\": 33"); /* dup inside a hashed inner map */
        pledge__buf_puts(&b, "}");
        if (i == 5)
            pledge__buf_puts(&b, ", \"a\": 1"); /* the root is hashed by now */
    }
    pledge__buf_puts(&b, ", \"k299\": 1, \"\": 2, \"a\\u0000y\": 3}");
    ck_assert(!b.failed);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    t = parse_opts(b.data, b.len, 0, 256, d);
    r = pledge_tree_root(t);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(pledge_node_size(r), 304);
    ck_assert_uint_eq(pledge_diag_list_count(d), 5);
    ck_assert_str_eq(pledge_diag_list_at(d, 1)->instance_path, "/k150");
    for (i = 0; i < 5; i++)
        ck_assert_str_eq(pledge_diag_list_at(d, i)->code, "yaml.duplicate-key");
    ck_assert_uint_eq(pledge_tree_error_count(t), 5);
    ck_assert_uint_eq(pledge_node_size(pledge_node_get(r, "k150", 4)), 12);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
    pledge__buf_free(&b);
}
END_TEST

START_TEST(many_keys_scale)
{
    /* 200,000 distinct keys with a common prefix, then one duplicate. */
    pledge_buf b;
    pledge_diag_list *d;
    pledge_tree *t;
    size_t i, n = 200000;
    clock_t c0;
    pledge__buf_init(&b, NULL);
    pledge__buf_putc(&b, '{');
    for (i = 0; i < n; i++)
        pledge__buf_printf(&b, "%s\"key-with-a-long-common-prefix-%zu\": %zu", i ? "," : "", i,
                           i);
    pledge__buf_puts(&b, ",\"key-with-a-long-common-prefix-7\": 0}");
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    c0 = clock();
    t = parse_opts(b.data, b.len, 0, 256, d);
    ck_assert_msg((double)(clock() - c0) / CLOCKS_PER_SEC < 5.0, "too slow");
    ck_assert_uint_eq(pledge_node_size(pledge_tree_root(t)), n);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    ck_assert(strstr(pledge_diag_list_at(d, 0)->message, "first at line 1") != NULL);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
    pledge__buf_free(&b);
}
END_TEST

/* ---- memory ------------------------------------------------------------- */

static const char alloc_doc[] =
    "{\"format\": \"pledge/1\", \"id\": \"x-2024\", \"title\": \"Trygghet i \xc3\xa5ret\",\n"
    " \"big\": 123456789012345678901234567890, \"f\": [0.5, 1e300, -0.0],\n"
    " \"esc\": \"\\uD83D\\uDCA9 \\u0000 \\n\", \"line\": \"a\xe2\x80\xa8z\",\n"
    " \"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, \"k7\": 7, \"k8\": 8,\n"
    " \"k9\": {\"a\": [1, 2, {\"b\": null, \"b\": true}]}, \"k1\": 0,\n"
    " \"long\": \"0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789\",\n"
    " \"themes\": [{\"name\": \"a\", \"activities\": [{\"what\": \"walk\", \"n\": 12.25}]},\n"
    "            {\"name\": \"b\", \"activities\": []}]}\n";

START_TEST(allocation_failures)
{
    size_t n;
    pledge_tree *ref = NULL;
    ck_assert_int_eq(pledge__json_read(&ref, alloc_doc, sizeof alloc_doc - 1, "a.json", 0, NULL,
                                       NULL), 0);
    ck_assert_ptr_nonnull(pledge_tree_root(ref));
    ck_assert_uint_eq(pledge_tree_error_count(ref), 2);
    for (n = 1;; n++) {
        test_alloc ta;
        pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
        pledge_diag_list *d = NULL;
        pledge_tree *t = (pledge_tree *)&n; /* must be reset to NULL on failure */
        int rc;
        test_alloc_init(&ta, n);
        o.allocator = &ta.hook;
        rc = pledge_diag_list_new(&d, &ta.hook);
        if (rc == 0)
            rc = pledge__json_read(&t, alloc_doc, sizeof alloc_doc - 1, "a.json", 0, &o, d);
        if (rc == 0) {
            ck_assert(!ta.failed);
            ck_assert_int_eq(pledge_node_equal(pledge_tree_root(t), pledge_tree_root(ref)), 1);
            ck_assert_uint_eq(pledge_diag_list_count(d), 2); /* the duplicate keys; U+2028 is no line break in JSON */
            pledge_tree_free(t);
            pledge_diag_list_free(d);
            ck_assert_uint_eq(ta.live, 0);
            break;
        }
        ck_assert_int_eq(rc, PLEDGE_ENOMEM);
        ck_assert(ta.failed);
        if (d)
            ck_assert_ptr_null(t);
        pledge_diag_list_free(d);
        ck_assert_msg(ta.live == 0, "leak after failing allocation %zu", n);
    }
    ck_assert_uint_gt(n, 10);
    pledge_tree_free(ref);
}
END_TEST

START_TEST(arguments)
{
    pledge_tree *t;
    ck_assert_int_eq(pledge__json_read(NULL, "1", 1, "x", 0, NULL, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge__json_read(&t, NULL, 1, "x", 0, NULL, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge__json_read(&t, NULL, 0, NULL, 0, NULL, NULL), 0);
    ck_assert_ptr_null(pledge_tree_root(t));
    ck_assert_str_eq(pledge_tree_name(t), "");
    pledge_tree_free(t);
    /* Text need not be NUL-terminated: only len bytes are read. */
    ck_assert_int_eq(pledge__json_read(&t, "12345", 2, "x", 0, NULL, NULL), 0);
    ck_assert_str_eq(pledge_node_int_text(pledge_tree_root(t), NULL), "12");
    pledge_tree_free(t);
    ck_assert_int_eq(pledge__json_read(&t, "1.25e1x", 6, "x", 0, NULL, NULL), 0);
    ck_assert(pledge_node_number(pledge_tree_root(t)) == 12.5);
    pledge_tree_free(t);
}
END_TEST

/* A generated document of a few MB: parse it and report the throughput
 * (the number is meaningful in an optimised build). */
START_TEST(throughput)
{
    pledge_buf b;
    pledge_tree *t;
    size_t i, target = getenv("PLEDGE_TEST_QUICK") ? (1u << 20) : (8u << 20);
    struct timespec t0, t1;
    double secs;
    pledge__buf_init(&b, NULL);
    pledge__buf_puts(&b, "[\n");
    for (i = 0; b.len < target; i++)
        pledge__buf_printf(&b,
                           "%s  {\"id\": \"pledge-%zu\", \"title\": \"Trygghet i omr\xc3\xa5"
                           "det %zu\", \"year\": %zu, \"score\": %zu.%zu, \"done\": %s, "
                           "\"tags\": [\"a\", \"b\\n\", null], \"owner\": {\"name\": "
                           "\"Kommunen\", \"n\": -%zu}}",
                           i ? ",\n" : "", i, i, 2000 + i % 30, i % 97, i % 10,
                           i % 2 ? "true" : "false", i);
    pledge__buf_puts(&b, "\n]\n");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(pledge__json_read(&t, b.data, b.len, "big.json", 0, NULL, NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_ptr_nonnull(pledge_tree_root(t));
    ck_assert_uint_eq(pledge_node_size(pledge_tree_root(t)), i);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "json_reader: %.1f MB in %.3f s = %.0f MB/s, tree %.1fx the source\n",
            (double)b.len / 1e6, secs, (double)b.len / 1e6 / secs,
            (double)pledge_tree_memory(t) / (double)b.len);
    pledge_tree_free(t);
    pledge__buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("json");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, scalars_and_containers);
    tcase_add_test(tc, root_scalars);
    tcase_add_test(tc, integers_exact);
    tcase_add_test(tc, floats);
    tcase_add_test(tc, floats_ignore_the_host_locale);
    tcase_add_test(tc, float_underflow_is_a_warning);
    tcase_add_test(tc, strings_and_escapes);
    tcase_add_test(tc, long_keys_and_strings);
    tcase_add_test(tc, deep_nesting_is_iterative);
    tcase_add_test(tc, depth_limit);
    tcase_add_test(tc, positions);
    tcase_add_test(tc, positions_after_bom);
    tcase_add_test(tc, unicode_line_breaks);
    tcase_add_loop_test(tc, syntax_errors, 0, (int)(sizeof bad_cases / sizeof *bad_cases));
    tcase_add_test(tc, nul_bytes);
    tcase_add_test(tc, exact_messages);
    tcase_add_loop_test(tc, truncated_text, 0, (int)(sizeof cut_cases / sizeof *cut_cases));
    tcase_add_test(tc, truncated_inside_a_character);
    tcase_add_test(tc, truncated_after_complete_value);
    tcase_add_test(tc, duplicate_keys);
    tcase_add_test(tc, duplicate_key_paths);
    tcase_add_test(tc, duplicate_keys_large_and_nested);
    tcase_add_test(tc, many_keys_scale);
    tcase_add_test(tc, allocation_failures);
    tcase_add_test(tc, arguments);
    tcase_add_test(tc, throughput);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
