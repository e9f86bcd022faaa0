/* SPDX-License-Identifier: MIT */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A document of a file, in document order: its model when it is valid,
 * else its tree, kept until the main thread records it in the set. */
typedef struct doc_entry {
    pledge_doc *doc;
    pledge_tree *rejected;
} doc_entry;

/* One file's work. A worker fills `file` and `docs`; the main thread then
 * moves the documents into the set, in load order. */
typedef struct job {
    const pv_input *input;
    pv_file *file;
    doc_entry *docs;
    size_t doc_count, doc_capacity;
    int done;
} job;

typedef struct runner {
    const pv_run_options *o;
    job *jobs;
    size_t count;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers wait for room in the window */
    pthread_cond_t done_cv; /* the main thread waits for the next file */
    size_t next;            /* next job a worker takes */
    size_t consumed;        /* jobs whose models went into the set */
    size_t window;          /* how far workers may run ahead of it */
    int fatal;              /* out of memory somewhere: stop */
} runner;

static int add_own(pledge_diag_list *list, const char *file, const char *message)
{
    pledge_diag d;
    memset(&d, 0, sizeof d);
    d.severity = PLEDGE_SEVERITY_ERROR;
    d.code = "io.error";
    d.message = message;
    d.file = file;
    d.instance_path = "";
    d.schema_path = "";
    return pledge_diag_list_add(list, &d);
}

static void describe_errno(char *buf, size_t size, const char *what, int err)
{
    char reason[128];
    if (strerror_r(err, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", err);
    snprintf(buf, size, "%s: %s", what, reason);
}

/* Standard input is read here, up to one byte past the limit so that the
 * reader sees the file was too long and says so as for any file. */
static int read_stdin(char **out, size_t *len, size_t limit, char *why, size_t whylen)
{
    size_t cap = 65536, n = 0, want = limit < SIZE_MAX ? limit + 1 : limit;
    char *buf = malloc(cap);

    *out = NULL;
    *len = 0;
    if (!buf)
        return -1;
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb;
            if (cap >= want)
                break;
            cap = cap * 2 > want ? want : cap * 2;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, (cap < want ? cap : want) - n, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) {
                describe_errno(why, whylen, "cannot read standard input", EIO);
                free(buf);
                return 1;
            }
            break;
        }
        if (n >= want)
            break;
    }
    *out = buf;
    *len = n;
    return 0;
}

static void entry_free(doc_entry *e)
{
    pledge_doc_free(e->doc);
    pledge_tree_free(e->rejected);
}

static int keep_doc(job *j, pledge_doc *doc, pledge_tree *rejected)
{
    if (!doc && !rejected)
        return 0;
    if (j->doc_count == j->doc_capacity) {
        size_t cap = j->doc_capacity ? j->doc_capacity * 2 : 4;
        doc_entry *nd = realloc(j->docs, cap * sizeof *nd);
        if (!nd) {
            pledge_doc_free(doc);
            pledge_tree_free(rejected);
            return -1;
        }
        j->docs = nd;
        j->doc_capacity = cap;
    }
    j->docs[j->doc_count].doc = doc;
    j->docs[j->doc_count].rejected = rejected;
    j->doc_count++;
    return 0;
}

/* The built-in schema a document's "format" asks for (verbose only). */
static const pledge_schema *verbose_schema(const pv_run_options *o, const pledge_node *root)
{
    size_t len;
    const char *fmt = pledge_node_string(pledge_node_get(root, "format", 6), &len);
    if (!fmt)
        return NULL;
    if (len == 8 && memcmp(fmt, "pledge/1", 8) == 0)
        return o->verbose_pledge;
    if (len == 11 && memcmp(fmt, "follow-up/1", 11) == 0)
        return o->verbose_follow_up;
    return NULL;
}

/* Pledge mode for one document; takes the tree. A valid document's model,
 * or an invalid one's tree, is kept for the set (an invalid pledge still
 * counts as present: for duplicate ids and for follow-ups naming it).
 * Returns 0 or -1 (out of memory). */
