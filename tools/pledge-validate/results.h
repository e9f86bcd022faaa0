/* SPDX-License-Identifier: MIT */
/* What a run found, independent of where it came from: files in load
 * order, each with its diagnostics, and the counts. The formatters are
 * functions of this structure alone (plus a sink), so tests and fuzzers
 * can drive them with any diagnostics built with pledge_diag_list_add. */
#ifndef PV_RESULTS_H
#define PV_RESULTS_H

#include <stddef.h>
#include <pledge.h>
#include "sink.h"

/* Per-document marks. */
#define PV_DOC_ERROR 0x1u
#define PV_DOC_WARNING 0x2u
#define PV_DOC_REFUSED 0x4u /* the reader returned no tree for it */

typedef struct pv_file {
    char *path;                /* as printed; owned */
    size_t documents;          /* documents read (the broken one included) */
    unsigned char *doc_flags;  /* `documents` entries of PV_DOC_*; owned */
    int stopped;               /* a syntax error or limit ended the stream */
    int unreadable;            /* io.error: nothing could be read */
    pledge_diag_list *diags;   /* owned */
    char *source;              /* kept bytes of standard input, or NULL */
    size_t source_len;

    /* Set by pv_results_finish. */
    int valid;
    size_t invalid_documents;
    size_t errors;
    size_t warnings;
} pv_file;

typedef struct pv_summary {
    size_t files;
    size_t documents;
    size_t valid;    /* documents */
    size_t invalid;  /* documents */
    size_t errors;   /* diagnostics */
    size_t warnings; /* diagnostics */
    size_t invalid_files;
    size_t unreadable_files;
} pv_summary;

typedef struct pv_results {
    pv_file *files;
    size_t count;
    size_t capacity;
    pv_summary summary;
} pv_results;

void pv_results_init(pv_results *r);
void pv_results_free(pv_results *r);

/* Append a file entry named @p path (copied) with an empty diagnostic
 * list; returns it, or NULL when memory runs out. */
pv_file *pv_results_add(pv_results *r, const char *path);

/* Record that @p file has at least @p documents documents and mark them
 * (grows doc_flags). Returns 0 or -1 when memory runs out. */
int pv_file_set_documents(pv_file *file, size_t documents);

/* Derive each document's validity from its marks and its diagnostics (a
 * warning invalidates under @p strict) and compute the per-file and
 * summary counts. The diagnostics are printed in their list's order
 * (the session sorts them into reading order). */
void pv_results_finish(pv_results *r, int strict);

/* 0, 1 or 2 as cli.md's exit status table says, from the results alone. */
int pv_results_status(const pv_results *r);

/* "2 files, 3 documents: 1 invalid, 2 errors, 1 warning" (no newline). */
void pv_summary_line(const pv_summary *s, char *buf, size_t size);

/* ---- formatters: each returns 0, or -1 when the sink failed ---------- */

/* Loads the bytes of @p file for a source excerpt; returns a malloc'd
 * buffer (caller frees) and its length, or NULL when unavailable. */
typedef char *(*pv_source_fn)(void *ud, const pv_file *file, size_t *len);

typedef struct pv_text_options {
    int color;        /* ANSI colours and, with them, excerpts */
    int excerpt;      /* excerpts with a caret under the column */
    pv_source_fn source;
    void *source_ud;
} pv_text_options;

int pv_output_text(const pv_results *r, const pv_text_options *opts, pv_sink *out);
int pv_output_json(const pv_results *r, pv_sink *out);
int pv_output_github(const pv_results *r, pv_sink *out);
/* @p version: the tool's version, for tool.driver.version. */
int pv_output_sarif(const pv_results *r, const char *version, pv_sink *out);
/* @p file_attribute: GitLab's `file` attribute on each testcase (not in
 * the common Jenkins JUnit XSD, which the output follows without it). */
int pv_output_junit(const pv_results *r, int file_attribute, pv_sink *out);

/* Write one source excerpt (the line, then a caret under @p column) for a
 * 1-based @p line of @p data; nothing when the line does not exist.
 * Lines break as libyaml breaks them. A line longer than 120 code points
 * is shown as a 120-column window around the column, with "…" where it
 * was cut. Exposed for tests and fuzzers. */
void pv_write_excerpt(pv_sink *out, const char *data, size_t len, size_t line,
                      size_t column, int color);

#endif
