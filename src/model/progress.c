/* SPDX-License-Identifier: MIT */
/* Progress of one pledge by its follow-ups, exactly as docs/format.md
 * defines it. Computed from summaries (summary.c), so that documents and
 * sets share one implementation; the result copies what it shows and
 * depends on nothing else. */
#include "internal.h"
#include "core/alloc.h"
#include "core/diag.h"

#include <math.h>
#include <string.h>

/* When a report counts as published, for "latest": its date as its last
 * day, or without a date its period's end (1.1); then the period's end. */
typedef struct report_when {
    size_t report; /* PLEDGE_NO_INDEX: none yet */
    pledge_date date, end;
} report_when;

typedef struct activity_progress {
    const char *id;
    size_t len;
    pledge_status status;
    size_t report;
    pledge_date date, end; /* of the report that gave the status */
    report_when done_at;   /* the latest report with "done" (1.1) */
    int64_t done;
    pledge_target_met met;
} activity_progress;

struct pledge_indicator_progress {
    const char *id;
    size_t len;
    pledge_unit unit;
    pledge_observation *observations;
    size_t count;
    int has_change, has_expected;
    double change, expected;
    pledge_track track;
};

struct pledge_progress {
    const pledge_allocator *allocator;
    pledge_arena arena;
    const char *id;
    size_t id_len;
    size_t reports;
    size_t counts[PLEDGE_STATUS_COUNT];
    /* 1.1: counts per party (party_count + 1 rows: the last is the
     * activities with no responsible party) */
    size_t party_count;
    const char **party_ids;
    size_t *party_lens;
    size_t (*party_counts)[PLEDGE_STATUS_COUNT];
    double share_done;
    activity_progress *activities;
    size_t activity_count;
    pledge_indicator_progress *indicators;
    size_t indicator_count;
    pledge__idmap ids;
};

void pledge_progress_free(pledge_progress *p)
{
    if (!p)
        return;
    pledge__arena_free(&p->arena);
    pledge__free(p->allocator, p);
}

static void *zalloc(pledge_progress *p, size_t count, size_t size)
{
    void *r;
    if (!count)
        return NULL;
    if (count > SIZE_MAX / size)
        return NULL;
    r = pledge__arena_alloc(&p->arena, count * size);
    if (r)
        memset(r, 0, count * size);
    return r;
}

/* a >= b and a <= b with a relative tolerance of 1e-9, so a value on the
 * line is on track whatever the rounding of the line. */
static double tolerance(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return 1e-9 * m;
}

static int at_least(double a, double b)
{
    return a >= b - tolerance(a, b);
}

static int at_most(double a, double b)
{
    return a <= b + tolerance(a, b);
}

/* The value expected on @p day: the target without a baseline; with one,
 * the straight line from (baseline date, value) to (target date, value),
 * held at the baseline before its date and at the target from its date
 * on (so when both dates are equal, the target from that day). */
static double expected_at(const pledge__sum_indicator *ind, pledge_date day)
{
    int64_t d, bd, td;
    if (!ind->has_baseline || !ind->baseline_date.precision || !ind->target_date.precision)
        return ind->target_value.value;
    d = pledge_date_days(day);
    bd = pledge_date_days(ind->baseline_date);
    td = pledge_date_days(ind->target_date);
    if (d >= td)
        return ind->target_value.value;
    if (d <= bd)
        return ind->baseline_value.value;
    return ind->baseline_value.value + (ind->target_value.value - ind->baseline_value.value) *
                                           ((double)(d - bd) / (double)(td - bd));
}

static void assess(pledge_indicator_progress *ip, const pledge__sum_indicator *ind)
{
    const pledge_observation *latest = ip->count ? &ip->observations[ip->count - 1] : NULL;
    ip->track = PLEDGE_TRACK_UNKNOWN;
    if (latest && latest->has_value && ind->has_baseline) {
        ip->has_change = 1;
        ip->change = latest->value.value - ind->baseline_value.value;
    }
    if (!latest || !latest->has_value || !ind->has_target)
        return;
    switch (ind->direction) {
    case PLEDGE_DIRECTION_MAINTAIN:
        ip->has_expected = 1;
        ip->expected = ind->target_value.value;
        ip->track = at_least(latest->value.value, ip->expected) ? PLEDGE_TRACK_ON
                                                                  : PLEDGE_TRACK_OFF;
        break;
    case PLEDGE_DIRECTION_INCREASE:
        ip->has_expected = 1;
        ip->expected = expected_at(ind, latest->date);
        ip->track = at_least(latest->value.value, ip->expected) ? PLEDGE_TRACK_ON
                                                                  : PLEDGE_TRACK_OFF;
        break;
    case PLEDGE_DIRECTION_DECREASE:
        ip->has_expected = 1;
        ip->expected = expected_at(ind, latest->date);
        ip->track = at_most(latest->value.value, ip->expected) ? PLEDGE_TRACK_ON
                                                                 : PLEDGE_TRACK_OFF;
        break;
    case PLEDGE_DIRECTION_NONE:
        break;
    }
}

