/* SPDX-License-Identifier: MIT */
/*
 * Readers: a source (file, buffer, FILE*) handed to the YAML front end
 * (yaml_reader.c) or the JSON one (json_reader.c). YAML from a file or
 * FILE* is streamed: the front end reads it a chunk at a time and keeps
 * only the document being read. JSON (one document) and sources whose
 * bytes the caller keeps (PLEDGE__READER_KEEP_SOURCE) are read whole, up
 * to max_file_bytes; positions are byte offsets into the source either way.
 */
#include "json_reader.h"
#include "yaml_reader.h"
#include "tree.h"
#include "core/alloc.h"
#include "core/diag.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pledge_reader {
    const pledge_allocator *alloc; /* the caller's (NULL: default) */
    pledge_load_options opts;
    pledge_diag_list *diags;       /* borrowed: the list given to open */
    char *name;
    char *data;                    /* a source read whole, or NULL (streaming) */
    size_t len;
    int data_given;                /* pledge__reader_give_source took data */
    FILE *fp;                      /* owned: closed by pledge_reader_free */
    int truncated;                 /* the source went on past max_file_bytes */
    int json;
    pledge_yaml_stream *yaml;
    int json_done;
    int json_complete;
    int failed;
    size_t count;
};

static int resolve_options(const pledge_load_options *in, pledge_load_options *out)
{
    static const pledge_load_options defaults = PLEDGE_LOAD_OPTIONS_INIT;
    if (!in) {
        *out = defaults;
        return PLEDGE_OK;
    }
    if (in->version != PLEDGE_LOAD_OPTIONS_VERSION || (unsigned)in->syntax > PLEDGE_SYNTAX_JSON)
        return PLEDGE_EARG;
    *out = *in;
    return PLEDGE_OK;
}

static int json_blank(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3; /* a byte order mark */
    for (; i < len; i++)
        if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
            return 0;
    return 1;
}

static int ends_with_json(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 5 && !strcmp(name + n - 5, ".json");
}

/* Whether a source named @p name is read as JSON. */
static int reads_json(const char *name, const pledge_load_options *opts)
{
    return opts->syntax == PLEDGE_SYNTAX_JSON ||
           (opts->syntax == PLEDGE_SYNTAX_AUTO && ends_with_json(name));
}

static int io_error(pledge_diag_list *diags, const char *name, const char *what, int err)
{
    pledge_diag_where w;
    char text[128];
    memset(&w, 0, sizeof w);
    w.file = name;
    w.sys_errno = err;
    if (strerror_r(err, text, sizeof text) != 0)
        snprintf(text, sizeof text, "error %d", err);
    if (pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "io.error", &w, "cannot %s %s: %s",
                          what, name && *name ? name : "the input", text))
        return PLEDGE_ENOMEM;
    return PLEDGE_EIO;
}

static pledge_reader *reader_new(const char *name, const pledge_load_options *opts,
                                 pledge_diag_list *diags)
{
    const pledge_allocator *a = opts->allocator;
    pledge_reader *r = pledge__calloc(a, 1, sizeof *r);
    if (!r)
        return NULL;
    r->alloc = a;
    r->opts = *opts;
    r->diags = diags;
    r->json_complete = 1;
    r->name = pledge__strdup(a, name ? name : "");
    if (!r->name) {
        pledge__free(a, r);
        return NULL;
    }
    r->json = reads_json(r->name, opts);
    return r;
}

/* Read @p data (@p len bytes, allocated with the options' allocator; taken
 * even on failure) whole. */
static int make_reader(pledge_reader **out, const char *name, char *data, size_t len,
                       int truncated, unsigned int flags, const pledge_load_options *opts,
                       pledge_diag_list *diags)
{
    pledge_reader *r = reader_new(name, opts, diags);
    int rc;
    if (!r) {
        pledge__free(opts->allocator, data);
        return PLEDGE_ENOMEM;
    }
    r->data = data;
    r->len = len;
    r->truncated = truncated;
    if (!r->json) {
        rc = pledge__yaml_open(&r->yaml, r->data, r->len, r->truncated, r->name, &r->opts);
        if (rc) {
            pledge_reader_free(r);
            return rc;
        }
        if (flags & PLEDGE__READER_NO_COMPACT)
            pledge__yaml_set_compact(r->yaml, 0);
    }
    *out = r;
    return PLEDGE_OK;
}

