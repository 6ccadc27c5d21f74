"""Action items: what a retrospective agreed to do, read back from its file (for
``msc retro new``, which carries the open ones forward, ``msc retro actions`` and
``msc retro done``, and ``msc check``'s MSC018 and MSC605).

Action items live under a heading ``## Action items`` (or ``## Actiepunten``)
as a Markdown task list, one action a line::

    - [ ] Who: domstede · What: Offer shared flats for two · When: 2026-12-15
    - [x] Who: werkpunt · What: Staff the youth desk two mornings a week · When: 2026-09-01

``[ ]`` is open, ``[x]`` done, ``[-]`` dropped; only open items are carried
forward. The reader forgives hand editing: labels in English or Dutch (Who/Wie,
What/Wat, When/Wanneer), any separator, a line without labels (all of it is the
"what"), a table with action/owner/due columns. A line it cannot read is left
out and named in ``notes``; it never fails on a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from msctool.escaping import markdown_plain

Status = Literal["open", "done", "dropped"]


@dataclass(frozen=True)
class ActionItem:
    what: str
    who: str | None = None
    when: str | None = None
    """As written; :attr:`due` is the date in it, if it holds one."""
    status: Status = "open"
    line: int = 0
    """1-based line in the file it was read from (0: not read from a file)."""

    @property
    def due(self) -> date | None:
        return parse_due(self.when) if self.when else None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class ActionItems:
    items: tuple[ActionItem, ...] = ()
    notes: tuple[str, ...] = ()
    found: bool = False
    """Whether the file has an action-items section at all."""

    @property
    def open(self) -> tuple[ActionItem, ...]:
        return tuple(item for item in self.items if item.is_open)


HEADINGS = frozenset({"action items", "actions", "actiepunten", "acties", "afspraken"})
LABELS = {
    "who": "who",
    "wie": "who",
    "what": "what",
    "wat": "what",
    "when": "when",
    "wanneer": "when",
}
COLUMNS = {
    "what": {"action", "actions", "what", "actie", "acties", "actiepunt", "wat"},
    "who": {"owner", "who", "wie", "eigenaar", "trekker"},
    "when": {"due", "when", "deadline", "date", "wanneer", "datum"},
    "status": {"done", "status", "klaar", "gedaan"},
}
DONE_WORDS = frozenset({"x", "[x]", "✓", "✔", "yes", "ja", "done", "klaar", "gedaan", "af"})
ITEM_FORM = "- [ ] Who: … · What: … · When: YYYY-MM-DD"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)[\s#]*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_BOX = re.compile(r"^\[([ xX-]?)\]\s*(.*)$")
_LABEL = re.compile(r"\b(who|wie|what|wat|when|wanneer)\s*:", re.IGNORECASE)
_TRIM = " \t·|;,*_–—"
CELL_BORDER = re.compile(r"(?<!\\)\|")
"""A table's cell border: a pipe that is not escaped (``\\|`` is a pipe in a cell)."""
_MARKS: dict[str, Status] = {"": "open", " ": "open", "x": "done", "X": "done", "-": "dropped"}


def parse_action_items(text: str, source: str = "") -> ActionItems:
    """The action items in a retrospective's text; never raises on odd input."""
    reader = _Reader(source)
    for number, line in enumerate(text.splitlines(), start=1):
        reader.feed(number, line)
    return ActionItems(tuple(reader.items), tuple(reader.notes), reader.found)