/* Stable merge sort of observations by date (ties keep load order). */
static void sort_observations(pledge_observation *v, size_t n, pledge_observation *tmp)
{
    size_t width, i;
    pledge_observation *src = v, *dst = tmp;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n, a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                dst[k++] = pledge_date_compare(src[b].date, src[a].date) < 0 ? src[b++]
                                                                             : src[a++];
            while (a < mid)
                dst[k++] = src[a++];
            while (b < hi)
                dst[k++] = src[b++];
        }
        { pledge_observation *t = src; src = dst; dst = t; }
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

/* A report's place in time (see report_when). */
static report_when when_of(const pledge__sum *f, size_t j)
{
    report_when w;
    w.report = j;
    w.end = pledge_date_last_day(f->end);
    w.date = f->date.precision ? pledge_date_last_day(f->date) : w.end;
    return w;
}

/* Is the report @p w later than @p cur? Ties go to the later in load
 * order, which is the one asked. */
static int later(const report_when *w, const report_when *cur)
{
    int c;
    if (cur->report == PLEDGE_NO_INDEX)
        return 1;
    c = pledge_date_compare(w->date, cur->date);
    if (c)
        return c > 0;
    return pledge_date_compare(w->end, cur->end) >= 0;
}

/* Target met (1.1): "done" against the target, for a target over the
 * period (or with no "per"); unknown otherwise. */
static pledge_target_met target_met(const pledge__sum_activity *sa, const activity_progress *a)
{
    if (!sa->has_target || sa->quantity < 0 || a->done_at.report == PLEDGE_NO_INDEX)
        return PLEDGE_TARGET_UNKNOWN;
    if (sa->per != PLEDGE_PER_NONE && sa->per != PLEDGE_PER_PERIOD)
        return PLEDGE_TARGET_UNKNOWN;
    switch (sa->comparator) {
    case PLEDGE_COMPARATOR_EXACTLY:
        return a->done == sa->quantity ? PLEDGE_TARGET_MET : PLEDGE_TARGET_NOT_MET;
    case PLEDGE_COMPARATOR_AT_MOST:
        return a->done <= sa->quantity ? PLEDGE_TARGET_MET : PLEDGE_TARGET_NOT_MET;
    default:
        return a->done >= sa->quantity ? PLEDGE_TARGET_MET : PLEDGE_TARGET_NOT_MET;
    }
}

/* Status counts per party, and for the activities with no responsible
 * party (1.1). */
static int party_counts(pledge_progress *p, const pledge__sum *pledge)
{
    size_t i, j, n = pledge->ref_count;
    p->party_ids = zalloc(p, n, sizeof *p->party_ids);
    p->party_lens = zalloc(p, n, sizeof *p->party_lens);
    p->party_counts = zalloc(p, n + 1, sizeof *p->party_counts);
    if ((n && (!p->party_ids || !p->party_lens)) || !p->party_counts)
        return PLEDGE_ENOMEM;
    for (i = 0; i < n; i++) {
        p->party_lens[i] = pledge->refs[i].len;
        p->party_ids[i] = pledge__arena_strndup(&p->arena, pledge->refs[i].id ? pledge->refs[i].id
                                                                              : "",
                                                pledge->refs[i].len);
        if (!p->party_ids[i])
            return PLEDGE_ENOMEM;
    }
    p->party_count = n;
    for (i = 0; i < p->activity_count; i++) {
        const pledge__sum_activity *sa = &pledge->activities[i];
        pledge_status st = p->activities[i].status;
        if ((unsigned)st >= PLEDGE_STATUS_COUNT)
            continue;
        if (!sa->responsible_count)
            p->party_counts[n][st]++;
        for (j = 0; j < sa->responsible_count; j++)
            if (sa->responsible[j] < n)
                p->party_counts[sa->responsible[j]][st]++;
    }
    return PLEDGE_OK;
}

