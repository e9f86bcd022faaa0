# SPDX-License-Identifier: MIT
"""Which URLs from the data become links: absolute http and https URLs
only, with a host and no whitespace or control characters. Anything else
(javascript:, data:, relative or malformed) is shown as text, never as a
link."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def safe_url(url: Any) -> str | None:
    """``url`` when it may be a link's href, else None. The caller still
    escapes it (the template engine does)."""
    if not isinstance(url, str) or not url:
        return None
    if any(ord(c) <= 32 or 0x7f <= ord(c) < 0xa0 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if not url.lower().startswith(parts.scheme.lower() + "://"):
        return None
    return url
