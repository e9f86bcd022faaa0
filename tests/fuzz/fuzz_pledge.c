/* SPDX-License-Identifier: MIT */
/* Fuzz target: a YAML stream validated in pledge mode (built-in schemas,
 * semantic rules, cross-document checks of a set). */
#include "fuzz_common.h"

static pledge_set *set;

static void add_doc(const pledge_tree *tree, pledge_diag_list *diags)
{
    pledge_doc *doc = NULL;
    if (pledge_tree_root(tree) && pledge_doc_from_tree(&doc, tree, NULL, diags) == 0 && doc)
        pledge_set_add(set, doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pledge_diag_list *diags = NULL;
    if (pledge_set_new(&set, NULL) != 0)
        return 0;
    fuzz_read_all(data, size, "fuzz.yaml", PLEDGE_SYNTAX_YAML, add_doc);
    if (pledge_diag_list_new(&diags, NULL) == 0) {
        pledge_set_check(set, PLEDGE_SET_RESOLVE, diags);
        fuzz_check_diags(diags);
    }
    pledge_diag_list_free(diags);
    pledge_set_free(set);
    set = NULL;
    return 0;
}