static int validate_pledge(job *j, const pv_run_options *o, pledge_tree *tree)
{
    pv_file *f = j->file;
    const pledge_node *root = pledge_tree_root(tree);
    const pledge_schema *all = verbose_schema(o, root);
    size_t index = pledge_tree_index(tree);
    pledge_diag_list *tmp = NULL;
    pledge_doc *doc = NULL;
    pledge_tree *rejected = NULL;
    int rc;

    if (!all) {
        /* The model takes the tree without copying it; the set then
         * keeps only a summary, so memory does not grow with the files. */
        rc = pledge_doc_take_tree(&doc, tree, NULL, f->diags, &rejected);
    } else {
        /* The model reports the best-matching branch only; --verbose
         * swaps its schema errors for every failing branch. */
        size_t i, n;
        if (pledge_diag_list_new(&tmp, NULL) != 0) {
            pledge_tree_free(tree);
            return -1;
        }
        rc = pledge_doc_from_tree(&doc, tree, NULL, tmp);
        n = pledge_diag_list_count(tmp);
        for (i = 0; i < n; i++) {
            const pledge_diag *d = pledge_diag_list_at(tmp, i);
            if (d->schema_path[0] == '\0' && pledge_diag_list_add(f->diags, d) != 0)
                rc = PLEDGE_ENOMEM;
        }
        pledge_diag_list_free(tmp);
        if (rc != PLEDGE_ENOMEM &&
            pledge_schema_validate(all, root, pledge_tree_name(tree), index,
                                   PLEDGE_VALIDATE_ALL_BRANCHES, f->diags) == PLEDGE_ENOMEM)
            rc = PLEDGE_ENOMEM;
        if (rc == PLEDGE_EINVALID)
            rejected = tree;
        else
            pledge_tree_free(tree);
    }
    if (rc == PLEDGE_ENOMEM) {
        pledge_doc_free(doc);
        pledge_tree_free(rejected);
        return -1;
    }
    return keep_doc(j, doc, rejected);
}

/* Read and validate one file. Returns 0 or -1 (out of memory). */
static int process(job *j, const pv_run_options *o)
{
    pv_file *f = j->file;
    const pv_input *in = j->input;
    pledge_reader *rd = NULL;
    char msg[512];
    size_t before = pledge_diag_list_count(f->diags);
    int rc;

    if (in->error) {
        describe_errno(msg, sizeof msg, "cannot read this folder", in->error);
        f->unreadable = 1;
        return add_own(f->diags, f->path, msg) == 0 ? 0 : -1;
    }
    if (in->is_stdin) {
        char *buf;
        size_t len;
        int r = read_stdin(&buf, &len, o->load.max_file_bytes, msg, sizeof msg);
        if (r < 0)
            return -1;
        if (r > 0) {
            f->unreadable = 1;
            return add_own(f->diags, f->path, msg) == 0 ? 0 : -1;
        }
        rc = pledge_reader_open_buffer(&rd, f->path, buf, len, &o->load, f->diags);
        if (o->keep_stdin) {
            f->source = buf;
            f->source_len = len;
        } else {
            free(buf);
        }
    } else {
        rc = pledge_reader_open_file(&rd, f->path, &o->load, f->diags);
    }
    if (rc == PLEDGE_ENOMEM)
        return -1;
    if (rc != 0) {
        f->unreadable = 1;
        if (pledge_diag_list_count(f->diags) == before &&
            add_own(f->diags, f->path, "cannot read this file") != 0)
            return -1;
        return 0;
    }

    for (;;) {
        pledge_tree *tree = NULL;
        const pledge_node *root;
        size_t index;

        rc = pledge_reader_next(rd, &tree, f->diags);
        if (rc == PLEDGE_ENOMEM) {
            pledge_reader_free(rd);
            return -1;
        }
        if (rc != 0 || !tree)
            break;
        index = pledge_tree_index(tree);
        if (pv_file_set_documents(f, index + 1) != 0) {
            pledge_tree_free(tree);
            pledge_reader_free(rd);
            return -1;
        }
        root = pledge_tree_root(tree);
        if (!root) {
            f->doc_flags[index] |= PV_DOC_REFUSED;
            pledge_tree_free(tree);
        } else if (o->schema) {
            rc = pledge_schema_validate(o->schema, root, f->path, index, o->validate_flags,
                                        f->diags);
            pledge_tree_free(tree);
        } else {
            rc = validate_pledge(j, o, tree) == 0 ? 0 : PLEDGE_ENOMEM;
        }
        if (rc == PLEDGE_ENOMEM) {
            pledge_reader_free(rd);
            return -1;
        }
    }
    if (pv_file_set_documents(f, pledge_reader_count(rd)) != 0) {
        pledge_reader_free(rd);
        return -1;
    }
    f->stopped = !pledge_reader_complete(rd);
    pledge_reader_free(rd);
    return 0;
}

