"""Edits of partnership.yaml: bodies (add, edit, members, rule), goals, segments, purpose.

Each command changes only its own lines of a hand-written file (comments, odd
quoting, LF and CRLF), refuses what `msc check` would call an error, and commits
only what it touched with a message (and, for a recorded rule change, trailers)
that `msc log` reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, changed_lines, git, msc, repository, with_clinic
from msctool.edits.bodies import (
    BodyChange,
    NewBody,
    add_body,
    add_members,
    edit_body,
    remove_members,
)
from msctool.edits.bodyrule import RuleChange, change_rule
from msctool.edits.goals import GoalChange, NewGoal, NewSegment, add_goal, add_segment, edit_goal
from msctool.edits.purpose import Reaffirmation, reaffirm, reword
from msctool.edits.saving import EditPlan, save
from msctool.errors import UsageError, UserError
from msctool.rules.check import run_check

HAND = """\
# Youth Works: the root file.
format_version: 1
name: 'Youth Works'            # quoted on purpose
short_name: "YW"
tagline: Every young person a next step
language: en
colours: {primary: "#1a6b3c"}
values: [straight talk]
purpose:
  statement: >-
    Help young people
    into work.
  reaffirmed: 2026-06-01   # by the steering group

# Goals: keep them few.
goals:
  - id: work
    title: 'Into work'     # the first goal
    description: >-
      Young people find work.

# Who we are for.
target_population:
  description: "Young people aged 16-27"
  segments:
    - id: students
      name: Students   # in school

# How we decide.
bodies:
  - id: steering
    name: "Steering group"
    kind: steering-group
    decision_rule: consent   # since 2025
    members: [city, school]   # both founders
