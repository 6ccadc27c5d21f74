"""Partners renamed between two points of history, from the commits' ``Renamed:`` trailers.

``msc partner rename OLD NEW --commit`` writes ``Renamed: OLD -> NEW`` below its
message. Comparing two partnerships (:mod:`msctool.history.compare`) with these
pairs tells a rename as a rename, not as one partner leaving and another joining.
A rename by hand, without the trailer, is recognised by
:func:`msctool.history.compare.compare` only when the two entries are plainly one partner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msctool.history.git import run_git
from msctool.history.tree import Repository

TRAILER = "Renamed"
"""The trailer key, as :mod:`msctool.edits.partnersrename` writes it."""
_PAIR = re.compile(r"^\s*([a-z0-9][a-z0-9-]*)\s*->\s*([a-z0-9][a-z0-9-]*)\s*$")
_COMMIT = "\x1e"


def renames_between(repo: Repository, since: str | None, until: str) -> dict[str, str]:
    """Old id → id at ``until``, for every partner renamed by a commit after ``since``
    (None: from the first commit) up to ``until``, that touches the partnership folder."""
    span = f"{since}..{until}" if since else until
    out = run_git(
        repo.top,
        "log",
        "--reverse",
        f"--format={_COMMIT}%(trailers:key={TRAILER},valueonly,separator=%x1f)",
        span,
        "--",
        repo.pathspec,
    )
    values = (value for commit in out.split(_COMMIT) for value in commit.strip().split("\x1f"))
    return chained(_pairs(values))


def _pairs(values: Iterable[str]) -> list[tuple[str, str]]:
    return [(match[1], match[2]) for value in values if (match := _PAIR.match(value.strip()))]


def chained(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Renames in the order they were made, as old id → last id (``a -> b`` then
    ``b -> c``: both ``a`` and ``b`` are now ``c``; a rename back to the first id is none)."""
    found: dict[str, str] = {}
    for old, new in pairs:
        for first, last in found.items():
            if last == old:
                found[first] = new
        found.setdefault(old, new)
    return {old: new for old, new in found.items() if old != new}
