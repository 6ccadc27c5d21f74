"""msc collect requests and msc collect status on real partnership folders: the
workbooks (protection, validation, hidden identity), the e-mails, the summary,
the status table, and refusals."""

from __future__ import annotations

import copy
import email
import email.policy
import json
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from helpers import MakeP, msc
from msctool.errors import UserError
from msctool.render.collect.identity import SHEET, read_identity

DAY = "2027-01-10"
FOLDER = f"requests/{DAY}"


def with_attendance(files: dict[str, Any]) -> None:
    """A second metric, owned by `school`: due (9 days late) on DAY, while
    `placements` of `city` is overdue (21 days late)."""
    template = files["metrics.yaml"]["metrics"][0]
    files["metrics.yaml"]["metrics"].append(
        {**copy.deepcopy(template), "id": "attendance", "name": "School attendance",
         "unit": "%", "owner": "school", "description": "Share of school days attended."}
    )  # fmt: skip
    files["data/attendance.csv"] = "metric,date,value,source\nattendance,2026-12-01,91.5,RMC\n"


@pytest.fixture
def root(make_partnership: MakeP) -> Path:
    return make_partnership(with_attendance)


def requests(root: Path, *args: str) -> Any:
    return msc("collect", "requests", "-C", str(root), "--as-of", DAY, *args)


def sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    return [row for row in book.worksheets[0].iter_rows(values_only=True)]


def message(path: Path) -> EmailMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


# -- status ------------------------------------------------------------------------------


def test_status_shows_each_owner_s_metrics_received_due_and_overdue(root: Path) -> None:
    result = msc("collect", "status", "-C", str(root), "--as-of", DAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Figures as of 10 January 2027",
        "",
        "Owner   Metric      Last figure               Next due     State",
        "city    placements  22 people on 20 Nov 2026  20 Dec 2026  overdue, 21 days",
        "school  attendance  91.5% on 1 Dec 2026       1 Jan 2027   due, 9 days",
        "",
        "0 received, 1 due, 1 overdue (more than 14 days late)",
    ]


def test_status_as_json_and_as_dutch_markdown(root: Path) -> None:
    result = msc("collect", "status", "-C", str(root), "--as-of", DAY, "--format", "json")
    data = json.loads(result.stdout)
    assert data["counts"] == {"received": 0, "due": 1, "overdue": 1}
    assert data["late_owners"] == ["city"]
    assert data["rows"][0] == {
        "owner": "city", "owner_name": "City", "metric": "placements",
        "metric_name": "Young people placed in work", "cadence": "monthly", "unit": "people",
        "last_value": 22.0, "last_date": "2026-11-20", "next_due": "2026-12-20", "owed": 1,
        "days_late": 21, "state": "overdue",
    }  # fmt: skip
    md = msc("collect", "status", "-C", str(root), "--as-of", DAY, "--format", "md",
             "--language", "nl").stdout  # fmt: skip
    assert md.splitlines()[:4] == [
        "# Cijfers per 10 januari 2027",
        "",
        "| Eigenaar | Metriek | Laatste cijfer | Volgende termijn | Stand |",
        "|---|---|---|---|---|",
    ]
    assert (
        "| city | placements | 22 people op 20 nov 2026 | 20 dec 2026 | te laat, 21 dagen |" in md
    )
    assert (
        "| school | attendance | 91,5\u00a0% op 1 dec 2026 | 1 jan 2027 | te leveren, 9 dagen |"
        in md
    )


