/* SPDX-License-Identifier: MIT */
/* Sets: documents validated together. The set keeps a summary of each
 * document as a compact record of its store (summary.c: a few hundred
 * bytes, strings interned) and frees the rest at once; the checks and
 * progress decode the records they need. */
#include "internal.h"
#include "core/alloc.h"
#include "core/diag.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct pledge_set {
    const pledge_allocator *allocator;
    pledge__store store;          /* the records and their strings */
    const unsigned char **docs;   /* the record of each document, in load order */
    size_t count, capacity;
    /* With pledge__set_merge: the tag of each document (NULL until a
     * merge gives one; 0 for documents added otherwise). */
    size_t *tags;
    size_t tag_capacity;
};

int pledge_set_new(pledge_set **out, const pledge_allocator *allocator)
{
    pledge_set *set;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    set = pledge__calloc(allocator, 1, sizeof *set);
    if (!set)
        return PLEDGE_ENOMEM;
    set->allocator = allocator;
    pledge__store_init(&set->store, allocator);
    *out = set;
    return PLEDGE_OK;
}

void pledge_set_free(pledge_set *set)
{
    if (!set)
        return;
    pledge__store_free(&set->store);
    pledge__free(set->allocator, set->tags);
    pledge__free(set->allocator, set->docs);
    pledge__free(set->allocator, set);
}

size_t pledge_set_count(const pledge_set *set)
{
    return set ? set->count : 0;
}

/* Room for @p more documents (and their tags once there are tags). */
static int room_for(pledge_set *set, size_t more, int tagged)
{
    size_t old = set->tag_capacity;
    if (more > SIZE_MAX - set->count)
        return PLEDGE_ENOMEM;
    if (pledge__grow(set->allocator, (void **)&set->docs, &set->capacity, set->count + more,
                     sizeof *set->docs))
        return PLEDGE_ENOMEM;
    if (!tagged && !set->tags)
        return PLEDGE_OK;
    if (pledge__grow(set->allocator, (void **)&set->tags, &set->tag_capacity,
                     set->count + more, sizeof *set->tags))
        return PLEDGE_ENOMEM;
    if (!old && set->tags) /* the first tags: the documents so far have none */
        memset(set->tags, 0, set->tag_capacity * sizeof *set->tags);
    return PLEDGE_OK;
}

/* Append record @p rec (of the set's store) with tag 0; room_for first. */
static void append(pledge_set *set, const unsigned char *rec)
{
    if (set->tags)
        set->tags[set->count] = 0;
    set->docs[set->count++] = rec;
}

/* Encode @p s as the set's next document. */
static int add_sum(pledge_set *set, const pledge__sum *s)
{
    const unsigned char *rec;
    int rc;
    if (room_for(set, 1, 0))
        return PLEDGE_ENOMEM;
    rc = pledge__store_put(&set->store, s, &rec);
    if (rc)
        return rc;
    append(set, rec);
    return PLEDGE_OK;
}

int pledge__set_merge(pledge_set *set, pledge_set *from, size_t tag)
{
    size_t i, n;
    if (!set || !from || from == set)
        return PLEDGE_EARG;
    n = set->count;
    if (room_for(set, from->count, 1))
        return PLEDGE_ENOMEM;
    if (!set->count) {
        /* The first: take from's records and strings as they are. */
        pledge__store st = set->store;
        set->store = from->store;
        from->store = st;
        for (i = 0; i < from->count; i++)
            set->docs[set->count++] = from->docs[i];
    } else {
        /* Copied with the set's strings. */
        uint32_t *map = NULL;
        if (from->store.str_count &&
            !(map = pledge__calloc(set->allocator, from->store.str_count, sizeof *map)))
            return PLEDGE_ENOMEM;
        for (i = 0; i < from->count; i++) {
            const unsigned char *rec;
            if (pledge__store_copy(&set->store, &from->store, from->docs[i], map, &rec)) {
                pledge__free(set->allocator, map);
                set->count = n; /* from stays whole: the caller keeps it */
                return PLEDGE_ENOMEM;
            }
            set->docs[set->count++] = rec;
        }
        pledge__free(set->allocator, map);
    }
    for (i = n; i < set->count; i++)
        set->tags[i] = tag;
    pledge_set_free(from);
    return PLEDGE_OK;
}

