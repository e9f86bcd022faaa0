/* SPDX-License-Identifier: MIT */
/* pledge/1: one walk over the tree that builds the model and checks the
 * rules a schema cannot say (format.md, "semantic checks").
 *
 * The walk runs whether or not the schema accepted the document, so every
 * problem is reported at once; it therefore reads every node defensively
 * (a wrong type is the schema's to report and is skipped here). Lists are
 * visited in an order that makes every reference resolvable: parties,
 * sources and problems, goals and indicators, then themes and activities,
 * channels and contacts. Each list's size is known before the walk, so
 * the model's arrays and the id table are allocated once. */
#include "internal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define K(lit) { lit, sizeof(lit) - 1 }

static size_t seq_size(const pledge_node *n)
{
    return n && n->type == PLEDGE_NODE_SEQUENCE ? n->u.seq.count : 0;
}

static const pledge_node *seq_item(const pledge_node *n, size_t i)
{
    return n->u.seq.items[i];
}

static const pledge_node *string_or_null(const pledge_node *n)
{
    return n && n->type == PLEDGE_NODE_STRING ? n : NULL;
}

static const pledge_node *text_or_null(const pledge_node *n)
{
    return n && (n->type == PLEDGE_NODE_STRING || n->type == PLEDGE_NODE_MAPPING) ? n : NULL;
}

/* Check a text field under key @p key of the current mapping. */
static const pledge_node *text_field(pledge__walk *w, const char *key, const pledge_node *n)
{
    n = text_or_null(n);
    if (n && n->type == PLEDGE_NODE_MAPPING) {
        pledge__walk_push_key(w, key);
        pledge__walk_text(w, n);
        pledge__walk_pop(w);
    }
    return n;
}

static const pledge__id *id_of_obj(unsigned kind, const void *obj)
{
    switch (kind) {
    case PLEDGE__ID_PARTY: return &((const pledge_party *)obj)->id;
    case PLEDGE__ID_SOURCE: return &((const pledge_source *)obj)->id;
    case PLEDGE__ID_PROBLEM: return &((const pledge_problem *)obj)->id;
    case PLEDGE__ID_THEME: return &((const pledge_theme *)obj)->id;
    case PLEDGE__ID_ACTIVITY: return &((const pledge_activity *)obj)->id;
    case PLEDGE__ID_GOAL: return &((const pledge_goal *)obj)->id;
    case PLEDGE__ID_INDICATOR: return &((const pledge_indicator *)obj)->id;
    case PLEDGE__ID_PLACE: return &((const pledge_place *)obj)->id;
    default: return NULL;
    }
}

/* Register @p obj's id (the current path is the object's): the second of
 * two equal ids is pledge.duplicate-id. */
static void register_id(pledge__walk *w, unsigned kind, const pledge__id *id, void *obj,
                        const char *what)
{
    void *prev;
    const pledge__id *pid;
    if (!pledge__id_valid(id))
        return;
    prev = pledge__idmap_put(&w->doc->ids, kind, id->s, id->len, obj);
    if (!prev)
        return;
    pid = id_of_obj(kind, prev);
    pledge__walk_push_key(w, "id");
    pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.duplicate-id", id->node,
                      "id \"%.*s\" is already used by the %s at line %zu", (int)id->len, id->s,
                      what, (size_t)pid->node->line);
    pledge__walk_pop(w);
}

/* pledge.unknown-reference at @p node (the current path), listing what
 * exists. */
static void unknown_ref(pledge__walk *w, const pledge__id *ref, const char *what,
                        const char *in, const char *plural, const char *none,
                        const void *base, size_t count, size_t stride, size_t offset)
{
    pledge_buf list;
    pledge__buf_init(&list, w->doc->allocator);
    pledge__list_ids(&list, base, count, stride, offset);
    if (list.failed) {
        pledge__buf_free(&list);
        w->rc = PLEDGE_ENOMEM;
        return;
    }
    if (list.len)
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.unknown-reference", ref->node,
                          "unknown %s \"%.*s\" in %s; %s are: %s", what, (int)ref->len, ref->s,
                          in, plural, pledge__buf_cstr(&list));
    else
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.unknown-reference", ref->node,
                          "unknown %s \"%.*s\" in %s; %s", what, (int)ref->len, ref->s, in,
                          none);
    pledge__buf_free(&list);
}

static const pledge_party *party_ref(pledge__walk *w, const pledge_node *n, const char *in)
{
    pledge__id ref = pledge__id_of(n);
    const pledge_party *p;
    if (!ref.s)
        return NULL;
    /* Only valid ids are registered: a hit needs no further check. */
    p = pledge__idmap_get(&w->doc->ids, PLEDGE__ID_PARTY, ref.s, ref.len);
    if (!p && pledge__id_valid(&ref))
        unknown_ref(w, &ref, "party", in, "parties", "the pledge has no parties",
                    w->doc->parties, w->doc->party_count, sizeof(pledge_party),
                    offsetof(pledge_party, id));
    return p;
}

/* ---- parties ------------------------------------------------------------ */

