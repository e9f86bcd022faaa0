/* SPDX-License-Identifier: MIT */
/* The typed model's accessors, against examples/ale-2024.yaml (the real
 * pledge of Ale) and its follow-up example; dates; enumerations; texts in
 * other languages. */
#include "mtest.h"

#include <stdlib.h>
#include <string.h>

#define ALE MT_EXAMPLES "/ale-2024.yaml"
#define ALE_FU MT_EXAMPLES "/ale-2024-follow-up-2025.yaml"

static int str_is(const char *s, size_t len, const char *lit)
{
    return mt_str_is(s, len, lit);
}

#define ASSERT_STR(call, lit)                                                          \
    do {                                                                               \
        const char *s_ = (call);                                                       \
        ck_assert_msg(s_ != NULL, #call " is NULL");                                   \
        ck_assert_str_eq(s_, lit);                                                     \
    } while (0)

START_TEST(ale_document)
{
    pledge_doc *doc = mt_load_file(ALE);
    size_t len;
    const char *s;
    pledge_date d;

    ck_assert_int_eq(pledge_doc_kind_of(doc), PLEDGE_DOC_PLEDGE);
    s = pledge_doc_id(doc, &len);
    ck_assert(str_is(s, len, "ale-2024"));
    s = pledge_doc_title(doc, NULL, &len);
    ck_assert(str_is(s, len, "Ale \xe2\x80\x93 medborgarl\xc3\xb6" "ften"));
    ck_assert_str_eq(pledge_doc_text(doc, "title", NULL, NULL), s);
    ck_assert_str_eq(pledge_doc_text(doc, "title", "sv", NULL), s);
    ck_assert_ptr_null(pledge_doc_text(doc, "title", "en", &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_null(pledge_doc_title(doc, "en", NULL));
    ck_assert_ptr_null(pledge_doc_text(doc, "no-such-key", NULL, NULL));
    s = pledge_doc_language(doc, &len);
    ck_assert(str_is(s, len, "sv"));
    /* "status" is absent: absent means active (nothing is filled in the
     * source tree, though). */
    ck_assert_int_eq(pledge_doc_status_of(doc), PLEDGE_DOC_STATUS_ACTIVE);
    ck_assert_ptr_null(pledge_node_get(pledge_doc_root(doc), "status", 6));
    ck_assert_str_eq(pledge_doc_status_name(pledge_doc_status_of(doc)), "active");
    ck_assert_ptr_null(pledge_doc_supersedes(doc, NULL));
    ASSERT_STR(pledge_doc_municipality(doc, NULL), "Ale kommun");
    ASSERT_STR(pledge_doc_municipality_code(doc, NULL), "1440");
    ASSERT_STR(pledge_doc_police_area(doc, NULL), "Kungälv-Ale");
    ck_assert_ptr_null(pledge_doc_region(doc, NULL));
    ASSERT_STR(pledge_doc_agreement_name(doc, NULL, NULL), "Trygg i Ale");
    ck_assert_ptr_null(pledge_doc_agreement_url(doc, NULL));

    /* "2024 och tillsvidare": start 2024 (a year), no end. */
    d = pledge_doc_period_start(doc);
    ck_assert_int_eq(d.precision, PLEDGE_DATE_YEAR);
    ck_assert_int_eq(d.year, 2024);
    ck_assert_int_eq(d.month, 0);
    ck_assert_int_eq(pledge_doc_period_end(doc).precision, PLEDGE_DATE_NONE);
    ck_assert_int_eq(pledge_doc_period_planned_years(doc), 3);
    ASSERT_STR(pledge_doc_period_label(doc, NULL, NULL), "2024 och tillsvidare");
    s = pledge_doc_focus(doc, NULL, &len);
    ck_assert_ptr_nonnull(s);
    ck_assert(strncmp(s, "Särskilt fokus på att samverka aktivare", 40) == 0);
    ck_assert_uint_eq(strlen(s), len);
    ck_assert_ptr_nonnull(pledge_doc_summary(doc, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(pledge_doc_situation(doc, NULL, NULL), "Trygg i Ale"));

    ck_assert_uint_eq(pledge_doc_follow_up_method_count(doc), 2);
    ck_assert_int_eq(pledge_doc_follow_up_method_at(doc, 0), PLEDGE_SOURCE_SAFETY_SURVEY);
    ck_assert_int_eq(pledge_doc_follow_up_method_at(doc, 1), PLEDGE_SOURCE_CITIZEN_DIALOGUE);
    ck_assert_int_eq(pledge_doc_follow_up_method_at(doc, 2), PLEDGE_SOURCE_NONE);
    ck_assert_int_eq(pledge_doc_follow_up_frequency(doc), PLEDGE_FREQUENCY_CONTINUOUS);
    ck_assert_ptr_nonnull(strstr(pledge_doc_follow_up_description(doc, NULL, NULL),
                                 "trygghetsmätningar och medborgardialoger"));

    /* Follow-up fields on a pledge are empty. */
    ck_assert_ptr_null(pledge_doc_pledge_id(doc, NULL));
    ck_assert_uint_eq(pledge_doc_entry_count(doc), 0);
    ck_assert_uint_eq(pledge_doc_measurement_count(doc), 0);
    ck_assert_int_eq(pledge_doc_date(doc).precision, PLEDGE_DATE_NONE);
    ck_assert_str_eq(pledge_doc_file(doc), ALE);
    ck_assert_uint_eq(pledge_doc_index(doc), 0);
    pledge_doc_free(doc);
}
END_TEST

START_TEST(ale_parties)
{
    pledge_doc *doc = mt_load_file(ALE);
    const pledge_party *k, *p;
    size_t len;
    const char *s;

    ck_assert_uint_eq(pledge_doc_party_count(doc), 2);
    k = pledge_doc_party_at(doc, 0);
    p = pledge_doc_party_at(doc, 1);
    ck_assert_ptr_null(pledge_doc_party_at(doc, 2));
    ck_assert_ptr_eq(pledge_doc_party(doc, "kommun"), k);
    ck_assert_ptr_eq(pledge_doc_party(doc, "polis"), p);
    ck_assert_ptr_null(pledge_doc_party(doc, "polisen"));
    ck_assert_ptr_null(pledge_doc_party(doc, NULL));
    ASSERT_STR(pledge_party_name(k, NULL, NULL), "Ale kommun");
    ASSERT_STR(pledge_party_name(p, NULL, NULL), "Lokalpolisområde Kungälv-Ale");
    ck_assert_int_eq(pledge_party_kind_of(k), PLEDGE_PARTY_MUNICIPALITY);
    ck_assert_int_eq(pledge_party_kind_of(p), PLEDGE_PARTY_POLICE);
    ck_assert_str_eq(pledge_party_kind_name(pledge_party_kind_of(p)), "police");
    ck_assert_uint_eq(pledge_party_identifier_count(k), 1);
    s = pledge_party_identifier_scheme(k, 0, &len);
    ck_assert(str_is(s, len, "scb-kommunkod"));
    s = pledge_party_identifier_value(k, 0, &len);
    ck_assert(str_is(s, len, "1440"));
    ck_assert_ptr_null(pledge_party_identifier_value(k, 1, NULL));
    ck_assert_uint_eq(pledge_party_identifier_count(p), 0);
    ck_assert_uint_eq(pledge_party_index(p), 1);
    pledge_doc_free(doc);
}
END_TEST

/* Every activity of the seed, in order, with its responsible parties. */
static const struct {
    const char *theme;
    const char *id;
    const char *responsible;
} ale_activities[11] = {
    { "trafiksakerhet-och-trygga-miljoer", "tryggare-trafikmiljo", "kommun polis" },
    { "trafiksakerhet-och-trygga-miljoer", "fysiska-miljoer", "kommun" },
    { "naringsliv", "samverkan-naringslivet", "kommun polis" },
    { "overgripande-arbete", "psykisk-halsa-och-suicidprevention", "kommun" },
    { "overgripande-arbete", "vald-i-relationer", "kommun polis" },
    { "overgripande-arbete", "informera", "kommun polis" },
    { "unga", "valdsprevention", "kommun" },
    { "unga", "vald-i-nara-relationer-unga", "kommun" },
    { "unga", "digitala-vanor", "kommun" },
    { "unga", "informationsmoten-foraldrar", "kommun polis" },
    { "unga", "tidiga-insatser", "kommun" },
};

START_TEST(ale_themes_and_activities)
{
    pledge_doc *doc = mt_load_file(ALE);
    size_t i, j, n = 0;
    static const size_t per_theme[4] = { 2, 1, 3, 5 };

    ck_assert_uint_eq(pledge_doc_theme_count(doc), 4);
    for (i = 0; i < 4; i++) {
        const pledge_theme *t = pledge_doc_theme_at(doc, i);
        ck_assert_uint_eq(pledge_theme_index(t), i);
        ck_assert_uint_eq(pledge_theme_activity_count(t), per_theme[i]);
        ck_assert_ptr_eq(pledge_doc_theme(doc, pledge_theme_id(t, NULL)), t);
        ck_assert_ptr_nonnull(pledge_theme_title(t, NULL, NULL));
        for (j = 0; j < pledge_theme_activity_count(t); j++, n++)
            ck_assert_ptr_eq(pledge_theme_activity_at(t, j), pledge_doc_activity_at(doc, n));
        ck_assert_ptr_null(pledge_theme_activity_at(t, j));
    }
    ck_assert_str_eq(pledge_theme_title(pledge_doc_theme_at(doc, 2), NULL, NULL),
                     "Samverkan i det övergripande trygghetsfrämjande och brottsförebyggande "
                     "arbetet");
    ck_assert_uint_eq(pledge_doc_activity_count(doc), 11);
    for (i = 0; i < 11; i++) {
        const pledge_activity *a = pledge_doc_activity_at(doc, i);
        char resp[64] = "";
        size_t len;
        ck_assert_str_eq(pledge_activity_id(a, &len), ale_activities[i].id);
        ck_assert_uint_eq(len, strlen(ale_activities[i].id));
        ck_assert_str_eq(pledge_theme_id(pledge_activity_theme(a), NULL), ale_activities[i].theme);
        ck_assert_uint_eq(pledge_activity_index(a), i);
        ck_assert_ptr_eq(pledge_doc_activity(doc, ale_activities[i].id), a);
        for (j = 0; j < pledge_activity_responsible_count(a); j++) {
            const pledge_party *p = pledge_activity_responsible_at(a, j);
            ck_assert_ptr_eq(p, pledge_doc_party(doc, pledge_party_id(p, NULL)));
            if (j)
                strcat(resp, " ");
            strcat(resp, pledge_party_id(p, NULL));
        }
        ck_assert_str_eq(resp, ale_activities[i].responsible);
        ck_assert_ptr_null(pledge_activity_responsible_at(a, j));
        /* The seed links activities to no problem or goal. */
        ck_assert_uint_eq(pledge_activity_problem_count(a), 0);
        ck_assert_uint_eq(pledge_activity_goal_count(a), 0);
        ck_assert_ptr_nonnull(pledge_activity_text(a, NULL, NULL));
        ck_assert_ptr_null(pledge_activity_text(a, "en", NULL));
        ck_assert_int_eq(pledge_activity_has_target(a), 0);
        ck_assert_int_eq(pledge_activity_target_quantity(a), -1);
    }
    ck_assert_ptr_null(pledge_doc_activity_at(doc, 11));
    ck_assert_ptr_null(pledge_doc_activity(doc, "no-such-activity"));
    ck_assert_str_eq(pledge_activity_text(pledge_doc_activity(doc, "tryggare-trafikmiljo"), NULL,
                                          NULL),
                     "Arbeta för tryggare trafikmiljö.");
    ck_assert_int_eq(pledge_activity_recurrence(pledge_doc_activity(doc,
                                                                    "informationsmoten-foraldrar")),
                     PLEDGE_RECURRENCE_YEARLY);
    ck_assert_int_eq(pledge_activity_recurrence(pledge_doc_activity(doc, "informera")),
                     PLEDGE_RECURRENCE_NONE);
    pledge_doc_free(doc);
}
END_TEST

START_TEST(ale_situation)
{
    pledge_doc *doc = mt_load_file(ALE);
    const pledge_problem *p;
    const pledge_source *s;
    ck_assert_uint_ge(pledge_doc_source_count(doc), 5);
    s = pledge_doc_source(doc, "trygghetsmatningar");
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(pledge_source_kind_of(s), PLEDGE_SOURCE_SAFETY_SURVEY);
    ck_assert_str_eq(pledge_source_kind_name(pledge_source_kind_of(s)), "safety_survey");
    ck_assert_int_eq(pledge_source_year(s), 0);
    ck_assert_uint_eq(pledge_doc_problem_count(doc), 3);
    p = pledge_doc_problem_at(doc, 0);
    ck_assert_ptr_eq(pledge_doc_problem(doc, pledge_problem_id(p, NULL)), p);
    ck_assert_str_eq(pledge_problem_title(p, NULL, NULL), "det psykiska måendet");
    ck_assert_ptr_nonnull(strstr(pledge_problem_description(p, NULL, NULL), "psykisk ohälsa"));
    ck_assert_uint_ge(pledge_problem_source_count(p), 1);
    ck_assert_ptr_eq(pledge_problem_source_at(p, 0),
                     pledge_doc_source(doc, pledge_source_id(pledge_problem_source_at(p, 0),
                                                             NULL)));
    ck_assert_ptr_null(pledge_problem_source_at(p, 99));
    ck_assert_str_eq(pledge_problem_title(pledge_doc_problem_at(doc, 1), NULL, NULL),
                     "våld i nära relationer");
    ck_assert_str_eq(pledge_problem_title(pledge_doc_problem_at(doc, 2), NULL, NULL),
                     "trafikrelaterade brott");
    pledge_doc_free(doc);
}
END_TEST

START_TEST(ale_goals)
{
    pledge_doc *doc = mt_load_file(ALE);
    static const char *const texts[4] = {
        "Ökad trygghet bland invånarna.",
        "Ökat förtroende för polis och kommun och övriga samverkansaktörer hos invånarna.",
        "Upplevda problem med narkotika och trafik ska minska.",
        "Polisen ska uppfattas som mer tillgänglig.",
    };
    size_t i;
    ck_assert_uint_eq(pledge_doc_goal_count(doc), 4);
    ck_assert_uint_eq(pledge_doc_indicator_count(doc), 4);
    for (i = 0; i < 4; i++) {
        const pledge_goal *g = pledge_doc_goal_at(doc, i);
        const pledge_indicator *ind;
        ck_assert_str_eq(pledge_goal_text(g, NULL, NULL), texts[i]);
        ck_assert_ptr_eq(pledge_doc_goal(doc, pledge_goal_id(g, NULL)), g);
        ck_assert_uint_eq(pledge_goal_index(g), i);
        /* One indicator per goal, as the follow-up plan implies: the
         * safety survey's share of residents. No figures. */
        ck_assert_uint_eq(pledge_goal_indicator_count(g), 1);
        ind = pledge_goal_indicator_at(g, 0);
        ck_assert_ptr_eq(ind, pledge_doc_indicator_at(doc, i));
        ck_assert_ptr_eq(pledge_doc_indicator(doc, pledge_indicator_id(ind, NULL)), ind);
        ck_assert_ptr_eq(pledge_indicator_goal(ind), g);
        ck_assert_uint_eq(pledge_indicator_index(ind), i);
        ck_assert_int_eq(pledge_indicator_unit(ind), PLEDGE_UNIT_PERCENT);
        ck_assert_int_eq(pledge_indicator_direction(ind),
                         i == 2 ? PLEDGE_DIRECTION_DECREASE : PLEDGE_DIRECTION_INCREASE);
        ck_assert_int_eq(pledge_source_kind_of(pledge_indicator_source(ind)),
                         PLEDGE_SOURCE_SAFETY_SURVEY);
        ck_assert_int_eq(pledge_indicator_has_baseline(ind), 0);
        ck_assert_int_eq(pledge_indicator_has_target(ind), 0);
        ck_assert_int_eq(pledge_indicator_baseline_date(ind).precision, PLEDGE_DATE_NONE);
    }
    ck_assert_ptr_null(pledge_goal_indicator_at(pledge_doc_goal_at(doc, 0), 1));
    pledge_doc_free(doc);
}
END_TEST

START_TEST(ale_channels_and_contacts)
{
    pledge_doc *doc = mt_load_file(ALE);
    static const struct {
        pledge_channel_kind kind;
        const char *url, *name, *owner;
    } want[5] = {
        { PLEDGE_CHANNEL_WEB, "https://www.polisen.se/Medborgarloften", NULL, "polis" },
        { PLEDGE_CHANNEL_FACEBOOK, NULL, "Polisen Kungälv och Ale", "polis" },
        { PLEDGE_CHANNEL_INSTAGRAM, NULL, "polisen.kungalv.ale", "polis" },
        { PLEDGE_CHANNEL_WEB, "https://www.ale.se", NULL, "kommun" },
        { PLEDGE_CHANNEL_FACEBOOK, NULL, "Ale kommun", "kommun" },
    };
    const pledge_contact *c;
    size_t i;
    ck_assert_uint_eq(pledge_doc_channel_count(doc), 5);
    for (i = 0; i < 5; i++) {
        const pledge_channel *ch = pledge_doc_channel_at(doc, i);
        ck_assert_int_eq(pledge_channel_kind_of(ch), want[i].kind);
        if (want[i].url)
            ck_assert_str_eq(pledge_channel_url(ch, NULL), want[i].url);
        else
            ck_assert_ptr_null(pledge_channel_url(ch, NULL));
        if (want[i].name)
            ck_assert_str_eq(pledge_channel_name(ch, NULL, NULL), want[i].name);
        ck_assert_ptr_eq(pledge_channel_owner(ch), pledge_doc_party(doc, want[i].owner));
    }
    ck_assert_ptr_null(pledge_doc_channel_at(doc, 5));
    ck_assert_str_eq(pledge_channel_kind_name(PLEDGE_CHANNEL_INSTAGRAM), "instagram");
    ck_assert_uint_eq(pledge_doc_contact_count(doc), 1);
    c = pledge_doc_contact_at(doc, 0);
    ck_assert_ptr_eq(pledge_contact_party(c), pledge_doc_party(doc, "polis"));
    ck_assert_str_eq(pledge_contact_name(c, NULL), "Jessica Ask");
    ck_assert_str_eq(pledge_contact_phone(c, NULL), "010-565 44 56");
    ck_assert_ptr_null(pledge_contact_email(c, NULL));
    ck_assert(strncmp(pledge_contact_note(c, NULL, NULL), "Har du synpunkter, tips och idéer",
                      strlen("Har du synpunkter, tips och idéer")) == 0);
    pledge_doc_free(doc);
}
END_TEST

START_TEST(ale_follow_up)
{
    pledge_doc *fu = mt_load_file(ALE_FU);
    const pledge_entry *e;
    const pledge_measurement *m;
    pledge_date d;
    size_t i, len, seen[PLEDGE_STATUS_COUNT] = { 0 };

    ck_assert_int_eq(pledge_doc_kind_of(fu), PLEDGE_DOC_FOLLOW_UP);
    ck_assert_str_eq(pledge_doc_kind_name(pledge_doc_kind_of(fu)), "follow-up/1");
    ck_assert_str_eq(pledge_doc_pledge_id(fu, &len), "ale-2024");
    ck_assert_uint_eq(len, 8);
    /* No language of its own: its pledge's. */
    ck_assert_ptr_null(pledge_doc_language(fu, NULL));
    d = pledge_doc_date(fu);
    ck_assert_int_eq(d.precision, PLEDGE_DATE_DAY);
    ck_assert_int_eq(pledge_date_compare(pledge_doc_period_start(fu), pledge_doc_period_end(fu)),
                     -1);
    ck_assert_uint_eq(pledge_doc_activity_count(fu), 0);
    ck_assert_int_eq(pledge_doc_status_of(fu), PLEDGE_DOC_STATUS_NONE);
    ck_assert_uint_ge(pledge_doc_entry_count(fu), 7);
    for (i = 0; i < pledge_doc_entry_count(fu); i++) {
        e = pledge_doc_entry_at(fu, i);
        seen[pledge_entry_status(e)]++;
        ck_assert_ptr_eq(pledge_doc_entry(fu, pledge_entry_activity_id(e, NULL)), e);
    }
    /* Every status of 1.0 is used (not_done came with 1.1). */
    for (i = 1; i < PLEDGE_STATUS_COUNT; i++)
        if (i != PLEDGE_STATUS_NOT_DONE)
            ck_assert_msg(seen[i] > 0, "status %s unused", pledge_status_name((pledge_status)i));
    e = pledge_doc_entry(fu, "informationsmoten-foraldrar");
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(pledge_entry_status(e), PLEDGE_STATUS_DONE);
    ck_assert_int_ge(pledge_entry_done(e), 0);
    ck_assert_ptr_null(pledge_doc_entry(fu, "no-such-activity"));
    ck_assert_uint_ge(pledge_doc_measurement_count(fu), 2);
    m = pledge_doc_measurement_at(fu, 0);
    ck_assert_int_eq(pledge_measurement_has_value(m), 1);
    ck_assert_int_eq(pledge_measurement_date(m).precision, PLEDGE_DATE_DAY);
    ck_assert_ptr_nonnull(pledge_measurement_indicator_id(m, NULL));
    pledge_doc_free(fu);
}
END_TEST

/* Text in several languages, numbers, targets, every optional field. */
static const char *const full_pledge =
    "format: pledge/1\n"
    "id: full-2025\n"
    "title:\n"
    "  sv: Fullt löfte\n"
    "  en: Full pledge\n"
    "language: sv\n"
    "status: draft\n"
    "supersedes: full-2022\n"
    "area: {municipality: Exempel kommun, municipality_code: \"0001\", police_area: Exempel, "
    "region: Region Exempel}\n"
    "agreement: {name: {sv: Trygg i Exempel, en: Safe in Example}, url: https://example.org/a}\n"
    "parties:\n"
    "  - id: kommun\n"
    "    name: Exempel kommun\n"
    "    kind: municipality\n"
    "    url: https://example.org\n"
    "  - id: skola\n"
    "    name: {sv: Skolan, en: The school}\n"
    "    kind: school\n"
    "period: {start: 2025-03, end: \"2027-06-30\", planned_years: 2}\n"
    "situation:\n"
    "  sources:\n"
    "    - {id: enkat, kind: school_survey, year: 2024, url: https://example.org/e}\n"
    "    - {kind: other}\n"
    "  problems:\n"
    "    - {id: klotter, title: Klotter, sources: [enkat]}\n"
    "themes:\n"
    "  - id: t\n"
    "    title: Tema\n"
    "    description: Beskrivning\n"
    "    activities:\n"
    "      - id: kontroller\n"
    "        text: {sv: Kontroller, en: Checks}\n"
    "        responsible: [skola, kommun]\n"
    "        addresses: [klotter]\n"
    "        goals: [g]\n"
    "        target_group: Elever\n"
    "        recurrence: continuous\n"
    "        target: {quantity: 70, comparator: at_least, unit: kontroller, per: year}\n"
    "goals:\n"
    "  - id: g\n"
    "    text: Mål\n"
    "    level: outcome\n"
    "    indicators:\n"
    "      - id: antal\n"
    "        text: Antal\n"
    "        unit: count\n"
    "        direction: decrease\n"
    "        baseline: {value: 12, date: 2024-12-31}\n"
    "        target: {value: 7.5, date: 2027-06-30}\n"
    "      - id: beskrivning\n"
    "        text: Bedömning\n"
    "        unit: text\n"
    "channels:\n"
    "  - {kind: meeting, name: Medborgardialog}\n"
    "contacts:\n"
    "  - {party: kommun, role: {sv: Samordnare, en: Coordinator}, email: a@example.org}\n"
    "x-note: kept\n";

START_TEST(full_pledge_fields)
{
    pledge_doc *doc = mt_load(full_pledge);
    const pledge_activity *a = pledge_doc_activity(doc, "kontroller");
    const pledge_indicator *ind = pledge_doc_indicator(doc, "antal");
    const pledge_source *src;
    pledge_number n;
    pledge_date d;
    size_t len;

    ck_assert_str_eq(pledge_doc_title(doc, NULL, &len), "Fullt löfte");
    ck_assert_uint_eq(len, strlen("Fullt löfte"));
    ck_assert_str_eq(pledge_doc_title(doc, "en", NULL), "Full pledge");
    ck_assert_str_eq(pledge_doc_text(doc, "title", "en", NULL), "Full pledge");
    ck_assert_ptr_null(pledge_doc_title(doc, "fi", NULL));
    ck_assert_int_eq(pledge_doc_status_of(doc), PLEDGE_DOC_STATUS_DRAFT);
    ck_assert_str_eq(pledge_doc_supersedes(doc, NULL), "full-2022");
    ck_assert_str_eq(pledge_doc_region(doc, NULL), "Region Exempel");
    ck_assert_str_eq(pledge_doc_agreement_name(doc, "en", NULL), "Safe in Example");
    ck_assert_str_eq(pledge_doc_agreement_url(doc, NULL), "https://example.org/a");
    d = pledge_doc_period_start(doc);
    ck_assert_int_eq(d.precision, PLEDGE_DATE_MONTH);
    ck_assert_int_eq(d.year, 2025);
    ck_assert_int_eq(d.month, 3);
    d = pledge_doc_period_end(doc);
    ck_assert_int_eq(d.precision, PLEDGE_DATE_DAY);
    ck_assert_int_eq(d.day, 30);
    ck_assert_ptr_null(pledge_doc_period_label(doc, NULL, NULL));
    ck_assert_str_eq(pledge_party_name(pledge_doc_party(doc, "skola"), "en", NULL), "The school");
    ck_assert_str_eq(pledge_party_url(pledge_doc_party(doc, "kommun"), NULL),
                     "https://example.org");
    ck_assert_uint_eq(pledge_doc_source_count(doc), 2);
    src = pledge_doc_source_at(doc, 1);
    ck_assert_ptr_null(pledge_source_id(src, &len));
    ck_assert_uint_eq(len, 0);
    src = pledge_doc_source(doc, "enkat");
    ck_assert_int_eq(pledge_source_year(src), 2024);
    ck_assert_ptr_eq(pledge_problem_source_at(pledge_doc_problem(doc, "klotter"), 0), src);

    ck_assert_str_eq(pledge_theme_description(pledge_doc_theme(doc, "t"), NULL, NULL),
                     "Beskrivning");
    ck_assert_str_eq(pledge_activity_text(a, "en", NULL), "Checks");
    ck_assert_str_eq(pledge_party_id(pledge_activity_responsible_at(a, 0), NULL), "skola");
    ck_assert_ptr_eq(pledge_activity_problem_at(a, 0), pledge_doc_problem(doc, "klotter"));
    ck_assert_ptr_eq(pledge_activity_goal_at(a, 0), pledge_doc_goal(doc, "g"));
    ck_assert_str_eq(pledge_activity_target_group(a, NULL, NULL), "Elever");
    ck_assert_int_eq(pledge_activity_recurrence(a), PLEDGE_RECURRENCE_CONTINUOUS);
    ck_assert_int_eq(pledge_activity_has_target(a), 1);
    ck_assert_int_eq(pledge_activity_target_quantity(a), 70);
    ck_assert_int_eq(pledge_activity_target_comparator(a), PLEDGE_COMPARATOR_AT_LEAST);
    ck_assert_str_eq(pledge_comparator_name(pledge_activity_target_comparator(a)), "at_least");
    ck_assert_str_eq(pledge_activity_target_unit(a, NULL, NULL), "kontroller");
    ck_assert_int_eq(pledge_activity_target_per(a), PLEDGE_PER_YEAR);
    ck_assert_int_eq(pledge_goal_level_of(pledge_doc_goal(doc, "g")), PLEDGE_GOAL_LEVEL_OUTCOME);

    ck_assert_int_eq(pledge_indicator_direction(ind), PLEDGE_DIRECTION_DECREASE);
    ck_assert_int_eq(pledge_indicator_has_baseline(ind), 1);
    n = pledge_indicator_baseline_value(ind);
    ck_assert_int_eq(n.is_integer, 1);
    ck_assert_int_eq(n.integer, 12);
    ck_assert(n.value == 12.0);
    n = pledge_indicator_target_value(ind);
    ck_assert_int_eq(n.is_integer, 0);
    ck_assert(n.value == 7.5);
    d = pledge_indicator_target_date(ind);
    ck_assert_int_eq(d.year * 10000 + d.month * 100 + d.day, 20270630);
    ind = pledge_doc_indicator(doc, "beskrivning");
    ck_assert_int_eq(pledge_indicator_unit(ind), PLEDGE_UNIT_TEXT);
    ck_assert_int_eq(pledge_indicator_direction(ind), PLEDGE_DIRECTION_NONE);
    ck_assert_ptr_null(pledge_direction_name(PLEDGE_DIRECTION_NONE));
    ck_assert_str_eq(pledge_unit_name(PLEDGE_UNIT_TEXT), "text");

    ck_assert_int_eq(pledge_channel_kind_of(pledge_doc_channel_at(doc, 0)), PLEDGE_CHANNEL_MEETING);
    ck_assert_ptr_null(pledge_channel_owner(pledge_doc_channel_at(doc, 0)));
    ck_assert_str_eq(pledge_contact_role(pledge_doc_contact_at(doc, 0), "en", NULL),
                     "Coordinator");
    ck_assert_str_eq(pledge_contact_email(pledge_doc_contact_at(doc, 0), NULL), "a@example.org");
    ck_assert_ptr_null(pledge_contact_name(pledge_doc_contact_at(doc, 0), NULL));
    pledge_doc_free(doc);
}
END_TEST

START_TEST(null_objects)
{
    size_t len = 99;
    ck_assert_ptr_null(pledge_doc_id(NULL, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(pledge_doc_activity_count(NULL), 0);
    ck_assert_ptr_null(pledge_doc_activity(NULL, "x"));
    ck_assert_ptr_null(pledge_activity_text(NULL, NULL, &len));
    ck_assert_ptr_null(pledge_party_id(NULL, NULL));
    ck_assert_int_eq(pledge_doc_period_start(NULL).precision, PLEDGE_DATE_NONE);
    ck_assert_int_eq(pledge_indicator_baseline_value(NULL).is_integer, 0);
    ck_assert_ptr_null(pledge_doc_root(NULL));
    ck_assert_str_eq(pledge_doc_file(NULL), "");
    pledge_doc_free(NULL);
}
END_TEST

START_TEST(dates)
{
    pledge_date a, b;
    char buf[16];
    ck_assert_int_eq(pledge_date_parse(&a, "2024", 4), 0);
    ck_assert_int_eq(a.precision, PLEDGE_DATE_YEAR);
    ck_assert_int_eq(pledge_date_parse(&b, "2024-02", 7), 0);
    ck_assert_int_eq(b.precision, PLEDGE_DATE_MONTH);
    ck_assert_int_lt(pledge_date_compare(a, b), 0);
    ck_assert_int_eq(pledge_date_parse(&b, "2024-02-29", 10), 0); /* a leap day */
    ck_assert_int_eq(pledge_date_parse(&b, "2023-02-29", 10), PLEDGE_EINVALID);
    ck_assert_int_eq(b.precision, PLEDGE_DATE_NONE);
    ck_assert_int_eq(pledge_date_parse(&b, "1900-02-29", 10), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_date_parse(&b, "2000-02-29", 10), 0);
    ck_assert_int_eq(pledge_date_parse(&b, "2024-13", 7), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_date_parse(&b, "2024-04-31", 10), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_date_parse(&b, "24-01-01", 8), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_date_parse(&b, "2024/01/01", 10), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_date_parse(&b, "0000", 4), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_date_parse(NULL, "2024", 4), PLEDGE_EARG);

    /* As a start a partial date is its first day, as an end its last. */
    pledge_date_parse(&b, "2024-02", 7);
    ck_assert_uint_eq(pledge_date_format(pledge_date_last_day(b), buf, sizeof buf), 10);
    ck_assert_str_eq(buf, "2024-02-29");
    pledge_date_format(pledge_date_first_day(a), buf, sizeof buf);
    ck_assert_str_eq(buf, "2024-01-01");
    pledge_date_format(pledge_date_last_day(a), buf, sizeof buf);
    ck_assert_str_eq(buf, "2024-12-31");
    pledge_date_format(b, buf, sizeof buf);
    ck_assert_str_eq(buf, "2024-02");
    ck_assert_uint_eq(pledge_date_format(b, buf, 5), 7);
    ck_assert_str_eq(buf, "2024");

    pledge_date_parse(&a, "1970-01-01", 10);
    ck_assert_int_eq(pledge_date_days(a), 0);
    pledge_date_parse(&a, "2000-03-01", 10);
    ck_assert_int_eq(pledge_date_days(a), 11017);
    pledge_date_parse(&b, "2024-12-31", 10);
    pledge_date_parse(&a, "2024-01-01", 10);
    ck_assert_int_eq(pledge_date_days(b) - pledge_date_days(a), 365);
    pledge_date_parse(&a, "1969-12-31", 10);
    ck_assert_int_eq(pledge_date_days(a), -1);
    ck_assert_int_eq(pledge_date_days(pledge_date_first_day(b)), pledge_date_days(b));
    a.precision = PLEDGE_DATE_NONE;
    ck_assert_int_lt(pledge_date_compare(a, b), 0);
    ck_assert_int_eq(pledge_date_compare(a, a), 0);
}
END_TEST

START_TEST(enum_names)
{
    ck_assert_str_eq(pledge_status_name(PLEDGE_STATUS_NOT_REPORTED), "not_reported");
    ck_assert_str_eq(pledge_status_name(PLEDGE_STATUS_PARTIALLY_DONE), "partially_done");
    ck_assert_str_eq(pledge_status_name(PLEDGE_STATUS_NOT_ASSESSABLE), "not_assessable");
    ck_assert_ptr_null(pledge_status_name((pledge_status)99));
    ck_assert_str_eq(pledge_status_label_sv(PLEDGE_STATUS_NOT_STARTED), "ej påbörjad");
    ck_assert_str_eq(pledge_status_label_sv(PLEDGE_STATUS_CANCELLED), "struken");
    ck_assert_str_eq(pledge_frequency_name(PLEDGE_FREQUENCY_HALF_YEAR), "half_year");
    ck_assert_str_eq(pledge_recurrence_name(PLEDGE_RECURRENCE_ONCE), "once");
    ck_assert_str_eq(pledge_per_name(PLEDGE_PER_PERIOD), "period");
    ck_assert_str_eq(pledge_goal_level_name(PLEDGE_GOAL_LEVEL_IMPACT), "impact");
    ck_assert_str_eq(pledge_party_kind_name(PLEDGE_PARTY_OTHER), "other");
    ck_assert_ptr_null(pledge_party_kind_name(PLEDGE_PARTY_NONE));
    ck_assert_str_eq(pledge_source_kind_name(PLEDGE_SOURCE_NATIONAL_REPORT), "national_report");
    ck_assert_str_eq(pledge_doc_status_name(PLEDGE_DOC_STATUS_SUPERSEDED), "superseded");
    ck_assert_str_eq(pledge_track_name(PLEDGE_TRACK_OFF), "off_track");
    ck_assert_str_eq(pledge_doc_kind_name(PLEDGE_DOC_PLEDGE), "pledge/1");
}
END_TEST

START_TEST(schema_sources)
{
    size_t len = 0;
    const char *s = pledge_format_schema_source("pledge/1", &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_gt(len, 100);
    ck_assert_uint_eq(strlen(s), len);
    ck_assert_ptr_nonnull(strstr(s, "pledge/1"));
    s = pledge_format_schema_source("follow-up/1", &len);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(strstr(s, "follow-up/1"));
    ck_assert_ptr_null(pledge_format_schema_source("pledge/2", &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_null(pledge_format_schema_source(NULL, NULL));
}
END_TEST

/* The built-in schemas are compiled without the metaschema check
 * (builtin.c): here they must pass it, with formats asserted as there. */
START_TEST(schema_sources_meet_the_metaschema)
{
    static const char *const formats[] = { "pledge/1", "follow-up/1" };
    size_t i;
    for (i = 0; i < 2; i++) {
        pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
        pledge_schema *schema = NULL;
        pledge_diag_list *d = NULL;
        size_t len = 0;
        const char *s = pledge_format_schema_source(formats[i], &len);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_eq(pledge_diag_list_new(&d, NULL), PLEDGE_OK);
        opts.flags = PLEDGE_SCHEMA_ASSERT_FORMATS;
        ck_assert_int_eq(pledge_schema_compile_buffer(&schema, formats[i], s, len, &opts, d),
                         PLEDGE_OK);
        ck_assert_ptr_nonnull(schema);
        ck_assert_uint_eq(pledge_diag_list_count(d), 0);
        pledge_schema_free(schema);
        pledge_diag_list_free(d);
    }
}
END_TEST

START_TEST(load_one_document_only)
{
    pledge_diag_list *d;
    pledge_doc *doc = (pledge_doc *)1;
    static const char two[] = "format: follow-up/1\npledge: p\ndate: 2025-01-01\n"
                              "period: {start: 2024-01-01, end: 2024-12-31}\n---\n"
                              "format: follow-up/1\npledge: p\ndate: 2025-01-01\n"
                              "period: {start: 2024-01-01, end: 2024-12-31}\n";
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    /* Not exactly one document: invalid input, with a diagnostic. */
    ck_assert_int_eq(pledge_doc_load_buffer(&doc, "two.yaml", two, strlen(two), NULL, d),
                     PLEDGE_EINVALID);
    ck_assert_ptr_null(doc);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "yaml.syntax");
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->file, "two.yaml");
    ck_assert_uint_eq(pledge_diag_list_at(d, 0)->document, 1);
    ck_assert_int_eq(pledge_doc_load_buffer(&doc, "empty.yaml", "", 0, NULL, d),
                     PLEDGE_EINVALID);
    ck_assert_uint_eq(pledge_diag_list_count(d), 2);
    ck_assert_str_eq(pledge_diag_list_at(d, 1)->file, "empty.yaml");
    pledge_diag_list_clear(d);
    ck_assert_int_eq(pledge_doc_load_buffer(&doc, "one.yaml", two,
                                            (size_t)(strstr(two, "---") - two), NULL, d),
                     0);
    ck_assert_ptr_nonnull(doc);
    pledge_doc_free(doc);
    ck_assert_int_eq(pledge_doc_load_file(&doc, "/nonexistent/x.yaml", NULL, d), PLEDGE_EIO);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "io.error");
    ck_assert_int_eq(pledge_doc_load_file(NULL, ALE, NULL, d), PLEDGE_EARG);
    ck_assert_int_eq(pledge_doc_from_tree(&doc, NULL, NULL, d), PLEDGE_EARG);
    pledge_diag_list_free(d);
}
END_TEST

START_TEST(from_tree_copies_or_takes)
{
    pledge_diag_list *d;
    pledge_tree *tree;
    pledge_doc *a, *b;
    size_t len;
    char *text = test_read_file(ALE, &len);
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_tree_parse(&tree, "ale.yaml", text, len, NULL, d), 0);
    /* Borrowed: the document keeps its own copy. */
    ck_assert_int_eq(pledge_doc_from_tree(&a, tree, NULL, d), 0);
    ck_assert_ptr_ne(pledge_doc_root(a), pledge_tree_root(tree));
    /* Validation only (no model wanted). */
    ck_assert_int_eq(pledge_doc_from_tree(NULL, tree, NULL, d), 0);
    /* Owned: no copy. */
    {
        const pledge_node *root = pledge_tree_root(tree);
        ck_assert_int_eq(pledge_doc_from_tree_owned(&b, tree, NULL, d), 0);
        ck_assert_ptr_eq(pledge_doc_root(b), root);
    }
    ck_assert_str_eq(pledge_doc_file(a), "ale.yaml");
    mt_model_equal(a, b);
    ck_assert(pledge_doc_equal(a, b));
    ck_assert_uint_eq(pledge_diag_list_count(d), 0);
    pledge_doc_free(a);
    pledge_doc_free(b);
    pledge_diag_list_free(d);
    free(text);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_access");
    TCase *tc = tcase_create("ale");
    tcase_add_test(tc, ale_document);
    tcase_add_test(tc, ale_parties);
    tcase_add_test(tc, ale_themes_and_activities);
    tcase_add_test(tc, ale_situation);
    tcase_add_test(tc, ale_goals);
    tcase_add_test(tc, ale_channels_and_contacts);
    tcase_add_test(tc, ale_follow_up);
    suite_add_tcase(s, tc);
    tc = tcase_create("fields");
    tcase_add_test(tc, full_pledge_fields);
    tcase_add_test(tc, null_objects);
    tcase_add_test(tc, dates);
    tcase_add_test(tc, enum_names);
    tcase_add_test(tc, schema_sources);
    tcase_add_test(tc, schema_sources_meet_the_metaschema);
    tcase_add_test(tc, load_one_document_only);
    tcase_add_test(tc, from_tree_copies_or_takes);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
