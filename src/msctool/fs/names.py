"""File names that work on every system a partnership folder is cloned to.

A partner on Windows cannot check out a folder that holds ``con.csv`` or
``aux.md``, a name ending in a dot or a space, or a name with a control
character or one of ``<>:"/\\|?*``. Every name msc makes a file from (a metric
id, a decision title, a retrospective's day and kind, a newsletter's month)
goes through :func:`portable_name`; :func:`is_portable` is the test that the
write guard (:mod:`msctool.fs.confine`) applies to every file msc writes by itself.
"""

from __future__ import annotations

import re

RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$", "clock$"]
    + [f"com{n}" for n in "123456789¹²³"]
    + [f"lpt{n}" for n in "123456789¹²³"]
)
"""Device names Windows reserves, whatever the extension and case (``NUL.txt`` too)."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*\u2028\u2029]')


def is_portable(name: str) -> bool:
    """Whether ``name`` (one path component) can be created on Windows, macOS and Linux."""
    return (
        bool(name)
        and name not in (".", "..")
        and not _UNSAFE.search(name)
        and not name.endswith((".", " "))
        and _stem(name) not in RESERVED
    )


def portable_name(name: str) -> str:
    """``name`` made portable: unsafe characters become ``-``, trailing dots and spaces
    go, and a reserved device name gets ``_`` after its stem (``con.csv`` → ``con_.csv``)."""
    cleaned = _UNSAFE.sub("-", name).rstrip(". ") or "_"
    stem = _stem(cleaned)
    if stem in RESERVED:
        cleaned = cleaned[: len(stem)] + "_" + cleaned[len(stem) :]
    return cleaned


def _stem(name: str) -> str:
    """What Windows compares with its device names: the part before the first dot,
    without trailing spaces, in lower case."""
    return name.split(".", 1)[0].rstrip(" ").lower()
