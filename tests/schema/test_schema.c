/* SPDX-License-Identifier: MIT */
/* Unit tests of the JSON Schema validator: messages, positions, paths,
 * best match, the YAML 1.1 trap, invalid schemas, references (files,
 * ref_dirs, the resolver hook), threads and allocation failures. */
#include "testutil.h"
#include "core/buf.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers --------------------------------------------------------- */

static pledge_schema *compile_ok(const char *name, const char *text,
                                 const pledge_schema_options *opts)
{
    pledge_diag_list *d = NULL;
    pledge_schema *s = NULL;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_schema_compile_buffer(&s, name, text, strlen(text), opts, d);
    if (rc) {
        char *t = test_diags_text(d);
        ck_abort_msg("compile failed (%s):\n%s", pledge_strerror(rc), t);
    }
    pledge_diag_list_free(d);
    return s;
}

/* Compile @p text expecting failure; the diagnostics stay in *out. */
static int compile_fail(const char *name, const char *text, const pledge_schema_options *opts,
                        pledge_diag_list **out)
{
    pledge_schema *s = NULL;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(out, NULL), 0);
    rc = pledge_schema_compile_buffer(&s, name, text, strlen(text), opts, *out);
    ck_assert_msg(rc != 0, "the schema compiled but should not have");
    ck_assert_ptr_null(s);
    return rc;
}

/* Validate @p doc (YAML unless @p name ends in .json) and return the
 * diagnostics of validation only (reading warnings dropped). */
static pledge_diag_list *check(const pledge_schema *s, const char *name, const char *doc,
                               unsigned int flags, int *rc_out)
{
    pledge_diag_list *rd = NULL, *d = NULL;
    pledge_tree *t = NULL;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&rd, NULL), 0);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_tree_parse(&t, name, doc, strlen(doc), NULL, rd);
    ck_assert_msg(rc == 0, "cannot parse the test document");
    rc = pledge_schema_validate(s, pledge_tree_root(t), name, 0, flags, d);
    if (rc_out)
        *rc_out = rc;
    pledge_tree_free(t);
    pledge_diag_list_free(rd);
    return d;
}

static const pledge_diag *only(const pledge_diag_list *d)
{
    if (pledge_diag_list_count(d) != 1) {
        char *t = test_diags_text(d);
        ck_abort_msg("expected one diagnostic, got %zu:\n%s", pledge_diag_list_count(d), t);
    }
    return pledge_diag_list_at(d, 0);
}

static int valid(const pledge_schema *s, const char *doc)
{
    int rc;
    pledge_diag_list *d = check(s, "doc.json", doc, 0, &rc);
    ck_assert(rc == 0 || rc == PLEDGE_EINVALID);
    ck_assert_int_eq(rc == 0, pledge_diag_list_count(d) == 0);
    pledge_diag_list_free(d);
    return rc == 0;
}

/* ---- messages, positions, paths -------------------------------------- */

static const char *pledge_schema_text =
    "{\n"
    "  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
    "  \"type\": \"object\",\n"
    "  \"required\": [\"title\", \"responsible\", \"themes\"],\n"
    "  \"properties\": {\n"
    "    \"title\": {\"type\": \"string\", \"minLength\": 3},\n"
    "    \"responsible\": {\"type\": \"string\"},\n"
    "    \"year\": {\"type\": \"integer\", \"minimum\": 2000, \"maximum\": 2100},\n"
    "    \"score\": {\"type\": \"integer\", \"maximum\": 100},\n"
    "    \"published\": {\"type\": \"boolean\"},\n"
    "    \"themes\": {\"type\": \"array\", \"minItems\": 1,\n"
    "                \"items\": {\"$ref\": \"#/$defs/theme\"}}\n"
    "  },\n"
    "  \"additionalProperties\": false,\n"
    "  \"$defs\": {\n"
    "    \"theme\": {\"type\": \"object\", \"required\": [\"name\", \"activities\"],\n"
    "              \"properties\": {\"name\": {\"type\": \"string\"},\n"
    "                             \"activities\": {\"type\": \"array\",\n"
    "                                \"items\": {\"$ref\": \"#/$defs/activity\"}}}},\n"
    "    \"activity\": {\"type\": \"object\", \"required\": [\"what\"],\n"
    "                 \"properties\": {\"what\": {\"type\": \"string\"},\n"
    "                                \"when\": {\"type\": \"string\", \"format\": \"date\"},\n"
    "                                \"tag\": {\"enum\": [\"a\", \"b\"]}},\n"
    "                 \"unevaluatedProperties\": false}\n"
    "  }\n"
    "}\n";

