"""Every word list of a partnership, each written once.

A sector, a decision status, a language or an output format is one ``Literal`` type
here. The models validate with it, the edit commands check with :func:`values`, and
the command line offers it as the choices of its options, so a word added here is
accepted everywhere and a word added anywhere else alone is not.

This module imports nothing but :mod:`typing`: the command line builds its options
from it (and the commit-msg hook checks trailers with it) without loading a model.
"""

from __future__ import annotations

from typing import Any, Literal, get_args


def values(vocabulary: Any) -> tuple[Any, ...]:
    """The words of a vocabulary (a ``Literal`` type), in the order written here.

    Typed ``Any`` so that a typed tuple (``tuple[Sector, ...]``) can hold them.
    """
    return get_args(vocabulary)


def spoken(vocabulary: Any, last: str = "or") -> str:
    """The words as a reader says them: ``public, private or civil``."""
    words = values(vocabulary)
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else words[0]


# -- partnership.yaml ---------------------------------------------------------------

Language = Literal["nl", "en"]
"""The language a partnership writes in: outputs, typed numbers, decision records."""
DecisionRule = Literal[
    "consent", "consensus", "unanimity", "majority", "supermajority", "lead-decides", "advice"
]
BodyKind = Literal[
    "board", "steering-group", "working-group", "advisory-council", "assembly", "backbone-team"
]
Cadence = Literal["weekly", "fortnightly", "monthly", "quarterly", "half-yearly", "yearly"]
Severity = Literal["error", "warning", "off"]
"""What ``checks: severity:`` makes of a rule."""

# -- partners.yaml ------------------------------------------------------------------

Sector = Literal["public", "private", "civil"]
GiftKind = Literal["money", "hours", "in-kind", "expertise"]
Per = Literal["once", "month", "quarter", "year"]

# -- activities.yaml ----------------------------------------------------------------

ActivityStatus = Literal["planned", "active", "paused", "done", "dropped"]
Work = Literal["on", "in"]
"""Work ``on`` the partnership (how we work) or ``in`` it (the mission)."""

# -- metrics.yaml -------------------------------------------------------------------

Perspective = Literal["stakeholders", "processes", "learning", "resources"]
"""Balanced-scorecard perspectives, in the order a scorecard shows them."""
Accountability = Literal["population", "performance"]
MetricKind = Literal["how-much", "how-well", "better-off"]
Direction = Literal["up", "down"]

# -- roi.yaml -----------------------------------------------------------------------

InputKind = Literal["money", "hours", "in-kind"]
Currency = Literal["EUR", "USD", "GBP"]
Assumption = Literal[
    "quantity",
    "financial_proxy",
    "deadweight",
    "attribution",
    "displacement",
    "drop_off",
    "duration",
    "discount_rate",
]
"""The SROI assumptions the sensitivity analysis varies, in the order it shows them."""

# -- engagement.yaml ----------------------------------------------------------------

Method = Literal[
    "focus-group",
    "survey",
    "co-design",
    "interview",
    "community-meeting",
    "panel",
    "walk-along",
    "feedback-form",
]
"""How the partnership listened to the people it serves."""

# -- decisions/ ---------------------------------------------------------------------

DecisionStatus = Literal["proposed", "accepted", "rejected", "superseded", "withdrawn"]
NewDecisionStatus = Literal["proposed", "accepted", "rejected"]
"""What a new decision record can say (a part of :data:`DecisionStatus`): superseded
and withdrawn follow from later history."""

# -- outputs ------------------------------------------------------------------------

Audience = Literal["partners", "public"]
"""Who reads an output: partners see everything, the public never a private field."""
RetroKind = Literal["after-action", "premortem", "appreciative"]
NewsletterFormat = Literal["md", "html", "txt", "eml"]
RoiFormat = Literal["md", "html", "json"]
ScorecardFormat = Literal["md", "html", "csv"]
ReportFormat = Literal["text", "json", "md"]
"""How ``msc log``, ``msc changes`` and ``msc retro actions`` report."""
EditFormat = Literal["text", "json"]
"""How an edit command (and ``msc metric import``) reports what it did."""
ValueFormat = Literal["text", "json"]
"""How ``msc get`` prints a value: as text (YAML for a group), or as JSON."""
CheckFormat = Literal["text", "json", "github", "sarif"]
"""How ``msc check`` reports: for people, programs, GitHub annotations, SARIF viewers."""
