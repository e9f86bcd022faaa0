/* SPDX-License-Identifier: MIT */
/* Command-line options of pledge-validate. */
#ifndef PV_ARGS_H
#define PV_ARGS_H

#include <stddef.h>
#include <stdio.h>
#include <pledge.h>

typedef enum pv_format {
    PV_FORMAT_TEXT,
    PV_FORMAT_JSON,
    PV_FORMAT_GITHUB,
    PV_FORMAT_SARIF,
    PV_FORMAT_JUNIT
} pv_format;

typedef enum pv_color { PV_COLOR_AUTO, PV_COLOR_ALWAYS, PV_COLOR_NEVER } pv_color;

/* One -o FORMAT=FILE: a format and where it goes ("-": standard output). */
typedef struct pv_output {
    pv_format format;
    const char *path; /* borrowed from argv */
} pv_output;

typedef struct pv_args {
    pv_format format;
    int format_given;  /* --format was on the command line */
    pv_color color;
    int excerpt;
    int quiet, verbose, strict, resolve, assert_formats;
    unsigned jobs;     /* 0: the number of online cores */
    const char *schema;
    pledge_ref_dir *ref_dirs; /* strings owned by the struct */
    size_t ref_dir_count;
    const char **excludes;    /* borrowed from argv */
    size_t exclude_count;
    const char **paths;       /* borrowed from argv */
    size_t path_count;
    const char **contexts;    /* --context, borrowed from argv */
    size_t context_count;
    const char **ignores;     /* --ignore globs, borrowed from argv */
    size_t ignore_count;
    pv_output *outputs;       /* -o FORMAT=FILE, in order */
    size_t output_count;
    const char *stdin_filename; /* --stdin-filename, or NULL */
    size_t max_diagnostics;   /* per file; 0: no cap */
    size_t max_evaluations;   /* schema evaluation budget per document;
                                 0: the library's default, SIZE_MAX: none */
    int check_schema;         /* --check-schema: the PATHs are schemas */
    int junit_file_attribute; /* --junit-file-attribute */
    size_t max_depth, max_alias_expansion, max_file_bytes;
    int help, version, list_codes;
    const char *print_schema;
} pv_args;

/* Parse argv. Returns 0, or -1 with a message for a person in @p err (a
 * usage error: exit status 2). */
int pv_args_parse(pv_args *a, int argc, char **argv, char *err, size_t errlen);
void pv_args_free(pv_args *a);

/* Parse a byte count with an optional suffix: B, K/KiB (1024), KB (1000),
 * and likewise M, G, T. Returns 0 or -1. Exposed for tests. */
int pv_parse_size(const char *text, size_t *out);

/* The --help text (every line under 80 columns). */
void pv_print_help(FILE *fp);

#endif
