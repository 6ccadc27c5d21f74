"""The balanced scorecard: Markdown, HTML and CSV renders, the terminal view, the CLI."""

from __future__ import annotations

import copy
import csv
import io
import re
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import AS_OF, DEMO, REPO, nonempty, snapshot, validate_html
from msctool.cli.app import app
from msctool.cli.scorecard_cmd import use_colour
from msctool.render.scorecard import (
    CSV_COLUMNS,
    PERSPECTIVES,
    build_scorecard,
    default_path,
    render_scorecard,
    terminal_view,
)
from msctool.render.setup import Setup, prepare

MakeP = Callable[..., Path]
SNAPSHOTS = Path(__file__).parent / "snapshots"
EVIL = "<script>alert(1)</script> & Co"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
BASE_HTML = (REPO / "templates" / "render" / "base.html.j2").read_text(encoding="utf-8")


def demo(language: str | None = None) -> Setup:
    return prepare(DEMO, language=language, as_of=AS_OF)


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env={**ENV, **(env or {})})


def add_metric(files: dict[str, Any], **fields: Any) -> None:
    """A copy of the base partnership's metric, changed by ``fields``."""
    metric = copy.deepcopy(files["metrics.yaml"]["metrics"][0])
    metric.update(fields)
    files["metrics.yaml"]["metrics"].append(metric)


# --------------------------------------------------------------------------- the demo


@pytest.mark.parametrize("language", ["en", "nl"])
def test_demo_markdown_snapshot(language: str) -> None:
    snapshot(f"scorecard-demo.{language}.md", render_scorecard(demo(language), "md"))


def test_demo_csv_snapshot_is_the_same_in_every_language() -> None:
    text = render_scorecard(demo("en"), "csv")
    snapshot("scorecard-demo.csv", text)
    assert render_scorecard(demo("nl"), "csv") == text


@pytest.mark.parametrize("language", ["en", "nl"])
def test_demo_terminal_snapshot(language: str) -> None:
    result = invoke("scorecard", "-C", str(DEMO), "--as-of", "2026-11-27", "--language", language)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    snapshot(f"scorecard-demo.{language}.txt", result.stdout)


@pytest.mark.xfail(
    "cellpadding" in BASE_HTML,
    reason="base.html.j2 (not this render's file) uses cellpadding/cellspacing/align, "
    "which the Nu checker reports as obsolete",
    raises=AssertionError,  # only the checker's verdict; a missing checker is no pass
    strict=True,
)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_demo_html_is_valid(language: str, tmp_path: Path) -> None:
    path = tmp_path / f"scorecard.{language}.html"
    path.write_text(render_scorecard(demo(language), "html"), encoding="utf-8")
    validate_html([path])


def test_demo_html_has_a_described_chart_per_metric() -> None:
    html = render_scorecard(demo("en"), "html")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 7
    assert html.count('role="img"') == 7
    assert (
        '<desc id="chart-neet-rate-desc">Young people not in education, employment or '
        "training fell from 8.4% on 30 June 2024 to 7.3% on 30 September 2026." in html
    )
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    for colour in ("#b3122a", "#f2a900"):  # the identity's primary and accent
        assert f'stroke="{colour}"' in html


def test_demo_html_charts_parse_as_xml() -> None:
    import xml.etree.ElementTree as ET

    html = render_scorecard(demo("nl"), "html")
    charts = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    assert len(charts) == 7
    for chart in charts:
        root = ET.fromstring(chart)
        desc = root.find("{http://www.w3.org/2000/svg}desc")
        assert desc is not None and desc.text and "Doel" in desc.text


def test_forecast_is_explained_in_a_footnote() -> None:
    assert "least squares" in render_scorecard(demo("en"), "md")
    assert "kleinste kwadraten" in render_scorecard(demo("nl"), "html")


# --------------------------------------------------------------------------- content


def test_metrics_off_the_scorecard_are_left_out(make_partnership: MakeP) -> None:
    root = make_partnership(lambda f: add_metric(f, id="tracked", name="Tracked", scorecard=False))
    setup = prepare(root, as_of=AS_OF)
    assert [s.metric.id for s in build_scorecard(setup.partnership, AS_OF).statuses] == [
        "placements"
    ]
    for output_format in ("md", "html", "csv"):
        assert "Tracked" not in render_scorecard(setup, output_format)
    assert "Tracked" not in terminal_view(setup, width=100, colour=False)


def test_a_metric_without_observations_says_no_data_yet(make_partnership: MakeP) -> None:
    root = make_partnership(lambda f: add_metric(f, id="fresh", name="Fresh metric"))
    setup = prepare(root, as_of=AS_OF)
    md = render_scorecard(setup, "md")
    assert "| Fresh metric | better off · performance | 10 on 1 Jan 2025 | no data yet | " in md
    assert "- No data yet: Fresh metric." in md
    html = render_scorecard(setup, "html")
    assert 'fill="#555555">no data yet</text>' in html
    assert "Fresh metric: no data yet. Target 40 people by 1 January 2027." in html
    rows = list(csv.DictReader(io.StringIO(render_scorecard(setup, "csv"))))
    fresh = rows[-1]
    assert fresh["id"] == "fresh"
    assert fresh["latest"] == fresh["latest_date"] == fresh["change"] == fresh["trend"] == ""
    assert "no data yet" in terminal_view(setup, width=100, colour=False)


