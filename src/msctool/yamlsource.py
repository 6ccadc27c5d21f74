"""Reading YAML safely: size limit, UTF-8, YAML 1.2, no duplicate keys, bounded aliases.

Values come from yaml-rs (a Rust YAML 1.2 parser): it never runs tags or
code, keeps ``NO`` a string, rejects duplicate keys and stops alias bombs.
Positions of values are computed later, only for files that have findings
(:mod:`msctool.positions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml_rs

from msctool.findings import Finding

MAX_YAML_BYTES = 8 * 1024 * 1024
"""Larger YAML files are refused: a partnership file this big is a mistake."""

MAX_ALIAS_EVENTS = 200_000
"""Alias expansion budget: far above any real partnership, far below a billion laughs."""

_PARSE_ERROR = re.compile(r"line (\d+), column (\d+)")
_DUPLICATE = re.compile(r"duplicate mapping key: (.*)")


@dataclass(frozen=True, slots=True)
class Source:
    """The text of one file (or of a decision's front matter) and where it sits."""

    rel: str
    text: str
    line_offset: int = 0


class SourceError(Exception):
    """A file that cannot be read or parsed; carries the finding to report."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def read_text(path: Path, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str:
    """The file's text, or :class:`SourceError` for I/O, size and encoding problems."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                Finding(
                    "MSC001",
                    f"file is too large ({size:,} bytes; the limit is {max_bytes:,})",
                    rel,
                    hint="split the file or remove generated content; partnership files are small",
                    line=1,
                    column=1,
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            Finding("MSC001", f"cannot read file: {exc.strerror}", rel, line=1, column=1)
        ) from exc
    return decode(data, rel)


def decode(data: bytes, rel: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            Finding(
                "MSC001",
                f"file is not UTF-8: byte 0x{data[exc.start]:02X} cannot be decoded",
                rel,
                hint="save the file as UTF-8 (spreadsheets: 'CSV UTF-8'; editors: 'Save with encoding')",
                line=line,
                column=column,
            )
        ) from exc
    return text.removeprefix("\ufeff")


def parse(source: Source) -> Any:
    """Parse YAML 1.2 text into plain Python values, or raise :class:`SourceError`."""
    if not source.text.strip() or _only_comments(source.text):
        raise SourceError(
            Finding(
                "MSC001",
                "file is empty",
                source.rel,
                hint="start with `format_version: 1`, or delete the file if it is not needed",
                line=1 + source.line_offset,
                column=1,
            )
        )
    limits = yaml_rs.AliasLimits(max_total_replayed_events=MAX_ALIAS_EVENTS)
    try:
        return yaml_rs.loads(source.text, alias_limits=limits)
    except yaml_rs.YAMLDecodeError as exc:
        raise SourceError(_parse_finding(source, str(exc))) from exc


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _parse_finding(source: Source, message: str) -> Finding:
    duplicate = _DUPLICATE.search(message)
    if duplicate:
        return _duplicate_finding(source, duplicate.group(1).strip("'\""))
    if "alias" in message and ("limit" in message or "depth" in message):
        return Finding(
            "MSC002",
            "YAML aliases expand too far (an alias bomb or a very deep anchor chain)",
            source.rel,
            hint="write the values out instead of repeating anchors (&name) and aliases (*name)",
            line=1 + source.line_offset,
            column=1,
        )
    match = _PARSE_ERROR.search(message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
    reason = message.strip().splitlines()[-1].strip() if match else message.strip()
    hint = "check the indentation and the `key: value` layout around this line"
    if "tab" in reason:
        reason, hint = "a tab character is used for indentation", "indent YAML with spaces only"
    elif "Invalid tag" in reason:
        hint = "remove the `!tag`; msc files hold plain values only"
    return Finding(
        "MSC002",
        f"YAML syntax error: {reason}",
        source.rel,
        hint=hint,
        line=line + source.line_offset,
        column=column,
    )


def _duplicate_finding(source: Source, key: str) -> Finding:
    from msctool.positions import PositionIndex

    duplicates = PositionIndex(source).duplicate_keys()
    line, column = next(
        ((ln, col) for name, ln, col in duplicates if name == key),
        duplicates[0][1:] if duplicates else (1 + source.line_offset, 1),
    )
    return Finding(
        "MSC003",
        f"duplicate key `{key}`: the later value would silently replace the first",
        source.rel,
        hint="keep one of the two; YAML mappings cannot repeat a key",
        line=line,
        column=column,
    )
