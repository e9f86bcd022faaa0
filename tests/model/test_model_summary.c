/* SPDX-License-Identifier: MIT */
/* What a set keeps of a document (summary.c, set.c): the compact record
 * of a summary decodes to exactly what was encoded, strings are interned
 * once per set, a merge gives the diagnostics one set gives, and a pledge
 * costs a few hundred bytes. */
#include "mtest.h"
#include "model/internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- comparing summaries --------------------------------------------- */

static void same_s(const char *what, const char *a, size_t al, const char *b, size_t bl)
{
    ck_assert_msg(!a == !b, "%s: one is NULL", what);
    ck_assert_msg(al == bl, "%s: lengths %zu / %zu", what, al, bl);
    if (a)
        ck_assert_msg(memcmp(a, b, al) == 0, "%s differs", what);
}

static void same_mark(const char *what, pledge_mark a, pledge_mark b)
{
    ck_assert_msg(a.line == b.line && a.column == b.column && a.offset == b.offset,
                  "%s: marks differ", what);
}

static void same_date(const char *what, pledge_date a, pledge_date b)
{
    ck_assert_msg(a.year == b.year && a.month == b.month && a.day == b.day &&
                      a.precision == b.precision,
                  "%s: dates differ (%d-%d-%d/%d, %d-%d-%d/%d)", what, a.year, a.month, a.day,
                  (int)a.precision, b.year, b.month, b.day, (int)b.precision);
}

static void same_number(const char *what, pledge_number a, pledge_number b)
{
    ck_assert_msg(memcmp(&a.value, &b.value, sizeof a.value) == 0, "%s: values differ (%.17g, %.17g)",
                  what, a.value, b.value);
    ck_assert_msg(a.integer == b.integer && !a.is_integer == !b.is_integer,
                  "%s: integers differ", what);
}

static size_t langs_len(const char *l)
{
    const char *p = l;
    while (*p)
        p += strlen(p) + 1;
    return (size_t)(p - l) + 1;
}

/* @p b decoded from the record of @p a. A set keeps no position of a
 * pledge's parties. */
