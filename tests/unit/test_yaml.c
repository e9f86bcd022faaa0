/* SPDX-License-Identifier: MIT */
/* The YAML reader: core schema, YAML 1.1 traps, positions, aliases, keys,
 * limits, memory and allocation failures. */
#include "testutil.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "node/position.h"
#include "node/scalar.h"
#include "node/tree.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Valgrind and the sanitizers slow everything: time bounds are only
 * checked in plain builds. */
static int timing_checked(void)
{
    return !SANITIZED && !getenv("PLEDGE_TEST_QUICK");
}

/* ---- helpers ------------------------------------------------------------ */

typedef struct loaded {
    pledge_tree *trees[16];
    size_t count;
    int complete;
    pledge_diag_list *diags;
} loaded;

static void load_opts(loaded *l, const char *text, size_t len, const pledge_load_options *o)
{
    pledge_reader *r;
    pledge_tree *t;
    memset(l, 0, sizeof *l);
    ck_assert_int_eq(pledge_diag_list_new(&l->diags, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, "t.yaml", text, len, o, l->diags), 0);
    for (;;) {
        ck_assert_int_eq(pledge_reader_next(r, &t, NULL), 0);
        if (!t)
            break;
        if (l->count < 16)
            l->trees[l->count++] = t;
        else
            pledge_tree_free(t);
    }
    l->complete = pledge_reader_complete(r);
    pledge_reader_free(r);
}

static void load(loaded *l, const char *text)
{
    load_opts(l, text, strlen(text), NULL);
}

static void load_with(loaded *l, const char *text, const pledge_load_options *o)
{
    load_opts(l, text, strlen(text), o);
}

static void unload(loaded *l)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        pledge_tree_free(l->trees[i]);
    pledge_diag_list_free(l->diags);
}

static const pledge_node *root(const loaded *l, size_t i)
{
    ck_assert_uint_gt(l->count, i);
    return pledge_tree_root(l->trees[i]);
}

/* The node at a '/'-separated path of keys and indexes. */
static const pledge_node *at(const pledge_node *n, const char *path)
{
    char part[128];
    while (n && *path) {
        size_t k = strcspn(path, "/");
        ck_assert_uint_lt(k, sizeof part);
        memcpy(part, path, k);
        part[k] = '\0';
        path += k + (path[k] == '/');
        if (pledge_node_type_of(n) == PLEDGE_NODE_SEQUENCE)
            n = pledge_node_item(n, (size_t)atoi(part));
        else
            n = pledge_node_get(n, part, strlen(part));
    }
    ck_assert_msg(n != NULL, "no node at %s", path);
    return n;
}

static const char *str(const pledge_node *n)
{
    const char *s = pledge_node_string(n, NULL);
    ck_assert_msg(s != NULL, "not a string (%s)", pledge_node_type_name(pledge_node_type_of(n)));
    return s;
}

static size_t count_code(const pledge_diag_list *d, const char *code)
{
    size_t i, n = 0;
    for (i = 0; i < pledge_diag_list_count(d); i++)
        n += !strcmp(pledge_diag_list_at(d, i)->code, code);
    return n;
}

static void expect_mark(const pledge_node *n, size_t line, size_t column, size_t offset)
{
    pledge_mark m = pledge_node_mark(n);
    ck_assert_msg(m.line == line && m.column == column && m.offset == offset,
                  "mark %zu:%zu+%zu, expected %zu:%zu+%zu", m.line, m.column, m.offset, line,
                  column, offset);
}

/* A growing text buffer for generated inputs. */
typedef struct growbuf {
    char *s;
    size_t len, cap;
} growbuf;

static void add(growbuf *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
}

/* ---- core schema -------------------------------------------------------- */

START_TEST(core_schema_plain_types)
{
    static const struct { const char *text; pledge_node_type type; } cases[] = {
        { "", PLEDGE_NODE_NULL }, { "~", PLEDGE_NODE_NULL }, { "null", PLEDGE_NODE_NULL },
        { "Null", PLEDGE_NODE_NULL }, { "NULL", PLEDGE_NODE_NULL },
        { "nULL", PLEDGE_NODE_STRING }, { "~~", PLEDGE_NODE_STRING },
        { "true", PLEDGE_NODE_BOOL }, { "True", PLEDGE_NODE_BOOL }, { "TRUE", PLEDGE_NODE_BOOL },
        { "false", PLEDGE_NODE_BOOL }, { "False", PLEDGE_NODE_BOOL }, { "FALSE", PLEDGE_NODE_BOOL },
        { "tRUE", PLEDGE_NODE_STRING }, { "yes", PLEDGE_NODE_STRING }, { "on", PLEDGE_NODE_STRING },
        { "0", PLEDGE_NODE_INT }, { "-0", PLEDGE_NODE_INT }, { "+12", PLEDGE_NODE_INT },
        { "010", PLEDGE_NODE_INT }, { "0o17", PLEDGE_NODE_INT }, { "0x1F", PLEDGE_NODE_INT },
        { "0xff", PLEDGE_NODE_INT }, { "-0x1F", PLEDGE_NODE_STRING }, { "0o8", PLEDGE_NODE_STRING },
        { "0x", PLEDGE_NODE_STRING }, { "0b1", PLEDGE_NODE_STRING }, { "1_000", PLEDGE_NODE_STRING },
        { "1:20", PLEDGE_NODE_STRING }, { "+", PLEDGE_NODE_STRING }, { "-", PLEDGE_NODE_STRING },
        { "1.5", PLEDGE_NODE_FLOAT }, { "1.", PLEDGE_NODE_FLOAT }, { ".5", PLEDGE_NODE_FLOAT },
        { "-.5", PLEDGE_NODE_FLOAT }, { "1e3", PLEDGE_NODE_FLOAT }, { "1E+3", PLEDGE_NODE_FLOAT },
        { "2.5e-3", PLEDGE_NODE_FLOAT }, { ".inf", PLEDGE_NODE_FLOAT }, { "-.Inf", PLEDGE_NODE_FLOAT },
        { "+.INF", PLEDGE_NODE_FLOAT }, { ".nan", PLEDGE_NODE_FLOAT }, { ".NaN", PLEDGE_NODE_FLOAT },
        { ".NAN", PLEDGE_NODE_FLOAT }, { "-.nan", PLEDGE_NODE_STRING }, { ".", PLEDGE_NODE_STRING },
        { "e3", PLEDGE_NODE_STRING }, { "1e", PLEDGE_NODE_STRING }, { "1.5.3", PLEDGE_NODE_STRING },
        { ".Nan", PLEDGE_NODE_STRING }, { "2024-01-01", PLEDGE_NODE_STRING },
        { "12abc", PLEDGE_NODE_STRING }, { "hello", PLEDGE_NODE_STRING },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char doc[64];
        loaded l;
        ck_assert_msg(pledge__scalar_plain_type(cases[i].text, strlen(cases[i].text)) ==
                          cases[i].type,
                      "plain type of \"%s\"", cases[i].text);
        if (!strcmp(cases[i].text, "-"))
            continue; /* "v: -" is a block sequence entry */
        snprintf(doc, sizeof doc, "v: %s\n", cases[i].text);
        load(&l, doc);
        ck_assert_int_eq(pledge_node_type_of(at(root(&l, 0), "v")), cases[i].type);
        unload(&l);
    }
}
END_TEST

