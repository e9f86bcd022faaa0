/* SPDX-License-Identifier: MIT */
#include "mtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pledge_doc *mt_load(const char *yaml)
{
    pledge_diag_list *d;
    pledge_doc *doc = NULL;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_doc_load_buffer(&doc, "test.yaml", yaml, strlen(yaml), NULL, d);
    if (rc) {
        char *t = test_diags_text(d);
        ck_abort_msg("load failed (%d): %s", rc, t);
    }
    ck_assert_ptr_nonnull(doc);
    pledge_diag_list_free(d);
    return doc;
}

pledge_doc *mt_load_file(const char *path)
{
    pledge_diag_list *d;
    pledge_doc *doc = NULL;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_doc_load_file(&doc, path, NULL, d);
    if (rc) {
        char *t = test_diags_text(d);
        ck_abort_msg("load of %s failed (%d): %s", path, rc, t);
    }
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    pledge_diag_list_free(d);
    return doc;
}

pledge_diag_list *mt_validate(const char *name, const char *text, size_t len, unsigned flags)
{
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_set *set;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_set_new(&set, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_buffer(&r, name, text, len, NULL, d), 0);
    for (;;) {
        pledge_tree *tree = NULL;
        ck_assert_int_eq(pledge_reader_next(r, &tree, d), 0);
        if (!tree)
            break;
        rc = pledge_set_load(set, tree, NULL, d);
        ck_assert(rc == 0 || rc == PLEDGE_EINVALID);
    }
    rc = pledge_set_check(set, flags, d);
    ck_assert(rc == 0 || rc == PLEDGE_EINVALID);
    pledge_reader_free(r);
    pledge_set_free(set);
    pledge_diag_list_sort(d, 0);
    return d;
}

void mt_expect(const char *what, const char *marked, unsigned flags, const char *const *codes)
{
    size_t n = strlen(marked), i, k = 0, line = 1, col = 1, nmarks = 0, ncodes = 0;
    char *text = malloc(n + 1);
    size_t lines[32], cols[32];
    pledge_diag_list *d;
    char *dump;

    ck_assert_ptr_nonnull(text);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)marked[i];
        if (c == '^') {
            ck_assert_uint_lt(nmarks, 32);
            lines[nmarks] = line;
            cols[nmarks] = col;
            nmarks++;
            continue;
        }
        text[k++] = (char)c;
        if (c == '\n') {
            line++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++; /* columns count code points */
        }
    }
    text[k] = '\0';
    while (codes[ncodes])
        ncodes++;
    ck_assert_msg(ncodes == nmarks, "%s: %zu codes for %zu markers", what, ncodes, nmarks);

    d = mt_validate("case.yaml", text, k, flags);
    dump = test_diags_text(d);
    ck_assert_msg(pledge_diag_list_count(d) == ncodes, "%s: expected %zu diagnostics, got:\n%s",
                  what, ncodes, dump);
    for (i = 0; i < ncodes; i++) {
        const pledge_diag *x = pledge_diag_list_at(d, i);
        ck_assert_msg(strcmp(x->code, codes[i]) == 0 && x->line == lines[i] &&
                          x->column == cols[i],
                      "%s: expected %zu:%zu %s, got:\n%s", what, lines[i], cols[i], codes[i],
                      dump);
        ck_assert_str_eq(x->file, "case.yaml");
        /* Semantic diagnostics have no schema path; schema ones do. */
        if (strncmp(x->code, "pledge.", 7) == 0 || strncmp(x->code, "follow-up.", 10) == 0)
            ck_assert_str_eq(x->schema_path, "");
    }
    free(dump);
    free(text);
    pledge_diag_list_free(d);
}

char *mt_message(const char *text, unsigned flags, const char *code)
{
    pledge_diag_list *d = mt_validate("case.yaml", text, strlen(text), flags);
    size_t i;
    char *msg = NULL;
    for (i = 0; i < pledge_diag_list_count(d) && !msg; i++)
        if (strcmp(pledge_diag_list_at(d, i)->code, code) == 0)
            msg = strdup(pledge_diag_list_at(d, i)->message);
    pledge_diag_list_free(d);
    ck_assert_msg(msg != NULL, "no %s diagnostic", code);
    return msg;
}

