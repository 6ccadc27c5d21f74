"""Retrospective agendas: the facts, carried-forward action items, invites, never overwriting."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import (
    AS_OF,
    MakeP,
    codes,
    commit,
    demo,
    msc,
    nonempty,
    repository,
    snapshot,
    story,
    with_clinic,
)
from msctool.errors import UsageError, UserError
from msctool.load.actionitems import ActionItem, parse_action_items, parse_due
from msctool.render.retro.agenda import BLOCKS, KINDS, Kind, kind_of
from msctool.render.retro.facts import gather_facts, months_before, years_after
from msctool.render.retro.plan import plan_retro
from msctool.render.retro.write import new_retro
from msctool.render.setup import prepare
from msctool.rules.check import run_check

LAST = "retros/2026-10-01-after-action.md"
NOTES = """# After-action review, 1 October 2026

## 3. Why was there a difference?

Notes the facilitator typed during the meeting.

## Action items

- [ ] Who: city · What: Open the desk on Saturdays · When: 2026-11-15
- [x] Who: school · What: Send the survey to every student · When: 2026-10-20
- [ ] Who: school · What: Ask employers for ten traineeships · When: 2026-12-31
- [ ] Who: · What: · When:

## Notes

- [ ] Who: city · What: not an action item: outside the section
"""


run = partial(msc, "retro", "new")
"""``msc retro new ARGS``, in this process."""


def with_notes(make_partnership: MakeP, notes: str = NOTES) -> Path:
    return make_partnership(**{"retros__2026-10-01-after-action.md": notes})


# -- the demo ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("kind", KINDS)
def test_demo_agenda_snapshot(kind: Kind, language: str) -> None:
    retro = plan_retro(demo(language), kind)
    assert retro.notes == ()
    snapshot(f"retro-{kind}.{language}.md", retro.markdown)


@pytest.mark.parametrize("kind", KINDS)
def test_the_demo_facts_since_its_last_retro_are_in_every_agenda(kind: Kind) -> None:
    text = plan_retro(demo(), kind).markdown
    assert "1 October 2026 (the last retrospective) to 27 November 2026" in text
    assert "decision 0011 (proposed):** Ask for a youth quota in social housing" in text
    assert (
        "**Wait for a first home for young people without one: 39.3 weeks** (31 Oct 2026), "
        "up 0.8 since 30 Sept 2026 — **worse**. Target 20 weeks by 31 Dec 2027: 19.3 to go."
    ) in text
    assert "**14 Oct 2026 — Community meeting: waiting for a home.** 27 participants" in text
    assert "Changed: Domstede now offers shared flats for two" in text
    assert "decision 0010" not in text  # decided before the last retrospective


def test_demo_facts_as_data() -> None:
    facts = gather_facts(demo().partnership, AS_OF)
    assert facts.since == date(2026, 10, 1)
    assert [d.meta.id for d in facts.decisions] == [11]
    assert [e.id for e in facts.engagements] == ["housing-wait-meeting"]
    assert {m.status.metric.id for m in facts.worsened} == {"housing-wait", "partner-hours"}
    assert {m.status.metric.id for m in facts.improved} == {"first-jobs", "youth-in-plan"}
    assert {s.metric.id for s in facts.quiet} == {
        "neet-rate",
        "school-return-6m",
        "advice-adopted",
    }
    housing = next(m for m in facts.worsened if m.status.metric.id == "housing-wait")
    assert housing.delta == pytest.approx(0.8)
    assert housing.then is not None and housing.then.date == date(2026, 9, 30)
    # the demo's last retro keeps its actions in a table: three are ticked `[x]` (done),
    # the fourth is carried forward, due after AS_OF and overdue a week later
    assert [i.due for i in facts.carried] == [date(2026, 12, 10)]
    assert not facts.overdue
    later = gather_facts(demo().partnership, date(2026, 12, 14))
    assert [i.due for i in later.overdue] == [date(2026, 12, 10)]


@pytest.mark.parametrize("kind", KINDS)
def test_timings_sum_to_the_stated_total(kind: Kind) -> None:
    retro = plan_retro(demo(), kind, start=time(9, 30))
    assert sum(block.minutes for block in BLOCKS[kind]) == retro.agenda.total == 90
    assert "| | **90** | **total** |" in retro.markdown
    assert "27 November 2026, 09:30–11:00 (90 minutes)" in retro.markdown


def test_premortem_names_the_risks_and_appreciative_the_strengths() -> None:
    setup = demo()
    premortem = plan_retro(setup, "premortem").markdown
    risks = premortem.split("### Warning signs", 1)[1].split("###", 1)[0]
    assert "**Hours partners contribute:** 1,067 hours per month, down 72" in risks
    assert "First jobs" not in risks
    assert "It is 27 November 2027. Koers has failed." in premortem
    appreciative = plan_retro(setup, "appreciative").markdown
    strengths = appreciative.split("### Strengths the data shows", 1)[1].split("###", 1)[0]
    assert "**First jobs and learn-work places started:** 11 young people per month" in strengths
    assert "**Community meeting: waiting for a home:** we listened" in strengths
    assert "Wait for a first home" not in strengths


def test_topic_is_in_the_title_and_the_purpose() -> None:
    setup = demo("nl")
    text = plan_retro(setup, "after-action", topic="  de wachttijd\nvoor een woning ").markdown
    title, _, rest = text.partition("\n")
    assert title == (
        "# Terugblik (after-action review): de wachttijd voor een woning · "
        "Koers Utrecht — youth partnership 16–27 · 27 november 2026"
    )
    assert "- **Doel:** Terugkijken op de wachttijd voor een woning sinds 1 oktober 2026" in rest


# -- action items ----------------------------------------------------------------------


def test_a_new_retro_carries_forward_exactly_the_open_items(make_partnership: MakeP) -> None:
    root = with_notes(make_partnership)
    retro, paths = new_retro(root, "premortem", day=AS_OF)
    assert paths == [root / "retros/2026-11-27-premortem.md"]
    assert retro.notes == ()
    written = parse_action_items(paths[0].read_text(encoding="utf-8"))
    assert written.notes == ()
    assert [(i.who, i.what, i.when, i.status) for i in written.items] == [
        ("city", "Open the desk on Saturdays", "2026-11-15", "open"),
        ("school", "Ask employers for ten traineeships", "2026-12-31", "open"),
    ]
    assert "Still open: 2, listed under Action items below. Past their date: 1." in (
        paths[0].read_text(encoding="utf-8")
    )


def test_action_items_in_dutch_and_by_hand() -> None:
    text = """## Actiepunten

