/* SPDX-License-Identifier: MIT */
/* The junit format: JUnit XML as GitLab and Jenkins read it — one
 * testsuite, one testcase per file, a failure per invalid file with its
 * diagnostics as text (warnings of a valid file go to system-out). By
 * default the common Jenkins JUnit XSD holds (no `file` attribute on
 * testcase); --junit-file-attribute adds the one GitLab reads. */
#include "results.h"

#include <stdio.h>

static void write_lines(pv_sink *out, const pv_file *f)
{
    size_t j, n = pledge_diag_list_count(f->diags);
    for (j = 0; j < n; j++) {
        const pledge_diag *d = pledge_diag_list_at(f->diags, j);
        char pos[64] = "";
        if (d->line && d->column)
            snprintf(pos, sizeof pos, ":%zu:%zu", d->line, d->column);
        else if (d->line)
            snprintf(pos, sizeof pos, ":%zu", d->line);
        pv_put_xml_name(out, d->file, 0);
        pv_put_xml(out, pos, 0);
        pv_puts(out, ": ");
        pv_puts(out, d->severity == PLEDGE_SEVERITY_ERROR ? "error: " : "warning: ");
        pv_put_xml(out, d->message, 0);
        pv_puts(out, " [");
        pv_put_xml(out, d->code, 0);
        pv_puts(out, "]");
        if (d->instance_path[0]) {
            pv_puts(out, " at ");
            pv_put_xml(out, d->instance_path, 0);
        }
        pv_puts(out, "\n");
    }
}

int pv_output_junit(const pv_results *r, int file_attribute, pv_sink *out)
{
    size_t i, failures = 0;

    for (i = 0; i < r->count; i++)
        failures += !r->files[i].valid;
    pv_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    pv_printf(out, "<testsuites name=\"pledge-validate\" tests=\"%zu\" failures=\"%zu\" "
                   "errors=\"0\">\n",
              r->count, failures);
    pv_printf(out, "  <testsuite name=\"pledge-validate\" tests=\"%zu\" failures=\"%zu\" "
                   "errors=\"0\" skipped=\"0\">\n",
              r->count, failures);
    for (i = 0; i < r->count; i++) {
        const pv_file *f = &r->files[i];
        pv_puts(out, "    <testcase classname=\"pledge-validate\" name=\"");
        pv_put_xml_name(out, f->path, 1);
        if (file_attribute) {
            pv_puts(out, "\" file=\"");
            pv_put_xml_name(out, f->path, 1);
        }
        if (f->valid && f->warnings == 0) {
            pv_puts(out, "\"/>\n");
            continue;
        }
        pv_puts(out, "\">\n");
        if (!f->valid) {
            pv_printf(out, "      <failure type=\"invalid\" message=\"%zu of %zu %s invalid, "
                           "%zu %s, %zu %s\">",
                      f->invalid_documents, f->documents,
                      f->documents == 1 ? "document" : "documents", f->errors,
                      f->errors == 1 ? "error" : "errors", f->warnings,
                      f->warnings == 1 ? "warning" : "warnings");
            write_lines(out, f);
            pv_puts(out, "</failure>\n");
        } else {
            pv_puts(out, "      <system-out>");
            write_lines(out, f);
            pv_puts(out, "</system-out>\n");
        }
        pv_puts(out, "    </testcase>\n");
        if (out->failed)
            break;
    }
    pv_puts(out, "  </testsuite>\n</testsuites>\n");
    return out->failed ? -1 : 0;
}