static void walk_party(pledge__walk *w, pledge_party *p, const pledge_node *n)
{
    static const pledge__key names[] = { K("id"), K("name"), K("kind"), K("url"),
                                         K("identifiers"), K("role") };
    const pledge_node *f[N(names)];
    pledge__fields(n, names, N(names), f);
    p->node = n;
    p->role = (pledge_party_role)pledge__keyword(f[5], pledge__party_roles);
    p->id = pledge__id_of(f[0]);
    p->name = text_field(w, "name", f[1]);
    p->kind = (pledge_party_kind)pledge__keyword(f[2], pledge__party_kinds);
    p->url = string_or_null(f[3]);
    p->identifiers = seq_size(f[4]) ? f[4] : NULL;
    register_id(w, PLEDGE__ID_PARTY, &p->id, p, "party");
}

static void walk_parties(pledge__walk *w, const pledge_node *seq)
{
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    doc->parties = pledge__walk_alloc(w, n, sizeof *doc->parties);
    if (!doc->parties)
        return;
    pledge__walk_push_key(w, "parties");
    for (i = 0; i < n; i++) {
        pledge_party *p = &doc->parties[i];
        p->doc = doc;
        p->index = i;
        pledge__walk_push_index(w, i);
        walk_party(w, p, seq_item(seq, i));
        pledge__walk_pop(w);
    }
    doc->party_count = n;
    pledge__walk_pop(w);
}

/* ---- sources (the situation's, an indicator's) ------------------------- */

static void walk_source(pledge__walk *w, pledge_source *s, const pledge_node *n)
{
    static const pledge__key names[] = { K("kind"), K("id"), K("title"), K("year"), K("url") };
    const pledge_node *f[N(names)];
    pledge__fields(n, names, N(names), f);
    s->doc = w->doc;
    s->kind = (pledge_source_kind)pledge__keyword(f[0], pledge__source_kinds);
    s->id = pledge__id_of(f[1]);
    s->title = text_field(w, "title", f[2]);
    if (f[3] && f[3]->type == PLEDGE_NODE_INT && !(f[3]->flags & PLEDGE_NODE_BIGINT) &&
        f[3]->u.i.v > -100000 && f[3]->u.i.v < 100000)
        s->year = (int)f[3]->u.i.v;
    s->url = string_or_null(f[4]);
}

/* A single source under key @p key of the current mapping (indicator and
 * measurement "source"). */
const pledge_source *pledge__walk_source(pledge__walk *w, const char *key,
                                         const pledge_node *n)
{
    pledge_source *s;
    if (!n || n->type != PLEDGE_NODE_MAPPING)
        return NULL;
    s = pledge__walk_alloc(w, 1, sizeof *s);
    if (!s)
        return NULL;
    pledge__walk_push_key(w, key);
    walk_source(w, s, n);
    pledge__walk_pop(w);
    return s;
}

