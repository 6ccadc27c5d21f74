"""Every rule from MSC008 to MSC606: where it fires, where it stays quiet, and its settings.

Each case changes one thing in the helpers' ``base_files()`` (which passes every
rule on AS_OF) and checks the exact code, severity, file and line of the
finding. Lines are computed from the YAML that the helpers' ``dump()`` writes:
the expected line is the one holding ``needle`` (after the line holding
``after``, when given), so each case also proves the finding points at the key.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, Edit, MakeP, base_files, codes, dump
from msctool.errors import UsageError
from msctool.findings import Finding
from msctool.rules.catalog import RULES
from msctool.rules.check import CheckReport, run_check

Files = dict[str, Any]

E, W = "error", "warning"


# -- small edits of base_files() ------------------------------------------------------


def _node(files: Files, rel: str, path: tuple[str | int, ...]) -> Any:
    node = files[rel]
    for part in path:
        node = node[part]
    return node


def put(rel: str, path: tuple[str | int, ...], value: Any) -> Edit:
    """Set the value at ``path`` of file ``rel``."""

    def edit(files: Files) -> None:
        _node(files, rel, path[:-1])[path[-1]] = value

    return edit


def drop(rel: str, path: tuple[str | int, ...]) -> Edit:
    """Remove the key (or list item) at ``path`` of file ``rel``."""

    def edit(files: Files) -> None:
        del _node(files, rel, path[:-1])[path[-1]]

    return edit


def add(rel: str, path: tuple[str | int, ...], *items: Any) -> Edit:
    """Append ``items`` to the list at ``path`` of file ``rel``."""

    def edit(files: Files) -> None:
        _node(files, rel, path).extend(copy.deepcopy(items))

    return edit


def retext(rel: str, old: str, new: str) -> Edit:
    """Replace ``old`` by ``new`` in the YAML text of file ``rel`` (for what a dict cannot say)."""

    def edit(files: Files) -> None:
        text = dump(files[rel])
        assert old in text
        files[rel] = text.replace(old, new, 1)

    return edit


def duplicate(rel: str, path: tuple[str | int, ...], index: int) -> Edit:
    """Append a copy of item ``index`` of the list at ``path`` (same id)."""

    def edit(files: Files) -> None:
        items = _node(files, rel, path)
        items.append(copy.deepcopy(items[index]))

    return edit


def write(rel: str, content: Any) -> Edit:
    """Add or replace a whole file; None leaves it out."""

    def edit(files: Files) -> None:
        files[rel] = content

    return edit


def remove(rel: str) -> Edit:
    def edit(files: Files) -> None:
        del files[rel]

    return edit


def actions(*lines: str) -> Edit:
    """The base retrospective with an action-items section holding ``lines``."""
    text = "# Retro\n\n## Action items\n\n" + "".join(line + "\n" for line in lines)
    return write("retros/2026-10-01-after-action.md", text)


def both(*edits: Edit) -> Edit:
    def edit(files: Files) -> None:
        for step in edits:
            step(files)

    return edit


def activity(aid: str, accountable: str, status: str = "active", **raci: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "name": aid.replace("-", " ").capitalize(),
        "goal": "work",
        "body": "steering",
        "work": "in",
        "status": status,
        "raci": {"accountable": accountable, **raci},
    }


def add_activities(*items: dict[str, Any]) -> Edit:
    return add("activities.yaml", ("activities",), *items)


def partner(pid: str, **changes: Any) -> dict[str, Any]:
    item = copy.deepcopy(base_files()["partners.yaml"]["partners"][0])
    item.update(id=pid, name=pid.upper(), **changes)
    return item


def add_metrics(count: int, scorecard: bool = True) -> Edit:
    """``count`` more healthy metrics, each with its own fresh observation."""

    def edit(files: Files) -> None:
        template = files["metrics.yaml"]["metrics"][0]
        for number in range(1, count + 1):
            mid = f"extra-{number}" if scorecard else f"off-card-{number}"
            files["metrics.yaml"]["metrics"].append(
                {**copy.deepcopy(template), "id": mid, "scorecard": scorecard}
            )
            files[f"data/{mid}.csv"] = f"metric,date,value\n{mid},2026-11-20,1\n"

    return edit


def decision(number: int, **changes: Any) -> dict[str, Any]:
    record = {
        "format_version": 1,
        "id": number,
        "title": f"Decision {number}",
        "date": date(2025, 2, 1),
        "status": "accepted",
        "body": "steering",
    }
    record.update(changes)
    return record


def csv(*rows: str) -> Edit:
    """Replace the observations of `placements` with ``rows``."""
    return write("data/placements.csv", "metric,date,value,source\n" + "".join(rows))


def days_ago(days: int) -> date:
    return AS_OF - timedelta(days=days)


def checks(**settings: Any) -> Edit:
    return put("partnership.yaml", ("checks",), settings)


# -- helpers for reports ---------------------------------------------------------------


def check(root: Path, **options: Any) -> CheckReport:
    return run_check(root, as_of=AS_OF, **options)


def of(report: CheckReport, code: str) -> list[Finding]:
    return [finding for finding in report.findings if finding.code == code]


def line_of(path: Path, needle: str, after: str | None = None) -> int:
    """1-based number of the first line holding ``needle`` (below the line holding ``after``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line) + 1
    for number in range(start, len(lines)):
        if needle in lines[number]:
            return number + 1
    raise AssertionError(f"{needle!r} not in {path.name} (after {after!r})")


def text_of_line(root: Path, finding: Finding) -> str:
    return (root / finding.file).read_text(encoding="utf-8").splitlines()[finding.line - 1]


# -- the cases -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fires:
    """``edit`` makes rule ``code`` fire once, at the line of ``file`` holding ``needle``."""

    code: str
    label: str
    edit: Edit
    severity: str
    file: str
    needle: str
    message: str
    after: str | None = None
    column: int | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Quiet:
    """``edit`` sits on the quiet side of rule ``code``; the report holds exactly ``others``."""

    code: str
    label: str
    edit: Edit
    others: tuple[str, ...] = ()


ACT = "activities.yaml"
ROOT = "partnership.yaml"
PARTNERS = "partners.yaml"
METRICS = "metrics.yaml"
ENGAGE = "engagement.yaml"
ROI = "roi.yaml"
DECISION = "decisions/0001-adopt-msc.md"
CSV = "data/placements.csv"
RETRO = "retros/2026-10-01-after-action.md"

SIX_FOR_SCHOOL = add_activities(
    activity("a1", "school"),
    activity("a2", "school", status="planned"),
    activity("a3", "school", status="paused"),
    activity("a4", "school"),
    activity("a5", "school"),
)
"""With jobs-fair, school is accountable for six open activities."""

