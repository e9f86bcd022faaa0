/* SPDX-License-Identifier: MIT */
/* Messages for the people who write pledges (pledge mode), tested as
 * text: no regular expression, one diagnostic per mistake, Swedish words
 * hinted, a misspelt top-level key not buried under what its absence
 * causes; schema mode keeps the JSON Schema wording. */
#include "mtest.h"

#include <stdlib.h>
#include <string.h>

#define HEAD "format: pledge/1\nid: p\ntitle: T\nlanguage: sv\n"
#define PARTIES "parties: [{id: kommun, name: K, kind: municipality}]\n"
#define PERIOD "period: {start: 2024}\n"
#define ACTS "activities: [{id: a1, text: X, responsible: [kommun]}]\n"
#define GOALS "goals: [{id: g, text: G, indicators: [{id: i, text: I, unit: text}]}]\n"
#define BASE HEAD PARTIES PERIOD ACTS GOALS

#define CODES(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void message_is(const char *text, const char *code, const char *want)
{
    char *msg = mt_message(text, 0, code);
    ck_assert_str_eq(msg, want);
    free(msg);
}

START_TEST(patterns_in_words)
{
    message_is("format: pledge/1\nid: Ale_2024\ntitle: T\nlanguage: sv\n" PARTIES PERIOD ACTS GOALS,
               "pattern",
               "\"Ale_2024\" is not a valid id: an id is lowercase letters a–z, digits and '-' "
               "(write å, ä, ö as a, a, o), e.g. tryggare-trafik");
    message_is("format: pledge/1\nid: p\ntitle: T\nlanguage: sv-SE\n" PARTIES PERIOD ACTS GOALS,
               "pattern",
               "\"sv-SE\" is not a language tag: a language is two or three lowercase letters, "
               "e.g. sv (not sv-SE)");
    message_is(BASE "---\nformat: follow-up/1\npledge: p\ndate: 2024-1-5\n", "pattern",
               "\"2024-1-5\" is not a date: a date is YYYY-MM-DD, or only YYYY-MM or YYYY "
               "where no more is known, e.g. 2024-03");
    message_is(HEAD "area: {municipality_code: \"144\"}\n" PARTIES PERIOD ACTS GOALS, "pattern",
               "\"144\" is not a municipality code: a municipality code is SCB's four digits, "
               "quoted, e.g. \"1440\"");
    message_is(BASE "contacts: [{party: kommun, phone: \"ring oss\"}]\n", "pattern",
               "\"ring oss\" is not a phone number: a phone number is digits, with an optional "
               "leading + and spaces, hyphens or parentheses, e.g. 010-565 44 56");
    message_is(HEAD PARTIES PERIOD ACTS
               "goals: [{id: g, text: G, indicators: [{id: i, text: I, unit: count,\n"
               "  direction: increase, baseline: {value: 1, date: 2023-02-29}}]}]\n",
               "format",
               "\"2023-02-29\" is not a date in the calendar: a date is YYYY-MM-DD and must "
               "exist in the calendar (2023-02-29 does not)");
}
END_TEST

START_TEST(one_diagnostic_per_mistake)
{
    /* A url and an e-mail that fail both their pattern and their format. */
    mt_expect("url", BASE "channels: [{kind: web, url: ^www.ale.se}]\n", 0, CODES("format"));
    message_is(BASE "channels: [{kind: web, url: www.ale.se}]\n", "format",
               "\"www.ale.se\" is not a url: a url starts with https:// (or http://), e.g. "
               "https://www.ale.se");
    mt_expect("e-mail", BASE "contacts: [{party: kommun, email: ^trygg-at-ale.se}]\n", 0,
              CODES("format"));
    message_is(BASE "contacts: [{party: kommun, email: trygg-at-ale.se}]\n", "format",
               "\"trygg-at-ale.se\" is not an e-mail address: an e-mail address is "
               "name@domain, e.g. trygg@ale.se");
}
END_TEST

START_TEST(swedish_words)
{
    message_is(HEAD "parties: [{id: kommun, name: K, kind: kommun}]\n" PERIOD ACTS GOALS, "enum",
               "\"kommun\" is not one of the allowed values: \"municipality\", \"police\", "
               "\"region\", \"rescue_service\", \"housing\", \"transport\", \"business\", "
               "\"civil_society\", \"school\", \"other\"; did you mean \"municipality\"? "
               "(keywords are English, the Swedish word is the display form)");
    {
        char *msg = mt_message(BASE "---\nformat: follow-up/1\npledge: p\ndate: 2025\n"
                                    "activities: [{activity: a1, status: pågår}]\n",
                               0, "enum");
        ck_assert_ptr_nonnull(strstr(msg, "; did you mean \"in_progress\"?"));
        free(msg);
        msg = mt_message(BASE "---\nformat: follow-up/1\npledge: p\ndate: 2025\n"
                              "activities: [{activity: a1, status: Ej påbörjad}]\n",
                         0, "enum");
        ck_assert_ptr_nonnull(strstr(msg, "; did you mean \"not_started\"?"));
        free(msg);
        msg = mt_message(BASE "---\nformat: follow-up/1\npledge: p\ndate: 2025\n"
                              "activities: [{activity: a1, status: GENOMFÖRD}]\n",
                         0, "enum");
        ck_assert_ptr_nonnull(strstr(msg, "; did you mean \"done\"?"));
        free(msg);
        /* A Swedish word whose English keyword is not allowed here: no hint. */
        msg = mt_message(HEAD "parties: [{id: kommun, name: K, kind: pågår}]\n" PERIOD ACTS GOALS,
                         0, "enum");
        ck_assert_ptr_null(strstr(msg, "did you mean"));
        free(msg);
    }
}
END_TEST

