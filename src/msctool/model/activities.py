"""``activities.yaml``: the RACI — who is accountable, responsible, consulted, informed."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from msctool.model.common import (
    FormatVersion,
    PartnerRef,
    ShortText,
    Slug,
    Strict,
    Text,
    ordered,
)
from msctool.model.vocabulary import ActivityStatus, Work


class Raci(Strict):
    accountable: PartnerRef | list[PartnerRef] | None = Field(
        default=None, description="Exactly one partner id; anything else is an error (MSC010)."
    )
    responsible: list[PartnerRef] = Field(default_factory=list)
    consulted: list[PartnerRef] = Field(default_factory=list)
    informed: list[PartnerRef] = Field(default_factory=list)

    def accountables(self) -> list[str]:
        """The accountable partner ids as written, as a list."""
        if self.accountable is None:
            return []
        if isinstance(self.accountable, str):
            return [self.accountable]
        return list(self.accountable)


class Activity(Strict):
    id: Slug
    name: ShortText
    description: Text | None = None
    goal: Slug | None = Field(default=None, description="Goal id; needed for work `in`.")
    body: Slug = Field(description="Governance body that steers it.")
    work: Work = Field(description="`on` the partnership (how we work) or `in` it (the mission).")
    status: ActivityStatus = "active"
    start: date | None = None
    end: date | None = None
    raci: Raci

    @model_validator(mode="after")
    def _end_after_start(self) -> Activity:
        ordered(self.start, self.end, f"`end` ({self.end}) is before `start` ({self.start})")
        return self


class ActivitiesFile(Strict):
    format_version: FormatVersion
    activities: list[Activity]
