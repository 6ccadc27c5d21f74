"""``msc partner edit ID``: a partner's name, sector, website, notes, gives and gets.

Each field is set in place (a comment after the value stays), cleared with an empty
text, and a gift or benefit is added below the others or taken out by its
description; every other line of partners.yaml stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from msctool.edits.common import EditedFile, partnership_language
from msctool.edits.partnersgifts import gift
from msctool.edits.saving import EditPlan
from msctool.edits.yamledit import Splice, YamlDocument, scalar
from msctool.errors import UsageError, UserError
from msctool.findings import YamlPath
from msctool.model.vocabulary import Sector, values
from msctool.suggest import did_you_mean

FILE = "partners.yaml"
SECTORS: tuple[Sector, ...] = values(Sector)
ORDER = ("id", "name", "sector", "joined", "left", "website", "representatives", "gives", "gets")
"""The order of a partner's keys; a new key goes after the last of these before it."""


@dataclass(frozen=True)
class PartnerChanges:
    """What to change of a partner; None: leave as it is, ``""``: clear (optional fields)."""

    name: str | None = None
    sector: str | None = None
    website: str | None = None
    notes: str | None = None
    add_gives: tuple[str, ...] = ()
    """``KIND [AMOUNT[/PER]]: DESCRIPTION`` (:func:`msctool.edits.partnersgifts.gift`)."""
    remove_gives: tuple[str, ...] = ()
    """Descriptions of gifts to take out."""
    set_gives: tuple[str, ...] = ()
    """``KIND [AMOUNT[/PER]]: DESCRIPTION`` of a gift the partner gives already (found
    by its description): its kind, amount and period become these."""
    add_gets: tuple[str, ...] = ()
    remove_gets: tuple[str, ...] = ()


def edit_partner(root: Path, partner_id: str, changes: PartnerChanges) -> EditPlan:
    """The plan that changes the fields of partner ``partner_id`` in partners.yaml."""
    if changes.sector is not None and changes.sector not in SECTORS:
        hint = did_you_mean(changes.sector, SECTORS) or f"one of {', '.join(SECTORS)}"
        raise UsageError(f"`{changes.sector}` is not a sector", hint=hint, field="sector")
    edited = EditedFile(root, FILE, "partners")
    index, item = edited.entry("partner", partner_id)
    entry = ("partners", index)
    changed = [
        key
        for key, value in (
            ("name", changes.name),
            ("sector", changes.sector),
            ("website", changes.website),
            ("notes", changes.notes),
        )
        if value is not None and set_field(edited.doc, entry, item, key, value)
    ]
    language = partnership_language(root)
    updated = [gift(text, language, "set_gives") for text in changes.set_gives]
    if any([_update_gift(edited.doc, entry, item, new) for new in updated]):
        changed.append("gives")
    gives = [gift(text, language, "add_gives") for text in changes.add_gives]
    if _list_edit(edited.doc, entry, item, "gives", changes.remove_gives, gives):
        changed.append("gives")
    changed = list(dict.fromkeys(changed))
    gets = [{"description": text.strip()} for text in changes.add_gets]
    if _list_edit(edited.doc, entry, item, "gets", changes.remove_gets, gets):
        changed.append("gets")
    if not changed:
        raise UsageError(
            f"nothing to change for partner `{partner_id}`",
            hint="give the fields to change, e.g. {website} or {add_gives}",
            options=("website", "add_gives"),
        )
    plan = EditPlan(root, subjects={partner_id})
    plan.say("partner_edited", id=partner_id, fields=", ".join(changed))
    plan.texts[FILE] = edited.text()
    return plan


def set_field(
    doc: YamlDocument,
    mapping: YamlPath,
    item: dict[str, Any],
    key: str,
    value: Any,
    order: Sequence[str] = ORDER,
) -> bool:
    """Set ``key`` of the mapping ``item`` (at ``mapping`` in ``doc``) to ``value``, or take
    it out when ``value`` is ``""``; whether that changes anything."""
    if isinstance(value, str):
        value = value.strip()
    if value == "":
        if key not in item:
            return False
        doc.remove_key(mapping, key)
        del item[key]
        return True
    if item.get(key) == value:
        return False
    after = tuple(order[: order.index(key)]) if key in order else tuple(order)
    doc.set_value(mapping, key, value, after=after)
    item[key] = value
    return True


