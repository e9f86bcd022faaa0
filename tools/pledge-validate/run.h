/* SPDX-License-Identifier: MIT */
/* Validation of the files of the load order, in parallel with --jobs. */
#ifndef PV_RUN_H
#define PV_RUN_H

#include <pledge.h>
#include "paths.h"
#include "results.h"

typedef struct pv_run_options {
    pledge_load_options load;
    /* Schema mode when non-NULL: every document against this schema. */
    const pledge_schema *schema;
    /* Pledge mode with --verbose: the built-in schemas of pledge/1 and
     * follow-up/1 compiled here, whose every failing branch replaces the
     * model's best-match schema errors (NULL: keep the model's). */
    const pledge_schema *verbose_pledge;
    const pledge_schema *verbose_follow_up;
    unsigned int validate_flags; /* PLEDGE_VALIDATE_* for schema mode */
    int resolve;                 /* PLEDGE_SET_RESOLVE */
    unsigned int jobs;           /* >= 1 */
    int keep_stdin;              /* keep standard input's bytes (excerpts) */
} pv_run_options;

/*
 * Validate every input into @p r (one pv_file per input, in load order).
 * Worker threads read and validate files; this thread adds the models to
 * one pledge_set in load order, runs the cross-document checks and files
 * their diagnostics under the file and document they concern, so the
 * result is the same for every number of jobs.
 * Returns 0, or -1 with a message in @p err (out of memory, no threads).
 */
int pv_run(pv_results *r, const pv_inputs *in, const pv_run_options *o, char *err,
           size_t errlen);

#endif
