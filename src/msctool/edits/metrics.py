"""``msc metric add``, ``msc metric edit`` and ``msc metric target``: edit the scorecard in
metrics.yaml, keeping every comment.

A moved target is a change of its own (``msc metric target``): ``msc changes`` and the
next newsletter tell it as "target moved", from the files in history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from msctool.edits.common import EditedFile, check_slug, drop_none, partnership_language
from msctool.edits.fields import (
    FieldChanges,
    Typed,
    apply,
    changes_of,
    choice,
    clearable,
    figure,
    point,
    refuse_missing,
)
from msctool.edits.saving import EditPlan
from msctool.errors import UserError
from msctool.load.numbers import DECIMAL_OF, Separator, plain_text
from msctool.model.vocabulary import (
    Accountability,
    Cadence,
    Direction,
    MetricKind,
    Perspective,
)

FILE = "metrics.yaml"
ORDER = (
    "id",
    "name",
    "description",
    "perspective",
    "accountability",
    "kind",
    "unit",
    "direction",
    "baseline",
    "target",
    "owner",
    "cadence",
    "goal",
    "scorecard",
)
"""The keys of a metric in the order the model (and ``msc init``) writes them."""
CLEARABLE = ("description", "baseline", "target", "goal")
"""The optional fields of a metric, which ``msc metric edit`` can take out."""
METRIC_TRAILER = "Metric"
"""The trailer that names the metric a commit changed (``git log --format=%(trailers)``)."""
TARGET_TRAILER = "Target"
"""The trailer that gives a metric's new target (``8.5 by 2027-07-31``)."""


@dataclass(frozen=True)
class MetricFields:
    """The fields of a metric as the command line gives them; None: not given."""

    name: str | None = None
    description: str | None = None
    perspective: str | None = None
    accountability: str | None = None
    kind: str | None = None
    unit: str | None = None
    direction: str | None = None
    owner: str | None = None
    cadence: str | None = None
    goal: str | None = None
    scorecard: bool | None = None
    baseline: Typed | None = None
    baseline_date: date | None = None
    baseline_note: str | None = None
    target: Typed | None = None
    target_date: date | None = None
    target_note: str | None = None


REQUIRED = (
    "name",
    "perspective",
    "accountability",
    "kind",
    "unit",
    "direction",
    "owner",
    "cadence",
)
"""The fields a new metric must have (the model has no default for them)."""


def add_metric(root: Path, metric_id: str, fields: MetricFields) -> EditPlan:
    """The plan that appends metric ``metric_id`` with ``fields`` to metrics.yaml."""
    check_slug(metric_id, "metric id")
    refuse_missing("metric", fields, REQUIRED)
    values = _values(root, fields, partial=False)
    edited = EditedFile(root, FILE, "metrics")
    edited.refuse_duplicate("metric", metric_id)
    edited.append(drop_none({"id": metric_id, **{k: values.get(k) for k in ORDER[1:]}}))
    plan = EditPlan(root, subjects={metric_id, str(fields.owner)})
    plan.say("metric_added", id=metric_id, owner=fields.owner)
    plan.trailers.append((METRIC_TRAILER, metric_id))
    plan.texts[FILE] = edited.text()
    return plan


def edit_metric(
    root: Path, metric_id: str, fields: MetricFields, clear: tuple[str, ...] = ()
) -> EditPlan:
    """The plan that changes the given ``fields`` of metric ``metric_id`` and takes the
    ``clear`` ones (optional fields: description, baseline, target, goal) out."""
    clear = clearable(clear, CLEARABLE, "a metric")
    changes = changes_of(_values(root, fields, partial=True), clear, ORDER)
    edited = EditedFile(root, FILE, "metrics")
    index, item = edited.entry("metric", metric_id)
    changed = apply(edited, index, item, changes)
    if not changed:
        raise UserError(f"nothing to change: metric `{metric_id}` already has these values")
    plan = EditPlan(root, subjects={metric_id, *([fields.owner] if fields.owner else [])})
    plan.say("metric_edited", id=metric_id, fields=", ".join(changed))
    plan.trailers.append((METRIC_TRAILER, metric_id))
    if "target" in changed and "target" in item:
        plan.trailers.append((TARGET_TRAILER, _target_words(item["target"])))
    plan.texts[FILE] = edited.text()
    return plan


