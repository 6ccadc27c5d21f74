"""One entry of a top-level list of a YAML text, with every other line blanked out.

libyaml composes a 25,000-line file into nodes in a third of a second; the window
of one entry composes in a few milliseconds, and its marks (line, column) are
those of the real file, since a blanked line keeps its length. Finding a position
(:mod:`msctool.load.positions`) and editing an entry (:mod:`msctool.edits.yamledit`)
both use it.

The entries are found by a quick scan of the lines (a ``- `` at the list's dash
column), so the caller says how many entries the parsed data has: when the scan
finds another number, the layout is one it does not understand and there is no
window (compose the whole text).
"""

from __future__ import annotations


def window(text: str, list_key: str, index: int, count: int) -> str | None:
    """``text`` with every line blanked except the line of ``list_key`` and the lines
    of entry ``index`` of its ``count`` entries; None when the list's layout is not
    what this simple scan expects."""
    lines = text.split("\n")
    key = next((n for n, line in enumerate(lines) if _is_key_line(line, list_key)), None)
    if key is None:
        return None
    starts, end = _entry_starts(lines, key + 1)
    if len(starts) != count or not 0 <= index < count:
        return None
    keep = range(starts[index], starts[index + 1] if index + 1 < count else end)
    return "\n".join(
        line if n == key or n in keep else " " * len(line) for n, line in enumerate(lines)
    )


def _is_key_line(line: str, key: str) -> bool:
    if not line.startswith(f"{key}:"):
        return False
    rest = line[len(key) + 1 :].strip()
    return rest == "" or rest.startswith("#")


def _entry_starts(lines: list[str], first: int) -> tuple[list[int], int]:
    """Lines where the entries of a block list begin (a ``- `` at the list's dash
    column), and the line where the list ends."""
    starts: list[int] = []
    dash: int | None = None
    for number in range(first, len(lines)):
        line = lines[number]
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(stripped)
        is_dash = stripped == "-" or stripped.startswith("- ")
        if dash is None:
            if not is_dash:
                return [], number
            dash = column
        if column < dash or (column == dash and not is_dash):
            return starts, number
        if column == dash:
            starts.append(number)
    return starts, len(lines)