START_TEST(core_schema_values)
{
    loaded l;
    int64_t v;
    size_t len;
    load(&l, "a: true\nb: FALSE\nc: -0\nd: +12\ne: 0o17\nf: 0x7fffffffffffffff\n"
             "g: -9223372036854775808\nh: 9223372036854775808\ni: 0xFFFFFFFFFFFFFFFFFF\n"
             "j: 123456789012345678901234567890\nk: -00048\nl: 0o777777777777777777777777\n"
             "m: 1.5\nnn: -.inf\no: .nan\np: 1e-3\nq: 007\n");
    ck_assert_int_eq(pledge_node_bool(at(root(&l, 0), "a")), 1);
    ck_assert_int_eq(pledge_node_bool(at(root(&l, 0), "b")), 0);
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "c"), NULL), "0");
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "d"), NULL), "12");
    ck_assert_int_eq(pledge_node_int64(at(root(&l, 0), "e"), &v), 0);
    ck_assert_int_eq(v, 15);
    ck_assert_int_eq(pledge_node_int64(at(root(&l, 0), "f"), &v), 0);
    ck_assert(v == INT64_MAX);
    ck_assert_int_eq(pledge_node_int64(at(root(&l, 0), "g"), &v), 0);
    ck_assert(v == INT64_MIN);
    ck_assert_int_eq(pledge_node_int64(at(root(&l, 0), "h"), &v), PLEDGE_ERANGE);
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "h"), NULL), "9223372036854775808");
    ck_assert(pledge_node_flags(at(root(&l, 0), "h")) & PLEDGE_NODE_BIGINT);
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "i"), &len), "4722366482869645213695");
    ck_assert_uint_eq(len, 22);
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "j"), NULL),
                     "123456789012345678901234567890");
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "k"), NULL), "-48");
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "l"), NULL),
                     "4722366482869645213695");
    ck_assert(pledge_node_number(at(root(&l, 0), "m")) == 1.5);
    ck_assert(isinf(pledge_node_number(at(root(&l, 0), "nn"))));
    ck_assert(pledge_node_number(at(root(&l, 0), "nn")) < 0);
    ck_assert(isnan(pledge_node_number(at(root(&l, 0), "o"))));
    ck_assert(pledge_node_number(at(root(&l, 0), "p")) == 1e-3);
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "q"), NULL), "7");
    ck_assert(pledge_node_yaml11(at(root(&l, 0), "q")) == PLEDGE_YAML11_NONE);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 0);
    unload(&l);
}
END_TEST

/* Big integers: decimal ones keep their digits (linear in their length),
 * hexadecimal and octal ones are converted exactly up to
 * PLEDGE__RADIX_DIGITS_MAX digits and refused (yaml.limit) beyond. */
START_TEST(big_integers_linear_and_exact)
{
    loaded l;
    size_t n = 200000, len;
    char *text = malloc(n + 64), *hex;
    const char *t;
    double start = test_now();
    ck_assert_ptr_nonnull(text);
    memcpy(text, "a: -000", 7);
    memset(text + 7, '9', n);
    memcpy(text + 7 + n, "\n", 2);
    load(&l, text);
    t = pledge_node_int_text(at(root(&l, 0), "a"), &len);
    ck_assert_uint_eq(len, n + 1);
    ck_assert(t[0] == '-' && t[1] == '9' && t[n] == '9');
    ck_assert(pledge_node_flags(at(root(&l, 0), "a")) & PLEDGE_NODE_BIGINT);
    if (timing_checked())
        ck_assert_msg(test_now() - start < 1.0, "a 200,000-digit integer took %.2f s", test_now() - start);
    unload(&l);

    /* 16^1000 - 1 and 2^100 exactly */
    hex = malloc(4096);
    ck_assert_ptr_nonnull(hex);
    memcpy(hex, "a: 0x", 5);
    memset(hex + 5, 'f', 1000);
    strcpy(hex + 1005, "\nb: 0x10000000000000000000000000\nc: 0o2000000000000000000000000000000000\n"
                       "d: 0x1");
    len = strlen(hex);
    memset(hex + len, '0', 1000);
    strcpy(hex + len + 1000, "\n");
    load(&l, hex);
    t = pledge_node_int_text(at(root(&l, 0), "a"), &len);
    ck_assert_uint_eq(len, 1205); /* 16^1000 has 1205 decimal digits */
    ck_assert(strncmp(t, "131820", 6) == 0);
    ck_assert(t[len - 1] == '5');
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "b"), NULL),
                     "1267650600228229401496703205376");
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "c"), NULL),
                     "1267650600228229401496703205376");
    ck_assert_int_eq(pledge_node_type_of(at(root(&l, 0), "d")), PLEDGE_NODE_STRING);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.limit");
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->instance_path, "/d");
    unload(&l);
    free(hex);
    free(text);
}
END_TEST

/* Every float reads as strtod reads it in the "C" locale, also when the
 * program runs in a locale whose decimal point is a comma. */
START_TEST(floats_exact_in_any_locale)
{
    static const char *texts[] = {
        "0.1", "1.5", "3.141592653589793", "2.2250738585072014e-308", "4.9e-324",
        "1.7976931348623157e308", "1e400", "123456789012345678901234567890.5",
        "0.30000000000000004", "9007199254740993", "1e23", "8.5e-10", "-0.0", ".5e1",
        "1.00000000000000011102230246251565404236316680908203125",
        ("0.000000000000000000000000000000000000000000000000000000000000000000000000000000"
         "00000000000000000000000000000000000000000000000000000000000000000000000000000001"),
    };
    static const char *locales[] = { "de_DE.UTF-8", "sv_SE.UTF-8", "fr_FR.UTF-8", "de_DE",
                                     "C.UTF-8" };
    size_t i, k;
    for (k = 0; k <= sizeof locales / sizeof *locales; k++) {
        if (k > 0 && !setlocale(LC_ALL, locales[k - 1]))
            continue;
        for (i = 0; i < sizeof texts / sizeof *texts; i++) {
            double got, want;
            char *end;
            ck_assert_int_eq(pledge__scalar_float(texts[i], strlen(texts[i]), NULL, &got), 0);
            setlocale(LC_NUMERIC, "C");
            want = strtod(texts[i], &end);
            if (k > 0)
                setlocale(LC_ALL, locales[k - 1]);
            ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "%s read as %.17g, not %.17g",
                          texts[i], got, want);
        }
    }
    setlocale(LC_ALL, "C");
    {
        double d;
        ck_assert_int_eq(pledge__scalar_float("1,5", 3, NULL, &d), PLEDGE_EINVALID);
        ck_assert_int_eq(pledge__scalar_float("0x10", 4, NULL, &d), PLEDGE_EINVALID);
        ck_assert_int_eq(pledge__scalar_float("", 0, NULL, &d), PLEDGE_EINVALID);
    }
}
END_TEST