@dataclass
class _Reader:
    source: str
    items: list[ActionItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: bool = False
    level: int = 0
    """Heading level of the action-items section being read; 0 outside one."""
    fence: bool = False
    comment: bool = False
    columns: dict[str, int] | None = None

    def feed(self, number: int, line: str) -> None:
        if self._skipped(line):
            return
        heading = _HEADING.match(line)
        if heading:
            self._heading(len(heading.group(1)), heading.group(2))
        elif self.level and line.lstrip().startswith("|"):
            self._table_row(number, line)
        elif self.level:
            self.columns = None
            item = _ITEM.match(line)
            if item:
                self._item(number, line, item.group(1), item.group(2))

    def _skipped(self, line: str) -> bool:
        """Fenced code and HTML comments hold no action items."""
        stripped = line.strip()
        if self.comment:
            self.comment = "-->" not in stripped
            return True
        if stripped.startswith(("```", "~~~")):
            self.fence = not self.fence
            return True
        if self.fence:
            return True
        if stripped.startswith("<!--"):
            self.comment = "-->" not in stripped
            return True
        return False

    def _heading(self, level: int, title: str) -> None:
        self.columns = None
        if re.sub(r"[^\w\s]", "", title).strip().lower() in HEADINGS:
            self.level, self.found = level, True
        elif level <= self.level:
            self.level = 0

    def _item(self, number: int, line: str, indent: str, body: str) -> None:
        box = _BOX.match(body)
        if box is None:
            if not indent:  # indented bullets are notes under an item
                self._bad(number, line, f"not an action item; write `{ITEM_FORM}`")
            return
        who, what, when = _fields(markdown_plain(box.group(2)))
        if not (who or what or when):
            return  # a blank line of the form, still to fill in
        if not what:
            self._bad(number, line, "it says who or when but not what")
            return
        self.items.append(ActionItem(what, who, when, _MARKS[box.group(1)], number))

    def _table_row(self, number: int, line: str) -> None:
        cells = [
            markdown_plain(cell.strip()) for cell in CELL_BORDER.split(line.strip().strip("|"))
        ]
        if all(set(cell) <= set("-: ") for cell in cells):
            return  # the |---|---| line under the header
        if self.columns is None:
            self.columns = table_columns(cells)
            if "what" not in self.columns:
                self._bad(number, line, "a table without an `action` column")
            return
        if "what" in self.columns and any(cells):
            self._table_item(number, cells, self.columns)

    def _table_item(self, number: int, cells: list[str], columns: dict[str, int]) -> None:
        def cell(name: str) -> str:
            index = columns.get(name)
            return cells[index].strip(_TRIM) if index is not None and index < len(cells) else ""

        box = _BOX.match(cell("what"))
        what = box.group(2).strip(_TRIM) if box else cell("what")
        if not what:
            self._bad(number, "|".join(cells), "a row without an action")
            return
        status: Status = _MARKS[box.group(1)] if box else "open"
        if cell("status").lower() in DONE_WORDS:
            status = "done"
        self.items.append(
            ActionItem(what, cell("who") or None, cell("when") or None, status, number)
        )

    def _bad(self, number: int, line: str, why: str) -> None:
        shown = line.strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        where = f"{self.source}:{number}" if self.source else f"line {number}"
        self.notes.append(f"{where}: left out `{shown}`: {why}")


def _fields(text: str) -> tuple[str | None, str, str | None]:
    """Who, what and when from ``Who: … · What: … · When: …`` (labels optional)."""
    labels = list(_LABEL.finditer(text))
    if not labels:
        return None, text.strip(_TRIM), None
    values: dict[str, str] = {}
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(text)
        values.setdefault(LABELS[label.group(1).lower()], text[label.end() : end].strip(_TRIM))
    what = values.get("what") or text[: labels[0].start()].strip(_TRIM)
    return values.get("who") or None, what, values.get("when") or None


def table_columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        word = name.strip(_TRIM).lower()
        for column, names in COLUMNS.items():
            if word in names:
                found.setdefault(column, index)
    return found


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([^\W\d]+)\.?\s+(\d{4})$")


def parse_due(text: str) -> date | None:
    """A date in ``2026-12-15``, ``15 December 2026`` or ``15 dec. 2026`` (en or nl)."""
    text = text.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = _DAY_MONTH_YEAR.match(text)
    month = MONTHS.get(match.group(2).lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


MONTHS: dict[str, int] = {
    **dict.fromkeys(("january", "januari", "jan"), 1),
    **dict.fromkeys(("february", "februari", "feb"), 2),
    **dict.fromkeys(("march", "maart", "mar", "mrt"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("may", "mei"), 5),
    **dict.fromkeys(("june", "juni", "jun"), 6),
    **dict.fromkeys(("july", "juli", "jul"), 7),
    **dict.fromkeys(("august", "augustus", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("october", "oktober", "oct", "okt"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
"""Month names in English and Dutch, wide and abbreviated (no final dot), as babel's
``en_GB`` and ``nl_NL`` spell them (a test keeps them equal): written out, because
``msc check`` reads due days and importing babel's locale data costs it ~60 ms."""
