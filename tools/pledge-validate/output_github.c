/* SPDX-License-Identifier: MIT */
/* The github format: workflow commands, so that problems appear as
 * annotations on the pull request's lines:
 *   ::error file=F,line=L,col=C,title=CODE::MESSAGE
 * Escaping as GitHub's runner unescapes: in the message %, CR and LF; in
 * property values also ':' and ','. */
#include "results.h"

#include <stdio.h>
#include <string.h>

static void put_escaped(pv_sink *out, const char *s, int property)
{
    size_t run = 0, i;
    char hex[8];

    for (i = 0; s[i]; i++) {
        const char *esc = NULL;
        switch (s[i]) {
        case '%': esc = "%25"; break;
        case '\r': esc = "%0D"; break;
        case '\n': esc = "%0A"; break;
        case ':': esc = property ? "%3A" : NULL; break;
        case ',': esc = property ? "%2C" : NULL; break;
        default:
            /* A control character in a property (a file name with an ESC
             * or a TAB) is percent-encoded: the runner leaves it as text,
             * so it can neither break the command nor reach a terminal. */
            if (property && ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)) {
                snprintf(hex, sizeof hex, "%%%02X", (unsigned)(unsigned char)s[i]);
                esc = hex;
            }
            break;
        }
        if (esc) {
            pv_put(out, s + i - run, run);
            run = 0;
            pv_puts(out, esc);
        } else {
            run++;
        }
    }
    pv_put(out, s + i - run, run);
}

int pv_output_github(const pv_results *r, pv_sink *out)
{
    size_t i, j;

    for (i = 0; i < r->count; i++) {
        const pv_file *f = &r->files[i];
        size_t n = pledge_diag_list_count(f->diags);
        for (j = 0; j < n; j++) {
            const pledge_diag *d = pledge_diag_list_at(f->diags, j);
            pv_puts(out, d->severity == PLEDGE_SEVERITY_ERROR ? "::error file=" : "::warning file=");
            put_escaped(out, d->file, 1);
            /* No position (an unreadable file): the annotation goes on
             * the file, not on a line 0 GitHub would reject. */
            if (d->line) {
                pv_printf(out, ",line=%zu", d->line);
                if (d->column)
                    pv_printf(out, ",col=%zu", d->column);
            }
            pv_puts(out, ",title=");
            put_escaped(out, d->code, 1);
            pv_puts(out, "::");
            put_escaped(out, d->message, 0);
            pv_puts(out, "\n");
        }
        if (out->failed)
            break;
    }
    return out->failed ? -1 : 0;
}