START_TEST(yaml11_readings)
{
    static const struct { const char *text; pledge_yaml11 kind; const char *words; } cases[] = {
        { "yes", PLEDGE_YAML11_BOOL, "true" }, { "Yes", PLEDGE_YAML11_BOOL, "true" },
        { "YES", PLEDGE_YAML11_BOOL, "true" }, { "no", PLEDGE_YAML11_BOOL, "false" },
        { "No", PLEDGE_YAML11_BOOL, "false" }, { "NO", PLEDGE_YAML11_BOOL, "false" },
        { "on", PLEDGE_YAML11_BOOL, "true" }, { "On", PLEDGE_YAML11_BOOL, "true" },
        { "ON", PLEDGE_YAML11_BOOL, "true" }, { "off", PLEDGE_YAML11_BOOL, "false" },
        { "Off", PLEDGE_YAML11_BOOL, "false" }, { "OFF", PLEDGE_YAML11_BOOL, "false" },
        { "y", PLEDGE_YAML11_BOOL, "true" }, { "Y", PLEDGE_YAML11_BOOL, "true" },
        { "n", PLEDGE_YAML11_BOOL, "false" }, { "N", PLEDGE_YAML11_BOOL, "false" },
        { "yEs", PLEDGE_YAML11_NONE, "" }, { "true", PLEDGE_YAML11_NONE, "" },
        { "nope", PLEDGE_YAML11_NONE, "" },
        { "010", PLEDGE_YAML11_NUMBER, "the integer 8" },
        { "-010", PLEDGE_YAML11_NUMBER, "the integer -8" },
        { "0_10", PLEDGE_YAML11_NUMBER, "the integer 8" },
        { "07", PLEDGE_YAML11_NONE, "" }, { "00", PLEDGE_YAML11_NONE, "" },
        { "08", PLEDGE_YAML11_NONE, "" },
        { "0b1", PLEDGE_YAML11_NUMBER, "the integer 1 (binary)" },
        { "-0b1_01", PLEDGE_YAML11_NUMBER, "the integer -5 (binary)" },
        { "0b", PLEDGE_YAML11_NONE, "" }, { "0b2", PLEDGE_YAML11_NONE, "" },
        { "1_000", PLEDGE_YAML11_NUMBER, "the integer 1000" },
        { "+1_0", PLEDGE_YAML11_NUMBER, "the integer 10" },
        { "1000", PLEDGE_YAML11_NONE, "" },
        { "0x_1F", PLEDGE_YAML11_NUMBER, "the integer 31" },
        { "+0x10", PLEDGE_YAML11_NUMBER, "the integer 16" },
        { "0x1F", PLEDGE_YAML11_NONE, "" },
        { "1:20", PLEDGE_YAML11_NUMBER, "the integer 80 (sexagesimal)" },
        { "-1:00:00", PLEDGE_YAML11_NUMBER, "the integer -3600 (sexagesimal)" },
        { "190:20:30", PLEDGE_YAML11_NUMBER, "the integer 685230 (sexagesimal)" },
        { "1:60", PLEDGE_YAML11_NONE, "" }, { "1:2:", PLEDGE_YAML11_NONE, "" },
        { "01:20", PLEDGE_YAML11_NONE, "" },
        { "1:20.5", PLEDGE_YAML11_NUMBER, "the number 80.5 (sexagesimal)" },
        { "1_000.5", PLEDGE_YAML11_NUMBER, "the number 1000.5" },
        { "1.5", PLEDGE_YAML11_NONE, "" }, { "1_0.5.5", PLEDGE_YAML11_NONE, "" },
        { "99999999999999999999_9", PLEDGE_YAML11_NUMBER, "a large integer" },
        { "2024-01-01", PLEDGE_YAML11_TIMESTAMP, "a timestamp" },
        { "2024-01-01 10:00", PLEDGE_YAML11_TIMESTAMP, "a timestamp" },
        { "2024-1-1T10:00:00Z", PLEDGE_YAML11_TIMESTAMP, "a timestamp" },
        { "2001-12-14t21:59:43.10-05:00", PLEDGE_YAML11_TIMESTAMP, "a timestamp" },
        { "2001-12-14 21:59:43.10 -5", PLEDGE_YAML11_TIMESTAMP, "a timestamp" },
        { "2024-1-1", PLEDGE_YAML11_NONE, "" }, { "2024-01", PLEDGE_YAML11_NONE, "" },
        { "2024-01-01x", PLEDGE_YAML11_NONE, "" }, { "2024-13-01 x", PLEDGE_YAML11_NONE, "" },
        { "hello", PLEDGE_YAML11_NONE, "" }, { "", PLEDGE_YAML11_NONE, "" },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char words[PLEDGE_YAML11_WORDS_MAX];
        size_t n = strlen(cases[i].text);
        ck_assert_msg(pledge__scalar_yaml11(cases[i].text, n) == cases[i].kind,
                      "kind of \"%s\"", cases[i].text);
        ck_assert_uint_eq(pledge__scalar_yaml11_words(cases[i].text, n, words, sizeof words),
                          strlen(cases[i].words));
        ck_assert_msg(!strcmp(words, cases[i].words), "\"%s\": \"%s\"", cases[i].text, words);
    }
}
END_TEST

START_TEST(yaml11_marks_and_warnings)
{
    loaded l;
    const pledge_node *r;
    const pledge_diag *d;
    load(&l, "on: no\nmode: 010\nwhen: 2024-01-01\nq: 'yes'\nt: !!str yes\nbig: 1_000\n");
    r = root(&l, 0);
    ck_assert(pledge_node_yaml11(pledge_node_key(r, 0)) == PLEDGE_YAML11_BOOL);
    ck_assert_str_eq(pledge_node_yaml11_reading(pledge_node_key(r, 0)), "true");
    ck_assert_str_eq(str(pledge_node_key(r, 0)), "on");
    ck_assert_str_eq(pledge_node_yaml11_reading(at(r, "on")), "false");
    ck_assert_str_eq(str(at(r, "on")), "no");
    ck_assert_int_eq(pledge_node_type_of(at(r, "mode")), PLEDGE_NODE_INT);
    ck_assert_str_eq(pledge_node_int_text(at(r, "mode"), NULL), "10");
    ck_assert_str_eq(pledge_node_yaml11_reading(at(r, "mode")), "the integer 8");
    ck_assert(pledge_node_yaml11(at(r, "when")) == PLEDGE_YAML11_TIMESTAMP);
    ck_assert_str_eq(pledge_node_yaml11_reading(at(r, "when")), "a timestamp");
    ck_assert_ptr_null(pledge_node_yaml11_reading(at(r, "q")));
    ck_assert_ptr_null(pledge_node_yaml11_reading(at(r, "t")));
    ck_assert_str_eq(pledge_node_yaml11_reading(at(r, "big")), "the integer 1000");
    /* warnings for on, no, 010, 1_000; none for the timestamp */
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 4);
    ck_assert_uint_eq(count_code(l.diags, "yaml.ambiguous-scalar"), 4);
    d = pledge_diag_list_at(l.diags, 1);
    ck_assert_str_eq(d->message, "\"no\" is a string in YAML 1.2 (YAML 1.1 read it as false)");
    ck_assert_int_eq(d->severity, PLEDGE_SEVERITY_WARNING);
    ck_assert_str_eq(d->instance_path, "/on");
    ck_assert_uint_eq(d->line, 1);
    ck_assert_uint_eq(d->column, 5);
    d = pledge_diag_list_at(l.diags, 2);
    ck_assert_str_eq(d->message, "010 is the integer 10 in YAML 1.2 (YAML 1.1 read it as the "
                                 "integer 8)");
    ck_assert_uint_eq(pledge_tree_error_count(l.trees[0]), 0);
    unload(&l);
}
END_TEST

/* ---- strings, tags, keys ---------------------------------------------------- */

START_TEST(quoted_and_block_scalars_are_strings)
{
    loaded l;
    const pledge_node *r;
    size_t len;
    const char *s;
    load(&l, "a: \"true\"\nb: '12'\nc: |\n  null\nd: >\n  1.5\n  x\ne: \"a\\0b\"\nf: \"\"\ng:\n");
    r = root(&l, 0);
    ck_assert_str_eq(str(at(r, "a")), "true");
    ck_assert(pledge_node_flags(at(r, "a")) & PLEDGE_NODE_QUOTED);
    ck_assert_str_eq(str(at(r, "b")), "12");
    ck_assert_str_eq(str(at(r, "c")), "null\n");
    ck_assert(pledge_node_flags(at(r, "c")) & PLEDGE_NODE_QUOTED);
    ck_assert_str_eq(str(at(r, "d")), "1.5 x\n");
    s = pledge_node_string(at(r, "e"), &len);
    ck_assert_uint_eq(len, 3);
    ck_assert(memcmp(s, "a\0b", 4) == 0);
    ck_assert_str_eq(str(at(r, "f")), "");
    ck_assert_int_eq(pledge_node_type_of(at(r, "g")), PLEDGE_NODE_NULL);
    ck_assert_uint_eq(pledge_node_flags(at(r, "g")), 0);
    unload(&l);
}
END_TEST

