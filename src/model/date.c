/* SPDX-License-Identifier: MIT */
/* Dates and partial dates: parsing, calendar checks, ordering, days. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Digits only, as a number; -1 if any byte is not a digit. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int pledge_date_parse(pledge_date *out, const char *s, size_t len)
{
    pledge_date d = { 0, 0, 0, PLEDGE_DATE_NONE };
    if (!out || (!s && len))
        return PLEDGE_EARG;
    *out = d;
    if (len != 4 && len != 7 && len != 10)
        return PLEDGE_EINVALID;
    d.year = digits(s, 4);
    if (d.year < 1)
        return PLEDGE_EINVALID;
    d.precision = PLEDGE_DATE_YEAR;
    if (len >= 7) {
        if (s[4] != '-')
            return PLEDGE_EINVALID;
        d.month = digits(s + 5, 2);
        if (d.month < 1 || d.month > 12)
            return PLEDGE_EINVALID;
        d.precision = PLEDGE_DATE_MONTH;
    }
    if (len == 10) {
        if (s[7] != '-')
            return PLEDGE_EINVALID;
        d.day = digits(s + 8, 2);
        if (d.day < 1 || d.day > days_in_month(d.year, d.month))
            return PLEDGE_EINVALID;
        d.precision = PLEDGE_DATE_DAY;
    }
    *out = d;
    return PLEDGE_OK;
}

int pledge_date_compare(pledge_date a, pledge_date b)
{
    /* Parts not given are 0, and 0 sorts first: exactly the documented
     * order, and NONE (all zero) before everything. */
    if (a.precision == PLEDGE_DATE_NONE || b.precision == PLEDGE_DATE_NONE)
        return (a.precision != PLEDGE_DATE_NONE) - (b.precision != PLEDGE_DATE_NONE);
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

pledge_date pledge_date_first_day(pledge_date d)
{
    if (d.precision == PLEDGE_DATE_NONE)
        return d;
    if (d.month == 0)
        d.month = 1;
    if (d.day == 0)
        d.day = 1;
    d.precision = PLEDGE_DATE_DAY;
    return d;
}

pledge_date pledge_date_last_day(pledge_date d)
{
    if (d.precision == PLEDGE_DATE_NONE)
        return d;
    if (d.month == 0)
        d.month = 12;
    if (d.day == 0)
        d.day = days_in_month(d.year, d.month);
    d.precision = PLEDGE_DATE_DAY;
    return d;
}

int64_t pledge_date_days(pledge_date d)
{
    /* Days from the civil date: count in years that start on 1 March, so
     * that the leap day is the last day of its year. */
    int64_t y, m, era, yoe, doy, doe;
    if (d.precision == PLEDGE_DATE_NONE)
        return 0;
    d = pledge_date_first_day(d);
    y = d.year;
    m = d.month;
    if (m <= 2)
        y--;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d.day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

size_t pledge_date_format(pledge_date d, char *buf, size_t size)
{
    char tmp[16];
    int n = 0;
    switch (d.precision) {
    case PLEDGE_DATE_YEAR: n = snprintf(tmp, sizeof tmp, "%04d", d.year % 10000); break;
    case PLEDGE_DATE_MONTH:
        n = snprintf(tmp, sizeof tmp, "%04d-%02d", d.year % 10000, d.month % 100);
        break;
    case PLEDGE_DATE_DAY:
        n = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", d.year % 10000, d.month % 100,
                     d.day % 100);
        break;
    case PLEDGE_DATE_NONE: tmp[0] = '\0'; break;
    }
    if (n < 0)
        n = 0;
    if (buf && size) {
        size_t k = (size_t)n < size ? (size_t)n : size - 1;
        memcpy(buf, tmp, k);
        buf[k] = '\0';
    }
    return (size_t)n;
}

pledge_date pledge__date_of(const pledge_node *node, int partial)
{
    pledge_date d = { 0, 0, 0, PLEDGE_DATE_NONE };
    if (!node)
        return d;
    if (node->type == PLEDGE_NODE_STRING) {
        if (pledge_date_parse(&d, node->u.s.ptr, node->u.s.len) != PLEDGE_OK)
            return d;
        if (!partial && d.precision != PLEDGE_DATE_DAY)
            d = (pledge_date){ 0, 0, 0, PLEDGE_DATE_NONE };
        return d;
    }
    if (partial && node->type == PLEDGE_NODE_INT && !(node->flags & PLEDGE_NODE_BIGINT) &&
        node->u.i.v >= 1 && node->u.i.v <= 9999) {
        d.year = (int)node->u.i.v;
        d.precision = PLEDGE_DATE_YEAR;
    }
    return d;
}
