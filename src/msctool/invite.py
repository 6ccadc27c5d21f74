"""Calendar invites (.ics, RFC 5545) written with the ``icalendar`` package.

An invite is one VCALENDAR holding one VEVENT. The start is a *floating*
local time (no time zone): a meeting at 14:00 around the partner table is at
14:00 wherever the calendar lives, and msc need not guess the partnership's
time zone. Calendar programs show it at that clock time in the reader's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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
    event.add("uid", invite.uid)
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0))
    event.add("dtstart", invite.start.replace(tzinfo=None, second=0, microsecond=0))
    event.add("duration", invite.duration)
    event.add("summary", invite.summary)
    event.add("description", invite.description)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
