/* SPDX-License-Identifier: MIT */
/* Internal: how much C stack a recursion may use (stack.c). The schema
 * evaluator recurses along schemas and data; rather than a fixed level
 * count (whose bytes depend on the compiler, the flags and sanitizers) it
 * measures the bytes it has used and stops, with a diagnostic, before the
 * thread's stack runs out. */
#ifndef PLEDGE_CORE_STACK_H
#define PLEDGE_CORE_STACK_H

#include <stddef.h>
#include <stdint.h>

/* Stack the library needs beside a recursion's allowance: the deepest
 * leaf work below the last check (formatting a diagnostic, PCRE2's JIT
 * stack of 32 KiB, format checks), with room for sanitizer builds. */
#define PLEDGE__STACK_RESERVE (64u << 10)

/* The smallest thread stack libpledge supports (docs/security.md,
 * pledge/common.h), assumed where the stack's size cannot be queried. */
#define PLEDGE__STACK_MIN (256u << 10)

/* An address in the caller's frame. */
#if defined(__GNUC__) || defined(__clang__)
#define pledge__stack_here() ((uintptr_t)__builtin_frame_address(0))
#else
uintptr_t pledge__stack_here(void);
#endif

/* Bytes between two pledge__stack_here() values. */
static inline size_t pledge__stack_used(uintptr_t base)
{
    uintptr_t here = pledge__stack_here();
    return base > here ? (size_t)(base - here) : (size_t)(here - base);
}

/* Bytes a recursion that starts in the caller's frame may use: the
 * thread's stack left below that frame (queried once per thread) minus
 * PLEDGE__STACK_RESERVE; where the stack cannot be queried,
 * PLEDGE__STACK_MIN minus twice the reserve. */
size_t pledge__stack_allowance(void);

#endif