FOUR_OPEN = add_activities(activity("a1", "city"), activity("a2", "city"))

FIRES = [
    # MSC008 duplicate ids
    Fires("MSC008", "partner", duplicate(PARTNERS, ("partners",), 0), E, PARTNERS,
          "- id: city", "duplicate partner id `city`", after="- id: school"),
    Fires("MSC008", "activity", duplicate(ACT, ("activities",), 1), E, ACT,
          "- id: jobs-fair", "duplicate activity id `jobs-fair`", after="- id: jobs-fair"),
    Fires("MSC008", "goal", add(ROOT, ("goals",), {"id": "work", "title": "Again"}), E, ROOT,
          "- id: work", "duplicate goal id `work`", after="- id: work"),
    Fires("MSC008", "decision", write("decisions/0001-again.md", decision(1)), E,
          "decisions/0001-again.md", "id: 1", "duplicate decision id `1`"),
    # MSC009 broken references, one per kind of reference
    Fires("MSC009", "activity-goal", put(ACT, ("activities", 0, "goal"), "works"), E, ACT,
          "goal: works", "unknown goal `works`", hint="did you mean `work`?"),
    Fires("MSC009", "activity-body", put(ACT, ("activities", 1, "body"), "board"), E, ACT,
          "body: board", "unknown governance body `board`"),
    Fires("MSC009", "activity-accountable",
          put(ACT, ("activities", 0, "raci", "accountable"), "cty"), E, ACT,
          "accountable: cty", "unknown partner `cty`", hint="did you mean `city`?"),
    Fires("MSC009", "activity-responsible",
          put(ACT, ("activities", 1, "raci", "responsible"), ["city", "ngo"]), E, ACT,
          "- ngo", "unknown partner `ngo`"),
    Fires("MSC009", "activity-consulted",
          put(ACT, ("activities", 1, "raci", "consulted"), ["ngo"]), E, ACT,
          "- ngo", "unknown partner `ngo`", after="consulted:"),
    Fires("MSC009", "activity-informed",
          put(ACT, ("activities", 0, "raci", "informed"), ["school", "ngo"]), E, ACT,
          "- ngo", "unknown partner `ngo`", after="informed:"),
    Fires("MSC009", "metric-owner", put(METRICS, ("metrics", 0, "owner"), "town"), E, METRICS,
          "owner: town", "unknown partner `town`"),
    Fires("MSC009", "metric-goal", put(METRICS, ("metrics", 0, "goal"), "housing"), E, METRICS,
          "goal: housing", "unknown goal `housing`"),
    Fires("MSC009", "decision-body", put(DECISION, ("body",), "board"), E, DECISION,
          "body: board", "unknown governance body `board`"),
    Fires("MSC009", "decision-consulted", put(DECISION, ("consulted",), ["ngo"]), E, DECISION,
          "- ngo", "unknown partner or governance body `ngo`", after="consulted:"),
    Fires("MSC009", "decision-informed", put(DECISION, ("informed",), ["ngo"]), E, DECISION,
          "- ngo", "unknown partner or governance body `ngo`", after="informed:"),
    Fires("MSC009", "decision-affects", put(DECISION, ("affects",), ["jobs-fiar"]), E, DECISION,
          "- jobs-fiar", "`jobs-fiar` is no activity, metric or partner",
          hint="did you mean `jobs-fair`?"),
    Fires("MSC009", "roi-input-partner", put(ROI, ("inputs", 0, "partner"), "ngo"), E, ROI,
          "partner: ngo", "unknown partner `ngo`"),
    Fires("MSC009", "roi-input-outcome", put(ROI, ("inputs", 0, "outcomes"), ["job"]), E, ROI,
          "- job", "unknown ROI outcome `job`", column=5),
    Fires("MSC009", "roi-outcome-metric", put(ROI, ("outcomes", 0, "metric"), "jobs"), E, ROI,
          "metric: jobs", "unknown metric `jobs`"),
    Fires("MSC009", "roi-outcome-segment", put(ROI, ("outcomes", 0, "segment"), "pupils"), E,
          ROI, "segment: pupils", "unknown segment `pupils`"),
    Fires("MSC009", "engagement-segment",
          put(ENGAGE, ("engagements", 0, "segments"), ["students", "dropouts"]), E, ENGAGE,
          "- dropouts", "unknown segment `dropouts`"),
    Fires("MSC009", "engagement-led-by", put(ENGAGE, ("engagements", 0, "led_by"), "ngo"), E,
          ENGAGE, "led_by: ngo", "unknown partner `ngo`"),
    Fires("MSC009", "body-member", add(ROOT, ("bodies", 0, "members"), "ngo"), E, ROOT,
          "- ngo", "unknown partner `ngo`"),
    Fires("MSC009", "body-lead", put(ROOT, ("bodies", 0, "lead"), "ngo"), E, ROOT,
          "lead: ngo", "unknown partner `ngo`"),
    Fires("MSC009", "purpose-reaffirmed-by", put(ROOT, ("purpose", "reaffirmed_by"), "board"),
          E, ROOT, "reaffirmed_by: board", "unknown governance body `board`"),
    Fires("MSC009", "representative-seat",
          put(PARTNERS, ("partners", 1, "representatives", 0, "body_seats"), ["board"]), E,
          PARTNERS, "- board", "unknown governance body `board`"),
    Fires("MSC303", "logo-missing", put(ROOT, ("logo",), "assets/logo.svg"), W, ROOT,
          "logo: assets/logo.svg", "logo `assets/logo.svg` does not exist"),
    Fires("MSC009", "logo-outside-relative",
          both(put(ROOT, ("logo",), "../logo.svg"), write("../logo.svg", "<svg/>")), E, ROOT,
          "logo: ../logo.svg", "logo `../logo.svg` is outside the partnership folder"),
    Fires("MSC009", "logo-outside-absolute", put(ROOT, ("logo",), "/etc/hostname"), E, ROOT,
          "logo: /etc/hostname", "is outside the partnership folder"),
    # MSC010 exactly one accountable
    Fires("MSC010", "none", drop(ACT, ("activities", 0, "raci", "accountable")), E, ACT,
          "informed:", "activity `newsletter` has 0 accountable partners", after="raci:"),
    Fires("MSC010", "empty-list", put(ACT, ("activities", 0, "raci", "accountable"), []), E,
          ACT, "accountable: []", "activity `newsletter` has 0 accountable partners"),
    Fires("MSC010", "two", put(ACT, ("activities", 0, "raci", "accountable"), ["city", "school"]),
          E, ACT, "- city", "activity `newsletter` has 2 accountable partners",
          after="accountable:"),
    # MSC011 bad observations: line and column of the bad cell
    Fires("MSC011", "unknown-metric", csv("placements,2026-10-31,20\n", "jobs,2026-11-20,3\n"),
          E, CSV, "jobs,", "unknown metric `jobs`", column=1),
    Fires("MSC011", "misspelt-metric", csv("placemnts,2026-11-20,3\n"), E, CSV, "placemnts",
          "unknown metric `placemnts`", column=1, hint="did you mean `placements`?"),
    Fires("MSC011", "bad-date", csv("placements,2026-10-31,20\n", "placements,2026-13-01,3\n"),
          E, CSV, "2026-13-01", "`2026-13-01` is not a date", column=12),
    Fires("MSC011", "bad-value", csv("placements,2026-11-20,3 people,city\n"), E, CSV,
          "3 people", "`3 people` is not a number", column=23),
    Fires("MSC011", "infinite-value", csv("placements,2026-11-20,inf\n"), E, CSV, ",inf",
          "`inf` is not a number", column=23),
    # MSC012 decision records
    Fires("MSC012", "supersedes-unknown", put(DECISION, ("supersedes",), [7]), E, DECISION,
          "- 7", "decision 1 supersedes decision 7"),
    Fires("MSC012", "name-not-id", write("decisions/0002-budget.md", decision(3)), E,
          "decisions/0002-budget.md", "id: 3", "file name does not match decision id 3",
          hint="name the file `decisions/0003-<short-title>.md`"),
    Fires("MSC012", "name-without-number", write("decisions/budget.md", decision(2)), E,
          "decisions/budget.md", "id: 2", "file name does not match decision id 2"),
    Fires("MSC012", "no-front-matter", write("decisions/0002-budget.md", "# Budget\n"), E,
          "decisions/0002-budget.md", "# Budget", "decision record has no front matter"),
    # MSC015 supersession cycles
    Fires("MSC015", "supersedes-itself", put(DECISION, ("supersedes",), [1]), E, DECISION,
          "- 1", "decision 1 supersedes itself"),
    Fires("MSC015", "two-decisions-in-a-ring",
          both(put(DECISION, ("supersedes",), [2]), write("decisions/0002-budget.md",
                                                           decision(2, supersedes=[1]))),
          E, DECISION, "- 2", "in a cycle: 0001 → 0002 → 0001", column=3),
    # MSC013 misspelt file names
    Fires("MSC013", "partner.yaml", lambda f: f.update({"partner.yaml": f[PARTNERS]}), W,
          "partner.yaml", "format_version: 1", "msc does not read `partner.yaml`",
          hint="did you mean `partners.yaml`? rename the file"),
    Fires("MSC013", "activities.yml", write("activities.yml", {"format_version": 1}), W,
          "activities.yml", "format_version: 1", "msc does not read `activities.yml`",
          hint="did you mean `activities.yaml`? rename the file"),
    # MSC016 tags outside the core schema, MSC017 control characters
    Fires("MSC016", "binary", retext(ENGAGE, "title: Youth panel", "title: !!binary eW91dGg="),
          E, ENGAGE, "!!binary", "YAML tag `!!binary` is not allowed", column=10),
    Fires("MSC016", "local", retext(ROOT, "name: Youth Works", "name: !local Youth Works"),
          E, ROOT, "!local", "YAML tag `!local` is not allowed", column=7),
    Fires("MSC017", "nul", retext(ENGAGE, "title: Youth panel", "title: Youth\x00panel"),
          E, ENGAGE, "Youth\x00", "a control character (U+0000) in a value", column=15),
    Fires("MSC017", "escape", retext(ROOT, "name: Youth Works", 'name: "Youth \\e Works"'),
          E, ROOT, "name:", "a control character (U+001B) in a value", column=7),
    # MSC1xx purpose and drumbeat
    Fires("MSC101", "366-days", put(ROOT, ("purpose", "reaffirmed"), days_ago(366)), W, ROOT,
          "reaffirmed: 2025-11-26", "purpose last reaffirmed 366 days ago (2025-11-26)"),
    Fires("MSC102", "two-months",
          both(remove("newsletters/2026-11.md"), write("newsletters/2026-09.md", "# Sep\n"),
               put(ROOT, ("cadence",), {"newsletter": "monthly"})),
          W, ROOT, "newsletter: monthly",
          "no newsletter for two monthly periods (the newest is from 2026-09)"),
    Fires("MSC102", "none-yet", remove("newsletters/2026-11.md"), W, ROOT,
          "format_version: 1", "(none in newsletters/ yet)"),
    Fires("MSC103", "new-goal", add(ROOT, ("goals",), {"id": "housing", "title": "Housing"}),
          W, ROOT, "- id: housing", "no open activity works on goal `housing`"),
    Fires("MSC103", "done-activity-does-not-count",
          both(add(ROOT, ("goals",), {"id": "housing", "title": "Housing"}),
               add_activities({**activity("house", "city", status="done"), "goal": "housing"})),
          W, ROOT, "- id: housing", "goal `housing`"),
    Fires("MSC104", "mission-work-without-goal", drop(ACT, ("activities", 1, "goal")), W, ACT,
          "- id: jobs-fair", "activity `jobs-fair` names no goal"),
    # MSC2xx people and money
    Fires("MSC201", "no-gives-key", drop(PARTNERS, ("partners", 1, "gives")), W, PARTNERS,
          "- id: school", "partner `school` gives nothing"),
    Fires("MSC201", "leaves-tomorrow",
          both(put(PARTNERS, ("partners", 1, "gives"), []),
               put(PARTNERS, ("partners", 1, "left"), AS_OF + timedelta(days=1))),
          W, PARTNERS, "gives: []", "partner `school` gives nothing", after="- id: school"),
    Fires("MSC202", "empty-gets", put(PARTNERS, ("partners", 1, "gets"), []), W, PARTNERS,
          "gets: []", "partner `school` gets nothing back", after="- id: school"),
    Fires("MSC203", "no-roi-file", remove(ROI), W, ROOT, "format_version: 1",
          "there is no roi.yaml"),
    Fires("MSC203", "no-outcomes", put(ROI, ("outcomes",), []), W, ROI, "format_version: 1",
          "roi.yaml has no outcomes"),
    Fires("MSC203", "no-inputs", put(ROI, ("inputs",), []), W, ROI, "format_version: 1",
          "roi.yaml has no inputs"),
    Fires("MSC204", "no-representative", put(PARTNERS, ("partners", 1, "representatives"), []),
          W, PARTNERS, "- id: school",
          "partner `school` has 0 named representative(s); at least 1 expected"),
    # MSC3xx identity, working on and in
    Fires("MSC301", "all-work-in", put(ACT, ("activities", 0, "work"), "in"), W, ACT,
          "- id: newsletter", "no open activity is work on the partnership itself"),
    Fires("MSC301", "work-on-done", put(ACT, ("activities", 0, "status"), "done"), W, ACT,
          "- id: newsletter", "no open activity is work on"),
    Fires("MSC302", "no-tagline", drop(ROOT, ("tagline",)), W, ROOT, "name: Youth Works",
          "the identity has no tagline"),
    Fires("MSC302", "no-colours-no-values",
          both(drop(ROOT, ("colours",)), drop(ROOT, ("values",))), W, ROOT,
          "name: Youth Works", "the identity has no colours, values"),
    # MSC4xx roles and decisions
    Fires("MSC401", "no-rule", drop(ROOT, ("bodies", 0, "decision_rule")), W, ROOT,
          "- id: steering", "body `steering` has no decision rule"),
    Fires("MSC402", "new-partner", add(PARTNERS, ("partners",), partner("ngo")), W, PARTNERS,
          "- id: ngo", "partner `ngo` has no role in any activity"),
    Fires("MSC403", "six-open", SIX_FOR_SCHOOL, W, PARTNERS, "- id: school",
          "partner `school` is accountable for 6 open activities (limit 5)"),
    Fires("MSC404", "three-of-four",
          both(FOUR_OPEN, put(ACT, ("activities", 0, "raci", "consulted"), ["school"]),
               put(ACT, ("activities", 2, "raci", "consulted"), ["school"]),
               put(ACT, ("activities", 3, "raci", "consulted"), ["school"])),
          W, PARTNERS, "- id: school",
          "partner `school` is consulted on 3 of 4 open activities (more than 50%)"),
    Fires("MSC405", "no-lead", put(ROOT, ("bodies", 0, "decision_rule"), "lead-decides"), W,
          ROOT, "decision_rule: lead-decides",
          "body `steering` decides by lead-decides but names no lead"),
    Fires("MSC405", "lead-not-member",
          both(put(ROOT, ("bodies", 0, "decision_rule"), "lead-decides"),
               put(ROOT, ("bodies", 0, "lead"), "school"),
               put(ROOT, ("bodies", 0, "members"), ["city"])),
          W, ROOT, "decision_rule: lead-decides", "has lead `school` who is no member"),
    Fires("MSC406", "seat-without-membership",
          both(put(PARTNERS, ("partners", 1, "representatives", 0, "body_seats"), ["steering"]),
               put(ROOT, ("bodies", 0, "members"), ["city"])),
          W, PARTNERS, "- steering", "Ann sits in `steering`, but `school` is no member of it",
          after="- id: school"),
    Fires("MSC407", "member-who-left", put(PARTNERS, ("partners", 1, "left"), date(2026, 1, 1)),
          W, ROOT, "- city",
          "partner `school` left on 2026-01-01 but is still member of `steering`"),
    Fires("MSC407", "seat-of-a-partner-who-left",
          both(put(PARTNERS, ("partners", 1, "representatives", 0, "body_seats"), ["steering"]),
               put(PARTNERS, ("partners", 1, "left"), date(2026, 1, 1)),
               put(ROOT, ("bodies", 0, "members"), ["city"])),
          W, PARTNERS, "- steering",
          "Ann of `school`, which left on 2026-01-01, still sits in `steering`",
          after="- id: school"),
    # MSC5xx the target population
    Fires("MSC501", "91-days", put(ENGAGE, ("engagements", 0, "date"), days_ago(91)), W, ENGAGE,
          "- id: panel-nov",
          "no engagement with the target population in 90 days (the newest was on 2026-08-28)"),
    Fires("MSC501", "only-future",
          put(ENGAGE, ("engagements", 0, "date"), AS_OF + timedelta(days=3)), W, ROOT,
          "description: Young people", "(none is recorded)"),
    Fires("MSC502", "empty-changed", put(ENGAGE, ("engagements", 0, "changed"), []), W, ENGAGE,
          "- id: panel-nov", "engagement `panel-nov` records nothing that changed"),
    Fires("MSC503", "new-segment",
          add(ROOT, ("target_population", "segments"), {"id": "dropouts", "name": "Dropouts"}),
          W, ROOT, "- id: dropouts", "segment `dropouts` has never been engaged"),
    # MSC6xx metrics and learning
    Fires("MSC601", "eight-on-card", add_metrics(7), W, METRICS, "- id: extra-7",
          "8 metrics on the scorecard; the cap is 7"),
    Fires("MSC602", "93-days",
          both(remove("retros/2026-10-01-after-action.md"),
               write(f"retros/{days_ago(93)}-after-action.md", "# Retro\n"),
               put(ROOT, ("cadence",), {"retrospective": "quarterly"})),
          W, ROOT, "retrospective: quarterly",
          "no retrospective in the last 92 days (the newest is from 2026-08-26)"),
    Fires("MSC602", "future-retro-does-not-count",
          both(remove("retros/2026-10-01-after-action.md"),
               write(f"retros/{days_ago(93)}-after-action.md", "# Retro\n"),
               write("retros/2026-12-01-premortem.md", "# Later\n")),
          W, ROOT, "format_version: 1", "(the newest is from 2026-08-26)"),
    Fires("MSC603", "61-days", csv(f"placements,{days_ago(61)},20\n"), W, METRICS,
          "cadence: monthly",
          "metric `placements` has no observation for 2 monthly periods "
          "(the newest is from 2026-09-27)"),
    Fires("MSC603", "future-observation-does-not-count",
          csv(f"placements,{days_ago(61)},20\n", "placements,2026-12-15,25\n"), W, METRICS,
          "cadence: monthly", "(the newest is from 2026-09-27)"),
    Fires("MSC603", "no-observations", csv(), W, METRICS, "cadence: monthly", "(it has none)"),
    Fires("MSC606", "15-days-late", csv(f"placements,{days_ago(46)},20\n"), W, PARTNERS,
          "- id: city",
          "partner `city` is more than 14 days late with 1 figure: `placements` due 2026-11-12 "
          "(15 days)"),
    Fires("MSC606", "one-finding-for-two-metrics",
          both(csv(f"placements,{days_ago(46)},20\n"), add_metrics(1),
               write("data/extra-1.csv", f"metric,date,value\nextra-1,{days_ago(50)},1\n")),
          W, PARTNERS,
          "- id: city", "partner `city` is more than 14 days late with 2 figures: "),
    Fires("MSC604", "no-target", drop(METRICS, ("metrics", 0, "target")), W, METRICS,
          "- id: placements", "metric `placements` has no target"),
    Fires("MSC604", "neither",
          both(drop(METRICS, ("metrics", 0, "target")), drop(METRICS, ("metrics", 0, "baseline"))),
          W, METRICS, "- id: placements", "metric `placements` has no baseline and no target"),
    # MSC018 action items name known owners and real days; MSC605 open ones overdue
    Fires("MSC018", "unknown-owner", actions("- [ ] Who: cty · What: Call them · When: 2026-12-15"),
          E, RETRO, "Who: cty", "action item owner `cty` is no partner, body or representative",
          hint="did you mean `city`?"),
    Fires("MSC018", "due-no-date", actions("- [ ] Who: Ann · What: Call them · When: soon"),
          E, RETRO, "When: soon", "action item due `soon` is not a date"),
    Fires("MSC018", "table-owner", actions("| action | owner | due |", "|---|---|---|",
                                           "| Call them | Bob (nowhere) | 2026-12-15 |"),
          E, RETRO, "Bob (nowhere)", "action item owner `Bob (nowhere)` is no partner"),
    Fires("MSC605", "overdue", actions("- [ ] Who: city · What: Call them · When: 2026-11-01"),
          W, RETRO, "When: 2026-11-01", "action item `Call them` (city) is 26 days overdue",
          hint="do it and run `msc retro done 2026-10-01-after-action:5`, or agree a new day"),
]  # fmt: skip


