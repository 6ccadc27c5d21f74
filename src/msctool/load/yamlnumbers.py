"""Numbers typed into the YAML files, read by the same rule as every typed number.

YAML writes decimals with a point, but a person used to a decimal comma who types
``amount: 12.500`` or ``participants: 1.004`` means twelve thousand five hundred and
a thousand and four, not 12.5 and 1.004, in a partnership of any language (``msc
metric record`` refuses the same text). A plain YAML number whose point is followed
by exactly three digits is read by :func:`msctool.load.numbers.read_single`; where
that finds two readings, the number is an ``MSC006`` finding with both, at its own
line and column.

Only files whose text holds such a number are composed (with libyaml, for
positions), so a clean check pays one regular-expression scan per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from msctool.findings import Finding
from msctool.load.files import Source
from msctool.load.numbers import NumberError, read_single
from msctool.model.vocabulary import Language

_CANDIDATE = re.compile(r"(?<![\w.])[+-]?[1-9][0-9]{0,2}\.[0-9]{3}(?![\w.])")
_THREE_DECIMALS = re.compile(r"\.[0-9]{3}")
"""Part of every candidate: a search for it tries only the text's points, forty times
faster on a large file than a search for the candidate, which tries every character."""


def ambiguous_numbers(source: Source, language: Language) -> list[Finding]:
    """A finding for every plain number in ``source`` that reads two ways in ``language``."""
    if not _THREE_DECIMALS.search(source.text) or not _CANDIDATE.search(source.text):
        return []
    from msctool.load.positions import PositionIndex

    root = PositionIndex(source).root
    return [_finding(source, node, language) for node in _suspects(root, language)]


def _suspects(node: Any, language: Language) -> Iterator[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _suspects(value, language)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _suspects(item, language)
    elif (
        isinstance(node, yaml.ScalarNode) and _plain(node) and _reads_two_ways(node.value, language)
    ):
        yield node


def _plain(node: Any) -> bool:
    """An unquoted scalar (libyaml says ``''``, pure-Python PyYAML ``None``)."""
    return not node.style


def _reads_two_ways(text: str, language: Language) -> bool:
    if not _CANDIDATE.fullmatch(text):
        return False
    try:
        read_single(text, language)
    except NumberError:
        return True
    return False


def _finding(source: Source, node: Any, language: Language) -> Finding:
    text = node.value
    whole = text.replace(".", "")
    return Finding(
        "MSC006",
        f"`{text}` could be {whole} (`.` separating thousands) or {text} (a decimal point)",
        source.rel,
        hint=f"write {whole}, or {_decimal_spelling(text, language)} for the decimal",
        line=node.start_mark.line + 1 + source.line_offset,
        column=node.start_mark.column + 1,
    )


def _decimal_spelling(text: str, language: Language) -> str:
    """The decimal reading as a YAML number that reads one way (``12.5``, ``1.0040``)."""
    shortest = format(Decimal(text).normalize(), "f")
    for candidate in (shortest, f"{text}0"):
        if not _reads_two_ways(candidate, language):
            return candidate
    return f"{text}0"
