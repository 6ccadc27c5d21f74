"""YAML tags outside the core schema (MSC016) and control characters (MSC017):
one finding each, at its own line and column, and the rest of the file still loads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers import AS_OF, MakeP, base_files, dump, write_tree
from msctool.errors import UserError
from msctool.load.files import Source, SourceError
from msctool.load.loader import load_partnership
from msctool.load.yamlsource import parse
from msctool.render.i18n import Formatter
from msctool.rules.check import run_check

ENGAGEMENT_TITLE = "  title: Youth panel\n"


def _findings(root: Path) -> list[tuple[str, str, int, int]]:
    report = run_check(root, as_of=AS_OF)
    return [(f.code, f.file, f.line, f.column) for f in report.findings if f.severity == "error"]


def _engagement_with(tmp_path: Path, title_line: str) -> Path:
    files = base_files()
    text = dump(files["engagement.yaml"])
    assert ENGAGEMENT_TITLE in text
    files["engagement.yaml"] = text.replace(ENGAGEMENT_TITLE, title_line)
    return write_tree(tmp_path / "p", files)


def _line_of_title(root: Path) -> int:
    lines = (root / "engagement.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith("  title:"))


@pytest.mark.parametrize(
    "tagged",
    [
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!timestamp 2020-01-01",
        "!!python/object:os.system ls",
        "!local value",
        "!<tag:example.org,2000:x> value",
        "!!omap [a: 1]",
    ],
)
def test_a_tag_outside_the_core_schema_is_one_finding_where_it_is(
    tmp_path: Path, tagged: str
) -> None:
    root = _engagement_with(tmp_path, f"  title: {tagged}\n")
    tag_findings = [f for f in _findings(root) if f[0] == "MSC016"]
    assert tag_findings == [("MSC016", "engagement.yaml", _line_of_title(root), 10)]
    assert not [f for f in _findings(root) if f[0] in ("MSC001", "MSC002")]


@pytest.mark.parametrize(
    "tagged", ["!!str Youth panel", "! Youth panel", "!<tag:yaml.org,2002:str> Youth panel"]
)
def test_core_schema_tags_are_accepted_next_to_a_refused_one(tmp_path: Path, tagged: str) -> None:
    root = _engagement_with(tmp_path, f"  title: {tagged}\n  notes: !!binary aGVsbG8=\n")
    assert _findings(root) == [("MSC016", "engagement.yaml", _line_of_title(root) + 1, 10)]


def test_the_rest_of_a_tagged_file_still_loads(tmp_path: Path) -> None:
    root = _engagement_with(tmp_path, "  title: !!binary aGVsbG8=\n")
    assert [code for code, *_ in _findings(root)] == ["MSC016"]
    loaded = load_partnership(root)
    assert loaded.entries is not None
    assert [e.title for e in loaded.entries.engagements] == ["aGVsbG8="]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_a_control_byte_in_a_value_is_one_finding_at_its_column(tmp_path: Path, char: str) -> None:
    root = _engagement_with(tmp_path, f"  title: Youth{char}panel\n")
    assert _findings(root) == [("MSC017", "engagement.yaml", _line_of_title(root), 15)]


def test_a_nul_in_a_block_text_does_not_cascade(tmp_path: Path) -> None:
    files = base_files()
    text = dump(files["partnership.yaml"])
    files["partnership.yaml"] = text.replace(
        "statement: Help young people into work.",
        "statement: |\n    Help young\n    peo\x00ple into work.",
    )
    root = write_tree(tmp_path / "p", files)
    lines = (root / "partnership.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "\x00" in text)
    assert _findings(root) == [("MSC017", "partnership.yaml", line, 8)]
    loaded = load_partnership(root)
    assert loaded.partnership is not None
    assert loaded.partnership.meta.purpose.statement.startswith("Help young")


def test_a_control_character_written_as_an_escape_is_found_at_its_value(
    tmp_path: Path,
) -> None:
    root = _engagement_with(tmp_path, '  title: "Youth \\e[2J panel"\n')
    assert _findings(root) == [("MSC017", "engagement.yaml", _line_of_title(root), 10)]


def test_a_control_character_in_a_decision_front_matter(make_partnership: MakeP) -> None:
    root = make_partnership()
    path = root / "decisions" / "0001-adopt-msc.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Keep", "title: Ke\x07ep"), encoding="utf-8")
    lines = text.splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("title:"))
    assert _findings(root) == [("MSC017", "decisions/0001-adopt-msc.md", line, 10)]


def test_strict_parse_refuses_tags_and_control_characters() -> None:
    for text in ("a: !!set {x}\n", "a: b\x00c\n"):
        with pytest.raises(SourceError) as caught:
            parse(Source("x.yaml", text))
        assert caught.value.findings[0].code in ("MSC016", "MSC017")


@pytest.mark.parametrize(
    ("figure", "field"),
    [(1e30, "amount"), (1e16, "amount"), (-1e300, "baseline")],
)
def test_figures_beyond_a_thousand_trillion_are_findings(
    tmp_path: Path, figure: float, field: str
) -> None:
    files = base_files()
    if field == "amount":
        files["roi.yaml"]["inputs"][0]["amount"] = figure
    else:
        files["metrics.yaml"]["metrics"][0]["baseline"]["value"] = figure
    root = write_tree(tmp_path / "p", files)
    assert [f[0] for f in _findings(root)] == ["MSC006"]


def test_an_observation_beyond_a_thousand_trillion_is_a_finding(tmp_path: Path) -> None:
    files = base_files()
    files["data/placements.csv"] += "placements,2026-11-21,1e300,city\n"
    root = write_tree(tmp_path / "p", files)
    assert _findings(root) == [("MSC011", "data/placements.csv", 4, 23)]


def test_large_sums_of_money_are_formatted_not_refused() -> None:
    fmt = Formatter("en")
    assert fmt.money(5e31).startswith("€50,000,000,000,000,000,000,000,000,000,000")
    assert fmt.cents(1e30).endswith(".00")
    assert fmt.number(-1e29) == "-100,000,000,000,000,000,000,000,000,000"
    assert fmt.percent(1e28).endswith("%")


def test_date_arithmetic_stays_inside_the_calendar() -> None:
    from msctool.days import month_start, same_day, shift

    assert shift(date(9999, 12, 31), 1) == date.max
    assert shift(date(1, 1, 1), -1) == date.min
    assert shift(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert month_start(date(9999, 12, 31), 1) == date.max
    assert month_start(date(1, 1, 1), -1) == date.min
    assert month_start(date(2026, 11, 27), 3) == date(2027, 2, 1)
    assert same_day(date(9999, 12, 31), 12) == date.max
    assert same_day(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert same_day(date(1, 3, 31), -1) == date(1, 2, 28)


def test_a_premortem_a_year_after_9999_ends() -> None:
    from msctool.render.retro.facts import months_before, years_after

    assert years_after(date(9999, 12, 31), 1) == date.max  # looped forever before
    assert months_before(date(1, 2, 28), 3) == date.min


def test_a_usage_error_for_a_title_holding_a_control_character(
    make_partnership: MakeP, isolated_git: Path
) -> None:
    from msctool.edits.decide import DecisionRequest, prepare

    root = make_partnership()
    with pytest.raises(UserError, match="control character"):
        prepare(root, DecisionRequest(title="Go\x1b[2J", day=AS_OF, body="steering"), as_of=AS_OF)
