/* SPDX-License-Identifier: MIT */
/* follow-up/1: the walk that builds a report's model and runs the checks
 * that need no pledge (period order, duplicate entries, undocumented
 * "done"). The checks against the pledge are the set's (set.c). */
#include "internal.h"

#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define K(lit) { lit, sizeof(lit) - 1 }

static size_t seq_size(const pledge_node *n)
{
    return n && n->type == PLEDGE_NODE_SEQUENCE ? n->u.seq.count : 0;
}

static const pledge_node *string_or_null(const pledge_node *n)
{
    return n && n->type == PLEDGE_NODE_STRING ? n : NULL;
}

static const pledge_node *text_field(pledge__walk *w, const char *key, const pledge_node *n)
{
    if (!n || (n->type != PLEDGE_NODE_STRING && n->type != PLEDGE_NODE_MAPPING))
        return NULL;
    if (n->type == PLEDGE_NODE_MAPPING) {
        pledge__walk_push_key(w, key);
        pledge__walk_text(w, n);
        pledge__walk_pop(w);
    }
    return n;
}

/* 1.1: partial dates; a start compares as its first day, an end or a
 * date as its last day. */
static void walk_period(pledge__walk *w, const pledge_node *n, const pledge_node *date)
{
    static const pledge__key names[] = { K("start"), K("end"), K("label") };
    const pledge_node *f[N(names)];
    pledge_doc *doc = w->doc;
    char s[16], e[16];
    pledge__fields(n, names, N(names), f);
    doc->start = pledge__date_of(f[0], 1);
    doc->end = pledge__date_of(f[1], 1);
    doc->start_node = f[0];
    if (n) {
        pledge__walk_push_key(w, "period");
        text_field(w, "label", f[2]);
        pledge__walk_pop(w);
    }
    pledge_date_format(doc->start, s, sizeof s);
    if (doc->start.precision && doc->end.precision &&
        pledge_date_compare(pledge_date_last_day(doc->end), pledge_date_first_day(doc->start)) <
            0) {
        pledge_date_format(doc->end, e, sizeof e);
        pledge__walk_push_key(w, "period");
        pledge__walk_push_key(w, "end");
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "follow-up.period-order", f[1],
                          "period ends (%s) before it starts (%s)", e, s);
        pledge__walk_pop(w);
        pledge__walk_pop(w);
    }
    if (doc->start.precision && doc->date.precision &&
        pledge_date_compare(pledge_date_last_day(doc->date), pledge_date_first_day(doc->start)) <
            0) {
        pledge_date_format(doc->date, e, sizeof e);
        pledge__walk_push_key(w, "date");
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "follow-up.period-order", date,
                          "the report is dated %s, before the period it reports on starts (%s)",
                          e, s);
        pledge__walk_pop(w);
    }
}

static void walk_evidence(pledge__walk *w, pledge_entry *e, const pledge_node *seq)
{
    static const pledge__key names[] = { K("url"), K("title"), K("date") };
    size_t i, n = seq_size(seq);
    if (!n || !(e->evidence = pledge__walk_alloc(w, n, sizeof *e->evidence)))
        return;
    pledge__walk_push_key(w, "evidence");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        pledge_evidence *ev = &e->evidence[i];
        ev->doc = w->doc;
        pledge__walk_push_index(w, i);
        pledge__fields(seq->u.seq.items[i], names, N(names), f);
        ev->url = string_or_null(f[0]);
        ev->title = text_field(w, "title", f[1]);
        ev->date = pledge__date_of(f[2], 0);
        pledge__walk_pop(w);
    }
    e->evidence_count = n;
    pledge__walk_pop(w);
}

