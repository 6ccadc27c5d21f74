"""``msc retro done``: tick an action item of a retrospective in the file it lives in.

An action carried forward into a later retrospective is the one of its newest
file (:func:`msctool.rules.retros.current_items`); ``done`` ticks it there: ``- [ ]`` becomes ``- [x]``, and in a table ``[x]`` goes before the action.
Every other byte of the file stays (comments, notes, CRLF line endings).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from pathlib import Path

from msctool.edits.common import read_raw
from msctool.edits.saving import EditPlan
from msctool.errors import UserError
from msctool.load.actionitems import (
    CELL_BORDER,
    ActionItem,
    parse_action_items,
    table_columns,
)
from msctool.rules.retros import RetroItem, read_items

_LIST_BOX = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)\[ ?\]")
_REF = re.compile(r"^(.+):(\d+)$")
_TABLE_BOX = re.compile(r"^\[ ?\]\s*")


# -- ticking -------------------------------------------------------------------------


def tick_action(root: Path, item: str) -> EditPlan:
    """The plan that ticks action ``item`` (``FILE:LINE`` as ``msc retro actions``
    shows it, or words of the action) in its retrospective."""
    plan = EditPlan(root)
    entry = find_action(read_items(root, plan.memo).items, item)
    raw = read_raw(root, entry.file)
    if raw is None:
        raise UserError(f"{entry.file} is gone", hint="run `msc retro actions` again")
    plan.texts[entry.file] = ticked(raw, entry)
    plan.say("retro_action_done", what=_short(entry.item.what))
    return plan


def find_action(items: tuple[RetroItem, ...], wanted: str) -> RetroItem:
    """The open item ``wanted`` names; a :class:`UserError` listing every candidate
    when it names none or several."""
    ref = _REF.match(wanted.strip())
    if ref is not None:
        return _by_ref(items, ref.group(1), int(ref.group(2)))
    words = wanted.lower().split()
    hits = [e for e in items if e.item.is_open and words and _has_words(e.item.what, words)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise UserError(
            f"{len(hits)} open action items match `{wanted}`:\n{_listed(hits)}",
            hint="give more words, or the item as FILE:LINE",
        )
    raise UserError(f"no open action item matches `{wanted}`", hint=_near(items, words))


def _by_ref(items: tuple[RetroItem, ...], name: str, line: int) -> RetroItem:
    stem = name.removeprefix("retros/").removesuffix(".md")
    in_file = [e for e in items if e.ref.rsplit(":", 1)[0] == stem]
    for entry in in_file:
        if entry.item.line == line:
            if not entry.item.is_open:
                raise UserError(f"action item {entry.ref} is {entry.item.status} already")
            return entry
    if not in_file:
        files = sorted({e.ref.rsplit(":", 1)[0] for e in items})
        hint = (
            "retrospectives with action items: " + ", ".join(files)
            if files
            else "no retrospective has action items yet"
        )
        raise UserError(f"no retrospective `{stem}` with action items", hint=hint)
    open_ones = [e for e in in_file if e.item.is_open]
    raise UserError(
        f"line {line} of {stem} holds no current action item",
        hint="its open items:\n" + _listed(open_ones) if open_ones else "it has no open items",
    )


def _has_words(text: str, words: list[str]) -> bool:
    """Every word of ``words`` starts a word of ``text`` (case-insensitive)."""
    lowered = text.lower()
    return all(re.search(r"(?<!\w)" + re.escape(word), lowered) for word in words)


def _near(items: tuple[RetroItem, ...], words: list[str]) -> str:
    """Every open item whose words are close to each of ``words``."""
    open_ones = [e for e in items if e.item.is_open]
    close = [e for e in open_ones if words and _close_words(e.item.what, words)]
    if close:
        return "did you mean:\n" + _listed(close)
    if open_ones:
        return "see `msc retro actions` for the open items"
    return "there are no open action items"


def _close_words(text: str, words: list[str]) -> bool:
    own = re.findall(r"\w+", text.lower())
    return all(difflib.get_close_matches(word, own, n=1, cutoff=0.75) for word in words)


def _listed(entries: list[RetroItem]) -> str:
    return "\n".join(f"    {e.ref}  {_short(e.item.what)}" for e in entries)


def _short(text: str, limit: int = 72) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def ticked(raw: str, entry: RetroItem) -> str:
    """``raw`` (the file's exact text) with ``entry`` ticked; read back, only that item
    may have changed, and it must now be done."""
    lines = raw.removeprefix("\ufeff").splitlines(keepends=True)
    index = entry.item.line - 1
    lines[index] = _tick_line(lines, index)
    new = ("\ufeff" if raw.startswith("\ufeff") else "") + "".join(lines)
    _verify(raw, new, entry)
    return new


def _tick_line(lines: list[str], index: int) -> str:
    line = lines[index]
    body = line.rstrip("\r\n")
    end = line[len(body) :]
    if _LIST_BOX.match(body):
        return _LIST_BOX.sub(r"\1[x]", body, count=1) + end
    column = _what_column(lines, index)
    borders = [m.start() for m in CELL_BORDER.finditer(body)]
    starts = borders if body.lstrip().startswith("|") else [-1, *borders]
    if column >= len(starts):
        return line
    start = starts[column] + 1
    stop = starts[column + 1] if column + 1 < len(starts) else len(body)
    cell = body[start:stop]
    text = cell.lstrip()
    lead = cell[: len(cell) - len(text)] or " "
    new_cell = lead + "[x] " + _TABLE_BOX.sub("", text)
    return body[:start] + new_cell + body[stop:] + end


def _what_column(lines: list[str], index: int) -> int:
    """The index of the action column of the table holding line ``index``."""
    first = index
    while first > 0 and lines[first - 1].lstrip().startswith("|"):
        first -= 1
    header = lines[first].strip().strip("|")
    cells = [cell.strip() for cell in CELL_BORDER.split(header)]
    return table_columns(cells).get("what", 0)


def _verify(old: str, new: str, entry: RetroItem) -> None:
    before = parse_action_items(old.removeprefix("\ufeff"), entry.file).items
    after = parse_action_items(new.removeprefix("\ufeff"), entry.file).items
    expected = [item if item.line != entry.item.line else _done(item) for item in before]
    if list(after) != expected:
        raise UserError(
            f"msc cannot tick {entry.ref} in place: the file would read differently; "
            "nothing written",
            hint=f"tick it by hand in {entry.file} (`[x]`)",
        )


def _done(item: ActionItem) -> ActionItem:
    return replace(item, status="done")
