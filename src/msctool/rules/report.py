"""Check reports as text, JSON, GitHub workflow annotations or SARIF 2.1.0."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msctool import __version__
from msctool.escaping import terminal_text
from msctool.findings import Finding
from msctool.model.vocabulary import CheckFormat
from msctool.rules.catalog import PRINCIPLES, RULES
from msctool.rules.check import CheckReport

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "hint": "\033[2m", "end": "\033[0m"}


def display_path(report: CheckReport, finding: Finding) -> str:
    """The file as a user can open it: relative to the current folder when it is
    inside the partnership or the partnership inside it, absolute otherwise."""
    path = report.root / finding.file
    cwd = Path.cwd()
    if path.is_relative_to(cwd) or cwd.is_relative_to(report.root):
        return os.path.relpath(path, cwd)
    return str(path)


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding a ``.git`` entry (folder or file)."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def github_path(report: CheckReport, finding: Finding, repo_root: Path | None) -> str:
    """The file as GitHub resolves annotation paths: relative to the repository root;
    outside a repository, as :func:`display_path` shows it."""
    path = report.root.resolve() / finding.file
    if repo_root is None or not path.is_relative_to(repo_root):
        return display_path(report, finding)
    return path.relative_to(repo_root).as_posix()


def to_text(report: CheckReport, quiet: bool = False, colour: bool = False) -> str:
    """One line a finding (its hint below), then a summary; data and file names are
    shown with control characters escaped, so the colours are the only escapes."""
    paint = _painter(colour)
    lines = []
    for f in report.findings:
        where = terminal_text(f"{display_path(report, f)}:{f.line}:{f.column}")
        lines.append(f"{where}: {paint(f.severity, f.code)} {terminal_text(f.message)}")
        if f.hint and not quiet:
            lines.append(paint("hint", terminal_text(f"  hint: {f.hint}")))
    if not quiet:
        lines.append(terminal_text(_summary(report)))
    return "".join(line + "\n" for line in lines)


def _summary(report: CheckReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return f"{report.root.name}: all clear (as of {report.as_of})"
    return (
        f"{report.root.name}: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} (as of {report.as_of})"
    )


def _painter(colour: bool) -> Callable[[str, str], str]:
    if not colour or os.environ.get("NO_COLOR"):
        return lambda _kind, text: text
    return lambda kind, text: f"{_COLOURS[kind]}{text}{_COLOURS['end']}"


def to_json(report: CheckReport) -> str:
    data = {
        "msc_version": __version__,
        "root": str(report.root),
        "as_of": report.as_of.isoformat(),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "findings": [
            {
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
                "hint": f.hint,
                "rule": RULES[f.code].name,
                "principle": RULES[f.code].principle,
            }
            for f in report.findings
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: CheckReport) -> str:
    """GitHub workflow commands: one annotation per finding, paths from the repository root."""
    repo_root = repository_root(report.root) if report.findings else None
    lines = []
    for f in report.findings:
        kind = "error" if f.severity == "error" else "warning"
        props = (
            f"file={_escape_property(github_path(report, f, repo_root))},"
            f"line={f.line},col={f.column},"
            f"title={_escape_property(f.code)}"
        )
        message = f.message + (f"\n{f.hint}" if f.hint else "")
        lines.append(f"::{kind} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def to_sarif(report: CheckReport) -> str:
    """SARIF 2.1.0: one run, one result per finding, every rule described."""
    used = sorted({f.code for f in report.findings})
    rules = [_sarif_rule(code) for code in used]
    results = [_sarif_result(report, f, used.index(f.code)) for f in report.findings]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "msc",
                        "version": __version__,
                        "informationUri": "https://github.com/msc-tools/msctool",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"SRCROOT": {"uri": report.root.as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(code: str) -> dict[str, Any]:
    rule = RULES[code]
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.why} Fix: {rule.fix}"},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"principle": PRINCIPLES[rule.principle]},
    }


def _sarif_result(report: CheckReport, f: Finding, index: int) -> dict[str, Any]:
    text = f.message + (f" Hint: {f.hint}" if f.hint else "")
    return {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": f.severity,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.file, "uriBaseId": "SRCROOT"},
                    "region": {"startLine": f.line, "startColumn": f.column},
                }
            }
        ],
    }


FORMATS: dict[CheckFormat, Callable[[CheckReport], str]] = {
    "json": to_json,
    "github": to_github,
    "sarif": to_sarif,
}


def render_report(
    report: CheckReport, fmt: CheckFormat, *, quiet: bool = False, colour: bool = False
) -> str:
    if fmt == "text":
        return to_text(report, quiet=quiet, colour=colour)
    return FORMATS[fmt](report)