1. [X] Wie: gemeente; Wat: Zaal reserveren; Wanneer: 3 december 2026
* [] **Wat:** Brief aan de wethouder **Wie:** jongerenraad
- [ ] Bel de woningcorporaties terug
  - gebeld op 3 november, wacht op antwoord
- [-] Wie: ggd · Wat: Folder drukken · Wanneer: morgen
### Nieuw
- [ ] Wat: Nieuwe datum prikken · Wanneer: 15 jan. 2027
"""
    found = parse_action_items(text, "x.md")
    assert found.notes == ()
    assert [(i.who, i.what, i.due, i.status) for i in found.items] == [
        ("gemeente", "Zaal reserveren", date(2026, 12, 3), "done"),
        ("jongerenraad", "Brief aan de wethouder", None, "open"),
        (None, "Bel de woningcorporaties terug", None, "open"),
        ("ggd", "Folder drukken", None, "dropped"),
        (None, "Nieuwe datum prikken", date(2027, 1, 15), "open"),
    ]
    assert [i.what for i in found.open] == [
        "Brief aan de wethouder",
        "Bel de woningcorporaties terug",
        "Nieuwe datum prikken",
    ]


def test_a_table_of_actions_is_read_with_its_done_column() -> None:
    text = """## Actions

| action | owner | due | done |
|---|---|---|---|
| Book the room | Ann (City) | 1 December 2026 | ✓ |
| [ ] Call the school | Bob | 2026-12-02 | |
| | | | |
"""
    found = parse_action_items(text)
    assert [(i.what, i.who, i.due, i.status) for i in found.items] == [
        ("Book the room", "Ann (City)", date(2026, 12, 1), "done"),
        ("Call the school", "Bob", date(2026, 12, 2), "open"),
    ]


def test_a_hand_mangled_section_never_crashes_and_names_the_bad_lines() -> None:
    text = """## Action items ##