static void walk_problem(pledge__walk *w, pledge_problem *p, const pledge_node *n)
{
    static const pledge__key names[] = { K("id"), K("title"), K("description"), K("sources") };
    const pledge_node *f[N(names)];
    pledge_doc *doc = w->doc;
    size_t i, k;
    pledge__fields(n, names, N(names), f);
    p->id = pledge__id_of(f[0]);
    p->title = text_field(w, "title", f[1]);
    p->description = text_field(w, "description", f[2]);
    register_id(w, PLEDGE__ID_PROBLEM, &p->id, p, "problem");
    k = seq_size(f[3]);
    if (!k)
        return;
    p->sources = pledge__walk_alloc(w, k, sizeof *p->sources);
    if (!p->sources)
        return;
    pledge__walk_push_key(w, "sources");
    for (i = 0; i < k; i++) {
        pledge__id ref = pledge__id_of(seq_item(f[3], i));
        const pledge_source *s;
        s = pledge__idmap_get(&doc->ids, PLEDGE__ID_SOURCE, ref.s, ref.len);
        if (s) {
            p->sources[p->source_count++] = s;
            continue;
        }
        if (!pledge__id_valid(&ref))
            continue;
        pledge__walk_push_index(w, i);
        unknown_ref(w, &ref, "source", "sources", "sources with an id",
                    "no source of the situation has an id", doc->sources, doc->source_count,
                    sizeof(pledge_source), offsetof(pledge_source, id));
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

static void walk_situation(pledge__walk *w, const pledge_node *n)
{
    static const pledge__key names[] = { K("description"), K("sources"), K("problems") };
    const pledge_node *f[N(names)];
    pledge_doc *doc = w->doc;
    size_t i, ns, np;
    pledge__fields(n, names, N(names), f);
    pledge__walk_push_key(w, "situation");
    doc->situation = text_field(w, "description", f[0]);
    ns = seq_size(f[1]);
    np = seq_size(f[2]);
    doc->sources = pledge__walk_alloc(w, ns, sizeof *doc->sources);
    doc->problems = pledge__walk_alloc(w, np, sizeof *doc->problems);
    if (w->rc) {
        pledge__walk_pop(w);
        return;
    }
    pledge__walk_push_key(w, "sources");
    for (i = 0; i < ns; i++) {
        pledge_source *s = &doc->sources[i];
        pledge__walk_push_index(w, i);
        walk_source(w, s, seq_item(f[1], i));
        doc->source_count = i + 1;
        if (s->id.s)
            register_id(w, PLEDGE__ID_SOURCE, &s->id, s, "source");
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
    pledge__walk_push_key(w, "problems");
    for (i = 0; i < np; i++) {
        pledge_problem *p = &doc->problems[i];
        p->doc = doc;
        p->index = i;
        pledge__walk_push_index(w, i);
        walk_problem(w, p, seq_item(f[2], i));
        pledge__walk_pop(w);
    }
    doc->problem_count = np;
    pledge__walk_pop(w);
    pledge__walk_pop(w);
}

/* ---- goals and indicators ----------------------------------------------- */

/* {value, date} of a baseline or target. */
static int walk_point(const pledge_node *n, pledge_number *value, pledge_date *date,
                      const pledge_node **value_node, const pledge_node **date_node)
{
    static const pledge__key names[] = { K("value"), K("date") };
    const pledge_node *f[N(names)];
    *value_node = *date_node = NULL;
    if (!n || n->type != PLEDGE_NODE_MAPPING)
        return 0;
    pledge__fields(n, names, N(names), f);
    *value_node = f[0];
    *date_node = f[1];
    pledge__number_of(f[0], value);
    *date = pledge__date_of(f[1], 0);
    return 1;
}

/* <0, 0, >0: exact for integers, by double otherwise. */
static int number_cmp(const pledge_number *a, const pledge_number *b)
{
    if (a->is_integer && b->is_integer)
        return (a->integer > b->integer) - (a->integer < b->integer);
    return (a->value > b->value) - (a->value < b->value);
}

/* The number as written, for messages. */
static const char *number_text(const pledge_node *n, char *buf, size_t size)
{
    if (n && n->type == PLEDGE_NODE_INT)
        return n->u.i.text;
    snprintf(buf, size, "%.17g", n ? pledge_node_number(n) : 0.0);
    return buf;
}

static void percent_range(pledge__walk *w, const char *key, const pledge_number *v,
                          const pledge_node *vnode)
{
    char buf[40];
    if (!vnode || (vnode->type != PLEDGE_NODE_INT && vnode->type != PLEDGE_NODE_FLOAT))
        return;
    if (v->value >= 0 && v->value <= 100)
        return;
    pledge__walk_push_key(w, key);
    pledge__walk_push_key(w, "value");
    pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.percent-range", vnode,
                      "%s %s is outside 0-100, but the indicator's unit is percent", key,
                      number_text(vnode, buf, sizeof buf));
    pledge__walk_pop(w);
    pledge__walk_pop(w);
}

static void walk_indicator(pledge__walk *w, pledge_indicator *ind, const pledge_node *n)
{
    static const pledge__key names[] = { K("id"), K("text"), K("unit"), K("direction"), K("source"),
                                         K("baseline"), K("target") };
    const pledge_node *f[N(names)];
    const pledge_node *bv = NULL, *bd = NULL, *tv = NULL, *td = NULL;
    pledge__fields(n, names, N(names), f);
    ind->id = pledge__id_of(f[0]);
    ind->text = text_field(w, "text", f[1]);
    ind->unit = (pledge_unit)pledge__keyword(f[2], pledge__units);
    ind->direction = (pledge_direction)pledge__keyword(f[3], pledge__directions);
    ind->source = pledge__walk_source(w, "source", f[4]);
    ind->has_baseline = walk_point(f[5], &ind->baseline_value, &ind->baseline_date, &bv, &bd);
    ind->has_target = walk_point(f[6], &ind->target_value, &ind->target_date, &tv, &td);
    register_id(w, PLEDGE__ID_INDICATOR, &ind->id, ind, "indicator");

    if (ind->unit == PLEDGE_UNIT_PERCENT) {
        if (ind->has_baseline)
            percent_range(w, "baseline", &ind->baseline_value, bv);
        if (ind->has_target)
            percent_range(w, "target", &ind->target_value, tv);
    }
    if (ind->has_baseline && ind->has_target && ind->baseline_date.precision &&
        ind->target_date.precision &&
        pledge_date_compare(ind->target_date, ind->baseline_date) < 0) {
        char b[16], t[16];
        pledge_date_format(ind->baseline_date, b, sizeof b);
        pledge_date_format(ind->target_date, t, sizeof t);
        pledge__walk_push_key(w, "target");
        pledge__walk_push_key(w, "date");
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.period-order", td,
                          "target date (%s) is before the baseline date (%s)", t, b);
        pledge__walk_pop(w);
        pledge__walk_pop(w);
    }
    if (ind->has_baseline && ind->has_target && bv && tv &&
        (bv->type == PLEDGE_NODE_INT || bv->type == PLEDGE_NODE_FLOAT) &&
        (tv->type == PLEDGE_NODE_INT || tv->type == PLEDGE_NODE_FLOAT)) {
        int c = number_cmp(&ind->target_value, &ind->baseline_value);
        const char *wrong = NULL;
        if (ind->direction == PLEDGE_DIRECTION_INCREASE && c <= 0)
            wrong = "above";
        else if (ind->direction == PLEDGE_DIRECTION_DECREASE && c >= 0)
            wrong = "below";
        if (wrong) {
            char b1[40], b2[40];
            pledge__walk_push_key(w, "target");
            pledge__walk_push_key(w, "value");
            pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.direction", tv,
                              "target %s is not %s the baseline %s, but the direction is %s",
                              number_text(tv, b1, sizeof b1), wrong,
                              number_text(bv, b2, sizeof b2),
                              pledge_direction_name(ind->direction));
            pledge__walk_pop(w);
            pledge__walk_pop(w);
        }
    }
}

