"""Reading ``data/*.csv``: observations of metrics, as partners keep them in spreadsheets.

Format 1 is the header ``metric,date,value,source``; every row is checked
and every bad row is reported with its line and column. Values are read by
:mod:`msctool.load.numbers`, one rule for the whole file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from msctool.findings import Finding
from msctool.load.files import SourceError, read_text
from msctool.load.hazards import CONTROL, control_message
from msctool.load.numbers import (
    NumberError,
    NumberRule,
    plain_float,
    read_number,
    rule_for,
)
from msctool.model.common import FIGURE_HINT, MAX_FIGURE
from msctool.model.metrics import Observation
from msctool.model.vocabulary import Language
from msctool.suggest import did_you_mean

MAX_CSV_BYTES = 64 * 1024 * 1024
HEADER = ("metric", "date", "value", "source")
_HEADER_HINT = f"the first line must be `{','.join(HEADER)}` (source is optional)"
_SEMICOLON_HINT = (
    "the file uses semicolons; save it as 'CSV UTF-8 (comma delimited)' "
    '(a decimal comma is fine inside quotes: "9,1")'
)


@dataclass
class CsvFile:
    """The valid rows of one CSV file (with their line numbers) and its findings.

    ``complete`` is False when the file has bad rows or could not be read to its
    end, so rules that need every observation (stale metrics) stay quiet.
    """

    rows: list[tuple[Observation, int]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    complete: bool = True
    rule: NumberRule = field(default_factory=NumberRule)
    """How the file's values are read (its evident decimal separator, else the language)."""
    texts: dict[int, str] = field(default_factory=dict)
    """The value of each row by line, as the file writes it."""
    named: set[str] = field(default_factory=set)
    """Every metric id a row names (or may name): the rows whose reading depends on
    the metric ids of metrics.yaml (:class:`msctool.load.memo.ReadMemo`)."""

    def add(self, outcome: Observation | Finding | None, line: int) -> None:
        if isinstance(outcome, Finding):
            self.findings.append(outcome)
        elif outcome is not None:
            self.rows.append((outcome, line))


def read_observations(
    path: Path, rel: str, root: Path, metrics: set[str] | None, language: Language = "en"
) -> CsvFile:
    """Read one CSV file. ``metrics`` are the metric ids of metrics.yaml; rows for
    other ids are findings (None: metrics.yaml is unreadable, ids are not checked).
    ``language`` is the partnership's: it reads values the file leaves open."""
    try:
        text = read_text(path, rel, root, MAX_CSV_BYTES)
    except SourceError as exc:
        return CsvFile(findings=exc.findings, complete=False)
    return parse_observations(text, rel, metrics, language)


def parse_observations(
    text: str, rel: str, metrics: set[str] | None, language: Language = "en"
) -> CsvFile:
    """The rows of a CSV file's ``text`` (as :func:`read_observations` reads it)."""
    result = CsvFile()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    lines: list[tuple[list[str], int]] = []
    try:
        columns = _columns(next(reader, None), rel)
        lines.extend((cells, reader.line_num) for cells in reader)
    except _BadHeaderError as exc:
        return CsvFile(findings=[exc.finding], complete=False)
    except csv.Error as exc:
        result.findings.append(
            _finding(
                rel,
                reader.line_num,
                1,
                f"the file cannot be read from here on: {exc}",
                'look for an unclosed quote (") or a very long cell on this line',
            )
        )
    result.rule = rule_for(_value_texts(lines), language)
    # one pass over a clean file, not a search of each cell
    controls = _Controls(text, rel) if CELL_CONTROL.search(text) else None
    _read_rows(result, lines, columns, rel, metrics, controls)
    result.complete = not result.findings
    return result


