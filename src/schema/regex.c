/* SPDX-License-Identifier: MIT */
/*
 * ECMA-262 regular expressions (as JSON Schema's "pattern" means them) on
 * PCRE2. The pattern is parsed with the ECMA-262 grammar of the `u` flag
 * and rewritten into a PCRE2 pattern whose meaning is the ECMA one, so
 * PCRE2 never reads an ECMA construct its own way:
 *
 *   .          [^\n\r\x{2028}\x{2029}]   (ECMA line terminators)
 *   $          \z                        (end of input only, never before a final \n)
 *   \s \S      the ECMA WhiteSpace + LineTerminator set (U+00A0, U+FEFF,
 *              U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F, U+3000, ...)
 *   \d \D \w \W [0-9] [^0-9] [A-Za-z0-9_] [^A-Za-z0-9_] (ASCII, as in ECMA)
 *   \b \B      left to PCRE2, whose word characters are ASCII under
 *              PCRE2_NEVER_UCP, as in ECMA
 *   \cX \xHH \uHHHH \u{H...} \0 \t \n \v \f \r, surrogate pairs
 *              a literal \x{...}; a lone surrogate matches nothing
 *   [] [^]     (?:(?!)) and [\x{0}-\x{10FFFF}]
 *   (?<n>...)  a plain capture group; \k<n> becomes \g{N}, so ECMA names
 *              PCRE2 would refuse ($, non-ASCII, over 32 bytes) work
 *   \N         \g{N}; PCRE2_MATCH_UNSET_BACKREF makes a reference to a
 *              group that has not matched match empty, as in ECMA
 *   \p{...}    ECMA property names (General_Category long names and
 *              aliases, Script=, Script_Extensions=, binary properties)
 *              mapped onto PCRE2's spelling; Assigned is \P{Cn}
 *
 * and rejected, as ECMA rejects them (PCRE2 would accept another meaning):
 * inline flags and other (?...) groups than (?: (?= (?! (?<= (?<! (?<name>,
 * (?P...), (?#...), escapes of letters and digits that ECMA does not
 * define (\a \e \h \R \X \z \Z \A \Q \G \K \o{} \8 ...), lone { } ],
 * possessive quantifiers, quantified assertions, \c without a letter,
 * \x or \u without their hex digits, class escapes as range ends.
 *
 * Leniency (Annex B spirit): a backslash before any ASCII punctuation
 * character is that character, although the `u` flag allows it only before
 * ^$\.*+?()[]{}|/ (and - in a class).
 *
 * Where PCRE2 10.42 still differs from ECMA-262 (also in docs/regex.md):
 *   - lookbehind must have a fixed length per alternative (ECMA allows any;
 *     PCRE2 10.43 lifted this); such patterns fail to compile;
 *   - captures inside a quantified group keep their value from an earlier
 *     iteration where ECMA resets them; lookbehind captures are taken left
 *     to right (visible only through backreferences);
 *   - {n,m} bounds above 65535 are refused;
 *   - property values (script names) are matched loosely (case, _ and -
 *     ignored) where ECMA is exact; Changes_When_NFKC_Casefolded is unknown
 *     to PCRE2; PCRE2's Unicode tables are its own version (14.0 in 10.42);
 *   - group names are checked loosely (ASCII letters, digits, _ and $, and
 *     any non-ASCII character) and may not be written with \u escapes;
 *   - nesting deeper than 250 groups is refused.
 *
 * Limits: every match runs under PLEDGE_REGEX_MATCH_LIMIT and
 * PLEDGE_REGEX_DEPTH_LIMIT (interpreter) or PLEDGE_REGEX_JIT_STACK_MAX (JIT)
 * and returns PLEDGE_ELIMIT when it hits one, so catastrophic backtracking
 * (^(a+)+$ against "aaa...ab") ends in milliseconds instead of hanging.
 *
 * Subjects are checked as UTF-8 by PCRE2 (PCRE2_MATCH_INVALID_UTF is not
 * used: with JIT, 10.42 gets \D and \W wrong under it); a subject that is
 * not UTF-8 gives PLEDGE_EINVALID.
 *
 * Memory: the compiled code goes through the caller's allocator. Matching
 * uses a per-thread cache (match data, match context, JIT stack) made with
 * malloc on a thread's first search and freed at thread exit by a pthread
 * key destructor; it is shared by every pattern, so it cannot belong to one
 * pattern's allocator. When it cannot be made, each search makes its own
 * through the pattern's allocator instead.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "schema/regex.h"
#include "schema/regex_fast.h"
#include "core/alloc.h"
#include "core/utf8.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Backtracking steps one match may take (pcre2_set_match_limit). */
#define PLEDGE_REGEX_MATCH_LIMIT 1000000u
/* Nested backtracking points in the interpreter (pcre2_set_depth_limit);
 * bounds its heap frames to a few MiB per thread. */
#define PLEDGE_REGEX_DEPTH_LIMIT 10000u
/* Heap the interpreter may use for one match, in KiB. */
#define PLEDGE_REGEX_HEAP_LIMIT_KIB 65536u
/* The JIT's own stack (it ignores the depth limit): start and maximum,
 * reserved per thread but touched only as deep as a match goes; 8 MiB lets
 * a repeated group such as ^(?:a|b)*$ run over 300,000 characters (the
 * interpreter's depth limit stops it after some 4,000 repetitions). */
#define PLEDGE_REGEX_JIT_STACK_START (32u * 1024u)
#define PLEDGE_REGEX_JIT_STACK_MAX (8u * 1024u * 1024u)
/* Group nesting the translator accepts (PCRE2's default as well). */
#define RX_MAX_NESTING 250

