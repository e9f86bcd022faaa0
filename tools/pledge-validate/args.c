/* SPDX-License-Identifier: MIT */
/* Options: GNU-style long options (--name VALUE or --name=VALUE), a few
 * short ones (-f json, -fjson, -qv), options and paths in any order, and
 * `--` to end the options. Parsed by hand rather than with getopt_long so
 * that every usage error gets one plain sentence of our own. */
#include "args.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum opt_id {
    O_HELP, O_VERSION, O_FORMAT, O_COLOR, O_EXCERPT, O_QUIET, O_VERBOSE, O_STRICT,
    O_RESOLVE, O_JOBS, O_SCHEMA, O_REF_DIR, O_ASSERT_FORMATS, O_EXCLUDE, O_MAX_DEPTH,
    O_MAX_ALIAS, O_MAX_BYTES, O_LIST_CODES, O_PRINT_SCHEMA, O_CONTEXT, O_OUTPUT, O_IGNORE,
    O_STDIN_FILENAME, O_CHECK_SCHEMA, O_JUNIT_FILE, O_MAX_DIAGNOSTICS,
    O_MAX_EVALUATIONS
};

typedef struct opt {
    const char *name;
    char short_name;
    int has_arg;
    enum opt_id id;
} opt;

static const opt options[] = {
    {"help", 'h', 0, O_HELP},
    {"version", 'V', 0, O_VERSION},
    {"format", 'f', 1, O_FORMAT},
    {"color", 0, 1, O_COLOR},
    {"colour", 0, 1, O_COLOR},
    {"excerpt", 0, 0, O_EXCERPT},
    {"quiet", 'q', 0, O_QUIET},
    {"verbose", 'v', 0, O_VERBOSE},
    {"strict", 0, 0, O_STRICT},
    {"resolve", 0, 0, O_RESOLVE},
    {"jobs", 'j', 1, O_JOBS},
    {"schema", 0, 1, O_SCHEMA},
    {"ref-dir", 0, 1, O_REF_DIR},
    {"assert-formats", 0, 0, O_ASSERT_FORMATS},
    {"exclude", 0, 1, O_EXCLUDE},
    {"max-depth", 0, 1, O_MAX_DEPTH},
    {"max-alias-expansion", 0, 1, O_MAX_ALIAS},
    {"max-file-bytes", 0, 1, O_MAX_BYTES},
    {"list-codes", 0, 0, O_LIST_CODES},
    {"print-schema", 0, 1, O_PRINT_SCHEMA},
    {"context", 0, 1, O_CONTEXT},
    {"output", 'o', 1, O_OUTPUT},
    {"ignore", 0, 1, O_IGNORE},
    {"stdin-filename", 0, 1, O_STDIN_FILENAME},
    {"check-schema", 0, 0, O_CHECK_SCHEMA},
    {"junit-file-attribute", 0, 0, O_JUNIT_FILE},
    {"max-diagnostics", 0, 1, O_MAX_DIAGNOSTICS},
    {"max-evaluations", 0, 1, O_MAX_EVALUATIONS},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Edit distance, for "did you mean" on a mistyped long option. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t prev = row[0], tmp;
        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}

static int parse_count(const char *text, unsigned long long max, unsigned long long *out)
{
    char *end;
    unsigned long long v;
    if (text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

int pv_parse_size(const char *text, size_t *out)
{
    static const struct { const char *suffix; unsigned long long factor; } units[] = {
        {"", 1}, {"B", 1},
        {"K", 1ull << 10}, {"KiB", 1ull << 10}, {"k", 1ull << 10}, {"KB", 1000ull}, {"kB", 1000ull},
        {"M", 1ull << 20}, {"MiB", 1ull << 20}, {"MB", 1000000ull},
        {"G", 1ull << 30}, {"GiB", 1ull << 30}, {"GB", 1000000000ull},
        {"T", 1ull << 40}, {"TiB", 1ull << 40}, {"TB", 1000000000000ull},
    };
    char *end;
    unsigned long long v;
    size_t i;

    if (text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno)
        return -1;
    for (i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].suffix) == 0) {
            if (v > (unsigned long long)SIZE_MAX / units[i].factor)
                return -1;
            *out = (size_t)(v * units[i].factor);
            return 0;
        }
    }
    return -1;
}

static int push(const char ***list, size_t *count, const char *item)
{
    const char **nl = realloc((void *)*list, (*count + 1) * sizeof *nl);
    if (!nl)
        return -1;
    nl[(*count)++] = item;
    *list = nl;
    return 0;
}

