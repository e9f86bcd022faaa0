/* SPDX-License-Identifier: MIT */
/* The validation session (pledge/session.h): inputs in load order, their
 * reading and validation (in worker threads with jobs > 1), the
 * cross-document checks, and the results by file and document. */
#define _POSIX_C_SOURCE 200809L
#include "pledge/session.h"
#include "internal.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/diag.h"
#include "model/internal.h"
#include "node/tree.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STDIN_NAME "<stdin>"

enum input_kind {
    IN_FILE,   /* a path: named explicitly, or found by walking */
    IN_STDIN,  /* "-" */
    IN_BUFFER, /* bytes given to add_buffer */
    IN_STREAM, /* a FILE* given to add_stream */
    IN_NONE    /* nothing to read: the diagnostic was made when added */
};

typedef struct dropped_code {
    char *code;
    size_t count;
} dropped_code;

struct pledge_session_file {
    pledge_session *session;
    char *name;
    enum input_kind kind;
    unsigned int input_flags;
    int walked;             /* found by walking a folder */
    int known;              /* dev/ino: the identity the walk saw */
    uint64_t dev, ino;
    char *data;             /* IN_BUFFER's bytes; kept source bytes */
    size_t len;
    FILE *fp;               /* IN_STREAM (borrowed), or the file being read */
    size_t documents;
    unsigned char *doc_flags; /* PLEDGE_SESSION_DOC_* per document */
    size_t doc_capacity;
    unsigned int status;
    int file_bad;           /* a problem about the file, not one document */
    int oom;                /* memory ran out while counting a dropped one */
    pledge_diag_list *diags;
    pledge_set *set;        /* pledge mode: this file's summaries until merged */
    pledge_doc **docs;      /* PLEDGE_SESSION_KEEP_DOCUMENTS: each document's model
                               (NULL: invalid, refused or taken), owned */
    size_t docs_capacity;
    dropped_code *dropped;
    size_t dropped_count, dropped_capacity;
    size_t dropped_total, dropped_errors;
    int done;
};

struct pledge_session {
    pledge_session_options opts;
    const pledge_allocator *alloc; /* opts.load.allocator */
    pledge_session_file **files;   /* every input, in load order */
    size_t count, capacity;
    pledge_session_file **reported; /* the inputs that are not context */
    size_t reported_count, reported_capacity;
    pledge__seen seen;
    int stdin_taken;
    int ran;

    /* pledge_session_run */
    pthread_mutex_t mu;
    pthread_cond_t work_cv;
    pthread_cond_t done_cv;
    size_t next;      /* inputs claimed */
    size_t consumed;  /* inputs merged */
    size_t window;    /* claimed at most this far past the merged ones */
    size_t idle;      /* workers waiting for the window to move */
    size_t waits_for; /* the input the calling thread waits for (or SIZE_MAX) */
    int fatal;
};

/* ---- options, creation ------------------------------------------------ */

int pledge_session_options_init(pledge_session_options *opts, unsigned int version)
{
    static const pledge_session_options defaults = PLEDGE_SESSION_OPTIONS_INIT;
    if (!opts || version != PLEDGE_SESSION_OPTIONS_VERSION)
        return PLEDGE_EARG;
    *opts = defaults;
    return PLEDGE_OK;
}

int pledge_session_new(pledge_session **out, const pledge_session_options *opts)
{
    static const pledge_session_options defaults = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *s;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != PLEDGE_SESSION_OPTIONS_VERSION ||
        opts->load.version != PLEDGE_LOAD_OPTIONS_VERSION ||
        (opts->exclude_count && !opts->excludes))
        return PLEDGE_EARG;
    s = pledge__calloc(opts->load.allocator, 1, sizeof *s);
    if (!s)
        return PLEDGE_ENOMEM;
    s->opts = *opts;
    s->alloc = opts->load.allocator;
    pledge__seen_init(&s->seen, s->alloc);
    *out = s;
    return PLEDGE_OK;
}

static void file_free(const pledge_allocator *a, pledge_session_file *f)
{
    size_t i;
    if (!f)
        return;
    pledge__free(a, f->name);
    pledge__free(a, f->data);
    pledge__free(a, f->doc_flags);
    pledge_diag_list_free(f->diags);
    pledge_set_free(f->set);
    for (i = 0; i < f->docs_capacity; i++)
        pledge_doc_free(f->docs[i]);
    pledge__free(a, f->docs);
    for (i = 0; i < f->dropped_count; i++)
        pledge__free(a, f->dropped[i].code);
    pledge__free(a, f->dropped);
    pledge__free(a, f);
}