static void walk_goals(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("id"), K("text"), K("level"), K("indicators") };
    pledge_doc *doc = w->doc;
    size_t i, j, n = seq_size(seq), total = 0;
    for (i = 0; i < n; i++) {
        const pledge_node *g = seq_item(seq, i);
        total += seq_size(pledge_node_get(g, "indicators", 10));
    }
    doc->goals = pledge__walk_alloc(w, n, sizeof *doc->goals);
    doc->indicators = pledge__walk_alloc(w, total, sizeof *doc->indicators);
    if (w->rc)
        return;
    pledge__walk_push_key(w, "goals");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        const pledge_node *gn = seq_item(seq, i);
        pledge_goal *g = &doc->goals[i];
        size_t k;
        g->doc = doc;
        g->index = i;
        pledge__walk_push_index(w, i);
        pledge__fields(gn, names, N(names), f);
        g->node = gn;
        g->id = pledge__id_of(f[0]);
        g->text = text_field(w, "text", f[1]);
        g->level = (pledge_goal_level)pledge__keyword(f[2], pledge__goal_levels);
        register_id(w, PLEDGE__ID_GOAL, &g->id, g, "goal");
        k = seq_size(f[3]);
        g->indicators = doc->indicators ? doc->indicators + doc->indicator_count : NULL;
        pledge__walk_push_key(w, "indicators");
        for (j = 0; j < k; j++) {
            pledge_indicator *ind = &doc->indicators[doc->indicator_count];
            ind->doc = doc;
            ind->goal = g;
            ind->index = doc->indicator_count++;
            pledge__walk_push_index(w, j);
            walk_indicator(w, ind, seq_item(f[3], j));
            pledge__walk_pop(w);
        }
        pledge__walk_pop(w);
        g->indicator_count = k;
        if (!k && gn && gn->type == PLEDGE_NODE_MAPPING &&
            (!f[3] || f[3]->type == PLEDGE_NODE_SEQUENCE)) {
            if (pledge__id_valid(&g->id))
                pledge__walk_diag(w, PLEDGE_SEVERITY_WARNING, "pledge.no-indicator", gn,
                                  "goal \"%.*s\" has no indicator, so it cannot be followed "
                                  "up by measurement", (int)g->id.len, g->id.s);
            else
                pledge__walk_diag(w, PLEDGE_SEVERITY_WARNING, "pledge.no-indicator", gn,
                                  "the goal has no indicator, so it cannot be followed up by "
                                  "measurement");
        }
        pledge__walk_pop(w);
    }
    doc->goal_count = n;
    pledge__walk_pop(w);
}

/* ---- activities ---------------------------------------------------------- */

static void walk_partners(pledge__walk *w, pledge_activity *a, const pledge_node *seq);
static void walk_activity_places(pledge__walk *w, pledge_activity *a, const pledge_node *seq);

