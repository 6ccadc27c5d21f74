"""Reading YAML safely: size limit, UTF-8, YAML 1.2, no duplicate keys, bounded aliases.

Values come from yaml-rs (a Rust YAML 1.2 parser): it never runs tags or
code, keeps ``NO`` a string, rejects duplicate keys and stops alias bombs.
Positions of values are computed later, only for files that have findings
(:mod:`msctool.load.positions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml_rs

from msctool.findings import Finding
from msctool.load.hazards import (
    CONTROL_HINT,
    MAYBE_ESCAPED,
    clean_text,
    control_message,
    control_values,
    has_control,
    scrub,
)

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

    def __init__(self, *findings: Finding) -> None:
        super().__init__(findings[0].message)
        self.findings = list(findings)


def read_text(path: Path, rel: str, root: Path, max_bytes: int = MAX_YAML_BYTES) -> str:
    """The text of a regular file inside ``root``; :class:`SourceError` for links
    that leave the folder, devices and pipes, I/O errors, size and encoding."""
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (RuntimeError, OSError) as exc:  # a link loop: RuntimeError before Python 3.13
        raise link_loop(rel) from exc
    if not inside:
        raise outside_link(rel)
    if not path.is_file():
        raise not_a_file(rel)
    return read_file(path, rel, max_bytes)


def read_file(path: Path, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str:
    """The text of ``path``, a regular file inside the folder (:func:`read_text` checks
    that); :class:`SourceError` for I/O errors, size and encoding."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(_unreadable(rel, f"cannot read file: {exc.strerror}", None)) from exc
    if len(data) > max_bytes:
        raise too_large(rel, max_bytes)
    return decode(data, rel)


_COPY_HINT = "copy the file into the folder instead of linking to it"


def _unreadable(rel: str, message: str, hint: str | None) -> Finding:
    return Finding("MSC001", message, rel, hint=hint, line=1, column=1)


def too_large(rel: str, max_bytes: int) -> SourceError:
    """The error for a file over ``max_bytes``."""
    return SourceError(
        _unreadable(
            rel,
            f"file is too large (more than {max_bytes:,} bytes)",
            "split the file or remove generated content; partnership files are small",
        )
    )


ENTRY_CODE = "MSC014"
"""Links and special files where msc reads or writes (see :mod:`msctool.load.entries`)."""
OUTSIDE_LINK = "file links to a place outside the partnership folder"
NOT_A_FILE = "not a regular file"


def outside_link(rel: str) -> SourceError:
    """The error for a link that leaves the partnership folder."""
    return SourceError(Finding(ENTRY_CODE, OUTSIDE_LINK, rel, hint=_COPY_HINT, line=1, column=1))


def link_loop(rel: str) -> SourceError:
    """The error for a symbolic link that leads back to itself."""
    message = "file is a symbolic link loop (it leads back to itself)"
    hint = "remove the link, or replace it with the file it should point to"
    return SourceError(Finding(ENTRY_CODE, message, rel, hint=hint, line=1, column=1))


def not_a_file(rel: str) -> SourceError:
    """The error for a folder, device, pipe or anything else that is not a plain file."""
    hint = "replace it with a plain text file"
    return SourceError(Finding(ENTRY_CODE, NOT_A_FILE, rel, hint=hint, line=1, column=1))


def decode(data: bytes, rel: str) -> str:
    """``data`` as text (UTF-8, a BOM dropped, CRLF as LF); :class:`SourceError` naming
    the line and column of the first byte that is not UTF-8."""
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
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


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
