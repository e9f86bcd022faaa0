/* SPDX-License-Identifier: MIT */
/* Folder walking (POSIX). Links to folders are never followed, so loops
 * cannot happen and no visited-folder set is needed. A link to a file is
 * taken only when the file lies inside the folder being walked: the walk
 * must not carry a file from elsewhere (a key, /proc/self/environ) into
 * the output through a link that a pull request added. */
#define _XOPEN_SOURCE 700
#include "internal.h"
#include "core/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

typedef struct found_list {
    const pledge_allocator *a;
    pledge__found *items;
    size_t count, capacity;
} found_list;

static int found_add(found_list *l, char *path, int kind, int error, const struct stat *st)
{
    pledge__found *f;
    if (pledge__grow(l->a, (void **)&l->items, &l->capacity, l->count + 1, sizeof *l->items)) {
        pledge__free(l->a, path);
        return PLEDGE_ENOMEM;
    }
    f = &l->items[l->count++];
    memset(f, 0, sizeof *f);
    f->path = path;
    f->kind = kind;
    f->error = error;
    if (st) {
        f->known = 1;
        f->dev = (uint64_t)st->st_dev;
        f->ino = (uint64_t)st->st_ino;
    }
    return PLEDGE_OK;
}

void pledge__found_free(const pledge_allocator *a, pledge__found *found, size_t count)
{
    size_t i;
    for (i = 0; found && i < count; i++)
        pledge__free(a, found[i].path);
    pledge__free(a, found);
}

static int is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int excluded(const char *path, const char *name, const char *const *excludes,
                    size_t count)
{
    size_t i;
    for (i = 0; i < count; i++)
        if (excludes[i] && (fnmatch(excludes[i], path, 0) == 0 ||
                            fnmatch(excludes[i], name, 0) == 0))
            return 1;
    return 0;
}

static char *join(const pledge_allocator *a, const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = pledge__malloc(a, dl + (size_t)slash + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

/* 1 when the real path of @p path lies below @p root (a real path). */
static int inside(const char *root, const char *path)
{
    char real[PATH_MAX];
    size_t n = strlen(root);
    if (!realpath(path, real))
        return 0;
    if (n == 1 && root[0] == '/')
        return 1;
    return strncmp(real, root, n) == 0 && real[n] == '/';
}

static int cmp_found(const void *x, const void *y)
{
    /* strcmp compares as unsigned char: byte-wise order. */
    return strcmp(((const pledge__found *)x)->path, ((const pledge__found *)y)->path);
}

/* The names in folder @p dir (hidden ones left out), read whole before any
 * is examined, so that one folder is open at a time. */
static int read_names(const pledge_allocator *a, const char *dir, char ***names,
                      size_t *count, int *error)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t cap = 0;
    *names = NULL;
    *count = 0;
    *error = 0;
    if (!d) {
        *error = errno ? errno : EIO;
        return PLEDGE_OK;
    }
    while ((e = readdir(d)) != NULL) {
        char *nm;
        if (e->d_name[0] == '.')
            continue; /* hidden, and "." and ".." */
        if (pledge__grow(a, (void **)names, &cap, *count + 1, sizeof **names) ||
            !(nm = pledge__strdup(a, e->d_name))) {
            closedir(d);
            return PLEDGE_ENOMEM;
        }
        (*names)[(*count)++] = nm;
    }
    closedir(d);
    return PLEDGE_OK;
}

int pledge__walk_folder(const pledge_allocator *a, const char *dir, const char *const *excludes,
                 size_t exclude_count, pledge__found **out, size_t *count)
{
    found_list found = { a, NULL, 0, 0 };
    char **pending = NULL, root[PATH_MAX];
    size_t npending = 0, cap_pending = 0;
    int rc = PLEDGE_OK, have_root = realpath(dir, root) != NULL;

    *out = NULL;
    *count = 0;
    if (pledge__grow(a, (void **)&pending, &cap_pending, 1, sizeof *pending) ||
        !(pending[0] = pledge__strdup(a, dir))) {
        pledge__free(a, pending);
        return PLEDGE_ENOMEM;
    }
    npending = 1;
    while (rc == PLEDGE_OK && npending > 0) {
        char *folder = pending[--npending], **names = NULL;
        size_t nnames = 0, i;
        int error = 0;

        rc = read_names(a, folder, &names, &nnames, &error);
        if (rc == PLEDGE_OK && error) {
            rc = found_add(&found, folder, PLEDGE__FOUND_BAD_FOLDER, error, NULL);
            folder = NULL;
        }
        for (i = 0; i < nnames; i++) {
            struct stat st, target;
            char *child;
            if (rc != PLEDGE_OK || !(child = join(a, folder, names[i]))) {
                rc = PLEDGE_ENOMEM;
                break;
            }
            if (excluded(child, names[i], excludes, exclude_count) || lstat(child, &st) != 0) {
                pledge__free(a, child); /* excluded, or vanished meanwhile */
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (pledge__grow(a, (void **)&pending, &cap_pending, npending + 1,
                                 sizeof *pending)) {
                    pledge__free(a, child);
                    rc = PLEDGE_ENOMEM;
                } else {
                    pending[npending++] = child;
                }
            } else if (!is_yaml_name(names[i])) {
                pledge__free(a, child);
            } else if (S_ISLNK(st.st_mode)) {
                if (stat(child, &target) != 0) /* dangling: reading says so */
                    rc = found_add(&found, child, PLEDGE__FOUND_FILE, 0, NULL);
                else if (S_ISDIR(target.st_mode))
                    pledge__free(a, child); /* a link to a folder is skipped */
                else if (!have_root || !inside(root, child))
                    rc = found_add(&found, child, PLEDGE__FOUND_OUTSIDE, 0, NULL);
                else
                    rc = found_add(&found, child, PLEDGE__FOUND_FILE, 0, &target);
            } else {
                /* Regular or not: reading refuses what is not regular. */
                rc = found_add(&found, child, PLEDGE__FOUND_FILE, 0, &st);
            }
        }
        for (i = 0; i < nnames; i++)
            pledge__free(a, names[i]);
        pledge__free(a, names);
        pledge__free(a, folder);
    }
    while (npending > 0)
        pledge__free(a, pending[--npending]);
    pledge__free(a, pending);
    if (rc != PLEDGE_OK) {
        pledge__found_free(a, found.items, found.count);
        return rc;
    }
    if (found.count > 1)
        qsort(found.items, found.count, sizeof *found.items, cmp_found);
    *out = found.items;
    *count = found.count;
    return PLEDGE_OK;
}