static void same_sum(const pledge__sum *a, const pledge__sum *b)
{
    size_t i, j;
    int fu = a->kind != PLEDGE_DOC_PLEDGE;
    ck_assert_int_eq(a->kind, b->kind);
    ck_assert_int_eq(!a->invalid, !b->invalid);
    ck_assert_uint_eq(a->unreliable, b->unreliable);
    ck_assert_str_eq(a->file, b->file);
    ck_assert_uint_eq(a->doc_index, b->doc_index);
    same_s("id", a->id, a->id_len, b->id, b->id_len);
    same_mark("id", a->id_mark, b->id_mark);
    same_s("lang", a->lang, a->lang_len, b->lang, b->lang_len);
    same_date("start", a->start, b->start);
    same_date("end", a->end, b->end);
    same_date("date", a->date, b->date);
    if (fu)
        same_mark("start", a->start_mark, b->start_mark);
    ck_assert_uint_eq(a->ref_count, b->ref_count);
    for (i = 0; i < a->ref_count; i++) {
        same_s("ref", a->refs[i].id, a->refs[i].len, b->refs[i].id, b->refs[i].len);
        if (fu)
            same_mark("ref", a->refs[i].mark, b->refs[i].mark);
    }
    ck_assert_uint_eq(a->activity_count, b->activity_count);
    for (i = 0; i < a->activity_count; i++) {
        const pledge__sum_activity *x = &a->activities[i], *y = &b->activities[i];
        same_s("activity", x->id, x->len, y->id, y->len);
        ck_assert_uint_eq(x->responsible_count, y->responsible_count);
        for (j = 0; j < x->responsible_count; j++)
            ck_assert_uint_eq(x->responsible[j], y->responsible[j]);
        ck_assert_int_eq(!x->has_target, !y->has_target);
        ck_assert(x->quantity == y->quantity);
        ck_assert_int_eq(x->comparator, y->comparator);
        ck_assert_int_eq(x->per, y->per);
        if (x->id) {
            const pledge__sum_activity *z = pledge__sum_find(b, 0, x->id, x->len);
            ck_assert_ptr_nonnull(z);
            ck_assert(z <= y && z->len == y->len && memcmp(z->id, y->id, y->len) == 0);
        }
    }
    ck_assert_uint_eq(a->indicator_count, b->indicator_count);
    for (i = 0; i < a->indicator_count; i++) {
        const pledge__sum_indicator *x = &a->indicators[i], *y = &b->indicators[i];
        same_s("indicator", x->id, x->len, y->id, y->len);
        ck_assert_int_eq(x->unit, y->unit);
        ck_assert_int_eq(x->direction, y->direction);
        ck_assert_int_eq(!x->has_baseline, !y->has_baseline);
        ck_assert_int_eq(!x->has_target, !y->has_target);
        same_number("baseline", x->baseline_value, y->baseline_value);
        same_number("target", x->target_value, y->target_value);
        same_date("baseline", x->baseline_date, y->baseline_date);
        same_date("target", x->target_date, y->target_date);
        if (x->id) {
            /* the first with its id */
            const pledge__sum_indicator *z = pledge__sum_find(b, 1, x->id, x->len);
            ck_assert_ptr_nonnull(z);
            ck_assert(z <= y && z->len == y->len && memcmp(z->id, y->id, y->len) == 0);
        }
    }
    ck_assert_uint_eq(a->entry_count, b->entry_count);
    for (i = 0; i < a->entry_count; i++) {
        const pledge__sum_entry *x = &a->entries[i], *y = &b->entries[i];
        same_s("entry", x->id, x->len, y->id, y->len);
        ck_assert_int_eq(x->status, y->status);
        same_mark("entry", x->mark, y->mark);
        ck_assert_uint_eq(x->index, y->index);
        ck_assert(x->done == y->done);
    }
    ck_assert_uint_eq(a->measurement_count, b->measurement_count);
    for (i = 0; i < a->measurement_count; i++) {
        const pledge__sum_measurement *x = &a->measurements[i], *y = &b->measurements[i];
        same_s("measurement", x->id, x->len, y->id, y->len);
        ck_assert_int_eq(!x->has_value, !y->has_value);
        same_number("value", x->value, y->value);
        same_date("measured", x->date, y->date);
        same_mark("measurement", x->mark, y->mark);
        same_mark("value", x->value_mark, y->value_mark);
        same_mark("measurement entry", x->entry_mark, y->entry_mark);
        ck_assert_uint_eq(x->index, y->index);
    }
    ck_assert_uint_eq(a->text_count, b->text_count);
    for (i = 0; i < a->text_count; i++) {
        const pledge__sum_text *x = &a->texts[i], *y = &b->texts[i];
        same_mark("text", x->mark, y->mark);
        ck_assert_str_eq(x->path, y->path);
        same_s("langs", x->langs, langs_len(x->langs), y->langs, langs_len(y->langs));
    }
}

/* Encode @p s into @p st, decode it, compare; and the head alone. */
static void round_trip(pledge__store *st, const pledge__sum *s)
{
    pledge_arena a;
    pledge__sum *back, head;
    const unsigned char *rec;
    uint32_t num;
    pledge__arena_init(&a, NULL);
    ck_assert_int_eq(pledge__store_put(st, s, &rec), 0);
    ck_assert_int_eq(pledge__store_get(st, rec, &a, &back), 0);
    same_sum(s, back);
    num = pledge__store_head(st, rec, &head);
    ck_assert_int_eq(head.kind, s->kind);
    ck_assert_uint_eq(head.doc_index, s->doc_index);
    same_s("head id", s->id, s->id_len, head.id, head.id_len);
    same_mark("head id", s->id_mark, head.id_mark);
    ck_assert_uint_eq(num, s->id ? pledge__store_lookup(st, s->id, s->id_len) : 0);
    ck_assert_ptr_eq(head.id, back->id);
    pledge__arena_free(&a);
}

