/* SPDX-License-Identifier: MIT */
/* Internal: the parts of the validation session (session.c): the set of
 * files already taken (seen.c) and the folder walk (walk.c). */
#ifndef PLEDGE_SESSION_INTERNAL_H
#define PLEDGE_SESSION_INTERNAL_H

#include <stdint.h>
#include "pledge/common.h"

/* ---- the files already taken ---------------------------------------- */

/* Files by identity (device, inode), or by name when they could not be
 * examined; one open-addressing table keyed with pledge__hash. */
typedef struct pledge__seen_slot {
    uint64_t dev, ino;
    char *name; /* non-NULL: a file known by name only */
    int used;
} pledge__seen_slot;

typedef struct pledge__seen {
    const pledge_allocator *allocator;
    pledge__seen_slot *slots;
    size_t capacity, count;
} pledge__seen;

void pledge__seen_init(pledge__seen *s, const pledge_allocator *allocator);
void pledge__seen_free(pledge__seen *s);
/* 1 when the file is new (and now taken), 0 when it was taken before,
 * PLEDGE_ENOMEM. @p name is used when @p known is 0. */
int pledge__seen_add(pledge__seen *s, int known, uint64_t dev, uint64_t ino, const char *name);

/* ---- walking folders -------------------------------------------------- */

/* Why a found entry is not a plain file to read. */
enum {
    PLEDGE__FOUND_FILE = 0,     /* a *.yaml / *.yml file, or a link inside the tree */
    PLEDGE__FOUND_BAD_FOLDER,   /* a folder that could not be read (error: errno) */
    PLEDGE__FOUND_OUTSIDE       /* a link leading out of the walked folder */
};

typedef struct pledge__found {
    char *path;     /* as printed; owned (allocator) */
    int kind;       /* PLEDGE__FOUND_* */
    int error;      /* errno for BAD_FOLDER */
    int known;      /* dev/ino are the identity of the file (after links) */
    uint64_t dev, ino;
} pledge__found;

/*
 * Every entry below folder @p dir, in byte-wise sorted path order: regular
 * *.yaml and *.yml files and links to files inside @p dir (hidden names,
 * links to folders and names matching an exclude glob skipped), folders
 * that could not be read, links that lead outside. Iterative: deep trees
 * cost no C stack. *out (caller frees with pledge__found_free) and *count.
 * Returns 0 or PLEDGE_ENOMEM.
 */
int pledge__walk_folder(const pledge_allocator *a, const char *dir, const char *const *excludes,
                 size_t exclude_count, pledge__found **out, size_t *count);
void pledge__found_free(const pledge_allocator *a, pledge__found *found, size_t count);

#endif
