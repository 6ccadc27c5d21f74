"""Data made safe where it lands: a spreadsheet cell, Markdown, a terminal, one line.

A partnership folder comes from many organisations, so any text in it (a partner's
name, a decision title, a git author) may be hostile. Each output escapes data in
one function here, and every writer of that kind of output goes through it:

- :func:`csv_cell`: a cell a spreadsheet would run as a formula gets a leading
  ``'`` (the OWASP advice); numbers stay numbers.
- :func:`markdown_text`: text shown literally in Markdown, never a link, image,
  raw HTML, heading, list, table cell break, code or emphasis of its own.
- :func:`terminal_text`: control characters (C0, DEL, C1, bidirectional
  overrides) shown as ``\\uXXXX``, never sent raw to a terminal.
- :func:`one_line`: every line separator :meth:`str.splitlines` knows folded
  into a space, for values that must stay on one line (mail headers, calendar
  summaries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# -- spreadsheets -------------------------------------------------------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""What a spreadsheet may read as the start of a formula (OWASP: CSV injection)."""
_NUMBER = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*(?:[eE][+-]?[0-9]+)?%?")
"""A number as a spreadsheet reads it (``-3.5``, ``-1,004.5``, ``+2e3``, ``-5%``): a sign,
digits and separators only, so no function, reference or operator to run."""


def csv_cell(value: str) -> str:
    """``value`` safe in a CSV cell: text that starts like a formula (after any leading
    white space) gets a leading ``'``; a number such as ``-3.5`` stays a number."""
    if value.lstrip(" \u00a0").startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(cells: Iterable[str]) -> list[str]:
    """Every cell of a row through :func:`csv_cell`: what each CSV writer of msc writes."""
    return [csv_cell(cell) for cell in cells]


# -- Markdown -----------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every character :meth:`str.splitlines` breaks a line at."""
_BLANKS = re.compile(r"[ \t]+")
_ALWAYS = re.compile(r"[\\`*\[\]<|~#]")
"""Punctuation that starts inline Markdown anywhere (code, emphasis, links, HTML,
table cells, strikethrough, heading closers)."""
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An underscore at a word's edge (inside a word it never emphasises)."""
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]):(?=//)|(?<=\bwww)\.|@")
"""Where a bare URL, ``www.`` name or e-mail address would become a link (GFM)."""
_LEADING = re.compile(r"^( ?)(>|[-+=](?!\w))|^( ?\d{1,9})([.)])(?!\S)")
"""A block marker at the start: quote, list item, setext underline or thematic break,
ordered list item (``-3.5`` and ``1.5`` are numbers, left as they are)."""


def markdown_text(text: object) -> str:
    """``text`` shown literally in Markdown, wherever in a line it is put.

    One line (line breaks and runs of blanks become one space, so no indented code
    and no new block); every character that could start Markdown syntax is
    backslash-escaped; the rendered text equals the input's words.
    """
    flat = _BLANKS.sub(" ", _LINE_BREAKS.sub(" ", str(text)))
    escaped = _ALWAYS.sub(r"\\\g<0>", flat)
    escaped = _UNDERSCORE.sub(r"\\_", escaped)
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = _AUTOLINK.sub(lambda match: "\\" + match.group(0), escaped)
    return _LEADING.sub(_leading, escaped, count=1)


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_plain(text: str) -> str:
    """Markdown source text read back as the words it shows: each backslash escape of
    ASCII punctuation (``\\*``, ``\\[``) becomes the character itself."""
    return _ESCAPE.sub(r"\1", text)


def _leading(match: re.Match[str]) -> str:
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(3)}\\{match.group(4)}"


# -- terminals ----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")
"""C0 controls but tab and line feed, DEL, C1 controls, bidirectional overrides and
isolates; a carriage return only when it is not the first half of CRLF."""


def terminal_text(text: str) -> str:
    """``text`` with every control character shown as ``\\uXXXX``: no escape
    sequence, bell, cursor move or reversed text reaches the terminal."""
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


# -- one line -----------------------------------------------------------------------------


def one_line(text: str) -> str:
    """``text`` on one line: each line break :meth:`str.splitlines` knows (CR, LF,
    U+2028, U+2029, U+0085, VT, FF, FS, GS, RS) becomes a space."""
    return " ".join(text.splitlines()) if has_line_break(text) else text


def has_line_break(text: str) -> bool:
    """Whether :meth:`str.splitlines` would break ``text`` into lines."""
    return len((text + "x").splitlines()) > 1
