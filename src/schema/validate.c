/* SPDX-License-Identifier: MIT */
/*
 * The evaluator: a walk over the instance tree guided by the compiled
 * schema. Nothing is allocated on the success path: paths, the dynamic
 * scope and the $ref chain are linked lists of frames on the C stack, and
 * the "evaluated" annotations that unevaluatedProperties/Items need are
 * only kept below a schema that uses them (small bitsets inline).
 *
 * Validation runs in two modes. The first pass only decides validity and
 * stops at the first failure. Only when it fails does a second pass
 * collect errors; in it, anyOf/oneOf first test their branches in the fast
 * mode and re-run them collecting errors only when none matches, so that
 * nested anyOf never multiply the error work.
 */
#include "internal.h"
#include "format.h"
#include "number.h"
#include "regex_fast.h"
#include "uri.h"
#include "core/alloc.h"
#include "core/hash.h"
#include "core/stack.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define ANN_INLINE_BITS 256

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define NOINLINE
#define ALWAYS_INLINE inline
#endif

/* Why an evaluation stopped before its end. */
enum { STOP_NONE, STOP_BUDGET, STOP_STACK, STOP_CYCLE };

typedef struct ipath {
    const struct ipath *up;  /* NULL at the root */
    const pledge_node *key;  /* the key, for a property; NULL for an item */
    size_t index;
    unsigned int depth;
} ipath;

typedef struct spath {
    const struct spath *up;
    const char *s;           /* a keyword or a name; NULL for an index */
    size_t len;
    size_t index;
} spath;

typedef struct dscope {
    const struct dscope *up;
    const sch_resource *res;
} dscope;

typedef struct refhop {
    const struct refhop *up;
    const sch_node *target;
} refhop;

/* Which properties (by pair index) or items an evaluation has covered. */
typedef struct ann {
    int all;
    size_t n;
    uint64_t *bits;
    uint64_t inl[ANN_INLINE_BITS / 64];
} ann;

typedef struct vctx {
    const pledge_allocator *a;
    unsigned int flags;
    sch_errors *errs;
    int oom;
    int stopped;             /* STOP_*: every eval() fails at once from then on */
    size_t budget;           /* schema evaluations left */
    uintptr_t stack_lo, stack_hi; /* eval() frames beyond these are more than
                                     the recursion may use (either way the
                                     stack grows): pledge__stack_used() >
                                     allowance in two compares */
} vctx;

/* ------------------------------------------------------------------ */
/* annotations                                                         */
/* ------------------------------------------------------------------ */

static int ann_init(vctx *c, ann *x, const pledge_node *inst)
{
    size_t n = pledge_node_size(inst), words = (n + 63) / 64;
    x->all = 0;
    x->n = n;
    if (n <= ANN_INLINE_BITS) {
        x->bits = x->inl;
        memset(x->inl, 0, sizeof x->inl);
        return 0;
    }
    x->bits = pledge__calloc(c->a, words, sizeof *x->bits);
    if (!x->bits) {
        c->oom = 1;
        x->bits = x->inl;
        x->n = 0;
        return -1;
    }
    return 0;
}

static void ann_free(vctx *c, ann *x)
{
    if (x->bits != x->inl)
        pledge__free(c->a, x->bits);
    x->bits = x->inl;
}