def test_a_later_grace_period_makes_overdue_due_and_msc605_quiet(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        with_attendance(files)
        files["partnership.yaml"]["checks"] = {"thresholds": {"collect_grace_days": 30}}

    root = make_partnership(edit)
    data = json.loads(
        msc("collect", "status", "-C", str(root), "--as-of", DAY, "--format", "json").stdout
    )
    assert data["grace_days"] == 30 and data["counts"]["overdue"] == 0
    check = msc("check", str(root), "--as-of", DAY, "--format", "json")
    assert "MSC606" not in check.stdout


# -- requests ----------------------------------------------------------------------------


def test_requests_write_a_workbook_and_an_email_per_owner_and_say_who(root: Path) -> None:
    result = requests(root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "city: 1 figure (placements); to Ann <ann@example.org>",
        "school: 1 figure (attendance); to Ann <ann@example.org>",
    ]
    assert lines[2].startswith("2 owners asked for 2 figures as of 10 January 2027; files in ")
    assert lines[2].endswith(FOLDER)
    assert sorted(p.name for p in (root / FOLDER).iterdir()) == [
        f"city-{DAY}.xlsx", "city.eml", f"school-{DAY}.xlsx", "school.eml",
    ]  # fmt: skip
    check = msc("check", str(root), "--as-of", DAY, "--format", "json")
    assert json.loads(check.stdout)["errors"] == 0  # requests/ is no file msc reads


def test_the_workbook_asks_for_each_period_with_its_context(root: Path) -> None:
    requests(root)
    rows = sheet_rows(root / FOLDER / f"city-{DAY}.xlsx")
    assert rows[0][0] == "Youth Works: figures requested from City"
    assert (
        rows[1][0]
        == "Requested on 10 January 2027. Please send this workbook back by 24 January 2027."
    )
    header = rows.index(
        ("Metric", "Name", "Unit", "Period ending", "Previous figure", "Value", "Note")
    )
    [row] = rows[header + 1 :]
    assert row[:5] == ("placements", "Young people placed in work", "people",
                       row[3], "22 on 20 Nov 2026")  # fmt: skip
    assert row[3].date().isoformat() == "2026-12-20"
    assert row[5:] == (None, None)
    book = openpyxl.load_workbook(root / FOLDER / f"school-{DAY}.xlsx")
    assert book.sheetnames == ["Figures", "Metrics", SHEET]
    metrics = list(book["Metrics"].iter_rows(values_only=True))
    assert metrics[1][:6] == ("attendance", "School attendance", "Share of school days attended.",
                              "%", "higher", "monthly")  # fmt: skip
    assert metrics[1][6] == "RMC" and metrics[1][9] == "91.5 on 1 Dec 2026"


def test_only_value_and_note_can_be_edited_and_values_are_validated(root: Path) -> None:
    requests(root)
    book = openpyxl.load_workbook(root / FOLDER / f"school-{DAY}.xlsx")
    sheet = book["Figures"]
    assert sheet.protection.sheet and book.security is not None
    assert book.security.lockStructure
    last = sheet.max_row
    unlocked = {c.coordinate for row in sheet.iter_rows() for c in row if not c.protection.locked}
    assert unlocked == {f"F{last}", f"G{last}"}
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    value = checks[f"F{last}"]
    assert (value.type, value.operator, value.formula1, value.formula2) == (
        "decimal",
        "between",
        "0",
        "100",
    )  # a percentage
    assert value.error == "Enter a number from 0 to 100."
    assert checks[f"D{last}"].type == "date"
    city = openpyxl.load_workbook(root / FOLDER / f"city-{DAY}.xlsx")["Figures"]
    [count] = [v for v in city.data_validations.dataValidation if v.type == "decimal"]
    assert (count.formula1, count.error) == ("0", "Enter a number of 0 or more.")


def test_the_hidden_identity_maps_rows_back_and_shows_an_edit(root: Path, tmp_path: Path) -> None:
    requests(root)
    path = root / FOLDER / f"city-{DAY}.xlsx"
    book = openpyxl.load_workbook(path)
    assert book[SHEET].sheet_state == "veryHidden"
    identity = read_identity(book)
    assert (identity.partnership, identity.owner, identity.day.isoformat()) == (
        "Youth Works", "city", DAY)  # fmt: skip
    assert [(m, d.isoformat()) for m, d in identity.rows] == [("placements", "2026-12-20")]
    book[SHEET]["B4"] = "school"  # someone makes it look like another owner's figures
    book.save(tmp_path / "edited.xlsx")
    with pytest.raises(UserError, match="identity was changed"):
        read_identity(openpyxl.load_workbook(tmp_path / "edited.xlsx"))
    del book[SHEET]
    with pytest.raises(UserError, match="not an msc request"):
        read_identity(book)


def test_rows_map_back_by_their_keys_whatever_their_order(make_partnership: MakeP) -> None:
    root = make_partnership(with_attendance)
    msc("collect", "requests", "-C", str(root), "--as-of", "2027-04-10")
    book = openpyxl.load_workbook(root / "requests/2027-04-10/city-2027-04-10.xlsx")
    identity = read_identity(book)
    rows = [r for r in book["Figures"].iter_rows(values_only=True) if r[0] == "placements"]
    keys = [(r[0], r[3].date()) for r in reversed(rows)]  # the partner sorted them newest first
    assert len(keys) == 4 and sorted(keys) == sorted(identity.rows)


def test_the_email_goes_to_the_representatives_with_the_workbook(root: Path) -> None:
    requests(root)
    mail = message(root / FOLDER / "city.eml")
    assert mail["To"] == "Ann <ann@example.org>"
    assert mail["From"] == "YW <data@invalid>"
    assert mail["Subject"] == "[YW] Figures requested from City, 10 January 2027"
    assert mail["X-Unsent"] == "1" and mail["Content-Language"] == "en"
    body = mail.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Ann,\n\nFor Youth Works we would like City's figures")
    assert "- Young people placed in work (people): 20 Dec 2026\n" in text
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == f"city-{DAY}.xlsx"
    assert attachment.get_content() == (root / FOLDER / f"city-{DAY}.xlsx").read_bytes()


def test_overdue_only_writes_reminders_for_the_overdue_figures(root: Path) -> None:
    result = requests(root, "--overdue-only", "--from", "Data desk <data@yw.example.org>")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / FOLDER).iterdir()) == [f"city-{DAY}.xlsx", "city.eml"]
    mail = message(root / FOLDER / "city.eml")
    assert mail["From"] == "Data desk <data@yw.example.org>"
    body = mail.get_body(("plain",))
    assert body is not None and "This is a reminder" in body.get_content()


