/* SPDX-License-Identifier: MIT */
/* The accessors of the typed model. Each is a field read: the walk did
 * the work. NULL objects and the other kind of document give NULL/0. */
#include "internal.h"

#include <string.h>

static const char *str_of(const pledge_node *n, size_t *len)
{
    if (len)
        *len = 0;
    if (!n || n->type != PLEDGE_NODE_STRING)
        return NULL;
    if (len)
        *len = n->u.s.len;
    return n->u.s.ptr;
}

static const char *id_str(const pledge__id *id, size_t *len)
{
    if (len)
        *len = id->s ? id->len : 0;
    return id->s;
}

static const pledge_date no_date = { 0, 0, 0, PLEDGE_DATE_NONE };
static const pledge_number no_number = { 0, 0, 0 };

#define AT(base, count, index) ((index) < (count) ? &(base)[index] : NULL)

/* ---- document ---------------------------------------------------------- */

const char *pledge_doc_id(const pledge_doc *doc, size_t *len)
{
    static const pledge__id none = { NULL, 0, NULL };
    return id_str(doc ? &doc->id : &none, len);
}

const char *pledge_doc_language(const pledge_doc *doc, size_t *len)
{
    if (len)
        *len = 0;
    if (!doc || !doc->lang || !doc->lang_len)
        return NULL;
    if (len)
        *len = doc->lang_len;
    return doc->lang;
}

#define DOC_TEXT(name, field)                                                        \
    const char *name(const pledge_doc *doc, const char *lang, size_t *len)           \
    {                                                                                \
        return pledge__text(doc, doc ? doc->field : NULL, lang, len);                \
    }
#define DOC_STR(name, field)                                                         \
    const char *name(const pledge_doc *doc, size_t *len)                             \
    {                                                                                \
        return str_of(doc ? doc->field : NULL, len);                                 \
    }

DOC_TEXT(pledge_doc_summary, summary)
DOC_TEXT(pledge_doc_title, title)
DOC_TEXT(pledge_doc_agreement_name, agreement_name)
DOC_TEXT(pledge_doc_period_label, label)
DOC_TEXT(pledge_doc_focus, focus)
DOC_TEXT(pledge_doc_situation, situation)
DOC_TEXT(pledge_doc_follow_up_description, fu_description)
DOC_STR(pledge_doc_supersedes, supersedes)
DOC_STR(pledge_doc_municipality, municipality)
DOC_STR(pledge_doc_municipality_code, municipality_code)
DOC_STR(pledge_doc_police_area, police_area)
DOC_STR(pledge_doc_region, region)
DOC_STR(pledge_doc_agreement_url, agreement_url)

const char *pledge_doc_text(const pledge_doc *doc, const char *key, const char *lang,
                            size_t *len)
{
    if (len)
        *len = 0;
    if (!doc || !key)
        return NULL;
    return pledge__text(doc, pledge_node_get(doc->root, key, strlen(key)), lang, len);
}

pledge_date pledge_doc_period_start(const pledge_doc *doc)
{
    return doc ? doc->start : no_date;
}

pledge_date pledge_doc_period_end(const pledge_doc *doc)
{
    return doc ? doc->end : no_date;
}

pledge_doc_status pledge_doc_status_of(const pledge_doc *doc)
{
    return doc && doc->kind == PLEDGE_DOC_PLEDGE ? doc->status : PLEDGE_DOC_STATUS_NONE;
}

int pledge_doc_period_planned_years(const pledge_doc *doc)
{
    return doc ? doc->planned_years : 0;
}

size_t pledge_doc_follow_up_method_count(const pledge_doc *doc)
{
    return doc ? pledge_node_size(doc->fu_methods) : 0;
}

pledge_source_kind pledge_doc_follow_up_method_at(const pledge_doc *doc, size_t index)
{
    return doc ? (pledge_source_kind)pledge__keyword(pledge_node_item(doc->fu_methods, index),
                                                     pledge__source_kinds)
               : PLEDGE_SOURCE_NONE;
}

pledge_frequency pledge_doc_follow_up_frequency(const pledge_doc *doc)
{
    return doc ? doc->frequency : PLEDGE_FREQUENCY_NONE;
}

