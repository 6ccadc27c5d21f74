"""``msc engage add``: record what the people you serve told you, in engagement.yaml."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from msctool.edits.common import (
    EditedFile,
    check_slug,
    drop_none,
    partnership_language,
    whole_number,
)
from msctool.edits.saving import EditPlan
from msctool.errors import UsageError
from msctool.model.vocabulary import Method, values

FILE = "engagement.yaml"
METHODS: tuple[Method, ...] = values(Method)


@dataclass(frozen=True)
class NewEngagement:
    """An engagement as the command line gives it."""

    id: str
    title: str
    date: date
    method: str
    segments: tuple[str, ...]
    participants: int | str
    """A count, or the text a person typed (read in the partnership's language)."""
    heard: tuple[str, ...]
    changed: tuple[str, ...] = ()
    led_by: str | None = None
    notes: str | None = None


def add_engagement(root: Path, new: NewEngagement) -> EditPlan:
    """The plan that appends ``new`` to engagement.yaml (made when missing)."""
    check_slug(new.id, "engagement id")
    if new.method not in METHODS:
        raise UsageError(f"`{new.method}` is not one of {', '.join(METHODS)}", field="method")
    if not new.segments or not new.heard:
        raise UsageError(
            "an engagement needs at least one segment and one thing heard",
            hint="say who took part ({segment}) and what they told you ({heard})",
            options=("segment", "heard"),
        )
    count = _participants(root, new.participants)
    edited = EditedFile(root, FILE, "engagements")
    edited.refuse_duplicate("engagement", new.id)
    edited.append(_entry(replace(new, participants=count)))
    plan = EditPlan(root)
    plan.say("engagement_added", id=new.id, method=new.method, day=new.date)
    plan.subjects.update((new.id, *new.segments, *([new.led_by] if new.led_by else [])))
    plan.texts[FILE] = edited.text()
    if not new.changed:
        plan.notes.append(
            "nothing changed yet: add what you did with it later under `changed:` "
            f"in {FILE} (msc check warns until then)"
        )
    return plan


def _participants(root: Path, typed: int | str) -> int:
    if isinstance(typed, str):
        return whole_number(typed, partnership_language(root), field="participants")
    if typed < 0:
        raise UsageError("the number of participants cannot be negative", field="participants")
    return typed


def _entry(new: NewEngagement) -> dict[str, Any]:
    return drop_none(
        {
            "id": new.id,
            "title": new.title,
            "date": new.date,
            "method": new.method,
            "segments": list(new.segments),
            "participants": new.participants,
            "led_by": new.led_by,
            "heard": list(new.heard),
            "changed": list(new.changed),
            "notes": new.notes,
        }
    )