def test_nothing_owed_writes_nothing(make_partnership: MakeP) -> None:
    root = make_partnership()
    result = msc("collect", "requests", "-C", str(root), "--as-of", "2026-11-27")
    assert result.stdout == "Nobody owes figures as of 27 November 2026: no requests written.\n"
    assert not (root / "requests").exists()
    result = msc("collect", "requests", "-C", str(root), "--as-of", "2026-12-25", "--overdue-only")
    assert result.stdout == "No figures are overdue as of 25 December 2026: no reminders written.\n"


def test_dry_run_writes_nothing_and_json_names_the_files(root: Path) -> None:
    result = requests(root, "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert not (root / "requests").exists()
    assert [r["owner"] for r in data["requests"]] == ["city", "school"]
    assert data["requests"][0]["metrics"] == [
        {"metric": "placements", "state": "overdue", "owed": 1, "periods": ["2026-12-20"]}
    ]
    assert data["return_by"] == "2027-01-24"
    assert [Path(f).name for f in data["files"]] == [
        f"city-{DAY}.xlsx", "city.eml", f"school-{DAY}.xlsx", "school.eml",
    ]  # fmt: skip


def test_existing_requests_are_kept_unless_forced(root: Path) -> None:
    requests(root)
    path = root / FOLDER / "city.eml"
    path.write_bytes(b"sent already")
    result = requests(root)
    assert result.exit_code == 1
    assert "4 request file(s) exist already" in result.output and "--force" in result.output
    assert path.read_bytes() == b"sent already"
    assert requests(root, "--force").exit_code == 0
    assert path.read_bytes() != b"sent already"


def test_an_unknown_owner_is_refused_with_a_suggestion(root: Path) -> None:
    result = requests(root, "--owner", "schol")
    assert result.exit_code == 1
    assert "--owner: `schol` owns no metric" in result.output
    assert "school" in result.output
    only = requests(root, "--owner", "school")
    assert only.stdout.startswith("school: 1 figure (attendance)")


def test_an_owner_who_left_is_not_asked(make_partnership: MakeP) -> None:
    from datetime import date

    def edit(files: dict[str, Any]) -> None:
        with_attendance(files)
        files["partners.yaml"]["partners"][1]["left"] = date(2026, 12, 31)

    root = make_partnership(edit)
    result = msc("collect", "requests", "-C", str(root), "--as-of", DAY)
    assert "school left on 31 December 2026 and was not asked: give attendance another owner" in (
        result.stdout
    )
    assert not (root / FOLDER / "school.eml").exists()


def test_an_owner_without_an_address_gets_a_workbook_to_send_by_hand(
    make_partnership: MakeP,
) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"][0]["representatives"] = [
            {"name": "Bo", "email": "not an address"}
        ]

    root = make_partnership(edit)
    result = msc("collect", "requests", "-C", str(root), "--as-of", DAY)
    assert result.stdout.splitlines()[0] == (
        "city: 1 figure (placements); to nobody (no representative with an e-mail "
        "address: send the workbook yourself)"
    )
    assert message(root / FOLDER / "city.eml")["To"] is None


