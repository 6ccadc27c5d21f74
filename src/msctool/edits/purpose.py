"""``msc purpose reaffirm`` and ``msc purpose edit``: the partnership's purpose in
partnership.yaml, keeping every comment.

Reaffirming sets ``purpose.reaffirmed`` and ``purpose.reaffirmed_by``, which
keeps MSC101 (purpose not reaffirmed) quiet and shows in ``msc changes`` as
"purpose reaffirmed"; rewording sets ``purpose.statement`` ("purpose reworded").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from msctool.edits.common import EditedFile
from msctool.edits.rootfile import ROOT, refuse_unknown, root_file
from msctool.edits.saving import EditPlan
from msctool.errors import UsageError, UserError

ORDER = ("statement", "reaffirmed", "reaffirmed_by")


@dataclass(frozen=True)
class Reaffirmation:
    """Which body said "this is still why we are here", and on which day."""

    body: str
    day: date


def reaffirm(root: Path, by: Reaffirmation) -> EditPlan:
    """The plan that records that body ``by.body`` reaffirmed the purpose on ``by.day``."""
    edited = root_file(root, "bodies")
    purpose = _purpose(edited)
    if purpose.get("reaffirmed") == by.day and purpose.get("reaffirmed_by") == by.body:
        raise UserError(f"nothing to change: `{by.body}` reaffirmed the purpose on {by.day}")
    _reaffirm(edited, purpose, by)
    plan = EditPlan(root, subjects={by.body, "purpose"})
    plan.say("purpose_reaffirmed", body=by.body, day=by.day)
    plan.texts[ROOT] = edited.text()
    return plan


def reword(root: Path, statement: str, by: Reaffirmation | None = None) -> EditPlan:
    """The plan that replaces the purpose's statement; with ``by``, the body that
    agreed to the new words reaffirms it in the same change."""
    if not statement.strip():
        raise UsageError("the statement is empty", field="statement")
    edited = root_file(root, "bodies")
    purpose = _purpose(edited)
    if " ".join(str(purpose.get("statement", "")).split()) == " ".join(statement.split()):
        raise UserError("nothing to change: the purpose already says this")
    _set(edited, purpose, "statement", statement)
    plan = EditPlan(root, subjects={"purpose"})
    if by is not None:
        _reaffirm(edited, purpose, by)
        plan.subjects.add(by.body)
        plan.say("purpose_reworded_by", body=by.body, day=by.day)
    else:
        plan.say("purpose_reworded")
        plan.notes.append(plan.words("purpose_not_reaffirmed"))
    plan.texts[ROOT] = edited.text()
    return plan


def _purpose(edited: EditedFile) -> dict[str, Any]:
    """The purpose mapping of the data the edit will hold (a copy, to change)."""
    purpose = edited.expected.get("purpose")
    if not isinstance(purpose, dict):
        raise UserError(
            f"{ROOT} has no `purpose:` mapping",
            hint="write `purpose:` with `statement:` and `reaffirmed:` (see `msc check`)",
        )
    copied = dict(purpose)
    edited.expected["purpose"] = copied
    return copied


def _reaffirm(edited: EditedFile, purpose: dict[str, Any], by: Reaffirmation) -> None:
    bodies = [str(b.get("id")) for b in edited.items if isinstance(b, dict)]
    refuse_unknown("body", [by.body], bodies, ROOT)
    last = purpose.get("reaffirmed")
    if isinstance(last, date) and by.day < last:
        raise UsageError(
            f"the purpose was last reaffirmed on {last}, after {by.day}",
            hint="give the day of this reaffirmation, on or after the last one",
            field="day",
        )
    _set(edited, purpose, "reaffirmed", by.day)
    _set(edited, purpose, "reaffirmed_by", by.body)


def _set(edited: EditedFile, purpose: dict[str, Any], key: str, value: Any) -> None:
    if purpose.get(key) == value:
        return
    edited.doc.set_value(("purpose",), key, value, after=ORDER[: ORDER.index(key)])
    purpose[key] = value