START_TEST(examples_round_trip)
{
    static const char *const files[] = {
        "ale-2024.yaml", "ale-2024-follow-up-2025.yaml", "goteborg-centrum-2018.yaml",
        "lulea-2018.yaml", "mala-2024.yaml", "stenungsund-orust-tjorn-2023.yaml",
        "vingaker-2017.yaml",
    };
    pledge__store st;
    size_t i, docs = 0;
    pledge__store_init(&st, NULL);
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        pledge_reader *r;
        snprintf(path, sizeof path, "%s/%s", MT_EXAMPLES, files[i]);
        ck_assert_int_eq(pledge_reader_open_file(&r, path, NULL, NULL), 0);
        for (;;) {
            pledge_doc *doc = NULL;
            pledge_arena a;
            pledge__sum *s;
            int rc = pledge_doc_read_next(&doc, r, NULL, NULL);
            ck_assert(rc == 0 || rc == PLEDGE_EINVALID);
            if (rc)
                continue;
            if (!doc)
                break;
            pledge__arena_init(&a, NULL);
            ck_assert_int_eq(pledge__sum_build(&s, doc, &a, NULL), 0);
            round_trip(&st, s);
            pledge__arena_free(&a);
            pledge_doc_free(doc);
            docs++;
        }
        pledge_reader_free(r);
    }
    ck_assert_uint_ge(docs, 7);
    pledge__store_free(&st);
}
END_TEST

/* Values no example has: every number, date, count and string survives
 * bit for bit. */
