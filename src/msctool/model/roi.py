"""``roi.yaml``: inputs and outcomes of the social return on investment (SROI)."""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from msctool.model.common import (
    FormatVersion,
    Fraction,
    NonNegative,
    PartnerRef,
    ShortText,
    Slug,
    Strict,
    Text,
    ordered,
)
from msctool.model.vocabulary import Currency, InputKind


class Period(Strict):
    start: date
    end: date

    @model_validator(mode="after")
    def _end_after_start(self) -> Period:
        ordered(self.start, self.end, f"`end` ({self.end}) is before `start` ({self.start})")
        return self


class Input(Strict):
    partner: PartnerRef
    kind: InputKind
    amount: NonNegative = Field(description="Money in the ROI currency, or hours for `hours`.")
    description: ShortText | None = None
    outcomes: list[Slug] = Field(
        default_factory=list,
        description="Ids of the outcomes this input contributed to; empty: the outcomes "
        "whose metric the partner owns or whose goal it works on (activities).",
    )


class Proxy(Strict):
    value: NonNegative = Field(description="Money (ROI currency) per unit of outcome per year.")
    source: Text = Field(description="Where the value comes from.")


class Outcome(Strict):
    id: Slug
    name: ShortText
    description: Text | None = None
    metric: Slug | None = Field(default=None, description="Metric that evidences the outcome.")
    segment: Slug | None = Field(default=None, description="Who benefits (a segment id).")
    quantity: NonNegative = Field(description="How many units (people, homes...) changed.")
    unit: ShortText
    financial_proxy: Proxy
    deadweight: Fraction = Field(description="Share that would have happened anyway.")
    attribution: Fraction = Field(description="Share owed to others than the partnership.")
    displacement: Fraction = Field(default=0, description="Share that moved a problem elsewhere.")
    drop_off: Fraction = Field(default=0, description="Yearly decline after the first year.")
    duration: int = Field(ge=1, le=50, description="Years the outcome lasts.")
    discount_rate: Fraction | None = Field(
        default=None, description="Overrides the file's discount rate."
    )


class RoiFile(Strict):
    format_version: FormatVersion
    currency: Currency = "EUR"
    period: Period
    hourly_rate: NonNegative = Field(description="Value of one volunteered hour.")
    discount_rate: Fraction = Field(default=0.035, description="Yearly rate for present value.")
    inputs: list[Input] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
