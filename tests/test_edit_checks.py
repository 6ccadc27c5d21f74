"""An edit's check of the partnership, when it reads each file once.

An edit checks the partnership as it will be, and, when that has errors, as it is,
reading the files it does not change once for both (a memo of the readings); it
checks only the entries it changes against the model before writing them. These
tests hold that the outcome is the one a full reading gives: old errors never
block an edit, new errors always do, and each is reported where it is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from helpers import AS_OF
from msctool.edits.activities import Assignment, NewActivity, add_activity, assign
from msctool.edits.common import EditedFile, refuse_new_findings
from msctool.edits.partners import NewPartner, add_partner, leave_partner
from msctool.edits.recording import record
from msctool.edits.saving import EditPlan, ParsedText, check_plan, save
from msctool.errors import UserError
from msctool.load.loader import load_partnership
from msctool.load.memo import ReadMemo
from msctool.rules.check import check_loaded, run_check


def _bad_owner(files: dict[str, Any]) -> None:
    """An old error in metrics.yaml: the owner is no partner."""
    files["metrics.yaml"]["metrics"][0]["owner"] = "nobody"


def _bad_row(files: dict[str, Any]) -> None:
    """An old error in a data file: a row for a metric metrics.yaml does not have."""
    files["data/placements.csv"] += "retired-metric,2026-11-01,3,city\n"


def _with_third_partner(files: dict[str, Any], name: str) -> None:
    third = {**files["partners.yaml"]["partners"][0], "id": "club", "name": name}
    files["partners.yaml"]["partners"].append(third)


@pytest.mark.parametrize("old_error", [_bad_owner, _bad_row])
def test_an_edit_that_adds_an_error_is_refused_when_the_partnership_has_errors(
    make_partnership: Any, old_error: Any
) -> None:
    root = make_partnership(old_error)
    assert run_check(root, as_of=AS_OF).errors
    before = (root / "activities.yaml").read_bytes()
    with pytest.raises(UserError) as caught:
        save(assign(root, "newsletter", Assignment(accountable="scool")), as_of=AS_OF)
    assert caught.value.message == (
        "nothing written: after this edit `msc check` would report "
        "activities.yaml:9:18: MSC009 unknown partner `scool`"
    )
    assert (root / "activities.yaml").read_bytes() == before


@pytest.mark.parametrize("old_error", [_bad_owner, _bad_row])
def test_an_edit_that_adds_no_error_is_written_when_the_partnership_has_errors(
    make_partnership: Any, old_error: Any
) -> None:
    root = make_partnership(old_error)
    errors = run_check(root, as_of=AS_OF).errors
    save(assign(root, "newsletter", Assignment(accountable="school")), as_of=AS_OF)
    assert "accountable: school" in (root / "activities.yaml").read_text()
    assert run_check(root, as_of=AS_OF).errors == errors


def test_a_second_error_like_an_old_one_is_refused(make_partnership: Any) -> None:
    """Two unknown partners where there was one: the second is new, though its
    message is the same as the old one's."""
    root = make_partnership()
    path = root / "activities.yaml"
    path.write_text(path.read_text().replace("accountable: city", "accountable: scool"))
    with pytest.raises(UserError, match="MSC009 unknown partner `scool`"):
        save(assign(root, "jobs-fair", Assignment(accountable="scool")), as_of=AS_OF)


def test_metric_record_with_an_old_error_in_the_data_records_and_keeps_the_old_error(
    make_partnership: Any,
) -> None:
    root = make_partnership(_bad_row)
    old = [f.message for f in run_check(root, as_of=AS_OF).errors]
    save(record(root, "placements", "25", date(2026, 11, 25)), as_of=AS_OF)
    assert (root / "data/placements.csv").read_text().endswith("placements,2026-11-25,25\n")
    assert [f.message for f in run_check(root, as_of=AS_OF).errors] == old


def test_metric_record_of_an_unknown_metric_next_to_one_is_refused(make_partnership: Any) -> None:
    root = make_partnership(_bad_row)
    with pytest.raises(UserError, match="unknown metric `retired`"):
        record(root, "retired", "3", date(2026, 11, 25))


# -- the edit's own values ---------------------------------------------------------


@pytest.mark.parametrize("where", [0, 2])
def test_a_value_the_model_refuses_is_refused_though_another_entry_has_the_same_fault(
    make_partnership: Any, where: int
) -> None:
    """A name with a line break, where partner ``where`` has one already."""

    def bad_name(files: dict[str, Any]) -> None:
        _with_third_partner(files, "Sports club")
        files["partners.yaml"]["partners"][where]["name"] = "Two\nlines"

    root = make_partnership(bad_name)
    with pytest.raises(UserError) as caught:
        add_partner(root, NewPartner("clinic", "Health\nclinic", "civil", AS_OF))
    assert caught.value.message == (
        "nothing written: partners.yaml would not pass `msc check`: MSC006 name: holds a "
        "line break or a control character (at `partners.3.name`)"
    )