static void ann_set(ann *x, size_t i)
{
    if (i < x->n)
        x->bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static int ann_get(const ann *x, size_t i)
{
    return x->all || (i < x->n && (x->bits[i / 64] >> (i % 64) & 1));
}

static void ann_merge(ann *to, const ann *from)
{
    size_t i, words = (to->n < from->n ? to->n : from->n) + 63;
    to->all |= from->all;
    for (i = 0; i < words / 64; i++)
        to->bits[i] |= from->bits[i];
}

/* ------------------------------------------------------------------ */
/* errors                                                              */
/* ------------------------------------------------------------------ */

void pledge__sch_errors_free(sch_errors *e)
{
    size_t i;
    for (i = 0; i < e->count; i++) {
        pledge__free(e->allocator, e->items[i].message);
        pledge__free(e->allocator, e->items[i].instance_path);
        pledge__free(e->allocator, e->items[i].schema_path);
    }
    pledge__free(e->allocator, e->items);
    e->items = NULL;
    e->count = e->cap = 0;
}

static void put_ipath(pledge_buf *b, const ipath *ip)
{
    if (!ip || !ip->up)
        return;
    put_ipath(b, ip->up);
    pledge__buf_putc(b, '/');
    if (ip->key)
        pledge__json_pointer_escape(b, ip->key->u.s.ptr, ip->key->u.s.len);
    else
        pledge__buf_printf(b, "%zu", ip->index);
}

static void put_spath(pledge_buf *b, const spath *sp)
{
    if (!sp)
        return;
    put_spath(b, sp->up);
    pledge__buf_putc(b, '/');
    if (sp->s)
        pledge__json_pointer_escape(b, sp->s, sp->len);
    else
        pledge__buf_printf(b, "%zu", sp->index);
}

static char *buf_take(vctx *c, pledge_buf *b)
{
    char *s;
    if (b->failed) {
        c->oom = 1;
        pledge__buf_free(b);
        return NULL;
    }
    s = pledge__strndup(c->a, pledge__buf_cstr(b), b->len);
    pledge__buf_free(b);
    if (!s)
        c->oom = 1;
    return s;
}

/* Record an error of keyword @p code at instance @p node (path @p ip),
 * schema path @p sp + "/" + @p kw (when kw is not NULL). */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static void verr(vctx *c, const char *code, const pledge_node *node, const ipath *ip,
                 const spath *sp, const char *kw, const char *fmt, ...)
{
    sch_errors *e = c->errs;
    sch_error *x;
    pledge_buf b;
    va_list ap;
    if (!e || c->oom)
        return;
    if (pledge__grow(c->a, (void **)&e->items, &e->cap, e->count + 1, sizeof *e->items)) {
        c->oom = 1;
        return;
    }
    x = &e->items[e->count];
    memset(x, 0, sizeof *x);
    x->code = code;
    x->node = node;
    x->depth = ip ? ip->depth : 0;
    x->type_at_root = strcmp(code, "type") == 0;
    pledge__buf_init(&b, c->a);
    va_start(ap, fmt);
    pledge__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    x->message = buf_take(c, &b);
    pledge__buf_init(&b, c->a);
    put_ipath(&b, ip);
    x->instance_path = buf_take(c, &b);
    pledge__buf_init(&b, c->a);
    put_spath(&b, sp);
    if (kw) {
        pledge__buf_putc(&b, '/');
        pledge__buf_puts(&b, kw);
    }
    x->schema_path = buf_take(c, &b);
    if (c->oom) {
        pledge__free(c->a, x->message);
        pledge__free(c->a, x->instance_path);
        pledge__free(c->a, x->schema_path);
        return;
    }
    e->count++;
    {
        /* Errors are paid from the evaluation budget by their bytes (an
         * eighth of them): a schema that multiplies errors stops as soon
         * as one that multiplies evaluations, and their memory stays
         * below about 8 bytes per unit of the budget. */
        size_t bytes = sizeof *x + 96 + strlen(x->message) + strlen(x->instance_path) +
                       strlen(x->schema_path), cost = bytes / 8;
        if (cost >= c->budget) {
            c->budget = 0;
            c->stopped = STOP_BUDGET;
        } else {
            c->budget -= cost;
        }
    }
}

/* Like verr, with the message in a buffer the caller built. */
static void verr_buf(vctx *c, const char *code, const pledge_node *node, const ipath *ip,
                     const spath *sp, const char *kw, pledge_buf *msg)
{
    if (msg->failed)
        c->oom = 1;
    else
        verr(c, code, node, ip, sp, kw, "%s", pledge__buf_cstr(msg));
    pledge__buf_free(msg);
}

/* "unexpected property \"x\" (did you mean \"y\"?)" at the key, for
 * additionalProperties and unevaluatedProperties alike. */
static void unexpected_property(vctx *c, const sch_node *s, const pledge_node *key,
                                const ipath *ip, const spath *sp, const char *kw)
{
    pledge_buf b;
    const char *sug;
    size_t sl;
    pledge__buf_init(&b, c->a);
    pledge__buf_puts(&b, "unexpected property ");
    pledge__buf_quote(&b, key->u.s.ptr, key->u.s.len, 60);
    sug = pledge__msg_suggest(s, key->u.s.ptr, key->u.s.len, &sl);
    if (sug) {
        pledge__buf_puts(&b, " (did you mean ");
        pledge__buf_quote(&b, sug, sl, 60);
        pledge__buf_puts(&b, "?)");
    }
    verr_buf(c, kw, key, ip, sp, kw, &b);
}

static void drop_errors(vctx *c, size_t from, size_t to)
{
    sch_errors *e = c->errs;
    size_t i;
    for (i = from; i < to; i++) {
        pledge__free(c->a, e->items[i].message);
        pledge__free(c->a, e->items[i].instance_path);
        pledge__free(c->a, e->items[i].schema_path);
    }
    memmove(e->items + from, e->items + to, (e->count - to) * sizeof *e->items);
    e->count -= to - from;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void note(vctx *c, sch_error *x, const char *fmt, ...)
{
    pledge_buf b;
    va_list ap;
    char *m;
    pledge__buf_init(&b, c->a);
    pledge__buf_puts(&b, x->message);
    va_start(ap, fmt);
    pledge__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    m = buf_take(c, &b);
    if (m) {
        pledge__free(c->a, x->message);
        x->message = m;
    }
}

/* ------------------------------------------------------------------ */
/* helpers                                                             */
/* ------------------------------------------------------------------ */

static unsigned int inst_types(const pledge_node *n)
{
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_NULL: return TY_NULL;
    case PLEDGE_NODE_BOOL: return TY_BOOL;
    case PLEDGE_NODE_INT: return TY_INT | TY_NUM;
    case PLEDGE_NODE_FLOAT: return TY_NUM | (pledge__num_is_integer(n) ? TY_INT : 0);
    case PLEDGE_NODE_STRING: return TY_STR;
    case PLEDGE_NODE_SEQUENCE: return TY_ARR;
    case PLEDGE_NODE_MAPPING: return TY_OBJ;
    }
    return 0;
}

/* The code points of @p s, counted up to @p limit at most. */
static size_t code_points(const char *s, size_t len, size_t limit)
{
    size_t i, n = 0;
    for (i = 0; i < len && n < limit; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* The names of the object keywords of @p s that @p key is, or NULL. */
static const sch_name *find_name(const sch_node *s, const char *key, size_t len)
{
    uint32_t h, i;
    if (!s->name_slots)
        return s->name_table ? pledge__table_get(s->name_table, (uintptr_t)s, key, len) : NULL;
    for (h = pledge__sch_name_hash(key, len) & s->name_mask; (i = s->name_slots[h]) != 0;
         h = (h + 1) & s->name_mask) {
        const sch_name *nm = &s->names[i - 1];
        if (nm->len == len && memcmp(nm->s, key, len) == 0)
            return nm;
    }
    return NULL;
}

/* pledge__regex_search for a schema's pattern, straight to the simple
 * matcher when it has one (most patterns; a first byte often decides). */
static int search_pattern(const sch_pattern *p, const char *s, size_t len)
{
    if (p->fast) {
        if (pledge__regex_fast_rejects(p->fast, s, len))
            return 0;
        return pledge__regex_fast_search(p->fast, s ? s : "", len);
    }
    return pledge__regex_search(p->re, s, len);
}

/* Two hashes as one, through the keyed hash: what the input chooses cannot
 * make combined hashes collide. */
static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t v[2];
    v[0] = a;
    v[1] = b;
    return pledge__hash(v, sizeof v);
}

/* A hash consistent with pledge_node_equal (1 and 1.0 hash alike). Numbers
 * of int64 range map one to one; texts and collections go through the
 * keyed hash, so that chosen items cannot make uniqueItems quadratic. */
static uint64_t node_hash(const pledge_node *n)
{
    uint64_t h = 1469598103934665603ull + n->type;
    size_t i;
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_NULL: return 0x9e3779b97f4a7c15ull;
    case PLEDGE_NODE_BOOL: return n->u.b ? 0x51ed27ull : 0x7f4a7cull;
    case PLEDGE_NODE_INT:
    case PLEDGE_NODE_FLOAT:
        if (n->type == PLEDGE_NODE_INT && !(n->flags & PLEDGE_NODE_BIGINT))
            return (uint64_t)n->u.i.v * 0x9e3779b97f4a7c15ull;
        if (n->type == PLEDGE_NODE_FLOAT && pledge__num_is_integer(n) &&
            n->u.d >= -9223372036854775808.0 && n->u.d < 9223372036854775808.0)
            return (uint64_t)(int64_t)n->u.d * 0x9e3779b97f4a7c15ull;
        if (n->type == PLEDGE_NODE_INT)
            return pledge__hash(n->u.i.text, strlen(n->u.i.text));
        {
            /* an integral double beyond int64 hashes as the big integer
             * it equals */
            char buf[400];
            if (pledge__double_integer_text(n->u.d, buf, sizeof buf))
                return pledge__hash(buf, strlen(buf));
        }
        {
            uint64_t bits;
            double d = n->u.d == 0 ? 0 : n->u.d;
            memcpy(&bits, &d, sizeof bits);
            return bits * 0xff51afd7ed558ccdull;
        }
    case PLEDGE_NODE_STRING:
        return pledge__hash(n->u.s.ptr, n->u.s.len) ^ 0xc4ceb9fe1a85ec53ull;
    case PLEDGE_NODE_SEQUENCE:
        for (i = 0; i < n->u.seq.count; i++)
            h = mix(h, node_hash(n->u.seq.items[i]));
        return h;
    case PLEDGE_NODE_MAPPING: {
        uint64_t sum = 0;
        for (i = 0; i < n->u.map.count; i++) {
            const pledge_node *k = n->u.map.pairs[i].key;
            /* a sum: the order of the pairs does not matter */
            sum += mix(pledge__hash(k->u.s.ptr, k->u.s.len), node_hash(n->u.map.pairs[i].value));
        }
        return h ^ sum;
    }
    }
    return h;
}

typedef struct hidx {
    uint64_t h;
    size_t i;
} hidx;

static int by_hash(const void *a, const void *b)
{
    const hidx *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* The first pair of equal items (*i < *j), or 0 when all are unique. */
static int find_duplicate(vctx *c, const pledge_node *arr, size_t *i_out, size_t *j_out)
{
    size_t n = arr->u.seq.count, i, j;
    if (n <= 24) {
        for (j = 1; j < n; j++)
            for (i = 0; i < j; i++)
                if (pledge_node_equal(arr->u.seq.items[i], arr->u.seq.items[j])) {
                    *i_out = i;
                    *j_out = j;
                    return 1;
                }
        return 0;
    } else {
        hidx *v = pledge__malloc(c->a, n * sizeof *v);
        int found = 0;
        if (!v) {
            c->oom = 1;
            return 0;
        }
        for (i = 0; i < n; i++) {
            v[i].h = node_hash(arr->u.seq.items[i]);
            v[i].i = i;
        }
        qsort(v, n, sizeof *v, by_hash);
        for (i = 0; i < n && !found; i++)
            for (j = i + 1; j < n && v[j].h == v[i].h; j++)
                if (pledge_node_equal(arr->u.seq.items[v[i].i], arr->u.seq.items[v[j].i])) {
                    size_t a = v[i].i, b = v[j].i;
                    *i_out = a < b ? a : b;
                    *j_out = a < b ? b : a;
                    found = 1;
                    break;
                }
        pledge__free(c->a, v);
        return found;
    }
}

static const sch_node *dyn_target(const sch_node *s, const dscope *ds)
{
    const sch_node *found = NULL;
    const dscope *d;
    if (!s->dyn_name)
        return s->dynref;
    /* the outermost resource of the dynamic scope that has the anchor */
    for (d = ds; d; d = d->up) {
        const sch_anchor *a = pledge__table_get(d->res->anchor_table,
                                                pledge__anchor_ns(d->res, 1), s->dyn_name,
                                                s->dyn_len);
        if (a && a->sch)
            found = a->sch;
    }
    return found ? found : s->dynref;
}

/* ------------------------------------------------------------------ */
/* the evaluator                                                       */
/* ------------------------------------------------------------------ */

static int eval(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                const spath *sp, const dscope *ds, const refhop *rh, ann *pa, int collect);

static NOINLINE void value_error(vctx *c, const char *code, const pledge_node *inst, const ipath *ip,
                        const spath *sp, const char *prefix, const char *suffix)
{
    pledge_buf b;
    pledge__buf_init(&b, c->a);
    pledge__buf_puts(&b, prefix);
    pledge__msg_value(&b, inst);
    pledge__buf_puts(&b, suffix);
    verr_buf(c, code, inst, ip, sp, code, &b);
}

static NOINLINE void type_error(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                       const spath *sp)
{
    pledge_buf b;
    const char *reading = pledge_node_yaml11_reading(inst);
    pledge__buf_init(&b, c->a);
    if (inst->type == PLEDGE_NODE_STRING && reading &&
        pledge_node_yaml11(inst) != PLEDGE_YAML11_NONE) {
        const char *use = reading;
        if (strncmp(use, "the integer ", 12) == 0)
            use += 12;
        else if (strncmp(use, "the number ", 11) == 0)
            use += 11;
        pledge__buf_quote(&b, inst->u.s.ptr, inst->u.s.len, 60);
        pledge__buf_printf(&b, " is a string in YAML 1.2; YAML 1.1 read it as %s", reading);
        if (strchr(use, ' '))
            pledge__buf_puts(&b, " — quote it, or write the value the schema expects (");
        else
            pledge__buf_printf(&b, " — quote it or use %s", use);
        if (strchr(use, ' ')) {
            pledge__msg_types(&b, s->types);
            pledge__buf_putc(&b, ')');
        }
    } else {
        pledge__buf_puts(&b, "expected ");
        pledge__msg_types(&b, s->types);
        pledge__buf_puts(&b, ", got ");
        pledge__msg_value(&b, inst);
        if (reading)
            pledge__buf_printf(&b, " (YAML 1.1 read this scalar as %s; quote it if you mean "
                                   "text)", reading);
    }
    verr_buf(c, "type", inst, ip, sp, "type", &b);
}

/* Evaluate each branch collecting errors, then keep the best match's
 * (the branch whose errors go deepest into the instance; then the fewest
 * errors; then the first), or all of them under ALL_BRANCHES. */
static void report_branches(vctx *c, const sch_node *const *br, uint32_t n, const char *kw,
                            const pledge_node *inst, const ipath *ip, const spath *sp,
                            const dscope *ds, const refhop *rh)
{
    size_t start = c->errs->count, small[16] = { 0 }, *ends = small, i, j, best = 0;
    long best_score = -1;
    size_t best_count = 0;
    spath ksp = { sp, kw, strlen(kw), 0 };
    if (n > 16) {
        ends = pledge__malloc(c->a, n * sizeof *ends);
        if (!ends) {
            c->oom = 1;
            return;
        }
    }
    for (i = 0; i < n && !c->oom; i++) {
        spath isp = { &ksp, NULL, 0, i };
        eval(c, br[i], inst, ip, &isp, ds, rh, NULL, 1);
        ends[i] = c->errs->count;
    }
    if (c->oom)
        goto out;
    if (c->flags & PLEDGE_SCHEMA_ALL_BRANCHES) {
        size_t from = start;
        for (i = 0; i < n; i++) {
            for (j = from; j < ends[i]; j++)
                note(c, &c->errs->items[j], " (%s branch %zu of %u)", kw, i, (unsigned)n);
            from = ends[i];
        }
        goto out;
    }
    for (i = 0; i < n; i++) {
        size_t from = i ? ends[i - 1] : start, cnt = ends[i] - from;
        long score = -1;
        for (j = from; j < ends[i]; j++) {
            const sch_error *e = &c->errs->items[j];
            long sc = 2 * (long)e->depth + (e->type_at_root && e->depth == (ip ? ip->depth : 0)
                                                ? 0 : 1);
            if (sc > score)
                score = sc;
        }
        if (cnt && (score > best_score || (score == best_score && cnt < best_count))) {
            best = i;
            best_score = score;
            best_count = cnt;
        }
    }
    {
        size_t bfrom = best ? ends[best - 1] : start, bto = ends[best];
        /* drop what follows the best branch, then what precedes it */
        drop_errors(c, bto, c->errs->count);
        drop_errors(c, start, bfrom);
        if (c->errs->count == start) {
            verr(c, kw, inst, ip, sp, kw, "the value matches none of the %u %s branches",
                 (unsigned)n, kw);
        } else if (n > 1) {
            note(c, &c->errs->items[start], " (%u other %s %s failed too)", (unsigned)(n - 1),
                 kw, plural(n - 1, "branch", "branches"));
        }
    }
out:
    if (ends != small)
        pledge__free(c->a, (void *)ends);
}

#define FAIL()                                                                             \
    do {                                                                                   \
        ok = 0;                                                                            \
        if (!collect || c->oom)                                                            \
            goto done;                                                                     \
    } while (0)

static NOINLINE int eval_object(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                       const spath *sp, const dscope *ds, const refhop *rh, ann *a,
                       int collect)
{
    size_t n = inst->u.map.count, i, k;
    uint64_t found_small[8], *found = found_small;
    int ok = 1;
    size_t words = (s->n_names + 63) / 64;

    if (words > 8) {
        found = pledge__calloc(c->a, words, sizeof *found);
        if (!found) {
            c->oom = 1;
            return 0;
        }
    } else {
        memset(found_small, 0, sizeof found_small);
    }
    if ((s->kw & KW_MIN_PROPS) && n < s->min_props) {
        ok = 0;
        if (collect)
            verr(c, "minProperties", inst, ip, sp, "minProperties",
                 "the object has %zu %s, fewer than the minimum of %zu", n,
                 plural(n, "property", "properties"), s->min_props);
        else
            goto done;
    }
    if ((s->kw & KW_MAX_PROPS) && n > s->max_props) {
        ok = 0;
        if (collect)
            verr(c, "maxProperties", inst, ip, sp, "maxProperties",
                 "the object has %zu %s, more than the maximum of %zu", n,
                 plural(n, "property", "properties"), s->max_props);
        else
            goto done;
    }
    for (i = 0; i < n; i++) {
        const pledge_node *key = inst->u.map.pairs[i].key;
        const pledge_node *val = inst->u.map.pairs[i].value;
        ipath cip = { ip, key, 0, ip->depth + 1 };
        int matched = 0;
        if (s->n_names) {
            const sch_name *nm = find_name(s, key->u.s.ptr, key->u.s.len);
            if (nm) {
                size_t idx = (size_t)(nm - s->names);
                found[idx / 64] |= (uint64_t)1 << (idx % 64);
                if (nm->prop) {
                    spath p1 = { sp, "properties", 10, 0 };
                    spath p2 = { &p1, nm->s, nm->len, 0 };
                    matched = 1;
                    if (a)
                        ann_set(a, i);
                    if (!eval(c, nm->prop, val, &cip, &p2, ds, NULL, NULL, collect))
                        FAIL();
                }
            }
        }
        for (k = 0; k < s->n_pprops; k++) {
            const sch_pattern *pp = &s->pprops[k];
            int r = search_pattern(pp, key->u.s.ptr, key->u.s.len);
            if (r == PLEDGE_ENOMEM) {
                c->oom = 1;
                FAIL();
            } else if (r < 0) {
                if (collect)
                    verr(c, "schema.regex-limit", key, &cip, sp, "patternProperties",
                         "the pattern \"%s\" is too costly to evaluate on this property name "
                         "(PCRE2's match limit was hit)", pp->src->u.s.ptr);
                FAIL();
            } else if (r == 1) {
                spath p1 = { sp, "patternProperties", 17, 0 };
                spath p2 = { &p1, pp->src->u.s.ptr, pp->src->u.s.len, 0 };
                matched = 1;
                if (a)
                    ann_set(a, i);
                if (!eval(c, pp->schema, val, &cip, &p2, ds, NULL, NULL, collect))
                    FAIL();
            }
        }
        if (!matched && s->additional) {
            if (a)
                ann_set(a, i);
            if (s->additional->boolean == 2) {
                if (collect)
                    unexpected_property(c, s, key, &cip, sp, "additionalProperties");
                FAIL();
            } else {
                spath p1 = { sp, "additionalProperties", 20, 0 };
                if (!eval(c, s->additional, val, &cip, &p1, ds, NULL, NULL, collect))
                    FAIL();
            }
        }
        if (s->property_names) {
            spath p1 = { sp, "propertyNames", 13, 0 };
            if (!eval(c, s->property_names, key, &cip, &p1, ds, NULL, NULL, collect))
                FAIL();
        }
    }
    for (k = 0; k < s->n_required; k++) {
        uint32_t idx = s->required[k];
        if (!(found[idx / 64] >> (idx % 64) & 1)) {
            if (collect) {
                pledge_buf b;
                pledge__buf_init(&b, c->a);
                pledge__buf_puts(&b, "missing required property ");
                pledge__buf_quote(&b, s->names[idx].s, s->names[idx].len, 80);
                verr_buf(c, "required", inst, ip, sp, "required", &b);
            }
            FAIL();
        }
    }
    if (s->has_dependent) {
        for (k = 0; k < s->n_names; k++) {
            const sch_name *nm = &s->names[k];
            size_t d;
            if (!(found[k / 64] >> (k % 64) & 1))
                continue;
            for (d = 0; d < nm->n_dep_req; d++) {
                uint32_t idx = nm->dep_req[d];
                if (!(found[idx / 64] >> (idx % 64) & 1)) {
                    if (collect) {
                        pledge_buf b;
                        spath p1 = { sp, "dependentRequired", 17, 0 };
                        pledge__buf_init(&b, c->a);
                        pledge__buf_puts(&b, "missing property ");
                        pledge__buf_quote(&b, s->names[idx].s, s->names[idx].len, 80);
                        pledge__buf_puts(&b, ", which is required when ");
                        pledge__buf_quote(&b, nm->s, nm->len, 80);
                        pledge__buf_puts(&b, " is present");
                        verr_buf(c, "dependentRequired", inst, ip, &p1,
                                 NULL, &b);
                        /* schema path ends at the name */
                        if (c->errs && c->errs->count) {
                            sch_error *x = &c->errs->items[c->errs->count - 1];
                            pledge_buf sb;
                            char *sp2;
                            pledge__buf_init(&sb, c->a);
                            pledge__buf_puts(&sb, x->schema_path);
                            pledge__buf_putc(&sb, '/');
                            pledge__json_pointer_escape(&sb, nm->s, nm->len);
                            sp2 = buf_take(c, &sb);
                            if (sp2) {
                                pledge__free(c->a, x->schema_path);
                                x->schema_path = sp2;
                            }
                        }
                    }
                    FAIL();
                }
            }
            if (nm->dep_schema) {
                spath p1 = { sp, "dependentSchemas", 16, 0 };
                spath p2 = { &p1, nm->s, nm->len, 0 };
                if (!eval(c, nm->dep_schema, inst, ip, &p2, ds, rh, a, collect))
                    FAIL();
            }
        }
    }
done:
    if (found != found_small)
        pledge__free(c->a, found);
    return ok;
}

static NOINLINE int eval_array(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                      const spath *sp, const dscope *ds, ann *a, int collect)
{
    size_t n = inst->u.seq.count, i, np;
    int ok = 1;
    if ((s->kw & KW_MIN_ITEMS) && n < s->min_items) {
        if (collect)
            verr(c, "minItems", inst, ip, sp, "minItems",
                 "the array has %zu %s, fewer than the minimum of %zu", n,
                 plural(n, "item", "items"), s->min_items);
        FAIL();
    }
    if ((s->kw & KW_MAX_ITEMS) && n > s->max_items) {
        if (collect)
            verr(c, "maxItems", inst, ip, sp, "maxItems",
                 "the array has %zu %s, more than the maximum of %zu", n,
                 plural(n, "item", "items"), s->max_items);
        FAIL();
    }
    if (s->kw & KW_UNIQUE) {
        size_t x, y;
        if (find_duplicate(c, inst, &x, &y)) {
            if (collect) {
                ipath cip = { ip, NULL, y, ip->depth + 1 };
                verr(c, "uniqueItems", inst->u.seq.items[y], &cip, sp, "uniqueItems",
                     "items %zu and %zu are equal, but the items must be unique", x, y);
            }
            FAIL();
        }
        if (c->oom)
            FAIL();
    }
    np = s->n_prefix < n ? s->n_prefix : n;
    for (i = 0; i < np; i++) {
        ipath cip = { ip, NULL, i, ip->depth + 1 };
        spath p1 = { sp, "prefixItems", 11, 0 };
        spath p2 = { &p1, NULL, 0, i };
        if (a)
            ann_set(a, i);
        if (!eval(c, s->prefix[i], inst->u.seq.items[i], &cip, &p2, ds, NULL, NULL, collect))
            FAIL();
    }
    if (s->items && n > np) {
        spath p1 = { sp, "items", 5, 0 };
        if (a)
            a->all = 1;
        for (i = np; i < n; i++) {
            ipath cip = { ip, NULL, i, ip->depth + 1 };
            if (s->items->boolean == 2) {
                if (collect) {
                    if (np)
                        verr(c, "items", inst->u.seq.items[i], &cip, sp, "items",
                             "unexpected item %zu: the array allows at most %zu %s", i, np,
                             plural(np, "item", "items"));
                    else
                        verr(c, "items", inst->u.seq.items[i], &cip, sp, "items",
                             "unexpected item %zu: the array must be empty", i);
                }
                FAIL();
            } else if (!eval(c, s->items, inst->u.seq.items[i], &cip, &p1, ds, NULL, NULL,
                             collect)) {
                FAIL();
            }
        }
    }
    if (s->contains) {
        size_t matches = 0;
        int need_all = a || (s->kw & KW_MAX_CONTAINS) || collect;
        spath p1 = { sp, "contains", 8, 0 };
        for (i = 0; i < n; i++) {
            ipath cip = { ip, NULL, i, ip->depth + 1 };
            if (eval(c, s->contains, inst->u.seq.items[i], &cip, &p1, ds, NULL, NULL, 0)) {
                matches++;
                if (a)
                    ann_set(a, i);
                if (!need_all && matches >= s->min_contains)
                    break;
            }
            if (c->oom)
                FAIL();
        }
        if (matches < s->min_contains) {
            if (collect) {
                if (s->kw & KW_MIN_CONTAINS)
                    verr(c, "minContains", inst, ip, sp, "minContains",
                         "%zu %s the \"contains\" schema, fewer than the minimum of %zu",
                         matches, plural(matches, "item matches", "items match"),
                         s->min_contains);
                else
                    verr(c, "contains", inst, ip, sp, "contains",
                         "no item of the array matches the \"contains\" schema");
            }
            FAIL();
        }
        if ((s->kw & KW_MAX_CONTAINS) && matches > s->max_contains) {
            if (collect)
                verr(c, "maxContains", inst, ip, sp, "maxContains",
                     "%zu %s the \"contains\" schema, more than the maximum of %zu", matches,
                     plural(matches, "item matches", "items match"), s->max_contains);
            FAIL();
        }
    }
done:
    return ok;
}

static NOINLINE int eval_string(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                       const spath *sp, int collect)
{
    int ok = 1;
    const char *str = inst->u.s.ptr;
    size_t len = inst->u.s.len;
    if (s->kw & (KW_MIN_LENGTH | KW_MAX_LENGTH)) {
        /* A text has at most as many code points as bytes: maxLength needs
         * them counted only for a text longer in bytes, and minLength only
         * as far as its minimum (a count that stops there is not below
         * it, and one that is below it is complete). */
        size_t cp = (s->kw & KW_MAX_LENGTH) && len > s->max_length
                        ? code_points(str, len, SIZE_MAX)
                        : code_points(str, len, (s->kw & KW_MIN_LENGTH) ? s->min_length : 0);
        if ((s->kw & KW_MIN_LENGTH) && cp < s->min_length) {
            if (collect)
                verr(c, "minLength", inst, ip, sp, "minLength",
                     "the text is %zu %s long, shorter than the minimum of %zu", cp,
                     plural(cp, "character", "characters"), s->min_length);
            FAIL();
        }
        if ((s->kw & KW_MAX_LENGTH) && cp > s->max_length) {
            if (collect)
                verr(c, "maxLength", inst, ip, sp, "maxLength",
                     "the text is %zu %s long, longer than the maximum of %zu", cp,
                     plural(cp, "character", "characters"), s->max_length);
            FAIL();
        }
    }
    if (s->pattern.re) {
        int r = search_pattern(&s->pattern, str, len);
        if (r == PLEDGE_ENOMEM) {
            c->oom = 1;
            FAIL();
        } else if (r < 0) {
            if (collect)
                verr(c, "schema.regex-limit", inst, ip, sp, "pattern",
                     "the pattern \"%s\" is too costly to evaluate on this value "
                     "(PCRE2's match limit was hit)", s->pattern.src->u.s.ptr);
            FAIL();
        } else if (r == 0) {
            if (collect) {
                pledge_buf b;
                pledge__buf_init(&b, c->a);
                pledge__buf_quote(&b, str, len, 60);
                pledge__buf_puts(&b, " does not match the pattern ");
                pledge__buf_quote(&b, s->pattern.src->u.s.ptr, s->pattern.src->u.s.len, 200);
                verr_buf(c, "pattern", inst, ip, sp, "pattern", &b);
            }
            FAIL();
        }
    }
    if (s->kw & KW_FORMAT_ASSERT) {
        if (pledge__format_check(s->format, str, len) == 0) {
            if (collect) {
                pledge_buf b;
                pledge__buf_init(&b, c->a);
                pledge__buf_quote(&b, str, len, 60);
                pledge__buf_printf(&b, " is not a valid %s", s->format);
                verr_buf(c, "format", inst, ip, sp, "format", &b);
            }
            FAIL();
        }
    }
done:
    return ok;
}

static NOINLINE int eval_number(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                       const spath *sp, int collect)
{
    int ok = 1, r;
    if (s->minimum && ((r = pledge__num_cmp(inst, s->minimum)) < 0 || r == 2)) {
        if (collect) {
            pledge_buf b;
            pledge__buf_init(&b, c->a);
            pledge__buf_puts(&b, "value ");
            pledge__num_format(&b, inst);
            pledge__buf_puts(&b, " is below the minimum of ");
            pledge__num_format(&b, s->minimum);
            verr_buf(c, "minimum", inst, ip, sp, "minimum", &b);
        }
        FAIL();
    }
    if (s->maximum && ((r = pledge__num_cmp(inst, s->maximum)) > 0)) {
        if (collect) {
            pledge_buf b;
            pledge__buf_init(&b, c->a);
            pledge__buf_puts(&b, "value ");
            pledge__num_format(&b, inst);
            pledge__buf_puts(&b, " is above the maximum of ");
            pledge__num_format(&b, s->maximum);
            verr_buf(c, "maximum", inst, ip, sp, "maximum", &b);
        }
        FAIL();
    }
    if (s->ex_minimum && ((r = pledge__num_cmp(inst, s->ex_minimum)) <= 0 || r == 2)) {
        if (collect) {
            pledge_buf b;
            pledge__buf_init(&b, c->a);
            pledge__buf_puts(&b, "value ");
            pledge__num_format(&b, inst);
            pledge__buf_puts(&b, " must be above ");
            pledge__num_format(&b, s->ex_minimum);
            verr_buf(c, "exclusiveMinimum", inst, ip, sp, "exclusiveMinimum", &b);
        }
        FAIL();
    }
    if (s->ex_maximum && ((r = pledge__num_cmp(inst, s->ex_maximum)) >= 0)) {
        if (collect) {
            pledge_buf b;
            pledge__buf_init(&b, c->a);
            pledge__buf_puts(&b, "value ");
            pledge__num_format(&b, inst);
            pledge__buf_puts(&b, " must be below ");
            pledge__num_format(&b, s->ex_maximum);
            verr_buf(c, "exclusiveMaximum", inst, ip, sp, "exclusiveMaximum", &b);
        }
        FAIL();
    }
    if (s->multiple_of && !pledge__num_multiple(inst, s->multiple_of)) {
        if (collect) {
            pledge_buf b;
            pledge__buf_init(&b, c->a);
            pledge__buf_puts(&b, "value ");
            pledge__num_format(&b, inst);
            pledge__buf_puts(&b, " is not a multiple of ");
            pledge__num_format(&b, s->multiple_of);
            verr_buf(c, "multipleOf", inst, ip, sp, "multipleOf", &b);
        }
        FAIL();
    }
done:
    return ok;
}


/* The keywords that apply subschemas live in helpers of their own, not
 * inlined: eval() stays a small frame on the recursion path, and a
 * helper's locals are on the stack only while its keyword runs. */

/* 1 when following @p kw to @p t closes a cycle of references on @p rh,
 * which is then reported and stops the evaluation (see follow_ref). */
static int ref_cycle(vctx *c, const sch_node *t, const char *kw, const pledge_node *inst,
                     const ipath *ip, const spath *sp, const refhop *rh)
{
    const refhop *h;
    for (h = rh; h; h = h->up) {
        if (h->target == t) {
            if (c->errs)
                verr(c, kw, inst, ip, sp, kw,
                     "the schema refers back to itself here without looking into the "
                     "value (a %s cycle)", kw);
            c->stopped = STOP_CYCLE;
            return 1;
        }
    }
    return 0;
}

/* Evaluate @p t, the target of @p kw ("$ref" or "$dynamicRef"), as part of
 * the schema at @p sp. 1 valid, 0 invalid, -1 when following it closes a
 * cycle of references that looks no further into the value: a schema
 * error, whatever keyword it lies under (not, if, an anyOf branch): the
 * evaluation stops there, and only that is reported. Small enough to be
 * inlined into eval_keywords: most nodes that reach here are a bare $ref. */
static int follow_ref(vctx *c, const sch_node *t, const char *kw, size_t kwlen,
                      const pledge_node *inst, const ipath *ip, const spath *sp,
                      const dscope *ds, const refhop *rh, ann *a, int collect)
{
    refhop nh;
    spath rsp = { sp, kw, kwlen, 0 };
    if (ref_cycle(c, t, kw, inst, ip, sp, rh))
        return -1;
    nh.up = rh;
    nh.target = t;
    return eval(c, t, inst, ip, &rsp, ds, &nh, a, collect);
}

/* pledge_node_equal, with two strings (most enum members and the values
 * checked against them) compared here: their equality is their bytes. */
static int values_equal(const pledge_node *a, const pledge_node *b)
{
    if (a->type == PLEDGE_NODE_STRING && b->type == PLEDGE_NODE_STRING)
        return a->u.s.len == b->u.s.len && memcmp(a->u.s.ptr, b->u.s.ptr, a->u.s.len) == 0;
    return pledge_node_equal(a, b);
}

static NOINLINE int eval_const_enum(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                           const spath *sp, int collect)
{
    int ok = 1;
    if (s->kw & KW_CONST) {
        if (!values_equal(inst, s->const_val)) {
            if (collect) {
                pledge_buf b;
                pledge__buf_init(&b, c->a);
                pledge__buf_puts(&b, "expected ");
                pledge__msg_literal(&b, s->const_val);
                pledge__buf_puts(&b, ", got ");
                pledge__msg_literal(&b, inst);
                verr_buf(c, "const", inst, ip, sp, "const", &b);
            }
            FAIL();
        }
    }
    if (s->kw & KW_ENUM) {
        const pledge_node *e = s->enum_node;
        size_t i, n = e->type == PLEDGE_NODE_SEQUENCE ? e->u.seq.count : 0;
        for (i = 0; i < n; i++)
            if (values_equal(inst, e->u.seq.items[i]))
                break;
        if (i == n) {
            if (collect) {
                pledge_buf b;
                pledge__buf_init(&b, c->a);
                pledge__msg_literal(&b, inst);
                pledge__buf_puts(&b, n == 1 ? " is not the allowed value "
                                            : " is not one of the allowed values: ");
                for (i = 0; i < n && i < 12; i++) {
                    if (i)
                        pledge__buf_puts(&b, ", ");
                    pledge__msg_literal(&b, e->u.seq.items[i]);
                }
                if (n > 12)
                    pledge__buf_printf(&b, " and %zu more", n - 12);
                verr_buf(c, "enum", inst, ip, sp, "enum", &b);
            }
            FAIL();
        }
    }
done:
    return ok;
}

static NOINLINE int eval_any_of(vctx *c, const sch_node *s, const pledge_node *inst,
                         const ipath *ip, const spath *sp, const dscope *ds,
                         const refhop *rh, ann *a, int collect)
{
    int ok = 1;
    {
        uint32_t i;
        int any = 0;
        spath p1 = { sp, "anyOf", 5, 0 };
        for (i = 0; i < s->n_any_of; i++) {
            spath p2 = { &p1, NULL, 0, i };
            ann t;
            int r;
            if (a)
                ann_init(c, &t, inst);
            r = eval(c, s->any_of[i], inst, ip, &p2, ds, rh, a ? &t : NULL, 0);
            if (a) {
                if (r)
                    ann_merge(a, &t);
                ann_free(c, &t);
            }
            if (r) {
                any = 1;
                if (!a)
                    break;
            }
        }
        if (c->oom)
            FAIL();
        if (!any) {
            if (collect)
                report_branches(c, s->any_of, s->n_any_of, "anyOf", inst, ip, sp, ds, rh);
            FAIL();
        }
    }
done:
    return ok;
}

static NOINLINE int eval_one_of(vctx *c, const sch_node *s, const pledge_node *inst,
                         const ipath *ip, const spath *sp, const dscope *ds,
                         const refhop *rh, ann *a, int collect)
{
    int ok = 1;
    {
        uint32_t i, count = 0;
        ann win;
        spath p1 = { sp, "oneOf", 5, 0 };
        pledge_buf which;
        pledge__buf_init(&which, c->a);
        if (a)
            ann_init(c, &win, inst);
        for (i = 0; i < s->n_one_of; i++) {
            spath p2 = { &p1, NULL, 0, i };
            ann t;
            int r;
            if (a)
                ann_init(c, &t, inst);
            r = eval(c, s->one_of[i], inst, ip, &p2, ds, rh, a ? &t : NULL, 0);
            if (r) {
                if (count == 0 && a)
                    ann_merge(&win, &t);
                count++;
                if (collect)
                    pledge__buf_printf(&which, "%s%u", count > 1 ? ", " : "", (unsigned)i);
            }
            if (a)
                ann_free(c, &t);
            if (count > 1 && !collect && !a)
                break;
        }
        if (count == 1 && a)
            ann_merge(a, &win);
        if (a)
            ann_free(c, &win);
        if (c->oom) {
            pledge__buf_free(&which);
            FAIL();
        }
        if (count == 0) {
            pledge__buf_free(&which);
            if (collect)
                report_branches(c, s->one_of, s->n_one_of, "oneOf", inst, ip, sp, ds, rh);
            FAIL();
        } else if (count > 1) {
            if (collect) {
                if (which.failed)
                    c->oom = 1;
                else
                    verr(c, "oneOf", inst, ip, sp, "oneOf",
                         "the value matches %u of the oneOf branches (%s), but must match "
                         "exactly one", (unsigned)count, pledge__buf_cstr(&which));
            }
            pledge__buf_free(&which);
            FAIL();
        }
        pledge__buf_free(&which);
    }
done:
    return ok;
}

static NOINLINE int eval_not_if(vctx *c, const sch_node *s, const pledge_node *inst,
                         const ipath *ip, const spath *sp, const dscope *ds,
                         const refhop *rh, ann *a, int collect)
{
    int ok = 1;
    if (s->kw & KW_NOT) {
        spath p1 = { sp, "not", 3, 0 };
        if (eval(c, s->not_, inst, ip, &p1, ds, rh, NULL, 0)) {
            if (collect)
                value_error(c, "not", inst, ip, sp, "",
                            " matches the schema under \"not\", which it must not");
            FAIL();
        }
        if (c->oom)
            FAIL();
    }
    if (s->kw & KW_IF) {
        ann t;
        int r;
        spath p1 = { sp, "if", 2, 0 };
        if (a)
            ann_init(c, &t, inst);
        r = eval(c, s->if_, inst, ip, &p1, ds, rh, a ? &t : NULL, 0);
        if (a) {
            if (r)
                ann_merge(a, &t);
            ann_free(c, &t);
        }
        if (c->oom)
            FAIL();
        if (r && s->then_) {
            spath p2 = { sp, "then", 4, 0 };
            if (!eval(c, s->then_, inst, ip, &p2, ds, rh, a, collect))
                FAIL();
        } else if (!r && s->else_) {
            spath p2 = { sp, "else", 4, 0 };
            if (!eval(c, s->else_, inst, ip, &p2, ds, rh, a, collect))
                FAIL();
        }
    }
done:
    return ok;
}

static NOINLINE int eval_unevaluated(vctx *c, const sch_node *s, const pledge_node *inst,
                         const ipath *ip, const spath *sp, const dscope *ds,
                         const refhop *rh, ann *a, int collect)
{
    int ok = 1;
    (void)rh; /* the children start new $ref chains */
    /* unevaluated* last: they see what every other keyword evaluated */
    if ((s->kw & KW_UNEVAL_ITEMS) && inst->type == PLEDGE_NODE_SEQUENCE && !a->all) {
        size_t i;
        spath p1 = { sp, "unevaluatedItems", 16, 0 };
        for (i = 0; i < inst->u.seq.count; i++) {
            ipath cip = { ip, NULL, i, ip->depth + 1 };
            if (ann_get(a, i))
                continue;
            if (s->uneval_items->boolean == 2) {
                if (collect)
                    verr(c, "unevaluatedItems", inst->u.seq.items[i], &cip, sp,
                         "unevaluatedItems",
                         "unexpected item %zu: no schema here allows it", i);
                FAIL();
            } else if (!eval(c, s->uneval_items, inst->u.seq.items[i], &cip, &p1, ds, NULL,
                             NULL, collect)) {
                FAIL();
            }
        }
        a->all = 1;
    }
    if ((s->kw & KW_UNEVAL_PROPS) && inst->type == PLEDGE_NODE_MAPPING && !a->all) {
        size_t i;
        spath p1 = { sp, "unevaluatedProperties", 21, 0 };
        for (i = 0; i < inst->u.map.count; i++) {
            const pledge_node *key = inst->u.map.pairs[i].key;
            ipath cip = { ip, key, 0, ip->depth + 1 };
            if (ann_get(a, i))
                continue;
            if (s->uneval_props->boolean == 2) {
                if (collect)
                    unexpected_property(c, s, key, &cip, sp, "unevaluatedProperties");
                FAIL();
            } else if (!eval(c, s->uneval_props, inst->u.map.pairs[i].value, &cip, &p1, ds,
                             NULL, NULL, collect)) {
                FAIL();
            }
        }
        a->all = 1;
    }
done:
    return ok;
}

/* The keywords of object schema @p s, annotations going to @p a. Inlined
 * into eval(): one frame per schema level on the recursion path, not two,
 * and no second call with nine arguments for every subschema. */
static ALWAYS_INLINE int eval_keywords(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                         const spath *sp, const dscope *ds, const refhop *rh, ann *a,
                         int collect)
{
    int ok = 1;
    uint32_t kw = s->kw;

    if (kw == KW_REF) /* a bare $ref: a third of the nodes evaluated */
        return follow_ref(c, s->ref, "$ref", 4, inst, ip, sp, ds, rh, a, collect) > 0;
    if (kw & KW_REF) {
        int r = follow_ref(c, s->ref, "$ref", 4, inst, ip, sp, ds, rh, a, collect);
        if (r <= 0) {
            ok = 0;
            if (r < 0)
                goto refs_done;
        }
        if (!ok && (!collect || c->oom))
            goto done;
    }
    if ((kw & KW_DYNREF) &&
        follow_ref(c, dyn_target(s, ds), "$dynamicRef", 11, inst, ip, sp, ds, rh, a, collect) <= 0)
        ok = 0;
refs_done:
    if (!ok && (!collect || c->oom))
        goto done;
    if ((kw & KW_TYPE) && !(s->types & inst_types(inst))) {
        if (collect)
            type_error(c, s, inst, ip, sp);
        FAIL();
    }
    if ((kw & (KW_CONST | KW_ENUM)) && !eval_const_enum(c, s, inst, ip, sp, collect))
        FAIL();
    switch ((pledge_node_type)inst->type) {
    case PLEDGE_NODE_INT:
    case PLEDGE_NODE_FLOAT:
        if ((kw & KW_NUMBER) && !eval_number(c, s, inst, ip, sp, collect))
            FAIL();
        break;
    case PLEDGE_NODE_STRING:
        if ((kw & KW_STRING) && !eval_string(c, s, inst, ip, sp, collect))
            FAIL();
        break;
    case PLEDGE_NODE_SEQUENCE:
        if ((kw & KW_ARRAY) && !eval_array(c, s, inst, ip, sp, ds, a, collect))
            FAIL();
        break;
    case PLEDGE_NODE_MAPPING:
        if ((kw & KW_OBJECT) && !eval_object(c, s, inst, ip, sp, ds, rh, a, collect))
            FAIL();
        break;
    default:
        break;
    }
    if (!(kw & (KW_ALLOF | KW_ANYOF | KW_ONEOF | KW_NOT | KW_IF | KW_UNEVAL_ITEMS |
                KW_UNEVAL_PROPS)))
        goto done; /* no applicator over the same value: most nodes */
    if (kw & KW_ALLOF) {
        uint32_t i;
        spath p1 = { sp, "allOf", 5, 0 };
        for (i = 0; i < s->n_all_of; i++) {
            spath p2 = { &p1, NULL, 0, i };
            if (!eval(c, s->all_of[i], inst, ip, &p2, ds, rh, a, collect))
                FAIL();
        }
    }
    if ((kw & KW_ANYOF) && !eval_any_of(c, s, inst, ip, sp, ds, rh, a, collect))
        FAIL();
    if ((kw & KW_ONEOF) && !eval_one_of(c, s, inst, ip, sp, ds, rh, a, collect))
        FAIL();
    if ((kw & (KW_NOT | KW_IF)) && !eval_not_if(c, s, inst, ip, sp, ds, rh, a, collect))
        FAIL();
    if ((kw & (KW_UNEVAL_ITEMS | KW_UNEVAL_PROPS)) &&
        !eval_unevaluated(c, s, inst, ip, sp, ds, rh, a, collect))
        FAIL();
done:
    return ok;
}

/* eval_keywords with annotations of its own, for unevaluated*. */
static NOINLINE int eval_local(vctx *c, const sch_node *s, const pledge_node *inst,
                               const ipath *ip, const spath *sp, const dscope *ds,
                               const refhop *rh, ann *pa, int collect)
{
    ann local;
    int ok;
    ann_init(c, &local, inst);
    ok = !c->oom && eval_keywords(c, s, inst, ip, sp, ds, rh, &local, collect);
    if (ok && pa)
        ann_merge(pa, &local);
    ann_free(c, &local);
    return ok;
}

static int eval(vctx *c, const sch_node *s, const pledge_node *inst, const ipath *ip,
                const spath *sp, const dscope *ds, const refhop *rh, ann *pa, int collect)
{
    dscope nds;
    refhop hop;     /* a bare $ref followed within this frame */
    spath hop_sp;
    int ok, hopped = 0;

again:
    if (s->boolean) {
        if (s->boolean == 1)
            return 1;
        if (collect) {
            if (ip->key && ip->up)
                verr(c, "false", inst, ip, sp, NULL, "the property \"%s\" is not allowed here",
                     ip->key->u.s.ptr);
            else
                verr(c, "false", inst, ip, sp, NULL,
                     "no value is allowed here (the schema is false)");
        }
        return 0;
    }
    if (c->oom || c->stopped)
        return 0;
    if (!c->budget) {
        c->stopped = STOP_BUDGET;
        return 0;
    }
    c->budget--;
    if (pledge__stack_here() < c->stack_lo || pledge__stack_here() > c->stack_hi) {
        c->stopped = STOP_STACK;
        return 0;
    }
    if (!ds || ds->res != s->res) {
        nds.up = ds;
        nds.res = s->res;
        ds = &nds;
    }
    if (s->kw == KW_REF && !hopped && s->ref->res == s->res) {
        /* A bare $ref within its resource (a property's {$ref: ...}): its
         * target is evaluated in this frame, as a call would, but without
         * the call; the hop and its schema path live here meanwhile. */
        if (ref_cycle(c, s->ref, "$ref", inst, ip, sp, rh))
            return 0;
        hop_sp.up = sp;
        hop_sp.s = "$ref";
        hop_sp.len = 4;
        hop_sp.index = 0;
        hop.up = rh;
        hop.target = s->ref;
        sp = &hop_sp;
        rh = &hop;
        s = s->ref;
        hopped = 1;
        goto again;
    }
    if (((s->kw & KW_UNEVAL_PROPS) && inst->type == PLEDGE_NODE_MAPPING) ||
        ((s->kw & KW_UNEVAL_ITEMS) && inst->type == PLEDGE_NODE_SEQUENCE))
        ok = eval_local(c, s, inst, ip, sp, ds, rh, pa, collect);
    else
        ok = eval_keywords(c, s, inst, ip, sp, ds, rh, pa, collect);
    /* once stopped, never a pass (that "not" would turn into a failure) */
    return ok && !c->stopped;
}

static void vctx_init(vctx *c, const pledge_allocator *a, unsigned int flags,
                      sch_errors *errs, size_t budget)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->flags = flags;
    c->errs = errs;
    c->budget = budget ? budget : PLEDGE_SCHEMA_DEFAULT_MAX_EVALUATIONS;
    {
        uintptr_t base = pledge__stack_here();
        size_t max = pledge__stack_allowance();
        c->stack_lo = base > max ? base - max : 0;
        c->stack_hi = base <= UINTPTR_MAX - max ? base + max : UINTPTR_MAX;
    }
}

int pledge__sch_eval(const sch_node *root, const pledge_node *inst, unsigned int flags,
                     sch_errors *errs)
{
    vctx c;
    ipath ip = { NULL, NULL, 0, 0 };
    int r;
    vctx_init(&c, errs ? errs->allocator : NULL, flags, errs, 0);
    if (!root)
        return 1;
    r = eval(&c, root, inst, &ip, NULL, NULL, NULL, NULL, errs != NULL);
    if (c.oom) {
        if (errs)
            errs->nomem = 1;
        return PLEDGE_ENOMEM;
    }
    if ((c.stopped == STOP_BUDGET || c.stopped == STOP_STACK) && errs) {
        /* compiling: the metaschema check of a document nested beyond
         * what the stack allows */
        size_t n = errs->count;
        drop_errors(&c, 0, n);
        verr(&c, "schema.limit", inst, &ip, NULL, NULL, "%s",
             c.stopped == STOP_BUDGET
                 ? "checking the schema against its metaschema took more than the "
                   "evaluation budget"
                 : "the schema is nested too deeply to be checked against its metaschema");
        return c.oom ? PLEDGE_ENOMEM : 0;
    }
    return r;
}

/* 1 valid, 0 invalid, PLEDGE_ENOMEM; *stopped gets STOP_*. */
static int eval_with(const pledge_schema *schema, const pledge_node *inst, unsigned int flags,
                     sch_errors *errs, int *stopped)
{
    vctx c;
    ipath ip = { NULL, NULL, 0, 0 };
    int r;
    vctx_init(&c, schema->allocator, flags, errs, schema->max_evaluations);
    r = eval(&c, schema->root, inst, &ip, NULL, NULL, NULL, NULL, errs != NULL);
    *stopped = c.stopped;
    return c.oom ? PLEDGE_ENOMEM : c.stopped ? 0 : r;
}

/* The one diagnostic of an evaluation that was stopped. */
static int stopped_diag(const pledge_schema *schema, const pledge_node *instance,
                        const char *file, size_t document, int stopped,
                        pledge_diag_list *diags)
{
    pledge_diag_where w;
    int r;
    if (!diags)
        return PLEDGE_EINVALID;
    memset(&w, 0, sizeof w);
    w.file = file;
    w.document = document;
    w.mark = pledge_node_mark(instance);
    if (stopped == STOP_BUDGET)
        r = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "schema.limit", &w,
                              "validation was stopped at its evaluation budget of %zu "
                              "(subschemas applied, errors counted by size): the schema makes "
                              "this document too costly to check",
                              schema->max_evaluations ? schema->max_evaluations
                                                      : (size_t)
                                                          PLEDGE_SCHEMA_DEFAULT_MAX_EVALUATIONS);
    else
        r = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "schema.limit", &w,
                              "validation was stopped: the schema recurses deeper than the "
                              "%zu KiB of stack an evaluation may use",
                              pledge__stack_allowance() / 1024);
    return r ? r : PLEDGE_EINVALID;
}