int pledge__progress_from_sums(pledge_progress **out, const pledge__sum *pledge,
                               const pledge__sum *const *fus, size_t count,
                               const pledge_allocator *allocator)
{
    pledge_progress *p;
    size_t i, j, *fill = NULL, most = 0, denominator;
    pledge_observation *tmp = NULL;
    char *id;

    *out = NULL;
    p = pledge__calloc(allocator, 1, sizeof *p);
    if (!p)
        return PLEDGE_ENOMEM;
    p->allocator = allocator;
    pledge__arena_init(&p->arena, allocator);
    p->reports = count;
    p->id_len = pledge->id_len;
    p->id = id = pledge__arena_strndup(&p->arena, pledge->id ? pledge->id : "",
                                       pledge->id ? pledge->id_len : 0);
    p->activities = zalloc(p, pledge->activity_count, sizeof *p->activities);
    p->indicators = zalloc(p, pledge->indicator_count, sizeof *p->indicators);
    if (!id || (pledge->activity_count && !p->activities) ||
        (pledge->indicator_count && !p->indicators) ||
        pledge__idmap_init(&p->ids, &p->arena, NULL,
                           pledge->activity_count + pledge->indicator_count))
        goto nomem;

    /* Latest status per activity. */
    for (i = 0; i < pledge->activity_count; i++) {
        activity_progress *a = &p->activities[i];
        a->len = pledge->activities[i].len;
        a->id = pledge__arena_strndup(&p->arena, pledge->activities[i].id, a->len);
        if (!a->id)
            goto nomem;
        a->status = PLEDGE_STATUS_NOT_REPORTED;
        a->report = PLEDGE_NO_INDEX;
        a->done_at.report = PLEDGE_NO_INDEX;
        pledge__idmap_put(&p->ids, PLEDGE__ID_ACTIVITY, a->id, a->len, a);
    }
    p->activity_count = pledge->activity_count;
    for (j = 0; j < count; j++) {
        const pledge__sum *f = fus[j];
        report_when w = when_of(f, j);
        for (i = 0; i < f->entry_count; i++) {
            const pledge__sum_entry *e = &f->entries[i];
            activity_progress *a = pledge__idmap_get(&p->ids, PLEDGE__ID_ACTIVITY, e->id,
                                                     e->len);
            report_when cur;
            if (!a)
                continue;
            if (e->done >= 0 && later(&w, &a->done_at)) {
                a->done_at = w;
                a->done = e->done;
            }
            cur.report = a->report;
            cur.date = a->date;
            cur.end = a->end;
            if (!later(&w, &cur))
                continue;
            a->status = e->status;
            a->report = j;
            a->date = w.date;
            a->end = w.end;
        }
    }
    for (i = 0; i < p->activity_count; i++) {
        if ((unsigned)p->activities[i].status < PLEDGE_STATUS_COUNT)
            p->counts[p->activities[i].status]++;
        p->activities[i].met = target_met(&pledge->activities[i], &p->activities[i]);
    }
    if (party_counts(p, pledge))
        goto nomem;
    denominator = p->activity_count - p->counts[PLEDGE_STATUS_CANCELLED];
    p->share_done = denominator ? (double)p->counts[PLEDGE_STATUS_DONE] / (double)denominator
                                : 0.0;

    /* Measurements per indicator: count, place in load order, sort. */
    for (i = 0; i < pledge->indicator_count; i++) {
        pledge_indicator_progress *ip = &p->indicators[i];
        ip->len = pledge->indicators[i].len;
        ip->id = pledge__arena_strndup(&p->arena, pledge->indicators[i].id, ip->len);
        if (!ip->id)
            goto nomem;
        ip->unit = pledge->indicators[i].unit;
        pledge__idmap_put(&p->ids, PLEDGE__ID_INDICATOR, ip->id, ip->len, ip);
    }
    p->indicator_count = pledge->indicator_count;
    for (j = 0; j < count; j++)
        for (i = 0; i < fus[j]->measurement_count; i++) {
            const pledge__sum_measurement *m = &fus[j]->measurements[i];
            pledge_indicator_progress *ip = pledge__idmap_get(&p->ids, PLEDGE__ID_INDICATOR,
                                                              m->id, m->len);
            if (ip)
                ip->count++;
        }
    if (p->indicator_count) {
        fill = pledge__calloc(allocator, p->indicator_count, sizeof *fill);
        if (!fill)
            goto nomem;
    }
    for (i = 0; i < p->indicator_count; i++) {
        pledge_indicator_progress *ip = &p->indicators[i];
        if (ip->count > most)
            most = ip->count;
        ip->observations = zalloc(p, ip->count, sizeof *ip->observations);
        if (ip->count && !ip->observations)
            goto nomem;
    }
    for (j = 0; j < count; j++)
        for (i = 0; i < fus[j]->measurement_count; i++) {
            const pledge__sum_measurement *m = &fus[j]->measurements[i];
            pledge_indicator_progress *ip = pledge__idmap_get(&p->ids, PLEDGE__ID_INDICATOR,
                                                              m->id, m->len);
            pledge_observation *o;
            if (!ip)
                continue;
            o = &ip->observations[fill[ip - p->indicators]++];
            o->date = m->date;
            o->has_value = m->has_value;
            o->value = m->value;
            o->report = j;
        }
    if (most > 1) {
        tmp = pledge__malloc(allocator, most * sizeof *tmp);
        if (!tmp)
            goto nomem;
    }
    for (i = 0; i < p->indicator_count; i++) {
        pledge_indicator_progress *ip = &p->indicators[i];
        if (ip->count > 1)
            sort_observations(ip->observations, ip->count, tmp);
        assess(ip, &pledge->indicators[i]);
    }
    pledge__free(allocator, tmp);
    pledge__free(allocator, fill);
    *out = p;
    return PLEDGE_OK;
nomem:
    pledge__free(allocator, tmp);
    pledge__free(allocator, fill);
    pledge_progress_free(p);
    return PLEDGE_ENOMEM;
}

