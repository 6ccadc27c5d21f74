"""Edits change only the intended lines: comments, quoting, flow lists, blank lines,
line endings and a missing final newline all survive (msctool.edits)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers import AS_OF, changed_lines
from msctool.edits.activities import Assignment, NewActivity, add_activity, assign
from msctool.edits.partners import NewPartner, add_partner, leave_partner
from msctool.edits.saving import save
from msctool.edits.yamledit import YamlDocument, scalar, verify
from msctool.errors import UserError
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
  joined: 2025-01-01   # joined late
  representatives:
  - name: Bob
  gives: [{kind: money, description: "funds", amount: 5}]
  gets:
  - description: people
  # still about the school

# end of file
"""

ACTIVITIES = """\
format_version: 1
activities:
    # indented by four
    -   id: newsletter
        name: "Newsletter"
        goal: work
        body: steering
        work: on
        raci:
            accountable: city   # since 2025
            informed: [school,
                       city]
    -   id: jobs-fair
        name: Jobs fair
        goal: work
        body: steering
        work: in
        raci:
            accountable: 'school'
            responsible:
                - city
"""


@pytest.fixture
def hand(make_partnership: object) -> Path:
    root: Path = make_partnership()  # type: ignore[operator]
    (root / "partners.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    (root / "activities.yaml").write_text(ACTIVITIES, encoding="utf-8")
    assert not run_check(root, as_of=AS_OF).errors
    return root


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_bytes(text.encode("utf-8"))


def test_partner_leave_adds_one_line_below_joined(hand: Path) -> None:
    save(leave_partner(hand, "school", date(2026, 11, 30)), as_of=AS_OF)
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert changed_lines(HAND_WRITTEN, after) == ([], ["  left: 2026-11-30\n"])
    assert after.index("  left: 2026-11-30") > after.index("# joined late")


def test_partner_add_goes_after_the_last_entry_in_the_files_own_style(hand: Path) -> None:
    new = NewPartner(
        "clinic",
        "Clinic: north # 2",
        "civil",
        date(2026, 11, 1),
        representatives=("Cem",),
        gives=("hours: Nurses",),
        gets=("Referrals",),
    )
    save(add_partner(hand, new), as_of=AS_OF)
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    block = (
        "- id: clinic\n"
        "  name: 'Clinic: north # 2'\n"
        "  sector: civil\n"
        "  joined: 2026-11-01\n"
        "  representatives:\n"  # like the last entry: a block list of mappings
        "  - name: Cem\n"
        "  gives: [{kind: hours, description: Nurses}]\n"  # a flow list there too
        "  gets:\n"
        "  - description: Referrals\n"
    )
    anchor = "  # still about the school\n"
    assert after == HAND_WRITTEN.replace(anchor, anchor + "\n\n" + block)
    assert after.index("- id: clinic") > after.index("# still about the school")
    assert after.endswith("# end of file\n")
    assert not run_check(hand, as_of=AS_OF).errors


@pytest.mark.parametrize(
    ("variant", "encode"),
    [
        ("crlf", lambda text: text.replace("\n", "\r\n")),
        ("no final newline", lambda text: text.rstrip("\n")),
        ("byte order mark", lambda text: "\ufeff" + text),
    ],
)
def test_line_endings_bom_and_final_newline_are_kept(
    hand: Path, variant: str, encode: object
) -> None:
    original = encode(HAND_WRITTEN)  # type: ignore[operator]
    _write(hand, "partners.yaml", original)
    save(leave_partner(hand, "city", date(2026, 11, 30)), as_of=AS_OF)
    after = (hand / "partners.yaml").read_bytes().decode("utf-8")
    newline = "\r\n" if variant == "crlf" else "\n"
    assert after == original.replace(
        f"  joined: 2025-01-01{newline}  representatives: [{{name: Ann}}]",
        f"  joined: 2025-01-01{newline}  left: 2026-11-30{newline}  representatives: [{{name: Ann}}]",
    )


def test_append_to_a_file_without_final_newline_keeps_it_without(hand: Path) -> None:
    original = HAND_WRITTEN.replace("\n# end of file\n", "").rstrip("\n")
    _write(hand, "partners.yaml", original)
    save(add_partner(hand, NewPartner("clinic", "Clinic", "civil", date(2026, 1, 1))), as_of=AS_OF)
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert after.startswith(original + "\n")
    assert not after.endswith("\n")
    assert after.endswith("  joined: 2026-01-01")


def test_assign_replaces_the_accountable_value_and_keeps_its_comment(hand: Path) -> None:
    save(assign(hand, "newsletter", Assignment(accountable="school")), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(ACTIVITIES, after) == (
        ["            accountable: city   # since 2025\n"],
        ["            accountable: school   # since 2025\n"],
    )


def test_assign_adds_to_a_flow_list_over_two_lines_and_to_a_block_list(hand: Path) -> None:
    save(assign(hand, "newsletter", Assignment(consulted=("school",))), as_of=AS_OF)
    save(assign(hand, "jobs-fair", Assignment(informed=("city",))), as_of=AS_OF)
    plan = assign(hand, "jobs-fair", Assignment(responsible=("school",)))
    save(plan, as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    removed, added = changed_lines(ACTIVITIES, after)
    assert removed == []
    assert added == [
        "            consulted: [school]\n",
        "                - school\n",
        "            informed: [city]\n",
    ]
    assert plan.message == "Activity jobs-fair: school responsible"


def test_assign_adds_to_an_existing_flow_list_on_its_last_line(hand: Path) -> None:
    with pytest.raises(UserError, match="already has these roles"):
        assign(hand, "newsletter", Assignment(informed=("school", "city")))
    text = ACTIVITIES.replace(
        "informed: [school,\n                       city]",
        "informed: [school,\n                       ]",
    )
    _write(hand, "activities.yaml", text)
    save(assign(hand, "newsletter", Assignment(informed=("city",))), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(text, after) == (
        ["                       ]\n"],
        ["                       city]\n"],
    )


def test_add_activity_on_a_four_space_file(hand: Path) -> None:
    new = NewActivity(
        "mentoring", "Mentoring", "steering", "city", goal="work", informed=("school",)
    )
    save(add_activity(hand, new), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    removed, added = changed_lines(ACTIVITIES, after)
    assert removed == []
    assert "".join(added) == (
        "    -   id: mentoring\n"
        "        name: Mentoring\n"
        "        goal: work\n"
        "        body: steering\n"
        "        work: in\n"
        "        raci:\n"
        "            accountable: city\n"
        "            informed: [school]\n"
    )


def test_scalars_are_quoted_only_where_yaml_needs_it() -> None:
    assert scalar("plain text") == "plain text"
    assert scalar("no") == "no"  # YAML 1.2: a string, as msc reads it
    assert scalar("0o10") == "'0o10'"
    assert scalar("a: b") == "'a: b'"
    assert scalar("it's") == "it's"
    assert scalar(date(2026, 1, 2)) == "2026-01-02"


def test_a_file_that_is_not_yaml_is_refused_before_any_edit() -> None:
    with pytest.raises(UserError, match="not valid YAML"):
        YamlDocument("a: [b\n", "partners.yaml")


@pytest.mark.parametrize(
    ("text", "result"),
    [
        (
            "format_version: 1\npartners: []\n# tail\n",
            "format_version: 1\npartners:\n{item}# tail\n",
        ),
        ("format_version: 1\npartners:\n# tail\n", "format_version: 1\npartners:\n{item}# tail\n"),
        ("format_version: 1\n# only\n", "format_version: 1\n# only\npartners:\n{item}"),
    ],
)
def test_a_missing_or_empty_list_becomes_a_block_list(text: str, result: str) -> None:
    doc = YamlDocument(text, "partners.yaml")
    doc.append_item("partners", {"id": "a", "name": "A"})
    assert doc.result() == result.format(item="  - id: a\n    name: A\n")


def test_an_empty_or_null_value_is_replaced_in_place() -> None:
    text = "partners:\n  - id: a\n    left:\n    name: A\n  - id: b\n    left: ~   # x\n"
    doc = YamlDocument(text, "partners.yaml")
    doc.set_value(("partners", 0), "left", date(2026, 1, 1), after=("id",))
    doc.set_value(("partners", 1), "left", date(2026, 1, 2), after=("id",))
    assert doc.result() == text.replace("left:\n", "left: 2026-01-01\n").replace(
        "left: ~", "left: 2026-01-02"
    )


def test_verify_refuses_a_text_that_does_not_hold_the_expected_data() -> None:
    with pytest.raises(UserError, match="would change more than intended"):
        verify("partners.yaml", "a: 1\nb: 2\n", {"a": 1})
    with pytest.raises(UserError, match=r"cannot make this edit of partners\.yaml"):
        verify("partners.yaml", "a: [1\n", {"a": [1]})
    verify("partners.yaml", "a: [1]\n", {"a": [1]})


SHARED = ACTIVITIES.replace(
    "            informed: [school,\n                       city]\n",
    "            informed: &all [school,\n                       city]\n",
).replace("            responsible:\n                - city\n", "            responsible: *all\n")


@pytest.mark.parametrize(
    "change",
    [Assignment(responsible=("extra",)), Assignment(remove=("city",))],
    ids=["add", "remove"],
)
def test_an_edit_of_an_alias_is_refused_where_the_alias_is(hand: Path, change: Assignment) -> None:
    _write(hand, "activities.yaml", SHARED)
    with pytest.raises(UserError) as refused:
        assign(hand, "jobs-fair", change)
    assert refused.value.message.startswith("activities.yaml:20:26: `responsible` is an alias")
    assert refused.value.hint == "replace `*all` with the value itself, then run this again"


def test_an_edit_of_an_anchored_value_its_aliases_share_is_refused(hand: Path) -> None:
    _write(hand, "activities.yaml", SHARED)
    with pytest.raises(UserError, match="would change more than intended"):
        assign(hand, "newsletter", Assignment(informed=("extra",)))
    with pytest.raises(UserError, match="would change more than intended"):
        assign(hand, "newsletter", Assignment(remove=("school",)))
    assert (hand / "activities.yaml").read_text(encoding="utf-8") == SHARED
    save(assign(hand, "jobs-fair", Assignment(accountable="city")), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(SHARED, after) == (
        ["            accountable: 'school'\n"],
        ["            accountable: city\n"],
    )


def test_an_entry_is_composed_alone_and_edited_the_same(hand: Path) -> None:
    from msctool.edits.common import EditedFile

    edited = EditedFile(hand, "activities.yaml", "activities")
    index, _ = edited.entry("activity", "jobs-fair")
    assert (index, edited.doc.focus) == (1, ("activities", 1, 2))
    assert edited.doc.node(("activities", 0, "id")) is None  # entry 0 is blanked out


def test_an_alias_to_another_entry_falls_back_to_the_whole_file(hand: Path) -> None:
    text = HAND_WRITTEN.replace(
        "  gets: [ {description: 'a network'} ]", "  gets: &gets [ {description: 'a network'} ]"
    ).replace("  gets:\n  - description: people\n", "  gets: *gets\n")
    _write(hand, "partners.yaml", text)
    save(leave_partner(hand, "school", date(2026, 11, 30)), as_of=AS_OF)
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert changed_lines(text, after) == ([], ["  left: 2026-11-30\n"])


def test_assign_remove_takes_a_partner_off_its_lists(hand: Path) -> None:
    plan = assign(hand, "newsletter", Assignment(remove=("school",)))
    save(plan, as_of=AS_OF)
    save(assign(hand, "jobs-fair", Assignment(remove=("city",))), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(ACTIVITIES, after) == (
        [
            "            informed: [school,\n",
            "                       city]\n",
            "            responsible:\n",
            "                - city\n",
        ],
        [
            "            informed: [city]\n",
            "            responsible: []\n",
        ],
    )
    assert plan.message == "Activity newsletter: school no longer informed"
    with pytest.raises(UserError, match="`school` is not responsible, consulted or informed"):
        assign(hand, "newsletter", Assignment(remove=("school",)))
