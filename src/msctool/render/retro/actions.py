"""Retrospective agendas with the facts already in them.

``msc retro new`` writes ``retros/YYYY-MM-DD-KIND.md``: an after-action
review, a premortem or an appreciative inquiry, each with timed blocks,
facilitator notes, the facts since the last retrospective (decisions, metric
movements, engagements) and the action items it carries forward. When the
partnership is in a git repository whose history reaches back to the last
retrospective, the facts also say what changed in the partnership itself
(:mod:`msctool.history.changes`): partners who joined or left, representatives,
activities added, closed or reassigned, targets moved, the purpose reworded or
reaffirmed, bodies and decision rules. Without that history that part is left
out, and the facts come from the dates in the files alone.

Action items live under a heading ``## Action items`` (or ``## Actiepunten``)
as a Markdown task list, one action a line::

    - [ ] Who: domstede · What: Offer shared flats for two · When: 2026-12-15
    - [x] Who: werkpunt · What: Staff the youth desk two mornings a week · When: 2026-09-01

``[ ]`` is open, ``[x]`` done, ``[-]`` dropped; only open items are carried
forward. The reader forgives hand editing: labels in English or Dutch (Who/Wie,
What/Wat, When/Wanneer), any separator, a line without labels (all of it is the
"what"), a table with action/owner/due columns. A line it cannot read is left
out and named in ``notes``; it never fails on a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from msctool.days import clock_after, fits_in_calendar, same_day
from msctool.errors import MscIOError, UsageError, UserError
from msctool.escaping import markdown_plain
from msctool.fs.atomic import create_exclusive
from msctool.fs.confine import confined
from msctool.fs.names import portable_name
from msctool.history.changes import KINDS as KINDS_OF_CHANGE
from msctool.history.changes import Change, ChangeKind, ChangeSet, changes_in_period
from msctool.model import Dated, Decision, Engagement, Observation, Partnership, Point
from msctool.render.analysis import MetricStatus, Trend, metric_statuses
from msctool.render.invite import Invite
from msctool.render.setup import Setup
from msctool.render.window import Window

Kind = Literal["after-action", "premortem", "appreciative"]
KINDS: tuple[Kind, ...] = ("after-action", "premortem", "appreciative")
Status = Literal["open", "done", "dropped"]
DEFAULT_START = time(14, 0)
FALLBACK_MONTHS = 3
"""Without an earlier retrospective the facts cover this many months."""
HISTORY_KINDS: tuple[ChangeKind, ...] = tuple(
    kind
    for kind in KINDS_OF_CHANGE
    if kind not in ("engagement-added", "decision-recorded", "decision-status-changed")
)
"""Changes from git history the facts list; engagements and decisions are there already."""
RETRO_DIR = "retros"


def kind_of(value: str) -> Kind:
    """A retrospective kind by name, or a usage error that lists them."""
    for kind in KINDS:
        if value == kind:
            return kind
    raise UsageError(f"unknown kind of retrospective `{value}`", hint="use " + ", ".join(KINDS))


@dataclass(frozen=True)
class Block:
    key: str
    minutes: int


BLOCKS: dict[Kind, tuple[Block, ...]] = {
    "after-action": (
        Block("welcome", 10),
        Block("facts", 10),
        Block("intended", 10),
        Block("happened", 15),
        Block("why", 20),
        Block("learn", 15),
        Block("actions", 10),
    ),
    "premortem": (
        Block("welcome", 10),
        Block("facts", 10),
        Block("write", 10),
        Block("round", 20),
        Block("cluster", 15),
        Block("strengthen", 15),
        Block("actions", 10),
    ),
    "appreciative": (
        Block("welcome", 5),
        Block("facts", 10),
        Block("discover", 20),
        Block("dream", 15),
        Block("design", 20),
        Block("deliver", 15),
        Block("close", 5),
    ),
}


# -- action items ----------------------------------------------------------------


@dataclass(frozen=True)
class ActionItem:
    what: str
    who: str | None = None
    when: str | None = None
    """As written; :attr:`due` is the date in it, if it holds one."""
    status: Status = "open"
    line: int = 0
    """1-based line in the file it was read from (0: not read from a file)."""

    @property
    def due(self) -> date | None:
        return parse_due(self.when) if self.when else None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class ActionItems:
    items: tuple[ActionItem, ...] = ()
    notes: tuple[str, ...] = ()
    found: bool = False
    """Whether the file has an action-items section at all."""

    @property
    def open(self) -> tuple[ActionItem, ...]:
        return tuple(item for item in self.items if item.is_open)


HEADINGS = frozenset({"action items", "actions", "actiepunten", "acties", "afspraken"})
LABELS = {
    "who": "who",
    "wie": "who",
    "what": "what",
    "wat": "what",
    "when": "when",
    "wanneer": "when",
}
COLUMNS = {
    "what": {"action", "actions", "what", "actie", "acties", "actiepunt", "wat"},
    "who": {"owner", "who", "wie", "eigenaar", "trekker"},
    "when": {"due", "when", "deadline", "date", "wanneer", "datum"},
    "status": {"done", "status", "klaar", "gedaan"},
}
DONE_WORDS = frozenset({"x", "[x]", "✓", "✔", "yes", "ja", "done", "klaar", "gedaan", "af"})
ITEM_FORM = "- [ ] Who: … · What: … · When: YYYY-MM-DD"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)[\s#]*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_BOX = re.compile(r"^\[([ xX-]?)\]\s*(.*)$")
_LABEL = re.compile(r"\b(who|wie|what|wat|when|wanneer)\s*:", re.IGNORECASE)
_TRIM = " \t·|;,*_–—"
_CELL = re.compile(r"(?<!\\)\|")
"""A table's cell border: a pipe that is not escaped (``\\|`` is a pipe in a cell)."""
_MARKS: dict[str, Status] = {"": "open", " ": "open", "x": "done", "X": "done", "-": "dropped"}