int pledge_progress_compute(pledge_progress **out, const pledge_doc *pledge,
                            const pledge_doc *const *follow_ups, size_t count,
                            pledge_diag_list *diags)
{
    const pledge_allocator *allocator;
    pledge_arena arena;
    pledge__sum *ps, **fs = NULL;
    size_t i;
    int rc = PLEDGE_OK;

    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if (!pledge || pledge->kind != PLEDGE_DOC_PLEDGE || (count && !follow_ups))
        return PLEDGE_EARG;
    for (i = 0; i < count; i++) {
        const pledge_doc *f = follow_ups[i];
        if (!f || f->kind != PLEDGE_DOC_FOLLOW_UP)
            return PLEDGE_EARG;
        if (f->pledge.len != pledge->id.len ||
            memcmp(f->pledge.s, pledge->id.s, pledge->id.len) != 0) {
            /* Refused: progress is for one pledge. */
            pledge_diag_where where;
            memset(&where, 0, sizeof where);
            where.file = f->file;
            where.document = f->index;
            where.mark = pledge_node_mark(f->pledge.node);
            where.instance_path = "/pledge";
            where.schema_path = "";
            rc = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "follow-up.unknown-pledge",
                                   &where,
                                   "this follow-up reports on pledge \"%.*s\", not on \"%.*s\" "
                                   "whose progress is asked",
                                   (int)f->pledge.len, f->pledge.s ? f->pledge.s : "",
                                   (int)pledge->id.len, pledge->id.s ? pledge->id.s : "");
            return rc ? rc : PLEDGE_EINVALID;
        }
    }
    allocator = pledge->allocator;
    pledge__arena_init(&arena, allocator);
    if (pledge__sum_build(&ps, pledge, &arena, "") ||
        (count && !(fs = pledge__arena_alloc(&arena, count * sizeof *fs)))) {
        pledge__arena_free(&arena);
        return PLEDGE_ENOMEM;
    }
    for (i = 0; i < count && !rc; i++)
        rc = pledge__sum_build(&fs[i], follow_ups[i], &arena, "");
    if (!rc)
        rc = pledge__progress_from_sums(out, ps, (const pledge__sum *const *)fs, count,
                                        allocator);
    pledge__arena_free(&arena);
    return rc;
}

/* ---- accessors ------------------------------------------------------------ */

const char *pledge_progress_pledge_id(const pledge_progress *p, size_t *len)
{
    if (len)
        *len = p ? p->id_len : 0;
    return p ? p->id : NULL;
}

size_t pledge_progress_report_count(const pledge_progress *p)
{
    return p ? p->reports : 0;
}

size_t pledge_progress_status_count(const pledge_progress *p, pledge_status status)
{
    return p && (unsigned)status < PLEDGE_STATUS_COUNT ? p->counts[status] : 0;
}

double pledge_progress_share_done(const pledge_progress *p)
{
    return p ? p->share_done : 0.0;
}

size_t pledge_progress_activity_count(const pledge_progress *p)
{
    return p ? p->activity_count : 0;
}

const char *pledge_progress_activity_id(const pledge_progress *p, size_t index, size_t *len)
{
    if (len)
        *len = 0;
    if (!p || index >= p->activity_count)
        return NULL;
    if (len)
        *len = p->activities[index].len;
    return p->activities[index].id;
}

pledge_status pledge_progress_activity_status_at(const pledge_progress *p, size_t index)
{
    return p && index < p->activity_count ? p->activities[index].status
                                          : PLEDGE_STATUS_NOT_REPORTED;
}