QUIET = [
    Quiet("MSC008", "ids-are-per-kind", put(ACT, ("activities", 0, "id"), "city")),
    Quiet("MSC008", "two-decisions", write("decisions/0002-budget.md", decision(2))),
    Quiet("MSC009", "logo-in-folder",
          both(put(ROOT, ("logo",), "assets/logo.svg"), write("assets/logo.svg", "<svg/>"))),
    Quiet("MSC009", "partner-who-left-still-resolves",
          put(PARTNERS, ("partners", 1, "left"), date(2026, 1, 1)), others=("MSC407",)),
    Quiet("MSC009", "affects-activity-metric-partner",
          put(DECISION, ("affects",), ["jobs-fair", "placements", "school"])),
    Quiet("MSC009", "outcome-without-metric-or-segment", drop(ROI, ("outcomes", 0, "metric"))),
    Quiet("MSC009", "unparsable-partners-file-does-not-cascade",
          write(PARTNERS, "format_version: 1\npartners: [\n"), others=("MSC002",)),
    Quiet("MSC010", "one-item-list", put(ACT, ("activities", 0, "raci", "accountable"), ["city"])),
    Quiet("MSC011", "decimals-negatives-blank-lines-no-source",
          write(CSV, "metric,date,value\nplacements,2026-10-31,20.5\n\nplacements,2026-11-20,-1\n")),
    Quiet("MSC011", "metric-ids-unchecked-when-metrics-unparsable",
          both(write(METRICS, "format_version: 1\nmetrics: [\n"), csv("jobs,2026-11-20,3\n")),
          others=("MSC002",)),
    Quiet("MSC012", "supersedes-existing",
          write("decisions/0002-budget.md", decision(2, supersedes=[1]))),
    Quiet("MSC015", "a-chain",
          both(write("decisions/0002-budget.md", decision(2, supersedes=[1])),
               write("decisions/0003-budget.md", decision(3, supersedes=[2, 1])))),
    Quiet("MSC013", "unrelated-hidden-and-nested-files",
          both(write("notes.yaml", {"a": 1}), write(".hidden.yaml", {"a": 1}),
               write("assets/partner.yaml", {"a": 1}))),
    Quiet("MSC016", "core-tags", retext(ENGAGE, "title: Youth panel", "title: !!str Youth panel")),
    Quiet("MSC017", "tab-and-line-breaks",
          retext(ROOT, "statement: Help young people into work.",
                 'statement: "Help\\tyoung people\\ninto work."')),
    Quiet("MSC101", "365-days", put(ROOT, ("purpose", "reaffirmed"), days_ago(365))),
    Quiet("MSC102", "57-days-monthly",
          both(remove("newsletters/2026-11.md"), write("newsletters/2026-10.md", "# Oct\n"))),
    Quiet("MSC102", "179-days-quarterly",
          both(remove("newsletters/2026-11.md"), write("newsletters/2026-06.md", "# Jun\n"),
               put(ROOT, ("cadence",), {"newsletter": "quarterly"}))),
    *(
        Quiet("MSC103", f"{status}-activity-counts",
              both(add(ROOT, ("goals",), {"id": "housing", "title": "Housing"}),
                   add_activities({**activity("house", "city", status=status), "goal": "housing"})))
        for status in ("planned", "active", "paused")
    ),
    Quiet("MSC104", "work-on-needs-no-goal", drop(ACT, ("activities", 0, "goal"))),
    Quiet("MSC104", "done-work-in-needs-no-goal",
          both(drop(ACT, ("activities", 1, "goal")), put(ACT, ("activities", 1, "status"), "done"))),
    Quiet("MSC201", "partner-left-today",
          both(put(PARTNERS, ("partners", 1, "gives"), []),
               put(PARTNERS, ("partners", 1, "gets"), []),
               put(PARTNERS, ("partners", 1, "left"), AS_OF)), others=("MSC407",)),
    Quiet("MSC202", "partner-joins-later",
          both(put(PARTNERS, ("partners", 1, "gets"), []),
               put(PARTNERS, ("partners", 1, "joined"), AS_OF + timedelta(days=1)))),
    Quiet("MSC203", "one-input-one-outcome", put(ROI, ("inputs", 0, "kind"), "hours")),
    Quiet("MSC204", "representative-min-0",
          both(put(PARTNERS, ("partners", 1, "representatives"), []),
               checks(thresholds={"representative_min": 0}))),
    Quiet("MSC301", "work-on-paused", put(ACT, ("activities", 0, "status"), "paused")),
    Quiet("MSC301", "nothing-open",
          both(put(ACT, ("activities", 0, "status"), "done"),
               put(ACT, ("activities", 1, "status"), "dropped")),
          others=("MSC103",)),
    Quiet("MSC302", "minimal-identity",
          both(put(ROOT, ("colours",), {"primary": "#000"}), put(ROOT, ("values",), ["care"]))),
    Quiet("MSC303", "logo-present",
          both(put(ROOT, ("logo",), "assets/logo.svg"), write("assets/logo.svg", "<svg/>"))),
    Quiet("MSC401", "any-rule", put(ROOT, ("bodies", 0, "decision_rule"), "advice")),
    Quiet("MSC402", "informed-is-a-role",
          both(add(PARTNERS, ("partners",), partner("ngo")),
               put(ACT, ("activities", 1, "raci", "informed"), ["ngo"]))),
    Quiet("MSC402", "partner-who-left",
          add(PARTNERS, ("partners",), partner("ngo", left=date(2026, 1, 1)))),
    Quiet("MSC403", "exactly-five-open-plus-done-and-dropped",
          add_activities(
              activity("a1", "school"),
              activity("a2", "school", status="planned"),
              activity("a3", "school", status="paused"),
              activity("a4", "school"),
              activity("a5", "school", status="done"),
              activity("a6", "school", status="dropped"),
          )),
    Quiet("MSC404", "exactly-half",
          both(FOUR_OPEN, put(ACT, ("activities", 0, "raci", "consulted"), ["school"]),
               put(ACT, ("activities", 2, "raci", "consulted"), ["school"]))),
    Quiet("MSC404", "fewer-than-four-open",
          both(FOUR_OPEN, put(ACT, ("activities", 3, "status"), "done"),
               put(ACT, ("activities", 0, "raci", "consulted"), ["school"]),
               put(ACT, ("activities", 2, "raci", "consulted"), ["school"]),
               put(ACT, ("activities", 3, "raci", "consulted"), ["school"]))),
    Quiet("MSC405", "lead-is-member",
          both(put(ROOT, ("bodies", 0, "decision_rule"), "lead-decides"),
               put(ROOT, ("bodies", 0, "lead"), "city"))),
    Quiet("MSC405", "lead-outside-only-matters-for-lead-decides",
          both(put(ROOT, ("bodies", 0, "lead"), "school"),
               put(ROOT, ("bodies", 0, "members"), ["city"]))),
    Quiet("MSC406", "seat-of-a-member",
          put(PARTNERS, ("partners", 1, "representatives", 0, "body_seats"), ["steering"])),
    Quiet("MSC406", "seat-of-a-partner-who-left",
          both(put(PARTNERS, ("partners", 1, "representatives", 0, "body_seats"), ["steering"]),
               put(PARTNERS, ("partners", 1, "left"), date(2026, 1, 1)),
               put(ROOT, ("bodies", 0, "members"), ["city"])), others=("MSC407",)),
    Quiet("MSC407", "seated-partner-leaves-later",
          both(put(PARTNERS, ("partners", 1, "representatives", 0, "body_seats"), ["steering"]),
               put(PARTNERS, ("partners", 1, "left"), AS_OF + timedelta(days=1)))),
    Quiet("MSC407", "left-and-gave-up-every-seat",
          both(put(PARTNERS, ("partners", 1, "left"), date(2026, 1, 1)),
               put(ROOT, ("bodies", 0, "members"), ["city"]))),
    Quiet("MSC501", "90-days", put(ENGAGE, ("engagements", 0, "date"), days_ago(90))),
    Quiet("MSC502", "future-engagement-has-not-happened",
          add(ENGAGE, ("engagements",), {
              "id": "panel-jan", "title": "Next panel", "date": date(2027, 1, 15),
              "method": "panel", "segments": ["students"], "participants": 0,
              "heard": ["To be held."],
          })),
    Quiet("MSC503", "engaged-with-another-segment",
          both(add(ROOT, ("target_population", "segments"), {"id": "dropouts", "name": "Dropouts"}),
               put(ENGAGE, ("engagements", 0, "segments"), ["students", "dropouts"]))),
    Quiet("MSC601", "seven-on-card-one-off", both(add_metrics(6), add_metrics(1, scorecard=False))),
    Quiet("MSC602", "92-days",
          both(remove("retros/2026-10-01-after-action.md"),
               write(f"retros/{days_ago(92)}-after-action.md", "# Retro\n"))),
    Quiet("MSC603", "60-days", csv(f"placements,{days_ago(60)},20\n"), ("MSC606",)),
    Quiet("MSC606", "14-days-late-is-within-the-grace", csv(f"placements,{days_ago(45)},20\n")),
    Quiet("MSC604", "zero-baseline-is-a-baseline",
          put(METRICS, ("metrics", 0, "baseline"), {"value": 0, "date": date(2025, 1, 1)})),
    Quiet("MSC018", "known-owners",
          actions("- [ ] Who: Ann (city) · What: One · When: 15 December 2026",
                  "- [ ] Who: city, school · What: Two · When: 2026-12-15",
                  "- [ ] Who: Bea (school) · What: Three · When: 2026-12-15",
                  "- [ ] Who: Steering Group · What: Four · When: 2026-12-15",
                  "- [ ] What: Five, no owner yet",
                  "- [x] Who: nobody · What: Six · When: someday")),
    Quiet("MSC605", "due-today-or-done",
          actions("- [ ] Who: city · What: Call them · When: 2026-11-27",
                  "- [x] Who: city · What: Write it · When: 2026-11-01")),
    Quiet("MSC605", "done-where-carried",
          both(actions("- [ ] Who: city · What: Call them · When: 2026-11-01"),
               write("retros/2026-11-20-after-action.md",
                     "## Action items\n\n- [x] Who: city · What: Call them · When: 2026-11-01\n"))),
]  # fmt: skip


