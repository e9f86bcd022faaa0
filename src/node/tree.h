/* SPDX-License-Identifier: MIT */
/* Internal: the layout of nodes and trees, shared by the readers, the
 * writers and the validator. Nothing here is part of the public API. */
#ifndef PLEDGE_NODE_TREE_H
#define PLEDGE_NODE_TREE_H

#include "pledge/node.h"
#include "core/arena.h"

#include <stdio.h>

#include <string.h>

typedef struct pledge_pair {
    pledge_node *key;   /* always a STRING node with its own position */
    pledge_node *value;
} pledge_pair;

/* 32 bytes on LP64. Offsets are kept in 32 bits: a source beyond 4 GiB
 * (far above the default 64 MiB limit) reports UINT32_MAX for nodes past
 * that point, while lines and columns stay exact up to 2^32 as well.
 * For a scalar that YAML 1.1 reads differently
 * (yaml11 != NONE), the words of pledge_node_yaml11_reading() are stored
 * right after the NUL that ends u.s.ptr (STRING) or u.i.text (INT). */
struct pledge_node {
    uint8_t type;   /* pledge_node_type */
    uint8_t flags;  /* PLEDGE_NODE_* */
    uint8_t yaml11; /* pledge_yaml11 */
    uint32_t line;
    uint32_t column;
    uint32_t offset;
    union {
        int b;
        struct {
            int64_t v;        /* valid unless flags & PLEDGE_NODE_BIGINT */
            const char *text; /* canonical decimal text, NUL-terminated */
        } i;
        double d;
        struct {
            const char *ptr;  /* NUL-terminated, may hold NUL bytes */
            size_t len;
        } s;
        struct {
            pledge_node **items;
            size_t count;
        } seq;
        struct {
            pledge_pair *pairs;
            size_t count;
        } map;
    } u;
};

/* A byte offset as nodes store it (saturating). */
static inline uint32_t pledge__offset32(size_t offset)
{
    return offset > UINT32_MAX ? UINT32_MAX : (uint32_t)offset;
}

struct pledge_tree {
    pledge_arena arena;          /* owns every node and string */
    const pledge_allocator *allocator;
    pledge_node *root;           /* NULL for a refused document */
    size_t index;
    size_t errors;               /* errors found while reading */
    const char *name;            /* in the arena */
};

/* A new empty tree (root NULL) named @p name; NULL on allocation failure. */
pledge_tree *pledge__tree_new(const pledge_allocator *allocator, const char *name,
                              size_t index);

/* The same with room for @p hint bytes of nodes and strings reserved in
 * the arena's first chunk (0: the arena's own growth). */
pledge_tree *pledge__tree_new_sized(const pledge_allocator *allocator, const char *name,
                                    size_t index, size_t hint);

/* A deep copy of @p node (and everything under it) in @p arena; the
 * explicit stack of the walk and the table of shared nodes come from
 * @p allocator. A collection reached twice (an alias) is copied once and
 * shared, so the copy is linear in the source. 0 or PLEDGE_ENOMEM (then
 * the arena holds a partial copy, freed with it). Iterative (copy.c). */
int pledge__node_copy(pledge_node **out, pledge_arena *arena, const pledge_node *node,
                      const pledge_allocator *allocator);

/* The same copy, consuming the source: each copied node forwards to its
 * copy (that is how sharing is found, with no table), so the source tree
 * must only be freed afterwards, whether this succeeds or not. The YAML
 * reader moves a small document into an arena of the right size. */
int pledge__node_move(pledge_node **out, pledge_arena *arena, pledge_node *node,
                      const pledge_allocator *allocator);

/* A deep copy of @p tree (name, index, error count, nodes) in a new tree. */
int pledge__tree_copy(pledge_tree **out, const pledge_tree *tree,
                      const pledge_allocator *allocator);

/* Make @p n a zeroed node of @p type at @p mark: the one place a node's
 * fields are first set, whatever memory it comes from. */
