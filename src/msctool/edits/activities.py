"""``msc activity add``, ``assign``, ``status`` and ``edit``: edit the RACI in activities.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from msctool.edits.common import EditedFile, check_slug, drop_none
from msctool.edits.fields import FieldChanges, apply, changes_of, choice, clearable
from msctool.edits.saving import EditPlan
from msctool.errors import UsageError, UserError
from msctool.history.compare import CLOSED
from msctool.model.vocabulary import ActivityStatus, Work, values

FILE = "activities.yaml"
ROLES = ("responsible", "consulted", "informed")
WORK: tuple[Work, ...] = values(Work)
STATUSES: tuple[ActivityStatus, ...] = values(ActivityStatus)


@dataclass(frozen=True)
class NewActivity:
    """An activity as the command line gives it."""

    id: str
    name: str
    body: str
    accountable: str
    work: str = "in"
    goal: str | None = None
    description: str | None = None
    status: str | None = None
    start: date | None = None
    responsible: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assignment:
    """Who takes which role; ``None`` and empty tuples leave a role as it is."""

    accountable: str | None = None
    responsible: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    """Partners to take off the responsible, consulted and informed lists."""

    def roles(self) -> dict[str, tuple[str, ...]]:
        return {
            "responsible": self.responsible,
            "consulted": self.consulted,
            "informed": self.informed,
        }


def add_activity(root: Path, new: NewActivity) -> EditPlan:
    """The plan that appends ``new`` to activities.yaml. References (goal, body, partners)
    are checked with the edited partnership, as ``msc check`` would."""
    check_slug(new.id, "activity id")
    _choice(new.work, WORK, "work")
    if new.status is not None:
        _choice(new.status, STATUSES, "status")
    edited = EditedFile(root, FILE, "activities")
    edited.refuse_duplicate("activity", new.id)
    edited.append(_entry(new))
    plan = EditPlan(root)
    plan.say("activity_added", id=new.id, accountable=new.accountable)
    plan.subjects.update((new.id, new.accountable, *new.responsible, *new.consulted, *new.informed))
    plan.texts[FILE] = edited.text()
    return plan


def _entry(new: NewActivity) -> dict[str, Any]:
    raci = drop_none(
        {
            "accountable": new.accountable,
            "responsible": list(new.responsible),
            "consulted": list(new.consulted),
            "informed": list(new.informed),
        }
    )
    return drop_none(
        {
            "id": new.id,
            "name": new.name,
            "description": new.description,
            "goal": new.goal,
            "body": new.body,
            "work": new.work,
            "status": new.status,
            "start": new.start,
            "raci": raci,
        }
    )


def _choice(value: str, allowed: tuple[str, ...], field: str) -> None:
    if value not in allowed:
        raise UsageError(f"`{value}` is not one of {', '.join(allowed)}", field=field)


def assign(root: Path, activity_id: str, change: Assignment) -> EditPlan:
    """The plan that gives partners roles on an activity: a new accountable replaces the
    old one; responsible, consulted and informed partners are added to their lists."""
    if change.accountable is None and not any(change.roles().values()) and not change.remove:
        raise UsageError(
            "say who takes which role",
            hint="give {accountable}, {responsible}, {consulted}, {informed} or {remove}",
            options=("accountable", "responsible", "consulted", "informed", "remove"),
        )
    edited = EditedFile(root, FILE, "activities")
    index, item = edited.entry("activity", activity_id)
    raci = item.get("raci")
    if not isinstance(raci, dict):
        raise UserError(f"activity `{activity_id}` has no `raci:` mapping in {FILE}")
    plan = EditPlan(root)
    said = _assign_accountable(edited, index, raci, change.accountable, plan)
    said.extend(_remove_roles(edited, index, raci, change.remove, plan))
    for role, partners in change.roles().items():
        said.extend(_add_role(edited, index, raci, role, partners, plan))
    if not said:
        raise UserError(f"nothing to change: activity `{activity_id}` already has these roles")
    plan.say("activity_roles", id=activity_id, changes="; ".join(said))
    plan.subjects.update((activity_id, *[p for ps in change.roles().values() for p in ps]))
    plan.subjects.update(change.remove)
    if change.accountable is not None:
        plan.subjects.add(change.accountable)
    plan.texts[FILE] = edited.text()
    return plan


def _assign_accountable(
    edited: EditedFile, index: int, raci: dict[str, Any], partner: str | None, plan: EditPlan
) -> list[str]:
    if partner is None or raci.get("accountable") == partner:
        return []
    before = raci.get("accountable")
    edited.doc.set_value(("activities", index, "raci"), "accountable", partner, after=())
    raci["accountable"] = partner
    if isinstance(before, str):
        return [plan.words("role_accountable_was", partner=partner, before=before)]
    return [plan.words("role_accountable", partner=partner)]


def _add_role(
    edited: EditedFile,
    index: int,
    raci: dict[str, Any],
    role: str,
    partners: tuple[str, ...],
    plan: EditPlan,
) -> list[str]:
    current = raci.get(role)
    names = list(current) if isinstance(current, list) else []
    added = [p for p in dict.fromkeys(partners) if p not in names]
    if not added:
        return []
    path = ("activities", index, "raci")
    node = edited.doc.node((*path, role))
    if isinstance(node, yaml.SequenceNode):
        for partner in added:
            edited.doc.add_to_list(node, partner)
    else:
        order = ("accountable", *ROLES)
        edited.doc.set_value(path, role, [*names, *added], after=order[: order.index(role)])
    raci[role] = [*names, *added]
    return [plan.words(f"role_{role}", partners=", ".join(added))]


def _remove_roles(
    edited: EditedFile, index: int, raci: dict[str, Any], partners: tuple[str, ...], plan: EditPlan
) -> list[str]:
    """Take ``partners`` off every list they are on; each must be on at least one."""
    wanted = list(dict.fromkeys(partners))
    for partner in wanted:
        if not any(isinstance(raci.get(r), list) and partner in raci[r] for r in ROLES):
            raise UserError(
                f"`{partner}` is not responsible, consulted or informed on this activity",
                hint="to replace the accountable partner, use {accountable}",
                options=("accountable",),
            )
    said = []
    for role in ROLES:
        names = raci.get(role)
        gone = [p for p in wanted if isinstance(names, list) and p in names]
        if not gone or not isinstance(names, list):
            continue
        kept = [p for p in names if p not in gone]
        path = ("activities", index, "raci")
        positions = [n for n, p in enumerate(names) if p in gone]
        if len(positions) == 1:
            edited.doc.remove_from_list(path, role, positions[0])
        else:
            edited.doc.set_value(path, role, kept, after=())
        raci[role] = kept
        said.append(plan.words(f"role_{role}_removed", partners=", ".join(gone)))
    return said


# -- status and fields -------------------------------------------------------------

ORDER = ("id", "name", "description", "goal", "body", "work", "status", "start", "end", "raci")
"""The keys of an activity in the order the model (and ``msc activity add``) writes them."""
CLEARABLE = ("description", "goal", "start", "end")
"""The optional fields of an activity, which ``msc activity edit`` can take out."""
ACTIVITY_TRAILER = "Activity"
"""The trailer that names the activity a commit changed."""


def set_status(root: Path, activity_id: str, status: str, day: date) -> EditPlan:
    """The plan that gives activity ``activity_id`` the ``status`` as of ``day``.

    Closing it (done, dropped) sets ``end: day``; starting it (active) sets
    ``start: day`` when it has no start yet or a later one; opening a closed one
    again takes its ``end:`` out. The status is written even where it is the
    default (``active``), so the file says what was decided."""
    _choice(status, STATUSES, "status")
    edited = EditedFile(root, FILE, "activities")
    index, item = edited.entry("activity", activity_id)
    before = str(item.get("status", "active"))
    if before == status:
        raise UserError(f"nothing to change: activity `{activity_id}` is already {status}")
    changes = FieldChanges(ORDER)
    changes.put("status", status)
    changes.set.update(_dates(item, before, status, day))
    if before in CLOSED and status not in CLOSED and "end" in item:
        changes.remove.append("end")
    apply(edited, index, item, changes)
    plan = EditPlan(root, subjects={activity_id})
    plan.say(
        "activity_status",
        id=activity_id,
        status=plan.words(f"retro_activity_status_{status}"),
        before=plan.words(f"retro_activity_status_{before}"),
    )
    plan.trailers.append((ACTIVITY_TRAILER, activity_id))
    plan.texts[FILE] = edited.text()
    return plan


def _dates(item: dict[str, Any], before: str, status: str, day: date) -> dict[str, date]:
    """The ``start``/``end`` a status change brings along."""
    if status in CLOSED and before not in CLOSED:
        start = item.get("start")
        if isinstance(start, date) and day < start:
            raise UsageError(
                f"{day} is before the activity started ({start})",
                hint="give the day it ended, on or after its start",
                field="day",
            )
        return {"end": day}
    start = item.get("start")
    if status == "active" and (not isinstance(start, date) or start > day):
        return {"start": day}
    return {}


@dataclass(frozen=True)
class ActivityFields:
    """The fields of an activity ``msc activity edit`` changes; None: not given. Who
    does what is ``msc activity assign``; the status, ``msc activity status``."""

    name: str | None = None
    description: str | None = None
    goal: str | None = None
    body: str | None = None
    work: str | None = None
    start: date | None = None
    end: date | None = None


def edit_activity(
    root: Path, activity_id: str, fields: ActivityFields, clear: tuple[str, ...] = ()
) -> EditPlan:
    """The plan that changes the given ``fields`` of ``activity_id`` and takes the
    ``clear`` ones (description, goal, start, end) out."""
    clear = clearable(clear, CLEARABLE, "an activity")
    choice(fields.work, Work, "work")
    changes = changes_of(vars(fields), clear, ORDER)
    edited = EditedFile(root, FILE, "activities")
    index, item = edited.entry("activity", activity_id)
    changed = apply(edited, index, item, changes)
    if not changed:
        raise UserError(f"nothing to change: activity `{activity_id}` already has these values")
    plan = EditPlan(root, subjects={activity_id})
    plan.say("activity_edited", id=activity_id, fields=", ".join(changed))
    plan.trailers.append((ACTIVITY_TRAILER, activity_id))
    plan.texts[FILE] = edited.text()
    return plan