START_TEST(edges_round_trip)
{
    static const double values[] = { 0.0, 0.1, 45.3, -7.25, 1e300, -1e-300, 123456.789,
                                     9007199254740993.0, 0.3333333333333333 };
    static const pledge_date dates[] = {
        { 0, 0, 0, PLEDGE_DATE_NONE },      { 2024, 10, 31, PLEDGE_DATE_DAY },
        { 2024, 0, 0, PLEDGE_DATE_YEAR },   { 9999, 12, 31, PLEDGE_DATE_DAY },
        { 1, 1, 1, PLEDGE_DATE_DAY },       { -5, 14, 40, (pledge_date_precision)7 },
        { 0, 0, 0, PLEDGE_DATE_MONTH },     { 2000, 2, 0, PLEDGE_DATE_MONTH },
    };
    static const int64_t ints[] = { 0, 1, -1, 60, INT64_MAX, INT64_MIN, 1234567890123 };
    pledge_number nums[24];
    pledge__sum_indicator inds[24];
    pledge__sum_activity acts[3];
    pledge__sum_ref refs[3];
    pledge__sum_entry entries[2];
    pledge__sum_measurement ms[24];
    pledge__sum_text texts[3];
    size_t resp[3] = { 0, 2, 1000000 };
    pledge__sum p, f;
    pledge__store st;
    size_t i, n = 0;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        memset(&nums[n], 0, sizeof nums[n]);
        nums[n++].value = values[i];
    }
    memset(&nums[n], 0, sizeof nums[n]);
    nums[n++].value = -0.0;
    memset(&nums[n], 0, sizeof nums[n]);
    nums[n++].value = NAN;
    memset(&nums[n], 0, sizeof nums[n]);
    nums[n++].value = -INFINITY;
    for (i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        nums[n].value = (double)ints[i];
        nums[n].integer = ints[i];
        nums[n++].is_integer = 1;
    }
    nums[n].value = 0.5; /* not the integer's value */
    nums[n].integer = 3;
    nums[n++].is_integer = 0;
    nums[n].value = -0.0; /* "-0" */
    nums[n].integer = 0;
    nums[n++].is_integer = 1;
    ck_assert_uint_le(n, 24);

    memset(inds, 0, sizeof inds);
    memset(ms, 0, sizeof ms);
    for (i = 0; i < n; i++) {
        inds[i].id = i % 2 ? "ind\0x" : "indikator";
        inds[i].len = i % 2 ? 5 : 9;
        inds[i].unit = (pledge_unit)(i % 5);
        inds[i].direction = (pledge_direction)(i % 4);
        inds[i].has_baseline = (int)(i % 2);
        inds[i].has_target = (int)(i % 3 == 0);
        inds[i].baseline_value = nums[i];
        inds[i].target_value = nums[n - 1 - i];
        inds[i].baseline_date = dates[i % 8];
        inds[i].target_date = dates[(i + 3) % 8];
        ms[i].id = i % 3 ? "m" : NULL;
        ms[i].len = i % 3 ? 1 : 0;
        ms[i].has_value = (int)(i % 2);
        ms[i].value = nums[i];
        ms[i].date = dates[(i + 5) % 8];
        ms[i].mark.line = i * 1000003;
        ms[i].mark.column = i;
        ms[i].mark.offset = SIZE_MAX - i;
        ms[i].value_mark.line = 7;
        ms[i].entry_mark.offset = 1u << 31;
        ms[i].index = i;
    }
    inds[n - 1].unit = (pledge_unit)(1 << 21); /* beyond what packs in a byte */
    inds[n - 2].direction = (pledge_direction)9;
    inds[n - 3].direction = (pledge_direction)-1;
    memset(acts, 0, sizeof acts);
    acts[0].id = "a";
    acts[0].len = 1;
    acts[0].quantity = -1;
    acts[1].id = "";
    acts[1].len = 0;
    acts[1].responsible = resp;
    acts[1].responsible_count = 3;
    acts[1].has_target = 1;
    acts[1].quantity = INT64_MAX;
    acts[1].comparator = PLEDGE_COMPARATOR_AT_MOST;
    acts[1].per = PLEDGE_PER_YEAR;
    acts[2].id = NULL;
    acts[2].quantity = 0;
    acts[2].per = PLEDGE_PER_PERIOD;
    memset(refs, 0, sizeof refs);
    refs[0].id = "kommun";
    refs[0].len = 6;
    refs[2].id = "polis";
    refs[2].len = 5;
    refs[2].mark.line = 3;

    memset(&p, 0, sizeof p);
    p.kind = PLEDGE_DOC_PLEDGE;
    p.invalid = 1;
    p.unreliable = PLEDGE__PART_PERIOD | PLEDGE__PART_LANGUAGE;
    p.file = "dir/a file.yaml";
    p.doc_index = 123456789;
    p.id = "pledge-1";
    p.id_len = 8;
    p.id_mark.line = 1;
    p.id_mark.column = 5;
    p.id_mark.offset = 4;
    p.lang = "sv";
    p.lang_len = 2;
    p.start = dates[2];
    p.end = dates[5];
    p.activities = acts;
    p.activity_count = 3;
    p.indicators = inds;
    p.indicator_count = n;
    p.refs = refs;
    p.ref_count = 3;

    memset(entries, 0, sizeof entries);
    entries[0].id = "a";
    entries[0].len = 1;
    entries[0].status = PLEDGE_STATUS_DONE;
    entries[0].done = -1;
    entries[0].mark.line = 12;
    entries[1].id = "b\0c";
    entries[1].len = 3;
    entries[1].done = INT64_MAX;
    entries[1].index = 99;
    memset(texts, 0, sizeof texts);
    texts[0].path = "/activities/0/comment";
    texts[0].langs = "en\0de\0";
    texts[0].mark.line = 44;
    texts[1].path = "/summary";
    texts[1].langs = "";
    texts[2].path = "/activities/0/comment";
    texts[2].langs = "en\0de\0";

    memset(&f, 0, sizeof f);
    f.kind = PLEDGE_DOC_FOLLOW_UP;
    f.file = "dir/a file.yaml";
    f.doc_index = 1;
    f.id = "pledge-1";
    f.id_len = 8;
    f.date = dates[1];
    f.start = dates[6];
    f.start_mark.line = 9;
    f.start_mark.column = 3;
    f.entries = entries;
    f.entry_count = 2;
    f.measurements = ms;
    f.measurement_count = n;
    f.texts = texts;
    f.text_count = 3;
    f.refs = refs;
    f.ref_count = 3;

    pledge__store_init(&st, NULL);
    round_trip(&st, &p);
    round_trip(&st, &f);
    /* a record of a document that did not load */
    memset(&f, 0, sizeof f);
    f.kind = PLEDGE_DOC_FOLLOW_UP;
    f.invalid = 1;
    f.unreliable = PLEDGE__PART_ALL;
    f.file = "";
    round_trip(&st, &f);
    pledge__store_free(&st);
}
END_TEST

/* One copy of each string per store, found again by its bytes; a copy
 * into another store decodes the same. */