static inline void pledge__node_init(pledge_node *n, pledge_node_type type, pledge_mark mark)
{
    memset(n, 0, sizeof *n);
    n->type = (uint8_t)type;
    n->line = mark.line > UINT32_MAX ? UINT32_MAX : (uint32_t)mark.line;
    n->column = mark.column > UINT32_MAX ? UINT32_MAX : (uint32_t)mark.column;
    n->offset = pledge__offset32(mark.offset);
}

/* A zeroed node of @p type at @p mark, from the tree's arena. */
pledge_node *pledge__node_new(pledge_tree *tree, pledge_node_type type, pledge_mark mark);

/* Canonical decimal text of an integer given as @p digits (no sign, no
 * leading "0x"/"0o") in @p base 8, 10 or 16, with @p negative sign. Fills
 * *value and returns 0 if it fits int64, else sets *big = 1. The text goes
 * to the arena (*text). Returns PLEDGE_ENOMEM on failure. Linear in @p len
 * for base 10; quadratic for bases 8 and 16, so callers refuse more than
 * PLEDGE__RADIX_DIGITS_MAX digits in those bases. */
#define PLEDGE__RADIX_DIGITS_MAX 1000
int pledge__int_from_digits(pledge_tree *tree, const char *digits, size_t len, int base,
                            int negative, int64_t *value, int *big, const char **text);

/* Exactly one document (the rule of pledge_tree_parse) read from the file
 * at @p path (any kind a FILE* reads: a pipe named by the caller too). */
/* Reader flags (pledge__reader_open_fp). */
#define PLEDGE__READER_OWN_FP 0x1u      /* the reader closes the FILE* (even on failure) */
#define PLEDGE__READER_KEEP_SOURCE 0x2u /* read whole, for pledge__reader_give_source */
/* The caller frees each tree soon after reading it (the validation session
 * unless it keeps documents): the YAML reader leaves a tree in the arena
 * it was read into instead of copying it into one of the right size. The
 * tree is the same, node for node; only its arena may hold unused room. */
#define PLEDGE__READER_NO_COMPACT 0x4u

/* pledge_reader_open_fp with flags. @p size is the size of a regular file
 * the caller has just fstat'ed, or -1: then the reader asks itself (its
 * read-ahead is sized from it). */
int pledge__reader_open_fp(pledge_reader **out, const char *name, FILE *fp, unsigned int flags,
                           long long size, const pledge_load_options *opts,
                           pledge_diag_list *diags);

/* pledge_reader_open_buffer with flags (NO_COMPACT only). */
int pledge__reader_open_buffer(pledge_reader **out, const char *name, const void *data,
                               size_t len, unsigned int flags, const pledge_load_options *opts,
                               pledge_diag_list *diags);

/* The bytes of a source read whole (JSON, a buffer, KEEP_SOURCE), exactly
 * those positions count in; *len gets their length. The caller takes
 * them (frees them with the reader's allocator) but must keep them until
 * the reader is freed, which still reads them. NULL when streamed. */
char *pledge__reader_give_source(pledge_reader *r, size_t *len);

int pledge__tree_read_path(pledge_tree **out, const char *path, const pledge_load_options *opts,
                           pledge_diag_list *diags);

/* Exactly one document (the rule of pledge_tree_parse) read from the open
 * file @p fd, which this takes and closes: anything but a regular file is
 * io.error (a FIFO would block). The load options' limits apply.
 * @return 0, PLEDGE_EIO, PLEDGE_EINVALID, PLEDGE_ENOMEM, PLEDGE_EARG. */
int pledge__tree_read_fd(pledge_tree **out, const char *name, int fd,
                         const pledge_load_options *opts, pledge_diag_list *diags);

/* The exact decimal text of @p d when it is a finite integer (buffer of
 * at least 320 bytes); 0 otherwise. Integers beyond int64 compare and
 * hash through it. */
int pledge__double_integer_text(double d, char *buf, size_t size);

#endif