START_TEST(test_required_message_and_position)
{
    pledge_schema *s = compile_ok("pledge.json", pledge_schema_text, NULL);
    int rc;
    pledge_diag_list *d = check(s, "a.yaml",
                                "title: Trygg i Ale\n"
                                "themes:\n"
                                "  - name: Trafik\n"
                                "    activities:\n"
                                "      - what: Kontroller\n"
                                "      - when: '2024-01-01'\n",
                                0, &rc);
    const pledge_diag *x;
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_diag_list_count(d), 2);
    pledge_diag_list_sort(d, 0); /* reading order, as the CLI prints them */
    x = pledge_diag_list_at(d, 0);
    ck_assert_str_eq(x->code, "required");
    ck_assert_str_eq(x->message, "missing required property \"responsible\"");
    ck_assert_int_eq(x->line, 1); /* the mapping */
    ck_assert_int_eq(x->column, 1);
    ck_assert_str_eq(x->instance_path, "");
    ck_assert_str_eq(x->schema_path, "/required");
    ck_assert_str_eq(x->file, "a.yaml");
    x = pledge_diag_list_at(d, 1);
    ck_assert_str_eq(x->code, "required");
    ck_assert_str_eq(x->message, "missing required property \"what\"");
    ck_assert_str_eq(x->instance_path, "/themes/0/activities/1");
    ck_assert_str_eq(x->schema_path,
                     "/properties/themes/items/$ref/properties/activities/items/$ref/required");
    ck_assert_int_eq(x->line, 6);
    ck_assert_int_eq(x->column, 9);
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_value_messages)
{
    pledge_schema *s = compile_ok("pledge.json", pledge_schema_text, NULL);
    int rc;
    const pledge_diag *x;
    pledge_diag_list *d = check(s, "a.yaml",
                                "title: Trygg\n"
                                "responsible: Ale\n"
                                "score: 140\n"
                                "themes: [{name: T, activities: []}]\n",
                                0, &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "maximum");
    ck_assert_str_eq(x->message, "value 140 is above the maximum of 100");
    ck_assert_int_eq(x->line, 3);
    ck_assert_int_eq(x->column, 8);
    ck_assert_str_eq(x->instance_path, "/score");
    ck_assert_str_eq(x->schema_path, "/properties/score/maximum");
    pledge_diag_list_free(d);

    d = check(s, "a.yaml",
              "title: Trygg\nresponsible: Ale\nyear: \"2024\"\nthemes: [{name: T, activities: []}]\n",
              0, &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "type");
    ck_assert_str_eq(x->message, "expected integer, got string \"2024\"");
    pledge_diag_list_free(d);

    d = check(s, "a.yaml",
              "title: Tr\nresponsible: Ale\nthemes: [{name: T, activities: [{what: x, tag: c}]}]\n",
              0, &rc);
    ck_assert_int_eq(pledge_diag_list_count(d), 2);
    x = pledge_diag_list_at(d, 0);
    ck_assert_str_eq(x->code, "minLength");
    ck_assert_str_eq(x->message, "the text is 2 characters long, shorter than the minimum of 3");
    x = pledge_diag_list_at(d, 1);
    ck_assert_str_eq(x->code, "enum");
    ck_assert_str_eq(x->message, "\"c\" is not one of the allowed values: \"a\", \"b\"");
    ck_assert_str_eq(x->instance_path, "/themes/0/activities/0/tag");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_unexpected_property_points_at_key)
{
    pledge_schema *s = compile_ok("pledge.json", pledge_schema_text, NULL);
    int rc;
    const pledge_diag *x;
    pledge_diag_list *d = check(s, "a.yaml",
                                "title: Trygg\n"
                                "respnsible: Ale\n"
                                "responsible: Ale\n"
                                "themes:\n"
                                "  - name: T\n"
                                "    activities:\n"
                                "      - what: x\n"
                                "        wehn: '2024-01-01'\n",
                                0, &rc);
    ck_assert_int_eq(pledge_diag_list_count(d), 2);
    x = pledge_diag_list_at(d, 0);
    ck_assert_str_eq(x->code, "additionalProperties");
    ck_assert_str_eq(x->message, "unexpected property \"respnsible\" (did you mean \"responsible\"?)");
    ck_assert_int_eq(x->line, 2);
    ck_assert_int_eq(x->column, 1);
    ck_assert_str_eq(x->instance_path, "/respnsible");
    x = pledge_diag_list_at(d, 1);
    ck_assert_str_eq(x->code, "unevaluatedProperties");
    ck_assert_str_eq(x->message, "unexpected property \"wehn\" (did you mean \"when\"?)");
    ck_assert_int_eq(x->line, 8);
    ck_assert_int_eq(x->column, 9);
    ck_assert_str_eq(x->instance_path, "/themes/0/activities/0/wehn");
    pledge_diag_list_free(d);

    /* far from every declared name: no suggestion */
    d = check(s, "a.json", "{\"title\": \"Trygg\", \"responsible\": \"A\", \"themes\": "
                           "[{\"name\": \"T\", \"activities\": []}], \"zzzzzz\": 1}", 0, &rc);
    x = only(d);
    ck_assert_str_eq(x->message, "unexpected property \"zzzzzz\"");
    ck_assert_int_eq(x->line, 1);
    ck_assert_int_eq(x->column, 85);
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

/* Names of the object keywords: a schema with a few is searched in turn,
 * one with many through the schema's names table; both find properties,
 * required and dependentRequired names alike, and names that differ only
 * after a NUL or in length stay distinct. */
START_TEST(test_property_names_few_and_many)
{
    pledge_buf b;
    pledge_schema *s;
    pledge_diag_list *d;
    int i, rc;
    pledge__buf_init(&b, NULL);
    pledge__buf_puts(&b, "{\"type\": \"object\", \"additionalProperties\": false, "
                         "\"properties\": {\"a\\u0000x\": {\"type\": \"string\"}, "
                         "\"a\": {\"type\": \"integer\"}");
    for (i = 0; i < 40; i++)
        pledge__buf_printf(&b, ", \"p%d\": {\"type\": \"integer\", \"minimum\": %d}", i, i);
    pledge__buf_puts(&b, "}, \"required\": [\"p39\", \"p0\"], "
                         "\"dependentRequired\": {\"p7\": [\"a\", \"p8\"]}}");
    ck_assert(!b.failed);
    s = compile_ok("many.json", b.data, NULL);
    ck_assert(valid(s, "{\"p0\": 0, \"p39\": 39, \"a\": 1, \"a\\u0000x\": \"s\"}"));
    d = check(s, "doc.json", "{\"p0\": 0, \"p39\": 38}", 0, &rc);
    ck_assert_str_eq(only(d)->instance_path, "/p39");
    ck_assert_str_eq(only(d)->code, "minimum");
    pledge_diag_list_free(d);
    d = check(s, "doc.json", "{\"p0\": 0, \"p39\": 39, \"a\\u0000y\": 1}", 0, &rc);
    ck_assert_str_eq(only(d)->code, "additionalProperties");
    pledge_diag_list_free(d);
    d = check(s, "doc.json", "{\"p0\": 0, \"p39\": 39, \"a\": \"s\", \"aa\": 1}", 0, &rc);
    ck_assert_uint_eq(pledge_diag_list_count(d), 2);
    pledge_diag_list_free(d);
    ck_assert(!valid(s, "{\"p0\": 0}"));                          /* required */
    ck_assert(!valid(s, "{\"p0\": 0, \"p39\": 39, \"p7\": 7}"));   /* dependentRequired */
    ck_assert(valid(s, "{\"p0\": 0, \"p39\": 39, \"p7\": 7, \"p8\": 8, \"a\": 0}"));
    pledge_schema_free(s);
    pledge__buf_free(&b);

    s = compile_ok("few.json", "{\"properties\": {\"q\": {\"const\": 1}, \"qq\": false}, "
                               "\"required\": [\"r\", \"q\"]}", NULL);
    ck_assert(valid(s, "{\"q\": 1, \"r\": 0, \"x\": 2}"));
    ck_assert(!valid(s, "{\"q\": 2, \"r\": 0}"));
    ck_assert(!valid(s, "{\"q\": 1, \"r\": 0, \"qq\": 0}"));
    ck_assert(!valid(s, "{\"q\": 1}"));
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_pointer_escaping)
{
    pledge_schema *s = compile_ok("s.json",
        "{\"properties\": {\"a/b\": {\"properties\": {\"c~d\": {\"type\": \"string\"}}}}}", NULL);
    int rc;
    pledge_diag_list *d = check(s, "a.json", "{\"a/b\": {\"c~d\": 5}}", 0, &rc);
    const pledge_diag *x = only(d);
    ck_assert_str_eq(x->instance_path, "/a~1b/c~0d");
    ck_assert_str_eq(x->schema_path, "/properties/a~1b/properties/c~0d/type");
    ck_assert_str_eq(x->message, "expected string, got integer 5");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_yaml11_trap_message)
{
    pledge_schema *s = compile_ok("pledge.json", pledge_schema_text, NULL);
    int rc;
    const pledge_diag *x;
    pledge_diag_list *d = check(s, "a.yaml",
                                "title: Trygg\nresponsible: Ale\npublished: no\n"
                                "themes: [{name: T, activities: []}]\n",
                                0, &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "type");
    ck_assert_str_eq(x->message,
                     "\"no\" is a string in YAML 1.2; YAML 1.1 read it as false — quote it "
                     "or use false");
    ck_assert_int_eq(x->line, 3);
    ck_assert_int_eq(x->column, 12);
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

/* ---- best match ------------------------------------------------------- */

static const char *branches_schema =
    "{\"properties\": {\"contact\": {\"anyOf\": [\n"
    "   {\"type\": \"string\"},\n"
    "   {\"type\": \"object\", \"required\": [\"email\"],\n"
    "    \"properties\": {\"email\": {\"type\": \"string\"},\n"
    "                   \"phone\": {\"type\": \"object\", \"required\": [\"number\"]}}},\n"
    "   {\"type\": \"array\"}]}}}";

START_TEST(test_best_match)
{
    pledge_schema *s = compile_ok("s.json", branches_schema, NULL);
    int rc;
    const pledge_diag *x;
    pledge_diag_list *d = check(s, "a.json", "{\"contact\": {\"email\": \"x\", \"phone\": {}}}", 0,
                                &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "required");
    ck_assert_str_eq(x->message,
                     "missing required property \"number\" (2 other anyOf branches failed too)");
    ck_assert_str_eq(x->instance_path, "/contact/phone");
    ck_assert_str_eq(x->schema_path, "/properties/contact/anyOf/1/properties/phone/required");
    ck_assert_int_eq(x->column, 37);
    pledge_diag_list_free(d);

    /* a type failure loses against a branch that looked inside */
    d = check(s, "a.json", "{\"contact\": {}}", 0, &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "required");
    ck_assert_str_eq(x->message,
                     "missing required property \"email\" (2 other anyOf branches failed too)");
    pledge_diag_list_free(d);

    /* a scalar no branch wants: the first type error */
    d = check(s, "a.json", "{\"contact\": 5}", 0, &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "type");
    ck_assert_str_eq(x->message, "expected string, got integer 5 (2 other anyOf branches failed too)");
    pledge_diag_list_free(d);

    /* every branch on request */
    d = check(s, "a.json", "{\"contact\": 5}", PLEDGE_VALIDATE_ALL_BRANCHES, &rc);
    ck_assert_int_eq(pledge_diag_list_count(d), 3);
    ck_assert_str_eq(pledge_diag_list_at(d, 2)->message,
                     "expected array, got integer 5 (anyOf branch 2 of 3)");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_one_of_several)
{
    pledge_schema *s = compile_ok("s.json",
        "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 2}, {\"maximum\": 0}]}", NULL);
    int rc;
    pledge_diag_list *d = check(s, "a.json", "5", 0, &rc);
    const pledge_diag *x = only(d);
    ck_assert_str_eq(x->code, "oneOf");
    ck_assert_str_eq(x->message,
                     "the value matches 2 of the oneOf branches (0, 1), but must match exactly one");
    pledge_diag_list_free(d);
    ck_assert(valid(s, "1.5") == 0);
    ck_assert(valid(s, "-0.5"));
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_nested_any_of_is_not_exponential)
{
    /* 20 levels of anyOf with two failing branches each: collecting the
     * errors must not walk 2^20 paths */
    char buf[16384];
    size_t i, n = 0;
    pledge_schema *s;
    pledge_diag_list *d;
    int rc;
    for (i = 0; i < 20; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n,
                              "{\"anyOf\": [{\"type\": \"string\"}, {\"minimum\": 5}, ");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "{\"type\": \"boolean\"}");
    for (i = 0; i < 20; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "]}");
    s = compile_ok("s.json", buf, NULL);
    d = check(s, "a.json", "1", 0, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_int_ge(pledge_diag_list_count(d), 1);
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

/* ---- numbers and strings ---------------------------------------------- */

START_TEST(test_numbers)
{
    pledge_schema *s = compile_ok("s.json", "{\"type\": \"integer\", \"multipleOf\": 1}", NULL);
    ck_assert(valid(s, "1.0"));
    ck_assert(valid(s, "123456789012345678901234567890"));
    ck_assert(!valid(s, "1.5"));
    pledge_schema_free(s);
    s = compile_ok("s.json", "{\"multipleOf\": 0.01}", NULL);
    ck_assert(valid(s, "0.07"));
    ck_assert(valid(s, "19.99"));
    ck_assert(!valid(s, "0.075"));
    pledge_schema_free(s);
    s = compile_ok("s.json", "{\"maximum\": 18446744073709551615}", NULL);
    ck_assert(valid(s, "18446744073709551615"));
    ck_assert(!valid(s, "18446744073709551616"));
    ck_assert(valid(s, "1e19"));
    ck_assert(!valid(s, "1e20"));
    pledge_schema_free(s);
    s = compile_ok("s.json", "{\"const\": 1}", NULL);
    ck_assert(valid(s, "1.0"));
    pledge_schema_free(s);
    s = compile_ok("s.json", "{\"uniqueItems\": true}", NULL);
    ck_assert(valid(s, "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                       "25,26,{\"a\":1,\"b\":[1]},{\"b\":[1.5],\"a\":1}]"));
    ck_assert(!valid(s, "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                        "25,26,{\"a\":1,\"b\":[1]},{\"b\":[1.0],\"a\":1}]"));
    ck_assert(!valid(s, "[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,"
                        "25,26,27.0,27]"));
    pledge_schema_free(s);
    s = compile_ok("s.json", "{\"maxLength\": 3}", NULL);
    ck_assert(valid(s, "\"åäö\""));
    ck_assert(!valid(s, "\"åäöx\""));
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_format_assertion)
{
    pledge_schema_options o = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_schema *s = compile_ok("s.json", "{\"format\": \"date\"}", NULL);
    int rc;
    pledge_diag_list *d;
    const pledge_diag *x;
    ck_assert(valid(s, "\"2024-13-01\"")); /* an annotation by default */
    pledge_schema_free(s);
    o.flags = PLEDGE_SCHEMA_ASSERT_FORMATS;
    s = compile_ok("s.json", "{\"format\": \"date\", \"properties\": "
                             "{\"x\": {\"format\": \"no-such-format\"}}}", &o);
    ck_assert(valid(s, "\"2024-12-01\""));
    ck_assert(valid(s, "{\"x\": \"anything\"}"));
    d = check(s, "a.json", "\"2024-13-01\"", 0, &rc);
    x = only(d);
    ck_assert_str_eq(x->code, "format");
    ck_assert_str_eq(x->message, "\"2024-13-01\" is not a valid date");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

/* ---- invalid schemas --------------------------------------------------- */

START_TEST(test_invalid_schema_positions)
{
    pledge_diag_list *d;
    const pledge_diag *x;
    ck_assert_int_eq(compile_fail("bad.json",
                                  "{\n  \"properties\": {\n    \"a\": {\"minLength\": -1}\n  }\n}",
                                  NULL, &d),
                     PLEDGE_EINVALID);
    x = only(d);
    ck_assert_str_eq(x->code, "schema.invalid");
    ck_assert_str_eq(x->file, "bad.json");
    ck_assert_int_eq(x->line, 3);
    ck_assert_int_eq(x->column, 11); /* the keyword */
    ck_assert_str_eq(x->instance_path, "/properties/a/minLength");
    ck_assert_str_eq(x->message, "invalid schema: value -1 is below the minimum of 0");
    pledge_diag_list_free(d);

    compile_fail("bad.yaml", "type: object\nproperties:\n  a:\n    pattern: '(unclosed'\n", NULL,
                 &d);
    x = only(d);
    ck_assert_str_eq(x->code, "schema.invalid");
    ck_assert_int_eq(x->line, 4);
    ck_assert_msg(strstr(x->message, "invalid regular expression \"(unclosed\"") != NULL, "%s",
                  x->message);
    pledge_diag_list_free(d);

    compile_fail("bad.json", "{\"items\": {\"$ref\": \"#/$defs/nope\"}}", NULL, &d);
    x = only(d);
    ck_assert_str_eq(x->code, "schema.invalid");
    ck_assert_int_eq(x->column, 12); /* the "$ref" keyword */
    ck_assert_str_eq(x->instance_path, "/items/$ref");
    pledge_diag_list_free(d);

    compile_fail("bad.json", "{\"$ref\": \"https://example.org/remote.json\"}", NULL, &d);
    x = only(d);
    ck_assert_str_eq(x->code, "schema.invalid");
    ck_assert_msg(strstr(x->message, "never uses the network") != NULL, "%s", x->message);
    pledge_diag_list_free(d);

    /* unchecked against the metaschema, the compiler still refuses it */
    {
        pledge_schema_options o = PLEDGE_SCHEMA_OPTIONS_INIT;
        o.flags = PLEDGE_SCHEMA_NO_METASCHEMA;
        compile_fail("bad.json", "{\"minLength\": \"x\"}", &o, &d);
        x = only(d);
        ck_assert_str_eq(x->code, "schema.invalid");
        pledge_diag_list_free(d);
    }
}
END_TEST

START_TEST(test_ref_cycle)
{
    pledge_schema *s = compile_ok("s.json",
        "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}},"
        " \"$ref\": \"#/$defs/a\"}", NULL);
    int rc;
    pledge_diag_list *d = check(s, "a.json", "1", 0, &rc);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    ck_assert_str_eq(only(d)->code, "$ref");
    pledge_diag_list_free(d);
    pledge_schema_free(s);
    /* recursion through the data is fine */
    s = compile_ok("s.json", "{\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}", NULL);
    ck_assert(valid(s, "[[[[]]], []]"));
    ck_assert(!valid(s, "[[[[1]]], []]"));
    pledge_schema_free(s);
}
END_TEST

START_TEST(test_metaschema_ref)
{
    pledge_schema *s = compile_ok("s.json",
        "{\"$ref\": \"https://json-schema.org/draft/2020-12/schema\"}", NULL);
    ck_assert(valid(s, "{\"type\": \"string\"}"));
    ck_assert(!valid(s, "{\"type\": \"strin\"}"));
    ck_assert(!valid(s, "{\"minLength\": -1}"));
    pledge_schema_free(s);
}
END_TEST

/* ---- references to files, ref_dirs, the resolver ----------------------- */

static char tmpdir[256];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void make_tree(void)
{
    char path[512];
    strcpy(tmpdir, "/tmp/pledge-schema-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    snprintf(path, sizeof path, "%s/inner", tmpdir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/lib", tmpdir);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    write_file("outside.json", "{\"type\": \"string\"}");
    write_file("inner/main.json", "{\"properties\": {\"a\": {\"$ref\": \"defs.yaml#/$defs/n\"}}}");
    write_file("inner/defs.yaml", "$defs:\n  n: {type: integer, maximum: 10}\n");
    write_file("inner/escape.json", "{\"$ref\": \"../outside.json\"}");
    write_file("inner/ided.json",
               "{\"$id\": \"https://example.org/s/a.json\", \"$ref\": \"b.json\"}");
    write_file("lib/b.json", "{\"type\": \"boolean\"}");
}

static void remove_tree(void)
{
    const char *files[] = { "outside.json", "inner/main.json", "inner/defs.yaml",
                            "inner/escape.json", "inner/ided.json", "lib/b.json", NULL };
    char path[512];
    size_t i;
    for (i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/inner", tmpdir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/lib", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
}

START_TEST(test_file_refs)
{
    char path[512];
    pledge_schema *s = NULL;
    pledge_diag_list *d = NULL;
    const pledge_diag *x;
    int rc;
    make_tree();
    pledge_diag_list_new(&d, NULL);
    snprintf(path, sizeof path, "%s/inner/main.json", tmpdir);
    rc = pledge_schema_compile_file(&s, path, NULL, d);
    ck_assert_msg(rc == 0, "%s", test_diags_text(d));
    ck_assert(valid(s, "{\"a\": 5}"));
    ck_assert(!valid(s, "{\"a\": 50}"));
    pledge_schema_free(s);

    /* a reference out of the schema's folder is refused */
    pledge_diag_list_clear(d);
    snprintf(path, sizeof path, "%s/inner/escape.json", tmpdir);
    rc = pledge_schema_compile_file(&s, path, NULL, d);
    ck_assert_int_eq(rc, PLEDGE_EINVALID);
    x = only(d);
    ck_assert_str_eq(x->code, "schema.invalid");
    ck_assert_msg(strstr(x->message, "outside the schema's folder") != NULL, "%s", x->message);
    ck_assert_int_eq(x->column, 2);

    /* ref_dirs serve a URI prefix from a folder */
    {
        pledge_schema_options o = PLEDGE_SCHEMA_OPTIONS_INIT;
        pledge_ref_dir rd;
        char lib[512];
        snprintf(lib, sizeof lib, "%s/lib", tmpdir);
        rd.uri_prefix = "https://example.org/s/";
        rd.directory = lib;
        pledge_diag_list_clear(d);
        snprintf(path, sizeof path, "%s/inner/ided.json", tmpdir);
        rc = pledge_schema_compile_file(&s, path, NULL, d);
        ck_assert_int_eq(rc, PLEDGE_EINVALID); /* no mapping: no network */
        o.ref_dirs = &rd;
        o.ref_dir_count = 1;
        pledge_diag_list_clear(d);
        rc = pledge_schema_compile_file(&s, path, &o, d);
        ck_assert_msg(rc == 0, "%s", test_diags_text(d));
        ck_assert(valid(s, "true"));
        ck_assert(!valid(s, "1"));
        pledge_schema_free(s);
    }
    pledge_diag_list_free(d);
    remove_tree();
}
END_TEST

START_TEST(test_validate_file)
{
    char path[512];
    pledge_schema *s = compile_ok("s.json", "{\"type\": \"object\", \"required\": [\"a\"]}", NULL);
    pledge_diag_list *d = NULL;
    const pledge_diag *x;
    make_tree();
    write_file("inner/docs.yaml", "a: 1\n---\nb: 2\n");
    snprintf(path, sizeof path, "%s/inner/docs.yaml", tmpdir);
    pledge_diag_list_new(&d, NULL);
    ck_assert_int_eq(pledge_schema_validate_file(s, path, NULL, 0, d), PLEDGE_EINVALID);
    x = only(d);
    ck_assert_str_eq(x->code, "required");
    ck_assert_int_eq(x->document, 1);
    ck_assert_int_eq(x->line, 3);
    ck_assert_str_eq(x->file, path);
    unlink(path);
    remove_tree();
    pledge_diag_list_free(d);
    pledge_schema_free(s);
}
END_TEST

static int resolver_calls;

static int resolver(pledge_tree **out, const char *uri, void *ud)
{
    const char *text = "{\"type\": \"string\", \"maxLength\": 2}";
    (void)ud;
    resolver_calls++;
    if (strcmp(uri, "urn:test:short-string") != 0)
        return PLEDGE_ENOTFOUND;
    return pledge_tree_parse(out, "short.json", text, strlen(text), NULL, NULL);
}

START_TEST(test_resolver_hook)
{
    pledge_schema_options o = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_schema *s;
    pledge_diag_list *d;
    o.resolve = resolver;
    resolver_calls = 0;
    s = compile_ok("s.json", "{\"items\": {\"$ref\": \"urn:test:short-string\"}}", &o);
    ck_assert_int_eq(resolver_calls, 1);
    ck_assert(valid(s, "[\"ab\"]"));
    ck_assert(!valid(s, "[\"abc\"]"));
    pledge_schema_free(s);
    compile_fail("s.json", "{\"$ref\": \"urn:test:other\"}", &o, &d);
    ck_assert_str_eq(only(d)->code, "schema.invalid");
    pledge_diag_list_free(d);
}
END_TEST

/* ---- threads ------------------------------------------------------------ */

typedef struct thread_job {
    const pledge_schema *schema;
    pledge_tree *good, *bad;
    int failures;
} thread_job;

static void *validate_many(void *arg)
{
    thread_job *j = arg;
    int i;
    for (i = 0; i < 300; i++) {
        pledge_diag_list *d = NULL;
        if (pledge_diag_list_new(&d, NULL))
            return NULL;
        if (pledge_schema_validate(j->schema, pledge_tree_root(j->good), "g", 0, 0, d) != 0)
            j->failures++;
        if (pledge_schema_validate(j->schema, pledge_tree_root(j->bad), "b", 0, 0, d) !=
                PLEDGE_EINVALID ||
            pledge_diag_list_count(d) != 2)
            j->failures++;
        pledge_diag_list_free(d);
    }
    return NULL;
}

START_TEST(test_two_threads)
{
    pledge_schema *s = compile_ok("pledge.json", pledge_schema_text, NULL);
    const char *good = "{\"title\": \"Trygg\", \"responsible\": \"A\", \"themes\": "
                       "[{\"name\": \"T\", \"activities\": [{\"what\": \"x\"}]}]}";
    const char *bad = "{\"title\": \"Trygg\", \"themes\": "
                      "[{\"name\": \"T\", \"activities\": [{\"what\": 1}]}]}";
    thread_job jobs[2];
    pthread_t th[2];
    int i;
    for (i = 0; i < 2; i++) {
        jobs[i].schema = s;
        jobs[i].failures = 0;
        ck_assert_int_eq(pledge_tree_parse(&jobs[i].good, "g.json", good, strlen(good), NULL, NULL), 0);
        ck_assert_int_eq(pledge_tree_parse(&jobs[i].bad, "b.json", bad, strlen(bad), NULL, NULL), 0);
        ck_assert_int_eq(pthread_create(&th[i], NULL, validate_many, &jobs[i]), 0);
    }
    for (i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(jobs[i].failures, 0);
        pledge_tree_free(jobs[i].good);
        pledge_tree_free(jobs[i].bad);
    }
    pledge_schema_free(s);
}
END_TEST

/* ---- allocation failures ------------------------------------------------- */

START_TEST(test_allocation_failures)
{
    const char *bad = "{\"title\": \"T\", \"respnsible\": \"A\", \"themes\": "
                      "[{\"name\": \"T\", \"activities\": [{\"what\": 1, \"wen\": 2}]}]}";
    const char *good = "{\"title\": \"Trygg\", \"responsible\": \"A\", \"themes\": "
                       "[{\"name\": \"T\", \"activities\": [{\"what\": \"x\"}]}]}";
    char *big;
    size_t n, i, len = 0, cap = 64 * 1024, step;
    int succeeded = 0;
    pledge_tree *tb = NULL, *tg = NULL, *tbig = NULL;
    pledge_schema *warm = compile_ok("pledge.json", pledge_schema_text, NULL);

    /* an object beyond the inline annotation bitset, for the heap path */
    big = malloc(cap);
    ck_assert_ptr_nonnull(big);
    len += (size_t)snprintf(big + len, cap - len,
                            "{\"title\": \"T\", \"themes\": [{\"name\": \"T\", "
                            "\"activities\": [{\"what\": \"x\"");
    for (i = 0; i < 300; i++)
        len += (size_t)snprintf(big + len, cap - len, ", \"p%zu\": %zu", i, i);
    snprintf(big + len, cap - len, "}]}]}");
    pledge_schema_free(warm); /* the metaschema is now compiled (once per process) */
    ck_assert_int_eq(pledge_tree_parse(&tb, "b.json", bad, strlen(bad), NULL, NULL), 0);
    ck_assert_int_eq(pledge_tree_parse(&tg, "g.json", good, strlen(good), NULL, NULL), 0);
    ck_assert_int_eq(pledge_tree_parse(&tbig, "big.json", big, strlen(big), NULL, NULL), 0);
    free(big);

    /* under valgrind (PLEDGE_TEST_QUICK) every 13th allocation is enough */
    step = getenv("PLEDGE_TEST_QUICK") ? 13 : 1;
    for (n = 1; !succeeded && n < 100000; n += step) {
        test_alloc ta;
        pledge_schema_options o = PLEDGE_SCHEMA_OPTIONS_INIT;
        pledge_diag_list *d = NULL;
        pledge_schema *s = NULL;
        int rc;
        test_alloc_init(&ta, n);
        o.allocator = &ta.hook;
        rc = pledge_diag_list_new(&d, &ta.hook);
        if (rc == 0)
            rc = pledge_schema_compile_buffer(&s, "pledge.json", pledge_schema_text,
                                              strlen(pledge_schema_text), &o, d);
        if (rc == 0) {
            rc = pledge_schema_validate(s, pledge_tree_root(tg), "g", 0, 0, d);
            if (rc == 0) {
                rc = pledge_schema_validate(s, pledge_tree_root(tb), "b", 0, 0, d);
                if (rc == PLEDGE_EINVALID) {
                    ck_assert_int_eq(pledge_diag_list_count(d), 5);
                    rc = pledge_schema_validate(s, pledge_tree_root(tbig), "big", 0, 0, d);
                    if (rc == PLEDGE_EINVALID)
                        rc = 0;
                }
            }
        }
        ck_assert_msg(rc == 0 || rc == PLEDGE_ENOMEM, "allocation %zu: %s", n,
                      pledge_strerror(rc));
        if (rc == 0) {
            ck_assert(!ta.failed);
            succeeded = 1;
        } else {
            ck_assert(ta.failed);
        }
        pledge_schema_free(s);
        pledge_diag_list_free(d);
        ck_assert_msg(ta.live == 0, "allocation %zu: %zu blocks leaked", n, ta.live);
    }
    ck_assert(succeeded);
    pledge_tree_free(tb);
    pledge_tree_free(tg);
    pledge_tree_free(tbig);
}
END_TEST

static Suite *schema_suite(void)
{
    Suite *s = suite_create("schema");
    TCase *tc = tcase_create("schema");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_required_message_and_position);
    tcase_add_test(tc, test_value_messages);
    tcase_add_test(tc, test_unexpected_property_points_at_key);
    tcase_add_test(tc, test_property_names_few_and_many);
    tcase_add_test(tc, test_pointer_escaping);
    tcase_add_test(tc, test_yaml11_trap_message);
    tcase_add_test(tc, test_best_match);
    tcase_add_test(tc, test_one_of_several);
    tcase_add_test(tc, test_nested_any_of_is_not_exponential);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_format_assertion);
    tcase_add_test(tc, test_invalid_schema_positions);
    tcase_add_test(tc, test_ref_cycle);
    tcase_add_test(tc, test_metaschema_ref);
    tcase_add_test(tc, test_file_refs);
    tcase_add_test(tc, test_resolver_hook);
    tcase_add_test(tc, test_validate_file);
    tcase_add_test(tc, test_two_threads);
    tcase_add_test(tc, test_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(schema_suite()) ? 1 : 0;
}