- Who: city · What: forgot the checkbox
- [?] What: an unknown mark
- [ ] Who: school · When: 2026-12-01
- [ ] What: still read · When: some day soon
```
- [ ] What: inside a code block
```
<!--
- [ ] What: inside a comment
-->
| owner | note |
|---|---|
| city | no action column |
## Next
- [ ] What: after the section
"""
    found = parse_action_items(text, LAST)
    assert [(i.what, i.when, i.due) for i in found.items] == [("still read", "some day soon", None)]
    assert found.notes == (
        f"{LAST}:2: left out `- Who: city · What: forgot the checkbox`: not an action item; "
        "write `- [ ] Who: … · What: … · When: YYYY-MM-DD`",
        f"{LAST}:3: left out `- [?] What: an unknown mark`: not an action item; "
        "write `- [ ] Who: … · What: … · When: YYYY-MM-DD`",
        f"{LAST}:4: left out `- [ ] Who: school · When: 2026-12-01`: "
        "it says who or when but not what",
        f"{LAST}:12: left out `| owner | note |`: a table without an `action` column",
    )


KNOWN_ITEM = "- [ ] Who: city · What: Call the school · When: 2026-12-01"


@given(st.text())
def test_the_reader_never_raises(text: str) -> None:
    found = parse_action_items(f"## Action items\n{KNOWN_ITEM}\n{text}", "x.md")
    items = nonempty(found.items, "action items")
    assert (items[0].who, items[0].what, items[0].when) == ("city", "Call the school", "2026-12-01")
    assert all(item.what.strip() and item.line >= 2 for item in items[1:])


@given(
    st.lists(
        st.sampled_from(
            [
                *("## Action items", "## Acties", "- [ ]", "- [x] What:", "| a |", "|---|"),
                *("```", "<!--", "-->", "- [ ] Who: · What: a", "  - sub", "# Other", "[]"),
            ]
        ),
        max_size=12,
    )
)
def test_the_reader_never_raises_on_markdown_like_input(lines: list[str]) -> None:
    text = "\n".join(["## Action items", KNOWN_ITEM, *lines])
    found = parse_action_items(text)
    assert found.found
    assert nonempty(found.items, "action items")[0].what == "Call the school"
    for item in found.items:  # each item is read from its own line
        assert item.what and item.what in text.splitlines()[item.line - 1]


def test_a_mangled_last_retro_is_noted_not_fatal(make_partnership: MakeP) -> None:
    root = with_notes(make_partnership, "## Action items\n- [ ] Who: · When: 2026-12-01\n\x00\xff")
    result = run("-C", str(root), "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"note: {LAST}:2: left out `- [ ] Who: · When: 2026-12-01`: "
        "it says who or when but not what"
    ]


def test_a_last_retro_without_action_items_is_noted(make_partnership: MakeP) -> None:
    retro, _ = new_retro(make_partnership(), day=AS_OF)  # base_files' retro is "# Retro"
    assert retro.notes == (f"{LAST}: no `## Action items` section; nothing carried forward",)
    assert retro.agenda.facts.carried == ()
    assert "No open action items from 1 October 2026." in retro.markdown


def test_without_an_earlier_retro_the_facts_cover_three_months(make_partnership: MakeP) -> None:
    root = make_partnership(**{"retros__2026-10-01-after-action.md": None})
    retro, _ = new_retro(root, day=date(2026, 11, 30))
    assert retro.agenda.facts.since == date(2026, 8, 30)
    assert retro.notes == ("no earlier retrospective in retros/: the facts cover three months",)
    assert "30 August 2026 to 30 November 2026 (three months" in retro.markdown
    assert "Open action items from" not in retro.markdown


def test_a_generated_agenda_reads_back_without_notes(make_partnership: MakeP) -> None:
    root = with_notes(make_partnership)
    for kind in KINDS:
        for language in ("en", "nl"):
            text = plan_retro(prepare(root, language=language, as_of=AS_OF), kind).markdown
            found = parse_action_items(text)
            assert found.found and found.notes == ()
            assert len(found.open) == 2


def test_due_dates_in_both_languages() -> None:
    assert parse_due("2026-12-15") == date(2026, 12, 15)
    assert parse_due("15 December 2026") == date(2026, 12, 15)
    assert parse_due("15 dec. 2026") == date(2026, 12, 15)
    assert parse_due("3 maart 2027") == date(2027, 3, 3)
    assert parse_due("31 February 2027") is None
    assert parse_due("next week") is None
    assert ActionItem("x", when="1 Sept 2026").due == date(2026, 9, 1)


def test_months_and_years_at_the_ends_of_months() -> None:
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 3) == date(2025, 10, 15)
    assert years_after(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_kind_of() -> None:
    assert kind_of("premortem") == "premortem"
    with pytest.raises(UsageError):
        kind_of("post-mortem")


# -- writing -------------------------------------------------------------------------


def test_cli_writes_the_agenda_and_prints_its_path(
    make_partnership: MakeP, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_partnership()
    monkeypatch.chdir(root)
    result = run("--kind", "appreciative", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote retros/2026-11-27-appreciative.md\n"
    assert (
        (root / "retros/2026-11-27-appreciative.md")
        .read_text(encoding="utf-8")
        .startswith("# Appreciative inquiry · Youth Works · 27 November 2026\n")
    )
    assert run("-q", "--date", "2026-11-28").stdout == ""


def test_never_overwrites_a_retro(make_partnership: MakeP) -> None:
    root = make_partnership()
    path = root / "retros/2026-11-27-premortem.md"
    path.write_text("# Our notes\n", encoding="utf-8")
    result = run("-C", str(root), "--kind", "premortem", "--date", "2026-11-27", "--ics")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "msc: error: retros/2026-11-27-premortem.md exists; msc never overwrites a "
        "retrospective (it may hold notes)",
        "  hint: pick another --date or another --kind, or move the existing file away",
    ]
    assert path.read_text(encoding="utf-8") == "# Our notes\n"
    assert not path.with_suffix(".ics").exists()
    assert (
        run("-C", str(root), "--kind", "premortem", "--date", "2026-11-27", "--force").exit_code
        == 2
    )


def test_an_existing_invite_stops_before_anything_is_written(make_partnership: MakeP) -> None:
    root = make_partnership()
    (root / "retros/2026-11-27-after-action.ics").write_bytes(b"BEGIN:VCALENDAR\n")
    with pytest.raises(UserError, match=r"2026-11-27-after-action\.ics exists"):
        new_retro(root, day=AS_OF, ics=True)
    assert not (root / "retros/2026-11-27-after-action.md").exists()
    assert not [p for p in (root / "retros").iterdir() if p.name.endswith(".tmp")]


def test_the_invite_is_a_valid_calendar(make_partnership: MakeP) -> None:
    from icalendar import Calendar

    root = make_partnership()
    result = run(
        "-C", str(root), "--date", "2026-12-03", "--time", "9:30", "--ics", "--topic", "Q4"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].endswith("retros/2026-12-03-after-action.ics")
    calendar = Calendar.from_ical((root / "retros/2026-12-03-after-action.ics").read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 9, 30)  # floating: no tzinfo
    assert event.decoded("DURATION") == timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "YW: After-action review — Q4"
    assert str(event["UID"]).startswith("retro-20261203-after-action-yw-")
    assert event.decoded("DTSTAMP").tzinfo is not None
    description = str(event["DESCRIPTION"])
    assert "09:30–09:40  Welcome and purpose" in description
    assert "Total: 90 minutes" in description
    assert description.endswith("Agenda with the facts: retros/2026-12-03-after-action.md")
    again = plan_retro(prepare(root, as_of=date(2026, 12, 3)), "after-action", topic="Q4")
    assert again.invite.uid == str(event["UID"])  # stable


def test_output_to_stdout_writes_nothing(make_partnership: MakeP) -> None:
    root = make_partnership()
    result = run("-C", str(root), "--date", "2026-11-27", "-o", "-", "--language", "nl")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Terugblik (after-action review) · Youth Works · ")
    assert sorted(p.name for p in (root / "retros").iterdir()) == ["2026-10-01-after-action.md"]
    assert run("-C", str(root), "-o", "-", "--ics").exit_code == 2


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["--kind", "post-mortem"], "Usage: msc retro new [OPTIONS]"),
        (["--date", "27-11-2026"], "msc: error: --date: `27-11-2026` is not a date"),
        (["--time", "2pm"], "msc: error: --time: `2pm` is not a time"),
        (["--time", "25:00"], "msc: error: --time: `25:00` is not a time"),
    ],
)
def test_usage_errors_exit_2(make_partnership: MakeP, args: list[str], first_line: str) -> None:
    result = run("-C", str(make_partnership()), *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == first_line


def test_not_a_partnership(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"msc: error: no partnership.yaml in {tmp_path}")


# -- msc check -----------------------------------------------------------------------


def test_a_new_retro_satisfies_the_retrospective_health_rule(make_partnership: MakeP) -> None:
    root = make_partnership()
    later = date(2027, 1, 20)
    before = codes(run_check(root, as_of=later))
    assert "MSC602" in before
    new_retro(root, "premortem", day=later, ics=True)
    after = codes(run_check(root, as_of=later))
    assert after == [code for code in before if code != "MSC602"]


def test_the_demo_stays_clean_with_all_three_new_agendas(demo_copy: Path) -> None:
    """New agendas add no finding: the overdue actions they carry forward (MSC605) are
    the same actions, counted once, as in the retrospective they come from."""
    root = demo_copy
    day = date(2026, 12, 14)  # the demo's one open action is 4 days overdue
    before = codes(run_check(root, as_of=day))
    assert before.count("MSC605") == 1
    for kind in KINDS:
        new_retro(root, kind, day=day, ics=True)
    report = run_check(root, as_of=day)
    assert codes(report) == before
    overdue = {f.file for f in report.findings if f.code == "MSC605"}
    assert overdue == {"retros/2026-12-14-premortem.md"}
    assert len(list((root / "retros").glob("2026-12-14-*"))) == 6


# -- what changed, from git history ------------------------------------------------


def history_section(markdown: str) -> str | None:
    """The facts' "what changed in the partnership" list, or None when it is left out."""
    for header in ("### What changed in the partnership", "### Wat er in het partnerschap"):
        if header in markdown:
            return markdown.split(header, 1)[1].split("\n### ", 1)[0]
    return None


