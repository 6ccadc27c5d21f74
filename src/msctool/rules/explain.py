"""Text for ``msc rules``: the list by principle, and one rule explained."""

from __future__ import annotations

from msctool.errors import UsageError
from msctool.model import Thresholds
from msctool.rules.catalog import PRINCIPLES, RULES, Rule
from msctool.suggest import did_you_mean

DATA_ERRORS_NOTE = "errors always on"
"""What the MSC0xx heading says: its errors cannot be ignored, its warnings can."""
DATA_ERRORS_DOC = (
    "The errors in this group say the files are wrong: they always fail the check and cannot\n"
    "be ignored or turned into warnings. Its warnings (marked configurable) can be ignored\n"
    "or given another severity like any health rule."
)


def list_rules() -> str:
    lines: list[str] = []
    for principle, title in PRINCIPLES.items():
        lines.append(f"{principle} {title}" + (f" ({DATA_ERRORS_NOTE})" if principle == 0 else ""))
        for rule in RULES.values():
            if rule.principle == principle:
                name = f"{rule.name} (configurable)" if _configurable_data_rule(rule) else rule.name
                lines.append(f"  {rule.code}  {rule.severity:<7}  {name}: {rule.summary}")
        lines.append("")
    lines.append("Explain one: msc rules CODE.  Configure: `checks:` in partnership.yaml.")
    return "\n".join(lines) + "\n"


def describe_rule(code: str) -> str:
    rule = RULES.get(code.upper())
    if rule is None:
        raise UsageError(
            f"no rule `{code}`",
            hint=did_you_mean(code.upper(), RULES) or "run `msc rules` to list them",
        )
    principle = f"principle {rule.principle}: {PRINCIPLES[rule.principle]}"
    lines = [
        f"{rule.code} {rule.name} ({rule.severity} by default; {principle})",
        "",
        rule.summary,
        "",
        f"Why: {rule.why}",
        f"Fix: {rule.fix}",
    ]
    if rule.threshold:
        default = Thresholds.model_fields[rule.threshold].default
        lines.append(
            f"Threshold: checks.thresholds.{rule.threshold} in partnership.yaml (default {default})"
        )
    if rule.is_data_error:
        lines.append("This is a data error: it cannot be ignored or turned into a warning.")
    else:
        if _configurable_data_rule(rule):
            lines.append("Unlike the data errors of its group, this warning can be configured.")
        lines.append(
            f"Configure: checks.ignore: [{rule.code}] or checks.severity: {{{rule.code}: error}}"
        )
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    """docs/rules.md: every rule with its why and fix, grouped by principle."""
    lines = [
        "# Rules",
        "",
        "Generated from `msctool.rules.catalog` (`python -m msctool.rules.explain > docs/rules.md`);",
        "`msc rules CODE` prints the same text. Configure rules under `checks:` in",
        "partnership.yaml (see format.md).",
    ]
    for principle, title in PRINCIPLES.items():
        lines += ["", f"## {principle} — {title}"]
        if principle == 0:
            lines += ["", DATA_ERRORS_DOC]
        for rule in RULES.values():
            if rule.principle != principle:
                continue
            kind = (
                f"{rule.severity}, configurable" if _configurable_data_rule(rule) else rule.severity
            )
            lines += ["", f"### {rule.code} {rule.name} ({kind})", "", rule.summary, ""]
            lines += [f"- **Why:** {rule.why}", f"- **Fix:** {rule.fix}"]
            if rule.threshold:
                default = Thresholds.model_fields[rule.threshold].default
                lines.append(
                    f"- **Threshold:** `checks.thresholds.{rule.threshold}` (default {default})"
                )
    return "\n".join(lines) + "\n"


def _configurable_data_rule(rule: Rule) -> bool:
    """A rule of the MSC0xx group that ``checks:`` can ignore or re-grade (MSC013)."""
    return rule.principle == 0 and not rule.is_data_error


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