/* Read @p fp to its end or to max_file_bytes + 1 (to see that it goes on). */
static int slurp(FILE *fp, long long size, const pledge_load_options *opts, char **data,
                 size_t *len, int *truncated, int *err)
{
    size_t max = opts->max_file_bytes, want = max < SIZE_MAX ? max + 1 : SIZE_MAX;
    size_t cap = 0, n = 0, hint = 64 * 1024;
    char *buf = NULL;

    *data = NULL;
    *len = 0;
    *truncated = 0;
    *err = 0;
    if (size >= 0 && (unsigned long long)size < (unsigned long long)SIZE_MAX)
        hint = (size_t)size + 1; /* +1: meet the end of file without growing */
    if (hint > want)
        hint = want;
    for (;;) {
        size_t got, room;
        if (n == cap) {
            size_t need = cap ? (cap < want - cap ? cap * 2 : want) : hint ? hint : 1;
            char *bigger;
            if (n >= want)
                break;
            bigger = pledge__realloc(opts->allocator, buf, need);
            if (!bigger) {
                pledge__free(opts->allocator, buf);
                return PLEDGE_ENOMEM;
            }
            buf = bigger;
            cap = need;
        }
        room = cap - n;
        got = fread(buf + n, 1, room, fp);
        n += got;
        if (got < room) {
            if (ferror(fp)) {
                *err = errno ? errno : EIO;
                pledge__free(opts->allocator, buf);
                return PLEDGE_EIO;
            }
            break;
        }
    }
    if (n > max) {
        n = max;
        *truncated = 1;
    }
    *data = buf;
    *len = n;
    return PLEDGE_OK;
}

int pledge__reader_open_fp(pledge_reader **out, const char *name, FILE *fp, unsigned int flags,
                           long long size, const pledge_load_options *opts,
                           pledge_diag_list *diags)
{
    pledge_load_options o;
    pledge_reader *r;
    int rc, err;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if (fp && size < 0) {
        /* a regular file's size sizes the first read */
        struct stat sb;
        if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode))
            size = sb.st_size;
    }
    if (!fp || resolve_options(opts, &o)) {
        rc = PLEDGE_EARG;
    } else if (reads_json(name, &o) || (flags & PLEDGE__READER_KEEP_SOURCE)) {
        /* read whole */
        char *data;
        size_t len;
        int truncated;
        rc = slurp(fp, size, &o, &data, &len, &truncated, &err);
        if (rc == PLEDGE_EIO)
            rc = io_error(diags, name, "read", err);
        else if (!rc)
            rc = make_reader(out, name, data, len, truncated, flags, &o, diags);
    } else if (!(r = reader_new(name, &o, diags))) {
        rc = PLEDGE_ENOMEM;
    } else {
        /* our own FILE*: the reader reads 64 KB at a time into its window,
         * so stdio's buffer (and the fstat that sizes it) is only a copy */
        if (flags & PLEDGE__READER_OWN_FP)
            (void)setvbuf(fp, NULL, _IONBF, 0);
        rc = pledge__yaml_open_fp(&r->yaml, fp, size, r->name, &r->opts, &err);
        if (rc == PLEDGE_EIO)
            rc = io_error(diags, name, "read", err);
        if (rc) {
            pledge_reader_free(r);
        } else {
            if (flags & PLEDGE__READER_NO_COMPACT)
                pledge__yaml_set_compact(r->yaml, 0);
            if (flags & PLEDGE__READER_OWN_FP) {
                r->fp = fp; /* read while documents are read */
                fp = NULL;
            }
            *out = r;
        }
    }
    if (fp && (flags & PLEDGE__READER_OWN_FP))
        fclose(fp);
    return rc;
}

int pledge_reader_open_fp(pledge_reader **out, const char *name, FILE *fp,
                          const pledge_load_options *opts, pledge_diag_list *diags)
{
    return pledge__reader_open_fp(out, name, fp, 0, -1, opts, diags);
}

int pledge_reader_open_file(pledge_reader **out, const char *path,
                            const pledge_load_options *opts, pledge_diag_list *diags)
{
    pledge_load_options o;
    FILE *fp;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if (!path || resolve_options(opts, &o))
        return PLEDGE_EARG;
    fp = fopen(path, "rb");
    if (!fp)
        return io_error(diags, path, "open", errno);
    return pledge__reader_open_fp(out, path, fp, PLEDGE__READER_OWN_FP, -1, &o, diags);
}

char *pledge__reader_give_source(pledge_reader *r, size_t *len)
{
    *len = 0;
    if (!r || !r->data || r->data_given)
        return NULL;
    r->data_given = 1;
    *len = r->len;
    return r->data;
}

int pledge_reader_open_buffer(pledge_reader **out, const char *name, const void *data,
                              size_t len, const pledge_load_options *opts,
                              pledge_diag_list *diags)
{
    return pledge__reader_open_buffer(out, name, data, len, 0, opts, diags);
}

int pledge__reader_open_buffer(pledge_reader **out, const char *name, const void *data,
                               size_t len, unsigned int flags, const pledge_load_options *opts,
                               pledge_diag_list *diags)
{
    pledge_load_options o;
    char *copy;
    int truncated = 0;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if ((!data && len) || resolve_options(opts, &o))
        return PLEDGE_EARG;
    if (len > o.max_file_bytes) {
        len = o.max_file_bytes;
        truncated = 1;
    }
    copy = pledge__malloc(o.allocator, len);
    if (!copy)
        return PLEDGE_ENOMEM;
    if (len)
        memcpy(copy, data, len);
    return make_reader(out, name, copy, len, truncated, flags, &o, diags);
}

