/* SPDX-License-Identifier: MIT */
/* The text format: one `file:line:col: severity: message [code] at path`
 * line per diagnostic, the form editors and CI log parsers link, with an
 * optional clang-style excerpt under it. */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"
#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */
#define EXCERPT_WIDTH 120

/* Length of the line break at data[i] as libyaml counts breaks (LF,
 * CR LF, CR, U+0085, U+2028, U+2029), or 0. */
static size_t break_len(const unsigned char *p, size_t i, size_t len)
{
    if (p[i] == '\n')
        return 1;
    if (p[i] == '\r')
        return (i + 1 < len && p[i + 1] == '\n') ? 2 : 1;
    if (p[i] == 0xC2 && i + 1 < len && p[i + 1] == 0x85)
        return 2;
    if (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
        (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
        return 3;
    return 0;
}

void pv_write_excerpt(pv_sink *out, const char *data, size_t len, size_t line,
                      size_t column, int color)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t i = 0, cur = 1, start, end, col, total, first, last;
    uint32_t cp;
    char num[32];
    int width;

    if (line == 0 || !data)
        return;
    while (cur < line && i < len) {
        size_t b = break_len(p, i, len);
        if (b) {
            cur++;
            i += b;
        } else {
            i++;
        }
    }
    if (cur != line)
        return;
    start = i;
    while (i < len && !break_len(p, i, len))
        i++;
    end = i;

    /* A long line is shown as a window of EXCERPT_WIDTH code points
     * around the column, cut ends marked with an ellipsis, so that output
     * stays in proportion to the number of diagnostics (a one-line file
     * with thousands of problems would otherwise print its line each time). */
    total = 0;
    for (i = start; i < end; total++)
        i += pv_utf8_decode(p + i, end - i, &cp);
    first = 1;
    last = total;
    if (total > EXCERPT_WIDTH) {
        first = column > EXCERPT_WIDTH / 2 ? column - EXCERPT_WIDTH / 2 : 1;
        if (first + EXCERPT_WIDTH - 1 > total)
            first = total - EXCERPT_WIDTH + 1;
        last = first + EXCERPT_WIDTH - 1;
    }

    width = snprintf(num, sizeof num, "%zu", line);
    if (width < 4)
        width = 4;
    pv_printf(out, " %*s | ", width, num);
    if (first > 1)
        pv_puts(out, ELLIPSIS);
    /* The line itself, with controls shown as U+FFFD so that each code
     * point still takes one column and the caret stays aligned. */
    for (i = start, col = 1; i < end && col <= last; col++) {
        size_t n = pv_utf8_decode(p + i, end - i, &cp);
        if (col < first) {
            i += n;
            continue;
        }
        if ((cp & PV_INVALID_BYTE) || (cp < 0x20 && cp != '\t') || cp == 0x7F ||
            (cp >= 0x80 && cp <= 0x9F))
            pv_puts(out, "\xEF\xBF\xBD");
        else
            pv_put(out, data + i, n);
        i += n;
    }
    if (last < total)
        pv_puts(out, ELLIPSIS);
    pv_puts(out, "\n");
    if (column == 0)
        return;
    pv_printf(out, " %*s | ", width, "");
    if (first > 1)
        pv_puts(out, " "); /* under the ellipsis */
    /* Columns count code points: one pad per code point before the
     * column, a tab where the line has a tab so terminals align it. */
    for (i = start, col = 1; col < column && i < end; col++) {
        i += pv_utf8_decode(p + i, end - i, &cp);
        if (col >= first)
            pv_puts(out, cp == '\t' ? "\t" : " ");
    }
    for (; col < column; col++)
        if (col >= first)
            pv_puts(out, " ");
    pv_puts(out, color ? GREEN "^" RESET "\n" : "^\n");
}

static void write_diag(pv_sink *out, const pledge_diag *d, int color)
{
    int err = d->severity == PLEDGE_SEVERITY_ERROR;

    if (color)
        pv_puts(out, BOLD);
    pv_put_text(out, d->file);
    if (d->line) {
        pv_printf(out, ":%zu", d->line);
        if (d->column)
            pv_printf(out, ":%zu", d->column);
    }
    pv_puts(out, ": ");
    if (color)
        pv_puts(out, err ? RED : MAGENTA);
    pv_puts(out, err ? "error:" : "warning:");
    pv_puts(out, color ? RESET " " BOLD : " ");
    pv_put_text(out, d->message);
    if (color)
        pv_puts(out, RESET);
    pv_puts(out, " [");
    pv_put_text(out, d->code);
    pv_puts(out, "]");
    if (d->instance_path[0]) {
        pv_puts(out, " at ");
        pv_put_text(out, d->instance_path);
    }
    pv_puts(out, "\n");
}

int pv_output_text(const pv_results *r, const pv_text_options *opts, pv_sink *out)
{
    int excerpt = opts && (opts->color || opts->excerpt) && opts->source;
    int color = opts && opts->color;
    size_t i, j;

    for (i = 0; i < r->count; i++) {
        const pv_file *f = &r->files[i];
        size_t n = pledge_diag_list_count(f->diags);
        char *src = NULL;
        size_t src_len = 0;
        int loaded = 0;

        for (j = 0; j < n; j++) {
            const pledge_diag *d = pledge_diag_list_at(f->diags, j);
            write_diag(out, d, color);
            if (excerpt && d->line) {
                /* Read the file once, when its first excerpt is due. */
                if (!loaded) {
                    src = opts->source(opts->source_ud, f, &src_len);
                    loaded = 1;
                }
                if (src)
                    pv_write_excerpt(out, src, src_len, d->line, d->column, color);
            }
        }
        free(src);
        if (out->failed)
            break;
    }
    return out->failed ? -1 : 0;
}
