"""Partners' own sheets: Dutch and English column names, and dates as people type them,
read by one rule per file (:mod:`msctool.load.sheetdates`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import AS_OF, workbook
from msctool.edits.recording import import_sheet
from msctool.errors import UserError
from msctool.load.sheetdates import DateError, file_order, read_date
from msctool.rules.check import run_check


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-10-31", date(2025, 10, 31)),
        ("31-10-2025", date(2025, 10, 31)),
        ("31/10/2025", date(2025, 10, 31)),
        ("31.10.2025", date(2025, 10, 31)),
        ("31 okt 2025", date(2025, 10, 31)),
        ("31 okt. 2025", date(2025, 10, 31)),
        ("31 oktober 2025", date(2025, 10, 31)),
        ("1 mrt 2026", date(2026, 3, 1)),
        ("31 October 2025", date(2025, 10, 31)),
        ("Oct 31, 2025", date(2025, 10, 31)),
        ("10/31/2025", date(2025, 10, 31)),  # month first: 31 is no month
        ("05-05-2025", date(2025, 5, 5)),  # the same day both ways
    ],
)
def test_a_date_that_reads_one_way_needs_no_rule(text: str, day: date) -> None:
    assert read_date(text, None) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("05-06-2025", "could be 2025-06-05 (day first) or 2025-05-06 (month first)"),
        ("31-02-2026", "not a date on the calendar"),
        ("31-10-25", "a year of two digits"),
        ("31 brumaire 2025", "`brumaire` in `31 brumaire 2025` is not a month"),
        ("next week", "is not a date"),
    ],
)
def test_a_date_that_reads_two_ways_or_none_is_refused_with_why(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_date(text, None)


def test_the_file_decides_how_ambiguous_dates_read() -> None:
    assert file_order(["05-06-2025", "31-10-2025"]) == "day-first"
    assert file_order(["05/06/2025", "10/31/2025"]) == "month-first"
    assert file_order(["05-06-2025", "2025-10-31"]) is None  # no evidence
    assert file_order(["31-10-2025", "10/31/2025"]) is None  # evidence both ways
    assert read_date("05-06-2025", "day-first") == date(2025, 6, 5)
    assert read_date("05-06-2025", "month-first") == date(2025, 5, 6)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_any_date_written_day_first_reads_back_in_a_day_first_file(day: date) -> None:
    for separator in "-/.":
        text = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"
        assert read_date(text, "day-first") == day
        us = f"{day.month}{separator}{day.day}{separator}{day.year}"
        assert read_date(us, "month-first") == day


def test_a_partners_own_sheet_with_dutch_headers_and_dates_is_read(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    path = workbook(
        tmp_path / "ggd.xlsx",
        [
            ["Cijfers GGD, najaar 2026"],  # a title row above the header
            [],
            ["Indicator", "Peildatum", "Aantal", "Bron", "Opmerking"],
            ["placements", "05-10-2026", 21, "GGD", "extra column: ignored"],
            ["placements", "31-10-2026", 20, "GGD", None],  # shows the file is day first
            ["placements", "3 nov 2026", 23, "GGD", None],
        ],
    )
    report = import_sheet(root, path)
    assert report.rejected == []
    assert [(row.date, row.value) for row in report.accepted] == [
        (date(2026, 10, 5), 21),  # 5 October, not 10 May: the file writes the day first
        (date(2026, 11, 3), 23),
    ]
    assert report.already == 1  # 31 October is recorded already with this value
    assert report.plan is not None


def test_an_ambiguous_date_in_a_file_without_evidence_is_refused_by_its_cell(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    path = workbook(
        tmp_path / "partner.xlsx",
        [["metriek", "datum", "waarde"], ["placements", "05-11-2026", 21]],
    )
    report = import_sheet(root, path)
    [rejected] = report.rejected
    assert rejected.ref == "B2"
    assert "could be 2026-11-05 (day first) or 2026-05-11 (month first)" in rejected.reason
    assert report.plan is None


def test_a_partnership_adds_the_header_words_its_partners_use(
    make_partnership: Any, tmp_path: Path
) -> None:
    def words(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["collect"] = {
            "columns": {"value": ["Score"], "date": ["Meet  moment"]}
        }

    sheet = [["indicator", "meet moment", "SCORE"], ["placements", "3 nov 2026", 23]]
    with pytest.raises(UserError, match="no `date` or `value` column"):
        import_sheet(make_partnership(), workbook(tmp_path / "a.xlsx", sheet))
    root = make_partnership(words)
    report = import_sheet(root, workbook(tmp_path / "b.xlsx", sheet))
    assert [(row.date, row.value) for row in report.accepted] == [(date(2026, 11, 3), 23)]
    assert not run_check(root, as_of=AS_OF).errors  # the setting is part of the format
