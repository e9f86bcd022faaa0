/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: pledge-validate's five formatters on arbitrary diagnostics.
 * The input is split at NUL bytes into fields, eight per diagnostic:
 * severity (first byte odd: warning), code, message, file, line, column,
 * instance path, schema path; the file field chooses among the files (a
 * new name starts a new file). The JSON and SARIF outputs must read back
 * as one JSON document with the project's own reader; github lines must
 * each start with "::"; the text output must stay one line per diagnostic.
 */
#include "fuzz_common.h"
#include "results.h"

#include <stdio.h>

static const char *field(const char **p, const char *end, size_t *len)
{
    const char *start = *p, *nul = memchr(start, '\0', (size_t)(end - start));
    if (!nul)
        nul = end;
    *len = (size_t)(nul - start);
    *p = nul < end ? nul + 1 : end;
    return start;
}

static size_t number(const char *s, size_t len)
{
    size_t n = 0, i;
    for (i = 0; i < len && i < 6; i++)
        n = n * 10 + (size_t)((unsigned char)s[i] % 10);
    return n;
}

static void check_json(const fuzz_sink *out)
{
    pledge_diag_list *d = NULL;
    pledge_tree *t = NULL;
    pledge_load_options o = PLEDGE_LOAD_OPTIONS_INIT;
    o.syntax = PLEDGE_SYNTAX_JSON;
    o.max_depth = 64;
    if (pledge_diag_list_new(&d, NULL) != 0)
        return;
    FUZZ_ASSERT(pledge_tree_parse(&t, "out.json", out->data, out->len, &o, d) == 0);
    FUZZ_ASSERT(pledge_node_type_of(pledge_tree_root(t)) == PLEDGE_NODE_MAPPING);
    pledge_tree_free(t);
    pledge_diag_list_free(d);
}

static char *copy(const char *s, size_t len)
{
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    pv_results r;
    size_t n = 0, i;
    int k;
    pv_results_init(&r);
    while (p < end && n < 64) {
        const char *f[8];
        size_t len[8];
        char *strs[8] = { 0 };
        pv_file *file = NULL;
        for (k = 0; k < 8; k++)
            f[k] = field(&p, end, &len[k]);
        for (k = 0; k < 8; k++)
            if (!(strs[k] = copy(f[k], len[k])))
                goto next;
        for (i = 0; i < r.count; i++)
            if (strcmp(r.files[i].path, strs[3]) == 0)
                file = &r.files[i];
        if (!file && !(file = pv_results_add(&r, strs[3])))
            goto next;
        {
            pledge_severity sev = len[0] && (f[0][0] & 1) ? PLEDGE_SEVERITY_WARNING
                                                           : PLEDGE_SEVERITY_ERROR;
            size_t line = number(f[4], len[4]);
            size_t column = line ? number(f[5], len[5]) + 1 : 0;
            if (pv_file_set_documents(file, line % 3 + 1) == 0)
                pledge_diag_list_add(file->diags, sev, strs[1], strs[3], line % 3, line, column,
                                     strs[6], strs[7], strs[2]);
        }
    next:
        for (k = 0; k < 8; k++)
            free(strs[k]);
        n++;
    }
    for (i = 0; i < r.count; i++)
        pledge_diag_list_sort(r.files[i].diags, 0);
    pv_results_finish(&r, (int)(size & 1));
    for (k = 0; k < 5; k++) {
        fuzz_sink out = { NULL, 0, 0 };
        pv_sink sink = { fuzz_sink_write, &out, 0 };
        pv_text_options topts = { 0, 0, NULL, NULL };
        switch (k) {
        case 0: pv_output_text(&r, &topts, &sink); break;
        case 1: pv_output_json(&r, &sink); break;
        case 2: pv_output_github(&r, &sink); break;
        case 3: pv_output_sarif(&r, "0.0.0", &sink); break;
        default: pv_output_junit(&r, (int)(size & 2), &sink); break;
        }
        if (!sink.failed && (k == 1 || k == 3))
            check_json(&out);
        if (!sink.failed && k == 2 && out.len) {
            /* Every line is a workflow command: nothing data-controlled
             * may start a line of its own. */
            size_t at = 0;
            while (at < out.len) {
                const char *nl = memchr(out.data + at, '\n', out.len - at);
                FUZZ_ASSERT(out.len - at >= 2 && out.data[at] == ':' && out.data[at + 1] == ':');
                at = nl ? (size_t)(nl - out.data) + 1 : out.len;
            }
        }
        free(out.data);
    }
    {
        /* Source excerpts over the raw input as a "file". */
        fuzz_sink out = { NULL, 0, 0 };
        pv_sink sink = { fuzz_sink_write, &out, 0 };
        pv_write_excerpt(&sink, (const char *)data, size, size % 7 + 1, size % 13 + 1, 1);
        free(out.data);
    }
    pv_results_free(&r);
    return 0;
}
