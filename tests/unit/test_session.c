/* SPDX-License-Identifier: MIT */
/* The validation session (pledge/session.h): inputs in load order, folder
 * walking, the seen-set, cross-document checks routed to their file, the
 * diagnostic cap, context inputs, threads, errno, allocation failures, the
 * models kept with PLEDGE_SESSION_KEEP_DOCUMENTS. */
#include "testutil.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VALID PLEDGE_SOURCE_DIR "/tests/cli/data/valid/"

static char *pledge_text, *follow_up_text;
static size_t pledge_len, follow_up_len;

static void load_texts(void)
{
    pledge_text = test_read_file(VALID "pledge.yaml", &pledge_len);
    follow_up_text = test_read_file(VALID "follow-up.yaml", &follow_up_len);
}

static void free_texts(void)
{
    free(pledge_text);
    free(follow_up_text);
}

/* The codes of a file's diagnostics, space-separated. */
static const char *codes(const pledge_session_file *f, char *buf, size_t size)
{
    pledge_diag_list *l = pledge_session_file_diags(f);
    size_t i, used = 0;
    buf[0] = '\0';
    for (i = 0; i < pledge_diag_list_count(l) && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? " " : "",
                                 pledge_diag_list_at(l, i)->code);
    return buf;
}

static char tmpdir[64];

static void write_file(const char *rel, const char *text)
{
    char path[512];
    FILE *fp;
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    fclose(fp);
}

static void make_dir(const char *rel)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
    ck_assert_int_eq(mkdir(path, 0700), 0);
}

static void setup_tmp(void)
{
    strcpy(tmpdir, "/tmp/pledge-session-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

START_TEST(options_init_matches_macro)
{
    pledge_session_options a = PLEDGE_SESSION_OPTIONS_INIT, b;
    pledge_session *s = NULL;
    memset(&b, 0x5a, sizeof b);
    ck_assert_int_eq(pledge_session_options_init(&b, PLEDGE_SESSION_OPTIONS_VERSION), 0);
    ck_assert_uint_eq(a.version, b.version);
    ck_assert_uint_eq(a.flags, b.flags);
    ck_assert_uint_eq(a.load.max_depth, b.load.max_depth);
    ck_assert_uint_eq(a.load.max_file_bytes, b.load.max_file_bytes);
    ck_assert_ptr_null(b.schema);
    ck_assert_ptr_null(b.excludes);
    ck_assert_ptr_null(b.stdin_name);
    ck_assert_uint_eq(b.jobs, 0);
    ck_assert_uint_eq(b.max_diagnostics, PLEDGE_DEFAULT_MAX_DIAGNOSTICS);
    ck_assert_int_eq(pledge_session_options_init(&b, 99), PLEDGE_EARG);
    ck_assert_int_eq(pledge_session_options_init(NULL, 1), PLEDGE_EARG);
    b.version = 99;
    ck_assert_int_eq(pledge_session_new(&s, &b), PLEDGE_EARG);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(pledge_session_new(&s, NULL), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_int_eq(pledge_session_run(s), PLEDGE_EARG); /* once */
    ck_assert_int_eq(pledge_session_add_path(s, "x", 0), PLEDGE_EARG);
    ck_assert_uint_eq(pledge_session_file_count(s), 0);
    ck_assert_ptr_null(pledge_session_file_at(s, 0));
    pledge_session_free(s);
    pledge_session_free(NULL);
}
END_TEST

START_TEST(buffers_in_load_order_with_cross_checks)
{
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *s;
    pledge_session_file *f;
    char buf[512];
    load_texts();
    o.flags = PLEDGE_SESSION_RESOLVE;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "fu.yaml", follow_up_text, follow_up_len, 0),
                     0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "p1.yaml", pledge_text, pledge_len, 0), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "p2.yaml", pledge_text, pledge_len, 0), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_session_file_count(s), 3);
    /* the follow-up found its pledge, though it came first */
    f = pledge_session_file_at(s, 0);
    ck_assert_str_eq(pledge_session_file_name(f), "fu.yaml");
    ck_assert_str_eq(codes(f, buf, sizeof buf), "");
    ck_assert_uint_eq(pledge_session_file_status(f), 0);
    ck_assert_uint_eq(pledge_session_file_documents(f), 1);
    /* the second pledge with the same id is the duplicate, in its file */
    ck_assert_str_eq(codes(pledge_session_file_at(s, 1), buf, sizeof buf), "");
    f = pledge_session_file_at(s, 2);
    ck_assert_str_eq(codes(f, buf, sizeof buf), "pledge.duplicate-pledge");
    ck_assert_str_eq(pledge_diag_list_at(pledge_session_file_diags(f), 0)->file, "p2.yaml");
    ck_assert_uint_eq(pledge_session_file_status(f), PLEDGE_SESSION_FILE_INVALID);
    ck_assert_uint_eq(pledge_session_document_status(f, 0),
                      PLEDGE_SESSION_DOC_ERROR | PLEDGE_SESSION_DOC_INVALID);
    ck_assert_uint_eq(pledge_session_document_status(f, 1), 0);
    pledge_session_free(s);
    free_texts();
}
END_TEST