/* Lists: count, index access, lookup by id. */
#define DOC_LIST(type, plural, single, field, count, kind)                          \
    size_t pledge_doc_##single##_count(const pledge_doc *doc)                        \
    {                                                                                \
        return doc ? doc->count : 0;                                                 \
    }                                                                                \
    const type *pledge_doc_##single##_at(const pledge_doc *doc, size_t index)       \
    {                                                                                \
        return doc ? AT(doc->field, doc->count, index) : NULL;                       \
    }                                                                                \
    const type *pledge_doc_##single(const pledge_doc *doc, const char *id)           \
    {                                                                                \
        if (!doc || !id)                                                             \
            return NULL;                                                             \
        return pledge__idmap_get(&doc->ids, kind, id, strlen(id));                   \
    }

DOC_LIST(pledge_party, parties, party, parties, party_count, PLEDGE__ID_PARTY)
DOC_LIST(pledge_source, sources, source, sources, source_count, PLEDGE__ID_SOURCE)
DOC_LIST(pledge_problem, problems, problem, problems, problem_count, PLEDGE__ID_PROBLEM)
DOC_LIST(pledge_theme, themes, theme, themes, theme_count, PLEDGE__ID_THEME)
DOC_LIST(pledge_activity, activities, activity, activities, activity_count,
         PLEDGE__ID_ACTIVITY)
DOC_LIST(pledge_goal, goals, goal, goals, goal_count, PLEDGE__ID_GOAL)
DOC_LIST(pledge_indicator, indicators, indicator, indicators, indicator_count,
         PLEDGE__ID_INDICATOR)

size_t pledge_doc_channel_count(const pledge_doc *doc)
{
    return doc ? doc->channel_count : 0;
}

const pledge_channel *pledge_doc_channel_at(const pledge_doc *doc, size_t index)
{
    return doc ? AT(doc->channels, doc->channel_count, index) : NULL;
}

size_t pledge_doc_contact_count(const pledge_doc *doc)
{
    return doc ? doc->contact_count : 0;
}

const pledge_contact *pledge_doc_contact_at(const pledge_doc *doc, size_t index)
{
    return doc ? AT(doc->contacts, doc->contact_count, index) : NULL;
}

/* ---- party ------------------------------------------------------------- */

const char *pledge_party_id(const pledge_party *p, size_t *len)
{
    if (!p) {
        if (len)
            *len = 0;
        return NULL;
    }
    return id_str(&p->id, len);
}

const char *pledge_party_name(const pledge_party *p, const char *lang, size_t *len)
{
    return pledge__text(p ? p->doc : NULL, p ? p->name : NULL, lang, len);
}

pledge_party_kind pledge_party_kind_of(const pledge_party *p)
{
    return p ? p->kind : PLEDGE_PARTY_NONE;
}

const char *pledge_party_url(const pledge_party *p, size_t *len)
{
    return str_of(p ? p->url : NULL, len);
}

size_t pledge_party_identifier_count(const pledge_party *p)
{
    return p ? pledge_node_size(p->identifiers) : 0;
}

const char *pledge_party_identifier_scheme(const pledge_party *p, size_t index, size_t *len)
{
    return str_of(pledge_node_get(p ? pledge_node_item(p->identifiers, index) : NULL,
                                  "scheme", 6), len);
}

const char *pledge_party_identifier_value(const pledge_party *p, size_t index, size_t *len)
{
    return str_of(pledge_node_get(p ? pledge_node_item(p->identifiers, index) : NULL,
                                  "value", 5), len);
}

size_t pledge_party_index(const pledge_party *p)
{
    return p ? p->index : 0;
}

/* ---- objects with an id, a text or two --------------------------------- */

#define OBJ_ID(fn, type)                                                             \
    const char *fn(const type *o, size_t *len)                                       \
    {                                                                                \
        if (!o) {                                                                    \
            if (len)                                                                 \
                *len = 0;                                                            \
            return NULL;                                                             \
        }                                                                            \
        return id_str(&o->id, len);                                                  \
    }
#define OBJ_TEXT(fn, type, field)                                                    \
    const char *fn(const type *o, const char *lang, size_t *len)                     \
    {                                                                                \
        return pledge__text(o ? o->doc : NULL, o ? o->field : NULL, lang, len);      \
    }