int pledge_schema_validate(const pledge_schema *schema, const pledge_node *instance,
                           const char *file, size_t document, unsigned int flags,
                           pledge_diag_list *diags)
{
    sch_errors errs;
    size_t i;
    int r, stopped = 0;
    if (!schema || !instance)
        return PLEDGE_EARG;
    if (!schema->root)
        return 0;
    flags |= schema->flags & PLEDGE_SCHEMA_ALL_BRANCHES;
    r = eval_with(schema, instance, flags, NULL, &stopped);
    if (stopped == STOP_BUDGET || stopped == STOP_STACK)
        return stopped_diag(schema, instance, file, document, stopped, diags);
    if (r == 1 && !stopped)
        return 0;
    if (r < 0)
        return r;
    if (!diags)
        return PLEDGE_EINVALID;
    memset(&errs, 0, sizeof errs);
    errs.allocator = schema->allocator;
    r = eval_with(schema, instance, flags, &errs, &stopped);
    if (r < 0 || stopped == STOP_BUDGET || stopped == STOP_STACK) {
        pledge__sch_errors_free(&errs);
        return r < 0 ? r : stopped_diag(schema, instance, file, document, stopped, diags);
    }
    if (stopped == STOP_CYCLE && errs.count > 1) {
        /* the cycle is the last error; what precedes it is partial */
        vctx c;
        vctx_init(&c, schema->allocator, flags, &errs, 0);
        drop_errors(&c, 0, errs.count - 1);
    }
    if (r == 1 || errs.count == 0) {
        /* cannot happen: both passes are the same evaluation */
        pledge_diag_where w;
        memset(&w, 0, sizeof w);
        w.file = file;
        w.document = document;
        w.mark = pledge_node_mark(instance);
        r = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "schema", &w,
                              "the document does not match the schema");
        pledge__sch_errors_free(&errs);
        return r ? r : PLEDGE_EINVALID;
    }
    for (i = 0; i < errs.count; i++) {
        const sch_error *e = &errs.items[i];
        pledge_diag_where w;
        memset(&w, 0, sizeof w);
        w.file = file;
        w.document = document;
        w.mark = pledge_node_mark(e->node);
        w.instance_path = e->instance_path;
        w.schema_path = e->schema_path;
        if (pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, e->code, &w, "%s", e->message)) {
            pledge__sch_errors_free(&errs);
            return PLEDGE_ENOMEM;
        }
    }
    pledge__sch_errors_free(&errs);
    return PLEDGE_EINVALID;
}