struct pledge_regex {
    pcre2_code *code;
    /* Simple patterns (most of a schema's) are also kept in a form that
     * answers without PCRE2's per-call overhead: see regex_fast.c. */
    int has_fast;
    pledge_regex_fast fast;
    pcre2_general_context *gctx; /* the caller's allocator, for fallbacks */
    const pledge_allocator *allocator;
};

/* ---- PCRE2 memory through the pledge allocator ------------------------- */

static void *rx_malloc(PCRE2_SIZE size, void *ud)
{
    return pledge__malloc(ud, size);
}

static void rx_free(void *ptr, void *ud)
{
    pledge__free(ud, ptr);
}

/* ---- the translator ----------------------------------------------------- */

typedef struct rx_name {
    size_t off, len; /* the name's bytes in the source pattern */
    unsigned group;
} rx_name;

typedef struct rx {
    const pledge_allocator *a;
    const unsigned char *src;
    size_t len, pos;
    size_t tok; /* source offset recorded for what is emitted now */
    char *out;
    size_t *map; /* source offset of each output byte */
    size_t olen, ocap;
    rx_name *names;
    size_t nnames, names_cap;
    unsigned ngroups;
    const char *msg; /* translation error, or NULL */
    size_t msg_off;
    int oom;
} rx;

enum { RX_SET = -1 }; /* a class atom that is a set (\d, \p{...}), not one code point */

static int rx_fail(rx *r, size_t off, const char *msg)
{
    if (!r->msg && !r->oom) {
        r->msg = msg;
        r->msg_off = off;
    }
    return -1;
}

static int emit(rx *r, const char *s, size_t n)
{
    size_t i;
    if (r->oom)
        return -1;
    if (r->olen + n > r->ocap) {
        size_t cap = r->ocap, need = r->olen + n;
        if (pledge__grow(r->a, (void **)&r->out, &cap, need, 1) != 0) {
            r->oom = 1;
            return -1;
        }
        cap = r->ocap;
        if (pledge__grow(r->a, (void **)&r->map, &cap, need, sizeof *r->map) != 0) {
            r->oom = 1;
            return -1;
        }
        r->ocap = cap;
    }
    memcpy(r->out + r->olen, s, n);
    for (i = 0; i < n; i++)
        r->map[r->olen + i] = r->tok;
    r->olen += n;
    return 0;
}

static int emits(rx *r, const char *s)
{
    return emit(r, s, strlen(s));
}

static int emit_hex(rx *r, uint32_t cp)
{
    char b[16];
    int n = snprintf(b, sizeof b, "\\x{%lX}", (unsigned long)cp);
    return emit(r, b, (size_t)n);
}

static int is_surrogate(uint32_t cp)
{
    return cp >= 0xD800 && cp <= 0xDFFF;
}

static int is_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

static unsigned hex_val(int c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (unsigned)(c - 'a' + 10);
    return (unsigned)(c - 'A' + 10);
}

/* One literal code point, inside or outside a class (the escaping is the
 * same: PCRE2 reads a backslash before ASCII punctuation as the character). */
static int emit_literal(rx *r, uint32_t cp)
{
    char b[2];
    if (is_alnum(cp)) {
        b[0] = (char)cp;
        return emit(r, b, 1);
    }
    if (cp > 0x20 && cp < 0x7F) {
        b[0] = '\\';
        b[1] = (char)cp;
        return emit(r, b, 2);
    }
    return emit_hex(r, cp);
}


/* ECMA WhiteSpace and LineTerminator (\s), digits (\d), word characters
 * (\w); sorted. */
static const uint32_t ws_ranges[][2] = {
    { 0x09, 0x0D }, { 0x20, 0x20 }, { 0xA0, 0xA0 }, { 0x1680, 0x1680 },
    { 0x2000, 0x200A }, { 0x2028, 0x2029 }, { 0x202F, 0x202F }, { 0x205F, 0x205F },
    { 0x3000, 0x3000 }, { 0xFEFF, 0xFEFF }, { 0, 0 },
};
static const uint32_t digit_ranges[][2] = { { '0', '9' }, { 0, 0 } };
static const uint32_t word_ranges[][2] = {
    { '0', '9' }, { 'A', 'Z' }, { '_', '_' }, { 'a', 'z' }, { 0, 0 },
};

/* A class member range; surrogate ends are clipped (UTF-8 subjects hold
 * none). Returns the number of members emitted (0 or 1), or -1. */
static int emit_range(rx *r, uint32_t lo, uint32_t hi)
{
    if (is_surrogate(lo))
        lo = 0xE000;
    if (is_surrogate(hi))
        hi = 0xD7FF;
    if (lo > hi)
        return 0;
    if (emit_literal(r, lo) < 0)
        return -1;
    if (lo != hi && (emits(r, "-") < 0 || emit_literal(r, hi) < 0))
        return -1;
    return 1;
}

/* The members of \s \d \w (or, negated, of \S \D \W) inside a class. */
static int emit_set_members(rx *r, const uint32_t (*set)[2], int negate)
{
    size_t i;
    uint32_t next = 0;
    for (i = 0; set[i][1] != 0; i++) {
        if (!negate) {
            if (emit_range(r, set[i][0], set[i][1]) < 0)
                return -1;
        } else {
            if (set[i][0] > next && emit_range(r, next, set[i][0] - 1) < 0)
                return -1;
            next = set[i][1] + 1;
        }
    }
    if (negate && emit_range(r, next, 0x10FFFF) < 0)
        return -1;
    return 0;
}

/* \d \D \s \S \w \W: the ECMA sets, written out. */
static const uint32_t (*class_escape_set(unsigned char e))[2]
{
    switch (e) {
    case 'd': case 'D': return digit_ranges;
    case 's': case 'S': return ws_ranges;
    default: return word_ranges;
    }
}