#define OBJ_STR(fn, type, field)                                                     \
    const char *fn(const type *o, size_t *len)                                       \
    {                                                                                \
        return str_of(o ? o->field : NULL, len);                                     \
    }
#define OBJ_VAL(fn, rtype, type, field, none)                                        \
    rtype fn(const type *o)                                                          \
    {                                                                                \
        return o ? o->field : none;                                                  \
    }

OBJ_VAL(pledge_source_kind_of, pledge_source_kind, pledge_source, kind, PLEDGE_SOURCE_NONE)
OBJ_ID(pledge_source_id, pledge_source)
OBJ_TEXT(pledge_source_title, pledge_source, title)
OBJ_VAL(pledge_source_year, int, pledge_source, year, 0)
OBJ_STR(pledge_source_url, pledge_source, url)

OBJ_ID(pledge_problem_id, pledge_problem)
OBJ_TEXT(pledge_problem_title, pledge_problem, title)
OBJ_TEXT(pledge_problem_description, pledge_problem, description)
OBJ_VAL(pledge_problem_source_count, size_t, pledge_problem, source_count, 0)

const pledge_source *pledge_problem_source_at(const pledge_problem *p, size_t index)
{
    return p && index < p->source_count ? p->sources[index] : NULL;
}

OBJ_ID(pledge_theme_id, pledge_theme)
OBJ_TEXT(pledge_theme_title, pledge_theme, title)
OBJ_TEXT(pledge_theme_description, pledge_theme, description)
OBJ_VAL(pledge_theme_activity_count, size_t, pledge_theme, activity_count, 0)
OBJ_VAL(pledge_theme_index, size_t, pledge_theme, index, 0)

const pledge_activity *pledge_theme_activity_at(const pledge_theme *t, size_t index)
{
    return t ? AT(t->activities, t->activity_count, index) : NULL;
}

OBJ_ID(pledge_activity_id, pledge_activity)
OBJ_TEXT(pledge_activity_text, pledge_activity, text)
OBJ_VAL(pledge_activity_theme, const pledge_theme *, pledge_activity, theme, NULL)
OBJ_VAL(pledge_activity_index, size_t, pledge_activity, index, 0)
OBJ_VAL(pledge_activity_responsible_count, size_t, pledge_activity, responsible_count, 0)
OBJ_VAL(pledge_activity_problem_count, size_t, pledge_activity, problem_count, 0)
OBJ_VAL(pledge_activity_goal_count, size_t, pledge_activity, goal_count, 0)
OBJ_TEXT(pledge_activity_target_group, pledge_activity, target_group)
OBJ_VAL(pledge_activity_recurrence, pledge_recurrence, pledge_activity, recurrence,
        PLEDGE_RECURRENCE_NONE)
OBJ_VAL(pledge_activity_has_target, int, pledge_activity, has_target, 0)
OBJ_VAL(pledge_activity_target_quantity, int64_t, pledge_activity, target_quantity, -1)
OBJ_VAL(pledge_activity_target_comparator, pledge_comparator, pledge_activity,
        target_comparator, PLEDGE_COMPARATOR_NONE)
OBJ_TEXT(pledge_activity_target_unit, pledge_activity, target_unit)
OBJ_VAL(pledge_activity_target_per, pledge_per, pledge_activity, target_per, PLEDGE_PER_NONE)

const pledge_party *pledge_activity_responsible_at(const pledge_activity *a, size_t index)
{
    return a && index < a->responsible_count ? a->responsible[index] : NULL;
}

const pledge_problem *pledge_activity_problem_at(const pledge_activity *a, size_t index)
{
    return a && index < a->problem_count ? a->problems[index] : NULL;
}

const pledge_goal *pledge_activity_goal_at(const pledge_activity *a, size_t index)
{
    return a && index < a->goal_count ? a->goals[index] : NULL;
}

OBJ_ID(pledge_goal_id, pledge_goal)
OBJ_TEXT(pledge_goal_text, pledge_goal, text)
OBJ_VAL(pledge_goal_level_of, pledge_goal_level, pledge_goal, level, PLEDGE_GOAL_LEVEL_NONE)
OBJ_VAL(pledge_goal_indicator_count, size_t, pledge_goal, indicator_count, 0)
OBJ_VAL(pledge_goal_index, size_t, pledge_goal, index, 0)

