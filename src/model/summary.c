/* SPDX-License-Identifier: MIT */
/* Summaries: the little of a document that cross-document checks and
 * progress need, copied out of it so the document itself can be freed.
 * pledge__sum_build gives its working form, in an arena, for as long as
 * the document lives; a set keeps it as a compact record of a store
 * (below), decoded again when a check or progress reads it. */
#include "internal.h"
#include "core/alloc.h"
#include "core/hash.h"

#include <string.h>

/* The keys of a text mapping, each followed by NUL, then one more NUL,
 * in @p a. */
static const char *langs_of(pledge_arena *a, const pledge_node *map)
{
    size_t i, n = 1;
    char *r, *q;
    for (i = 0; i < map->u.map.count; i++)
        n += map->u.map.pairs[i].key->u.s.len + 1;
    r = q = pledge__arena_alloc(a, n);
    if (!r)
        return NULL;
    for (i = 0; i < map->u.map.count; i++) {
        const pledge_node *k = map->u.map.pairs[i].key;
        if (k->u.s.len)
            memcpy(q, k->u.s.ptr, k->u.s.len);
        q += k->u.s.len;
        *q++ = '\0';
    }
    *q = '\0';
    return r;
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

static int sum_parties(pledge__sum *s, const pledge_doc *doc, pledge_arena *a)
{
    size_t i;
    s->refs = zalloc(a, doc->party_count, sizeof *s->refs);
    if (doc->party_count && !s->refs)
        return PLEDGE_ENOMEM;
    for (i = 0; i < doc->party_count; i++) {
        s->refs[i].id = doc->parties[i].id.s;
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

static int sum_reported_by(pledge__sum *s, const pledge_doc *doc, pledge_arena *a)
{
    size_t i, n = pledge_node_size(doc->reported_by);
    s->refs = zalloc(a, n, sizeof *s->refs);
    if (n && !s->refs)
        return PLEDGE_ENOMEM;
    for (i = 0; i < n; i++) {
        const pledge_node *r = pledge_node_item(doc->reported_by, i);
        pledge__id id = pledge__id_of(r);
        s->refs[i].id = id.s;
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
    size_t i;

    *out = NULL;
    s = zalloc(a, 1, sizeof *s);
    if (!s)
        return PLEDGE_ENOMEM;
    s->kind = doc->kind;
    s->doc_index = doc->index;
    s->start = doc->start;
    s->end = doc->end;
    s->date = doc->date;

    s->file = file ? file : doc->file;
    if (doc->lang) {
        s->lang = doc->lang;
        s->lang_len = doc->lang_len;
    }

    if (doc->kind == PLEDGE_DOC_PLEDGE) {
        s->id = doc->id.s;
        s->id_len = doc->id.len;
        s->id_mark = pledge_node_mark(doc->id.node);
        s->activities = zalloc(a, doc->activity_count, sizeof *s->activities);
        s->indicators = zalloc(a, doc->indicator_count, sizeof *s->indicators);
        if ((doc->activity_count && !s->activities) ||
            (doc->indicator_count && !s->indicators))
            return PLEDGE_ENOMEM;
        if (sum_parties(s, doc, a))
            return PLEDGE_ENOMEM;
        for (i = 0; i < doc->activity_count; i++) {
            const pledge_activity *act = &doc->activities[i];
            pledge__sum_activity *sa = &s->activities[i];
            sa->id = act->id.s;
            sa->len = act->id.len;
            if (sum_activity_more(sa, act, a))
                return PLEDGE_ENOMEM;
        }
        s->activity_count = doc->activity_count;
        for (i = 0; i < doc->indicator_count; i++) {
            const pledge_indicator *ind = &doc->indicators[i];
            pledge__sum_indicator *si = &s->indicators[i];
            si->id = ind->id.s;
            si->len = ind->id.len;
            si->unit = ind->unit;
            si->direction = ind->direction;
            si->has_baseline = ind->has_baseline;
            si->has_target = ind->has_target;
            si->baseline_value = ind->baseline_value;
            si->target_value = ind->target_value;
            si->baseline_date = ind->baseline_date;
            si->target_date = ind->target_date;
        }
        s->indicator_count = doc->indicator_count;
    } else {
        s->id = doc->pledge.s;
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
            se->id = e->activity.s;
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
            sm->id = m->indicator.s;
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
            s->texts[i].path = t->path;
            s->texts[i].langs = langs_of(a, t->node);
            if (!s->texts[i].langs)
                return PLEDGE_ENOMEM;
        }
        s->text_count = doc->textref_count;
        if (sum_reported_by(s, doc, a))
            return PLEDGE_ENOMEM;
    }
    *out = s;
    return PLEDGE_OK;
}

/* ---- the store: summaries as compact records ---------------------------- */

/* Blocks double from the arena's first chunk size up to its largest, so
 * that each block is one chunk of the arena, with nothing left over. */
#define STORE_FIRST_BLOCK 2048u
#define STORE_MAX_BLOCK (64u * 1024u)

void pledge__store_init(pledge__store *st, const pledge_allocator *allocator)
{
    memset(st, 0, sizeof *st);
    st->allocator = allocator;
    pledge__arena_init(&st->arena, allocator);
    pledge__buf_init(&st->enc, allocator);
    pledge__buf_init(&st->refs, allocator);
    st->block = STORE_FIRST_BLOCK;
}

void pledge__store_free(pledge__store *st)
{
    pledge__arena_free(&st->arena);
    pledge__free(st->allocator, st->strs);
    pledge__free(st->allocator, st->slots);
    pledge__buf_free(&st->enc);
    pledge__buf_free(&st->refs);
    pledge__store_init(st, st->allocator);
}

/* @p n bytes of the current block, or of a new one. */
static unsigned char *store_alloc(pledge__store *st, size_t n)
{
    unsigned char *p;
    if ((size_t)(st->end - st->next) < n) {
        size_t want = st->block < n ? n : st->block;
        p = pledge__arena_alloc(&st->arena, want);
        if (!p)
            return NULL;
        st->next = p;
        st->end = p + want;
        if (st->block < STORE_MAX_BLOCK)
            st->block *= 2;
    }
    p = st->next;
    st->next += n;
    return p;
}

/* An interned string is stored as the low 32 bits of its hash, its
 * length (4 bytes each), its bytes and a NUL; strs[] points at its bytes. */
static size_t str_len(const char *s)
{
    uint32_t len;
    memcpy(&len, s - 4, 4);
    return len;
}

static uint32_t str_hash(const char *s)
{
    uint32_t h;
    memcpy(&h, s - 8, 4);
    return h;
}

static uint32_t hash32(const char *s, size_t len)
{
    uint64_t h = pledge__hash(s, len);
    return (uint32_t)(h ^ (h >> 32));
}

/* The slot of @p s (@p len bytes, hash @p h): its number, or 0 with *at
 * the empty slot where it would go. */
static uint32_t str_find(const pledge__store *st, const char *s, size_t len, uint32_t h,
                         size_t *at)
{
    size_t i;
    for (i = h & st->slot_mask;; i = (i + 1) & st->slot_mask) {
        uint32_t v = st->slots[i];
        const char *o;
        if (!v) {
            *at = i;
            return 0;
        }
        o = st->strs[v - 1];
        if (str_hash(o) == h && str_len(o) == len && memcmp(o, s, len) == 0)
            return v;
    }
}

uint32_t pledge__store_lookup(const pledge__store *st, const char *s, size_t len)
{
    size_t at;
    if (!st->slots || !s)
        return 0;
    return str_find(st, s, len, hash32(s, len), &at);
}

/* Twice the slots (at first 64), the strings placed again. */
static int store_rehash(pledge__store *st)
{
    size_t cap = st->slots ? (st->slot_mask + 1) * 2 : 64, i;
    uint32_t *slots;
    if (cap > SIZE_MAX / sizeof *slots)
        return PLEDGE_ENOMEM;
    slots = pledge__calloc(st->allocator, cap, sizeof *slots);
    if (!slots)
        return PLEDGE_ENOMEM;
    pledge__free(st->allocator, st->slots);
    st->slots = slots;
    st->slot_mask = cap - 1;
    for (i = 0; i < st->str_count; i++) {
        size_t j = str_hash(st->strs[i]) & st->slot_mask;
        while (st->slots[j])
            j = (j + 1) & st->slot_mask;
        st->slots[j] = (uint32_t)(i + 1);
    }
    return PLEDGE_OK;
}

/* The number of @p s (@p len bytes), interned now if new; 0 for NULL.
 * 0 or PLEDGE_ENOMEM. */
static int store_intern(pledge__store *st, const char *s, size_t len, uint32_t *num)
{
    size_t at = 0;
    uint32_t h, l;
    unsigned char *p;
    *num = 0;
    if (!s)
        return PLEDGE_OK;
    h = hash32(s, len);
    if (st->slots && (*num = str_find(st, s, len, h, &at)) != 0)
        return PLEDGE_OK;
    if (len > UINT32_MAX - 9 || st->str_count >= UINT32_MAX - 1)
        return PLEDGE_ENOMEM;
    if ((st->str_count + 1) * 2 > (st->slots ? st->slot_mask + 1 : 0)) {
        if (store_rehash(st))
            return PLEDGE_ENOMEM;
        str_find(st, s, len, h, &at);
    }
    if (st->str_count == st->str_cap &&
        pledge__grow(st->allocator, (void **)&st->strs, &st->str_cap,
                     st->str_count < 32 ? 32 : st->str_count + 1, sizeof *st->strs))
        return PLEDGE_ENOMEM;
    p = store_alloc(st, len + 9);
    if (!p)
        return PLEDGE_ENOMEM;
    l = (uint32_t)len;
    memcpy(p, &h, 4);
    memcpy(p + 4, &l, 4);
    if (len)
        memcpy(p + 8, s, len);
    p[8 + len] = '\0';
    st->strs[st->str_count++] = (const char *)p + 8;
    st->slots[at] = (uint32_t)st->str_count;
    *num = (uint32_t)st->str_count;
    return PLEDGE_OK;
}

/* -- encoding: unsigned LEB128 integers, signed ones zigzag-mapped --
 *
 * A record is the length of its strings part and of its body, then the
 * strings part (the number of each string the summary names, in the order
 * it names them), then the body (everything else). Kept apart, the
 * strings part can be renumbered for another store and the body copied
 * as it is (pledge__store_copy). */

typedef struct enc {
    pledge__store *st;
    int rc;
} enc;

static void put_u_to(enc *e, pledge_buf *b, uint64_t v)
{
    unsigned char *p;
    if (b->cap - b->len < 11 && pledge__buf_reserve(b, 10)) {
        e->rc = PLEDGE_ENOMEM;
        return;
    }
    p = (unsigned char *)b->data + b->len;
    while (v >= 0x80) {
        *p++ = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (unsigned char)v;
    b->len = (size_t)(p - (unsigned char *)b->data);
}

static void put_u(enc *e, uint64_t v)
{
    put_u_to(e, &e->st->enc, v);
}

static uint64_t zz(int64_t v)
{
    return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static void put_i(enc *e, int64_t v)
{
    put_u(e, zz(v));
}

static void put_str(enc *e, const char *s, size_t len)
{
    uint32_t num;
    if (store_intern(e->st, s, len, &num))
        e->rc = PLEDGE_ENOMEM;
    put_u_to(e, &e->st->refs, num);
}

static void put_mark(enc *e, pledge_mark m)
{
    put_u(e, m.line);
    put_u(e, m.column);
    put_u(e, m.offset);
}

/* 0: the zero date; 1: then year, month, day, precision one by one;
 * else 2 + (((zigzag(year - 2000) * 13 + month) * 32 + day) * 4 + precision). */
static void put_date(enc *e, pledge_date d)
{
    if (!d.year && !d.month && !d.day && !d.precision) {
        put_u(e, 0);
    } else if (d.year >= 0 && d.year <= 9999 && d.month >= 0 && d.month <= 12 && d.day >= 0 &&
               d.day <= 31 && (unsigned)d.precision <= 3) {
        put_u(e, 2 + (((zz(d.year - 2000) * 13 + (uint64_t)d.month) * 32 + (uint64_t)d.day) * 4 +
                      (uint64_t)d.precision));
    } else {
        put_u(e, 1);
        put_i(e, d.year);
        put_i(e, d.month);
        put_i(e, d.day);
        put_i(e, (int64_t)d.precision);
    }
}

static const double pow10s[] = { 1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7 };

/* m / 10^k, rounded to a double the same way when encoding and decoding. */
static double decimal(int64_t m, unsigned k)
{
    volatile double v = (double)m / pow10s[k];
    return v;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* A tag (bit 0: is_integer, bit 1: an integer follows, bits 2-3: how the
 * value follows: 0 the zero bits, 1 as the integer, 2 as a decimal m/10^k
 * with k in bits 4-6, 3 as its 8 bytes), then the integer, then the value. */
static void put_number(enc *e, const pledge_number *n)
{
    unsigned tag = (n->is_integer ? 1u : 0u) | (n->integer ? 2u : 0u), form = 3, k = 0;
    int64_t m = 0;
    if (same_bits(n->value, 0.0)) {
        form = 0;
    } else if (same_bits(n->value, (double)n->integer)) {
        form = 1;
    } else {
        for (k = 1; k < sizeof pow10s / sizeof pow10s[0]; k++) {
            double x = n->value * pow10s[k];
            if (!(x > -9007199254740992.0 && x < 9007199254740992.0))
                break;
            m = (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
            if (same_bits(decimal(m, k), n->value)) {
                form = 2;
                break;
            }
        }
    }
    put_u(e, tag | form << 2 | (form == 2 ? k << 4 : 0));
    if (n->integer)
        put_i(e, n->integer);
    if (form == 2) {
        put_i(e, m);
    } else if (form == 3) {
        pledge_buf *b = &e->st->enc;
        uint64_t bits;
        int i;
        memcpy(&bits, &n->value, sizeof bits);
        for (i = 0; i < 8; i++) /* little-endian, whatever the host's */
            pledge__buf_putc(b, (char)(unsigned char)(bits >> (8 * i)));
        if (b->failed)
            e->rc = PLEDGE_ENOMEM;
    }
}

/* The size of a "langs" list without its last NUL. */
static size_t langs_len(const char *l)
{
    const char *p = l;
    while (*p)
        p += strlen(p) + 1;
    return (size_t)(p - l);
}

static int store_record(pledge__store *st, const unsigned char **rec);

int pledge__store_put(pledge__store *st, const pledge__sum *s, const unsigned char **rec)
{
    enc e;
    size_t i, j;
    int fu = s->kind != PLEDGE_DOC_PLEDGE;

    *rec = NULL;
    e.st = st;
    e.rc = PLEDGE_OK;
    pledge__buf_clear(&st->enc);
    pledge__buf_clear(&st->refs);
    /* Room for a typical record at once (the buffers stay for the next). */
    if (pledge__buf_reserve(&st->enc, 400) || pledge__buf_reserve(&st->refs, 100))
        return PLEDGE_ENOMEM;
    /* the head (pledge__store_head) */
    put_u(&e, (uint64_t)s->kind);
    put_u(&e, (s->invalid ? 1u : 0u) | (uint64_t)s->unreliable << 1);
    put_str(&e, s->file, s->file ? strlen(s->file) : 0);
    put_u(&e, s->doc_index);
    put_str(&e, s->id, s->id_len);
    put_mark(&e, s->id_mark);
    /* the rest */
    put_str(&e, s->lang, s->lang_len);
    put_date(&e, s->start);
    put_date(&e, s->end);
    put_date(&e, s->date);
    put_u(&e, s->ref_count);
    for (i = 0; i < s->ref_count; i++) {
        put_str(&e, s->refs[i].id, s->refs[i].len);
        if (fu)
            put_mark(&e, s->refs[i].mark);
    }
    if (!fu) {
        put_u(&e, s->activity_count);
        for (i = 0; i < s->activity_count; i++) {
            const pledge__sum_activity *a = &s->activities[i];
            put_str(&e, a->id, a->len);
            /* what follows (4 bits), then the number of responsible parties */
            put_u(&e, (a->has_target ? 1u : 0u) | (a->quantity != -1 ? 2u : 0u) |
                          (a->comparator ? 4u : 0u) | (a->per ? 8u : 0u) |
                          (uint64_t)a->responsible_count << 4);
            for (j = 0; j < a->responsible_count; j++)
                put_u(&e, a->responsible[j]);
            if (a->quantity != -1)
                put_i(&e, a->quantity);
            if (a->comparator)
                put_u(&e, (uint64_t)a->comparator);
            if (a->per)
                put_u(&e, (uint64_t)a->per);
        }
        put_u(&e, s->indicator_count);
        for (i = 0; i < s->indicator_count; i++) {
            const pledge__sum_indicator *ind = &s->indicators[i];
            put_str(&e, ind->id, ind->len);
            /* has_baseline, has_target, then direction (3 bits) and unit;
             * bit 2 when they do not fit and follow one by one */
            if ((unsigned)ind->direction < 8 && (unsigned)ind->unit < (1u << 20)) {
                put_u(&e, (ind->has_baseline ? 1u : 0u) | (ind->has_target ? 2u : 0u) |
                              (uint64_t)ind->direction << 3 | (uint64_t)ind->unit << 6);
            } else {
                put_u(&e, (ind->has_baseline ? 1u : 0u) | (ind->has_target ? 2u : 0u) | 4u);
                put_u(&e, (uint64_t)ind->direction);
                put_u(&e, (uint64_t)ind->unit);
            }
            put_number(&e, &ind->baseline_value);
            put_date(&e, ind->baseline_date);
            put_number(&e, &ind->target_value);
            put_date(&e, ind->target_date);
        }
    } else {
        put_mark(&e, s->start_mark);
        put_u(&e, s->entry_count);
        for (i = 0; i < s->entry_count; i++) {
            const pledge__sum_entry *en = &s->entries[i];
            put_str(&e, en->id, en->len);
            put_u(&e, (uint64_t)en->status);
            put_mark(&e, en->mark);
            put_u(&e, en->index);
            put_i(&e, en->done);
        }
        put_u(&e, s->measurement_count);
        for (i = 0; i < s->measurement_count; i++) {
            const pledge__sum_measurement *m = &s->measurements[i];
            put_str(&e, m->id, m->len);
            put_u(&e, m->has_value ? 1u : 0u);
            put_number(&e, &m->value);
            put_date(&e, m->date);
            put_mark(&e, m->mark);
            put_mark(&e, m->value_mark);
            put_mark(&e, m->entry_mark);
            put_u(&e, m->index);
        }
        put_u(&e, s->text_count);
        for (i = 0; i < s->text_count; i++) {
            const pledge__sum_text *t = &s->texts[i];
            put_mark(&e, t->mark);
            put_str(&e, t->path, t->path ? strlen(t->path) : 0);
            put_str(&e, t->langs, t->langs ? langs_len(t->langs) : 0);
        }
    }
    if (e.rc)
        return e.rc;
    return store_record(st, rec);
}

static size_t u_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

static unsigned char *write_u(unsigned char *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (unsigned char)v;
    return p;
}

/* The record of st->refs and st->enc, in the blocks. */
static int store_record(pledge__store *st, const unsigned char **rec)
{
    size_t rl = st->refs.len, bl = st->enc.len, n = u_size(rl) + u_size(bl) + rl + bl;
    unsigned char *p = store_alloc(st, n);
    if (!p)
        return PLEDGE_ENOMEM;
    *rec = p;
    p = write_u(p, rl);
    p = write_u(p, bl);
    if (rl)
        memcpy(p, st->refs.data, rl);
    if (bl)
        memcpy(p + rl, st->enc.data, bl);
    return PLEDGE_OK;
}

/* -- decoding (records come from pledge__store_put only) -- */

static uint64_t get_u(const unsigned char **pp)
{
    const unsigned char *p = *pp;
    uint64_t v = 0;
    unsigned shift = 0;
    while (*p & 0x80) {
        v |= (uint64_t)(*p++ & 0x7f) << shift;
        shift += 7;
    }
    v |= (uint64_t)*p++ << shift;
    *pp = p;
    return v;
}

int pledge__store_copy(pledge__store *to, const pledge__store *from, const unsigned char *rec,
                       uint32_t *map, const unsigned char **out)
{
    const unsigned char *p = rec, *r, *end;
    size_t rl, bl;
    enc e;
    *out = NULL;
    e.st = to;
    e.rc = PLEDGE_OK;
    pledge__buf_clear(&to->refs);
    pledge__buf_clear(&to->enc);
    rl = (size_t)get_u(&p);
    bl = (size_t)get_u(&p);
    for (r = p, end = p + rl; r < end;) {
        uint64_t num = get_u(&r);
        uint32_t m = 0;
        if (num) {
            m = map[num - 1];
            if (!m) {
                const char *str = from->strs[num - 1];
                if (store_intern(to, str, str_len(str), &m))
                    return PLEDGE_ENOMEM;
                map[num - 1] = m;
            }
        }
        put_u_to(&e, &to->refs, m);
    }
    pledge__buf_append(&to->enc, (const char *)end, bl);
    if (e.rc || to->enc.failed)
        return PLEDGE_ENOMEM;
    return store_record(to, out);
}

static int64_t get_i(const unsigned char **pp)
{
    uint64_t v = get_u(pp);
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* A record being read: its strings part and its body. */
typedef struct dec {
    const pledge__store *st;
    const unsigned char *r; /* the next string number */
    const unsigned char *p; /* the body */
} dec;

static void dec_init(dec *d, const pledge__store *st, const unsigned char *rec)
{
    size_t rl;
    d->st = st;
    rl = (size_t)get_u(&rec);
    get_u(&rec);
    d->r = rec;
    d->p = rec + rl;
}

static const char *get_str(dec *d, size_t *len)
{
    uint64_t num = get_u(&d->r);
    const char *s;
    if (!num) {
        if (len)
            *len = 0;
        return NULL;
    }
    s = d->st->strs[num - 1];
    if (len)
        *len = str_len(s);
    return s;
}

static pledge_mark get_mark(const unsigned char **pp)
{
    pledge_mark m;
    m.line = (size_t)get_u(pp);
    m.column = (size_t)get_u(pp);
    m.offset = (size_t)get_u(pp);
    return m;
}

static pledge_date get_date(const unsigned char **pp)
{
    pledge_date d;
    uint64_t v = get_u(pp);
    memset(&d, 0, sizeof d);
    if (v == 1) {
        d.year = (int)get_i(pp);
        d.month = (int)get_i(pp);
        d.day = (int)get_i(pp);
        d.precision = (pledge_date_precision)get_i(pp);
    } else if (v > 1) {
        uint64_t y;
        v -= 2;
        d.precision = (pledge_date_precision)(v % 4);
        v /= 4;
        d.day = (int)(v % 32);
        v /= 32;
        d.month = (int)(v % 13);
        y = v / 13;
        d.year = (int)(2000 + (int64_t)((y >> 1) ^ -(y & 1)));
    }
    return d;
}

static pledge_number get_number(const unsigned char **pp)
{
    pledge_number n;
    unsigned tag = (unsigned)get_u(pp), form = (tag >> 2) & 3;
    memset(&n, 0, sizeof n);
    n.is_integer = (int)(tag & 1);
    if (tag & 2)
        n.integer = get_i(pp);
    if (form == 1) {
        n.value = (double)n.integer;
    } else if (form == 2) {
        n.value = decimal(get_i(pp), (tag >> 4) & 7);
    } else if (form == 3) {
        uint64_t bits = 0;
        int i;
        for (i = 0; i < 8; i++)
            bits |= (uint64_t)(*pp)[i] << (8 * i);
        *pp += 8;
        memcpy(&n.value, &bits, sizeof bits);
    }
    return n;
}

static void get_head(dec *d, pledge__sum *s, uint32_t *id_num)
{
    uint64_t flags;
    memset(s, 0, sizeof *s);
    s->kind = (pledge_doc_kind)get_u(&d->p);
    flags = get_u(&d->p);
    s->invalid = (int)(flags & 1);
    s->unreliable = (unsigned)(flags >> 1);
    s->file = get_str(d, NULL);
    s->doc_index = (size_t)get_u(&d->p);
    {
        const unsigned char *q = d->r;
        *id_num = (uint32_t)get_u(&q);
    }
    s->id = get_str(d, &s->id_len);
    s->id_mark = get_mark(&d->p);
}

uint32_t pledge__store_head(const pledge__store *st, const unsigned char *rec, pledge__sum *head)
{
    dec d;
    uint32_t num;
    dec_init(&d, st, rec);
    get_head(&d, head, &num);
    return num;
}

/* Count @p n items of @p size from the arena (NULL when none). */
static int take_array(pledge_arena *a, void **out, uint64_t n, size_t size)
{
    *out = NULL;
    if (!n)
        return PLEDGE_OK;
    if (n > SIZE_MAX / size)
        return PLEDGE_ENOMEM;
    *out = zalloc(a, (size_t)n, size);
    return *out ? PLEDGE_OK : PLEDGE_ENOMEM;
}

int pledge__store_get(const pledge__store *st, const unsigned char *rec, pledge_arena *a,
                      pledge__sum **out)
{
    dec d;
    pledge__sum *s;
    uint32_t num;
    size_t i, j;
    int fu;

    *out = NULL;
    s = zalloc(a, 1, sizeof *s);
    if (!s)
        return PLEDGE_ENOMEM;
    dec_init(&d, st, rec);
    get_head(&d, s, &num);
    fu = s->kind != PLEDGE_DOC_PLEDGE;
    s->lang = get_str(&d, &s->lang_len);
    s->start = get_date(&d.p);
    s->end = get_date(&d.p);
    s->date = get_date(&d.p);
    s->ref_count = (size_t)get_u(&d.p);
    if (take_array(a, (void **)&s->refs, s->ref_count, sizeof *s->refs))
        return PLEDGE_ENOMEM;
    for (i = 0; i < s->ref_count; i++) {
        s->refs[i].id = get_str(&d, &s->refs[i].len);
        if (fu)
            s->refs[i].mark = get_mark(&d.p);
    }
    if (!fu) {
        s->activity_count = (size_t)get_u(&d.p);
        if (take_array(a, (void **)&s->activities, s->activity_count, sizeof *s->activities))
            return PLEDGE_ENOMEM;
        for (i = 0; i < s->activity_count; i++) {
            pledge__sum_activity *sa = &s->activities[i];
            size_t *resp;
            unsigned tag;
            uint64_t v;
            sa->id = get_str(&d, &sa->len);
            v = get_u(&d.p);
            tag = (unsigned)(v & 15);
            sa->responsible_count = (size_t)(v >> 4);
            if (take_array(a, (void **)&resp, sa->responsible_count, sizeof *resp))
                return PLEDGE_ENOMEM;
            for (j = 0; j < sa->responsible_count; j++)
                resp[j] = (size_t)get_u(&d.p);
            sa->responsible = resp;
            sa->has_target = (int)(tag & 1);
            sa->quantity = tag & 2 ? get_i(&d.p) : -1;
            sa->comparator = tag & 4 ? (pledge_comparator)get_u(&d.p) : (pledge_comparator)0;
            sa->per = tag & 8 ? (pledge_per)get_u(&d.p) : (pledge_per)0;
        }
        s->indicator_count = (size_t)get_u(&d.p);
        if (take_array(a, (void **)&s->indicators, s->indicator_count, sizeof *s->indicators))
            return PLEDGE_ENOMEM;
        for (i = 0; i < s->indicator_count; i++) {
            pledge__sum_indicator *si = &s->indicators[i];
            unsigned tag;
            uint64_t v;
            si->id = get_str(&d, &si->len);
            v = get_u(&d.p);
            tag = (unsigned)(v & 3);
            if (v & 4) {
                si->direction = (pledge_direction)get_u(&d.p);
                si->unit = (pledge_unit)get_u(&d.p);
            } else {
                si->direction = (pledge_direction)((v >> 3) & 7);
                si->unit = (pledge_unit)(v >> 6);
            }
            si->has_baseline = (int)(tag & 1);
            si->has_target = (int)((tag >> 1) & 1);
            si->baseline_value = get_number(&d.p);
            si->baseline_date = get_date(&d.p);
            si->target_value = get_number(&d.p);
            si->target_date = get_date(&d.p);
        }
        if (slots_init(s, a, s->activity_count + s->indicator_count))
            return PLEDGE_ENOMEM;
        for (i = 0; i < s->activity_count; i++)
            slot_put(s, 0, i, s->activities[i].id, s->activities[i].len);
        for (i = 0; i < s->indicator_count; i++)
            slot_put(s, 1, i, s->indicators[i].id, s->indicators[i].len);
    } else {
        s->start_mark = get_mark(&d.p);
        s->entry_count = (size_t)get_u(&d.p);
        if (take_array(a, (void **)&s->entries, s->entry_count, sizeof *s->entries))
            return PLEDGE_ENOMEM;
        for (i = 0; i < s->entry_count; i++) {
            pledge__sum_entry *se = &s->entries[i];
            se->id = get_str(&d, &se->len);
            se->status = (pledge_status)get_u(&d.p);
            se->mark = get_mark(&d.p);
            se->index = (size_t)get_u(&d.p);
            se->done = get_i(&d.p);
        }
        s->measurement_count = (size_t)get_u(&d.p);
        if (take_array(a, (void **)&s->measurements, s->measurement_count,
                       sizeof *s->measurements))
            return PLEDGE_ENOMEM;
        for (i = 0; i < s->measurement_count; i++) {
            pledge__sum_measurement *sm = &s->measurements[i];
            sm->id = get_str(&d, &sm->len);
            sm->has_value = (int)get_u(&d.p);
            sm->value = get_number(&d.p);
            sm->date = get_date(&d.p);
            sm->mark = get_mark(&d.p);
            sm->value_mark = get_mark(&d.p);
            sm->entry_mark = get_mark(&d.p);
            sm->index = (size_t)get_u(&d.p);
        }
        s->text_count = (size_t)get_u(&d.p);
        if (take_array(a, (void **)&s->texts, s->text_count, sizeof *s->texts))
            return PLEDGE_ENOMEM;
        for (i = 0; i < s->text_count; i++) {
            pledge__sum_text *t = &s->texts[i];
            t->mark = get_mark(&d.p);
            t->path = get_str(&d, NULL);
            t->langs = get_str(&d, NULL);
        }
    }
    *out = s;
    return PLEDGE_OK;
}
