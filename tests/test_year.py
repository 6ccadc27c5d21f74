"""A whole year of a Dutch neighbourhood partnership of ten organisations, through
commands only.

The test writes one file, the partner list it starts from (as a backbone team would
export it); after ``msc init`` every change is a command: partners, representatives,
bodies, goals, segments, metrics and their figures, activities, engagements,
decisions, the ROI model, the purpose, newsletters and a retrospective. The year ends
with ``msc check`` all clear, and ``msc log`` and ``msc changes`` telling that year.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpers import git, msc
from msctool import days

PARTNERS = """\
naam;sector;contactpersoon;e-mail;geeft;krijgt
Buurtwerk Oost;maatschappelijk;Fatima El Idrissi;fatima@buurtwerk.example;uren: coördinatie;een netwerk
Gemeente Utrecht;overheid;Jan de Vries;jan@utrecht.example;geld: subsidie;bereik in de wijk
GGD regio Utrecht;overheid;Els Bakker;els@ggd.example;uren: jeugdverpleegkundige;signalen uit de wijk
Woningcorporatie Mitros;bedrijf;Karin Smit;karin@mitros.example;uren: wijkconsulent;minder overlast
Bibliotheek Utrecht;maatschappelijk;Noor Jansen;noor@bieb.example;in natura: ruimte;bezoekers
Voedselbank Oost;maatschappelijk;Piet Mulder;piet@voedselbank.example;uren: vrijwilligers;doorverwijzingen
Sportclub Oost;maatschappelijk;Ahmed Amrani;ahmed@sport.example;uren: trainers;nieuwe leden
Bakkerij Çağdaş & Zoë;bedrijf;Zoë Çağdaş;zoe@bakkerij.example;in natura: brood;klanten
Stichting Taalhuis;maatschappelijk;Lotte de Boer;lotte@taalhuis.example;uren: taalcoaches;cursisten
Huisartsenpraktijk Oost;bedrijf;Dr. Visser;visser@huisarts.example;expertise: advies;minder spreekuurdruk
"""

START = "2025-09-01"
END = "2026-10-31"


def _monthly(metric: str, values: list[str], first: tuple[int, int]) -> list[Step]:
    """One ``metric record`` at the end of each month from ``first`` (year, month)."""
    year, month = first
    steps: list[Step] = []
    for value in values:
        day = _month_end(year, month)
        steps.append((day, ["metric", "record", metric, value, "--source", "eigen telling"]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return steps


def _month_end(year: int, month: int) -> str:
    from calendar import monthrange

    return date(year, month, monthrange(year, month)[1]).isoformat()


Step = tuple[str, list[str]]

TAALHUIS = "bezoekers-taalhuis"
EXAMPLE = "hulp-binnen-twee-weken"  # the example metric init writes (quarterly)

YEAR: list[Step] = [
    ("2025-09-08", ["segment", "add", "nieuwkomers", "--name", "Nieuwkomers in de wijk",
                    "--size", "400"]),
    ("2025-09-09", ["goal", "add", "meedoen", "--title", "Iedereen kan meedoen in de wijk"]),
    ("2025-09-15", ["metric", "add", TAALHUIS, "--name", "Bezoekers van het taalhuis per maand",
                    "--perspective", "stakeholders", "--accountability", "performance",
                    "--kind", "how-much", "--unit", "bezoekers", "--direction", "up",
                    "--owner", "stichting-taalhuis", "--cadence", "monthly", "--goal", "meedoen",
                    "--baseline", "40", "--baseline-date", START,
                    "--target", "80", "--by", "2026-09-30"]),
    ("2025-10-06", ["body", "add", "bewonersraad", "--name", "Bewonersraad Oost",
                    "--kind", "advisory-council", "--rule", "consensus",
                    "--lead", "buurtwerk-oost", "--member", "bibliotheek-utrecht",
                    "--meets", "monthly"]),
    ("2025-10-13", ["activity", "add", "taalcafe", "--name", "Taalcafé in de bibliotheek",
                    "--body", "stuurgroep", "--goal", "meedoen",
                    "--accountable", "stichting-taalhuis", "--responsible", "bibliotheek-utrecht",
                    "--informed", "voedselbank-oost", "--status", "planned"]),
    ("2025-10-20", ["engage", "add", "gesprek-nieuwkomers", "--title", "Gesprek met nieuwkomers",
                    "--method", "focus-group", "--segment", "nieuwkomers",
                    "--participants", "12", "--heard", "Overdag werken we; de avond past beter",
                    "--changed", "Het taalcafé is ook op dinsdagavond open"]),
    ("2025-11-03", ["activity", "status", "taalcafe", "active"]),
    ("2025-11-10", ["decide", "Taalcafé ook op zaterdag", "--body", "stuurgroep",
                    "--consulted", "bewonersraad", "--informed", "stichting-taalhuis",
                    "--affects", "taalcafe", "-m", "De bewonersraad vroeg erom."]),
    ("2025-11-24", ["decide", "accept", "2"]),
    ("2025-12-15", ["roi", "outcome", "add", "taalvaardig", "--name", "Nieuwkomers taalvaardig",
                    "--metric", TAALHUIS, "--segment", "nieuwkomers", "--quantity", "30",
                    "--unit", "nieuwkomers", "--proxy", "1200",
                    "--proxy-source", "Kosten van een taalcursus, gemeente",
                    "--deadweight", "20%", "--attribution", "0,3", "--duration", "2"]),
    ("2025-12-16", ["roi", "input", "add", "stichting-taalhuis", "--kind", "hours",
                    "--amount", "400", "--description", "Taalcoaches",
                    "--outcome", "taalvaardig"]),
    ("2026-01-12", ["body", "member", "add", "bewonersraad", "voedselbank-oost"]),
    ("2026-02-02", ["set", "partner:gemeente-utrecht.website", "https://www.utrecht.nl"]),
    ("2026-01-19", ["partner", "rename", "bakkerij-cagdas-zoe", "bakkerij-oost",
                    "--name", "Bakkerij Oost"]),
    ("2026-02-09", ["partner", "rep", "add", "gemeente-utrecht", "Mila Kok",
                    "--role", "wijkregisseur", "--email", "mila@utrecht.example",
                    "--seat", "stuurgroep"]),
    ("2026-02-10", ["partner", "rep", "remove", "gemeente-utrecht", "Jan de Vries"]),
    ("2026-03-16", ["partner", "edit", "voedselbank-oost",
                    "--add-gives", "in-kind: pakketten voor het taalcafé"]),
    ("2026-04-13", ["partner", "add", "speeltuin-oost", "--name", "Speeltuinvereniging Oost",
                    "--sector", "civil", "--representative", "Kees Post",
                    "--gives", "hours: vrijwilligers", "--gets", "bezoekers"]),
    ("2026-04-14", ["activity", "assign", "taalcafe", "--consulted", "speeltuin-oost"]),
    ("2026-03-02", ["metric", "target", TAALHUIS, "100", "--by", "2026-12-31",
                    "--note", "Verhoogd na een sterke winter"]),
    ("2026-04-06", ["decide", "Meer taalcoaches werven", "--body", "stuurgroep",
                    "--affects", "taalcafe"]),
    ("2026-04-20", ["decide", "reject", "3"]),
    ("2026-05-11", ["body", "rule", "bewonersraad", "consent", "--record",
                    "-m", "Sneller besluiten, niemand houdt het tegen zonder reden."]),
    ("2026-06-01", ["goal", "edit", "meedoen", "--description",
                    "Taal, werk en sport binnen bereik van iedereen in Oost."]),
    ("2026-06-15", ["activity", "edit", "taalcafe", "--description",
                    "Dinsdagavond en zaterdag in de bibliotheek."]),
    ("2026-06-30", ["purpose", "reaffirm", "--by", "stuurgroep"]),
    ("2026-08-17", ["engage", "add", "zomeravond", "--title", "Zomeravond op het plein",
                    "--method", "community-meeting", "--segment", "nieuwkomers",
                    "--participants", "60", "--heard", "Meer sport voor meiden",
                    "--changed", "Sportclub Oost start een meidenuur"]),
    ("2026-09-07", ["partner", "leave", "huisartsenpraktijk-oost"]),
    ("2026-09-08", ["activity", "status", "taalcafe", "paused"]),
    ("2026-10-01", ["retro", "new", "--kind", "after-action", "--topic", "Het taalcafé"]),
    ("2026-10-05", ["activity", "status", "taalcafe", "active"]),
    ("2026-10-12", ["engage", "add", "taalcafe-evaluatie", "--title", "Evaluatie taalcafé",
                    "--method", "survey", "--segment", "nieuwkomers", "--participants", "34",
                    "--heard", "De zaterdag is het drukst",
                    "--changed", "Twee taalcoaches extra op zaterdag"]),
    ("2026-10-30", ["render", "newsletter"]),
]  # fmt: skip

FIGURES: list[Step] = [
    *_monthly(
        TAALHUIS,
        ["45", "52", "58", "61", "66", "70", "74", "79", "83", "85", "88", "86", "91", "95"],
        (2025, 9),
    ),
    *[(day, ["metric", "record", EXAMPLE, value]) for day, value in (
        ("2025-09-30", "52"), ("2025-12-31", "55"), ("2026-03-31", "61"),
        ("2026-06-30", "64"), ("2026-09-30", "70"),
    )],
    *[(_month_end(*month), ["render", "newsletter"]) for month in (
        (2025, 10), (2025, 11), (2025, 12), (2026, 2), (2026, 4), (2026, 6), (2026, 8),
    )],
]  # fmt: skip
"""Figures as they come in, and the newsletters of the year."""


def _on(day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``day`` today for msc and for the commits it makes."""
    monkeypatch.setattr(days, "today", lambda: date.fromisoformat(day))
    noon = f"{day}T12:00:00+00:00"
    monkeypatch.setenv("GIT_AUTHOR_DATE", noon)
    monkeypatch.setenv("GIT_COMMITTER_DATE", noon)