const pledge_indicator *pledge_goal_indicator_at(const pledge_goal *g, size_t index)
{
    return g ? AT(g->indicators, g->indicator_count, index) : NULL;
}

OBJ_ID(pledge_indicator_id, pledge_indicator)
OBJ_TEXT(pledge_indicator_text, pledge_indicator, text)
OBJ_VAL(pledge_indicator_unit, pledge_unit, pledge_indicator, unit, PLEDGE_UNIT_NONE)
OBJ_VAL(pledge_indicator_direction, pledge_direction, pledge_indicator, direction,
        PLEDGE_DIRECTION_NONE)
OBJ_VAL(pledge_indicator_source, const pledge_source *, pledge_indicator, source, NULL)
OBJ_VAL(pledge_indicator_goal, const pledge_goal *, pledge_indicator, goal, NULL)
OBJ_VAL(pledge_indicator_index, size_t, pledge_indicator, index, 0)
OBJ_VAL(pledge_indicator_has_baseline, int, pledge_indicator, has_baseline, 0)
OBJ_VAL(pledge_indicator_baseline_value, pledge_number, pledge_indicator, baseline_value,
        no_number)
OBJ_VAL(pledge_indicator_baseline_date, pledge_date, pledge_indicator, baseline_date, no_date)
OBJ_VAL(pledge_indicator_has_target, int, pledge_indicator, has_target, 0)
OBJ_VAL(pledge_indicator_target_value, pledge_number, pledge_indicator, target_value,
        no_number)
OBJ_VAL(pledge_indicator_target_date, pledge_date, pledge_indicator, target_date, no_date)

OBJ_VAL(pledge_channel_kind_of, pledge_channel_kind, pledge_channel, kind, PLEDGE_CHANNEL_NONE)
OBJ_STR(pledge_channel_url, pledge_channel, url)
OBJ_TEXT(pledge_channel_name, pledge_channel, name)
OBJ_VAL(pledge_channel_owner, const pledge_party *, pledge_channel, owner, NULL)

OBJ_VAL(pledge_contact_party, const pledge_party *, pledge_contact, party, NULL)
OBJ_STR(pledge_contact_name, pledge_contact, name)
OBJ_TEXT(pledge_contact_role, pledge_contact, role)
OBJ_TEXT(pledge_contact_note, pledge_contact, note)
OBJ_STR(pledge_contact_phone, pledge_contact, phone)
OBJ_STR(pledge_contact_email, pledge_contact, email)

/* ---- follow-up ---------------------------------------------------------- */

const char *pledge_doc_pledge_id(const pledge_doc *doc, size_t *len)
{
    static const pledge__id none = { NULL, 0, NULL };
    return id_str(doc ? &doc->pledge : &none, len);
}

pledge_date pledge_doc_date(const pledge_doc *doc)
{
    return doc ? doc->date : no_date;
}

size_t pledge_doc_entry_count(const pledge_doc *doc)
{
    return doc ? doc->entry_count : 0;
}

const pledge_entry *pledge_doc_entry_at(const pledge_doc *doc, size_t index)
{
    return doc ? AT(doc->entries, doc->entry_count, index) : NULL;
}

const pledge_entry *pledge_doc_entry(const pledge_doc *doc, const char *activity_id)
{
    if (!doc || !activity_id)
        return NULL;
    return pledge__idmap_get(&doc->ids, PLEDGE__ID_ENTRY, activity_id, strlen(activity_id));
}

size_t pledge_doc_measurement_count(const pledge_doc *doc)
{
    return doc ? doc->measurement_count : 0;
}

const pledge_measurement *pledge_doc_measurement_at(const pledge_doc *doc, size_t index)
{
    return doc ? AT(doc->measurements, doc->measurement_count, index) : NULL;
}

const char *pledge_entry_activity_id(const pledge_entry *e, size_t *len)
{
    if (!e) {
        if (len)
            *len = 0;
        return NULL;
    }
    return id_str(&e->activity, len);
}

OBJ_VAL(pledge_entry_status, pledge_status, pledge_entry, status, PLEDGE_STATUS_NOT_REPORTED)
OBJ_VAL(pledge_entry_done, int64_t, pledge_entry, done, -1)
OBJ_TEXT(pledge_entry_comment, pledge_entry, comment)
OBJ_VAL(pledge_entry_evidence_count, size_t, pledge_entry, evidence_count, 0)