def test_a_dutch_partnership_is_asked_in_dutch(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        with_attendance(files)
        files["partnership.yaml"]["language"] = "nl"

    root = make_partnership(edit)
    result = msc("collect", "requests", "-C", str(root), "--as-of", DAY)
    assert result.stdout.startswith("city: 1 cijfer (placements); aan Ann <ann@example.org>\n")
    book = openpyxl.load_workbook(root / FOLDER / f"city-{DAY}.xlsx")
    assert book.sheetnames == ["Cijfers", "Metrieken", SHEET]
    rows = list(book["Cijfers"].iter_rows(values_only=True))
    assert (
        "Metriek",
        "Naam",
        "Eenheid",
        "Peildatum",
        "Vorig cijfer",
        "Waarde",
        "Opmerking",
    ) in rows
    mail = message(root / FOLDER / "city.eml")
    assert mail["Subject"] == "[YW] Cijfers gevraagd aan City, 10 januari 2027"
    body = mail.get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n").startswith(
        "Beste Ann,\n\nVoor Youth Works"
    )


def test_text_from_the_partnership_stays_text_in_the_workbook(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["metrics.yaml"]["metrics"][0]["name"] = '=HYPERLINK("http://evil.example","x")'

    root = make_partnership(edit)
    msc("collect", "requests", "-C", str(root), "--as-of", DAY)
    sheet = openpyxl.load_workbook(root / FOLDER / f"city-{DAY}.xlsx")["Figures"]
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_same_request_gives_the_same_bytes(root: Path) -> None:
    requests(root)
    first = {p.name: p.read_bytes() for p in (root / FOLDER).iterdir()}
    assert requests(root, "--force").exit_code == 0
    assert {p.name: p.read_bytes() for p in (root / FOLDER).iterdir()} == first
    book = openpyxl.load_workbook(root / FOLDER / f"city-{DAY}.xlsx")
    assert book.properties.modified is not None
    assert book.properties.modified.isoformat() == f"{DAY}T09:00:00"


def test_requests_are_files_not_a_stream(root: Path) -> None:
    result = requests(root, "-o", "-")
    assert result.exit_code == 2
    assert "-o -: requests are a folder of workbooks and e-mails" in result.output
    assert not (root / "-").exists() and not (root / "requests").exists()


def test_a_sender_that_is_not_an_address_is_refused(root: Path) -> None:
    result = requests(root, "--from", "Data desk\nBcc: all@example.org")
    assert result.exit_code == 2
    assert "--from: `Data desk" in result.output and "is not an e-mail address" in result.output
    assert not (root / "requests").exists()


def test_the_summary_as_a_markdown_list(root: Path) -> None:
    result = requests(root, "--dry-run", "--format", "md")
    lines = result.stdout.splitlines()
    assert lines[0] == r"- city: 1 figure (placements); to Ann \<ann\@example.org>"
    assert all(line.startswith("- ") for line in lines) and len(lines) == 3


def test_a_python_caller_runs_the_round_without_the_command_line(root: Path) -> None:
    from datetime import date

    from msctool.collect.status import collect_status
    from msctool.render.collect.requests import plan_round, round_files, write_round
    from msctool.render.i18n import Formatter
    from msctool.rules.check import load_valid

    day = date.fromisoformat(DAY)
    partnership = load_valid(root, day)
    assert collect_status(partnership, day).late_owners() == ["city"]
    plan = plan_round(partnership, day, overdue_only=True)
    files = round_files(partnership, plan, Formatter("nl"), root / "out")
    write_round(files, force=False, root=root)
    assert sorted(p.name for p in (root / "out").iterdir()) == [f"city-{DAY}.xlsx", "city.eml"]


def test_a_partnership_without_metrics_owes_nothing(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["metrics.yaml"]["metrics"] = []
        files["data/placements.csv"] = None
        files["roi.yaml"] = None

    root = make_partnership(edit)
    status = msc("collect", "status", "-C", str(root), "--as-of", DAY)
    assert status.stdout == "Figures as of 10 January 2027\n\nThe partnership has no metrics yet.\n"
    asked = msc("collect", "requests", "-C", str(root), "--as-of", DAY)
    assert asked.stdout == "Nobody owes figures as of 10 January 2027: no requests written.\n"
