"""The partnership's logo, read without following a link: one question (can it be
used?) that ``msc check`` and every render ask, and its bytes for embedding."""

from __future__ import annotations

import mimetypes
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from msctool.fs.confine import FILE, FOLDER, LINK, absolute, entry_kind, shown
from msctool.load.files import ENTRY_CODE

LOGO_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_LOGO_BYTES = 512 * 1024


@dataclass(frozen=True)
class LogoProblem:
    """Why the logo cannot be used: the rule that says so (MSC009 outside the
    folder, MSC014 a link or special file, MSC303 missing or unusable) and how."""

    code: str
    message: str


def logo_problem(root: Path, logo: str) -> LogoProblem | None:
    """What is wrong with the logo at ``logo`` inside ``root``, links not followed;
    None when it can be used. ``msc check`` and every render ask this one question."""
    path = absolute(root / logo)
    if not path.is_relative_to(absolute(root)):
        return LogoProblem("MSC009", f"logo `{logo}` is outside the partnership folder")
    problem = _entry_problem(root, logo, path)
    if problem is not None:
        return problem
    if logo_type(logo) not in LOGO_TYPES.values():
        return LogoProblem("MSC303", f"logo `{logo}` is not an SVG, PNG or JPEG image")
    if path.lstat().st_size > MAX_LOGO_BYTES:
        return LogoProblem("MSC303", f"logo `{logo}` is larger than 512 KiB")
    return None


def _entry_problem(root: Path, logo: str, path: Path) -> LogoProblem | None:
    """The first folder or file on the way to the logo that is not what it should be."""
    current = absolute(root)
    for part in path.relative_to(current).parts:
        current = current / part
        kind = entry_kind(current)
        last = current == path
        if kind is None or (not last and kind == FILE):
            return LogoProblem("MSC303", f"logo `{logo}` does not exist")
        if kind == LINK:
            where = "" if last else f" (`{shown(current, root)}`)"
            target = current.readlink()
            return LogoProblem(ENTRY_CODE, f"logo `{logo}`{where} is a symbolic link (to {target})")
        if last and kind == FOLDER:
            return LogoProblem("MSC303", f"logo `{logo}` is a folder, not a file")
        if kind not in (FILE, FOLDER):
            return LogoProblem(ENTRY_CODE, f"logo `{logo}` is {kind}, not a regular file")
    return None


def read_logo(root: Path, logo: str) -> bytes | None:
    """The logo's bytes, opened without following a link and without waiting on a
    pipe; None if it is no longer a regular file of at most 512 KiB."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(root / logo, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        data = file.read(MAX_LOGO_BYTES + 1)
    return data if len(data) <= MAX_LOGO_BYTES else None


def logo_type(logo: str) -> str | None:
    name = Path(logo).name
    return LOGO_TYPES.get(Path(name).suffix.lower()) or mimetypes.guess_type(name)[0]