START_TEST(explicit_tags)
{
    loaded l;
    const pledge_node *r;
    int64_t v;
    load(&l, "a: !!str 12\nb: ! 12\nc: !!int \"0x1F\"\nd: !!float 1\ne: !!bool True\n"
             "f: !!null\ng: !!seq []\nh: !!map {}\ni: !!str\nj: !<tag:yaml.org,2002:int> 7\n"
             "k: !!float .inf\n");
    r = root(&l, 0);
    ck_assert_str_eq(str(at(r, "a")), "12");
    ck_assert(pledge_node_flags(at(r, "a")) & PLEDGE_NODE_TAGGED);
    ck_assert_str_eq(str(at(r, "b")), "12");
    ck_assert_int_eq(pledge_node_int64(at(r, "c"), &v), 0);
    ck_assert_int_eq(v, 31);
    ck_assert(pledge_node_flags(at(r, "c")) & PLEDGE_NODE_TAGGED);
    ck_assert_int_eq(pledge_node_type_of(at(r, "d")), PLEDGE_NODE_FLOAT);
    ck_assert(pledge_node_number(at(r, "d")) == 1.0);
    ck_assert_int_eq(pledge_node_bool(at(r, "e")), 1);
    ck_assert_int_eq(pledge_node_type_of(at(r, "f")), PLEDGE_NODE_NULL);
    ck_assert_int_eq(pledge_node_type_of(at(r, "g")), PLEDGE_NODE_SEQUENCE);
    ck_assert(pledge_node_flags(at(r, "g")) & PLEDGE_NODE_TAGGED);
    ck_assert_int_eq(pledge_node_type_of(at(r, "h")), PLEDGE_NODE_MAPPING);
    ck_assert_str_eq(str(at(r, "i")), "");
    ck_assert_int_eq(pledge_node_int64(at(r, "j"), &v), 0);
    ck_assert_int_eq(v, 7);
    ck_assert(isinf(pledge_node_number(at(r, "k"))));
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 0);
    unload(&l);

    load(&l, "a: !!int abc\nb: !custom 5\n");
    r = root(&l, 0);
    ck_assert_str_eq(str(at(r, "a")), "abc");
    ck_assert_int_eq(pledge_node_type_of(at(r, "b")), PLEDGE_NODE_INT); /* as if untagged */
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 2);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.syntax");
    ck_assert(strstr(pledge_diag_list_at(l.diags, 0)->message, "not a valid !!int"));
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 1)->code, "yaml.unknown-tag");
    ck_assert_uint_eq(pledge_tree_error_count(l.trees[0]), 2);
    unload(&l);
}
END_TEST

START_TEST(keys_are_strings_with_their_own_positions)
{
    loaded l;
    const pledge_node *r, *k;
    load(&l, "1: a\n~: b\ntrue: c\n\"q\": d\n0x10: e\n? x\n: f\n");
    r = root(&l, 0);
    ck_assert_uint_eq(pledge_node_size(r), 6);
    ck_assert_str_eq(str(pledge_node_key(r, 0)), "1");
    ck_assert_str_eq(str(pledge_node_key(r, 1)), "~");
    ck_assert_str_eq(str(pledge_node_key(r, 2)), "true");
    ck_assert_str_eq(str(pledge_node_key(r, 3)), "q");
    ck_assert_str_eq(str(pledge_node_key(r, 4)), "0x10");
    ck_assert_str_eq(str(pledge_node_key(r, 5)), "x");
    k = pledge_node_key(r, 2);
    expect_mark(k, 3, 1, 10);
    expect_mark(pledge_node_value(r, 2), 3, 7, 16);
    expect_mark(pledge_node_key(r, 5), 6, 3, 35);
    expect_mark(pledge_node_value(r, 5), 7, 3, 39);
    ck_assert_str_eq(str(pledge_node_get(r, "1", 1)), "a");
    unload(&l);
}
END_TEST

/* ---- positions -------------------------------------------------------------- */

/* Every node's line and column agree with its byte offset counted the way
 * libyaml counts; plain scalars also start with their text there. */
static void check_positions(const char *text, size_t len, size_t base)
{
    loaded l;
    size_t d, nodes = 0;
    load_opts(&l, text, len, NULL);
    ck_assert_msg(pledge_diag_list_count(l.diags) == 0, "%s", test_diags_text(l.diags));
    for (d = 0; d < l.count; d++) {
        const pledge_node *stack[256];
        size_t top = 0, i;
        if (pledge_tree_root(l.trees[d]))
            stack[top++] = pledge_tree_root(l.trees[d]);
        while (top) {
            const pledge_node *n = stack[--top];
            pledge_mark m = pledge_node_mark(n), want = { 1, 1, 0 };
            size_t slen;
            const char *s;
            want.offset = base;
            pledge__pos_advance(text, len, &want, m.offset);
            ck_assert_msg(want.line == m.line && want.column == m.column,
                          "node at %zu:%zu has offset %zu, which is %zu:%zu", m.line, m.column,
                          m.offset, want.line, want.column);
            s = pledge_node_string(n, &slen);
            if (s && !(pledge_node_flags(n) & (PLEDGE_NODE_QUOTED | PLEDGE_NODE_TAGGED)) &&
                slen && m.offset + slen <= len && !memchr(text + m.offset, '\n', slen) &&
                text[m.offset] != '&' && text[m.offset] != '*')
                ck_assert_msg(m.offset + slen <= len && !memcmp(text + m.offset, s, slen),
                              "\"%s\" is not at offset %zu", s, m.offset);
            nodes++;
            for (i = 0; i < pledge_node_size(n) && top + 2 < 256; i++) {
                if (pledge_node_type_of(n) == PLEDGE_NODE_MAPPING) {
                    stack[top++] = pledge_node_key(n, i);
                    stack[top++] = pledge_node_value(n, i);
                } else {
                    stack[top++] = pledge_node_item(n, i);
                }
            }
        }
    }
    ck_assert_uint_gt(nodes, 3);
    unload(&l);
}

START_TEST(positions_count_code_points_and_bytes)
{
    loaded l;
    const pledge_node *r;
    load(&l, "namn: Åsa Öberg\nstad: \"Göteborg\"\n\xF0\x9F\x98\x80: [ö, \"ä\", å]\n");
    r = root(&l, 0);
    expect_mark(pledge_node_key(r, 0), 1, 1, 0);
    expect_mark(at(r, "namn"), 1, 7, 6);
    expect_mark(pledge_node_key(r, 1), 2, 1, 18);
    expect_mark(at(r, "stad"), 2, 7, 24);
    expect_mark(pledge_node_key(r, 2), 3, 1, 36);
    expect_mark(at(r, "\xF0\x9F\x98\x80"), 3, 4, 42);
    expect_mark(at(r, "\xF0\x9F\x98\x80/0"), 3, 5, 43);
    expect_mark(at(r, "\xF0\x9F\x98\x80/1"), 3, 8, 47);
    expect_mark(at(r, "\xF0\x9F\x98\x80/2"), 3, 13, 53);
    unload(&l);

    /* CR LF and CR line ends; a BOM is not a column */
    load(&l, "\xEF\xBB\xBF" "a: 1\r\nb: x\ry: 2\n");
    r = root(&l, 0);
    expect_mark(pledge_node_key(r, 0), 1, 1, 3);
    expect_mark(at(r, "a"), 1, 4, 6);
    expect_mark(pledge_node_key(r, 1), 2, 1, 9);
    expect_mark(pledge_node_key(r, 2), 3, 1, 14);
    unload(&l);

    check_positions("a: ä\nb:\n  - ö\n  - {x: ü, z: [1, 2]}\nc: &k ååå\nd: *k\n"
                    "? complex ö\n: value\ne: |\n  block ä\n  more\nf: plain\n  folded å\n"
                    "g: 'single ''q'' ü'\n---\n- \xF0\x9F\x98\x80 emoji\n- x\n...\n# end\n",
                    strlen("a: ä\nb:\n  - ö\n  - {x: ü, z: [1, 2]}\nc: &k ååå\nd: *k\n"
                           "? complex ö\n: value\ne: |\n  block ä\n  more\nf: plain\n  "
                           "folded å\ng: 'single ''q'' ü'\n---\n- \xF0\x9F\x98\x80 emoji\n- x\n"
                           "...\n# end\n"),
                    0);
    {
        /* Long runs of ASCII and of multi-byte text, for the word-at-a-time cursor. */
        growbuf t = { 0 };
        int i;
        for (i = 0; i < 200; i++) {
            char line[160];
            snprintf(line, sizeof line, "k%d: %s\n", i,
                     i % 3 == 0   ? "ascii only text of some length here"
                     : i % 3 == 1 ? "ååååäääööö åäö ÅÄÖ \xE2\x82\xAC\xE2\x82\xAC euro"
                                  : "mixed å text \xF0\x9F\x98\x80 with emoji and more ascii");
            add(&t, line);
        }
        check_positions(t.s, t.len, 0);
        free(t.s);
    }
}
END_TEST

