/* SPDX-License-Identifier: MIT */
/* The real pledges of examples/ (format 1.1): each validates with its
 * follow-ups (warnings only, no error, checked with --resolve), and the
 * model carries every 1.1 key: flat activities, activities with no
 * responsible party, partners, places, signing, outputs, events, other
 * work, reported_by; generic access by key. */
#include "mtest.h"

#include <stdlib.h>
#include <string.h>

static const char *const real[] = { "lulea-2018", "stenungsund-orust-tjorn-2023", "mala-2024",
                                    "vingaker-2017", "goteborg-centrum-2018" };

/* @p len is read after @p s is computed (unlike is(f(&len), len)). */
static int is(const char *s, const size_t *len, const char *lit)
{
    return mt_str_is(s, *len, lit);
}

/* Every document of an example, in order (at most 8). */
typedef struct loaded {
    pledge_doc *docs[8];
    size_t count;
} loaded;

static void load_example(loaded *l, const char *name)
{
    char path[512];
    pledge_diag_list *d;
    pledge_reader *r;
    memset(l, 0, sizeof *l);
    snprintf(path, sizeof path, "%s/%s.yaml", MT_EXAMPLES, name);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_file(&r, path, NULL, d), 0);
    for (;;) {
        pledge_doc *doc = NULL;
        int rc = pledge_doc_read_next(&doc, r, NULL, d);
        ck_assert_msg(rc == 0, "%s: %s", name, test_diags_text(d));
        if (!doc)
            break;
        ck_assert_uint_lt(l->count, 8);
        l->docs[l->count++] = doc;
    }
    ck_assert_uint_eq(pledge_diag_list_count_severity(d, PLEDGE_SEVERITY_ERROR), 0);
    pledge_reader_free(r);
    pledge_diag_list_free(d);
}

static void free_loaded(loaded *l)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        pledge_doc_free(l->docs[i]);
}

/* No key of the tree starts with "x-". */
static int has_x_key(const pledge_node *n)
{
    size_t i;
    if (pledge_node_type_of(n) == PLEDGE_NODE_MAPPING) {
        for (i = 0; i < pledge_node_size(n); i++) {
            size_t len;
            const char *k = pledge_node_string(pledge_node_key(n, i), &len);
            if ((k && len >= 2 && k[0] == 'x' && k[1] == '-') ||
                has_x_key(pledge_node_value(n, i)))
                return 1;
        }
    } else if (pledge_node_type_of(n) == PLEDGE_NODE_SEQUENCE) {
        for (i = 0; i < pledge_node_size(n); i++)
            if (has_x_key(pledge_node_item(n, i)))
                return 1;
    }
    return 0;
}

START_TEST(real_examples_validate_as_a_set)
{
    char path[512];
    size_t i;
    for (i = 0; i < sizeof real / sizeof real[0]; i++) {
        size_t len;
        char *text;
        pledge_diag_list *d;
        loaded l;
        snprintf(path, sizeof path, "%s/%s.yaml", MT_EXAMPLES, real[i]);
        text = test_read_file(path, &len);
        d = mt_validate(path, text, len, PLEDGE_SET_RESOLVE);
        ck_assert_msg(pledge_diag_list_count_severity(d, PLEDGE_SEVERITY_ERROR) == 0, "%s:\n%s",
                      real[i], test_diags_text(d));
        pledge_diag_list_free(d);
        free(text);
        load_example(&l, real[i]);
        ck_assert_int_eq(pledge_doc_kind_of(l.docs[0]), PLEDGE_DOC_PLEDGE);
        for (len = 0; len < l.count; len++)
            ck_assert_msg(!has_x_key(pledge_doc_root(l.docs[len])), "%s has an x- key", real[i]);
        free_loaded(&l);
    }
}
END_TEST

