"""MSC014: links and special files where msc reads or writes.

msc reads and writes regular files in a known set of places; it never writes
through a symbolic link there (:mod:`msctool.fs.confine`) and never reads one that
leaves the folder. ``msc check`` reports every such entry up front, so a
partner's pull request that adds one fails the check instead of a later
command: symbolic links (wherever they point), named pipes, devices, sockets,
and folders named like files (``data/figures.csv/``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from msctool.findings import Finding
from msctool.load.files import ENTRY_CODE as CODE
from msctool.load.files import NOT_A_FILE, OUTSIDE_LINK
from msctool.load.root import TOP_FILES

FOLDERS = ("data", "decisions", "retros", "newsletters", "roi", "scorecards", "templates", ".msc")
"""Folders msc reads from or writes into: every entry in them is looked at, down to
the bottom (``templates/`` and ``.msc/`` have subfolders)."""

OUTPUT_FOLDERS = ("_site",)
"""Folders msc replaces as a whole: only the folder itself must not be a link."""

MAX_DEPTH = 8

_LINK_HINT = "replace the link with the file or folder itself (a copy, committed as such)"
_SPECIAL_HINT = "replace it with a plain file, or move it out of the partnership folder"


def entry_findings(root: Path) -> list[Finding]:
    """One finding per link or special file in the places msc reads or writes."""
    findings: list[Finding] = []
    for rel in (*TOP_FILES, *OUTPUT_FOLDERS):
        findings.extend(_judged(root, rel, folder_ok=rel in OUTPUT_FOLDERS))
    for folder in FOLDERS:
        findings.extend(_judged(root, folder, folder_ok=True))
        if _is_real_folder(root / folder):
            findings.extend(_inside(root, folder, 1))
    return findings


def _inside(root: Path, folder: str, depth: int) -> Iterator[Finding]:
    try:
        names = sorted(os.listdir(root / folder))  # noqa: PTH208 (names only)
    except OSError:
        return
    for name in names:
        rel = f"{folder}/{name}"
        yield from _judged(root, rel, folder_ok=not Path(name).suffix)
        if depth < MAX_DEPTH and _is_real_folder(root / rel):
            yield from _inside(root, rel, depth + 1)


def _judged(root: Path, rel: str, *, folder_ok: bool) -> Iterator[Finding]:
    try:
        mode = os.lstat(root / rel).st_mode
    except OSError:
        return
    if stat.S_ISLNK(mode):
        yield _link(root, rel)
    elif stat.S_ISDIR(mode) and not folder_ok:
        yield Finding(CODE, f"{NOT_A_FILE}: a folder named like a file", rel, _SPECIAL_HINT)
    elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        yield Finding(CODE, f"{NOT_A_FILE}: {_special(mode)}", rel, _SPECIAL_HINT)


def _link(root: Path, rel: str) -> Finding:
    path = root / rel
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        message = OUTSIDE_LINK if not path.is_dir() else OUTSIDE_LINK.replace("file", "folder")
        return Finding(CODE, message, rel, _LINK_HINT)
    return Finding(
        CODE,
        f"a symbolic link (to {path.readlink()}); msc never writes through a link",
        rel,
        _LINK_HINT,
    )


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _is_real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def without_repeats(findings: list[Finding], more: list[Finding]) -> list[Finding]:
    """``more`` without its MSC014 findings about files ``findings`` already reports
    under MSC014 (the loader, and the site, report a link or special file they were
    asked to read)."""
    seen = {f.file for f in findings if f.code == CODE}
    return [f for f in more if f.code != CODE or f.file not in seen]
