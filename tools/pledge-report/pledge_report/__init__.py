# SPDX-License-Identifier: MIT
"""pledge-report: an accessible, static web page per citizen pledge, with
its progress from the follow-ups, and an index page (docs/report.md)."""
from .cli import main, render_pages

__all__ = ["main", "render_pages"]
