"""``msc check``: load everything, run every rule, return every finding at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from msctool.days import today
from msctool.errors import UsageError, UserError
from msctool.findings import Finding, Severity, first_errors
from msctool.load.collector import paused
from msctool.load.loader import LoadResult, load_partnership
from msctool.model import CheckSettings, Partnership
from msctool.rules.catalog import RULES, matches
from msctool.rules.context import Context
from msctool.suggest import did_you_mean


@dataclass(frozen=True)
class CheckReport:
    root: Path
    as_of: date
    findings: tuple[Finding, ...]
    loaded: LoadResult | None = field(default=None, compare=False, repr=False)
    """What was loaded (its ``partnership`` holds the valid entries), for callers
    that go on to use the data, so they need not load it twice."""

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

    ``as_of`` is the day date-dependent rules measure against (default today,
    :func:`msctool.days.today`);
    ``select`` replaces the ``select`` of the ``checks:`` settings in
    partnership.yaml; ``ignore`` adds to their ``ignore``.
    """
    _check_selectors([*(select or []), *(ignore or [])])
    day = as_of or today()
    return check_loaded(load_partnership(path), as_of=day, select=select, ignore=ignore)


def check_loaded(
    loaded: LoadResult,
    *,
    as_of: date,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> CheckReport:
    """Run every rule on what :func:`~msctool.load.loader.load_partnership` (or
    :func:`~msctool.load.loader.load_tree`) loaded, as :func:`run_check` does."""
    with paused():
        findings = [*loaded.findings, *_rule_findings(loaded, as_of)]
    settings = CheckSettings()
    if loaded.partnership is not None:
        settings = loaded.partnership.meta.checks
        findings.extend(_settings_findings(settings))
    configured = _configure(findings, settings, select, ignore)
    located = _locate(configured, loaded)
    return CheckReport(loaded.root, as_of, tuple(_sorted(located)), loaded)


def load_valid(path: Path | str, as_of: date) -> Partnership:
    """The partnership at ``path`` for renders; a :class:`UserError` naming the first
    errors when the data has any, checked as of ``as_of`` (health warnings do not
    stop a render)."""
    loaded = load_partnership(path)
    found = [*loaded.findings, *_rule_findings(loaded, as_of)]
    errors = _sorted(_locate([f for f in found if f.severity == "error"], loaded))
    if loaded.partnership is None or errors:
        raise UserError(
            f"the partnership has errors: {first_errors(errors)}",
            hint="run `msc check` for all of them with hints, fix them, and render again",
        )
    return loaded.partnership


def _sorted(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def _rule_findings(loaded: LoadResult, day: date) -> list[Finding]:
    """References between files always; health rules when partnership.yaml is valid."""
    from msctool.rules.health import run_health_rules
    from msctool.rules.references import check_references

    if loaded.entries is None:
        return []
    ctx = Context(loaded, loaded.entries, day, root_valid=loaded.partnership is not None)
    findings = list(check_references(ctx))
    if ctx.root_valid:
        findings.extend(run_health_rules(ctx))
    return findings


def known_selector(selector: str) -> bool:
    """``ALL``, or a code or code prefix that names at least one rule."""
    return selector == "ALL" or any(code.startswith(selector.upper()) for code in RULES)


def _check_selectors(selectors: list[str]) -> None:
    for selector in selectors:
        if not known_selector(selector):
            raise UsageError(
                f"`{selector}` names no rule",
                hint=did_you_mean(selector.upper(), RULES) or "run `msc rules` to list the codes",
            )


def _settings_findings(settings: CheckSettings) -> Iterator[Finding]:
    """Codes in the `checks:` section that name no rule would silently do nothing."""
    for key in ("select", "ignore"):
        for index, selector in enumerate(getattr(settings, key)):
            if not known_selector(selector):
                yield _unknown_selector(selector, ("checks", key, index), at_key=False)
            elif key == "ignore" and _names_data_errors(selector):
                yield _fixed_selector(selector, ("checks", key, index), at_key=False)
    for selector, severity in settings.severity.items():
        if not known_selector(selector):
            yield _unknown_selector(selector, ("checks", "severity", selector), at_key=True)
        elif severity != "error" and _names_data_errors(selector):
            yield _fixed_selector(selector, ("checks", "severity", selector), at_key=True)


def _names_data_errors(selector: str) -> bool:
    return selector != "ALL" and any(
        rule.is_data_error for code, rule in RULES.items() if matches(code, [selector])
    )


def _fixed_selector(selector: str, path: tuple[str | int, ...], at_key: bool) -> Finding:
    return Finding(
        "MSC006",
        f"`{selector}` names data errors, which cannot be ignored or turned down",
        "partnership.yaml",
        hint="fix the data instead; only health warnings (MSC1xx-MSC6xx) can be configured",
        path=path,
        at_key=at_key,
    )


def _unknown_selector(selector: str, path: tuple[str | int, ...], at_key: bool) -> Finding:
    return Finding(
        "MSC006",
        f"`{selector}` names no rule",
        "partnership.yaml",
        hint=did_you_mean(selector.upper(), RULES) or "use a code or prefix from `msc rules`",
        path=path,
        at_key=at_key,
    )


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
    located = []
    for finding in findings:
        if finding.line:
            located.append(finding)
        elif finding.path is None:
            located.append(finding.located(1, 1))
        else:
            located.append(
                finding.located(*loaded.position(finding.file, finding.path, finding.at_key))
            )
    return located
