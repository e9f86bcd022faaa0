/* SPDX-License-Identifier: MIT */
/*
 * model_bench: pledge validation end to end against the bare libyaml parse.
 *
 *   model_bench STREAM.yaml DIR [RUNS]
 *
 * STREAM.yaml holds N pledges as one stream, DIR the same as N files (see
 * gen_pledges). Single-threaded, it times (median of RUNS, default 7):
 *
 *   floor     libyaml's event parser alone (yaml_parser_parse until the end
 *             of the stream) over the same bytes, read the same way;
 *   trees     the reader alone: every document to a tree (pledge_reader);
 *   schema    trees validated with the pledge schema alone (no semantic
 *             checks, no model): what JSON Schema validation adds;
 *   validate  what pledge mode does: each document read, validated with the
 *             built-in schema, checked by the semantic rules and built into
 *             a model (pledge_doc_read_next), added to a pledge_set, and
 *             the set's cross-document checks (pledge_set_check);
 *   copy      the same through pledge_doc_from_tree with a borrowed tree
 *             (the document copies it), as a client holding its trees does;
 *
 * each over the stream and over the files, and the peak RSS of a process
 * that validates the stream (getrusage of a child that does only that).
 */
#include "pledge.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static _Noreturn void die(const char *what)
{
    fprintf(stderr, "model_bench: %s\n", what);
    exit(1);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        die("cannot read an input file");
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die("cannot read an input file");
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* ---- the work measured --------------------------------------------------- */

static size_t floor_one(const char *path)
{
    yaml_parser_t parser;
    yaml_event_t event;
    size_t len, events = 0;
    char *buf = read_all(path, &len);
    int done = 0;
    if (!yaml_parser_initialize(&parser))
        die("libyaml");
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    while (!done) {
        if (!yaml_parser_parse(&parser, &event))
            die("libyaml cannot parse the corpus");
        done = event.type == YAML_STREAM_END_EVENT;
        events++;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    free(buf);
    return events;
}

static size_t trees_one(const char *path)
{
    pledge_reader *r;
    pledge_tree *t;
    size_t docs = 0;
    if (pledge_reader_open_file(&r, path, NULL, NULL))
        die("cannot open an input file");
    while (pledge_reader_next(r, &t, NULL) == 0 && t) {
        docs++;
        pledge_tree_free(t);
    }
    pledge_reader_free(r);
    return docs;
}

/* The built-in pledge schema, compiled apart for the "trees + schema"
 * row (the library's own copy is internal). */
static pledge_schema *pledge_schema_alone;

static void schema_one(const char *path)
{
    pledge_reader *r;
    pledge_tree *t;
    if (pledge_reader_open_file(&r, path, NULL, NULL))
        die("cannot open an input file");
    while (pledge_reader_next(r, &t, NULL) == 0 && t) {
        if (pledge_schema_validate(pledge_schema_alone, pledge_tree_root(t), pledge_tree_name(t),
                                   pledge_tree_index(t), 0, NULL) != 0)
            die("a document of the corpus is invalid");
        pledge_tree_free(t);
    }
    pledge_reader_free(r);
}

/* Validate every document of @p path into @p set; returns the number of
 * diagnostics (there must be none). */
static size_t validate_one(const char *path, pledge_set *set, pledge_diag_list *d, int copy)
{
    pledge_reader *r;
    size_t before = pledge_diag_list_count(d);
    if (pledge_reader_open_file(&r, path, NULL, d))
        die("cannot open an input file");
    for (;;) {
        pledge_doc *doc = NULL;
        int rc;
        if (copy) {
            pledge_tree *t;
            if (pledge_reader_next(r, &t, d) != 0 || !t)
                break;
            rc = pledge_doc_from_tree(&doc, t, NULL, d);
            pledge_tree_free(t);
        } else {
            rc = pledge_doc_read_next(&doc, r, NULL, d);
            if (rc == 0 && !doc)
                break;
        }
        if (rc)
            die("a document of the corpus is invalid");
        if (pledge_set_add(set, doc))
            die("out of memory");
    }
    pledge_reader_free(r);
    return pledge_diag_list_count(d) - before;
}

enum mode { FLOOR, TREES, SCHEMA, VALIDATE, COPY, MODES };

/* CPU seconds (user + system) of this process so far. */
static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
}

typedef struct timing {
    double wall, cpu;
} timing;

/* One run of @p mode over @p paths. */
static timing run(enum mode mode, char **paths, size_t n)
{
    pledge_set *set = NULL;
    pledge_diag_list *d = NULL;
    double w0 = now(), c0 = cpu();
    timing t;
    size_t i;
    if (mode >= VALIDATE && (pledge_set_new(&set, NULL) || pledge_diag_list_new(&d, NULL)))
        die("out of memory");
    for (i = 0; i < n; i++) {
        switch (mode) {
        case FLOOR: floor_one(paths[i]); break;
        case TREES: trees_one(paths[i]); break;
        case SCHEMA: schema_one(paths[i]); break;
        case VALIDATE:
        case COPY:
            if (validate_one(paths[i], set, d, mode == COPY))
                die("the corpus gives diagnostics");
            break;
        case MODES: break;
        }
    }
    if (set) {
        if (pledge_set_check(set, PLEDGE_SET_RESOLVE, d) != 0)
            die("the corpus fails the set checks");
        pledge_set_free(set);
        pledge_diag_list_free(d);
    }
    t.wall = now() - w0;
    t.cpu = cpu() - c0;
    return t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Medians of @p runs runs of every mode, the modes taken in turn within
 * each run so that a busy machine slows them alike. */
static void measure(char **paths, size_t n, int runs, timing *out)
{
    double wall[MODES][64], c[MODES][64];
    int r, m;
    for (m = 0; m < MODES; m++)
        run((enum mode)m, paths, n); /* warm: page cache, built-in schemas */
    for (r = 0; r < runs; r++)
        for (m = 0; m < MODES; m++) {
            timing t = run((enum mode)m, paths, n);
            wall[m][r] = t.wall;
            c[m][r] = t.cpu;
        }
    for (m = 0; m < MODES; m++) {
        out[m].wall = median(wall[m], runs);
        out[m].cpu = median(c[m], runs);
    }
}

/* Peak RSS (KiB) of a child process that runs @p mode once. */
static long peak_rss(enum mode mode, char **paths, size_t n)
{
    struct rusage ru;
    int status;
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        run(mode, paths, n);
        _exit(0);
    }
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
        die("the child failed");
    return ru.ru_maxrss;
}

static char **list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **v = NULL;
    size_t n = 0;
    if (!d)
        die("cannot open the corpus folder");
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
            continue;
        v = realloc(v, (n + 1) * sizeof *v);
        if (!v)
            die("out of memory");
        v[n] = malloc(strlen(dir) + len + 2);
        if (!v[n])
            die("out of memory");
        sprintf(v[n++], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    *count = n;
    return v;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void compile_schema(void)
{
    pledge_schema_options so = PLEDGE_SCHEMA_OPTIONS_INIT;
    size_t len;
    const char *src = pledge_format_schema_source("pledge/1", &len);
    so.flags = PLEDGE_SCHEMA_ASSERT_FORMATS;
    if (!src || pledge_schema_compile_buffer(&pledge_schema_alone, "pledge-1.schema.yaml", src, len,
                                             &so, NULL))
        die("cannot compile the pledge schema");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    static const char *const names[] = { "floor (libyaml events)", "trees (reader)",
                                         "schema (trees + schema)", "validate (pledge mode)",
                                         "copy (validate, tree copied)" };
    char *stream[1];
    char **files;
    size_t nfiles, bytes, m;
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    timing ts[MODES], tf[MODES];
    FILE *f;

    if (argc == 4 && strcmp(argv[1], "--once") == 0) {
        /* One pass of one mode over one stream, for instruction counts
         * (valgrind --tool=callgrind), which a busy machine does not
         * disturb as it does times. */
        char *one[1];
        for (m = 0; m < MODES; m++)
            if (strncmp(names[m], argv[2], strlen(argv[2])) == 0)
                break;
        if (m == MODES)
            die("--once floor|trees|schema|validate|copy STREAM|DIR");
        compile_schema();
        one[0] = argv[3];
        if (is_dir(argv[3])) {
            files = list_dir(argv[3], &nfiles);
            qsort(files, nfiles, sizeof *files, cmp_str);
            run((enum mode)m, files, nfiles);
        } else {
            run((enum mode)m, one, 1);
        }
        pledge_schema_free(pledge_schema_alone);
        return 0;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: model_bench STREAM.yaml DIR [RUNS]\n"
                        "       model_bench --once MODE STREAM.yaml|DIR\n");
        return 2;
    }
    if (runs < 5 || runs > 63)
        runs = 7;
    compile_schema();
    stream[0] = argv[1];
    files = list_dir(argv[2], &nfiles);
    qsort(files, nfiles, sizeof *files, cmp_str);
    f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        die("cannot read the stream");
    bytes = (size_t)ftell(f);
    fclose(f);

    printf("pledge validation end to end: %zu files, stream of %.1f MiB, median of %d runs\n",
           nfiles, (double)bytes / 1048576.0, runs);
    measure(stream, 1, runs, ts);
    measure(files, nfiles, runs, tf);
    printf("%-24s %18s %18s %18s %18s\n", "", "stream CPU s", "stream wall s", "files CPU s",
           "files wall s");
    for (m = 0; m < MODES; m++)
        printf("%-24s %9.3f (%5.2fx) %9.3f (%5.2fx) %9.3f (%5.2fx) %9.3f (%5.2fx)\n", names[m],
               ts[m].cpu, ts[m].cpu / ts[FLOOR].cpu, ts[m].wall, ts[m].wall / ts[FLOOR].wall,
               tf[m].cpu, tf[m].cpu / tf[FLOOR].cpu, tf[m].wall, tf[m].wall / tf[FLOOR].wall);
    printf("throughput (CPU): validate %.1f MiB/s, floor %.1f MiB/s\n",
           (double)bytes / 1048576.0 / ts[VALIDATE].cpu, (double)bytes / 1048576.0 / ts[FLOOR].cpu);
    printf("peak RSS, stream: floor %.1f MiB, trees %.1f MiB, validate %.1f MiB\n",
           peak_rss(FLOOR, stream, 1) / 1024.0, peak_rss(TREES, stream, 1) / 1024.0,
           peak_rss(VALIDATE, stream, 1) / 1024.0);
    for (m = 0; m < nfiles; m++)
        free(files[m]);
    free(files);
    pledge_schema_free(pledge_schema_alone);
    return 0;
}