static void *worker(void *arg)
{
    runner *rn = arg;
    for (;;) {
        size_t i;
        int failed;

        pthread_mutex_lock(&rn->mu);
        while (!rn->fatal && rn->next < rn->count && rn->next >= rn->consumed + rn->window)
            pthread_cond_wait(&rn->work_cv, &rn->mu);
        if (rn->fatal || rn->next >= rn->count) {
            pthread_mutex_unlock(&rn->mu);
            return NULL;
        }
        i = rn->next++;
        pthread_mutex_unlock(&rn->mu);

        failed = process(&rn->jobs[i], rn->o) != 0;

        pthread_mutex_lock(&rn->mu);
        rn->jobs[i].done = 1;
        if (failed) {
            rn->fatal = 1;
            pthread_cond_broadcast(&rn->work_cv);
        }
        pthread_cond_broadcast(&rn->done_cv);
        pthread_mutex_unlock(&rn->mu);
    }
}

/* ---- routing cross-document diagnostics to their file ------------- */

typedef struct name_map {
    size_t *slots; /* file index + 1; 0 = empty */
    size_t capacity;
} name_map;

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static int map_build(name_map *m, const pv_results *r)
{
    size_t i, cap = 16;
    while (cap < r->count * 2 + 2)
        cap *= 2;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots)
        return -1;
    m->capacity = cap;
    for (i = 0; i < r->count; i++) {
        size_t k = (size_t)fnv1a(r->files[i].path) & (cap - 1);
        while (m->slots[k])
            k = (k + 1) & (cap - 1);
        m->slots[k] = i + 1;
    }
    return 0;
}

static pv_file *map_find(const name_map *m, pv_results *r, const char *name)
{
    size_t k = (size_t)fnv1a(name) & (m->capacity - 1);
    while (m->slots[k]) {
        pv_file *f = &r->files[m->slots[k] - 1];
        if (strcmp(f->path, name) == 0)
            return f;
        k = (k + 1) & (m->capacity - 1);
    }
    return NULL;
}

static int route(pv_results *r, pledge_diag_list *cross)
{
    name_map m;
    size_t i, n = pledge_diag_list_count(cross);
    int rc = 0;

    if (n == 0)
        return 0;
    if (map_build(&m, r) != 0)
        return -1;
    for (i = 0; i < n && rc == 0; i++) {
        const pledge_diag *d = pledge_diag_list_at(cross, i);
        pv_file *f = map_find(&m, r, d->file);
        if (!f) {
            /* Not a file of ours (should not happen): shown on its own
             * rather than lost. Adding may move the array: rebuild. */
            free(m.slots);
            f = pv_results_add(r, d->file);
            if (!f || map_build(&m, r) != 0)
                return -1;
        }
        rc = pledge_diag_list_add(f->diags, d);
    }
    free(m.slots);
    return rc == 0 ? 0 : -1;
}

/* The jobs, with whatever documents were not consumed (after a failure). */
static void free_jobs(runner *rn)
{
    size_t i, k;
    for (i = 0; rn->jobs && i < rn->count; i++) {
        for (k = 0; k < rn->jobs[i].doc_count; k++)
            entry_free(&rn->jobs[i].docs[k]);
        free(rn->jobs[i].docs);
    }
    free(rn->jobs);
    rn->jobs = NULL;
}

