/* SPDX-License-Identifier: MIT */
/* Progress, definition by definition (format.md, last section): latest
 * status and its tie-breaks, not_reported, status counts, share done,
 * measurements in order, change, and the on-track line. */
#include "mtest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pledge_yaml =
    "format: pledge/1\n"
    "id: p\n"
    "title: T\n"
    "language: sv\n"
    "parties: [{id: kommun, name: K, kind: municipality}]\n"
    "period: {start: 2024}\n"
    "themes:\n"
    "  - id: t\n"
    "    title: T\n"
    "    activities:\n"
    "      - {id: a1, text: X, responsible: [kommun]}\n"
    "      - {id: a2, text: X, responsible: [kommun]}\n"
    "      - {id: a3, text: X, responsible: [kommun]}\n"
    "      - {id: a4, text: X, responsible: [kommun]}\n"
    "      - {id: a5, text: X, responsible: [kommun]}\n"
    "goals:\n"
    "  - id: g\n"
    "    text: M\n"
    "    indicators:\n"
    /* +1 a day from 2024-01-01 (50) to 2024-01-11 (60) */
    "      - {id: up, text: X, unit: percent, direction: increase,\n"
    "         baseline: {value: 50, date: 2024-01-01}, target: {value: 60, date: 2024-01-11}}\n"
    /* -10 a day from 100 to 0 */
    "      - {id: down, text: X, unit: count, direction: decrease,\n"
    "         baseline: {value: 100, date: 2024-01-01}, target: {value: 0, date: 2024-01-11}}\n"
    "      - {id: keep, text: X, unit: index, direction: maintain,\n"
    "         baseline: {value: 7, date: 2024-01-01}, target: {value: 5, date: 2024-12-31}}\n"
    "      - {id: nobase, text: X, unit: count, direction: increase,\n"
    "         target: {value: 10, date: 2024-12-31}}\n"
    "      - {id: notarget, text: X, unit: count, direction: increase,\n"
    "         baseline: {value: 3, date: 2024-01-01}}\n"
    "      - {id: same, text: X, unit: count, direction: increase,\n"
    "         baseline: {value: 1, date: 2024-06-01}, target: {value: 2, date: 2024-06-01}}\n"
    "      - {id: third, text: X, unit: rate, direction: increase,\n"
    "         baseline: {value: 0, date: 2024-01-01}, target: {value: 1, date: 2024-01-04}}\n"
    "      - {id: words, text: X, unit: text}\n";

/* A follow-up of pledge @p pledge dated @p date for the period ending
 * @p end, with @p body (activities/indicators) appended. */
static pledge_doc *fu(const char *pledge, const char *date, const char *end, const char *body)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "format: follow-up/1\npledge: %s\ndate: %s\nperiod: {start: 2023-01-01, end: %s}\n%s",
             pledge, date, end, body);
    return mt_load(buf);
}

/* A follow-up with one measurement. */
static pledge_doc *measure(const char *indicator, const char *value, const char *date)
{
    char body[256];
    snprintf(body, sizeof body, "indicators:\n  - {indicator: %s, %s%s%sdate: %s}\n", indicator,
             value ? "value: " : "", value ? value : "", value ? ", " : "", date);
    return fu("p", "2025-01-01", "2024-12-31", body);
}

static pledge_progress *progress_of(const pledge_doc *p, pledge_doc **fus, size_t n)
{
    pledge_progress *prog = NULL;
    ck_assert_int_eq(pledge_progress_compute(&prog, p, (const pledge_doc *const *)fus, n, NULL),
                     0);
    ck_assert_ptr_nonnull(prog);
    return prog;
}

static void free_all(pledge_doc **docs, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        pledge_doc_free(docs[i]);
}

