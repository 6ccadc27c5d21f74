"""The days a document speaks about, and where a day lies against them.

Every render that looks at "what happened in a period" (the newsletter, the
retrospective agenda, the changes from git history) asks the questions here,
so a day on a boundary means the same everywhere (docs/changes.md, "Windows: which
days count"):

- a window holds its first and its last day (both ends included);
- a day is *before* the window when it is earlier than its first day (the day
  before the first day is before it; the first day is not);
- a day is *after* the window when it is later than its last day.

A period that starts *after* a day (the retrospective agenda covers the days
after the last retrospective) is :meth:`Window.after_day`: that day itself is
before the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from msctool.days import shift


@dataclass(frozen=True)
class Window:
    """A span of days, both ends included."""

    start: date
    end: date

    @classmethod
    def after_day(cls, day: date, end: date) -> Window:
        """The days after ``day`` up to and including ``end`` (clamped to the calendar)."""
        return cls(shift(day, 1), end)

    def contains(self, day: date) -> bool:
        """Whether ``day`` is one of the window's days."""
        return self.start <= day <= self.end

    def before(self, day: date) -> bool:
        """Whether ``day`` comes before the window's first day."""
        return day < self.start

    def after(self, day: date) -> bool:
        """Whether ``day`` comes after the window's last day."""
        return day > self.end