START_TEST(context_inputs_are_not_reported)
{
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *s;
    char buf[512];
    load_texts();
    o.flags = PLEDGE_SESSION_RESOLVE;
    /* without its pledge, the follow-up is follow-up.unknown-pledge */
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "fu.yaml", follow_up_text, follow_up_len, 0),
                     0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_str_eq(codes(pledge_session_file_at(s, 0), buf, sizeof buf),
                     "follow-up.unknown-pledge");
    pledge_session_free(s);
    /* with the pledge as context, it is checked against it, and the
     * context (here with a mistake of its own) is not reported */
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "fu.yaml", follow_up_text, follow_up_len, 0),
                     0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "ctx.yaml", pledge_text, pledge_len,
                                               PLEDGE_SESSION_CONTEXT), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "ctx2.yaml", pledge_text, pledge_len,
                                               PLEDGE_SESSION_CONTEXT), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_session_file_count(s), 1);
    ck_assert_str_eq(codes(pledge_session_file_at(s, 0), buf, sizeof buf), "");
    pledge_session_free(s);
    free_texts();
}
END_TEST

START_TEST(streams_and_errno)
{
    pledge_session *s;
    pledge_session_file *f;
    const pledge_diag *d;
    FILE *fp = tmpfile();
    size_t len;
    const char *src;
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    ck_assert_ptr_nonnull(fp);
    fputs("format: pledge/1\n", fp);
    rewind(fp);
    o.flags = PLEDGE_SESSION_KEEP_SOURCES;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_path(s, "/nonexistent/x.yaml", 0), 0);
    ck_assert_int_eq(pledge_session_add_stream(s, "piped", fp, 0), 0);
    ck_assert_int_eq(pledge_session_add_stream(s, "x", NULL, 0), PLEDGE_EARG);
    ck_assert_int_eq(pledge_session_add_path(s, VALID "pledge.yaml", 0), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    f = pledge_session_file_at(s, 0);
    d = pledge_diag_list_at(pledge_session_file_diags(f), 0);
    ck_assert_str_eq(d->code, "io.error");
    ck_assert_int_eq(pledge_diag_errno(d), ENOENT);
    ck_assert_uint_eq(d->line, 0);
    ck_assert_uint_eq(pledge_session_file_status(f),
                      PLEDGE_SESSION_FILE_UNREADABLE | PLEDGE_SESSION_FILE_INVALID);
    f = pledge_session_file_at(s, 1);
    ck_assert_str_eq(pledge_session_file_name(f), "piped");
    ck_assert_uint_eq(pledge_session_file_documents(f), 1);
    ck_assert(pledge_diag_list_count(pledge_session_file_diags(f)) > 0);
    src = pledge_session_file_source(f, &len);
    ck_assert_uint_eq(len, 17);
    ck_assert_int_eq(memcmp(src, "format: pledge/1\n", 17), 0);
    ck_assert_ptr_null(pledge_session_file_source(pledge_session_file_at(s, 0), &len));
    ck_assert_uint_eq(len, 0);
    /* a file's bytes are kept too, as read (for excerpts) */
    load_texts();
    src = pledge_session_file_source(pledge_session_file_at(s, 2), &len);
    ck_assert_uint_eq(len, pledge_len);
    ck_assert_int_eq(memcmp(src, pledge_text, len), 0);
    free_texts();
    pledge_session_free(s);
    fclose(fp);
}
END_TEST

