/* SPDX-License-Identifier: MIT */
/* Summaries: the little of a document that cross-document checks and
 * progress need, copied out of it so the document itself can be freed.
 * Strings go to one block per summary (no per-string alignment waste). */
#include "internal.h"
#include "core/hash.h"

#include <string.h>

typedef struct pool {
    char *next;
    char *end;
} pool;

static const char *take(pool *p, const char *s, size_t len)
{
    char *r = p->next;
    if (!s)
        return NULL;
    /* Sized exactly beforehand: never runs out. */
    memcpy(r, s, len);
    r[len] = '\0';
    p->next += len + 1;
    return r;
}

static size_t id_size(const pledge__id *id)
{
    return id->s ? id->len + 1 : 0;
}

/* The keys of a text mapping, each followed by NUL, then one more NUL. */
static size_t langs_size(const pledge_node *map)
{
    size_t i, n = 1;
    for (i = 0; i < map->u.map.count; i++)
        n += map->u.map.pairs[i].key->u.s.len + 1;
    return n;
}

static const char *take_langs(pool *p, const pledge_node *map)
{
    const char *start = p->next;
    size_t i;
    for (i = 0; i < map->u.map.count; i++) {
        const pledge_node *k = map->u.map.pairs[i].key;
        take(p, k->u.s.ptr, k->u.s.len);
    }
    *p->next++ = '\0';
    return start;
}

