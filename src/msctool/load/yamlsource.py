"""Reading YAML safely: size limit, UTF-8, YAML 1.2, no duplicate keys, bounded aliases.

Values come from yaml-rs (a Rust YAML 1.2 parser): it never runs tags or
code, keeps ``NO`` a string, rejects duplicate keys and stops alias bombs.
Positions of values are computed later, only for files that have findings
(:mod:`msctool.load.positions`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml_rs

from msctool.findings import Finding
from msctool.load.files import Source, SourceError
from msctool.load.hazards import (
    CONTROL_HINT,
    MAYBE_ESCAPED,
    clean_text,
    control_message,
    control_values,
    has_control,
    scrub,
)

MAX_ALIAS_EVENTS = 200_000
"""Alias expansion budget: far above any real partnership, far below a billion laughs."""

_PARSE_ERROR = re.compile(r"line (\d+), column (\d+)")
_DUPLICATE = re.compile(r"duplicate mapping key: (.*)")


def parse(source: Source) -> Any:
    """Parse YAML 1.2 text into plain Python values, or raise :class:`SourceError`
    (also for a tag outside the core schema or a control character)."""
    data, findings = load(source)
    if findings:
        raise SourceError(*findings)
    return data


def load(source: Source) -> tuple[Any, list[Finding]]:
    """Parse YAML 1.2 text into plain Python values, with a finding for each tag
    outside the core schema and each control character (the rest still loads);
    :class:`SourceError` when the text cannot be parsed at all."""
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
    text, findings = clean_text(source.text, source.rel, source.line_offset)
    limits = yaml_rs.AliasLimits(max_total_replayed_events=MAX_ALIAS_EVENTS)
    try:
        data = yaml_rs.loads(text, alias_limits=limits)
    except yaml_rs.YAMLDecodeError as exc:
        raise SourceError(*findings, *_parse_findings(source, str(exc))) from exc
    if MAYBE_ESCAPED.search(text):
        data = _escaped_controls(Source(source.rel, text, source.line_offset), data, findings)
    return data, findings


def _escaped_controls(source: Source, data: Any, findings: list[Finding]) -> Any:
    """``data`` scrubbed of control characters written as escapes (``"\\x1b"``),
    with a finding at each value that held one."""
    if not has_control(data):
        return data
    found = list(control_values(data))
    from msctool.load.positions import PositionIndex

    index = PositionIndex(source)
    for path, char in found:
        line, column = index.locate(path)
        findings.append(
            Finding(
                "MSC017",
                control_message(char),
                source.rel,
                hint=CONTROL_HINT,
                line=line,
                column=column,
            )
        )
    return scrub(data)


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _parse_findings(source: Source, message: str) -> list[Finding]:
    duplicate = _DUPLICATE.search(message)
    if duplicate:
        return _duplicate_findings(source, duplicate.group(1).strip("'\""))
    if "alias" in message and ("limit" in message or "depth" in message):
        message = "YAML aliases expand too far (an alias bomb or a very deep anchor chain)"
        hint = "write the values out instead of repeating anchors (&name) and aliases (*name)"
        return [_syntax(source, message, hint, (1, 1))]
    match = _PARSE_ERROR.search(message)
    position = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
    reason = message.strip().splitlines()[-1].strip() if match else message.strip()
    hint = "check the indentation and the `key: value` layout around this line"
    if "tab" in reason:
        reason, hint = "a tab character is used for indentation", "indent YAML with spaces only"
        position = _first_indenting_tab(source.text) or position
    elif "Invalid tag" in reason:
        hint = "remove the `!tag`; msc files hold plain values only"
    return [_syntax(source, f"YAML syntax error: {reason}", hint, position)]


def _syntax(source: Source, message: str, hint: str, position: tuple[int, int]) -> Finding:
    line, column = position
    return Finding(
        "MSC002", message, source.rel, hint=hint, line=line + source.line_offset, column=column
    )


def _first_indenting_tab(text: str) -> tuple[int, int] | None:
    """Line and column of the first tab in a line's indentation (yaml-rs reports
    where the previous value ended)."""
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number, indent.index("\t") + 1
    return None


def _duplicate_findings(source: Source, key: str) -> list[Finding]:
    """Every repeated key of the file (yaml-rs stops at the first)."""
    from msctool.load.positions import PositionIndex

    duplicates = PositionIndex(source).duplicate_keys() or [(key, 1 + source.line_offset, 1)]
    return [
        Finding(
            "MSC003",
            f"duplicate key `{name}`: the later value would silently replace the first",
            source.rel,
            hint="keep one of the two; YAML mappings cannot repeat a key",
            line=line,
            column=column,
        )
        for name, line, column in duplicates
    ]
