"""The issue in words: every change becomes an :class:`~.words.Item` with a score;
the three highest open the issue, the rest follow by kind, a few per section
("…and 3 more"), within a budget of 450 words, so the issue stays a two-minute read."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from msctool.days import shift
from msctool.history.changes import ChangeSet
from msctool.model import Dated, Partnership
from msctool.render.i18n import Formatter
from msctool.render.identity import Identity
from msctool.render.newsletter.changes import Changes, find_changes
from msctool.render.newsletter.historywords import HistoryWords
from msctool.render.newsletter.window import CADENCE_MONTHS, Window, add_months
from msctool.render.newsletter.words import KINDS, Item, Kind, Words

TOP = 3
"""Changes that open the issue."""
SECTION_LIMITS: dict[Kind, int] = {
    "decision": 2,
    "governance": 2,
    "metric": 3,
    "partner": 2,
    "activity": 2,
    "engagement": 1,
}
"""Changes shown per section after the opening three; the rest are counted."""
WORD_BUDGET = 450
"""A two-minute read. Changes after the opening three are left out (and counted)
rather than let an issue grow past it."""
SLACK = 40
"""Words the templates add around the texts (list numbers, headings), with room to spare."""
_WORD = re.compile(r"\S*[^\W_]\S*")
NAMES_SHOWN = 5
"""Partners named in the thank-you line when there are more than one over it; the rest
are counted ("and 3 more" — never "and 1 more": a list one over is named in full)."""


@dataclass(frozen=True)
class Section:
    kind: Kind
    title: str
    items: tuple[Item, ...]
    more: str | None
    """"…and 3 more." when the section left changes out."""


@dataclass(frozen=True)
class Newsletter:
    """An issue in words, ready for a template."""

    window: Window
    title: str
    intro: str
    top_heading: str
    top: tuple[Item, ...]
    sections: tuple[Section, ...]
    quiet: str | None
    """The friendly note of an issue in which nothing changed."""
    coming_up: tuple[str, ...]
    thanks: str
    """Empty when there is no one to thank (no partner active in the window)."""
    purpose: str
    subject: str
    preheader: str


def items_of(changes: Changes, words: HistoryWords) -> list[Item]:
    """Every change as an item, biggest news first (ties: the most recent first)."""
    makers: list[tuple[Iterable[object], Callable[..., Item]]] = [
        (changes.decisions, words.decision),
        (changes.movements, words.movement),
        (changes.joined, words.joined),
        (changes.left, words.left),
        (changes.engagements, words.engagement),
        (changes.history, words.history),
    ]
    items = [make(change) for found, make in makers for change in found]
    return sorted(items, key=lambda i: (-i.score, -i.day.toordinal(), i.key))


def compose(
    partnership: Partnership,
    fmt: Formatter,
    window: Window,
    identity: Identity,
    history: ChangeSet | None = None,
) -> Newsletter:
    """The issue of ``partnership`` for ``window`` in ``fmt``'s language; ``history``
    adds what git history tells (see :func:`.changes.find_changes`)."""
    changes = find_changes(partnership, window, history)
    words = HistoryWords(partnership, fmt, window)
    items = items_of(changes, words)
    top, rest = tuple(items[:TOP]), items[TOP:]
    month = fmt.month(window.month)
    quiet = None if items else fmt.t("newsletter_quiet", start=words.day(window.start))
    letter = Newsletter(
        window=window,
        title=fmt.t("newsletter_title", name=identity.short_name, month=month),
        intro=_intro(words),
        top_heading=fmt.t(f"newsletter_top_{len(top)}") if top else "",
        top=top,
        sections=(),
        quiet=quiet,
        coming_up=tuple(_coming_up(changes, words)),
        thanks=_thanks(items, changes, words),
        purpose=fmt.t("newsletter_purpose", statement=partnership.meta.purpose.statement),
        subject=fmt.t(
            "newsletter_subject",
            name=identity.short_name,
            month=month,
            news=top[0].headline if top else fmt.t("newsletter_subject_quiet"),
        ),
        preheader=f"{top[0].lead} {top[0].text}" if top else (quiet or ""),
    )
    identity_words = count_words(f"{identity.name} {identity.tagline or ''}")
    budget = WORD_BUDGET - SLACK - frame_words(letter, words) - identity_words
    return dataclasses.replace(letter, sections=tuple(fit_sections(rest, words, budget)))


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of non-space holding a letter or digit."""
    return len(_WORD.findall(text))


def frame_words(letter: Newsletter, words: Words) -> int:
    """The words of the issue outside its sections."""
    texts = [letter.title, letter.intro, letter.top_heading, letter.quiet or ""]
    texts += [f"{item.lead} {item.top_text}" for item in letter.top]
    texts += [words.t("newsletter_coming_up"), *letter.coming_up, letter.thanks, letter.purpose]
    return sum(count_words(text) for text in texts)