int pledge_schema_validate_file(const pledge_schema *schema, const char *path,
                                const pledge_load_options *load, unsigned int flags,
                                pledge_diag_list *diags)
{
    pledge_reader *rd = NULL;
    int rc, invalid = 0;
    if (!schema || !path)
        return PLEDGE_EARG;
    rc = pledge_reader_open_file(&rd, path, load, diags);
    if (rc)
        return rc;
    for (;;) {
        pledge_tree *tree = NULL;
        const pledge_node *root;
        rc = pledge_reader_next(rd, &tree, diags);
        if (rc) {
            pledge_reader_free(rd);
            return rc;
        }
        if (!tree)
            break;
        root = pledge_tree_root(tree);
        if (!root || pledge_tree_error_count(tree))
            invalid = 1;
        if (root) {
            rc = pledge_schema_validate(schema, root, path, pledge_tree_index(tree), flags,
                                        diags);
            if (rc == PLEDGE_EINVALID) {
                invalid = 1;
            } else if (rc) {
                pledge_tree_free(tree);
                pledge_reader_free(rd);
                return rc;
            }
        }
        pledge_tree_free(tree);
    }
    if (!pledge_reader_complete(rd))
        invalid = 1;
    pledge_reader_free(rd);
    return invalid ? PLEDGE_EINVALID : 0;
}