START_TEST(float_underflow_warns)
{
    loaded l;
    const pledge_diag *d;
    load(&l, "a: 1\nb: [x, 1e-400]\nc: 0e-400\n");
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    d = pledge_diag_list_at(l.diags, 0);
    ck_assert_str_eq(d->code, "yaml.float-underflow");
    ck_assert_int_eq(d->severity, PLEDGE_SEVERITY_WARNING);
    ck_assert_uint_eq(d->line, 2);
    ck_assert_uint_eq(d->column, 8);
    ck_assert_str_eq(d->instance_path, "/b/1");
    ck_assert_str_eq(d->message, "the number 1e-400 is too small for a floating-point number "
                                 "(below about 4.9e-324) and reads as 0");
    ck_assert(pledge_node_number(pledge_node_item(pledge_node_get(root(&l, 0), "b", 1), 1)) == 0);
    ck_assert_uint_eq(pledge_tree_error_count(l.trees[0]), 0);
    unload(&l);
}
END_TEST

START_TEST(unicode_line_breaks_warn_per_document)
{
    loaded l;
    const pledge_diag *d;
    load(&l, "a: 1\n---\nb: \"x\xE2\x80\xA8y\"\nc: 2\n");
    ck_assert_uint_eq(l.count, 2);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    d = pledge_diag_list_at(l.diags, 0);
    ck_assert_str_eq(d->code, "yaml.unicode-line-break");
    ck_assert_int_eq(d->severity, PLEDGE_SEVERITY_WARNING);
    ck_assert_uint_eq(d->document, 1);
    ck_assert_uint_eq(d->line, 3);
    ck_assert_uint_eq(d->column, 6);
    ck_assert_uint_eq(d->offset, 14);
    /* libyaml counts the break: c is on line 5 */
    expect_mark(pledge_node_key(root(&l, 1), 1), 5, 1, 20);
    ck_assert_str_eq(str(at(root(&l, 1), "b")), "x\xE2\x80\xA8y");
    unload(&l);
}
END_TEST

/* ---- aliases, streams ------------------------------------------------------- */

START_TEST(aliases_share_nodes)
{
    loaded l;
    const pledge_node *r;
    load(&l, "a: &x {k: [1, 2]}\nb: *x\nc: &s str\nd: *s\ne: &s other\nf: *s\n*s : g\n");
    r = root(&l, 0);
    ck_assert_ptr_eq(at(r, "a"), at(r, "b"));
    ck_assert_ptr_eq(at(r, "c"), at(r, "d"));
    ck_assert_str_eq(str(at(r, "f")), "other");
    ck_assert_ptr_eq(at(r, "e"), at(r, "f"));
    ck_assert_str_eq(str(at(r, "other")), "g"); /* an alias as a key */
    expect_mark(at(r, "b"), 1, 4, 3);           /* the anchor's position */
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 0);
    unload(&l);

    load(&l, "a: *nope\nb: &r [*r]\nc: &m {k: *m}\n");
    r = root(&l, 0);
    ck_assert_int_eq(pledge_node_type_of(at(r, "a")), PLEDGE_NODE_NULL);
    expect_mark(at(r, "a"), 1, 4, 3);
    ck_assert_int_eq(pledge_node_type_of(at(r, "b/0")), PLEDGE_NODE_NULL);
    ck_assert_int_eq(pledge_node_type_of(at(r, "c/k")), PLEDGE_NODE_NULL);
    ck_assert_uint_eq(count_code(l.diags, "yaml.undefined-alias"), 3);
    ck_assert(strstr(pledge_diag_list_at(l.diags, 1)->message, "recursive"));
    ck_assert_uint_eq(pledge_tree_error_count(l.trees[0]), 3);
    unload(&l);
}
END_TEST

/* Each level names the one before twice: 13 levels expand to some 32,000
 * nodes, held in a few hundred. */
static void doubling_chain(pledge_buf *b)
{
    int i;
    pledge__buf_init(b, NULL);
    pledge__buf_puts(b, "a0: &a0 [p, q]\n");
    for (i = 1; i < 13; i++)
        pledge__buf_printf(b, "a%d: &a%d [*a%d, *a%d]\n", i, i, i - 1, i - 1);
    ck_assert(!b->failed);
}

START_TEST(copies_share_aliased_nodes_and_stay_linear)
{
    loaded l;
    pledge_buf text;
    const pledge_node *r, *c;
    pledge_tree *copy;
    pledge_arena arena;
    pledge_node *moved;
    doubling_chain(&text);
    load(&l, text.data);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 0);
    r = root(&l, 0);
    ck_assert_ptr_eq(at(r, "a12/0"), at(r, "a12/1"));

    /* a copy: shared where the source shares, so about its size */
    ck_assert_int_eq(pledge__tree_copy(&copy, l.trees[0], NULL), 0);
    c = pledge_tree_root(copy);
    ck_assert_ptr_ne(c, r);
    ck_assert_ptr_eq(at(c, "a12/0"), at(c, "a12/1"));
    ck_assert_ptr_eq(at(c, "a12/0"), at(c, "a11"));
    ck_assert_ptr_ne(at(c, "a11"), at(r, "a11"));
    ck_assert_str_eq(str(at(c, "a12/1/0/1/0/0/0/0/0/0/0/0/0/1")), "q");
    ck_assert_int_eq(pledge_node_equal(c, r), 1);
    ck_assert_uint_lt(copy->arena.total, 4 * l.trees[0]->arena.total + 4096);

    /* a move consumes the source and shares the same way */
    pledge__arena_init(&arena, NULL);
    ck_assert_int_eq(pledge__node_move(&moved, &arena, (pledge_node *)r, NULL), 0);
    ck_assert_ptr_eq(at(moved, "a12/0"), at(moved, "a11"));
    ck_assert_ptr_eq(at(moved, "a5/1"), at(moved, "a4"));
    ck_assert_int_eq(pledge_node_equal(moved, c), 1);
    ck_assert_uint_lt(arena.total, 4 * l.trees[0]->arena.total + 4096);
    pledge__arena_free(&arena);
    pledge_tree_free(copy);
    unload(&l);
    pledge__buf_free(&text);
}
END_TEST

START_TEST(streams_have_one_tree_per_document)
{
    loaded l;
    load(&l, "");
    ck_assert_uint_eq(l.count, 0);
    ck_assert_int_eq(l.complete, 1);
    unload(&l);
    load(&l, "# only a comment\n\n");
    ck_assert_uint_eq(l.count, 0);
    unload(&l);
    load(&l, "---\n---\n...\n--- x\n--- !!str\n...\n");
    ck_assert_uint_eq(l.count, 4);
    ck_assert_int_eq(pledge_node_type_of(root(&l, 0)), PLEDGE_NODE_NULL);
    ck_assert_int_eq(pledge_node_type_of(root(&l, 1)), PLEDGE_NODE_NULL);
    ck_assert_str_eq(str(root(&l, 2)), "x");
    ck_assert_str_eq(str(root(&l, 3)), "");
    ck_assert_uint_eq(pledge_tree_index(l.trees[3]), 3);
    ck_assert_str_eq(pledge_tree_name(l.trees[3]), "t.yaml");
    ck_assert_int_eq(l.complete, 1);
    unload(&l);

    /* a syntax error ends the stream; the documents before it stay */
    load(&l, "a: 1\n---\nb: [2\n---\nc: 3\n");
    ck_assert_uint_eq(l.count, 2);
    ck_assert_str_eq(pledge_node_int_text(at(root(&l, 0), "a"), NULL), "1");
    ck_assert_ptr_null(root(&l, 1));
    ck_assert_int_eq(l.complete, 0);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.syntax");
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->document, 1);
    ck_assert(strstr(pledge_diag_list_at(l.diags, 0)->message, "the rest of the file was not read"));
    unload(&l);
}
END_TEST