# -- the base and the catalog ----------------------------------------------------------


def test_base_partnership_is_clean(make_partnership: MakeP) -> None:
    report = check(make_partnership())
    assert report.findings == ()
    assert not report.failed(strict=True)


def _rule_codes() -> set[str]:
    """Rules about YAML values. MSC014 (links and special files: no line to point at)
    has its firing and quiet cases in test_confinement.py."""
    return {code for code in RULES if "MSC008" <= code <= "MSC699" and code != "MSC014"}


def test_every_rule_from_msc008_has_a_firing_and_a_quiet_case() -> None:
    assert {case.code for case in FIRES} == _rule_codes()
    assert {case.code for case in QUIET} == _rule_codes()


# -- every rule fires ------------------------------------------------------------------


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.code}-{c.label}") for c in FIRES])
def test_rule_fires(case: Fires, make_partnership: MakeP) -> None:
    root = make_partnership(case.edit)
    report = check(root)
    found = of(report, case.code)
    assert len(found) == 1, report.findings
    [finding] = found
    assert finding.severity == case.severity == RULES[case.code].severity
    assert finding.file == case.file
    assert finding.line == line_of(root / case.file, case.needle, case.after)
    assert case.needle in text_of_line(root, finding)
    assert case.message in finding.message
    if case.column is not None:
        assert finding.column == case.column
    if case.hint is not None:
        assert finding.hint == case.hint
    else:
        assert finding.hint


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.code}-{c.label}") for c in QUIET])
def test_rule_stays_quiet(case: Quiet, make_partnership: MakeP) -> None:
    report = check(make_partnership(case.edit))
    assert case.code not in codes(report)
    assert sorted(set(codes(report))) == sorted(case.others), report.findings


