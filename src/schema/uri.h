/* SPDX-License-Identifier: MIT */
/* Internal: URI references as JSON Schema needs them (uri.c): RFC 3986
 * reference resolution, file: URIs for paths and back, percent-decoding,
 * and JSON Pointer (RFC 6901) evaluation over a node tree. */
#ifndef PLEDGE_SCHEMA_URI_H
#define PLEDGE_SCHEMA_URI_H

#include "core/buf.h"
#include "pledge/node.h"

/* Resolve @p ref against the absolute @p base (RFC 3986 section 5.2, with
 * dot segments removed and the scheme and host lowercased). The result,
 * fragment included, is appended to @p out (check out->failed). A @p base
 * without a scheme is treated as if it were "urn:pledge:anonymous". */
void pledge__uri_resolve(pledge_buf *out, const char *base, const char *ref);

/* 1 when @p s starts with a scheme ("https:", "urn:", "file:"). */
int pledge__uri_has_scheme(const char *s);

/* Length of @p s up to its '#', or its whole length. */
size_t pledge__uri_strip_fragment(const char *s);

/* Append @p s (@p len bytes) with %XX escapes decoded. */
void pledge__uri_pct_decode(pledge_buf *out, const char *s, size_t len);

/* Append the file: URI of @p path (made absolute against the current
 * folder; the file need not exist) to @p out. */
void pledge__uri_from_path(pledge_buf *out, const char *path);

/* Append the local path named by a file: URI (authority empty or
 * "localhost"); returns 0, or -1 when @p uri is not such a URI. */
int pledge__uri_to_path(pledge_buf *out, const char *uri);

/* The node that the JSON Pointer @p ptr (@p len bytes, already
 * percent-decoded) designates from @p root, or NULL. "" is @p root. */
const pledge_node *pledge__json_pointer(const pledge_node *root, const char *ptr, size_t len);

/* Finds the value of key @p key (unescaped) in the mapping @p map, for
 * callers that index large mappings; NULL when absent. */
typedef const pledge_node *(*pledge__pointer_key_fn)(void *ud, const pledge_node *map,
                                                     const char *key, size_t len);

/* pledge__json_pointer, with the keys of mappings of more than 16 pairs
 * looked up through @p find (NULL: a linear scan). */
const pledge_node *pledge__json_pointer_with(const pledge_node *root, const char *ptr,
                                             size_t len, pledge__pointer_key_fn find,
                                             void *ud);

/* Append @p s (@p len bytes) escaped as one JSON Pointer token ('~' as
 * "~0", '/' as "~1"). */
void pledge__json_pointer_escape(pledge_buf *out, const char *s, size_t len);

#endif
