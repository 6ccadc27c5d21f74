"""A partnership file read safely: a regular file inside the folder, within a size
limit, decoded as UTF-8; each refusal a finding at the file's first line.

Parsing comes after (:mod:`msctool.load.yamlsource`); positions of values only
for files that have findings (:mod:`msctool.load.positions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from msctool.findings import Finding

MAX_YAML_BYTES = 8 * 1024 * 1024
"""Larger YAML files are refused: a partnership file this big is a mistake."""


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
