/* SPDX-License-Identifier: MIT */
/* Internal: YAML 1.2 core schema resolution of plain scalars, and the
 * YAML 1.1 readings that differ (scalar.c). Shared by the YAML reader and
 * the YAML writer (which quotes any string that would not read back as a
 * string, or that YAML 1.1 would read differently). */
#ifndef PLEDGE_NODE_SCALAR_H
#define PLEDGE_NODE_SCALAR_H

#include "pledge/node.h"

/* The type a plain scalar with this text resolves to under the core
 * schema: NULL, BOOL, INT, FLOAT or STRING. */
pledge_node_type pledge__scalar_plain_type(const char *s, size_t len);

/* How YAML 1.1 would read this plain scalar differently, if at all. */
pledge_yaml11 pledge__scalar_yaml11(const char *s, size_t len);

/* 1 if @p s is a core-schema null (null Null NULL ~ or empty). */
int pledge__scalar_is_null(const char *s, size_t len);

/* 1 if @p s is a core-schema boolean (true True TRUE false False FALSE);
 * its value goes to *value. */
int pledge__scalar_bool(const char *s, size_t len, int *value);

/*
 * Split a core-schema integer ([-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+) into
 * its sign, base (8, 10 or 16) and digits (pointing into @p s, prefix
 * excluded), ready for pledge__int_from_digits. Returns 1, or 0 when @p s
 * is not such an integer.
 */
int pledge__scalar_int_parts(const char *s, size_t len, int *negative, int *base,
                             const char **digits, size_t *ndigits);

/*
 * The value of a core-schema float ([-+]?(.[0-9]+|[0-9]+(.[0-9]*)?)
 * ([eE][-+]?[0-9]+)?, [-+]?.inf, .nan in their three spellings), read the
 * same in every locale and correctly rounded. Long texts need a copy made
 * with @p allocator (NULL: default).
 * @return 0; PLEDGE_EINVALID when @p s is not a core float; PLEDGE_ENOMEM.
 */
int pledge__scalar_float(const char *s, size_t len, const pledge_allocator *allocator,
                         double *out);

/*
 * 1 when the number text @p s (a core float or a JSON number, decimal
 * notation) has a nonzero digit but read as @p value == 0: it lies below
 * the smallest double (about 4.9e-324) and underflowed, so 1e-400 would
 * silently equal 0. The readers report it as a yaml.float-underflow
 * warning, in these words (PLEDGE__FLOAT_UNDERFLOW_FMT, with the text cut
 * to 40 bytes and "..." when longer, as the yaml.limit message of a float
 * beyond the range). 0 for zero itself (0.0e-999), and for any nonzero
 * value, subnormals included.
 */
int pledge__scalar_float_underflow(const char *s, size_t len, double value);

#define PLEDGE__FLOAT_UNDERFLOW_CODE "yaml.float-underflow"
#define PLEDGE__FLOAT_UNDERFLOW_FMT                                                     \
    "the number %.*s%s is too small for a floating-point number (below about "         \
    "4.9e-324) and reads as 0"

/*
 * What YAML 1.1 would read the plain scalar @p s as, in the words of
 * pledge_node_yaml11_reading() ("false", "the integer 8", "the integer 80
 * (sexagesimal)", "a timestamp"...), written NUL-terminated to @p out
 * (@p cap bytes; PLEDGE_YAML11_WORDS_MAX is always enough). Returns the
 * length of the words, 0 when YAML 1.1 agrees with YAML 1.2.
 */
size_t pledge__scalar_yaml11_words(const char *s, size_t len, char *out, size_t cap);

/* The same in one call: the reading's kind, its words in @p out and their
 * length in *wlen (0 with PLEDGE_YAML11_NONE). */
pledge_yaml11 pledge__scalar_yaml11_read(const char *s, size_t len, char *out, size_t cap,
                                         size_t *wlen);

/* 0 when YAML 1.1 surely reads the plain scalar @p s as YAML 1.2 does,
 * judged from its first character alone: the readings of
 * pledge__scalar_yaml11() all start with one of these (booleans y n o,
 * numbers and timestamps). A cheap test before the full one, for the
 * reader's every scalar. */
static inline int pledge__scalar_yaml11_maybe(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    switch (s[0]) {
    case 'y': case 'Y': case 'n': case 'N': case 'o': case 'O':
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    case '8': case '9': case '-': case '+': case '.':
        return 1;
    default:
        return 0;
    }
}

#define PLEDGE_YAML11_WORDS_MAX 64

#endif