START_TEST(latest_status_and_tie_breaks)
{
    pledge_doc *p = mt_load(pledge_yaml);
    pledge_doc *f[4];
    pledge_progress *prog;

    f[0] = fu("p", "2025-01-01", "2024-12-31",
              "activities:\n  - {activity: a1, status: done, comment: C}\n"
              "  - {activity: a2, status: stalled}\n  - {activity: a3, status: in_progress}\n");
    /* Later in load order but dated earlier: loses. */
    f[1] = fu("p", "2024-06-01", "2024-05-31",
              "activities:\n  - {activity: a1, status: in_progress}\n");
    /* Same date, earlier period end: loses. */
    f[2] = fu("p", "2025-01-01", "2024-06-30",
              "activities:\n  - {activity: a2, status: cancelled}\n");
    /* Same date, same end: the later in load order wins. */
    f[3] = fu("p", "2025-01-01", "2024-12-31",
              "activities:\n  - {activity: a3, status: not_started}\n");
    prog = progress_of(p, f, 4);

    ck_assert_uint_eq(pledge_progress_report_count(prog), 4);
    ck_assert_str_eq(pledge_progress_pledge_id(prog, NULL), "p");
    ck_assert_uint_eq(pledge_progress_activity_count(prog), 5);
    ck_assert_str_eq(pledge_progress_activity_id(prog, 2, NULL), "a3");
    ck_assert_int_eq(pledge_progress_activity_status(prog, "a1"), PLEDGE_STATUS_DONE);
    ck_assert_uint_eq(pledge_progress_activity_report(prog, 0), 0);
    ck_assert_int_eq(pledge_progress_activity_status(prog, "a2"), PLEDGE_STATUS_STALLED);
    ck_assert_uint_eq(pledge_progress_activity_report(prog, 1), 0);
    ck_assert_int_eq(pledge_progress_activity_status(prog, "a3"), PLEDGE_STATUS_NOT_STARTED);
    ck_assert_uint_eq(pledge_progress_activity_report(prog, 2), 3);
    ck_assert_int_eq(pledge_progress_activity_status(prog, "a4"), PLEDGE_STATUS_NOT_REPORTED);
    ck_assert_uint_eq(pledge_progress_activity_report(prog, 3), PLEDGE_NO_INDEX);
    ck_assert_int_eq(pledge_progress_activity_status_at(prog, 4), PLEDGE_STATUS_NOT_REPORTED);
    ck_assert_int_eq(pledge_progress_activity_status(prog, "zz"), PLEDGE_ENOTFOUND);
    pledge_progress_free(prog);

    /* The other load order: a3's tie now goes to the report given last. */
    {
        pledge_doc *g[4] = { f[3], f[2], f[1], f[0] };
        prog = progress_of(p, g, 4);
        ck_assert_int_eq(pledge_progress_activity_status(prog, "a3"), PLEDGE_STATUS_IN_PROGRESS);
        ck_assert_int_eq(pledge_progress_activity_status(prog, "a1"), PLEDGE_STATUS_DONE);
        ck_assert_int_eq(pledge_progress_activity_status(prog, "a2"), PLEDGE_STATUS_STALLED);
        pledge_progress_free(prog);
    }
    free_all(f, 4);
    pledge_doc_free(p);
}
END_TEST

START_TEST(counts_and_share_done)
{
    pledge_doc *p = mt_load(pledge_yaml);
    pledge_doc *f[1];
    pledge_progress *prog;
    size_t s, total = 0;

    /* No follow-up: everything not_reported, nothing done. */
    prog = progress_of(p, NULL, 0);
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_NOT_REPORTED), 5);
    ck_assert(pledge_progress_share_done(prog) == 0.0);
    pledge_progress_free(prog);

    f[0] = fu("p", "2025-01-01", "2024-12-31",
              "activities:\n  - {activity: a1, status: done, comment: C}\n"
              "  - {activity: a2, status: done, comment: C}\n"
              "  - {activity: a3, status: cancelled}\n"
              "  - {activity: a4, status: not_assessable}\n");
    prog = progress_of(p, f, 1);
    for (s = 0; s < PLEDGE_STATUS_COUNT; s++)
        total += pledge_progress_status_count(prog, (pledge_status)s);
    ck_assert_uint_eq(total, 5);
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_DONE), 2);
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_CANCELLED), 1);
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_NOT_ASSESSABLE), 1);
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_NOT_REPORTED), 1);
    ck_assert_uint_eq(pledge_progress_status_count(prog, (pledge_status)42), 0);
    /* done / (all but cancelled) = 2 / 4 */
    ck_assert(pledge_progress_share_done(prog) == 0.5);
    pledge_progress_free(prog);
    free_all(f, 1);

    /* Everything cancelled: the share is 0, not a division by zero. */
    f[0] = fu("p", "2025-01-01", "2024-12-31",
              "activities:\n  - {activity: a1, status: cancelled}\n  - {activity: a2, status: "
              "cancelled}\n  - {activity: a3, status: cancelled}\n  - {activity: a4, status: "
              "cancelled}\n  - {activity: a5, status: cancelled}\n");
    prog = progress_of(p, f, 1);
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_CANCELLED), 5);
    ck_assert(pledge_progress_share_done(prog) == 0.0);
    pledge_progress_free(prog);
    free_all(f, 1);
    pledge_doc_free(p);
}
END_TEST