HISTORY_FACTS = {
    "en": """ since 1 October 2026

- **Youth Clinic** is no longer in the list of partners.
- **City** is now represented by Bob (was: Ann).
- New activity **Youth desk** (active); accountable: City.
- **Jobs fair** is done.
- **Newsletter**: School is now accountable (was: City).
- **Young people placed in work**: target now 45 people by 30 Jun 2027 (was: 40 people by 1 Jan 2027).
- The purpose has new words: “Help every young person into work or school.”
- Steering group reaffirmed the purpose on 10 Nov 2026.
- **Steering group**: decision rule now majority vote (was: consent).
""",
    "nl": """ veranderde sinds 1 oktober 2026

- **Youth Clinic** staat niet meer in de lijst van partners.
- **City** wordt nu vertegenwoordigd door Bob (was: Ann).
- Nieuwe activiteit **Youth desk** (actief); eindverantwoordelijk: City.
- **Jobs fair** is afgerond.
- **Newsletter**: School is nu eindverantwoordelijk (was: City).
- **Young people placed in work**: doel nu 45 people per 30 jun 2027 (was: 40 people per 1 jan 2027).
- Het doel is opnieuw verwoord: “Help every young person into work or school.”
- Steering group heeft het doel op 10 nov 2026 opnieuw bevestigd.
- **Steering group**: besluitregel nu meerderheid van stemmen (was: consent).
""",
}


