"""``msc get`` / ``msc set``: one path syntax over the model; a set keeps every other
byte of the file and must pass ``msc check`` (msctool.edits.paths)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import AS_OF, changed_lines, git, msc, repository
from msctool.edits.paths import get_value, kinds
from msctool.edits.saving import save
from msctool.edits.setvalue import set_value
from msctool.errors import UsageError, UserError
from msctool.load.loader import KIND_FILES
from msctool.rules.check import run_check

HAND_WRITTEN = """\
# partners — written by hand, in an unusual style
format_version: 1

partners:   # the list
- id: city                 # an indentless list
  name: 'City of "Somewhere"'
  sector: "public"
  joined: 2025-01-01
  representatives: [{name: Ann}]
  gives:
  - {kind: hours, description: coordination, amount: 100}
  gets: [ {description: 'a network'} ]


- id: school
  name: School
  sector: civil
  website: "https://school.example"   # kept up to date by Bob
  joined: 2025-01-01   # joined late
  representatives:
  - name: Bob
  gives: [{kind: money, description: "funds", amount: 5}]
  gets:
  - description: people
  # still about the school

# end of file
"""


@pytest.fixture
def hand(make_partnership: Any) -> Path:
    root: Path = make_partnership()
    (root / "partners.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    assert not run_check(root, as_of=AS_OF).errors
    return root


def _set(root: Path, path: str, value: str | None) -> None:
    save(set_value(root, path, value), as_of=AS_OF)


# -- the paths ---------------------------------------------------------------------


def test_every_list_of_entries_with_ids_is_a_kind_in_the_file_the_loader_reads() -> None:
    assert {name: kind.rel for name, kind in kinds().items()} == KIND_FILES
    assert kinds()["segment"].path == ("target_population", "segments")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("partner:city.name", "City"),
        ("partner:school.representatives.0.name", "Ann"),
        ("partner:school.representatives[0].name", "Ann"),
        ("metric:placements.target.value", 40),
        ("metric:placements.target.date", date(2027, 1, 1)),
        ("activity:newsletter.raci.informed", ["school"]),
        ("segment:students.name", "Students"),
        ("body:steering.members", ["city", "school"]),
        ("partnership.purpose.reaffirmed", date(2026, 6, 1)),
        ("roi.hourly_rate", 45),
        ("outcome:jobs.financial_proxy.value", 5000),
    ],
)
def test_get_reads_the_value_as_the_file_holds_it(
    make_partnership: Any, path: str, value: Any
) -> None:
    assert get_value(make_partnership(), path).value == value


def test_get_gives_the_models_default_for_a_field_not_written(make_partnership: Any) -> None:
    root = make_partnership()
    status = get_value(root, "activity:newsletter.status")
    assert (status.value, status.default) == ("active", True)
    assert get_value(root, "partnership.checks.thresholds.scorecard_cap").value == 7
    assert get_value(root, "partner:city.website").value is None


@pytest.mark.parametrize(
    ("path", "message", "hint"),
    [
        ("parnter:city.name", "unknown kind `parnter`", "did you mean `partner`?"),
        ("partner:city.webiste", "partner:city has no field `webiste`", "`website`"),
        ("partnershp.name", "unknown file `partnershp`", "`partners` or `partnership`?"),
        ("partner:City.name", "`City` in `partner:City.name` is not an id", "KIND:ID"),
        ("partner:city..name", "has an empty field name", "KIND:ID"),
        ("partner:city.name.first", "is a single value: it has no `first`", None),
        ("partner:city.gives.x", "partner:city.gives is a list", "`partner:city.gives.0`"),
    ],
)
def test_a_path_the_model_does_not_know_is_refused_with_what_it_knows(
    make_partnership: Any, path: str, message: str, hint: str | None
) -> None:
    with pytest.raises(UsageError) as caught:
        get_value(make_partnership(), path)
    assert message in caught.value.message
    assert caught.value.field == "path"
    if hint is not None:
        assert hint in (caught.value.hint or caught.value.message)


def test_an_unknown_id_lists_every_near_match(make_partnership: Any) -> None:
    def more(files: dict[str, Any]) -> None:
        for ident in ("school-a", "school-b"):
            files["partners.yaml"]["partners"].append(
                {**files["partners.yaml"]["partners"][0], "id": ident}
            )

    with pytest.raises(UserError) as caught:
        get_value(make_partnership(more), "partner:school-c.name")
    assert caught.value.message == "unknown partner `school-c`"
    assert caught.value.hint == "did you mean `school`, `school-a` or `school-b`?"


# -- set: only the one line changes ------------------------------------------------


def test_set_replaces_a_value_in_place_and_keeps_its_comment_and_quotes(hand: Path) -> None:
    before = (hand / "partners.yaml").read_text(encoding="utf-8")
    _set(hand, "partner:school.website", "https://school.example/new")
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ['  website: "https://school.example"   # kept up to date by Bob\n'],
        ["  website: https://school.example/new   # kept up to date by Bob\n"],
    )


def test_set_adds_a_missing_field_where_the_model_puts_it(hand: Path) -> None:
    before = (hand / "partners.yaml").read_text(encoding="utf-8")
    _set(hand, "partner:city.website", "https://city.example")
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == ([], ["  website: https://city.example\n"])
    assert after.index("website:") > after.index("joined: 2025-01-01")
    assert after.index("website:") < after.index("representatives: [{name: Ann}]")


def test_set_keeps_crlf_line_endings(hand: Path) -> None:
    path = hand / "partners.yaml"
    path.write_bytes(HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    _set(hand, "partner:school.name", "School of 'Life'")
    after = path.read_bytes().decode("utf-8")
    assert after.count("\r\n") == HAND_WRITTEN.count("\n")
    assert "\n" not in after.replace("\r\n", "")
    assert get_value(hand, "partner:school.name").value == "School of 'Life'"


def test_set_makes_the_mappings_on_the_way(make_partnership: Any) -> None:
    root = make_partnership()
    _set(root, "partnership.checks.thresholds.scorecard_cap", "5")
    text = (root / "partnership.yaml").read_text(encoding="utf-8")
    assert "checks:\n  thresholds:\n    scorecard_cap: 5\n" in text
    assert get_value(root, "partnership.checks.thresholds.scorecard_cap").value == 5


def test_set_types_the_value_by_its_field(make_partnership: Any) -> None:
    def dutch(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["language"] = "nl"

    root = make_partnership(dutch)
    _set(root, "metric:placements.target.value", "42,5")
    _set(root, "metric:placements.target.date", "2027-06-30")
    _set(root, "metric:placements.scorecard", "nee")
    _set(root, "body:steering.members", "school, city")
    with pytest.raises(UsageError, match="could be 1200"):
        set_value(root, "segment:students.size", "1.200")
    _set(root, "segment:students.size", "1200")
    got = {
        path: get_value(root, path).value
        for path in (
            "metric:placements.target.value",
            "metric:placements.target.date",
            "metric:placements.scorecard",
            "body:steering.members",
            "segment:students.size",
        )
    }
    assert got == {
        "metric:placements.target.value": 42.5,
        "metric:placements.target.date": date(2027, 6, 30),
        "metric:placements.scorecard": False,
        "body:steering.members": ["school", "city"],
        "segment:students.size": 1200,
    }


def test_set_replaces_one_item_of_a_list(make_partnership: Any) -> None:
    root = make_partnership()
    _set(root, "activity:jobs-fair.raci.responsible.0", "school")
    assert get_value(root, "activity:jobs-fair.raci.responsible").value == ["school"]


def test_unset_removes_the_field_and_only_its_line(hand: Path) -> None:
    before = (hand / "partners.yaml").read_text(encoding="utf-8")
    _set(hand, "partner:school.website", None)
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ['  website: "https://school.example"   # kept up to date by Bob\n'],
        [],
    )
    with pytest.raises(UserError, match=r"not written in partners\.yaml"):
        set_value(hand, "partner:school.website", None)


# -- set: refusals -----------------------------------------------------------------


def test_a_set_msc_check_would_refuse_writes_nothing(make_partnership: Any) -> None:
    root = make_partnership()
    before = (root / "partnership.yaml").read_bytes()
    with pytest.raises(UserError) as caught:
        save(set_value(root, "body:steering.members", "city, scool"), as_of=AS_OF)
    assert "nothing written: after this edit `msc check` would report" in caught.value.message
    assert "scool" in caught.value.message
    assert (root / "partnership.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("activity:newsletter.status", "finished", "`finished` is not one of planned"),
        ("metric:placements.target.date", "next year", "`next year` is not a date"),
        ("segment:students.size", "12.5", "is not a whole number"),
        ("metric:placements.target", "12", "is a group of fields: set one of them"),
        ("partner:city.id", "town", "does not change ids"),
        ("partner:city", "x", "is a whole partner"),
        ("partners.format_version", "2", "the format version is msc's to change"),
    ],
)
def test_a_value_that_does_not_fit_the_field_is_refused(
    make_partnership: Any, path: str, value: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        set_value(make_partnership(), path, value)
    assert message in caught.value.message


def test_a_value_the_model_refuses_names_the_finding(make_partnership: Any) -> None:
    with pytest.raises(UserError) as caught:
        set_value(make_partnership(), "partner:city.left", "2020-01-01")
    assert caught.value.message == (
        "nothing written: partners.yaml would not pass `msc check`: MSC006 partners: "
        "`left` (2020-01-01) is before `joined` (2025-01-01) (at `partners.0`)"
    )


# -- the command line --------------------------------------------------------------


def test_cli_get_prints_text_and_json(make_partnership: Any) -> None:
    root = str(make_partnership())
    assert msc("get", "partner:city.name", "-C", root).stdout == "City\n"
    assert msc("get", "body:steering.members", "-C", root).stdout == "- city\n- school\n"
    result = msc("get", "metric:placements.target", "--format", "json", "-C", root)
    assert json.loads(result.stdout) == {"value": 40, "date": "2027-01-01"}
    assert msc("get", "partner:city.website", "-C", root).stdout == ""
    assert msc("get", "partner:city.website", "--format", "json", "-C", root).stdout == "null\n"


def test_cli_errors_name_the_argument_and_never_trace(make_partnership: Any) -> None:
    root = str(make_partnership())
    result = msc("get", "partner:city.webiste", "-C", root)
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: error: PATH: partner:city has no field `webiste`\n  hint: did you mean `website`?\n"
    )
    result = msc("set", "activity:newsletter.status", "finishd", "-C", root)
    assert result.exit_code == 2
    assert "VALUE: `finishd` is not one of" in result.stderr
    assert "did you mean `finished`" not in result.stderr
    assert msc("set", "partner:city.website", "-C", root).exit_code == 2


def test_cli_set_dry_run_shows_the_diff(make_partnership: Any) -> None:
    root = make_partnership()
    before = (root / "partners.yaml").read_bytes()
    result = msc(
        "set", "partner:city.website", "https://city.example", "--dry-run", "-C", str(root)
    )
    assert result.exit_code == 0, result.output
    assert "\n+  website: https://city.example\n" in result.stdout
    assert (root / "partners.yaml").read_bytes() == before


def test_cli_set_commit_holds_only_the_file_and_says_what_changed(
    make_partnership: Any, isolated_git: Path
) -> None:
    root = repository(make_partnership(), message="start")
    (root / "metrics.yaml").write_text((root / "metrics.yaml").read_text() + "# mine\n")
    result = msc("set", "activity:jobs-fair.status", "paused", "--commit", "-C", str(root))
    assert result.exit_code == 0, result.output
    assert git(root, "log", "-1", "--format=%s").strip() == (
        "Set activity:jobs-fair.status to paused"
    )
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == ["activities.yaml"]
    result = msc("set", "partner:city.website", "--unset", "-C", str(root))
    assert result.exit_code == 1
    assert "not written in partners.yaml" in result.stderr


def test_cli_set_commits_in_the_partnerships_language(
    make_partnership: Any, isolated_git: Path
) -> None:
    def dutch(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["language"] = "nl"

    root = repository(make_partnership(dutch), message="start")
    result = msc("set", "metric:placements.target.value", "45", "--commit", "-C", str(root))
    assert result.exit_code == 0, result.output
    message = git(root, "log", "-1", "--format=%s").strip()
    assert message == "metric:placements.target.value is nu 45"


def test_set_reaches_lists_without_ids_by_their_place(make_partnership: Any) -> None:
    root = make_partnership()
    _set(root, "roi.inputs.0.amount", "12500")
    _set(root, "partnership.purpose.statement", "Help every young person into work.")
    assert get_value(root, "roi.inputs[0].amount").value == 12500
    assert get_value(root, "partnership.purpose.statement").value == (
        "Help every young person into work."
    )
    with pytest.raises(UserError, match="has no item 3"):
        get_value(root, "roi.inputs.3.amount")


def test_a_value_inside_a_flow_mapping_is_refused_with_a_way_out(hand: Path) -> None:
    with pytest.raises(UserError) as caught:
        set_value(hand, "partner:city.representatives.0.role", "Mayor")
    assert "cannot find a block mapping at partners.0.representatives.0" in caught.value.message
    assert "one `key: value` per line" in (caught.value.hint or "")


def test_a_list_keeps_its_block_or_flow_style(make_partnership: Any) -> None:
    root = make_partnership()
    before = (root / "partnership.yaml").read_text(encoding="utf-8")
    _set(root, "partnership.values", "straight talk, learn from data")
    _set(root, "body:steering.members", "school")
    after = (root / "partnership.yaml").read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == ["  - city\n"]
    assert added == ["- learn from data\n"]
    assert get_value(root, "body:steering.members").value == ["school"]


WORDS = [
    "partner:city", "partner:school", "activity:newsletter", "metric:placements",
    "body:steering", "segment:students", "goal:work", "outcome:jobs", "engagement:panel-nov",
    "partnership", "roi", "partners", "representatives", "0", "1", "[2]", "name", "members",
    "target", "value", "date", "status", "raci", "informed", "checks", "severity", "MSC101",
    "gives", "amount", "id", "format_version", "purpose", "statement", "inputs", "x",
]  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.sampled_from(WORDS), min_size=1, max_size=5),
    value=st.one_of(st.none(), st.sampled_from(["", "12", "1,5", "2026-01-01", "a, b", "ja", "x"])),
)
def test_any_path_and_value_is_a_result_or_a_clear_error(
    make_partnership: Any, parts: list[str], value: str | None
) -> None:
    root = make_partnership()
    path = ".".join(parts).replace(".[", "[")
    try:
        get_value(root, path)
    except (UsageError, UserError) as error:
        assert str(error).strip(), "an error says what is wrong"
    before = {f.name: f.read_bytes() for f in root.glob("*.yaml")}
    try:
        result = save(set_value(root, path, value))
    except (UsageError, UserError) as error:
        assert str(error).strip(), "an error says what is wrong"
        assert {f.name: f.read_bytes() for f in root.glob("*.yaml")} == before
    else:
        assert len(result.files) == 1 and result.files[0] in before  # one file, one value


def test_a_private_value_and_a_long_one_stay_out_of_the_commit_message(
    make_partnership: Any,
) -> None:
    root = make_partnership()
    plan = set_value(root, "partner:city.representatives.0.phone", "+31 6 1234 5678")
    assert plan.message == "Changed partner:city.representatives.0.phone"
    plan = set_value(root, "partner:city.notes", "call before noon")
    assert plan.message == "Changed partner:city.notes"
    plan = set_value(root, "goal:work.description", "line one\nline two " + "x" * 80)
    assert plan.message == "Set goal:work.description to line one line two " + "x" * 41 + "…"


def test_get_reads_a_decision_records_front_matter(make_partnership: Any) -> None:
    root = make_partnership()
    assert get_value(root, "decision:1.status").value == "accepted"
    assert get_value(root, "decision:0001.title").value == "Keep the partnership as code"
    assert get_value(root, "decision:1.supersedes").value == []
    with pytest.raises(UserError) as caught:
        get_value(root, "decision:7.status")
    assert (caught.value.message, caught.value.hint) == (
        "unknown decision `7`",
        "the records are numbered 1 to 1",
    )
    with pytest.raises(UsageError, match="does not change decision records"):
        set_value(root, "decision:1.status", "withdrawn")