START_TEST(measurements_in_order)
{
    pledge_doc *p = mt_load(pledge_yaml);
    pledge_doc *f[2];
    pledge_progress *prog;
    const pledge_indicator_progress *ip;
    pledge_observation o;
    double change;

    f[0] = fu("p", "2025-01-01", "2024-12-31",
              "indicators:\n  - {indicator: up, value: 55, date: 2024-01-06}\n");
    f[1] = fu("p", "2024-02-01", "2024-01-31",
              "indicators:\n  - {indicator: up, value: 58, date: 2024-01-06}\n"
              "  - {indicator: up, value: 52, date: 2024-01-03}\n"
              "  - {indicator: nope, value: 1, date: 2024-01-03}\n");
    prog = progress_of(p, f, 2);
    ck_assert_uint_eq(pledge_progress_indicator_count(prog), 8);
    ip = pledge_progress_indicator(prog, "up");
    ck_assert_ptr_eq(ip, pledge_progress_indicator_at(prog, 0));
    ck_assert_ptr_null(pledge_progress_indicator(prog, "nope"));
    ck_assert_str_eq(pledge_indicator_progress_id(ip, NULL), "up");
    ck_assert_int_eq(pledge_indicator_progress_unit(ip), PLEDGE_UNIT_PERCENT);
    ck_assert_uint_eq(pledge_indicator_progress_measurement_count(ip), 3);
    /* By date; the tie on 2024-01-06 in load order. */
    ck_assert_int_eq(pledge_indicator_progress_measurement_at(ip, 0, &o), 0);
    ck_assert(o.value.value == 52 && o.report == 1 && o.value.is_integer);
    ck_assert_int_eq(pledge_indicator_progress_measurement_at(ip, 1, &o), 0);
    ck_assert(o.value.value == 55 && o.report == 0);
    ck_assert_int_eq(pledge_indicator_progress_measurement_at(ip, 2, &o), 0);
    ck_assert(o.value.value == 58 && o.report == 1);
    ck_assert_int_eq(pledge_indicator_progress_measurement_at(ip, 3, &o), PLEDGE_ENOTFOUND);
    ck_assert_int_eq(pledge_indicator_progress_latest(ip, &o), 0);
    ck_assert(o.value.value == 58);
    ck_assert_int_eq(o.date.day, 6);
    /* Change in the unit: percentage points. */
    ck_assert_int_eq(pledge_indicator_progress_change(ip, &change), 0);
    ck_assert(change == 8.0);
    ck_assert_int_eq(pledge_indicator_progress_on_track(ip), PLEDGE_TRACK_ON);
    /* No measurement: no latest, unknown. */
    ip = pledge_progress_indicator(prog, "down");
    ck_assert_int_eq(pledge_indicator_progress_latest(ip, &o), PLEDGE_ENOTFOUND);
    ck_assert_int_eq(pledge_indicator_progress_change(ip, &change), PLEDGE_ENOTFOUND);
    ck_assert_int_eq(pledge_indicator_progress_expected(ip, &change), PLEDGE_ENOTFOUND);
    ck_assert_int_eq(pledge_indicator_progress_on_track(ip), PLEDGE_TRACK_UNKNOWN);
    pledge_progress_free(prog);
    free_all(f, 2);
    pledge_doc_free(p);
}
END_TEST

