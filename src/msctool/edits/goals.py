"""``msc goal add|edit`` and ``msc segment add``: what the partnership works towards and
whom it serves, in partnership.yaml, keeping every comment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msctool.edits.common import check_slug, drop_none
from msctool.edits.rootfile import ROOT, root_file
from msctool.edits.saving import EditPlan
from msctool.errors import UsageError, UserError
from msctool.model.common import MAX_PEOPLE

GOAL_ORDER = ("id", "title", "description")
SEGMENTS = ("target_population", "segments")


@dataclass(frozen=True)
class NewGoal:
    id: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class GoalChange:
    """New values for a goal's fields; None leaves a field as it is."""

    title: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class NewSegment:
    id: str
    name: str
    description: str | None = None
    size: int | None = None


def add_goal(root: Path, new: NewGoal) -> EditPlan:
    """The plan that appends ``new`` to ``goals:``."""
    check_slug(new.id, "goal id", "goal_id")
    edited = root_file(root, "goals")
    edited.refuse_duplicate("goal", new.id)
    entry = drop_none({"id": new.id, "title": new.title, "description": new.description})
    edited.append(entry)
    plan = EditPlan(root, subjects={new.id})
    plan.say("goal_added", id=new.id, title=new.title)
    plan.texts[ROOT] = edited.text()
    return plan


def edit_goal(root: Path, goal_id: str, change: GoalChange) -> EditPlan:
    """The plan that sets the given fields of goal ``goal_id`` (a comment after a value
    stays)."""
    given = {"title": change.title, "description": change.description}
    fields = {key: value for key, value in given.items() if value is not None}
    if not fields:
        raise UsageError(
            "say what to change",
            hint="give {title} or {description}",
            options=("title", "description"),
        )
    edited = root_file(root, "goals")
    index, item = edited.entry("goal", goal_id)
    changed = [key for key, value in fields.items() if item.get(key) != value]
    if not changed:
        raise UserError(f"nothing to change: goal `{goal_id}` already says this")
    for key in changed:
        after = GOAL_ORDER[: GOAL_ORDER.index(key)]
        edited.doc.set_value(("goals", index), key, fields[key], after=after)
        item[key] = fields[key]
    plan = EditPlan(root, subjects={goal_id})
    plan.say("goal_edited", id=goal_id, fields=", ".join(changed))
    plan.texts[ROOT] = edited.text()
    return plan


def add_segment(root: Path, new: NewSegment) -> EditPlan:
    """The plan that appends ``new`` to ``target_population.segments:``."""
    check_slug(new.id, "segment id", "segment_id")
    if new.size is not None and not 0 <= new.size <= MAX_PEOPLE:
        raise UsageError(f"{new.size} is no number of people (0 to {MAX_PEOPLE:,})", field="size")
    edited = root_file(root, "goals")
    population = edited.expected.get("target_population")
    if not isinstance(population, dict):
        raise UserError(
            f"{ROOT} has no `target_population:`",
            hint="write its `description:` first (run `msc check` for what is missing)",
        )
    segments = _segments(population)
    if new.id in [str(s.get("id")) for s in segments if isinstance(s, dict)]:
        raise UserError(
            f"there is already a segment `{new.id}` in {ROOT}",
            hint="choose another id, or edit the existing segment",
        )
    entry: dict[str, Any] = drop_none(
        {"id": new.id, "name": new.name, "description": new.description, "size": new.size}
    )
    edited.doc.append_to(SEGMENTS, entry, after=("description",))
    edited.expected["target_population"] = {**population, "segments": [*segments, entry]}
    plan = EditPlan(root, subjects={new.id})
    plan.say("segment_added", id=new.id, name=new.name)
    plan.texts[ROOT] = edited.text()
    return plan


def _segments(population: dict[str, Any]) -> list[Any]:
    segments = population.get("segments")
    if segments is None:
        return []
    if not isinstance(segments, list):
        raise UserError(f"`target_population.segments` in {ROOT} is not a list")
    return segments