START_TEST(folders_as_cli_md_says)
{
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    const char *excludes[] = { "skip-*" };
    pledge_session *s;
    char path[512], target[512], buf[1024];
    size_t i;
    static const char *const expected[] = {
        "a-x/y.yml", "a.yaml", "b/z.yaml", "fifo.yaml", "in-link.yaml", "out-link.yaml"
    };
    setup_tmp();
    make_dir("b");
    make_dir(".hidden");
    make_dir("a-x");
    for (i = 0; i < 6; i++) {
        static const char *const files[] = { "b/z.yaml", "a-x/y.yml", "a.yaml",
                                             ".hidden/h.yaml", ".h.yaml", "c.txt" };
        write_file(files[i], "format: pledge/1\n");
    }
    write_file("skip-me.yaml", "format: pledge/1\n");
    snprintf(path, sizeof path, "%s/link", tmpdir);
    snprintf(target, sizeof target, "%s/b", tmpdir);
    ck_assert_int_eq(symlink(target, path), 0); /* a link to a folder: skipped */
    snprintf(path, sizeof path, "%s/in-link.yaml", tmpdir);
    snprintf(target, sizeof target, "%s/a.yaml", tmpdir);
    ck_assert_int_eq(symlink(target, path), 0); /* a.yaml again: read once */
    snprintf(path, sizeof path, "%s/out-link.yaml", tmpdir);
    ck_assert_int_eq(symlink(VALID "pledge.yaml", path), 0); /* outside: refused */
    snprintf(path, sizeof path, "%s/fifo.yaml", tmpdir);
    ck_assert_int_eq(mkfifo(path, 0600), 0); /* would block: refused */

    o.excludes = excludes;
    o.exclude_count = 1;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_path(s, tmpdir, 0), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_session_file_count(s), 5);
    for (i = 0; i < 5; i++) {
        static const size_t map[] = { 0, 1, 2, 3, 5 };
        pledge_session_file *f = pledge_session_file_at(s, i);
        snprintf(path, sizeof path, "%s/%s", tmpdir, expected[map[i]]);
        ck_assert_str_eq(pledge_session_file_name(f), path);
    }
    /* the FIFO and the link out of the tree are io.error, unread */
    ck_assert_str_eq(codes(pledge_session_file_at(s, 3), buf, sizeof buf), "io.error");
    ck_assert_str_eq(codes(pledge_session_file_at(s, 4), buf, sizeof buf), "io.error");
    ck_assert_int_eq(pledge_diag_errno(pledge_diag_list_at(
                         pledge_session_file_diags(pledge_session_file_at(s, 4)), 0)), EPERM);
    ck_assert_ptr_null(strstr(
        pledge_diag_list_at(pledge_session_file_diags(pledge_session_file_at(s, 4)), 0)->message,
        "test-2024"));
    pledge_session_free(s);

    /* a FIFO named explicitly would be read (not tried: it would block);
     * a file reached twice, by name then by folder, is read once */
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    snprintf(path, sizeof path, "%s/a.yaml", tmpdir);
    ck_assert_int_eq(pledge_session_add_path(s, path, 0), 0);
    ck_assert_int_eq(pledge_session_add_path(s, path, 0), 0);
    snprintf(path, sizeof path, "%s/a-x", tmpdir);
    ck_assert_int_eq(pledge_session_add_path(s, path, 0), 0);
    snprintf(path, sizeof path, "%s/c.txt", tmpdir);
    ck_assert_int_eq(pledge_session_add_path(s, path, 0), 0); /* named: always read */
    /* a PATH that yields no file: EINVALID and an io.error on it */
    make_dir("only-hidden");
    write_file("only-hidden/.h.yaml", "format: pledge/1\n");
    snprintf(path, sizeof path, "%s/only-hidden", tmpdir);
    ck_assert_int_eq(pledge_session_add_path(s, path, 0), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_session_add_path(s, "", 0), PLEDGE_EINVALID);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_session_file_count(s), 5);
    ck_assert_str_eq(codes(pledge_session_file_at(s, 3), buf, sizeof buf), "io.error");
    ck_assert_str_eq(pledge_session_file_name(pledge_session_file_at(s, 3)), path);
    ck_assert_uint_eq(pledge_session_file_status(pledge_session_file_at(s, 3)),
                      PLEDGE_SESSION_FILE_UNREADABLE | PLEDGE_SESSION_FILE_INVALID);
    pledge_session_free(s);
    teardown_tmp();
}
END_TEST

