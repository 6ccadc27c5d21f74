"""Dates, numbers, money and messages in the partnership's language (Dutch or English).

Formatting is babel's, so "27 november 2026" and "€ 12.500" come out right;
the short texts that outputs share live in :mod:`msctool.render.messages`.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar, cast

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from msctool.errors import UsageError
from msctool.model.vocabulary import Language, values
from msctool.render.messages import MESSAGES

WIDE = decimal.Context(prec=1200, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
"""Babel rounds in the current decimal context; the default's 28 digits fail on
figures above 10**28 (a sum of large amounts). 1,200 digits hold any float."""


P = ParamSpec("P")
R = TypeVar("R")


def _wide(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run in :data:`WIDE`, so that any finite figure can be shown."""

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with decimal.localcontext(WIDE):
            return function(*args, **kwargs)

    return run


def _remembered(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` (a formatting method) with its results remembered: babel takes some
    20 µs a figure, and a site writes the same amounts and days thousands of times."""
    return cast("Callable[P, R]", lru_cache(maxsize=8192)(function))


LANGUAGES: tuple[Language, ...] = values(Language)
LOCALES: dict[Language, str] = {"nl": "nl_NL", "en": "en_GB"}


def language_of(value: str) -> Language:
    """A supported language code, or a usage error that says which exist."""
    for language in LANGUAGES:
        if value == language:
            return language
    raise UsageError(
        f"`{value}` is not a supported language", hint="use nl or en", field="language"
    )


@dataclass(frozen=True)
class Formatter:
    """Everything an output needs to speak one language."""

    language: Language
    currency: str = "EUR"

    @property
    def locale(self) -> str:
        return LOCALES[self.language]

    @_remembered
    def date(self, day: dt.date) -> str:
        """27 november 2026 / 27 November 2026."""
        return format_date(day, format="d MMMM y", locale=self.locale)

    @_remembered
    def short_date(self, day: dt.date) -> str:
        """27 nov. 2026 / 27 Nov 2026."""
        return format_date(day, format="d MMM y", locale=self.locale)

    @_remembered
    def month(self, day: dt.date) -> str:
        """november 2026 / November 2026."""
        return format_date(day, format="MMMM y", locale=self.locale)

    @_remembered
    def short_month(self, day: dt.date) -> str:
        """nov 2026 / Nov 2026 (chart axes)."""
        return format_date(day, format="MMM y", locale=self.locale)

    @_remembered
    @_wide
    def number(self, value: float, decimals: int = 1) -> str:
        """9,1 / 9.1 — trailing zeros dropped for whole numbers."""
        if float(value).is_integer():
            return format_decimal(value, format="#,##0", locale=self.locale)
        pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale)

    def signed(self, value: float, decimals: int = 1) -> str:
        """+0,8 / −0.8: a change always shows its sign."""
        text = self.number(abs(value), decimals)
        return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)

    @_remembered
    @_wide
    def money(self, value: float) -> str:
        """€ 12.500 / €12,500 (whole units)."""
        pattern = "¤ #,##0" if self.language == "nl" else "¤#,##0"
        exact = decimal.Decimal(repr(float(value)))  # as written: 5e31, not 5000...2683...
        whole = exact.to_integral_value(decimal.ROUND_HALF_EVEN) + 0  # + 0: no "−0"
        return format_currency(
            whole, self.currency, format=pattern, locale=self.locale, currency_digits=False
        )

    @_remembered
    @_wide
    def cents(self, value: float) -> str:
        """€2.81 / € 2,81: money with cents."""
        pattern = "¤ #,##0.00" if self.language == "nl" else "¤#,##0.00"
        return format_currency(
            value, self.currency, format=pattern, locale=self.locale, currency_digits=False
        )

    @_remembered
    @_wide
    def percent(self, share: float, decimals: int = 0) -> str:
        """A share (0.25) as 25 % / 25%."""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        pattern += " %" if self.language == "nl" else "%"
        return format_percent(share, format=pattern, locale=self.locale)

    def quantity(self, value: float, unit: str) -> str:
        """7.3% / 7,3 % / 392 young people (one decimal at most): no space before %
        in English, a non-breaking one in Dutch, as :meth:`percent` does."""
        number = self.number(round(value, 1))
        if unit != "%":
            return f"{number} {unit}"
        return f"{number}\u00a0%" if self.language == "nl" else f"{number}%"

    def figure(self, value: float, unit: str) -> str:
        """7.3% / 392: the unit only when it is a percentage (tables name it once)."""
        return self.quantity(value, unit) if unit == "%" else self.number(round(value, 1))

    def t(self, key: str, **values: object) -> str:
        """The message ``key`` in this language, with ``values`` filled in."""
        return MESSAGES[key][self.language].format(**values)
