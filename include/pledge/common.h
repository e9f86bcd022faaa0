/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/common.h
 * @brief Export macro, error codes, the allocator hook and the UTF-8
 *        decoder shared by every libpledge module.
 *
 * Conventions (see docs/conventions.md):
 * - every function that can fail returns 0 (PLEDGE_OK) or a negative
 *   pledge_error; pledge_strerror() names it;
 * - output parameters come first and are named @c out;
 * - every type has a _free function that accepts NULL;
 * - each declaration says who owns what it returns.
 */
#ifndef PLEDGE_COMMON_H
#define PLEDGE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && !defined(PLEDGE_STATIC)
#  if defined(PLEDGE_BUILDING)
#    define PLEDGE_EXTERN __declspec(dllexport)
#  else
#    define PLEDGE_EXTERN __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define PLEDGE_EXTERN __attribute__((visibility("default")))
#else
#  define PLEDGE_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes. 0 is success; every failure is negative. */
typedef enum pledge_error {
    PLEDGE_OK = 0,
    PLEDGE_ERROR = -1,    /**< generic failure */
    PLEDGE_ENOMEM = -2,   /**< an allocation failed */
    PLEDGE_EIO = -3,      /**< a file could not be read or written */
    PLEDGE_EINVALID = -4, /**< the input is invalid: the diagnostics say why */
    PLEDGE_ELIMIT = -5,   /**< a configured limit was reached */
    PLEDGE_EARG = -6,     /**< misuse: a NULL or out-of-range argument */
    PLEDGE_ENOTFOUND = -7,/**< no such element */
    PLEDGE_ERANGE = -8    /**< a value does not fit the requested C type */
} pledge_error;

/** A short English description of @p code; a static string, never NULL. */
PLEDGE_EXTERN const char *pledge_strerror(int code);

/**
 * Allocator hook. Every allocation libpledge makes itself goes through it
 * (libyaml's own allocations cannot be hooked). @c realloc with a NULL
 * pointer behaves as @c malloc; @c free accepts NULL. A function returning
 * NULL for a nonzero size is an allocation failure, which libpledge reports
 * as PLEDGE_ENOMEM without leaking. The struct must outlive every object
 * created with it.
 */
typedef struct pledge_allocator {
    void *(*malloc)(size_t size, void *ud);
    void *(*realloc)(void *ptr, size_t size, void *ud);
    void (*free)(void *ptr, void *ud);
    void *ud; /**< passed to each function unchanged */
} pledge_allocator;

/**
 * Byte sink used by the writers. Returns 0 to continue, nonzero to stop
 * (the writer then returns PLEDGE_EIO).
 */
typedef int (*pledge_write_fn)(void *ud, const char *bytes, size_t len);

/**
 * Release memory that a libpledge function documented as "caller frees
 * with pledge_free" returned, with the allocator it names (NULL: the
 * default allocator). Accepts NULL.
 */
PLEDGE_EXTERN void pledge_free(const pledge_allocator *allocator, void *ptr);

/**
 * Decode the UTF-8 character at the start of @p s (@p len bytes) into
 * *@p out: the library's own strict decoder, the one its readers use, for
 * callers that escape or measure text the library hands back (a message
 * quotes the input's bytes as they are, valid UTF-8 or not).
 *
 * Strict as RFC 3629: no overlong form, no surrogate (U+D800 to U+DFFF),
 * nothing above U+10FFFF, no character cut short by the end of @p len.
 *
 * Returns the character's length in bytes (1 to 4); PLEDGE_EINVALID when
 * the bytes at @p s are not UTF-8, a caller then usually steps over one
 * byte; PLEDGE_EARG when @p out or @p s is NULL or @p len is 0. *@p out
 * is left unchanged on failure. Allocates nothing.
 */
PLEDGE_EXTERN int pledge_utf8_decode(uint32_t *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_COMMON_H */
