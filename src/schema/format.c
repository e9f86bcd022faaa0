/* SPDX-License-Identifier: MIT */
/*
 * The "format" assertions, each checked against its RFC's grammar by a small
 * hand-written parser (no regular expressions): RFC 3339 (date, time,
 * date-time, duration), RFC 5321/5322 and 6531 (email, idn-email), RFC 1123
 * with RFC 5890-5892 A-labels (hostname), RFC 2673/4291 (ipv4, ipv6),
 * RFC 3986/3987 (uri, uri-reference, iri, iri-reference), RFC 6570
 * (uri-template), RFC 4122 (uuid), RFC 6901 (json-pointer), the Relative
 * JSON Pointer draft, and ECMA-262 (regex, through regex.c).
 *
 * Every check reads only its arguments: no state, no allocation (except
 * compiling a pattern for "regex"), safe from any thread.
 *
 * Choices where the RFCs leave room (the JSON-Schema-Test-Suite's reading):
 * - date-time and time: T and Z in either case; a leap second (60) only at
 *   23:59 UTC after applying the offset; any date may carry one;
 * - duration: upper-case designators; weeks stand alone (P2W);
 * - email: local part at most 64 octets; no obsolete syntax, no comments,
 *   no folding white space; a domain is a hostname or an address literal
 *   [IPv4] or [IPv6:...]; general address literals are refused (no tag is
 *   standardized);
 * - hostname: no trailing dot; an xn-- label must decode (RFC 3492) to a
 *   U-label that encodes back to the same label and passes RFC 5891 5.4,
 *   the RFC 5892 contextual rules and, in a name holding right-to-left
 *   text, the Bidi rule (RFC 5893); idn-hostname also takes U-labels and
 *   the separators U+3002, U+FF0E, U+FF61, with each label's A-label form
 *   within 63 octets and the whole within 253.
 *   Not done: NFC, and the full IDNA2008 derived property table: code
 *   points are refused by a coarse approximation of DISALLOWED (ASCII
 *   other than LDH, upper case, Latin-1 symbols and punctuation, spaces,
 *   general punctuation, fullwidth forms, old Hangul jamo, private use and
 *   the RFC 5892 exceptions); scripts and joining types come from small
 *   tables of the main blocks, marks, viramas and Bidi classes from
 *   Unicode 14 tables;
 * - uri: IPv4-looking hosts are reg-names (so 999.999.999.999 passes), but
 *   an IPv4 embedded in an IPv6 literal must be a valid dotted quad.
 */
#include "schema/format.h"
#include "schema/regex.h"
#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

/* ---- small helpers ----------------------------------------------------- */

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_hexdig(int c)
{
    return is_digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}