int pledge_set_add_copy(pledge_set *set, const pledge_doc *doc)
{
    pledge_arena scratch;
    pledge__sum *s;
    int rc;
    if (!set || !doc)
        return PLEDGE_EARG;
    /* The working form in a scratch arena, encoded into the store. */
    pledge__arena_init(&scratch, set->allocator);
    rc = pledge__sum_build(&s, doc, &scratch, doc->file);
    if (!rc)
        rc = add_sum(set, s);
    pledge__arena_free(&scratch);
    return rc;
}

int pledge_set_add(pledge_set *set, pledge_doc *doc)
{
    int rc = pledge_set_add_copy(set, doc);
    pledge_doc_free(doc);
    return rc;
}

int pledge_set_add_invalid(pledge_set *set, const pledge_tree *tree)
{
    const pledge_node *root, *f, *id;
    pledge_doc_kind kind;
    pledge__sum s;
    if (!set || !tree)
        return PLEDGE_EARG;
    root = tree->root;
    f = pledge_node_get(root, "format", 6);
    if (!f || f->type != PLEDGE_NODE_STRING)
        return PLEDGE_OK;
    if (f->u.s.len == 8 && memcmp(f->u.s.ptr, "pledge/1", 8) == 0)
        kind = PLEDGE_DOC_PLEDGE;
    else if (f->u.s.len == 11 && memcmp(f->u.s.ptr, "follow-up/1", 11) == 0)
        kind = PLEDGE_DOC_FOLLOW_UP;
    else
        return PLEDGE_OK;
    if (kind == PLEDGE_DOC_PLEDGE) {
        /* 1.1: keep what its errors do not touch, for the checks of its
         * follow-ups as far as those errors allow. */
        pledge_doc *doc = NULL;
        unsigned bad;
        int rc = pledge__doc_load_partial(&doc, tree, set->allocator, &bad);
        if (rc == PLEDGE_ENOMEM)
            return rc;
        if (rc == PLEDGE_OK) {
            pledge_arena scratch;
            pledge__sum *ps;
            pledge__arena_init(&scratch, set->allocator);
            rc = pledge__sum_build(&ps, doc, &scratch, tree->name);
            if (!rc) {
                ps->invalid = 1;
                ps->unreliable = bad;
                rc = add_sum(set, ps);
            }
            pledge__arena_free(&scratch);
            pledge_doc_free(doc);
            return rc;
        }
    }
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.invalid = 1;
    s.unreliable = PLEDGE__PART_ALL;
    s.doc_index = tree->index;
    s.file = tree->name;
    id = pledge_node_get(root, kind == PLEDGE_DOC_PLEDGE ? "id" : "pledge",
                         kind == PLEDGE_DOC_PLEDGE ? 2 : 6);
    if (id && id->type == PLEDGE_NODE_STRING) {
        pledge__id pid = pledge__id_of(id);
        if (pledge__id_valid(&pid)) {
            s.id = pid.s;
            s.id_len = pid.len;
            s.id_mark = pledge_node_mark(id);
        }
    }
    return add_sum(set, &s);
}

int pledge_set_load(pledge_set *set, pledge_tree *tree, const pledge_allocator *allocator,
                    pledge_diag_list *diags)
{
    pledge_tree *bad = NULL;
    pledge_doc *doc = NULL;
    int rc, r;
    if (!set || !tree) {
        pledge_tree_free(tree);
        return PLEDGE_EARG;
    }
    rc = pledge__doc_load(&doc, tree, allocator, diags, &bad, 0);
    if (rc == PLEDGE_OK)
        return pledge_set_add(set, doc);
    if (bad) {
        r = pledge_set_add_invalid(set, bad);
        pledge_tree_free(bad);
        if (r)
            return r;
    }
    return rc;
}

/* ---- the checks ---------------------------------------------------------- */

typedef struct check {
    pledge_diag_list *diags;
    pledge__set_route_fn route; /* NULL: everything goes to diags */
    void *route_ud;
    size_t tag;                 /* of the document being checked */
    const pledge_allocator *allocator;
    int rc;
    size_t errors;
} check;

