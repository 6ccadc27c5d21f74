"""Date arithmetic that stays inside the calendar.

Partnership files and ``--as-of`` may hold any day from 0001-01-01 to
9999-12-31; a window, a horizon or a due date computed from such a day is
clamped to that range instead of raising ``OverflowError`` or "year 10000 is
out of range" (or looping), so every command ends in a result.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

_LAST_MONTH = date.max.year * 12 + date.max.month - 1
"""The month index (year * 12 + month - 1) of December 9999."""


def shift(day: date, days: int) -> date:
    """``day`` moved by ``days`` days, clamped to the calendar."""
    if days >= 0:
        return day + timedelta(days=days) if (date.max - day).days >= days else date.max
    return day + timedelta(days=days) if (day - date.min).days >= -days else date.min


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
