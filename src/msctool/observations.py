"""Reading ``data/*.csv``: observations of metrics, as partners keep them in spreadsheets.

Format 1 is the header ``metric,date,value,source``; every row is checked
and every bad row is reported with its line and column.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from pathlib import Path

from msctool.findings import Finding
from msctool.model.metrics import Observation
from msctool.suggest import did_you_mean
from msctool.yamlsource import SourceError, read_text

MAX_CSV_BYTES = 64 * 1024 * 1024
HEADER = ("metric", "date", "value", "source")


def read_observations(
    path: Path, rel: str, metrics: set[str] | None
) -> tuple[list[Observation], list[Finding]]:
    """Valid observations of one CSV file, and a finding for every bad row.

    ``metrics`` are the metric ids of metrics.yaml; rows for others are findings
    (None: metrics.yaml is unreadable, so ids are not checked).
    """
    try:
        text = read_text(path, rel, MAX_CSV_BYTES)
    except SourceError as exc:
        return [], [exc.finding]
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        return [], [
            _finding(rel, 1, 1, "file is empty", f"start with the header `{','.join(HEADER)}`")
        ]
    columns = [name.strip().lower() for name in header]
    if tuple(columns[:3]) != HEADER[:3] or not set(columns) <= set(HEADER):
        return [], [
            _finding(
                rel,
                1,
                1,
                f"unexpected header `{','.join(header)}`",
                f"the first line must be `{','.join(HEADER)}` (source is optional)",
            )
        ]
    observations: list[Observation] = []
    findings: list[Finding] = []
    for cells in rows:
        outcome = _row(cells, columns, rel, rows.line_num, metrics)
        if isinstance(outcome, Finding):
            findings.append(outcome)
        elif outcome is not None:
            observations.append(outcome)
    return observations, findings


def _row(
    cells: list[str], columns: list[str], rel: str, line: int, metrics: set[str] | None
) -> Observation | Finding | None:
    if not any(cell.strip() for cell in cells):
        return None
    if len(cells) < 3 or len(cells) > len(columns):
        return _finding(
            rel,
            line,
            1,
            f"expected {len(columns)} columns, found {len(cells)}",
            "one observation per line",
        )
    values = dict(zip(columns, (cell.strip() for cell in cells), strict=False))
    metric, when, amount = values["metric"], values["date"], values["value"]
    if metrics is not None and metric not in metrics:
        hint = did_you_mean(metric, metrics) or "use a metric id from metrics.yaml"
        return _finding(rel, line, 1, f"unknown metric `{metric}`", hint)
    try:
        day = date.fromisoformat(when)
    except ValueError:
        return _finding(
            rel, line, _column(cells, 1), f"`{when}` is not a date", "write dates as YYYY-MM-DD"
        )
    number = _number(amount)
    if number is None:
        return _finding(
            rel,
            line,
            _column(cells, 2),
            f"`{amount}` is not a number",
            "write a plain number with a decimal point, e.g. 9.1 (no units, no thousands separators)",
        )
    return Observation.model_construct(
        metric=metric, date=day, value=number, source=values.get("source") or None
    )


def _number(text: str) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _column(cells: list[str], index: int) -> int:
    return 1 + sum(len(cell) + 1 for cell in cells[:index])


def _finding(rel: str, line: int, column: int, message: str, hint: str) -> Finding:
    return Finding("MSC011", message, rel, hint=hint, line=line, column=column)
