"""``msc partner add`` and ``msc partner leave``: edit partners.yaml, keeping every comment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from msctool.edits.common import EditedFile, check_slug, drop_none
from msctool.edits.saving import EditPlan
from msctool.edits.yamledit import parse
from msctool.errors import UsageError, UserError
from msctool.load.files import Source
from msctool.load.memo import ReadMemo
from msctool.model.vocabulary import GiftKind, Sector, values
from msctool.suggest import did_you_mean

FILE = "partners.yaml"
SECTORS: tuple[Sector, ...] = values(Sector)
GIFT_KINDS: tuple[GiftKind, ...] = values(GiftKind)
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
    """``KIND: DESCRIPTION``, e.g. ``hours: Two coaches``."""
    gets: tuple[str, ...] = ()
    notes: str | None = None


def add_partner(root: Path, new: NewPartner) -> EditPlan:
    """The plan that appends ``new`` to partners.yaml."""
    check_slug(new.id, "partner id")
    if new.sector not in SECTORS:
        raise UsageError(f"`{new.sector}` is not one of {', '.join(SECTORS)}", field="sector")
    edited = EditedFile(root, FILE, "partners")
    edited.refuse_duplicate("partner", new.id)
    edited.append(_entry(new))
    plan = EditPlan(root, subjects={new.id})
    plan.say("partner_joined", id=new.id, day=new.joined)
    plan.texts[FILE] = edited.text()
    return plan


def _entry(new: NewPartner) -> dict[str, Any]:
    return drop_none(
        {
            "id": new.id,
            "name": new.name,
            "sector": new.sector,
            "joined": new.joined,
            "website": new.website,
            "representatives": [{"name": name} for name in new.representatives],
            "gives": [_gift(text) for text in new.gives],
            "gets": [{"description": text} for text in new.gets],
            "notes": new.notes,
        }
    )


def _gift(text: str) -> dict[str, Any]:
    kind, sep, description = text.partition(":")
    kind = kind.strip().lower()
    hint = f"KIND is one of {', '.join(GIFT_KINDS)}, e.g. `hours: Two coaches`"
    if not sep or not description.strip():
        raise UsageError(f"`{text}` is not KIND: DESCRIPTION", hint=hint, field="gives")
    if kind not in GIFT_KINDS:
        hint = did_you_mean(kind, GIFT_KINDS) or hint
        raise UsageError(f"`{kind}` is not a kind of gift", hint=hint, field="gives")
    return {"kind": kind, "description": description.strip()}


def leave_partner(root: Path, partner_id: str, day: date) -> EditPlan:
    """The plan that records that ``partner_id`` left on ``day`` (``left:`` after ``joined:``)."""
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
    edited.doc.set_value(("partners", index), "left", day, after=_ORDER[: _ORDER.index("left")])
    item["left"] = day
    plan = EditPlan(root, subjects={partner_id})
    plan.say("partner_left", id=partner_id, day=day)
    plan.texts[FILE] = edited.text()
    plan.notes.extend(_still_named(root, partner_id, plan.memo))
    return plan


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
