/* SPDX-License-Identifier: MIT */
/* The sarif format: SARIF 2.1.0 with what GitHub code scanning reads —
 * one run, tool.driver with every code as a rule, results with ruleId,
 * level, message.text and a physical location whose region counts
 * columns in Unicode code points (run.columnKind). */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#ifndef PV_INFORMATION_URI
#define PV_INFORMATION_URI ""
#endif

#define SARIF_SCHEMA \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* The rule table: the library's codes, then codes seen in the results
 * that the library does not list (kept, in order of first appearance, so
 * that every result has a rule). */
typedef struct rules {
    const pledge_code_info *known;
    size_t known_count;
    const char **extra;
    size_t extra_count;
} rules;

static long rule_index(const rules *t, const char *code)
{
    size_t lo = 0, hi = t->known_count, i;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->known[mid].code, code);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (i = 0; i < t->extra_count; i++)
        if (strcmp(t->extra[i], code) == 0)
            return (long)(t->known_count + i);
    return -1;
}

static int collect_rules(rules *t, const pv_results *r)
{
    size_t i, j, cap = 0;

    t->known = pledge_code_list(&t->known_count);
    if (!t->known)
        t->known_count = 0;
    t->extra = NULL;
    t->extra_count = 0;
    for (i = 0; i < r->count; i++) {
        size_t n = pledge_diag_list_count(r->files[i].diags);
        for (j = 0; j < n; j++) {
            const char *code = pledge_diag_list_at(r->files[i].diags, j)->code;
            if (rule_index(t, code) >= 0)
                continue;
            if (t->extra_count == cap) {
                size_t ncap = cap ? cap * 2 : 8;
                const char **ne = realloc((void *)t->extra, ncap * sizeof *ne);
                if (!ne)
                    return -1;
                t->extra = ne;
                cap = ncap;
            }
            t->extra[t->extra_count++] = code;
        }
    }
    return 0;
}

/* A URI reference for a path as printed: every byte outside RFC 3986's
 * unreserved set and '/' is percent-encoded (so "a b:c.yaml" cannot be
 * read as a scheme); an absolute path becomes a file: URI. */
static void put_uri(pv_sink *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;

    pv_put(out, "\"", 1);
    if (path[0] == '/')
        pv_puts(out, "file://");
    for (i = 0; path[i]; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            pv_put(out, (const char *)&path[i], 1);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            pv_put(out, enc, 3);
        }
    }
    pv_put(out, "\"", 1);
}

static void write_rule(pv_sink *out, const char *code, const char *description,
                       pledge_severity severity, int first)
{
    pv_puts(out, first ? "\n            {\"id\": " : ",\n            {\"id\": ");
    pv_put_json_cstr(out, code);
    pv_puts(out, ", \"name\": ");
    pv_put_json_cstr(out, code);
    pv_puts(out, ", \"shortDescription\": {\"text\": ");
    pv_put_json_cstr(out, description);
    pv_puts(out, "}, \"defaultConfiguration\": {\"level\": ");
    pv_puts(out, severity == PLEDGE_SEVERITY_ERROR ? "\"error\"" : "\"warning\"");
    pv_puts(out, "}}");
}

static void write_result(pv_sink *out, const pledge_diag *d, long index, int first)
{
    pv_puts(out, first ? "\n        {" : ",\n        {");
    pv_puts(out, "\"ruleId\": ");
    pv_put_json_cstr(out, d->code);
    pv_printf(out, ", \"ruleIndex\": %ld, \"level\": ", index);
    pv_puts(out, d->severity == PLEDGE_SEVERITY_ERROR ? "\"error\"" : "\"warning\"");
    pv_puts(out, ",\n         \"message\": {\"text\": ");
    pv_put_json_cstr(out, d->message);
    pv_puts(out, "},\n         \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
                 "{\"uri\": ");
    put_uri(out, d->file);
    pv_puts(out, "}");
    /* No position (an unreadable file): no region at all, since SARIF's
     * lines and columns start at 1. */
    if (d->line) {
        pv_printf(out, ", \"region\": {\"startLine\": %zu", d->line);
        if (d->column)
            pv_printf(out, ", \"startColumn\": %zu", d->column);
        pv_puts(out, "}");
    }
    pv_puts(out, "}}],\n         \"properties\": {\"document\": ");
    pv_printf(out, "%zu, \"instancePath\": ", d->document);
    pv_put_json_cstr(out, d->instance_path);
    pv_puts(out, ", \"schemaPath\": ");
    pv_put_json_cstr(out, d->schema_path);
    pv_puts(out, "}}");
}

int pv_output_sarif(const pv_results *r, const char *version, pv_sink *out)
{
    rules t;
    size_t i, j;
    int first = 1;

    if (collect_rules(&t, r) != 0) {
        out->failed = 1;
        return -1;
    }
    pv_puts(out, "{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n"
                 "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
                 "          \"name\": \"pledge-validate\",\n          \"version\": ");
    pv_put_json_cstr(out, version);
    if (PV_INFORMATION_URI[0]) {
        pv_puts(out, ",\n          \"informationUri\": ");
        pv_put_json_cstr(out, PV_INFORMATION_URI);
    }
    pv_puts(out, ",\n          \"rules\": [");
    for (i = 0; i < t.known_count; i++)
        write_rule(out, t.known[i].code, t.known[i].description, t.known[i].severity, i == 0);
    for (i = 0; i < t.extra_count; i++)
        write_rule(out, t.extra[i], t.extra[i], PLEDGE_SEVERITY_ERROR,
                   t.known_count + i == 0);
    pv_puts(out, t.known_count + t.extra_count ? "\n          ]\n" : "]\n");
    pv_puts(out, "        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n"
                 "      \"results\": [");
    for (i = 0; i < r->count; i++) {
        const pv_file *f = &r->files[i];
        size_t n = pledge_diag_list_count(f->diags);
        for (j = 0; j < n; j++) {
            const pledge_diag *d = pledge_diag_list_at(f->diags, j);
            write_result(out, d, rule_index(&t, d->code), first);
            first = 0;
        }
        if (out->failed)
            break;
    }
    pv_puts(out, first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n");
    free((void *)t.extra);
    return out->failed ? -1 : 0;
}