/* 50 duplicate keys in one document and 2,000 in another. */
static char *many_duplicates(size_t *len)
{
    size_t cap = 64 * 2100, n = 0, i;
    char *t = malloc(cap);
    ck_assert_ptr_nonnull(t);
    n += (size_t)snprintf(t + n, cap - n, "a: 1\n");
    for (i = 0; i < 50; i++)
        n += (size_t)snprintf(t + n, cap - n, "a: 1\n");
    n += (size_t)snprintf(t + n, cap - n, "---\nb: 1\n");
    for (i = 0; i < 2000; i++)
        n += (size_t)snprintf(t + n, cap - n, "b: 1\n");
    *len = n;
    return t;
}

START_TEST(diagnostics_are_capped_per_file)
{
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *s;
    pledge_session_file *f;
    pledge_diag_list *l;
    const pledge_diag *last;
    size_t len;
    char *text = many_duplicates(&len);
    o.max_diagnostics = 10;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "dup.yaml", text, len, 0), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    f = pledge_session_file_at(s, 0);
    l = pledge_session_file_diags(f);
    ck_assert_uint_eq(pledge_diag_list_count(l), 11);
    last = pledge_diag_list_at(l, 10);
    ck_assert_str_eq(last->code, "diagnostics.suppressed");
    ck_assert_int_eq(last->severity, PLEDGE_SEVERITY_ERROR);
    ck_assert_ptr_nonnull(strstr(last->message, "yaml.duplicate-key"));
    /* 2,050 duplicate keys + 2 unknown formats, 10 kept */
    ck_assert_msg(strstr(last->message, "2042 more diagnostics") != NULL, "%s", last->message);
    /* the second document's errors were all suppressed: still invalid */
    ck_assert_uint_eq(pledge_session_document_status(f, 1) & PLEDGE_SESSION_DOC_INVALID,
                      PLEDGE_SESSION_DOC_INVALID);
    ck_assert_uint_eq(pledge_session_document_status(f, 0) & PLEDGE_SESSION_DOC_INVALID,
                      PLEDGE_SESSION_DOC_INVALID);
    pledge_session_free(s);
    /* no cap: every one */
    o.max_diagnostics = 0;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "dup.yaml", text, len, 0), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_diag_list_count(pledge_session_file_diags(
                          pledge_session_file_at(s, 0))), 2052);
    pledge_session_free(s);
    free(text);
}
END_TEST

