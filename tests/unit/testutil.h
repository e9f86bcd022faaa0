/* SPDX-License-Identifier: MIT */
/* Helpers shared by the check-based unit tests. */
#ifndef PLEDGE_TESTUTIL_H
#define PLEDGE_TESTUTIL_H

#include <check.h>
#include <stddef.h>
#include "pledge.h"

/* An allocator that fails the Nth allocation (counting from 1; 0 = never)
 * and counts live blocks, to check clean PLEDGE_ENOMEM and no leak. */
typedef struct test_alloc {
    pledge_allocator hook; /* pass &ta.hook as the allocator */
    size_t fail_at;        /* 0: never fail */
    size_t calls;          /* allocations attempted */
    size_t live;           /* blocks not yet freed */
    int failed;            /* the failure was injected */
} test_alloc;

void test_alloc_init(test_alloc *ta, size_t fail_at);

/* Read a whole file into a malloc'd NUL-terminated buffer (abort the test
 * on failure); *len gets the size. */
char *test_read_file(const char *path, size_t *len);

/* The diagnostics as "line:col code message" lines, for failure output. */
char *test_diags_text(const pledge_diag_list *diags);

/* 1 in AddressSanitizer builds, whose -O0 frames and slowness change
 * what stack and time bounds a test may assert. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* Seconds on the monotonic clock, for coarse complexity bounds (checked
 * in plain builds only: valgrind and the sanitizers slow everything). */
double test_now(void);

/* Run a suite with the given name; returns the number of failures. */
int test_run(Suite *s);

#endif