# end of file
"""

Plan = Callable[[Path], EditPlan]
CASES: list[tuple[str, Plan, list[str], list[str]]] = [
    (
        "body add",
        lambda r: add_body(
            r,
            NewBody(
                "residents",
                "Residents' council",
                "advisory-council",
                "advice",
                members=("clinic",),
                meets="monthly",
            ),
        ),
        [],
        [
            "  - id: residents\n",
            "    name: Residents' council\n",
            "    kind: advisory-council\n",
            "    decision_rule: advice\n",
            "    members: [clinic]\n",
            "    meets: monthly\n",
        ],
    ),
    (
        "body edit",
        lambda r: edit_body(r, "steering", BodyChange(name="Steering board", meets="quarterly")),
        ['    name: "Steering group"\n'],
        ["    name: Steering board\n", "    meets: quarterly\n"],
    ),
    (
        "body member add",
        lambda r: add_members(r, "steering", ("clinic",)),
        ["    members: [city, school]   # both founders\n"],
        ["    members: [city, school, clinic]   # both founders\n"],
    ),
    (
        "body member remove",
        lambda r: remove_members(r, "steering", ("school",)),
        ["    members: [city, school]   # both founders\n"],
        ["    members: [city]   # both founders\n"],
    ),
    (
        "body rule",
        lambda r: change_rule(r, "steering", RuleChange("majority", AS_OF)),
        ["    decision_rule: consent   # since 2025\n"],
        ["    decision_rule: majority   # since 2025\n"],
    ),
    (
        "goal add",
        lambda r: add_goal(r, NewGoal("care", "Cared for", "Someone to turn to: yes")),
        [],
        [
            "  - id: care\n",
            "    title: Cared for\n",
            "    description: 'Someone to turn to: yes'\n",
        ],
    ),
    (
        "goal edit",
        lambda r: edit_goal(r, "work", GoalChange(title="Into good work")),
        ["    title: 'Into work'     # the first goal\n"],
        ["    title: Into good work     # the first goal\n"],
    ),
    (
        "segment add",
        lambda r: add_segment(r, NewSegment("parents", "Parents", size=40)),
        [],
        ["    - id: parents\n", "      name: Parents\n", "      size: 40\n"],
    ),
    (
        "purpose reaffirm",
        lambda r: reaffirm(r, Reaffirmation("steering", date(2026, 11, 20))),
        ["  reaffirmed: 2026-06-01   # by the steering group\n"],
        ["  reaffirmed: 2026-11-20   # by the steering group\n", "  reaffirmed_by: steering\n"],
    ),
    (
        "purpose edit",
        lambda r: reword(r, "Help every young person into work."),
        ["  statement: >-\n", "    Help young people\n", "    into work.\n"],
        ["  statement: Help every young person into work.\n"],
    ),
]


@pytest.fixture
def hand(make_partnership: Any) -> Path:
    root: Path = make_partnership(with_clinic)
    (root / "partnership.yaml").write_text(HAND, encoding="utf-8")
    assert not run_check(root, as_of=AS_OF).errors
    return root


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(("name", "plan", "removed", "added"), CASES, ids=[c[0] for c in CASES])
def test_each_command_changes_only_its_own_lines(
    hand: Path, newline: str, name: str, plan: Plan, removed: list[str], added: list[str]
) -> None:
    (hand / "partnership.yaml").write_bytes(HAND.replace("\n", newline).encode("utf-8"))
    save(plan(hand), as_of=AS_OF)
    after = (hand / "partnership.yaml").read_bytes().decode("utf-8")
    assert after.count("\r\n") == (after.count("\n") if newline == "\r\n" else 0)
    assert changed_lines(HAND, after.replace("\r\n", "\n")) == (removed, added), name
    assert not run_check(hand, as_of=AS_OF).errors


def test_a_new_entry_goes_above_the_blank_line_and_comment_after_a_folded_value(
    hand: Path,
) -> None:
    save(add_goal(hand, NewGoal("care", "Cared for")), as_of=AS_OF)
    after = (hand / "partnership.yaml").read_text(encoding="utf-8")
    expected = "      Young people find work.\n  - id: care\n    title: Cared for\n\n# Who we"
    assert expected in after


def test_every_command_on_the_demo_keeps_it_clean(demo_copy: Path) -> None:
    before = (demo_copy / "partnership.yaml").read_text(encoding="utf-8")
    plans: list[Plan] = [
        lambda r: add_body(
            r, NewBody("residents", "Residents", "advisory-council", "advice", members=("ggd",))
        ),
        lambda r: add_members(r, "steering-group", ("ggd",)),
        lambda r: remove_members(r, "steering-group", ("werkpunt",)),
        lambda r: change_rule(r, "steering-group", RuleChange("majority", AS_OF)),
        lambda r: add_goal(r, NewGoal("safety", "Safe streets")),
        lambda r: edit_goal(r, "work", GoalChange(description="Good, paid work.")),
        lambda r: add_segment(r, NewSegment("students", "Students")),
        lambda r: reword(
            r,
            "Every young person in Utrecht a place.",
            Reaffirmation("steering-group", date(2026, 11, 20)),
        ),
    ]
    for plan in plans:
        save(plan(demo_copy), as_of=AS_OF)
    after = (demo_copy / "partnership.yaml").read_text(encoding="utf-8")
    assert not run_check(demo_copy, as_of=AS_OF).errors
    removed, _ = changed_lines(before, after)
    assert all(not line.lstrip().startswith("#") for line in removed), removed
    assert before.count("\n#") == after.count("\n#")  # every comment line stays
    assert "    description: 'Good, paid work.'\n  - id: home\n" in after


# -- members and seats ---------------------------------------------------------------


def _seated(root: Path) -> None:
    path = root / "partners.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "- name: Ann\n    email: ann@example.org\n"
    school = text.index("id: school")
    at = text.index(marker, school)
    seated = "- name: Ann\n    body_seats: [steering]   # since May\n    email: ann@example.org\n"
    path.write_text(text[:at] + seated + text[at + len(marker) :], encoding="utf-8")


def test_removing_a_member_takes_its_seats_in_the_body_along(hand: Path) -> None:
    _seated(hand)
    before = (hand / "partners.yaml").read_text(encoding="utf-8")
    result = save(remove_members(hand, "steering", ("school",)), as_of=AS_OF)
    after = (hand / "partners.yaml").read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ["    body_seats: [steering]   # since May\n"],
        ["    body_seats: []   # since May\n"],
    )
    assert result.files == ("partners.yaml", "partnership.yaml")
    assert any("seats in steering" in note for note in result.notes)
    assert not [f for f in run_check(hand, as_of=AS_OF).findings if f.code == "MSC406"]


# -- refusals ------------------------------------------------------------------------

REFUSALS: list[tuple[str, Plan, type[Exception], str, str]] = [
    (
        "duplicate body",
        lambda r: add_body(r, NewBody("steering", "S", "board")),
        UserError,
        "already a body `steering`",
        "another id",
    ),
    (
        "unknown member",
        lambda r: add_body(r, NewBody("b", "B", "board", members=("citty",))),
        UserError,
        "unknown partner `citty`",
        "did you mean `city`?",
    ),
    (
        "two unknown members at once",
        lambda r: add_members(r, "steering", ("citty", "clinc")),
        UserError,
        "2 unknown partners:\n  `citty`: did you mean `city`?\n  `clinc`: did you mean `clinic`?",
        "partners.yaml",
    ),
    (
        "a body's kind",
        lambda r: add_body(r, NewBody("b", "B", "boards")),
        UsageError,
        "`boards` is not one of board,",
        "did you mean `board`?",
    ),
    (
        "lead-decides without a lead",
        lambda r: add_body(r, NewBody("b", "B", "board", rule="lead-decides")),
        UsageError,
        "without a lead",
        "`lead`",
    ),
    (
        "unknown body",
        lambda r: add_members(r, "steerin", ("clinic",)),
        UserError,
        "unknown body `steerin`",
        "did you mean `steering`?",
    ),
    (
        "already a member",
        lambda r: add_members(r, "steering", ("city",)),
        UserError,
        "nothing to change",
        "",
    ),
    (
        "not a member",
        lambda r: remove_members(r, "steering", ("clinic",)),
        UserError,
        "`clinic` is not a member of body `steering`",
        "the members are: city, school",
    ),
    (
        "the lead",
        lambda r: edit_body(r, "steering", BodyChange(lead="clinic")),
        UserError,
        "`clinic` is not a member",
        "msc body member add steering clinic",
    ),
    (
        "same rule",
        lambda r: change_rule(r, "steering", RuleChange("consent", AS_OF)),
        UserError,
        "already decides by consent",
        "",
    ),
    (
        "lead-decides rule without a lead",
        lambda r: change_rule(r, "steering", RuleChange("lead-decides", AS_OF)),
        UsageError,
        "without a lead",
        "`lead`",
    ),
    (
        "goal id",
        lambda r: add_goal(r, NewGoal("Çağdaş & Zoë", "T")),
        UsageError,
        "is not a valid id",
        "try `cagdas-zoe`",
    ),
    (
        "unknown goal",
        lambda r: edit_goal(r, "wrk", GoalChange(title="T")),
        UserError,
        "unknown goal `wrk`",
        "did you mean `work`?",
    ),
    (
        "duplicate segment",
        lambda r: add_segment(r, NewSegment("students", "S")),
        UserError,
        "already a segment `students`",
        "another id",
    ),
    (
        "reaffirmed by an unknown body",
        lambda r: reaffirm(r, Reaffirmation("stearing", AS_OF)),
        UserError,
        "unknown body `stearing`",
        "did you mean `steering`?",
    ),
    (
        "reaffirmed before the last time",
        lambda r: reaffirm(r, Reaffirmation("steering", date(2026, 1, 1))),
        UsageError,
        "last reaffirmed on 2026-06-01, after 2026-01-01",
        "on or after",
    ),
    (
        "a title msc check refuses",
        lambda r: add_goal(r, NewGoal("care", "Two\nlines")),
        UserError,
        "nothing written: after this edit `msc check` would report partnership.yaml:",
        "",
    ),
]


@pytest.mark.parametrize(
    ("name", "plan", "error", "message", "hint"), REFUSALS, ids=[c[0] for c in REFUSALS]
)
def test_a_refused_edit_says_why_and_writes_nothing(
    hand: Path, name: str, plan: Plan, error: type[Exception], message: str, hint: str
) -> None:
    before = {p.name: p.read_bytes() for p in hand.glob("*.yaml")}
    with pytest.raises(error) as caught:
        save(plan(hand), as_of=AS_OF)
    assert message in str(caught.value), name
    assert hint in (getattr(caught.value, "hint", "") or ""), name
    assert {p.name: p.read_bytes() for p in hand.glob("*.yaml")} == before


def test_a_lead_is_not_removed_from_its_body(hand: Path) -> None:
    save(edit_body(hand, "steering", BodyChange(lead="school")), as_of=AS_OF)
    with pytest.raises(UserError) as caught:
        remove_members(hand, "steering", ("school",))
    assert "`school` leads body `steering`" in str(caught.value)
    assert "make another member the lead first (`msc body edit steering`)" in (
        caught.value.hint or ""
    )


# -- the command line and commits ------------------------------------------------------


@pytest.fixture
def repo(hand: Path, isolated_git: Path) -> Path:
    return repository(hand, message="start")


def _committed(repo: Path) -> list[str]:
    return git(repo, "show", "--name-only", "--format=", "HEAD").split()


def test_a_rule_change_without_record_says_how_to_record_it(repo: Path) -> None:
    result = msc("body", "rule", "steering", "majority", "--commit", "-C", str(repo))
    assert result.exit_code == 0, result.output
    assert git(repo, "log", "-1", "--format=%s").strip() == (
        "Body steering decides by majority (was consent)"
    )
    assert _committed(repo) == ["partnership.yaml"]
    assert (
        "record it with `msc decide 'steering decides by majority (was consent)' "
        "--body steering --status accepted`" in result.output
    )


def test_a_recorded_rule_change_is_one_commit_with_its_decision(repo: Path) -> None:
    result = msc(
        "body", "rule", "steering", "majority", "--record", "--date", "2026-11-20",
        "-m", "Consent stalled the budget round.", "--commit", "-C", str(repo),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Decision 0002: steering decides by majority (was consent)\n")
    for trailer in ("Decision: 0002", "Decision-Status: accepted", "Decided-By: steering"):
        assert trailer in message
    record = "decisions/0002-steering-decides-by-majority-was-consent.md"
    assert sorted(_committed(repo)) == [record, "partnership.yaml"]
    text = (repo / record).read_text(encoding="utf-8")
    assert "rule: consent\n" in text  # decided by the rule the body had
    assert "Consent stalled the budget round." in text
    log = msc("log", "--format", "json", "-C", str(repo))
    assert log.exit_code == 0, log.output
    assert "steering decides by majority" in log.output
    assert msc("check", "-C", str(repo)).exit_code == 0


def test_a_dutch_partnership_commits_in_dutch(repo: Path) -> None:
    path = repo / "partnership.yaml"
    path.write_text(path.read_text().replace("language: en", "language: nl"))
    git(repo, "commit", "-qam", "nl")
    result = msc("purpose", "reaffirm", "--by", "steering", "--date", "2026-11-20",
                 "--commit", "-C", str(repo))  # fmt: skip
    assert result.exit_code == 0, result.output
    subject = git(repo, "log", "-1", "--format=%s").strip()
    assert subject == "Bedoeling herbevestigd door steering op 2026-11-20"
    assert _committed(repo) == ["partnership.yaml"]


def test_cli_member_commands_and_their_errors(repo: Path) -> None:
    added = msc("body", "member", "add", "steering", "clinic", "-C", str(repo))
    assert added.exit_code == 0, added.output
    assert "Body steering: clinic joined as members: wrote partnership.yaml" in added.output
    wrong = msc("body", "member", "remove", "steering", "clinc", "-C", str(repo))
    assert wrong.exit_code == 1
    assert "`clinc` is not a member of body `steering`" in wrong.output
    assert "did you mean `clinic`?" in wrong.output
    assert "Traceback" not in wrong.output


def test_cli_dry_run_of_goal_segment_and_purpose(repo: Path) -> None:
    for args in (
        ["goal", "add", "care", "--title", "Cared for"],
        ["goal", "edit", "work", "--description", "Paid work."],
        ["segment", "add", "parents", "--name", "Parents", "--size", "40"],
        ["purpose", "edit", "--statement", "Help every young person."],
        ["body", "add", "residents", "--name", "Residents", "--kind", "assembly",
         "--lead", "clinic", "--rule", "lead-decides"],
    ):  # fmt: skip
        result = msc(*args, "--dry-run", "-C", str(repo))
        assert result.exit_code == 0, (args, result.output)
        assert "+++ b/partnership.yaml" in result.output, args
    assert git(repo, "status", "--porcelain") == ""


def test_cli_choices_come_from_the_vocabulary(repo: Path) -> None:
    result = msc("body", "rule", "steering", "voting", "-C", str(repo))
    assert result.exit_code == 2
    assert "consent" in result.output and "lead-decides" in result.output


# -- layouts -------------------------------------------------------------------------

LAYOUTS = [
    (
        "members as a block list",
        "    members: [city, school]   # both founders\n",
        "    members:\n      - city\n      - school   # a founder\n",
        "    members:\n      - city\n      - school   # a founder\n      - clinic\n",
    ),
    (
        "no members yet",
        "    members: [city, school]   # both founders\n",
        "",
        "    members: [clinic]\n",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_a_member_is_added_to_any_layout_of_the_list(
    hand: Path, name: str, old: str, new: str, expected: str
) -> None:
    path = hand / "partnership.yaml"
    path.write_text(HAND.replace(old, new), encoding="utf-8")
    save(add_members(hand, "steering", ("clinic",)), as_of=AS_OF)
    after = path.read_text(encoding="utf-8")
    assert after == HAND.replace(old, expected), name


def test_the_first_body_and_the_first_segment_start_their_lists(hand: Path) -> None:
    path = hand / "partnership.yaml"
    bodies = HAND[HAND.index("# How we decide.") : HAND.index("# end of file")]
    segments = "  segments:\n    - id: students\n      name: Students   # in school\n"
    path.write_text(HAND.replace(bodies, "").replace(segments, ""), encoding="utf-8")
    # activities and decisions name body `steering` and segment `students`: add them back
    save(add_body(hand, NewBody("steering", "Steering", "board", "consent")), as_of=AS_OF)
    save(add_segment(hand, NewSegment("students", "Students")), as_of=AS_OF)
    after = path.read_text(encoding="utf-8")
    assert '  description: "Young people aged 16-27"\n  segments:\n    - id: students\n' in after
    assert after.endswith(
        "# end of file\nbodies:\n  - id: steering\n    name: Steering\n    kind: board\n"
        "    decision_rule: consent\n"
    )
    assert not run_check(hand, as_of=AS_OF).errors


# -- a year of governance, through commands only -------------------------------------


def test_governance_of_a_new_partnership_through_commands_only(
    tmp_path: Path, isolated_git: Path
) -> None:
    """After `msc init`, every change is a command; each commits only what it touched,
    in Dutch, and `msc check`, `msc log` and `msc changes` tell the story."""
    root = tmp_path / "wijk"
    steps = [
        ["init", str(root), "--language", "nl"],
        ["body", "add", "bewonersraad", "--name", "Bewonersraad", "--kind", "advisory-council",
         "--rule", "advice", "--member", "backbone", "--meets", "monthly", "--commit"],
        ["body", "member", "add", "bewonersraad", "gemeente", "--commit"],
        ["body", "rule", "stuurgroep", "majority", "--record", "-m", "Consent hield te lang op.",
         "--commit"],
        ["body", "member", "remove", "stuurgroep", "ondernemersnetwerk", "--commit"],
        ["goal", "add", "zichtbaar", "--title", "Bewoners weten ons te vinden", "--commit"],
        ["goal", "edit", "toegang-tot-hulp", "--description", "Binnen twee weken.", "--commit"],
        ["segment", "add", "ouderen", "--name", "Ouderen", "--size", "1200", "--commit"],
        ["purpose", "edit", "--statement", "Samen helpen we elke bewoner snel.", "--by",
         "stuurgroep", "--commit"],
    ]  # fmt: skip
    for args in steps:
        result = msc(*args) if args[0] == "init" else msc(*args, "-C", str(root))
        assert result.exit_code == 0, (args, result.output)
    assert git(root, "status", "--porcelain") == ""
    subjects = git(root, "log", "--format=%s").splitlines()
    assert subjects[:3] == [
        "Bedoeling anders verwoord en herbevestigd door stuurgroep op "
        + git(root, "log", "-1", "--format=%cs").strip(),
        "Segment ouderen van de doelgroep toegevoegd: Ouderen",
        "Doel toegang-tot-hulp: description gewijzigd",
    ]
    assert "Besluit 0002: stuurgroep besluit voortaan bij majority (was consent)" in subjects
    assert len(subjects) == len(steps)  # the first commit is msc init's
    errors = [f for f in run_check(root).findings if f.severity == "error"]
    assert errors == []
    log = msc("log", "-C", str(root))
    assert "0002" in log.output and "accepted" in log.output
    changes = msc("changes", "--since", "HEAD~8", "-C", str(root))
    assert changes.exit_code == 0, changes.output
    for told in (
        "purpose reworded: Samen helpen we elke bewoner snel.",
        "Stuurgroep (stuurgroep) now decides by majority (was consent)",
        "body Bewonersraad (bewonersraad) added, deciding by advice",
    ):
        assert told in changes.output