int pv_run(pv_results *r, const pv_inputs *in, const pv_run_options *o, char *err,
           size_t errlen)
{
    runner rn;
    pthread_t *threads = NULL;
    pledge_set *set = NULL;
    size_t i, nthreads = 0, k;
    int rc = 0;

    memset(&rn, 0, sizeof rn);
    rn.o = o;
    rn.count = in->count;
    rn.jobs = calloc(in->count ? in->count : 1, sizeof *rn.jobs);
    if (!rn.jobs)
        goto oom;
    /* Every file entry exists before any thread starts, so the array
     * never moves under them. */
    for (i = 0; i < in->count; i++) {
        if (!pv_results_add(r, in->items[i].path))
            goto oom;
    }
    for (i = 0; i < in->count; i++) {
        rn.jobs[i].input = &in->items[i];
        rn.jobs[i].file = &r->files[i];
    }
    if (!o->schema && pledge_set_new(&set, NULL) != 0)
        goto oom;

    nthreads = o->jobs > 1 ? o->jobs : 0;
    if (nthreads > in->count)
        nthreads = in->count;
    if (nthreads == 1)
        nthreads = 0; /* one file: no thread to start */
    rn.window = nthreads * 4 + 16;
    pthread_mutex_init(&rn.mu, NULL);
    pthread_cond_init(&rn.work_cv, NULL);
    pthread_cond_init(&rn.done_cv, NULL);
    if (nthreads) {
        threads = calloc(nthreads, sizeof *threads);
        if (!threads)
            goto oom_sync;
        for (k = 0; k < nthreads; k++) {
            if (pthread_create(&threads[k], NULL, worker, &rn) != 0)
                break;
        }
        if (k == 0) {
            free(threads);
            threads = NULL;
        }
        nthreads = k; /* fewer threads than asked still work */
    }

    for (i = 0; i < rn.count; i++) {
        job *j = &rn.jobs[i];
        if (nthreads) {
            pthread_mutex_lock(&rn.mu);
            while (!j->done && !rn.fatal)
                pthread_cond_wait(&rn.done_cv, &rn.mu);
            pthread_mutex_unlock(&rn.mu);
        } else if (process(j, o) != 0) {
            rn.fatal = 1;
        }
        if (rn.fatal)
            break;
        /* Models enter the set in load order: that decides which of two
         * equal pledge ids is the duplicate. */
        for (k = 0; k < j->doc_count; k++) {
            doc_entry *e = &j->docs[k];
            int added = 0;
            if (set && !rn.fatal) {
                added = e->doc ? pledge_set_add(set, e->doc)
                               : pledge_set_add_invalid(set, e->rejected);
                if (added != 0)
                    rn.fatal = 1;
                e->doc = NULL; /* the set took it, also on failure */
            }
            entry_free(e);
        }
        free(j->docs);
        j->docs = NULL;
        j->doc_count = 0;
        if (nthreads) {
            pthread_mutex_lock(&rn.mu);
            rn.consumed = i + 1;
            pthread_cond_broadcast(&rn.work_cv);
            pthread_mutex_unlock(&rn.mu);
        }
        if (rn.fatal)
            break;
    }
    if (nthreads) {
        pthread_mutex_lock(&rn.mu);
        if (rn.fatal)
            pthread_cond_broadcast(&rn.work_cv);
        pthread_mutex_unlock(&rn.mu);
        for (k = 0; k < nthreads; k++)
            pthread_join(threads[k], NULL);
    }
    free(threads);
    pthread_mutex_destroy(&rn.mu);
    pthread_cond_destroy(&rn.work_cv);
    pthread_cond_destroy(&rn.done_cv);
    if (rn.fatal)
        goto oom_set;

    if (set) {
        pledge_diag_list *cross = NULL;
        unsigned int flags = o->resolve ? PLEDGE_SET_RESOLVE : 0;
        if (pledge_diag_list_new(&cross, NULL) != 0)
            goto oom_set;
        if (pledge_set_check(set, flags, cross) == PLEDGE_ENOMEM || route(r, cross) != 0) {
            pledge_diag_list_free(cross);
            goto oom_set;
        }
        pledge_diag_list_free(cross);
    }
    pledge_set_free(set);
    free_jobs(&rn);
    return rc;

oom_sync:
    pthread_mutex_destroy(&rn.mu);
    pthread_cond_destroy(&rn.work_cv);
    pthread_cond_destroy(&rn.done_cv);
oom_set:
    pledge_set_free(set);
oom:
    free_jobs(&rn);
    snprintf(err, errlen, "out of memory");
    return -1;
}
