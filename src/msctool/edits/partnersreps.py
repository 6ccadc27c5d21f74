"""``msc partner rep add|remove|edit``: the people who represent a partner.

A representative is found by name (case and spaces aside; an unknown name lists
the partner's people). Role, e-mail and phone are set in place or cleared with an
empty text; body seats are added and given up one by one. A seat in a body the
partner is no member of passes, with ``msc check``'s warning (MSC406); a seat in a
body that does not exist is refused (MSC009).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from msctool.edits.common import EditedFile, drop_none
from msctool.edits.partnersedit import change_list, flow, set_field
from msctool.edits.saving import EditPlan
from msctool.edits.yamledit import Splice
from msctool.errors import UsageError, UserError
from msctool.suggest import did_you_mean

FILE = "partners.yaml"
ORDER = ("name", "role", "body_seats", "email", "phone")
PARTNER_ORDER = ("id", "name", "sector", "joined", "left", "website", "representatives")


@dataclass(frozen=True)
class RepChanges:
    """A representative's fields; None: as it is, ``""``: cleared (name excepted)."""

    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    seats: tuple[str, ...] = ()
    """Body ids to take a seat in."""
    unseat: tuple[str, ...] = ()
    """Body ids whose seat is given up."""


def add_representative(root: Path, partner_id: str, name: str, rep: RepChanges) -> EditPlan:
    """The plan that adds ``name`` to the representatives of ``partner_id``."""
    if not name.strip():
        raise UsageError("a representative needs a name", field="name")
    edited = EditedFile(root, FILE, "partners")
    index, item = edited.entry("partner", partner_id)
    people = item.get("representatives") or []
    if _find(people, name) is not None:
        raise UserError(
            f"{name} already represents `{partner_id}`",
            hint=f"change their details with `msc partner rep edit {partner_id} '{name}'`",
        )
    person = drop_none(
        {
            "name": name.strip(),
            "role": rep.role or None,
            "body_seats": list(dict.fromkeys(rep.seats)),
            "email": rep.email or None,
            "phone": rep.phone or None,
        }
    )
    entry = ("partners", index)
    item["representatives"] = change_list(
        edited.doc, entry, "representatives", people, [True] * len(people), [person], PARTNER_ORDER
    )
    return _plan(root, edited, partner_id, "representative_added", name=name.strip())


def remove_representative(root: Path, partner_id: str, name: str) -> EditPlan:
    """The plan that takes ``name`` out of the representatives of ``partner_id``."""
    edited = EditedFile(root, FILE, "partners")
    index, item = edited.entry("partner", partner_id)
    people = item.get("representatives") or []
    place = _place(people, name, partner_id)
    keep = [n != place for n in range(len(people))]
    entry = ("partners", index)
    item["representatives"] = change_list(
        edited.doc, entry, "representatives", people, keep, [], PARTNER_ORDER
    )
    plan = _plan(root, edited, partner_id, "representative_removed", name=people[place]["name"])
    if not any(keep):
        plan.notes.append(plan.words("partner_no_representative", id=partner_id))
    return plan


def edit_representative(root: Path, partner_id: str, name: str, rep: RepChanges) -> EditPlan:
    """The plan that changes the fields and body seats of representative ``name``."""
    if rep.name is not None and not rep.name.strip():
        raise UsageError("a representative needs a name", field="new_name")
    edited = EditedFile(root, FILE, "partners")
    index, item = edited.entry("partner", partner_id)
    people = item.get("representatives") or []
    place = _place(people, name, partner_id)
    person = people[place] = dict(people[place])
    known_as = str(person.get("name"))
    path = ("partners", index, "representatives", place)
    node = edited.doc.node(path)
    if isinstance(node, yaml.MappingNode) and node.flow_style:  # `{name: Ann, role: x}`
        changed = _flow_edit(person, rep)
        if changed:
            splice = Splice(node.start_mark.index, node.end_mark.index, flow(person))
            edited.doc.splices.append(splice)
    else:
        changed = _block_edit(edited, path, person, rep)
    if not changed:
        raise UsageError(
            f"nothing to change for {person['name']}",
            hint="give what to change, e.g. {role} or {seat}",
            options=("role", "seat"),
        )
    return _plan(
        root, edited, partner_id, "representative_edited", name=known_as, fields=", ".join(changed)
    )


