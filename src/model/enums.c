/* SPDX-License-Identifier: MIT */
/* The keywords of the formats' enumerations and their names. */
#include "internal.h"

#include <string.h>

const char *const pledge__party_kinds[] = {
    "municipality", "police", "region", "rescue_service", "housing", "transport",
    "business", "civil_society", "school", "other", NULL
};
const char *const pledge__source_kinds[] = {
    "citizen_dialogue", "staff_dialogue", "partner_dialogue", "safety_survey",
    "crime_statistics", "school_survey", "national_report", "other", NULL
};
const char *const pledge__frequencies[] = {
    "continuous", "tertial", "half_year", "annual", "end_of_period", NULL
};
const char *const pledge__recurrences[] = { "once", "yearly", "continuous", "daily", "weekly",
                                            "monthly", NULL };
const char *const pledge__comparators[] = { "at_least", "exactly", "at_most", NULL };
const char *const pledge__pers[] = { "period", "year", "day", "week", "month", "term", NULL };
const char *const pledge__party_roles[] = { "pledging", "partner", NULL };
const char *const pledge__place_kinds[] = { "road", "street", "square", "station", "school",
    "park", "tunnel", "residential_area", "town", "other", NULL };
const char *const pledge__qualifiers[] = { "exactly", "about", "at_least", "more_than", "at_most",
                                           NULL };
const char *const pledge__goal_levels[] = { "impact", "outcome", "output", NULL };
const char *const pledge__units[] = { "percent", "count", "rate", "index", "text", NULL };
const char *const pledge__directions[] = { "increase", "decrease", "maintain", NULL };
const char *const pledge__channel_kinds[] = {
    "web", "facebook", "instagram", "x", "youtube", "newsletter", "meeting", "other", NULL
};
const char *const pledge__statuses[] = {
    "not_started", "in_progress", "stalled", "partially_done", "done", "cancelled",
    "not_assessable", "not_done", NULL
};
const char *const pledge__doc_statuses[] = { "active", "draft", "ended", "superseded", NULL };

/* The @p value-th keyword (1-based) of @p names, or NULL. */
static const char *name_of(const char *const *names, int value)
{
    int i;
    if (value < 1)
        return NULL;
    for (i = 1; names[i - 1]; i++)
        if (i == value)
            return names[i - 1];
    return NULL;
}

int pledge__keyword(const pledge_node *node, const char *const *names)
{
    int i;
    if (!node || node->type != PLEDGE_NODE_STRING)
        return 0;
    for (i = 0; names[i]; i++)
        if (strlen(names[i]) == node->u.s.len &&
            memcmp(names[i], node->u.s.ptr, node->u.s.len) == 0)
            return i + 1;
    return 0;
}

const char *pledge_doc_kind_name(pledge_doc_kind kind)
{
    return kind == PLEDGE_DOC_PLEDGE ? "pledge/1"
           : kind == PLEDGE_DOC_FOLLOW_UP ? "follow-up/1" : NULL;
}

const char *pledge_doc_status_name(pledge_doc_status s)
{
    return name_of(pledge__doc_statuses, (int)s);
}

const char *pledge_party_kind_name(pledge_party_kind k)
{
    return name_of(pledge__party_kinds, (int)k);
}

const char *pledge_source_kind_name(pledge_source_kind k)
{
    return name_of(pledge__source_kinds, (int)k);
}

const char *pledge_frequency_name(pledge_frequency f)
{
    return name_of(pledge__frequencies, (int)f);
}

const char *pledge_recurrence_name(pledge_recurrence r)
{
    return name_of(pledge__recurrences, (int)r);
}

const char *pledge_comparator_name(pledge_comparator c)
{
    return name_of(pledge__comparators, (int)c);
}

const char *pledge_per_name(pledge_per p)
{
    return name_of(pledge__pers, (int)p);
}

const char *pledge_goal_level_name(pledge_goal_level l)
{
    return name_of(pledge__goal_levels, (int)l);
}

const char *pledge_unit_name(pledge_unit u)
{
    return name_of(pledge__units, (int)u);
}

const char *pledge_direction_name(pledge_direction d)
{
    return name_of(pledge__directions, (int)d);
}

const char *pledge_channel_kind_name(pledge_channel_kind k)
{
    return name_of(pledge__channel_kinds, (int)k);
}


const char *pledge_status_name(pledge_status s)
{
    return s == PLEDGE_STATUS_NOT_REPORTED ? "not_reported" : name_of(pledge__statuses, (int)s);
}

const char *pledge_status_label_sv(pledge_status s)
{
    static const char *const labels[PLEDGE_STATUS_COUNT] = {
        "ej rapporterad", "ej påbörjad", "pågår", "avstannad",
        "delvis genomförd", "genomförd", "struken", "kan ej bedömas", "ej genomförd"
    };
    return (unsigned)s < PLEDGE_STATUS_COUNT ? labels[s] : NULL;
}

const char *pledge_party_role_name(pledge_party_role r)
{
    return name_of(pledge__party_roles, (int)r);
}

const char *pledge_place_kind_name(pledge_place_kind k)
{
    return name_of(pledge__place_kinds, (int)k);
}

const char *pledge_qualifier_name(pledge_qualifier q)
{
    return name_of(pledge__qualifiers, (int)q);
}

const char *pledge_target_met_name(pledge_target_met m)
{
    switch (m) {
    case PLEDGE_TARGET_MET: return "met";
    case PLEDGE_TARGET_NOT_MET: return "not_met";
    case PLEDGE_TARGET_UNKNOWN: return "unknown";
    }
    return NULL;
}

const char *pledge_track_name(pledge_track t)
{
    switch (t) {
    case PLEDGE_TRACK_ON: return "on_track";
    case PLEDGE_TRACK_OFF: return "off_track";
    case PLEDGE_TRACK_UNKNOWN: return "unknown";
    }
    return NULL;
}