static int is_upper_escape(unsigned char e)
{
    return e == 'D' || e == 'S' || e == 'W';
}

/* General_Category values as ECMA spells them, and PCRE2's short name. */
static const char *const gc_names[][2] = {
    { "C", "C" }, { "Other", "C" }, { "Cc", "Cc" }, { "Control", "Cc" }, { "cntrl", "Cc" },
    { "Cf", "Cf" }, { "Format", "Cf" }, { "Cn", "Cn" }, { "Unassigned", "Cn" },
    { "Co", "Co" }, { "Private_Use", "Co" }, { "Cs", "Cs" }, { "Surrogate", "Cs" },
    { "L", "L" }, { "Letter", "L" }, { "LC", "LC" }, { "Cased_Letter", "LC" },
    { "Ll", "Ll" }, { "Lowercase_Letter", "Ll" }, { "Lm", "Lm" }, { "Modifier_Letter", "Lm" },
    { "Lo", "Lo" }, { "Other_Letter", "Lo" }, { "Lt", "Lt" }, { "Titlecase_Letter", "Lt" },
    { "Lu", "Lu" }, { "Uppercase_Letter", "Lu" }, { "M", "M" }, { "Mark", "M" },
    { "Combining_Mark", "M" }, { "Mc", "Mc" }, { "Spacing_Mark", "Mc" },
    { "Me", "Me" }, { "Enclosing_Mark", "Me" }, { "Mn", "Mn" }, { "Nonspacing_Mark", "Mn" },
    { "N", "N" }, { "Number", "N" }, { "Nd", "Nd" }, { "Decimal_Number", "Nd" },
    { "digit", "Nd" }, { "Nl", "Nl" }, { "Letter_Number", "Nl" }, { "No", "No" },
    { "Other_Number", "No" }, { "P", "P" }, { "Punctuation", "P" }, { "punct", "P" },
    { "Pc", "Pc" }, { "Connector_Punctuation", "Pc" }, { "Pd", "Pd" },
    { "Dash_Punctuation", "Pd" }, { "Pe", "Pe" }, { "Close_Punctuation", "Pe" },
    { "Pf", "Pf" }, { "Final_Punctuation", "Pf" }, { "Pi", "Pi" },
    { "Initial_Punctuation", "Pi" }, { "Po", "Po" }, { "Other_Punctuation", "Po" },
    { "Ps", "Ps" }, { "Open_Punctuation", "Ps" }, { "S", "S" }, { "Symbol", "S" },
    { "Sc", "Sc" }, { "Currency_Symbol", "Sc" }, { "Sk", "Sk" }, { "Modifier_Symbol", "Sk" },
    { "Sm", "Sm" }, { "Math_Symbol", "Sm" }, { "So", "So" }, { "Other_Symbol", "So" },
    { "Z", "Z" }, { "Separator", "Z" }, { "Zl", "Zl" }, { "Line_Separator", "Zl" },
    { "Zp", "Zp" }, { "Paragraph_Separator", "Zp" }, { "Zs", "Zs" },
    { "Space_Separator", "Zs" },
};

/* The binary properties ECMA-262 lists (table "Binary Unicode property
 * aliases"); PCRE2 spells them the same way. */
static const char *const binary_props[] = {
    "ASCII", "ASCII_Hex_Digit", "AHex", "Alphabetic", "Alpha", "Any", "Assigned",
    "Bidi_Control", "Bidi_C", "Bidi_Mirrored", "Bidi_M", "Case_Ignorable", "CI", "Cased",
    "Changes_When_Casefolded", "CWCF", "Changes_When_Casemapped", "CWCM",
    "Changes_When_Lowercased", "CWL", "Changes_When_NFKC_Casefolded", "CWKCF",
    "Changes_When_Titlecased", "CWT", "Changes_When_Uppercased", "CWU", "Dash",
    "Default_Ignorable_Code_Point", "DI", "Deprecated", "Dep", "Diacritic", "Dia", "Emoji",
    "Emoji_Component", "EComp", "Emoji_Modifier", "EMod", "Emoji_Modifier_Base", "EBase",
    "Emoji_Presentation", "EPres", "Extended_Pictographic", "ExtPict", "Extender", "Ext",
    "Grapheme_Base", "Gr_Base", "Grapheme_Extend", "Gr_Ext", "Hex_Digit", "Hex",
    "IDS_Binary_Operator", "IDSB", "IDS_Trinary_Operator", "IDST", "ID_Continue", "IDC",
    "ID_Start", "IDS", "Ideographic", "Ideo", "Join_Control", "Join_C",
    "Logical_Order_Exception", "LOE", "Lowercase", "Lower", "Math",
    "Noncharacter_Code_Point", "NChar", "Pattern_Syntax", "Pat_Syn", "Pattern_White_Space",
    "Pat_WS", "Quotation_Mark", "QMark", "Radical", "Regional_Indicator", "RI",
    "Sentence_Terminal", "STerm", "Soft_Dotted", "SD", "Terminal_Punctuation", "Term",
    "Unified_Ideograph", "UIdeo", "Uppercase", "Upper", "Variation_Selector", "VS",
    "White_Space", "space", "XID_Continue", "XIDC", "XID_Start", "XIDS",
};

static int name_is(const unsigned char *s, size_t n, const char *name)
{
    return strlen(name) == n && memcmp(s, name, n) == 0;
}

static const char *gc_lookup(const unsigned char *s, size_t n)
{
    size_t i;
    for (i = 0; i < sizeof gc_names / sizeof gc_names[0]; i++)
        if (name_is(s, n, gc_names[i][0]))
            return gc_names[i][1];
    return NULL;
}

