"""``msc partner add`` and ``msc partner leave``: edit partners.yaml, keeping every comment."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from msctool.edits.common import EditedFile, check_slug, drop_none, partnership_language
from msctool.edits.partnersgifts import GIFT_KINDS as GIFT_KINDS
from msctool.edits.partnersgifts import gift
from msctool.edits.references import references
from msctool.edits.saving import EditPlan
from msctool.edits.yamledit import parse
from msctool.errors import UsageError, UserError
from msctool.findings import YamlPath
from msctool.load.files import Source
from msctool.load.memo import ReadMemo
from msctool.model import PartnershipFile
from msctool.model.vocabulary import Language, Sector, values

FILE = "partners.yaml"
BODIES_FILE = "partnership.yaml"
SECTORS: tuple[Sector, ...] = values(Sector)
_ORDER = ("id", "name", "sector", "joined", "left", "website")


@dataclass(frozen=True)
class NewPartner:
    """A partner as the command line gives it."""

    id: str
    name: str
    sector: str
    joined: date
    website: str | None = None
    representatives: tuple[str, ...] = ()
    gives: tuple[str, ...] = ()
    """``KIND [AMOUNT[/PER]]: DESCRIPTION``, e.g. ``hours 320/year: Two coaches``
    (:func:`msctool.edits.partnersgifts.gift`)."""
    gets: tuple[str, ...] = ()
    notes: str | None = None


def add_partner(root: Path, new: NewPartner) -> EditPlan:
    """The plan that appends ``new`` to partners.yaml."""
    check_slug(new.id, "partner id")
    if new.sector not in SECTORS:
        raise UsageError(f"`{new.sector}` is not one of {', '.join(SECTORS)}", field="sector")
    edited = EditedFile(root, FILE, "partners")
    edited.refuse_duplicate("partner", new.id)
    edited.append(_entry(new, partnership_language(root)))
    plan = EditPlan(root, subjects={new.id})
    plan.say("partner_joined", id=new.id, day=new.joined)
    plan.texts[FILE] = edited.text()
    return plan


def _entry(new: NewPartner, language: Language) -> dict[str, Any]:
    return drop_none(
        {
            "id": new.id,
            "name": new.name,
            "sector": new.sector,
            "joined": new.joined,
            "website": new.website,
            "representatives": [{"name": name} for name in new.representatives],
            "gives": [gift(text, language) for text in new.gives],
            "gets": [{"description": text} for text in new.gets],
            "notes": new.notes,
        }
    )


def leave_partner(root: Path, partner_id: str, day: date) -> EditPlan:
    """The plan that records that ``partner_id`` left on ``day`` (``left:`` after
    ``joined:``), takes it out of the members of every body and empties the body seats
    of its representatives. Refused, with the list, while it leads a body: someone
    must take the lead over first."""
    edited = EditedFile(root, FILE, "partners")
    index, item = edited.entry("partner", partner_id)
    if item.get("left") is not None:
        raise UserError(
            f"partner `{partner_id}` already left on {item['left']}",
            hint=f"to change the date, edit `left:` in {FILE}",
        )
    joined = item.get("joined")
    if isinstance(joined, date) and day < joined:
        raise UsageError(
            f"{day} is before `{partner_id}` joined ({joined})",
            hint="give the day the partner left, on or after the day it joined",
            field="day",
        )
    plan = EditPlan(root, subjects={partner_id})
    bodies = leave_bodies(root, partner_id)
    edited.doc.set_value(("partners", index), "left", day, after=_ORDER[: _ORDER.index("left")])
    item["left"] = day
    seats = _empty_seats(edited, index, item)
    plan.say("partner_left", id=partner_id, day=day)
    plan.texts[FILE] = edited.text()
    if bodies.left:
        plan.texts[BODIES_FILE] = bodies.edited.text()
        names = ", ".join(f"`{b}`" for b in bodies.left)
        plan.notes.append(plan.words("partner_left_bodies", id=partner_id, bodies=names))
    if seats:
        plan.notes.append(plan.words("partner_left_seats", seats="; ".join(seats)))
    plan.notes.extend(_still_named(root, partner_id, plan.memo))
    return plan


@dataclass
class LeftBodies:
    """partnership.yaml with a partner taken out of the bodies it was a member of."""

    edited: EditedFile
    left: list[str]


def leave_bodies(root: Path, partner_id: str) -> LeftBodies:
    """partnership.yaml without ``partner_id`` in any body's members (found from the
    model: every list of partner ids); a :class:`UserError` listing every place that
    names it alone (a body's lead), which needs another partner, not none."""
    edited = EditedFile(root, BODIES_FILE, "bodies")
    refs = references(PartnershipFile, edited.before, "partner", partner_id)
    single = [r.path for r in refs if not isinstance(r.path[-1], int)]
    if single:
        places = ", ".join(_place(edited.before, path) for path in single)
        raise UserError(
            f"partner `{partner_id}` is still {places}; nothing written",
            hint=f"make another partner {places.split(' of ')[0]} first (`{_dotted(single[0])}` "
            f"in {BODIES_FILE}), then run this again",
        )
    left: list[str] = []
    for ref in reversed(refs):  # bottom-up: earlier places stay where they are
        *mapping, key, place = ref.path
        edited.doc.remove_from_list(tuple(mapping), str(key), int(place))
        owner = _at(edited.expected, tuple(mapping), copy_path=True)
        del owner[str(key)][int(place)]
        left.insert(0, _body_id(edited.before, ref.path))
    return LeftBodies(edited, list(dict.fromkeys(left)))


def _empty_seats(edited: EditedFile, index: int, item: dict[str, Any]) -> list[str]:
    """Empty the ``body_seats`` of each representative of the partner; what was given up."""
    given_up = []
    for number, person in enumerate(item.get("representatives") or []):
        if isinstance(person, dict) and person.get("body_seats"):
            seats = ", ".join(f"`{seat}`" for seat in person["body_seats"])
            given_up.append(f"{person.get('name')} ({seats})")
            path = ("partners", index, "representatives", number)
            edited.doc.set_value(path, "body_seats", [], after=())
            person["body_seats"] = []
    return given_up


def _at(data: Any, path: tuple[Any, ...], copy_path: bool = False) -> Any:
    """The value at ``path``; with ``copy_path``, each container on the way is copied
    first (``expected`` shares its entries with the data as read)."""
    for part in path:
        child = data[part]
        if copy_path:
            child = data[part] = copy.copy(child)
        data = child
    if copy_path and isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, list):
                data[key] = list(value)
    return data


