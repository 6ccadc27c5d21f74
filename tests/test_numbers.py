"""Figures are read exactly, or refused with the reason: one reader for typed numbers
(data/*.csv, ``msc metric import``, ``msc metric record``), one rule per file, and
workbooks read by the rows they hold."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import AS_OF, base_files, msc, workbook, write_tree
from msctool.edits.recording import import_sheet, record
from msctool.edits.saving import save
from msctool.errors import UserError
from msctool.load.numbers import NumberError, from_cell, read_single
from msctool.load.observations import parse_observations
from msctool.load.spreadsheet import read_sheet
from msctool.rules.check import run_check

CSV = "data/placements.csv"
HEADER = "metric,date,value,source\n"
DAY = date(2026, 12, 1)


def partnership(root: Path, language: str, data: str | None = None) -> Path:
    files = base_files()
    files["partnership.yaml"]["language"] = language
    if data is not None:
        files[CSV] = HEADER + data
    return write_tree(root, files)


def check_findings(root: Path) -> list[tuple[str, int | None, int | None, str, str | None]]:
    report = run_check(root, as_of=AS_OF)
    return [(f.code, f.line, f.column, f.message, f.hint) for f in report.findings]


def values_of(root: Path) -> list[float]:
    from msctool.load.loader import load_tree
    from msctool.load.sourcetree import FolderTree

    loaded = load_tree(FolderTree(root))
    assert loaded.partnership is not None
    return [o.value for o in loaded.partnership.observations]


# -- one value: both conventions open ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("nl", "1,0040", "1.0040"),  # four decimals group no thousands
        ("nl", "12.500,5", "12500.5"),
        ("nl", "1.000.000", "1000000"),
        ("nl", "9.1", "9.1"),  # a point followed by one digit groups nothing: a decimal
        ("nl", "0.004", "0.004"),  # a number never starts with a group of 0
        ("nl", "-1 004,5", "-1004.5"),
        ("nl", "1\u00a0004", "1004"),
        ("nl", "\u22123,5", "-3.5"),
        ("en", "1.0040", "1.0040"),
        ("en", "12,5", "12.5"),  # either convention, where both read one number
        ("nl", "12.5", "12.5"),
        ("en", "1,004.5", "1004.5"),
        ("en", "1'004.5", "1004.5"),
        ("en", "+12", "12"),
        ("en", "9,1", "9.1"),
        ("en", "8.0", "8.0"),
        ("en", "0.30000000000000004", "0.30000000000000004"),  # a float's shortest form
        ("en", "123456789012345", "123456789012345"),
    ],
)
def test_a_single_value_is_read_by_either_convention(language: Any, text: str, number: str) -> None:
    assert str(read_single(text, language)) == number


@pytest.mark.parametrize(
    ("language", "text", "message"),
    [
        (
            "nl",
            "1.004",
            "`1.004` could be 1004 (`.` separating thousands) or 1.004 (`.` as decimal point); "
            "write 1004 or 1,0040",
        ),
        (
            "en",
            "12,500",
            "`12,500` could be 12500 (`,` separating thousands) or 12.500 (`,` as decimal comma); "
            "write 12500 or 12.5",
        ),
        # the language does not choose: both conventions are open to a value on its own
        ("en", "1.004", "`1.004` could be 1004 (`.` separating thousands) or 1.004 (`.` as"),
        ("en", "12.500", "`12.500` could be 12500 (`.` separating thousands) or 12.500"),
        ("en", "1.000", "`1.000` could be 1000 (`.` separating thousands) or 1.000"),
        ("nl", "1,004", "`1,004` could be 1004 (`,` separating thousands) or 1.004 (`,` as"),
        ("nl", "1,000", "`1,000` could be 1000 (`,` separating thousands) or 1.000"),
        ("nl", "-1.004", "`-1.004` could be -1004 (`.` separating thousands) or -1.004"),
        ("en", "1e3", "`1e3` is written with an exponent; write the number in full"),
        ("en", "2.5E-3", "`2.5E-3` is written with an exponent"),
        ("nl", "NaN", "`NaN` is not a number (NaN and infinity are no measurement)"),
        ("en", "-Infinity", "`-Infinity` is not a number (NaN and infinity"),
        ("en", "12.5 %", "`12.5 %` holds a percent sign"),
        ("en", "1_000", "`1_000` is not a number"),
        ("nl", "1.00.0", "`1.00.0` is not a number: its separators do not fit"),
        ("nl", "1.000 000", "`1.000 000` is not a number: its separators do not fit"),
        ("en", "5.", "`5.` is not a number: its separators do not fit"),
        ("en", "1" * 31, f"`{'1' * 31}` has more than 30 digits"),
        ("en", "", "the value is empty"),
        (
            "en",
            "12345678901234567",
            "`12345678901234567` has more significant digits than msc keeps exactly (15); "
            "write 12345678901234600",
        ),
        ("nl", "1.004 ", "`1.004` could be 1004"),
    ],
)
def test_a_single_value_is_refused_with_its_reason(language: Any, text: str, message: str) -> None:
    with pytest.raises(NumberError) as caught:
        read_single(text, language)
    assert caught.value.message.startswith(message)
    assert caught.value.text == text.strip()


def test_a_number_cell_is_the_decimal_the_spreadsheet_shows() -> None:
    assert [str(from_cell(x)) for x in (0.1 + 0.2, 180.0, 23.5, 7, 1 / 3)] == [
        "0.3",
        "180",
        "23.5",
        "7",
        "0.333333333333333",
    ]
    for refused in (float("nan"), float("inf"), 10**40, 1e-40):
        with pytest.raises(NumberError):
            from_cell(refused)


# -- data/*.csv: one rule for the whole file ----------------------------------------


def test_data_csv_refuses_an_ambiguous_value_where_the_file_shows_no_decimals(
    tmp_path: Path,
) -> None:
    root = partnership(tmp_path, "nl", "placements,2026-10-31,20\nplacements,2026-11-20,1.004\n")
    assert check_findings(root) == [
        (
            "MSC011",
            3,
            23,
            "`1.004` could be 1004 (`.` separating thousands) or 1.004 (`.` as decimal point)",
            "write 1004 or 1,0040",
        )
    ]


def test_data_csv_reads_by_the_decimal_separator_the_file_shows(tmp_path: Path) -> None:
    points = "placements,2026-10-31,9.1\nplacements,2026-11-20,1.004\n"
    assert values_of(partnership(tmp_path / "a", "nl", points)) == [9.1, 1.004]
    commas = 'placements,2026-10-31,"12.500,5"\nplacements,2026-11-20,1.004\n'
    assert values_of(partnership(tmp_path / "b", "en", commas)) == [12500.5, 1004]
    groups = "placements,2026-10-31,1.000.000\nplacements,2026-11-20,1.004\n"
    assert values_of(partnership(tmp_path / "c", "en", groups)) == [1000000, 1004]


def test_data_csv_refuses_a_value_written_the_other_way_than_the_file(tmp_path: Path) -> None:
    root = partnership(tmp_path, "nl", 'placements,2026-10-31,9.1\nplacements,2026-11-20,"9,5"\n')
    [(code, line, _col, message, hint)] = check_findings(root)
    assert (code, line, hint) == ("MSC011", 3, "write 9.5")
    assert message == (
        "`9,5` is read as 9.5 only with a decimal comma, but this file writes decimals "
        "with a point (`9.1`, line 2)"
    )


@pytest.mark.parametrize("text", ["1e3", "1E+3", "nan", "Infinity", "1_000", "12%"])
def test_data_csv_refuses_what_people_do_not_type(tmp_path: Path, text: str) -> None:
    root = partnership(tmp_path, "en", f"placements,2026-11-20,{text}\n")
    [(code, line, column, message, _hint)] = check_findings(root)
    assert (code, line, column) == ("MSC011", 2, 23)
    assert message.startswith(f"`{text}` ")


# -- import and record ------------------------------------------------------------


def test_import_refuses_an_ambiguous_value_with_its_cell_and_both_readings(
    tmp_path: Path,
) -> None:
    root = partnership(tmp_path / "p", "nl")
    sheet = tmp_path / "members.csv"
    sheet.write_text("metric,date,value\nplacements,2026-11-27,1.004\n")
    report = import_sheet(root, sheet)
    assert (report.accepted, report.plan) == ([], None)
    [rejected] = report.rejected
    assert (rejected.row, rejected.ref) == (2, "line 2, column 3")
    assert rejected.reason == (
        "`1.004` could be 1004 (`.` separating thousands) or 1.004 (`.` as decimal point); "
        "write 1004 or 1,0040"
    )


def test_import_of_a_semicolon_export_reads_its_values_by_one_rule(tmp_path: Path) -> None:
    root = partnership(tmp_path / "p", "nl")
    sheet = tmp_path / "export.csv"
    sheet.write_text("metric;date;value\nplacements;2026-11-27;1.004\nplacements;2026-11-28;7\n")
    [rejected] = import_sheet(root, sheet).rejected
    assert "could be 1004" in rejected.reason
    sheet.write_text(
        "metric;date;value\nplacements;2026-11-27;1.004\nplacements;2026-11-28;12.500,5\n"
    )
    report = import_sheet(root, sheet)
    assert [(r.value, r.text) for r in report.accepted] == [
        (Decimal(1004), "1004"),
        (Decimal("12500.5"), "12500.5"),
    ]


def test_import_reads_workbook_text_cells_and_number_cells_exactly(tmp_path: Path) -> None:
    root = partnership(tmp_path / "p", "nl")
    path = workbook(
        tmp_path / "figures.xlsx",
        [
            ["metric", "date", "value"],
            ["placements", date(2026, 11, 24), "12.500,5"],  # a text cell: read by the rule
            ["placements", date(2026, 11, 25), 0.1 + 0.2],  # a number cell: as shown
            ["placements", date(2026, 11, 26), "1.004"],  # the file shows a decimal comma
        ],
    )
    report = import_sheet(root, path)
    assert report.rejected == [] and report.plan is not None
    save(report.plan, as_of=AS_OF)
    assert (root / CSV).read_text().splitlines()[-3:] == [
        "placements,2026-11-24,12500.5",
        "placements,2026-11-25,0.3",
        "placements,2026-11-26,1004",
    ]
    assert not run_check(root, as_of=AS_OF).errors


def test_import_refuses_an_ambiguous_workbook_text_cell_by_its_cell(tmp_path: Path) -> None:
    root = partnership(tmp_path / "p", "nl")
    path = workbook(
        tmp_path / "figures.xlsx",
        [["metric", "date", "value"], ["placements", date(2026, 11, 24), "2.500"]],
    )
    [rejected] = import_sheet(root, path).rejected
    assert (rejected.ref, rejected.reason.split(";")[0]) == (
        "C2",
        "`2.500` could be 2500 (`.` separating thousands) or 2.500 (`.` as decimal point)",
    )


def test_record_reads_by_the_language_and_writes_what_the_file_reads_back(
    tmp_path: Path,
) -> None:
    root = partnership(tmp_path, "nl", "placements,2026-10-31,20\n")
    with pytest.raises(UserError, match=r"^`1\.004` could be 1004 .* or 1\.004 "):
        record(root, "placements", "1.004", DAY)
    with pytest.raises(UserError, match=r"^`1,004` could be 1004 .* or 1\.004 "):
        record(root, "placements", "1,004", DAY)
    save(record(root, "placements", "1,0040", DAY), as_of=AS_OF)
    # `1.004` alone would read as 1004 or 1.004 here: a trailing zero says which
    assert (root / CSV).read_text().endswith("placements,2026-12-01,1.0040\n")
    assert values_of(root) == [20, 1.004]
    save(record(root, "placements", "1.000.000", date(2026, 12, 2)), as_of=AS_OF)
    assert values_of(root) == [20, 1.004, 1000000]


def test_record_in_an_english_partnership(tmp_path: Path) -> None:
    root = partnership(tmp_path, "en", "placements,2026-10-31,20\n")
    with pytest.raises(UserError, match=r"could be 1004 \(`,` separating thousands\)"):
        record(root, "placements", "1,004", DAY)
    for typed in ("1.004", "12.500", "1.000"):  # a decimal comma is open in English too
        with pytest.raises(UserError, match=r"\(`\.` separating thousands\) or .* decimal point"):
            record(root, "placements", typed, DAY)
    save(record(root, "placements", "12.500,5", DAY), as_of=AS_OF)
    assert (root / CSV).read_text().endswith("placements,2026-12-01,12500.5\n")


def test_record_writes_in_the_decimal_separator_the_file_shows(tmp_path: Path) -> None:
    root = partnership(tmp_path, "en", 'placements,2026-10-31,"20,5"\n')
    save(record(root, "placements", "7.25", DAY), as_of=AS_OF)
    assert (root / CSV).read_text().endswith('placements,2026-12-01,"7,25"\n')
    assert values_of(root) == [20.5, 7.25]


def test_an_append_that_shows_a_separator_keeps_every_line_as_it_read(tmp_path: Path) -> None:
    data = 'placements,2026-10-31,"1 004"\n'  # reads 1004 by either convention
    root = partnership(tmp_path, "nl", data)
    save(record(root, "placements", "9,5", DAY), as_of=AS_OF)
    assert (root / CSV).read_text() == HEADER + data + "placements,2026-12-01,9.5\n"
    assert values_of(root) == [1004, 9.5]


def test_a_refusal_shows_the_value_as_the_file_writes_it(tmp_path: Path) -> None:
    root = partnership(tmp_path, "en", "placements,2026-10-31,20.50\n")
    with pytest.raises(UserError, match=r"already recorded as 20\.50 \(data/placements\.csv:2\)"):
        record(root, "placements", "21", date(2026, 10, 31))


# -- the same value is accepted everywhere or nowhere -------------------------------

TYPED = st.text(alphabet="0123456789.,-+ '\u00a0e%x", min_size=1, max_size=12)
STYLED = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=3
)
PROPERTIES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _outcome(read: Any) -> Decimal | str:
    try:
        return Decimal(read())
    except (UserError, NumberError):
        return "refused"


def _outcomes(root: Path, folder: Path, text: str, language: str) -> dict[str, Decimal | str]:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(["placements", "2026-12-01", text])
    rows = HEADER + out.getvalue()
    sheet = folder / "sheet.csv"
    sheet.write_text(rows, encoding="utf-8")
    book = workbook(folder / "sheet.xlsx", [["metric", "date", "value"], ["placements", DAY, text]])

    def data_csv() -> float:
        read = parse_observations(rows, CSV, None, language)
        if read.findings:
            raise UserError(read.findings[0].message)
        [(row, _line)] = read.rows
        return row.value

    def imported(path: Path) -> Decimal:
        report = import_sheet(root, path)
        if report.rejected:
            raise UserError(report.rejected[0].reason)
        [row] = report.accepted
        return row.value

    def recorded() -> Decimal:
        plan = record(root, "placements", text, DAY)
        return Decimal(
            plan.texts[CSV].splitlines()[-1].split(",", 2)[2].strip('"').replace(",", ".")
        )

    return {
        "data/*.csv": _outcome(lambda: repr(data_csv())),
        "import csv": _outcome(lambda: imported(sheet)),
        "import xlsx": _outcome(lambda: imported(book)),
        "record": _outcome(recorded),
    }


@pytest.mark.parametrize("language", ["nl", "en"])
@PROPERTIES
@given(text=st.one_of(TYPED, STYLED.map(str)))
@example(text="1.004")
@example(text="1,004")
@example(text="12.500,5")
@example(text="1 004,5")
@example(text="9.1")
@example(text="1e3")
def test_the_same_value_is_accepted_everywhere_or_nowhere(
    tmp_path: Path, language: str, text: str
) -> None:
    root = tmp_path / language
    if not root.exists():
        partnership(root, language)
    outcomes = _outcomes(root, tmp_path, text, language)
    assert len(set(outcomes.values())) == 1, (text, outcomes)


def _convention_reading(text: str, decimal: str) -> Decimal | None:
    """``text`` read by one convention (``decimal`` separates decimals, the other mark
    groups thousands), or None when that convention does not read it: the test's own
    reader, written apart from msc's."""
    group = "," if decimal == "." else "."
    sign, body = ("-", text[1:]) if text[:1] == "-" else ("", text)
    whole, _, fraction = body.partition(decimal)
    if (not whole and not fraction) or decimal in fraction or group in fraction:
        return None
    parts = whole.split(group)
    if len(parts) > 1 and (
        not parts[0]
        or parts[0][0] == "0"
        or len(parts[0]) > 3
        or any(len(p) != 3 for p in parts[1:])
    ):
        return None
    digits = "".join(parts)
    if not (digits or fraction).isdigit() or not all(p.isdigit() for p in (digits, fraction) if p):
        return None
    return Decimal(f"{sign}{digits or 0}.{fraction or 0}")