void pledge_session_free(pledge_session *session)
{
    size_t i;
    if (!session)
        return;
    for (i = 0; i < session->count; i++)
        file_free(session->alloc, session->files[i]);
    pledge__free(session->alloc, session->files);
    pledge__free(session->alloc, session->reported);
    pledge__seen_free(&session->seen);
    pledge__free(session->alloc, session);
}

/* ---- diagnostics past the cap ------------------------------------------- */

/* Grow the per-document flags to hold document @p index. */
static int doc_slot(pledge_session_file *f, size_t index)
{
    size_t old = f->doc_capacity;
    if (index < old)
        return PLEDGE_OK;
    if (pledge__grow(f->session->alloc, (void **)&f->doc_flags, &f->doc_capacity, index + 1,
                     sizeof *f->doc_flags))
        return PLEDGE_ENOMEM;
    memset(f->doc_flags + old, 0, f->doc_capacity - old);
    return PLEDGE_OK;
}

static unsigned int severity_flag(pledge_severity severity)
{
    return severity == PLEDGE_SEVERITY_ERROR ? PLEDGE_SESSION_DOC_ERROR : PLEDGE_SESSION_DOC_WARNING;
}

/* A diagnostic the cap kept out: counted by code, and its document marked
 * as it would have been. */
static void on_drop(void *ud, pledge_severity severity, const char *code, size_t document)
{
    pledge_session_file *f = ud;
    const pledge_allocator *a = f->session->alloc;
    size_t i;

    f->dropped_total++;
    if (severity == PLEDGE_SEVERITY_ERROR)
        f->dropped_errors++;
    if (doc_slot(f, document) == PLEDGE_OK)
        f->doc_flags[document] |= (unsigned char)severity_flag(severity);
    else
        f->oom = 1;
    for (i = 0; i < f->dropped_count; i++) {
        if (strcmp(f->dropped[i].code, code) == 0) {
            f->dropped[i].count++;
            return;
        }
    }
    if (pledge__grow(a, (void **)&f->dropped, &f->dropped_capacity, f->dropped_count + 1,
                     sizeof *f->dropped) ||
        !(f->dropped[f->dropped_count].code = pledge__strdup(a, code))) {
        f->oom = 1;
        return;
    }
    f->dropped[f->dropped_count++].count = 1;
}

/* ---- inputs -------------------------------------------------------------- */