/* \p{...} or \P{...} at r->pos (the backslash). */
static int parse_property(rx *r)
{
    size_t start = r->pos, i, eq = 0, nlen;
    int negate = r->src[r->pos + 1] == 'P';
    const unsigned char *name;
    const char *gc;
    char b[96];
    if (r->pos + 2 >= r->len || r->src[r->pos + 2] != '{')
        return rx_fail(r, start, "\\p and \\P need a property name in braces");
    name = r->src + r->pos + 3;
    for (i = r->pos + 3; i < r->len && r->src[i] != '}'; i++) {
        unsigned char c = r->src[i];
        if (c == '=' && !eq)
            eq = i;
        else if (!is_alnum(c) && c != '_')
            return rx_fail(r, i, "invalid character in a Unicode property name");
    }
    if (i >= r->len)
        return rx_fail(r, start, "missing } after a Unicode property name");
    nlen = (size_t)(r->src + i - name);
    r->pos = i + 1;
    if (nlen == 0 || nlen > 60)
        return rx_fail(r, start, "invalid Unicode property name");
    if (eq) {
        size_t klen = (size_t)(r->src + eq - name);
        const unsigned char *val = r->src + eq + 1;
        size_t vlen = nlen - klen - 1;
        if (vlen == 0)
            return rx_fail(r, start, "invalid Unicode property name");
        if (name_is(name, klen, "General_Category") || name_is(name, klen, "gc")) {
            gc = gc_lookup(val, vlen);
            if (!gc)
                return rx_fail(r, start, "unknown General_Category value");
            snprintf(b, sizeof b, "\\%c{%s}", negate ? 'P' : 'p', gc);
        } else if (name_is(name, klen, "Script") || name_is(name, klen, "sc")) {
            snprintf(b, sizeof b, "\\%c{sc:%.*s}", negate ? 'P' : 'p', (int)vlen,
                     (const char *)val);
        } else if (name_is(name, klen, "Script_Extensions") || name_is(name, klen, "scx")) {
            snprintf(b, sizeof b, "\\%c{scx:%.*s}", negate ? 'P' : 'p', (int)vlen,
                     (const char *)val);
        } else {
            return rx_fail(r, start, "unknown Unicode property name");
        }
        return emits(r, b);
    }
    gc = gc_lookup(name, nlen);
    if (gc) {
        snprintf(b, sizeof b, "\\%c{%s}", negate ? 'P' : 'p', gc);
        return emits(r, b);
    }
    for (i = 0; i < sizeof binary_props / sizeof binary_props[0]; i++) {
        if (name_is(name, nlen, binary_props[i])) {
            if (strcmp(binary_props[i], "Assigned") == 0)
                snprintf(b, sizeof b, "\\%c{Cn}", negate ? 'p' : 'P');
            else
                snprintf(b, sizeof b, "\\%c{%s}", negate ? 'P' : 'p', binary_props[i]);
            return emits(r, b);
        }
    }
    return rx_fail(r, start, "unknown Unicode property name");
}

/* \uHHHH or \u{H...} at r->pos (the backslash); a surrogate pair written
 * as two escapes is one code point. */
static int parse_u_escape(rx *r, uint32_t *out)
{
    size_t p = r->pos + 2, start = r->pos;
    uint32_t cp = 0;
    int i;
    if (p < r->len && r->src[p] == '{') {
        size_t digits = 0;
        for (p++; p < r->len && is_hex(r->src[p]); p++, digits++) {
            cp = cp * 16 + hex_val(r->src[p]);
            if (cp > 0x10FFFF)
                return rx_fail(r, start, "\\u{...} is above U+10FFFF");
        }
        if (!digits || p >= r->len || r->src[p] != '}')
            return rx_fail(r, start, "invalid \\u{...} escape");
        r->pos = p + 1;
        *out = cp;
        return 0;
    }
    if (r->len - p < 4)
        return rx_fail(r, start, "\\u needs four hex digits");
    for (i = 0; i < 4; i++) {
        if (!is_hex(r->src[p + (size_t)i]))
            return rx_fail(r, start, "\\u needs four hex digits");
        cp = cp * 16 + hex_val(r->src[p + (size_t)i]);
    }
    r->pos = p + 4;
    if (cp >= 0xD800 && cp <= 0xDBFF && r->len - r->pos >= 6 && r->src[r->pos] == '\\' &&
        r->src[r->pos + 1] == 'u') {
        uint32_t lo = 0;
        for (i = 0; i < 4 && is_hex(r->src[r->pos + 2 + (size_t)i]); i++)
            lo = lo * 16 + hex_val(r->src[r->pos + 2 + (size_t)i]);
        if (i == 4 && lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            r->pos += 6;
        }
    }
    *out = cp;
    return 0;
}

/*
 * A CharacterEscape at r->pos (the backslash), in a class or not: the
 * escapes that stand for one code point. Sets *out; advances r->pos.
 */
