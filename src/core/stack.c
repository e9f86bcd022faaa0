/* SPDX-License-Identifier: MIT */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* pthread_getattr_np (glibc and musl) */
#endif
#include "stack.h"

#include <pthread.h>

/* Never more than this, even under `ulimit -s unlimited`. */
#define STACK_CAP ((size_t)64 << 20)

#if !defined(__GNUC__) && !defined(__clang__)
uintptr_t pledge__stack_here(void)
{
    volatile char c = 0;
    return (uintptr_t)&c;
}
#endif

/* The lowest address of this thread's stack, 0 when unknown. */
static uintptr_t stack_low(void)
{
#if defined(__linux__)
    static _Thread_local uintptr_t low;
    static _Thread_local int known;
    if (!known) {
        pthread_attr_t attr;
        void *addr = NULL;
        size_t size = 0;
        known = 1;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            if (pthread_attr_getstack(&attr, &addr, &size) == 0)
                low = (uintptr_t)addr;
            pthread_attr_destroy(&attr);
        }
    }
    return low;
#else
    return 0;
#endif
}

size_t pledge__stack_allowance(void)
{
    uintptr_t low = stack_low(), here = pledge__stack_here();
    size_t left;
    if (!low || here <= low)
        return PLEDGE__STACK_MIN - 2 * PLEDGE__STACK_RESERVE;
    left = (size_t)(here - low);
    if (left <= PLEDGE__STACK_RESERVE)
        return 0;
    left -= PLEDGE__STACK_RESERVE;
    return left < STACK_CAP ? left : STACK_CAP;
}