static int add_ref_dir(pv_args *a, const char *value, char *err, size_t errlen)
{
    const char *eq = strchr(value, '=');
    pledge_ref_dir *nr;
    char *copy;

    if (!eq || eq == value || !eq[1])
        return fail(err, errlen,
                    "--ref-dir needs URI=DIR, e.g. --ref-dir https://example.org/s/=schemas/ "
                    "(got '%s')", value);
    nr = realloc(a->ref_dirs, (a->ref_dir_count + 1) * sizeof *nr);
    if (!nr)
        return fail(err, errlen, "out of memory");
    a->ref_dirs = nr;
    copy = malloc(strlen(value) + 1);
    if (!copy)
        return fail(err, errlen, "out of memory");
    strcpy(copy, value);
    copy[eq - value] = '\0';
    nr[a->ref_dir_count].uri_prefix = copy;
    nr[a->ref_dir_count].directory = copy + (eq - value) + 1;
    a->ref_dir_count++;
    return 0;
}

static int format_of(const char *name, size_t len, pv_format *out)
{
    static const struct { const char *name; pv_format format; } formats[] = {
        {"text", PV_FORMAT_TEXT}, {"json", PV_FORMAT_JSON}, {"github", PV_FORMAT_GITHUB},
        {"sarif", PV_FORMAT_SARIF}, {"junit", PV_FORMAT_JUNIT},
    };
    size_t i;
    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strlen(formats[i].name) == len && strncmp(formats[i].name, name, len) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return -1;
}

static int add_output(pv_args *a, const char *shown, const char *value, char *err,
                      size_t errlen)
{
    const char *eq = strchr(value, '=');
    pv_output *no;
    pv_format f;
    if (!eq || !eq[1] || format_of(value, (size_t)(eq - value), &f) != 0)
        return fail(err, errlen, "%s takes FORMAT=FILE, FORMAT one of text, json, github, "
                    "sarif, junit and FILE a file name or - for standard output (got '%s')",
                    shown, value);
    no = realloc(a->outputs, (a->output_count + 1) * sizeof *no);
    if (!no)
        return fail(err, errlen, "out of memory");
    a->outputs = no;
    no[a->output_count].format = f;
    no[a->output_count].path = eq + 1;
    a->output_count++;
    return 0;
}

static int apply(pv_args *a, const opt *o, const char *shown, const char *value, char *err,
                 size_t errlen)
{
    unsigned long long n;

    switch (o->id) {
    case O_HELP: a->help = 1; break;
    case O_VERSION: a->version = 1; break;
    case O_FORMAT:
        if (format_of(value, strlen(value), &a->format) != 0)
            return fail(err, errlen, "unknown format '%s' for %s; formats are: text, json, "
                        "github, sarif, junit", value, shown);
        a->format_given = 1;
        break;
    case O_OUTPUT:
        return add_output(a, shown, value, err, errlen);
    case O_CONTEXT:
        if (!value[0])
            return fail(err, errlen, "%s needs a file or folder", shown);
        if (push(&a->contexts, &a->context_count, value) != 0)
            return fail(err, errlen, "out of memory");
        break;
    case O_IGNORE:
        if (!value[0])
            return fail(err, errlen, "%s needs a code or a glob such as 'pledge.no-*'", shown);
        if (push(&a->ignores, &a->ignore_count, value) != 0)
            return fail(err, errlen, "out of memory");
        break;
    case O_STDIN_FILENAME:
        if (!value[0])
            return fail(err, errlen, "%s needs a name", shown);
        a->stdin_filename = value;
        break;
    case O_CHECK_SCHEMA: a->check_schema = 1; break;
    case O_JUNIT_FILE: a->junit_file_attribute = 1; break;
    case O_MAX_DIAGNOSTICS:
        if (parse_count(value, SIZE_MAX, &n) != 0)
            return fail(err, errlen, "%s takes a whole number, 0 for no cap (got '%s')", shown,
                        value);
        a->max_diagnostics = (size_t)n;
        break;
    case O_MAX_EVALUATIONS:
        if (parse_count(value, SIZE_MAX, &n) != 0)
            return fail(err, errlen, "%s takes a whole number, 0 for no budget (got '%s')",
                        shown, value);
        a->max_evaluations = n ? (size_t)n : SIZE_MAX;
        break;
    case O_COLOR:
        if (strcmp(value, "auto") == 0) a->color = PV_COLOR_AUTO;
        else if (strcmp(value, "always") == 0) a->color = PV_COLOR_ALWAYS;
        else if (strcmp(value, "never") == 0) a->color = PV_COLOR_NEVER;
        else
            return fail(err, errlen, "%s takes auto, always or never (got '%s')", shown, value);
        break;
    case O_EXCERPT: a->excerpt = 1; break;
    case O_QUIET: a->quiet = 1; break;
    case O_VERBOSE: a->verbose = 1; break;
    case O_STRICT: a->strict = 1; break;
    case O_RESOLVE: a->resolve = 1; break;
    case O_ASSERT_FORMATS: a->assert_formats = 1; break;
    case O_LIST_CODES: a->list_codes = 1; break;
    case O_JOBS:
        if (parse_count(value, 4096, &n) != 0)
            return fail(err, errlen, "%s takes a number of threads from 1 to 4096, or 0 for "
                        "one per core (got '%s')", shown, value);
        a->jobs = (unsigned)n;
        break;
    case O_SCHEMA:
        if (a->schema)
            return fail(err, errlen, "--schema may be given only once");
        if (!value[0])
            return fail(err, errlen, "--schema needs a file name");
        a->schema = value;
        break;
    case O_REF_DIR:
        return add_ref_dir(a, value, err, errlen);
    case O_EXCLUDE:
        if (push(&a->excludes, &a->exclude_count, value) != 0)
            return fail(err, errlen, "out of memory");
        break;
    case O_MAX_DEPTH:
        if (parse_count(value, SIZE_MAX, &n) != 0 || n == 0)
            return fail(err, errlen, "%s takes a whole number of at least 1 (got '%s')",
                        shown, value);
        a->max_depth = (size_t)n;
        break;
    case O_MAX_ALIAS:
        if (parse_count(value, SIZE_MAX, &n) != 0)
            return fail(err, errlen, "%s takes a whole number (got '%s')", shown, value);
        a->max_alias_expansion = (size_t)n;
        break;
    case O_MAX_BYTES:
        if (pv_parse_size(value, &a->max_file_bytes) != 0 || a->max_file_bytes == 0)
            return fail(err, errlen, "%s takes a size of at least 1 byte such as 65536, "
                        "512KiB or 64MiB (got '%s')", shown, value);
        break;
    case O_PRINT_SCHEMA:
        a->print_schema = value;
        break;
    }
    return 0;
}