def _run(root: Path, day: str, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Run one step on ``day``; an edit is committed as it is made (``msc decide TITLE``
    commits its record itself; renders and agendas are files, not edits)."""
    _on(day, monkeypatch)
    writes_a_file = args[0] == "render" or args[:2] == ["retro", "new"]
    records = args[0] == "decide" and args[1] not in ("accept", "reject", "withdraw")
    commit = [] if writes_a_file or records else ["--commit"]
    result = msc(*args, *commit, "-C", str(root))
    assert result.exit_code == 0, f"{day} msc {' '.join(args)}:\n{result.output}"


@pytest.fixture
def year(tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    sheet = tmp_path / "partners.csv"
    sheet.write_text(PARTNERS, encoding="utf-8")
    root = tmp_path / "wijk"
    _on(START, monkeypatch)
    made = msc("init", str(root), "--name", "Samen Oost", "--language", "nl",
               "--date", START, "--partners", str(sheet))  # fmt: skip
    assert made.exit_code == 0, made.output
    steps = sorted([*YEAR, *FIGURES], key=lambda step: step[0])  # stable: same-day order kept
    for day, args in steps:
        _run(root, day, args, monkeypatch)
    _on(END, monkeypatch)
    return root


def test_a_year_through_commands_ends_all_clear_and_told(year: Path) -> None:
    check = msc("check", "--as-of", END, "-C", str(year))
    assert check.exit_code == 0, check.output
    assert "0 errors, 0 warnings" in check.output or "all clear" in check.output, check.output
    assert git(year, "status", "--porcelain", "--", "*.yaml", "decisions", "data") == ""

    log = json.loads(msc("log", "--format", "json", "-C", str(year)).stdout)
    by_number = {entry["id"]: entry for entry in log["decisions"]}
    assert by_number[2]["status"] == "accepted"
    assert by_number[3]["status"] == "rejected"
    assert by_number[4]["status"] == "accepted"  # the rule change of the residents' council

    told = json.loads(
        msc("changes", "--since", START, "--until", END, "--format", "json", "-C", str(year)).stdout
    )
    kinds = {(change["kind"], change["ids"][0]): change for change in told["changes"]}
    assert kinds["partner-left", "huisartsenpraktijk-oost"]["after"] == "2026-09-07"
    renamed = [c for c in told["changes"] if c["kind"] == "partner-renamed"]
    assert [c["ids"][:2] for c in renamed] == [["bakkerij-oost", "bakkerij-cagdas-zoe"]] or [
        sorted(c["ids"][:2]) for c in renamed
    ] == [["bakkerij-cagdas-zoe", "bakkerij-oost"]]
    assert not any("bakkerij" in c["ids"][0] for c in told["changes"] if c["kind"] in (
        "partner-left", "partner-joined"))  # fmt: skip
    assert ("partner-joined", "speeltuin-oost") in kinds
    assert kinds["goal-added", "meedoen"]["after"] == "Iedereen kan meedoen in de wijk"
    assert ("segment-added", "nieuwkomers") in kinds and ("outcome-added", "taalvaardig") in kinds
    members = kinds["members-changed", "stuurgroep"]  # the GP left, and with it its seat
    assert "huisartsenpraktijk-oost" in members["before"]
    assert "huisartsenpraktijk-oost" not in members["after"]
    assert ("activity-added", "taalcafe") in kinds
    assert kinds["metric-added", TAALHUIS]["after"] == {"value": 100.0, "date": "2026-12-31"}
    assert kinds["purpose-reaffirmed", "purpose"]["after"] == "2026-06-30"
    assert kinds["body-added", "bewonersraad"]["after"] == "consent"
    assert kinds["decision-recorded", "2"]["after"] == "accepted"
    assert kinds["decision-recorded", "3"]["after"] == "rejected"
    assert {k[1] for k in kinds if k[0] == "engagement-added"} == {
        "gesprek-nieuwkomers", "zomeravond", "taalcafe-evaluatie",
    }  # fmt: skip
