"""What each page of the site shows: one small function per page returns its context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from msctool.model import Dated, Engagement, Partnership
from msctool.rendering import Setup
from msctool.scorecard import counted
from msctool.site.decisions import Entry, timeline
from msctool.site.health import Health
from msctool.site.markdown import first_heading, inline, to_html, without_title
from msctool.site.raci import LETTERS, matrices


@dataclass(frozen=True)
class Page:
    slug: str
    file: str


PAGES = (
    Page("index", "index.html"),
    Page("health", "health.html"),
    Page("scorecard", "scorecard.html"),
    Page("roi", "roi.html"),
    Page("decisions", "decisions.html"),
    Page("partners", "partners.html"),
    Page("engagement", "engagement.html"),
    Page("retrospectives", "retrospectives.html"),
    Page("newsletters", "newsletters.html"),
)

Context = dict[str, Any]
Builder = Callable[[Setup, Health], Context]


def home(setup: Setup, health: Health) -> Context:
    p = setup.partnership
    purpose = p.meta.purpose
    body = p.body_by_id.get(purpose.reaffirmed_by or "")
    t, day = setup.fmt.t, setup.fmt.date(purpose.reaffirmed)
    reaffirmed = t("site_reaffirmed_by", body=body.name, date=day) if body else None
    glance = [
        counted(setup.fmt, "site_glance_partners", len(p.active_partners(setup.as_of))),
        counted(setup.fmt, "site_glance_activities", len(p.activities)),
        counted(setup.fmt, "site_glance_decisions", len(p.decisions)),
        counted(setup.fmt, "site_glance_engagements", len(p.engagements)),
    ]
    return {
        "reaffirmed": reaffirmed or t("site_reaffirmed", date=day),
        "glance": glance,
        "health": health,
        "inline": inline,
    }


def health_page(setup: Setup, health: Health) -> Context:
    return {"health": health}


def scorecard(setup: Setup, health: Health) -> Context:
    from msctool import scorecard as sc

    card = sc.build_scorecard(setup.partnership, setup.as_of)
    return {
        "groups": sc.views(card, setup),
        "summary": sc.summary(card, setup.fmt),
        "count_line": sc.count_line(card, setup.fmt),
    }


def roi(setup: Setup, health: Health) -> Context:
    if setup.partnership.roi is None:
        return {"story": None}
    from msctool.roistory import build_story, calculation

    return {"story": build_story(calculation(setup.partnership), setup.fmt)}


def decisions(setup: Setup, health: Health) -> Context:
    found = timeline(setup.partnership)
    bodies = _body_names(setup.partnership, found.entries)
    statuses = sorted({e.status for e in found.entries})
    return {
        "timeline": found,
        "bodies": bodies,
        "statuses": statuses,
        "names": _namer(setup.partnership),
    }


def _namer(partnership: Partnership) -> Callable[[tuple[str, ...]], str]:
    """A function that names partners by id, for the templates."""
    names = {p.id: p.name for p in partnership.partners}
    return lambda ids: ", ".join(names.get(i, i) for i in ids)


def _body_names(partnership: Partnership, entries: tuple[Entry, ...]) -> dict[str, str]:
    """Body id → name, for every body that decided something (in partnership.yaml order)."""
    used = {e.body for e in entries}
    names = {b.id: b.name for b in partnership.meta.bodies if b.id in used}
    names.update({body: body for body in sorted(used - names.keys())})
    return names


def partners(setup: Setup, health: Health) -> Context:
    p = setup.partnership
    return {"partners": p.partners, "matrices": matrices(p), "letters": LETTERS}


def engagement(setup: Setup, health: Health) -> Context:
    p = setup.partnership
    segments = {s.id: s.name for s in p.meta.target_population.segments}
    ordered = sorted(p.engagements, key=lambda e: e.date, reverse=True)
    return {"engagements": [(e, _segment_names(e, segments)) for e in ordered]}


def _segment_names(engagement: Engagement, names: dict[str, str]) -> str:
    return ", ".join(names.get(s, s) for s in engagement.segments)


@dataclass(frozen=True)
class Document:
    """A Markdown file of the partnership (retrospective, newsletter), rendered safely."""

    key: str
    title: str
    day: str
    html: Markup
    other_kinds: tuple[str, ...] = ()


def retrospectives(setup: Setup, health: Health) -> Context:
    if setup.audience == "public":
        return {"documents": [], "partners_only": True}
    retros = sorted(setup.partnership.retros, key=lambda d: d.path, reverse=True)
    return {"documents": [_document(setup, d) for d in retros], "partners_only": False}


_KIND_NAMES = {".html": "HTML", ".eml": "e-mail", ".txt": "text", ".md": "Markdown"}
_PREFERRED = (".md", ".txt")


def newsletters(setup: Setup, health: Health) -> Context:
    issues: dict[str, list[Dated]] = {}
    for dated in setup.partnership.newsletters:
        issues.setdefault(Path(dated.path).stem, []).append(dated)
    documents = [_issue(setup, files) for _, files in sorted(issues.items(), reverse=True)]
    return {"documents": documents}


def _issue(setup: Setup, files: list[Dated]) -> Document:
    by_kind = {Path(d.path).suffix: d for d in files}
    for kind in _PREFERRED:
        if kind in by_kind:
            return _document(setup, by_kind[kind], month=True)
    first = files[0]
    kinds = tuple(sorted(_KIND_NAMES.get(k, k) for k in by_kind))
    return Document(_key(first), setup.fmt.month(first.date), "", Markup(""), other_kinds=kinds)


def _key(dated: Dated) -> str:
    return "doc-" + Path(dated.path).stem


def _document(setup: Setup, dated: Dated, *, month: bool = False) -> Document:
    path = setup.partnership.root / dated.path
    text = path.read_text(encoding="utf-8", errors="replace")
    day = setup.fmt.month(dated.date) if month else setup.fmt.date(dated.date)
    if path.suffix == ".txt":
        html = Markup("<pre>{}</pre>").format(text)
    else:
        html = to_html(without_title(text), shift=2)
    return Document(_key(dated), first_heading(text) or day, day, html)


BUILDERS: dict[str, Builder] = {
    "index": home,
    "health": health_page,
    "scorecard": scorecard,
    "roi": roi,
    "decisions": decisions,
    "partners": partners,
    "engagement": engagement,
    "retrospectives": retrospectives,
    "newsletters": newsletters,
}
