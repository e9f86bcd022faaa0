/* SPDX-License-Identifier: MIT */
/* Helpers shared by the model's tests. */
#ifndef PLEDGE_MTEST_H
#define PLEDGE_MTEST_H

#include "testutil.h"

#define MT_EXAMPLES PLEDGE_SOURCE_DIR "/examples"

/* Load the one document of @p yaml (named "test.yaml"); the test fails
 * unless it is valid. Warnings are allowed. Caller frees. */
pledge_doc *mt_load(const char *yaml);

/* Load the one document of the file at @p path; must be valid. */
pledge_doc *mt_load_file(const char *path);

/*
 * Validate every document of @p text as pledge-validate does: each
 * document alone (pledge_set_load), then all together in the set
 * (pledge_set_check with @p flags). Returns the diagnostics sorted by document, line and
 * column (caller frees the list).
 */
pledge_diag_list *mt_validate(const char *name, const char *text, size_t len,
                              unsigned flags);

/*
 * Validate @p marked (YAML with a '^' before each place a diagnostic must
 * point to; the '^' are removed before reading) and check that exactly the
 * diagnostics @p codes (NULL-terminated, in reading order) are reported,
 * each at the line and column of its marker. @p what names the case in
 * failure messages.
 */
void mt_expect(const char *what, const char *marked, unsigned flags, const char *const *codes);

/* The message of the first diagnostic with @p code in @p text, or fail.
 * Caller frees. */
char *mt_message(const char *text, unsigned flags, const char *code);

/* A write sink into a growable buffer. */
typedef struct mt_buf {
    char *data;
    size_t len, cap;
} mt_buf;
int mt_sink(void *ud, const char *bytes, size_t len);

/* Compare two documents through every accessor of the model; fails the
 * test at the first difference. */
void mt_model_equal(const pledge_doc *a, const pledge_doc *b);

/* Strings with length, for ck_assert: 1 when @p s (len) equals @p lit. */
int mt_str_is(const char *s, size_t len, const char *lit);

#endif
