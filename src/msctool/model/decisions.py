"""``decisions/NNNN-slug.md``: front matter of a decision record."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from msctool.model.common import FormatVersion, RefersTo, ShortText, Slug, Strict
from msctool.model.vocabulary import DecisionRule, DecisionStatus

PartnerOrBodyRef = Annotated[Slug, RefersTo(("partner", "body"))]
"""Who was consulted or informed: a partner or a governance body (a residents' council)."""


class DecisionMeta(Strict):
    format_version: FormatVersion
    id: int = Field(ge=1, le=9999, description="The number in the file name.")
    title: ShortText
    date: date
    status: DecisionStatus
    body: Slug = Field(description="Governance body that decided.")
    rule: DecisionRule | None = Field(
        default=None, description="Rule used; defaults to the body's decision rule."
    )
    supersedes: list[int] = Field(default_factory=list)
    consulted: list[PartnerOrBodyRef] = Field(
        default_factory=list, description="Partner or governance body ids."
    )
    informed: list[PartnerOrBodyRef] = Field(
        default_factory=list, description="Partner or governance body ids."
    )
    affects: list[Annotated[Slug, RefersTo(("activity", "metric", "partner"))]] = Field(
        default_factory=list, description="Activity, metric or partner ids."
    )


class Decision(Strict):
    """A decision record: front matter plus the Markdown text below it."""

    meta: DecisionMeta
    text: str
    file: str
