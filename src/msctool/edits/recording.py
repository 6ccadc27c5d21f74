"""``msc metric record`` and ``msc metric import``: add observations to ``data/*.csv``.

A new row goes to the CSV file that already holds the metric's newest
observation (``data/METRIC.csv`` when it has none yet, or the file the user
names). Rows are appended; every byte already in the file stays as it was
(a file without a final newline gets one before the new row).

Import is all or nothing by default: one rejected row and nothing is
written. ``skip_rejected`` writes the accepted rows anyway; either way the
rejected rows are returned with their row number, cell and reason. A row
identical to an observation already recorded (same metric, date and value)
is skipped, so importing the same sheet twice does no harm.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from msctool.edits.common import check_slug, read_raw, read_yaml
from msctool.edits.saving import EditPlan
from msctool.errors import UserError
from msctool.escaping import csv_row, has_line_break
from msctool.fs.names import portable_name
from msctool.load.files import SourceError, read_text
from msctool.load.memo import ReadMemo
from msctool.load.numbers import (
    NumberError,
    NumberRule,
    Separator,
    from_cell,
    language_written,
    plain_text,
    read_number,
    rule_for,
)
from msctool.load.observations import HEADER, MAX_CSV_BYTES, CsvFile, cell_control
from msctool.load.sheetdates import DateError, Order, file_order, read_date
from msctool.load.spreadsheet import (
    OBSERVATIONS,
    WORKBOOKS,
    Cell,
    Sheet,
    SheetRow,
    formulas_at,
    is_date,
    read_sheet,
    with_words,
)
from msctool.model.vocabulary import Language
from msctool.suggest import did_you_mean

__all__ = ["ImportReport", "NewObservation", "Rejected", "import_sheet", "record"]


@dataclass(frozen=True)
class NewObservation:
    metric: str
    date: date
    value: Decimal
    """The value, exactly as the user wrote it (``8.0`` stays ``8.0``)."""
    source: str | None = None

    @property
    def text(self) -> str:
        """The value as a data file holds it: a decimal point, no grouping."""
        return plain_text(self.value)


@dataclass(frozen=True)
class Rejected:
    """A row that was not imported: where it is and why."""

    row: int
    ref: str
    reason: str


@dataclass
class ImportReport:
    """What an import found: rows accepted, rows already recorded, rows rejected, and
    the plan that writes the accepted rows (None when nothing is to be written)."""

    source: str
    accepted: list[NewObservation] = field(default_factory=list)
    already: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    plan: EditPlan | None = None


@dataclass
class _Recorded:
    """What the partnership holds: metric ids, and every observation with its place."""

    metrics: set[str]
    language: Language = "en"
    seen: dict[tuple[str, date], tuple[float, str, int, dict[int, str]]] = field(
        default_factory=dict
    )
    """Per metric and date: the value recorded, the file and line, and the value texts
    of that file by line (the message says ``9.1 (data/x.csv:3)``)."""
    home: dict[str, tuple[date, str]] = field(default_factory=dict)
    """Per metric: the date of its newest observation and the file that holds it."""
    memo: ReadMemo = field(default_factory=ReadMemo)
    """The data files as read here: checking the edit reads each text only once."""

    def file_for(self, metric: str) -> str:
        newest = self.home.get(metric)
        if newest:
            return newest[1]
        name = portable_name(f"{check_slug(metric, 'metric id')}.csv")  # con.csv: con_.csv
        return f"data/{name}"  # never a path out of data/


def record(
    root: Path,
    metric: str,
    value: str,
    day: date,
    source: str | None = None,
    file: str | None = None,
) -> EditPlan:
    """The plan that appends one observation; a :class:`UserError` saying why it cannot."""
    recorded = _recorded(root, _root_data(root))
    cells = {
        "metric": Cell(metric, "metric"),
        "date": Cell(day, "day"),
        "value": Cell(value, "value"),
        "source": Cell(source, "source"),
    }
    judged = _judge(SheetRow(0, cells), recorded, {}, NumberRule(recorded.language))
    if isinstance(judged, Rejected):
        raise UserError(judged.reason, hint=_RECORD_HINT)
    if judged is None:
        raise UserError(
            f"`{metric}` on {day} is already recorded with this value; nothing to do",
        )
    plan = EditPlan(root, subjects={metric}, memo=recorded.memo)
    plan.say("metric_recorded", metric=metric, value=value.strip(), day=day)
    plan.texts.update(_appended(root, [judged], recorded, file))
    return plan


_RECORD_HINT = "see `msc metric record --help`"


def import_sheet(
    root: Path,
    path: Path,
    *,
    sheet: str | None = None,
    skip_rejected: bool = False,
    file: str | None = None,
) -> ImportReport:
    """Judge every row of ``path``; plan the writing of the accepted rows when none was
    rejected (or when ``skip_rejected``)."""
    meta = _root_data(root)  # read once: the sheet's column words, the language
    table = read_sheet(path, sheet, with_words(OBSERVATIONS, _column_words(meta)))
    recorded = _recorded(root, meta)
    report = ImportReport(table.name)
    _judge_all(table, recorded, report)
    if path.suffix.lower() in WORKBOOKS:
        _name_unsaved_formulas(path, sheet, report)
    if report.accepted and (skip_rejected or not report.rejected):
        count = len(report.accepted)
        plan = EditPlan(root, memo=recorded.memo)
        key = "observations_imported_one" if count == 1 else "observations_imported"
        plan.say(key, count=count, file=path.name)
        plan.texts.update(_appended(root, report.accepted, recorded, file))
        plan.subjects.update(row.metric for row in report.accepted)
        report.plan = plan
    return report


def _judge_all(table: Sheet, recorded: _Recorded, report: ImportReport) -> None:
    """Judge every row; the value texts of the whole sheet choose how its numbers read
    (so the rows are read first: at most the sheet's row limit)."""
    in_sheet: dict[tuple[str, date], int] = {}
    rows = list(table.rows)
    rule = rule_for(_value_texts(rows), recorded.language)
    order = file_order(_date_texts(rows))
    for row in rows:
        judged = _judge(row, recorded, in_sheet, rule, order)
        if isinstance(judged, Rejected):
            report.rejected.append(judged)
        elif judged is None:
            report.already += 1
        else:
            in_sheet[(judged.metric, judged.date)] = row.number
            report.accepted.append(judged)


def _name_unsaved_formulas(path: Path, sheet: str | None, report: ImportReport) -> None:
    """Say "a formula without a saved result" where a cell read as empty holds one
    (a workbook written by a program that does not compute formulas)."""
    empty = [r for r in report.rejected if r.reason.endswith(_EMPTY)]
    formulas = formulas_at(path, sheet, (r.ref for r in empty)) if empty else {}
    report.rejected = [
        replace(r, reason=_unsaved(formulas[r.ref])) if r.ref in formulas else r
        for r in report.rejected
    ]


def _value_texts(rows: list[SheetRow]) -> Iterable[tuple[str, str]]:
    for row in rows:
        cell = row.cells["value"]
        if isinstance(cell.value, str):
            yield cell.value, cell.ref


def _unsaved(formula: str) -> str:
    return (
        f"the cell holds a formula ({formula}) without a saved result: open the file in "
        "your spreadsheet program and save it again (or type the value)"
    )


_EMPTY = "cell is empty"


# -- judging one row ---------------------------------------------------------------


class _BadCellError(Exception):
    def __init__(self, cell: Cell, reason: str) -> None:
        super().__init__(reason)
        self.cell = cell
        self.reason = reason


def _judge(
    row: SheetRow,
    recorded: _Recorded,
    in_sheet: dict[tuple[str, date], int],
    rule: NumberRule,
    order: Order | None = None,
) -> NewObservation | Rejected | None:
    """The row as a new observation; None when it is already recorded; else why not.
    ``order``: how the sheet writes dates in numbers (:mod:`msctool.load.sheetdates`)."""
    try:
        _refuse_control(row)
        metric = _metric(row.cells["metric"], recorded.metrics)
        day = _date(row.cells["date"], order)
        value = _value(row.cells["value"], rule)
        source = _source(row.cells.get("source"))
        known = _duplicate(row, metric, day, value, recorded, in_sheet)
    except _BadCellError as bad:
        return Rejected(row.number, bad.cell.ref, bad.reason)
    return None if known else NewObservation(metric, day, value, source)


def _refuse_control(row: SheetRow) -> None:
    """Refuse a text cell holding a control character (``msc check`` reports the same
    in a data file: MSC017) or a line break (an observation is one line) before
    anything shows or writes it."""
    for cell in row.cells.values():
        reason = _cell_trouble(cell.value) if isinstance(cell.value, str) else None
        if reason is not None:
            raise _BadCellError(cell, f"{reason}: remove it")


def _cell_trouble(text: str) -> str | None:
    control = cell_control(text)
    if control is None and has_line_break(text.strip()):
        return "a line break in a value (an observation is one line)"
    return control


def _metric(cell: Cell, metrics: set[str]) -> str:
    if cell.value is None:
        raise _BadCellError(cell, f"the metric {_EMPTY}")
    metric = str(cell.value).strip()
    if metric not in metrics:
        hint = did_you_mean(metric, metrics) or "use a metric id from metrics.yaml"
        raise _BadCellError(cell, f"unknown metric `{metric}` ({hint})")
    return metric


def _date_texts(rows: Iterable[SheetRow]) -> Iterator[str]:
    """The date cells a sheet writes as text (the file's order is read from them)."""
    for row in rows:
        value = row.cells["date"].value
        if isinstance(value, str):
            yield value


def _date(cell: Cell, order: Order | None = None) -> date:
    value = cell.value
    if is_date(value):
        assert isinstance(value, date)
        return value
    if value is None:
        raise _BadCellError(cell, f"the date {_EMPTY}")
    if isinstance(value, int | float):
        raise _BadCellError(
            cell,
            f"a number ({_shown(value)}) in the date column: format the cell as a date, "
            "or write YYYY-MM-DD",
        )
    try:
        return read_date(str(value), order)
    except DateError as exc:
        raise _BadCellError(cell, str(exc)) from None


def _value(cell: Cell, rule: NumberRule) -> Decimal:
    value = cell.value
    if value is None:
        raise _BadCellError(cell, f"the value {_EMPTY}")
    if isinstance(value, bool) or is_date(value):
        raise _BadCellError(cell, f"`{value}` in the value column is not a number")
    try:
        if isinstance(value, int | float):
            return from_cell(value)
        return read_number(str(value), rule)
    except NumberError as exc:
        raise _BadCellError(cell, exc.message) from None


def _shown(value: float) -> str:
    """A number cell as the spreadsheet shows it."""
    try:
        return plain_text(from_cell(value))
    except NumberError as exc:
        return exc.text


def _source(cell: Cell | None) -> str | None:
    if cell is None or cell.value is None:
        return None
    if isinstance(cell.value, float) and cell.value.is_integer():
        return str(int(cell.value))
    return str(cell.value).strip() or None


def _duplicate(
    row: SheetRow,
    metric: str,
    day: date,
    value: Decimal,
    recorded: _Recorded,
    in_sheet: dict[tuple[str, date], int],
) -> bool:
    """True when exactly this observation is recorded; a rejection when another value is."""
    cell = row.cells["date"]
    earlier = in_sheet.get((metric, day))
    if earlier is not None:
        raise _BadCellError(cell, f"`{metric}` on {day} is also in row {earlier} of this sheet")
    known = recorded.seen.get((metric, day))
    if known is None:
        return False
    number, rel, line, texts = known
    if number == float(value):
        return True
    raise _BadCellError(
        cell,
        f"`{metric}` on {day} is already recorded as {texts[line]} ({rel}:{line}); "
        "to correct it, edit that line",
    )


# -- what is recorded --------------------------------------------------------------


def _recorded(root: Path, meta: object) -> _Recorded:
    """What data/*.csv holds already; ``meta``: the data of partnership.yaml."""
    recorded = _Recorded(_metric_ids(root), language_written(meta))
    data = root / "data"
    for path in sorted(data.glob("*.csv")) if data.is_dir() else []:
        rel = f"data/{path.name}"
        try:
            text = read_text(path, rel, root, MAX_CSV_BYTES)
        except SourceError:  # no rows to know (msc check says what is wrong)
            continue
        csv_file = recorded.memo.observations(text, rel, None, recorded.language)
        _know(recorded, rel, csv_file)
    return recorded


def _know(recorded: _Recorded, rel: str, csv_file: CsvFile) -> None:
    """Add the rows of one data file (50,000 rows in all: nothing is made per row but
    the keys; the place of a row is spelt out only for a message)."""
    seen, home, texts = recorded.seen, recorded.home, csv_file.texts
    for row, line in csv_file.rows:
        key = metric, day = row.metric, row.date
        if key not in seen:
            seen[key] = (row.value, rel, line, texts)
        newest = home.get(metric)
        if newest is None or day >= newest[0]:
            home[metric] = (day, rel)


def _root_data(root: Path) -> object:
    """The data of partnership.yaml (None when there is none)."""
    return read_yaml(root, "partnership.yaml") if (root / "partnership.yaml").is_file() else None


def _column_words(meta: object) -> dict[str, object]:
    """The header words partnership.yaml (``meta``) adds per column (``collect: columns:``)."""
    collect = meta.get("collect") if isinstance(meta, dict) else None
    columns = collect.get("columns") if isinstance(collect, dict) else None
    return dict(columns) if isinstance(columns, dict) else {}


def _metric_ids(root: Path) -> set[str]:
    if not (root / "metrics.yaml").is_file():
        return set()
    data = read_yaml(root, "metrics.yaml")
    metrics = data.get("metrics") if isinstance(data, dict) else None
    return {str(m["id"]) for m in metrics or [] if isinstance(m, dict) and "id" in m}


# -- writing -----------------------------------------------------------------------


def _appended(
    root: Path, rows: Iterable[NewObservation], recorded: _Recorded, file: str | None
) -> dict[str, str]:
    target = _file_option(file)
    grouped: dict[str, list[NewObservation]] = {}
    for row in rows:
        grouped.setdefault(target or recorded.file_for(row.metric), []).append(row)
    return {rel: _append_to(root, rel, group, recorded) for rel, group in grouped.items()}


def _file_option(file: str | None) -> str | None:
    if file is None:
        return None
    name = file.removeprefix("data/")
    stem = name.removesuffix(".csv")
    check_slug(stem, "file name", field="file")
    return f"data/{stem}.csv"


def _append_to(root: Path, rel: str, rows: list[NewObservation], recorded: _Recorded) -> str:
    """The text of ``rel`` with ``rows`` appended, each value written so that the file
    reads it back exactly and every line already there reads as before."""
    language, memo = recorded.language, recorded.memo
    raw = read_raw(root, rel, MAX_CSV_BYTES)
    if raw is None or not raw.strip():
        raw = ",".join(HEADER) + "\n"
    newline = "\r\n" if "\r\n" in raw else "\n"
    header = raw.lstrip("\ufeff").splitlines()[0].lower().replace(" ", "").split(",")
    if any(row.source for row in rows) and "source" not in header:
        raise UserError(
            f"{rel} has no `source` column, so the source would be lost",
            hint=f"add `,source` to the first line of {rel}, or leave out the source",
        )
    before = memo.observations(raw, rel, None, language)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    for row in rows:
        cells = [row.metric, row.date.isoformat(), _written(row.value, before.rule)]
        writer.writerow(csv_row([*cells, row.source] if row.source else cells))
    if not raw.endswith("\n"):
        raw += newline
    text = raw + out.getvalue()
    _same_readings(rel, before, memo.observations(text, rel, None, language))
    return text


def _written(value: Decimal, rule: NumberRule) -> str:
    """``value`` as the file's rule reads it back exactly: with the file's own decimal
    separator (a point when it shows none), and a trailing zero where three decimals
    would be read as thousands (``1.0040`` in a Dutch file that shows no decimals)."""
    text = plain_text(value, rule.evidence.separator if rule.evidence else ".")
    for candidate in (text, f"{text}0"):
        try:
            if read_number(candidate, rule) == value:
                return candidate
        except NumberError:
            continue
    raise AssertionError(f"{text} does not read back as {value}")


def _same_readings(rel: str, before: CsvFile, after: CsvFile) -> None:
    """Refuse an append that would change how a line already in the file reads (the new
    values can show the file's decimal separator, which reads the others)."""
    old = {line: row.value for row, line in before.rows}
    new = {line: row.value for row, line in after.rows}
    for line, text in before.texts.items():
        if old.get(line) != new.get(line):
            separator = after.rule.evidence.separator if after.rule.evidence else "."
            raise UserError(
                f"{rel}:{line}: the new values show that this file writes decimals with a "
                f"{'comma' if separator == ',' else 'point'}, which would change how `{text}` "
                "on this line reads",
                hint=_rewrite_hint(line, old.get(line), separator, before.rule.language),
            )


def _rewrite_hint(line: int, value: float | None, separator: Separator, language: Language) -> str:
    """Ask for the line's value in a spelling that reads one way with or without the new
    rows (``1.0040``: four decimals separate no thousands)."""
    if value is None:
        return f"write line {line} without thousands separators first"
    exact = Decimal(repr(value))
    text = plain_text(exact, separator)
    try:
        unchanged = read_number(text, NumberRule(language)) == exact
    except NumberError:
        unchanged = False
    return f"write `{text if unchanged else text + '0'}` on line {line} first"


def describe(report: ImportReport) -> list[str]:
    """The import report as lines for the terminal: counts, then each rejected row."""
    counts = f"{len(report.accepted)} accepted, {report.already} already recorded"
    lines = [f"{report.source}: {counts}, {len(report.rejected)} rejected"]
    lines.extend(f"  row {r.row}, {r.ref}: {r.reason}" for r in report.rejected)
    return lines


def as_data(report: ImportReport) -> dict[str, object]:
    """The import report as plain data (``--format json``)."""
    return {
        "source": report.source,
        "accepted": len(report.accepted),
        "already_recorded": report.already,
        "rejected": [{"row": r.row, "cell": r.ref, "reason": r.reason} for r in report.rejected],
        "files": sorted(report.plan.texts) if report.plan else [],
    }