@pytest.mark.parametrize("language", ["nl", "en"])
@PROPERTIES
@given(text=st.text(alphabet="0123456789.,-", min_size=1, max_size=10))
@example(text="12.500")
@example(text="1.000")
@example(text="1,004")
@example(text="12.500,5")
def test_no_single_value_is_read_as_one_number_that_another_convention_reads_as_another(
    language: Any, text: str
) -> None:
    """Both conventions are open to a value typed on its own, so whatever is accepted is
    the number every convention that reads the text reads it as."""
    readings = {r for d in (".", ",") if (r := _convention_reading(text, d)) is not None}
    try:
        number = read_single(text, language)
    except NumberError as refused:
        assert refused.text == text
        if len(readings) > 1:  # refused for its two readings, and says both
            said = re.findall(r"could be (\S+) .* or (\S+) ", refused.reason)
            assert said and {Decimal(r) for r in said[0]} == readings, refused.reason
        return
    assert readings == {number}, (text, readings, number)


@pytest.mark.parametrize("language", ["nl", "en"])
@PROPERTIES
@given(number=STYLED)
def test_a_decimal_formatted_in_the_language_reads_back_as_itself(
    language: Any, number: Decimal
) -> None:
    plain = format_decimal(
        number, locale=language, decimal_quantization=False, group_separator=False
    )
    grouped = format_decimal(number, locale=language, decimal_quantization=False)
    for text in (plain, grouped):
        try:
            assert read_single(text, language) == number
        except NumberError as refused:  # `1.004`, `1,004`: both readings, one is the number
            readings = re.findall(r"could be (\S+) .* or (\S+) ", refused.reason)
            assert readings and number in {Decimal(r) for r in readings[0]}