size_t pledge_progress_activity_report(const pledge_progress *p, size_t index)
{
    return p && index < p->activity_count ? p->activities[index].report : PLEDGE_NO_INDEX;
}

int pledge_progress_activity_status(const pledge_progress *p, const char *activity_id)
{
    const activity_progress *a;
    if (!p || !activity_id)
        return PLEDGE_EARG;
    a = pledge__idmap_get(&p->ids, PLEDGE__ID_ACTIVITY, activity_id, strlen(activity_id));
    return a ? (int)a->status : PLEDGE_ENOTFOUND;
}

size_t pledge_progress_indicator_count(const pledge_progress *p)
{
    return p ? p->indicator_count : 0;
}

const pledge_indicator_progress *pledge_progress_indicator_at(const pledge_progress *p,
                                                              size_t index)
{
    return p && index < p->indicator_count ? &p->indicators[index] : NULL;
}

const pledge_indicator_progress *pledge_progress_indicator(const pledge_progress *p,
                                                           const char *indicator_id)
{
    if (!p || !indicator_id)
        return NULL;
    return pledge__idmap_get(&p->ids, PLEDGE__ID_INDICATOR, indicator_id,
                             strlen(indicator_id));
}

const char *pledge_indicator_progress_id(const pledge_indicator_progress *ip, size_t *len)
{
    if (len)
        *len = ip ? ip->len : 0;
    return ip ? ip->id : NULL;
}

pledge_unit pledge_indicator_progress_unit(const pledge_indicator_progress *ip)
{
    return ip ? ip->unit : PLEDGE_UNIT_NONE;
}

size_t pledge_indicator_progress_measurement_count(const pledge_indicator_progress *ip)
{
    return ip ? ip->count : 0;
}

int pledge_indicator_progress_measurement_at(const pledge_indicator_progress *ip, size_t index,
                                             pledge_observation *out)
{
    if (!ip || !out)
        return PLEDGE_EARG;
    if (index >= ip->count)
        return PLEDGE_ENOTFOUND;
    *out = ip->observations[index];
    return PLEDGE_OK;
}

int pledge_indicator_progress_latest(const pledge_indicator_progress *ip,
                                     pledge_observation *out)
{
    if (!ip || !out)
        return PLEDGE_EARG;
    if (!ip->count)
        return PLEDGE_ENOTFOUND;
    *out = ip->observations[ip->count - 1];
    return PLEDGE_OK;
}

int pledge_indicator_progress_change(const pledge_indicator_progress *ip, double *out)
{
    if (!ip || !out)
        return PLEDGE_EARG;
    if (!ip->has_change)
        return PLEDGE_ENOTFOUND;
    *out = ip->change;
    return PLEDGE_OK;
}

int pledge_indicator_progress_expected(const pledge_indicator_progress *ip, double *out)
{
    if (!ip || !out)
        return PLEDGE_EARG;
    if (!ip->has_expected)
        return PLEDGE_ENOTFOUND;
    *out = ip->expected;
    return PLEDGE_OK;
}

pledge_track pledge_indicator_progress_on_track(const pledge_indicator_progress *ip)
{
    return ip ? ip->track : PLEDGE_TRACK_UNKNOWN;
}

/* ---- 1.1: per party, target met ------------------------------------------ */

size_t pledge_progress_party_count(const pledge_progress *p)
{
    return p ? p->party_count : 0;
}

const char *pledge_progress_party_id(const pledge_progress *p, size_t index, size_t *len)
{
    if (len)
        *len = 0;
    if (!p || index >= p->party_count)
        return NULL;
    if (len)
        *len = p->party_lens[index];
    return p->party_ids[index];
}

size_t pledge_progress_party_status_count(const pledge_progress *p, size_t party,
                                          pledge_status status)
{
    if (!p || !p->party_counts || (unsigned)status >= PLEDGE_STATUS_COUNT)
        return 0;
    if (party == PLEDGE_NO_INDEX)
        party = p->party_count;
    if (party > p->party_count)
        return 0;
    return p->party_counts[party][status];
}

pledge_target_met pledge_progress_activity_target_met(const pledge_progress *p, size_t index)
{
    return p && index < p->activity_count ? p->activities[index].met : PLEDGE_TARGET_UNKNOWN;
}

int64_t pledge_progress_activity_done(const pledge_progress *p, size_t index)
{
    if (!p || index >= p->activity_count || p->activities[index].done_at.report == PLEDGE_NO_INDEX)
        return -1;
    return p->activities[index].done;
}
