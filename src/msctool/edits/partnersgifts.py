"""What a partner gives and gets, as people type it: ``hours 320/year: Two coaches``."""

from __future__ import annotations

import re
from typing import Any

from msctool.edits.common import whole_number
from msctool.errors import UsageError
from msctool.load.numbers import NumberError, read_single
from msctool.model.vocabulary import GiftKind, Language, Per, values
from msctool.suggest import did_you_mean

GIFT_KINDS: tuple[GiftKind, ...] = values(GiftKind)
PERIODS: tuple[Per, ...] = values(Per)
GIFT_HINT = (
    f"write KIND [AMOUNT[/PER]]: DESCRIPTION; KIND is one of {', '.join(GIFT_KINDS)}, "
    f"PER one of {', '.join(PERIODS)} (default year), e.g. `hours 320/year: Two coaches`"
)
_HEAD = re.compile(r"^\s*(?P<kind>[^\s:]+)(?:\s+(?P<amount>[^/\s]+)\s*(?:/\s*(?P<per>\S+))?)?\s*$")


def gift(text: str, language: Language, field: str = "gives") -> dict[str, Any]:
    """A gift entry of ``KIND [AMOUNT[/PER]]: DESCRIPTION``; the amount is read in the
    partnership's ``language`` (``1.500`` is fifteen hundred in Dutch)."""
    head, sep, description = text.partition(":")
    match = _HEAD.match(head)
    if not sep or not description.strip() or match is None:
        raise UsageError(
            f"`{text}` is not KIND [AMOUNT[/PER]]: DESCRIPTION", hint=GIFT_HINT, field=field
        )
    kind = match["kind"].lower()
    if kind not in GIFT_KINDS:
        hint = did_you_mean(kind, GIFT_KINDS) or GIFT_HINT
        raise UsageError(f"`{kind}` is not a kind of gift", hint=hint, field=field)
    entry: dict[str, Any] = {"kind": kind, "description": description.strip()}
    if match["amount"] is not None:
        entry["amount"] = amount(match["amount"], language, field)
        entry["per"] = period(match["per"] or "year", field)
    return entry


def amount(text: str, language: Language, field: str) -> int | float:
    """A money amount or a number of hours, 0 or more: a whole number stays whole."""
    try:
        number = read_single(text, language)
    except NumberError as exc:
        raise UsageError(exc.reason, hint=exc.hint, field=field) from None
    if number < 0:
        raise UsageError(f"`{text}` is less than 0", field=field)
    if number == number.to_integral_value():
        return whole_number(text, language, field)
    return float(number)


def period(text: str, field: str) -> Per:
    found = next((p for p in PERIODS if p == text.strip().lower()), None)
    if found is None:
        hint = did_you_mean(text, PERIODS) or f"PER is one of {', '.join(PERIODS)}"
        raise UsageError(f"`{text}` is not a period", hint=hint, field=field)
    return found
