/* SPDX-License-Identifier: MIT */
#include "results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pv_results_init(pv_results *r)
{
    memset(r, 0, sizeof *r);
}

void pv_results_free(pv_results *r)
{
    size_t i;
    for (i = 0; i < r->count; i++) {
        free(r->files[i].path);
        free(r->files[i].doc_flags);
        free(r->files[i].source);
        pledge_diag_list_free(r->files[i].diags);
    }
    free(r->files);
    memset(r, 0, sizeof *r);
}

pv_file *pv_results_add(pv_results *r, const char *path)
{
    pv_file *f;
    if (r->count == r->capacity) {
        size_t cap = r->capacity ? r->capacity * 2 : 16;
        pv_file *nf = realloc(r->files, cap * sizeof *nf);
        if (!nf)
            return NULL;
        r->files = nf;
        r->capacity = cap;
    }
    f = &r->files[r->count];
    memset(f, 0, sizeof *f);
    f->path = malloc(strlen(path) + 1);
    if (!f->path)
        return NULL;
    strcpy(f->path, path);
    if (pledge_diag_list_new(&f->diags, NULL) != 0) {
        free(f->path);
        return NULL;
    }
    r->count++;
    return f;
}

int pv_file_set_documents(pv_file *file, size_t documents)
{
    if (documents > file->documents) {
        unsigned char *nf = realloc(file->doc_flags, documents);
        if (!nf)
            return -1;
        memset(nf + file->documents, 0, documents - file->documents);
        file->doc_flags = nf;
        file->documents = documents;
    }
    return 0;
}

void pv_results_finish(pv_results *r, int strict)
{
    pv_summary *s = &r->summary;
    size_t i, j;

    memset(s, 0, sizeof *s);
    s->files = r->count;
    for (i = 0; i < r->count; i++) {
        pv_file *f = &r->files[i];
        size_t n = pledge_diag_list_count(f->diags);
        int file_bad = f->unreadable || f->stopped;

        f->errors = f->warnings = f->invalid_documents = 0;
        for (j = 0; j < n; j++) {
            const pledge_diag *d = pledge_diag_list_at(f->diags, j);
            unsigned flag = d->severity == PLEDGE_SEVERITY_ERROR ? PV_DOC_ERROR
                                                                  : PV_DOC_WARNING;
            if (flag == PV_DOC_ERROR)
                f->errors++;
            else
                f->warnings++;
            if (d->document < f->documents)
                f->doc_flags[d->document] |= (unsigned char)flag;
            else if (flag == PV_DOC_ERROR || strict)
                file_bad = 1; /* about the file, not one of its documents */
        }
        for (j = 0; j < f->documents; j++) {
            unsigned fl = f->doc_flags[j];
            if ((fl & (PV_DOC_ERROR | PV_DOC_REFUSED)) || (strict && (fl & PV_DOC_WARNING)))
                f->invalid_documents++;
        }
        f->valid = !file_bad && f->invalid_documents == 0;
        s->documents += f->documents;
        s->invalid += f->invalid_documents;
        s->errors += f->errors;
        s->warnings += f->warnings;
        s->invalid_files += !f->valid;
        s->unreadable_files += f->unreadable != 0;
    }
    s->valid = s->documents - s->invalid;
}

int pv_results_status(const pv_results *r)
{
    if (r->summary.unreadable_files)
        return 2;
    if (r->summary.invalid_files || r->summary.invalid)
        return 1;
    return 0;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void pv_summary_line(const pv_summary *s, char *buf, size_t size)
{
    snprintf(buf, size, "%zu %s, %zu %s: %zu invalid, %zu %s, %zu %s", s->files,
             plural(s->files, "file", "files"), s->documents,
             plural(s->documents, "document", "documents"), s->invalid, s->errors,
             plural(s->errors, "error", "errors"), s->warnings,
             plural(s->warnings, "warning", "warnings"));
}
