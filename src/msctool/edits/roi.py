"""``msc roi input add|edit`` and ``msc roi outcome add|edit``: edit the inputs and
outcomes of the social return on investment in roi.yaml, keeping every comment.

An input has no id of its own: it is found by its partner, and, when the partner
puts in several, by its place among them (1, 2, ... in the file's order).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msctool.edits.common import EditedFile, check_slug, drop_none, partnership_language, unknown
from msctool.edits.fields import (
    Typed,
    apply,
    changes_of,
    choice,
    clearable,
    figure,
    refuse_missing,
    share,
    whole,
)
from msctool.edits.saving import EditPlan
from msctool.errors import UsageError, UserError
from msctool.load.root import ROI_FILE
from msctool.model.vocabulary import InputKind, Language

INPUT_ORDER = ("partner", "kind", "amount", "description", "outcomes")
INPUT_CLEARABLE = ("description", "outcomes")
OUTCOME_ORDER = (
    "id",
    "name",
    "description",
    "metric",
    "segment",
    "quantity",
    "unit",
    "financial_proxy",
    "deadweight",
    "attribution",
    "displacement",
    "drop_off",
    "duration",
    "discount_rate",
)
OUTCOME_CLEARABLE = (
    "description",
    "metric",
    "segment",
    "displacement",
    "drop_off",
    "discount_rate",
)
INPUT_TRAILER = "Roi-Input"
"""The trailer that names the partner whose ROI input a commit changed."""
OUTCOME_TRAILER = "Roi-Outcome"
"""The trailer that names the ROI outcome a commit changed."""
STARTER = "period:\n  start: 2026-01-01\n  end: 2026-12-31\nhourly_rate: 45"


# -- inputs ------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFields:
    """An input's fields as the command line gives them; None: not given."""

    kind: str | None = None
    amount: Typed | None = None
    description: str | None = None
    outcomes: tuple[str, ...] | None = None


def add_input(root: Path, partner: str, fields: InputFields) -> EditPlan:
    """The plan that appends what ``partner`` put in (``fields``) to the inputs."""
    if fields.kind is None or fields.amount is None:
        raise UsageError(
            "an input needs its kind and amount",
            hint="give {kind} and {amount}",
            options=("kind", "amount"),
        )
    values = _input_values(root, fields)
    edited = _roi_file(root, "inputs")
    entry = drop_none({"partner": partner, **values})
    edited.append(entry)
    plan = EditPlan(root, subjects={partner, *(fields.outcomes or ())})
    plan.say("roi_input_added", partner=partner, kind=fields.kind, amount=values["amount"])
    plan.trailers.append((INPUT_TRAILER, partner))
    plan.texts[ROI_FILE] = edited.text()
    return plan


def edit_input(
    root: Path,
    partner: str,
    fields: InputFields,
    number: int | None = None,
    clear: tuple[str, ...] = (),
) -> EditPlan:
    """The plan that changes input ``number`` (1, 2, ...; may be left out when there is
    one) of ``partner``: the given ``fields``, and the ``clear`` ones taken out."""
    clear = clearable(clear, INPUT_CLEARABLE, "an ROI input")
    changes = changes_of(_input_values(root, fields), clear, INPUT_ORDER)
    edited = _roi_file(root, "inputs")
    index = _input_index(edited, partner, number)
    item = edited.items[index] = copy.deepcopy(edited.items[index])
    changed = apply(edited, index, item, changes)
    if not changed:
        raise UserError(f"nothing to change: this input of `{partner}` already has these values")
    plan = EditPlan(root, subjects={partner, *(fields.outcomes or ())})
    plan.say("roi_input_edited", partner=partner, fields=", ".join(changed))
    plan.trailers.append((INPUT_TRAILER, partner))
    plan.texts[ROI_FILE] = edited.text()
    return plan


def _input_values(root: Path, fields: InputFields) -> dict[str, Any]:
    choice(fields.kind, InputKind, "kind")
    return {
        "kind": fields.kind,
        "amount": figure(fields.amount, _language(root, fields.amount), "amount"),
        "description": fields.description,
        "outcomes": list(fields.outcomes) if fields.outcomes is not None else None,
    }


def _input_index(edited: EditedFile, partner: str, number: int | None) -> int:
    """The place in the file of input ``number`` of ``partner``."""
    places = [
        n
        for n, item in enumerate(edited.items)
        if isinstance(item, dict) and item.get("partner") == partner
    ]
    if not places:
        partners = {str(item.get("partner")) for item in edited.items if isinstance(item, dict)}
        raise unknown("partner with an ROI input", partner, sorted(partners), ROI_FILE)
    if number is None and len(places) == 1:
        return places[0]
    listed = "; ".join(
        f"{n} {_input_words(edited.items[place])}" for n, place in enumerate(places, 1)
    )
    if number is None:
        raise UsageError(
            f"`{partner}` has {len(places)} inputs: {listed}",
            hint="say which with {number}",
            options=("number",),
        )
    if not 1 <= number <= len(places):
        raise UsageError(f"`{partner}` has no input {number}; its inputs: {listed}", field="number")
    return places[number - 1]