START_TEST(misspelt_key_not_buried)
{
    /* "teman" for "themes": the pledge has no promises then, but the one
     * error is the misspelt key. */
    mt_expect("teman", HEAD PARTIES PERIOD "^teman:\n  - id: t\n    title: T\n"
              "    activities: [{id: a1, text: X, responsible: [kommun]}]\n" GOALS,
              0, CODES("additionalProperties"));
    message_is(HEAD PARTIES PERIOD "teman: []\n" GOALS, "additionalProperties",
               "unexpected property \"teman\" (did you mean \"themes\"? keys are English)");
    /* "mål" for "goals": no pledge.no-goal, no unknown goal references */
    mt_expect("mål", HEAD PARTIES PERIOD
              "activities: [{id: a1, text: X, responsible: [kommun], goals: [g]}]\n"
              "^mål: [{id: g, text: G}]\n", 0, CODES("additionalProperties"));
    /* a misspelling the schema layer recognises ("goal" for "goals") */
    mt_expect("goal", HEAD PARTIES PERIOD ACTS "^goal: [{id: g, text: G}]\n", 0,
              CODES("additionalProperties"));
    /* "datum" for "date" in a follow-up: no follow-up.undated */
    mt_expect("datum", BASE "---\nformat: follow-up/1\npledge: p\n^datum: 2025-02-01\n",
              PLEDGE_SET_RESOLVE, CODES("additionalProperties"));
    /* a key with no suggestion buries nothing and hides nothing */
    mt_expect("unknown", "^" HEAD PARTIES PERIOD ACTS "^foo: 1\n", 0,
              CODES("pledge.no-goal", "additionalProperties"));
    /* without themes or activities, one error says what is missing */
    message_is(HEAD PARTIES PERIOD GOALS, "required",
               "the pledge lists no promises: give them under \"themes\" (grouped under "
               "headings) or \"activities\" (a flat list)");
}
END_TEST

/* Schema mode keeps the JSON Schema wording. */
START_TEST(schema_mode_keeps_json_schema_wording)
{
    static const char doc[] = BASE "channels: [{kind: web, url: www.ale.se}]\n";
    size_t len;
    const char *src = pledge_format_schema_source("pledge/1", &len);
    pledge_schema *schema = NULL;
    pledge_tree *tree = NULL;
    pledge_diag_list *d;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_schema_compile_buffer(&schema, "pledge-1.schema.yaml", src, len, NULL, d),
                     0);
    ck_assert_int_eq(pledge_tree_parse(&tree, "case.yaml", doc, strlen(doc), NULL, d), 0);
    ck_assert_int_eq(pledge_schema_validate(schema, pledge_tree_root(tree), "case.yaml", 0, 0, d),
                     PLEDGE_EINVALID);
    ck_assert_uint_ge(pledge_diag_list_count(d), 1);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "pattern");
    ck_assert_ptr_nonnull(strstr(pledge_diag_list_at(d, 0)->message, "does not match the pattern"));
    pledge_tree_free(tree);
    pledge_schema_free(schema);
    pledge_diag_list_free(d);
}
END_TEST

/* No message of the invalid examples quotes a regular expression. */
START_TEST(no_regex_in_examples)
{
    static const char *const files[] = { "format.url-without-scheme", "pattern.language-sv-SE",
                                         "format.date-2023-02-29" };
    size_t f, i;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        size_t len;
        char *text;
        pledge_diag_list *d;
        snprintf(path, sizeof path, "%s/invalid/%s.yaml", MT_EXAMPLES, files[f]);
        text = test_read_file(path, &len);
        d = mt_validate(path, text, len, 0);
        ck_assert_uint_eq(pledge_diag_list_count(d), 1);
        for (i = 0; i < pledge_diag_list_count(d); i++) {
            const char *m = pledge_diag_list_at(d, i)->message;
            ck_assert_msg(!strstr(m, "pattern") && !strchr(m, '^') && !strstr(m, "$\""), "%s",
                          m);
        }
        pledge_diag_list_free(d);
        free(text);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_messages");
    TCase *tc = tcase_create("messages");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, patterns_in_words);
    tcase_add_test(tc, one_diagnostic_per_mistake);
    tcase_add_test(tc, swedish_words);
    tcase_add_test(tc, misspelt_key_not_buried);
    tcase_add_test(tc, schema_mode_keeps_json_schema_wording);
    tcase_add_test(tc, no_regex_in_examples);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
