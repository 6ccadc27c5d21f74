"""``msc check``: load everything, run every rule, return every finding at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from msctool.findings import Finding, Severity
from msctool.loader import LoadResult, load_partnership
from msctool.model import CheckSettings
from msctool.rules.catalog import RULES, matches
from msctool.rules.context import Context


@dataclass(frozen=True)
class CheckReport:
    root: Path
    as_of: date
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def run_check(
    path: Path | str = ".",
    *,
    as_of: date | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> CheckReport:
    """Check the partnership that holds ``path``.

    ``as_of`` is the day date-dependent rules measure against (default today);
    ``select`` and ``ignore`` add to the ``checks:`` settings of partnership.yaml.
    """
    day = as_of or date.today()
    loaded = load_partnership(path)
    findings = list(loaded.findings)
    settings = CheckSettings()
    if loaded.partnership is not None:
        settings = loaded.partnership.meta.checks
        findings.extend(_rule_findings(Context(loaded, loaded.partnership, day)))
    configured = _configure(findings, settings, select, ignore)
    located = _locate(configured, loaded)
    return CheckReport(loaded.root, day, tuple(sorted(located, key=lambda f: f.sort_key)))


def _rule_findings(ctx: Context) -> list[Finding]:
    from msctool.rules.health import HEALTH_RULES
    from msctool.rules.references import check_references

    findings = list(check_references(ctx))
    for rule in HEALTH_RULES.values():
        findings.extend(rule(ctx))
    return findings


def _configure(
    findings: list[Finding],
    settings: CheckSettings,
    select: list[str] | None,
    ignore: list[str] | None,
) -> list[Finding]:
    """Apply select / ignore / severity. Data errors (MSC0xx errors) always stay."""
    chosen = select or settings.select
    skipped = [*settings.ignore, *(ignore or [])]
    kept = []
    for finding in findings:
        rule = RULES[finding.code]
        if rule.is_data_error and finding.severity == "error":
            kept.append(finding)
            continue
        if not matches(finding.code, chosen) or matches(finding.code, skipped):
            continue
        severity = _severity(finding.code, settings) or finding.severity
        if severity != "off":
            kept.append(finding.with_severity(severity))
    return kept


def _severity(code: str, settings: CheckSettings) -> Severity | Literal["off"] | None:
    """The most specific severity setting that names ``code``."""
    best: tuple[int, Severity | Literal["off"]] | None = None
    for selector, severity in settings.severity.items():
        if matches(code, [selector]) and (best is None or len(selector) > best[0]):
            best = (len(selector), severity)
    return best[1] if best else None


def _locate(findings: list[Finding], loaded: LoadResult) -> list[Finding]:
    """Turn YAML paths into lines and columns, parsing positions only where needed."""
    from msctool.positions import PositionIndex

    indexes: dict[str, PositionIndex] = {}
    located = []
    for finding in findings:
        if finding.path is None or finding.line:
            located.append(finding if finding.line else finding.located(1, 1))
            continue
        source = loaded.sources.get(finding.file)
        if source is None:
            located.append(finding.located(1, 1))
            continue
        index = indexes.setdefault(finding.file, PositionIndex(source))
        located.append(finding.located(*index.locate(finding.path, finding.at_key)))
    return located
