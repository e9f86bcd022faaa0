/* SPDX-License-Identifier: MIT */
/*
 * The simple-pattern matcher: a pattern made only of ASCII literals,
 * escaped punctuation, \d, \w and non-negated ASCII classes, each with an
 * optional quantifier (* + ? {n} {n,} {n,m}), between an optional ^ and an
 * optional $, becomes a list of positions run as a bit-parallel NFA: one
 * step per input byte, no backtracking, no allocation. Such patterns match
 * only ASCII characters, so a byte of a multi-byte UTF-8 character is simply
 * a character no position accepts (one or several such steps give the same
 * state). Anything else — alternation, groups, dot, negated classes, \s,
 * non-ASCII, lazy quantifiers — is left to PCRE2.
 */
#include "schema/regex_fast.h"

#include <string.h>

typedef struct atom {
    uint64_t lo, hi; /* the class: bit c of lo for c < 64, of hi for c >= 64 */
} atom;

static int is_special(unsigned char c)
{
    return strchr("\\^$.|?*+()[]{}", c) != NULL;
}

static void add_char(atom *a, unsigned char c)
{
    if (c < 64)
        a->lo |= (uint64_t)1 << c;
    else
        a->hi |= (uint64_t)1 << (c - 64);
}

static void add_range(atom *a, unsigned char from, unsigned char to)
{
    unsigned c;
    for (c = from; c <= to; c++)
        add_char(a, (unsigned char)c);
}

/* \d or \w into @p a; 0 for other escapes of letters and digits. */
static int class_escape(atom *a, unsigned char c)
{
    if (c == 'd') {
        add_range(a, '0', '9');
        return 1;
    }
    if (c == 'w') {
        add_range(a, '0', '9');
        add_range(a, 'A', 'Z');
        add_range(a, 'a', 'z');
        add_char(a, '_');
        return 1;
    }
    return 0;
}

static int is_punct(unsigned char c)
{
    return c > 0x20 && c < 0x7F && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                     (c >= 'a' && c <= 'z'));
}

/* A class body after '['; returns the index after ']' or 0 to give up. */
static size_t parse_class(const unsigned char *p, size_t i, size_t len, atom *a)
{
    int first = 1;
    if (i < len && p[i] == '^')
        return 0;
    while (i < len && (p[i] != ']' || first)) {
        unsigned char c = p[i], lo;
        first = 0;
        if (c >= 0x80 || c == '[')
            return 0;
        if (c == ']')
            return 0; /* ECMA's "[]" is the empty class: PCRE2 knows it */
        if (c == '\\') {
            if (i + 1 >= len)
                return 0;
            c = p[i + 1];
            if (class_escape(a, c)) {
                i += 2;
                continue;
            }
            if (!is_punct(c))
                return 0;
            i++;
        }
        lo = c;
        i++;
        if (i + 1 < len && p[i] == '-' && p[i + 1] != ']') {
            unsigned char hi = p[i + 1];
            if (hi == '\\') {
                if (i + 2 >= len || !is_punct(p[i + 2]))
                    return 0;
                hi = p[i + 2];
                i++;
            } else if (hi >= 0x80 || hi == '[') {
                return 0;
            }
            if (hi < lo)
                return 0;
            add_range(a, lo, hi);
            i += 2;
        } else {
            add_char(a, lo);
        }
    }
    if (i >= len)
        return 0;
    return i + 1;
}

static size_t parse_number(const unsigned char *p, size_t *i, size_t len, int *ok)
{
    size_t n = 0, start = *i;
    while (*i < len && p[*i] >= '0' && p[*i] <= '9') {
        if (n > 1000)
            *ok = 0;
        n = n * 10 + (size_t)(p[*i] - '0');
        (*i)++;
    }
    if (*i == start)
        *ok = 0;
    return n;
}

/* Append @p a repeated min..max times (max SIZE_MAX: unbounded). */
static int emit(pledge_regex_fast *re, const atom *a, size_t min, size_t max)
{
    size_t k, total = min + (max == SIZE_MAX ? 1 : max - min);
    unsigned c;
    if (re->positions + total > 63)
        return 0; /* one bit stays free for "done" */
    for (k = 0; k < total; k++) {
        unsigned pos = re->positions++;
        uint64_t bit = (uint64_t)1 << pos;
        for (c = 0; c < 128; c++) {
            int in = c < 64 ? (int)((a->lo >> c) & 1) : (int)((a->hi >> (c - 64)) & 1);
            if (in)
                re->match[c] |= bit;
        }
        if (k >= min) {
            re->skip |= bit;
            if (max == SIZE_MAX)
                re->star |= bit;
        }
    }
    return 1;
}

