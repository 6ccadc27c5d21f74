"""``msc metric add``, ``edit`` and ``target``: the scorecard changed by command, with
comments, quoting and line endings kept; a moved target told by ``msc changes`` and the
next newsletter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, changed_lines, git, msc, repository
from msctool.edits.metrics import MetricFields, add_metric, edit_metric, move_target
from msctool.edits.saving import save
from msctool.errors import UsageError, UserError
from msctool.rules.check import run_check

METRICS = """\
# The scorecard: few metrics, tied to learning.
format_version: 1
metrics:
    # the one that matters most
    -   id: placements
        name: "Young people placed in work"
        perspective: stakeholders
        accountability: performance
        kind: 'better-off'
        unit: people
        direction: up
        baseline: {value: 10, date: 2025-01-01}
        target:
            value: 40        # agreed by the steering group
            date: 2027-01-01
            note: 'first plan, "ambitious"'
        owner: city
        cadence: monthly   # from the city's monthly report
"""

NEW_METRIC = MetricFields(
    name="School drop-out",
    perspective="stakeholders",
    accountability="population",
    kind="better-off",
    unit="%",
    direction="down",
    owner="school",
    cadence="yearly",
    baseline="9,1",
    baseline_date=date(2025, 9, 1),
    target="8.5",
    target_date=date(2027, 7, 31),
    description="Share of pupils who leave school without a diploma.",
    goal="work",
)


@pytest.fixture
def hand(make_partnership: Any) -> Path:
    root: Path = make_partnership()
    (root / "metrics.yaml").write_bytes(METRICS.encode("utf-8"))
    assert not run_check(root, as_of=AS_OF).errors
    return root


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_moved_target_changes_its_value_and_date_in_place(hand: Path, newline: str) -> None:
    original = METRICS.replace("\n", newline)
    (hand / "metrics.yaml").write_bytes(original.encode("utf-8"))
    result = save(move_target(hand, "placements", "45", date(2027, 6, 30)), as_of=AS_OF)
    after = (hand / "metrics.yaml").read_bytes().decode("utf-8")
    assert changed_lines(original, after) == (
        [
            f"            value: 40        # agreed by the steering group{newline}",
            f"            date: 2027-01-01{newline}",
        ],
        [
            f"            value: 45        # agreed by the steering group{newline}",
            f"            date: 2027-06-30{newline}",
        ],
    )
    assert (
        result.message
        == "Metric placements: target 45 people by 2027-06-30 (was 40 people by 2027-01-01)"
    )
    assert result.notes == (
        'the target\'s note stays: “first plan, "ambitious"”; give a new note to replace it',
    )
    assert not run_check(hand, as_of=AS_OF).errors


def test_a_new_note_replaces_the_old_one_and_a_flow_mapping_stays_one(hand: Path) -> None:
    save(move_target(hand, "placements", 41, date(2027, 1, 1), note="raised in May"), as_of=AS_OF)
    after = (hand / "metrics.yaml").read_text(encoding="utf-8")
    assert "            note: raised in May\n" in after
    assert "ambitious" not in after
    plan = edit_metric(hand, "placements", MetricFields(baseline="12", baseline_note="n: 1"))
    save(plan, as_of=AS_OF)  # a flow mapping stays one
    assert changed_lines(after, (hand / "metrics.yaml").read_text(encoding="utf-8")) == (
        ["        baseline: {value: 10, date: 2025-01-01}\n"],
        ["        baseline: {value: 12, date: 2025-01-01, note: 'n: 1'}\n"],
    )
    assert not run_check(hand, as_of=AS_OF).errors


def test_a_metric_without_target_gets_one_where_the_model_puts_it(hand: Path) -> None:
    save(edit_metric(hand, "placements", MetricFields(), clear=("target",)), as_of=AS_OF)
    without = (hand / "metrics.yaml").read_text(encoding="utf-8")
    assert "target" not in without and "agreed by the steering group" not in without
    plan = move_target(hand, "placements", "45,5", date(2027, 6, 30))  # read as 45.5 in en too
    assert plan.message == "Metric placements: target 45.5 people by 2027-06-30"
    save(plan, as_of=AS_OF)
    after = (hand / "metrics.yaml").read_text(encoding="utf-8")
    assert changed_lines(without, after) == (
        [],
        ["        target:\n", "          value: 45.5\n", "          date: 2027-06-30\n"],
    )  # no nested block mapping left in the entry to take the indentation from: two
    assert after.index("target:") > after.index("baseline:")
    assert after.index("target:") < after.index("owner: city")


def test_metric_add_writes_every_field_in_the_files_own_style(hand: Path) -> None:
    result = save(add_metric(hand, "vsv", NEW_METRIC), as_of=AS_OF)
    after = (hand / "metrics.yaml").read_text(encoding="utf-8")
    assert after == METRICS + (
        "    -   id: vsv\n"
        "        name: School drop-out\n"
        "        description: Share of pupils who leave school without a diploma.\n"
        "        perspective: stakeholders\n"
        "        accountability: population\n"
        "        kind: better-off\n"
        "        unit: '%'\n"
        "        direction: down\n"
        "        baseline:\n"
        "            value: 9.1\n"
        "            date: 2025-09-01\n"
        "        target:\n"
        "            value: 8.5\n"
        "            date: 2027-07-31\n"
        "        owner: school\n"
        "        cadence: yearly\n"
        "        goal: work\n"
    )
    assert result.message == "Metric vsv added, kept by school"
    assert not run_check(hand, as_of=AS_OF).errors


def test_metric_edit_replaces_values_in_place_and_keeps_comments(hand: Path) -> None:
    fields = MetricFields(name="Placed in work", cadence="quarterly", scorecard=False)
    result = save(edit_metric(hand, "placements", fields), as_of=AS_OF)
    after = (hand / "metrics.yaml").read_text(encoding="utf-8")
    assert changed_lines(METRICS, after) == (
        [
            '        name: "Young people placed in work"\n',
            "        cadence: monthly   # from the city's monthly report\n",
        ],
        [
            "        name: Placed in work\n",
            "        cadence: quarterly   # from the city's monthly report\n",
            "        scorecard: false\n",
        ],
    )
    assert result.message == "Metric placements: name, cadence, scorecard changed"


@pytest.mark.parametrize(
    ("call", "error", "message", "hint"),
    [
        (
            lambda r: move_target(r, "placement", "45", AS_OF),
            UserError,
            "unknown metric `placement`",
            "did you mean `placements`?",
        ),
        (
            lambda r: move_target(r, "placements", "about 45", AS_OF),
            UsageError,
            "`about 45` is not a number",
            "",
        ),
        (
            lambda r: move_target(r, "placements", "40", date(2027, 1, 1)),
            UserError,
            "nothing to change: the target of `placements` is already 40 by 2027-01-01",
            "",
        ),
        (
            lambda r: add_metric(r, "placements", NEW_METRIC),
            UserError,
            "there is already a metric `placements` in metrics.yaml",
            "",
        ),
        (
            lambda r: add_metric(r, "School Drop-out", NEW_METRIC),
            UsageError,
            "metric id `School Drop-out` is not a valid id",
            "try `school-drop-out`",
        ),
        (
            lambda r: add_metric(r, "vsv", MetricFields(name="V")),
            UsageError,
            "a new metric needs perspective, accountability, kind, unit, direction, owner, cadence",
            "give `perspective`",
        ),
        (
            lambda r: edit_metric(r, "placements", MetricFields(), clear=("owner",)),
            UsageError,
            "`owner` is not an optional field of a metric",
            "description, baseline, target, goal",
        ),
        (
            lambda r: edit_metric(r, "placements", MetricFields(kind="better off")),
            UsageError,
            "`better off` is not one of how-much, how-well, better-off",
            "did you mean `better-off`?",
        ),
        (
            lambda r: edit_metric(r, "placements", MetricFields(baseline_date=date(2025, 1, 1))),
            UserError,
            "nothing to change",
            "",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    hand: Path, call: Any, error: type[Exception], message: str, hint: str
) -> None:
    with pytest.raises(error) as caught:
        call(hand)
    assert message in str(caught.value)
    assert hint in (getattr(caught.value, "hint", "") or "")


def test_an_edit_msc_check_would_call_an_error_writes_nothing(hand: Path) -> None:
    before = (hand / "metrics.yaml").read_bytes()
    with pytest.raises(UserError) as caught:
        save(edit_metric(hand, "placements", MetricFields(owner="scool")), as_of=AS_OF)
    assert "nothing written: after this edit `msc check` would report metrics.yaml:" in str(
        caught.value
    )
    assert "unknown partner `scool`" in str(caught.value)
    assert caught.value.hint == "did you mean `school`?"
    with pytest.raises(UserError, match="MSC006 name: holds a line break"):
        edit_metric(hand, "placements", MetricFields(name="two\nlines"))
    assert (hand / "metrics.yaml").read_bytes() == before


def test_cli_names_the_flag_of_a_missing_date(hand: Path) -> None:
    result = msc("metric", "edit", "placements", "--target", "50", "-C", str(hand))
    assert result.exit_code == 0, result.output  # the date stays
    result = msc("metric", "add", "vsv", "--name", "V", "--perspective", "stakeholders",
                 "--accountability", "population", "--kind", "how-much", "--unit", "%",
                 "--direction", "down", "--owner", "city", "--cadence", "yearly",
                 "--target", "8", "-C", str(hand))  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: error: --target: a value needs the day it holds for\n  hint: give --by (YYYY-MM-DD)\n"
    )


# -- --commit, msc changes and the newsletter ----------------------------------------


@pytest.fixture
def repo(make_partnership: Any, isolated_git: Path) -> Path:
    return repository(make_partnership(), "2026-09-15", message="start")


def _on(day: str) -> dict[str, str]:
    noon = f"{day}T12:00:00+00:00"
    return {"GIT_AUTHOR_DATE": noon, "GIT_COMMITTER_DATE": noon}


def test_commit_holds_the_message_the_trailers_and_only_metrics_yaml(repo: Path) -> None:
    (repo / "roi.yaml").write_text((repo / "roi.yaml").read_text() + "# mine\n")
    result = msc("metric", "target", "placements", "45", "--by", "2027-06-30", "--commit",
                 "-C", str(repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert git(repo, "log", "-1", "--format=%B") == (
        "Metric placements: target 45 people by 2027-06-30 (was 40 people by 2027-01-01)\n\n"
        "Metric: placements\nTarget: 45 by 2027-06-30"
    )
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["metrics.yaml"]
    assert git(repo, "status", "--porcelain") == " M roi.yaml"


def test_a_dutch_partnership_commits_in_dutch(make_partnership: Any, isolated_git: Path) -> None:
    root = repository(
        make_partnership(lambda files: files["partnership.yaml"].update(language="nl"))
    )
    result = msc("metric", "target", "placements", "45,5", "--by", "2027-06-30", "--commit",
                 "-C", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert git(root, "log", "-1", "--format=%s") == (
        "Metriek placements: doel 45,5 people uiterlijk 2027-06-30 "
        "(was 40 people uiterlijk 2027-01-01)"
    )


def test_a_moved_target_is_told_by_msc_changes_and_the_next_newsletter(repo: Path) -> None:
    args = ("metric", "target", "placements", "45", "--by", "2027-06-30", "--commit")
    assert msc(*args, "-C", str(repo), env=_on("2026-11-10")).exit_code == 0
    changes = msc("changes", "-C", str(repo), "--since", "2026-10-01")
    assert changes.exit_code == 0, changes.output
    assert (
        "metric Young people placed in work (placements): target 40 people by 2027-01-01 "
        "→ 45 people by 2027-06-30" in changes.stdout
    )
    news = msc("render", "newsletter", "-C", str(repo), "--as-of", "2026-11-27", "-o", "-")
    assert news.exit_code == 0, news.output
    assert (
        "**New target for Young people placed in work.** The target is now 45 by June 2027; "
        "it was 40 by January 2027." in news.stdout
    )