@pytest.mark.usefixtures("isolated_git")
@pytest.mark.parametrize("language", ["en", "nl"])
def test_facts_say_what_changed_in_git_history(make_partnership: MakeP, language: str) -> None:
    root = repository(make_partnership(with_clinic), "2026-09-15")
    story(root)
    retro = plan_retro(prepare(root, language=language, as_of=AS_OF), "premortem")
    assert history_section(retro.markdown) == HISTORY_FACTS[language]
    assert "example.org" not in retro.markdown
    facts = retro.agenda.facts
    assert facts.history is not None and len(facts.changes) == 9
    snapshot(f"retro-history-premortem.{language}.md", retro.markdown)


@pytest.mark.usefixtures("isolated_git")
def test_facts_say_so_when_history_shows_no_change(make_partnership: MakeP) -> None:
    root = repository(make_partnership(), "2026-09-15")
    (root / "notes.txt").write_text("outside the partnership's files\n")
    commit(root, "A note", "2026-11-02")
    retro = plan_retro(prepare(root, as_of=AS_OF), "after-action")
    assert history_section(retro.markdown) == (
        " since 1 October 2026\n\n- Partners, roles, targets, the purpose and the decision "
        "rules are as they were on 1 October 2026.\n"
    )


@pytest.mark.usefixtures("isolated_git")
def test_without_history_back_to_the_last_retro_the_facts_are_as_before(
    make_partnership: MakeP,
) -> None:
    root = repository(make_partnership(with_clinic), "2026-10-15")  # after the last retro
    story(root)
    in_git = plan_retro(prepare(root, as_of=AS_OF), "appreciative").markdown
    assert history_section(in_git) is None
    shutil.rmtree(root / ".git")
    assert plan_retro(prepare(root, as_of=AS_OF), "appreciative").markdown == in_git