/* Exactly @p n ASCII digits at s[0..n) as a number, or -1. */
static long num(const unsigned char *s, size_t n)
{
    long v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

typedef struct range {
    uint32_t lo, hi;
} range;

static int in_ranges(uint32_t c, const range *r, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < r[mid].lo)
            hi = mid;
        else if (c > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* ---- RFC 3339: date, time, date-time ------------------------------------ */

static int days_in_month(long y, long m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* full-date = date-fullyear "-" date-month "-" date-mday */
static int check_date(const unsigned char *s, size_t n)
{
    long y, m, d;
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    y = num(s, 4);
    m = num(s + 5, 2);
    d = num(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days_in_month(y, m);
}

/* full-time = partial-time time-offset
 * partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]
 * time-offset = "Z" / ("+" / "-") time-hour ":" time-minute */
static int check_time(const unsigned char *s, size_t n)
{
    long h, m, sec, oh = 0, om = 0, utc;
    size_t i = 8;
    int sign = 0;
    if (n < 9 || s[2] != ':' || s[5] != ':')
        return 0;
    h = num(s, 2);
    m = num(s + 3, 2);
    sec = num(s + 6, 2);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
        return 0;
    if (s[i] == '.') {
        size_t start = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
    }
    if (i == n)
        return 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        if (i + 1 != n)
            return 0;
    } else if (s[i] == '+' || s[i] == '-') {
        sign = s[i] == '+' ? 1 : -1;
        if (n - i != 6 || s[i + 3] != ':')
            return 0;
        oh = num(s + i + 1, 2);
        om = num(s + i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return 0;
    } else {
        return 0;
    }
    if (sec == 60) {
        /* a leap second happens at 23:59:60 UTC only */
        utc = ((h * 60 + m - sign * (oh * 60 + om)) % 1440 + 1440) % 1440;
        if (utc != 23 * 60 + 59)
            return 0;
    }
    return 1;
}

static int check_date_time(const unsigned char *s, size_t n)
{
    if (n < 11 || (s[10] != 'T' && s[10] != 't'))
        return 0;
    return check_date(s, 10) && check_time(s + 11, n - 11);
}

/* ---- RFC 3339 appendix A: duration -------------------------------------- */

/*
 * duration = "P" (dur-date / dur-time / dur-week)
 * dur-date = (dur-day / dur-month / dur-year) [dur-time]
 * dur-year = 1*DIGIT "Y" [dur-month]   dur-month = 1*DIGIT "M" [dur-day]
 * dur-time = "T" (dur-hour / dur-minute / dur-second)
 * dur-hour = 1*DIGIT "H" [dur-minute]  dur-minute = 1*DIGIT "M" [dur-second]
 * So the designators present must be consecutive in Y M D (or H M S) order.
 */
static int duration_part(const unsigned char *s, size_t n, size_t *i, const char *units)
{
    int next = 0, count = 0, last = -1;
    while (*i < n && s[*i] != 'T') {
        size_t start = *i;
        const char *u;
        while (*i < n && is_digit(s[*i]))
            (*i)++;
        if (*i == start || *i == n)
            return -1;
        u = strchr(units, s[*i]);
        if (!s[*i] || !u)
            return -1;
        if ((int)(u - units) < next || (last >= 0 && (int)(u - units) != last + 1))
            return -1;
        last = (int)(u - units);
        next = last + 1;
        count++;
        (*i)++;
    }
    return count;
}

static int check_duration(const unsigned char *s, size_t n)
{
    size_t i = 1;
    int date, time = 0;
    if (n < 3 || s[0] != 'P')
        return 0;
    if (s[n - 1] == 'W') { /* dur-week = 1*DIGIT "W", alone */
        for (i = 1; i < n - 1; i++)
            if (!is_digit(s[i]))
                return 0;
        return 1;
    }
    date = duration_part(s, n, &i, "YMD");
    if (date < 0)
        return 0;
    if (i < n) { /* 'T' */
        i++;
        time = duration_part(s, n, &i, "HMS");
        if (time <= 0 || i != n)
            return 0;
    }
    return date + time > 0;
}

/* ---- IP addresses --------------------------------------------------------- */

/* dec-octet "." dec-octet "." dec-octet "." dec-octet, no leading zeros. */
static int check_ipv4(const unsigned char *s, size_t n)
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        size_t start = i;
        long v = 0;
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return 0;
            start = ++i;
        }
        while (i < n && is_digit(s[i]) && i - start < 3)
            v = v * 10 + (s[i++] - '0');
        if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
            return 0;
    }
    return i == n;
}

/* RFC 4291 section 2.2 text forms, as RFC 3986's IPv6address: eight groups
 * of 1-4 hex digits, one "::" for a run of zero groups, an IPv4 dotted quad
 * in place of the last two. No zone id, no prefix length. */
static int check_ipv6(const unsigned char *s, size_t n)
{
    size_t i = 0;
    int groups = 0, compressed = 0;
    if (n < 2)
        return 0;
    if (s[0] == ':') {
        if (s[1] != ':')
            return 0;
        compressed = 1;
        i = 2;
        if (i == n)
            return 1;
    }
    for (;;) {
        size_t start = i;
        while (i < n && is_hexdig(s[i]) && i - start < 5)
            i++;
        if (i < n && s[i] == '.') {
            if (!check_ipv4(s + start, n - start))
                return 0;
            groups += 2;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups++;
        if (i == n)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < n && s[i] == ':') {
            if (compressed)
                return 0;
            compressed = 1;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return 0;
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

/* ---- hostname: RFC 1123 labels, RFC 5890-5892 A-labels ------------------ */

/* Combining marks (General_Category Mn, Mc, Me), Unicode 14. */
static const range marks[] = {
    { 0x300, 0x36F }, { 0x483, 0x489 }, { 0x591, 0x5BD }, { 0x5BF, 0x5BF }, { 0x5C1, 0x5C2 },
    { 0x5C4, 0x5C5 }, { 0x5C7, 0x5C7 }, { 0x610, 0x61A }, { 0x64B, 0x65F }, { 0x670, 0x670 },
    { 0x6D6, 0x6DC }, { 0x6DF, 0x6E4 }, { 0x6E7, 0x6E8 }, { 0x6EA, 0x6ED }, { 0x711, 0x711 },
    { 0x730, 0x74A }, { 0x7A6, 0x7B0 }, { 0x7EB, 0x7F3 }, { 0x7FD, 0x7FD }, { 0x816, 0x819 },
    { 0x81B, 0x823 }, { 0x825, 0x827 }, { 0x829, 0x82D }, { 0x859, 0x85B }, { 0x898, 0x89F },
    { 0x8CA, 0x8E1 }, { 0x8E3, 0x903 }, { 0x93A, 0x93C }, { 0x93E, 0x94F }, { 0x951, 0x957 },
    { 0x962, 0x963 }, { 0x981, 0x983 }, { 0x9BC, 0x9BC }, { 0x9BE, 0x9C4 }, { 0x9C7, 0x9C8 },
    { 0x9CB, 0x9CD }, { 0x9D7, 0x9D7 }, { 0x9E2, 0x9E3 }, { 0x9FE, 0x9FE }, { 0xA01, 0xA03 },
    { 0xA3C, 0xA3C }, { 0xA3E, 0xA42 }, { 0xA47, 0xA48 }, { 0xA4B, 0xA4D }, { 0xA51, 0xA51 },
    { 0xA70, 0xA71 }, { 0xA75, 0xA75 }, { 0xA81, 0xA83 }, { 0xABC, 0xABC }, { 0xABE, 0xAC5 },
    { 0xAC7, 0xAC9 }, { 0xACB, 0xACD }, { 0xAE2, 0xAE3 }, { 0xAFA, 0xAFF }, { 0xB01, 0xB03 },
    { 0xB3C, 0xB3C }, { 0xB3E, 0xB44 }, { 0xB47, 0xB48 }, { 0xB4B, 0xB4D }, { 0xB55, 0xB57 },
    { 0xB62, 0xB63 }, { 0xB82, 0xB82 }, { 0xBBE, 0xBC2 }, { 0xBC6, 0xBC8 }, { 0xBCA, 0xBCD },
    { 0xBD7, 0xBD7 }, { 0xC00, 0xC04 }, { 0xC3C, 0xC3C }, { 0xC3E, 0xC44 }, { 0xC46, 0xC48 },
    { 0xC4A, 0xC4D }, { 0xC55, 0xC56 }, { 0xC62, 0xC63 }, { 0xC81, 0xC83 }, { 0xCBC, 0xCBC },
    { 0xCBE, 0xCC4 }, { 0xCC6, 0xCC8 }, { 0xCCA, 0xCCD }, { 0xCD5, 0xCD6 }, { 0xCE2, 0xCE3 },
    { 0xD00, 0xD03 }, { 0xD3B, 0xD3C }, { 0xD3E, 0xD44 }, { 0xD46, 0xD48 }, { 0xD4A, 0xD4D },
    { 0xD57, 0xD57 }, { 0xD62, 0xD63 }, { 0xD81, 0xD83 }, { 0xDCA, 0xDCA }, { 0xDCF, 0xDD4 },
    { 0xDD6, 0xDD6 }, { 0xDD8, 0xDDF }, { 0xDF2, 0xDF3 }, { 0xE31, 0xE31 }, { 0xE34, 0xE3A },
    { 0xE47, 0xE4E }, { 0xEB1, 0xEB1 }, { 0xEB4, 0xEBC }, { 0xEC8, 0xECD }, { 0xF18, 0xF19 },
    { 0xF35, 0xF35 }, { 0xF37, 0xF37 }, { 0xF39, 0xF39 }, { 0xF3E, 0xF3F }, { 0xF71, 0xF84 },
    { 0xF86, 0xF87 }, { 0xF8D, 0xF97 }, { 0xF99, 0xFBC }, { 0xFC6, 0xFC6 }, { 0x102B, 0x103E },
    { 0x1056, 0x1059 }, { 0x105E, 0x1060 }, { 0x1062, 0x1064 }, { 0x1067, 0x106D },
    { 0x1071, 0x1074 }, { 0x1082, 0x108D }, { 0x108F, 0x108F }, { 0x109A, 0x109D },
    { 0x135D, 0x135F }, { 0x1712, 0x1715 }, { 0x1732, 0x1734 }, { 0x1752, 0x1753 },
    { 0x1772, 0x1773 }, { 0x17B4, 0x17D3 }, { 0x17DD, 0x17DD }, { 0x180B, 0x180D },
    { 0x180F, 0x180F }, { 0x1885, 0x1886 }, { 0x18A9, 0x18A9 }, { 0x1920, 0x192B },
    { 0x1930, 0x193B }, { 0x1A17, 0x1A1B }, { 0x1A55, 0x1A5E }, { 0x1A60, 0x1A7C },
    { 0x1A7F, 0x1A7F }, { 0x1AB0, 0x1ACE }, { 0x1B00, 0x1B04 }, { 0x1B34, 0x1B44 },
    { 0x1B6B, 0x1B73 }, { 0x1B80, 0x1B82 }, { 0x1BA1, 0x1BAD }, { 0x1BE6, 0x1BF3 },
    { 0x1C24, 0x1C37 }, { 0x1CD0, 0x1CD2 }, { 0x1CD4, 0x1CE8 }, { 0x1CED, 0x1CED },
    { 0x1CF4, 0x1CF4 }, { 0x1CF7, 0x1CF9 }, { 0x1DC0, 0x1DFF }, { 0x20D0, 0x20F0 },
    { 0x2CEF, 0x2CF1 }, { 0x2D7F, 0x2D7F }, { 0x2DE0, 0x2DFF }, { 0x302A, 0x302F },
    { 0x3099, 0x309A }, { 0xA66F, 0xA672 }, { 0xA674, 0xA67D }, { 0xA69E, 0xA69F },
    { 0xA6F0, 0xA6F1 }, { 0xA802, 0xA802 }, { 0xA806, 0xA806 }, { 0xA80B, 0xA80B },
    { 0xA823, 0xA827 }, { 0xA82C, 0xA82C }, { 0xA880, 0xA881 }, { 0xA8B4, 0xA8C5 },
    { 0xA8E0, 0xA8F1 }, { 0xA8FF, 0xA8FF }, { 0xA926, 0xA92D }, { 0xA947, 0xA953 },
    { 0xA980, 0xA983 }, { 0xA9B3, 0xA9C0 }, { 0xA9E5, 0xA9E5 }, { 0xAA29, 0xAA36 },
    { 0xAA43, 0xAA43 }, { 0xAA4C, 0xAA4D }, { 0xAA7B, 0xAA7D }, { 0xAAB0, 0xAAB0 },
    { 0xAAB2, 0xAAB4 }, { 0xAAB7, 0xAAB8 }, { 0xAABE, 0xAABF }, { 0xAAC1, 0xAAC1 },
    { 0xAAEB, 0xAAEF }, { 0xAAF5, 0xAAF6 }, { 0xABE3, 0xABEA }, { 0xABEC, 0xABED },
    { 0xFB1E, 0xFB1E }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0x101FD, 0x101FD },
    { 0x102E0, 0x102E0 }, { 0x10376, 0x1037A }, { 0x10A01, 0x10A03 }, { 0x10A05, 0x10A06 },
    { 0x10A0C, 0x10A0F }, { 0x10A38, 0x10A3A }, { 0x10A3F, 0x10A3F }, { 0x10AE5, 0x10AE6 },
    { 0x10D24, 0x10D27 }, { 0x10EAB, 0x10EAC }, { 0x10F46, 0x10F50 }, { 0x10F82, 0x10F85 },
    { 0x11000, 0x11002 }, { 0x11038, 0x11046 }, { 0x11070, 0x11070 }, { 0x11073, 0x11074 },
    { 0x1107F, 0x11082 }, { 0x110B0, 0x110BA }, { 0x110C2, 0x110C2 }, { 0x11100, 0x11102 },
    { 0x11127, 0x11134 }, { 0x11145, 0x11146 }, { 0x11173, 0x11173 }, { 0x11180, 0x11182 },
    { 0x111B3, 0x111C0 }, { 0x111C9, 0x111CC }, { 0x111CE, 0x111CF }, { 0x1122C, 0x11237 },
    { 0x1123E, 0x1123E }, { 0x112DF, 0x112EA }, { 0x11300, 0x11303 }, { 0x1133B, 0x1133C },
    { 0x1133E, 0x11344 }, { 0x11347, 0x11348 }, { 0x1134B, 0x1134D }, { 0x11357, 0x11357 },
    { 0x11362, 0x11363 }, { 0x11366, 0x1136C }, { 0x11370, 0x11374 }, { 0x11435, 0x11446 },
    { 0x1145E, 0x1145E }, { 0x114B0, 0x114C3 }, { 0x115AF, 0x115B5 }, { 0x115B8, 0x115C0 },
    { 0x115DC, 0x115DD }, { 0x11630, 0x11640 }, { 0x116AB, 0x116B7 }, { 0x1171D, 0x1172B },
    { 0x1182C, 0x1183A }, { 0x11930, 0x11935 }, { 0x11937, 0x11938 }, { 0x1193B, 0x1193E },
    { 0x11940, 0x11940 }, { 0x11942, 0x11943 }, { 0x119D1, 0x119D7 }, { 0x119DA, 0x119E0 },
    { 0x119E4, 0x119E4 }, { 0x11A01, 0x11A0A }, { 0x11A33, 0x11A39 }, { 0x11A3B, 0x11A3E },
    { 0x11A47, 0x11A47 }, { 0x11A51, 0x11A5B }, { 0x11A8A, 0x11A99 }, { 0x11C2F, 0x11C36 },
    { 0x11C38, 0x11C3F }, { 0x11C92, 0x11CA7 }, { 0x11CA9, 0x11CB6 }, { 0x11D31, 0x11D36 },
    { 0x11D3A, 0x11D3A }, { 0x11D3C, 0x11D3D }, { 0x11D3F, 0x11D45 }, { 0x11D47, 0x11D47 },
    { 0x11D8A, 0x11D8E }, { 0x11D90, 0x11D91 }, { 0x11D93, 0x11D97 }, { 0x11EF3, 0x11EF6 },
    { 0x16AF0, 0x16AF4 }, { 0x16B30, 0x16B36 }, { 0x16F4F, 0x16F4F }, { 0x16F51, 0x16F87 },
    { 0x16F8F, 0x16F92 }, { 0x16FE4, 0x16FE4 }, { 0x16FF0, 0x16FF1 }, { 0x1BC9D, 0x1BC9E },
    { 0x1CF00, 0x1CF2D }, { 0x1CF30, 0x1CF46 }, { 0x1D165, 0x1D169 }, { 0x1D16D, 0x1D172 },
    { 0x1D17B, 0x1D182 }, { 0x1D185, 0x1D18B }, { 0x1D1AA, 0x1D1AD }, { 0x1D242, 0x1D244 },
    { 0x1DA00, 0x1DA36 }, { 0x1DA3B, 0x1DA6C }, { 0x1DA75, 0x1DA75 }, { 0x1DA84, 0x1DA84 },
    { 0x1DA9B, 0x1DA9F }, { 0x1DAA1, 0x1DAAF }, { 0x1E000, 0x1E006 }, { 0x1E008, 0x1E018 },
    { 0x1E01B, 0x1E021 }, { 0x1E023, 0x1E024 }, { 0x1E026, 0x1E02A }, { 0x1E130, 0x1E136 },
    { 0x1E2AE, 0x1E2AE }, { 0x1E2EC, 0x1E2EF }, { 0x1E8D0, 0x1E8D6 }, { 0x1E944, 0x1E94A },
    { 0xE0100, 0xE01EF },
};

/* Canonical_Combining_Class 9 (Virama), Unicode 14. */
static const uint32_t viramas[] = {
    0x94D, 0x9CD, 0xA4D, 0xACD, 0xB4D, 0xBCD, 0xC4D, 0xCCD, 0xD3B, 0xD3C, 0xD4D, 0xDCA, 0xE3A,
    0xEBA, 0xF84, 0x1039, 0x103A, 0x1714, 0x1715, 0x1734, 0x17D2, 0x1A60, 0x1B44, 0x1BAA,
    0x1BAB, 0x1BF2, 0x1BF3, 0x2D7F, 0xA806, 0xA82C, 0xA8C4, 0xA953, 0xA9C0, 0xAAF6, 0xABED,
    0x10A3F, 0x11046, 0x11070, 0x1107F, 0x110B9, 0x11133, 0x11134, 0x111C0, 0x11235, 0x112EA,
    0x1134D, 0x11442, 0x114C2, 0x115BF, 0x1163F, 0x116B6, 0x1172B, 0x11839, 0x1193D, 0x1193E,
    0x119E0, 0x11A34, 0x11A47, 0x11A99, 0x11C3F, 0x11D44, 0x11D45, 0x11D97,
};

static const range greek[] = {
    { 0x370, 0x373 }, { 0x375, 0x377 }, { 0x37A, 0x37D }, { 0x37F, 0x37F }, { 0x384, 0x384 },
    { 0x386, 0x386 }, { 0x388, 0x38A }, { 0x38C, 0x38C }, { 0x38E, 0x3A1 }, { 0x3A3, 0x3E1 },
    { 0x3F0, 0x3FF }, { 0x1D26, 0x1D2A }, { 0x1D5D, 0x1D61 }, { 0x1D66, 0x1D6A },
    { 0x1DBF, 0x1DBF }, { 0x1F00, 0x1FFE }, { 0x2126, 0x2126 }, { 0xAB65, 0xAB65 },
    { 0x10140, 0x1018E }, { 0x101A0, 0x101A0 }, { 0x1D200, 0x1D245 },
};

static const range hebrew[] = {
    { 0x591, 0x5C7 }, { 0x5D0, 0x5EA }, { 0x5EF, 0x5F4 }, { 0xFB1D, 0xFB4F },
};

/* Hiragana, Katakana (without U+30FB itself) and Han. */
static const range kana_han[] = {
    { 0x2E80, 0x2E99 }, { 0x2E9B, 0x2EF3 }, { 0x2F00, 0x2FD5 }, { 0x3005, 0x3005 },
    { 0x3007, 0x3007 }, { 0x3021, 0x3029 }, { 0x3038, 0x303B }, { 0x3041, 0x3096 },
    { 0x309D, 0x309F }, { 0x30A1, 0x30FA }, { 0x30FD, 0x30FF }, { 0x31F0, 0x31FF },
    { 0x32D0, 0x32FE }, { 0x3300, 0x3357 }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
    { 0xF900, 0xFAD9 }, { 0xFF66, 0xFF6F }, { 0xFF71, 0xFF9D }, { 0x16FE2, 0x16FE3 },
    { 0x16FF0, 0x16FF1 }, { 0x1AFF0, 0x1B122 }, { 0x1B150, 0x1B152 }, { 0x1B164, 0x1B167 },
    { 0x1F200, 0x1F200 }, { 0x20000, 0x2FA1D }, { 0x30000, 0x3134A },
};

/* Joining_Type R (right-joining) and D (dual-joining) in the Arabic, Syriac,
 * N'Ko and Mongolian blocks, for the ZERO WIDTH NON-JOINER rule. */
static const range join_right[] = {
    { 0x622, 0x625 }, { 0x627, 0x627 }, { 0x629, 0x629 }, { 0x62F, 0x632 }, { 0x648, 0x648 },
    { 0x671, 0x673 }, { 0x675, 0x677 }, { 0x688, 0x699 }, { 0x6C0, 0x6C0 }, { 0x6C3, 0x6CB },
    { 0x6CD, 0x6CD }, { 0x6CF, 0x6CF }, { 0x6D2, 0x6D3 }, { 0x6D5, 0x6D5 }, { 0x6EE, 0x6EF },
    { 0x710, 0x710 }, { 0x715, 0x719 }, { 0x71E, 0x71E }, { 0x728, 0x728 }, { 0x72A, 0x72A },
    { 0x72C, 0x72C }, { 0x72F, 0x72F }, { 0x74D, 0x74D }, { 0x759, 0x75B }, { 0x76B, 0x76C },
    { 0x771, 0x771 }, { 0x773, 0x774 }, { 0x778, 0x779 }, { 0x8AA, 0x8AC }, { 0x8AE, 0x8AE },
    { 0x8B1, 0x8B2 }, { 0x8B9, 0x8B9 },
};

static const range join_dual[] = {
    { 0x620, 0x620 }, { 0x626, 0x626 }, { 0x628, 0x628 }, { 0x62A, 0x62E }, { 0x633, 0x63F },
    { 0x641, 0x647 }, { 0x649, 0x64A }, { 0x66E, 0x66F }, { 0x678, 0x687 }, { 0x69A, 0x6BF },
    { 0x6C1, 0x6C2 }, { 0x6CC, 0x6CC }, { 0x6CE, 0x6CE }, { 0x6D0, 0x6D1 }, { 0x6FA, 0x6FC },
    { 0x6FF, 0x6FF }, { 0x712, 0x714 }, { 0x71A, 0x71D }, { 0x71F, 0x727 }, { 0x729, 0x729 },
    { 0x72B, 0x72B }, { 0x72D, 0x72E }, { 0x74E, 0x758 }, { 0x75C, 0x76A }, { 0x76D, 0x770 },
    { 0x772, 0x772 }, { 0x775, 0x777 }, { 0x77A, 0x77F }, { 0x7CA, 0x7EA }, { 0x8A0, 0x8A9 },
    { 0x8AF, 0x8B0 }, { 0x8B3, 0x8B8 }, { 0x8BA, 0x8C8 }, { 0x1807, 0x1807 },
    { 0x180A, 0x180A }, { 0x1820, 0x1878 }, { 0x1887, 0x18A8 }, { 0x18AA, 0x18AA },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int is_mark(uint32_t c)
{
    return in_ranges(c, marks, COUNT(marks));
}

static int is_virama(uint32_t c)
{
    size_t i;
    for (i = 0; i < COUNT(viramas); i++)
        if (viramas[i] == c)
            return 1;
    return 0;
}

/* Joining_Type T, approximated by the combining marks and the format
 * characters that are not joiners themselves. */
static int join_transparent(uint32_t c)
{
    return (is_mark(c) && c != 0x0903) || c == 0xAD || c == 0x200B ||
           (c >= 0x2060 && c <= 0x2064);
}

/* A coarse DISALLOWED test for the code points RFC 5892 does not list as
 * exceptions (see the comment at the top of the file). */
static int idna_disallowed(uint32_t c)
{
    if (c < 0x80)
        return !(is_digit((int)c) || (c >= 'a' && c <= 'z') || c == '-');
    if (c <= 0xBF)
        return 1; /* C1 controls, Latin-1 symbols and punctuation (not B7) */
    if (c == 0xD7 || c == 0xF7 || (c >= 0xC0 && c <= 0xDE))
        return 1; /* upper case and the two operators */
    if (c == 0x0640 || c == 0x07FA || c == 0x302E || c == 0x302F ||
        (c >= 0x3031 && c <= 0x3035) || c == 0x303B)
        return 1; /* RFC 5892 section 2.6 exceptions */
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) ||
        (c >= 0xD7B0 && c <= 0xD7FF))
        return 1; /* old Hangul jamo */
    if ((c >= 0x2000 && c <= 0x206F && c != 0x200C && c != 0x200D) ||
        (c >= 0x2070 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x3004) ||
        (c >= 0x3008 && c <= 0x3020) || c == 0x3030 || (c >= 0xFE00 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xFFF0 && c <= 0xFFFF) ||
        (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || (c & 0xFFFE) == 0xFFFE || c >= 0xE0000)
        return 1; /* punctuation, symbols, compatibility forms, private use */
    return 0;
}

/* RFC 5891 5.4 and RFC 5892 appendix A on a decoded label. */
static int check_ulabel(const uint32_t *u, size_t n)
{
    size_t i, j;
    int ascii_only = 1, arabic = 0, ext_arabic = 0, kana = 0, katakana_dot = 0;
    if (n == 0 || u[0] == '-' || u[n - 1] == '-' || is_mark(u[0]))
        return 0;
    if (n >= 4 && u[2] == '-' && u[3] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        uint32_t c = u[i];
        if (c >= 0x80)
            ascii_only = 0;
        switch (c) {
        case 0x00B7: /* MIDDLE DOT: between two l */
            if (i == 0 || i + 1 == n || u[i - 1] != 'l' || u[i + 1] != 'l')
                return 0;
            continue;
        case 0x0375: /* GREEK LOWER NUMERAL SIGN: before Greek */
            if (i + 1 == n || !in_ranges(u[i + 1], greek, COUNT(greek)))
                return 0;
            continue;
        case 0x05F3: /* HEBREW PUNCTUATION GERESH, GERSHAYIM: after Hebrew */
        case 0x05F4:
            if (i == 0 || !in_ranges(u[i - 1], hebrew, COUNT(hebrew)))
                return 0;
            continue;
        case 0x30FB: /* KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han */
            katakana_dot = 1;
            continue;
        case 0x200D: /* ZERO WIDTH JOINER: after a virama */
            if (i == 0 || !is_virama(u[i - 1]))
                return 0;
            continue;
        case 0x200C: /* ZERO WIDTH NON-JOINER: after a virama, or joining */
            if (i > 0 && is_virama(u[i - 1]))
                continue;
            for (j = i; j > 0 && join_transparent(u[j - 1]); j--)
                ;
            if (j == 0 || !(in_ranges(u[j - 1], join_dual, COUNT(join_dual))))
                return 0;
            for (j = i + 1; j < n && join_transparent(u[j]); j++)
                ;
            if (j == n || !(in_ranges(u[j], join_dual, COUNT(join_dual)) ||
                            in_ranges(u[j], join_right, COUNT(join_right))))
                return 0;
            continue;
        case 0x00DF: case 0x03C2: case 0x06FD: case 0x06FE: case 0x0F0B: case 0x3007:
            continue; /* PVALID exceptions */
        default:
            break;
        }
        if (c >= 0x0660 && c <= 0x0669)
            arabic = 1;
        else if (c >= 0x06F0 && c <= 0x06F9)
            ext_arabic = 1;
        if (in_ranges(c, kana_han, COUNT(kana_han)))
            kana = 1;
        if (idna_disallowed(c))
            return 0;
    }
    if (ascii_only || (arabic && ext_arabic) || (katakana_dot && !kana))
        return 0;
    return 1;
}

/* RFC 3492 parameters for IDNA. */
enum { BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700 };

/* Bias adaptation (RFC 3492 section 6.1). */
static uint32_t puny_adapt(uint32_t delta, uint32_t numpoints, int first)
{
    uint32_t k = 0;
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / numpoints;
    for (; delta > ((BASE - TMIN) * TMAX) / 2; k += BASE)
        delta /= BASE - TMIN;
    return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
}

/* RFC 3492 encoding (section 6.3) into @p out (at most @p cap bytes). */
static int punycode_encode(const uint32_t *u, size_t n, unsigned char *out, size_t cap,
                           size_t *outlen)
{
    uint32_t cp = 128, delta = 0, bias = 72;
    size_t len = 0, b, h, j;
    for (j = 0; j < n; j++) {
        if (u[j] < 0x80) {
            if (len == cap)
                return -1;
            out[len++] = (unsigned char)u[j];
        }
    }
    b = h = len;
    if (b > 0) {
        if (len == cap)
            return -1;
        out[len++] = '-';
    }
    while (h < n) {
        uint32_t m = UINT32_MAX;
        for (j = 0; j < n; j++)
            if (u[j] >= cp && u[j] < m)
                m = u[j];
        if ((m - cp) > (UINT32_MAX - delta) / (uint32_t)(h + 1))
            return -1;
        delta += (m - cp) * (uint32_t)(h + 1);
        cp = m;
        for (j = 0; j < n; j++) {
            if (u[j] < cp && ++delta == 0)
                return -1;
            if (u[j] == cp) {
                uint32_t q = delta, k, t;
                for (k = BASE;; k += BASE) {
                    uint32_t d;
                    t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                    if (q < t)
                        break;
                    d = t + (q - t) % (BASE - t);
                    if (len == cap)
                        return -1;
                    out[len++] = (unsigned char)(d < 26 ? 'a' + d : '0' + d - 26);
                    q = (q - t) / (BASE - t);
                }
                if (len == cap)
                    return -1;
                out[len++] = (unsigned char)(q < 26 ? 'a' + q : '0' + q - 26);
                bias = puny_adapt(delta, (uint32_t)(h + 1), h == b);
                delta = 0;
                h++;
            }
        }
        delta++;
        cp++;
    }
    *outlen = len;
    return 0;
}

/* RFC 3492 decoding of the part after "xn--"; at most @p cap code points. */
static int punycode_decode(const unsigned char *s, size_t n, uint32_t *out, size_t cap,
                           size_t *outlen)
{
    uint32_t cp = 128, i = 0, bias = 72;
    size_t len = 0, in = 0, b = n, k;
    int first = 1;
    for (k = 0; k < n; k++)
        if (s[k] == '-')
            b = k;
    if (b < n) {
        for (k = 0; k < b; k++) {
            if (len == cap)
                return -1;
            out[len++] = s[k];
        }
        in = b + 1;
    }
    while (in < n) {
        uint32_t oldi = i, w = 1, t, kk;
        for (kk = BASE;; kk += BASE) {
            int c;
            uint32_t digit;
            if (in >= n)
                return -1;
            c = lower(s[in++]);
            if (c >= 'a' && c <= 'z')
                digit = (uint32_t)(c - 'a');
            else if (is_digit(c))
                digit = (uint32_t)(c - '0' + 26);
            else
                return -1;
            if (digit > (UINT32_MAX - i) / w)
                return -1;
            i += digit * w;
            t = kk <= bias ? TMIN : kk >= bias + TMAX ? TMAX : kk - bias;
            if (digit < t)
                break;
            if (w > UINT32_MAX / (BASE - t))
                return -1;
            w *= BASE - t;
        }
        if (len == cap)
            return -1;
        bias = puny_adapt(i - oldi, (uint32_t)(len + 1), first);
        first = 0;
        if (i / (uint32_t)(len + 1) > 0x10FFFF - cp)
            return -1;
        cp += i / (uint32_t)(len + 1);
        i %= (uint32_t)(len + 1);
        if (cp < 0x80 || (cp >= 0xD800 && cp <= 0xDFFF))
            return -1;
        memmove(out + i + 1, out + i, (len - i) * sizeof *out);
        out[i++] = cp;
        len++;
    }
    *outlen = len;
    return 0;
}

/* Bidi_Class R, AL, AN and EN (Unicode 14), for the Bidi rule. */
enum { BIDI_L, BIDI_R, BIDI_AL, BIDI_AN, BIDI_EN, BIDI_NSM, BIDI_NEUTRAL };

typedef struct bidi_range {
    uint32_t lo, hi;
    unsigned char cls;
} bidi_range;

static const bidi_range bidi[] = {
    { 0x30, 0x39, BIDI_EN }, { 0xB2, 0xB3, BIDI_EN }, { 0xB9, 0xB9, BIDI_EN },
    { 0x5BE, 0x5BE, BIDI_R }, { 0x5C0, 0x5C0, BIDI_R }, { 0x5C3, 0x5C3, BIDI_R },
    { 0x5C6, 0x5C6, BIDI_R }, { 0x5D0, 0x5EA, BIDI_R }, { 0x5EF, 0x5F4, BIDI_R },
    { 0x600, 0x605, BIDI_AN }, { 0x608, 0x608, BIDI_AL }, { 0x60B, 0x60B, BIDI_AL },
    { 0x60D, 0x60D, BIDI_AL }, { 0x61B, 0x64A, BIDI_AL }, { 0x660, 0x669, BIDI_AN },
    { 0x66B, 0x66C, BIDI_AN }, { 0x66D, 0x66F, BIDI_AL }, { 0x671, 0x6D5, BIDI_AL },
    { 0x6DD, 0x6DD, BIDI_AN }, { 0x6E5, 0x6E6, BIDI_AL }, { 0x6EE, 0x6EF, BIDI_AL },
    { 0x6F0, 0x6F9, BIDI_EN }, { 0x6FA, 0x70D, BIDI_AL }, { 0x70F, 0x710, BIDI_AL },
    { 0x712, 0x72F, BIDI_AL }, { 0x74D, 0x7A5, BIDI_AL }, { 0x7B1, 0x7B1, BIDI_AL },
    { 0x7C0, 0x7EA, BIDI_R }, { 0x7F4, 0x7F5, BIDI_R }, { 0x7FA, 0x7FA, BIDI_R },
    { 0x7FE, 0x815, BIDI_R }, { 0x81A, 0x81A, BIDI_R }, { 0x824, 0x824, BIDI_R },
    { 0x828, 0x828, BIDI_R }, { 0x830, 0x83E, BIDI_R }, { 0x840, 0x858, BIDI_R },
    { 0x85E, 0x85E, BIDI_R }, { 0x860, 0x86A, BIDI_AL }, { 0x870, 0x88E, BIDI_AL },
    { 0x890, 0x891, BIDI_AN }, { 0x8A0, 0x8C9, BIDI_AL }, { 0x8E2, 0x8E2, BIDI_AN },
    { 0x200F, 0x200F, BIDI_R }, { 0x2070, 0x2070, BIDI_EN }, { 0x2074, 0x2079, BIDI_EN },
    { 0x2080, 0x2089, BIDI_EN }, { 0x2488, 0x249B, BIDI_EN }, { 0xFB1D, 0xFB1D, BIDI_R },
    { 0xFB1F, 0xFB28, BIDI_R }, { 0xFB2A, 0xFB36, BIDI_R }, { 0xFB38, 0xFB3C, BIDI_R },
    { 0xFB3E, 0xFB3E, BIDI_R }, { 0xFB40, 0xFB41, BIDI_R }, { 0xFB43, 0xFB44, BIDI_R },
    { 0xFB46, 0xFB4F, BIDI_R }, { 0xFB50, 0xFBC2, BIDI_AL }, { 0xFBD3, 0xFD3D, BIDI_AL },
    { 0xFD50, 0xFD8F, BIDI_AL }, { 0xFD92, 0xFDC7, BIDI_AL }, { 0xFDF0, 0xFDFC, BIDI_AL },
    { 0xFE70, 0xFE74, BIDI_AL }, { 0xFE76, 0xFEFC, BIDI_AL }, { 0xFF10, 0xFF19, BIDI_EN },
    { 0x102E1, 0x102FB, BIDI_EN }, { 0x10800, 0x10805, BIDI_R }, { 0x10808, 0x10808, BIDI_R },
    { 0x1080A, 0x10835, BIDI_R }, { 0x10837, 0x10838, BIDI_R }, { 0x1083C, 0x1083C, BIDI_R },
    { 0x1083F, 0x10855, BIDI_R }, { 0x10857, 0x1089E, BIDI_R }, { 0x108A7, 0x108AF, BIDI_R },
    { 0x108E0, 0x108F2, BIDI_R }, { 0x108F4, 0x108F5, BIDI_R }, { 0x108FB, 0x1091B, BIDI_R },
    { 0x10920, 0x10939, BIDI_R }, { 0x1093F, 0x1093F, BIDI_R }, { 0x10980, 0x109B7, BIDI_R },
    { 0x109BC, 0x109CF, BIDI_R }, { 0x109D2, 0x10A00, BIDI_R }, { 0x10A10, 0x10A13, BIDI_R },
    { 0x10A15, 0x10A17, BIDI_R }, { 0x10A19, 0x10A35, BIDI_R }, { 0x10A40, 0x10A48, BIDI_R },
    { 0x10A50, 0x10A58, BIDI_R }, { 0x10A60, 0x10A9F, BIDI_R }, { 0x10AC0, 0x10AE4, BIDI_R },
    { 0x10AEB, 0x10AF6, BIDI_R }, { 0x10B00, 0x10B35, BIDI_R }, { 0x10B40, 0x10B55, BIDI_R },
    { 0x10B58, 0x10B72, BIDI_R }, { 0x10B78, 0x10B91, BIDI_R }, { 0x10B99, 0x10B9C, BIDI_R },
    { 0x10BA9, 0x10BAF, BIDI_R }, { 0x10C00, 0x10C48, BIDI_R }, { 0x10C80, 0x10CB2, BIDI_R },
    { 0x10CC0, 0x10CF2, BIDI_R }, { 0x10CFA, 0x10CFF, BIDI_R }, { 0x10D00, 0x10D23, BIDI_AL },
    { 0x10D30, 0x10D39, BIDI_AN }, { 0x10E60, 0x10E7E, BIDI_AN }, { 0x10E80, 0x10EA9, BIDI_R },
    { 0x10EAD, 0x10EAD, BIDI_R }, { 0x10EB0, 0x10EB1, BIDI_R }, { 0x10F00, 0x10F27, BIDI_R },
    { 0x10F30, 0x10F45, BIDI_AL }, { 0x10F51, 0x10F59, BIDI_AL }, { 0x10F70, 0x10F81, BIDI_R },
    { 0x10F86, 0x10F89, BIDI_R }, { 0x10FB0, 0x10FCB, BIDI_R }, { 0x10FE0, 0x10FF6, BIDI_R },
    { 0x1D7CE, 0x1D7FF, BIDI_EN }, { 0x1E800, 0x1E8C4, BIDI_R }, { 0x1E8C7, 0x1E8CF, BIDI_R },
    { 0x1E900, 0x1E943, BIDI_R }, { 0x1E94B, 0x1E94B, BIDI_R }, { 0x1E950, 0x1E959, BIDI_R },
    { 0x1E95E, 0x1E95F, BIDI_R }, { 0x1EC71, 0x1ECB4, BIDI_AL }, { 0x1ED01, 0x1ED3D, BIDI_AL },
    { 0x1EE00, 0x1EE03, BIDI_AL }, { 0x1EE05, 0x1EE1F, BIDI_AL },
    { 0x1EE21, 0x1EE22, BIDI_AL }, { 0x1EE24, 0x1EE24, BIDI_AL },
    { 0x1EE27, 0x1EE27, BIDI_AL }, { 0x1EE29, 0x1EE32, BIDI_AL },
    { 0x1EE34, 0x1EE37, BIDI_AL }, { 0x1EE39, 0x1EE39, BIDI_AL },
    { 0x1EE3B, 0x1EE3B, BIDI_AL }, { 0x1EE42, 0x1EE42, BIDI_AL },
    { 0x1EE47, 0x1EE47, BIDI_AL }, { 0x1EE49, 0x1EE49, BIDI_AL },
    { 0x1EE4B, 0x1EE4B, BIDI_AL }, { 0x1EE4D, 0x1EE4F, BIDI_AL },
    { 0x1EE51, 0x1EE52, BIDI_AL }, { 0x1EE54, 0x1EE54, BIDI_AL },
    { 0x1EE57, 0x1EE57, BIDI_AL }, { 0x1EE59, 0x1EE59, BIDI_AL },
    { 0x1EE5B, 0x1EE5B, BIDI_AL }, { 0x1EE5D, 0x1EE5D, BIDI_AL },
    { 0x1EE5F, 0x1EE5F, BIDI_AL }, { 0x1EE61, 0x1EE62, BIDI_AL },
    { 0x1EE64, 0x1EE64, BIDI_AL }, { 0x1EE67, 0x1EE6A, BIDI_AL },
    { 0x1EE6C, 0x1EE72, BIDI_AL }, { 0x1EE74, 0x1EE77, BIDI_AL },
    { 0x1EE79, 0x1EE7C, BIDI_AL }, { 0x1EE7E, 0x1EE7E, BIDI_AL },
    { 0x1EE80, 0x1EE89, BIDI_AL }, { 0x1EE8B, 0x1EE9B, BIDI_AL },
    { 0x1EEA1, 0x1EEA3, BIDI_AL }, { 0x1EEA5, 0x1EEA9, BIDI_AL },
    { 0x1EEAB, 0x1EEBB, BIDI_AL }, { 0x1F100, 0x1F10A, BIDI_EN },
    { 0x1FBF0, 0x1FBF9, BIDI_EN },
};

static int bidi_class(uint32_t c)
{
    size_t lo = 0, hi = COUNT(bidi);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < bidi[mid].lo)
            hi = mid;
        else if (c > bidi[mid].hi)
            lo = mid + 1;
        else
            return bidi[mid].cls;
    }
    if (is_mark(c))
        return BIDI_NSM; /* (spacing marks are L; close enough here) */
    if (c == '-' || c == 0xB7 || c == 0x375 || c == 0x30FB || c == 0x200C || c == 0x200D)
        return BIDI_NEUTRAL; /* ES, ON, BN */
    return BIDI_L;
}

/* RFC 5893 section 2, on one label of a Bidi domain name. */
static int bidi_label_ok(const uint32_t *u, size_t n)
{
    size_t i;
    int first = bidi_class(u[0]), last = -1, en = 0, an = 0;
    int rtl = first == BIDI_R || first == BIDI_AL;
    if (!rtl && first != BIDI_L)
        return 0; /* rule 1 */
    for (i = 0; i < n; i++) {
        int c = bidi_class(u[i]);
        if (rtl ? c == BIDI_L : (c == BIDI_R || c == BIDI_AL || c == BIDI_AN))
            return 0; /* rules 2 and 5 */
        en |= c == BIDI_EN;
        an |= c == BIDI_AN;
        if (c != BIDI_NSM)
            last = c;
    }
    if (rtl)
        return (last == BIDI_R || last == BIDI_AL || last == BIDI_EN || last == BIDI_AN) &&
               !(en && an); /* rules 3 and 4 */
    return last == BIDI_L || last == BIDI_EN; /* rule 6 */
}

/* The length of the IDNA separator at s[i] (".", U+3002, U+FF0E, U+FF61
 * where @p idn), or 0. */
static size_t separator(const unsigned char *s, size_t n, size_t i, int idn)
{
    if (s[i] == '.')
        return 1;
    if (idn && n - i >= 3 &&
        ((s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x82) ||
         (s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x8E) ||
         (s[i] == 0xEF && s[i + 1] == 0xBD && s[i + 2] == 0xA1)))
        return 3;
    return 0;
}

/*
 * One label: an LDH label of 1-63 characters not starting or ending with
 * '-'; an xn-- label must be an A-label that decodes to a valid U-label
 * and encodes back to itself; with @p idn a U-label whose A-label fits 63
 * octets. Its code points go to u[]; *alen gets its A-label length.
 */
static int check_label(const unsigned char *s, size_t n, int idn, uint32_t *u, size_t *ulen,
                       size_t *alen)
{
    size_t i;
    int ascii = 1;
    for (i = 0; i < n; i++)
        if (s[i] >= 0x80)
            ascii = 0;
    if (!ascii) {
        unsigned char enc[64];
        size_t elen;
        if (!idn)
            return 0;
        for (i = 0, *ulen = 0; i < n; (*ulen)++) {
            if (*ulen == 63 || pledge__utf8_next(s, n, &i, &u[*ulen]) != 0)
                return 0;
        }
        if (!check_ulabel(u, *ulen) || punycode_encode(u, *ulen, enc, 59, &elen) != 0)
            return 0;
        *alen = 4 + elen;
        return 1;
    }
    if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
        return 0;
    for (i = 0; i < n; i++) {
        if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '-')
            return 0;
        u[i] = s[i];
    }
    *ulen = n;
    *alen = n;
    if (n >= 4 && lower(s[0]) == 'x' && lower(s[1]) == 'n' && s[2] == '-' && s[3] == '-') {
        unsigned char enc[64];
        size_t elen;
        if (punycode_decode(s + 4, n - 4, u, 63, ulen) != 0 || !check_ulabel(u, *ulen))
            return 0;
        /* canonical: the decoded label encodes back to the same text */
        if (punycode_encode(u, *ulen, enc, sizeof enc, &elen) != 0 || elen != n - 4)
            return 0;
        for (i = 0; i < elen; i++)
            if (lower(enc[i]) != lower(s[4 + i]))
                return 0;
    }
    return 1;
}

