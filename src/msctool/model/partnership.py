"""``partnership.yaml``: identity, purpose, goals, target population, bodies, cadence."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from msctool.model.common import (
    MAX_PEOPLE,
    Colour,
    FormatVersion,
    PartnerRef,
    ShortText,
    Slug,
    Strict,
    Text,
)
from msctool.model.settings import CheckSettings, CollectSettings
from msctool.model.vocabulary import BodyKind, DecisionRule, Language
from msctool.model.vocabulary import Cadence as Cadence  # render.newsletter imports it from here


class Colours(Strict):
    primary: Colour = Field(description="Main colour: headings, charts, links.")
    secondary: Colour | None = Field(default=None, description="Second colour: backgrounds.")
    accent: Colour | None = Field(default=None, description="Highlights and call-outs.")


class Purpose(Strict):
    statement: Text = Field(description="Why the partnership exists, in one or two sentences.")
    reaffirmed: date = Field(description="When the partners last reaffirmed the statement.")
    reaffirmed_by: Slug | None = Field(
        default=None, description="The governance body that reaffirmed it."
    )


class Goal(Strict):
    id: Slug
    title: ShortText
    description: Text | None = None


class Segment(Strict):
    id: Slug
    name: ShortText
    description: Text | None = None
    size: int | None = Field(
        default=None, ge=0, le=MAX_PEOPLE, description="About how many people."
    )


class TargetPopulation(Strict):
    description: Text = Field(description="Who the partnership exists for.")
    segments: list[Segment] = Field(
        default_factory=list, description="Groups within the population that engagements name."
    )


class Body(Strict):
    id: Slug
    name: ShortText
    kind: BodyKind
    decision_rule: DecisionRule | None = Field(
        default=None,
        description="How this body decides. Leaving it empty earns a health warning.",
    )
    lead: PartnerRef | None = Field(
        default=None, description="Partner who leads; required for `lead-decides`."
    )
    members: list[PartnerRef] = Field(default_factory=list, description="Partner ids.")
    meets: Cadence | None = None
    mandate: Text | None = Field(default=None, description="What this body decides about.")


class CadenceSettings(Strict):
    newsletter: Cadence = "monthly"
    retrospective: Cadence = "quarterly"


class PartnershipFile(Strict):
    """The root file: the first thing a newcomer reads."""

    format_version: FormatVersion
    name: ShortText = Field(description="Full name of the partnership.")
    short_name: ShortText = Field(description="Short name or acronym used in subject lines.")
    tagline: ShortText | None = Field(default=None, description="One line that says what you do.")
    language: Language = Field(default="en", description="Language of every output.")
    logo: ShortText | None = Field(
        default=None, description="Path of the logo inside the folder, e.g. `assets/logo.svg`."
    )
    colours: Colours | None = None
    values: list[ShortText] = Field(default_factory=list)
    purpose: Purpose
    goals: list[Goal] = Field(min_length=1)
    target_population: TargetPopulation
    bodies: list[Body] = Field(default_factory=list)
    cadence: CadenceSettings = Field(default_factory=CadenceSettings)
    checks: CheckSettings = Field(default_factory=CheckSettings)
    collect: CollectSettings = Field(
        default_factory=CollectSettings,
        description="How partners' own sheets are read (`msc metric import`).",
    )