/* On track or not for one measurement of @p indicator. */
static pledge_track track(const pledge_doc *p, const char *indicator, const char *value,
                          const char *date, double *expected, int *has_change, double *change)
{
    pledge_doc *f = measure(indicator, value, date);
    pledge_progress *prog = progress_of(p, &f, 1);
    const pledge_indicator_progress *ip = pledge_progress_indicator(prog, indicator);
    pledge_track t = pledge_indicator_progress_on_track(ip);
    double e = NAN, c = NAN;
    if (pledge_indicator_progress_expected(ip, &e) != 0)
        e = NAN;
    if (expected)
        *expected = e;
    if (has_change)
        *has_change = pledge_indicator_progress_change(ip, &c) == 0;
    if (change)
        *change = c;
    pledge_progress_free(prog);
    pledge_doc_free(f);
    return t;
}

START_TEST(on_track_line)
{
    pledge_doc *p = mt_load(pledge_yaml);
    double e, c;
    int has_change;

    /* increase: 50 on 2024-01-01 to 60 on 2024-01-11; on 01-06 expect 55. */
    ck_assert_int_eq(track(p, "up", "55", "2024-01-06", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(fabs(e - 55.0) < 1e-12);
    ck_assert_int_eq(track(p, "up", "55.5", "2024-01-06", NULL, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert_int_eq(track(p, "up", "54.9", "2024-01-06", NULL, NULL, NULL), PLEDGE_TRACK_OFF);
    /* Before the baseline's date: held at the baseline. */
    ck_assert_int_eq(track(p, "up", "50", "2023-12-01", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(e == 50.0);
    ck_assert_int_eq(track(p, "up", "49.9", "2023-12-01", NULL, NULL, NULL), PLEDGE_TRACK_OFF);
    /* From the target's date on: the target. */
    ck_assert_int_eq(track(p, "up", "60", "2024-01-11", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(e == 60.0);
    ck_assert_int_eq(track(p, "up", "59", "2024-02-01", &e, NULL, NULL), PLEDGE_TRACK_OFF);
    ck_assert(e == 60.0);

    /* decrease: 100 to 0 over ten days; on 01-06 expect 50. */
    ck_assert_int_eq(track(p, "down", "50", "2024-01-06", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(fabs(e - 50.0) < 1e-12);
    ck_assert_int_eq(track(p, "down", "49", "2024-01-06", NULL, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert_int_eq(track(p, "down", "51", "2024-01-06", NULL, NULL, NULL), PLEDGE_TRACK_OFF);

    /* Equal baseline and target dates: the target from that day, the
     * baseline before it. */
    ck_assert_int_eq(track(p, "same", "2", "2024-06-01", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(e == 2.0);
    ck_assert_int_eq(track(p, "same", "1.5", "2024-06-01", NULL, NULL, NULL), PLEDGE_TRACK_OFF);
    ck_assert_int_eq(track(p, "same", "1", "2024-05-31", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(e == 1.0);

    /* No baseline: the target, whatever the date; no change. */
    ck_assert_int_eq(track(p, "nobase", "10", "2024-01-02", &e, &has_change, NULL),
                     PLEDGE_TRACK_ON);
    ck_assert(e == 10.0);
    ck_assert_int_eq(has_change, 0);
    ck_assert_int_eq(track(p, "nobase", "9", "2024-12-31", NULL, NULL, NULL), PLEDGE_TRACK_OFF);

    /* maintain: at least the target, the line plays no part. */
    ck_assert_int_eq(track(p, "keep", "5", "2024-01-02", &e, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert(e == 5.0);
    ck_assert_int_eq(track(p, "keep", "6", "2024-06-02", NULL, NULL, NULL), PLEDGE_TRACK_ON);
    ck_assert_int_eq(track(p, "keep", "4.9", "2024-06-02", NULL, NULL, NULL), PLEDGE_TRACK_OFF);

    /* No target: unknown, but the change is there. */
    ck_assert_int_eq(track(p, "notarget", "4.5", "2024-06-02", &e, &has_change, &c),
                     PLEDGE_TRACK_UNKNOWN);
    ck_assert(isnan(e));
    ck_assert_int_eq(has_change, 1);
    ck_assert(c == 1.5);

    /* A text indicator's measurement has no value: unknown. */
    ck_assert_int_eq(track(p, "words", NULL, "2024-06-02", NULL, &has_change, NULL),
                     PLEDGE_TRACK_UNKNOWN);
    ck_assert_int_eq(has_change, 0);

    /* Exactly on a line that doubles do not hold exactly (1/3): the
     * relative tolerance of 1e-9 keeps it on track; a real shortfall is
     * not. */
    ck_assert_int_eq(track(p, "third", "0.3333333333", "2024-01-02", &e, NULL, NULL),
                     PLEDGE_TRACK_ON);
    ck_assert(fabs(e - 1.0 / 3.0) < 1e-15);
    ck_assert_int_eq(track(p, "third", "0.33333", "2024-01-02", NULL, NULL, NULL),
                     PLEDGE_TRACK_OFF);
    pledge_doc_free(p);
}
END_TEST

START_TEST(refuses_other_pledges)
{
    pledge_doc *p = mt_load(pledge_yaml);
    pledge_doc *f[2];
    pledge_progress *prog = (pledge_progress *)1;
    pledge_diag_list *d;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    f[0] = fu("p", "2025-01-01", "2024-12-31", "");
    f[1] = fu("q", "2025-01-01", "2024-12-31", "");
    ck_assert_int_eq(pledge_progress_compute(&prog, p, (const pledge_doc *const *)f, 2, d),
                     PLEDGE_EINVALID);
    ck_assert_ptr_null(prog);
    ck_assert_uint_eq(pledge_diag_list_count(d), 1);
    ck_assert_str_eq(pledge_diag_list_at(d, 0)->code, "follow-up.unknown-pledge");
    ck_assert_uint_eq(pledge_diag_list_at(d, 0)->line, 2);
    /* A pledge is no follow-up, and a follow-up no pledge. */
    ck_assert_int_eq(pledge_progress_compute(&prog, p, (const pledge_doc *const *)&p, 1, NULL),
                     PLEDGE_EARG);
    ck_assert_int_eq(pledge_progress_compute(&prog, f[0], NULL, 0, NULL), PLEDGE_EARG);
    ck_assert_int_eq(pledge_progress_compute(NULL, p, NULL, 0, NULL), PLEDGE_EARG);
    free_all(f, 2);
    pledge_doc_free(p);
    pledge_diag_list_free(d);
    pledge_progress_free(NULL);
}
END_TEST

START_TEST(set_progress_matches)
{
    pledge_doc *p = mt_load(pledge_yaml);
    pledge_doc *f[3];
    pledge_set *set;
    pledge_progress *a, *b;
    size_t i;
    f[0] = fu("p", "2025-01-01", "2024-12-31",
              "activities:\n  - {activity: a1, status: partially_done, comment: C}\n"
              "indicators:\n  - {indicator: up, value: 57, date: 2024-01-06}\n");
    f[1] = fu("q", "2025-01-01", "2024-12-31", "");
    f[2] = fu("p", "2025-01-01", "2024-12-31",
              "activities:\n  - {activity: a1, status: done, comment: C}\n"
              "indicators:\n  - {indicator: up, value: 54, date: 2024-01-06}\n");
    ck_assert_int_eq(pledge_set_new(&set, NULL), 0);
    ck_assert_int_eq(pledge_set_add_copy(set, p), 0);
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(pledge_set_add_copy(set, f[i]), 0);
    ck_assert_int_eq(pledge_set_progress(&a, set, "p", NULL), 0);
    {
        pledge_doc *g[2] = { f[0], f[2] };
        b = progress_of(p, g, 2);
    }
    ck_assert_uint_eq(pledge_progress_report_count(a), 2);
    ck_assert_int_eq(pledge_progress_activity_status(a, "a1"), PLEDGE_STATUS_DONE);
    ck_assert_int_eq(pledge_progress_activity_status(b, "a1"), PLEDGE_STATUS_DONE);
    ck_assert(pledge_progress_share_done(a) == pledge_progress_share_done(b));
    ck_assert_int_eq(pledge_indicator_progress_on_track(pledge_progress_indicator(a, "up")),
                     PLEDGE_TRACK_OFF);
    ck_assert_int_eq(pledge_indicator_progress_on_track(pledge_progress_indicator(b, "up")),
                     PLEDGE_TRACK_OFF);
    pledge_progress_free(a);
    pledge_progress_free(b);
    ck_assert_int_eq(pledge_set_progress(&b, set, "zz", NULL), PLEDGE_ENOTFOUND);
    ck_assert_ptr_null(b);
    pledge_set_free(set);
    free_all(f, 3);
    pledge_doc_free(p);
}
END_TEST

START_TEST(ale_progress)
{
    pledge_doc *p = mt_load_file(MT_EXAMPLES "/ale-2024.yaml");
    pledge_doc *f = mt_load_file(MT_EXAMPLES "/ale-2024-follow-up-2025.yaml");
    pledge_progress *prog = progress_of(p, &f, 1);
    size_t s, total = 0, done, cancelled, i;
    for (s = 0; s < PLEDGE_STATUS_COUNT; s++)
        total += pledge_progress_status_count(prog, (pledge_status)s);
    ck_assert_uint_eq(total, 11);
    done = pledge_progress_status_count(prog, PLEDGE_STATUS_DONE);
    cancelled = pledge_progress_status_count(prog, PLEDGE_STATUS_CANCELLED);
    ck_assert(pledge_progress_share_done(prog) == (double)done / (double)(11 - cancelled));
    for (i = 0; i < pledge_doc_entry_count(f); i++) {
        const pledge_entry *e = pledge_doc_entry_at(f, i);
        ck_assert_int_eq(pledge_progress_activity_status(prog, pledge_entry_activity_id(e, NULL)),
                         pledge_entry_status(e));
    }
    /* The example's indicators have no target: on track is unknown. */
    for (i = 0; i < pledge_progress_indicator_count(prog); i++)
        ck_assert_int_eq(pledge_indicator_progress_on_track(pledge_progress_indicator_at(prog, i)),
                         PLEDGE_TRACK_UNKNOWN);
    pledge_progress_free(prog);
    pledge_doc_free(f);
    pledge_doc_free(p);
}
END_TEST


/* ---- format 1.1 ---------------------------------------------------------- */

static const char *const pledge_11 =
    "format: pledge/1\nid: q\ntitle: T\nlanguage: sv\n"
    "parties:\n  - {id: kommun, name: K, kind: municipality}\n"
    "  - {id: polis, name: P, kind: police}\n"
    "  - {id: sb, name: S, kind: business, role: partner}\n"
    "period: {start: 2024, end: 2024}\n"
    "activities:\n"
    "  - {id: b1, text: X, responsible: [kommun], target: {quantity: 6, unit: u}}\n"
    "  - {id: b2, text: X, responsible: [kommun, polis],\n"
    "     target: {quantity: 4, comparator: exactly, unit: u, per: period}}\n"
    "  - {id: b3, text: X, responsible: [polis],\n"
    "     target: {quantity: 2, comparator: at_most, unit: u, per: period}}\n"
    "  - {id: b4, text: X, target: {quantity: 1, comparator: at_least, unit: u, per: day}}\n"
    "  - {id: b5, text: X}\n"
    "  - {id: b6, text: X, responsible: [polis], partners: [sb]}\n";

static pledge_doc *fu11(const char *head, const char *body)
{
    char buf[2048];
    snprintf(buf, sizeof buf, "format: follow-up/1\npledge: q\n%s%s", head, body);
    return mt_load(buf);
}

START_TEST(partial_dates_order_reports)
{
    pledge_doc *p = mt_load(pledge_11);
    pledge_doc *f[3];
    pledge_progress *prog;
    /* A month as date stands for its last day: 2025-02 is after 2025-02-15. */
    f[0] = fu11("date: 2025-02\n", "activities:\n  - {activity: b1, status: done, comment: C}\n");
    f[1] = fu11("date: 2025-02-15\n", "activities:\n  - {activity: b1, status: in_progress}\n");
    /* Without a date, the period's end (a year: its last day) dates it. */
    f[2] = fu11("period: {start: 2025, end: 2025}\n",
                "activities:\n  - {activity: b5, status: not_done}\n"
                "  - {activity: b1, status: stalled}\n");
    prog = progress_of(p, f, 2);
    ck_assert_int_eq(pledge_progress_activity_status(prog, "b1"), PLEDGE_STATUS_DONE);
    pledge_progress_free(prog);
    prog = progress_of(p, f, 3);
    ck_assert_int_eq(pledge_progress_activity_status(prog, "b1"), PLEDGE_STATUS_STALLED);
    ck_assert_uint_eq(pledge_progress_activity_report(prog, 0), 2);
    /* not_done is counted and stays in the divisor of share done. */
    ck_assert_uint_eq(pledge_progress_status_count(prog, PLEDGE_STATUS_NOT_DONE), 1);
    ck_assert(pledge_progress_share_done(prog) == 0.0);
    pledge_progress_free(prog);
    free_all(f, 3);
    pledge_doc_free(p);
}
END_TEST

START_TEST(counts_per_party)
{
    pledge_doc *p = mt_load(pledge_11);
    pledge_doc *f[1];
    pledge_progress *prog;
    size_t len;
    f[0] = fu11("date: 2025-01-10\n",
                "activities:\n  - {activity: b1, status: done, comment: C}\n"
                "  - {activity: b2, status: in_progress}\n"
                "  - {activity: b4, status: done, comment: C}\n");
    prog = progress_of(p, f, 1);
    ck_assert_uint_eq(pledge_progress_party_count(prog), 3);
    ck_assert(mt_str_is(pledge_progress_party_id(prog, 1, &len), 5, "polis"));
    ck_assert_uint_eq(len, 5);
    ck_assert_ptr_null(pledge_progress_party_id(prog, 3, &len));
    /* kommun: b1 done, b2 in progress */
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 0, PLEDGE_STATUS_DONE), 1);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 0, PLEDGE_STATUS_IN_PROGRESS), 1);
    /* polis: b2 (counted for both), b3 and b6 not reported */
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 1, PLEDGE_STATUS_IN_PROGRESS), 1);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 1, PLEDGE_STATUS_NOT_REPORTED), 2);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 1, PLEDGE_STATUS_DONE), 0);
    /* a partner is responsible for nothing */
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 2, PLEDGE_STATUS_NOT_REPORTED), 0);
    /* no responsible party: b4 done, b5 not reported, never spread */
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, PLEDGE_NO_INDEX,
                                                         PLEDGE_STATUS_DONE), 1);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, PLEDGE_NO_INDEX,
                                                         PLEDGE_STATUS_NOT_REPORTED), 1);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 7, PLEDGE_STATUS_DONE), 0);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 0, (pledge_status)99), 0);
    pledge_progress_free(prog);
    free_all(f, 1);
    pledge_doc_free(p);
}
END_TEST