# -- exact positions, spelt out for a few -----------------------------------------------


def test_positions_of_a_few_findings_exactly(make_partnership: MakeP) -> None:
    def edit(files: Files) -> None:
        files[ROOT]["purpose"]["reaffirmed"] = days_ago(400)
        files[PARTNERS]["partners"][1]["gets"] = []
        files[DECISION]["body"] = "board"

    report = check(make_partnership(edit))
    where = {(f.code, f.file, f.line, f.column) for f in report.findings}
    assert where == {
        ("MSC101", ROOT, 12, 15),  # "  reaffirmed: 2025-10-23"
        ("MSC202", PARTNERS, 27, 9),  # school's "  gets: []"
        ("MSC009", DECISION, 7, 7),  # "body: board" below the opening `---`
    }


def test_findings_are_sorted_by_file_then_line(make_partnership: MakeP) -> None:
    def edit(files: Files) -> None:
        files[ROOT]["bodies"][0]["decision_rule"] = None
        files[ROOT]["purpose"]["reaffirmed"] = days_ago(400)
        files[PARTNERS]["partners"][1]["gets"] = []
        files[PARTNERS]["partners"][0]["gives"] = []
        files[ACT]["activities"][1]["goal"] = "wrok"
        files[ACT]["activities"][0]["body"] = "board"
        files[METRICS]["metrics"][0].pop("target")
        files[ROI]["inputs"][0]["partner"] = "ngo"

    report = check(make_partnership(edit))
    keys = [(f.file, f.line, f.column) for f in report.findings]
    assert len(keys) == 8
    assert keys == sorted(keys)
    assert [f.file for f in report.findings] == [
        ACT, ACT, METRICS, PARTNERS, PARTNERS, ROOT, ROOT, ROI,
    ]  # fmt: skip
    assert [f.code for f in report.findings] == [
        "MSC009", "MSC009", "MSC604", "MSC201", "MSC202", "MSC101", "MSC401", "MSC009",
    ]  # fmt: skip


