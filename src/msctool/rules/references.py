"""Data errors between files: references that point at nothing, and RACI accountability."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from msctool.findings import Finding
from msctool.load.entries import FOLDERS
from msctool.load.files import ENTRY_CODE
from msctool.load.loader import Location
from msctool.load.logo import logo_problem
from msctool.model import Decision
from msctool.model.supersession import cycles, describe
from msctool.rules.context import Context
from msctool.rules.retros import check_action_items

KIND_NAMES = {
    "partner": "partner",
    "goal": "goal",
    "body": "governance body",
    "segment": "segment",
    "metric": "metric",
    "activity": "activity",
    "outcome": "ROI outcome",
}

AFFECTABLE = ("activity", "metric", "partner")


def check_references(ctx: Context) -> Iterator[Finding]:
    if ctx.root_valid:
        yield from _partnership_refs(ctx)
        yield from _logo(ctx)
    yield from _representative_refs(ctx)
    yield from _activity_refs(ctx)
    yield from _metric_refs(ctx)
    yield from _roi_refs(ctx)
    yield from _engagement_refs(ctx)
    yield from _decision_refs(ctx)
    yield from check_action_items(ctx)


def _ref(ctx: Context, kind: str, value: str | None, where: Location) -> Iterator[Finding]:
    if value is None or value in ctx.loaded.known(kind) or not ctx.loaded.resolvable(kind):
        return
    known = ctx.loaded.known(kind)
    hint = (
        ctx.suggest(kind, value, known)
        or f"add a {KIND_NAMES[kind]} with id `{value}`, or fix the id"
    )
    yield ctx.finding("MSC009", f"unknown {KIND_NAMES[kind]} `{value}`", where, hint)


def _refs(ctx: Context, kind: str, values: Iterable[str], where: Location) -> Iterator[Finding]:
    rel, path = where
    for index, value in enumerate(values):
        yield from _ref(ctx, kind, value, (rel, (*path, index)))


def _partnership_refs(ctx: Context) -> Iterator[Finding]:
    meta = ctx.partnership.meta
    yield from _ref(
        ctx, "body", meta.purpose.reaffirmed_by, ("partnership.yaml", ("purpose", "reaffirmed_by"))
    )
    for index, body in enumerate(meta.bodies):
        base = ("bodies", index)
        yield from _ref(ctx, "partner", body.lead, ("partnership.yaml", (*base, "lead")))
        yield from _refs(ctx, "partner", body.members, ("partnership.yaml", (*base, "members")))


def _representative_refs(ctx: Context) -> Iterator[Finding]:
    for partner in ctx.partnership.partners:
        for index, person in enumerate(partner.representatives):
            where = ctx.loaded.where("partner", partner.id, "representatives", index, "body_seats")
            yield from _refs(ctx, "body", person.body_seats, where)


def _activity_refs(ctx: Context) -> Iterator[Finding]:
    for activity in ctx.partnership.activities:
        at = ctx.loaded.where
        yield from _ref(ctx, "goal", activity.goal, at("activity", activity.id, "goal"))
        yield from _ref(ctx, "body", activity.body, at("activity", activity.id, "body"))
        accountable = activity.raci.accountables()
        if len(accountable) != 1:
            yield ctx.finding(
                "MSC010",
                f"activity `{activity.id}` has {len(accountable)} accountable partners; it needs exactly one",
                at("activity", activity.id, "raci", "accountable"),
            )
        if isinstance(activity.raci.accountable, str):
            yield from _ref(
                ctx,
                "partner",
                activity.raci.accountable,
                at("activity", activity.id, "raci", "accountable"),
            )
        else:
            yield from _refs(
                ctx, "partner", accountable, at("activity", activity.id, "raci", "accountable")
            )
        for role in ("responsible", "consulted", "informed"):
            ids = getattr(activity.raci, role)
            yield from _refs(ctx, "partner", ids, at("activity", activity.id, "raci", role))


def _metric_refs(ctx: Context) -> Iterator[Finding]:
    for metric in ctx.partnership.metrics:
        yield from _ref(
            ctx, "partner", metric.owner, ctx.loaded.where("metric", metric.id, "owner")
        )
        yield from _ref(ctx, "goal", metric.goal, ctx.loaded.where("metric", metric.id, "goal"))


def _roi_refs(ctx: Context) -> Iterator[Finding]:
    roi = ctx.partnership.roi
    if roi is None:
        return
    for index, item in enumerate(roi.inputs):
        yield from _ref(ctx, "partner", item.partner, ("roi.yaml", ("inputs", index, "partner")))
        yield from _refs(ctx, "outcome", item.outcomes, ("roi.yaml", ("inputs", index, "outcomes")))
    for index, outcome in enumerate(roi.outcomes):
        base = ("outcomes", index)
        yield from _ref(ctx, "metric", outcome.metric, ("roi.yaml", (*base, "metric")))
        yield from _ref(ctx, "segment", outcome.segment, ("roi.yaml", (*base, "segment")))


def _engagement_refs(ctx: Context) -> Iterator[Finding]:
    for item in ctx.partnership.engagements:
        where = ctx.loaded.where
        yield from _refs(ctx, "segment", item.segments, where("engagement", item.id, "segments"))
        yield from _ref(ctx, "partner", item.led_by, where("engagement", item.id, "led_by"))


def _decision_refs(ctx: Context) -> Iterator[Finding]:
    affectable = (
        ctx.loaded.known("activity") | ctx.loaded.known("metric") | ctx.loaded.known("partner")
    )
    for decision in ctx.partnership.decisions:
        meta, rel = decision.meta, decision.file
        yield from _ref(ctx, "body", meta.body, (rel, ("body",)))
        for role in ("consulted", "informed"):
            yield from _heard_refs(ctx, getattr(meta, role), (rel, (role,)))
        for index, target in enumerate(meta.affects):
            if target not in affectable and all(map(ctx.loaded.resolvable, AFFECTABLE)):
                hint = (
                    ctx.suggest("affects", target, affectable)
                    or "name an activity, metric or partner id"
                )
                yield ctx.finding(
                    "MSC009",
                    f"`{target}` is no activity, metric or partner",
                    (rel, ("affects", index)),
                    hint,
                )
        for index, number in enumerate(meta.supersedes):
            if number != meta.id and str(number) not in ctx.loaded.known("decision"):
                yield ctx.finding(
                    "MSC012",
                    f"decision {meta.id} supersedes decision {number}, which does not exist",
                    (rel, ("supersedes", index)),
                    "supersede an existing decision number",
                )
    yield from _supersession_cycles(ctx)


def _heard_refs(ctx: Context, ids: list[str], where: Location) -> Iterator[Finding]:
    """A decision's consulted and informed: partners or governance bodies (a residents'
    council is consulted as a body)."""
    heard = ctx.loaded.known("partner") | ctx.loaded.known("body")
    if not all(map(ctx.loaded.resolvable, ("partner", "body"))):
        return
    rel, path = where
    for index, value in enumerate(ids):
        if value not in heard:
            hint = ctx.suggest("heard", value, heard) or (
                f"add a partner or governance body with id `{value}`, or fix the id"
            )
            message = f"unknown partner or governance body `{value}`"
            yield ctx.finding("MSC009", message, (rel, (*path, index)), hint)


def _supersession_cycles(ctx: Context) -> Iterator[Finding]:
    """One MSC015 per ring of decisions that supersede each other (a decision that
    supersedes itself included), at the ``supersedes`` entry of the ring's lowest
    number that points at the next one."""
    records: dict[int, Decision] = {}
    for decision in ctx.partnership.decisions:
        records.setdefault(decision.meta.id, decision)
    graph = {number: d.meta.supersedes for number, d in records.items()}
    for cycle in cycles(graph):
        first = records[cycle[0]]
        following = cycle[1] if len(cycle) > 1 else cycle[0]
        index = first.meta.supersedes.index(following)
        message = (
            f"decision {first.meta.id} supersedes itself"
            if len(cycle) == 1
            else f"decisions supersede each other in a cycle: {describe(cycle)}"
        )
        yield ctx.finding(
            "MSC015",
            message,
            (first.file, ("supersedes", index)),
            "a decision supersedes only earlier decisions; remove the number that closes "
            "the cycle from `supersedes:`",
        )


def _logo(ctx: Context) -> Iterator[Finding]:
    """A logo outside the folder (MSC009) or a link or special file on its way (MSC014);
    a missing or unusable logo is a health warning (MSC303): renders go on without it."""
    logo = ctx.partnership.meta.logo
    problem = logo_problem(ctx.partnership.root, logo) if logo is not None else None
    if problem is None or problem.code not in _LOGO_HINTS:
        return
    if problem.code == ENTRY_CODE and Path(logo or "").parts[0] in FOLDERS:
        return  # reported where check looks at every entry of that folder
    where = ("partnership.yaml", ("logo",))
    yield ctx.finding(problem.code, problem.message, where, _LOGO_HINTS[problem.code])


_LOGO_HINTS = {
    "MSC009": "keep the logo inside the folder, e.g. `assets/logo.svg`",
    ENTRY_CODE: "replace the link with the image itself, or move the special file away "
    "and put the image there",
}
