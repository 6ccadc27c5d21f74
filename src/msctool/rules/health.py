"""Health warnings: the data is valid, but the partnership shows a weakness.

Each rule is a small generator registered under its code; its text, principle
and fix live in :mod:`msctool.rules.catalog`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from msctool.findings import Finding
from msctool.load.loader import OBSERVATIONS
from msctool.load.logo import logo_problem
from msctool.model import Activity, Partner
from msctool.rules.context import Context

HealthRule = Callable[[Context], Iterator[Finding]]
HEALTH_RULES: dict[str, HealthRule] = {}
NEEDS: dict[str, tuple[str, ...]] = {}
"""Files each rule reads besides partnership.yaml; a rule stays quiet when one of
them could not be read, so one broken file does not set off a flood of warnings."""
OPEN = ("planned", "active", "paused")


def rule(code: str, *needs: str) -> Callable[[HealthRule], HealthRule]:
    def register(function: HealthRule) -> HealthRule:
        HEALTH_RULES[code] = function
        NEEDS[code] = needs
        return function

    return register


def run_health_rules(ctx: Context) -> Iterator[Finding]:
    """Every health rule whose files could be read."""
    for code, check in HEALTH_RULES.items():
        if not any(need in ctx.loaded.unreadable for need in NEEDS[code]):
            yield from check(ctx)


def _open_activities(ctx: Context) -> list[Activity]:
    return [a for a in ctx.partnership.activities if a.status in OPEN]


def _active_partners(ctx: Context) -> list[Partner]:
    return ctx.partnership.active_partners(ctx.as_of)


# -- 1 purpose and drumbeat ---------------------------------------------------------


@rule("MSC101")
def purpose_not_reaffirmed(ctx: Context) -> Iterator[Finding]:
    purpose = ctx.partnership.meta.purpose
    age = ctx.days_since(purpose.reaffirmed)
    if age > ctx.thresholds.purpose_max_age_days:
        yield ctx.finding(
            "MSC101",
            f"purpose last reaffirmed {age} days ago ({purpose.reaffirmed}); "
            f"the limit is {ctx.thresholds.purpose_max_age_days} days",
            ("partnership.yaml", ("purpose", "reaffirmed")),
        )


@rule("MSC102")
def no_newsletter(ctx: Context) -> Iterator[Finding]:
    cadence = ctx.partnership.meta.cadence.newsletter
    newest = max((n.date for n in ctx.partnership.newsletters if n.date <= ctx.as_of), default=None)
    since = newest or ctx.started()
    if ctx.as_of - since > ctx.periods(cadence, 2):
        what = f"the newest is from {newest:%Y-%m}" if newest else "none in newsletters/ yet"
        yield ctx.finding(
            "MSC102",
            f"no newsletter for two {cadence} periods ({what})",
            ("partnership.yaml", ("cadence", "newsletter")),
        )


@rule("MSC103", "activities.yaml")
def goal_without_activity(ctx: Context) -> Iterator[Finding]:
    worked_on = {a.goal for a in _open_activities(ctx)}
    for index, goal in enumerate(ctx.partnership.meta.goals):
        if goal.id not in worked_on:
            yield ctx.finding(
                "MSC103",
                f"no open activity works on goal `{goal.id}`",
                ("partnership.yaml", ("goals", index, "id")),
            )


@rule("MSC104", "activities.yaml")
def work_without_goal(ctx: Context) -> Iterator[Finding]:
    for activity in _open_activities(ctx):
        if activity.work == "in" and activity.goal is None:
            where = ctx.loaded.where("activity", activity.id, "id")
            yield ctx.finding("MSC104", f"activity `{activity.id}` names no goal", where)


# -- 2 people and money -------------------------------------------------------------


@rule("MSC201", "partners.yaml")
def gives_nothing(ctx: Context) -> Iterator[Finding]:
    for partner in _active_partners(ctx):
        if not partner.gives:
            where = ctx.loaded.where("partner", partner.id, "gives")
            yield ctx.finding("MSC201", f"partner `{partner.id}` gives nothing", where)


@rule("MSC202", "partners.yaml")
def gets_nothing(ctx: Context) -> Iterator[Finding]:
    for partner in _active_partners(ctx):
        if not partner.gets:
            where = ctx.loaded.where("partner", partner.id, "gets")
            yield ctx.finding("MSC202", f"partner `{partner.id}` gets nothing back", where)


@rule("MSC203", "roi.yaml")
def no_roi_story(ctx: Context) -> Iterator[Finding]:
    roi = ctx.partnership.roi
    if roi is None and "roi.yaml" in ctx.loaded.sources:
        return  # the file is there but has errors; those are reported
    if roi is None:
        yield ctx.finding("MSC203", "there is no roi.yaml", ("partnership.yaml", ()))
    elif not roi.inputs or not roi.outcomes:
        missing = "inputs" if not roi.inputs else "outcomes"
        yield ctx.finding("MSC203", f"roi.yaml has no {missing}", ("roi.yaml", ()))


@rule("MSC204", "partners.yaml")
def no_representative(ctx: Context) -> Iterator[Finding]:
    minimum = ctx.thresholds.representative_min
    for partner in _active_partners(ctx):
        if len(partner.representatives) < minimum:
            where = ctx.loaded.where("partner", partner.id)
            yield ctx.finding(
                "MSC204",
                f"partner `{partner.id}` has {len(partner.representatives)} named "
                f"representative(s); at least {minimum} expected",
                where,
            )


# -- 3 identity, working on and in --------------------------------------------------


@rule("MSC301", "activities.yaml")
def no_work_on(ctx: Context) -> Iterator[Finding]:
    activities = _open_activities(ctx)
    if activities and not any(a.work == "on" for a in activities):
        yield ctx.finding(
            "MSC301",
            "no open activity is work on the partnership itself",
            ("activities.yaml", ("activities",)),
        )


@rule("MSC302")
def weak_identity(ctx: Context) -> Iterator[Finding]:
    meta = ctx.partnership.meta
    missing = [
        name
        for name, present in (
            ("tagline", meta.tagline),
            ("colours", meta.colours),
            ("values", meta.values),
        )
        if not present
    ]
    if missing:
        yield ctx.finding(
            "MSC302",
            f"the identity has no {', '.join(missing)}",
            ("partnership.yaml", ("name",)),
        )


@rule("MSC303")
def logo_missing(ctx: Context) -> Iterator[Finding]:
    logo = ctx.partnership.meta.logo
    problem = logo_problem(ctx.partnership.root, logo) if logo else None
    if problem is not None and problem.code == "MSC303":  # the others are data errors
        yield ctx.finding("MSC303", problem.message, ("partnership.yaml", ("logo",)))


# -- 4 roles and decisions ----------------------------------------------------------


@rule("MSC401")
def no_decision_rule(ctx: Context) -> Iterator[Finding]:
    for index, body in enumerate(ctx.partnership.meta.bodies):
        if body.decision_rule is None:
            yield ctx.finding(
                "MSC401",
                f"body `{body.id}` has no decision rule",
                ("partnership.yaml", ("bodies", index, "id")),
            )


@rule("MSC402", "partners.yaml", "activities.yaml")
def partner_without_role(ctx: Context) -> Iterator[Finding]:
    involved: set[str] = set()
    for activity in ctx.partnership.activities:
        raci = activity.raci
        involved.update(raci.accountables(), raci.responsible, raci.consulted, raci.informed)
    for partner in _active_partners(ctx):
        if partner.id not in involved:
            where = ctx.loaded.where("partner", partner.id, "id")
            yield ctx.finding(
                "MSC402", f"partner `{partner.id}` has no role in any activity", where
            )


@rule("MSC403", "partners.yaml", "activities.yaml")
def too_accountable(ctx: Context) -> Iterator[Finding]:
    limit = ctx.thresholds.max_accountable
    counts = Counter(
        owner for activity in _open_activities(ctx) for owner in activity.raci.accountables()
    )
    for partner_id, count in sorted(counts.items()):
        if count > limit and partner_id in ctx.partnership.partner_by_id:
            yield ctx.finding(
                "MSC403",
                f"partner `{partner_id}` is accountable for {count} open activities (limit {limit})",
                ctx.loaded.where("partner", partner_id, "id"),
            )


@rule("MSC404", "partners.yaml", "activities.yaml")
def over_consulted(ctx: Context) -> Iterator[Finding]:
    activities = _open_activities(ctx)
    share = ctx.thresholds.max_consulted_share
    if len(activities) < 4:
        return
    counts = Counter(pid for activity in activities for pid in set(activity.raci.consulted))
    for partner_id, count in sorted(counts.items()):
        if count / len(activities) > share and partner_id in ctx.partnership.partner_by_id:
            yield ctx.finding(
                "MSC404",
                f"partner `{partner_id}` is consulted on {count} of {len(activities)} open "
                f"activities (more than {share:.0%})",
                ctx.loaded.where("partner", partner_id, "id"),
            )


@rule("MSC405")
def lead_without_lead(ctx: Context) -> Iterator[Finding]:
    for index, body in enumerate(ctx.partnership.meta.bodies):
        if body.decision_rule != "lead-decides":
            continue
        if body.lead is None or body.lead not in body.members:
            problem = (
                "names no lead" if body.lead is None else f"has lead `{body.lead}` who is no member"
            )
            yield ctx.finding(
                "MSC405",
                f"body `{body.id}` decides by lead-decides but {problem}",
                ("partnership.yaml", ("bodies", index, "decision_rule")),
            )


@rule("MSC406", "partners.yaml")
def seat_without_membership(ctx: Context) -> Iterator[Finding]:
    bodies = ctx.partnership.body_by_id
    for partner in _active_partners(ctx):
        for index, person in enumerate(partner.representatives):
            for seat, body_id in enumerate(person.body_seats):
                body = bodies.get(body_id)
                if body is not None and partner.id not in body.members:
                    where = ctx.loaded.where(
                        "partner", partner.id, "representatives", index, "body_seats", seat
                    )
                    yield ctx.finding(
                        "MSC406",
                        f"{person.name} sits in `{body_id}`, but `{partner.id}` is no member of it",
                        where,
                    )


@rule("MSC407", "partners.yaml")
def departed_partner_seated(ctx: Context) -> Iterator[Finding]:
    gone = [p for p in ctx.partnership.partners if p.left is not None and p.left <= ctx.as_of]
    bodies = ctx.partnership.meta.bodies
    for partner in gone:
        for index, body in enumerate(bodies):
            role = "lead" if body.lead == partner.id else None
            role = role or ("member" if partner.id in body.members else None)
            if role is not None:
                yield ctx.finding(
                    "MSC407",
                    f"partner `{partner.id}` left on {partner.left} but is still {role} of "
                    f"`{body.id}`",
                    (
                        "partnership.yaml",
                        ("bodies", index, "lead" if role == "lead" else "members"),
                    ),
                )
        for index, person in enumerate(partner.representatives):
            if person.body_seats:
                seats = ", ".join(f"`{seat}`" for seat in person.body_seats)
                yield ctx.finding(
                    "MSC407",
                    f"{person.name} of `{partner.id}`, which left on {partner.left}, still "
                    f"sits in {seats}",
                    ctx.loaded.where("partner", partner.id, "representatives", index, "body_seats"),
                )


# -- 5 the target population --------------------------------------------------------


@rule("MSC501", "engagement.yaml")
def no_recent_engagement(ctx: Context) -> Iterator[Finding]:
    gap = ctx.thresholds.engagement_max_gap_days
    past = [e.date for e in ctx.partnership.engagements if e.date <= ctx.as_of]
    newest = max(past, default=None)
    since = newest or ctx.started()
    if ctx.days_since(since) > gap:
        what = f"the newest was on {newest}" if newest else "none is recorded"
        where = (
            ("engagement.yaml", ("engagements",))
            if newest
            else ("partnership.yaml", ("target_population",))
        )
        yield ctx.finding(
            "MSC501", f"no engagement with the target population in {gap} days ({what})", where
        )


@rule("MSC502", "engagement.yaml")
def nothing_changed(ctx: Context) -> Iterator[Finding]:
    for item in ctx.partnership.engagements:
        if not item.changed and item.date <= ctx.as_of:
            where = ctx.loaded.where("engagement", item.id, "id")
            yield ctx.finding(
                "MSC502", f"engagement `{item.id}` records nothing that changed", where
            )


@rule("MSC503", "engagement.yaml")
def segment_never_engaged(ctx: Context) -> Iterator[Finding]:
    engaged = {segment for e in ctx.partnership.engagements for segment in e.segments}
    for index, segment in enumerate(ctx.partnership.meta.target_population.segments):
        if segment.id not in engaged:
            yield ctx.finding(
                "MSC503",
                f"segment `{segment.id}` has never been engaged",
                ("partnership.yaml", ("target_population", "segments", index, "id")),
            )


# -- 6 metrics and learning ---------------------------------------------------------


@rule("MSC601", "metrics.yaml")
def too_many_metrics(ctx: Context) -> Iterator[Finding]:
    cap = ctx.thresholds.scorecard_cap
    on_card = [m for m in ctx.partnership.metrics if m.scorecard]
    if len(on_card) > cap:
        first_over = on_card[cap]
        yield ctx.finding(
            "MSC601",
            f"{len(on_card)} metrics on the scorecard; the cap is {cap}",
            ctx.loaded.where("metric", first_over.id, "id"),
        )


@rule("MSC602")
def no_retrospective(ctx: Context) -> Iterator[Finding]:
    gap = ctx.thresholds.retrospective_max_gap_days
    newest = max((r.date for r in ctx.partnership.retros if r.date <= ctx.as_of), default=None)
    if ctx.days_since(newest or ctx.started()) > gap:
        what = f"the newest is from {newest}" if newest else "none in retros/ yet"
        yield ctx.finding(
            "MSC602",
            f"no retrospective in the last {gap} days ({what})",
            ("partnership.yaml", ("cadence", "retrospective")),
        )


@rule("MSC603", "metrics.yaml", OBSERVATIONS)
def stale_metric(ctx: Context) -> Iterator[Finding]:
    missed = ctx.thresholds.missed_periods
    by_metric = ctx.partnership.observations_by_metric
    for metric in ctx.partnership.metrics:
        history = [o.date for o in by_metric.get(metric.id, []) if o.date <= ctx.as_of]
        newest = history[-1] if history else None
        since = newest or (metric.baseline.date if metric.baseline else ctx.started())
        if ctx.as_of - since > ctx.periods(metric.cadence, missed):
            what = f"the newest is from {newest}" if newest else "it has none"
            yield ctx.finding(
                "MSC603",
                f"metric `{metric.id}` has no observation for {missed} {metric.cadence} "
                f"periods ({what})",
                ctx.loaded.where("metric", metric.id, "cadence"),
            )


@rule("MSC604", "metrics.yaml")
def no_baseline_or_target(ctx: Context) -> Iterator[Finding]:
    for metric in ctx.partnership.metrics:
        missing = [name for name in ("baseline", "target") if getattr(metric, name) is None]
        if missing:
            yield ctx.finding(
                "MSC604",
                f"metric `{metric.id}` has no {' and no '.join(missing)}",
                ctx.loaded.where("metric", metric.id, "id"),
            )


@rule("MSC605")
def overdue_action_items(ctx: Context) -> Iterator[Finding]:
    from msctool.rules.retros import overdue_action_items as overdue

    yield from overdue(ctx)


@rule("MSC606", "metrics.yaml", OBSERVATIONS)
def figures_overdue(ctx: Context) -> Iterator[Finding]:
    from msctool.collect.due import owed

    late: dict[str, list[str]] = {}
    for item in owed(ctx.partnership, ctx.as_of):
        if item.state == "overdue":
            what = f"`{item.metric.id}` due {item.next_due} ({item.days_late} days)"
            late.setdefault(item.metric.owner, []).append(what)
    grace = ctx.thresholds.collect_grace_days
    for owner, metrics in late.items():
        yield ctx.finding(
            "MSC606",
            f"partner `{owner}` is more than {grace} days late with {len(metrics)} "
            f"figure{'s' if len(metrics) > 1 else ''}: {', '.join(metrics)}",
            ctx.loaded.where("partner", owner, "id"),
        )