@pytest.mark.parametrize(
    ("language", "count", "only"),
    [
        (
            "en",
            "1 metric in 1 perspective",
            "- The one metric with an earlier measurement moved the right way since then.",
        ),
        (
            "nl",
            "1 indicator in 1 perspectief",
            "- De enige indicator met een eerdere meting ging sindsdien de goede kant op.",
        ),
    ],
)
def test_one_metric_is_singular(
    make_partnership: MakeP, language: str, count: str, only: str
) -> None:
    setup = prepare(make_partnership(), language=language, as_of=AS_OF)
    md = render_scorecard(setup, "md")
    assert f" · {count}\n" in md
    assert only in md
    assert f" · {count}</p>" in render_scorecard(setup, "html")


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "- 1 of 2 metrics moved the right way since its previous measurement."),
        ("nl", "- 1 van de 2 indicatoren ging de goede kant op sinds de vorige meting."),
    ],
)
def test_one_of_several_takes_a_singular_verb(
    make_partnership: MakeP, language: str, line: str
) -> None:
    def edit(files: dict[str, Any]) -> None:
        add_metric(files, id="waiting", name="Weeks waiting", direction="down", unit="weeks")
        files["data/waiting.csv"] = (
            "metric,date,value,source\nwaiting,2026-10-31,20,desk\nwaiting,2026-11-20,22,desk\n"
        )

    md = render_scorecard(prepare(make_partnership(edit), language=language, as_of=AS_OF), "md")
    assert line in md
    assert "2 metrics in 1 perspective" in md or "2 indicatoren in 1 perspectief" in md


def test_one_ahead_of_its_forecast_is_singular() -> None:
    from msctool.render.scorecard import share_line

    fmt = demo().fmt
    assert share_line(fmt, "scorecard_summary_forecast", 1, 7) == "1 of 7 is ahead of its forecast."
    nl = demo("nl").fmt
    assert share_line(nl, "scorecard_summary_forecast", 1, 7) == (
        "1 van de 7 doet het beter dan verwacht."
    )


@pytest.mark.parametrize(("language", "share"), [("en", "7.3%"), ("nl", "7,3\u00a0%")])
def test_percentages_follow_the_language(language: str, share: str) -> None:
    md = render_scorecard(demo(language), "md")
    assert f"**{share}**" in md
    if language == "en":
        assert " %" not in md and "\u00a0%" not in md


