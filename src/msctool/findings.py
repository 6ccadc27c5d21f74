"""Findings: what ``msc check`` reports, each tied to a file, a place in it and a rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

Severity = Literal["error", "warning"]
YamlPath = tuple[str | int, ...]
"""Where a value sits in a YAML document: mapping keys and list indexes."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. ``line`` and ``column`` are 1-based; 0 means "the whole file".

    Findings made by rules carry a ``path`` into the document; the reporter
    turns paths into lines and columns only for the files that have findings.
    """

    code: str
    message: str
    file: str
    hint: str | None = None
    severity: Severity = "error"
    path: YamlPath | None = None
    at_key: bool = False
    line: int = 0
    column: int = 0

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def located(self, line: int, column: int) -> Finding:
        return replace(self, line=line, column=column)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


SHOWN = 3
"""How many findings an error message quotes before it says how many more there are."""


def and_more(total: int, shown: int) -> str:
    """`` (and 4 more)`` when ``total`` things were found and ``shown`` were named."""
    return f" (and {total - shown} more)" if total > shown else ""


def first_errors(errors: Sequence[Finding], shown: int = SHOWN) -> str:
    """The first ``shown`` findings, each ``file:line:column: CODE message``, and how
    many more: what a command that refuses bad data says before ``msc check`` says all."""
    named = "; ".join(f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}" for f in errors[:shown])
    return named + and_more(len(errors), shown)