#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static void report(check *c, const pledge__sum *s, pledge_severity severity, const char *code,
                   pledge_mark mark, const char *path, const char *fmt, ...)
{
    pledge_diag_where where;
    va_list ap;
    int rc;
    if (severity == PLEDGE_SEVERITY_ERROR)
        c->errors++;
    if (c->rc)
        return;
    memset(&where, 0, sizeof where);
    where.file = s->file;
    where.document = s->doc_index;
    where.mark = mark;
    where.instance_path = path;
    where.schema_path = "";
    va_start(ap, fmt);
    rc = pledge__diag_vaddf(c->route ? c->route(c->route_ud, c->tag) : c->diags, severity,
                            code, &where, fmt, ap);
    va_end(ap);
    if (rc)
        c->rc = rc;
}

static int valid_id(const char *s, size_t len)
{
    pledge__id id = { s, len, NULL };
    return pledge__id_valid(&id);
}

/* "a, b, c and N more" of the pledge's activities or indicators. */
static int list_of(pledge_buf *b, const pledge__sum *p, int indicators)
{
    if (indicators)
        pledge__list_ids(b, p->indicators, p->indicator_count, sizeof *p->indicators,
                         offsetof(pledge__sum_indicator, id));
    else
        pledge__list_ids(b, p->activities, p->activity_count, sizeof *p->activities,
                         offsetof(pledge__sum_activity, id));
    return b->failed ? PLEDGE_ENOMEM : PLEDGE_OK;
}

static void unknown_in_pledge(check *c, const pledge__sum *f, const pledge__sum *p,
                              int indicator, const char *id, size_t len, pledge_mark mark,
                              size_t index)
{
    pledge_buf list;
    char path[64];
    snprintf(path, sizeof path, "/%s/%zu/%s", indicator ? "indicators" : "activities", index,
             indicator ? "indicator" : "activity");
    pledge__buf_init(&list, c->allocator);
    if (list_of(&list, p, indicator)) {
        c->rc = PLEDGE_ENOMEM;
    } else if (list.len) {
        report(c, f, PLEDGE_SEVERITY_ERROR, "follow-up.unknown-reference", mark, path,
               "unknown %s \"%.*s\": pledge \"%s\" has no such %s; its %s are: %s",
               indicator ? "indicator" : "activity", (int)len, id, p->id,
               indicator ? "indicator" : "activity", indicator ? "indicators" : "activities",
               pledge__buf_cstr(&list));
    } else {
        report(c, f, PLEDGE_SEVERITY_ERROR, "follow-up.unknown-reference", mark, path,
               "unknown %s \"%.*s\": pledge \"%s\" has no %s", indicator ? "indicator" : "activity",
               (int)len, id, p->id, indicator ? "indicators" : "activities");
    }
    pledge__buf_free(&list);
}

/* 1.1: every reported_by entry names a party of the pledge. */
static void check_reported_by(check *c, const pledge__sum *f, const pledge__sum *p)
{
    size_t i, j;
    for (i = 0; i < f->ref_count; i++) {
        const pledge__sum_ref *r = &f->refs[i];
        int found = 0;
        pledge_buf list;
        char path[48];
        if (!r->id || !valid_id(r->id, r->len))
            continue;
        for (j = 0; j < p->ref_count && !found; j++)
            found = p->refs[j].len == r->len && memcmp(p->refs[j].id, r->id, r->len) == 0;
        if (found)
            continue;
        snprintf(path, sizeof path, "/reported_by/%zu", i);
        pledge__buf_init(&list, c->allocator);
        pledge__list_ids(&list, p->refs, p->ref_count, sizeof *p->refs,
                         offsetof(pledge__sum_ref, id));
        if (list.failed)
            c->rc = PLEDGE_ENOMEM;
        else
            report(c, f, PLEDGE_SEVERITY_ERROR, "follow-up.unknown-party", r->mark, path,
                   "unknown party \"%s\" in reported_by: pledge \"%s\" has no such party; its "
                   "parties are: %s", r->id, p->id, pledge__buf_cstr(&list));
        pledge__buf_free(&list);
    }
}

/* The checks of follow-up @p f against its pledge @p p, except those
 * about the parts @p skip of an invalid pledge (PLEDGE__PART_*). */