START_TEST(target_met)
{
    pledge_doc *p = mt_load(pledge_11);
    pledge_doc *f[2];
    pledge_progress *prog;
    f[0] = fu11("date: 2024-06-30\n",
                "activities:\n  - {activity: b1, status: in_progress, done: 3}\n"
                "  - {activity: b2, status: in_progress, done: 4}\n"
                "  - {activity: b3, status: in_progress, done: 3}\n"
                "  - {activity: b4, status: in_progress, done: 400}\n");
    /* The later report gives a status but no "done" for b1: the count of
     * the latest report that gives one is used. */
    f[1] = fu11("date: 2024-12-31\n",
                "activities:\n  - {activity: b1, status: done, comment: C}\n"
                "  - {activity: b2, status: done, done: 5, comment: C}\n");
    prog = progress_of(p, f, 2);
    /* b1: 3 against "6" (no comparator: at_least) */
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 0), PLEDGE_TARGET_NOT_MET);
    ck_assert_int_eq(pledge_progress_activity_done(prog, 0), 3);
    /* b2: exactly 4, the latest done is 5 */
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 1), PLEDGE_TARGET_NOT_MET);
    ck_assert_int_eq(pledge_progress_activity_done(prog, 1), 5);
    /* b3: at most 2, done 3 */
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 2), PLEDGE_TARGET_NOT_MET);
    /* b4: per day: unknown however many */
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 3), PLEDGE_TARGET_UNKNOWN);
    /* b5: no target; b6: no report */
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 4), PLEDGE_TARGET_UNKNOWN);
    ck_assert_int_eq(pledge_progress_activity_done(prog, 5), -1);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 99), PLEDGE_TARGET_UNKNOWN);
    pledge_progress_free(prog);
    pledge_doc_free(f[1]);
    f[1] = fu11("date: 2024-12-31\n",
                "activities:\n  - {activity: b1, status: done, done: 6, comment: C}\n"
                "  - {activity: b2, status: done, done: 4, comment: C}\n"
                "  - {activity: b3, status: done, done: 2, comment: C}\n");
    prog = progress_of(p, f, 2);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 0), PLEDGE_TARGET_MET);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 1), PLEDGE_TARGET_MET);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 2), PLEDGE_TARGET_MET);
    ck_assert_str_eq(pledge_target_met_name(PLEDGE_TARGET_MET), "met");
    ck_assert_str_eq(pledge_target_met_name(PLEDGE_TARGET_NOT_MET), "not_met");
    ck_assert_str_eq(pledge_target_met_name(PLEDGE_TARGET_UNKNOWN), "unknown");
    pledge_progress_free(prog);
    free_all(f, 2);
    pledge_doc_free(p);
}
END_TEST