START_TEST(all_branches_through_the_model)
{
    size_t len, k;
    char *text = test_read_file(PLEDGE_SOURCE_DIR "/examples/ale-2024.yaml", &len);
    char *phone = strstr(text, "    phone: \"010-565 44 56\"\n");
    char buf[512];
    ck_assert_ptr_nonnull(phone);
    memset(phone, ' ', strlen("    phone: \"010-565 44 56\"")); /* the contact loses it */
    for (k = 0; k < 2; k++) {
        pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
        pledge_session *s;
        pledge_diag_list *l;
        o.flags = k ? PLEDGE_SESSION_ALL_BRANCHES : 0;
        ck_assert_int_eq(pledge_session_new(&s, &o), 0);
        ck_assert_int_eq(pledge_session_add_buffer(s, "ale.yaml", text, len, 0), 0);
        ck_assert_int_eq(pledge_session_run(s), 0);
        l = pledge_session_file_diags(pledge_session_file_at(s, 0));
        /* the best match, or each failing branch of the contact's anyOf */
        ck_assert_str_eq(codes(pledge_session_file_at(s, 0), buf, sizeof buf),
                         k ? "required required" : "required");
        ck_assert_ptr_nonnull(strstr(pledge_diag_list_at(l, 0)->message,
                                     k ? "anyOf branch 0 of 2" : "1 other anyOf branch"));
        pledge_session_free(s);
    }
    free(text);
}
END_TEST

/* Every file's diagnostics as text, for comparing runs. */
static char *all_text(const pledge_session *s)
{
    size_t i, cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    for (i = 0; i < pledge_session_file_count(s); i++) {
        char *t = test_diags_text(pledge_session_file_diags(pledge_session_file_at(s, i)));
        n += (size_t)snprintf(out + n, cap > n ? cap - n : 0, "%s\n%s",
                              pledge_session_file_name(pledge_session_file_at(s, i)), t);
        free(t);
    }
    return out;
}

START_TEST(same_results_for_every_job_count)
{
    char *first = NULL;
    unsigned int jobs;
    for (jobs = 1; jobs <= 8; jobs *= 2) {
        pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
        pledge_session *s;
        char *text;
        o.jobs = jobs;
        o.flags = PLEDGE_SESSION_RESOLVE;
        ck_assert_int_eq(pledge_session_new(&s, &o), 0);
        ck_assert_int_eq(pledge_session_add_path(s, PLEDGE_SOURCE_DIR "/examples", 0), 0);
        ck_assert_int_eq(pledge_session_add_path(s, PLEDGE_SOURCE_DIR "/tests/cli/data", 0), 0);
        ck_assert_int_eq(pledge_session_run(s), 0);
        ck_assert_uint_gt(pledge_session_file_count(s), 20);
        text = all_text(s);
        if (!first)
            first = text;
        else {
            ck_assert_str_eq(text, first);
            free(text);
        }
        pledge_session_free(s);
    }
    free(first);
}
END_TEST

/* Many inputs, more than the jobs may run ahead of the merge: the same
 * results as one thread, duplicates found in load order. */
static char *many_inputs_text(unsigned int jobs, size_t copies)
{
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *s;
    char name[32], *text;
    size_t i;
    o.jobs = jobs;
    o.flags = PLEDGE_SESSION_RESOLVE;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    for (i = 0; i < copies; i++) {
        snprintf(name, sizeof name, "p%03zu.yaml", i);
        ck_assert_int_eq(pledge_session_add_buffer(s, name, i % 3 == 2 ? follow_up_text
                                                                       : pledge_text,
                                                   i % 3 == 2 ? follow_up_len : pledge_len, 0),
                         0);
    }
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_session_file_count(s), copies);
    ck_assert_uint_eq(pledge_session_file_status(pledge_session_file_at(s, 0)), 0);
    ck_assert_uint_ne(pledge_session_file_status(pledge_session_file_at(s, 1)), 0);
    text = all_text(s);
    pledge_session_free(s);
    return text;
}

