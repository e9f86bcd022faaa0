/* SPDX-License-Identifier: MIT */
/* Internal: line and column counting as libyaml counts them. */
#ifndef PLEDGE_NODE_POSITION_H
#define PLEDGE_NODE_POSITION_H

#include "pledge/node.h"

/* The mark at the start of a source: line 1, column 1, offset 0. */
pledge_mark pledge__pos_start(void);

/*
 * Move @p m forward to byte @p target of @p data (@p len bytes in all;
 * @p target <= len, m->offset <= target). Lines break at LF, CR LF (one
 * break), CR, U+0085, U+2028 and U+2029; columns count code points (a byte
 * that does not start a valid UTF-8 sequence counts as one). Returns the
 * number of U+0085/U+2028/U+2029 breaks crossed, for the
 * yaml.unicode-line-break warning.
 */
size_t pledge__pos_advance(const char *data, size_t len, pledge_mark *m, size_t target);

#endif
