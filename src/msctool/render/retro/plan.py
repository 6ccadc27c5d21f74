"""A planned retrospective: the agenda rendered in Markdown, its calendar invite, and
where it goes (``retros/YYYY-MM-DD-KIND.md``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from msctool.fs.names import portable_name
from msctool.model import Partnership
from msctool.model.vocabulary import RetroKind as Kind
from msctool.render.invite import Invite
from msctool.render.retro.agenda import DEFAULT_START, Agenda, build_agenda
from msctool.render.retro.facts import RETRO_DIR
from msctool.render.retro.historylines import history_lines
from msctool.render.setup import Setup


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