START_TEST(many_inputs_in_load_order_for_every_job_count)
{
    char *first, *text;
    unsigned int jobs;
    load_texts();
    first = many_inputs_text(1, 90);
    ck_assert_ptr_nonnull(strstr(first, "p001.yaml\n"));
    for (jobs = 2; jobs <= 5; jobs++) {
        text = many_inputs_text(jobs, 90);
        ck_assert_str_eq(text, first);
        free(text);
    }
    free(first);
    free_texts();
}
END_TEST

/* test_alloc behind a mutex, for sessions with worker threads. */
typedef struct locked_alloc {
    test_alloc ta;
    pledge_allocator hook;
    pthread_mutex_t mu;
} locked_alloc;

static void *la_malloc(size_t size, void *ud)
{
    locked_alloc *la = ud;
    void *p;
    pthread_mutex_lock(&la->mu);
    p = la->ta.hook.malloc(size, la->ta.hook.ud);
    pthread_mutex_unlock(&la->mu);
    return p;
}

static void *la_realloc(void *ptr, size_t size, void *ud)
{
    locked_alloc *la = ud;
    void *p;
    pthread_mutex_lock(&la->mu);
    p = la->ta.hook.realloc(ptr, size, la->ta.hook.ud);
    pthread_mutex_unlock(&la->mu);
    return p;
}

static void la_free(void *ptr, void *ud)
{
    locked_alloc *la = ud;
    pthread_mutex_lock(&la->mu);
    la->ta.hook.free(ptr, la->ta.hook.ud);
    pthread_mutex_unlock(&la->mu);
}

/* A failed allocation in any thread (a worker's input, the calling
 * thread's own or its merge) stops the run with PLEDGE_ENOMEM, leaks
 * nothing and hangs no thread; which allocation fails depends on the
 * threads' timing, so every third one is tried. */
START_TEST(allocation_failures_with_threads_are_clean)
{
    size_t n, i;
    unsigned int jobs;
    load_texts();
    for (jobs = 2; jobs <= 3; jobs++) {
        int done = 0;
        for (n = 1 + jobs; n < 6000 && !done; n += 3) {
            locked_alloc la;
            pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
            pledge_session *s = NULL;
            int rc;
            test_alloc_init(&la.ta, n);
            la.hook.malloc = la_malloc;
            la.hook.realloc = la_realloc;
            la.hook.free = la_free;
            la.hook.ud = &la;
            pthread_mutex_init(&la.mu, NULL);
            o.load.allocator = &la.hook;
            o.flags = PLEDGE_SESSION_RESOLVE;
            o.jobs = jobs;
            rc = pledge_session_new(&s, &o);
            for (i = 0; rc == 0 && i < 6; i++)
                rc = pledge_session_add_buffer(s, i % 2 ? "fu.yaml" : "p.yaml",
                                               i % 2 ? follow_up_text : pledge_text,
                                               i % 2 ? follow_up_len : pledge_len, 0);
            if (rc == 0)
                rc = pledge_session_run(s);
            ck_assert_msg(rc == 0 || rc == PLEDGE_ENOMEM, "rc %d at %zu", rc, n);
            ck_assert_msg(rc == 0 || la.ta.failed, "a failure without an injected one at %zu", n);
            if (rc == 0)
                ck_assert_uint_eq(pledge_session_file_count(s), 6);
            pledge_session_free(s);
            ck_assert_msg(la.ta.live == 0, "%zu blocks leaked at %zu", la.ta.live, n);
            done = !la.ta.failed; /* every allocation was tried */
            pthread_mutex_destroy(&la.mu);
        }
        ck_assert_msg(done, "still failing at %zu allocations", n);
    }
    free_texts();
}
END_TEST

