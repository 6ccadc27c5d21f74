"""``msc body``: governance bodies in partnership.yaml (add, edit, members), keeping
every comment. A change of a body's decision rule is :mod:`msctool.edits.bodyrule`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from msctool.edits.common import EditedFile, check_slug, drop_none
from msctool.edits.rootfile import PARTNERS, ROOT, choice, current_partners, root_file
from msctool.edits.saving import EditPlan
from msctool.errors import UsageError, UserError
from msctool.model.vocabulary import BodyKind, Cadence, DecisionRule, values
from msctool.suggest import did_you_mean

KINDS: tuple[BodyKind, ...] = values(BodyKind)
RULES: tuple[DecisionRule, ...] = values(DecisionRule)
CADENCES: tuple[Cadence, ...] = values(Cadence)
ORDER = ("id", "name", "kind", "decision_rule", "lead", "members", "meets", "mandate")
"""The keys of a body in the order of the model (and of a new entry)."""


@dataclass(frozen=True)
class NewBody:
    """A governance body as the command line gives it."""

    id: str
    name: str
    kind: str
    rule: str | None = None
    lead: str | None = None
    members: tuple[str, ...] = ()
    meets: str | None = None
    mandate: str | None = None


@dataclass(frozen=True)
class BodyChange:
    """New values for a body's fields; None leaves a field as it is."""

    name: str | None = None
    kind: str | None = None
    lead: str | None = None
    meets: str | None = None
    mandate: str | None = None

    def fields(self) -> dict[str, str]:
        given = {
            "name": self.name,
            "kind": self.kind,
            "lead": self.lead,
            "meets": self.meets,
            "mandate": self.mandate,
        }
        return {key: value for key, value in given.items() if value is not None}


def add_body(root: Path, new: NewBody) -> EditPlan:
    """The plan that appends ``new`` to ``bodies:``; its lead is one of its members."""
    check_slug(new.id, "body id", "body_id")
    choice(new.kind, KINDS, "kind")
    choice(new.rule, RULES, "rule")
    choice(new.meets, CADENCES, "meets")
    members = list(dict.fromkeys(new.members))
    if new.lead is not None and new.lead not in members:
        members.insert(0, new.lead)
    if new.rule == "lead-decides" and new.lead is None:
        raise lead_needed(new.id)
    plan = EditPlan(root, subjects={new.id, *members})
    current_partners(root, plan.memo, members)
    edited = root_file(root, "bodies")
    edited.refuse_duplicate("body", new.id)
    edited.append(_entry(new, members))
    rule = new.rule or plan.words("no_rule")
    plan.say("body_added", id=new.id, rule=rule, count=len(members))
    plan.texts[ROOT] = edited.text()
    return plan


def _entry(new: NewBody, members: list[str]) -> dict[str, Any]:
    return drop_none(
        {
            "id": new.id,
            "name": new.name,
            "kind": new.kind,
            "decision_rule": new.rule,
            "lead": new.lead,
            "members": members,
            "meets": new.meets,
            "mandate": new.mandate,
        }
    )


def lead_needed(body_id: str) -> UsageError:
    return UsageError(
        f"body `{body_id}` would decide by lead-decides without a lead",
        hint="name the partner who decides with {lead}",
        options=("lead",),
        field="lead",
    )


def body_entry(edited: EditedFile, body_id: str) -> tuple[int, dict[str, Any]]:
    """Index and data (a copy, to change) of body ``body_id``; did-you-mean otherwise."""
    return edited.entry("body", body_id)


def member_list(item: dict[str, Any]) -> list[str]:
    members = item.get("members")
    return [str(m) for m in members] if isinstance(members, list) else []


def edit_body(root: Path, body_id: str, change: BodyChange) -> EditPlan:
    """The plan that sets the given fields of body ``body_id``."""
    fields = change.fields()
    if not fields:
        raise UsageError(
            "say what to change",
            hint="give {name}, {kind}, {lead}, {meets} or {mandate}",
            options=("name", "kind", "lead", "meets", "mandate"),
        )
    choice(change.kind, KINDS, "kind")
    choice(change.meets, CADENCES, "meets")
    edited = root_file(root, "bodies")
    index, item = body_entry(edited, body_id)
    if change.lead is not None:
        refuse_non_member(item, body_id, change.lead)
    changed = [key for key, value in fields.items() if item.get(key) != value]
    if not changed:
        raise UserError(f"nothing to change: body `{body_id}` already has these values")
    for key in changed:
        set_field(edited, index, item, key, fields[key])
    plan = EditPlan(root, subjects={body_id, *([change.lead] if change.lead else [])})
    plan.say("body_edited", id=body_id, fields=", ".join(changed))
    plan.texts[ROOT] = edited.text()
    return plan


