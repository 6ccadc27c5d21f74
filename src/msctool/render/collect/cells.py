"""Text from the partnership into workbook cells, as text and nothing else.

openpyxl turns a string that starts with ``=`` into a formula, and refuses
control characters an .xlsx file cannot hold. A name such as
``=HYPERLINK("http://evil")`` stays text here, and a control character becomes
U+FFFD, so no value from an untrusted file can run in a partner's spreadsheet
or stop the request from being written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | date | None


def append_row(sheet: Worksheet, values: Sequence[Value]) -> int:
    """Append ``values`` as one row, every string as plain text; the row's number."""
    sheet.append([_clean(value) for value in values])
    row = sheet.max_row
    for cell in sheet[row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
    return row


def _clean(value: Value) -> Value:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value