START_TEST(strings_interned_and_copied)
{
    pledge__store a, b;
    const unsigned char *recs[600], *rec;
    pledge__sum s, *x, *y;
    pledge_arena ar;
    char ids[600][24];
    uint32_t *map;
    size_t i, strings;

    pledge__store_init(&a, NULL);
    pledge__store_init(&b, NULL);
    memset(&s, 0, sizeof s);
    s.kind = PLEDGE_DOC_PLEDGE;
    s.file = "stream.yaml";
    s.lang = "sv";
    s.lang_len = 2;
    for (i = 0; i < 600; i++) {
        snprintf(ids[i], sizeof ids[i], "pledge-%zu", i);
        s.id = ids[i];
        s.id_len = strlen(ids[i]);
        s.doc_index = i;
        ck_assert_int_eq(pledge__store_put(&a, &s, &recs[i]), 0);
    }
    /* the file, the language and 600 ids, each once */
    ck_assert_uint_eq(a.str_count, 602);
    for (i = 0; i < 600; i++) {
        pledge__sum h, h0;
        uint32_t num = pledge__store_head(&a, recs[i], &h);
        ck_assert_uint_eq(num, pledge__store_lookup(&a, ids[i], strlen(ids[i])));
        pledge__store_head(&a, recs[0], &h0);
        ck_assert_ptr_eq(h.file, h0.file);
    }
    ck_assert_uint_eq(pledge__store_lookup(&a, "pledge-600", 10), 0);
    ck_assert_uint_eq(pledge__store_lookup(&a, "pledge-1\0", 9), 0);

    /* b already holds some of a's strings */
    s.id = "pledge-7";
    s.id_len = 8;
    ck_assert_int_eq(pledge__store_put(&b, &s, &rec), 0);
    strings = b.str_count;
    map = calloc(a.str_count, sizeof *map);
    ck_assert_ptr_nonnull(map);
    pledge__arena_init(&ar, NULL);
    for (i = 0; i < 600; i++) {
        ck_assert_int_eq(pledge__store_copy(&b, &a, recs[i], map, &rec), 0);
        ck_assert_int_eq(pledge__store_get(&a, recs[i], &ar, &x), 0);
        ck_assert_int_eq(pledge__store_get(&b, rec, &ar, &y), 0);
        same_sum(x, y);
    }
    ck_assert_uint_eq(b.str_count, strings + 599);
    free(map);
    pledge__arena_free(&ar);
    pledge__store_free(&a);
    pledge__store_free(&b);
}
END_TEST

/* ---- sets ---------------------------------------------------------------- */

static char *read_example(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", MT_EXAMPLES, name);
    return test_read_file(path, len);
}

/* A stream with duplicate pledges, follow-ups with unknown references and
 * an invalid pledge. */
static char *mixed_stream(size_t *len)
{
    size_t pl, fl, n;
    char *p = read_example("ale-2024.yaml", &pl);
    char *f = read_example("ale-2024-follow-up-2025.yaml", &fl);
    static const char extra[] =
        "\n---\nformat: follow-up/1\npledge: ale-2024\ndate: 2025-03-01\n"
        "reported_by: [nobody]\n"
        "activities: [{activity: no-such-activity, status: done}]\n"
        "indicators: [{indicator: no-such-indicator, date: 2025-01-01, value: 3}]\n"
        "---\nformat: follow-up/1\npledge: elsewhere\ndate: 2025-03-01\n"
        "activities: [{activity: a, status: done}]\n"
        "---\nformat: pledge/1\nid: broken\ntitle: T\nlanguage: sv\n"
        "parties: [{id: k, name: K, kind: municipality}]\n"
        "period: {start: 2024, end: 2023}\n"
        "activities: [{id: a1, text: X, responsible: [k]}]\n"
        "---\nformat: follow-up/1\npledge: broken\ndate: 2025-02\nreported_by: [k]\n"
        "activities: [{activity: a2, status: done}]\n";
    char *s = malloc(2 * pl + fl + sizeof extra + 16);
    ck_assert_ptr_nonnull(s);
    n = 0;
    memcpy(s + n, p, pl);
    n += pl;
    memcpy(s + n, "\n---\n", 5);
    n += 5;
    memcpy(s + n, f, fl);
    n += fl;
    memcpy(s + n, "\n---\n", 5);
    n += 5;
    memcpy(s + n, p, pl);
    n += pl;
    memcpy(s + n, extra, sizeof extra - 1);
    n += sizeof extra - 1;
    s[n] = '\0';
    free(p);
    free(f);
    *len = n;
    return s;
}

