"""Reading observation rows from a spreadsheet: a CSV file or an Excel workbook (.xlsx).

The first non-empty row is the header and must name the columns ``metric``,
``date`` and ``value`` (``source`` is optional; any order, any case). Every
cell keeps a reference the user can find: ``B7`` in a workbook, ``line 7,
column 2`` in a CSV file. Values stay as the file holds them (a workbook's
date cell is a date, its number cell a number); judging them is the job of
the importer (:mod:`msctool.edits.recording`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from msctool.errors import MscIOError, UsageError, UserError

COLUMNS = ("metric", "date", "value", "source")
REQUIRED = COLUMNS[:3]
MAX_BYTES = 64 * 1024 * 1024
WORKBOOKS = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Cell:
    """One cell's value (None when empty) and where it is (``B7`` / ``line 7, column 2``)."""

    value: Any
    ref: str


@dataclass(frozen=True)
class SheetRow:
    """A data row: its row (line) number and its cells by column name."""

    number: int
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Sheet:
    """The rows of a spreadsheet, and whether decimals may be written with a comma."""

    name: str
    rows: tuple[SheetRow, ...]
    decimal_comma: bool = False


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The rows of ``path``: ``.csv``, or ``.xlsx``/``.xlsm`` (first sheet unless ``sheet``)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in WORKBOOKS:
        return _read_workbook(path, sheet)
    raise UsageError(
        f"{path.name}: msc imports .csv and .xlsx files, not `{suffix or 'no extension'}`",
        hint="save the sheet as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'",
    )


# -- CSV ---------------------------------------------------------------------------


def _read_csv(path: Path) -> Sheet:
    text = _decode(_read_bytes(path), path)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        raw = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise UserError(
            f"{path.name}:{reader.line_num}: the file cannot be read from here on: {exc}",
            hint='look for an unclosed quote (") on this line',
        ) from None
    rows = [(number, [cell.strip() or None for cell in cells]) for number, cells in raw]
    return _sheet(path.name, rows, _csv_ref, decimal_comma=delimiter == ";")


def _csv_ref(row: int, column: int) -> str:
    return f"line {row}, column {column + 1}"


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist", hint="check the file name") from None
    except OSError as exc:
        raise MscIOError(f"cannot read {path}: {exc.strerror}") from exc
    if len(data) > MAX_BYTES:
        raise UserError(f"{path.name} is larger than {MAX_BYTES:,} bytes")
    return data


def _check_readable(path: Path) -> None:
    """The same "does not exist" and "cannot read" errors as for CSV files."""
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist", hint="check the file name") from None
    except OSError as exc:
        raise MscIOError(f"cannot read {path}: {exc.strerror}") from exc


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith(b"PK"):
            raise UserError(
                f"{path.name} is a workbook or zip file, not a CSV file",
                hint="rename it to .xlsx if it is an Excel workbook",
            ) from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"{path.name}:{line}: the file is not UTF-8",
            hint="save it as 'CSV UTF-8 (comma delimited)'",
        ) from None


# -- workbooks ---------------------------------------------------------------------


def _read_workbook(path: Path, sheet: str | None) -> Sheet:
    from openpyxl.utils import get_column_letter

    book = _open_workbook(path)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise UsageError(
                f"{path.name} has no sheet `{sheet}`",
                hint=f"its sheets: {', '.join(book.sheetnames)}",
            )
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [
            (number, [_cell_value(value) for value in values])
            for number, values in enumerate(worksheet.iter_rows(values_only=True), 1)
        ]
    finally:
        book.close()

    def ref(row: int, column: int) -> str:
        return f"{get_column_letter(column + 1)}{row}"

    return _sheet(f"{path.name} [{worksheet.title}]", rows, ref)


def _open_workbook(path: Path) -> Any:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_readable(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise UserError(
            f"{path.name} is not an Excel workbook (.xlsx): {exc}",
            hint="open it in your spreadsheet program and save it as 'Excel Workbook "
            "(.xlsx)' or as 'CSV UTF-8'",
        ) from None
    except OSError as exc:
        raise MscIOError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, datetime):
        return value.date()  # a date cell; a time of day in it says nothing about the day
    return value


# -- header ------------------------------------------------------------------------


def _sheet(
    name: str,
    rows: list[tuple[int, list[Any]]],
    ref: Any,
    decimal_comma: bool = False,
) -> Sheet:
    filled = [(number, cells) for number, cells in rows if any(c is not None for c in cells)]
    if not filled:
        raise UserError(f"{name} is empty", hint=_HEADER_HINT)
    header_row, header = filled[0]
    columns = _columns(name, header_row, header)
    data = tuple(
        SheetRow(
            number,
            {
                column: Cell(cells[index] if index < len(cells) else None, ref(number, index))
                for column, index in columns.items()
            },
        )
        for number, cells in filled[1:]
    )
    return Sheet(name, data, decimal_comma)


_HEADER_HINT = "the first row must name the columns metric, date, value and (optional) source"


def _columns(name: str, row: int, header: list[Any]) -> dict[str, int]:
    found = {str(cell).strip().lower(): index for index, cell in enumerate(header) if cell}
    missing = [column for column in REQUIRED if column not in found]
    if missing:
        written = ", ".join(str(cell) for cell in header if cell is not None)
        raise UserError(
            f"{name}: row {row} should be the header, but it has no "
            f"{' or '.join(f'`{column}`' for column in missing)} column (found: {written})",
            hint=_HEADER_HINT,
        )
    return {column: found[column] for column in COLUMNS if column in found}


def is_date(value: Any) -> bool:
    """A real date (not a datetime, which is a date too in Python)."""
    return isinstance(value, date) and not isinstance(value, datetime)
