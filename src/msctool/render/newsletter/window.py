"""The days a newsletter issue covers, and the marker that says which day it speaks for.

By default an issue covers the days from the day after the newest earlier
newsletter (``newsletters/YYYY-MM.*`` of a month before the as-of month, so
rendering an issue again covers the same days) to the as-of day. Every rendered
Markdown and HTML issue carries a marker of the day it speaks for (:func:`marker`);
an issue without one (written by hand) counts from the first day of its month.
``since`` starts the window on a given day; ``period`` makes it one calendar month
(ending on the as-of day if that comes first). Without an earlier newsletter the
window covers one newsletter cadence: from the first day of the month one cadence
before the as-of month (one month for weekly, fortnightly and monthly newsletters).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from msctool.days import month_start, shift
from msctool.errors import UsageError
from msctool.model import Dated, Partnership
from msctool.model.partnership import Cadence
from msctool.model.vocabulary import NewsletterFormat as Format
from msctool.model.vocabulary import values
from msctool.render.window import Window as Days

FORMATS: tuple[Format, ...] = values(Format)
NEWSLETTER_DIR = "newsletters"
MARKED_FORMATS: tuple[Format, ...] = ("md", "html")
"""Issues that carry a marker of the day they speak for (see :func:`marker`)."""
MARKER_TEXT = "msc newsletter as-of"
MARKER_META = "msc-newsletter-as-of"
_MARKER = re.compile(
    rf'(?:<!--\s*{MARKER_TEXT}\s+|<meta\s+name="{MARKER_META}"\s+content=")'
    r"(?P<day>\d{4}-\d{2}-\d{2})"
)
CADENCE_MONTHS: dict[Cadence, int] = {
    "weekly": 1,
    "fortnightly": 1,
    "monthly": 1,
    "quarterly": 3,
    "half-yearly": 6,
    "yearly": 12,
}
"""A newsletter is at most monthly (one file a month); weekly and fortnightly count as one."""


@dataclass(frozen=True)
class Window(Days):
    """The days an issue covers, both ends included (:class:`msctool.render.window.Window`)."""

    previous: Dated | None = None
    """The earlier newsletter the window starts at, if it does."""
    period: bool = False
    """True when the window is one calendar month (``period``)."""

    @property
    def month(self) -> date:
        """The first day of the month the issue is for (and named after)."""
        return self.end.replace(day=1)


def parse_month(value: str, field: str = "period") -> date:
    """``YYYY-MM`` as the first day of that month; a usage error about ``field`` otherwise."""
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise UsageError(
            f"`{value}` is not a month", hint="write the month as YYYY-MM", field=field
        ) from None


def window_for(
    partnership: Partnership,
    as_of: date,
    *,
    since: date | None = None,
    period: date | None = None,
) -> Window:
    """The window of an issue on ``as_of`` (see the module's description)."""
    if since is not None and period is not None:
        raise UsageError("give a start date or a period, not both", field="since")
    if period is not None:
        return _period_window(period, as_of)
    if since is not None:
        if since > as_of:
            raise UsageError(f"{since} is after the as-of date {as_of}", field="since")
        return Window(since, as_of)
    this_month = as_of.replace(day=1)
    previous = max(
        (n for n in partnership.newsletters if n.date < this_month),
        key=lambda n: n.date,
        default=None,
    )
    if previous is not None:
        marked = issue_as_of(partnership, previous.date)
        if marked is not None and marked < as_of:
            return Window(shift(marked, 1), as_of, previous)
        return Window(previous.date, as_of, previous)
    months = CADENCE_MONTHS[partnership.meta.cadence.newsletter]
    return Window(add_months(this_month, -months), as_of)


def issue_as_of(partnership: Partnership, month: date) -> date | None:
    """The day the issue of ``month`` speaks for, from its marker (see :func:`marker`)
    in ``newsletters/YYYY-MM.md`` or ``.html``; None for an issue without one (written
    by hand). With both files, the later day."""
    days = []
    for ext in MARKED_FORMATS:
        path = partnership.root / NEWSLETTER_DIR / f"{month:%Y-%m}.{ext}"
        try:
            found = _MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if found:
            try:
                days.append(date.fromisoformat(found.group("day")))
            except ValueError:
                continue
    return max(days, default=None)


def marker(output_format: Format, day: date) -> str:
    """The machine-readable note of the day an issue speaks for, so the next issue
    starts the day after: an HTML comment for Markdown, a ``<meta>`` for HTML."""
    if output_format == "md":
        return f"<!-- {MARKER_TEXT} {day.isoformat()} -->"
    if output_format == "html":
        return f'<meta name="{MARKER_META}" content="{day.isoformat()}">'
    return ""


def _period_window(month: date, as_of: date) -> Window:
    first = month.replace(day=1)
    if first > as_of:
        raise UsageError(f"{first:%Y-%m} is after the as-of date {as_of}", field="period")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Window(first, min(last, as_of), period=True)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    return month_start(day, months)