static int parse_char_escape(rx *r, int in_class, uint32_t *out)
{
    size_t start = r->pos;
    unsigned char e = r->src[r->pos + 1];
    switch (e) {
    case 'f': *out = 0x0C; break;
    case 'n': *out = 0x0A; break;
    case 'r': *out = 0x0D; break;
    case 't': *out = 0x09; break;
    case 'v': *out = 0x0B; break;
    case 'c':
        if (r->pos + 2 < r->len && ((r->src[r->pos + 2] | 0x20) >= 'a') &&
            ((r->src[r->pos + 2] | 0x20) <= 'z')) {
            *out = r->src[r->pos + 2] % 32u;
            r->pos += 3;
            return 0;
        }
        return rx_fail(r, start, "\\c must be followed by a letter A-Z or a-z");
    case '0':
        if (r->pos + 2 < r->len && r->src[r->pos + 2] >= '0' && r->src[r->pos + 2] <= '9')
            return rx_fail(r, start, "octal escapes are not allowed");
        *out = 0;
        break;
    case 'x':
        if (r->len - r->pos >= 4 && is_hex(r->src[r->pos + 2]) && is_hex(r->src[r->pos + 3])) {
            *out = hex_val(r->src[r->pos + 2]) * 16 + hex_val(r->src[r->pos + 3]);
            r->pos += 4;
            return 0;
        }
        return rx_fail(r, start, "\\x must be followed by two hex digits");
    case 'u':
        return parse_u_escape(r, out);
    case 'b':
        if (!in_class)
            return rx_fail(r, start, "internal: \\b");
        *out = 0x08;
        break;
    default:
        if (e < 0x80 && !is_alnum(e) && e > 0x20 && e < 0x7F) {
            /* ^$\.*+?()[]{}|/ and, in a class, -; other ASCII punctuation
             * leniently (see the comment at the top). */
            *out = e;
            break;
        }
        if (e >= '1' && e <= '9')
            return rx_fail(r, start,
                           in_class ? "backreferences are not allowed in a character class"
                                    : "invalid escape");
        return rx_fail(r, start, "invalid escape (ECMA-262 does not define it)");
    }
    r->pos += 2;
    return 0;
}

static const rx_name *find_name(const rx *r, const unsigned char *s, size_t n)
{
    size_t i;
    for (i = 0; i < r->nnames; i++)
        if (r->names[i].len == n && memcmp(r->src + r->names[i].off, s, n) == 0)
            return &r->names[i];
    return NULL;
}

/* A group name at @p p (after "(?<" or "\k<"): its length up to '>', or 0. */
static size_t scan_name(const rx *r, size_t p)
{
    size_t q = p;
    while (q < r->len && r->src[q] != '>') {
        unsigned char c = r->src[q];
        if (!(c >= 0x80 || c == '$' || c == '_' || (c >= 'A' && c <= 'Z') ||
              (c >= 'a' && c <= 'z') || (q > p && c >= '0' && c <= '9')))
            return 0;
        q++;
    }
    if (q >= r->len || q == p)
        return 0;
    return q - p;
}

/* First pass: count capture groups and collect their names, so that \N and
 * \k<name> before the group they name can be checked and numbered. */
