"""Report formats: text, JSON, GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

from helpers import AS_OF, MakeP
from msctool.rules.check import CheckReport, run_check
from msctool.rules.report import render_report

GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=MSC\d{3}::[^\n]+$")


@pytest.fixture
def report(make_partnership: MakeP, monkeypatch: pytest.MonkeyPatch) -> CheckReport:
    def edit(files: dict[str, Any]) -> None:
        files["activities.yaml"]["activities"][0]["raci"]["accountable"] = "cty"
        files["partnership.yaml"]["purpose"]["reaffirmed"] = "2024-01-01"

    root = make_partnership(edit)
    monkeypatch.chdir(root.parent)
    return run_check(root, as_of=AS_OF)


def test_text_lists_findings_with_hints_and_a_summary(report: CheckReport) -> None:
    text = render_report(report, "text")
    assert text.splitlines() == [
        "p/activities.yaml:9:18: MSC009 unknown partner `cty`",
        "  hint: did you mean `city`?",
        "p/partnership.yaml:12:15: MSC101 purpose last reaffirmed 1061 days ago (2024-01-01); "
        "the limit is 365 days",
        "  hint: Put the purpose on the next steering agenda and update `purpose.reaffirmed`.",
        "p: 1 error, 1 warning (as of 2026-11-27)",
    ]


def test_quiet_text_has_only_finding_lines(report: CheckReport) -> None:
    lines = render_report(report, "text", quiet=True).splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["MSC009", "MSC101"]


def test_colour_only_when_asked(report: CheckReport) -> None:
    assert "\033[" not in render_report(report, "text")
    assert "\033[1;31mMSC009\033[0m" in render_report(report, "text", colour=True)


def test_json_parses_and_carries_every_finding(report: CheckReport) -> None:
    data = json.loads(render_report(report, "json"))
    assert data["errors"] == 1 and data["warnings"] == 1
    assert data["as_of"] == "2026-11-27"
    first = data["findings"][0]
    assert first == {
        "file": "activities.yaml",
        "line": 9,
        "column": 18,
        "code": "MSC009",
        "severity": "error",
        "message": "unknown partner `cty`",
        "hint": "did you mean `city`?",
        "rule": "broken-reference",
        "principle": 0,
    }


def test_github_lines_match_the_annotation_syntax(report: CheckReport) -> None:
    lines = render_report(report, "github").splitlines()
    assert len(lines) == 2
    assert all(GITHUB_LINE.match(line) for line in lines), lines
    assert lines[0].startswith("::error file=p/activities.yaml,line=9,col=18,title=MSC009::")
    assert lines[1].startswith("::warning ")
    assert "%0A" in lines[0]  # the hint rides on a second line, escaped


def test_github_escapes_commas_and_newlines_in_properties() -> None:
    from msctool.rules.report import _escape_property

    assert _escape_property("a,b:c\nd%") == "a%2Cb%3Ac%0Ad%25"


SARIF_MINI_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {"driver": {"type": "object", "required": ["name", "rules"]}},
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "level", "message", "locations"],
                            "properties": {
                                "level": {"enum": ["error", "warning", "note", "none"]},
                                "message": {"required": ["text"]},
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_is_2_1_0_with_one_result_per_finding(report: CheckReport) -> None:
    log = json.loads(render_report(report, "sarif"))
    jsonschema.validate(log, SARIF_MINI_SCHEMA)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert len(run["results"]) == len(report.findings) == 2
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 9, "startColumn": 18}


def test_clean_report_says_all_clear(make_partnership: MakeP) -> None:
    report = run_check(make_partnership(), as_of=AS_OF)
    assert render_report(report, "text").endswith("p: all clear (as of 2026-11-27)\n")
    assert render_report(report, "github") == ""
    assert json.loads(render_report(report, "sarif"))["runs"][0]["results"] == []