def _read_rows(
    result: CsvFile,
    lines: list[tuple[list[str], int]],
    columns: list[str],
    rel: str,
    metrics: set[str] | None,
    controls: _Controls | None,
) -> None:
    """Read every row into ``result``: a row written the common way
    (:func:`_common_row`) here, any other by :func:`_row`, which says what is wrong."""
    common = columns in _COMMON_COLUMNS
    width, rule, texts, named = len(columns), result.rule, result.texts, result.named
    also = [n for n, name in enumerate(columns) if name == "metric" and n]  # metric,…,metric
    for cells, line in lines:
        if len(cells) >= 3:
            texts[line] = cells[2].strip()
        if cells:
            named.add(cells[0].strip())
        for n in also:
            named.update(cell.strip() for cell in cells[n : n + 1])
        bad = controls.finding(cells, line) if controls is not None else None
        if bad is not None:
            result.findings.append(bad)
            continue
        found = _common_row(cells, metrics, rule) if common and 3 <= len(cells) <= width else None
        if found is not None:
            result.rows.append((found, line))
        else:
            result.add(_row(cells, columns, rel, line, metrics, rule), line)
    named.discard("")  # an empty metric cell is a finding of its own, whatever the ids


_COMMON_COLUMNS = (list(HEADER), list(HEADER[:3]))


def _common_row(cells: list[str], metrics: set[str] | None, rule: NumberRule) -> Observation | None:
    """The observation of a row of 3 or 4 cells (metric, date, value, source) that
    :func:`_row` reads without a finding, when its value is written plainly; None for
    any other row (:func:`_row` reads it). A file holds tens of thousands of rows:
    this costs a third of :func:`_row` and of pydantic's ``model_construct``."""
    metric = cells[0].strip()
    if not metric or (metrics is not None and metric not in metrics):
        return None
    value = plain_float(cells[2].strip(), rule)
    if value is None:
        return None
    try:
        day = date.fromisoformat(cells[1].strip())
    except ValueError:
        return None
    source = (cells[3].strip() or None) if len(cells) == 4 else None
    return _observation(metric, day, value, source)


_FIELDS = frozenset(Observation.model_fields)


def _observation(metric: str, day: date, value: float, source: str | None) -> Observation:
    """An observation of values already read, made the way pickle makes a model
    (``__setstate__``): what ``Observation.model_construct`` makes, at a third of its cost."""
    made = Observation.__new__(Observation)
    made.__setstate__(
        {
            "__dict__": {"metric": metric, "date": day, "value": value, "source": source},
            "__pydantic_fields_set__": set(_FIELDS),
            "__pydantic_extra__": None,
            "__pydantic_private__": None,
        }
    )
    return made


class _Controls:
    """MSC017 for the rows of a file that holds a control character somewhere; asked
    of every row in turn (it counts the file's lines as the reader does)."""

    def __init__(self, text: str, rel: str) -> None:
        self.physical = _LINE_END.split(text)  # as the reader counts lines
        self.rel = rel
        self.first = 2  # the line a row starts on: the one after the previous row's end

    def finding(self, cells: list[str], line: int) -> Finding | None:
        rows, first = self.physical[self.first - 1 : line], self.first
        self.first = line + 1
        return _control_finding(cells, self.rel, rows, first)


_LINE_END = re.compile(r"\r\n|\r|\n")
CELL_CONTROL = re.compile(f"{CONTROL.pattern}|[\x85\u2028\u2029]")
"""What no cell holds: the control characters a YAML value may not hold either
(MSC017), and the line breaks that are none to a CSV reader (U+0085, U+2028,
U+2029) but one to a mail client or a Markdown reader. Tabs and line breaks a
quoted cell holds are fine, as in YAML text."""


def cell_control(text: str) -> str | None:
    """Why ``text`` cannot be a cell's value (the first control character in it), or None."""
    found = CELL_CONTROL.search(text)
    return None if found is None else control_message(found.group())


