/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz targets: read every document of a buffer and check
 * the invariants that must hold whatever the input. Failing an invariant
 * calls __builtin_trap() so that libFuzzer records the input. */
#ifndef PLEDGE_FUZZ_COMMON_H
#define PLEDGE_FUZZ_COMMON_H

#include <pledge.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The evaluation budget of the schema targets: small, so that schemas
 * whose cost grows exponentially end in milliseconds instead of using up
 * libFuzzer's time per input (the budget itself is what is fuzzed). */
#define FUZZ_MAX_EVALUATIONS 100000

#define FUZZ_ASSERT(cond) do { if (!(cond)) __builtin_trap(); } while (0)

typedef void (*fuzz_tree_fn)(const pledge_tree *tree, pledge_diag_list *diags);

/* Every diagnostic has a known code, a message and a sane position. */
static inline void fuzz_check_diags(const pledge_diag_list *diags)
{
    size_t i;
    for (i = 0; i < pledge_diag_list_count(diags); i++) {
        const pledge_diag *d = pledge_diag_list_at(diags, i);
        FUZZ_ASSERT(d && d->code && d->message && d->message[0]);
        FUZZ_ASSERT(pledge_code_find(d->code) != NULL);
        FUZZ_ASSERT((d->line == 0) == (d->column == 0));
    }
}

typedef struct fuzz_sink {
    char *data;
    size_t len, cap;
} fuzz_sink;

static inline int fuzz_sink_write(void *ud, const char *bytes, size_t len)
{
    fuzz_sink *s = ud;
    if (s->len + len + 1 > s->cap) {
        size_t cap = (s->len + len + 1) * 2;
        char *p = realloc(s->data, cap);
        if (!p)
            return 1;
        s->data = p;
        s->cap = cap;
    }
    memcpy(s->data + s->len, bytes, len);
    s->len += len;
    return 0;
}

/* Written as JSON (when it has no non-finite float) and as YAML, a tree
 * reads back equal. */
static inline void fuzz_check_round_trip(const pledge_tree *tree, pledge_diag_list *diags)
{
    int pass;
    const pledge_node *root = pledge_tree_root(tree);
    if (!root || pledge_tree_error_count(tree))
        return;
    for (pass = 0; pass < 2; pass++) {
        fuzz_sink sink = { NULL, 0, 0 };
        pledge_tree *again = NULL;
        pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
        int rc = pass == 0 ? pledge_node_write_json(root, 0, fuzz_sink_write, &sink)
                           : pledge_node_write_yaml(root, 0, fuzz_sink_write, &sink);
        opts.syntax = pass == 0 ? PLEDGE_SYNTAX_JSON : PLEDGE_SYNTAX_YAML;
        /* Aliases may expand beyond the limit once written out. */
        opts.max_alias_expansion = (size_t)-1;
        opts.max_file_bytes = (size_t)-1;
        if (rc == 0) {
            FUZZ_ASSERT(pledge_tree_parse(&again, "again", sink.data ? sink.data : "", sink.len,
                                          &opts, diags) == 0);
            FUZZ_ASSERT(pledge_node_equal(root, pledge_tree_root(again)));
        } else {
            FUZZ_ASSERT(rc == PLEDGE_EINVALID && pass == 0); /* NaN or infinity in JSON */
        }
        pledge_tree_free(again);
        free(sink.data);
    }
}

/* Read every document of @p data, calling @p fn on each tree. */
static inline void fuzz_read_all(const uint8_t *data, size_t size, const char *name,
                                 pledge_syntax syntax, fuzz_tree_fn fn)
{
    pledge_load_options opts = PLEDGE_LOAD_OPTIONS_INIT;
    pledge_diag_list *diags = NULL;
    pledge_reader *reader = NULL;
    pledge_tree *tree = NULL;
    size_t docs = 0;
    opts.syntax = syntax;
    opts.max_alias_expansion = 10000;
    if (pledge_diag_list_new(&diags, NULL) != 0)
        return;
    if (pledge_reader_open_buffer(&reader, name, data, size, &opts, diags) == 0) {
        while (pledge_reader_next(reader, &tree, diags) == 0 && tree) {
            FUZZ_ASSERT(pledge_tree_index(tree) == docs);
            docs++;
            fn(tree, diags);
            pledge_tree_free(tree);
        }
    }
    fuzz_check_diags(diags);
    pledge_reader_free(reader);
    pledge_diag_list_free(diags);
}

#endif