/* hostname (RFC 1123, with A-labels), or with @p idn idn-hostname (RFC
 * 5890-5893: U-labels and the IDNA label separators). At most 253 octets
 * in A-label form, no empty label (so no trailing dot). */
static int check_domain(const unsigned char *s, size_t n, int idn)
{
    uint32_t u[64];
    size_t start = 0, i, total = 0, ulen, alen, sep;
    int pass, bidi_domain = 0;
    if (n == 0)
        return 0;
    for (pass = 0; pass < 2; pass++) {
        start = 0;
        for (i = 0; i <= n; i++) {
            sep = i < n ? separator(s, n, i, idn) : 1;
            if (!sep)
                continue;
            if (!check_label(s + start, i - start, idn, u, &ulen, &alen) || ulen == 0)
                return 0;
            if (pass == 0) {
                size_t k;
                total += alen + (i < n);
                for (k = 0; k < ulen; k++) {
                    int c = bidi_class(u[k]);
                    bidi_domain |= c == BIDI_R || c == BIDI_AL || c == BIDI_AN;
                }
            } else if (!bidi_label_ok(u, ulen)) {
                return 0;
            }
            i += sep - 1;
            start = i + 1;
        }
        if (total > 253 || !bidi_domain)
            break;
    }
    return total <= 253;
}