static void check_follow_up(check *c, const pledge__sum *f, const pledge__sum *p, unsigned skip)
{
    size_t i;
    char a[16], b[16];

    if (skip & PLEDGE__PART_PERIOD) {
        /* nothing to compare the report's period with */
    } else if (f->start.precision && p->start.precision &&
        pledge_date_compare(pledge_date_first_day(f->start), pledge_date_first_day(p->start)) <
            0) {
        pledge_date_format(f->start, a, sizeof a);
        pledge_date_format(p->start, b, sizeof b);
        report(c, f, PLEDGE_SEVERITY_WARNING, "follow-up.outside-pledge", f->start_mark,
               "/period/start",
               "the report's period starts (%s) before the period of pledge \"%s\" (%s)", a,
               p->id, b);
    } else if (f->start.precision && p->end.precision &&
               pledge_date_compare(pledge_date_first_day(f->start),
                                   pledge_date_last_day(p->end)) > 0) {
        pledge_date_format(f->start, a, sizeof a);
        pledge_date_format(p->end, b, sizeof b);
        report(c, f, PLEDGE_SEVERITY_WARNING, "follow-up.outside-pledge", f->start_mark,
               "/period/start",
               "the report's period starts (%s) after the period of pledge \"%s\" ends (%s)",
               a, p->id, b);
    }

    if (!(skip & PLEDGE__PART_PARTIES))
        check_reported_by(c, f, p);
    for (i = 0; i < f->entry_count && !(skip & PLEDGE__PART_ACTIVITIES); i++) {
        const pledge__sum_entry *e = &f->entries[i];
        if (!valid_id(e->id, e->len))
            continue;
        if (!pledge__sum_find(p, 0, e->id, e->len))
            unknown_in_pledge(c, f, p, 0, e->id, e->len, e->mark, e->index);
    }
    for (i = 0; i < f->measurement_count && !(skip & PLEDGE__PART_INDICATORS); i++) {
        const pledge__sum_measurement *m = &f->measurements[i];
        const pledge__sum_indicator *ind;
        char path[64];
        if (!valid_id(m->id, m->len))
            continue;
        ind = pledge__sum_find(p, 1, m->id, m->len);
        if (!ind) {
            unknown_in_pledge(c, f, p, 1, m->id, m->len, m->mark, m->index);
            continue;
        }
        if (!m->has_value && ind->unit != PLEDGE_UNIT_TEXT && ind->unit != PLEDGE_UNIT_NONE) {
            snprintf(path, sizeof path, "/indicators/%zu", m->index);
            report(c, f, PLEDGE_SEVERITY_ERROR, "follow-up.missing-value", m->entry_mark, path,
                   "measurement of indicator \"%.*s\" has no value; its unit is %s",
                   (int)m->len, m->id, pledge_unit_name(ind->unit));
        } else if (m->has_value && ind->unit == PLEDGE_UNIT_PERCENT &&
                   !(m->value.value >= 0 && m->value.value <= 100)) {
            snprintf(path, sizeof path, "/indicators/%zu/value", m->index);
            if (m->value.is_integer)
                report(c, f, PLEDGE_SEVERITY_ERROR, "pledge.percent-range", m->value_mark, path,
                       "value %lld is outside 0-100, but indicator \"%.*s\" is in percent",
                       (long long)m->value.integer, (int)m->len, m->id);
            else
                report(c, f, PLEDGE_SEVERITY_ERROR, "pledge.percent-range", m->value_mark, path,
                       "value %.17g is outside 0-100, but indicator \"%.*s\" is in percent",
                       m->value.value, (int)m->len, m->id);
        }
    }
    if (!f->lang && p->lang && !(skip & PLEDGE__PART_LANGUAGE)) {
        /* Its text is in the pledge's language: mappings must hold it. */
        for (i = 0; i < f->text_count; i++) {
            const pledge__sum_text *t = &f->texts[i];
            const char *l;
            int found = 0;
            pledge_buf have;
            for (l = t->langs; *l; l += strlen(l) + 1)
                if (strcmp(l, p->lang) == 0)
                    found = 1;
            if (found)
                continue;
            pledge__buf_init(&have, c->allocator);
            for (l = t->langs; *l; l += strlen(l) + 1) {
                if (l != t->langs)
                    pledge__buf_puts(&have, ", ");
                pledge__buf_puts(&have, l);
            }
            if (have.failed)
                c->rc = PLEDGE_ENOMEM;
            else
                report(c, f, PLEDGE_SEVERITY_ERROR, "pledge.missing-language", t->mark, t->path,
                       "text has no \"%s\" entry, the language of pledge \"%s\" (the report "
                       "has no language of its own); it has: %s",
                       p->lang, p->id, pledge__buf_cstr(&have));
            pledge__buf_free(&have);
        }
    }
}

