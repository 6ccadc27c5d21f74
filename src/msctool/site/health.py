"""The health summary: ``msc check``'s findings grouped by the six principles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from msctool.findings import Finding
from msctool.model.vocabulary import Audience
from msctool.render.audience import RULES_THAT_SHOW, shows
from msctool.rules.catalog import PRINCIPLES, RULES
from msctool.rules.check import CheckReport

State = Literal["ok", "warning", "error"]


@dataclass(frozen=True)
class RuleCount:
    """One rule that fired, how often, and what it means."""

    code: str
    name: str
    summary: str
    fix: str
    count: int


@dataclass(frozen=True)
class PrincipleHealth:
    number: int
    state: State
    errors: int
    warnings: int
    rules: tuple[RuleCount, ...]
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Health:
    principles: tuple[PrincipleHealth, ...]
    errors: int
    warnings: int

    @property
    def state(self) -> State:
        return "error" if self.errors else ("warning" if self.warnings else "ok")


def health_of(report: CheckReport, more: Sequence[Finding] = ()) -> Health:
    """Every principle (0, valid data, to 6) with its findings, in catalog order;
    ``more``: findings the site adds (files it could not read), unless check already
    reported the file as a link or special file."""
    from msctool.load.entries import without_repeats

    findings = [*report.findings, *without_repeats(list(report.findings), list(more))]
    by_principle: dict[int, list[Finding]] = {number: [] for number in PRINCIPLES}
    for finding in findings:
        by_principle[RULES[finding.code].principle].append(finding)
    errors = sum(f.severity == "error" for f in findings)
    return Health(
        tuple(_principle(number, found) for number, found in by_principle.items()),
        errors,
        len(findings) - errors,
    )


def _principle(number: int, findings: list[Finding]) -> PrincipleHealth:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    state: State = "error" if errors else ("warning" if warnings else "ok")
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    rules = tuple(
        RuleCount(code, RULES[code].name, RULES[code].summary, RULES[code].fix, count)
        for code, count in sorted(counts.items())
    )
    return PrincipleHealth(number, state, errors, warnings, rules, tuple(findings))


def seen_by(health: Health, audience: Audience) -> Health:
    """``health`` as ``audience`` may see it (:func:`msctool.render.audience.shows`): the
    rules that fired and how often, and the findings themselves only where it may."""
    if shows(audience, "findings"):
        return health
    hidden = {code for code, what in RULES_THAT_SHOW.items() if not shows(audience, what)}
    principles = tuple(_without(p, hidden) for p in health.principles)
    errors = sum(p.errors for p in principles)
    return Health(principles, errors, sum(p.warnings for p in principles))


def _without(principle: PrincipleHealth, hidden: set[str]) -> PrincipleHealth:
    """A principle's health with the rules in ``hidden`` left out, and no findings."""
    kept = [f for f in principle.findings if f.code not in hidden]
    return replace(_principle(principle.number, kept), findings=())
