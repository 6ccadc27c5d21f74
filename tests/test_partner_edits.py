"""``msc partner rename|edit|rep|leave``: every reference follows, comments stay, the
result passes ``msc check`` or nothing is written, and history tells a rename."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, changed_lines, commit, git, msc, repository
from msctool.edits.partnersedit import PartnerChanges, edit_partner
from msctool.edits.partnersrename import rename_partner
from msctool.edits.partnersreps import (
    RepChanges,
    add_representative,
    edit_representative,
    remove_representative,
)
from msctool.edits.references import model_files, references
from msctool.edits.saving import save
from msctool.errors import UsageError, UserError
from msctool.load.memo import ReadMemo
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
    role: teacher       # since May
  gives: [{kind: money, description: "funds", amount: 5}]
  gets:
  - description: people
  # still about the school

# end of file
"""

ACTIVITIES = """\
format_version: 1\r
activities:\r
    # indented by four, CRLF line ends\r
    -   id: newsletter\r
        name: "Newsletter"\r
        goal: work\r
        body: steering\r
        work: on\r
        raci:\r
            accountable: city   # since 2025\r
            informed: [school,\r
                       city]\r
    -   id: jobs-fair\r
        name: Jobs fair\r
        goal: work\r
        body: steering\r
        work: in\r
        raci:\r
            accountable: 'school'\r
            responsible:\r
                - "city"\r
"""

RECORD = """\
---
format_version: 1
id: 2
title: Open a youth desk
date: 2026-03-01
status: accepted
body: steering
consulted: [school, city]   # both asked
affects:
  - city
---

# Open a youth desk

The city hosts it; `city` stays in this text as written.
"""


@pytest.fixture
def hand(make_partnership: Any) -> Path:
    root: Path = make_partnership()
    (root / "partners.yaml").write_bytes(HAND_WRITTEN.encode())
    (root / "activities.yaml").write_bytes(ACTIVITIES.encode())
    (root / "decisions" / "0002-open-a-youth-desk.md").write_bytes(RECORD.encode())
    assert not run_check(root, as_of=AS_OF).errors
    return root


def _text(root: Path, rel: str) -> str:
    return (root / rel).read_bytes().decode()


def _referring(root: Path, ident: str) -> list[tuple[str, tuple[str | int, ...]]]:
    """Every place in every file whose model marks it as naming partner ``ident``."""
    return [
        (found.rel, ref.path)
        for found in model_files(root, ReadMemo())
        for ref in references(found.model, found.data, "partner", ident)
    ]


# -- rename ------------------------------------------------------------------------------


def test_rename_changes_every_reference_and_only_those_values(hand: Path) -> None:
    places = _referring(hand, "city")
    assert {rel for rel, _ in places} == {
        "partnership.yaml",
        "activities.yaml",
        "metrics.yaml",
        "roi.yaml",
        "decisions/0002-open-a-youth-desk.md",
    }
    before = {rel: _text(hand, rel) for rel in ("partners.yaml", "activities.yaml")}
    record = _text(hand, "decisions/0002-open-a-youth-desk.md")
    plan = rename_partner(hand, "city", "town")
    save(plan, as_of=AS_OF)

    assert _referring(hand, "city") == []
    assert len(_referring(hand, "town")) == len(places)
    assert changed_lines(before["partners.yaml"], _text(hand, "partners.yaml")) == (
        ["- id: city                 # an indentless list\n"],
        ["- id: town                 # an indentless list\n"],
    )
    activities = _text(hand, "activities.yaml")
    assert changed_lines(before["activities.yaml"], activities) == (
        [
            "            accountable: city   # since 2025\r\n",
            "                       city]\r\n",
            '                - "city"\r\n',
        ],
        [
            "            accountable: town   # since 2025\r\n",
            "                       town]\r\n",
            "                - town\r\n",
        ],
    )
    assert activities.count("\r\n") == activities.count("\n")  # CRLF kept
    assert changed_lines(record, _text(hand, "decisions/0002-open-a-youth-desk.md")) == (
        ["consulted: [school, city]   # both asked\n", "  - city\n"],
        ["consulted: [school, town]   # both asked\n", "  - town\n"],
    )
    assert "`city` stays in this text" in _text(hand, "decisions/0002-open-a-youth-desk.md")
    assert "  - town\n" in _text(hand, "partnership.yaml")  # the steering group's members
    assert plan.trailers == [("Renamed", "city -> town")]
    assert not run_check(hand, as_of=AS_OF).errors


