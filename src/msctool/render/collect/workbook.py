"""A request workbook (.xlsx): what one metric owner owes, ready to fill in.

The first sheet asks: a title, the request day and the day to send it back,
short instructions, then one row per metric and period with the metric's
previous figure for context. Only the Value and Note cells can be edited (the
sheets are protected, without a password: against slips, not against people);
values are validated as numbers (0 to 100 for a percentage, 0 or more when every
figure known so far is), period days as dates. The second sheet tells what each
metric counts, its unit, direction, cadence, source, baseline, target and recent
figures. A very hidden third sheet holds the identity (:mod:`.identity`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from msctool.collect.due import MAX_PERIODS, Owed
from msctool.model import Metric, Observation
from msctool.model.common import MAX_FIGURE
from msctool.render.collect.cells import append_row
from msctool.render.collect.identity import RequestIdentity, write_identity
from msctool.render.i18n import Formatter

COLUMNS = ("metric", "name", "unit", "period", "previous", "value", "note")
VALUE_COLUMN = "F"
NOTE_COLUMN = "G"
PERIOD_COLUMN = "D"
WIDTHS = (18, 36, 14, 14, 22, 14, 40)
LINE_CHARS = int(sum(WIDTHS) * 0.9)
"""About how many characters of the introduction fit on one line across the table."""
METRIC_COLUMNS = (
    "metric", "name", "definition", "unit", "direction", "cadence", "source", "baseline",
    "target", "recent",
)  # fmt: skip
METRIC_WIDTHS = (18, 30, 60, 14, 12, 14, 30, 22, 22, 50)
RECENT = 3
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
OPEN_FILL = PatternFill("solid", fgColor="FFF7CC")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
DATE_FORMAT = "yyyy-mm-dd"


def request_workbook(
    *,
    partnership: str,
    owner_id: str,
    owner_name: str,
    items: Sequence[Owed],
    history: dict[str, list[Observation]],
    fmt: Formatter,
    day: date,
    by: date,
) -> tuple[bytes, RequestIdentity]:
    """The workbook's bytes and the identity it carries."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = fmt.t("collect_sheet_request")
    intro = _intro(fmt, partnership, owner_name, items, day, by)
    rows = _request_sheet(sheet, intro, items, history, fmt)
    _metrics_sheet(book.create_sheet(fmt.t("collect_sheet_metrics")), items, history, fmt)
    identity = RequestIdentity(partnership, owner_id, day, tuple(rows))
    write_identity(book, identity)
    book.security = WorkbookProtection(lockStructure=True)
    return _saved(book, intro[0], day), identity


def _saved(book: Workbook, title: str, day: date) -> bytes:
    """The workbook's bytes, the same for the same request: its properties and every
    part of the zip are dated on the request day (09:00), not on the clock."""
    when = datetime.combine(day, time(9, 0))
    book.properties.creator = "msc"
    book.properties.title = title
    book.properties.created = book.properties.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    out = io.BytesIO()
    stamp = (min(max(when.year, 1980), 2107), when.month, when.day, 9, 0, 0)
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=stamp)
            part.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(part, source.read(info.filename))
    return out.getvalue()


def _intro(
    fmt: Formatter, partnership: str, owner: str, items: Sequence[Owed], day: date, by: date
) -> list[str]:
    lines = [
        fmt.t("collect_title", partnership=partnership, owner=owner),
        fmt.t("collect_asked_on", day=fmt.date(day), by=fmt.date(by)),
        fmt.t("collect_instructions"),
        fmt.t("collect_instructions_metrics", sheet=fmt.t("collect_sheet_metrics")),
    ]
    for item in items:
        if item.owed > MAX_PERIODS:
            earlier = item.owed - MAX_PERIODS
            lines.append(
                fmt.t("collect_earlier", metric=item.metric.name, count=earlier, shown=MAX_PERIODS)
            )
    return lines