static void *zalloc(pledge_arena *a, size_t count, size_t size)
{
    void *p;
    if (!count)
        return NULL;
    if (count > SIZE_MAX / size)
        return NULL;
    p = pledge__arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

/* ---- the compact id table of a pledge summary ------------------------- */

static int slots_init(pledge__sum *s, pledge_arena *a, size_t expected)
{
    size_t cap = 8;
    while (cap < expected * 2) {
        if (cap > UINT32_MAX / 4)
            return PLEDGE_ENOMEM;
        cap *= 2;
    }
    s->slots = zalloc(a, cap, sizeof *s->slots);
    if (!s->slots)
        return PLEDGE_ENOMEM;
    s->mask = cap - 1;
    return PLEDGE_OK;
}

static size_t slot_hash(int indicator, const char *id, size_t len)
{
    uint64_t h = pledge__hash(id, len) ^ (indicator ? 0x9E3779B97F4A7C15ull : 0);
    return (size_t)(h ^ (h >> 29));
}

static const char *slot_id(const pledge__sum *s, uint32_t v, size_t *len)
{
    size_t index = (v - 1) >> 1;
    if ((v - 1) & 1) {
        *len = s->indicators[index].len;
        return s->indicators[index].id;
    }
    *len = s->activities[index].len;
    return s->activities[index].id;
}

/* Insert unless present: a duplicate id cannot reach a valid pledge. */
static void slot_put(pledge__sum *s, int indicator, size_t index, const char *id, size_t len)
{
    size_t i;
    if (!id)
        return;
    for (i = slot_hash(indicator, id, len) & s->mask;; i = (i + 1) & s->mask) {
        uint32_t v = s->slots[i];
        size_t l;
        const char *o;
        if (!v) {
            s->slots[i] = (uint32_t)(index * 2 + (size_t)indicator + 1);
            return;
        }
        o = slot_id(s, v, &l);
        if ((int)((v - 1) & 1) == indicator && l == len && memcmp(o, id, len) == 0)
            return;
    }
}

const void *pledge__sum_find(const pledge__sum *s, int indicator, const char *id, size_t len)
{
    size_t i;
    if (!s->slots || !id)
        return NULL;
    for (i = slot_hash(indicator, id, len) & s->mask;; i = (i + 1) & s->mask) {
        uint32_t v = s->slots[i];
        size_t l;
        const char *o;
        if (!v)
            return NULL;
        o = slot_id(s, v, &l);
        if ((int)((v - 1) & 1) == indicator && l == len && memcmp(o, id, len) == 0)
            return (v - 1) & 1 ? (const void *)&s->indicators[(v - 1) >> 1]
                               : (const void *)&s->activities[(v - 1) >> 1];
    }
}

/* ---- 1.1: parties, responsible parties, targets, reported_by ---------- */

static int sum_parties(pledge__sum *s, const pledge_doc *doc, pledge_arena *a, pool *p)
{
    size_t i;
    s->refs = zalloc(a, doc->party_count, sizeof *s->refs);
    if (doc->party_count && !s->refs)
        return PLEDGE_ENOMEM;
    for (i = 0; i < doc->party_count; i++) {
        s->refs[i].id = take(p, doc->parties[i].id.s, doc->parties[i].id.len);
        s->refs[i].len = doc->parties[i].id.s ? doc->parties[i].id.len : 0;
        s->refs[i].mark = pledge_node_mark(doc->parties[i].id.node);
    }
    s->ref_count = doc->party_count;
    return PLEDGE_OK;
}

static int sum_activity_more(pledge__sum_activity *sa, const pledge_activity *act,
                             pledge_arena *a)
{
    size_t j;
    size_t *resp = zalloc(a, act->responsible_count, sizeof *resp);
    if (act->responsible_count && !resp)
        return PLEDGE_ENOMEM;
    for (j = 0; j < act->responsible_count; j++)
        resp[j] = act->responsible[j]->index;
    sa->responsible = resp;
    sa->responsible_count = act->responsible_count;
    sa->has_target = act->has_target;
    sa->quantity = act->target_quantity;
    sa->comparator = act->target_comparator;
    sa->per = act->target_per;
    return PLEDGE_OK;
}

static int sum_reported_by(pledge__sum *s, const pledge_doc *doc, pledge_arena *a, pool *p)
{
    size_t i, n = pledge_node_size(doc->reported_by);
    s->refs = zalloc(a, n, sizeof *s->refs);
    if (n && !s->refs)
        return PLEDGE_ENOMEM;
    for (i = 0; i < n; i++) {
        const pledge_node *r = pledge_node_item(doc->reported_by, i);
        pledge__id id = pledge__id_of(r);
        s->refs[i].id = take(p, id.s, id.len);
        s->refs[i].len = id.s ? id.len : 0;
        s->refs[i].mark = pledge_node_mark(r);
    }
    s->ref_count = n;
    return PLEDGE_OK;
}

int pledge__sum_build(pledge__sum **out, const pledge_doc *doc, pledge_arena *a,
                      const char *file)
{
    pledge__sum *s;
    size_t i, need = 0;
    pool p;

    *out = NULL;
    s = zalloc(a, 1, sizeof *s);
    if (!s)
        return PLEDGE_ENOMEM;
    s->kind = doc->kind;
    s->doc_index = doc->index;
    s->start = doc->start;
    s->end = doc->end;
    s->date = doc->date;

    /* One block for every string. */
    if (!file)
        need += strlen(doc->file) + 1;
    need += doc->lang ? doc->lang_len + 1 : 0;
    if (doc->kind == PLEDGE_DOC_PLEDGE) {
        need += id_size(&doc->id);
        for (i = 0; i < doc->party_count; i++)
            need += id_size(&doc->parties[i].id);
        for (i = 0; i < doc->activity_count; i++)
            need += id_size(&doc->activities[i].id);
        for (i = 0; i < doc->indicator_count; i++)
            need += id_size(&doc->indicators[i].id);
    } else {
        need += id_size(&doc->pledge);
        for (i = 0; i < doc->entry_count; i++)
            need += id_size(&doc->entries[i].activity);
        for (i = 0; i < doc->measurement_count; i++)
            need += id_size(&doc->measurements[i].indicator);
        for (i = 0; i < doc->textref_count; i++)
            need += strlen(doc->textrefs[i].path) + 1 + langs_size(doc->textrefs[i].node);
        for (i = 0; i < pledge_node_size(doc->reported_by); i++) {
            pledge__id r = pledge__id_of(pledge_node_item(doc->reported_by, i));
            need += id_size(&r);
        }
    }
    p.next = pledge__arena_alloc(a, need ? need : 1);
    if (!p.next)
        return PLEDGE_ENOMEM;
    p.end = p.next + need;

    s->file = file ? file : take(&p, doc->file, strlen(doc->file));
    if (doc->lang) {
        s->lang = take(&p, doc->lang, doc->lang_len);
        s->lang_len = doc->lang_len;
    }

    if (doc->kind == PLEDGE_DOC_PLEDGE) {
        s->id = take(&p, doc->id.s, doc->id.len);
        s->id_len = doc->id.len;
        s->id_mark = pledge_node_mark(doc->id.node);
        s->activities = zalloc(a, doc->activity_count, sizeof *s->activities);
        s->indicators = zalloc(a, doc->indicator_count, sizeof *s->indicators);
        if ((doc->activity_count && !s->activities) ||
            (doc->indicator_count && !s->indicators) ||
            slots_init(s, a, doc->activity_count + doc->indicator_count))
            return PLEDGE_ENOMEM;
        if (sum_parties(s, doc, a, &p))
            return PLEDGE_ENOMEM;
        for (i = 0; i < doc->activity_count; i++) {
            const pledge_activity *act = &doc->activities[i];
            pledge__sum_activity *sa = &s->activities[i];
            sa->id = take(&p, act->id.s, act->id.len);
            sa->len = act->id.len;
            if (sum_activity_more(sa, act, a))
                return PLEDGE_ENOMEM;
            slot_put(s, 0, i, sa->id, sa->len);
        }
        s->activity_count = doc->activity_count;
        for (i = 0; i < doc->indicator_count; i++) {
            const pledge_indicator *ind = &doc->indicators[i];
            pledge__sum_indicator *si = &s->indicators[i];
            si->id = take(&p, ind->id.s, ind->id.len);
            si->len = ind->id.len;
            si->unit = ind->unit;
            si->direction = ind->direction;
            si->has_baseline = ind->has_baseline;
            si->has_target = ind->has_target;
            si->baseline_value = ind->baseline_value;
            si->target_value = ind->target_value;
            si->baseline_date = ind->baseline_date;
            si->target_date = ind->target_date;
            slot_put(s, 1, i, si->id, si->len);
        }
        s->indicator_count = doc->indicator_count;
    } else {
        s->id = take(&p, doc->pledge.s, doc->pledge.len);
        s->id_len = doc->pledge.len;
        s->id_mark = pledge_node_mark(doc->pledge.node);
        s->start_mark = pledge_node_mark(doc->start_node);
        s->entries = zalloc(a, doc->entry_count, sizeof *s->entries);
        s->measurements = zalloc(a, doc->measurement_count, sizeof *s->measurements);
        s->texts = zalloc(a, doc->textref_count, sizeof *s->texts);
        if ((doc->entry_count && !s->entries) ||
            (doc->measurement_count && !s->measurements) ||
            (doc->textref_count && !s->texts))
            return PLEDGE_ENOMEM;
        for (i = 0; i < doc->entry_count; i++) {
            const pledge_entry *e = &doc->entries[i];
            pledge__sum_entry *se = &s->entries[i];
            se->id = take(&p, e->activity.s, e->activity.len);
            se->len = e->activity.len;
            se->status = e->status;
            se->mark = pledge_node_mark(e->activity.node);
            se->index = e->index;
            se->done = e->done;
        }
        s->entry_count = doc->entry_count;
        for (i = 0; i < doc->measurement_count; i++) {
            const pledge_measurement *m = &doc->measurements[i];
            pledge__sum_measurement *sm = &s->measurements[i];
            sm->id = take(&p, m->indicator.s, m->indicator.len);
            sm->len = m->indicator.len;
            sm->has_value = m->has_value;
            sm->value = m->value;
            sm->date = m->date;
            sm->mark = pledge_node_mark(m->indicator.node);
            sm->value_mark = pledge_node_mark(m->value_node);
            sm->entry_mark = pledge_node_mark(m->node);
            sm->index = m->index;
        }
        s->measurement_count = doc->measurement_count;
        for (i = 0; i < doc->textref_count; i++) {
            const pledge__textref *t = &doc->textrefs[i];
            s->texts[i].mark = pledge_node_mark(t->node);
            s->texts[i].path = take(&p, t->path, strlen(t->path));
            s->texts[i].langs = take_langs(&p, t->node);
        }
        s->text_count = doc->textref_count;
        if (sum_reported_by(s, doc, a, &p))
            return PLEDGE_ENOMEM;
    }
    *out = s;
    return PLEDGE_OK;
}
