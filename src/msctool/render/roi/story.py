"""The ROI story: the SROI of a partnership told in numbers and in short vignettes.

:func:`~msctool.render.roi.calculation.calculation` checks that there is something to
calculate and runs :mod:`msctool.render.roi.sroi`; :func:`build_story` turns the result
into the words a reader sees, in the output's language: a headline, a vignette (≤ 120
words, one slide) for the whole partnership and one per partner that gave inputs
(:mod:`.vignettes`), and the tables behind them (:mod:`.tables`). :func:`render_roi`
fills the Markdown or HTML template, or gives the numbers as JSON (:mod:`.jsondata`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from msctool.fs.names import portable_name
from msctool.model.vocabulary import RoiFormat as Format
from msctool.model.vocabulary import values
from msctool.render.i18n import Formatter
from msctool.render.roi.calculation import Calculation, calculation, check_partner
from msctool.render.roi.jsondata import roi_json
from msctool.render.roi.sroi import Result
from msctool.render.roi.tables import (
    OutcomeRow,
    PartnerRow,
    SensitivityRow,
    notes,
    numbers,
    outcome_rows,
    partner_rows,
    sensitivity_rows,
)
from msctool.render.roi.teller import Teller
from msctool.render.roi.vignettes import MAX_WORDS, Vignette, partner_vignette, partnership_vignette
from msctool.render.setup import Setup

FORMATS: tuple[Format, ...] = values(Format)


@dataclass(frozen=True)
class RoiStory:
    """Everything the ROI templates show, already in words."""

    result: Result
    period: str
    headline: str
    vignettes: tuple[Vignette, ...]
    numbers: tuple[tuple[str, str], ...]
    outcomes: tuple[OutcomeRow, ...]
    total_impact: str
    total_present: str
    partners: tuple[PartnerRow, ...]
    sensitivity: tuple[SensitivityRow, ...]
    sensitivity_intro: tuple[str, ...]
    notes: tuple[str, ...]
    partner: str | None
    """The partner asked for (``partner``): only its vignette is shown, with the headline."""


def build_story(calc: Calculation, fmt: Formatter, partner: str | None = None) -> RoiStory:
    """The story in ``fmt``'s language; with ``partner``, only that partner's vignette."""
    teller = Teller(fmt, calc)
    result = calc.result
    vignettes = [partnership_vignette(teller)] if partner is None else []
    vignettes += [partner_vignette(teller, s) for s in calc.givers if partner in (None, s.partner)]
    return RoiStory(
        result=result,
        period=teller.period(),
        headline=_headline(teller),
        vignettes=tuple(vignettes),
        numbers=numbers(teller),
        outcomes=outcome_rows(teller),
        total_impact=teller.money(result.annual_impact),
        total_present=teller.money(result.present_value),
        partners=partner_rows(teller),
        sensitivity=sensitivity_rows(teller),
        sensitivity_intro=_sensitivity_intro(teller),
        notes=notes(teller),
        partner=partner,
    )


def _headline(teller: Teller) -> str:
    result = teller.calc.result
    if result.ratio is None:
        return teller.fmt.t(
            "roi_headline_no_inputs", short=teller.short, value=teller.money(result.present_value)
        )
    return teller.fmt.t(
        "roi_headline",
        ratio=teller.ratio(result.ratio),
        unit=teller.unit,
        short=teller.short,
        per_unit=teller.cents(result.ratio),
    )


def _sensitivity_intro(teller: Teller) -> tuple[str, ...]:
    t, ratio = teller.fmt.t, teller.calc.result.ratio
    if ratio is None:
        return (t("roi_sensitivity_none"),)
    intro = t("roi_sensitivity_intro", unit=teller.unit)
    return (intro, t("roi_sensitivity_safer")) if ratio > 1 else (intro,)


# --------------------------------------------------------------------------- outputs


def render_roi(setup: Setup, output_format: Format, partner: str | None = None) -> str:
    """The ROI story of ``setup``'s partnership as Markdown or HTML, or its numbers as JSON."""
    calc = calculation(setup.partnership)
    if partner is not None:
        check_partner(calc, partner)
    if output_format == "json":
        return roi_json(calc, setup.as_of, partner)
    story = build_story(calc, setup.fmt, partner)
    return setup.render(f"roi.{output_format}.j2", story=story, max_words=MAX_WORDS)


def default_path(setup: Setup, output_format: Format, partner: str | None = None) -> Path:
    """roi/roi-YYYY-MM-DD[-PARTNER].<ext> in the partnership, dated by the as-of day."""
    suffix = f"-{partner}" if partner else ""
    name = portable_name(f"roi-{setup.as_of.isoformat()}{suffix}.{output_format}")
    return setup.partnership.root / "roi" / name