int pledge_reader_next(pledge_reader *reader, pledge_tree **out, pledge_diag_list *diags)
{
    int rc;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    if (!reader)
        return PLEDGE_EARG;
    if (!diags)
        diags = reader->diags;
    if (reader->failed)
        return PLEDGE_OK;
    if (reader->json) {
        if (reader->json_done)
            return PLEDGE_OK;
        reader->json_done = 1;
        /* An empty file (whitespace at most) holds no document, as for
         * YAML, rather than being a syntax error. */
        if (json_blank(reader->data, reader->len) && !reader->truncated)
            return PLEDGE_OK;
        rc = pledge__json_read(out, reader->data, reader->len, reader->name, reader->truncated,
                               &reader->opts, diags);
        if (!rc && *out && (!(*out)->root || reader->truncated))
            reader->json_complete = 0;
    } else {
        rc = pledge__yaml_next(reader->yaml, out, diags);
    }
    if (rc) {
        reader->failed = 1;
        pledge_tree_free(*out);
        *out = NULL;
        return rc;
    }
    if (*out)
        reader->count++;
    return PLEDGE_OK;
}

int pledge_reader_complete(const pledge_reader *reader)
{
    if (!reader || reader->failed)
        return 0;
    if (reader->json)
        return reader->json_complete;
    return pledge__yaml_complete(reader->yaml);
}

size_t pledge_reader_count(const pledge_reader *reader)
{
    return reader ? reader->count : 0;
}

void pledge_reader_free(pledge_reader *reader)
{
    if (!reader)
        return;
    pledge__yaml_free(reader->yaml);
    if (reader->fp)
        fclose(reader->fp);
    if (!reader->data_given)
        pledge__free(reader->alloc, reader->data);
    pledge__free(reader->alloc, reader->name);
    pledge__free(reader->alloc, reader);
}

/* The one document of @p r (freed here) into *out. */
static int one_tree(pledge_reader *r, pledge_tree **out, pledge_diag_list *diags)
{
    pledge_tree *t = NULL, *extra = NULL;
    int rc;
    rc = pledge_reader_next(r, &t, diags);
    if (!rc && t)
        rc = pledge_reader_next(r, &extra, diags);
    if (!rc) {
        pledge_diag_where w;
        memset(&w, 0, sizeof w);
        w.file = r->name;
        if (!t) {
            rc = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR,
                                   r->json ? "json.syntax" : "yaml.syntax", &w,
                                   "the text holds no document");
        } else if (extra) {
            w.document = 1;
            w.mark = pledge_node_mark(extra->root);
            rc = pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "yaml.syntax", &w,
                                   "the text holds more than one document; one is expected");
        }
        if (!rc && (!t || extra || !t->root || t->errors || !pledge_reader_complete(r)))
            rc = PLEDGE_EINVALID;
    }
    pledge_tree_free(extra);
    pledge_reader_free(r);
    if (rc) {
        pledge_tree_free(t);
        return rc == PLEDGE_EINVALID || rc == PLEDGE_ENOMEM ? rc : PLEDGE_EINVALID;
    }
    *out = t;
    return PLEDGE_OK;
}

int pledge_tree_parse(pledge_tree **out, const char *name, const void *data, size_t len,
                      const pledge_load_options *opts, pledge_diag_list *diags)
{
    pledge_reader *r;
    int rc;
    if (!out)
        return PLEDGE_EARG;
    *out = NULL;
    rc = pledge_reader_open_buffer(&r, name, data, len, opts, diags);
    if (rc)
        return rc;
    return one_tree(r, out, diags);
}

int pledge__tree_read_path(pledge_tree **out, const char *path, const pledge_load_options *opts,
                           pledge_diag_list *diags)
{
    pledge_reader *r;
    int rc;
    *out = NULL;
    rc = pledge_reader_open_file(&r, path, opts, diags);
    if (rc)
        return rc;
    return one_tree(r, out, diags);
}

int pledge__tree_read_fd(pledge_tree **out, const char *name, int fd,
                         const pledge_load_options *opts, pledge_diag_list *diags)
{
    pledge_reader *r;
    struct stat sb;
    FILE *fp;
    int rc;
    *out = NULL;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return io_error(diags, name, "read", e);
    }
    if (!S_ISREG(sb.st_mode)) {
        pledge_diag_where w;
        close(fd);
        memset(&w, 0, sizeof w);
        w.file = name;
        if (pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "io.error", &w,
                              "cannot read %s: not a regular file", name))
            return PLEDGE_ENOMEM;
        return PLEDGE_EIO;
    }
    fp = fdopen(fd, "rb");
    if (!fp) {
        int e = errno;
        close(fd);
        return e == ENOMEM ? PLEDGE_ENOMEM : io_error(diags, name, "read", e);
    }
    rc = pledge__reader_open_fp(&r, name, fp, PLEDGE__READER_OWN_FP, sb.st_size, opts, diags);
    if (rc)
        return rc;
    return one_tree(r, out, diags);
}
