"""Dates as partners write them in their own sheets, read by one rule per file.

A date cell a spreadsheet program keeps as a date needs no reading. A date typed as
text may be ``2025-10-31``, ``31-10-2025`` (or with ``/`` or ``.``), ``31 okt 2025``,
``31 October 2025`` or ``Oct 31, 2025``: Dutch and English month names, wide or short.
A date written in numbers alone is day first in the Netherlands and month first in
the United States, so the file decides: a date whose first number is above 12 shows
that its file writes the day first, one whose second number is above 12 the month
first. A date that reads two ways (``05-06-2025``) is read by its file's rule, and
refused, with both readings, when the file shows none or both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Literal

from msctool.load.actionitems import MONTHS

Order = Literal["day-first", "month-first"]

_NUMBERS = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s+([^\W\d]+)\.?,?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"^([^\W\d]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


class DateError(ValueError):
    """Why a text is not a date msc can read (the message says how to write it)."""


def file_order(texts: Iterable[str]) -> Order | None:
    """The order the numeric dates of one file show: day first, month first, or None
    when they show neither or both."""
    shown: set[Order] = set()
    for text in texts:
        match = _NUMBERS.match(text.strip())
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            shown.add("day-first")
        elif second > 12 >= first:
            shown.add("month-first")
    return shown.pop() if len(shown) == 1 else None


def read_date(text: str, order: Order | None) -> date:
    """The date ``text`` writes, its numbers read in ``order`` where they could be
    read both ways; :class:`DateError` otherwise."""
    text = " ".join(text.split())
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    numbers = _NUMBERS.match(text)
    if numbers is not None:
        first, second, year = numbers.groups()
        if len(year) == 2:
            raise DateError(f"`{text}` has a year of two digits: write the year in full")
        return _numeric(text, int(first), int(second), int(year), order)
    named = _named(text)
    if named is not None:
        return named
    raise DateError(f"`{text}` is not a date: write 2025-10-31, 31-10-2025 or 31 okt 2025")


def _numeric(text: str, first: int, second: int, year: int, order: Order | None) -> date:
    """``first-second-year``: unambiguous when one reading is no date or both are the
    same day; else read by the file's ``order``, or refused with both readings."""
    day_first = _made(year, second, first)
    month_first = _made(year, first, second)
    if day_first is None and month_first is None:
        raise DateError(f"`{text}` is not a date on the calendar")
    if month_first is None or day_first == month_first:
        assert day_first is not None
        return day_first
    if day_first is None:
        return month_first
    if order is not None:
        return day_first if order == "day-first" else month_first
    raise DateError(
        f"`{text}` could be {day_first.isoformat()} (day first) or "
        f"{month_first.isoformat()} (month first), and the file shows neither: "
        f"write {day_first.isoformat()} or {month_first.isoformat()}"
    )


def _named(text: str) -> date | None:
    """``31 okt 2025`` or ``Oct 31, 2025``; None when ``text`` is neither."""
    found = _DAY_MONTH.match(text)
    if found is not None:
        day, month, year = found.group(1), found.group(2), found.group(3)
    elif (found := _MONTH_DAY.match(text)) is not None:
        month, day, year = found.group(1), found.group(2), found.group(3)
    else:
        return None
    number = MONTHS.get(month.lower())
    if number is None:
        raise DateError(f"`{month}` in `{text}` is not a month (in Dutch or English)")
    made = _made(int(year), number, int(day))
    if made is None:
        raise DateError(f"`{text}` is not a date on the calendar")
    return made


def _made(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
