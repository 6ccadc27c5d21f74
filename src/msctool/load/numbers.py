"""Numbers typed by people: the one reader for every figure msc takes from a person.

``data/*.csv``, ``msc metric import`` (CSV, and text cells of a workbook) and
``msc metric record`` all read a value through :func:`read_number`, so the same
text is accepted everywhere or nowhere, and always as the same number.

Two conventions exist: a decimal *point* with ``,`` grouping thousands
(``1,004.5``) and a decimal *comma* with ``.`` grouping thousands (``1.004,5``).
Both also group with a space, a no-break space or an apostrophe
(``1 004,5``, ``1'004.5``), always in groups of three digits.

A file is read by one rule, chosen once for the whole file:

1. the file's evident convention: the first value that only one convention reads
   (``9.1``, ``12,5``, ``12.500,5``, ``1,004.5``, ``1.000.000``) decides it, and a
   later value written the other way is refused;
2. else both conventions are open (a file that shows neither, and a value typed on
   its own: ``msc metric record``, ``--participants``), so a value that the two read
   as different numbers is refused with both readings, whatever the language:
   ``1.004`` and ``12,500`` (1004 or 1.004? 12500 or 12.5?). The language only
   spells the hint. No text is thus ever read as one number here and as another,
   1000 times larger, there.

Exponents (``1e3``), NaN, infinity, percent signs, units and other text are
refused, each with its reason; so is a value of more than :data:`MAX_DIGITS`
digits, or one with more significant digits than a figure holds exactly (15, or
the shortest form of a binary float). Numbers are :class:`~decimal.Decimal`,
exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from msctool.model.vocabulary import Language

Separator = Literal[".", ","]

MAX_DIGITS = 30
"""Digits a typed number may have: far more than any measurement, and a bound on work."""
EXCEL_DIGITS = 15
"""Significant digits a spreadsheet shows and keeps of a number cell."""

DECIMAL_OF: dict[Language, Separator] = {"nl": ",", "en": "."}
_NAMES: dict[Separator, str] = {".": "point", ",": "comma"}
_GROUP_MARKS = " \u00a0\u202f'\u2019"
_MINUS = "-\u2212"


class NumberError(ValueError):
    """Why a text is not read as a number; ``text`` is the value as the user typed it."""

    def __init__(self, text: str, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.text = text
        self.reason = reason
        self.hint = hint

    @property
    def message(self) -> str:
        """The reason and what to write instead, in one line."""
        return f"{self.reason}; {self.hint}"


@dataclass(frozen=True)
class Evidence:
    """The value that showed a file's decimal separator, and where it is."""

    separator: Separator
    text: str
    where: str


@dataclass(frozen=True)
class NumberRule:
    """How one file's values are read: its evident decimal separator, else its language."""

    language: Language = "en"
    evidence: Evidence | None = None


def language_written(partnership: object) -> Language:
    """The language a parsed ``partnership.yaml`` names, English when it names none we
    read (the file's own errors are reported where it is checked)."""
    written = partnership.get("language") if isinstance(partnership, dict) else None
    return "nl" if written == "nl" else "en"


def rule_for(values: Iterable[tuple[str, str]], language: Language) -> NumberRule:
    """The rule of a file whose value texts (each with where it is) are ``values``: the
    first value only one convention reads decides it; without one, both stay open (a
    value they read differently is refused; the language spells the hint)."""
    for text, where in values:
        if _INTEGER.fullmatch(text.strip()):
            continue  # shows no separator
        separator = _only_reading(text)
        if separator is not None:
            return NumberRule(language, Evidence(separator, text.strip(), where))
    return NumberRule(language)


def read_number(text: str, rule: NumberRule) -> Decimal:
    """The number ``text`` means under ``rule``; :class:`NumberError` says why there is none."""
    raw = text.strip()
    if _written_plainly(raw, rule):
        return Decimal(raw)  # the common case, as the full reading would read it
    sign, body = _split_sign(raw)
    _refuse_non_numbers(raw, body)
    readings = {separator: _reading(body, separator) for separator in _NAMES}
    chosen = _choose(raw, readings, rule)
    return _exact(raw, chosen.copy_negate() if sign == "-" else chosen)


