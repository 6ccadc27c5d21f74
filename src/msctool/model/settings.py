"""The ``checks:`` section of ``partnership.yaml``: which rules run, how hard, with what limits."""

from __future__ import annotations

from pydantic import Field

from msctool.model.common import ShortText, Strict
from msctool.model.vocabulary import Severity


class Thresholds(Strict):
    """Limits the health rules measure against. The defaults suit most backbones."""

    purpose_max_age_days: int = Field(default=365, ge=1, description="MSC101")
    scorecard_cap: int = Field(default=7, ge=1, description="MSC601")
    missed_periods: int = Field(default=2, ge=1, description="MSC603")
    engagement_max_gap_days: int = Field(default=90, ge=1, description="MSC501")
    max_accountable: int = Field(default=5, ge=1, description="MSC403")
    max_consulted_share: float = Field(default=0.5, gt=0, le=1, description="MSC404")
    retrospective_max_gap_days: int = Field(default=92, ge=1, description="MSC602")
    representative_min: int = Field(default=1, ge=0, description="MSC204")
    collect_grace_days: int = Field(default=14, ge=0, le=3660, description="MSC606")


class CheckSettings(Strict):
    select: list[str] = Field(
        default_factory=lambda: ["ALL"],
        description="Rule codes or prefixes to run (`ALL`, `MSC1`, `MSC403`).",
    )
    ignore: list[str] = Field(default_factory=list, description="Codes or prefixes to skip.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Per-code severity: `error`, `warning` or `off`."
    )
    thresholds: Thresholds = Field(default_factory=Thresholds)


class ColumnWords(Strict):
    """Other words a partner's sheet may use in its header for each column of an
    observation, besides the English and Dutch ones msc knows (``indicator``, ``peildatum``)."""

    metric: list[ShortText] = Field(default_factory=list, description="For `metric`.")
    date: list[ShortText] = Field(default_factory=list, description="For `date`.")
    value: list[ShortText] = Field(default_factory=list, description="For `value`.")
    source: list[ShortText] = Field(default_factory=list, description="For `source`.")


class CollectSettings(Strict):
    """How msc reads the figures partners send in their own sheets."""

    columns: ColumnWords = Field(
        default_factory=ColumnWords,
        description="Header words your partners use, per column: `value: [score, stand]`.",
    )