def _control_finding(cells: list[str], rel: str, rows: list[str], first: int) -> Finding | None:
    """MSC017 at the first control character of a row, like a YAML value's; ``rows`` are
    the file's lines the row spans, from line ``first`` on."""
    found = next((CELL_CONTROL.search(cell) for cell in cells if CELL_CONTROL.search(cell)), None)
    if found is None:
        return None
    line, column = _place(rows, first)
    return Finding(
        "MSC017",
        control_message(found.group()),
        rel,
        hint="remove it: a cell holds printable text",
        line=line,
        column=column,
    )


def _place(rows: list[str], first: int) -> tuple[int, int]:
    """Line and column of the first control character in ``rows``; a line break inside a
    quoted cell has none to show, so the end of the line it breaks."""
    for offset, text in enumerate(rows):
        at = CELL_CONTROL.search(text)
        if at is not None:
            return first + offset, at.start() + 1
    return first, len(rows[0]) + 1 if rows else 1


def _value_texts(lines: list[tuple[list[str], int]]) -> Iterator[tuple[str, str]]:
    """The value cells of the rows (as the rule of the file is chosen from them)."""
    return ((cells[2], f"line {line}") for cells, line in lines if len(cells) >= 3)


class _BadHeaderError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _columns(header: list[str] | None, rel: str) -> list[str]:
    if header is None:
        raise _BadHeaderError(_finding(rel, 1, 1, "file is empty", _HEADER_HINT))
    columns = [name.strip().lower() for name in header]
    if tuple(columns[:3]) == HEADER[:3] and set(columns) <= set(HEADER):
        return columns
    hint = _SEMICOLON_HINT if ";" in ",".join(header) else _HEADER_HINT
    raise _BadHeaderError(_finding(rel, 1, 1, f"unexpected header `{','.join(header)}`", hint))


def _row(
    cells: list[str],
    columns: list[str],
    rel: str,
    line: int,
    metrics: set[str] | None,
    rule: NumberRule,
) -> Observation | Finding | None:
    if not any(cell.strip() for cell in cells):
        return None
    if len(cells) < 3 or len(cells) > len(columns):
        return _finding(rel, line, 1, _count_message(cells, columns), _count_hint(cells, columns))
    values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
    metric, when, amount = values["metric"], values["date"], values["value"]
    if not metric:
        return _finding(rel, line, 1, "the metric column is empty", "write a metric id")
    if metrics is not None and metric not in metrics:
        hint = did_you_mean(metric, metrics) or "use a metric id from metrics.yaml"
        return _finding(rel, line, 1, f"unknown metric `{metric}`", hint)
    try:
        day = date.fromisoformat(when)
    except ValueError:
        column = _column(cells, 1)
        return _finding(rel, line, column, f"`{when}` is not a date", "write dates as YYYY-MM-DD")
    try:
        number = read_number(amount, rule)
    except NumberError as exc:
        return _finding(rel, line, _column(cells, 2), exc.reason, exc.hint)
    if abs(number) > MAX_FIGURE:
        return _finding(rel, line, _column(cells, 2), f"`{amount}` is too large", FIGURE_HINT)
    source = values.get("source") or None
    return Observation.model_construct(metric=metric, date=day, value=float(number), source=source)


def _count_message(cells: list[str], columns: list[str]) -> str:
    expected = "3 or 4" if len(columns) == 4 else str(len(columns))
    return f"expected {expected} columns, found {len(cells)}"


def _count_hint(cells: list[str], columns: list[str]) -> str:
    if len(cells) == len(columns) + 1 and cells[2].strip().lstrip("-").isdigit():
        whole, fraction = cells[2].strip(), cells[3].strip()
        return f'a decimal comma splits the value: write `{whole}.{fraction}` or `"{whole},{fraction}"`'
    return "one observation per line: metric,date,value,source; quote text that holds a comma"


def _column(cells: list[str], index: int) -> int:
    return 1 + sum(len(cell) + 1 for cell in cells[:index])


def _finding(rel: str, line: int, column: int, message: str, hint: str) -> Finding:
    return Finding("MSC011", message, rel, hint=hint, line=line, column=column)