@pytest.mark.parametrize("language", ["nl", "en"])
@PROPERTIES
@given(numbers=st.lists(STYLED, min_size=1, max_size=8))
def test_a_file_of_formatted_decimals_reads_back_exactly(
    language: Any, numbers: list[Decimal]
) -> None:
    """A file in one style shows its decimal separator (here through 0.5): every value reads back."""
    texts = [format_decimal(n, locale=language, decimal_quantization=False) for n in numbers]
    rows = [f'placements,2026-01-{day:02d},"{t}"' for day, t in enumerate([*texts, "0.5"], 1)]
    if language == "nl":
        rows[-1] = rows[-1].replace("0.5", "0,5")
    read = parse_observations(HEADER + "\n".join(rows) + "\n", CSV, None, language)
    assert read.findings == []
    assert [row.value for row, _line in read.rows] == [float(n) for n in [*numbers, Decimal("0.5")]]


# -- workbooks: the rows the file holds, not the dimension it declares ---------------

ROWS: list[list[Any]] = [
    ["metric", "date", "value"],
    *[["placements", date(2026, 11, day), day] for day in range(1, 6)],
]


def _dimension(ref: str) -> Any:
    return lambda xml: re.sub(r'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>', xml)


def _last_row_at(number: int, dimension: str | None) -> Any:
    def edit(xml: str) -> str:
        xml = xml.replace('<row r="6"', f'<row r="{number}"')
        xml = re.sub(r'r="([A-Z]+)6"', rf'r="\g<1>{number}"', xml)
        if dimension is None:
            return re.sub(r'<dimension ref="[^"]*" ?/>', "", xml)
        return _dimension(dimension)(xml)

    return edit


