/* SPDX-License-Identifier: MIT */
/*
 * Plain scalars under the YAML 1.2 core schema, and the YAML 1.1 readings
 * that differ from it. Every test looks at the first byte before anything
 * else: most scalars are words that no rule can match, and the reader calls
 * these functions for every plain scalar of a document.
 */
#include "scalar.h"
#include "core/alloc.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int eq(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len == n && memcmp(s, word, n) == 0;
}

/* ---- YAML 1.2 core schema ------------------------------------------- */

int pledge__scalar_is_null(const char *s, size_t len)
{
    if (len == 0)
        return 1;
    switch (s[0]) {
    case '~': return len == 1;
    case 'n': return eq(s, len, "null");
    case 'N': return eq(s, len, "Null") || eq(s, len, "NULL");
    default: return 0;
    }
}

int pledge__scalar_bool(const char *s, size_t len, int *value)
{
    int v;
    switch (len ? s[0] : 0) {
    case 't': v = eq(s, len, "true") ? 1 : -1; break;
    case 'T': v = eq(s, len, "True") || eq(s, len, "TRUE") ? 1 : -1; break;
    case 'f': v = eq(s, len, "false") ? 0 : -1; break;
    case 'F': v = eq(s, len, "False") || eq(s, len, "FALSE") ? 0 : -1; break;
    default: v = -1;
    }
    if (v < 0)
        return 0;
    if (value)
        *value = v;
    return 1;
}

int pledge__scalar_int_parts(const char *s, size_t len, int *negative, int *base,
                             const char **digits, size_t *ndigits)
{
    size_t i = 0, k;
    int neg = 0, b = 10;
    if (len == 0)
        return 0;
    if (len > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        b = s[1] == 'o' ? 8 : 16;
        i = 2;
        for (k = i; k < len; k++)
            if (b == 8 ? !(s[k] >= '0' && s[k] <= '7') : !is_hex(s[k]))
                return 0;
    } else {
        if (s[0] == '-' || s[0] == '+') {
            neg = s[0] == '-';
            i = 1;
        }
        if (i == len)
            return 0;
        for (k = i; k < len; k++)
            if (!is_digit(s[k]))
                return 0;
    }
    if (negative)
        *negative = neg;
    if (base)
        *base = b;
    if (digits)
        *digits = s + i;
    if (ndigits)
        *ndigits = len - i;
    return 1;
}

/* The parts of a core float in decimal notation: the significant digits
 * (leading zeros dropped) as an integer when they fit, and the power of ten
 * that scales them. */
typedef struct float_parts {
    int negative;
    int special;         /* 1: infinity, 2: NaN, 0: a decimal number */
    uint64_t mantissa;
    size_t digits;       /* significant digits, leading zeros excluded */
    long exponent;       /* value = mantissa * 10^exponent when digits <= 19 */
    int exp_overflow;
} float_parts;