/* ---- duplicate keys --------------------------------------------------------- */

START_TEST(duplicate_keys_keep_the_first_pair)
{
    loaded l;
    const pledge_node *r;
    const pledge_diag *d;
    load(&l, "a: 1\nb: 2\na: 3\n'b': 4\nc: {x: 1, x: 2}\n");
    r = root(&l, 0);
    ck_assert_uint_eq(pledge_node_size(r), 3);
    ck_assert_str_eq(pledge_node_int_text(at(r, "a"), NULL), "1");
    ck_assert_str_eq(pledge_node_int_text(at(r, "b"), NULL), "2");
    ck_assert_uint_eq(pledge_node_size(at(r, "c")), 1);
    ck_assert_uint_eq(count_code(l.diags, "yaml.duplicate-key"), 3);
    d = pledge_diag_list_at(l.diags, 0);
    ck_assert_uint_eq(d->line, 3);
    ck_assert_uint_eq(d->column, 1);
    ck_assert(strstr(d->message, "line 1"));
    ck_assert_str_eq(d->instance_path, "/a");
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 2)->instance_path, "/c/x");
    ck_assert_uint_eq(pledge_tree_error_count(l.trees[0]), 3);
    unload(&l);
}
END_TEST

/* A million keys, all of the same length and sharing a prefix, then a
 * repeat of an early one: the hash keeps it linear. */
START_TEST(million_keys_are_checked_in_linear_time)
{
    growbuf t = { 0 };
    loaded l;
    size_t i, n = getenv("PLEDGE_TEST_QUICK") ? 20000 : 1000000;
    double t0;
    char line[64];
    for (i = 0; i < n; i++) {
        snprintf(line, sizeof line, "key%07zu: %zu\n", i, i);
        add(&t, line);
    }
    add(&t, "key0000003: again\n");
    t0 = test_now();
    load_opts(&l, t.s, t.len, NULL);
    if (timing_checked())
        ck_assert_msg(test_now() - t0 < 60.0, "took %.1f s", test_now() - t0); /* quadratic: hours */
    ck_assert_uint_eq(pledge_node_size(root(&l, 0)), n);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->line, n + 1);
    unload(&l);
    free(t.s);
}
END_TEST

/* ---- limits ----------------------------------------------------------------- */

START_TEST(depth_limit_ends_the_stream)
{
    loaded l;
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    growbuf t = { 0 };
    size_t i;
    double t0;
    o.max_depth = 3;
    load_with(&l, "[[[1]]]\n---\n[[[[1]]]]\n---\nx: 1\n", &o);
    ck_assert_uint_eq(l.count, 2);
    ck_assert_ptr_nonnull(root(&l, 0));
    ck_assert_ptr_null(root(&l, 1));
    ck_assert_int_eq(l.complete, 0);
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->column, 4);
    unload(&l);

    /* depth counts aliases expanded */
    load_with(&l, "a: &a [[x]]\nb: *a\n", &o);
    ck_assert_ptr_nonnull(root(&l, 0));
    unload(&l);
    load_with(&l, "a: &a [[x]]\nb: [*a]\n", &o);
    ck_assert_ptr_null(root(&l, 0));
    ck_assert(strstr(pledge_diag_list_at(l.diags, 0)->message, "aliases"));
    unload(&l);

    /* 100,000 levels: refused at once, libyaml is not fed the rest */
    for (i = 0; i < 100000; i++)
        add(&t, "[");
    for (i = 0; i < 100000; i++)
        add(&t, "]");
    t0 = test_now();
    load_opts(&l, t.s, t.len, NULL);
    if (timing_checked())
        ck_assert_msg(test_now() - t0 < 2.0, "took %.2f s", test_now() - t0); /* quadratic: a minute */
    ck_assert_uint_eq(l.count, 1);
    ck_assert_ptr_null(root(&l, 0));
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->column, 257);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.limit");
    unload(&l);
    free(t.s);
}
END_TEST

/* Deep trees within a raised limit are built and walked without
 * recursion (a recursive walker would need ~100 MB of stack here only
 * under a sanitizer; the point is the code path, kept cheap for libyaml,
 * which slows quadratically on deep flow nesting). */
START_TEST(deep_trees_within_the_limit)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    growbuf t = { 0 };
    loaded l, m;
    const pledge_node *n;
    size_t i, depth = 3000;
    for (i = 0; i < depth; i++)
        add(&t, "- ");
    add(&t, "x\n");
    o.max_depth = depth;
    load_opts(&l, t.s, t.len, &o);
    load_opts(&m, t.s, t.len, &o);
    ck_assert_msg(pledge_diag_list_count(l.diags) == 0, "%s", test_diags_text(l.diags));
    ck_assert(pledge_node_equal(root(&l, 0), root(&m, 0)));
    for (n = root(&l, 0), i = 1; pledge_node_type_of(n) == PLEDGE_NODE_SEQUENCE; i++)
        n = pledge_node_item(n, 0);
    ck_assert_uint_eq(i, depth + 1);
    ck_assert_str_eq(str(n), "x");
    unload(&l);
    unload(&m);
    o.max_depth = depth - 1;
    load_opts(&l, t.s, t.len, &o);
    ck_assert_ptr_null(root(&l, 0));
    unload(&l);
    free(t.s);
}
END_TEST

/* Counts the bytes libpledge holds through the allocator hook. */
typedef struct byte_counter {
    pledge_allocator hook;
    size_t live, peak;
} byte_counter;

static void *bc_malloc(size_t size, void *ud)
{
    byte_counter *bc = ud;
    size_t *p = malloc(size + sizeof(max_align_t));
    if (!p)
        return NULL;
    *p = size;
    bc->live += size;
    if (bc->live > bc->peak)
        bc->peak = bc->live;
    return (char *)p + sizeof(max_align_t);
}

static void bc_free(void *ptr, void *ud)
{
    byte_counter *bc = ud;
    size_t *p;
    if (!ptr)
        return;
    p = (size_t *)(void *)((char *)ptr - sizeof(max_align_t));
    bc->live -= *p;
    free(p);
}

static void *bc_realloc(void *ptr, size_t size, void *ud)
{
    void *q;
    size_t old;
    if (!ptr)
        return bc_malloc(size, ud);
    old = *(size_t *)(void *)((char *)ptr - sizeof(max_align_t));
    q = bc_malloc(size, ud);
    if (!q)
        return NULL;
    memcpy(q, ptr, old < size ? old : size);
    bc_free(ptr, ud);
    return q;
}

