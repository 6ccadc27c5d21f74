"""What each page of the site shows: one small function per page returns its context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from msctool.model import Dated, Engagement, Partnership
from msctool.model.vocabulary import Audience
from msctool.render.audience import Shown, shows
from msctool.render.scorecard import Scorecard, build_scorecard, counted
from msctool.render.setup import Setup
from msctool.render.templatedata import template_function
from msctool.site.decisions import Entry, seen_by, timeline
from msctool.site.documents import Documents, newsletter_issues, preferred
from msctool.site.health import Health
from msctool.site.markdown import first_heading, inline, to_html, without_title
from msctool.site.raci import LETTERS, matrices

if TYPE_CHECKING:
    from msctool.render.roi.story import RoiStory


@dataclass(frozen=True)
class Page:
    slug: str
    file: str
    holds: Shown | None = None
    """What the page shows besides the partnership's fields (None: nothing): an
    audience that may not see it gets no such page and no link to it."""


PAGES = (
    Page("index", "index.html"),
    Page("health", "health.html"),
    Page("scorecard", "scorecard.html"),
    Page("data", "data.html", "figures-status"),
    Page("roi", "roi.html"),
    Page("decisions", "decisions.html"),
    Page("partners", "partners.html"),
    Page("engagement", "engagement.html"),
    Page("retrospectives", "retrospectives.html"),
    Page("newsletters", "newsletters.html"),
)

Context = dict[str, Any]


def pages_for(audience: Audience) -> tuple[Page, ...]:
    """The pages ``audience`` gets, in the order of the navigation."""
    return tuple(p for p in PAGES if p.holds is None or shows(audience, p.holds))


@dataclass
class Sources:
    """What the pages are made from: the partnership as its audience sees it, the
    health, and the scorecard and ROI story, each made once for all the pages that
    show them (the story's vignettes take half a second on a large partnership)."""

    setup: Setup
    health: Health
    documents: Documents = field(default_factory=Documents)
    """The newsletters and retrospectives, read safely."""

    @cached_property
    def card(self) -> Scorecard:
        return build_scorecard(self.setup.partnership, self.setup.as_of)

    @cached_property
    def story(self) -> RoiStory | None:
        if self.setup.partnership.roi is None:
            return None
        from msctool.render.roi.calculation import calculation
        from msctool.render.roi.story import build_story

        return build_story(calculation(self.setup.partnership), self.setup.fmt)


Builder = Callable[[Sources], Context]
DATA_ERRORS = (ValueError, KeyError, AttributeError, TypeError, ZeroDivisionError)
"""What a page's builder may raise on data that has errors (a page then says it
could not be made; on valid data the same exception is a bug and is raised)."""


def home(src: Sources) -> Context:
    setup = src.setup
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
        "health": src.health,
        "inline": inline,
        "standing": _standing(src),
    }


def _standing(src: Sources) -> Context:
    """Where the partnership stands, for home: the ROI headline (None without an ROI
    story) and the scorecard's lines at a glance. Left out, not the whole page, when
    the data has errors that keep them from being made."""
    from msctool.render import scorecard as sc

    try:
        lines = sc.summary(src.card, src.setup.fmt)
        story = src.story
    except DATA_ERRORS:
        if not src.health.errors:
            raise
        return {"headline": None, "lines": []}
    return {"headline": story.headline if story is not None else None, "lines": lines}


def health_page(src: Sources) -> Context:
    return {"health": src.health}


def scorecard(src: Sources) -> Context:
    from msctool.render import scorecard as sc

    setup, card = src.setup, src.card
    return {
        "groups": sc.views(card, setup),
        "summary": sc.summary(card, setup.fmt),
        "count_line": sc.count_line(card, setup.fmt),
    }


def data(src: Sources) -> Context:
    """Per owner and metric: the last figure, the next due date, who is late."""
    from msctool.collect.status import collect_status
    from msctool.render.collect.status import cells, counts_line, header

    setup = src.setup
    status = collect_status(setup.partnership, setup.as_of)
    rows = [(row.state, cells(row, setup.fmt)) for row in status.rows]
    return {"header": header(setup.fmt), "rows": rows, "counts": counts_line(status, setup.fmt)}