/* ---- email: RFC 5321 Mailbox, RFC 6531 for idn-email ------------------- */

/* atext = ALPHA / DIGIT / "!#$%&'*+-/=?^_`{|}~" */
static int is_atext(int c)
{
    return is_alpha(c) || is_digit(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Local-part = Dot-string / Quoted-string; with @p idn, any non-ASCII
 * UTF-8 also counts as atext and qtext (RFC 6531). */
static int check_local_part(const unsigned char *s, size_t n, int idn)
{
    size_t i = 0;
    if (n == 0 || n > 64)
        return 0;
    if (s[0] == '"') {
        if (n < 2 || s[n - 1] != '"')
            return 0;
        for (i = 1; i < n - 1;) {
            uint32_t c;
            if (s[i] == '\\') { /* quoted-pairSMTP = "\" %d32-126 */
                if (i + 1 >= n - 1 || s[i + 1] < 32 || s[i + 1] > 126)
                    return 0;
                i += 2;
                continue;
            }
            if (pledge__utf8_next(s, n - 1, &i, &c) != 0)
                return 0;
            if (c >= 0x80 ? !idn : (c < 32 || c > 126 || c == '"'))
                return 0;
        }
        return 1;
    }
    if (s[0] == '.' || s[n - 1] == '.')
        return 0;
    while (i < n) {
        uint32_t c;
        if (s[i] == '.') {
            if (s[i + 1] == '.')
                return 0;
            i++;
            continue;
        }
        if (pledge__utf8_next(s, n, &i, &c) != 0)
            return 0;
        if (c >= 0x80 ? !idn : !is_atext((int)c))
            return 0;
    }
    return 1;
}

static int check_email(const unsigned char *s, size_t n, int idn)
{
    size_t at = n, i;
    const unsigned char *d;
    size_t dn;
    /* The separating @ is the last one: a quoted local part may hold more. */
    for (i = n; i > 0; i--) {
        if (s[i - 1] == '@') {
            at = i - 1;
            break;
        }
    }
    if (at == n || !check_local_part(s, at, idn))
        return 0;
    d = s + at + 1;
    dn = n - at - 1;
    if (dn >= 2 && d[0] == '[' && d[dn - 1] == ']') {
        if (dn > 7 && memcmp(d + 1, "IPv6:", 5) == 0)
            return check_ipv6(d + 6, dn - 7);
        /* IPv4-address-literal = Snum 3("." Snum), Snum = 1*3DIGIT <= 255 */
        {
            size_t p = 1;
            int part;
            for (part = 0; part < 4; part++) {
                size_t start = p;
                long v = 0;
                if (part > 0 && (p >= dn - 1 || d[p++] != '.'))
                    return 0;
                start = p;
                while (p < dn - 1 && is_digit(d[p]) && p - start < 3)
                    v = v * 10 + (d[p++] - '0');
                if (p == start || v > 255)
                    return 0;
            }
            return p == dn - 1;
        }
    }
    return check_domain(d, dn, idn);
}

/* ---- RFC 3986 / 3987: uri, uri-reference, iri, iri-reference ------------ */

static int is_unreserved(int c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int is_sub_delim(int c)
{
    return c && strchr("!$&'()*+,;=", c) != NULL;
}

/* RFC 3987 ucschar and (where @p priv) iprivate. */
static int is_ucschar(uint32_t c, int priv)
{
    if ((c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
        (c >= 0xFDF0 && c <= 0xFFEF))
        return 1;
    if (c >= 0x10000 && c <= 0xEFFFD && (c & 0xFFFF) <= 0xFFFD)
        return 1;
    if (priv && ((c >= 0xE000 && c <= 0xF8FF) ||
                 (c >= 0xF0000 && (c & 0xFFFF) <= 0xFFFD && c <= 0x10FFFD)))
        return 1;
    return 0;
}

enum {
    U_UNRES = 1,  /* unreserved */
    U_SUB = 2,    /* sub-delims */
    U_COLON = 4,  /* ":" */
    U_AT = 8,     /* "@" */
    U_SLASH = 16, /* "/" */
    U_QMARK = 32, /* "?" */
    U_PRIV = 64   /* iprivate (IRI query) */
};

/* s[0..n) made only of the classes in @p allow, percent-encodings, and
 * (for an IRI) ucschar. */
static int uri_chars(const unsigned char *s, size_t n, unsigned allow, int iri)
{
    size_t i = 0;
    while (i < n) {
        int c = s[i];
        if (c == '%') {
            if (n - i < 3 || !is_hexdig(s[i + 1]) || !is_hexdig(s[i + 2]))
                return 0;
            i += 3;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            if (!iri || pledge__utf8_next(s, n, &i, &cp) != 0 || !is_ucschar(cp, (allow & U_PRIV) != 0))
                return 0;
            continue;
        }
        if (!(((allow & U_UNRES) && is_unreserved(c)) || ((allow & U_SUB) && is_sub_delim(c)) ||
              ((allow & U_COLON) && c == ':') || ((allow & U_AT) && c == '@') ||
              ((allow & U_SLASH) && c == '/') || ((allow & U_QMARK) && c == '?')))
            return 0;
        i++;
    }
    return 1;
}

#define PCHAR (U_UNRES | U_SUB | U_COLON | U_AT)

/* authority = [ userinfo "@" ] host [ ":" port ] */
static int check_authority(const unsigned char *s, size_t n, int iri)
{
    size_t i, host = 0, end;
    for (i = 0; i < n; i++) {
        if (s[i] == '@') {
            if (!uri_chars(s, i, U_UNRES | U_SUB | U_COLON, iri))
                return 0;
            host = i + 1;
            break;
        }
    }
    if (host < n && s[host] == '[') {
        const unsigned char *lit;
        size_t ln;
        for (end = host; end < n && s[end] != ']'; end++)
            ;
        if (end == n)
            return 0;
        lit = s + host + 1;
        ln = end - host - 1;
        if (ln > 0 && (lit[0] == 'v' || lit[0] == 'V')) {
            /* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
            size_t p = 1;
            while (p < ln && is_hexdig(lit[p]))
                p++;
            if (p == 1 || p >= ln - 1 || lit[p] != '.' ||
                !uri_chars(lit + p + 1, ln - p - 1, U_UNRES | U_SUB | U_COLON, 0))
                return 0;
        } else if (!check_ipv6(lit, ln)) {
            return 0;
        }
        end++;
    } else {
        for (end = host; end < n && s[end] != ':'; end++)
            ;
        if (!uri_chars(s + host, end - host, U_UNRES | U_SUB, iri))
            return 0;
    }
    if (end < n) {
        if (s[end] != ':')
            return 0;
        for (end++; end < n; end++)
            if (!is_digit(s[end]))
                return 0;
    }
    return 1;
}

/* URI-reference (or, with @p absolute, URI); IRIs with @p iri. */
static int check_uri(const unsigned char *s, size_t n, int absolute, int iri)
{
    size_t i = 0, end;
    int scheme = 0;
    if (n > 0 && is_alpha(s[0])) {
        for (i = 1; i < n && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' ||
                              s[i] == '.');
             i++)
            ;
        if (i < n && s[i] == ':') {
            scheme = 1;
            i++;
        } else {
            i = 0;
        }
    }
    if (absolute && !scheme)
        return 0;
    for (end = i; end < n && s[end] != '?' && s[end] != '#'; end++)
        ;
    /* hier-part / relative-part */
    if (end - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        size_t a = i + 2, p = a;
        while (p < end && s[p] != '/')
            p++;
        if (!check_authority(s + a, p - a, iri) || !uri_chars(s + p, end - p, PCHAR | U_SLASH, iri))
            return 0;
    } else {
        if (!scheme) { /* path-noscheme: no ':' in the first segment */
            size_t p;
            for (p = i; p < end && s[p] != '/'; p++)
                if (s[p] == ':')
                    return 0;
        }
        if (!uri_chars(s + i, end - i, PCHAR | U_SLASH, iri))
            return 0;
    }
    i = end;
    if (i < n && s[i] == '?') {
        for (end = ++i; end < n && s[end] != '#'; end++)
            ;
        if (!uri_chars(s + i, end - i, PCHAR | U_SLASH | U_QMARK | U_PRIV, iri))
            return 0;
        i = end;
    }
    if (i < n) { /* '#' */
        i++;
        if (!uri_chars(s + i, n - i, PCHAR | U_SLASH | U_QMARK, iri))
            return 0;
    }
    return 1;
}

/* ---- RFC 6570: uri-template ---------------------------------------------- */

/* literals: any character but CTL, SP, DQUOTE, "%" (unless pct-encoded),
 * "<", ">", "\", "^", "`", "{", "|", "}"; non-ASCII ucschar / iprivate.
 * (The apostrophe is allowed, as RFC 6570 errata 6937 corrects.) */
static int check_uri_template(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        int c = s[i];
        if (c == '{') {
            size_t end;
            int need_var = 1;
            for (end = i + 1; end < n && s[end] != '}'; end++)
                ;
            if (end == n)
                return 0;
            i++;
            if (i < end && strchr("+#./;?&=,!@|", s[i]))
                i++;
            while (need_var) {
                size_t start = i;
                int dot_ok = 0;
                /* varname = varchar *( ["."] varchar ) */
                while (i < end) {
                    if (s[i] == '%') {
                        if (end - i < 3 || !is_hexdig(s[i + 1]) || !is_hexdig(s[i + 2]))
                            return 0;
                        i += 3;
                    } else if (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_') {
                        i++;
                    } else if (s[i] == '.' && dot_ok && i + 1 < end && s[i + 1] != '.') {
                        i++;
                        dot_ok = 0;
                        continue;
                    } else {
                        break;
                    }
                    dot_ok = 1;
                }
                if (i == start || s[i - 1] == '.')
                    return 0;
                if (i < end && s[i] == '*') {
                    i++;
                } else if (i < end && s[i] == ':') {
                    size_t d = ++i;
                    while (i < end && is_digit(s[i]))
                        i++;
                    if (i == d || i - d > 4 || s[d] == '0')
                        return 0;
                }
                if (i < end && s[i] == ',') {
                    i++;
                } else {
                    need_var = 0;
                }
            }
            if (i != end)
                return 0;
            i = end + 1;
            continue;
        }
        if (c == '%') {
            if (n - i < 3 || !is_hexdig(s[i + 1]) || !is_hexdig(s[i + 2]))
                return 0;
            i += 3;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            if (pledge__utf8_next(s, n, &i, &cp) != 0 || !is_ucschar(cp, 1))
                return 0;
            continue;
        }
        if (c <= 0x20 || c == 0x7F || strchr("\"<>\\^`{|}", c))
            return 0;
        i++;
    }
    return 1;
}

/* ---- uuid, JSON Pointers ------------------------------------------------- */

/* RFC 4122 3: 8-4-4-4-12 hex digits, either case, any version and variant. */
static int check_uuid(const unsigned char *s, size_t n)
{
    size_t i;
    if (n != 36)
        return 0;
    for (i = 0; i < n; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return 0;
        } else if (!is_hexdig(s[i])) {
            return 0;
        }
    }
    return 1;
}

/* RFC 6901: "" or ( "/" reference-token )*, "~" only as "~0" or "~1". */
static int check_json_pointer(const unsigned char *s, size_t n)
{
    size_t i;
    if (n > 0 && s[0] != '/')
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] == '~' && (i + 1 == n || (s[i + 1] != '0' && s[i + 1] != '1')))
            return 0;
    return 1;
}

/* Relative JSON Pointer: non-negative-integer [index-manipulation]
 * ( json-pointer / "#" ), index-manipulation = ("+" / "-")
 * non-negative-integer; integers without leading zeros. */
static size_t nonneg_int(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i > 1 && s[0] == '0')
        return 0;
    return i;
}

static int check_relative_json_pointer(const unsigned char *s, size_t n)
{
    size_t i = nonneg_int(s, n), k;
    if (i == 0)
        return 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        k = nonneg_int(s + i + 1, n - i - 1);
        if (k == 0)
            return 0;
        i += 1 + k;
    }
    if (i < n && s[i] == '#')
        return i + 1 == n;
    return check_json_pointer(s + i, n - i);
}