static int prescan(rx *r)
{
    size_t i = 0;
    int in_class = 0;
    while (i < r->len) {
        unsigned char c = r->src[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (in_class) {
            if (c == ']')
                in_class = 0;
            i++;
            continue;
        }
        if (c == '[') {
            in_class = 1;
        } else if (c == '(') {
            if (i + 1 >= r->len || r->src[i + 1] != '?') {
                r->ngroups++;
            } else if (i + 2 < r->len && r->src[i + 2] == '<' && i + 3 < r->len &&
                       r->src[i + 3] != '=' && r->src[i + 3] != '!') {
                size_t n = scan_name(r, i + 3);
                rx_name *nm;
                if (!n)
                    return rx_fail(r, i, "invalid capture group name");
                if (find_name(r, r->src + i + 3, n))
                    return rx_fail(r, i, "duplicate capture group name");
                if (pledge__grow(r->a, (void **)&r->names, &r->names_cap, r->nnames + 1,
                                 sizeof *r->names) != 0) {
                    r->oom = 1;
                    return -1;
                }
                r->ngroups++;
                nm = &r->names[r->nnames++];
                nm->off = i + 3;
                nm->len = n;
                nm->group = r->ngroups;
            }
        }
        i++;
    }
    return 0;
}

/* One class atom at r->pos: a code point in *out, or RX_SET when it was a
 * set (\d \D \s \S \w \W \p{..} \P{..}), whose members are emitted. */
static int parse_class_atom(rx *r, int64_t *out)
{
    size_t at = r->pos;
    uint32_t cp;
    r->tok = at;
    if (r->src[at] != '\\') {
        if (pledge__utf8_next(r->src, r->len, &r->pos, &cp) < 0)
            return rx_fail(r, at, "invalid UTF-8");
        *out = cp;
        return 0;
    }
    if (at + 1 >= r->len)
        return rx_fail(r, at, "\\ at end of pattern");
    switch (r->src[at + 1]) {
    case 'p':
    case 'P':
        *out = RX_SET;
        return parse_property(r);
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        *out = RX_SET;
        r->pos += 2;
        return emit_set_members(r, class_escape_set(r->src[at + 1]),
                                is_upper_escape(r->src[at + 1]));
    case 'B':
    case 'k':
        return rx_fail(r, at, "invalid escape in a character class");
    default:
        if (parse_char_escape(r, 1, &cp) < 0)
            return -1;
        *out = cp;
        return 0;
    }
}

/* A character class at r->pos ('['). */
static int parse_class(rx *r)
{
    size_t open = r->pos, before = r->olen;
    int negate = 0, members = 0, n;
    r->pos++;
    if (r->pos < r->len && r->src[r->pos] == '^') {
        negate = 1;
        r->pos++;
    }
    if (emits(r, negate ? "[^" : "[") < 0)
        return -1;
    for (;;) {
        int64_t a, b;
        size_t at = r->pos;
        if (r->pos >= r->len)
            return rx_fail(r, open, "missing terminating ] for character class");
        if (r->src[r->pos] == ']') {
            r->pos++;
            break;
        }
        if (parse_class_atom(r, &a) < 0)
            return -1;
        if (r->pos + 1 < r->len && r->src[r->pos] == '-' && r->src[r->pos + 1] != ']') {
            r->pos++;
            if (a == RX_SET || parse_class_atom(r, &b) < 0 || b == RX_SET)
                return rx_fail(r, at, "invalid character class range");
            if (a > b)
                return rx_fail(r, at, "range out of order in character class");
            n = emit_range(r, (uint32_t)a, (uint32_t)b);
        } else {
            n = a == RX_SET ? 1 : emit_range(r, (uint32_t)a, (uint32_t)a);
        }
        if (n < 0)
            return -1;
        members += n;
    }
    if (members == 0) {
        r->olen = before;
        r->tok = open;
        return emits(r, negate ? "[\\x{0}-\\x{10FFFF}]" : "(?:(?!))");
    }
    r->tok = r->pos - 1;
    return emits(r, "]");
}

/* {n}, {n,}, {n,m} at r->pos; 1 and the bounds when it is one, else 0. */
static int scan_braces(const rx *r, size_t *end, unsigned long *lo, unsigned long *hi, int *open)
{
    size_t p = r->pos + 1;
    unsigned long v = 0;
    int digits = 0;
    *open = 0;
    while (p < r->len && r->src[p] >= '0' && r->src[p] <= '9') {
        if (v < 1000000)
            v = v * 10 + (unsigned long)(r->src[p] - '0');
        p++;
        digits++;
    }
    if (!digits)
        return 0;
    *lo = *hi = v;
    if (p < r->len && r->src[p] == ',') {
        p++;
        v = 0;
        digits = 0;
        while (p < r->len && r->src[p] >= '0' && r->src[p] <= '9') {
            if (v < 1000000)
                v = v * 10 + (unsigned long)(r->src[p] - '0');
            p++;
            digits++;
        }
        if (digits)
            *hi = v;
        else
            *open = 1;
    }
    if (p >= r->len || r->src[p] != '}')
        return 0;
    *end = p + 1;
    return 1;
}

enum { LAST_NONE, LAST_ATOM, LAST_ASSERT, LAST_QUANT };
enum { G_CAPTURE, G_PLAIN, G_AHEAD, G_BEHIND };

static int translate(rx *r)
{
    unsigned char stack[RX_MAX_NESTING];
    size_t depth = 0;
    int last = LAST_NONE;
    if (prescan(r) < 0)
        return -1;
    while (r->pos < r->len) {
        unsigned char c = r->src[r->pos];
        size_t at = r->pos;
        r->tok = at;
        switch (c) {
        case '|':
            if (emits(r, "|") < 0)
                return -1;
            r->pos++;
            last = LAST_NONE;
            break;
        case '(': {
            unsigned char kind = G_CAPTURE;
            const char *head = "(";
            if (depth == RX_MAX_NESTING)
                return rx_fail(r, at, "parentheses are too deeply nested");
            if (at + 1 < r->len && r->src[at + 1] == '?') {
                unsigned char k = at + 2 < r->len ? r->src[at + 2] : 0;
                unsigned char k2 = at + 3 < r->len ? r->src[at + 3] : 0;
                if (k == ':') {
                    kind = G_PLAIN, head = "(?:", r->pos += 3;
                } else if (k == '=' || k == '!') {
                    kind = G_AHEAD, head = k == '=' ? "(?=" : "(?!", r->pos += 3;
                } else if (k == '<' && (k2 == '=' || k2 == '!')) {
                    kind = G_BEHIND, head = k2 == '=' ? "(?<=" : "(?<!", r->pos += 4;
                } else if (k == '<') {
                    size_t n = scan_name(r, at + 3);
                    if (!n)
                        return rx_fail(r, at, "invalid capture group name");
                    r->pos += 3 + n + 1;
                } else {
                    return rx_fail(r, at, "invalid group: ECMA-262 allows only (?: (?= (?! "
                                          "(?<= (?<! and (?<name>");
                }
            } else {
                r->pos++;
            }
            if (emits(r, head) < 0)
                return -1;
            stack[depth++] = kind;
            last = LAST_NONE;
            break;
        }
        case ')':
            if (depth == 0)
                return rx_fail(r, at, "unmatched closing parenthesis");
            depth--;
            if (emits(r, ")") < 0)
                return -1;
            r->pos++;
            last = stack[depth] == G_AHEAD || stack[depth] == G_BEHIND ? LAST_ASSERT : LAST_ATOM;
            break;
        case '^':
            if (emits(r, "^") < 0)
                return -1;
            r->pos++;
            last = LAST_ASSERT;
            break;
        case '$':
            if (emits(r, "\\z") < 0)
                return -1;
            r->pos++;
            last = LAST_ASSERT;
            break;
        case '*':
        case '+':
        case '?':
        case '{': {
            char q[48];
            if (c == '{') {
                unsigned long lo, hi;
                size_t end;
                int open;
                if (!scan_braces(r, &end, &lo, &hi, &open))
                    return rx_fail(r, at, "lone quantifier brackets");
                if (last != LAST_ATOM)
                    return rx_fail(r, at, "nothing to repeat");
                if (!open && lo > hi)
                    return rx_fail(r, at, "numbers out of order in {} quantifier");
                if (lo > 65535 || (!open && hi > 65535))
                    return rx_fail(r, at, "a {} quantifier above 65535 is not supported");
                if (open)
                    snprintf(q, sizeof q, "{%lu,}", lo);
                else
                    snprintf(q, sizeof q, "{%lu,%lu}", lo, hi);
                r->pos = end;
            } else {
                if (last != LAST_ATOM)
                    return rx_fail(r, at, "nothing to repeat");
                q[0] = (char)c;
                q[1] = 0;
                r->pos++;
            }
            if (r->pos < r->len && r->src[r->pos] == '?') {
                strcat(q, "?");
                r->pos++;
            }
            if (emits(r, q) < 0)
                return -1;
            last = LAST_QUANT;
            break;
        }
        case '}':
            return rx_fail(r, at, "lone quantifier brackets");
        case ']':
            return rx_fail(r, at, "lone ] (write \\])");
        case '.':
            if (emits(r, "[^\\n\\r\\x{2028}\\x{2029}]") < 0)
                return -1;
            r->pos++;
            last = LAST_ATOM;
            break;
        case '[':
            if (parse_class(r) < 0)
                return -1;
            last = LAST_ATOM;
            break;
        case '\\': {
            unsigned char e;
            uint32_t cp;
            char b[32];
            if (at + 1 >= r->len)
                return rx_fail(r, at, "\\ at end of pattern");
            e = r->src[at + 1];
            last = LAST_ATOM;
            if (e == 'b' || e == 'B') {
                /* ASCII word boundary: PCRE2_NEVER_UCP keeps it so */
                if (emits(r, e == 'b' ? "\\b" : "\\B") < 0)
                    return -1;
                r->pos += 2;
                last = LAST_ASSERT;
            } else if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
                if (emits(r, is_upper_escape(e) ? "[^" : "[") < 0 ||
                    emit_set_members(r, class_escape_set(e), 0) < 0 || emits(r, "]") < 0)
                    return -1;
                r->pos += 2;
            } else if (e == 'p' || e == 'P') {
                if (parse_property(r) < 0)
                    return -1;
            } else if (e == 'k') {
                size_t n;
                const rx_name *nm;
                if (at + 2 >= r->len || r->src[at + 2] != '<' || !(n = scan_name(r, at + 3)))
                    return rx_fail(r, at, "\\k must be followed by <name>");
                nm = find_name(r, r->src + at + 3, n);
                if (!nm)
                    return rx_fail(r, at, "\\k<name> names no capture group");
                snprintf(b, sizeof b, "\\g{%u}", nm->group);
                if (emits(r, b) < 0)
                    return -1;
                r->pos = at + 3 + n + 1;
            } else if (e >= '1' && e <= '9') {
                unsigned long v = 0;
                size_t p = at + 1;
                while (p < r->len && r->src[p] >= '0' && r->src[p] <= '9') {
                    if (v < 100000)
                        v = v * 10 + (unsigned long)(r->src[p] - '0');
                    p++;
                }
                if (v > r->ngroups)
                    return rx_fail(r, at, "backreference to a group that does not exist");
                snprintf(b, sizeof b, "\\g{%lu}", v);
                if (emits(r, b) < 0)
                    return -1;
                r->pos = p;
            } else {
                if (parse_char_escape(r, 0, &cp) < 0)
                    return -1;
                if (is_surrogate(cp)) {
                    if (emits(r, "(?:(?!))") < 0)
                        return -1;
                } else if (emit_literal(r, cp) < 0) {
                    return -1;
                }
            }
            break;
        }
        default: {
            uint32_t cp;
            if (pledge__utf8_next(r->src, r->len, &r->pos, &cp) < 0)
                return rx_fail(r, at, "invalid UTF-8");
            if (emit_literal(r, cp) < 0)
                return -1;
            last = LAST_ATOM;
            break;
        }
        }
        if (r->oom || r->msg)
            return -1;
    }
    if (depth)
        return rx_fail(r, r->len, "missing closing parenthesis");
    return 0;
}