def test_rename_reaches_every_partner_reference_of_the_demo(demo_copy: Path) -> None:
    """The class, not the example: in the demo, every partner id referenced anywhere is
    gone after its rename, and the result checks clean."""
    before = run_check(demo_copy, as_of=AS_OF)
    count = len(_referring(demo_copy, "ggd"))
    assert count > 10
    save(rename_partner(demo_copy, "ggd", "ggd-utrecht", name="GGD regio Utrecht"), as_of=AS_OF)
    assert _referring(demo_copy, "ggd") == []
    assert len(_referring(demo_copy, "ggd-utrecht")) == count
    after = run_check(demo_copy, as_of=AS_OF)
    assert not after.errors
    assert len(after.findings) == len(before.findings)
    assert "    name: GGD regio Utrecht\n" in _text(demo_copy, "partners.yaml")


def test_rename_leaves_affects_alone_where_the_id_also_names_an_activity(
    make_partnership: Any,
) -> None:
    from helpers import new_partner

    def setup(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"].append(new_partner("newsletter"))
        files["decisions/0001-adopt-msc.md"]["affects"] = ["newsletter", "school"]
        files["decisions/0001-adopt-msc.md"]["informed"] = ["newsletter"]

    root = make_partnership(setup)
    plan = rename_partner(root, "newsletter", "paper")
    record = plan.texts["decisions/0001-adopt-msc.md"]
    assert "informed:\n- paper\n" in record and "affects:\n- newsletter\n- school\n" in record
    assert plan.notes[0] == (
        "decisions/0001-adopt-msc.md: `newsletter` is also the id of an activity, a metric or "
        "a body; where a field may name either, it is left as it is"
    )
    save(plan, as_of=AS_OF)


@pytest.mark.parametrize(
    ("old", "new", "error", "words", "hint"),
    [
        ("citty", "town", UserError, "unknown partner `citty`", "`city`"),
        ("city", "school", UserError, "already a partner `school`", "another id"),
        ("city", "Town Hall", UsageError, "not a valid id", "`town-hall`"),
        ("city", "city", UsageError, "already the partner's id", None),
    ],
)
def test_rename_refusals_write_nothing(
    hand: Path, old: str, new: str, error: type[Exception], words: str, hint: str | None
) -> None:
    before = _text(hand, "partners.yaml")
    with pytest.raises(error) as caught:
        rename_partner(hand, old, new)
    assert words in str(caught.value)
    if hint:
        assert hint in (getattr(caught.value, "hint", "") or "")
    assert _text(hand, "partners.yaml") == before


def test_rename_commit_has_the_trailer_and_changes_tells_a_rename(
    hand: Path, isolated_git: Path
) -> None:
    repository(hand)
    start = git(hand, "rev-parse", "HEAD")
    result = msc("partner", "rename", "city", "town", "--name", "Town", "--commit", "-C", str(hand))
    assert result.exit_code == 0, result.output
    assert git(hand, "log", "-1", "--format=%s").strip() == "Partner city renamed to town"
    assert git(hand, "log", "-1", "--format=%(trailers:key=Renamed,valueonly)").strip() == (
        "city -> town"
    )
    touched = git(hand, "show", "--name-only", "--format=", "HEAD").split()
    assert touched == [
        "activities.yaml",
        "decisions/0002-open-a-youth-desk.md",
        "metrics.yaml",
        "partners.yaml",
        "partnership.yaml",
        "roi.yaml",
    ]
    changes = msc("changes", "--since", start, "--format", "json", "-C", str(hand))
    assert changes.exit_code == 0, changes.output
    found = json.loads(changes.stdout)["changes"]
    assert [(c["kind"], c["ids"], c["before"], c["after"]) for c in found] == [
        (
            "partner-renamed",
            ["town", "city"],
            ["city", 'City of "Somewhere"'],
            ["town", "Town"],
        )
    ]  # no partner left, none joined, no activity reassigned


def test_a_rename_in_the_newsletter_period_is_news_of_a_rename(
    hand: Path, isolated_git: Path
) -> None:
    from msctool.history.changes import changes_in_period
    from msctool.load.loader import load_partnership
    from msctool.render.newsletter.scoring import news_from_history

    repository(hand, day="2026-09-01")
    save(rename_partner(hand, "city", "town", name="Town"), as_of=AS_OF)
    commit(hand, "Partner city renamed to town\n\nRenamed: city -> town", "2026-11-10")
    loaded = load_partnership(hand)
    assert loaded.partnership is not None
    found = changes_in_period(loaded.partnership, date(2026, 11, 1), date(2026, 11, 30))
    assert found is not None
    assert [c.kind for c in found.changes] == ["partner-renamed"]
    from msctool.render.newsletter.window import Window

    window = Window(date(2026, 11, 1), date(2026, 11, 30))
    assert [c.kind for c in news_from_history(found, window)] == ["partner-renamed"]


# -- edit --------------------------------------------------------------------------------


def test_edit_sets_clears_and_adds_in_place(hand: Path) -> None:
    changes = PartnerChanges(
        name="City: north",
        website="https://city.example.org",
        add_gives=("money 1500.50/quarter: Room rent",),
        remove_gets=("A  network",),
        add_gets=("Data",),
    )
    plan = edit_partner(hand, "city", changes)
    assert plan.message == "Partner city: name, website, gives, gets changed"
    save(plan, as_of=AS_OF)
    after = _text(hand, "partners.yaml")
    assert changed_lines(HAND_WRITTEN, after) == (
        ["  name: 'City of \"Somewhere\"'\n", "  gets: [ {description: 'a network'} ]\n"],
        [
            "  name: 'City: north'\n",
            "  website: https://city.example.org\n",
            "  - kind: money\n",
            "    description: Room rent\n",
            "    amount: 1500.5\n",
            "    per: quarter\n",
            "  gets: [{description: Data}]\n",  # written anew, in the list's own flow style
        ],
    )
    assert not run_check(hand, as_of=AS_OF).errors


def test_edit_sets_the_amount_of_a_gift_in_its_own_style(hand: Path) -> None:
    changes = PartnerChanges(set_gives=("hours 120: Coordination",))
    save(edit_partner(hand, "city", changes), as_of=AS_OF)
    save(edit_partner(hand, "school", PartnerChanges(set_gives=("money 7,5/month: funds",))))
    assert changed_lines(HAND_WRITTEN, _text(hand, "partners.yaml")) == (
        [
            "  - {kind: hours, description: coordination, amount: 100}\n",
            '  gives: [{kind: money, description: "funds", amount: 5}]\n',
        ],
        [
            "  - {kind: hours, description: coordination, amount: 120}\n",
            "  gives: [{kind: money, description: funds, amount: 7.5, per: month}]\n",
        ],
    )
    with pytest.raises(UsageError, match="nothing to change"):
        edit_partner(hand, "city", PartnerChanges(set_gives=("hours 120: coordination",)))


def test_edit_clearing_a_required_field_is_refused_in_checks_words(hand: Path) -> None:
    with pytest.raises(UserError, match="would not pass `msc check`: MSC00"):
        edit_partner(hand, "city", PartnerChanges(name=""))
    with pytest.raises(UserError, match="nothing described as `fund`") as caught:
        edit_partner(hand, "school", PartnerChanges(remove_gives=("fund",)))
    assert "funds" in (caught.value.hint or "")
    with pytest.raises(UsageError, match="nothing to change"):
        edit_partner(hand, "school", PartnerChanges(sector="civil"))


def test_edit_commits_only_partners_yaml(hand: Path, isolated_git: Path) -> None:
    repository(hand)
    result = msc("partner", "edit", "school", "--sector", "private", "--commit", "-C", str(hand))
    assert result.exit_code == 0, result.output
    assert git(hand, "log", "-1", "--format=%s").strip() == "Partner school: sector changed"
    assert git(hand, "show", "--name-only", "--format=", "HEAD").split() == ["partners.yaml"]
    assert "  sector: private\n" in _text(hand, "partners.yaml")


# -- representatives ---------------------------------------------------------------------


def test_rep_add_to_a_flow_list_and_edit_seats_of_a_block_entry(hand: Path) -> None:
    save(add_representative(hand, "city", "Çağdaş Zoë", RepChanges(role="chair")), as_of=AS_OF)
    after = _text(hand, "partners.yaml")
    assert "  representatives: [{name: Ann}, {name: Çağdaş Zoë, role: chair}]\n" in after
    plan = edit_representative(
        hand, "school", "bob", RepChanges(role="head", seats=("steering",), phone="06-1")
    )
    assert plan.message == "Partner school: role, phone, body_seats of Bob changed"
    save(plan, as_of=AS_OF)
    removed, added = changed_lines(after, _text(hand, "partners.yaml"))
    assert removed == ["    role: teacher       # since May\n"]
    assert added == [
        "    role: head       # since May\n",
        "    body_seats: [steering]\n",
        "    phone: 06-1\n",
    ]
    assert not run_check(hand, as_of=AS_OF).errors


def test_rep_written_on_one_line_is_edited_on_one_line(hand: Path) -> None:
    changes = RepChanges(role="Chair, north", seats=("steering",), email="a@b.org")
    save(add_representative(hand, "city", "Bo", RepChanges(role="x: y")), as_of=AS_OF)
    save(edit_representative(hand, "city", "ann", changes), as_of=AS_OF)
    removed, added = changed_lines(HAND_WRITTEN, _text(hand, "partners.yaml"))
    assert removed == ["  representatives: [{name: Ann}]\n"]
    assert added == [
        "  representatives: [{name: Ann, role: 'Chair, north', body_seats: [steering], "
        "email: a@b.org}, {name: Bo, role: 'x: y'}]\n"
    ]
    with pytest.raises(UsageError, match="nothing to change for Ann"):
        edit_representative(hand, "city", "Ann", RepChanges(role="Chair, north"))


def test_rep_seat_in_an_unknown_body_is_refused_with_the_near_match(hand: Path) -> None:
    before = _text(hand, "partners.yaml")
    with pytest.raises(UserError) as caught:
        save(edit_representative(hand, "school", "Bob", RepChanges(seats=("steerin",))))
    assert "MSC009 unknown governance body `steerin`" in str(caught.value)
    assert "steering" in (caught.value.hint or "")
    with pytest.raises(UserError, match="Bobby does not represent `school`") as unknown:
        remove_representative(hand, "school", "Bobby")
    assert "`Bob`" in (unknown.value.hint or "")
    assert _text(hand, "partners.yaml") == before


def test_rep_remove_and_commit(hand: Path, isolated_git: Path) -> None:
    repository(hand)
    result = msc("partner", "rep", "remove", "school", "Bob", "--commit", "-C", str(hand))
    assert result.exit_code == 0, result.output
    assert "school` has no representative now" in result.output
    assert git(hand, "log", "-1", "--format=%s").strip() == (
        "Partner school: Bob no longer represents it"
    )
    assert "  representatives: []" in _text(hand, "partners.yaml")
    assert git(hand, "show", "--name-only", "--format=", "HEAD").split() == ["partners.yaml"]


def test_rep_messages_follow_the_partnerships_language(hand: Path) -> None:
    path = hand / "partnership.yaml"
    path.write_text(path.read_text().replace("language: en", "language: nl"))
    plan = add_representative(hand, "school", "Dirk", RepChanges())
    assert plan.message == "Partner school: Dirk is nu vertegenwoordiger"
    renamed = rename_partner(hand, "school", "college")
    assert renamed.message == "Partner school hernoemd tot college"
    assert renamed.notes[-1].startswith("`school` heet nu `college` in partnership.yaml (1), ")
    assert leave_partner_plan(hand).notes[0] == "`school` is geen lid meer van `steering`"


# -- leave -------------------------------------------------------------------------------


def test_leave_takes_the_partner_out_of_bodies_and_gives_up_seats(hand: Path) -> None:
    save(edit_representative(hand, "school", "Bob", RepChanges(seats=("steering",))), as_of=AS_OF)
    root_before = _text(hand, "partnership.yaml")
    plan = leave_partner_plan(hand)
    assert any("no longer a member of `steering`" in note for note in plan.notes)
    assert any("Bob (`steering`)" in note for note in plan.notes)
    save(plan, as_of=AS_OF)
    removed, added = changed_lines(root_before, _text(hand, "partnership.yaml"))
    assert removed == ["  - school\n"]
    assert added == []
    assert "    body_seats: []\n" in _text(hand, "partners.yaml")
    report = run_check(hand, as_of=AS_OF)
    assert not report.errors
    assert "MSC407" not in {f.code for f in report.findings}


def leave_partner_plan(root: Path) -> Any:
    from msctool.edits.partners import leave_partner

    return leave_partner(root, "school", date(2026, 11, 1))


def test_leave_is_refused_while_the_partner_leads_a_body(hand: Path) -> None:
    path = hand / "partnership.yaml"
    path.write_text(path.read_text().replace("  members:", "  lead: school\n  members:"))
    before = _text(hand, "partners.yaml")
    result = msc("partner", "leave", "school", "--date", "2026-11-01", "-C", str(hand))
    assert result.exit_code == 1
    assert "partner `school` is still the lead of `steering`; nothing written" in result.output
    assert _text(hand, "partners.yaml") == before


@pytest.mark.parametrize(
    ("language", "news"),
    [
        ("en", "**City is now Town Hall.** Same partner, new name: every role and seat moved"),
        ("nl", "**City heet nu Town Hall.** Dezelfde partner, een nieuwe naam: elke rol en"),
    ],
)
def test_the_newsletter_tells_a_rename_not_a_goodbye(
    make_partnership: Any, isolated_git: Path, language: str, news: str
) -> None:
    from msctool.render.setup import prepare
    from test_newsletter import text

    root = repository(make_partnership(), "2026-09-15")
    save(rename_partner(root, "city", "town-hall", name="Town Hall"), as_of=AS_OF)
    commit(root, "Partner city renamed\n\nRenamed: city -> town-hall", "2026-11-10")
    rendered = text(prepare(root, language=language, as_of=AS_OF))
    assert news in rendered
    assert "Goodbye" not in rendered and "Afscheid" not in rendered
    assert "Welcome" not in rendered and "Welkom" not in rendered


def test_a_rename_without_its_trailer_is_still_one_partner_when_plainly_so(
    hand: Path, tmp_path: Path
) -> None:
    """The working tree after a rename not yet committed (or a rename by hand): the same
    joined day, sector and people make the gone and the new partner one."""
    import shutil

    from msctool.history.compare import compare
    from msctool.load.loader import load_partnership

    before = load_partnership(hand).partnership
    save(rename_partner(hand, "city", "town", name="Town"), as_of=AS_OF)
    after = load_partnership(hand).partnership
    assert before is not None and after is not None
    assert [(c.kind, c.ids) for c in compare(before, after)] == [
        ("partner-renamed", ("town", "city"))
    ]
    other = Path(shutil.copytree(hand, tmp_path / "other"))
    path = other / "partners.yaml"
    path.write_text(path.read_text().replace("joined: 2025-01-01\n", "joined: 2025-02-01\n", 1))
    moved = load_partnership(other).partnership
    assert moved is not None
    kinds = [c.kind for c in compare(before, moved)]
    assert kinds == ["partner-joined", "partner-left", "activity-reassigned", "members-changed"]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "- **Town Hall** has a new id: city → town-hall."),
        ("nl", "- **Town Hall** heeft een nieuwe id: city → town-hall."),
    ],
)
def test_the_retro_facts_tell_a_rename(
    make_partnership: Any, isolated_git: Path, language: str, line: str
) -> None:
    from msctool.render.retro.plan import plan_retro
    from msctool.render.setup import prepare

    root = repository(make_partnership(), "2026-09-15")
    save(rename_partner(root, "city", "town-hall", name="Town Hall"), as_of=AS_OF)
    commit(root, "Partner city renamed\n\nRenamed: city -> town-hall", "2026-11-10")
    retro = plan_retro(prepare(root, language=language, as_of=AS_OF), "premortem")
    assert line in retro.markdown
    assert "no longer in the list" not in retro.markdown