const pledge_evidence *pledge_entry_evidence_at(const pledge_entry *e, size_t index)
{
    return e ? AT(e->evidence, e->evidence_count, index) : NULL;
}

OBJ_STR(pledge_evidence_url, pledge_evidence, url)
OBJ_TEXT(pledge_evidence_title, pledge_evidence, title)
OBJ_VAL(pledge_evidence_date, pledge_date, pledge_evidence, date, no_date)

const char *pledge_measurement_indicator_id(const pledge_measurement *m, size_t *len)
{
    if (!m) {
        if (len)
            *len = 0;
        return NULL;
    }
    return id_str(&m->indicator, len);
}

OBJ_VAL(pledge_measurement_has_value, int, pledge_measurement, has_value, 0)
OBJ_VAL(pledge_measurement_value, pledge_number, pledge_measurement, value, no_number)
OBJ_VAL(pledge_measurement_date, pledge_date, pledge_measurement, date, no_date)
OBJ_VAL(pledge_measurement_source, const pledge_source *, pledge_measurement, source, NULL)
OBJ_TEXT(pledge_measurement_comment, pledge_measurement, comment)

/* ---- generic access by key (1.1) ----------------------------------------- */

/* Follow JSON Pointer @p ptr from @p n (~0 is '~', ~1 is '/'). */
static const pledge_node *follow(const pledge_node *n, const char *ptr)
{
    while (n && *ptr) {
        char seg[256];
        size_t len = 0;
        if (*ptr++ != '/')
            return NULL;
        while (*ptr && *ptr != '/') {
            char c = *ptr++;
            if (c == '~') {
                if (*ptr != '0' && *ptr != '1')
                    return NULL;
                c = *ptr++ == '0' ? '~' : '/';
            }
            if (len == sizeof seg)
                return NULL;
            seg[len++] = c;
        }
        if (n->type == PLEDGE_NODE_MAPPING) {
            n = pledge_node_get(n, seg, len);
        } else if (n->type == PLEDGE_NODE_SEQUENCE) {
            size_t i, index = 0;
            if (!len || len > 9 || (len > 1 && seg[0] == '0'))
                return NULL;
            for (i = 0; i < len; i++) {
                if (seg[i] < '0' || seg[i] > '9')
                    return NULL;
                index = index * 10 + (size_t)(seg[i] - '0');
            }
            n = pledge_node_item(n, index);
        } else {
            return NULL;
        }
    }
    return n;
}

const pledge_node *pledge_doc_get(const pledge_doc *doc, const char *pointer)
{
    if (!doc || !pointer)
        return NULL;
    return follow(doc->root, pointer);
}

const char *pledge_doc_text_in(const pledge_doc *doc, const pledge_node *map, const char *key,
                               const char *lang, size_t *len)
{
    const pledge_node *n;
    if (len)
        *len = 0;
    if (!doc || !map || !key)
        return NULL;
    n = key[0] == '/' ? follow(map, key) : pledge_node_get(map, key, strlen(key));
    return pledge__text(doc, n, lang, len);
}

pledge_date pledge_doc_published(const pledge_doc *doc)
{
    return doc && doc->kind == PLEDGE_DOC_PLEDGE ? doc->published : no_date;
}

pledge_date pledge_doc_signing_date(const pledge_doc *doc)
{
    return doc && doc->kind == PLEDGE_DOC_PLEDGE ? doc->signing_date : no_date;
}

size_t pledge_doc_signatory_count(const pledge_doc *doc)
{
    return doc && doc->kind == PLEDGE_DOC_PLEDGE ? doc->signatory_count : 0;
}

const pledge_party *pledge_doc_signatory_party(const pledge_doc *doc, size_t index)
{
    return doc && index < doc->signatory_count ? doc->signatory_parties[index] : NULL;
}

size_t pledge_doc_place_count(const pledge_doc *doc)
{
    return doc ? doc->place_count : 0;
}

const pledge_place *pledge_doc_place_at(const pledge_doc *doc, size_t index)
{
    return doc ? AT(doc->places, doc->place_count, index) : NULL;
}

