"""``msc roi input add|edit`` and ``msc roi outcome add|edit``: roi.yaml changed by
command, comments and layout kept, every result passing ``msc check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from helpers import AS_OF, changed_lines, git, msc, repository
from msctool.edits.roi import (
    InputFields,
    OutcomeFields,
    add_input,
    add_outcome,
    edit_input,
    edit_outcome,
)
from msctool.edits.saving import save
from msctool.errors import UsageError, UserError
from msctool.rules.check import run_check

ROI = """\
# roi.yaml — written by hand
format_version: 1
currency: EUR
period:                     # the working year
  start: 2025-09-01
  end: 2026-08-31
hourly_rate: 45             # euros per hour

inputs:
  - partner: city
    kind: money
    amount: 10000
    description: "Backbone team"
  - partner: city
    kind: hours
    amount: 200             # the programme manager
  - {partner: school, kind: 'in-kind', amount: 500}

outcomes:
  - id: jobs
    name: 'Jobs: "real" ones'
    metric: placements
    quantity: 10
    unit: people
    financial_proxy:
      value: 5000           # benefit savings per year
      source: benefit savings
    deadweight: 0.2         # conservative
    attribution: 0.3
    duration: 2
"""

NEW_OUTCOME = OutcomeFields(
    name="Back at school",
    quantity="12",
    unit="young people",
    proxy="3.500,50",
    proxy_source="Cost of a year out of school (CPB 2024)",
    deadweight="25%",
    attribution="0,4",
    duration="3",
    segment="students",
)


@pytest.fixture
def hand(make_partnership: Any) -> Path:
    root: Path = make_partnership()
    (root / "roi.yaml").write_bytes(ROI.encode("utf-8"))
    assert not run_check(root, as_of=AS_OF).errors
    return root


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_outcome_edit_changes_values_in_place(hand: Path, newline: str) -> None:
    original = ROI.replace("\n", newline)
    (hand / "roi.yaml").write_bytes(original.encode("utf-8"))
    fields = OutcomeFields(deadweight="15%", proxy="5200", drop_off="0.1")
    result = save(edit_outcome(hand, "jobs", fields), as_of=AS_OF)
    after = (hand / "roi.yaml").read_bytes().decode("utf-8")
    assert changed_lines(original, after) == (
        [
            f"      value: 5000           # benefit savings per year{newline}",
            f"    deadweight: 0.2         # conservative{newline}",
        ],
        [
            f"      value: 5200           # benefit savings per year{newline}",
            f"    deadweight: 0.15         # conservative{newline}",
            f"    drop_off: 0.1{newline}",
        ],
    )
    assert result.message == "ROI outcome jobs: financial_proxy, deadweight, drop_off changed"
    assert not run_check(hand, as_of=AS_OF).errors


def test_outcome_add_reads_numbers_and_shares_as_people_type_them(hand: Path) -> None:
    save(add_outcome(hand, "school", NEW_OUTCOME), as_of=AS_OF)
    after = (hand / "roi.yaml").read_text(encoding="utf-8")
    assert after == ROI + (
        "  - id: school\n"
        "    name: Back at school\n"
        "    segment: students\n"
        "    quantity: 12\n"
        "    unit: young people\n"
        "    financial_proxy:\n"
        "      value: 3500.5\n"
        "      source: Cost of a year out of school (CPB 2024)\n"
        "    deadweight: 0.25\n"
        "    attribution: 0.4\n"
        "    duration: 3\n"
    )
    assert not run_check(hand, as_of=AS_OF).errors


def test_input_add_and_edit_by_its_place_among_the_partners_inputs(hand: Path) -> None:
    save(add_input(hand, "school", InputFields("hours", "40", "Teachers")), as_of=AS_OF)
    with pytest.raises(UsageError) as caught:
        edit_input(hand, "city", InputFields(amount="250"))
    assert str(caught.value) == ("`city` has 2 inputs: 1 money 10000 (Backbone team); 2 hours 200")
    assert caught.value.hint == "say which with `number`"
    before = (hand / "roi.yaml").read_text(encoding="utf-8")
    plan = edit_input(hand, "city", InputFields(amount="250", outcomes=("jobs",)), number=2)
    save(plan, as_of=AS_OF)
    after = (hand / "roi.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ["    amount: 200             # the programme manager\n"],
        ["    amount: 250             # the programme manager\n", "    outcomes: [jobs]\n"],
    )
    assert plan.message == "ROI input of city: amount, outcomes changed"
    assert not run_check(hand, as_of=AS_OF).errors


def test_an_input_written_as_a_flow_mapping_is_rewritten_as_a_block(hand: Path) -> None:
    save(edit_input(hand, "school", InputFields(description="Rooms")), as_of=AS_OF)
    after = (hand / "roi.yaml").read_text(encoding="utf-8")
    assert changed_lines(ROI, after) == (
        ["  - {partner: school, kind: 'in-kind', amount: 500}\n"],
        ["  - {partner: school, kind: in-kind, amount: 500, description: Rooms}\n"],
    )
    assert not run_check(hand, as_of=AS_OF).errors


@pytest.mark.parametrize(
    ("call", "error", "message", "hint"),
    [
        (
            lambda r: edit_outcome(r, "job", OutcomeFields(quantity="3")),
            UserError,
            "unknown outcome `job`",
            "did you mean `jobs`?",
        ),
        (
            lambda r: edit_input(r, "scool", InputFields(amount="3")),
            UserError,
            "unknown partner with an ROI input `scool`",
            "did you mean `school`?",
        ),
        (
            lambda r: edit_input(r, "city", InputFields(amount="3"), number=3),
            UsageError,
            "`city` has no input 3",
            "",
        ),
        (
            lambda r: add_input(r, "city", InputFields("time", "3")),
            UsageError,
            "`time` is not one of money, hours, in-kind",
            "",
        ),
        (
            lambda r: add_outcome(r, "jobs", NEW_OUTCOME),
            UserError,
            "there is already an outcome `jobs` in roi.yaml",
            "",
        ),
        (
            lambda r: edit_outcome(r, "jobs", OutcomeFields(deadweight="120%")),
            UserError,
            "nothing written: after this edit `msc check` would report roi.yaml:",
            "",
        ),
        (
            lambda r: edit_outcome(r, "jobs", OutcomeFields(metric="placement")),
            UserError,
            "unknown metric `placement`",
            "did you mean `placements`?",
        ),
        (
            lambda r: edit_outcome(r, "jobs", OutcomeFields(duration="2.5")),
            UsageError,
            "`2.5` is not a whole number",
            "",
        ),
        (
            lambda r: edit_outcome(r, "jobs", OutcomeFields(), clear=("unit",)),
            UsageError,
            "`unit` is not an optional field of an ROI outcome",
            "description, metric, segment",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    hand: Path, call: Any, error: type[Exception], message: str, hint: str
) -> None:
    before = (hand / "roi.yaml").read_bytes()
    with pytest.raises(error) as caught:
        save(call(hand), as_of=AS_OF)
    assert message in str(caught.value)
    assert hint in (getattr(caught.value, "hint", "") or "")
    assert (hand / "roi.yaml").read_bytes() == before


def test_without_roi_yaml_msc_says_what_to_start_it_with(make_partnership: Any) -> None:
    root = make_partnership(roi_yaml=None)
    with pytest.raises(UserError, match=r"there is no roi\.yaml yet") as caught:
        add_input(root, "city", InputFields("money", "5"))
    assert "hourly_rate" in (caught.value.hint or "")
    assert not (root / "roi.yaml").exists()


def test_cli_names_the_flag_for_the_inputs_place(hand: Path) -> None:
    result = msc("roi", "input", "edit", "city", "--amount", "5", "-C", str(hand))
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: error: `city` has 2 inputs: 1 money 10000 (Backbone team); 2 hours 200\n"
        "  hint: say which with --input\n"
    )


def test_commit_holds_the_message_the_trailer_and_only_roi_yaml(
    make_partnership: Any, isolated_git: Path
) -> None:
    root = repository(make_partnership(), message="start")
    result = msc("roi", "outcome", "add", "school", "--name", "Back at school", "--quantity", "12",
                 "--unit", "young people", "--proxy", "3500", "--proxy-source", "CPB",
                 "--deadweight", "25%", "--attribution", "0.4", "--duration", "3", "--commit",
                 "-C", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        git(root, "log", "-1", "--format=%B") == "ROI outcome school added\n\nRoi-Outcome: school"
    )
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == ["roi.yaml"]
    result = msc("roi", "input", "add", "school", "--kind", "hours", "--amount", "40",
                 "--commit", "-C", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert git(root, "log", "-1", "--format=%B") == (
        "ROI input of school: hours 40\n\nRoi-Input: school"
    )
    report = msc("render", "roi", "-C", str(root), "--format", "json", "--as-of", "2026-11-27")
    assert report.exit_code == 0, report.output
    assert '"school"' in report.stdout


@pytest.mark.parametrize("separator", ["\n", "\u2028", "\x85"])
def test_a_line_break_is_refused_in_a_one_line_field_and_kept_in_a_text(
    hand: Path, separator: str
) -> None:
    before = (hand / "roi.yaml").read_bytes()
    with pytest.raises(UserError) as caught:
        save(add_input(hand, "school", InputFields("hours", "4", f"A{separator}B")), as_of=AS_OF)
    assert "would report roi.yaml:" in str(caught.value)
    assert "holds a line break or a control character" in str(caught.value)
    assert (hand / "roi.yaml").read_bytes() == before
    save(edit_outcome(hand, "jobs", OutcomeFields(description=f"A{separator}B")), as_of=AS_OF)
    assert (
        yaml_rs.loads((hand / "roi.yaml").read_text(encoding="utf-8"))["outcomes"][0]["description"]
        == f"A{separator}B"
    )
