/* SPDX-License-Identifier: MIT */
/* The json format: one object on stdout, the shape of cli.md and of
 * schema/pledge-validate-output-1.schema.json. Pretty-printed with two
 * spaces, one key per line, so that CI logs of two runs diff cleanly. */
#include "results.h"

static void key(pv_sink *out, int indent, const char *name)
{
    pv_printf(out, "%*s\"%s\": ", indent, "", name);
}

static void write_diag(pv_sink *out, const pledge_diag *d, int last)
{
    pv_puts(out, "        {\n");
    key(out, 10, "severity");
    pv_put_json_cstr(out, pledge_severity_name(d->severity));
    pv_puts(out, ",\n");
    key(out, 10, "code");
    pv_put_json_cstr(out, d->code);
    pv_puts(out, ",\n");
    key(out, 10, "message");
    pv_put_json_cstr(out, d->message);
    pv_puts(out, ",\n");
    key(out, 10, "file");
    pv_put_json_cstr(out, d->file);
    pv_puts(out, ",\n");
    key(out, 10, "document");
    pv_printf(out, "%zu,\n", d->document);
    key(out, 10, "line");
    pv_printf(out, "%zu,\n", d->line);
    key(out, 10, "column");
    pv_printf(out, "%zu,\n", d->column);
    key(out, 10, "instance_path");
    pv_put_json_cstr(out, d->instance_path);
    pv_puts(out, ",\n");
    key(out, 10, "schema_path");
    pv_put_json_cstr(out, d->schema_path);
    pv_puts(out, last ? "\n        }\n" : "\n        },\n");
}

int pv_output_json(const pv_results *r, pv_sink *out)
{
    const pv_summary *s = &r->summary;
    size_t i, j;

    pv_puts(out, "{\n  \"version\": 1,\n  \"files\": [");
    for (i = 0; i < r->count; i++) {
        const pv_file *f = &r->files[i];
        size_t n = pledge_diag_list_count(f->diags);

        pv_puts(out, i ? ",\n    {\n" : "\n    {\n");
        key(out, 6, "path");
        pv_put_json_cstr(out, f->path);
        pv_puts(out, ",\n");
        key(out, 6, "valid");
        pv_puts(out, f->valid ? "true,\n" : "false,\n");
        key(out, 6, "documents");
        pv_printf(out, "%zu,\n", f->documents);
        key(out, 6, "diagnostics");
        if (n == 0) {
            pv_puts(out, "[]\n    }");
            continue;
        }
        pv_puts(out, "[\n");
        for (j = 0; j < n; j++)
            write_diag(out, pledge_diag_list_at(f->diags, j), j + 1 == n);
        pv_puts(out, "      ]\n    }");
        if (out->failed)
            break;
    }
    pv_puts(out, r->count ? "\n  ],\n" : "],\n");
    pv_printf(out,
              "  \"summary\": {\n    \"files\": %zu,\n    \"documents\": %zu,\n"
              "    \"valid\": %zu,\n    \"invalid\": %zu,\n    \"errors\": %zu,\n"
              "    \"warnings\": %zu\n  }\n}\n",
              s->files, s->documents, s->valid, s->invalid, s->errors, s->warnings);
    return out->failed ? -1 : 0;
}