/* follow-up.unchecked for a follow-up checked against an invalid pledge
 * only as far as its errors allow: say what was skipped. */
static void unchecked_parts(check *c, const pledge__sum *f, const pledge__sum *p)
{
    static const struct { unsigned part; const char *what; } parts[] = {
        { PLEDGE__PART_ACTIVITIES, "activities" }, { PLEDGE__PART_INDICATORS, "indicators" },
        { PLEDGE__PART_PARTIES, "parties (reported_by)" }, { PLEDGE__PART_PERIOD, "period" },
        { PLEDGE__PART_LANGUAGE, "language of its texts" },
    };
    pledge_buf what;
    size_t i, n = 0;
    pledge__buf_init(&what, c->allocator);
    for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (p->unreliable & parts[i].part) {
            if (n++)
                pledge__buf_puts(&what, ", ");
            pledge__buf_puts(&what, parts[i].what);
        }
    if (what.failed)
        c->rc = PLEDGE_ENOMEM;
    else
        report(c, f, PLEDGE_SEVERITY_WARNING, "follow-up.unchecked", f->id_mark, "/pledge",
               "pledge \"%s\" (%s, line %zu) has errors, so the checks of this follow-up "
               "against its %s were skipped; fix the pledge first", f->id, p->file,
               p->id_mark.line, pledge__buf_cstr(&what));
    pledge__buf_free(&what);
}

int pledge_set_check(pledge_set *set, unsigned int flags, pledge_diag_list *diags)
{
    return pledge__set_check_routed(set, flags, diags, NULL, NULL);
}