const pledge_place *pledge_doc_place(const pledge_doc *doc, const char *id)
{
    if (!doc || !id || doc->kind != PLEDGE_DOC_PLEDGE)
        return NULL;
    return pledge__idmap_get(&doc->ids, PLEDGE__ID_PLACE, id, strlen(id));
}

pledge_party_role pledge_party_role_of(const pledge_party *p)
{
    if (!p)
        return PLEDGE_PARTY_ROLE_NONE;
    return p->role ? p->role : PLEDGE_PARTY_ROLE_PLEDGING;
}

OBJ_VAL(pledge_party_node, const pledge_node *, pledge_party, node, NULL)

OBJ_ID(pledge_place_id, pledge_place)
OBJ_TEXT(pledge_place_name, pledge_place, name)
OBJ_VAL(pledge_place_kind_of, pledge_place_kind, pledge_place, kind, PLEDGE_PLACE_NONE)
OBJ_VAL(pledge_place_index, size_t, pledge_place, index, 0)
OBJ_VAL(pledge_place_node, const pledge_node *, pledge_place, node, NULL)

OBJ_VAL(pledge_activity_node, const pledge_node *, pledge_activity, node, NULL)
OBJ_VAL(pledge_activity_partner_count, size_t, pledge_activity, partner_count, 0)
OBJ_VAL(pledge_activity_place_count, size_t, pledge_activity, place_count, 0)

const pledge_party *pledge_activity_partner_at(const pledge_activity *a, size_t index)
{
    return a && index < a->partner_count ? a->partners[index] : NULL;
}

const pledge_place *pledge_activity_place_at(const pledge_activity *a, size_t index)
{
    return a && index < a->place_count ? a->places[index] : NULL;
}

size_t pledge_doc_reported_by_count(const pledge_doc *doc)
{
    return doc ? pledge_node_size(doc->reported_by) : 0;
}

const char *pledge_doc_reported_by_at(const pledge_doc *doc, size_t index, size_t *len)
{
    return str_of(doc ? pledge_node_item(doc->reported_by, index) : NULL, len);
}

size_t pledge_doc_other_work_count(const pledge_doc *doc)
{
    return doc ? doc->other_work_count : 0;
}

size_t pledge_doc_other_work_output_count(const pledge_doc *doc, size_t index)
{
    return doc && index < doc->other_work_count ? doc->other_work[index].output_count : 0;
}

const pledge_output *pledge_doc_other_work_output_at(const pledge_doc *doc, size_t index,
                                                     size_t output)
{
    if (!doc || index >= doc->other_work_count)
        return NULL;
    return AT(doc->other_work[index].outputs, doc->other_work[index].output_count, output);
}

OBJ_VAL(pledge_entry_node, const pledge_node *, pledge_entry, node, NULL)

size_t pledge_entry_output_count(const pledge_entry *e)
{
    return e ? e->results.output_count : 0;
}

const pledge_output *pledge_entry_output_at(const pledge_entry *e, size_t index)
{
    return e ? AT(e->results.outputs, e->results.output_count, index) : NULL;
}

size_t pledge_entry_event_count(const pledge_entry *e)
{
    return e ? pledge_node_size(e->results.events) : 0;
}

pledge_date pledge_entry_event_date(const pledge_entry *e, size_t index)
{
    if (!e)
        return no_date;
    return pledge__date_of(pledge_node_get(pledge_node_item(e->results.events, index), "date", 4),
                           1);
}

const char *pledge_entry_event_text(const pledge_entry *e, size_t index, const char *lang,
                                    size_t *len)
{
    return pledge__text(e ? e->doc : NULL,
                        e ? pledge_node_get(pledge_node_item(e->results.events, index), "text", 4)
                          : NULL,
                        lang, len);
}

pledge_number pledge_output_value(const pledge_output *o)
{
    return o ? o->value : no_number;
}

OBJ_TEXT(pledge_output_unit, pledge_output, unit)
OBJ_TEXT(pledge_output_label, pledge_output, label)
OBJ_VAL(pledge_output_per, pledge_per, pledge_output, per, PLEDGE_PER_NONE)

pledge_qualifier pledge_output_qualifier(const pledge_output *o)
{
    if (!o)
        return PLEDGE_QUALIFIER_NONE;
    return o->qualifier ? o->qualifier : PLEDGE_QUALIFIER_EXACTLY;
}