def test_metrics_are_grouped_by_perspective_in_the_scorecard_order(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        add_metric(files, id="hours", name="Hours given", perspective="resources")
        add_metric(files, id="panel", name="Panel advice used", perspective="learning")
        add_metric(files, id="reach", name="Young people reached", perspective="stakeholders")

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    card = build_scorecard(setup.partnership, AS_OF)
    assert [g.perspective for g in card.groups] == list(PERSPECTIVES)
    assert [[s.metric.id for s in g.statuses] for g in card.groups] == [
        ["placements", "reach"],
        [],
        ["panel"],
        ["hours"],
    ]
    md = render_scorecard(setup, "md")
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings[1:] == [
        "Stakeholders",
        "Processes",
        "Learning and growth",
        "Resources",
        "How to read this",
    ]
    processes = md.split("## Processes", 1)[1].split("## ", 1)[0]
    assert "No metrics for this perspective yet." in processes
    assert "Panel advice used" in md.split("## Learning and growth", 1)[1].split("## ", 1)[0]


def test_trend_and_forecast_follow_the_metric_direction(make_partnership: MakeP) -> None:
    rows = "metric,date,value,source\n" + "".join(
        f"waiting,2026-0{m}-01,{v},desk\n" for m, v in [(1, 30), (2, 29), (3, 28), (4, 20)]
    )

    def edit(files: dict[str, Any]) -> None:
        target = {"value": 15, "date": date(2027, 1, 1)}
        add_metric(
            files, id="waiting", name="Weeks waiting", direction="down", unit="weeks", target=target
        )
        files["data/waiting.csv"] = rows

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    md = render_scorecard(setup, "md")
    line = next(row for row in md.splitlines() if row.startswith("| Weeks waiting"))
    assert "| **20 weeks** · 1 Apr 2026 | ↓ −8 · better | 27 · ahead | 15 by 1 Jan 2027 |" in line
    (row,) = [
        r
        for r in csv.DictReader(io.StringIO(render_scorecard(setup, "csv")))
        if r["id"] == "waiting"
    ]
    assert (row["change"], row["trend"], row["versus_forecast"]) == ("-8", "better", "better")
    assert float(row["forecast"]) == pytest.approx(27, abs=0.05)  # months differ in length


def test_names_are_escaped_in_html_and_svg(make_partnership: MakeP) -> None:
    root = make_partnership(lambda f: f["metrics.yaml"]["metrics"][0].update(name=EVIL))
    html = render_scorecard(prepare(root, as_of=AS_OF), "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert (
        '<title id="chart-placements-title">&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>'
        in html
    )


def test_csv_parses_back_with_one_row_per_scorecard_metric() -> None:
    setup = demo()
    rows = list(csv.reader(io.StringIO(render_scorecard(setup, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]
    on_card = [m.id for m in setup.partnership.metrics if m.scorecard]
    assert [r["id"] for r in records] == on_card
    for record in nonempty(records, "scorecard rows"):
        for column in ("baseline", "target", "latest", "change", "forecast"):
            float(record[column])  # plain dot decimals, no thousands separators
        for column in ("baseline_date", "target_date", "latest_date"):
            date.fromisoformat(record[column])
        assert record["trend"] in ("better", "worse", "flat")
        assert record["versus_forecast"] in ("better", "worse", "flat")


# --------------------------------------------------------------------------- terminal


def test_terminal_colours_arrows_by_good_or_bad_news() -> None:
    setup = demo()
    coloured = terminal_view(setup, width=100, colour=True)
    assert "\x1b[32m↓ −0.2 pts" in coloured  # school absence down: good news, green
    assert "\x1b[31m↑ +0.8" in coloured  # housing wait up: bad news, red
    assert "\x1b[" not in terminal_view(setup, width=100, colour=False)


@pytest.mark.parametrize("columns", ["40", "20", "250"])
def test_terminal_view_survives_any_width(columns: str) -> None:
    result = invoke("scorecard", "-C", str(DEMO), "--as-of", "2026-11-27", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert all(len(line) <= int(columns) for line in result.stdout.splitlines())
    assert "Hours" in result.stdout


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(no_color=False)
    assert not use_colour(no_color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(no_color=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.delenv("NO_COLOR")
    assert not use_colour(no_color=False)


# --------------------------------------------------------------------------- the CLI


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


def test_render_writes_the_default_file_once(demo_copy: Path) -> None:
    args = ("render", "scorecard", "-C", str(demo_copy), "--as-of", "2026-11-27")
    result = invoke(*args, "--format", "html")
    assert result.exit_code == 0, result.output
    written = demo_copy / "scorecards" / "scorecard-2026-11-27.html"
    assert result.stdout == f"wrote {written}\n"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = invoke(*args, "--format", "html")
    assert again.exit_code == 1
    assert f"msc: error: {written} exists" in again.stderr
    assert "write with force" in again.stderr
    assert invoke(*args, "--format", "html", "--force", "-q").stdout == ""


def test_render_to_stdout_and_to_a_named_file(demo_copy: Path, tmp_path: Path) -> None:
    args = ("render", "scorecard", "-C", str(demo_copy), "--as-of", "2026-11-27")
    result = invoke(*args, "--format", "csv", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == (SNAPSHOTS / "scorecard-demo.csv").read_text(encoding="utf-8")
    target = tmp_path / "out" / "card.md"
    assert invoke(*args, "-o", str(target), "--language", "nl").exit_code == 0
    assert target.read_text(encoding="utf-8") == (SNAPSHOTS / "scorecard-demo.nl.md").read_text(
        encoding="utf-8"
    )
    assert not (demo_copy / "scorecards").exists()


def test_default_path_is_dated_by_the_as_of_day() -> None:
    assert default_path(demo(), "csv") == DEMO / "scorecards" / "scorecard-2026-11-27.csv"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "pdf"], 2, "'pdf' is not one of"),
        (["--as-of", "2026-13-01"], 2, "--as-of: `2026-13-01` is not a date"),
        (["--language", "de"], 2, "'de' is not one of"),
    ],
)
def test_render_usage_errors(args: list[str], code: int, message: str) -> None:
    result = invoke("render", "scorecard", "-C", str(DEMO), *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_not_a_partnership_is_a_usage_error(tmp_path: Path) -> None:
    for command in (["render", "scorecard"], ["scorecard"]):
        result = invoke(*command, "-C", str(tmp_path))
        assert result.exit_code == 2
        assert result.stderr.startswith("msc: error: ")
        assert "Traceback" not in result.output


def test_a_partnership_with_errors_is_a_user_error(make_partnership: MakeP) -> None:
    root = make_partnership(lambda f: f["metrics.yaml"]["metrics"][0].update(owner="nobody"))
    for command in (["render", "scorecard", "-o", "-"], ["scorecard"]):
        result = invoke(*command, "-C", str(root))
        assert result.exit_code == 1
        assert "the partnership has errors: " in result.stderr
        assert "msc check" in result.stderr


def test_public_audience_renders_too(demo_copy: Path) -> None:
    result = invoke(
        "render",
        "scorecard",
        "-C",
        str(demo_copy),
        "--as-of",
        "2026-11-27",
        "--audience",
        "public",
        "-o",
        "-",
    )
    assert result.exit_code == 0
    assert "@" not in result.stdout