/* ---- errors -------------------------------------------------------------- */

/* "invalid regular expression \"a(\" at offset 2: missing closing
 * parenthesis"; the pattern shown is cut at 64 bytes, control characters
 * escaped. */
static void set_error(char *err, size_t errlen, const char *pat, size_t plen, size_t off,
                      const char *reason)
{
    char shown[64 * 4 + 8];
    size_t i, n = 0, cut = plen > 64 ? 64 : plen;
    if (!err || !errlen)
        return;
    while (cut < plen && cut > 0 && ((unsigned char)pat[cut] & 0xC0) == 0x80)
        cut--;
    for (i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)pat[i];
        if (c < 0x20 || c == 0x7F)
            n += (size_t)snprintf(shown + n, sizeof shown - n, "\\x%02X", c);
        else
            shown[n++] = (char)c;
    }
    shown[n] = 0;
    snprintf(err, errlen, "invalid regular expression \"%s%s\" at offset %zu: %s", shown,
             cut < plen ? "..." : "", off, reason);
}

/* ---- compile ----------------------------------------------------------- */

int pledge__regex_compile(pledge_regex **out, const char *pattern, size_t len,
                          const pledge_allocator *allocator, char *err, size_t errlen)
{
    rx r;
    pledge_regex *re = NULL;
    pcre2_compile_context *cctx = NULL;
    int code, rc = PLEDGE_OK;
    PCRE2_SIZE eoff;
    const uint32_t options = PCRE2_UTF | PCRE2_NO_UTF_CHECK |
                             PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF |
                             PCRE2_NEVER_BACKSLASH_C | PCRE2_NEVER_UCP | PCRE2_ALLOW_EMPTY_CLASS;

    if (err && errlen)
        err[0] = 0;
    if (!out || (!pattern && len))
        return PLEDGE_EARG;
    *out = NULL;
    memset(&r, 0, sizeof r);
    r.a = allocator;
    r.src = (const unsigned char *)(pattern ? pattern : "");
    r.len = len;

    if (translate(&r) < 0) {
        if (r.oom) {
            rc = PLEDGE_ENOMEM;
        } else {
            set_error(err, errlen, pattern, len, r.msg_off, r.msg);
            rc = PLEDGE_EINVALID;
        }
        goto done;
    }
    if (r.olen == 0 && emit(&r, "(?:)", 4) < 0) {
        rc = PLEDGE_ENOMEM;
        goto done;
    }

    re = pledge__calloc(allocator, 1, sizeof *re);
    if (!re) {
        rc = PLEDGE_ENOMEM;
        goto done;
    }
    re->allocator = allocator;
    re->gctx = pcre2_general_context_create(rx_malloc, rx_free, (void *)allocator);
    if (!re->gctx) {
        rc = PLEDGE_ENOMEM;
        goto done;
    }
    cctx = pcre2_compile_context_create(re->gctx);
    if (!cctx) {
        rc = PLEDGE_ENOMEM;
        goto done;
    }
    re->code = pcre2_compile((PCRE2_SPTR)r.out, r.olen, options, &code, &eoff, cctx);
    if (!re->code) {
        PCRE2_UCHAR msg[256];
        if (code == PCRE2_ERROR_HEAP_FAILED || code == PCRE2_ERROR_NOMEMORY) {
            rc = PLEDGE_ENOMEM;
            goto done;
        }
        if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "PCRE2 error %d", code);
        set_error(err, errlen, pattern, len, eoff < r.olen ? r.map[eoff] : len,
                  (const char *)msg);
        rc = PLEDGE_EINVALID;
        goto done;
    }
    /* JIT where the platform has it; without it (or out of memory for it)
     * the interpreter runs the same pattern. */
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    re->has_fast = pledge__regex_fast_compile(&re->fast, pattern ? pattern : "", len);
    *out = re;
    re = NULL;

