"""``msc decide accept|reject|withdraw N``: change the status of a decision record.

The record's front matter is edited in place (comments, quoting and line endings
stay, :class:`~msctool.edits.yamledit.YamlDocument`); accepting a decision that
supersedes others marks each of them ``superseded`` in its own record, in the
same edit. The commit carries the trailers ``msc log`` reads
(:func:`msctool.edits.decide.decision_trailers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from msctool.edits.common import read_raw
from msctool.edits.decide import DECISIONS, decision_trailers
from msctool.edits.saving import EditPlan
from msctool.edits.yamledit import YamlDocument
from msctool.errors import UsageError, UserError
from msctool.load.records import parse_decision
from msctool.load.sourcetree import FolderTree
from msctool.model.decisions import DecisionMeta

VERBS = {"accept": "accepted", "reject": "rejected", "withdraw": "withdrawn"}
"""The command's verb and the status it gives the record."""
ALLOWED_FROM: dict[str, tuple[str, ...]] = {
    "accepted": ("proposed",),
    "rejected": ("proposed",),
    "withdrawn": ("proposed", "accepted"),
}
"""From which statuses a record may move to each new one."""
SUPERSEDABLE = ("proposed", "accepted")
"""Records an accepted decision marks ``superseded``; others are left as they are."""
_ORDER = ("format_version", "id", "title", "date", "status")
_NUMBERED = re.compile(r"^(\d{4})-.*\.md$")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class StatusChange:
    """What the user asked: decision ``number`` becomes ``status``; ``day`` is the day it
    was decided (accepted or rejected), written as the record's ``date:``."""

    number: int
    status: str
    day: date | None = None


@dataclass(frozen=True)
class RecordFile:
    """One decision record as read: its file, text and front matter."""

    rel: str
    text: str
    meta: DecisionMeta


def change_status(root: Path, change: StatusChange) -> EditPlan:
    """The plan that gives decision ``change.number`` its new status (and marks the
    decisions it supersedes ``superseded`` when it is accepted)."""
    if change.status not in ALLOWED_FROM:
        raise UsageError(
            f"`{change.status}` is not one of: {', '.join(ALLOWED_FROM)}", field="status"
        )
    files = record_files(root)
    record = read_record(root, files, change.number)
    _refuse_move(record.meta, change.status)
    updates: dict[str, Any] = {"status": change.status}
    if change.day is not None and change.status != "withdrawn":
        updates["date"] = change.day
    plan = EditPlan(root, subjects={f"{change.number:04d}"})
    meta = record.meta.model_copy(update=updates)
    plan.texts[record.rel] = with_front_matter(record, updates)
    superseded = _supersede(root, files, meta, plan) if change.status == "accepted" else []
    _say(plan, meta, superseded)
    plan.trailers.extend(decision_trailers(meta))
    return plan


def record_files(root: Path) -> dict[int, list[str]]:
    """The record files in ``decisions/`` by number (a number may have several files;
    ``msc check`` reports that)."""
    found: dict[int, list[str]] = {}
    for name in FolderTree(root).names(DECISIONS):
        match = _NUMBERED.match(name)
        if match:
            found.setdefault(int(match.group(1)), []).append(f"{DECISIONS}/{name}")
    return found


def read_record(root: Path, files: dict[int, list[str]], number: int) -> RecordFile:
    """Decision ``number``, read and validated; a :class:`UserError` when there is no
    such record, several, or one with errors."""
    rels = files.get(number, [])
    if not rels:
        raise UserError(f"decision {number:04d} does not exist", hint=_numbers_hint(number, files))
    if len(rels) > 1:
        raise UserError(
            f"decision {number:04d} has {len(rels)} files: {', '.join(sorted(rels))}",
            hint="give one of them the next free number first (run `msc check`)",
        )
    rel = rels[0]
    text = read_raw(root, rel) or ""
    parsed = parse_decision(_lf(text), rel)
    if parsed.decision is None or parsed.findings:
        problem = parsed.findings[0].message if parsed.findings else "it does not validate"
        raise UserError(
            f"{rel} has errors ({problem}), so msc does not change it",
            hint=f"run `msc check -C {root}` and fix the record first",
        )
    return RecordFile(rel, text, parsed.decision.meta)


def _numbers_hint(number: int, files: dict[int, list[str]]) -> str:
    if not files:
        return "there are no decision records yet; record one with `msc decide TITLE`"
    near = sorted(files, key=lambda n: (abs(n - number), n))[:3]
    listed = ", ".join(f"{n:04d}" for n in sorted(near))
    return f"the records are numbered {min(files):04d} to {max(files):04d}; nearest: {listed}"


def _refuse_move(meta: DecisionMeta, status: str) -> None:
    if meta.status == status:
        raise UserError(f"decision {meta.id:04d} is already {status}")
    if meta.status not in ALLOWED_FROM[status]:
        allowed = " or ".join(ALLOWED_FROM[status])
        raise UserError(
            f"decision {meta.id:04d} is {meta.status}; only a {allowed} decision can become "
            f"{status}",
            hint=f"record a new decision that names {meta.id} in its `supersedes:`",
        )


def _supersede(
    root: Path, files: dict[int, list[str]], meta: DecisionMeta, plan: EditPlan
) -> list[int]:
    """Mark each decision ``meta`` supersedes ``superseded`` in its record (in ``plan``);
    the numbers marked. Records that are no longer in force are left, with a note."""
    marked = []
    for number in meta.supersedes:
        old = read_record(root, files, number)
        if old.meta.status not in SUPERSEDABLE:
            plan.notes.append(
                f"decision {number:04d} is {old.meta.status}, so it was left as it is"
            )
            continue
        plan.texts[old.rel] = with_front_matter(old, {"status": "superseded"})
        marked.append(number)
    return marked


def _say(plan: EditPlan, meta: DecisionMeta, superseded: list[int]) -> None:
    number = f"{meta.id:04d}"
    if superseded:
        others = ", ".join(f"{n:04d}" for n in superseded)
        plan.say("decision_accepted_superseding", number=number, title=meta.title, others=others)
    else:
        plan.say(f"decision_{meta.status}", number=number, title=meta.title)


# -- the front matter ----------------------------------------------------------------


def with_front_matter(record: RecordFile, updates: dict[str, Any]) -> str:
    """``record``'s text with ``updates`` set in its front matter; every other byte
    (comments, quoting, the text below, CRLF line endings, a byte order mark) stays.
    The result is read back; it must say exactly the updated front matter."""
    bom = record.text.startswith("\ufeff")
    text = _lf(record.text)
    fences = list(_FENCE.finditer(text))
    start, end = fences[0].end() + 1, fences[1].start()
    doc = YamlDocument(text[start:end], record.rel)
    for key, value in updates.items():
        after = _ORDER[: _ORDER.index(key)] if key in _ORDER else ()
        doc.set_value((), key, value, after=after)
    new = text[:start] + doc.result() + text[end:]
    _verify(new, record, updates)
    if "\r\n" in record.text:
        new = new.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + new


def _verify(text: str, record: RecordFile, updates: dict[str, Any]) -> None:
    parsed = parse_decision(text, record.rel)
    expected = record.meta.model_copy(update=updates)
    if parsed.decision is None or parsed.decision.meta != expected:
        raise UserError(
            f"msc cannot change {record.rel} in place: its front matter would say more "
            "than intended; nothing written",
            hint=f"set `status:` in {record.rel} by hand and run `msc check`",
        )


def _lf(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n")