int pledge__set_check_routed(pledge_set *set, unsigned int flags, pledge_diag_list *diags,
                             pledge__set_route_fn route, void *ud)
{
    const pledge__store *st;
    size_t *first; /* by string number: the first pledge with that id, plus 1 */
    size_t i, cached = SIZE_MAX;
    pledge_arena pa, fa; /* the decoded pledge (cached), the follow-up */
    pledge__sum *p_full = NULL;
    check c;

    if (!set)
        return PLEDGE_EARG;
    st = &set->store;
    memset(&c, 0, sizeof c);
    c.diags = diags;
    c.route = set->tags ? route : NULL;
    c.route_ud = ud;
    c.allocator = set->allocator;
    first = pledge__calloc(set->allocator, st->str_count + 1, sizeof *first);
    if (!first)
        return PLEDGE_ENOMEM;

    for (i = 0; i < set->count && !c.rc; i++) {
        pledge__sum s, prev;
        uint32_t num = pledge__store_head(st, set->docs[i], &s);
        c.tag = set->tags ? set->tags[i] : 0;
        if (s.kind != PLEDGE_DOC_PLEDGE || !s.id || !valid_id(s.id, s.id_len))
            continue;
        if (!first[num]) {
            first[num] = i + 1;
            continue;
        }
        pledge__store_head(st, set->docs[first[num] - 1], &prev);
        if (prev.file == s.file || strcmp(prev.file, s.file) == 0)
            report(&c, &s, PLEDGE_SEVERITY_ERROR, "pledge.duplicate-pledge", s.id_mark, "/id",
                   "pledge id \"%s\" is already used by the pledge of document %zu, line %zu",
                   s.id, prev.doc_index, prev.id_mark.line);
        else
            report(&c, &s, PLEDGE_SEVERITY_ERROR, "pledge.duplicate-pledge", s.id_mark, "/id",
                   "pledge id \"%s\" is already used by the pledge in %s, line %zu", s.id,
                   prev.file, prev.id_mark.line);
    }
    pledge__arena_init(&pa, set->allocator);
    pledge__arena_init(&fa, set->allocator);
    for (i = 0; i < set->count && !c.rc; i++) {
        pledge__sum f, pv, *f_full;
        const pledge__sum *p = NULL;
        uint32_t num = pledge__store_head(st, set->docs[i], &f);
        size_t pi;
        c.tag = set->tags ? set->tags[i] : 0;
        if (f.kind != PLEDGE_DOC_FOLLOW_UP || f.invalid || !f.id || !valid_id(f.id, f.id_len))
            continue;
        pi = first[num];
        if (pi) {
            pledge__store_head(st, set->docs[pi - 1], &pv);
            p = &pv;
        }
        if (p && (!p->invalid || p->unreliable != PLEDGE__PART_ALL)) {
            if (cached != pi) {
                pledge__arena_free(&pa);
                cached = SIZE_MAX;
                if (pledge__store_get(st, set->docs[pi - 1], &pa, &p_full)) {
                    c.rc = PLEDGE_ENOMEM;
                    break;
                }
                cached = pi;
            }
            pledge__arena_free(&fa);
            if (pledge__store_get(st, set->docs[i], &fa, &f_full)) {
                c.rc = PLEDGE_ENOMEM;
                break;
            }
            check_follow_up(&c, f_full, p_full, p->invalid ? p->unreliable : 0u);
            if (p->invalid && p->unreliable)
                unchecked_parts(&c, &f, p);
        }
        else if (!p && (flags & PLEDGE_SET_RESOLVE))
            report(&c, &f, PLEDGE_SEVERITY_ERROR, "follow-up.unknown-pledge", f.id_mark,
                   "/pledge", "no pledge with id \"%s\" among the validated files", f.id);
        else if (!p)
            /* 1.1: no follow-up passes silently. */
            report(&c, &f, PLEDGE_SEVERITY_WARNING, "follow-up.unchecked", f.id_mark, "/pledge",
                   "pledge \"%s\" is not among the validated files, so this follow-up's "
                   "activities, indicators, parties and dates were not checked against it; "
                   "validate it together with its pledge", f.id);
        else
            report(&c, &f, PLEDGE_SEVERITY_WARNING, "follow-up.unchecked", f.id_mark, "/pledge",
                   "pledge \"%s\" (%s, line %zu) has errors, so this follow-up's activities, "
                   "indicators, parties and dates were not checked against it; fix the pledge "
                   "first", f.id, p->file, p->id_mark.line);
    }
    pledge__arena_free(&pa);
    pledge__arena_free(&fa);
    pledge__free(set->allocator, first);
    if (c.rc)
        return c.rc;
    return c.errors ? PLEDGE_EINVALID : PLEDGE_OK;
}

int pledge_set_progress(pledge_progress **out, const pledge_set *set, const char *pledge_id,
                        pledge_diag_list *diags)
{
    pledge__sum h, *p = NULL;
    const pledge__sum **fus = NULL;
    pledge_arena arena;
    size_t i, n = 0;
    uint32_t num;
    int rc = PLEDGE_OK;
    (void)diags;
    if (!out || !set || !pledge_id)
        return PLEDGE_EARG;
    *out = NULL;
    num = pledge__store_lookup(&set->store, pledge_id, strlen(pledge_id));
    if (!num)
        return PLEDGE_ENOTFOUND;
    pledge__arena_init(&arena, set->allocator);
    for (i = 0; i < set->count && !p && !rc; i++)
        if (pledge__store_head(&set->store, set->docs[i], &h) == num &&
            h.kind == PLEDGE_DOC_PLEDGE && !h.invalid)
            rc = pledge__store_get(&set->store, set->docs[i], &arena, &p);
    if (!rc && !p)
        rc = PLEDGE_ENOTFOUND;
    if (!rc && set->count &&
        !(fus = pledge__arena_alloc(&arena, set->count * sizeof *fus)))
        rc = PLEDGE_ENOMEM;
    for (i = 0; i < set->count && !rc; i++)
        if (pledge__store_head(&set->store, set->docs[i], &h) == num &&
            h.kind == PLEDGE_DOC_FOLLOW_UP && !h.invalid) {
            pledge__sum *f;
            rc = pledge__store_get(&set->store, set->docs[i], &arena, &f);
            fus[n++] = f;
        }
    if (!rc)
        rc = pledge__progress_from_sums(out, p, fus, n, set->allocator);
    pledge__arena_free(&arena);
    return rc;
}