done:
    pcre2_compile_context_free(cctx);
    pledge__regex_free(re);
    pledge__free(allocator, r.out);
    pledge__free(allocator, r.map);
    pledge__free(allocator, r.names);
    return rc;
}

void pledge__regex_free(pledge_regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    pcre2_general_context_free(re->gctx);
    pledge__free(re->allocator, re);
}

/* ---- matching --------------------------------------------------------- */

typedef struct rx_tls {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
} rx_tls;

static _Thread_local rx_tls *tls_cache;
static _Thread_local int tls_failed;
static pthread_key_t tls_key;
static int tls_key_ok;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;

static void tls_release(rx_tls *t)
{
    if (!t)
        return;
    pcre2_match_data_free(t->md);
    pcre2_match_context_free(t->mctx);
    pcre2_jit_stack_free(t->jit);
    free(t);
}

static void tls_destroy(void *p)
{
    tls_release(p);
    tls_cache = NULL;
}

static void tls_key_init(void)
{
    tls_key_ok = pthread_key_create(&tls_key, tls_destroy) == 0;
}

static int set_limits(pcre2_match_context *mctx)
{
    return pcre2_set_match_limit(mctx, PLEDGE_REGEX_MATCH_LIMIT) != 0 ||
           pcre2_set_depth_limit(mctx, PLEDGE_REGEX_DEPTH_LIMIT) != 0 ||
           pcre2_set_heap_limit(mctx, PLEDGE_REGEX_HEAP_LIMIT_KIB) != 0;
}

/* The calling thread's cache, made on first use; NULL when it cannot be. */
static rx_tls *tls_get(void)
{
    rx_tls *t;
    if (tls_cache)
        return tls_cache;
    if (tls_failed)
        return NULL;
    pthread_once(&tls_once, tls_key_init);
    if (!tls_key_ok)
        goto fail;
    t = calloc(1, sizeof *t);
    if (!t)
        goto fail;
    t->md = pcre2_match_data_create(1, NULL);
    t->mctx = pcre2_match_context_create(NULL);
    if (!t->md || !t->mctx || set_limits(t->mctx)) {
        tls_release(t);
        goto fail;
    }
    t->jit = pcre2_jit_stack_create(PLEDGE_REGEX_JIT_STACK_START, PLEDGE_REGEX_JIT_STACK_MAX,
                                    NULL);
    if (t->jit)
        pcre2_jit_stack_assign(t->mctx, NULL, t->jit);
    if (pthread_setspecific(tls_key, t) != 0) {
        tls_release(t);
        goto fail;
    }
    tls_cache = t;
    return t;
fail:
    tls_failed = 1; /* do not retry on every call; the fallback works */
    return NULL;
}

static int map_match(int rc)
{
    if (rc >= 0)
        return 1; /* 0 means "matched, ovector too small": still a match */
    switch (rc) {
    case PCRE2_ERROR_NOMATCH:
        return 0;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
        return PLEDGE_ELIMIT;
    case PCRE2_ERROR_NOMEMORY:
        return PLEDGE_ENOMEM;
    default:
        if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
            return PLEDGE_EINVALID; /* the subject is not UTF-8 */
        return PLEDGE_ERROR;
    }
}

static int search(const pledge_regex *re, const char *s, size_t len, uint32_t options)
{
    rx_tls *t;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    int rc;
    if (!re || (!s && len))
        return PLEDGE_EARG;
    if (!s)
        s = "";
    t = tls_get();
    if (t)
        return map_match(pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, options, t->md, t->mctx));
    /* Fallback: this call's own match data, through the pattern's allocator. */
    md = pcre2_match_data_create(1, re->gctx);
    mctx = pcre2_match_context_create(re->gctx);
    if (!md || !mctx || set_limits(mctx)) {
        rc = PLEDGE_ENOMEM;
    } else {
        rc = map_match(pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, options, md, mctx));
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mctx);
    return rc;
}

int pledge__regex_search(const pledge_regex *re, const char *s, size_t len)
{
    if (re && re->has_fast && (s || !len))
        return pledge__regex_fast_search(&re->fast, s ? s : "", len);
    return search(re, s, len, 0);
}

const struct pledge_regex_fast *pledge__regex_fast_part(const pledge_regex *re)
{
    return re && re->has_fast ? &re->fast : NULL;
}

int pledge__regex_search_interpreted(const pledge_regex *re, const char *s, size_t len)
{
    return search(re, s, len, PCRE2_NO_JIT);
}