START_TEST(lulea_partners_signing_outputs)
{
    loaded l;
    const pledge_doc *p, *fu;
    const pledge_activity *a;
    const pledge_entry *e;
    const pledge_output *o;
    size_t len;
    const char *s;
    load_example(&l, "lulea-2018");
    ck_assert_uint_eq(l.count, 4);
    p = l.docs[0];
    ck_assert_uint_eq(pledge_doc_activity_count(p), 9);
    a = pledge_doc_activity(p, "informationskampanj-langning");
    ck_assert_uint_eq(pledge_activity_responsible_count(a), 2);
    ck_assert_uint_eq(pledge_activity_partner_count(a), 4);
    ck_assert(is(pledge_party_id(pledge_activity_partner_at(a, 0), &len), &len,
                        "systembolaget"));
    ck_assert_int_eq(pledge_party_role_of(pledge_activity_partner_at(a, 0)),
                     PLEDGE_PARTY_ROLE_PARTNER);
    ck_assert_int_eq(pledge_party_role_of(pledge_doc_party(p, "kommun")),
                     PLEDGE_PARTY_ROLE_PLEDGING);
    a = pledge_doc_activity(p, "trafikkontroll-varje-dygn");
    ck_assert_int_eq(pledge_activity_target_per(a), PLEDGE_PER_DAY);
    ck_assert_int_eq(pledge_activity_recurrence(a), PLEDGE_RECURRENCE_DAILY);
    ck_assert_int_eq(pledge_activity_target_comparator(pledge_doc_activity(p, "gangtunnlar")),
                     PLEDGE_COMPARATOR_NONE);
    /* signing */
    ck_assert_int_eq(pledge_doc_signing_date(p).precision, PLEDGE_DATE_DAY);
    ck_assert_int_eq(pledge_doc_signing_date(p).day, 13);
    ck_assert_uint_eq(pledge_doc_signatory_count(p), 3);
    ck_assert_ptr_eq(pledge_doc_signatory_party(p, 0), pledge_doc_party(p, "polis"));
    s = pledge_doc_text_in(p, pledge_doc_get(p, "/signing"), "/signatories/1/name", NULL, &len);
    ck_assert(is(s, &len, "Lenita Ericson"));
    s = pledge_doc_text_in(p, pledge_doc_root(p), "/signing/signatories/2/role", NULL, &len);
    ck_assert(is(s, &len, "kommundirektör"));
    ck_assert_ptr_null(pledge_doc_get(p, "/signing/signatories/3"));
    ck_assert_ptr_null(pledge_doc_get(p, "/signing/signatories/01"));
    ck_assert_ptr_null(pledge_doc_get(p, "signing"));
    ck_assert_ptr_eq(pledge_doc_get(p, ""), pledge_doc_root(p));
    /* follow-up 1: a month as date, a period label, reported_by, outputs, events */
    fu = l.docs[1];
    ck_assert_int_eq(pledge_doc_date(fu).precision, PLEDGE_DATE_MONTH);
    ck_assert_uint_eq(pledge_doc_reported_by_count(fu), 1);
    ck_assert(is(pledge_doc_reported_by_at(fu, 0, &len), &len, "polis"));
    s = pledge_doc_text_in(fu, pledge_doc_root(fu), "/period/label", NULL, &len);
    ck_assert(is(s, &len, "maj-juli 2018"));
    e = pledge_doc_entry(fu, "trafikkontroll-varje-dygn");
    ck_assert_uint_eq(pledge_entry_output_count(e), 2);
    o = pledge_entry_output_at(e, 1);
    ck_assert(pledge_output_value(o).value == 0.78);
    ck_assert_int_eq(pledge_output_per(o), PLEDGE_PER_DAY);
    ck_assert_int_eq(pledge_output_qualifier(o), PLEDGE_QUALIFIER_EXACTLY);
    ck_assert(is(pledge_output_label(o, NULL, &len), &len, "0,78 kontroller/dag"));
    ck_assert(is(pledge_output_unit(o, NULL, &len), &len, "kontroller"));
    ck_assert_ptr_null(pledge_entry_output_at(e, 2));
    e = pledge_doc_entry(fu, "synas-i-byar");
    ck_assert_int_eq(pledge_entry_status(e), PLEDGE_STATUS_PARTIALLY_DONE);
    e = pledge_doc_entry(fu, "dialog-ensamkommande");
    ck_assert_uint_eq(pledge_entry_event_count(e), 1);
    ck_assert_int_eq(pledge_entry_event_date(e, 0).month, 2);
    ck_assert_ptr_nonnull(pledge_entry_event_text(e, 0, NULL, &len));
    /* follow-up 2: no period */
    ck_assert_int_eq(pledge_doc_period_start(l.docs[2]).precision, PLEDGE_DATE_NONE);
    /* follow-up 3: no date, a period of years */
    ck_assert_int_eq(pledge_doc_date(l.docs[3]).precision, PLEDGE_DATE_NONE);
    ck_assert_int_eq(pledge_doc_period_end(l.docs[3]).precision, PLEDGE_DATE_YEAR);
    free_loaded(&l);
}
END_TEST