def roi(src: Sources) -> Context:
    return {"story": src.story}


def decisions(src: Sources) -> Context:
    p = src.setup.partnership
    found = seen_by(timeline(p), src.setup.audience)
    bodies = _body_names(p, found.entries)
    statuses = sorted({e.status for e in found.entries})
    return {
        "timeline": found,
        "bodies": bodies,
        "statuses": statuses,
        "names": _namer(p),
    }


@dataclass(frozen=True)
class PartnerNames:
    """Partner names by id; templates call :meth:`join`."""

    by_id: Mapping[str, str]

    @template_function
    def join(self, ids: Iterable[str]) -> str:
        """The names of the partners ``ids``, joined with commas (an unknown id as it is)."""
        return ", ".join(self.by_id.get(i, i) for i in ids)


def _namer(partnership: Partnership) -> Callable[[tuple[str, ...]], str]:
    """A function that names partners by id, for the templates."""
    return PartnerNames({p.id: p.name for p in partnership.partners}).join


def _body_names(partnership: Partnership, entries: tuple[Entry, ...]) -> dict[str, str]:
    """Body id → name, for every body that decided something (in partnership.yaml order)."""
    used = {e.body for e in entries}
    names = {b.id: b.name for b in partnership.meta.bodies if b.id in used}
    names.update({body: body for body in sorted(used - names.keys())})
    return names


def partners(src: Sources) -> Context:
    p, t = src.setup.partnership, src.setup.fmt.t
    titles = {letter: t(f"site_raci_{letter}") for letter in LETTERS}  # once, not per cell
    return {"partners": p.partners, "matrices": matrices(p), "letters": LETTERS, "titles": titles}


def engagement(src: Sources) -> Context:
    p = src.setup.partnership
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


def retrospectives(src: Sources) -> Context:
    setup = src.setup
    if not shows(setup.audience, "retrospectives"):
        return {"documents": [], "partners_only": True}
    retros = sorted(setup.partnership.retros, key=lambda d: d.path, reverse=True)
    documents = [_document(src, d) for d in retros]
    return {"documents": [d for d in documents if d is not None], "partners_only": False}


_KIND_NAMES = {".html": "HTML", ".eml": "e-mail", ".txt": "text", ".md": "Markdown"}


def newsletters(src: Sources) -> Context:
    documents = [_issue(src, files) for files in newsletter_issues(src.setup.partnership)]
    return {"documents": [d for d in documents if d is not None]}


def _issue(src: Sources, files: list[Dated]) -> Document | None:
    shown = preferred(files)
    if shown is not None:
        return _document(src, shown, month=True)
    first = files[0]
    kinds = tuple(
        sorted({_KIND_NAMES.get(Path(d.path).suffix, Path(d.path).suffix) for d in files})
    )
    return Document(_key(first), src.setup.fmt.month(first.date), "", Markup(""), other_kinds=kinds)


def _key(dated: Dated) -> str:
    return "doc-" + Path(dated.path).stem


def _document(src: Sources, dated: Dated, *, month: bool = False) -> Document | None:
    """The file rendered; None when it could not be read safely (its finding is on the
    health page: see :mod:`msctool.site.documents`)."""
    text = src.documents.texts.get(dated.path)
    if text is None:
        return None
    fmt = src.setup.fmt
    day = fmt.month(dated.date) if month else fmt.date(dated.date)
    if dated.path.endswith(".txt"):
        html = Markup("<pre>{}</pre>").format(text)
    else:
        html = to_html(without_title(text), shift=2)
    return Document(_key(dated), first_heading(text) or day, day, html)


BUILDERS: dict[str, Builder] = {
    "index": home,
    "health": health_page,
    "scorecard": scorecard,
    "data": data,
    "roi": roi,
    "decisions": decisions,
    "partners": partners,
    "engagement": engagement,
    "retrospectives": retrospectives,
    "newsletters": newsletters,
}
