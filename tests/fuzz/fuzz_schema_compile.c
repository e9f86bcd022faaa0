/* SPDX-License-Identifier: MIT */
/* Fuzz target: arbitrary bytes compiled as a JSON Schema (JSON syntax),
 * then used on a few fixed instances. */
#include "fuzz_common.h"

#include <string.h>

static const char *const instances[] = {
    "null", "true", "0", "-1.5", "12345678901234567890123", "\"\"", "\"\xc3\xa5 text\"",
    "[]", "[1, \"a\", [null], {\"k\": 2}]", "{}", "{\"a\": 1, \"b\": {\"c\": [true, false]}}",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pledge_schema_options opts = PLEDGE_SCHEMA_OPTIONS_INIT;
    pledge_diag_list *diags = NULL;
    pledge_schema *schema = NULL;
    size_t i;
    if (pledge_diag_list_new(&diags, NULL) != 0)
        return 0;
    opts.flags = (size && (data[0] & 1)) ? PLEDGE_SCHEMA_ASSERT_FORMATS : 0;
    opts.max_evaluations = FUZZ_MAX_EVALUATIONS;
    if (pledge_schema_compile_buffer(&schema, "fuzz.json", data, size, &opts, diags) == 0) {
        for (i = 0; i < sizeof instances / sizeof instances[0]; i++) {
            pledge_tree *tree = NULL;
            if (pledge_tree_parse(&tree, "instance.json", instances[i], strlen(instances[i]),
                                  NULL, diags) == 0) {
                pledge_schema_validate(schema, pledge_tree_root(tree), "instance.json", 0,
                                       i & 1 ? PLEDGE_VALIDATE_ALL_BRANCHES : 0, diags);
                pledge_tree_free(tree);
            }
        }
    }
    fuzz_check_diags(diags);
    pledge_schema_free(schema);
    pledge_diag_list_free(diags);
    return 0;
}