def parse_action_items(text: str, source: str = "") -> ActionItems:
    """The action items in a retrospective's text; never raises on odd input."""
    reader = _Reader(source)
    for number, line in enumerate(text.splitlines(), start=1):
        reader.feed(number, line)
    return ActionItems(tuple(reader.items), tuple(reader.notes), reader.found)


@dataclass
class _Reader:
    source: str
    items: list[ActionItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: bool = False
    level: int = 0
    """Heading level of the action-items section being read; 0 outside one."""
    fence: bool = False
    comment: bool = False
    columns: dict[str, int] | None = None

    def feed(self, number: int, line: str) -> None:
        if self._skipped(line):
            return
        heading = _HEADING.match(line)
        if heading:
            self._heading(len(heading.group(1)), heading.group(2))
        elif self.level and line.lstrip().startswith("|"):
            self._table_row(number, line)
        elif self.level:
            self.columns = None
            item = _ITEM.match(line)
            if item:
                self._item(number, line, item.group(1), item.group(2))

    def _skipped(self, line: str) -> bool:
        """Fenced code and HTML comments hold no action items."""
        stripped = line.strip()
        if self.comment:
            self.comment = "-->" not in stripped
            return True
        if stripped.startswith(("```", "~~~")):
            self.fence = not self.fence
            return True
        if self.fence:
            return True
        if stripped.startswith("<!--"):
            self.comment = "-->" not in stripped
            return True
        return False

    def _heading(self, level: int, title: str) -> None:
        self.columns = None
        if re.sub(r"[^\w\s]", "", title).strip().lower() in HEADINGS:
            self.level, self.found = level, True
        elif level <= self.level:
            self.level = 0

    def _item(self, number: int, line: str, indent: str, body: str) -> None:
        box = _BOX.match(body)
        if box is None:
            if not indent:  # indented bullets are notes under an item
                self._bad(number, line, f"not an action item; write `{ITEM_FORM}`")
            return
        who, what, when = _fields(markdown_plain(box.group(2)))
        if not (who or what or when):
            return  # a blank line of the form, still to fill in
        if not what:
            self._bad(number, line, "it says who or when but not what")
            return
        self.items.append(ActionItem(what, who, when, _MARKS[box.group(1)], number))

    def _table_row(self, number: int, line: str) -> None:
        cells = [markdown_plain(cell.strip()) for cell in _CELL.split(line.strip().strip("|"))]
        if all(set(cell) <= set("-: ") for cell in cells):
            return  # the |---|---| line under the header
        if self.columns is None:
            self.columns = _columns(cells)
            if "what" not in self.columns:
                self._bad(number, line, "a table without an `action` column")
            return
        if "what" in self.columns and any(cells):
            self._table_item(number, cells, self.columns)

    def _table_item(self, number: int, cells: list[str], columns: dict[str, int]) -> None:
        def cell(name: str) -> str:
            index = columns.get(name)
            return cells[index].strip(_TRIM) if index is not None and index < len(cells) else ""

        box = _BOX.match(cell("what"))
        what = box.group(2).strip(_TRIM) if box else cell("what")
        if not what:
            self._bad(number, "|".join(cells), "a row without an action")
            return
        status: Status = _MARKS[box.group(1)] if box else "open"
        if cell("status").lower() in DONE_WORDS:
            status = "done"
        self.items.append(
            ActionItem(what, cell("who") or None, cell("when") or None, status, number)
        )

    def _bad(self, number: int, line: str, why: str) -> None:
        shown = line.strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        where = f"{self.source}:{number}" if self.source else f"line {number}"
        self.notes.append(f"{where}: left out `{shown}`: {why}")


def _fields(text: str) -> tuple[str | None, str, str | None]:
    """Who, what and when from ``Who: … · What: … · When: …`` (labels optional)."""
    labels = list(_LABEL.finditer(text))
    if not labels:
        return None, text.strip(_TRIM), None
    values: dict[str, str] = {}
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(text)
        values.setdefault(LABELS[label.group(1).lower()], text[label.end() : end].strip(_TRIM))
    what = values.get("what") or text[: labels[0].start()].strip(_TRIM)
    return values.get("who") or None, what, values.get("when") or None


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        word = name.strip(_TRIM).lower()
        for column, names in COLUMNS.items():
            if word in names:
                found.setdefault(column, index)
    return found


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([^\W\d]+)\.?\s+(\d{4})$")


def parse_due(text: str) -> date | None:
    """A date in ``2026-12-15``, ``15 December 2026`` or ``15 dec. 2026`` (en or nl)."""
    text = text.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = _DAY_MONTH_YEAR.match(text)
    month = _month_numbers().get(match.group(2).lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


@cache
def _month_numbers() -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ("en_GB", "nl_NL"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[str(name).lower().rstrip(".")] = int(number)
    return names


# -- facts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """A metric with new figures since the start of the period."""

    status: MetricStatus
    then: Observation | None
    """The latest figure on or before the day the period starts after (the last
    retrospective's), else the latest figure before the latest one; None only when the
    latest figure is the metric's first."""
    delta: float | None
    """Latest minus ``then``."""

    @property
    def latest(self) -> Observation:
        latest = self.status.latest
        assert latest is not None
        return latest

    @property
    def judgement(self) -> Trend | None:
        return self.status.judge(self.delta)


@dataclass(frozen=True)
class Facts:
    day: date
    since: date
    last: tuple[Dated, ...]
    """The newest earlier retrospective(s); empty when there is none."""
    decisions: tuple[Decision, ...]
    movements: tuple[Movement, ...]
    quiet: tuple[MetricStatus, ...]
    """Metrics without new figures in the period."""
    engagements: tuple[Engagement, ...]
    carried: tuple[ActionItem, ...]
    notes: tuple[str, ...] = ()
    history: ChangeSet | None = None
    """What git history says changed in the period; None when there is none to use."""

    @property
    def changes(self) -> tuple[Change, ...]:
        """The changes from history the agenda lists (:data:`HISTORY_KINDS`)."""
        return self.history.of(*HISTORY_KINDS) if self.history else ()

    @property
    def improved(self) -> tuple[Movement, ...]:
        return tuple(m for m in self.movements if m.judgement == "better")

    @property
    def worsened(self) -> tuple[Movement, ...]:
        return tuple(m for m in self.movements if m.judgement == "worse")

    @property
    def changed_something(self) -> tuple[Engagement, ...]:
        return tuple(e for e in self.engagements if e.changed)

    @property
    def overdue(self) -> tuple[ActionItem, ...]:
        return tuple(i for i in self.carried if i.due is not None and i.due < self.day)


def gather_facts(partnership: Partnership, day: date, *, history: bool = False) -> Facts:
    """What happened between the last retrospective before ``day`` and ``day``; with
    ``history``, also what git history says changed (when it reaches the period's start)."""
    last = last_retros(partnership, day)
    since = last[0].date if last else months_before(day, FALLBACK_MONTHS)
    period = Window.after_day(since, day)
    movements, quiet = _movements(partnership, period)
    carried, notes = _carried(partnership.root, last)
    if not last:
        notes = (f"no earlier retrospective in {RETRO_DIR}/: the facts cover three months",)
    found, said = _history(partnership, period) if history else (None, ())
    decisions = [d for d in partnership.decisions if period.contains(d.meta.date)]
    engagements = [e for e in partnership.engagements if period.contains(e.date)]
    return Facts(
        day=day,
        since=since,
        last=last,
        decisions=tuple(sorted(decisions, key=lambda d: (d.meta.date, d.meta.id))),
        movements=movements,
        quiet=quiet,
        engagements=tuple(sorted(engagements, key=lambda e: e.date)),
        carried=carried,
        notes=(*notes, *said),
        history=found,
    )


def _history(partnership: Partnership, period: Window) -> tuple[ChangeSet | None, tuple[str, ...]]:
    """Changes in ``period`` (the days after the last retrospective), and a note when
    history was there but could not be used."""
    notes: list[str] = []
    return changes_in_period(partnership, period.start, period.end, notes), tuple(notes)


def last_retros(partnership: Partnership, day: date) -> tuple[Dated, ...]:
    """The retrospective files of the newest date before ``day``."""
    earlier = [r for r in partnership.retros if r.date < day]
    if not earlier:
        return ()
    newest = max(r.date for r in earlier)
    return tuple(sorted((r for r in earlier if r.date == newest), key=lambda r: r.path))


def _movements(
    partnership: Partnership, period: Window
) -> tuple[tuple[Movement, ...], tuple[MetricStatus, ...]]:
    """Metrics with a latest figure in ``period``, each against what was known when it
    opened (:meth:`~msctool.render.analysis.MetricStatus.known_before`), and the others."""
    moved: list[Movement] = []
    quiet: list[MetricStatus] = []
    for status in metric_statuses(partnership, period.end):
        if not status.news_in(period):
            quiet.append(status)
            continue
        then = status.known_before(period)
        latest = status.latest
        delta = None if then is None or latest is None else latest.value - then.value
        moved.append(Movement(status, then, delta))
    return tuple(moved), tuple(quiet)


def _carried(root: Path, last: tuple[Dated, ...]) -> tuple[tuple[ActionItem, ...], tuple[str, ...]]:
    items: list[ActionItem] = []
    notes: list[str] = []
    for retro in last:
        try:
            text = (root / retro.path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            notes.append(f"{retro.path}: cannot read it ({exc.strerror}); nothing carried forward")
            continue
        found = parse_action_items(text, retro.path)
        items += found.open
        notes += found.notes
        if not found.found:
            notes.append(f"{retro.path}: no `## Action items` section; nothing carried forward")
    return tuple(items), tuple(notes)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    return same_day(day, -months)


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    return same_day(day, 12 * years)


# -- the agenda --------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    key: str
    minutes: int
    start: time
    end: time


@dataclass(frozen=True)
class Agenda:
    kind: Kind
    day: date
    start: time
    topic: str | None
    slots: tuple[Slot, ...]
    facts: Facts

    @property
    def total(self) -> int:
        return sum(slot.minutes for slot in self.slots)

    @property
    def end(self) -> time:
        return self.slots[-1].end

    @property
    def slot(self) -> dict[str, Slot]:
        return {s.key: s for s in self.slots}

    @property
    def horizon(self) -> date:
        """A year from the day: where a premortem imagines the failure."""
        return years_after(self.day, 1)


def build_agenda(
    partnership: Partnership,
    kind: Kind,
    day: date,
    *,
    topic: str | None = None,
    start: time = DEFAULT_START,
) -> Agenda:
    topic = " ".join(topic.split()) if topic else None
    facts = gather_facts(partnership, day, history=True)
    return Agenda(kind, day, start, topic or None, _slots(kind, day, start), facts)


def _slots(kind: Kind, day: date, start: time) -> tuple[Slot, ...]:
    """The blocks of ``kind`` one after another from ``start``; a meeting that would
    end after the calendar's last day (9999-12-31) is refused."""
    total = sum(block.minutes for block in BLOCKS[kind])
    if not fits_in_calendar(day, start, total):
        raise UserError(
            f"a {total}-minute retrospective starting {day.isoformat()} {start:%H:%M} would "
            f"end after {date.max.isoformat()}, the last day msc knows",
            hint="give an earlier --time or --date",
        )
    clock = start
    slots: list[Slot] = []
    for block in BLOCKS[kind]:
        end = clock_after(clock, block.minutes)
        slots.append(Slot(block.key, block.minutes, clock, end))
        clock = end
    return tuple(slots)


@dataclass(frozen=True)
class Retro:
    """A planned retrospective: the agenda, its Markdown, its invite, where it goes."""

    agenda: Agenda
    markdown: str
    invite: Invite
    root: Path
    notes: tuple[str, ...]

    @property
    def default_path(self) -> Path:
        return retro_path(self.root, self.agenda.day, self.agenda.kind)


def retro_path(root: Path, day: date, kind: Kind) -> Path:
    return root / RETRO_DIR / portable_name(f"{day.isoformat()}-{kind}.md")


def plan_retro(
    setup: Setup,
    kind: Kind,
    *,
    topic: str | None = None,
    start: time = DEFAULT_START,
) -> Retro:
    """The agenda for ``setup.as_of`` (the day of the retrospective), rendered."""
    p = setup.partnership
    agenda = build_agenda(p, kind, setup.as_of, topic=topic, start=start)
    markdown = setup.render(
        f"retro-{kind}.md.j2",
        agenda=agenda,
        facts=agenda.facts,
        purpose=_purpose(setup, agenda),
        history_lines=history_lines(setup, agenda.facts),
    )
    path = retro_path(p.root, agenda.day, kind).relative_to(p.root).as_posix()
    invite = agenda_invite(setup, agenda, path)
    return Retro(agenda, markdown, invite, p.root, agenda.facts.notes)


def history_lines(setup: Setup, facts: Facts) -> tuple[str, ...] | None:
    """The changes from history as lines in the output's language; None without history."""
    if facts.history is None:
        return None
    words = _HistoryLine(setup)
    return tuple(words.line(change) for change in facts.changes)


class _HistoryLine:
    """One change from git history as a line of the facts, in the output's language."""

    def __init__(self, setup: Setup) -> None:
        from msctool.render.templating import markdown_message

        self.t = markdown_message(setup.fmt.t)  # the lines are Markdown (**name**)
        self.fmt = setup.fmt
        self.p = setup.partnership

    def line(self, change: Change) -> str:
        values = {
            "name": change.name,
            "before": self.value(change, change.before),
            "after": self.value(change, change.after),
        }
        key = f"retro_change_{change.kind.replace('-', '_')}"
        if change.kind == "partner-left" and change.after is None:
            key += "_removed"
        elif change.kind == "activity-closed":
            key += f"_{change.after}"
        elif change.kind == "purpose-reaffirmed" and len(change.ids) > 1:
            key += "_by"
            body = self.p.body_by_id.get(change.ids[1])
            values["body"] = body.name if body else change.ids[1]
        elif change.kind == "activity-added":
            partners = [self._partner(i) for i in change.ids[1:]]
            values["partner"] = ", ".join(partners) or self.t("retro_change_nothing")
        return self.t(key, **values)

    def value(self, change: Change, value: object) -> str:
        """A value of ``change`` in words: a date, a target, names, a status or a rule."""
        if value is None:
            rule = change.kind.startswith("body") or change.kind == "decision-rule-changed"
            return self.t("retro_change_no_rule" if rule else "retro_change_nothing")
        if isinstance(value, date):
            return self.fmt.short_date(value)
        if isinstance(value, Point):
            metric = self.p.metric_by_id.get(change.ids[0])
            unit = metric.unit if metric else ""
            return self.t(
                "retro_change_target",
                target=_quantity(self.fmt.number(value.value), unit, self.fmt.language),
                date=self.fmt.short_date(value.date),
            )
        if isinstance(value, tuple):
            names = (
                [self._partner(i) for i in value] if change.kind.startswith("activity") else value
            )
            return ", ".join(names) or self.t("retro_change_nothing")
        return self._word(change.kind, str(value))

    def _partner(self, ident: str) -> str:
        partner = self.p.partner_by_id.get(ident)
        return partner.name if partner else ident

    def _word(self, kind: str, value: str) -> str:
        if kind.startswith("activity"):
            return self.t(f"retro_activity_status_{value}")
        if kind.startswith("body") or kind == "decision-rule-changed":
            return self.t(f"retro_rule_{value}")
        return " ".join(value.split())


def _quantity(number: str, unit: str, language: str) -> str:
    if unit == "%":
        return f"{number}{' %' if language == 'nl' else '%'}"
    return f"{number} {unit}".strip()


def agenda_invite(setup: Setup, agenda: Agenda, path: str) -> Invite:
    t = setup.fmt.t
    title = t(f"retro_kind_{agenda.kind}")
    summary = f"{setup.identity.short_name}: {title}" + (
        f" — {agenda.topic}" if agenda.topic else ""
    )
    outline = [
        f"{slot.start:%H:%M}–{slot.end:%H:%M}  {t(f'retro_block_{agenda.kind}_{slot.key}')}"
        for slot in agenda.slots
    ]
    description = "\n".join(
        [
            _purpose(setup, agenda),
            "",
            *outline,
            t("retro_total", minutes=agenda.total),
            "",
            t("retro_invite_agenda", path=path),
        ]
    )
    return Invite(
        uid=_uid(setup.partnership, agenda),
        summary=summary,
        start=datetime.combine(agenda.day, agenda.start),
        duration=timedelta(minutes=agenda.total),
        description=description,
    )


def _purpose(setup: Setup, agenda: Agenda) -> str:
    key = f"retro_purpose_{agenda.kind}" + ("_topic" if agenda.topic else "")
    return setup.fmt.t(key, topic=agenda.topic, since=setup.fmt.date(agenda.facts.since))


def _uid(partnership: Partnership, agenda: Agenda) -> str:
    import hashlib

    name = partnership.meta.name.encode("utf-8")
    slug = re.sub(r"[^a-z0-9]+", "-", partnership.meta.short_name.lower()).strip("-") or "msc"
    return (
        f"retro-{agenda.day:%Y%m%d}-{agenda.kind}-{slug}-{hashlib.sha1(name).hexdigest()[:8]}@msc"
    )


# -- writing -----------------------------------------------------------------------


def write_retro(retro: Retro, *, ics: bool = False, output: Path | None = None) -> list[Path]:
    """Write the agenda (and with ``ics`` the invite next to it); never overwrite a file.
    Without ``output`` both stay inside the partnership folder (:func:`confined`)."""
    from msctool.render.invite import calendar_invite

    markdown = output or retro.default_path
    targets: list[tuple[Path, bytes]] = [(markdown, retro.markdown.encode("utf-8"))]
    if ics:
        targets.append((markdown.with_suffix(".ics"), calendar_invite(retro.invite)))
    if output is None:
        targets = [(confined(path, retro.root), data) for path, data in targets]
    for path, _ in targets:
        if path.exists():
            raise _exists(path, retro.root)
    for path, data in targets:
        _write_new(path, data, retro.root)
    return [path for path, _ in targets]


def _exists(path: Path, root: Path) -> UserError:
    return UserError(
        f"{shown_path(path, root)} exists; msc never overwrites a retrospective (it may hold notes)",
        hint="pick another day with --date or another --kind, or move the existing file away",
    )


def _write_new(path: Path, data: bytes, root: Path) -> None:
    """Write ``path`` whole only if it does not exist (:func:`create_exclusive`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_exclusive(path, data)
    except FileExistsError:
        raise _exists(path, root) from None
    except OSError as exc:
        raise MscIOError(f"cannot write {shown_path(path, root)}: {exc.strerror}") from exc


def shown_path(path: Path, root: Path) -> str:
    """``path`` relative to the partnership folder when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# -- the whole job -----------------------------------------------------------------


def new_retro(
    path: Path | str = ".",
    kind: Kind = "after-action",
    *,
    day: date | None = None,
    topic: str | None = None,
    language: str | None = None,
    start: time = DEFAULT_START,
    ics: bool = False,
    output: Path | None = None,
) -> tuple[Retro, list[Path]]:
    """Plan the retrospective of ``day`` (default today) and write it; return the paths."""
    from msctool.render.setup import prepare

    setup = prepare(path, language=language, as_of=day or date.today())
    retro = plan_retro(setup, kind, topic=topic, start=start)
    return retro, write_retro(retro, ics=ics, output=output)
