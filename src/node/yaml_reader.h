/* SPDX-License-Identifier: MIT */
/* Internal: the YAML front end (yaml_reader.c), libyaml events to one
 * pledge_tree per document. reader.c owns the bytes and calls it. */
#ifndef PLEDGE_NODE_YAML_READER_H
#define PLEDGE_NODE_YAML_READER_H

#include "pledge/node.h"

typedef struct pledge_yaml_stream pledge_yaml_stream;

/*
 * Prepare to read @p len bytes at @p data (borrowed: they and @p name must
 * outlive the stream). @p truncated says the source was longer and cut to
 * @p len by max_file_bytes. The options are copied.
 * @return 0 or PLEDGE_ENOMEM.
 */
int pledge__yaml_open(pledge_yaml_stream **out, const char *data, size_t len, int truncated,
                      const char *name, const pledge_load_options *opts);

/*
 * The next document: *out is a tree (caller frees) or NULL at the end of
 * the stream; see pledge_reader_next() for refused documents. Problems go
 * to @p diags. @return 0 or PLEDGE_ENOMEM (then the stream is over).
 */
int pledge__yaml_next(pledge_yaml_stream *st, pledge_tree **out, pledge_diag_list *diags);

/* 1 while nothing has stopped the reading before the end of the bytes. */
int pledge__yaml_complete(const pledge_yaml_stream *st);

/* Accepts NULL. Trees already returned stay valid. */
void pledge__yaml_free(pledge_yaml_stream *st);

#endif
