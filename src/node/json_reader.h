/* SPDX-License-Identifier: MIT */
/* Internal: the RFC 8259 JSON front end (json_reader.c). */
#ifndef PLEDGE_NODE_JSON_READER_H
#define PLEDGE_NODE_JSON_READER_H

#include "pledge/node.h"

/*
 * Parse @p len bytes of JSON text (exactly one value; a UTF-8 BOM is
 * skipped) into a tree named @p name with document index 0. Positions are
 * those of the YAML reader (1-based lines and code-point columns, byte
 * offsets). Problems go to @p diags: json.syntax, yaml.invalid-utf8,
 * yaml.duplicate-key, yaml.limit (depth), yaml.unicode-line-break.
 *
 * On return 0, *out is a tree (caller frees): its root is NULL when the
 * text could not be read to the end; pledge_tree_error_count() tells how
 * many errors were found. @p truncated says the text was cut by the size
 * limit (an unterminated value is then yaml.limit, not json.syntax).
 * @return 0 or PLEDGE_ENOMEM (then *out is NULL).
 */
int pledge__json_read(pledge_tree **out, const char *data, size_t len, const char *name,
                      int truncated, const pledge_load_options *opts,
                      pledge_diag_list *diags);

#endif