int mt_sink(void *ud, const char *bytes, size_t len)
{
    mt_buf *b = ud;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *p;
        while (cap < b->len + len + 1)
            cap *= 2;
        p = realloc(b->data, cap);
        if (!p)
            return 1;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int mt_str_is(const char *s, size_t len, const char *lit)
{
    return s && len == strlen(lit) && memcmp(s, lit, len) == 0;
}

/* ---- model equality through the accessors ------------------------------- */

static void same_str(const char *what, const char *a, size_t alen, const char *b, size_t blen)
{
    if (!a || !b) {
        ck_assert_msg(a == b, "%s: one is absent", what);
        return;
    }
    ck_assert_msg(alen == blen && memcmp(a, b, alen) == 0, "%s differs: \"%s\" / \"%s\"", what,
                  a, b);
}

static void same_date(const char *what, pledge_date a, pledge_date b)
{
    ck_assert_msg(pledge_date_compare(a, b) == 0 && a.precision == b.precision,
                  "%s: dates differ", what);
}

static void same_number(const char *what, pledge_number a, pledge_number b)
{
    ck_assert_msg(a.value == b.value && a.is_integer == b.is_integer && a.integer == b.integer,
                  "%s: numbers differ", what);
}

#define STR2(what, fn, x, y)                                                          \
    do {                                                                              \
        size_t la_, lb_;                                                              \
        const char *sa_ = fn(x, &la_), *sb_ = fn(y, &lb_);                            \
        same_str(what, sa_, la_, sb_, lb_);                                           \
    } while (0)
#define TEXT2(what, fn, x, y)                                                         \
    do {                                                                              \
        size_t la_, lb_;                                                              \
        const char *sa_ = fn(x, NULL, &la_), *sb_ = fn(y, NULL, &lb_);                \
        same_str(what, sa_, la_, sb_, lb_);                                           \
        sa_ = fn(x, "en", &la_);                                                      \
        sb_ = fn(y, "en", &lb_);                                                      \
        same_str(what, sa_, la_, sb_, lb_);                                           \
    } while (0)
#define EQ2(what, fn, x, y) ck_assert_msg(fn(x) == fn(y), "%s differs", what)

static void same_source(const pledge_source *a, const pledge_source *b)
{
    ck_assert_msg(!a == !b, "source presence differs");
    if (!a)
        return;
    EQ2("source kind", pledge_source_kind_of, a, b);
    STR2("source id", pledge_source_id, a, b);
    TEXT2("source title", pledge_source_title, a, b);
    EQ2("source year", pledge_source_year, a, b);
    STR2("source url", pledge_source_url, a, b);
}

static void same_party_ref(const pledge_party *a, const pledge_party *b)
{
    ck_assert_msg(!a == !b, "party reference differs");
    if (a)
        STR2("party ref", pledge_party_id, a, b);
}

void mt_model_equal(const pledge_doc *a, const pledge_doc *b)
{
    size_t i, j;
    EQ2("kind", pledge_doc_kind_of, a, b);
    STR2("id", pledge_doc_id, a, b);
    STR2("language", pledge_doc_language, a, b);
    TEXT2("summary", pledge_doc_summary, a, b);
    same_date("start", pledge_doc_period_start(a), pledge_doc_period_start(b));
    same_date("end", pledge_doc_period_end(a), pledge_doc_period_end(b));
    TEXT2("title", pledge_doc_title, a, b);
    EQ2("status", pledge_doc_status_of, a, b);
    STR2("supersedes", pledge_doc_supersedes, a, b);
    STR2("municipality", pledge_doc_municipality, a, b);
    STR2("municipality_code", pledge_doc_municipality_code, a, b);
    STR2("police_area", pledge_doc_police_area, a, b);
    STR2("region", pledge_doc_region, a, b);
    TEXT2("agreement name", pledge_doc_agreement_name, a, b);
    STR2("agreement url", pledge_doc_agreement_url, a, b);
    EQ2("planned years", pledge_doc_period_planned_years, a, b);
    TEXT2("label", pledge_doc_period_label, a, b);
    TEXT2("focus", pledge_doc_focus, a, b);
    TEXT2("situation", pledge_doc_situation, a, b);
    EQ2("methods", pledge_doc_follow_up_method_count, a, b);
    for (i = 0; i < pledge_doc_follow_up_method_count(a); i++)
        ck_assert(pledge_doc_follow_up_method_at(a, i) == pledge_doc_follow_up_method_at(b, i));
    EQ2("frequency", pledge_doc_follow_up_frequency, a, b);
    TEXT2("follow-up description", pledge_doc_follow_up_description, a, b);

    EQ2("parties", pledge_doc_party_count, a, b);
    for (i = 0; i < pledge_doc_party_count(a); i++) {
        const pledge_party *x = pledge_doc_party_at(a, i), *y = pledge_doc_party_at(b, i);
        STR2("party id", pledge_party_id, x, y);
        TEXT2("party name", pledge_party_name, x, y);
        EQ2("party kind", pledge_party_kind_of, x, y);
        STR2("party url", pledge_party_url, x, y);
        EQ2("identifiers", pledge_party_identifier_count, x, y);
        for (j = 0; j < pledge_party_identifier_count(x); j++) {
            size_t l1, l2;
            const char *s1 = pledge_party_identifier_scheme(x, j, &l1);
            const char *s2 = pledge_party_identifier_scheme(y, j, &l2);
            same_str("identifier scheme", s1, l1, s2, l2);
            s1 = pledge_party_identifier_value(x, j, &l1);
            s2 = pledge_party_identifier_value(y, j, &l2);
            same_str("identifier value", s1, l1, s2, l2);
        }
        ck_assert(pledge_doc_party(b, pledge_party_id(x, NULL)) == y);
    }
    EQ2("sources", pledge_doc_source_count, a, b);
    for (i = 0; i < pledge_doc_source_count(a); i++)
        same_source(pledge_doc_source_at(a, i), pledge_doc_source_at(b, i));
    EQ2("problems", pledge_doc_problem_count, a, b);
    for (i = 0; i < pledge_doc_problem_count(a); i++) {
        const pledge_problem *x = pledge_doc_problem_at(a, i), *y = pledge_doc_problem_at(b, i);
        STR2("problem id", pledge_problem_id, x, y);
        TEXT2("problem title", pledge_problem_title, x, y);
        TEXT2("problem description", pledge_problem_description, x, y);
        EQ2("problem sources", pledge_problem_source_count, x, y);
        for (j = 0; j < pledge_problem_source_count(x); j++)
            same_source(pledge_problem_source_at(x, j), pledge_problem_source_at(y, j));
    }
    EQ2("themes", pledge_doc_theme_count, a, b);
    for (i = 0; i < pledge_doc_theme_count(a); i++) {
        const pledge_theme *x = pledge_doc_theme_at(a, i), *y = pledge_doc_theme_at(b, i);
        STR2("theme id", pledge_theme_id, x, y);
        TEXT2("theme title", pledge_theme_title, x, y);
        TEXT2("theme description", pledge_theme_description, x, y);
        EQ2("theme activities", pledge_theme_activity_count, x, y);
        for (j = 0; j < pledge_theme_activity_count(x); j++)
            STR2("theme activity", pledge_activity_id, pledge_theme_activity_at(x, j),
                 pledge_theme_activity_at(y, j));
    }
    EQ2("activities", pledge_doc_activity_count, a, b);
    for (i = 0; i < pledge_doc_activity_count(a); i++) {
        const pledge_activity *x = pledge_doc_activity_at(a, i);
        const pledge_activity *y = pledge_doc_activity_at(b, i);
        STR2("activity id", pledge_activity_id, x, y);
        TEXT2("activity text", pledge_activity_text, x, y);
        STR2("activity theme", pledge_theme_id, pledge_activity_theme(x), pledge_activity_theme(y));
        EQ2("activity index", pledge_activity_index, x, y);
        EQ2("responsible", pledge_activity_responsible_count, x, y);
        for (j = 0; j < pledge_activity_responsible_count(x); j++)
            same_party_ref(pledge_activity_responsible_at(x, j),
                           pledge_activity_responsible_at(y, j));
        EQ2("addresses", pledge_activity_problem_count, x, y);
        for (j = 0; j < pledge_activity_problem_count(x); j++)
            STR2("addresses", pledge_problem_id, pledge_activity_problem_at(x, j),
                 pledge_activity_problem_at(y, j));
        EQ2("activity goals", pledge_activity_goal_count, x, y);
        for (j = 0; j < pledge_activity_goal_count(x); j++)
            STR2("activity goal", pledge_goal_id, pledge_activity_goal_at(x, j),
                 pledge_activity_goal_at(y, j));
        TEXT2("target group", pledge_activity_target_group, x, y);
        EQ2("recurrence", pledge_activity_recurrence, x, y);
        EQ2("has target", pledge_activity_has_target, x, y);
        EQ2("target quantity", pledge_activity_target_quantity, x, y);
        EQ2("target comparator", pledge_activity_target_comparator, x, y);
        TEXT2("target unit", pledge_activity_target_unit, x, y);
        EQ2("target per", pledge_activity_target_per, x, y);
        ck_assert(pledge_doc_activity(b, pledge_activity_id(x, NULL)) == y);
    }
    EQ2("goals", pledge_doc_goal_count, a, b);
    for (i = 0; i < pledge_doc_goal_count(a); i++) {
        const pledge_goal *x = pledge_doc_goal_at(a, i), *y = pledge_doc_goal_at(b, i);
        STR2("goal id", pledge_goal_id, x, y);
        TEXT2("goal text", pledge_goal_text, x, y);
        EQ2("goal level", pledge_goal_level_of, x, y);
        EQ2("goal indicators", pledge_goal_indicator_count, x, y);
    }
    EQ2("indicators", pledge_doc_indicator_count, a, b);
    for (i = 0; i < pledge_doc_indicator_count(a); i++) {
        const pledge_indicator *x = pledge_doc_indicator_at(a, i);
        const pledge_indicator *y = pledge_doc_indicator_at(b, i);
        STR2("indicator id", pledge_indicator_id, x, y);
        TEXT2("indicator text", pledge_indicator_text, x, y);
        EQ2("unit", pledge_indicator_unit, x, y);
        EQ2("direction", pledge_indicator_direction, x, y);
        same_source(pledge_indicator_source(x), pledge_indicator_source(y));
        STR2("indicator goal", pledge_goal_id, pledge_indicator_goal(x), pledge_indicator_goal(y));
        EQ2("has baseline", pledge_indicator_has_baseline, x, y);
        EQ2("has target", pledge_indicator_has_target, x, y);
        same_number("baseline", pledge_indicator_baseline_value(x),
                    pledge_indicator_baseline_value(y));
        same_number("target", pledge_indicator_target_value(x), pledge_indicator_target_value(y));
        same_date("baseline date", pledge_indicator_baseline_date(x),
                  pledge_indicator_baseline_date(y));
        same_date("target date", pledge_indicator_target_date(x), pledge_indicator_target_date(y));
    }
    EQ2("channels", pledge_doc_channel_count, a, b);
    for (i = 0; i < pledge_doc_channel_count(a); i++) {
        const pledge_channel *x = pledge_doc_channel_at(a, i), *y = pledge_doc_channel_at(b, i);
        EQ2("channel kind", pledge_channel_kind_of, x, y);
        STR2("channel url", pledge_channel_url, x, y);
        TEXT2("channel name", pledge_channel_name, x, y);
        same_party_ref(pledge_channel_owner(x), pledge_channel_owner(y));
    }
    EQ2("contacts", pledge_doc_contact_count, a, b);
    for (i = 0; i < pledge_doc_contact_count(a); i++) {
        const pledge_contact *x = pledge_doc_contact_at(a, i), *y = pledge_doc_contact_at(b, i);
        same_party_ref(pledge_contact_party(x), pledge_contact_party(y));
        STR2("contact name", pledge_contact_name, x, y);
        TEXT2("contact role", pledge_contact_role, x, y);
        TEXT2("contact note", pledge_contact_note, x, y);
        STR2("contact phone", pledge_contact_phone, x, y);
        STR2("contact email", pledge_contact_email, x, y);
    }

    STR2("pledge", pledge_doc_pledge_id, a, b);
    same_date("date", pledge_doc_date(a), pledge_doc_date(b));
    EQ2("entries", pledge_doc_entry_count, a, b);
    for (i = 0; i < pledge_doc_entry_count(a); i++) {
        const pledge_entry *x = pledge_doc_entry_at(a, i), *y = pledge_doc_entry_at(b, i);
        STR2("entry activity", pledge_entry_activity_id, x, y);
        EQ2("entry status", pledge_entry_status, x, y);
        EQ2("entry done", pledge_entry_done, x, y);
        TEXT2("entry comment", pledge_entry_comment, x, y);
        EQ2("evidence", pledge_entry_evidence_count, x, y);
        for (j = 0; j < pledge_entry_evidence_count(x); j++) {
            const pledge_evidence *e = pledge_entry_evidence_at(x, j);
            const pledge_evidence *f = pledge_entry_evidence_at(y, j);
            STR2("evidence url", pledge_evidence_url, e, f);
            TEXT2("evidence title", pledge_evidence_title, e, f);
            same_date("evidence date", pledge_evidence_date(e), pledge_evidence_date(f));
        }
    }
    EQ2("measurements", pledge_doc_measurement_count, a, b);
    for (i = 0; i < pledge_doc_measurement_count(a); i++) {
        const pledge_measurement *x = pledge_doc_measurement_at(a, i);
        const pledge_measurement *y = pledge_doc_measurement_at(b, i);
        STR2("measurement indicator", pledge_measurement_indicator_id, x, y);
        EQ2("has value", pledge_measurement_has_value, x, y);
        same_number("value", pledge_measurement_value(x), pledge_measurement_value(y));
        same_date("measurement date", pledge_measurement_date(x), pledge_measurement_date(y));
        same_source(pledge_measurement_source(x), pledge_measurement_source(y));
        TEXT2("measurement comment", pledge_measurement_comment, x, y);
    }
}
