"""Date arithmetic that stays inside the calendar.

Partnership files and ``--as-of`` may hold any day from 0001-01-01 to
9999-12-31; a window, a horizon or a due date computed from such a day is
clamped to that range instead of raising ``OverflowError`` or "year 10000 is
out of range" (or looping), so every command ends in a result.
"""

from __future__ import annotations

import calendar
from datetime import date, time, timedelta

_LAST_MONTH = date.max.year * 12 + date.max.month - 1
"""The month index (year * 12 + month - 1) of December 9999."""


def today() -> date:
    """The current day by this computer's clock: the one place msc asks for it.

    The command line asks once per command and passes the day down; in the
    library only the entry points documented for Python callers (``run_check``,
    ``save``, ``plan_and_save``, ``changes_between``) default to it.
    """
    return date.today()


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days`` days, clamped to the calendar."""
    if days >= 0:
        return day + timedelta(days=days) if (date.max - day).days >= days else date.max
    return day + timedelta(days=days) if (day - date.min).days >= -days else date.min


def clock_after(start: time, minutes: int) -> time:
    """The clock time ``minutes`` after ``start`` (past midnight it starts again at
    00:00): arithmetic on the clock alone, so no day can leave the calendar."""
    seconds = (start.hour * 3600 + start.minute * 60 + start.second + minutes * 60) % 86_400
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def fits_in_calendar(day: date, start: time, minutes: int) -> bool:
    """Whether ``minutes`` from ``start`` on ``day`` end by the calendar's last moment."""
    if day < date.max:
        return True
    return start.hour * 60 + start.minute + minutes <= 24 * 60


def month_start(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``day``'s month;
    the calendar's first or last day beyond its ends."""
    return same_day(day.replace(day=1), months)


def same_day(day: date, months: int) -> date:
    """The same day ``months`` later or earlier (the month's last day when it is
    shorter); the calendar's first or last day beyond its ends."""
    index = day.year * 12 + day.month - 1 + months
    if index < 12:
        return date.min
    if index > _LAST_MONTH:
        return date.max
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
