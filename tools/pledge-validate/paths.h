/* SPDX-License-Identifier: MIT */
/* From PATH arguments to the load order: the files to validate. */
#ifndef PV_PATHS_H
#define PV_PATHS_H

#include <stddef.h>

typedef struct pv_input {
    char *path;     /* as printed ("<stdin>" for standard input); owned */
    int is_stdin;
    int error;      /* nonzero: an errno for a folder that could not be read */
} pv_input;

typedef struct pv_inputs {
    pv_input *items;
    size_t count;
    size_t capacity;
} pv_inputs;

/*
 * Expand @p paths into @p out in load order: arguments in order, each
 * folder's *.yaml and *.yml files below it in byte-wise sorted path order
 * (hidden names, links to folders and names matching an --exclude glob
 * skipped), a file reached twice only once, "-" as standard input. A path
 * that cannot be examined is kept (reading it reports io.error); a folder
 * that cannot be opened becomes an entry with its errno.
 * Returns 0, or -1 with a message in @p err: a usage error (a PATH that
 * yields no file) or running out of memory.
 */
int pv_collect(pv_inputs *out, const char *const *paths, size_t path_count,
               const char *const *excludes, size_t exclude_count, char *err, size_t errlen);

void pv_inputs_free(pv_inputs *in);

#endif