START_TEST(alias_limit_refuses_one_document)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    loaded l;
    growbuf t = { 0 };
    const char *prev = "a";
    const char *names[] = { "b", "c", "d", "e", "f", "g", "h", "i" };
    byte_counter bc = { { bc_malloc, bc_realloc, bc_free, NULL }, 0, 0 };
    double t0;
    size_t i, k;

    o.max_alias_expansion = 10;
    load_with(&l, "a: &a [1, 2, 3]\nb: *a\nc: *a\n---\nd: 1\n", &o);
    ck_assert_uint_eq(l.count, 2);
    ck_assert_ptr_nonnull(root(&l, 0)); /* 4 + 4 nodes added: under 10 */
    unload(&l);
    load_with(&l, "a: &a [1, 2, 3]\nb: *a\nc: *a\nd: *a\n---\nd: 1\n", &o);
    ck_assert_uint_eq(l.count, 2);
    ck_assert_ptr_null(root(&l, 0));
    ck_assert_ptr_nonnull(root(&l, 1));
    ck_assert_int_eq(l.complete, 1);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.limit");
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->line, 4);
    unload(&l);
    /* the budget holds for the whole source too: 8 + 8 nodes in two
     * documents, each under 10, pass 10 in all; the second document is
     * refused, the third (no alias) is read */
    load_with(&l, "a: &a [1, 2, 3]\nb: *a\nc: *a\n---\na: &a [1, 2, 3]\nb: *a\nc: *a\n"
                  "---\nd: 1\n", &o);
    ck_assert_uint_eq(l.count, 3);
    ck_assert_ptr_nonnull(root(&l, 0));
    ck_assert_ptr_null(root(&l, 1));
    ck_assert_ptr_nonnull(root(&l, 2));
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.limit");
    ck_assert(strstr(pledge_diag_list_at(l.diags, 0)->message, "documents of this file") != NULL);
    unload(&l);

    /* billion laughs: 10^9 strings when expanded */
    add(&t, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (i = 0; i < 8; i++) {
        add(&t, names[i]);
        add(&t, ": &");
        add(&t, names[i]);
        add(&t, " [");
        for (k = 0; k < 10; k++) {
            add(&t, k ? ", *" : "*");
            add(&t, prev);
        }
        add(&t, "]\n");
        prev = names[i];
    }
    add(&t, "---\nnext: document\n");
    bc.hook.ud = &bc;
    o = (pledge_load_options)PLEDGE_LOAD_OPTIONS_INIT;
    o.allocator = &bc.hook;
    t0 = test_now();
    load_opts(&l, t.s, t.len, &o);
    if (timing_checked())
        ck_assert_msg(test_now() - t0 < 0.5, "took %.3f s", test_now() - t0); /* ~15 ms at -O0 */
    ck_assert_msg(bc.peak < 1000000, "peak %zu bytes", bc.peak);
    ck_assert_uint_eq(l.count, 2);
    ck_assert_ptr_null(root(&l, 0));
    ck_assert_str_eq(str(at(root(&l, 1), "next")), "document");
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 1);
    unload(&l);
    ck_assert_uint_eq(bc.live, 0);
    free(t.s);
}
END_TEST

START_TEST(million_alias_bomb)
{
    loaded l;
    growbuf t = { 0 };
    size_t i, n = getenv("PLEDGE_TEST_QUICK") ? 60000 : 1000000;
    double t0;
    add(&t, "a: &a [p, q]\nb: [");
    for (i = 0; i < n; i++)
        add(&t, "*a, ");
    add(&t, "*a]\n---\nc: ok\n");
    t0 = test_now();
    load_opts(&l, t.s, t.len, NULL);
    if (timing_checked())
        ck_assert_msg(test_now() - t0 < 20.0, "took %.2f s", test_now() - t0);
    ck_assert_uint_eq(l.count, 2);
    ck_assert_ptr_null(root(&l, 0));
    ck_assert_ptr_nonnull(root(&l, 1));
    /* each alias adds 3 nodes: the 33,334th passes 100,000 */
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->column, 5 + 4 * 33333);
    unload(&l);
    free(t.s);
}
END_TEST

START_TEST(size_limit_keeps_complete_documents)
{
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    loaded l;
    const char *s = "a: 1\n---\nb: 2\n---\nc: 3\n";
    o.max_file_bytes = 19;
    load_opts(&l, s, strlen(s), &o);
    ck_assert_uint_eq(l.count, 3);
    ck_assert_ptr_nonnull(root(&l, 1));
    ck_assert_ptr_null(root(&l, 2));
    ck_assert_int_eq(l.complete, 0);
    ck_assert_str_eq(pledge_diag_list_at(l.diags, 0)->code, "yaml.limit");
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->document, 2);
    ck_assert_uint_eq(pledge_diag_list_at(l.diags, 0)->offset, 19);
    unload(&l);
    o.max_file_bytes = strlen(s);
    load_opts(&l, s, strlen(s), &o);
    ck_assert_uint_eq(l.count, 3);
    ck_assert_int_eq(l.complete, 1);
    ck_assert_uint_eq(pledge_diag_list_count(l.diags), 0);
    unload(&l);
}
END_TEST

/* ---- memory ------------------------------------------------------------------- */

/* A pledge in the style of the real ones (prose dominates). */
static void realistic_document(growbuf *t)
{
    static const char *activities[] = {
        "Arbeta för en tryggare trafikmiljö genom hastighetskontroller vid skolor och "
        "längs de större vägarna, särskilt under höst och vinter.",
        "Bedriva ett systematiskt arbete med fysiska miljöer med fokus på trygghet och "
        "säkerhet vid ny-, om- och tillbyggnad, belysning och underhåll.",
        "Fördjupa samverkan med det lokala näringslivet för att identifiera åtgärder som "
        "ökar tryggheten och minskar brottsutsattheten.",
        "Arbeta med psykisk hälsa och suicidprevention genom koordinerade insatser med "
        "relevanta aktörer i kommunen och regionen.",
        "Samverka för att minska våld i nära relationer, mellan vuxna såväl som mot barn.",
        "Informera invånarna om brottsförebyggande och trygghetsskapande åtgärder i "
        "sociala medier, på biblioteken och vid medborgardialoger.",
    };
    char buf[1024];
    size_t theme, a;
    add(t, "# Medborgarlöfte för Ale kommun och lokalpolisområde Kungälv-Ale\n"
           "format: pledge/1\n"
           "id: ale-2024\n"
           "title: Ale – medborgarlöften\n"
           "language: sv\n"
           "status: active\n"
           "area:\n"
           "  municipality: Ale\n"
           "  municipality_code: \"1440\"\n"
           "  police_area: Kungälv-Ale\n"
           "  region: Västra Götaland\n"
           "agreement:\n"
           "  name: Trygg i Ale\n"
           "  url: https://www.ale.se/trygg-i-ale\n"
           "parties:\n"
           "  - id: ale-kommun\n"
           "    name: Ale kommun\n"
           "    kind: municipality\n"
           "    identifiers:\n"
           "      - {scheme: scb-kommunkod, value: \"1440\"}\n"
           "  - id: polisen\n"
           "    name: Lokalpolisområde Kungälv-Ale\n"
           "    kind: police\n"
           "period:\n"
           "  start: 2024\n"
           "  planned_years: 3\n"
           "  label: 2024 och tillsvidare\n"
           "focus: >-\n"
           "  Särskilt fokus på att samverka aktivare med vårt näringsliv i brottsförebyggande\n"
           "  syfte, psykiska måendet och suicidprevention, våld i nära relationer samt öka\n"
           "  tryggheten i trafiken, kollektivtrafiken och i lokalsamhället.\n"
           "summary: >-\n"
           "  Medborgarlöftet är ett åtagande som lokalpolisområdet och kommunen gör till\n"
           "  invånarna under en treårsperiod. Löftet innebär konkreta aktiviteter som\n"
           "  genomförs för att minska problem som har ett särskilt fokus i arbetet.\n"
           "situation:\n"
           "  description: >-\n"
           "    Den lokala lägesbilden bygger på dialoger med medborgare, medarbetare och\n"
           "    samverkanspartners, trygghetsmätningar samt polisens brottsstatistik.\n"
           "  sources:\n"
           "    - {kind: citizen_dialogue, id: dialog-2023, year: 2023}\n"
           "    - {kind: safety_survey, id: matning-2023, year: 2023}\n"
           "    - {kind: crime_statistics, id: statistik-2023, year: 2023}\n"
           "themes:\n");
    for (theme = 0; theme < 5; theme++) {
        snprintf(buf, sizeof buf,
                 "  - id: tema-%zu\n"
                 "    title: Samverkan för ökad trygghet, område %zu\n"
                 "    description: Aktiviteter som kommunen och polisen genomför tillsammans.\n"
                 "    activities:\n",
                 theme + 1, theme + 1);
        add(t, buf);
        for (a = 0; a < 4; a++) {
            snprintf(buf, sizeof buf,
                     "      - id: aktivitet-%zu-%zu\n"
                     "        text: %s\n"
                     "        responsible: [ale-kommun%s]\n",
                     theme + 1, a + 1, activities[(theme * 4 + a) % 6], a % 2 ? ", polisen" : "");
            add(t, buf);
            if (a == 3) {
                /* as in the real pledges, a measurable target now and then */
                snprintf(buf, sizeof buf,
                         "        recurrence: yearly\n"
                         "        target: {quantity: %zu, comparator: at_least, unit: "
                         "hastighetskontroller, per: year}\n",
                         10 + 5 * theme);
                add(t, buf);
            }
        }
    }
    add(t, "goals:\n"
           "  - id: trygghet\n"
           "    text: Ökad trygghet bland invånarna.\n"
           "    level: impact\n"
           "    indicators:\n"
           "      - id: trygghetsindex\n"
           "        text: Andel som känner sig trygga i sitt bostadsområde på kvällen\n"
           "        unit: percent\n"
           "        direction: increase\n"
           "        baseline: {value: 71.5, date: 2023-10-01}\n"
           "        target: {value: 75, date: 2026-10-01}\n"
           "  - id: fortroende\n"
           "    text: Ökat förtroende för polis och kommun hos invånarna.\n"
           "    level: outcome\n"
           "channels:\n"
           "  - {kind: web, url: \"https://polisen.se/medborgarloften\"}\n"
           "  - {kind: facebook, name: Polisen Kungälv och Ale, owner: polisen}\n"
           "  - {kind: web, url: \"https://www.ale.se\", owner: ale-kommun}\n"
           "contacts:\n"
           "  - party: polisen\n"
           "    name: Kommunpolis\n"
           "    note: Har du synpunkter, tips och idéer på hur vi tillsammans kan öka\n"
           "      tryggheten i Ale? Välkommen att höra av dig.\n"
           "    phone: \"010-565 44 56\"\n");
}