static void walk_activity(pledge__walk *w, pledge_activity *a, const pledge_node *n)
{
    static const pledge__key names[] = { K("id"), K("text"), K("responsible"),
                                         K("addresses"), K("goals"), K("target_group"),
                                         K("recurrence"), K("target"), K("partners"),
                                         K("places"), K("when"), K("condition") };
    const pledge_node *f[N(names)];
    pledge_doc *doc = w->doc;
    size_t i, k;
    pledge__fields(n, names, N(names), f);
    a->node = n;
    a->id = pledge__id_of(f[0]);
    a->text = text_field(w, "text", f[1]);
    a->target_group = text_field(w, "target_group", f[5]);
    text_field(w, "when", f[10]);
    text_field(w, "condition", f[11]);
    a->recurrence = (pledge_recurrence)pledge__keyword(f[6], pledge__recurrences);
    a->target_quantity = -1;
    register_id(w, PLEDGE__ID_ACTIVITY, &a->id, a, "activity");

    k = seq_size(f[2]);
    if (k && (a->responsible = pledge__walk_alloc(w, k, sizeof *a->responsible))) {
        pledge__walk_push_key(w, "responsible");
        for (i = 0; i < k; i++) {
            const pledge_party *p;
            pledge__walk_push_index(w, i);
            p = party_ref(w, seq_item(f[2], i), "responsible");
            pledge__walk_pop(w);
            if (p) {
                ((pledge_party *)p)->used = 1;
                a->responsible[a->responsible_count++] = p;
            }
        }
        pledge__walk_pop(w);
    }
    if (k)
        doc->any_responsible = 1;
    walk_partners(w, a, f[8]);
    walk_activity_places(w, a, f[9]);
    k = seq_size(f[3]);
    if (k && (a->problems = pledge__walk_alloc(w, k, sizeof *a->problems))) {
        pledge__walk_push_key(w, "addresses");
        for (i = 0; i < k; i++) {
            pledge__id ref = pledge__id_of(seq_item(f[3], i));
            const pledge_problem *p;
            p = pledge__idmap_get(&doc->ids, PLEDGE__ID_PROBLEM, ref.s, ref.len);
            if (p) {
                a->problems[a->problem_count++] = p;
                continue;
            }
            if (!pledge__id_valid(&ref))
                continue;
            pledge__walk_push_index(w, i);
            unknown_ref(w, &ref, "problem", "addresses", "problems",
                        "the situation lists no problems", doc->problems, doc->problem_count,
                        sizeof(pledge_problem), offsetof(pledge_problem, id));
            pledge__walk_pop(w);
        }
        pledge__walk_pop(w);
    }
    k = seq_size(f[4]);
    if (k && (a->goals = pledge__walk_alloc(w, k, sizeof *a->goals))) {
        pledge__walk_push_key(w, "goals");
        for (i = 0; i < k; i++) {
            pledge__id ref = pledge__id_of(seq_item(f[4], i));
            const pledge_goal *g;
            g = pledge__idmap_get(&doc->ids, PLEDGE__ID_GOAL, ref.s, ref.len);
            if (g) {
                a->goals[a->goal_count++] = g;
                continue;
            }
            if (!pledge__id_valid(&ref))
                continue;
            pledge__walk_push_index(w, i);
            unknown_ref(w, &ref, "goal", "goals", "goals", "the pledge has no goals",
                        doc->goals, doc->goal_count, sizeof(pledge_goal),
                        offsetof(pledge_goal, id));
            pledge__walk_pop(w);
        }
        pledge__walk_pop(w);
    }
    if (f[7] && f[7]->type == PLEDGE_NODE_MAPPING) {
        static const pledge__key tnames[] = { K("quantity"), K("comparator"), K("unit"), K("per") };
        const pledge_node *t[N(tnames)];
        pledge__fields(f[7], tnames, N(tnames), t);
        a->has_target = 1;
        if (t[0] && t[0]->type == PLEDGE_NODE_INT && !(t[0]->flags & PLEDGE_NODE_BIGINT))
            a->target_quantity = t[0]->u.i.v;
        a->target_comparator = (pledge_comparator)pledge__keyword(t[1], pledge__comparators);
        pledge__walk_push_key(w, "target");
        a->target_unit = text_field(w, "unit", t[2]);
        pledge__walk_pop(w);
        a->target_per = (pledge_per)pledge__keyword(t[3], pledge__pers);
    }
}

/* ---- places (1.1) -------------------------------------------------------- */

static void walk_places(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("id"), K("name"), K("kind"), K("description") };
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    doc->places = pledge__walk_alloc(w, n, sizeof *doc->places);
    if (!doc->places)
        return;
    pledge__walk_push_key(w, "places");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        pledge_place *p = &doc->places[i];
        p->doc = doc;
        p->index = i;
        p->node = seq_item(seq, i);
        pledge__walk_push_index(w, i);
        pledge__fields(p->node, names, N(names), f);
        p->id = pledge__id_of(f[0]);
        p->name = text_field(w, "name", f[1]);
        p->kind = (pledge_place_kind)pledge__keyword(f[2], pledge__place_kinds);
        text_field(w, "description", f[3]);
        register_id(w, PLEDGE__ID_PLACE, &p->id, p, "place");
        pledge__walk_pop(w);
    }
    doc->place_count = n;
    pledge__walk_pop(w);
}

/* An activity's "partners": parties that take part without being
 * responsible; one also in "responsible" is reported as a duplicate. */
static void walk_partners(pledge__walk *w, pledge_activity *a, const pledge_node *seq)
{
    size_t i, j, k = seq_size(seq);
    if (!k || !(a->partners = pledge__walk_alloc(w, k, sizeof *a->partners)))
        return;
    pledge__walk_push_key(w, "partners");
    for (i = 0; i < k; i++) {
        const pledge_party *p;
        int twice = 0;
        pledge__walk_push_index(w, i);
        p = party_ref(w, seq_item(seq, i), "partners");
        for (j = 0; p && j < a->responsible_count; j++)
            twice |= a->responsible[j] == p;
        if (twice)
            pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.duplicate-id", seq_item(seq, i),
                              "party \"%.*s\" is both responsible for this activity and a "
                              "partner in it; a partner takes part without being responsible",
                              (int)p->id.len, p->id.s);
        pledge__walk_pop(w);
        if (p) {
            ((pledge_party *)p)->used = 1;
            a->partners[a->partner_count++] = p;
        }
    }
    pledge__walk_pop(w);
}