FIELDS = ("name", "role", "email", "phone")


def _values(rep: RepChanges) -> list[tuple[str, str]]:
    given = (rep.name, rep.role, rep.email, rep.phone)
    return [(key, value) for key, value in zip(FIELDS, given, strict=True) if value is not None]


def _block_edit(
    edited: EditedFile, path: tuple[str | int, ...], person: dict[str, Any], rep: RepChanges
) -> list[str]:
    """Change a person written as `key: value` lines, each line in place; what changed."""
    seats = _seat_change(person, rep)
    if seats is not None:  # first: its line goes above email and phone
        old, keep, add = seats
        person["body_seats"] = change_list(edited.doc, path, "body_seats", old, keep, add, ORDER)
    changed = [
        key for key, value in _values(rep) if set_field(edited.doc, path, person, key, value, ORDER)
    ]
    return changed + (["body_seats"] if seats is not None else [])


def _flow_edit(person: dict[str, Any], rep: RepChanges) -> list[str]:
    """Change a person written on one line (``{name: Ann}``): the data only, written anew
    as one ``{...}`` by the caller; what changed."""
    changed = []
    for key, value in _values(rep):
        value = value.strip()
        if value == "" and key in person:
            del person[key]
        elif value != "" and person.get(key) != value:
            person[key] = value
        else:
            continue
        changed.append(key)
    seats = _seat_change(person, rep)
    if seats is not None:
        old, keep, add = seats
        person["body_seats"] = [s for s, kept in zip(old, keep, strict=True) if kept] + add
        changed.append("body_seats")
    ordered = [key for key in ORDER if key in person] + [k for k in person if k not in ORDER]
    values = dict(person)
    person.clear()
    person.update((key, values[key]) for key in ordered)
    return changed


def _seat_change(
    person: dict[str, Any], rep: RepChanges
) -> tuple[list[str], list[bool], list[str]] | None:
    """The seats held, which to keep and which to add; None when nothing changes. Giving
    up a seat the person does not hold is an error naming theirs."""
    old = [str(seat) for seat in person.get("body_seats") or []]
    for body in rep.unseat:
        if body not in old:
            held = ", ".join(f"`{s}`" for s in old) or "none"
            hint = did_you_mean(body, old) or f"{person['name']} sits in {held}"
            raise UserError(f"{person['name']} has no seat in `{body}`", hint=hint)
    keep = [seat not in rep.unseat for seat in old]
    add = [seat for seat in dict.fromkeys(rep.seats) if seat not in old]
    if not add and all(keep):
        return None
    return old, keep, add


def _plan(root: Path, edited: EditedFile, partner_id: str, key: str, **values: Any) -> EditPlan:
    plan = EditPlan(root, subjects={partner_id})
    plan.say(key, id=partner_id, **values)
    plan.texts[FILE] = edited.text()
    return plan


def _find(people: list[Any], name: str) -> int | None:
    wanted = " ".join(name.split()).casefold()
    for place, person in enumerate(people):
        if (
            isinstance(person, dict)
            and " ".join(str(person.get("name")).split()).casefold() == wanted
        ):
            return place
    return None


def _place(people: list[Any], name: str, partner_id: str) -> int:
    """The place of ``name`` among ``people``; an error naming them all otherwise."""
    place = _find(people, name)
    if place is not None:
        return place
    names = [str(p.get("name")) for p in people if isinstance(p, dict)]
    hint = did_you_mean(name, names) or (
        f"`{partner_id}` is represented by " + ", ".join(f"`{n}`" for n in names) if names else None
    )
    raise UserError(f"{name} does not represent `{partner_id}`", hint=hint)