START_TEST(allocation_failures_are_clean)
{
    size_t n;
    load_texts();
    for (n = 1; n < 400; n++) {
        test_alloc ta;
        pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
        pledge_session *s = NULL;
        int rc;
        test_alloc_init(&ta, n);
        o.load.allocator = &ta.hook;
        o.flags = PLEDGE_SESSION_RESOLVE;
        rc = pledge_session_new(&s, &o);
        if (rc == 0)
            rc = pledge_session_add_buffer(s, "p.yaml", pledge_text, pledge_len, 0);
        if (rc == 0)
            rc = pledge_session_add_buffer(s, "fu.yaml", follow_up_text, follow_up_len, 0);
        if (rc == 0)
            rc = pledge_session_add_buffer(s, "p2.yaml", pledge_text, pledge_len, 0);
        if (rc == 0)
            rc = pledge_session_run(s);
        ck_assert_msg(rc == 0 || rc == PLEDGE_ENOMEM, "rc %d at %zu", rc, n);
        ck_assert_msg(rc == 0 || ta.failed, "a failure without an injected one at %zu", n);
        pledge_session_free(s);
        ck_assert_msg(ta.live == 0, "%zu blocks leaked at %zu", ta.live, n);
        if (!ta.failed)
            break; /* every allocation was tried */
    }
    ck_assert_uint_lt(n, 400);
    free_texts();
}
END_TEST

/* pledge, invalid, follow-up, pledge (a duplicate id: invalid by the
 * cross-document check), as one stream; then the follow-up on its own. */
static char *mixed_stream(size_t *len)
{
    const char *bad = "---\nformat: follow-up/1\n";
    size_t n = pledge_len + strlen(bad) + 4 + follow_up_len + 4 + pledge_len;
    char *t = malloc(n + 1);
    ck_assert_ptr_nonnull(t);
    snprintf(t, n + 1, "%s%s---\n%s---\n%s", pledge_text, bad, follow_up_text, pledge_text);
    *len = strlen(t);
    return t;
}

START_TEST(documents_kept_by_file_and_document)
{
    pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *s;
    pledge_session_file *f;
    pledge_doc *doc;
    size_t len, idlen;
    char *stream;
    load_texts();
    stream = mixed_stream(&len);
    o.flags = PLEDGE_SESSION_KEEP_DOCUMENTS;
    ck_assert_int_eq(pledge_session_new(&s, &o), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "fu.yaml", follow_up_text, follow_up_len, 0),
                     0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "stream.yaml", stream, len, 0), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "ctx.yaml", pledge_text, pledge_len,
                                               PLEDGE_SESSION_CONTEXT), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    ck_assert_uint_eq(pledge_session_file_count(s), 2);
    /* files in load order */
    f = pledge_session_file_at(s, 0);
    ck_assert_str_eq(pledge_session_file_name(f), "fu.yaml");
    doc = pledge_session_document(f, 0);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(pledge_doc_kind_of(doc), PLEDGE_DOC_FOLLOW_UP);
    ck_assert_ptr_null(pledge_session_document(f, 1));
    f = pledge_session_file_at(s, 1);
    ck_assert_str_eq(pledge_session_file_name(f), "stream.yaml");
    ck_assert_uint_eq(pledge_session_file_documents(f), 4);
    doc = pledge_session_document(f, 0);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(pledge_doc_kind_of(doc), PLEDGE_DOC_PLEDGE);
    ck_assert_uint_eq(pledge_doc_index(doc), 0);
    ck_assert_str_eq(pledge_doc_id(doc, &idlen), "test-2024");
    ck_assert(pledge_session_document_status(f, 1) & PLEDGE_SESSION_DOC_INVALID);
    ck_assert_ptr_null(pledge_session_document(f, 1)); /* its own errors */
    doc = pledge_session_document(f, 2);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(pledge_doc_kind_of(doc), PLEDGE_DOC_FOLLOW_UP);
    ck_assert_uint_eq(pledge_doc_index(doc), 2);
    /* valid alone, invalid by the cross-document check */
    ck_assert(pledge_session_document_status(f, 3) & PLEDGE_SESSION_DOC_INVALID);
    ck_assert_ptr_null(pledge_session_document(f, 3));
    ck_assert_ptr_null(pledge_session_document(f, 4));
    ck_assert_ptr_null(pledge_session_document(NULL, 0));
    /* taken: the caller's, and the session answers NULL */
    doc = pledge_session_take_document(f, 0);
    ck_assert_ptr_nonnull(doc);
    ck_assert_ptr_null(pledge_session_document(f, 0));
    ck_assert_ptr_null(pledge_session_take_document(f, 0));
    pledge_session_free(s);
    ck_assert_str_eq(pledge_doc_id(doc, &idlen), "test-2024"); /* outlives the session */
    pledge_doc_free(doc);

    /* without the flag, and in schema mode: none kept */
    ck_assert_int_eq(pledge_session_new(&s, NULL), 0);
    ck_assert_int_eq(pledge_session_add_buffer(s, "stream.yaml", stream, len, 0), 0);
    ck_assert_int_eq(pledge_session_run(s), 0);
    f = pledge_session_file_at(s, 0);
    ck_assert_uint_eq(pledge_session_document_status(f, 0), 0);
    ck_assert_ptr_null(pledge_session_document(f, 0));
    ck_assert_ptr_null(pledge_session_take_document(f, 0));
    pledge_session_free(s);
    free(stream);
    free_texts();
}
END_TEST