static void walk_activity_places(pledge__walk *w, pledge_activity *a, const pledge_node *seq)
{
    pledge_doc *doc = w->doc;
    size_t i, k = seq_size(seq);
    if (!k || !(a->places = pledge__walk_alloc(w, k, sizeof *a->places)))
        return;
    pledge__walk_push_key(w, "places");
    for (i = 0; i < k; i++) {
        pledge__id ref = pledge__id_of(seq_item(seq, i));
        const pledge_place *p = pledge__idmap_get(&doc->ids, PLEDGE__ID_PLACE, ref.s, ref.len);
        if (p) {
            a->places[a->place_count++] = p;
            continue;
        }
        if (!pledge__id_valid(&ref))
            continue;
        pledge__walk_push_index(w, i);
        unknown_ref(w, &ref, "place", "places", "places", "the pledge lists no places",
                    doc->places, doc->place_count, sizeof(pledge_place),
                    offsetof(pledge_place, id));
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

/* ---- area and signing (1.1) ---------------------------------------------- */

static void walk_area(pledge__walk *w, const pledge_node *n)
{
    static const pledge__key an[] = { K("municipality"), K("municipality_code"),
                                      K("police_area"), K("region"), K("municipalities"),
                                      K("districts") };
    const pledge_node *a[N(an)];
    pledge_doc *doc = w->doc;
    size_t i;
    if (!n)
        return;
    pledge__fields(n, an, N(an), a);
    doc->municipality = string_or_null(a[0]);
    doc->municipality_code = string_or_null(a[1]);
    doc->police_area = string_or_null(a[2]);
    doc->region = string_or_null(a[3]);
    pledge__walk_push_key(w, "area");
    if (a[4] && (a[0] || a[1])) {
        pledge__walk_push_key(w, "municipalities");
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.area-conflict", a[4],
                          "the area has both %s and municipalities; for a pledge over several "
                          "municipalities, list each under municipalities (with its code) and "
                          "leave %s out", a[0] ? "municipality" : "municipality_code",
                          a[0] && a[1] ? "municipality and municipality_code"
                                       : a[0] ? "municipality" : "municipality_code");
        pledge__walk_pop(w);
    }
    pledge__walk_push_key(w, "districts");
    for (i = 0; i < seq_size(a[5]); i++) {
        const pledge_node *t = seq_item(a[5], i);
        if (t->type == PLEDGE_NODE_MAPPING) {
            pledge__walk_push_index(w, i);
            pledge__walk_text(w, t);
            pledge__walk_pop(w);
        }
    }
    pledge__walk_pop(w);
    pledge__walk_pop(w);
}

static void walk_signing(pledge__walk *w, const pledge_node *n)
{
    static const pledge__key sn[] = { K("date"), K("signatories") };
    static const pledge__key gn[] = { K("role"), K("party") };
    const pledge_node *s[N(sn)];
    pledge_doc *doc = w->doc;
    size_t i, k;
    if (!n)
        return;
    pledge__fields(n, sn, N(sn), s);
    doc->signing_date = pledge__date_of(s[0], 1);
    k = seq_size(s[1]);
    if (!k || !(doc->signatory_parties = pledge__walk_alloc(w, k, sizeof(pledge_party *))))
        return;
    doc->signatory_count = k;
    pledge__walk_push_key(w, "signing");
    pledge__walk_push_key(w, "signatories");
    for (i = 0; i < k; i++) {
        const pledge_node *g[N(gn)];
        pledge__walk_push_index(w, i);
        pledge__fields(seq_item(s[1], i), gn, N(gn), g);
        text_field(w, "role", g[0]);
        if (g[1]) {
            const pledge_party *p;
            pledge__walk_push_key(w, "party");
            p = party_ref(w, g[1], "signatories");
            pledge__walk_pop(w);
            if (p) {
                ((pledge_party *)p)->used = 1;
                doc->signatory_parties[i] = p;
            }
        }
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
    pledge__walk_pop(w);
}

/* ---- themes and activities ---------------------------------------------- */

/* The flat "activities" (1.1) first, then every theme's: one array. */
static void walk_themes(pledge__walk *w, const pledge_node *seq, const pledge_node *flat)
{
    static const pledge__key names[] = { K("id"), K("title"), K("description"), K("activities") };
    pledge_doc *doc = w->doc;
    size_t i, j, n = seq_size(seq), nflat = seq_size(flat), total = nflat;
    for (i = 0; i < n; i++)
        total += seq_size(pledge_node_get(seq_item(seq, i), "activities", 10));
    doc->themes = pledge__walk_alloc(w, n, sizeof *doc->themes);
    doc->activities = pledge__walk_alloc(w, total, sizeof *doc->activities);
    if (w->rc)
        return;
    pledge__walk_push_key(w, "activities");
    for (j = 0; j < nflat; j++) {
        pledge_activity *a = &doc->activities[doc->activity_count];
        a->doc = doc;
        a->index = doc->activity_count++;
        pledge__walk_push_index(w, j);
        walk_activity(w, a, seq_item(flat, j));
        pledge__walk_pop(w);
    }
    doc->flat_count = nflat;
    pledge__walk_pop(w);
    pledge__walk_push_key(w, "themes");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        pledge_theme *t = &doc->themes[i];
        size_t k;
        t->doc = doc;
        t->index = i;
        pledge__walk_push_index(w, i);
        pledge__fields(seq_item(seq, i), names, N(names), f);
        t->node = seq_item(seq, i);
        t->id = pledge__id_of(f[0]);
        t->title = text_field(w, "title", f[1]);
        t->description = text_field(w, "description", f[2]);
        register_id(w, PLEDGE__ID_THEME, &t->id, t, "theme");
        k = seq_size(f[3]);
        t->activities = doc->activities ? doc->activities + doc->activity_count : NULL;
        pledge__walk_push_key(w, "activities");
        for (j = 0; j < k; j++) {
            pledge_activity *a = &doc->activities[doc->activity_count];
            a->doc = doc;
            a->theme = t;
            a->index = doc->activity_count++;
            pledge__walk_push_index(w, j);
            walk_activity(w, a, seq_item(f[3], j));
            pledge__walk_pop(w);
        }
        pledge__walk_pop(w);
        t->activity_count = k;
        pledge__walk_pop(w);
    }
    doc->theme_count = n;
    pledge__walk_pop(w);
}

/* ---- channels and contacts ---------------------------------------------- */

static void walk_channels(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("kind"), K("url"), K("name"), K("owner") };
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    doc->channels = pledge__walk_alloc(w, n, sizeof *doc->channels);
    if (!doc->channels)
        return;
    pledge__walk_push_key(w, "channels");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        pledge_channel *c = &doc->channels[i];
        c->doc = doc;
        pledge__walk_push_index(w, i);
        pledge__fields(seq_item(seq, i), names, N(names), f);
        c->kind = (pledge_channel_kind)pledge__keyword(f[0], pledge__channel_kinds);
        c->url = string_or_null(f[1]);
        c->name = text_field(w, "name", f[2]);
        if (f[3]) {
            pledge__walk_push_key(w, "owner");
            c->owner = party_ref(w, f[3], "owner");
            pledge__walk_pop(w);
        }
        pledge__walk_pop(w);
    }
    doc->channel_count = n;
    pledge__walk_pop(w);
}

