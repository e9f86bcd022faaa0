/* SPDX-License-Identifier: MIT */
/* Internal: the YAML front end (yaml_reader.c), libyaml events to one
 * pledge_tree per document. reader.c owns the bytes and calls it. */
#ifndef PLEDGE_NODE_YAML_READER_H
#define PLEDGE_NODE_YAML_READER_H

#include "pledge/node.h"

#include <stdio.h>

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
 * Prepare to read @p fp (borrowed: it, and @p name, must outlive the
 * stream) a chunk at a time, up to max_file_bytes: only the document being
 * read and libyaml's look-ahead are held, so a long stream of documents
 * costs little more than its largest one. The first bytes are read now.
 * @p size: the size of the regular file @p fp reads, or -1 when unknown;
 * a file smaller than a chunk gets a window of its size.
 * @return 0, PLEDGE_ENOMEM, or PLEDGE_EIO when the first read fails (*err:
 *         its errno). A later read that fails ends the stream with an
 *         io.error diagnostic that carries the errno.
 */
int pledge__yaml_open_fp(pledge_yaml_stream **out, FILE *fp, long long size, const char *name,
                         const pledge_load_options *opts, int *err);

/*
 * The next document: *out is a tree (caller frees) or NULL at the end of
 * the stream; see pledge_reader_next() for refused documents. Problems go
 * to @p diags. @return 0 or PLEDGE_ENOMEM (then the stream is over).
 */
int pledge__yaml_next(pledge_yaml_stream *st, pledge_tree **out, pledge_diag_list *diags);

/* Leave each tree in the arena it was read into (@p on 0): the caller
 * frees trees soon, so compaction (a copy) would be wasted. On by default. */
void pledge__yaml_set_compact(pledge_yaml_stream *st, int on);

/* 1 while nothing has stopped the reading before the end of the bytes. */
int pledge__yaml_complete(const pledge_yaml_stream *st);

/* Accepts NULL. Trees already returned stay valid. */
void pledge__yaml_free(pledge_yaml_stream *st);

#endif
