"""Reading rows from a spreadsheet: a CSV file or an Excel workbook (.xlsx).

Observation rows by default; other tables (the partner list of ``msc init
--partners``) name their own :class:`Columns`. The header is the first row that
names the required columns, for observations ``metric``, ``date`` and
``value`` (``source`` is optional; any order, any case); title rows above it
are skipped. Every cell keeps a reference the user can find: ``B7`` in a
workbook, ``line 7, column 2`` in a CSV file. Values stay as the file holds
them (a workbook's date cell is a date, its number cell a number, a formula
cell the result the spreadsheet program saved); judging them is the job of
the importer (:mod:`msctool.edits.recording`). A workbook is streamed
(openpyxl's read-only mode) by the rows its XML holds, whatever dimension it
declares, at most :data:`MAX_ROWS` rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from msctool.errors import MscIOError, UsageError, UserError

COLUMNS = ("metric", "date", "value", "source")
REQUIRED = COLUMNS[:3]


@dataclass(frozen=True)
class Columns:
    """The columns a sheet may have: their names, the ones it must have, other words a
    header may use for them (lower case, e.g. Dutch ``naam`` for ``name``), and the hint
    for a sheet without such a header."""

    names: tuple[str, ...]
    required: tuple[str, ...]
    hint: str
    aliases: Mapping[str, str] = field(default_factory=dict)


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
    """The rows of a spreadsheet.

    ``rows`` is read as it is walked (once): a workbook is streamed, so memory does
    not grow with the sheet. Walking it can raise :class:`UserError` (too many rows).
    """

    name: str
    rows: Iterator[SheetRow]


def read_sheet(path: Path, sheet: str | None = None, columns: Columns | None = None) -> Sheet:
    """The rows of ``path``: ``.csv``, or ``.xlsx``/``.xlsm`` (first sheet unless ``sheet``),
    with the ``columns`` (default: observations' metric, date, value, source)."""
    suffix = path.suffix.lower()
    wanted = columns or OBSERVATIONS
    if suffix == ".csv":
        return _read_csv(path, wanted)
    if suffix in WORKBOOKS:
        return _read_workbook(path, sheet, wanted)
    raise UsageError(
        f"{path.name}: msc imports .csv and .xlsx files, not `{suffix or 'no extension'}`",
        hint="save the sheet as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'",
    )


# -- CSV ---------------------------------------------------------------------------


def _read_csv(path: Path, wanted: Columns) -> Sheet:
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
    return _sheet(path.name, raw, _csv_ref, wanted)


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


def _read_workbook(path: Path, sheet: str | None, wanted: Columns) -> Sheet:
    book = _open_workbook(path)
    try:
        worksheet = _worksheet(book, path, sheet)
        name = f"{path.name} [{worksheet.title}]"
        header_row, columns = _header(name, present_rows(worksheet), wanted)
    except BaseException:
        book.close()
        raise
    width = max(columns.values()) + 1  # a stray cell far to the right costs nothing
    rows = present_rows(worksheet, min_row=header_row + 1, max_col=width)
    return Sheet(name, _closing(book, _data_rows(name, rows, columns, _workbook_ref)))


def present_rows(
    worksheet: Any, *, min_row: int = 1, max_col: int | None = None, values_only: bool = True
) -> Iterator[Row]:
    """The rows the sheet's XML holds, from ``min_row`` on, each with its number.

    openpyxl's ``iter_rows`` trusts the sheet's declared dimension (``<dimension
    ref="A1:C9"/>``): rows past a dimension that is too small are dropped, and the gaps
    up to a huge one (or before a lone cell at row 20,000,000) are filled with empty
    rows. This reads the XML as it is, so time and memory follow the data present.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            worksheet._shared_strings,
            data_only=worksheet.parent.data_only,
            epoch=worksheet.parent.epoch,
            date_formats=worksheet.parent._date_formats,
            timedelta_formats=worksheet.parent._timedelta_formats,
        )
        for number, cells in parser.parse():
            if number >= min_row:
                yield number, worksheet._get_row(cells, 1, max_col, values_only)


def formulas_at(path: Path, sheet: str | None, refs: Iterable[str]) -> dict[str, str]:
    """The formulas (``=SUM(B2:B9)``) in the cells ``refs`` of a workbook: cells that
    read as empty because the program that wrote the file saved no result for them."""
    from openpyxl.utils.cell import coordinate_from_string

    wanted = set(refs)
    if not wanted:
        return {}
    last = max(coordinate_from_string(ref)[1] for ref in wanted)
    book = _open_workbook(path, data_only=False)
    try:
        found: dict[str, Any] = {}
        for number, row in present_rows(_worksheet(book, path, sheet), values_only=False):
            if number > last:
                break
            found.update((cell.coordinate, cell.value) for cell in row if _has_ref(cell, wanted))
    finally:
        book.close()
    return {ref: value for ref, value in found.items() if isinstance(value, str)}


def _has_ref(cell: Any, wanted: set[str]) -> bool:
    return getattr(cell, "coordinate", None) in wanted


def _worksheet(book: Any, path: Path, sheet: str | None) -> Any:
    if sheet is not None and sheet not in book.sheetnames:
        raise UsageError(
            f"{path.name} has no sheet `{sheet}`",
            hint=f"its sheets: {', '.join(book.sheetnames)}",
        )
    return book[sheet] if sheet is not None else book.worksheets[0]


def _workbook_ref(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column + 1)}{row}"


def _closing(book: Any, rows: Iterator[SheetRow]) -> Iterator[SheetRow]:
    """``rows``, closing the workbook once they are walked (or dropped)."""
    try:
        yield from rows
    finally:
        book.close()


def _open_workbook(path: Path, *, data_only: bool = True) -> Any:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _refuse_other_formats(path)
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, InvalidFileException, KeyError) as exc:
        raise UserError(
            f"{path.name} is not an Excel workbook (.xlsx): {exc}",
            hint=_RESAVE_HINT,
        ) from None
    except OSError as exc:
        raise MscIOError(f"cannot read {path}: {exc.strerror or exc}") from exc


_RESAVE_HINT = (
    "open it in your spreadsheet program and save it as 'Excel Workbook (.xlsx)' or as 'CSV UTF-8'"
)
_OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def _refuse_other_formats(path: Path) -> None:
    """The "does not exist" and "cannot read" errors of CSV files, and a clear word for
    what is often renamed to .xlsx: an empty file, an old .xls, an OpenDocument sheet."""
    try:
        with path.open("rb") as handle:
            start = handle.read(100)
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist", hint="check the file name") from None
    except OSError as exc:
        raise MscIOError(f"cannot read {path}: {exc.strerror}") from exc
    if not start:
        raise UserError(f"{path.name} is empty", hint=_RESAVE_HINT)
    if start.startswith(_OLD_EXCEL):
        what = "an old Excel 97-2003 workbook (.xls)"
    elif _ODS in start:
        what = "an OpenDocument spreadsheet (.ods)"
    else:
        return
    raise UserError(f"{path.name} is {what}, not an Excel workbook (.xlsx)", hint=_RESAVE_HINT)


def _cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, datetime):
        return value.date()  # a date cell; a time of day in it says nothing about the day
    return value


# -- header ------------------------------------------------------------------------


HEADER_ROWS = 10
"""The header may sit below title rows: it is the first row that names the columns,
among the first ten rows (or the first non-empty row, when that is further down)."""
MAX_ROWS = 100_000
"""Rows one import reads at most: time and memory stay bounded on a huge sheet."""
Row = tuple[int, Sequence[Any]]


def _sheet(
    name: str, rows: Iterable[Row], ref: Callable[[int, int], str], wanted: Columns
) -> Sheet:
    """The sheet of a file already read whole (CSV): header first, then the data rows."""
    walk = iter(rows)
    _, columns = _header(name, walk, wanted)
    return Sheet(name, _data_rows(name, walk, columns, ref))


def _header(name: str, rows: Iterator[Row], wanted: Columns) -> tuple[int, dict[str, int]]:
    """The header's row number and columns: the first non-empty row that names the
    required columns, among the first rows; ``rows`` is walked just past it."""
    first: Row | None = None
    for number, cells in rows:
        if number > HEADER_ROWS and first is not None:
            break
        if not any(_filled(cell) for cell in cells):
            continue
        first = first or (number, cells)
        columns = _columns(cells, wanted)
        if all(column in columns for column in wanted.required):
            return number, columns
    if first is None:
        raise UserError(f"{name} is empty", hint=wanted.hint)
    raise _no_header(name, *first, wanted)


def _data_rows(
    name: str, rows: Iterable[Row], columns: dict[str, int], ref: Callable[[int, int], str]
) -> Iterator[SheetRow]:
    count = 0
    for number, raw in rows:
        cells = [_cell_value(value) for value in raw]
        if not any(cell is not None for cell in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise UserError(
                f"{name} has more than {MAX_ROWS:,} rows; msc imports at most "
                f"{MAX_ROWS:,} at a time (row {number} is one too many)",
                hint="split it into smaller sheets and import them one by one",
            )
        yield SheetRow(
            number,
            {
                column: Cell(cells[index] if index < len(cells) else None, ref(number, index))
                for column, index in columns.items()
            },
        )


OBSERVATIONS = Columns(
    COLUMNS,
    REQUIRED,
    hint="the first row must name the columns metric, date, value and (optional) source"
    " (in Dutch: metriek or indicator, datum or peildatum, waarde or aantal, bron)",
    aliases={
        **dict.fromkeys(("metriek", "indicator", "kpi"), "metric"),
        **dict.fromkeys(("datum", "peildatum", "day", "as of"), "date"),
        **dict.fromkeys(("waarde", "aantal", "number", "count", "amount"), "value"),
        **dict.fromkeys(("bron",), "source"),
    },
)
"""The columns of observations, under the names partners write them (Dutch and English)."""


def with_words(columns: Columns, words: Mapping[str, object]) -> Columns:
    """``columns`` that also take the header ``words`` a partnership names per column
    (``{"value": ["score"]}``, from ``collect.columns`` in partnership.yaml); a word
    for a column ``columns`` does not have, or that is no text, is left out (``msc
    check`` says what is wrong with it)."""
    extra = {
        " ".join(word.split()).lower(): column
        for column, listed in words.items()
        if column in columns.names and isinstance(listed, list)
        for word in listed
        if isinstance(word, str) and word.strip()
    }
    return replace(columns, aliases={**columns.aliases, **extra})


def _filled(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _columns(header: Sequence[Any], wanted: Columns) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        if _filled(cell):
            word = " ".join(str(cell).split()).lower()
            found.setdefault(wanted.aliases.get(word, word), index)
    return {column: found[column] for column in wanted.names if column in found}


def _no_header(name: str, row: int, header: Sequence[Any], wanted: Columns) -> UserError:
    found = _columns(header, wanted)
    missing = [column for column in wanted.required if column not in found]
    written = ", ".join(str(cell) for cell in header if _filled(cell))
    return UserError(
        f"{name}: row {row} should be the header, but it has no "
        f"{' or '.join(f'`{column}`' for column in missing)} column (found: {written})",
        hint=wanted.hint,
    )


def is_date(value: Any) -> bool:
    """A real date (not a datetime, which is a date too in Python)."""
    return isinstance(value, date) and not isinstance(value, datetime)
