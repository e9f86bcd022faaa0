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


/* JSON Pointers (RFC 6901) live in the node layer: node/pointer.h */
#include "node/pointer.h"

#endif