static void walk_contacts(pledge__walk *w, const pledge_node *seq)
{
    static const pledge__key names[] = { K("party"), K("name"), K("role"), K("note"), K("phone"),
        K("email") };
    pledge_doc *doc = w->doc;
    size_t i, n = seq_size(seq);
    doc->contacts = pledge__walk_alloc(w, n, sizeof *doc->contacts);
    if (!doc->contacts)
        return;
    pledge__walk_push_key(w, "contacts");
    for (i = 0; i < n; i++) {
        const pledge_node *f[N(names)];
        pledge_contact *c = &doc->contacts[i];
        c->doc = doc;
        pledge__walk_push_index(w, i);
        pledge__fields(seq_item(seq, i), names, N(names), f);
        if (f[0]) {
            pledge__walk_push_key(w, "party");
            c->party = party_ref(w, f[0], "party");
            pledge__walk_pop(w);
        }
        c->name = string_or_null(f[1]);
        c->role = text_field(w, "role", f[2]);
        c->note = text_field(w, "note", f[3]);
        c->phone = string_or_null(f[4]);
        c->email = string_or_null(f[5]);
        pledge__walk_pop(w);
    }
    doc->contact_count = n;
    pledge__walk_pop(w);
}

/* ---- the document ------------------------------------------------------- */