def _exact(raw: str, number: Decimal) -> Decimal:
    """``number``, when msc's figures (binary floating point) hold it exactly: every
    number of up to 15 significant digits, and the shortest form of every float."""
    if len(number.as_tuple().digits) <= EXCEL_DIGITS or Decimal(repr(float(number))) == number:
        return number
    kept = _shortest(float(number))
    raise NumberError(
        raw,
        f"`{raw}` has more significant digits than msc keeps exactly ({EXCEL_DIGITS})",
        f"write {plain_text(kept)}",
    )


_INTEGER = re.compile(r"[+-]?[0-9]+")
_POINT_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
"""An integer, or a decimal with a point."""


def plain_float(raw: str, rule: NumberRule) -> float | None:
    """The figure of a stripped text written plainly, as :func:`read_number` reads it
    (its common case, without making a :class:`~decimal.Decimal`): digits, a sign, a
    decimal point when ``rule`` reads one, at most :data:`EXCEL_DIGITS` characters (so
    below :data:`~msctool.model.common.MAX_FIGURE`). None for any other text:
    :func:`read_number` reads it, or says why not."""
    if _written_plainly(raw, rule):
        return float(raw)  # the same float as float(Decimal(raw)): both round once
    return None


def _written_plainly(raw: str, rule: NumberRule) -> bool:
    if len(raw) > EXCEL_DIGITS:
        return False
    reads_point = rule.evidence is not None and rule.evidence.separator == "."
    return (_POINT_DECIMAL if reads_point else _INTEGER).fullmatch(raw) is not None


def read_single(text: str, language: Language) -> Decimal:
    """A value typed on its own (no file around it): both conventions are open to it."""
    return read_number(text, NumberRule(language))


def from_cell(number: float | int) -> Decimal:
    """A spreadsheet number cell as the user sees it: an integer exactly, a float as its
    shortest form, rounded to the :data:`EXCEL_DIGITS` digits a spreadsheet keeps
    (``0.1 + 0.2`` is ``0.3``, not ``0.30000000000000004``)."""
    exact = Decimal(number) if isinstance(number, int) else _shortest(number)
    text = plain_text(exact)
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        raise NumberError(text, f"`{text}` has more than {MAX_DIGITS} digits", _HINT)
    return exact


def plain_text(number: Decimal, separator: Separator = ".") -> str:
    """``number`` without grouping or exponent, its trailing zeros kept (``8.0``)."""
    text = format(number, "f")
    return text.replace(".", ",") if separator == "," else text


def _shortest(number: float) -> Decimal:
    if number != number or number in (float("inf"), float("-inf")):
        raise NumberError(repr(number), f"`{number}` is not a number", _HINT)
    shortest = Decimal(repr(number))
    if len(shortest.as_tuple().digits) > EXCEL_DIGITS:
        exponent = shortest.adjusted() - EXCEL_DIGITS + 1
        shortest = shortest.quantize(Decimal(1).scaleb(exponent))
    text = format(shortest, "f")
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


# -- reading one text ----------------------------------------------------------------


def _split_sign(raw: str) -> tuple[str, str]:
    if raw[:1] in _MINUS:
        return "-", raw[1:]
    if raw[:1] == "+":
        return "+", raw[1:]
    return "", raw


_EXPONENT = re.compile(r"^[0-9.,]*[0-9][eE][+-]?[0-9]+$")
_SPECIAL = {"nan", "inf", "infinity", "-nan", "+inf", "-inf", "+infinity", "-infinity"}
_HINT = "write a plain number, such as 1004 or 12.5 (no units, no %)"


def _refuse_non_numbers(raw: str, body: str) -> None:
    """The reasons a text is no number at all, before separators are weighed."""
    if not raw:
        raise NumberError(raw, "the value is empty", "write the measured value")
    if raw.lower() in _SPECIAL or body.lower() in _SPECIAL:
        raise NumberError(
            raw,
            f"`{raw}` is not a number (NaN and infinity are no measurement)",
            "write the measured value",
        )
    if _EXPONENT.match(body):
        raise NumberError(
            raw, f"`{raw}` is written with an exponent", "write the number in full, e.g. 1500"
        )
    if "%" in body:
        raise NumberError(
            raw,
            f"`{raw}` holds a percent sign",
            "write the number without it (12.5, not 12.5 %); the unit belongs in metrics.yaml",
        )
    if not body or any(c not in "0123456789.," and c not in _GROUP_MARKS for c in body):
        raise NumberError(raw, f"`{raw}` is not a number", _HINT)
    if sum(c.isdigit() for c in body) > MAX_DIGITS:
        raise NumberError(raw, f"`{raw}` has more than {MAX_DIGITS} digits", _HINT)