int pv_args_parse(pv_args *a, int argc, char **argv, char *err, size_t errlen)
{
    int i, only_paths = 0;
    size_t k;

    memset(a, 0, sizeof *a);
    a->max_depth = PLEDGE_DEFAULT_MAX_DEPTH;
    a->max_alias_expansion = PLEDGE_DEFAULT_MAX_ALIAS_EXPANSION;
    a->max_file_bytes = PLEDGE_DEFAULT_MAX_FILE_BYTES;
    a->max_diagnostics = PLEDGE_DEFAULT_MAX_DIAGNOSTICS;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (push(&a->paths, &a->path_count, arg) != 0)
                return fail(err, errlen, "out of memory");
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_paths = 1;
            continue;
        }
        if (arg[1] == '-') {
            const char *name = arg + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const opt *o = NULL;
            const char *value = NULL;
            char shown[64];

            for (k = 0; k < N_OPTIONS; k++)
                if (strlen(options[k].name) == len && strncmp(options[k].name, name, len) == 0)
                    o = &options[k];
            snprintf(shown, sizeof shown, "--%.*s", (int)(len < 40 ? len : 40), name);
            if (!o) {
                char want[64];
                snprintf(want, sizeof want, "%.*s", (int)(len < 60 ? len : 60), name);
                for (k = 0; k < N_OPTIONS; k++)
                    if (distance(want, options[k].name) <= 2)
                        return fail(err, errlen, "unknown option '%s'; did you mean '--%s'?",
                                    shown, options[k].name);
                return fail(err, errlen, "unknown option '%s'", shown);
            }
            if (o->has_arg) {
                if (eq)
                    value = eq + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return fail(err, errlen, "%s needs a value", shown);
            } else if (eq) {
                return fail(err, errlen, "%s takes no value", shown);
            }
            if (apply(a, o, shown, value, err, errlen) != 0)
                return -1;
            continue;
        }
        /* One or more short options: -qv, -fjson, -f json, -j4. */
        for (k = 1; arg[k]; k++) {
            const opt *o = NULL;
            size_t m;
            char shown[3] = {'-', arg[k], '\0'};
            for (m = 0; m < N_OPTIONS; m++)
                if (options[m].short_name && options[m].short_name == arg[k])
                    o = &options[m];
            if (!o)
                return fail(err, errlen, "unknown option '-%c'", arg[k]);
            if (o->has_arg) {
                const char *value;
                if (arg[k + 1])
                    value = arg + k + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else
                    return fail(err, errlen, "%s needs a value", shown);
                if (apply(a, o, shown, value, err, errlen) != 0)
                    return -1;
                break;
            }
            if (apply(a, o, shown, NULL, err, errlen) != 0)
                return -1;
        }
    }

    if (a->help || a->version || a->list_codes || a->print_schema)
        return 0;
    if (a->check_schema) {
        if (a->schema)
            return fail(err, errlen, "--check-schema takes the schemas as its FILEs; "
                        "--schema is for validating data");
        if (a->path_count == 0)
            return fail(err, errlen, "--check-schema needs the schema files to check");
        if (a->context_count)
            return fail(err, errlen, "--context loads data; --check-schema checks schemas");
        return 0;
    }
    if (a->ref_dir_count && !a->schema)
        return fail(err, errlen, "--ref-dir maps $ref URIs of a --schema; give --schema FILE");
    if (a->context_count && a->schema)
        return fail(err, errlen, "--context loads documents for the cross-document checks "
                    "of pledge mode; it does nothing with --schema");
    if (a->path_count == 0)
        return fail(err, errlen, "no PATH given: name the files or folders to validate, "
                    "or - for standard input");
    return 0;
}