def fit_sections(rest: list[Item], words: Words, budget: int) -> Iterable[Section]:
    """The changes after the opening three, by kind, within ``budget`` words.

    Kinds take turns (each kind's best change first, then each kind's second...),
    so every section shows something before any section shows more; a kind shows
    at most its SECTION_LIMITS, in order of rank, and stops at its first change
    that does not fit. What is left out is counted ("…and 3 more").
    """
    kinds = [kind for kind in KINDS if any(i.kind == kind for i in rest)]
    titles = {kind: words.t(f"newsletter_section_{kind}") for kind in kinds}
    more_words = count_words(words.t("newsletter_more", count=9))
    spent = sum(count_words(titles[kind]) + more_words for kind in kinds)
    shown: dict[Kind, list[Item]] = {kind: [] for kind in kinds}
    closed: set[Kind] = set()
    for item in _in_turns(rest):
        cost = count_words(f"{item.lead} {item.text}")
        if item.kind in closed or len(shown[item.kind]) >= SECTION_LIMITS[item.kind]:
            continue
        if spent + cost > budget:
            closed.add(item.kind)
            continue
        shown[item.kind].append(item)
        spent += cost
    for kind in kinds:
        left_out = sum(i.kind == kind for i in rest) - len(shown[kind])
        more = words.t("newsletter_more", count=left_out) if left_out else None
        yield Section(kind, titles[kind], tuple(shown[kind]), more)


def _in_turns(ranked: list[Item]) -> list[Item]:
    """Each kind's first item (in order of rank), then each kind's second..."""
    turn: dict[str, int] = {}
    order = []
    for rank, item in enumerate(ranked):
        turn[item.kind] = turn.get(item.kind, -1) + 1
        order.append((turn[item.kind], rank, item))
    return [item for _, _, item in sorted(order, key=lambda entry: entry[:2])]


def _intro(words: Words) -> str:
    window, fmt = words.window, words.fmt
    if window.previous is not None:
        return fmt.t(
            "newsletter_window_previous",
            month=fmt.month(window.previous.date),
            end=fmt.date(window.end),
        )
    if window.period:
        return fmt.t("newsletter_window_period", month=fmt.month(window.month))
    return fmt.t("newsletter_window", start=words.day(window.start), end=fmt.date(window.end))


def _coming_up(changes: Changes, words: Words) -> Iterable[str]:
    t, window = words.t, changes.window
    for retro in changes.retros_ahead[:TOP]:
        yield t("newsletter_retro_planned", date=words.day(retro.date), kind=_retro_kind(retro, t))
    if not changes.retros_ahead:
        yield _retro_due(changes, words)
    cadence = words.p.meta.cadence.newsletter
    next_issue = add_months(window.month, CADENCE_MONTHS[cadence])
    yield t("newsletter_next_issue", month=words.fmt.month(next_issue))


def _retro_kind(retro: Dated, t: Callable[..., str]) -> str:
    name = Path(retro.path).stem[len("YYYY-MM-DD-") :]
    known = {"after-action", "premortem", "appreciative"}
    return t(f"newsletter_retro_{name.replace('-', '_')}" if name in known else "newsletter_retro")


def _retro_due(changes: Changes, words: Words) -> str:
    last = changes.last_retro
    if last is None:
        return words.t("newsletter_retro_none")
    cadence = words.p.meta.cadence.retrospective
    due = add_months(last.date, CADENCE_MONTHS[cadence])
    if cadence in ("weekly", "fortnightly"):
        due = shift(last.date, 7 if cadence == "weekly" else 14)
    if due < changes.window.end.replace(day=1):
        return words.t("newsletter_retro_overdue", date=words.day(last.date))
    return words.t("newsletter_retro_due", month=words.fmt.month(due))


def _thanks(items: list[Item], changes: Changes, words: Words) -> str:
    gone = {p.id for p in changes.left}
    ids = list(dict.fromkeys(c for i in items for c in i.credits if c not in gone))
    people = sum(e.participants for e in changes.engagements)
    values = {"names": words.names(ids, NAMES_SHOWN), "people": words.fmt.number(people)}
    if ids and people:
        return words.t("newsletter_thanks", **values)
    if ids:
        return words.t("newsletter_thanks_partners", **values)
    if people:
        return words.t("newsletter_thanks_people", **values)
    active = len(words.p.active_partners(changes.window.end))
    if not active:
        return ""
    return words.t("newsletter_thanks_all", count=words.fmt.number(active))
