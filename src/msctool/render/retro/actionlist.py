"""``msc retro actions``: the open action items of every retrospective, as text, JSON
or a Markdown table (owner, due day, how many days overdue)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from msctool.escaping import markdown_text
from msctool.rules.retros import RetroItem, read_items


@dataclass(frozen=True)
class ActionRow:
    """One action item as ``msc retro actions`` shows it."""

    ref: str
    """What ``msc retro done`` takes: ``2026-10-01-after-action:74``."""
    file: str
    line: int
    retro: date
    what: str
    who: str | None
    when: str | None
    due: date | None
    status: str
    overdue_days: int | None
    """Days past its due day when it is open and overdue, else None."""


@dataclass(frozen=True)
class ActionList:
    rows: tuple[ActionRow, ...]
    notes: tuple[str, ...]


def list_actions(root: Path, as_of: date, *, everything: bool = False) -> ActionList:
    """The open action items of every retrospective (``everything``: done and dropped
    ones too), overdue first, then by due day."""
    found = read_items(root)
    entries = found.items if everything else found.open
    rows = [_row(entry, as_of) for entry in entries]
    rows.sort(key=lambda r: (r.overdue_days is None, r.due or date.max, r.retro, r.line))
    return ActionList(tuple(rows), found.notes)


def _row(entry: RetroItem, as_of: date) -> ActionRow:
    item = entry.item
    late = (as_of - item.due).days if entry.overdue(as_of) and item.due else None
    return ActionRow(
        entry.ref, entry.file, item.line, entry.day, item.what, item.who, item.when,
        item.due, item.status, late,
    )  # fmt: skip


# -- formats -----------------------------------------------------------------------


def as_text(found: ActionList) -> str:
    """One block per item: ITEM, due day (and days overdue), owner; the action below."""
    if not found.rows:
        return "no open action items\n"
    lines = []
    for row in found.rows:
        lines.append(f"{row.ref}  {_due(row)}  {row.who or 'no owner'}{_status(row)}")
        lines.append(f"    {row.what}")
    overdue = sum(1 for row in found.rows if row.overdue_days is not None)
    lines.append(f"{len(found.rows)} action item{'s' * (len(found.rows) != 1)}, {overdue} overdue")
    return "\n".join(lines) + "\n"


def _due(row: ActionRow) -> str:
    if row.due is None:
        return f"due {row.when}" if row.when else "no due day"
    late = f" ({row.overdue_days} days overdue)" if row.overdue_days is not None else ""
    return f"due {row.due.isoformat()}{late}"


def _status(row: ActionRow) -> str:
    return "" if row.status == "open" else f"  [{row.status}]"


def as_json(found: ActionList) -> str:
    data = [
        {
            "item": row.ref,
            "file": row.file,
            "line": row.line,
            "retro": row.retro.isoformat(),
            "what": row.what,
            "owner": row.who,
            "when": row.when,
            "due": row.due.isoformat() if row.due else None,
            "status": row.status,
            "overdue_days": row.overdue_days,
        }
        for row in found.rows
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_markdown(found: ActionList) -> str:
    """A table: action, owner, due, overdue, status, item."""
    lines = ["| action | owner | due | overdue | status | item |", "|---|---|---|---:|---|---|"]
    for row in found.rows:
        cells = [
            markdown_text(row.what),
            markdown_text(row.who or ""),
            markdown_text(row.due.isoformat() if row.due else row.when or ""),
            f"{row.overdue_days} days" if row.overdue_days is not None else "",
            row.status,
            f"`{row.ref}`",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