# -- salvage: one bad entry does not hide the others, nor cascade ------------------------


def test_invalid_partner_entry_is_salvaged_without_cascading(make_partnership: MakeP) -> None:
    def edit(files: Files) -> None:
        files[PARTNERS]["partners"].append(partner("ngo", sector="charity", gives=[], gets=[]))
        files[PARTNERS]["partners"][1]["gets"] = []  # school: still checked
        files[ROOT]["bodies"][0]["members"].append("ngo")
        files[ACT]["activities"][0]["raci"]["consulted"] = ["ngo"]
        files[METRICS]["metrics"][0]["owner"] = "ngo"
        files[ENGAGE]["engagements"][0]["led_by"] = "ngo"
        files[DECISION]["affects"] = ["ngo"]

    root = make_partnership(edit)
    report = check(root)
    [bad] = report.errors
    assert (bad.code, bad.file) == ("MSC006", PARTNERS)
    assert "charity" in bad.message
    assert "sector: charity" in text_of_line(root, bad)
    # the valid entries are still checked ...
    [gets] = of(report, "MSC202")
    assert "`school`" in gets.message
    # ... and the invalid one is neither a broken reference nor warned about
    assert of(report, "MSC009") == []
    assert not any("`ngo`" in f.message for f in report.findings)
    assert sorted(codes(report)) == ["MSC006", "MSC202"]