void pv_args_free(pv_args *a)
{
    size_t i;
    for (i = 0; i < a->ref_dir_count; i++)
        free((void *)a->ref_dirs[i].uri_prefix);
    free(a->ref_dirs);
    free((void *)a->excludes);
    free((void *)a->paths);
    free((void *)a->contexts);
    free((void *)a->ignores);
    free(a->outputs);
    memset(a, 0, sizeof *a);
}

void pv_print_help(FILE *fp)
{
    fputs(
"Usage: pledge-validate [OPTIONS] PATH...\n"
"Validate citizen pledges (pledge/1) and their follow-ups (follow-up/1), or\n"
"any YAML or JSON against a JSON Schema, and report every problem at\n"
"file:line:column.\n"
"\n"
"PATH is a file, a folder (every *.yaml and *.yml below it, in sorted order;\n"
"hidden names and links to folders skipped; links leading out of it and\n"
"FIFOs refused) or - for standard input. Files ending in .json are read as\n"
"JSON, everything else as YAML.\n"
"\n"
"Modes:\n"
"      --resolve            a follow-up whose pledge is not among the files\n"
"                           is an error (follow-up.unknown-pledge)\n"
"      --schema FILE        validate against this JSON Schema (2020-12)\n"
"                           instead of the pledge formats\n"
"      --ref-dir URI=DIR    serve $ref URIs starting with URI from folder DIR\n"
"      --assert-formats     make the schema's \"format\" keywords assertions\n"
"      --check-schema       the FILEs are schemas: check them against the\n"
"                           2020-12 metaschema and compile them, no data\n"
"      --context PATH       load the documents under PATH for the checks\n"
"                           across documents only, not reported (repeatable)\n"
"\n"
"Output:\n"
"  -f, --format FORMAT      text (default), json, github, sarif or junit;\n"
"                           github when GITHUB_ACTIONS=true and no --format\n"
"      --color WHEN         auto (default), always or never; colour shows a\n"
"                           source excerpt under each problem\n"
"      --excerpt            show source excerpts without colour\n"
"  -q, --quiet              no summary line on standard error\n"
"  -v, --verbose            report every failing anyOf/oneOf branch\n"
"      --strict             a warning makes its document invalid\n"
"  -o, --output FORMAT=FILE also write FORMAT to FILE (- for standard output,\n"
"                           which then gets no --format output; repeatable)\n"
"      --ignore CODE        drop diagnostics whose code matches the glob CODE\n"
"                           (e.g. 'pledge.no-*') before counting (repeatable)\n"
"      --max-diagnostics N  diagnostics kept per file, then one saying how\n"
"                           many more of which codes (1000; 0: no cap)\n"
"      --max-evaluations N  schema evaluation budget per document, then\n"
"                           schema.limit (10000000; 0: no budget)\n"
"      --junit-file-attribute\n"
"                           add GitLab's file attribute to JUnit testcases\n"
"\n"
"Files:\n"
"      --exclude GLOB       skip files and folders whose path or name\n"
"                           matches GLOB while walking folders (repeatable)\n"
"      --stdin-filename NAME\n"
"                           the name of - (standard input) in messages\n"
"  -j, --jobs N             validate N files at a time (default: one per\n"
"                           core; 0 means the same)\n"
"      --max-depth N        nesting limit, aliases expanded (default 256)\n"
"      --max-alias-expansion N\n"
"                           nodes aliases may add to a document (100000)\n"
"      --max-file-bytes SIZE\n"
"                           bytes read per file, e.g. 512KiB (64MiB)\n"
"\n"
"Information:\n"
"      --list-codes         list every diagnostic code and exit\n"
"      --print-schema FMT   print the built-in schema of pledge/1 or\n"
"                           follow-up/1 as JSON and exit\n"
"  -V, --version            print the version and exit\n"
"  -h, --help               print this help and exit\n"
"\n"
"Exit status: 0 all documents valid, 1 a document invalid (or a warning\n"
"under --strict), 2 usage error, unreadable file or invalid schema.\n"
"See pledge-validate(1).\n",
        fp);
}