static int float_syntax(const char *s, size_t len, float_parts *fp)
{
    size_t i = 0, before = 0, after = 0;
    long exp = 0;
    memset(fp, 0, sizeof *fp);
    if (len == 0)
        return 0;
    if (s[0] == '-' || s[0] == '+') {
        fp->negative = s[0] == '-';
        i = 1;
    }
    if (i < len && s[i] == '.' && len - i == 4) {
        const char *w = s + i + 1;
        if (!memcmp(w, "inf", 3) || !memcmp(w, "Inf", 3) || !memcmp(w, "INF", 3)) {
            fp->special = 1;
            return 1;
        }
        if (i == 0 && (!memcmp(w, "nan", 3) || !memcmp(w, "NaN", 3) || !memcmp(w, "NAN", 3))) {
            fp->special = 2;
            return 1;
        }
    }
    for (; i < len && is_digit(s[i]); i++, before++) {
        if (fp->digits || s[i] != '0') {
            if (fp->digits < 19)
                fp->mantissa = fp->mantissa * 10 + (uint64_t)(s[i] - '0');
            else
                exp++;
            fp->digits++;
        }
    }
    if (i < len && s[i] == '.') {
        for (i++; i < len && is_digit(s[i]); i++, after++) {
            if (fp->digits || s[i] != '0') {
                if (fp->digits < 19) {
                    fp->mantissa = fp->mantissa * 10 + (uint64_t)(s[i] - '0');
                    exp--;
                }
                fp->digits++;
            } else {
                exp--;
            }
        }
        if (before == 0 && after == 0)
            return 0;
    } else if (before == 0) {
        return 0;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        long e = 0;
        int eneg = 0;
        size_t start;
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        start = i;
        for (; i < len && is_digit(s[i]); i++) {
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
            else
                fp->exp_overflow = 1;
        }
        if (i == start)
            return 0;
        exp += eneg ? -e : e;
    }
    fp->exponent = exp;
    return i == len;
}

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void c_locale_init(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* strtod reads "1.5" as 1 in a locale whose decimal point is a comma: run
 * it in the "C" locale, for this thread only. */
static double c_strtod(const char *text)
{
    locale_t old;
    double v;
    pthread_once(&c_locale_once, c_locale_init);
    if (c_locale == (locale_t)0)
        return strtod(text, NULL); /* no memory for a locale: best effort */
    old = uselocale(c_locale);
    v = strtod(text, NULL);
    uselocale(old);
    return v;
}

int pledge__scalar_float(const char *s, size_t len, const pledge_allocator *allocator,
                         double *out)
{
    static const double pow10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    float_parts fp;
    char small[128], *copy;
    double v;
    if (!float_syntax(s, len, &fp))
        return PLEDGE_EINVALID;
    if (fp.special) {
        v = fp.special == 1 ? HUGE_VAL : NAN;
        *out = fp.negative ? -v : v;
        return PLEDGE_OK;
    }
    /* Exact operands give a correctly rounded result in one operation
     * (Clinger's fast path); everything else goes to strtod. */
    if (fp.digits <= 15 && fp.exponent >= -22 && fp.exponent <= 22 && !fp.exp_overflow) {
        v = (double)fp.mantissa;
        v = fp.exponent >= 0 ? v * pow10[fp.exponent] : v / pow10[-fp.exponent];
        *out = fp.negative ? -v : v;
        return PLEDGE_OK;
    }
    if (fp.digits == 0) {
        *out = fp.negative ? -0.0 : 0.0;
        return PLEDGE_OK;
    }
    copy = len < sizeof small ? small : pledge__malloc(allocator, len + 1);
    if (!copy)
        return PLEDGE_ENOMEM;
    memcpy(copy, s, len);
    copy[len] = '\0';
    *out = c_strtod(copy);
    if (copy != small)
        pledge__free(allocator, copy);
    return PLEDGE_OK;
}

int pledge__scalar_float_underflow(const char *s, size_t len, double value)
{
    size_t i;
    if (value != 0)
        return 0;
    /* Any nonzero digit of the significand (the exponent is after e/E). */
    for (i = 0; i < len && s[i] != 'e' && s[i] != 'E'; i++)
        if (s[i] >= '1' && s[i] <= '9')
            return 1;
    return 0;
}

pledge_node_type pledge__scalar_plain_type(const char *s, size_t len)
{
    float_parts fp;
    if (len == 0)
        return PLEDGE_NODE_NULL;
    switch (s[0]) {
    case '~': case 'n': case 'N':
        return pledge__scalar_is_null(s, len) ? PLEDGE_NODE_NULL : PLEDGE_NODE_STRING;
    case 't': case 'T': case 'f': case 'F':
        return pledge__scalar_bool(s, len, NULL) ? PLEDGE_NODE_BOOL : PLEDGE_NODE_STRING;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    case '8': case '9': case '-': case '+': case '.':
        if (pledge__scalar_int_parts(s, len, NULL, NULL, NULL, NULL))
            return PLEDGE_NODE_INT;
        return float_syntax(s, len, &fp) ? PLEDGE_NODE_FLOAT : PLEDGE_NODE_STRING;
    default:
        return PLEDGE_NODE_STRING;
    }
}

/* ---- YAML 1.1 -------------------------------------------------------- */

/* An unsigned accumulator that remembers overflowing. */
typedef struct acc {
    uint64_t v;
    int overflow;
} acc;

static void acc_add(acc *a, unsigned base, unsigned digit)
{
    if (a->overflow || a->v > (UINT64_MAX - digit) / base)
        a->overflow = 1;
    else
        a->v = a->v * base + digit;
}

static unsigned digit_value(char c)
{
    return (unsigned)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
}

/* "the integer -8" or, past 64 bits, "a large integer"; then @p suffix. */
static size_t int_words(char *out, size_t cap, int negative, acc a, const char *suffix)
{
    int n;
    if (a.overflow)
        n = snprintf(out, cap, "a large integer%s", suffix);
    else
        n = snprintf(out, cap, "the integer %s%llu%s", negative && a.v ? "-" : "",
                     (unsigned long long)a.v, suffix);
    return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}

/* Sexagesimal parts ":[0-5]?[0-9]" from s[*i] on, folded into @p a. Returns
 * the number of parts (0: none, or malformed). */
static size_t sexagesimal_parts(const char *s, size_t len, size_t *i, acc *a)
{
    size_t parts = 0, k = *i;
    while (k < len && s[k] == ':') {
        unsigned part;
        if (k + 1 >= len || !is_digit(s[k + 1]))
            return 0;
        part = (unsigned)(s[k + 1] - '0');
        k += 2;
        if (k < len && is_digit(s[k])) {
            if (part > 5)
                return 0;
            part = part * 10 + (unsigned)(s[k] - '0');
            k++;
        }
        acc_add(a, 60, part);
        parts++;
    }
    *i = k;
    return parts;
}

static size_t yaml11_number(const char *s, size_t len, char *out, size_t cap)
{
    size_t i = 0, k, underscores = 0, digits = 0;
    int negative = 0, sign = 0;
    acc a = { 0, 0 };
    const char *r;
    size_t n;

    if (s[0] == '-' || s[0] == '+') {
        negative = s[0] == '-';
        sign = 1;
        i = 1;
    }
    if (i >= len)
        return 0;
    r = s + i;
    n = len - i;

    if (n > 2 && r[0] == '0' && (r[1] == 'b' || r[1] == 'x')) {
        unsigned base = r[1] == 'b' ? 2 : 16;
        for (k = 2; k < n; k++) {
            if (r[k] == '_') {
                underscores++;
                continue;
            }
            if (base == 2 ? (r[k] != '0' && r[k] != '1') : !is_hex(r[k]))
                return 0;
            acc_add(&a, base, digit_value(r[k]));
            digits++;
        }
        if (!digits)
            return 0;
        /* YAML 1.2 reads 0x1F as 31 too, but has no signed or grouped hex. */
        if (base == 16 && !sign && !underscores)
            return 0;
        return int_words(out, cap, negative, a, base == 2 ? " (binary)" : "");
    }

    if (n > 1 && r[0] == '0') {
        size_t significant = 0;
        for (k = 1; k < n; k++) {
            if (r[k] == '_') {
                underscores++;
                continue;
            }
            if (r[k] < '0' || r[k] > '7')
                break;
            acc_add(&a, 8, (unsigned)(r[k] - '0'));
            if (significant || r[k] != '0')
                significant++;
        }
        if (k == n) {
            /* 07 is 7 either way; 010 is 10 in YAML 1.2 but 8 in YAML 1.1. */
            if (!underscores && significant < 2)
                return 0;
            return int_words(out, cap, negative, a, "");
        }
        /* Not octal: perhaps a float such as 0_1.5 (below). */
    }

    if (is_digit(r[0])) {
        /* Integer part [0-9][0-9_]* (decimal ints need [1-9] first). */
        acc d = { 0, 0 };
        for (k = 0; k < n && (is_digit(r[k]) || r[k] == '_'); k++) {
            if (r[k] == '_')
                underscores++;
            else
                acc_add(&d, 10, (unsigned)(r[k] - '0'));
        }
        if (k == n) {
            if (!underscores || r[0] == '0')
                return 0; /* same integer in YAML 1.2, or not a 1.1 int */
            return int_words(out, cap, negative, d, "");
        }
        if (r[k] == ':') {
            size_t j = k, parts = sexagesimal_parts(r, n, &j, &d);
            if (!parts)
                return 0;
            if (j == n) {
                if (r[0] == '0')
                    return 0;
                return int_words(out, cap, negative, d, " (sexagesimal)");
            }
            if (r[j] == '.') {
                /* Sexagesimal float: [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* */
                char frac[24];
                size_t f = 0;
                int w;
                for (j++; j < n; j++) {
                    if (r[j] == '_')
                        continue;
                    if (!is_digit(r[j]))
                        return 0;
                    if (f + 1 < sizeof frac)
                        frac[f++] = r[j];
                }
                frac[f] = '\0';
                if (d.overflow)
                    w = snprintf(out, cap, "a large number (sexagesimal)");
                else
                    w = snprintf(out, cap, "the number %s%llu%s%s (sexagesimal)",
                                 negative ? "-" : "", (unsigned long long)d.v,
                                 f ? "." : "", frac);
                return w < 0 ? 0 : (size_t)w >= cap ? cap - 1 : (size_t)w;
            }
            return 0;
        }
    }

    /* Float [-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?: a trap only when
     * the underscores make YAML 1.2 read a string. */
    {
        size_t dots = 0, m = 0;
        int w;
        char text[PLEDGE_YAML11_WORDS_MAX];
        underscores = 0;
        for (k = 0; k < n && (is_digit(r[k]) || r[k] == '_'); k++)
            underscores += r[k] == '_';
        if (k == n || r[k] != '.' || !underscores || (k > 0 && r[0] == '_'))
            return 0;
        for (; k < n && (is_digit(r[k]) || r[k] == '.'); k++)
            dots += r[k] == '.';
        if (dots != 1)
            return 0; /* 1.2.3 would not convert to a number */
        if (k < n) {
            size_t e = k;
            if (r[e] != 'e' && r[e] != 'E')
                return 0;
            e++;
            if (e >= n || (r[e] != '-' && r[e] != '+'))
                return 0;
            for (e++; e < n; e++)
                if (!is_digit(r[e]))
                    return 0;
            if (!is_digit(r[n - 1]))
                return 0;
        }
        for (k = 0; k < n && m + 1 < sizeof text; k++)
            if (r[k] != '_')
                text[m++] = r[k];
        text[m] = '\0';
        w = snprintf(out, cap, "the number %s%s", negative ? "-" : "", text);
        return w < 0 ? 0 : (size_t)w >= cap ? cap - 1 : (size_t)w;
    }
}

/* YAML 1.1 timestamps: 2024-01-01, and with a time 2024-1-1 10:00[:00]
 * (seconds optional: people write them without, and a 1.1 reader that
 * rejects such a value still does not read a plain string). */
static int yaml11_timestamp(const char *s, size_t len)
{
    size_t i, k, m, d;
    if (len < 8)
        return 0;
    for (i = 0; i < 4; i++)
        if (!is_digit(s[i]))
            return 0;
    if (s[4] != '-')
        return 0;
    for (i = 5, m = 0; i < len && is_digit(s[i]) && m < 2; i++, m++)
        ;
    if (!m || i >= len || s[i] != '-')
        return 0;
    for (i++, d = 0; i < len && is_digit(s[i]) && d < 2; i++, d++)
        ;
    if (!d)
        return 0;
    if (i == len)
        return m == 2 && d == 2;
    if (s[i] == 'T' || s[i] == 't') {
        i++;
    } else if (s[i] == ' ' || s[i] == '\t') {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
    } else {
        return 0;
    }
    for (k = 0; i < len && is_digit(s[i]) && k < 2; i++, k++)
        ;
    if (!k || i + 2 >= len || s[i] != ':' || !is_digit(s[i + 1]) || !is_digit(s[i + 2]))
        return 0;
    i += 3;
    if (i + 2 < len && s[i] == ':' && is_digit(s[i + 1]) && is_digit(s[i + 2])) {
        i += 3;
        if (i < len && s[i] == '.')
            for (i++; i < len && is_digit(s[i]); i++)
                ;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == len)
        return 1;
    if (s[i] == 'Z')
        return i + 1 == len;
    if (s[i] != '-' && s[i] != '+')
        return 0;
    for (i++, k = 0; i < len && is_digit(s[i]) && k < 2; i++, k++)
        ;
    if (!k)
        return 0;
    if (i < len && s[i] == ':') {
        if (i + 3 != len || !is_digit(s[i + 1]) || !is_digit(s[i + 2]))
            return 0;
        i += 3;
    }
    return i == len;
}

static int yaml11_bool(const char *s, size_t len)
{
    /* The YAML 1.1 boolean type lists these spellings only; "yEs" is a
     * string for YAML 1.1 too. Returns 1 (true), 0 (false) or -1. */
    static const char *const yes[] = { "y", "Y", "yes", "Yes", "YES", "on", "On", "ON" };
    static const char *const no[] = { "n", "N", "no", "No", "NO", "off", "Off", "OFF" };
    size_t i;
    if (len > 3)
        return -1;
    for (i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (eq(s, len, yes[i]))
            return 1;
        if (eq(s, len, no[i]))
            return 0;
    }
    return -1;
}

/* Copy a fixed word (snprintf costs more than the whole test). */
static size_t put_word(char *out, size_t cap, const char *word)
{
    size_t n = strlen(word);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, word, n);
    out[n] = '\0';
    return n;
}