# -- regressions: each once a bug, found by these tests ---------------------------------
# next to each, where useful, the behaviour around it that is right and must stay


def test_invalid_decision_does_not_cascade_into_msc012(make_partnership: MakeP) -> None:
    edit = both(
        write("decisions/0002-budget.md", decision(2, colour="red")),
        write("decisions/0003-budget-again.md", decision(3, supersedes=[2])),
    )
    report = check(make_partnership(edit))
    assert [(f.code, f.file) for f in report.errors] == [("MSC004", "decisions/0002-budget.md")]


def test_decision_superseding_itself_is_an_error(make_partnership: MakeP) -> None:
    root = make_partnership(put(DECISION, ("supersedes",), [1]))
    [finding] = of(check(root), "MSC015")
    assert (finding.file, finding.severity) == (DECISION, E)
    assert finding.line == line_of(root / DECISION, "- 1")


def test_self_supersession_message_does_not_claim_the_decision_is_missing(
    make_partnership: MakeP,
) -> None:
    [finding] = of(check(make_partnership(put(DECISION, ("supersedes",), [1]))), "MSC015")
    assert of(check(make_partnership(put(DECISION, ("supersedes",), [1]))), "MSC012") == []
    assert "does not exist" not in finding.message


def test_short_unrelated_yaml_names_are_not_taken_for_roi_yaml(make_partnership: MakeP) -> None:
    edit = both(
        write("env.yaml", {"a": 1}), write("ci.yml", {"a": 1}), write("todo.yaml", {"a": 1})
    )
    assert of(check(make_partnership(edit)), "MSC013") == []


def test_future_newsletter_does_not_count(make_partnership: MakeP) -> None:
    edit = both(
        remove("newsletters/2026-11.md"),
        write("newsletters/2026-09.md", "# Sep\n"),
        write("newsletters/2027-01.md", "# Draft\n"),
    )
    found = of(check(make_partnership(edit)), "MSC102")
    assert [f.message for f in found] == [
        "no newsletter for two monthly periods (the newest is from 2026-09)"
    ]


def test_invalid_roi_file_is_not_reported_as_missing(make_partnership: MakeP) -> None:
    report = check(make_partnership(put(ROI, ("hourly_rate",), "lots")))
    assert [f.code for f in report.errors] == ["MSC006"]
    assert of(report, "MSC203") == []


# -- configuration: the checks: section and run_check's arguments ------------------------


def _noisy(*extra: Edit) -> Edit:
    """MSC101, MSC401, MSC403 and MSC009 at once."""
    return both(
        put(ROOT, ("purpose", "reaffirmed"), days_ago(400)),
        drop(ROOT, ("bodies", 0, "decision_rule")),
        SIX_FOR_SCHOOL,
        put(METRICS, ("metrics", 0, "owner"), "town"),
        *extra,
    )


def test_noisy_partnership_reports_all_four(make_partnership: MakeP) -> None:
    assert sorted(codes(check(make_partnership(_noisy())))) == [
        "MSC009", "MSC101", "MSC401", "MSC403",
    ]  # fmt: skip


def test_ignore_a_code(make_partnership: MakeP) -> None:
    report = check(make_partnership(_noisy(checks(ignore=["MSC403"]))))
    assert sorted(codes(report)) == ["MSC009", "MSC101", "MSC401"]


def test_ignore_a_prefix_silences_the_group(make_partnership: MakeP) -> None:
    report = check(make_partnership(_noisy(checks(ignore=["MSC4"]))))
    assert sorted(codes(report)) == ["MSC009", "MSC101"]


def test_select_a_prefix_keeps_data_errors(make_partnership: MakeP) -> None:
    report = check(make_partnership(_noisy(checks(select=["MSC1"]))))
    assert sorted(codes(report)) == ["MSC009", "MSC101"]
    assert [f.severity for f in of(report, "MSC009")] == [E]


