/* SPDX-License-Identifier: MIT */
/* A program that uses an installed libpledge. */
#include <pledge.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    pledge_diag_list *diags = NULL;
    const char *text = "greeting: hej\n";
    pledge_tree *tree = NULL;
    int rc = pledge_diag_list_new(&diags, NULL);
    if (rc == 0)
        rc = pledge_tree_parse(&tree, "inline.yaml", text, strlen(text), NULL, diags);
    if (rc == 0) {
        size_t len = 0;
        const char *s = pledge_node_string(
            pledge_node_get(pledge_tree_root(tree), "greeting", 8), &len);
        rc = s && len == 3 && strcmp(s, "hej") == 0 ? 0 : 1;
    }
    printf("libpledge %s: %s\n", pledge_version(), rc == 0 ? "ok" : pledge_strerror(rc));
    pledge_tree_free(tree);
    pledge_diag_list_free(diags);
    return rc == 0 ? 0 : 1;
}