def set_field(edited: EditedFile, index: int, item: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` of body ``index`` in the text and in the data the text must hold."""
    edited.doc.set_value(("bodies", index), key, value, after=ORDER[: ORDER.index(key)])
    item[key] = value


def refuse_non_member(item: dict[str, Any], body_id: str, partner: str) -> None:
    members = member_list(item)
    if partner not in members:
        hint = did_you_mean(partner, members) or (
            f"make it a member first: `msc body member add {body_id} {partner}`"
        )
        raise UserError(f"`{partner}` is not a member of body `{body_id}`", hint=hint)


# -- members -----------------------------------------------------------------------


def add_members(root: Path, body_id: str, partner_ids: tuple[str, ...]) -> EditPlan:
    """The plan that adds current partners to the members of ``body_id``."""
    plan = EditPlan(root, subjects={body_id, *partner_ids})
    edited = root_file(root, "bodies")
    index, item = body_entry(edited, body_id)
    current_partners(root, plan.memo, partner_ids)
    members = member_list(item)
    added = [p for p in dict.fromkeys(partner_ids) if p not in members]
    if not added:
        raise UserError(f"nothing to change: {', '.join(partner_ids)} already in `{body_id}`")
    node = edited.doc.node(("bodies", index, "members"))
    if isinstance(node, yaml.SequenceNode) and node.value:
        for partner in added:
            edited.doc.add_to_list(node, partner)
        item["members"] = [*members, *added]
    else:
        set_field(edited, index, item, "members", [*members, *added])
    plan.say("body_members_added", id=body_id, partners=", ".join(added))
    plan.texts[ROOT] = edited.text()
    return plan


def remove_members(root: Path, body_id: str, partner_ids: tuple[str, ...]) -> EditPlan:
    """The plan that takes partners out of ``body_id``, and their representatives'
    seats in it (partners.yaml), in one change; the lead is refused."""
    edited = root_file(root, "bodies")
    index, item = body_entry(edited, body_id)
    members = member_list(item)
    gone = list(dict.fromkeys(partner_ids))
    for partner in gone:
        if partner not in members:
            hint = did_you_mean(partner, members) or f"the members are: {', '.join(members)}"
            raise UserError(f"`{partner}` is not a member of body `{body_id}`", hint=hint)
    if item.get("lead") in gone:
        raise UserError(
            f"`{item['lead']}` leads body `{body_id}`; a body's lead is one of its members",
            hint=f"make another member the lead first (`msc body edit {body_id}`)",
        )
    kept = [m for m in members if m not in gone]
    positions = [n for n, m in enumerate(members) if m in gone]
    if len(positions) == 1:
        edited.doc.remove_from_list(("bodies", index), "members", positions[0])
        item["members"] = kept
    else:
        set_field(edited, index, item, "members", kept)
    plan = EditPlan(root, subjects={body_id, *gone})
    plan.say("body_members_removed", id=body_id, partners=", ".join(gone))
    plan.texts[ROOT] = edited.text()
    seats = _unseat(root, body_id, gone)
    if seats is not None:
        plan.texts[PARTNERS] = seats.text()
        plan.notes.append(plan.words("body_seats_removed", id=body_id, partners=", ".join(gone)))
    return plan


def _unseat(root: Path, body_id: str, partner_ids: list[str]) -> EditedFile | None:
    """partners.yaml without the seats in ``body_id`` of the representatives of
    ``partner_ids``; None when none of them has one."""
    edited = EditedFile(root, PARTNERS, "partners")
    seated = [p for p in partner_ids if _seats_of(edited, p, body_id)]
    if not seated:
        return None
    if len(seated) > 1:
        _ = edited.doc  # several entries change: the whole document
    for partner in seated:
        index, item = edited.entry("partner", partner)
        for number, rep in enumerate(item.get("representatives") or []):
            seats = rep.get("body_seats") if isinstance(rep, dict) else None
            if not isinstance(seats, list) or body_id not in seats:
                continue
            path = ("partners", index, "representatives", number)
            edited.doc.remove_from_list(path, "body_seats", seats.index(body_id))
            rep["body_seats"] = [seat for seat in seats if seat != body_id]
    return edited


def _seats_of(edited: EditedFile, partner: str, body_id: str) -> bool:
    """Whether a representative of ``partner`` sits in ``body_id``."""
    for item in edited.items:
        if isinstance(item, dict) and item.get("id") == partner:
            reps = item.get("representatives")
            return any(
                isinstance(rep, dict)
                and isinstance(rep.get("body_seats"), list)
                and body_id in rep["body_seats"]
                for rep in reps or []
            )
    return False
