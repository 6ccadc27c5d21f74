"""One entry of a top-level list of a YAML text, with every other line blanked out.

libyaml composes a 25,000-line file into nodes in a third of a second; the window
of one entry composes in a few milliseconds, and its marks (line, column and
character index) are those of the real file, since a blanked line keeps its
length. Finding a position (:mod:`msctool.load.positions`) and editing an entry
(:mod:`msctool.edits.yamledit`) both use it.

The entries are found by a quick scan of the lines (a ``- `` at the list's dash
column; blank and comment lines do not count), so the caller says how many
entries the parsed data has: when the scan finds another number, the layout is
one it does not understand and there is no window (compose the whole text). The
scan is a few regular-expression searches, not a loop over the lines: a large
file has 100,000 of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SIGNIFICANT = re.compile(r"^( *)[^ #\n]", re.MULTILINE)
"""A line that is neither blank nor a comment; the group is its indentation."""
_DASH = re.compile(r"-(?: |$)", re.MULTILINE)
"""The dash that starts a list entry: followed by a space or the end of its line."""
_BLANK = bytes(32 if byte != 10 else 10 for byte in range(256))
"""Every byte but a line feed becomes a space."""


def window(text: str, list_key: str, index: int, count: int) -> str | None:
    """``text`` with every line blanked except the line of ``list_key`` and the lines
    of entry ``index`` of its ``count`` entries; None when the list's layout is not
    what this simple scan expects."""
    return windows(text, list_key, (index,), count)


def windows(text: str, list_key: str, indexes: Sequence[int], count: int) -> str | None:
    """:func:`window` of several entries at once (``indexes`` in increasing order): the
    composed list holds those entries only, in that order."""
    key = re.search(rf"^{re.escape(list_key)}:[^\S\n]*(?:#[^\n]*)?$", text, re.MULTILINE)
    if key is None or not indexes or not all(0 <= index < count for index in indexes):
        return None
    starts, end = _entry_starts(text, key.end())
    if len(starts) != count:
        return None
    line = text.rfind("\n", 0, key.start()) + 1  # the key's line starts here
    parts = [_blank(text[:line]), text[line : key.end()]]
    done = key.end()
    for index in indexes:
        first, last = starts[index], starts[index + 1] if index + 1 < count else end
        parts += [_blank(text[done:first]), text[first:last]]
        done = last
    parts.append(_blank(text[done:]))
    return "".join(parts)


def _entry_starts(text: str, after: int) -> tuple[list[int], int]:
    """Where the entries of the block list below offset ``after`` begin (the start of
    each line with a ``- `` at the list's dash column), and where the list ends (the
    start of the first line that is not inside it, else the end of the text)."""
    first = _SIGNIFICANT.search(text, after)
    if first is None:
        return [], len(text)
    dash = len(first.group(1))
    if not _DASH.match(text, first.end() - 1):
        return [], first.start()
    # each pattern starts with the line feed before a line: a literal, which the
    # search finds at C speed instead of trying every character
    outside = rf" {{{dash}}}(?!-(?: |$))[^ #\n]"  # at the dash column, not a dash
    if dash:
        outside = rf" {{0,{dash - 1}}}[^ #\n]|{outside}"  # or left of it
    found = re.compile(rf"\n(?:{outside})", re.MULTILINE).search(text, first.start())
    end = found.start() + 1 if found is not None else len(text)
    starts = re.compile(rf"\n {{{dash}}}-(?: |$)", re.MULTILINE)
    return [m.start() + 1 for m in starts.finditer(text, first.start() - 1, end)], end


def _blank(text: str) -> str:
    """``text`` with every character but a line feed made a space (same length)."""
    if text.isascii():
        return text.encode("ascii").translate(_BLANK).decode("ascii")
    return "\n".join(" " * len(line) for line in text.split("\n"))