/* Every field of every diagnostic, one a line. */
static char *dump(const pledge_diag_list *d)
{
    mt_buf b = { NULL, 0, 0 };
    size_t i;
    mt_sink(&b, "", 0);
    for (i = 0; i < pledge_diag_list_count(d); i++) {
        const pledge_diag *x = pledge_diag_list_at(d, i);
        char line[2048];
        int n = snprintf(line, sizeof line, "%d %s|%zu|%zu:%zu@%zu %s %s [%s] [%s]\n",
                         (int)x->severity, x->file, x->document, x->line, x->column, x->offset,
                         x->code, x->message, x->instance_path, x->schema_path);
        ck_assert(n > 0 && (size_t)n < sizeof line);
        ck_assert_int_eq(mt_sink(&b, line, (size_t)n), 0);
    }
    return b.data;
}

/* The diagnostics of the cross-document checks, in their order. */
static char *check_text(pledge_set *set, unsigned flags)
{
    pledge_diag_list *d;
    char *t;
    int rc;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    rc = pledge_set_check(set, flags, d);
    ck_assert(rc == 0 || rc == PLEDGE_EINVALID);
    t = dump(d);
    pledge_diag_list_free(d);
    return t;
}

/* Load every document of @p text: into one set (*one), and each into a
 * set of its own (parts, *n of them). */
static void load_stream(const char *text, size_t len, pledge_set **one, pledge_set **parts,
                        size_t *n)
{
    pledge_diag_list *d;
    int pass;
    ck_assert_int_eq(pledge_diag_list_new(&d, NULL), 0);
    ck_assert_int_eq(pledge_set_new(one, NULL), 0);
    for (pass = 0; pass < 2; pass++) {
        pledge_reader *r;
        *n = 0;
        ck_assert_int_eq(pledge_reader_open_buffer(&r, "mixed.yaml", text, len, NULL, d), 0);
        for (;;) {
            pledge_tree *tree = NULL;
            int rc;
            ck_assert_int_eq(pledge_reader_next(r, &tree, d), 0);
            if (!tree)
                break;
            ck_assert_uint_lt(*n, 16);
            if (pass) {
                ck_assert_int_eq(pledge_set_new(&parts[*n], NULL), 0);
                rc = pledge_set_load(parts[*n], tree, NULL, d);
            } else {
                rc = pledge_set_load(*one, tree, NULL, d);
            }
            (*n)++;
            ck_assert(rc == 0 || rc == PLEDGE_EINVALID);
        }
        pledge_reader_free(r);
    }
    pledge_diag_list_free(d);
}

/* Each document in a set of its own, merged in order (the first moved,
 * the others copied with the merged set's strings), checks exactly as the
 * documents in one set. */
START_TEST(merged_sets_check_as_one)
{
    size_t len, n, i;
    char *text = mixed_stream(&len);
    pledge_set *one, *all, *parts[16];
    unsigned flags;

    load_stream(text, len, &one, parts, &n);
    ck_assert_uint_eq(n, 7);
    ck_assert_int_eq(pledge_set_new(&all, NULL), 0);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(pledge__set_merge(all, parts[i], i), 0);
    ck_assert_uint_eq(pledge_set_count(all), 7);
    for (flags = 0; flags <= PLEDGE_SET_RESOLVE; flags += PLEDGE_SET_RESOLVE) {
        char *a = check_text(one, flags), *b = check_text(all, flags);
        ck_assert_msg(strstr(a, "pledge.duplicate-pledge") &&
                          strstr(a, "follow-up.unknown-reference") &&
                          strstr(a, "follow-up.unknown-party") &&
                          strstr(a, "follow-up.unchecked"),
                      "expected cross-document diagnostics, got:\n%s", a);
        ck_assert_msg(strcmp(a, b) == 0, "one set:\n%s\nmerged:\n%s", a, b);
        free(a);
        free(b);
    }
    pledge_set_free(all);
    pledge_set_free(one);
    free(text);
}
END_TEST