def move_target(
    root: Path, metric_id: str, value: Typed, by: date, note: str | None = None
) -> EditPlan:
    """The plan that sets the target of ``metric_id`` to ``value`` by ``by``: the value
    and date are replaced in place (their comments and a note stay, unless ``note``
    replaces it); a metric without a target gets one."""
    number = figure(value, partnership_language(root), "value")
    target: dict[str, Any] = {"value": number, "date": by}
    if note is not None:
        target["note"] = note
    edited = EditedFile(root, FILE, "metrics")
    index, item = edited.entry("metric", metric_id)
    before = item.get("target")
    changes = FieldChanges(ORDER)
    changes.put("target", target)
    if not apply(edited, index, item, changes):
        raise UserError(
            f"nothing to change: the target of `{metric_id}` is already {_target_words(target)}"
        )
    plan = EditPlan(root, subjects={metric_id})
    unit = item.get("unit", "")
    now = _said_target(plan, item["target"], unit)
    if isinstance(before, dict):
        was = _said_target(plan, before, unit)
        plan.say("metric_target_moved", id=metric_id, target=now, was=was)
    else:
        plan.say("metric_target_set", id=metric_id, target=now)
    plan.trailers.extend([(METRIC_TRAILER, metric_id), (TARGET_TRAILER, _target_words(target))])
    plan.texts[FILE] = edited.text()
    kept = item["target"].get("note")
    if note is None and kept:
        plan.notes.append(f"the target's note stays: “{kept}”; give a new note to replace it")
    return plan


def _target_words(target: dict[str, Any]) -> str:
    """A target as a trailer gives it: ``8.5 by 2027-07-31``."""
    return f"{_figure(target.get('value'))} by {target.get('date')}"


def _said_target(plan: EditPlan, target: dict[str, Any], unit: object) -> str:
    """A target in the partnership's language, with its unit: ``8.5 % by 2027-07-31``."""
    value = _figure(target.get("value"), DECIMAL_OF[plan.language]) + (f" {unit}" if unit else "")
    return plan.words("metric_target_words", value=value, day=target.get("date"))


def _figure(value: object, separator: Separator = ".") -> str:
    """A figure as people read it, with the partnership's decimal separator."""
    if isinstance(value, float):
        return plain_text(Decimal(repr(value)), separator)
    return str(value)


def _values(root: Path, fields: MetricFields, *, partial: bool) -> dict[str, Any]:
    """The model's values of ``fields`` (None where not given): words checked against
    their vocabulary, numbers read in the partnership's language. A ``partial`` baseline
    or target holds only the parts given (an edit keeps the others)."""
    for word, vocabulary in (
        ("perspective", Perspective),
        ("accountability", Accountability),
        ("kind", MetricKind),
        ("direction", Direction),
        ("cadence", Cadence),
    ):
        choice(getattr(fields, word), vocabulary, word)
    language = partnership_language(root) if _has_numbers(fields) else "en"
    baseline = figure(fields.baseline, language, "baseline")
    target = figure(fields.target, language, "target")
    return {
        "name": fields.name,
        "description": fields.description,
        "perspective": fields.perspective,
        "accountability": fields.accountability,
        "kind": fields.kind,
        "unit": fields.unit,
        "direction": fields.direction,
        "baseline": _point(
            baseline, fields.baseline_date, fields.baseline_note, "baseline", partial=partial
        ),
        "target": _point(target, fields.target_date, fields.target_note, "target", partial=partial),
        "owner": fields.owner,
        "cadence": fields.cadence,
        "goal": fields.goal,
        "scorecard": fields.scorecard,
    }


def _point(
    value: int | float | None, day: date | None, note: str | None, field: str, *, partial: bool
) -> dict[str, Any] | None:
    if not partial:
        return point(value, day, note, field=field, date_field=f"{field}_date")
    given = drop_none({"value": value, "date": day, "note": note})
    return given or None


def _has_numbers(fields: MetricFields) -> bool:
    return isinstance(fields.baseline, str) or isinstance(fields.target, str)
