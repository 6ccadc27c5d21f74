"""The agenda of a retrospective: its kind, its timed blocks, and the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from msctool.days import clock_after, fits_in_calendar
from msctool.errors import UsageError, UserError
from msctool.model import Partnership
from msctool.model.vocabulary import RetroKind as Kind
from msctool.model.vocabulary import values
from msctool.render.retro.facts import Facts, gather_facts, years_after

KINDS: tuple[Kind, ...] = values(Kind)
DEFAULT_START = time(14, 0)


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
            hint="give an earlier {start} or {day}",
            options=("start", "day"),
        )
    clock = start
    slots: list[Slot] = []
    for block in BLOCKS[kind]:
        end = clock_after(clock, block.minutes)
        slots.append(Slot(block.key, block.minutes, clock, end))
        clock = end
    return tuple(slots)