START_TEST(mala_no_responsible_conditions)
{
    loaded l;
    const pledge_doc *p;
    size_t i, len;
    load_example(&l, "mala-2024");
    p = l.docs[0];
    ck_assert_uint_eq(pledge_doc_activity_count(p), 6);
    /* Nobody is named: no party is guessed. */
    for (i = 0; i < 6; i++) {
        ck_assert_uint_eq(pledge_activity_responsible_count(pledge_doc_activity_at(p, i)), 0);
        ck_assert_ptr_null(pledge_activity_responsible_at(pledge_doc_activity_at(p, i), 0));
    }
    ck_assert(is(pledge_doc_text_in(p,
                            pledge_activity_node(pledge_doc_activity(p, "grannsamverkan-vid-onskemal")),
                            "condition", NULL, &len),
                        &len, "Om det uppkommer önskemål"));
    ck_assert_ptr_null(pledge_doc_text_in(p, pledge_activity_node(pledge_doc_activity_at(p, 0)),
                                          "condition", NULL, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(pledge_doc_period_end(p).precision, PLEDGE_DATE_NONE);
    free_loaded(&l);
}
END_TEST

START_TEST(flat_lists_places_municipalities)
{
    loaded l;
    const pledge_doc *p;
    const pledge_activity *a;
    const pledge_place *pl;
    size_t len;
    load_example(&l, "vingaker-2017");
    p = l.docs[0];
    ck_assert_uint_eq(pledge_doc_theme_count(p), 0);
    ck_assert_uint_eq(pledge_doc_activity_count(p), 5);
    a = pledge_doc_activity_at(p, 0);
    ck_assert_ptr_null(pledge_activity_theme(a));
    ck_assert_uint_eq(pledge_activity_place_count(a), 1);
    pl = pledge_activity_place_at(a, 0);
    ck_assert_ptr_eq(pl, pledge_doc_place(p, "vingaker-tatort"));
    ck_assert_int_eq(pledge_place_kind_of(pl), PLEDGE_PLACE_TOWN);
    ck_assert(is(pledge_place_name(pl, NULL, &len), &len, "tätorten Vingåker"));
    ck_assert_ptr_eq(pledge_activity_partner_at(pledge_doc_activity(p, "trygghetsvandring"), 0),
                     pledge_doc_party(p, "polis"));
    ck_assert_int_eq(pledge_doc_signing_date(p).month, 1);
    /* the follow-up: an approximate count, other work */
    {
        const pledge_doc *fu = l.docs[1];
        const pledge_entry *e = pledge_doc_entry(fu, "trafikkontroller");
        ck_assert_int_eq(pledge_entry_done(e), -1);
        ck_assert_int_eq(pledge_output_qualifier(pledge_entry_output_at(e, 0)),
                         PLEDGE_QUALIFIER_MORE_THAN);
        ck_assert_uint_eq(pledge_doc_other_work_count(fu), 1);
        ck_assert_uint_eq(pledge_doc_other_work_output_count(fu, 0), 1);
        ck_assert(pledge_output_value(pledge_doc_other_work_output_at(fu, 0, 0)).integer == 2);
        ck_assert_ptr_nonnull(pledge_doc_text_in(fu, pledge_doc_root(fu), "/other_work/0/text",
                                                 NULL, &len));
    }
    free_loaded(&l);

    load_example(&l, "stenungsund-orust-tjorn-2023");
    p = l.docs[0];
    ck_assert_ptr_null(pledge_doc_municipality(p, &len));
    ck_assert_uint_eq(pledge_node_size(pledge_doc_get(p, "/area/municipalities")), 3);
    ck_assert(is(pledge_doc_text_in(p, pledge_doc_root(p), "/area/municipalities/1/name",
                                           NULL, &len),
                        &len, "Tjörns kommun"));
    ck_assert_uint_eq(pledge_doc_signatory_count(p), 4);
    free_loaded(&l);

    load_example(&l, "goteborg-centrum-2018");
    p = l.docs[0];
    a = pledge_doc_activity(p, "hog-polisiar-narvaro");
    ck_assert(is(pledge_doc_text_in(p, pledge_activity_node(a), "when", NULL, &len), &len,
                        "alla fredags- och lördagskvällar"));
    ck_assert_ptr_eq(pledge_activity_place_at(a, 0), pledge_doc_place_at(p, 0));
    ck_assert_uint_eq(pledge_place_index(pledge_doc_place_at(p, 0)), 0);
    free_loaded(&l);
}
END_TEST

/* 1.0 keys next to 1.1 ones in one pledge: flat activities come first. */
START_TEST(flat_and_themed)
{
    static const char yaml[] =
        "format: pledge/1\nid: p\ntitle: T\nlanguage: sv\n"
        "parties: [{id: k, name: K, kind: municipality}]\n"
        "period: {start: 2024}\n"
        "themes: [{id: t, title: T, activities: [{id: a2, text: B, responsible: [k]}]}]\n"
        "activities: [{id: a1, text: A}]\n";
    pledge_doc *doc = mt_load(yaml);
    size_t len;
    ck_assert_uint_eq(pledge_doc_activity_count(doc), 2);
    ck_assert(is(pledge_activity_id(pledge_doc_activity_at(doc, 0), &len), &len, "a1"));
    ck_assert_ptr_null(pledge_activity_theme(pledge_doc_activity_at(doc, 0)));
    ck_assert_ptr_eq(pledge_activity_theme(pledge_doc_activity_at(doc, 1)),
                     pledge_doc_theme_at(doc, 0));
    ck_assert_uint_eq(pledge_activity_index(pledge_doc_activity(doc, "a2")), 1);
    ck_assert_str_eq(pledge_status_name(PLEDGE_STATUS_NOT_DONE), "not_done");
    ck_assert_str_eq(pledge_status_label_sv(PLEDGE_STATUS_NOT_DONE), "ej genomförd");
    ck_assert_str_eq(pledge_per_name(PLEDGE_PER_TERM), "term");
    ck_assert_str_eq(pledge_qualifier_name(PLEDGE_QUALIFIER_ABOUT), "about");
    ck_assert_str_eq(pledge_place_kind_name(PLEDGE_PLACE_RESIDENTIAL_AREA), "residential_area");
    ck_assert_str_eq(pledge_party_role_name(PLEDGE_PARTY_ROLE_PARTNER), "partner");
    ck_assert_ptr_null(pledge_doc_text_in(NULL, NULL, "x", NULL, NULL));
    pledge_doc_free(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_real");
    TCase *tc = tcase_create("real");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, real_examples_validate_as_a_set);
    tcase_add_test(tc, lulea_partners_signing_outputs);
    tcase_add_test(tc, mala_no_responsible_conditions);
    tcase_add_test(tc, flat_lists_places_municipalities);
    tcase_add_test(tc, flat_and_themed);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