def _pattern(decimal: Separator) -> re.Pattern[str]:
    grouping = re.escape(("," if decimal == "." else ".") + _GROUP_MARKS)
    whole = rf"(?:[0-9]+|[1-9][0-9]{{0,2}}(?P<g>[{grouping}])[0-9]{{3}}(?:(?P=g)[0-9]{{3}})*)"
    return re.compile(rf"^(?P<whole>{whole})?(?:{re.escape(decimal)}(?P<fraction>[0-9]+))?$")


_PATTERNS = {separator: _pattern(separator) for separator in _NAMES}


def _reading(body: str, decimal: Separator) -> Decimal | None:
    """``body`` (no sign) read with ``decimal`` as the decimal separator, or None."""
    match = _PATTERNS[decimal].match(body)
    if match is None or not (match["whole"] or match["fraction"]):
        return None
    whole = "".join(c for c in match["whole"] or "0" if c.isdigit())
    return Decimal(f"{whole}.{match['fraction']}" if match["fraction"] else whole)


def _only_reading(text: str) -> Separator | None:
    """The decimal separator of ``text`` when only one convention reads it."""
    body = _split_sign(text.strip())[1]
    point, comma = _reading(body, "."), _reading(body, ",")
    if point is not None and comma is None:
        return "."
    if comma is not None and point is None:
        return ","
    return None


def _choose(raw: str, readings: dict[Separator, Decimal | None], rule: NumberRule) -> Decimal:
    found = {separator: value for separator, value in readings.items() if value is not None}
    if not found:
        raise NumberError(raw, f"`{raw}` is not a number: its separators do not fit", _HINT)
    if rule.evidence is not None:
        return _by_evidence(raw, found, rule.evidence)
    if len(set(found.values())) == 1:
        return next(iter(found.values()))
    raise _two_conventions(raw, found, DECIMAL_OF[rule.language])


def _by_evidence(raw: str, found: dict[Separator, Decimal], evidence: Evidence) -> Decimal:
    if evidence.separator in found:
        return found[evidence.separator]
    (other, value), *_ = found.items()
    return_as = _signed(raw, plain_text(value, evidence.separator))
    raise NumberError(
        raw,
        f"`{raw}` is read as {_signed(raw, plain_text(value))} only with a decimal "
        f"{_NAMES[other]}, but this file writes decimals with a {_NAMES[evidence.separator]} "
        f"(`{evidence.text}`, {evidence.where})",
        f"write {return_as}",
    )


def _two_conventions(raw: str, found: dict[Separator, Decimal], own: Separator) -> NumberError:
    """A value on its own that the two conventions read differently: its one kind of
    separator is a decimal in one reading and groups thousands in the other."""
    mark: Separator = "." if "." in raw else ","
    other: Separator = "," if mark == "." else "."
    grouped, decimal = found[other], found[mark]
    return NumberError(
        raw,
        f"`{raw}` could be {_signed(raw, plain_text(grouped))} (`{mark}` separating "
        f"thousands) or {_signed(raw, plain_text(decimal))} (`{mark}` as decimal {_NAMES[mark]})",
        f"write {_signed(raw, plain_text(grouped))} or {_signed(raw, _one_way(decimal, own))}",
    )


def _one_way(number: Decimal, separator: Separator) -> str:
    """``number`` spelt with ``separator`` so that both conventions read it alike
    (``1,0040``: four decimals group no thousands)."""
    text = plain_text(number, separator)
    for candidate in (plain_text(number.normalize(), separator), text, f"{text}0"):
        point, comma = _reading(candidate.lstrip("-"), "."), _reading(candidate.lstrip("-"), ",")
        if None in (point, comma) or point == comma:
            return candidate
    return f"{text}0"


def _signed(raw: str, text: str) -> str:
    return f"-{text}" if raw[:1] in _MINUS else text
