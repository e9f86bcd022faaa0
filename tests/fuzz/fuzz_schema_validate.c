/* SPDX-License-Identifier: MIT */
/* Fuzz target: the input is a schema and an instance, both YAML, split at
 * the first line "---8<---"; the instance is validated against the schema. */
#include "fuzz_common.h"

#include <string.h>

static const char cut[] = "\n---8<---\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *split = NULL;
    pledge_diag_list *diags = NULL;
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_schema *schema = NULL;
    pledge_tree *instance = NULL;
    size_t i, schema_len;

    for (i = 0; i + sizeof cut - 1 <= size; i++)
        if (memcmp(text + i, cut, sizeof cut - 1) == 0) {
            split = text + i;
            break;
        }
    if (!split || pledge_diag_list_new(&diags, NULL) != 0)
        return 0;
    schema_len = (size_t)(split - text);
    opts.max_evaluations = FUZZ_MAX_EVALUATIONS;
    if (pledge_schema_compile_buffer(&schema, "schema.yaml", text, schema_len, &opts, diags) == 0 &&
        pledge_tree_parse(&instance, "instance.yaml", split + sizeof cut - 1,
                          size - schema_len - (sizeof cut - 1), NULL, diags) == 0) {
        pledge_schema_validate(schema, pledge_tree_root(instance), "instance.yaml", 0, 0, diags);
        pledge_schema_validate(schema, pledge_tree_root(instance), "instance.yaml", 0,
                               PLEDGE_VALIDATE_ALL_BRANCHES, diags);
    }
    fuzz_check_diags(diags);
    pledge_tree_free(instance);
    pledge_schema_free(schema);
    pledge_diag_list_free(diags);
    return 0;
}
