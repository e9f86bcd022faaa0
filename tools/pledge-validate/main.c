/* SPDX-License-Identifier: MIT */
/* pledge-validate: validate pledge files in CI, in pre-commit hooks and by
 * hand. A thin client of the public libpledge API: options (args.c), the
 * library's validation session (pledge/session.h: the load order, reading,
 * validation in --jobs threads, the cross-document checks), output
 * (output_*.c). */
#include <pledge.h>

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "results.h"
#include "sink.h"

#define PROGRAM "pledge-validate"

static int usage_error(const char *message)
{
    fprintf(stderr, PROGRAM ": %s\nTry '" PROGRAM " --help' for more information.\n",
            message);
    return 2;
}

static int want_color(pv_color c)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if (c == PV_COLOR_ALWAYS)
        return 1;
    if (c == PV_COLOR_NEVER)
        return 0;
    /* https://no-color.org: set and not empty means no colour. */
    if (no_color && no_color[0])
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(STDOUT_FILENO);
}

static int finish_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, PROGRAM ": cannot write the output: %s\n", strerror(errno));
        return 2;
    }
    return 0;
}

/* --list-codes: a table for people, or a JSON array with --format json. */
static int list_codes(const pv_args *a)
{
    size_t n = 0, i, width = 4;
    const pledge_code_info *codes = pledge_code_list(&n);
    pv_sink out = {pv_write_stdio, stdout, 0};

    if (!codes)
        n = 0;
    if (a->format == PV_FORMAT_JSON) {
        pv_puts(&out, "[");
        for (i = 0; i < n; i++) {
            pv_puts(&out, i ? ",\n  {\"code\": " : "\n  {\"code\": ");
            pv_put_json_cstr(&out, codes[i].code);
            pv_puts(&out, ", \"severity\": ");
            pv_put_json_cstr(&out, pledge_severity_name(codes[i].severity));
            pv_puts(&out, ", \"description\": ");
            pv_put_json_cstr(&out, codes[i].description);
            pv_puts(&out, "}");
        }
        pv_puts(&out, n ? "\n]\n" : "]\n");
    } else {
        for (i = 0; i < n; i++)
            if (strlen(codes[i].code) > width)
                width = strlen(codes[i].code);
        for (i = 0; i < n; i++)
            pv_printf(&out, "%-*s  %-7s  %s\n", (int)width, codes[i].code,
                      pledge_severity_name(codes[i].severity), codes[i].description);
    }
    return finish_stdout();
}

/* --print-schema: the embedded YAML schema, converted to JSON. */
static int print_schema(const char *format)
{
    size_t len = 0;
    const char *src = pledge_format_schema_source(format, &len);
    pledge_diag_list *diags = NULL;
    pledge_tree *tree = NULL;
    int rc;

    if (!src) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "no built-in schema for '%.100s'; --print-schema takes pledge/1 or "
                 "follow-up/1", format);
        return usage_error(msg);
    }
    if (pledge_diag_list_new(&diags, NULL) != 0)
        return usage_error("out of memory");
    rc = pledge_tree_parse(&tree, format, src, len, NULL, diags);
    if (rc == 0)
        rc = pledge_node_write_json(pledge_tree_root(tree), PLEDGE_WRITE_PRETTY,
                                    pv_write_stdio, stdout);
    pledge_tree_free(tree);
    pledge_diag_list_free(diags);
    if (rc != 0) {
        fprintf(stderr, PROGRAM ": cannot convert the built-in schema of %s: %s\n", format,
                pledge_strerror(rc));
        return 2;
    }
    fputc('\n', stdout);
    return finish_stdout();
}

/* Print diagnostics that are not about a validated file (the schema's
 * own) to standard error in the text form. */
static void print_diags_stderr(const char *name, pledge_diag_list *diags, int color)
{
    pv_results tmp;
    pv_file *f;
    pv_sink err = {pv_write_stdio, stderr, 0};
    pv_text_options to = {0, 0, NULL, NULL};

    to.color = color;
    pv_results_init(&tmp);
    f = pv_results_add(&tmp, name);
    if (f && pledge_diag_list_move(f->diags, diags) == 0) {
        pledge_diag_list_sort(f->diags, 0);
        pv_results_finish(&tmp, 0);
        pv_output_text(&tmp, &to, &err);
    }
    pv_results_free(&tmp);
}