def test_demo_facts_use_no_history_before_its_first_commit() -> None:
    """The demo's history starts long after its last retrospective, so its agendas (and
    snapshots) are built from the dates in its files, in git or not."""
    facts = plan_retro(demo(), "after-action").agenda.facts
    assert facts.history is None and facts.changes == ()


@pytest.mark.parametrize("kind", ["after-action", "premortem", "appreciative"])
@pytest.mark.parametrize("ics", [[], ["--ics"]], ids=["agenda", "ics"])
def test_a_meeting_past_the_last_day_of_the_calendar_is_refused(
    make_partnership: MakeP, kind: str, ics: list[str]
) -> None:
    root = make_partnership()
    out = ["-o", "-"] if not ics else []
    for clock in ("22:31", "23:59"):
        args = ["-C", str(root), "--date", "9999-12-31", "--time", clock, "-k", kind, *ics]
        result = run(*args, *out)
        assert result.exit_code == 1, result.output
        assert "would end after 9999-12-31" in result.output, result.output
        assert "internal error" not in result.output
    assert not list(root.glob("retros/9999-*"))


@pytest.mark.parametrize("kind", ["after-action", "premortem", "appreciative"])
def test_a_meeting_past_midnight_runs_on_the_clock(make_partnership: MakeP, kind: str) -> None:
    root = make_partnership()
    result = run("-C", str(root), "--date", "9999-12-30", "--time", "23:59", "-k", kind, "--ics")
    assert result.exit_code == 0, result.output
    agenda = (root / "retros" / f"9999-12-30-{kind}.md").read_text(encoding="utf-8")
    assert "| 23:59–" in agenda and "| 00:" in agenda
    invite = (root / "retros" / f"9999-12-30-{kind}.ics").read_text(encoding="utf-8")
    assert "DTSTART:99991230T235900" in invite


def test_clock_arithmetic_wraps_at_midnight_and_never_leaves_the_calendar() -> None:
    from msctool.days import clock_after, fits_in_calendar

    assert clock_after(time(22, 30), 90) == time(0, 0)
    assert clock_after(time(23, 59), 24 * 60 + 2) == time(0, 1)
    assert fits_in_calendar(date.max, time(22, 30), 90)
    assert not fits_in_calendar(date.max, time(22, 31), 90)
    assert fits_in_calendar(date(9999, 12, 30), time(23, 59), 90)