def _list_edit(
    doc: YamlDocument,
    entry: YamlPath,
    item: dict[str, Any],
    key: str,
    remove: Sequence[str],
    add: list[dict[str, Any]],
) -> bool:
    """Take the entries of ``item[key]`` whose description is in ``remove`` out, then add
    ``add``; whether that changes anything."""
    old = item.get(key) or []
    keep = [True] * len(old)
    for description in remove:
        keep[_described(old, description, key)] = False
    if not add and all(keep):
        return False
    item[key] = change_list(doc, entry, key, old, keep, add, ORDER)
    return True


GIFT_ORDER = ("kind", "description", "amount", "per")


def _update_gift(
    doc: YamlDocument, entry: YamlPath, item: dict[str, Any], new: dict[str, Any]
) -> bool:
    """Give the gift of ``item`` described as ``new`` the kind, amount and period of
    ``new`` (no amount: none); whether that changes anything. A gift written on one
    line (``{kind: hours, ...}``) is written anew on one line."""
    gives = item.get("gives") or []
    place = _described(gives, new["description"], "gives")
    old = gives[place]
    values = {"kind": new["kind"], "amount": new.get("amount"), "per": new.get("per")}
    if values["per"] == "year" and "per" not in old:
        values["per"] = None  # a year is the default: not written when it was not
    updated = {k: v for k, v in {**old, **values}.items() if v is not None}
    updated = {k: updated[k] for k in (*GIFT_ORDER, *updated) if k in updated}
    if updated == old:
        return False
    path = (*entry, "gives", place)
    node = doc.node(path)
    if isinstance(node, yaml.MappingNode) and node.flow_style:
        doc.splices.append(Splice(node.start_mark.index, node.end_mark.index, flow(updated)))
    else:
        mine = dict(old)
        for key, value in values.items():
            set_field(doc, path, mine, key, "" if value is None else value, GIFT_ORDER)
    gives[place] = updated
    return True


def _described(items: list[Any], description: str, key: str) -> int:
    """The place of the entry of ``items`` with ``description`` (case and spaces aside)."""
    wanted = " ".join(description.split()).casefold()
    texts = [str(i.get("description", "")) if isinstance(i, dict) else "" for i in items]
    for place, text in enumerate(texts):
        if " ".join(text.split()).casefold() == wanted:
            return place
    hint = did_you_mean(description, texts) or (
        f"the partner's {key}: " + "; ".join(f"`{t}`" for t in texts) if texts else None
    )
    raise UserError(f"the partner {key} nothing described as `{description}`", hint=hint)


def change_list(
    doc: YamlDocument,
    mapping: YamlPath,
    key: str,
    old: list[Any],
    keep: list[bool],
    add: list[Any],
    order: Sequence[str],
) -> list[Any]:
    """Edit the list ``key`` of the mapping at ``mapping``, which holds ``old``: take out
    the entries whose ``keep`` is False (with their lines), add ``add`` below the rest;
    a list left with nothing but new entries is written anew. Returns the new list."""
    remaining = [value for value, kept in zip(old, keep, strict=True) if kept]
    new = remaining + add
    after = tuple(order[: order.index(key)]) if key in order else tuple(order)
    if not remaining:
        if old or add:
            doc.set_value(mapping, key, new, after=after)
        return new
    for place in reversed([n for n, kept in enumerate(keep) if not kept]):
        doc.remove_from_list(mapping, key, place)
    node = doc.node((*mapping, key))
    for value in add:
        if isinstance(node, yaml.SequenceNode) and node.flow_style and isinstance(value, dict):
            _add_to_flow(doc, node, value)  # `[{name: Ann}]`: one more `{...}` inside
        else:
            doc.append_to((*mapping, key), value, after=after)
    return new


def _add_to_flow(doc: YamlDocument, node: yaml.SequenceNode, value: dict[str, Any]) -> None:
    close = node.end_mark.index - 1  # the `]`
    between = doc.text[node.value[-1].end_mark.index : close] if node.value else ""
    glue = "" if not node.value else (" " if "," in between else ", ")
    doc.splices.append(Splice(close, close, glue + flow(value)))


def flow(value: Any) -> str:
    """``value`` on one line, a mapping as ``{key: value, ...}`` with its keys in their
    order (a plain dump sorts them)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value)
