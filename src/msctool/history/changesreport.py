"""A :class:`~msctool.history.changes.ChangeSet` as text, JSON or Markdown (``msc changes --format``)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from msctool.escaping import markdown_text
from msctool.history.changes import ChangeSet, Moment
from msctool.history.compare import Change, ChangeKind, Value
from msctool.model.metrics import Point
from msctool.model.vocabulary import ReportFormat as Format

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Partners", ("partner-", "representatives-")),
    ("Activities", ("activity-",)),
    ("Metrics and targets", ("metric-", "target-")),
    ("Purpose and goals", ("purpose-", "goal-")),
    ("Governance", ("body-", "decision-rule-", "members-")),
    ("People served", ("segment-", "engagement-")),
    ("Decisions", ("decision-recorded", "decision-status-")),
    ("ROI", ("outcome-",)),
)
"""Headings of the text and Markdown reports, and the kinds under each (by prefix)."""


def render_changes(changes: ChangeSet, output_format: Format) -> str:
    """The report in ``output_format``."""
    if output_format == "json":
        return json.dumps(as_json(changes), indent=2, ensure_ascii=False) + "\n"
    if output_format == "md":
        return _markdown(changes)
    return _text(changes)


def section_of(kind: ChangeKind) -> str:
    """The heading a kind of change is listed under."""
    for title, prefixes in SECTIONS:
        if kind.startswith(prefixes):
            return title
    return "Other"


def _grouped(changes: ChangeSet) -> list[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = {}
    for change in changes.changes:
        groups.setdefault(section_of(change.kind), []).append(change)
    return [(title, groups[title]) for title, _ in SECTIONS if title in groups]


def _summary(changes: ChangeSet) -> str:
    count = len(changes.changes)
    what = "no changes" if count == 0 else f"{count} change{'s' if count != 1 else ''}"
    return f"{what} from {changes.since.describe()} to {changes.until.describe()}"


def _text(changes: ChangeSet) -> str:
    lines = [f"{changes.name}: {_summary(changes)}"]
    if changes.folder:
        lines.append(f"folder: {changes.folder}")
    for title, items in _grouped(changes):
        lines += ["", title, *(f"  {change.description}" for change in items)]
    return "\n".join(lines) + "\n"


def _markdown(changes: ChangeSet) -> str:
    summary = markdown_text(_summary(changes))
    lines = [f"# Changes in {markdown_text(changes.name)}", "", summary[:1].upper() + summary[1:]]
    for title, items in _grouped(changes):
        lines += [
            "",
            f"## {title}",
            "",
            *(f"- {markdown_text(change.description)}" for change in items),
        ]
    return "\n".join(lines) + "\n"


def as_json(changes: ChangeSet) -> dict[str, Any]:
    """The change set as plain JSON values (the shape is documented in docs/changes.md)."""
    return {
        "partnership": changes.name,
        "folder": changes.folder,
        "since": _moment(changes.since),
        "until": _moment(changes.until),
        "changes": [_change(change) for change in changes.changes],
    }


def _moment(moment: Moment) -> dict[str, Any]:
    commit = moment.commit
    return {
        "given": moment.given,
        "commit": commit.sha if commit else None,
        "date": commit.when.isoformat() if commit else None,
        "subject": commit.subject if commit else None,
        "worktree": moment.worktree,
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "ids": list(change.ids),
        "name": change.name,
        "before": json_value(change.before),
        "after": json_value(change.after),
        "description": change.description,
        "file": change.file,
    }


def json_value(value: Value) -> Any:
    """A change's value as JSON: dates as YYYY-MM-DD, a target as {value, date}, ids as a list."""
    if isinstance(value, Point):
        return {"value": value.value, "date": value.date.isoformat()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
