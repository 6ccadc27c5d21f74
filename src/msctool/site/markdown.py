"""Markdown written by people (newsletters, retrospectives, decision records) as safe HTML.

markdown-it-py with raw HTML off (tags are shown as text), images off (a
site must load nothing from elsewhere), and link targets limited to web,
mail and in-page addresses. Headings are moved down so they sit below the
page's own headings; a table scrolls sideways on its own instead of widening
the page on a phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from msctool.render.templatedata import template_function

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    class _Safe(MarkdownIt):
        def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
            return url.strip().lower().startswith(_SAFE_SCHEMES)

    md = _Safe("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough").disable("image")
    md.disable(["html_block", "html_inline"])  # with "html" off they never match: skip them
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    return md


def _table_open(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A table in a box that scrolls sideways (focusable, so keyboards can scroll it)."""
    return '<div class="scroll" tabindex="0">' + str(
        renderer.renderToken(tokens, idx, options, env)
    )


def _table_close(renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return str(renderer.renderToken(tokens, idx, options, env)) + "</div>\n"


@template_function
def inline(text: str) -> Markup:
    """One short text (a goal's description) with its inline Markdown (emphasis,
    code, links) as HTML; no paragraphs, no headings."""
    md = _parser()
    return Markup(md.renderInline(text))


def to_html(text: str, *, shift: int = 1) -> Markup:
    """``text`` as HTML; ``# x`` becomes ``<h{1 + shift}>`` (at most ``<h6>``)."""
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + shift)
            token.tag = f"h{level}"
    return Markup(md.renderer.render(tokens, md.options, {}))


def first_heading(text: str) -> str | None:
    """The text of the first ``#`` heading, or None."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# "):
            return stripped[2:].strip()
    return None


def without_title(text: str) -> str:
    """``text`` without its first line when that is a ``# Title`` (the page shows the title)."""
    lines = text.lstrip("\n").splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines)
