/* SPDX-License-Identifier: MIT */
/* Folder walking. Links to folders are never followed, so loops cannot
 * happen and no visited-folder set is needed; links to files are
 * followed, and the (device, inode) set makes a file reached twice (by
 * two arguments, or through a link) count once. */
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STDIN_NAME "<stdin>"

/* ---- the set of files already taken ------------------------------- */

typedef struct file_id {
    uint64_t dev, ino;
} file_id;

typedef struct seen_set {
    file_id *slots; /* ino == 0 && dev == 0: empty (inode 0 is never used) */
    size_t capacity, count;
    char **names;   /* paths that could not be stat'ed, compared by name */
    size_t name_count;
    int stdin_taken;
} seen_set;

static uint64_t mix(file_id id)
{
    uint64_t h = id.dev * 0x9E3779B97F4A7C15ull ^ id.ino;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

/* Returns 1 if @p id was new (and is now in the set), 0 if seen, -1 on
 * out of memory. */
static int seen_insert(seen_set *s, file_id id)
{
    size_t i;
    if (id.dev == 0 && id.ino == 0)
        id.ino = 1; /* keep the empty marker free */
    if ((s->count + 1) * 2 > s->capacity) {
        size_t cap = s->capacity ? s->capacity * 2 : 64, j;
        file_id *ns = calloc(cap, sizeof *ns);
        if (!ns)
            return -1;
        for (j = 0; j < s->capacity; j++) {
            file_id e = s->slots[j];
            if (e.dev || e.ino) {
                size_t k = (size_t)mix(e) & (cap - 1);
                while (ns[k].dev || ns[k].ino)
                    k = (k + 1) & (cap - 1);
                ns[k] = e;
            }
        }
        free(s->slots);
        s->slots = ns;
        s->capacity = cap;
    }
    i = (size_t)mix(id) & (s->capacity - 1);
    while (s->slots[i].dev || s->slots[i].ino) {
        if (s->slots[i].dev == id.dev && s->slots[i].ino == id.ino)
            return 0;
        i = (i + 1) & (s->capacity - 1);
    }
    s->slots[i] = id;
    s->count++;
    return 1;
}

static int seen_insert_name(seen_set *s, const char *path)
{
    size_t i;
    char **nn, *copy;
    for (i = 0; i < s->name_count; i++)
        if (strcmp(s->names[i], path) == 0)
            return 0;
    nn = realloc(s->names, (s->name_count + 1) * sizeof *nn);
    if (!nn)
        return -1;
    s->names = nn;
    copy = malloc(strlen(path) + 1);
    if (!copy)
        return -1;
    strcpy(copy, path);
    s->names[s->name_count++] = copy;
    return 1;
}

static void seen_free(seen_set *s)
{
    size_t i;
    for (i = 0; i < s->name_count; i++)
        free(s->names[i]);
    free(s->names);
    free(s->slots);
}

/* ---- inputs ------------------------------------------------------ */

static int add_input(pv_inputs *in, const char *path, size_t len, int is_stdin, int error)
{
    pv_input *it;
    if (in->count == in->capacity) {
        size_t cap = in->capacity ? in->capacity * 2 : 64;
        pv_input *ni = realloc(in->items, cap * sizeof *ni);
        if (!ni)
            return -1;
        in->items = ni;
        in->capacity = cap;
    }
    it = &in->items[in->count];
    it->path = malloc(len + 1);
    if (!it->path)
        return -1;
    memcpy(it->path, path, len);
    it->path[len] = '\0';
    it->is_stdin = is_stdin;
    it->error = error;
    in->count++;
    return 0;
}

void pv_inputs_free(pv_inputs *in)
{
    size_t i;
    for (i = 0; i < in->count; i++)
        free(in->items[i].path);
    free(in->items);
    memset(in, 0, sizeof *in);
}

/* ---- walking ----------------------------------------------------- */

/* A file found in a folder, or a folder that could not be read. */
typedef struct found {
    char *path;
    int error;
} found;

typedef struct found_list {
    found *items;
    size_t count, capacity;
} found_list;

static int found_add(found_list *l, char *path, int error)
{
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 64;
        found *nf = realloc(l->items, cap * sizeof *nf);
        if (!nf)
            return -1;
        l->items = nf;
        l->capacity = cap;
    }
    l->items[l->count].path = path;
    l->items[l->count].error = error;
    l->count++;
    return 0;
}

