"""``partners.yaml``: the organisations, what each gives and what each gets."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from msctool.model.common import (
    FormatVersion,
    NonNegative,
    ShortText,
    Slug,
    Strict,
    Text,
    ordered,
    private,
)
from msctool.model.vocabulary import GiftKind, Per, Sector


class Representative(Strict):
    name: ShortText
    role: ShortText | None = None
    body_seats: list[Slug] = Field(
        default_factory=list, description="Bodies this person sits in for the partner."
    )
    email: str | None = private("Private: never in public outputs.")
    phone: str | None = private("Private: never in public outputs.")


class Gift(Strict):
    kind: GiftKind
    description: ShortText
    amount: NonNegative | None = Field(
        default=None,
        description="Money (in-kind at its money value) in the partnership's currency, or hours.",
    )
    per: Per = "year"


class Benefit(Strict):
    description: ShortText


class Partner(Strict):
    id: Slug
    name: ShortText
    sector: Sector
    joined: date
    left: date | None = None
    website: str | None = None
    representatives: list[Representative] = Field(default_factory=list)
    gives: list[Gift] = Field(default_factory=list, description="Time, talent and treasure.")
    gets: list[Benefit] = Field(default_factory=list, description="What the partner gets back.")
    notes: Text | None = private("Private notes of the backbone about this partner.")

    @model_validator(mode="after")
    def _left_after_joined(self) -> Partner:
        ordered(self.joined, self.left, f"`left` ({self.left}) is before `joined` ({self.joined})")
        return self


class PartnersFile(Strict):
    format_version: FormatVersion
    partners: list[Partner]