def test_an_entry_with_an_old_fault_can_still_be_changed(make_partnership: Any) -> None:
    def bad_name(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"][1]["name"] = "Two\nlines"

    root = make_partnership(bad_name)
    plan = leave_partner(root, "school", date(2026, 11, 1))
    assert "left: 2026-11-01" in plan.texts["partners.yaml"]


def test_refuse_new_findings_compares_whole_lists_entry_by_entry() -> None:
    """Only entries that differ are weighed; a new fault is placed by its real index."""
    good = {"id": "a", "name": "A", "sector": "civil", "joined": date(2025, 1, 1)}
    before = {"format_version": 1, "partners": [dict(good, id=f"p{n}") for n in range(5)]}
    after = {**before, "partners": [*before["partners"], dict(good, id="Bad Id")]}
    with pytest.raises(UserError, match=r"is not a valid id \(at `partners\.5\.id`\)"):
        refuse_new_findings("partners.yaml", before, after)
    refuse_new_findings("partners.yaml", after, after)  # nothing new: no error
    changed = {**before, "partners": [*before["partners"][:4], dict(good, id="p4", name="")]}
    with pytest.raises(UserError, match=r"at `partners\.4\.name`"):
        refuse_new_findings("partners.yaml", before, changed)


def test_an_edited_file_keeps_the_data_it_was_read_with(make_partnership: Any) -> None:
    root = make_partnership()
    edited = EditedFile(root, "activities.yaml", "activities")
    original = [dict(item) for item in edited.before["activities"]]
    index, item = edited.entry("activity", "newsletter")
    item["raci"]["accountable"] = "school"
    assert edited.before["activities"] == original
    assert edited.expected["activities"][index]["raci"]["accountable"] == "school"
    assert edited.entry("activity", "newsletter")[1] is item  # the same copy again


def test_the_edited_text_carries_the_data_read_back_from_it(make_partnership: Any) -> None:
    root = make_partnership()
    plan = add_activity(root, NewActivity("walk", "Walk", "steering", "city", goal="work"))
    text = plan.texts["activities.yaml"]
    assert isinstance(text, ParsedText)
    assert text.data["activities"][-1]["id"] == "walk"


# -- one reading for both checks -----------------------------------------------------


@pytest.mark.parametrize("old_error", [None, _bad_owner, _bad_row])
def test_a_check_through_a_memo_finds_what_a_fresh_check_finds(
    make_partnership: Any, old_error: Any
) -> None:
    root = make_partnership(old_error)
    plan = leave_partner(root, "school", date(2026, 11, 1))
    check_plan(plan, AS_OF)  # fills the memo with the edited partnership's readings
    again = check_loaded(load_partnership(root, memo=plan.memo), as_of=AS_OF)
    assert again.findings == run_check(root, as_of=AS_OF).findings


def test_a_memo_reads_observations_again_when_the_metric_ids_tell_rows_apart() -> None:
    memo = ReadMemo()
    text = "metric,date,value\nkept,2026-01-01,1\ngone,2026-01-02,2\n"
    unchecked = memo.observations(text, "data/x.csv", None, "en")
    assert len(unchecked.rows) == 2 and not unchecked.findings
    checked = memo.observations(text, "data/x.csv", {"kept"}, "en")
    assert len(checked.rows) == 1
    assert [f.message for f in checked.findings] == ["unknown metric `gone`"]
    assert memo.observations(text, "data/x.csv", {"kept", "gone"}, "en") is not checked
    both = memo.observations(text, "data/x.csv", {"kept", "gone", "other"}, "en")
    assert memo.observations(text, "data/x.csv", None, "en") is both  # every row passes both


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("format_version: 1\nname: A\n", True),
        ("format_version: 1\nname: &n A\nshort_name: *n\n", False),  # an anchor
        ('format_version: 1\nname: "A\\x1b"\n', False),  # an escape that may be a control
        ("format_version: 1\nname: !!str A\n", True),  # a core tag
        ("format_version: 1\nname: !custom A\n", False),  # a foreign tag is cleaned
    ],
)
def test_a_memo_keeps_data_read_elsewhere_only_when_loading_reads_it_alike(
    text: str, kept: bool
) -> None:
    import yaml_rs

    from msctool.load.files import Source

    memo = ReadMemo()
    source = Source("partnership.yaml", text)
    data = yaml_rs.loads(text)
    memo.remember(source, data)
    assert (memo.yaml(source)[0] is data) is kept


def test_check_plan_checks_the_planned_text_not_the_one_on_disk(make_partnership: Any) -> None:
    root = make_partnership()
    plan = EditPlan(root, "by hand")
    text = (root / "partners.yaml").read_text()
    plan.texts["partners.yaml"] = text.replace("sector: public", "sector: publik")
    with pytest.raises(UserError, match=r"partners\.yaml:\d+:\d+: MSC006 sector: `publik`"):
        check_plan(plan, AS_OF)
