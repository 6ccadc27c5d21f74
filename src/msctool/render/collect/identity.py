"""The hidden, tamper-evident identity of a request workbook.

Each request workbook carries a very hidden sheet (``msc``: not listed by
"Unhide" in a spreadsheet program) holding the partnership, the owner, the
request day and every row's key (metric id and period day), plus a SHA-256
hash over those values. The hash is not a signature (no secret: anybody may
recompute it); it makes an edit evident. An import reads the identity back with
:func:`read_identity`: a workbook whose identity was changed by hand, or whose
identity sheet was removed, is refused, and its rows map back by their keys,
whatever order the partner sorted them in.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.workbook.workbook import Workbook

from msctool.errors import UserError
from msctool.render.collect.cells import append_row

SHEET = "msc"
KIND = "msc-request"
FORMAT = 1


@dataclass(frozen=True)
class RequestIdentity:
    """Who was asked for what, and when."""

    partnership: str
    owner: str
    day: date
    rows: tuple[tuple[str, date], ...]
    """Every row's metric id and period day, in the order written."""

    def digest(self) -> str:
        data = {
            "kind": KIND,
            "format": FORMAT,
            "partnership": self.partnership,
            "owner": self.owner,
            "day": self.day.isoformat(),
            "rows": [[metric, day.isoformat()] for metric, day in self.rows],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_identity(workbook: Workbook, identity: RequestIdentity) -> None:
    """Add the very hidden identity sheet to ``workbook``."""
    sheet = workbook.create_sheet(SHEET)
    append_row(sheet, ["kind", KIND])
    append_row(sheet, ["format", FORMAT])
    append_row(sheet, ["partnership", identity.partnership])
    append_row(sheet, ["owner", identity.owner])
    append_row(sheet, ["day", identity.day.isoformat()])
    append_row(sheet, ["sha256", identity.digest()])
    append_row(sheet, ["rows", len(identity.rows)])
    for metric, day in identity.rows:
        append_row(sheet, [metric, day.isoformat()])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def read_identity(workbook: Workbook) -> RequestIdentity:
    """The identity of a request workbook; a :class:`UserError` when it has none or
    when it was edited (its values no longer give its hash)."""
    if SHEET not in workbook.sheetnames:
        raise UserError("the workbook is not an msc request (it has no identity sheet)")
    cells = [list(row) for row in workbook[SHEET].iter_rows(values_only=True)]
    head = {str(row[0]): row[1] for row in cells[:7] if len(row) >= 2}
    if head.get("kind") != KIND or head.get("format") != FORMAT:
        raise UserError("the workbook is not an msc request of a format this msc reads")
    try:
        identity = RequestIdentity(
            partnership=str(head["partnership"]),
            owner=str(head["owner"]),
            day=date.fromisoformat(str(head["day"])),
            rows=tuple(_row(row) for row in cells[7 : 7 + int(str(head["rows"]))]),
        )
    except (KeyError, ValueError, TypeError):
        raise _edited() from None
    if identity.digest() != head.get("sha256") or len(identity.rows) != int(str(head["rows"])):
        raise _edited()
    return identity


def _row(row: list[Any]) -> tuple[str, date]:
    return str(row[0]), date.fromisoformat(str(row[1]))


def _edited() -> UserError:
    return UserError(
        "the request workbook's identity was changed: its rows cannot be mapped back",
        hint="ask the owner to fill in a fresh request (`msc collect requests`)",
    )
