# SPDX-License-Identifier: MIT
"""The HTML: Jinja2 templates with autoescaping on, so every text from the
data is escaped; the style sheet inlined, so a page is one file that needs
nothing from the network."""
from __future__ import annotations

import os
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .i18n import Lang
from .view import SYMBOLS, Text

_HERE = os.path.dirname(os.path.abspath(__file__))


def _text(ctx: Any, value: Any) -> Markup:
    """A data text, marked with its language where it differs from the page's."""
    if value is None:
        return Markup("")
    if isinstance(value, Text):
        if value.lang and value.lang != ctx["lang"].code:
            return Markup('<span lang="{}">{}</span>').format(value.lang, value.text)
        return escape(value.text)
    return escape(str(value))


def _paras(ctx: Any, value: Any, cls: str | None = None) -> Markup:
    """A data text of one or more paragraphs (lines) as <p> elements."""
    if value is None:
        return Markup("")
    text, lang = (value.text, value.lang) if isinstance(value, Text) else (str(value), None)
    attrs = Markup("")
    if lang and lang != ctx["lang"].code:
        attrs += Markup(' lang="{}"').format(lang)
    if cls:
        attrs += Markup(' class="{}"').format(cls)
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    return Markup("").join(Markup("<p{}>{}</p>").format(attrs, p) for p in parts)


def _lang_attr(ctx: Any, value: Any) -> Markup:
    """ ' lang="sv"' for an element holding only this text, when needed."""
    if isinstance(value, Text) and value.lang and value.lang != ctx["lang"].code:
        return Markup(' lang="{}"').format(value.lang)
    return Markup("")


class Renderer:
    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(os.path.join(_HERE, "templates")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["tx"] = jinja2.pass_context(_text)
        self.env.filters["paras"] = jinja2.pass_context(_paras)
        self.env.filters["langattr"] = jinja2.pass_context(_lang_attr)
        with open(os.path.join(_HERE, "static", "report.css"), encoding="utf-8") as f:
            css = f.read()
        self.env.globals.update(lang=lang, t=lang.t, css=Markup(css), symbols=SYMBOLS)
        self.pledge_template = self.env.get_template("pledge.html.j2")
        self.index_template = self.env.get_template("index.html.j2")

    def pledge(self, page: dict[str, Any]) -> str:
        return self.pledge_template.render(page=page)

    def index(self, rows: list[dict[str, Any]]) -> str:
        return self.index_template.render(rows=rows)