static void walk_period(pledge__walk *w, const pledge_node *n)
{
    static const pledge__key names[] = { K("start"), K("end"), K("planned_years"), K("label") };
    const pledge_node *f[N(names)];
    pledge_doc *doc = w->doc;
    pledge__fields(n, names, N(names), f);
    pledge__walk_push_key(w, "period");
    doc->start = pledge__date_of(f[0], 1);
    doc->end = pledge__date_of(f[1], 1);
    if (f[2] && f[2]->type == PLEDGE_NODE_INT && !(f[2]->flags & PLEDGE_NODE_BIGINT) &&
        f[2]->u.i.v > 0 && f[2]->u.i.v <= 1000)
        doc->planned_years = (int)f[2]->u.i.v;
    doc->label = text_field(w, "label", f[3]);
    if (doc->start.precision && doc->end.precision &&
        pledge_date_compare(pledge_date_last_day(doc->end),
                            pledge_date_first_day(doc->start)) < 0) {
        char s[16], e[16];
        pledge_date_format(doc->start, s, sizeof s);
        pledge_date_format(doc->end, e, sizeof e);
        pledge__walk_push_key(w, "end");
        pledge__walk_diag(w, PLEDGE_SEVERITY_ERROR, "pledge.period-order", f[1],
                          "period ends (%s) before it starts (%s)", e, s);
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}

/* How many ids the pledge can hold, to size the id table once. */
static size_t count_ids(const pledge_node *const *f, size_t parties, size_t situation,
                        size_t themes, size_t goals, size_t flat, size_t places)
{
    size_t i, n = seq_size(f[parties]) + seq_size(f[themes]) + seq_size(f[goals]) +
                  seq_size(f[flat]) + seq_size(f[places]);
    const pledge_node *s = f[situation];
    n += seq_size(pledge_node_get(s, "sources", 7)) + seq_size(pledge_node_get(s, "problems", 8));
    for (i = 0; i < seq_size(f[themes]); i++)
        n += seq_size(pledge_node_get(seq_item(f[themes], i), "activities", 10));
    for (i = 0; i < seq_size(f[goals]); i++)
        n += seq_size(pledge_node_get(seq_item(f[goals], i), "indicators", 10));
    return n;
}

void pledge__pledge_build(pledge__walk *w, const pledge_node *root)
{
    enum { F_ID, F_TITLE, F_LANGUAGE, F_STATUS, F_SUPERSEDES, F_AREA, F_AGREEMENT,
           F_PARTIES, F_PERIOD, F_FOCUS, F_SUMMARY, F_SITUATION, F_THEMES, F_GOALS,
           F_FOLLOW_UP, F_CHANNELS, F_CONTACTS, F_ACTIVITIES, F_PLACES, F_PUBLISHED,
           F_SIGNING, F_COUNT };
    static const pledge__key names[F_COUNT] = {
        K("id"), K("title"), K("language"), K("status"), K("supersedes"), K("area"),
        K("agreement"), K("parties"), K("period"), K("focus"), K("summary"), K("situation"),
        K("themes"), K("goals"), K("follow_up"), K("channels"), K("contacts"),
        K("activities"), K("places"), K("published"), K("signing")
    };
    const pledge_node *f[F_COUNT];
    pledge_doc *doc = w->doc;
    size_t i;

    pledge__fields(root, names, F_COUNT, f);
    if (f[F_LANGUAGE] && f[F_LANGUAGE]->type == PLEDGE_NODE_STRING) {
        doc->lang = f[F_LANGUAGE]->u.s.ptr;
        doc->lang_len = f[F_LANGUAGE]->u.s.len;
        w->lang_ok = pledge__lang_valid(doc->lang, doc->lang_len);
    } else {
        /* Without a language no text mapping can be checked; the schema
         * reports the missing key. Accessors then read plain strings. */
        doc->lang = "";
        doc->lang_len = 0;
    }
    if (pledge__idmap_init(&doc->ids, &doc->arena, NULL,
                           count_ids(f, F_PARTIES, F_SITUATION, F_THEMES, F_GOALS,
                                     F_ACTIVITIES, F_PLACES))) {
        w->rc = PLEDGE_ENOMEM;
        return;
    }
    doc->id = pledge__id_of(f[F_ID]);
    doc->title = text_field(w, "title", f[F_TITLE]);
    doc->status = f[F_STATUS] ? (pledge_doc_status)pledge__keyword(f[F_STATUS],
                                                                    pledge__doc_statuses)
                              : PLEDGE_DOC_STATUS_ACTIVE;
    doc->supersedes = string_or_null(f[F_SUPERSEDES]);
    walk_area(w, f[F_AREA]);
    doc->published = pledge__date_of(f[F_PUBLISHED], 1);
    if (f[F_AGREEMENT]) {
        static const pledge__key an[] = { K("name"), K("url") };
        const pledge_node *a[N(an)];
        pledge__fields(f[F_AGREEMENT], an, N(an), a);
        pledge__walk_push_key(w, "agreement");
        doc->agreement_name = text_field(w, "name", a[0]);
        pledge__walk_pop(w);
        doc->agreement_url = string_or_null(a[1]);
    }
    walk_period(w, f[F_PERIOD]);
    doc->focus = text_field(w, "focus", f[F_FOCUS]);
    doc->summary = text_field(w, "summary", f[F_SUMMARY]);
    if (f[F_FOLLOW_UP]) {
        static const pledge__key fn[] = { K("methods"), K("frequency"), K("description") };
        const pledge_node *a[N(fn)];
        pledge__fields(f[F_FOLLOW_UP], fn, N(fn), a);
        doc->fu_methods = seq_size(a[0]) ? a[0] : NULL;
        doc->frequency = (pledge_frequency)pledge__keyword(a[1], pledge__frequencies);
        pledge__walk_push_key(w, "follow_up");
        doc->fu_description = text_field(w, "description", a[2]);
        pledge__walk_pop(w);
    }

    walk_parties(w, f[F_PARTIES]);
    if (w->rc)
        return;
    walk_situation(w, f[F_SITUATION]);
    if (w->rc)
        return;
    walk_goals(w, f[F_GOALS]);
    if (w->rc)
        return;
    walk_places(w, f[F_PLACES]);
    if (w->rc)
        return;
    walk_themes(w, f[F_THEMES], f[F_ACTIVITIES]);
    if (w->rc)
        return;
    walk_channels(w, f[F_CHANNELS]);
    walk_contacts(w, f[F_CONTACTS]);
    walk_signing(w, f[F_SIGNING]);
    if (w->rc)
        return;
    if (!f[F_GOALS] && root->type == PLEDGE_NODE_MAPPING)
        pledge__walk_diag(w, PLEDGE_SEVERITY_WARNING, "pledge.no-goal", root,
                          "the pledge states no goals, so what it should achieve cannot be "
                          "followed up; add goals (\"Det här ska vi åstadkomma "
                          "tillsammans\") if the pledge has them");
    /* A pledge that never says who does what is not warned party by party. */
    if (!doc->any_responsible)
        return;

    pledge__walk_push_key(w, "parties");
    for (i = 0; i < doc->party_count; i++) {
        const pledge_party *p = &doc->parties[i];
        /* A party whose id repeats an earlier one's is a duplicate-id
         * error already; references resolve to the first. */
        if (p->used || !pledge__id_valid(&p->id) ||
            pledge__idmap_get(&doc->ids, PLEDGE__ID_PARTY, p->id.s, p->id.len) != p)
            continue;
        pledge__walk_push_index(w, i);
        pledge__walk_push_key(w, "id");
        pledge__walk_diag(w, PLEDGE_SEVERITY_WARNING, "pledge.unused-party", p->id.node,
                          "party \"%.*s\" is neither responsible for nor partner in any "
                          "activity, nor a signatory's party", (int)p->id.len, p->id.s);
        pledge__walk_pop(w);
        pledge__walk_pop(w);
    }
    pledge__walk_pop(w);
}