static pledge_session_file *file_new(pledge_session *s, const char *name, enum input_kind kind,
                                     unsigned int flags)
{
    pledge_session_file *f;
    if (pledge__grow(s->alloc, (void **)&s->files, &s->capacity, s->count + 1,
                     sizeof *s->files))
        return NULL;
    if (!(flags & PLEDGE_SESSION_CONTEXT) &&
        pledge__grow(s->alloc, (void **)&s->reported, &s->reported_capacity,
                     s->reported_count + 1, sizeof *s->reported))
        return NULL;
    f = pledge__calloc(s->alloc, 1, sizeof *f);
    if (!f)
        return NULL;
    f->session = s;
    f->kind = kind;
    f->input_flags = flags;
    if (!(f->name = pledge__strdup(s->alloc, name ? name : "")) ||
        pledge_diag_list_new(&f->diags, s->alloc) != PLEDGE_OK) {
        file_free(s->alloc, f);
        return NULL;
    }
    /* A context file's diagnostics are never reported: keep one at most. */
    if (flags & PLEDGE_SESSION_CONTEXT)
        pledge__diag_list_limit(f->diags, 1, NULL, NULL);
    else if (s->opts.max_diagnostics)
        pledge__diag_list_limit(f->diags, s->opts.max_diagnostics, on_drop, f);
    s->files[s->count++] = f;
    if (!(flags & PLEDGE_SESSION_CONTEXT))
        s->reported[s->reported_count++] = f;
    return f;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int io_error(pledge_session_file *f, int err, const char *fmt_what, ...)
{
    pledge_diag_where w;
    va_list ap;
    int rc;
    memset(&w, 0, sizeof w);
    w.file = f->name;
    w.sys_errno = err;
    va_start(ap, fmt_what);
    rc = pledge__diag_vaddf(f->diags, PLEDGE_SEVERITY_ERROR, "io.error", &w, fmt_what, ap);
    va_end(ap);
    f->status |= PLEDGE_SESSION_FILE_UNREADABLE;
    return rc;
}

static const char *describe(int err, char *buf, size_t size)
{
    if (strerror_r(err, buf, size) != 0)
        snprintf(buf, size, "error %d", err);
    return buf;
}

static int check_session(pledge_session *s)
{
    return s && !s->ran ? PLEDGE_OK : PLEDGE_EARG;
}

/* Take one file unless it was taken before. */
static int take_file(pledge_session *s, const char *path, int walked, int known, uint64_t dev,
                     uint64_t ino, unsigned int flags)
{
    pledge_session_file *f;
    int fresh = pledge__seen_add(&s->seen, known, dev, ino, path);
    if (fresh < 0)
        return fresh;
    if (fresh == 0)
        return PLEDGE_OK;
    f = file_new(s, path, IN_FILE, flags);
    if (!f)
        return PLEDGE_ENOMEM;
    f->walked = walked;
    f->known = known;
    f->dev = dev;
    f->ino = ino;
    return PLEDGE_OK;
}

static int add_folder(pledge_session *s, const char *path, unsigned int flags)
{
    pledge__found *found = NULL;
    size_t n = 0, i, files = 0;
    char reason[128];
    int rc = pledge__walk_folder(s->alloc, path, s->opts.excludes, s->opts.exclude_count, &found, &n);
    if (rc)
        return rc;
    for (i = 0; i < n && rc == PLEDGE_OK; i++) {
        pledge__found *e = &found[i];
        pledge_session_file *f;
        if (e->kind == PLEDGE__FOUND_FILE) {
            rc = take_file(s, e->path, 1, e->known, e->dev, e->ino, flags);
            files++;
            continue;
        }
        if (!(f = file_new(s, e->path, IN_NONE, flags))) {
            rc = PLEDGE_ENOMEM;
            break;
        }
        if (e->kind == PLEDGE__FOUND_BAD_FOLDER) {
            files++; /* as before: an unreadable folder is reported, not "no file" */
            rc = io_error(f, e->error, "cannot read this folder: %s",
                          describe(e->error, reason, sizeof reason));
        } else {
            files++;
            rc = io_error(f, EPERM, "not read: a symbolic link to a file outside the folder "
                                    "being walked (%s)", path);
        }
    }
    pledge__found_free(s->alloc, found, n);
    if (rc == PLEDGE_OK && files == 0) {
        pledge_session_file *f = file_new(s, path, IN_NONE, flags);
        if (!f)
            return PLEDGE_ENOMEM;
        rc = io_error(f, ENOENT, "no *.yaml or *.yml file in folder '%s' (hidden names, links "
                      "to folders and --exclude matches are skipped)", path);
        return rc ? rc : PLEDGE_EINVALID;
    }
    return rc;
}

int pledge_session_add_path(pledge_session *session, const char *path, unsigned int flags)
{
    struct stat st;
    pledge_session_file *f;
    int rc;
    if (check_session(session) || !path)
        return PLEDGE_EARG;
    if (strcmp(path, "-") == 0) {
        if (session->stdin_taken)
            return PLEDGE_OK;
        session->stdin_taken = 1;
        f = file_new(session, session->opts.stdin_name ? session->opts.stdin_name : STDIN_NAME,
                     IN_STDIN, flags);
        return f ? PLEDGE_OK : PLEDGE_ENOMEM;
    }
    if (path[0] == '\0') {
        if (!(f = file_new(session, path, IN_NONE, flags)))
            return PLEDGE_ENOMEM;
        rc = io_error(f, ENOENT, "an empty PATH names no file");
        return rc ? rc : PLEDGE_EINVALID;
    }
    if (stat(path, &st) != 0) /* reading it says why */
        return take_file(session, path, 0, 0, 0, 0, flags);
    if (S_ISDIR(st.st_mode))
        return add_folder(session, path, flags);
    /* A file named explicitly is always taken, whatever its name. */
    return take_file(session, path, 0, 1, (uint64_t)st.st_dev, (uint64_t)st.st_ino, flags);
}

int pledge_session_add_buffer(pledge_session *session, const char *name, const void *data,
                              size_t len, unsigned int flags)
{
    pledge_session_file *f;
    if (check_session(session) || (!data && len))
        return PLEDGE_EARG;
    if (!(f = file_new(session, name, IN_BUFFER, flags)))
        return PLEDGE_ENOMEM;
    if (!(f->data = pledge__malloc(session->alloc, len ? len : 1))) {
        /* Take the entry back: it was the last one added. */
        session->count--;
        if (!(flags & PLEDGE_SESSION_CONTEXT))
            session->reported_count--;
        file_free(session->alloc, f);
        return PLEDGE_ENOMEM;
    }
    if (len)
        memcpy(f->data, data, len);
    f->len = len;
    return PLEDGE_OK;
}

int pledge_session_add_stream(pledge_session *session, const char *name, FILE *fp,
                              unsigned int flags)
{
    pledge_session_file *f;
    if (check_session(session) || !fp)
        return PLEDGE_EARG;
    if (!name)
        name = session->opts.stdin_name ? session->opts.stdin_name : STDIN_NAME;
    if (!(f = file_new(session, name, IN_STREAM, flags)))
        return PLEDGE_ENOMEM;
    f->fp = fp;
    return PLEDGE_OK;
}

/* ---- reading and validating one input ------------------------------------ */

static int keep_documents(const pledge_session_file *f);

/* Reader flags for @p f: trees that are freed once validated need no
 * compaction (see PLEDGE__READER_NO_COMPACT). */
static unsigned int reader_flags(const pledge_session_file *f)
{
    return keep_documents(f) ? 0 : PLEDGE__READER_NO_COMPACT;
}

/* Open a reader on @p fp (taken when @p own), keeping the bytes for
 * excerpts when the session keeps sources. */
static int open_reader(pledge_session_file *f, FILE *fp, unsigned int own, long long size,
                       pledge_reader **rd)
{
    pledge_session *s = f->session;
    unsigned int keep = (s->opts.flags & PLEDGE_SESSION_KEEP_SOURCES) ? PLEDGE__READER_KEEP_SOURCE
                                                                      : 0;
    int rc = pledge__reader_open_fp(rd, f->name, fp, own | keep | reader_flags(f), size,
                                    &s->opts.load, f->diags);
    if (rc == PLEDGE_EIO) {
        f->status |= PLEDGE_SESSION_FILE_UNREADABLE;
        return PLEDGE_OK;
    }
    if (rc == PLEDGE_OK && keep)
        f->data = pledge__reader_give_source(*rd, &f->len);
    return rc;
}

/* Open a file input. Folders' files are opened without blocking and read
 * only when regular (a FIFO would hang the run) and still the file the
 * walk saw; a file named explicitly may be anything readable. */
static int open_file(pledge_session_file *f, pledge_reader **rd)
{
    struct stat st;
    char reason[128];
    FILE *fp;
    int fd = open(f->name, O_RDONLY | O_CLOEXEC | (f->walked ? O_NONBLOCK : 0));

    if (fd < 0) {
        int err = errno;
        return io_error(f, err, "cannot open %s: %s", f->name, describe(err, reason, sizeof reason));
    }
    if (f->walked) {
        if (fstat(fd, &st) != 0) {
            int err = errno;
            close(fd);
            return io_error(f, err, "cannot read %s: %s", f->name,
                            describe(err, reason, sizeof reason));
        }
        if (!S_ISREG(st.st_mode)) {
            close(fd);
            return io_error(f, 0, "cannot read %s: not a regular file (a FIFO, device or "
                            "socket in a folder is not read; name it to read it)", f->name);
        }
        /* Not the file the walk saw (or a link that was dangling then):
         * something changed it meanwhile, perhaps to lead elsewhere. */
        if (!f->known || (uint64_t)st.st_dev != f->dev || (uint64_t)st.st_ino != f->ino) {
            close(fd);
            return io_error(f, 0, "cannot read %s: it was replaced while the folder was "
                            "walked", f->name);
        }
        /* O_NONBLOCK stays: it changes nothing for a regular file */
    }
    fp = fdopen(fd, "rb");
    if (!fp) {
        int err = errno;
        close(fd);
        return io_error(f, err, "cannot open %s: %s", f->name, describe(err, reason, sizeof reason));
    }
    /* a walked file was fstat'ed above: the reader need not ask again */
    return open_reader(f, fp, PLEDGE__READER_OWN_FP, f->walked ? (long long)st.st_size : -1, rd);
}

/* Whether the models of @p f's valid documents are kept (pledge mode,
 * asked for, and among the results). */
static int keep_documents(const pledge_session_file *f)
{
    const pledge_session *s = f->session;
    return !s->opts.schema && (s->opts.flags & PLEDGE_SESSION_KEEP_DOCUMENTS) &&
           !(f->input_flags & PLEDGE_SESSION_CONTEXT);
}

/* Summarise @p doc into the file's set and keep it as document @p index;
 * takes @p doc. 0 or ENOMEM (then @p doc is freed). */
static int keep_document(pledge_session_file *f, size_t index, pledge_doc *doc)
{
    size_t old = f->docs_capacity;
    int rc = pledge_set_add_copy(f->set, doc);
    if (rc == PLEDGE_OK && index >= old) {
        if (pledge__grow(f->session->alloc, (void **)&f->docs, &f->docs_capacity, index + 1,
                         sizeof *f->docs))
            rc = PLEDGE_ENOMEM;
        else
            memset(f->docs + old, 0, (f->docs_capacity - old) * sizeof *f->docs);
    }
    if (rc != PLEDGE_OK) {
        pledge_doc_free(doc);
        return rc;
    }
    pledge_doc_free(f->docs[index]);
    f->docs[index] = doc;
    return PLEDGE_OK;
}

/* One document, in pledge or schema mode; takes the tree. 0 or ENOMEM. */
static int validate_document(pledge_session_file *f, pledge_tree *tree)
{
    pledge_session *s = f->session;
    unsigned int vflags = (s->opts.flags & PLEDGE_SESSION_ALL_BRANCHES)
                              ? PLEDGE_VALIDATE_ALL_BRANCHES : 0;
    const pledge_node *root = pledge_tree_root(tree);
    pledge_doc *doc = NULL;
    pledge_tree *bad = NULL;
    size_t index;
    int rc;

    if (s->opts.schema) {
        rc = pledge_schema_validate(s->opts.schema, root, f->name, pledge_tree_index(tree),
                                    vflags, f->diags);
        pledge_tree_free(tree);
        return rc == PLEDGE_ENOMEM ? rc : PLEDGE_OK;
    }
    /* Pledge mode: the set keeps a summary of the document, valid or not
     * (an invalid pledge still counts for duplicate ids and for the
     * follow-ups naming it), and the tree is freed now. */
    index = pledge_tree_index(tree);
    rc = pledge__doc_load(&doc, tree, s->alloc, f->diags, &bad, vflags);
    if (rc == PLEDGE_OK && keep_documents(f))
        return keep_document(f, index, doc);
    if (rc == PLEDGE_OK)
        return pledge_set_add(f->set, doc);
    if (bad) {
        int r = pledge_set_add_invalid(f->set, bad);
        pledge_tree_free(bad);
        if (r)
            return r;
    }
    return rc == PLEDGE_ENOMEM ? rc : PLEDGE_OK;
}

/* Read and validate one input. 0 or PLEDGE_ENOMEM. */
static int process(pledge_session_file *f)
{
    pledge_session *s = f->session;
    pledge_reader *rd = NULL;
    int rc;

    if (f->kind == IN_NONE)
        return PLEDGE_OK;
    if (!s->opts.schema && pledge_set_new(&f->set, s->alloc) != PLEDGE_OK)
        return PLEDGE_ENOMEM;
    if (f->kind == IN_FILE)
        rc = open_file(f, &rd);
    else if (f->kind == IN_BUFFER) {
        rc = pledge__reader_open_buffer(&rd, f->name, f->data, f->len, reader_flags(f),
                                        &s->opts.load, f->diags);
        pledge__free(s->alloc, f->data);
        f->data = NULL;
    } else {
        rc = open_reader(f, f->kind == IN_STDIN ? stdin : f->fp, 0, -1, &rd);
    }
    if (rc == PLEDGE_ENOMEM)
        return rc;
    if (rc != PLEDGE_OK || !rd) {
        f->status |= PLEDGE_SESSION_FILE_UNREADABLE;
        if (rc != PLEDGE_OK && pledge_diag_list_count(f->diags) == 0 && !f->dropped_total)
            return io_error(f, 0, "cannot read this file");
        return PLEDGE_OK;
    }
    for (;;) {
        pledge_tree *tree = NULL;
        size_t index;
        rc = pledge_reader_next(rd, &tree, f->diags);
        if (rc == PLEDGE_ENOMEM)
            break;
        rc = PLEDGE_OK;
        if (!tree)
            break;
        index = pledge_tree_index(tree);
        if ((rc = doc_slot(f, index)) != PLEDGE_OK) {
            pledge_tree_free(tree);
            break;
        }
        if (index + 1 > f->documents)
            f->documents = index + 1;
        if (!pledge_tree_root(tree)) {
            f->doc_flags[index] |= PLEDGE_SESSION_DOC_REFUSED;
            pledge_tree_free(tree);
            continue;
        }
        if ((rc = validate_document(f, tree)) != PLEDGE_OK)
            break;
    }
    if (rc == PLEDGE_OK) {
        size_t n = pledge_reader_count(rd);
        if (n > f->documents && (rc = doc_slot(f, n - 1)) == PLEDGE_OK)
            f->documents = n;
        if (!pledge_reader_complete(rd))
            f->status |= PLEDGE_SESSION_FILE_STOPPED;
    }
    pledge_reader_free(rd);
    if (rc == PLEDGE_OK && f->oom)
        rc = PLEDGE_ENOMEM;
    return rc;
}

/* ---- running ---------------------------------------------------------------- */

/*
 * With jobs > 1 the calling thread is one of the jobs: it starts jobs - 1
 * workers, merges the inputs' sets in load order and, while the input it
 * must merge next is not done, validates the next unclaimed input itself
 * rather than sleeping, so that N jobs are N busy threads (a thread that
 * only merged would compete with the workers for the cores and be woken
 * for every file). Inputs are claimed in load order, at most `window`
 * past the last one merged, which bounds the finished inputs held. A
 * thread is woken only when it sleeps for something that happened: the
 * calling thread for the input it waits for (or a failure), a worker when
 * the window moves on. All of it under one mutex, held for a few
 * instructions per input.
 */

/* The next input to validate (mutex held), or SIZE_MAX. */
static size_t claim(pledge_session *s)
{
    if (s->fatal || s->next >= s->count || s->next >= s->consumed + s->window)
        return SIZE_MAX;
    return s->next++;
}

/* Validate claimed input @p i; the mutex is held on entry and on return,
 * not meanwhile. */
static void run_one(pledge_session *s, size_t i)
{
    int failed;
    pthread_mutex_unlock(&s->mu);
    failed = process(s->files[i]) != PLEDGE_OK;
    pthread_mutex_lock(&s->mu);
    s->files[i]->done = 1;
    if (failed) {
        s->fatal = 1;
        if (s->idle)
            pthread_cond_broadcast(&s->work_cv);
    }
    if (s->waits_for == i || (failed && s->waits_for != SIZE_MAX))
        pthread_cond_signal(&s->done_cv);
}

/* Chunks of trees and models kept between the inputs of one thread. */
#define ARENA_CACHE_LIMIT (1024u * 1024u)

static void *worker(void *arg)
{
    pledge_session *s = arg;
    pledge_arena_cache cache;
    pledge__arena_cache_begin(&cache, s->alloc, ARENA_CACHE_LIMIT);
    pthread_mutex_lock(&s->mu);
    for (;;) {
        size_t i = claim(s);
        if (i != SIZE_MAX) {
            run_one(s, i);
            continue;
        }
        if (s->fatal || s->next >= s->count)
            break;
        s->idle++; /* the window is full: wait for the merge */
        pthread_cond_wait(&s->work_cv, &s->mu);
        s->idle--;
    }
    pthread_mutex_unlock(&s->mu);
    pledge__arena_cache_end(&cache);
    return NULL;
}

static pledge_diag_list *route(void *ud, size_t tag)
{
    pledge_session *s = ud;
    pledge_session_file *f = tag < s->count ? s->files[tag] : NULL;
    if (!f || (f->input_flags & PLEDGE_SESSION_CONTEXT))
        return NULL;
    return f->diags;
}

/* The diagnostics in reading order, the documents' and the file's status,
 * and the note about diagnostics the cap left out. */
static int finish(pledge_session_file *f)
{
    pledge_session *s = f->session;
    int strict = (s->opts.flags & PLEDGE_SESSION_STRICT) != 0;
    size_t i, n = pledge_diag_list_count(f->diags), invalid = 0;

    pledge_diag_list_sort(f->diags, 0);
    for (i = 0; i < n; i++) {
        const pledge_diag *d = pledge_diag_list_at(f->diags, i);
        if (d->document < f->documents)
            f->doc_flags[d->document] |= (unsigned char)severity_flag(d->severity);
        else if (d->severity == PLEDGE_SEVERITY_ERROR || strict)
            f->file_bad = 1; /* about the file, not one of its documents */
    }
    for (i = f->documents; i < f->doc_capacity; i++)
        if (f->doc_flags[i] & (PLEDGE_SESSION_DOC_ERROR | (strict ? PLEDGE_SESSION_DOC_WARNING : 0)))
            f->file_bad = 1; /* dropped diagnostics about the file */
    for (i = 0; i < f->documents; i++) {
        unsigned int fl = f->doc_flags[i];
        if ((fl & (PLEDGE_SESSION_DOC_ERROR | PLEDGE_SESSION_DOC_REFUSED)) ||
            (strict && (fl & PLEDGE_SESSION_DOC_WARNING))) {
            f->doc_flags[i] = (unsigned char)(fl | PLEDGE_SESSION_DOC_INVALID);
            invalid++;
            if (i < f->docs_capacity) { /* a cross-document error, or strict */
                pledge_doc_free(f->docs[i]);
                f->docs[i] = NULL;
            }
        }
    }
    if (invalid || f->file_bad || (f->status & (PLEDGE_SESSION_FILE_UNREADABLE | PLEDGE_SESSION_FILE_STOPPED)))
        f->status |= PLEDGE_SESSION_FILE_INVALID;
    if (f->dropped_total) {
        pledge_buf b;
        pledge_diag_where w;
        int rc;
        pledge__buf_init(&b, s->alloc);
        pledge__buf_printf(&b, "%zu more diagnostic%s of this file %s suppressed after the "
                           "first %zu:", f->dropped_total, f->dropped_total == 1 ? "" : "s",
                           f->dropped_total == 1 ? "was" : "were", s->opts.max_diagnostics);
        for (i = 0; i < f->dropped_count; i++)
            pledge__buf_printf(&b, "%s %zu %s", i ? "," : "", f->dropped[i].count,
                               f->dropped[i].code);
        if (b.failed) {
            pledge__buf_free(&b);
            return PLEDGE_ENOMEM;
        }
        memset(&w, 0, sizeof w);
        w.file = f->name;
        w.document = f->documents; /* about the file: after its documents */
        pledge__diag_list_limit(f->diags, 0, NULL, NULL);
        rc = pledge__diag_addf(f->diags, f->dropped_errors ? PLEDGE_SEVERITY_ERROR
                                                           : PLEDGE_SEVERITY_WARNING,
                               "diagnostics.suppressed", &w, "%s", pledge__buf_cstr(&b));
        pledge__buf_free(&b);
        if (rc)
            return rc;
    }
    return PLEDGE_OK;
}

int pledge_session_run(pledge_session *session)
{
    pledge_session *s = session;
    pthread_t *threads = NULL;
    pledge_set *all = NULL;
    pledge_arena_cache cache;
    size_t i, nthreads, k;
    int rc = PLEDGE_OK;

    if (check_session(s))
        return PLEDGE_EARG;
    s->ran = 1;
    if (!s->opts.schema && pledge_set_new(&all, s->alloc) != PLEDGE_OK)
        return PLEDGE_ENOMEM;

    /* Workers besides the calling thread; none for a single input. */
    nthreads = s->opts.jobs > 1 ? s->opts.jobs - 1 : 0;
    if (s->count < 2)
        nthreads = 0;
    else if (nthreads > s->count - 1)
        nthreads = s->count - 1;
    s->window = (nthreads + 1) * 4 + 16;
    s->next = s->consumed = 0;
    s->idle = 0;
    s->waits_for = SIZE_MAX;
    s->fatal = 0;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->work_cv, NULL);
    pthread_cond_init(&s->done_cv, NULL);
    pledge__arena_cache_begin(&cache, s->alloc, ARENA_CACHE_LIMIT);
    if (nthreads) {
        threads = pledge__calloc(s->alloc, nthreads, sizeof *threads);
        for (k = 0; threads && k < nthreads; k++)
            if (pthread_create(&threads[k], NULL, worker, s) != 0)
                break;
        nthreads = threads ? k : 0; /* fewer threads than asked still work */
    }

    for (i = 0; i < s->count; i++) {
        pledge_session_file *f = s->files[i];
        int failed = 0;
        if (nthreads) {
            pthread_mutex_lock(&s->mu);
            /* The inputs before i are merged: the window moves on. */
            s->consumed = i;
            if (s->idle)
                pthread_cond_signal(&s->work_cv);
            while (!f->done && !s->fatal) {
                size_t j = claim(s);
                if (j != SIZE_MAX) {
                    run_one(s, j);
                    continue;
                }
                s->waits_for = i;
                pthread_cond_wait(&s->done_cv, &s->mu);
                s->waits_for = SIZE_MAX;
            }
            failed = s->fatal;
            pthread_mutex_unlock(&s->mu);
        } else {
            failed = process(f) != PLEDGE_OK;
        }
        /* Summaries enter the set in load order: that decides which of
         * two equal pledge ids is the duplicate. */
        if (!failed && all && f->set) {
            if (pledge__set_merge(all, f->set, i) != PLEDGE_OK)
                failed = 1;
            else
                f->set = NULL;
        }
        if (failed)
            break;
    }
    if (nthreads) {
        pthread_mutex_lock(&s->mu);
        if (i < s->count) { /* stopped early: the workers stop too */
            s->fatal = 1;
            pthread_cond_broadcast(&s->work_cv);
        }
        pthread_mutex_unlock(&s->mu);
        for (k = 0; k < nthreads; k++)
            pthread_join(threads[k], NULL);
    } else if (i < s->count) {
        s->fatal = 1;
    }
    pledge__free(s->alloc, threads);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->work_cv);
    pthread_cond_destroy(&s->done_cv);
    pledge__arena_cache_end(&cache);

    if (s->fatal)
        rc = PLEDGE_ENOMEM;
    if (rc == PLEDGE_OK && all) {
        unsigned int flags = (s->opts.flags & PLEDGE_SESSION_RESOLVE) ? PLEDGE_SET_RESOLVE : 0;
        rc = pledge__set_check_routed(all, flags, NULL, route, s);
        if (rc == PLEDGE_EINVALID)
            rc = PLEDGE_OK; /* invalid data is a result, not a failure */
    }
    pledge_set_free(all);
    for (i = 0; rc == PLEDGE_OK && i < s->reported_count; i++)
        rc = finish(s->reported[i]);
    for (i = 0; rc == PLEDGE_OK && i < s->reported_count; i++)
        if (s->reported[i]->oom)
            rc = PLEDGE_ENOMEM;
    return rc;
}

