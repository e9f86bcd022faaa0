/* SPDX-License-Identifier: MIT */
/* Internal: a keyed hash (SipHash-1-3) with a per-process random key, so
 * that input cannot be chosen to make hash tables degrade. */
#ifndef PLEDGE_CORE_HASH_H
#define PLEDGE_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t pledge__hash(const void *data, size_t len);

#endif