/* Source bytes for excerpts: the session kept them (no second read of a
 * file that may have changed meanwhile). */
static char *load_source(void *ud, const pv_file *file, size_t *len)
{
    char *buf;
    (void)ud;
    if (!file->source)
        return NULL;
    buf = malloc(file->source_len ? file->source_len : 1);
    if (buf) {
        memcpy(buf, file->source, file->source_len);
        *len = file->source_len;
    }
    return buf;
}

static int ignored(const pv_args *a, const char *code)
{
    size_t i;
    for (i = 0; i < a->ignore_count; i++)
        if (fnmatch(a->ignores[i], code, 0) == 0)
            return 1;
    return 0;
}

/* The session's results as the formatters take them; --ignore drops
 * diagnostics here, before anything is counted. */
static int collect(pv_results *r, const pledge_session *session, const pv_args *a)
{
    size_t i, k, n = pledge_session_file_count(session);
    for (i = 0; i < n; i++) {
        pledge_session_file *sf = pledge_session_file_at(session, i);
        pledge_diag_list *diags = pledge_session_file_diags(sf);
        unsigned int status = pledge_session_file_status(sf);
        size_t docs = pledge_session_file_documents(sf), srclen;
        const char *src = pledge_session_file_source(sf, &srclen);
        pv_file *f = pv_results_add(r, pledge_session_file_name(sf));

        if (!f || pv_file_set_documents(f, docs) != 0)
            return -1;
        for (k = 0; k < docs; k++) {
            unsigned int ds = pledge_session_document_status(sf, k), fl = 0;
            /* With --ignore, a document's errors and warnings are those
             * of the diagnostics kept (pv_results_finish reads them). */
            if (!a->ignore_count)
                fl = ((ds & PLEDGE_SESSION_DOC_ERROR) ? PV_DOC_ERROR : 0) |
                     ((ds & PLEDGE_SESSION_DOC_WARNING) ? PV_DOC_WARNING : 0);
            f->doc_flags[k] = (unsigned char)(fl | ((ds & PLEDGE_SESSION_DOC_REFUSED) ? PV_DOC_REFUSED : 0));
        }
        f->unreadable = (status & PLEDGE_SESSION_FILE_UNREADABLE) != 0;
        f->stopped = (status & PLEDGE_SESSION_FILE_STOPPED) != 0;
        if (src) {
            if (!(f->source = malloc(srclen ? srclen : 1)))
                return -1;
            memcpy(f->source, src, srclen);
            f->source_len = srclen;
        }
        if (!a->ignore_count) {
            if (pledge_diag_list_move(f->diags, diags) != 0)
                return -1;
            continue;
        }
        for (k = 0; k < pledge_diag_list_count(diags); k++) {
            const pledge_diag *d = pledge_diag_list_at(diags, k);
            if (!ignored(a, d->code) && pledge_diag_list_add_copy(f->diags, d) != 0)
                return -1;
        }
    }
    return 0;
}

/* Write @p format of the results to @p fp (stdout or a file). */
static int write_format(const pv_results *r, const pv_args *a, pv_format format, FILE *fp,
                        int color)
{
    pv_sink out = {pv_write_stdio, NULL, 0};
    pv_text_options to;
    out.ud = fp;
    to.color = color;
    to.excerpt = a->excerpt;
    to.source = load_source;
    to.source_ud = NULL;
    switch (format) {
    case PV_FORMAT_JSON: return pv_output_json(r, &out);
    case PV_FORMAT_GITHUB: return pv_output_github(r, &out);
    case PV_FORMAT_SARIF: return pv_output_sarif(r, PLEDGE_VERSION_STRING, &out);
    case PV_FORMAT_JUNIT: return pv_output_junit(r, a->junit_file_attribute, &out);
    default: return pv_output_text(r, &to, &out);
    }
}

/* The outputs: stdout gets --format unless an -o names it ("-"); each -o
 * its own. Returns 0, or 2 when one could not be written. */
