"""Adopting a partnership that already exists: ``msc init --date`` for its real start,
``msc init --partners FILE`` for its real partners (msctool.edits.scaffold)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from helpers import msc, workbook
from msctool.rules.check import run_check


def test_init_date_dates_every_starter_file(tmp_path: Path) -> None:
    root = tmp_path / "p"
    result = msc("init", str(root), "--no-git", "--date", "2024-03-01", "-q")
    assert result.exit_code == 0, result.output
    partners = yaml_rs.loads((root / "partners.yaml").read_text(encoding="utf-8"))
    assert {p["joined"] for p in partners["partners"]} == {date(2024, 3, 1)}
    meta = yaml_rs.loads((root / "partnership.yaml").read_text(encoding="utf-8"))
    assert meta["purpose"]["reaffirmed"] == date(2024, 3, 1)
    roi = yaml_rs.loads((root / "roi.yaml").read_text(encoding="utf-8"))
    assert roi["period"] == {"start": date(2024, 3, 1), "end": date(2025, 2, 28)}
    record = (root / "decisions" / "0001-adopt-partnership-as-code.md").read_text()
    assert "\ndate: 2024-03-01\n" in record
    assert "2024-03-01" in (root / "data" / "observations.csv").read_text()
    report = run_check(root, as_of=date(2024, 3, 1))
    assert (report.errors, report.warnings) == ([], [])


def test_init_date_that_is_no_date_is_a_usage_error(tmp_path: Path) -> None:
    result = msc("init", str(tmp_path / "p"), "--no-git", "--date", "1 March")
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: error: --date: `1 March` is not a date\n  hint: write the date as YYYY-MM-DD\n"
    )
    assert not (tmp_path / "p").exists()


# -- --partners ----------------------------------------------------------------------

DUTCH_LIST = """\
Naam;Sector;Contactpersoon;Rol;E-mail;Telefoon;Geeft;Krijgt
Wijkteam Oost;maatschappelijk;Fatma Yıldız;Coördinator;fatma@example.org;020 123;uren: coördinatie;een netwerk
GGD Amsterdam;overheid;Jan de Boer;Arts;jan@ggd.example;;geld: subsidie;
GGD Amsterdam;overheid;Els Smit;;els@ggd.example;;;een gezondere wijk
Çağdaş & Zoë BV;bedrijf;Zoë;;;;in natura: een zaal;klanten
"""
LISTED = ["wijkteam-oost", "ggd-amsterdam", "cagdas-zoe-bv"]


def _init(tmp_path: Path, *args: str) -> Any:
    return msc("init", str(tmp_path / "p"), "--no-git", "-q", *args)


def _data(root: Path, rel: str) -> Any:
    return yaml_rs.loads((root / rel).read_text(encoding="utf-8"))


def test_a_dutch_partner_list_replaces_the_examples_in_every_file(tmp_path: Path) -> None:
    (tmp_path / "lijst.csv").write_text(DUTCH_LIST, encoding="utf-8")
    result = _init(tmp_path, "--partners", str(tmp_path / "lijst.csv"), "--language", "nl")
    assert result.exit_code == 0, result.output
    root = tmp_path / "p"
    partners = _data(root, "partners.yaml")["partners"]
    assert [p["id"] for p in partners] == LISTED
    assert [p["sector"] for p in partners] == ["civil", "public", "private"]
    assert partners[0]["representatives"] == [
        {
            "name": "Fatma Yıldız",
            "role": "Coördinator",
            "body_seats": ["stuurgroep", "backbone-team"],
            "email": "fatma@example.org",
            "phone": "020 123",
        }
    ]
    assert [r["name"] for r in partners[1]["representatives"]] == ["Jan de Boer", "Els Smit"]
    assert partners[2]["gives"] == [{"kind": "in-kind", "description": "een zaal"}]
    bodies = {b["id"]: b for b in _data(root, "partnership.yaml")["bodies"]}
    assert bodies["stuurgroep"]["members"] == LISTED
    assert (bodies["backbone-team"]["lead"], bodies["backbone-team"]["members"]) == (
        "wijkteam-oost",
        ["wijkteam-oost"],
    )
    pilot = _data(root, "activities.yaml")["activities"][1]["raci"]
    assert pilot == {
        "accountable": "ggd-amsterdam",
        "responsible": ["ggd-amsterdam", "cagdas-zoe-bv"],
        "informed": ["wijkteam-oost"],
    }
    assert [i["partner"] for i in _data(root, "roi.yaml")["inputs"]] == LISTED
    text = "".join(p.read_text(encoding="utf-8") for p in root.rglob("*.yaml"))
    assert "gemeente," not in text and "ondernemersnetwerk" not in text
    report = run_check(root, as_of=date.today())
    assert report.errors == []
    assert [f.code for f in report.warnings] == []


def test_a_workbook_with_a_title_row_english_headers_and_a_chosen_backbone(
    tmp_path: Path,
) -> None:
    rows: list[list[Any]] = [
        ["Partners of the Healthy Streets Alliance"],
        ["Organisation", "Sector", "ID", "Joined", "Contact person", "Phone", "Gives", "Gets"],
        [
            "City of Utrecht",
            "public",
            "utrecht",
            date(2024, 2, 1),
            "Ann",
            612345678,
            "money: budget",
            "data",
        ],
        ["Streets Lab", "Civil society", None, None, "Bo", None, "hours: coaching", "a team"],
        ["Bike Shop", "private", None, None, "Cy", None, "in-kind: bikes", "customers"],
    ]
    sheet = workbook(tmp_path / "list.xlsx", rows)
    result = _init(
        tmp_path, "--partners", str(sheet), "--backbone", "streets-lab", "--date", "2024-01-15"
    )
    assert result.exit_code == 0, result.output
    root = tmp_path / "p"
    partners = {p["id"]: p for p in _data(root, "partners.yaml")["partners"]}
    assert list(partners) == ["utrecht", "streets-lab", "bike-shop"]
    assert partners["utrecht"]["joined"] == date(2024, 2, 1)
    assert partners["streets-lab"]["joined"] == date(2024, 1, 15)
    assert partners["utrecht"]["representatives"][0]["phone"] == "612345678"
    team = next(b for b in _data(root, "partnership.yaml")["bodies"] if b["id"] == "backbone-team")
    assert team["lead"] == "streets-lab"
    assert _data(root, "metrics.yaml")["metrics"][0]["owner"] == "utrecht"
    report = run_check(root, as_of=date(2024, 1, 15))
    assert (report.errors, report.warnings) == ([], [])


def test_a_list_of_one_partner_gives_it_every_part(tmp_path: Path) -> None:
    (tmp_path / "one.csv").write_text(
        "name,sector,representative,gives,gets\nSolo,civil,Sam,hours: all of it,peace\n"
    )
    assert _init(tmp_path, "--partners", str(tmp_path / "one.csv")).exit_code == 0
    raci = _data(tmp_path / "p", "activities.yaml")["activities"][1]["raci"]
    assert raci == {"accountable": "solo", "responsible": ["solo"], "informed": []}
    assert run_check(tmp_path / "p", as_of=date.today()).errors == []


def test_every_wrong_cell_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text(
        "name,sector,id,joined,gives\n"
        "City,pubic,,,\n"
        "School,civil,School A,,\n"
        "Club,civil,,1 May,\n"
        "Shop,private,,,hour: advice\n"
        "Clinic,public,,,\n"
        "Clinic!,public,,,\n"
    )
    result = _init(tmp_path, "--partners", str(tmp_path / "bad.csv"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "msc: error: bad.csv: line 2, column 2: `pubic` is not a sector (one of public, "
        "private or civil); did you mean `public`?; line 3, column 3: `School A` is not an id "
        "(lower-case letters, digits and dashes); try `school-a`; line 4, column 4: `1 May` is "
        "not a date; write it as YYYY-MM-DD; line 5, column 5: `hour: advice` is not KIND: "
        "WHAT, KIND one of money, hours, in-kind or expertise (e.g. `hours: coaching`); did "
        "you mean `hours`?; line 7, column 1: `Clinic!` gets the id `clinic`, as `Clinic` (row 6) "
        "does; give each its own id"
    )
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--backbone", "ggd"), "--backbone: `ggd` is not in the partner list"),
        (("--force",), "a partner list starts a new partnership"),
    ],
)
def test_backbone_must_be_listed_and_a_list_needs_a_new_folder(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "lijst.csv").write_text(DUTCH_LIST, encoding="utf-8")
    result = _init(tmp_path, "--partners", str(tmp_path / "lijst.csv"), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "p").exists()


def test_a_list_without_a_name_column_says_what_the_header_needs(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("organisatie nr,sector\n1,civil\n")
    result = _init(tmp_path, "--partners", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert "row 1 should be the header, but it has no `name` column" in result.stderr
    assert "(in Dutch: naam and sector)" in result.stderr


def test_init_says_which_partner_plays_which_part(tmp_path: Path) -> None:
    (tmp_path / "lijst.csv").write_text(DUTCH_LIST, encoding="utf-8")
    result = msc("init", str(tmp_path / "p"), "--no-git", "--partners", str(tmp_path / "lijst.csv"))
    assert result.exit_code == 0, result.output
    assert (
        "The starter files name your 3 partners: wijkteam-oost as the backbone organisation, "
        "ggd-amsterdam for the example pilot and metric, cagdas-zoe-bv as its coach."
    ) in result.stdout


def test_sheet_picks_the_sheet_with_the_list(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["Budget 2025"])
    second = book.create_sheet("Partners")
    second.append(["naam", "sector", "contactpersoon", "geeft", "krijgt"])
    second.append(["Buurthuis", "maatschappelijk", "Ans", "uren: ruimte", "bezoekers"])
    book.save(tmp_path / "boek.xlsx")
    result = _init(tmp_path, "--partners", str(tmp_path / "boek.xlsx"), "--sheet", "Partners")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in _data(tmp_path / "p", "partners.yaml")["partners"]] == ["buurthuis"]
    result = _init(tmp_path, "--partners", str(tmp_path / "boek.xlsx"), "--sheet", "Partner")
    assert result.exit_code == 2
    assert "boek.xlsx has no sheet `Partner`" in result.stderr
