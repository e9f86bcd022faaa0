/* SPDX-License-Identifier: MIT */
/* Internal: a matcher for the simple patterns schemas use most — sequences
 * of ASCII literals and classes with quantifiers, optionally anchored
 * (^[a-z0-9][a-z0-9-]*$, ^x-, ^[0-9]{4}-[0-9]{2}$) — that answers without
 * calling PCRE2. regex.c still compiles every pattern with PCRE2 (for its
 * diagnostics) and uses this only as a faster way to the same answer; the
 * evaluator calls it directly through pledge__regex_fast_part(). */
#ifndef PLEDGE_SCHEMA_REGEX_FAST_H
#define PLEDGE_SCHEMA_REGEX_FAST_H

#include <stddef.h>
#include <stdint.h>

/* At most 63 positions once quantifiers are expanded: a state is one
 * uint64_t bit set, with a bit for "matched to the end". */
typedef struct pledge_regex_fast {
    uint64_t match[128]; /* per ASCII character: the positions it matches */
    uint64_t star;       /* positions that repeat (x*) */
    uint64_t skip;       /* positions that may be skipped (x? and x*) */
    uint64_t start;      /* the state before the first byte: position 0 and
                            what skipping reaches from it */
    unsigned positions;  /* number of positions */
    unsigned skip_run;   /* the longest run of consecutive skippable
                            positions: steps that complete a closure */
    uint64_t first[2];   /* the ASCII bytes a match can begin with, when
                            first_known */
    int first_known;     /* anchored at the start and no empty match: a
                            subject whose first byte is not in first (or an
                            empty one) does not match */
    int anchored_start;  /* ^ */
    int anchored_end;    /* $ */
} pledge_regex_fast;

/* Fill @p out from the ECMA-262 pattern when it is simple enough; returns
 * 1 if so, 0 if the pattern needs PCRE2. */
int pledge__regex_fast_compile(pledge_regex_fast *out, const char *pattern, size_t len);

/* 1 if @p s (@p len bytes of UTF-8) matches, 0 if not. */
int pledge__regex_fast_search(const pledge_regex_fast *re, const char *s, size_t len);

/* 1 when the first byte of @p s already rules a match out, 0 when the
 * search must decide: inline, for patterns such as ^x- tried on every
 * property name of an object. */
static inline int pledge__regex_fast_rejects(const pledge_regex_fast *re, const char *s,
                                             size_t len)
{
    unsigned char c;
    if (!re->first_known)
        return 0;
    if (!len)
        return 1;
    c = (unsigned char)s[0];
    return c >= 128 || !(re->first[c >> 6] >> (c & 63) & 1);
}

#endif