static int write_outputs(const pv_results *r, const pv_args *a, int color)
{
    size_t i;
    int to_stdout = 1, status = 0;
    for (i = 0; i < a->output_count; i++)
        if (strcmp(a->outputs[i].path, "-") == 0)
            to_stdout = 0;
    if (to_stdout && write_format(r, a, a->format, stdout, color) != 0)
        status = 2;
    for (i = 0; i < a->output_count; i++) {
        const pv_output *o = &a->outputs[i];
        FILE *fp = strcmp(o->path, "-") == 0 ? stdout : fopen(o->path, "w");
        int failed;
        if (!fp) {
            fprintf(stderr, PROGRAM ": cannot write %s: %s\n", o->path, strerror(errno));
            status = 2;
            continue;
        }
        failed = write_format(r, a, o->format, fp, fp == stdout && color) != 0;
        if (fp != stdout && fclose(fp) != 0)
            failed = 1;
        if (failed) {
            fprintf(stderr, PROGRAM ": cannot write %s\n", o->path);
            status = 2;
        }
    }
    if (finish_stdout() != 0)
        status = 2;
    return status;
}

/* --check-schema: compile each FILE (checked against the metaschema);
 * its diagnostics are the results. Exit 0 when all compile, else 2. */
static int check_schemas(const pv_args *a, const pledge_load_options *load, int color)
{
    pv_results r;
    size_t i;
    int status = 0, failed = 0;
    pv_results_init(&r);
    for (i = 0; i < a->path_count && !failed; i++) {
        pledge_schema_options sco = PLEDGE_SCHEMA_OPTIONS_INIT;
        pledge_schema *schema = NULL;
        pv_file *f = pv_results_add(&r, a->paths[i]);
        int rc;
        if (!f || pv_file_set_documents(f, 1) != 0) {
            failed = 1;
            break;
        }
        sco.flags = a->assert_formats ? PLEDGE_SCHEMA_ASSERT_FORMATS : 0;
        sco.ref_dirs = a->ref_dirs;
        sco.ref_dir_count = a->ref_dir_count;
        sco.load = load;
        sco.max_evaluations = a->max_evaluations;
        rc = pledge_schema_compile_file(&schema, a->paths[i], &sco, f->diags);
        pledge_schema_free(schema);
        if (rc == PLEDGE_ENOMEM)
            failed = 1;
        else if (rc != 0) {
            f->doc_flags[0] |= PV_DOC_REFUSED;
            f->unreadable = 1; /* exit 2: an invalid schema */
        }
        pledge_diag_list_sort(f->diags, 0);
    }
    if (failed) {
        fprintf(stderr, PROGRAM ": out of memory\n");
        status = 2;
    } else {
        pv_results_finish(&r, a->strict);
        status = write_outputs(&r, a, color);
        if (status == 0)
            status = r.summary.unreadable_files ? 2 : 0;
        if (!a->quiet) {
            char line[256];
            pv_summary_line(&r.summary, line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
    }
    pv_results_free(&r);
    return status;
}

/* Add every PATH to the session. Returns 0, or 2 after a usage error
 * (a PATH that yields no file) or a failure was reported. */
static int add_paths(pledge_session *session, const char *const *paths, size_t count,
                     unsigned int flags)
{
    size_t i;
    for (i = 0; i < count; i++) {
        int rc = pledge_session_add_path(session, paths[i], flags);
        if (rc == PLEDGE_EINVALID) {
            char msg[1024];
            if (paths[i][0] == '\0')
                snprintf(msg, sizeof msg, "an empty PATH names no file");
            else
                snprintf(msg, sizeof msg,
                         "no *.yaml or *.yml file in folder '%s' (hidden names, links to "
                         "folders and --exclude matches are skipped)", paths[i]);
            return usage_error(msg);
        }
        if (rc != 0) {
            fprintf(stderr, PROGRAM ": %s\n", pledge_strerror(rc));
            return 2;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    pv_args a;
    pv_results results;
    pledge_session_options so = PLEDGE_SESSION_OPTIONS_INIT;
    pledge_session *session = NULL;
    pledge_schema *schema = NULL;
    char err[1024];
    static char outbuf[1 << 16];
    int status, color, rc;
    size_t i;

    if (pv_args_parse(&a, argc, argv, err, sizeof err) != 0) {
        pv_args_free(&a);
        return usage_error(err);
    }
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    if (a.help) {
        pv_print_help(stdout);
        pv_args_free(&a);
        return finish_stdout();
    }
    if (a.version) {
        printf(PROGRAM " %s (libpledge %s)\n", PLEDGE_VERSION_STRING, pledge_version());
        pv_args_free(&a);
        return finish_stdout();
    }
    if (a.list_codes) {
        status = list_codes(&a);
        pv_args_free(&a);
        return status;
    }
    if (a.print_schema) {
        status = print_schema(a.print_schema);
        pv_args_free(&a);
        return status;
    }

    if (!a.format_given) {
        const char *gha = getenv("GITHUB_ACTIONS");
        if (gha && strcmp(gha, "true") == 0)
            a.format = PV_FORMAT_GITHUB;
    }
    color = a.format == PV_FORMAT_TEXT && want_color(a.color);
    for (i = 0; i < a.output_count; i++)
        if (a.outputs[i].format == PV_FORMAT_TEXT && strcmp(a.outputs[i].path, "-") == 0 &&
            want_color(a.color))
            color = 1;

    so.load.max_depth = a.max_depth;
    so.load.max_alias_expansion = a.max_alias_expansion;
    so.load.max_file_bytes = a.max_file_bytes;
    so.flags = (a.resolve ? PLEDGE_SESSION_RESOLVE : 0) | (a.strict ? PLEDGE_SESSION_STRICT : 0) |
               (a.verbose ? PLEDGE_SESSION_ALL_BRANCHES : 0) |
               (color || a.excerpt ? PLEDGE_SESSION_KEEP_SOURCES : 0);
    so.excludes = a.excludes;
    so.exclude_count = a.exclude_count;
    so.max_diagnostics = a.max_diagnostics;
    so.stdin_name = a.stdin_filename;
    if (a.check_schema) {
        status = check_schemas(&a, &so.load, color);
        pv_args_free(&a);
        return status;
    }
    so.jobs = a.jobs;
    if (so.jobs == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        so.jobs = cores > 0 ? (unsigned)(cores < 4096 ? cores : 4096) : 1;
    }
    if (a.schema) {
        pledge_schema_options sco = PLEDGE_SCHEMA_OPTIONS_INIT;
        pledge_diag_list *diags = NULL;

        sco.flags = a.assert_formats ? PLEDGE_SCHEMA_ASSERT_FORMATS : 0;
        sco.ref_dirs = a.ref_dirs;
        sco.ref_dir_count = a.ref_dir_count;
        sco.load = &so.load;
        sco.max_evaluations = a.max_evaluations;
        if (pledge_diag_list_new(&diags, NULL) != 0) {
            pv_args_free(&a);
            return usage_error("out of memory");
        }
        rc = pledge_schema_compile_file(&schema, a.schema, &sco, diags);
        if (rc != 0 || pledge_diag_list_count(diags)) {
            print_diags_stderr(a.schema, diags, want_color(a.color) && isatty(STDERR_FILENO));
        }
        pledge_diag_list_free(diags);
        if (rc != 0) {
            fprintf(stderr, PROGRAM ": the schema %s cannot be used (%s); nothing was "
                    "validated\n", a.schema, pledge_strerror(rc));
            pv_args_free(&a);
            return 2;
        }
        so.schema = schema;
    }

    if (pledge_session_new(&session, &so) != 0) {
        pledge_schema_free(schema);
        pv_args_free(&a);
        return usage_error("out of memory");
    }
    status = add_paths(session, a.paths, a.path_count, 0);
    if (status == 0)
        status = add_paths(session, a.contexts, a.context_count, PLEDGE_SESSION_CONTEXT);
    if (status != 0) {
        pledge_session_free(session);
        pledge_schema_free(schema);
        pv_args_free(&a);
        return status;
    }

    pv_results_init(&results);
    rc = pledge_session_run(session);
    if (rc != 0 || collect(&results, session, &a) != 0) {
        fprintf(stderr, PROGRAM ": %s\n", rc ? pledge_strerror(rc) : "out of memory");
        status = 2;
    } else {
        pv_results_finish(&results, a.strict);
        status = pv_results_status(&results);
        if (write_outputs(&results, &a, color) != 0)
            status = 2;
        if (!a.quiet) {
            char line[256];
            pv_summary_line(&results.summary, line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
    }

    pv_results_free(&results);
    pledge_session_free(session);
    pledge_schema_free(schema);
    pv_args_free(&a);
    return status;
}
