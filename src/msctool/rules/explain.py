"""Text for ``msc rules``: the list by principle, and one rule explained."""

from __future__ import annotations

from msctool.errors import UserError
from msctool.model import Thresholds
from msctool.rules.catalog import PRINCIPLES, RULES
from msctool.suggest import did_you_mean


def list_rules() -> str:
    lines: list[str] = []
    for principle, title in PRINCIPLES.items():
        lines.append(f"{principle} {title}" if principle else "Data errors (always on)")
        for rule in RULES.values():
            if rule.principle == principle:
                lines.append(f"  {rule.code}  {rule.severity:<7}  {rule.name}: {rule.summary}")
        lines.append("")
    lines.append("Explain one: msc rules CODE.  Configure: `checks:` in partnership.yaml.")
    return "\n".join(lines) + "\n"


def describe_rule(code: str) -> str:
    rule = RULES.get(code.upper())
    if rule is None:
        raise UserError(
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
        lines += ["", f"## {principle} — {title}" if principle else "## Data errors (always on)"]
        for rule in RULES.values():
            if rule.principle != principle:
                continue
            lines += ["", f"### {rule.code} {rule.name} ({rule.severity})", "", rule.summary, ""]
            lines += [f"- **Why:** {rule.why}", f"- **Fix:** {rule.fix}"]
            if rule.threshold:
                default = Thresholds.model_fields[rule.threshold].default
                lines.append(
                    f"- **Threshold:** `checks.thresholds.{rule.threshold}` (default {default})"
                )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
