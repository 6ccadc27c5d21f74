"""``engagement.yaml``: what the target population told us and what we changed."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from msctool.model.common import (
    MAX_PEOPLE,
    FormatVersion,
    PartnerRef,
    ShortText,
    Slug,
    Strict,
    Text,
    private,
)
from msctool.model.vocabulary import Method


class Engagement(Strict):
    id: Slug
    title: ShortText
    date: date
    method: Method
    segments: list[Slug] = Field(min_length=1, description="Segment ids of who took part.")
    participants: int = Field(ge=0, le=MAX_PEOPLE, description="How many people took part.")
    led_by: PartnerRef | None = Field(default=None, description="Partner id.")
    heard: list[Text] = Field(min_length=1, description="What people told us.")
    changed: list[Text] = Field(
        default_factory=list, description="What we changed because of it; empty earns MSC502."
    )
    notes: Text | None = private("Private facilitator notes.")


class EngagementFile(Strict):
    format_version: FormatVersion
    engagements: list[Engagement]