def _place(data: Any, path: YamlPath) -> str:
    return f"the {path[-1]} of `{_body_id(data, path)}`"


def _body_id(data: Any, path: YamlPath) -> str:
    if len(path) > 1 and path[0] == "bodies" and isinstance(path[1], int):
        return str(data["bodies"][path[1]].get("id"))
    return _dotted(path)


def _dotted(path: YamlPath) -> str:
    return ".".join(str(part) for part in path)


def _still_named(root: Path, partner_id: str, memo: ReadMemo) -> list[str]:
    """Activities that still name the partner as accountable: someone must take them over.
    (``memo`` keeps what is read here for the check of the edit.)"""
    path = root / "activities.yaml"
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else None
        data = parse(text) if text is not None else None
    except (OSError, ValueError):
        return []
    if text is not None:
        memo.remember(Source("activities.yaml", text.removeprefix("\ufeff")), data)
    activities = data.get("activities") if isinstance(data, dict) else None
    names = [
        str(activity.get("id"))
        for activity in activities or []
        if isinstance(activity, dict)
        and isinstance(activity.get("raci"), dict)
        and activity["raci"].get("accountable") == partner_id
        and activity.get("status") not in ("done", "dropped")
    ]
    if not names:
        return []
    return [
        f"`{partner_id}` is still accountable for {', '.join(names)}; hand over with "
        f"`msc activity assign {names[0]} --accountable PARTNER`"
    ]