/* Progress from a merged set is progress from one set. */
START_TEST(merged_set_progress)
{
    pledge_doc *p = mt_load_file(MT_EXAMPLES "/ale-2024.yaml");
    pledge_doc *f = mt_load_file(MT_EXAMPLES "/ale-2024-follow-up-2025.yaml");
    const pledge_doc *fs[1];
    pledge_progress *a = NULL, *b = NULL;
    pledge_set *all, *one, *two;
    size_t i;
    fs[0] = f;
    ck_assert_int_eq(pledge_progress_compute(&a, p, fs, 1, NULL), 0);
    ck_assert_int_eq(pledge_set_new(&all, NULL), 0);
    ck_assert_int_eq(pledge_set_new(&one, NULL), 0);
    ck_assert_int_eq(pledge_set_new(&two, NULL), 0);
    ck_assert_int_eq(pledge_set_add_copy(one, p), 0);
    ck_assert_int_eq(pledge_set_add_copy(two, f), 0);
    ck_assert_int_eq(pledge__set_merge(all, one, 0), 0);
    ck_assert_int_eq(pledge__set_merge(all, two, 1), 0);
    ck_assert_int_eq(pledge_set_progress(&b, all, "ale-2025", NULL), PLEDGE_ENOTFOUND);
    ck_assert_int_eq(pledge_set_progress(&b, all, "ale-2024-uppfoljning-2025", NULL),
                     PLEDGE_ENOTFOUND);
    ck_assert_int_eq(pledge_set_progress(&b, all, "ale-2024", NULL), 0);
    ck_assert_uint_eq(pledge_progress_activity_count(a), pledge_progress_activity_count(b));
    ck_assert_uint_eq(pledge_progress_report_count(b), 1);
    for (i = 0; i < PLEDGE_STATUS_COUNT; i++)
        ck_assert_uint_eq(pledge_progress_status_count(a, (pledge_status)i),
                          pledge_progress_status_count(b, (pledge_status)i));
    ck_assert(pledge_progress_share_done(a) == pledge_progress_share_done(b));
    pledge_progress_free(a);
    pledge_progress_free(b);
    pledge_set_free(all);
    pledge_doc_free(p);
    pledge_doc_free(f);
}
END_TEST

/* A merge that runs out of memory leaves both sets as they were. */
START_TEST(merge_every_allocation_fails)
{
    pledge_doc *p = mt_load_file(MT_EXAMPLES "/ale-2024.yaml");
    pledge_doc *f = mt_load_file(MT_EXAMPLES "/ale-2024-follow-up-2025.yaml");
    size_t n;
    for (n = 1;; n++) {
        test_alloc ta;
        pledge_set *all = NULL, *one = NULL, *two = NULL;
        size_t merged = 0;
        int rc, adds_ok;
        test_alloc_init(&ta, n);
        rc = pledge_set_new(&all, &ta.hook);
        if (!rc)
            rc = pledge_set_new(&one, &ta.hook);
        if (!rc)
            rc = pledge_set_new(&two, &ta.hook);
        if (!rc)
            rc = pledge_set_add_copy(one, p);
        if (!rc)
            rc = pledge_set_add_copy(two, f);
        adds_ok = !rc;
        if (!rc && (rc = pledge__set_merge(all, one, 0)) == 0) {
            one = NULL;
            merged++;
        }
        if (!rc && (rc = pledge__set_merge(all, two, 1)) == 0) {
            two = NULL;
            merged++;
        }
        if (!rc)
            rc = pledge_set_check(all, PLEDGE_SET_RESOLVE, NULL);
        /* a failed merge changed neither set */
        ck_assert_uint_eq(pledge_set_count(all), merged);
        if (adds_ok) {
            ck_assert_uint_eq(pledge_set_count(one), one ? 1 : 0);
            ck_assert_uint_eq(pledge_set_count(two), two ? 1 : 0);
        }
        pledge_set_free(one);
        pledge_set_free(two);
        pledge_set_free(all);
        ck_assert_msg(ta.live == 0, "allocation %zu: %zu blocks leaked", n, ta.live);
        if (!ta.failed) {
            ck_assert_int_eq(rc, 0);
            break;
        }
        ck_assert_msg(rc == PLEDGE_ENOMEM, "allocation %zu: got %d", n, rc);
    }
    ck_assert_uint_gt(n, 10);
    pledge_doc_free(p);
    pledge_doc_free(f);
}
END_TEST