START_TEST(realistic_tree_costs_at_most_four_times_its_source)
{
    growbuf t = { 0 };
    loaded l;
    double ratio;
    realistic_document(&t);
    ck_assert_uint_ge(t.len, 7000);
    ck_assert_uint_le(t.len, 10000);
    load_opts(&l, t.s, t.len, NULL);
    ck_assert_msg(pledge_diag_list_count(l.diags) == 0, "%s", test_diags_text(l.diags));
    ratio = (double)pledge_tree_memory(l.trees[0]) / (double)t.len;
    ck_assert_msg(ratio <= 4.0, "%zu bytes of tree for %zu of source (%.2fx)",
                  pledge_tree_memory(l.trees[0]), t.len, ratio);
    ck_assert_int_eq(pledge_node_type_of(at(root(&l, 0), "themes/4/activities/3/target/quantity")),
                     PLEDGE_NODE_INT);
    unload(&l);
    free(t.s);
}
END_TEST

/* Fail the Nth allocation for every N over a multi-document text that
 * takes every allocating path: a clean PLEDGE_ENOMEM, no leak, and when
 * nothing failed, the same result as without failures. */
START_TEST(allocation_failure_at_every_point)
{
    growbuf t = { 0 };
    size_t n, i, want_docs = 0, want_diags = 0;
    char line[64];
    add(&t, "a: &x {k: [1, 2, 3]}\nb: *x\nc: 123456789012345678901234567890\n"
            "d: 1.000000000000000000000000000000000000000000000000000000000000000000000000"
            "000000000000000000000000000000000000000000000000000000000000000000000000000001\n"
            "e: no\nf: \"x\xE2\x80\xA8y\"\ng: 0x1F\nh: !!int \"0o17\"\na: dup\n<<: m\n[1]: c\n"
            "i: *none\nj: !foo 1\n");
    add(&t, "---\nbig:\n");
    for (i = 0; i < 40; i++) {
        snprintf(line, sizeof line, "  k%zu: &a%zu v%zu\n", i, i, i);
        add(&t, line);
    }
    add(&t, "  k3: again\n---\n[[1], *y]\n---\nlast: [1, 2\n");
    for (n = 0;; n++) {
        test_alloc ta;
        pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
        pledge_diag_list *diags = NULL;
        pledge_reader *r = NULL;
        pledge_tree *tree;
        size_t docs = 0;
        int rc, failed_rc = 0;
        test_alloc_init(&ta, n);
        o.allocator = &ta.hook;
        rc = pledge_diag_list_new(&diags, &ta.hook);
        if (!rc)
            rc = pledge_reader_open_buffer(&r, "t.yaml", t.s, t.len, &o, diags);
        while (!rc) {
            rc = pledge_reader_next(r, &tree, NULL);
            if (rc || !tree)
                break;
            docs++;
            pledge_tree_free(tree);
        }
        if (rc) {
            ck_assert_int_eq(rc, PLEDGE_ENOMEM);
            failed_rc = 1;
            if (r) {
                /* after a failure the reader only gives the end */
                ck_assert_int_eq(pledge_reader_next(r, &tree, NULL), 0);
                ck_assert_ptr_null(tree);
                ck_assert_int_eq(pledge_reader_complete(r), 0);
            }
        }
        pledge_reader_free(r);
        if (n == 0) {
            want_docs = docs;
            want_diags = pledge_diag_list_count(diags);
            ck_assert_uint_eq(want_docs, 4);
            ck_assert_uint_ge(want_diags, 10);
        }
        if (!ta.failed) {
            ck_assert_int_eq(failed_rc, 0);
            ck_assert_uint_eq(docs, want_docs);
            ck_assert_uint_eq(pledge_diag_list_count(diags), want_diags);
        } else {
            ck_assert_msg(failed_rc || pledge_diag_list_count(diags) < want_diags ||
                              docs < want_docs,
                          "allocation %zu failed unnoticed", n);
        }
        pledge_diag_list_free(diags);
        ck_assert_msg(ta.live == 0, "allocation %zu: %zu blocks leaked", n, ta.live);
        if (n > 0 && !ta.failed)
            break;
    }
    ck_assert_uint_gt(n, 20);
    free(t.s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("yaml");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, core_schema_plain_types);
    tcase_add_test(tc, core_schema_values);
    tcase_add_test(tc, big_integers_linear_and_exact);
    tcase_add_test(tc, floats_exact_in_any_locale);
    tcase_add_test(tc, yaml11_readings);
    tcase_add_test(tc, yaml11_marks_and_warnings);
    tcase_add_test(tc, quoted_and_block_scalars_are_strings);
    tcase_add_test(tc, explicit_tags);
    tcase_add_test(tc, keys_are_strings_with_their_own_positions);
    tcase_add_test(tc, positions_count_code_points_and_bytes);
    tcase_add_test(tc, unicode_line_breaks_warn_per_document);
    tcase_add_test(tc, float_underflow_warns);
    tcase_add_test(tc, aliases_share_nodes);
    tcase_add_test(tc, copies_share_aliased_nodes_and_stay_linear);
    tcase_add_test(tc, streams_have_one_tree_per_document);
    tcase_add_test(tc, duplicate_keys_keep_the_first_pair);
    tcase_add_test(tc, million_keys_are_checked_in_linear_time);
    tcase_add_test(tc, depth_limit_ends_the_stream);
    tcase_add_test(tc, deep_trees_within_the_limit);
    tcase_add_test(tc, alias_limit_refuses_one_document);
    tcase_add_test(tc, million_alias_bomb);
    tcase_add_test(tc, size_limit_keeps_complete_documents);
    tcase_add_test(tc, realistic_tree_costs_at_most_four_times_its_source);
    tcase_add_test(tc, allocation_failure_at_every_point);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
