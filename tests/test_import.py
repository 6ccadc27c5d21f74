"""``msc metric record`` and ``msc metric import``: observations appended to data/*.csv,
bad rows reported with their row, cell and reason, nothing half-done."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers import AS_OF, msc, workbook
from msctool.edits.recording import import_sheet, record
from msctool.edits.saving import save
from msctool.errors import UsageError, UserError
from msctool.rules.check import run_check

CSV = "data/placements.csv"
ORIGINAL = (
    "metric,date,value,source\nplacements,2026-10-31,20,city\nplacements,2026-11-20,22,city\n"
)


def test_record_appends_one_row_and_keeps_the_rest_byte_exact(make_partnership: Any) -> None:
    root = make_partnership()
    result = save(record(root, "placements", "24.5", date(2026, 11, 30), "city"), as_of=AS_OF)
    assert result.files == (CSV,)
    assert (root / CSV).read_text() == ORIGINAL + "placements,2026-11-30,24.5,city\n"
    assert result.message == "Metric placements: 24.5 on 2026-11-30"


def test_record_keeps_crlf_and_adds_a_missing_final_newline(make_partnership: Any) -> None:
    root = make_partnership()
    crlf = ORIGINAL.replace("\n", "\r\n").removesuffix("\r\n")
    (root / CSV).write_bytes(crlf.encode())
    save(record(root, "placements", "25", date(2026, 11, 30)), as_of=AS_OF)
    assert (root / CSV).read_bytes().decode() == crlf + "\r\nplacements,2026-11-30,25\r\n"


def test_record_appends_to_a_data_file_whose_name_holds_a_colon(make_partnership: Any) -> None:
    root = make_partnership(lambda files: files.pop(CSV))
    (root / "data").mkdir()
    (root / "data/back:bone.csv").write_text(ORIGINAL)
    result = save(record(root, "placements", "24", date(2026, 11, 30)), as_of=AS_OF)
    assert result.files == ("data/back:bone.csv",)
    assert (root / "data/back:bone.csv").read_text() == ORIGINAL + "placements,2026-11-30,24\n"
    assert sorted(p.name for p in (root / "data").iterdir()) == ["back:bone.csv"]


def test_record_makes_the_data_folder_when_missing(make_partnership: Any) -> None:
    root = make_partnership(lambda files: files.pop(CSV))
    assert not (root / "data").exists()
    save(record(root, "placements", "3", date(2026, 11, 30), "desk log"), as_of=AS_OF)
    assert (
        root / CSV
    ).read_text() == "metric,date,value,source\nplacements,2026-11-30,3,desk log\n"


@pytest.mark.parametrize(
    ("metric", "value", "day", "message"),
    [
        (
            "placement",
            "3",
            date(2026, 11, 30),
            "unknown metric `placement` (did you mean `placements`?)",
        ),
        ("placements", "12 %", date(2026, 11, 30), "`12 %` holds a percent sign"),
        ("placements", "21", date(2026, 10, 31), "already recorded as 20 (data/placements.csv:2)"),
        ("placements", "1,004", date(2026, 11, 30), "`1,004` could be 1004 (`,` separating"),
        ("placements", "1e3", date(2026, 11, 30), "`1e3` is written with an exponent"),
        ("placements", "NaN", date(2026, 11, 30), "`NaN` is not a number (NaN and infinity"),
        ("placements", "20", date(2026, 10, 31), "already recorded with this value"),
    ],
)
def test_record_refuses_bad_input(
    make_partnership: Any, metric: str, value: str, day: date, message: str
) -> None:
    root = make_partnership()
    with pytest.raises(UserError) as caught:
        record(root, metric, value, day)
    assert message in caught.value.message
    assert (root / CSV).read_text() == ORIGINAL


def test_import_csv_appends_every_row(make_partnership: Any, tmp_path: Path) -> None:
    root = make_partnership()
    sheet = tmp_path / "november.csv"
    sheet.write_text(
        "Metric,Date,Value,Source\n"
        "placements,2026-11-20,22,city\n"  # already recorded: skipped
        "placements,2026-11-27,23,city\n"
        "placements,2026-11-30,24,\n"
    )
    report = import_sheet(root, sheet)
    assert (len(report.accepted), report.already, report.rejected) == (2, 1, [])
    assert report.plan is not None
    save(report.plan, as_of=AS_OF)
    assert (root / CSV).read_text() == (
        ORIGINAL + "placements,2026-11-27,23,city\nplacements,2026-11-30,24\n"
    )
    again = import_sheet(root, sheet)  # importing twice does no harm
    assert (len(again.accepted), again.already, again.plan) == (0, 3, None)


def test_import_xlsx_reports_rejected_rows_by_cell_and_writes_nothing(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    path = workbook(
        tmp_path / "data.xlsx",
        [
            ["metric", "date", "value", "source"],
            ["placements", datetime(2026, 11, 27), 23, "city"],  # a real date cell
            ["placements", datetime(2026, 11, 28), "about 24", "city"],  # text in number column
            ["placements", 46000, 25, "city"],  # a date cell that lost its date format
            ["placement", "2026-11-29", 25, "city"],
            ["placements", "31/02/2026", 25, "city"],  # no such day
            ["placements", datetime(2026, 10, 31), 19, "city"],
            ["placements", datetime(2026, 11, 27), 23, "again"],
        ],
    )
    report = import_sheet(root, path)
    assert [(r.row, r.ref) for r in report.rejected] == [
        (3, "C3"),
        (4, "B4"),
        (5, "A5"),
        (6, "B6"),
        (7, "B7"),
        (8, "B8"),
    ]
    reasons = [r.reason for r in report.rejected]
    assert reasons[0].startswith("`about 24` is not a number")
    assert reasons[1].startswith("a number (46000) in the date column")
    assert "did you mean `placements`?" in reasons[2]
    assert reasons[3] == "`31/02/2026` is not a date on the calendar"
    assert "already recorded as 20" in reasons[4]
    assert reasons[5] == "`placements` on 2026-11-27 is also in row 2 of this sheet"
    assert report.plan is None  # all or nothing
    assert (root / CSV).read_text() == ORIGINAL


def test_import_skip_rejected_writes_the_accepted_rows(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    path = workbook(
        tmp_path / "data.xlsx",
        [
            ["Value", "Metric", "Date"],  # any order, any case; no source column
            [23.5, "placements", datetime(2026, 11, 27)],
            ["n/a", "placements", datetime(2026, 11, 28)],
        ],
    )
    result = msc("metric", "import", str(path), "--skip-rejected", "-C", str(root))
    assert result.exit_code == 1
    assert "row 3, A3: `n/a` is not a number" in result.stderr
    assert (root / CSV).read_text() == ORIGINAL + "placements,2026-11-27,23.5\n"
    assert not run_check(root, as_of=AS_OF).errors


def test_cli_import_all_or_nothing_dry_run_and_json(make_partnership: Any, tmp_path: Path) -> None:
    root = make_partnership()
    good = tmp_path / "good.csv"
    good.write_text("metric;date;value\nplacements;2026-11-27;23,5\n")  # Dutch Excel CSV
    dry = msc("metric", "import", str(good), "--dry-run", "-C", str(root))
    assert dry.exit_code == 0, dry.output
    assert "+placements,2026-11-27,23.5" in dry.stdout
    assert (root / CSV).read_text() == ORIGINAL
    done = msc("metric", "import", str(good), "--format", "json", "-C", str(root))
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {
        "source": "good.csv",
        "accepted": 1,
        "already_recorded": 0,
        "rejected": [],
        "files": [CSV],
    }
    assert (root / CSV).read_text().endswith("placements,2026-11-27,23.5\n")


def test_cli_import_with_a_rejected_row_exits_1_and_says_nothing_written(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    sheet = tmp_path / "bad.csv"
    sheet.write_text("metric,date,value\nplacements,2026-11-27,23\nplacements,2026-11-28,x\n")
    result = msc("metric", "import", str(sheet), "-C", str(root))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bad.csv: 1 accepted, 0 already recorded, 1 rejected",
        "  row 3, line 3, column 3: `x` is not a number; write a plain number, such as 1004 "
        "or 12.5 (no units, no %)",
        "msc: nothing written: fix the rejected rows and import again, or add --skip-rejected",
    ]
    assert (root / CSV).read_text() == ORIGINAL


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        (
            "wrong.csv",
            "name,when,total\nx,2026-01-01,1\n",
            UserError,
            "has no `metric` or `date` or `value` column",
        ),
        ("fake.xlsx", "metric,date,value\n", UserError, "is not an Excel workbook"),
        ("empty.xlsx", b"", UserError, r"^empty\.xlsx is empty$"),
        (
            "old.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            UserError,
            r"is an old Excel 97-2003 workbook \(\.xls\), not an Excel workbook",
        ),
        ("sheet.ods", "", UsageError, "imports .csv and .xlsx files"),
        ("empty.csv", "\n\n", UserError, "is empty"),
        (
            "latin1.csv",
            b"metric,date,value,source\nplacements,2026-11-27,1,caf\xe9\n",
            UserError,
            "not UTF-8",
        ),
    ],
)
def test_import_refuses_files_it_cannot_read(
    make_partnership: Any,
    tmp_path: Path,
    name: str,
    content: Any,
    error: type[Exception],
    message: str,
) -> None:
    root = make_partnership()
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(error, match=message):
        import_sheet(root, path)


def test_import_of_an_unreadable_file_is_an_io_error(make_partnership: Any, tmp_path: Path) -> None:
    root = make_partnership()
    result = msc("metric", "import", str(tmp_path / "missing.xlsx"), "-C", str(root))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["folder.csv", "folder.xlsx"])
def test_import_of_a_file_that_cannot_be_read_is_an_io_error(
    make_partnership: Any, tmp_path: Path, name: str
) -> None:
    root = make_partnership()
    (tmp_path / name).mkdir()  # reading it fails like a locked file does
    result = msc("metric", "import", str(tmp_path / name), "-C", str(root))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"msc: error: cannot read {tmp_path / name}: ")
    assert (root / CSV).read_text() == ORIGINAL


def test_import_names_an_opendocument_sheet_renamed_xlsx(
    make_partnership: Any, tmp_path: Path
) -> None:
    import zipfile

    path = tmp_path / "sheet.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UserError) as caught:
        import_sheet(make_partnership(), path)
    assert caught.value.message == (
        "sheet.xlsx is an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx)"
    )
    assert caught.value.hint is not None and "'Excel Workbook (.xlsx)'" in caught.value.hint


def test_import_xlsx_title_rows_empty_rows_and_a_stray_cell_far_right(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Placements, November (from the city)"])
    sheet.merge_cells("A1:D1")  # a merged title above the header
    sheet.append([])
    sheet.append(["Source", "Metric", "Date", "Value"])  # any order, any case
    sheet.append(["city", "placements", datetime(2026, 11, 27, 9, 30), 23])
    sheet.append([])
    sheet.append([None, "placements", "2026-11-30", 24.5])  # a date as text
    sheet["XFD2"] = "a note far to the right"
    book.save(tmp_path / "titled.xlsx")
    report = import_sheet(root, tmp_path / "titled.xlsx")
    assert report.rejected == []
    assert [(r.date, r.text, r.source) for r in report.accepted] == [
        (date(2026, 11, 27), "23", "city"),
        (date(2026, 11, 30), "24.5", None),
    ]


def test_import_xlsx_formula_without_a_saved_result_is_named(
    make_partnership: Any, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "formulas.xlsx",
        [
            ["metric", "date", "value"],
            ["placements", datetime(2026, 11, 27), "=20+3"],  # openpyxl saves no result
            ["placements", datetime(2026, 11, 28), None],
        ],
    )
    report = import_sheet(make_partnership(), path)
    assert [(r.ref, r.reason) for r in report.rejected] == [
        (
            "C2",
            "the cell holds a formula (=20+3) without a saved result: open the file in "
            "your spreadsheet program and save it again (or type the value)",
        ),
        ("C3", "the value cell is empty"),
    ]


def test_import_stops_at_the_row_limit_and_writes_nothing(
    make_partnership: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msctool.load.spreadsheet

    monkeypatch.setattr(msctool.load.spreadsheet, "MAX_ROWS", 2)
    rows = [["placements", datetime(2026, 12, day), day] for day in (1, 2, 3)]
    path = workbook(tmp_path / "big.xlsx", [["metric", "date", "value"], *rows])
    root = make_partnership()
    result = msc("metric", "import", str(path), "-C", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "msc: error: big.xlsx [Sheet] has more than 2 rows; msc imports at most 2 at a time "
        "(row 4 is one too many)"
    )
    assert (root / CSV).read_text() == ORIGINAL


def test_import_csv_with_a_bom_semicolons_and_decimal_commas(
    make_partnership: Any, tmp_path: Path
) -> None:
    root = make_partnership()
    sheet = tmp_path / "export.csv"
    sheet.write_bytes(
        "\ufeffmetric;date;value;source\r\nplacements;2026-11-27;23,5;city\r\n;;;\r\n".encode()
    )
    report = import_sheet(root, sheet)
    assert (report.rejected, [r.text for r in report.accepted]) == ([], ["23.5"])
    assert report.plan is not None
    save(report.plan, as_of=AS_OF)
    save(record(root, "placements", "9,5", date(2026, 12, 1)), as_of=AS_OF)  # read the same way
    assert (root / CSV).read_text() == (
        ORIGINAL + "placements,2026-11-27,23.5,city\nplacements,2026-12-01,9.5\n"
    )


def test_cli_record_a_negative_value_after_double_dash(make_partnership: Any) -> None:
    root = make_partnership()
    result = msc(
        "metric", "record", "placements", "--date", "2026-12-01", "-C", str(root), "--", "-2.5"
    )
    assert result.exit_code == 0, result.output
    assert (root / CSV).read_text() == ORIGINAL + "placements,2026-12-01,-2.5\n"