START_TEST(kept_documents_under_allocation_failures)
{
    size_t n, len;
    char *stream;
    load_texts();
    stream = mixed_stream(&len);
    for (n = 1; n < 4000; n++) {
        test_alloc ta;
        pledge_session_options o = PLEDGE_SESSION_OPTIONS_INIT;
        pledge_session *s = NULL;
        int rc;
        test_alloc_init(&ta, n);
        o.load.allocator = &ta.hook;
        o.flags = PLEDGE_SESSION_KEEP_DOCUMENTS;
        rc = pledge_session_new(&s, &o);
        if (rc == 0)
            rc = pledge_session_add_buffer(s, "stream.yaml", stream, len, 0);
        if (rc == 0)
            rc = pledge_session_run(s);
        ck_assert_msg(rc == 0 || rc == PLEDGE_ENOMEM, "rc %d at %zu", rc, n);
        ck_assert_msg(rc == 0 || ta.failed, "a failure without an injected one at %zu", n);
        if (rc == 0) {
            pledge_session_file *f = pledge_session_file_at(s, 0);
            ck_assert_ptr_nonnull(pledge_session_document(f, 0));
            ck_assert_ptr_nonnull(pledge_session_document(f, 2));
            ck_assert_ptr_null(pledge_session_document(f, 3));
        }
        pledge_session_free(s);
        ck_assert_msg(ta.live == 0, "%zu blocks leaked at %zu", ta.live, n);
        if (!ta.failed)
            break; /* every allocation was tried */
    }
    ck_assert_uint_lt(n, 4000);
    free(stream);
    free_texts();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("session");
    tcase_add_test(tc, options_init_matches_macro);
    tcase_add_test(tc, buffers_in_load_order_with_cross_checks);
    tcase_add_test(tc, context_inputs_are_not_reported);
    tcase_add_test(tc, streams_and_errno);
    tcase_add_test(tc, folders_as_cli_md_says);
    tcase_add_test(tc, diagnostics_are_capped_per_file);
    tcase_add_test(tc, all_branches_through_the_model);
    tcase_add_test(tc, same_results_for_every_job_count);
    tcase_add_test(tc, allocation_failures_are_clean);
    tcase_add_test(tc, many_inputs_in_load_order_for_every_job_count);
    tcase_add_test(tc, allocation_failures_with_threads_are_clean);
    tcase_add_test(tc, documents_kept_by_file_and_document);
    tcase_add_test(tc, kept_documents_under_allocation_failures);
    suite_add_tcase(s, tc);
    return test_run(s) ? EXIT_FAILURE : EXIT_SUCCESS;
}
