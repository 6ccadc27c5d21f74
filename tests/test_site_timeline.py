"""The decisions timeline made from the records on disk (outside git)."""

from __future__ import annotations

from typing import Any

from msctool.load.loader import load_partnership
from msctool.site.decisions import timeline


def _record(number: int, day: str, supersedes: list[int]) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": number,
        "title": f"Decision {number}",
        "date": day,
        "status": "accepted",
        "body": "steering",
        "supersedes": supersedes,
    }


def test_each_record_knows_every_record_that_supersedes_it(make_partnership: Any) -> None:
    def records(files: dict[str, Any]) -> None:
        files["decisions/0002-second.md"] = _record(2, "2026-02-01", [1])
        files["decisions/0003-third.md"] = _record(3, "2026-03-01", [1, 2])

    partnership = load_partnership(make_partnership(records)).partnership
    assert partnership is not None
    found = timeline(partnership)
    assert not found.from_history
    assert [(e.number, e.supersedes, e.superseded_by) for e in found.entries] == [
        (3, (1, 2), ()),
        (2, (1,), (3,)),
        (1, (), (2, 3)),
    ]