/* Göteborg Centrum 2018: every promise done, two targets met. */
START_TEST(real_goteborg)
{
    pledge_diag_list *d;
    pledge_reader *r;
    pledge_doc *docs[2] = { NULL, NULL };
    pledge_progress *prog;
    size_t n = 0;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_reader_open_file(&r, MT_EXAMPLES "/goteborg-centrum-2018.yaml", NULL, d),
                     0);
    while (n < 2 && pledge_doc_read_next(&docs[n], r, NULL, d) == 0 && docs[n])
        n++;
    ck_assert_uint_eq(n, 2);
    prog = progress_of(docs[0], &docs[1], 1);
    ck_assert(pledge_progress_share_done(prog) == 1.0);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 0), PLEDGE_TARGET_UNKNOWN);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 1), PLEDGE_TARGET_MET);
    ck_assert_int_eq(pledge_progress_activity_target_met(prog, 2), PLEDGE_TARGET_MET);
    ck_assert_uint_eq(pledge_progress_party_status_count(prog, 0, PLEDGE_STATUS_DONE), 3);
    pledge_progress_free(prog);
    free_all(docs, 2);
    pledge_reader_free(r);
    pledge_diag_list_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_progress");
    TCase *tc = tcase_create("progress");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, latest_status_and_tie_breaks);
    tcase_add_test(tc, counts_and_share_done);
    tcase_add_test(tc, measurements_in_order);
    tcase_add_test(tc, on_track_line);
    tcase_add_test(tc, refuses_other_pledges);
    tcase_add_test(tc, set_progress_matches);
    tcase_add_test(tc, ale_progress);
    tcase_add_test(tc, partial_dates_order_reports);
    tcase_add_test(tc, counts_per_party);
    tcase_add_test(tc, target_met);
    tcase_add_test(tc, real_goteborg);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