@pytest.mark.parametrize(
    ("edit", "last"),
    [
        (_dimension("A1:C2"), 6),  # too small
        (_dimension("A1"), 6),  # a single cell
        (_dimension("A1:XFD1048576"), 6),  # the whole sheet
        (_last_row_at(20_000_000, "A1:C20000000"), 20_000_000),
        (_last_row_at(20_000_000, "A1:C3"), 20_000_000),
        (_last_row_at(20_000_000, None), 20_000_000),  # no dimension at all
    ],
    ids=["too-small", "one-cell", "whole-sheet", "row-20M", "row-20M-small", "row-20M-none"],
)
def test_a_workbook_is_read_by_its_rows_not_its_declared_dimension(
    tmp_path: Path, edit: Any, last: int
) -> None:
    path = workbook(tmp_path / "sheet.xlsx", ROWS, edit)
    # a subprocess only as a guard against a hang (openpyxl pads up to the declared size)
    code = (
        "import json, sys; from pathlib import Path; from msctool.load.spreadsheet import read_sheet; "
        "rows = read_sheet(Path(sys.argv[1])).rows; "
        "print(json.dumps([[r.number, r.cells['value'].value] for r in rows]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[2, 1], [3, 2], [4, 3], [5, 4], [last, 5]]


def test_a_formula_without_a_result_is_found_past_a_small_dimension(tmp_path: Path) -> None:
    root = partnership(tmp_path / "p", "en")
    rows = [*ROWS, ["placements", date(2026, 11, 30), "=20+3"]]
    path = workbook(tmp_path / "sheet.xlsx", rows, _dimension("A1:C2"))
    report = import_sheet(root, path)
    assert [(r.ref, r.reason.split(" (")[0]) for r in report.rejected] == [
        ("C7", "the cell holds a formula")
    ]
    assert len(report.accepted) == 5


def test_read_sheet_of_a_workbook_keeps_every_row(tmp_path: Path) -> None:
    path = workbook(tmp_path / "sheet.xlsx", ROWS, _dimension("A1:C2"))
    assert [row.number for row in read_sheet(path).rows] == [2, 3, 4, 5, 6]


# -- numbers typed into the YAML files -----------------------------------------------


def test_a_yaml_number_that_reads_two_ways_in_a_dutch_partnership_is_a_finding(
    tmp_path: Path,
) -> None:
    files = base_files()
    files["partnership.yaml"]["language"] = "nl"
    write_tree(tmp_path, files)
    partners = tmp_path / "partners.yaml"
    text = partners.read_text().replace("amount: 100", "amount: 12.500", 1)
    partners.write_text(text)
    metrics = tmp_path / "metrics.yaml"
    metrics.write_text(metrics.read_text() + "# 1.004 in a comment is no number\n")
    [line] = [n for n, row in enumerate(text.splitlines(), 1) if row.endswith("amount: 12.500")]
    column = text.splitlines()[line - 1].index("12.500") + 1
    assert [f for f in check_findings(tmp_path) if f[0] == "MSC006"] == [
        (
            "MSC006",
            line,
            column,
            "`12.500` could be 12500 (`.` separating thousands) or 12.500 (a decimal point)",
            "write 12500, or 12.5 for the decimal",
        )
    ]


@pytest.mark.parametrize(
    ("language", "written", "count"),
    [("nl", "1.004", 1), ("nl", '"1.004"', 0), ("nl", "1.0040", 0), ("en", "1.004", 1)],
)
def test_a_yaml_number_reads_two_ways_only_unquoted(
    tmp_path: Path, language: str, written: str, count: int
) -> None:
    from msctool.load.files import Source
    from msctool.load.yamlnumbers import ambiguous_numbers

    source = Source("metrics.yaml", f"metrics:\n  - baseline:\n      value: {written}\n")
    found = ambiguous_numbers(source, language)  # type: ignore[arg-type]
    assert len(found) == count
    if count:
        assert (found[0].line, found[0].column, found[0].hint) == (
            3,
            14,
            "write 1004, or 1.0040 for the decimal",
        )


# -- counts typed on the command line ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "typed", "written", "error"),
    [
        ("nl", "1.004", None, "--participants: `1.004` could be 1004 (`.` separating thousands)"),
        ("en", "1,004", None, "--participants: `1,004` could be 1004 (`,` separating thousands)"),
        ("en", "1.000", None, "--participants: `1.000` could be 1000 (`.` separating thousands)"),
        ("nl", "1,000", None, "--participants: `1,000` could be 1000 (`,` separating thousands)"),
        ("en", "12,0", "12", None),
        ("en", "12.5", None, "--participants: `12.5` is not a whole number of 0 or more"),
        ("en", "-3", None, "--participants: `-3` is not a whole number of 0 or more"),
        ("en", "1e3", None, "--participants: `1e3` is written with an exponent"),
        ("nl", "1.000.000", "1000000", None),
        ("en", "1,004.0", "1004", None),
        ("nl", "40", "40", None),
    ],
)
def test_engage_add_reads_participants_like_every_typed_number(
    tmp_path: Path, language: str, typed: str, written: str | None, error: str | None
) -> None:
    root = partnership(tmp_path, language)
    before = (root / "engagement.yaml").read_text()
    result = msc(
        "engage", "add", "survey-1", "--title", "Survey", "--method", "survey",
        "--segment", "students", "--participants", typed, "--heard", "Too far",
        "--changed", "Second desk", "--date", "2026-11-02", "-C", str(root),
    )  # fmt: skip
    if error is not None:
        assert result.exit_code == 2
        assert result.stderr.startswith(f"msc: error: {error}")
        assert (root / "engagement.yaml").read_text() == before
    else:
        assert result.exit_code == 0, result.output
        assert f"participants: {written}\n" in (root / "engagement.yaml").read_text()