static pledge_yaml11 classify(const char *s, size_t len, char *out, size_t cap, size_t *wlen)
{
    char tmp[PLEDGE_YAML11_WORDS_MAX];
    size_t n;
    if (!out) {
        out = tmp;
        cap = sizeof tmp;
    }
    *wlen = 0;
    if (!pledge__scalar_yaml11_maybe(s, len))
        return PLEDGE_YAML11_NONE;
    switch (s[0]) {
    case 'y': case 'Y': case 'n': case 'N': case 'o': case 'O': {
        int b = yaml11_bool(s, len);
        if (b < 0)
            return PLEDGE_YAML11_NONE;
        *wlen = put_word(out, cap, b ? "true" : "false");
        return PLEDGE_YAML11_BOOL;
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    case '8': case '9':
        if (yaml11_timestamp(s, len)) {
            *wlen = put_word(out, cap, "a timestamp");
            return PLEDGE_YAML11_TIMESTAMP;
        }
        /* fall through */
    case '-': case '+': case '.':
        n = yaml11_number(s, len, out, cap);
        if (!n)
            return PLEDGE_YAML11_NONE;
        *wlen = n;
        return PLEDGE_YAML11_NUMBER;
    default:
        return PLEDGE_YAML11_NONE;
    }
}

pledge_yaml11 pledge__scalar_yaml11(const char *s, size_t len)
{
    size_t n;
    return classify(s, len, NULL, 0, &n);
}

pledge_yaml11 pledge__scalar_yaml11_read(const char *s, size_t len, char *out, size_t cap,
                                         size_t *wlen)
{
    pledge_yaml11 y = PLEDGE_YAML11_NONE;
    *wlen = 0;
    if (out && cap)
        out[0] = '\0';
    if (out && cap && (y = classify(s, len, out, cap, wlen)) == PLEDGE_YAML11_NONE) {
        out[0] = '\0';
        *wlen = 0;
    }
    return y;
}

size_t pledge__scalar_yaml11_words(const char *s, size_t len, char *out, size_t cap)
{
    size_t n;
    (void)pledge__scalar_yaml11_read(s, len, out, cap, &n);
    return n;
}