def test_select_drops_the_msc013_warning_but_not_data_errors(make_partnership: MakeP) -> None:
    edit = _noisy(checks(select=["MSC1"]), write("partner.yaml", {"format_version": 1}))
    assert sorted(codes(check(make_partnership(edit)))) == ["MSC009", "MSC101"]


def test_severity_error_promotes_a_warning(make_partnership: MakeP) -> None:
    edit = both(
        put(ROOT, ("purpose", "reaffirmed"), days_ago(400)), checks(severity={"MSC101": "error"})
    )
    report = check(make_partnership(edit))
    [finding] = report.findings
    assert (finding.code, finding.severity) == ("MSC101", E)
    assert report.errors == [finding]
    assert report.failed()


def test_without_severity_setting_the_same_warning_does_not_fail(make_partnership: MakeP) -> None:
    report = check(make_partnership(put(ROOT, ("purpose", "reaffirmed"), days_ago(400))))
    assert [(f.code, f.severity) for f in report.findings] == [("MSC101", W)]
    assert not report.failed()
    assert report.failed(strict=True)


def test_severity_off_silences(make_partnership: MakeP) -> None:
    report = check(make_partnership(_noisy(checks(severity={"MSC101": "off"}))))
    assert sorted(codes(report)) == ["MSC009", "MSC401", "MSC403"]


def test_longest_severity_selector_wins(make_partnership: MakeP) -> None:
    report = check(
        make_partnership(_noisy(checks(severity={"MSC4": "error", "MSC403": "warning"})))
    )
    severities = {f.code: f.severity for f in report.findings}
    assert severities == {"MSC009": E, "MSC101": W, "MSC401": E, "MSC403": W}


@pytest.mark.parametrize(
    "settings",
    [
        {"ignore": ["MSC009"]},
        {"ignore": ["MSC0"]},
        {"ignore": ["ALL"]},
        {"select": ["MSC6"]},
        {"severity": {"MSC009": "off"}},
        {"severity": {"MSC0": "warning"}},
    ],
    ids=str,
)
def test_data_errors_cannot_be_ignored_or_demoted(
    settings: dict[str, Any], make_partnership: MakeP
) -> None:
    report = check(make_partnership(_noisy(checks(**settings))))
    [finding] = of(report, "MSC009")
    assert finding.severity == E
    assert "unknown partner `town`" in finding.message
    assert report.failed()


def test_msc013_is_a_warning_that_can_be_ignored(make_partnership: MakeP) -> None:
    edit = both(write("partner.yaml", {"format_version": 1}), checks(ignore=["MSC013"]))
    assert check(make_partnership(edit)).findings == ()


@pytest.mark.parametrize(
    ("thresholds", "edit", "code"),
    [
        ({"scorecard_cap": 1}, add_metrics(1), "MSC601"),
        ({"purpose_max_age_days": 100}, put(ROOT, ("purpose", "reaffirmed"), days_ago(101)),
         "MSC101"),
        ({"engagement_max_gap_days": 20}, put(ENGAGE, ("engagements", 0, "date"), days_ago(21)),
         "MSC501"),
        ({"max_accountable": 1}, add_activities(activity("a1", "school")), "MSC403"),
        ({"max_consulted_share": 0.25},
         both(FOUR_OPEN, put(ACT, ("activities", 0, "raci", "consulted"), ["school"]),
              put(ACT, ("activities", 2, "raci", "consulted"), ["school"])), "MSC404"),
        ({"retrospective_max_gap_days": 30}, write("retros/2026-10-01-after-action.md", "x"),
         "MSC602"),
        ({"missed_periods": 1}, csv(f"placements,{days_ago(31)},20\n"), "MSC603"),
        ({"representative_min": 2}, lambda f: None, "MSC204"),
        ({"collect_grace_days": 7}, csv(f"placements,{days_ago(40)},20\n"), "MSC606"),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else None,
)  # fmt: skip
def test_thresholds_move_the_boundary(
    thresholds: dict[str, Any], edit: Edit, code: str, make_partnership: MakeP
) -> None:
    quiet = check(make_partnership(edit))
    assert code not in codes(quiet), "the default limit should not fire"
    loud = check(make_partnership(both(edit, checks(thresholds=thresholds))))
    assert code in codes(loud)
    name = next(iter(thresholds))
    assert RULES[code].threshold == name


def test_threshold_limit_is_in_the_message(make_partnership: MakeP) -> None:
    edit = both(add_metrics(1), checks(thresholds={"scorecard_cap": 1}))
    [finding] = check(make_partnership(edit)).findings
    assert finding.code == "MSC601"
    assert finding.message == "2 metrics on the scorecard; the cap is 1"


def test_run_check_ignore_and_select_arguments(make_partnership: MakeP) -> None:
    root = make_partnership(_noisy())
    assert sorted(codes(check(root, ignore=["MSC4"]))) == ["MSC009", "MSC101"]
    assert sorted(codes(check(root, select=["MSC403"]))) == ["MSC009", "MSC403"]
    assert sorted(codes(check(root, select=["MSC1", "MSC4"], ignore=["MSC401"]))) == [
        "MSC009", "MSC101", "MSC403",
    ]  # fmt: skip
    assert sorted(codes(check(root, ignore=["MSC009", "MSC1", "MSC4"]))) == ["MSC009"]


def test_run_check_ignore_adds_to_the_configured_ignore(make_partnership: MakeP) -> None:
    root = make_partnership(_noisy(checks(ignore=["MSC101"])))
    assert sorted(codes(check(root, ignore=["MSC403"]))) == ["MSC009", "MSC401"]


def test_run_check_select_replaces_the_configured_select(make_partnership: MakeP) -> None:
    root = make_partnership(_noisy(checks(select=["MSC1"])))
    assert sorted(codes(check(root, select=["MSC4"]))) == ["MSC009", "MSC401", "MSC403"]


def test_failed_strict_with_only_warnings(make_partnership: MakeP) -> None:
    report = check(make_partnership(_noisy(put(METRICS, ("metrics", 0, "owner"), "city"))))
    assert report.errors == []
    assert len(report.warnings) == 3
    assert report.failed() is False
    assert report.failed(strict=True) is True


def test_run_check_refuses_selectors_that_name_no_rule(make_partnership: MakeP) -> None:
    root = make_partnership()
    with pytest.raises(UsageError, match="`MSC999` names no rule"):
        check(root, ignore=["MSC999"])


def test_configured_selector_that_names_no_rule_is_a_data_error(make_partnership: MakeP) -> None:
    root = make_partnership(checks(ignore=["MSC4", "MCS403"]))
    [finding] = check(root).findings
    assert (finding.code, finding.severity, finding.file) == ("MSC006", E, ROOT)
    assert finding.message == "`MCS403` names no rule"
    assert finding.line == line_of(root / ROOT, "- MCS403")