/* "outputs" and "events" (1.1) of an entry or of other work. */
static void walk_results(pledge__walk *w, pledge__results *r, const pledge_node *outputs,
                         const pledge_node *events)
{
    static const pledge__key names[] = { K("value"), K("unit"), K("qualifier"), K("per"),
        K("label") };
    static const pledge__key enames[] = { K("text") };
    size_t i, n = seq_size(outputs);
    if (n && (r->outputs = pledge__walk_alloc(w, n, sizeof *r->outputs))) {
        pledge__walk_push_key(w, "outputs");
        for (i = 0; i < n; i++) {
            const pledge_node *f[N(names)];
            pledge_output *o = &r->outputs[i];
            o->doc = w->doc;
            o->node = outputs->u.seq.items[i];
            pledge__walk_push_index(w, i);
            pledge__fields(o->node, names, N(names), f);
            pledge__number_of(f[0], &o->value);
            o->unit = text_field(w, "unit", f[1]);
            o->qualifier = (pledge_qualifier)pledge__keyword(f[2], pledge__qualifiers);
            o->per = (pledge_per)pledge__keyword(f[3], pledge__pers);
            o->label = text_field(w, "label", f[4]);
            pledge__walk_pop(w);
        }
        r->output_count = n;
        pledge__walk_pop(w);
    }
    n = seq_size(events);
    r->events = n ? events : NULL;
    pledge__walk_push_key(w, "events");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(enames)];
        pledge__walk_push_index(w, i);
        pledge__fields(events->u.seq.items[i], enames, N(enames), f);
        text_field(w, "text", f[0]);
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

static void walk_other_work(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("text"), K("outputs"), K("events"), K("comment") };
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    if (!n || !(doc->other_work = pledge__walk_alloc(w, n, sizeof *doc->other_work)))
        return;
    doc->other_work_count = n;
    pledge__walk_push_key(w, "other_work");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        pledge__walk_push_index(w, i);
        pledge__fields(seq->u.seq.items[i], names, N(names), f);
        text_field(w, "text", f[0]);
        text_field(w, "comment", f[3]);
        walk_results(w, &doc->other_work[i], f[1], f[2]);
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

static void walk_entries(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("activity"), K("status"), K("done"), K("comment"),
        K("evidence"), K("outputs"), K("events") };
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    if (!n || !(doc->entries = pledge__walk_alloc(w, n, sizeof *doc->entries)))
        return;
    pledge__walk_push_key(w, "activities");
    for (i = 0; i < n && !w->rc; i++) {
        const pledge_node *f[N(names)];
        pledge_entry *e = &doc->entries[i];
        const pledge_entry *prev;
        e->doc = doc;
        e->index = i;
        e->node = seq->u.seq.items[i];
        e->done = -1;
        pledge__walk_push_index(w, i);
        pledge__fields(e->node, names, N(names), f);
        e->activity = pledge__id_of(f[0]);
        e->status = (pledge_status)pledge__keyword(f[1], pledge__statuses);
        if (f[2] && f[2]->type == PLEDGE_NODE_INT && !(f[2]->flags & PLEDGE_NODE_BIGINT))
            e->done = f[2]->u.i.v;
        e->comment = text_field(w, "comment", f[3]);
        walk_evidence(w, e, f[4]);
        walk_results(w, &e->results, f[5], f[6]);
        doc->entry_count = i + 1;
        pledge__walk_push_key(w, "activity");
        if (pledge__id_valid(&e->activity)) {
            prev = pledge__idmap_put(&doc->ids, PLEDGE__ID_ENTRY, e->activity.s,
                                     e->activity.len, e);
            if (prev)
                pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "follow-up.duplicate-entry",
                                  f[0], "activity \"%.*s\" is already reported at line %zu",
                                  (int)e->activity.len, e->activity.s,
                                  (size_t)prev->activity.node->line);
            if ((e->status == PLEDGE_STATUS_DONE || e->status == PLEDGE_STATUS_PARTIALLY_DONE) &&
                !e->comment && !e->evidence_count)
                pledge__walk_diag(w, PLEDGE_SEVERITY_WARNING, "follow-up.undocumented-done",
                                  f[0],
                                  "activity \"%.*s\" is reported as %s without a comment or "
                                  "evidence",
                                  (int)e->activity.len, e->activity.s,
                                  e->status == PLEDGE_STATUS_DONE ? "done" : "partially done");
        }
        pledge__walk_pop(w);
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