# -- control characters in data cells -------------------------------------------------

CONTROLS = ["\x1b", "\x00", "\x07", "\x0b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize("column", ["metric", "value", "source"])
def test_check_reports_a_control_character_in_a_data_cell_where_it_is(
    tmp_path: Path, char: str, column: str
) -> None:
    cells = {"metric": "placements", "value": "512", "source": "survey"}
    cells[column] = f"{cells[column][:2]}{char}{cells[column][2:]}"
    row = ",".join(f'"{cells[name]}"' for name in ("metric", "value", "source"))
    row = row.replace(",", ",2026-11-20,", 1) + "\n"  # every cell quoted: \r stays in it
    root = partnership(tmp_path, "en", "placements,2026-10-31,20\n" + row)
    start = {"metric": 2, "value": 26, "source": 32}[column]  # after the opening quote
    assert check_findings(root) == [
        (
            "MSC017",
            3,
            start + 2,
            f"a control character (U+{ord(char):04X}) in a value",
            "remove it: a cell holds printable text",
        )
    ]


@pytest.mark.parametrize("char", CONTROLS)
def test_record_and_import_refuse_a_control_character_before_writing(
    tmp_path: Path, char: str
) -> None:
    root = partnership(tmp_path / "p", "en", "placements,2026-10-31,20\n")
    before = (root / CSV).read_text()
    with pytest.raises(UserError, match=rf"^a control character \(U\+{ord(char):04X}\) in a value"):
        record(root, "placements", "5", DAY, source=f"a{char}b")
    sheet = tmp_path / "sheet.csv"  # a workbook cannot hold most control characters
    with sheet.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(
            [["metric", "date", "value", "source"], ["placements", DAY, 5, f"a{char}b"]]
        )
    report = import_sheet(root, sheet)
    assert (report.accepted, report.plan) == ([], None)
    [rejected] = report.rejected
    assert rejected.ref.endswith(", column 4")  # the source cell
    assert rejected.reason == f"a control character (U+{ord(char):04X}) in a value: remove it"
    assert (root / CSV).read_text() == before


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n"])
def test_record_and_import_refuse_a_line_break_in_a_value_before_writing(
    tmp_path: Path, brk: str
) -> None:
    """One observation is one line (a quoted CR once broke the data file; an LF was
    written as a two-line cell); the other breaks are control characters (above)."""
    root = partnership(tmp_path / "p", "en", "placements,2026-10-31,20\n")
    before = (root / CSV).read_text()
    with pytest.raises(UserError, match=r"^a line break in a value"):
        record(root, "placements", "5", DAY, source=f"a{brk}b")
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(
            [["metric", "date", "value", "source"], ["placements", DAY, 5, f"a{brk}b"]]
        )
    report = import_sheet(root, sheet)
    assert (report.accepted, report.plan) == ([], None)
    [rejected] = report.rejected
    assert rejected.reason == "a line break in a value (an observation is one line): remove it"
    assert (root / CSV).read_text() == before


# -- numbers in the YAML files: a YAML number, never text --------------------------


def _models() -> list[type[Any]]:
    import importlib
    import inspect
    import pkgutil

    from pydantic import BaseModel

    import msctool.model

    found: dict[str, type[Any]] = {}
    for module in pkgutil.iter_modules(msctool.model.__path__):
        loaded = importlib.import_module(f"msctool.model.{module.name}")
        for obj in vars(loaded).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseModel)
                and obj.__module__ == loaded.__name__
            ):
                found[obj.__qualname__] = obj
    return list(found.values())