def _request_sheet(
    sheet: Worksheet,
    intro: list[str],
    items: Sequence[Owed],
    history: dict[str, list[Observation]],
    fmt: Formatter,
) -> list[tuple[str, date]]:
    for line in intro:
        _note(sheet, append_row(sheet, [line]), line)
    sheet["A1"].font = TITLE
    sheet.row_dimensions[1].height = 24
    header = len(intro) + 2
    sheet.append([])
    append_row(sheet, [fmt.t(f"collect_col_{name}") for name in COLUMNS])
    for cell in sheet[header]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    keys: list[tuple[str, date]] = []
    for item in items:
        previous = _figure(item.last, fmt)
        check = _value_check(item.metric, history.get(item.metric.id, []), fmt)
        sheet.add_data_validation(check)
        for period in item.periods:
            metric = item.metric
            row = append_row(
                sheet, [metric.id, metric.name, metric.unit, period, previous, None, None]
            )
            _open_cells(sheet, row)
            sheet[f"{PERIOD_COLUMN}{row}"].number_format = DATE_FORMAT
            check.add(f"{VALUE_COLUMN}{row}")
            keys.append((metric.id, period))
    _period_check(sheet, header, fmt)
    _layout(sheet, WIDTHS, header)
    return keys


def _note(sheet: Worksheet, row: int, text: str) -> None:
    """A line of the introduction across the table's width, wrapped, tall enough."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    sheet.cell(row, 1).alignment = WRAP
    lines = -(-len(text) // LINE_CHARS)
    sheet.row_dimensions[row].height = 15 * max(lines, 1) + 2


def _open_cells(sheet: Worksheet, row: int) -> None:
    for column in (VALUE_COLUMN, NOTE_COLUMN):
        cell = sheet[f"{column}{row}"]
        cell.protection, cell.fill = UNLOCKED, OPEN_FILL


def _value_check(metric: Metric, history: list[Observation], fmt: Formatter) -> DataValidation:
    """Numbers only: 0..100 for a percentage, >= 0 when every known figure is."""
    known = [o.value for o in history]
    known += [p.value for p in (metric.baseline, metric.target) if p is not None]
    if metric.unit.strip() == "%":
        low, high = 0.0, 100.0
        message = fmt.t("collect_invalid_range", low=fmt.number(low), high=fmt.number(high))
    elif all(value >= 0 for value in known):
        low, high = 0.0, MAX_FIGURE
        message = fmt.t("collect_invalid_min", low=fmt.number(low))
    else:
        low, high = -MAX_FIGURE, MAX_FIGURE
        message = fmt.t("collect_invalid_number")
    return DataValidation(
        type="decimal",
        operator="between",
        formula1=_number(low),
        formula2=_number(high),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=fmt.t("collect_invalid_title"),
        error=message,
    )


def _period_check(sheet: Worksheet, header: int, fmt: Formatter) -> None:
    if sheet.max_row <= header:
        return
    check = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1="1",
        showErrorMessage=True,
        errorTitle=fmt.t("collect_invalid_title"),
        error=fmt.t("collect_invalid_date"),
    )
    check.add(f"{PERIOD_COLUMN}{header + 1}:{PERIOD_COLUMN}{sheet.max_row}")
    sheet.add_data_validation(check)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _metrics_sheet(
    sheet: Worksheet, items: Sequence[Owed], history: dict[str, list[Observation]], fmt: Formatter
) -> None:
    append_row(sheet, [fmt.t(f"collect_col_{name}") for name in METRIC_COLUMNS])
    for cell in sheet[1]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    for item in items:
        row = append_row(sheet, _metric_row(item.metric, history.get(item.metric.id, []), fmt))
        for cell in sheet[row]:
            cell.alignment = WRAP
    _layout(sheet, METRIC_WIDTHS, 1)


def _metric_row(metric: Metric, history: list[Observation], fmt: Formatter) -> list[str]:
    sources = [o.source for o in reversed(history) if o.source]
    recent = [_figure(o, fmt) for o in reversed(history[-RECENT:])]
    return [
        metric.id,
        metric.name,
        metric.description or "",
        metric.unit,
        fmt.t(f"collect_direction_{metric.direction}"),
        fmt.t(f"collect_cadence_{metric.cadence}"),
        sources[0] if sources else "",
        _figure(metric.baseline, fmt) if metric.baseline else "",
        _figure(metric.target, fmt) if metric.target else "",
        "; ".join(recent) or fmt.t("collect_none"),
    ]


def _figure(point: Observation | object | None, fmt: Formatter) -> str:
    """``34.5 on 31 Oct 2026``; "none yet" without a figure."""
    value, day = getattr(point, "value", None), getattr(point, "date", None)
    if value is None or not isinstance(day, date):
        return fmt.t("collect_none")
    decimals = 1 if float(value * 10).is_integer() else 2
    return fmt.t("collect_figure_on", value=fmt.number(value, decimals), day=fmt.short_date(day))


def _layout(sheet: Worksheet, widths: Sequence[int], header: int) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = f"A{header + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