static void walk_measurements(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("indicator"), K("value"), K("date"), K("source"),
        K("comment") };
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    if (!n || !(doc->measurements = pledge__walk_alloc(w, n, sizeof *doc->measurements)))
        return;
    pledge__walk_push_key(w, "indicators");
    for (i = 0; i < n && !w->rc; i++) {
        const pledge_node *f[N(names)];
        pledge_measurement *m = &doc->measurements[i];
        m->doc = doc;
        m->index = i;
        m->node = seq->u.seq.items[i];
        pledge__walk_push_index(w, i);
        pledge__fields(m->node, names, N(names), f);
        m->indicator = pledge__id_of(f[0]);
        m->value_node = f[1];
        m->has_value = pledge__number_of(f[1], &m->value);
        m->date = pledge__date_of(f[2], 0);
        m->source = pledge__walk_source(w, "source", f[3]);
        m->comment = text_field(w, "comment", f[4]);
        doc->measurement_count = i + 1;
        if (pledge__id_valid(&m->indicator) && m->date.precision) {
            /* An indicator may repeat with another date: the key is the
             * id and the date together. */
            char *key = pledge__walk_alloc(w, m->indicator.len + 12, 1);
            const pledge_measurement *prev;
            size_t klen;
            if (!key)
                break;
            memcpy(key, m->indicator.s, m->indicator.len);
            key[m->indicator.len] = ' ';
            klen = m->indicator.len + 1 +
                   pledge_date_format(m->date, key + m->indicator.len + 1, 11);
            prev = pledge__idmap_put(&doc->ids, PLEDGE__ID_MEASUREMENT, key, klen, m);
            if (prev) {
                char d[16];
                pledge_date_format(m->date, d, sizeof d);
                pledge__walk_push_key(w, "indicator");
                pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "follow-up.duplicate-entry", f[0],
                                  "indicator \"%.*s\" is already measured on %s at line %zu",
                                  (int)m->indicator.len, m->indicator.s, d,
                                  (size_t)prev->indicator.node->line);
                pledge__walk_pop(w);
            }
        }
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

void pledge__follow_up_build(pledge__walk *w, const pledge_node *root)
{
    enum { F_PLEDGE, F_LANGUAGE, F_ID, F_DATE, F_PERIOD, F_SUMMARY, F_ACTIVITIES,
           F_INDICATORS, F_REPORTED_BY, F_OTHER_WORK, F_COUNT };
    static const pledge__key names[F_COUNT] = {
        K("pledge"), K("language"), K("id"), K("date"), K("period"), K("summary"),
        K("activities"), K("indicators"), K("reported_by"), K("other_work")
    };
    const pledge_node *f[F_COUNT];
    pledge_doc *doc = w->doc;

    pledge__fields(root, names, F_COUNT, f);
    if (f[F_LANGUAGE] && f[F_LANGUAGE]->type == PLEDGE_NODE_STRING) {
        doc->lang = f[F_LANGUAGE]->u.s.ptr;
        doc->lang_len = f[F_LANGUAGE]->u.s.len;
        w->lang_ok = pledge__lang_valid(doc->lang, doc->lang_len);
    } else if (f[F_LANGUAGE]) {
        doc->lang = ""; /* not a string: the schema says so; check nothing */
    }
    if (pledge__idmap_init(&doc->ids, &doc->arena, NULL,
                           seq_size(f[F_ACTIVITIES]) + seq_size(f[F_INDICATORS]))) {
        w->rc = PLEDGE_ENOMEM;
        return;
    }
    doc->pledge = pledge__id_of(f[F_PLEDGE]);
    doc->id = pledge__id_of(f[F_ID]);
    doc->date = pledge__date_of(f[F_DATE], 1);
    if (!f[F_DATE] && !f[F_PERIOD] && root->type == PLEDGE_NODE_MAPPING)
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "follow-up.undated", root,
                          "the report has neither a date nor a period; give the date it was "
                          "published (YYYY-MM-DD, or only YYYY-MM or YYYY where the page says "
                          "no more), the period it reports on, or both");
    walk_period(w, f[F_PERIOD], f[F_DATE]);
    doc->summary = text_field(w, "summary", f[F_SUMMARY]);
    doc->reported_by = seq_size(f[F_REPORTED_BY]) ? f[F_REPORTED_BY] : NULL;
    walk_entries(w, f[F_ACTIVITIES]);
    walk_measurements(w, f[F_INDICATORS]);
    walk_other_work(w, f[F_OTHER_WORK]);
}
