/* SPDX-License-Identifier: MIT */
/* The built-in schemas of the formats, compiled on first use, once per
 * process, with format assertion on (pledge mode always asserts the
 * formats its schemas use) and without the metaschema check: they are
 * part of the build, and test_model_access checks them against the
 * metaschema once (a fifth of the start-up of a one-file run).
 *
 * A mutex rather than pthread_once: a compilation that fails for lack of
 * memory must be retried by the next caller instead of being remembered
 * as failed for the life of the process. A compiled schema is published
 * with a release store, so the common path is one acquire load. */
#include "internal.h"
#include "core/diag.h"
#include "core/embedded.h"
#include "pledge/schema.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

static const struct {
    const char *format;
    const char *file;
} builtins[] = {
    { "pledge/1", "pledge-1.schema.yaml" },
    { "follow-up/1", "follow-up-1.schema.yaml" },
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(pledge_schema *) compiled[2];

static const pledge_embedded *find_embedded(const char *file)
{
    size_t i;
    for (i = 0; i < pledge__format_schemas_count; i++)
        if (strcmp(pledge__format_schemas[i].name, file) == 0)
            return &pledge__format_schemas[i];
    return NULL;
}

const char *pledge_format_schema_source(const char *format, size_t *len)
{
    size_t i;
    if (len)
        *len = 0;
    if (!format)
        return NULL;
    for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        if (strcmp(builtins[i].format, format) == 0) {
            const pledge_embedded *e = find_embedded(builtins[i].file);
            if (!e)
                return NULL;
            if (len)
                *len = e->size;
            return e->data;
        }
    }
    return NULL;
}

/* Tell the caller why the built-in schema is unusable: the first of the
 * compiler's own diagnostics, if any. */
static int report_failure(pledge_diag_list *diags, const char *format,
                          const pledge_diag_list *why)
{
    const pledge_diag *d = pledge_diag_list_at(why, 0);
    return pledge__diag_addf(diags, PLEDGE_SEVERITY_ERROR, "schema.invalid", NULL,
                             "the built-in schema for %s cannot be used: %s", format,
                             d ? d->message : "it is missing from this build");
}

const pledge_schema *pledge__builtin_schema(pledge_doc_kind kind, pledge_diag_list *diags,
                                            int *rc)
{
    size_t k = kind == PLEDGE_DOC_PLEDGE ? 0 : 1;
    pledge_schema *s = atomic_load_explicit(&compiled[k], memory_order_acquire);
    const pledge_embedded *e;
    pledge_diag_list *why = NULL;
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    int r;

    *rc = PLEDGE_OK;
    if (s)
        return s;
    pthread_mutex_lock(&lock);
    s = atomic_load_explicit(&compiled[k], memory_order_relaxed);
    if (s) {
        pthread_mutex_unlock(&lock);
        return s;
    }
    e = find_embedded(builtins[k].file);
    if (!e) {
        pthread_mutex_unlock(&lock);
        *rc = report_failure(diags, builtins[k].format, NULL);
        if (*rc == PLEDGE_OK)
            *rc = PLEDGE_ERROR;
        return NULL;
    }
    /* The schema outlives every caller: it uses the default allocator,
     * never a caller's hook. */
    if (pledge_diag_list_new(&why, NULL)) {
        pthread_mutex_unlock(&lock);
        *rc = PLEDGE_ENOMEM;
        return NULL;
    }
    opts.flags = PLEDGE_SCHEMA_ASSERT_FORMATS | PLEDGE_SCHEMA_NO_METASCHEMA;
    r = pledge_schema_compile_buffer(&s, e->name, e->data, e->size, &opts, why);
    if (r == PLEDGE_OK)
        atomic_store_explicit(&compiled[k], s, memory_order_release);
    pthread_mutex_unlock(&lock);
    if (r == PLEDGE_ENOMEM) {
        *rc = PLEDGE_ENOMEM;
    } else if (r != PLEDGE_OK) {
        *rc = report_failure(diags, builtins[k].format, why);
        if (*rc == PLEDGE_OK)
            *rc = PLEDGE_ERROR;
    }
    pledge_diag_list_free(why);
    return r == PLEDGE_OK ? s : NULL;
}
