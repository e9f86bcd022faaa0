/* SPDX-License-Identifier: MIT */
/* Internal: allocation through the caller's pledge_allocator hook. */
#ifndef PLEDGE_CORE_ALLOC_H
#define PLEDGE_CORE_ALLOC_H

#include "pledge/common.h"

/* The allocator to use for @p a: the hook, or the malloc-backed default. */
const pledge_allocator *pledge__allocator(const pledge_allocator *a);

void *pledge__malloc(const pledge_allocator *a, size_t size);
void *pledge__calloc(const pledge_allocator *a, size_t count, size_t size);
void *pledge__realloc(const pledge_allocator *a, void *ptr, size_t size);
void pledge__free(const pledge_allocator *a, void *ptr);

/* Copy of @p len bytes plus a NUL terminator; NULL on failure. */
char *pledge__strndup(const pledge_allocator *a, const char *s, size_t len);
char *pledge__strdup(const pledge_allocator *a, const char *s);

/* The capacity an array of @p cap items (of @p size bytes) grows to so as
 * to hold @p need: at least @p min, doubling. 0 when that many bytes
 * cannot be counted in a size_t. */
size_t pledge__grown_capacity(size_t cap, size_t need, size_t min, size_t size);

/* Grow *items (of @p size bytes each) so that it holds at least @p need;
 * capacity doubles. Returns 0 or PLEDGE_ENOMEM (array unchanged). */
int pledge__grow(const pledge_allocator *a, void **items, size_t *capacity,
                 size_t need, size_t size);

#endif