def test_every_field_that_says_it_holds_a_partner_id_is_marked_as_one() -> None:
    """A new field described as a partner id, but typed as a plain id, would be missed
    by every rename: the mark (`PartnerRef`) is what the rename follows."""
    from pydantic import BaseModel

    from msctool.edits.references import _referring_fields
    from msctool.load.loader import LIST_FILES
    from msctool.model import DecisionMeta, PartnershipFile, RoiFile

    def models(model: type[BaseModel]) -> set[type[BaseModel]]:
        found = {model}
        for field in model.model_fields.values():
            for arg in _types(field.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in found:
                    found |= models(arg)
        return found

    roots = [PartnershipFile, RoiFile, DecisionMeta, *(spec.model for spec in LIST_FILES)]
    described = {
        (model.__name__, name)
        for root in roots
        for model in models(root)
        for name, field in model.model_fields.items()
        if "partner id" in (field.description or "").lower()
        or "partner who" in (field.description or "").lower()
    }
    marked = {
        (model.__name__, name)
        for root in roots
        for model in models(root)
        for name, *_ in _referring_fields(model, "partner")
        if not _is_nested(model, name)
    }
    assert described  # the descriptions still say so
    assert described <= marked, described - marked
    assert ("Input", "partner") in marked and ("DecisionMeta", "affects") in marked


def _types(annotation: Any) -> list[Any]:
    from typing import get_args

    args = list(get_args(annotation))
    return [annotation, *(t for arg in args for t in _types(arg))]


def _is_nested(model: Any, name: str) -> bool:
    from pydantic import BaseModel

    return any(
        isinstance(t, type) and issubclass(t, BaseModel)
        for t in _types(model.model_fields[name].annotation)
    )