static int cmp_found(const void *a, const void *b)
{
    /* strcmp compares as unsigned char: byte-wise order. */
    return strcmp(((const found *)a)->path, ((const found *)b)->path);
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
        if (fnmatch(excludes[i], path, 0) == 0 || fnmatch(excludes[i], name, 0) == 0)
            return 1;
    return 0;
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + slash + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

/* Read a folder's names first and close it before descending, so the
 * walk holds one open folder at a time however deep the tree is. */
static int walk(const char *dir, found_list *out, const char *const *excludes,
                size_t exclude_count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t count = 0, cap = 0, i;
    int rc = 0;

    if (!d) {
        int error = errno ? errno : EIO;
        char *copy = malloc(strlen(dir) + 1);
        if (copy)
            strcpy(copy, dir);
        if (!copy || found_add(out, copy, error) != 0) {
            free(copy);
            return -1;
        }
        return 0;
    }
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        char *nm;
        if (e->d_name[0] == '.')
            continue; /* hidden, and "." and ".." */
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof *nn);
            if (!nn) {
                rc = -1;
                break;
            }
            names = nn;
            cap = ncap;
        }
        nm = malloc(strlen(e->d_name) + 1);
        if (!nm) {
            rc = -1;
            break;
        }
        strcpy(nm, e->d_name);
        names[count++] = nm;
    }
    closedir(d);

    for (i = 0; i < count && rc == 0; i++) {
        struct stat st;
        char *child = join(dir, names[i]);
        if (!child) {
            rc = -1;
            break;
        }
        if (excluded(child, names[i], excludes, exclude_count)) {
            free(child);
            continue;
        }
        if (lstat(child, &st) != 0) {
            free(child);
            continue; /* vanished while walking */
        }
        if (S_ISLNK(st.st_mode)) {
            struct stat target;
            /* A link to a folder is skipped; a link to a file counts as
             * that file, and a dangling one is reported when read. */
            if (stat(child, &target) == 0 && S_ISDIR(target.st_mode)) {
                free(child);
                continue;
            }
            if (!is_yaml_name(names[i]) || found_add(out, child, 0) != 0) {
                free(child);
                rc = rc ? rc : (is_yaml_name(names[i]) ? -1 : 0);
            }
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            rc = walk(child, out, excludes, exclude_count);
            free(child);
            continue;
        }
        if (is_yaml_name(names[i])) {
            if (found_add(out, child, 0) != 0) {
                free(child);
                rc = -1;
            }
        } else {
            free(child);
        }
    }
    for (i = 0; i < count; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Take one file unless it was taken before. */
static int take_file(pv_inputs *out, seen_set *seen, const char *path)
{
    struct stat st;
    int fresh;
    if (stat(path, &st) == 0) {
        file_id id = {(uint64_t)st.st_dev, (uint64_t)st.st_ino};
        fresh = seen_insert(seen, id);
    } else {
        fresh = seen_insert_name(seen, path);
    }
    if (fresh < 0)
        return -1;
    if (fresh == 0)
        return 0;
    return add_input(out, path, strlen(path), 0, 0);
}

int pv_collect(pv_inputs *out, const char *const *paths, size_t path_count,
               const char *const *excludes, size_t exclude_count, char *err, size_t errlen)
{
    seen_set seen;
    size_t i, j;
    int rc = 0;

    memset(out, 0, sizeof *out);
    memset(&seen, 0, sizeof seen);
    for (i = 0; i < path_count && rc == 0; i++) {
        const char *p = paths[i];
        struct stat st;

        if (strcmp(p, "-") == 0) {
            if (!seen.stdin_taken) {
                seen.stdin_taken = 1;
                rc = add_input(out, STDIN_NAME, strlen(STDIN_NAME), 1, 0);
            }
            continue;
        }
        if (p[0] == '\0') {
            snprintf(err, errlen, "an empty PATH names no file");
            rc = -2;
            break;
        }
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            found_list fl = {NULL, 0, 0};
            rc = walk(p, &fl, excludes, exclude_count);
            if (rc == 0 && fl.count == 0) {
                snprintf(err, errlen,
                         "no *.yaml or *.yml file in folder '%s' (hidden names, links to "
                         "folders and --exclude matches are skipped)", p);
                rc = -2;
            }
            if (fl.count > 1)
                qsort(fl.items, fl.count, sizeof *fl.items, cmp_found);
            for (j = 0; j < fl.count; j++) {
                if (rc == 0) {
                    if (fl.items[j].error)
                        rc = add_input(out, fl.items[j].path, strlen(fl.items[j].path), 0,
                                       fl.items[j].error);
                    else
                        rc = take_file(out, &seen, fl.items[j].path);
                }
                free(fl.items[j].path);
            }
            free(fl.items);
            continue;
        }
        /* A file named explicitly is always taken, whatever its name;
         * one that cannot be examined too, and reading it says why. */
        rc = take_file(out, &seen, p);
    }
    seen_free(&seen);
    if (rc == -1)
        snprintf(err, errlen, "out of memory while listing files");
    if (rc != 0) {
        pv_inputs_free(out);
        return -1;
    }
    return 0;
}