def _numeric(prop: dict[str, Any]) -> bool:
    """Whether a JSON-schema property holds numbers (alone, optional or in a list)."""
    if prop.get("type") in ("number", "integer"):
        return True
    inner = [*prop.get("anyOf", []), *([prop["items"]] if "items" in prop else [])]
    return any(_numeric(p) for p in inner)


NUMBER_FIELDS = [
    (model, name)
    for model in _models()
    for name, prop in model.model_json_schema()["properties"].items()
    if _numeric(prop)
]


def test_the_models_have_number_fields_to_check() -> None:
    names = {f"{model.__name__}.{name}" for model, name in NUMBER_FIELDS}
    assert {
        "Input.amount",
        "Engagement.participants",
        "Point.value",
        "Thresholds.scorecard_cap",
    } <= names
    assert len(names) >= 20


@pytest.mark.parametrize(
    ("model", "name"), NUMBER_FIELDS, ids=[f"{m.__name__}.{n}" for m, n in NUMBER_FIELDS]
)
@pytest.mark.parametrize("typed", ["210.000", "1.000", "12", "12,5", True])
def test_every_number_field_refuses_text_and_yes_no(model: Any, name: str, typed: object) -> None:
    from pydantic import ValidationError

    alias = model.model_fields[name].alias or name
    is_list = "items" in json.dumps(model.model_json_schema()["properties"][alias])
    with pytest.raises(ValidationError) as caught:
        model.model_validate({alias: [typed] if is_list else typed})
    here = [e for e in caught.value.errors() if e["loc"][:1] == (alias,)]
    assert [e["type"] for e in here] in (["float_type"], ["int_type"]), here


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        (
            "roi.yaml",
            "amount: 210000",
            'amount: "210.000"',
            "amount: expected a number, found `210.000`",
        ),
        (
            "engagement.yaml",
            "participants: 14",
            'participants: "1.000"',
            "participants: expected a whole number, found `1.000`",
        ),
    ],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_quoted_figure_in_yaml_is_refused_as_typed(
    tmp_path: Path, rel: str, old: str, new: str, message: str, language: str
) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "partnership-demo", root)
    meta = root / "partnership.yaml"
    meta.write_text(re.sub(r"(?m)^language: \w+", f"language: {language}", meta.read_text()))
    text = (root / rel).read_text()
    assert old in text
    (root / rel).write_text(text.replace(old, new, 1))
    found = [f for f in check_findings(root) if f[0] in ("MSC006", "MSC011")]
    assert [(f[3], f[4]) for f in found] == [
        (
            message,
            "write the number without quotes, with a decimal point and no thousands "
            "separators (12500, or 12.5)",
        )
    ]


def test_tabs_and_line_breaks_in_a_quoted_cell_are_text_as_in_yaml(tmp_path: Path) -> None:
    root = partnership(
        tmp_path, "en", 'placements,2026-10-31,20,"Desk log\tMarch\r\nsecond line"\n'
    )
    assert [f for f in check_findings(root) if f[0] == "MSC017"] == []
    assert values_of(root) == [20]
