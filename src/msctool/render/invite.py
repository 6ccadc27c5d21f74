"""Calendar invites (.ics, RFC 5545) written with the ``icalendar`` package.

An invite is one VCALENDAR holding one VEVENT. The start is a *floating*
local time (no time zone): a meeting at 14:00 around the partner table is at
14:00 wherever the calendar lives, and msc need not guess the partnership's
time zone. Calendar programs show it at that clock time in the reader's zone.

SUMMARY and UID are one line: every line separator :meth:`str.splitlines` knows
(U+2028, U+0085, VT, FF ...) becomes a space. DESCRIPTION keeps its lines, each
break written as the escaped ``\\n`` RFC 5545 defines, so no value can start a
property of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from msctool.escaping import one_line

PRODID = "-//msc//partnership as code//EN"


@dataclass(frozen=True)
class Invite:
    uid: str
    """Stable and unique: the same meeting always gets the same UID, so a
    calendar updates the event instead of adding a second one."""
    summary: str
    start: datetime
    """Floating local time: naive, no time zone."""
    duration: timedelta
    description: str


def calendar_invite(invite: Invite, stamp: datetime | None = None) -> bytes:
    """The invite as an RFC 5545 calendar; ``stamp`` (UTC) is when it was made."""
    from icalendar import Calendar, Event

    event = Event()
    event.add("uid", one_line(invite.uid))
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", invite.start.replace(tzinfo=None, second=0, microsecond=0))
    event.add("duration", invite.duration)
    event.add("summary", one_line(invite.summary))
    event.add("description", "\n".join(invite.description.splitlines()))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