/* ---- bytes per document ---------------------------------------------------- */

typedef struct counting {
    size_t bytes;  /* requested, live */
    size_t blocks; /* live */
} counting;

static void *c_malloc(size_t size, void *ud)
{
    counting *c = ud;
    size_t *p = malloc(size + 16);
    if (!p)
        return NULL;
    p[0] = size;
    c->bytes += size;
    c->blocks++;
    return (char *)p + 16;
}

static void c_free(void *ptr, void *ud)
{
    counting *c = ud;
    size_t *p;
    if (!ptr)
        return;
    p = (size_t *)((char *)ptr - 16);
    c->bytes -= p[0];
    c->blocks--;
    free(p);
}

static void *c_realloc(void *ptr, size_t size, void *ud)
{
    counting *c = ud;
    size_t *p;
    if (!ptr)
        return c_malloc(size, ud);
    p = (size_t *)((char *)ptr - 16);
    c->bytes -= p[0];
    p = realloc(p, size + 16);
    if (!p)
        return NULL;
    p[0] = size;
    c->bytes += size;
    return (char *)p + 16;
}

/* The Ale pledge (11 activities, 2 indicators, 3 parties) under new ids:
 * what the set keeps of each, with malloc's 16 bytes a block. It was
 * 2.7 KiB before summaries were records (arena structs, a hash table per
 * pledge); now it is its record, its id once, and its slots. */
START_TEST(bytes_per_pledge)
{
    counting c = { 0, 0 };
    pledge_allocator hook = { c_malloc, c_realloc, c_free, &c };
    size_t len, i, at64 = 0, per;
    char *ale = read_example("ale-2024.yaml", &len);
    char *idline = strstr(ale, "\nid: ale-2024\n");
    pledge_set *set;
    ck_assert_ptr_nonnull(idline);
    ck_assert_int_eq(pledge_set_new(&set, &hook), 0);
    for (i = 0; i < 192; i++) {
        char *text = malloc(len + 32), id[32];
        size_t head = (size_t)(idline - ale) + 1, k;
        pledge_doc *doc = NULL;
        ck_assert_ptr_nonnull(text);
        snprintf(id, sizeof id, "id: ale-%04zu", i);
        memcpy(text, ale, head);
        k = strlen(id);
        memcpy(text + head, id, k);
        memcpy(text + head + k, idline + 13, len - head - 12 + 1); /* and its NUL */
        ck_assert_int_eq(pledge_doc_load_buffer(&doc, "ale.yaml", text, strlen(text), NULL,
                                                NULL), 0);
        ck_assert_int_eq(pledge_set_add(set, doc), 0);
        free(text);
        if (i == 63)
            at64 = c.bytes + 16 * c.blocks;
    }
    per = (c.bytes + 16 * c.blocks - at64) / 128;
    if (getenv("PLEDGE_TEST_VERBOSE"))
        fprintf(stderr, "%zu bytes per pledge\n", per);
    /* about 160: keep a margin for the blocks' steps */
    ck_assert_msg(per <= 320, "%zu bytes per pledge", per);
    {
        char *t = check_text(set, 0);
        ck_assert_str_eq(t, "");
        free(t);
    }
    pledge_set_free(set);
    ck_assert_uint_eq(c.bytes, 0);
    ck_assert_uint_eq(c.blocks, 0);
    free(ale);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("model_summary");
    TCase *tc = tcase_create("summary");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, examples_round_trip);
    tcase_add_test(tc, edges_round_trip);
    tcase_add_test(tc, strings_interned_and_copied);
    tcase_add_test(tc, merged_sets_check_as_one);
    tcase_add_test(tc, merged_set_progress);
    tcase_add_test(tc, merge_every_allocation_fails);
    tcase_add_test(tc, bytes_per_pledge);
    suite_add_tcase(s, tc);
    return test_run(s) ? 1 : 0;
}