def _input_words(item: dict[str, Any]) -> str:
    text = f"{item.get('kind')} {item.get('amount')}"
    return f"{text} ({item['description']})" if item.get("description") else text


# -- outcomes ----------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeFields:
    """An outcome's fields as the command line gives them; None: not given. Numbers
    may be typed text (read in the partnership's language); shares may be ``20%``."""

    name: str | None = None
    description: str | None = None
    metric: str | None = None
    segment: str | None = None
    quantity: Typed | None = None
    unit: str | None = None
    proxy: Typed | None = None
    """The financial proxy: money per unit of outcome per year."""
    proxy_source: str | None = None
    deadweight: Typed | None = None
    attribution: Typed | None = None
    displacement: Typed | None = None
    drop_off: Typed | None = None
    duration: Typed | None = None
    discount_rate: Typed | None = None


OUTCOME_REQUIRED = (
    "name",
    "quantity",
    "unit",
    "proxy",
    "proxy_source",
    "deadweight",
    "attribution",
    "duration",
)


def add_outcome(root: Path, outcome_id: str, fields: OutcomeFields) -> EditPlan:
    """The plan that appends outcome ``outcome_id`` with ``fields`` to the outcomes."""
    check_slug(outcome_id, "outcome id")
    refuse_missing("outcome", fields, OUTCOME_REQUIRED)
    values = _outcome_values(root, fields)
    edited = _roi_file(root, "outcomes")
    edited.refuse_duplicate("outcome", outcome_id)
    edited.append(drop_none({"id": outcome_id, **values}))
    plan = EditPlan(root, subjects={outcome_id})
    plan.say("roi_outcome_added", id=outcome_id)
    plan.trailers.append((OUTCOME_TRAILER, outcome_id))
    plan.texts[ROI_FILE] = edited.text()
    return plan


def edit_outcome(
    root: Path, outcome_id: str, fields: OutcomeFields, clear: tuple[str, ...] = ()
) -> EditPlan:
    """The plan that changes the given ``fields`` of outcome ``outcome_id`` and takes
    the ``clear`` ones (optional fields) out."""
    clear = clearable(clear, OUTCOME_CLEARABLE, "an ROI outcome")
    changes = changes_of(_outcome_values(root, fields), clear, OUTCOME_ORDER)
    edited = _roi_file(root, "outcomes")
    index, item = edited.entry("outcome", outcome_id)
    changed = apply(edited, index, item, changes)
    if not changed:
        raise UserError(f"nothing to change: outcome `{outcome_id}` already has these values")
    plan = EditPlan(root, subjects={outcome_id})
    plan.say("roi_outcome_edited", id=outcome_id, fields=", ".join(changed))
    plan.trailers.append((OUTCOME_TRAILER, outcome_id))
    plan.texts[ROI_FILE] = edited.text()
    return plan


def _outcome_values(root: Path, fields: OutcomeFields) -> dict[str, Any]:
    language = _language(root, *vars(fields).values())
    proxy = drop_none(
        {
            "value": figure(fields.proxy, language, "proxy"),
            "source": fields.proxy_source,
        }
    )
    return {
        "name": fields.name,
        "description": fields.description,
        "metric": fields.metric,
        "segment": fields.segment,
        "quantity": figure(fields.quantity, language, "quantity"),
        "unit": fields.unit,
        "financial_proxy": proxy or None,
        "deadweight": share(fields.deadweight, language, "deadweight"),
        "attribution": share(fields.attribution, language, "attribution"),
        "displacement": share(fields.displacement, language, "displacement"),
        "drop_off": share(fields.drop_off, language, "drop_off"),
        "duration": whole(fields.duration, language, "duration"),
        "discount_rate": share(fields.discount_rate, language, "discount_rate"),
    }


# -- shared ------------------------------------------------------------------------


def _roi_file(root: Path, list_key: str) -> EditedFile:
    """roi.yaml to edit; refused when there is none (its period and hourly rate come
    first: msc cannot guess them)."""
    edited = EditedFile(root, ROI_FILE, list_key)
    if edited.created:
        raise UserError(
            f"there is no {ROI_FILE} yet",
            hint=f"start {ROI_FILE} with the period it covers and the value of an hour, e.g. "
            f"`format_version: 1`, {STARTER.replace(chr(10), ' ')!r}, then run this again",
        )
    return edited


def _language(root: Path, *typed: object) -> Language:
    """The partnership's language, read only when a number was typed as text."""
    return partnership_language(root) if any(isinstance(t, str) for t in typed) else "en"