/* ---- regex --------------------------------------------------------------- */

static int check_regex(const char *s, size_t n)
{
    pledge_regex *re;
    char err[512];
    int rc = pledge__regex_compile(&re, s, n, NULL, err, sizeof err);
    if (rc == PLEDGE_OK) {
        pledge__regex_free(re);
        return 1;
    }
    /* A variable-length lookbehind is valid ECMA-262 that PCRE2 10.42
     * cannot run: the string is a regex all the same. */
    if (rc == PLEDGE_EINVALID && strstr(err, "lookbehind assertion is not fixed length"))
        return 1;
    return rc == PLEDGE_EINVALID ? 0 : -1;
}

/* ---- dispatch --------------------------------------------------------------- */

int pledge__format_check(const char *format, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    if (!format)
        return -1;
    if (!str)
        len = 0;
    if (strcmp(format, "date-time") == 0)
        return check_date_time(s, len);
    if (strcmp(format, "date") == 0)
        return check_date(s, len);
    if (strcmp(format, "time") == 0)
        return check_time(s, len);
    if (strcmp(format, "duration") == 0)
        return check_duration(s, len);
    if (strcmp(format, "email") == 0)
        return check_email(s, len, 0);
    if (strcmp(format, "idn-email") == 0)
        return check_email(s, len, 1);
    if (strcmp(format, "hostname") == 0)
        return check_domain(s, len, 0);
    if (strcmp(format, "idn-hostname") == 0)
        return check_domain(s, len, 1);
    if (strcmp(format, "ipv4") == 0)
        return check_ipv4(s, len);
    if (strcmp(format, "ipv6") == 0)
        return check_ipv6(s, len);
    if (strcmp(format, "uri") == 0)
        return check_uri(s, len, 1, 0);
    if (strcmp(format, "uri-reference") == 0)
        return check_uri(s, len, 0, 0);
    if (strcmp(format, "iri") == 0)
        return check_uri(s, len, 1, 1);
    if (strcmp(format, "iri-reference") == 0)
        return check_uri(s, len, 0, 1);
    if (strcmp(format, "uri-template") == 0)
        return check_uri_template(s, len);
    if (strcmp(format, "uuid") == 0)
        return check_uuid(s, len);
    if (strcmp(format, "json-pointer") == 0)
        return check_json_pointer(s, len);
    if (strcmp(format, "relative-json-pointer") == 0)
        return check_relative_json_pointer(s, len);
    if (strcmp(format, "regex") == 0)
        return check_regex((const char *)s, len);
    return -1;
}
