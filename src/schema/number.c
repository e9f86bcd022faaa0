/* SPDX-License-Identifier: MIT */
#include "number.h"
#include "node/tree.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decimals are handled as digits * 10^exp with the digits held as text:
 * doubles by the shortest text that reads back equal (what the author of
 * "0.01" wrote), integers by their canonical text. Exact and allocation
 * free; only the huge cases fall back to floating point. */
#define DEC_MAX_DIGITS 1100

typedef struct dec {
    int neg;
    char digits[DEC_MAX_DIGITS]; /* no leading or trailing zeros; "" is 0 */
    size_t nd;
    long exp;
} dec;

/* Shortest "%.*e" text of @p d that reads back equal. */
static void shortest(char *buf, size_t size, double d)
{
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, "%.*e", prec - 1, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

static void dec_trim(dec *x)
{
    size_t lead = 0;
    while (lead < x->nd && x->digits[lead] == '0')
        lead++;
    if (lead) {
        memmove(x->digits, x->digits + lead, x->nd - lead);
        x->nd -= lead;
    }
    while (x->nd && x->digits[x->nd - 1] == '0') {
        x->nd--;
        x->exp++;
    }
    if (!x->nd) {
        x->neg = 0;
        x->exp = 0;
    }
}

/* 0, or -1 when the number cannot be held (too many digits, not finite). */
static int dec_from(dec *x, const pledge_node *n)
{
    memset(x, 0, sizeof *x);
    if (n->type == PLEDGE_NODE_INT) {
        const char *t = n->u.i.text;
        size_t len = strlen(t);
        if (*t == '-') {
            x->neg = 1;
            t++;
            len--;
        }
        if (len >= DEC_MAX_DIGITS)
            return -1;
        memcpy(x->digits, t, len);
        x->nd = len;
    } else {
        char buf[64], *p, *e;
        double d = n->u.d;
        if (!isfinite(d))
            return -1;
        shortest(buf, sizeof buf, d);
        p = buf;
        if (*p == '-') {
            x->neg = 1;
            p++;
        }
        e = strchr(p, 'e');
        if (!e)
            return -1;
        for (; p < e; p++)
            if (*p != '.')
                x->digits[x->nd++] = *p;
        /* value = d.ddd * 10^E = ddddd * 10^(E - (nd - 1)) */
        x->exp = strtol(e + 1, NULL, 10) - (long)(x->nd - 1);
    }
    dec_trim(x);
    return 0;
}

static int dec_cmp_mag(const dec *a, const dec *b)
{
    long ma, mb;
    size_t i, n;
    if (!a->nd || !b->nd)
        return (a->nd != 0) - (b->nd != 0);
    ma = (long)a->nd + a->exp;
    mb = (long)b->nd + b->exp;
    if (ma != mb)
        return ma < mb ? -1 : 1;
    n = a->nd > b->nd ? a->nd : b->nd;
    for (i = 0; i < n; i++) {
        char ca = i < a->nd ? a->digits[i] : '0';
        char cb = i < b->nd ? b->digits[i] : '0';
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return 0;
}

static int dec_cmp(const dec *a, const dec *b)
{
    int an = a->nd && a->neg, bn = b->nd && b->neg, m;
    if (an != bn)
        return an ? -1 : 1;
    m = dec_cmp_mag(a, b);
    return an ? -m : m;
}

/* int64 against a double, exactly. */
static int cmp_i64_double(int64_t i, double d)
{
    double fl;
    int64_t di;
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    fl = floor(d);
    di = (int64_t)fl;
    if (i != di)
        return i < di ? -1 : 1;
    return d > fl ? -1 : 0;
}

int pledge__num_cmp(const pledge_node *a, const pledge_node *b)
{
    int abig = a->type == PLEDGE_NODE_INT && (a->flags & PLEDGE_NODE_BIGINT);
    int bbig = b->type == PLEDGE_NODE_INT && (b->flags & PLEDGE_NODE_BIGINT);
    if ((a->type == PLEDGE_NODE_FLOAT && isnan(a->u.d)) ||
        (b->type == PLEDGE_NODE_FLOAT && isnan(b->u.d)))
        return 2;
    if (!abig && !bbig) {
        if (a->type == PLEDGE_NODE_INT && b->type == PLEDGE_NODE_INT)
            return a->u.i.v < b->u.i.v ? -1 : a->u.i.v > b->u.i.v;
        if (a->type == PLEDGE_NODE_FLOAT && b->type == PLEDGE_NODE_FLOAT)
            return a->u.d < b->u.d ? -1 : a->u.d > b->u.d;
        if (a->type == PLEDGE_NODE_INT)
            return cmp_i64_double(a->u.i.v, b->u.d);
        return -cmp_i64_double(b->u.i.v, a->u.d);
    }
    /* A big integer: infinities are beyond it, everything else is compared
     * as decimals. */
    if (a->type == PLEDGE_NODE_FLOAT && isinf(a->u.d))
        return a->u.d > 0 ? 1 : -1;
    if (b->type == PLEDGE_NODE_FLOAT && isinf(b->u.d))
        return b->u.d > 0 ? -1 : 1;
    {
        dec x, y;
        if (dec_from(&x, a) || dec_from(&y, b)) {
            double da = pledge_node_number(a), db = pledge_node_number(b);
            return da < db ? -1 : da > db;
        }
        return dec_cmp(&x, &y);
    }
}

int pledge__num_is_integer(const pledge_node *n)
{
    if (n->type == PLEDGE_NODE_INT)
        return 1;
    return n->type == PLEDGE_NODE_FLOAT && isfinite(n->u.d) && floor(n->u.d) == n->u.d;
}

int pledge__num_positive(const pledge_node *n)
{
    if (n->type == PLEDGE_NODE_INT)
        return n->u.i.text[0] != '-' && strcmp(n->u.i.text, "0") != 0;
    return n->type == PLEDGE_NODE_FLOAT && n->u.d > 0;
}

/* (V mod M) == 0 where V = vd * 10^vz (vz trailing zeros) and M = md, all
 * decimal digit strings without leading zeros. */
static int divisible(const char *vd, size_t vn, long vz, const char *md, size_t mn)
{
    size_t i;
    long z;
    if (mn <= 18) {
        uint64_t m = 0, r = 0;
        for (i = 0; i < mn; i++)
            m = m * 10 + (uint64_t)(md[i] - '0');
        for (i = 0; i < vn; i++)
            r = (r * 10 + (uint64_t)(vd[i] - '0')) % m;
        for (z = 0; z < vz && r; z++)
            r = (r * 10) % m;
        return r == 0;
    } else {
        /* Schoolbook: the remainder r (most significant digit first) stays
         * below M, so it never needs more than mn + 1 digits. */
        unsigned char r[DEC_MAX_DIGITS + 2];
        size_t rn = 0;
        long total = (long)vn + vz, k;
        for (k = 0; k < total; k++) {
            unsigned char d = (unsigned char)(k < (long)vn ? vd[k] - '0' : 0);
            if (rn == 0 && d == 0)
                continue;
            r[rn++] = d;
            for (;;) {
                /* compare r with M */
                int c = 0;
                if (rn != mn) {
                    c = rn < mn ? -1 : 1;
                } else {
                    for (i = 0; i < rn && !c; i++)
                        if (r[i] != (unsigned char)(md[i] - '0'))
                            c = r[i] < (unsigned char)(md[i] - '0') ? -1 : 1;
                }
                if (c < 0)
                    break;
                {
                    /* r -= M, aligned at the right */
                    int borrow = 0;
                    size_t lead = 0;
                    for (i = 0; i < rn; i++) {
                        size_t ri = rn - 1 - i;
                        int sub = (i < mn ? md[mn - 1 - i] - '0' : 0) + borrow;
                        int v = (int)r[ri] - sub;
                        borrow = v < 0;
                        r[ri] = (unsigned char)(v < 0 ? v + 10 : v);
                    }
                    while (lead < rn && r[lead] == 0)
                        lead++;
                    memmove(r, r + lead, rn - lead);
                    rn -= lead;
                }
            }
        }
        return rn == 0;
    }
}

int pledge__num_multiple(const pledge_node *v, const pledge_node *m)
{
    dec x, y;
    long e;
    if (v->type == PLEDGE_NODE_INT && m->type == PLEDGE_NODE_INT &&
        !((v->flags | m->flags) & PLEDGE_NODE_BIGINT)) {
        if (m->u.i.v == 0)
            return 0;
        if (m->u.i.v == -1)
            return 1;
        return v->u.i.v % m->u.i.v == 0;
    }
    if (v->type == PLEDGE_NODE_FLOAT && !isfinite(v->u.d))
        return 0;
    if (dec_from(&x, v) || dec_from(&y, m) || y.nd == 0) {
        /* beyond the exact range: the nearest floating-point answer */
        long double a = (long double)pledge_node_number(v);
        long double b = (long double)pledge_node_number(m);
        long double q;
        if (b == 0)
            return 0;
        q = a / b;
        return isfinite((double)q) && fabsl(q - roundl(q)) < 1e-9L * (fabsl(q) > 1 ? fabsl(q) : 1);
    }
    if (x.nd == 0)
        return 1;
    /* V = x.digits * 10^(x.exp - e), M = y.digits * 10^(y.exp - e) with
     * e = min(x.exp, y.exp); M has no trailing zeros beyond y.exp - e. */
    e = x.exp < y.exp ? x.exp : y.exp;
    if (y.exp - e > 0) {
        /* M has trailing zeros: V must have at least as many, then divide
         * both by 10^(y.exp - e). */
        long mz = y.exp - e, vz = x.exp - e;
        if (vz < mz)
            return 0; /* V ends in fewer zeros than M: its last digit is nonzero */
        return divisible(x.digits, x.nd, vz - mz, y.digits, y.nd);
    }
    if (x.exp - e > 4 * DEC_MAX_DIGITS) {
        long double a = (long double)pledge_node_number(v);
        long double b = (long double)pledge_node_number(m);
        long double q = a / b;
        return isfinite((double)q) && fabsl(q - roundl(q)) < 1e-9L * fabsl(q);
    }
    return divisible(x.digits, x.nd, x.exp - e, y.digits, y.nd);
}

void pledge__num_format(pledge_buf *out, const pledge_node *n)
{
    if (n->type == PLEDGE_NODE_INT) {
        pledge__buf_puts(out, n->u.i.text);
    } else if (n->type == PLEDGE_NODE_FLOAT) {
        double d = n->u.d;
        char buf[64];
        int prec;
        if (isnan(d)) {
            pledge__buf_puts(out, "NaN");
            return;
        }
        if (isinf(d)) {
            pledge__buf_puts(out, d > 0 ? "infinity" : "-infinity");
            return;
        }
        for (prec = 1; prec <= 17; prec++) {
            snprintf(buf, sizeof buf, "%.*g", prec, d);
            if (strtod(buf, NULL) == d)
                break;
        }
        pledge__buf_puts(out, buf);
        /* keep a float looking like one: 1.0 stays "1.0" */
        if (!strpbrk(buf, ".eEn"))
            pledge__buf_puts(out, ".0");
    }
}