/* Add the positions reachable by skipping optional ones: each step moves
 * one position further, so skip_run steps reach the end of every run of
 * skippable positions (no test for a fixed point on every byte). */
static uint64_t closure(const pledge_regex_fast *re, uint64_t s)
{
    unsigned k;
    for (k = 0; k < re->skip_run; k++)
        s |= (s & re->skip) << 1;
    return s;
}

int pledge__regex_fast_compile(pledge_regex_fast *re, const char *pattern, size_t len)
{
    const unsigned char *p = (const unsigned char *)pattern;
    size_t i = 0;
    memset(re, 0, sizeof *re);
    if (i < len && p[i] == '^') {
        re->anchored_start = 1;
        i++;
    }
    while (i < len) {
        atom a = { 0, 0 };
        size_t min = 1, max = 1;
        unsigned char c = p[i];
        if (c == '$' && i + 1 == len) {
            re->anchored_end = 1;
            break;
        }
        if (c >= 0x80)
            return 0;
        if (c == '[') {
            i = parse_class(p, i + 1, len, &a);
            if (!i)
                return 0;
        } else if (c == '\\') {
            if (i + 1 >= len)
                return 0;
            c = p[i + 1];
            if (!class_escape(&a, c)) {
                if (!is_punct(c))
                    return 0;
                add_char(&a, c);
            }
            i += 2;
        } else if (is_special(c) || c < 0x20 || c == 0x7F) {
            return 0;
        } else {
            add_char(&a, c);
            i++;
        }
        if (i < len) {
            int ok = 1;
            switch (p[i]) {
            case '*': min = 0, max = SIZE_MAX, i++; break;
            case '+': min = 1, max = SIZE_MAX, i++; break;
            case '?': min = 0, max = 1, i++; break;
            case '{':
                i++;
                min = max = parse_number(p, &i, len, &ok);
                if (ok && i < len && p[i] == ',') {
                    i++;
                    if (i < len && p[i] == '}')
                        max = SIZE_MAX;
                    else
                        max = parse_number(p, &i, len, &ok);
                }
                if (!ok || i >= len || p[i] != '}' || max < min)
                    return 0;
                i++;
                break;
            default: break;
            }
            if (i < len && (p[i] == '?' || p[i] == '*' || p[i] == '+' || p[i] == '{'))
                return 0; /* lazy or doubled quantifiers: PCRE2's business */
        }
        if (!emit(re, &a, min, max))
            return 0;
    }
    {
        unsigned run = 0, pos;
        for (pos = 0; pos < re->positions; pos++) {
            run = (re->skip >> pos & 1) ? run + 1 : 0;
            if (run > re->skip_run)
                re->skip_run = run;
        }
    }
    re->start = closure(re, 1);
    if (re->anchored_start && !(re->start >> re->positions & 1)) {
        unsigned c;
        re->first_known = 1;
        for (c = 0; c < 128; c++)
            if (re->match[c] & re->start)
                re->first[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    return 1;
}

/* The positions byte @p c matches. */
static uint64_t positions_of(const pledge_regex_fast *re, unsigned char c)
{
    return c < 128 ? re->match[c] : 0;
}

int pledge__regex_fast_search(const pledge_regex_fast *re, const char *s, size_t len)
{
    /* Bit p: "the next position to match is p"; bit `positions`: done. A
     * matched position moves on, a starred one may also stay (the closure
     * then adds the positions after it, which skipping reaches). When a byte
     * leaves the state as it was (a starred class consuming its run, as in
     * [a-z0-9-]*), every next byte that selects the same positions does so
     * too: those are skipped in a tight loop. */
    const unsigned char *p = (const unsigned char *)s;
    const uint64_t start = re->start, done = (uint64_t)1 << re->positions;
    uint64_t state = start, next, t;
    size_t i;
    for (i = 0; i < len; i++) {
        if (!re->anchored_end && (state & done))
            return 1;
        t = state & positions_of(re, p[i]);
        if (re->anchored_start) {
            if (!t)
                return 0;
            next = closure(re, (t << 1) | (t & re->star));
        } else {
            next = closure(re, (t << 1) | (t & re->star)) | start;
        }
        if (next == state)
            while (i + 1 < len && (state & positions_of(re, p[i + 1])) == t)
                i++;
        state = next;
    }
    return (state & done) != 0;
}