/* ---- results ------------------------------------------------------------------ */

size_t pledge_session_file_count(const pledge_session *session)
{
    return session ? session->reported_count : 0;
}

pledge_session_file *pledge_session_file_at(const pledge_session *session, size_t index)
{
    if (!session || index >= session->reported_count)
        return NULL;
    return session->reported[index];
}

const char *pledge_session_file_name(const pledge_session_file *file)
{
    return file ? file->name : "";
}

size_t pledge_session_file_documents(const pledge_session_file *file)
{
    return file ? file->documents : 0;
}

unsigned int pledge_session_file_status(const pledge_session_file *file)
{
    return file ? file->status : 0;
}

unsigned int pledge_session_document_status(const pledge_session_file *file, size_t index)
{
    if (!file || index >= file->documents)
        return 0;
    return file->doc_flags[index];
}

pledge_diag_list *pledge_session_file_diags(const pledge_session_file *file)
{
    return file ? file->diags : NULL;
}

const char *pledge_session_file_source(const pledge_session_file *file, size_t *len)
{
    if (len)
        *len = 0;
    if (!file || file->kind == IN_BUFFER || !file->data)
        return NULL;
    if (len)
        *len = file->len;
    return file->data;
}

pledge_doc *pledge_session_document(const pledge_session_file *file, size_t index)
{
    if (!file || index >= file->documents || index >= file->docs_capacity ||
        (file->doc_flags[index] & PLEDGE_SESSION_DOC_INVALID))
        return NULL;
    return file->docs[index];
}

pledge_doc *pledge_session_take_document(pledge_session_file *file, size_t index)
{
    pledge_doc *doc = pledge_session_document(file, index);
    if (doc)
        file->docs[index] = NULL;
    return doc;
}
