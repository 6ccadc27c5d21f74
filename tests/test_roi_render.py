"""The ROI story: Markdown, HTML and JSON renders of the demo, vignettes, the CLI."""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, DEMO, MakeP, demo, msc, snapshot, validate_html
from msctool.errors import UsageError, UserError
from msctool.render.roi.calculation import calculation
from msctool.render.roi.story import build_story, default_path, render_roi
from msctool.render.roi.teller import lower_first
from msctool.render.roi.vignettes import MAX_WORDS, short_name
from msctool.render.setup import prepare

invoke = partial(msc, "render", "roi")
"""``msc render roi ARGS``, in this process."""


# --------------------------------------------------------------------------- the demo


@pytest.mark.parametrize("language", ["en", "nl"])
def test_demo_markdown_snapshot(language: str) -> None:
    snapshot(f"roi-demo.{language}.md", render_roi(demo(language), "md"))


def test_demo_json_snapshot() -> None:
    snapshot("roi-demo.json", render_roi(demo(), "json"))


def test_demo_json_numbers() -> None:
    data = json.loads(render_roi(demo(), "json"))
    assert list(data) == [
        "format_version",
        "as_of",
        "currency",
        "period",
        "hourly_rate",
        "discount_rate",
        "inputs",
        "outcomes",
        "totals",
        "partners",
        "sensitivity",
    ]
    totals = data["totals"]
    # money 285,000 + in kind 151,000 + 13,090 hours × 45 = 589,050 → 1,025,050
    assert (totals["money"], totals["in_kind"], totals["hours"]) == (285000, 151000, 13090)
    assert totals["inputs"] == 1_025_050
    assert totals["ratio"] == pytest.approx(totals["present_value"] / 1_025_050)
    assert totals["npv"] == pytest.approx(totals["present_value"] - 1_025_050)
    assert len(data["outcomes"]) == 4
    assert len(data["sensitivity"]) == 8
    assert sum(p["share"] for p in data["partners"]) == pytest.approx(1)


def test_demo_html_is_valid(tmp_path: Path) -> None:
    paths = []
    for language in ("en", "nl"):
        path = tmp_path / f"roi.{language}.html"
        path.write_text(render_roi(demo(language), "html"), encoding="utf-8")
        paths.append(path)
    one = tmp_path / "roi.partner.html"
    one.write_text(render_roi(demo(), "html", partner="werkpunt"), encoding="utf-8")
    validate_html([*paths, one])


def test_demo_html_tables_have_captions_and_headers() -> None:
    html = render_roi(demo(), "html")
    assert html.count('<table class="data">') == html.count("<caption") == 5
    assert '<th scope="col">' in html
    assert '<th scope="row">Young people housed and still housed after twelve months</th>' in html
    assert "SROI 2.8 : 1" in html


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_demo_vignette_fits_on_a_slide(language: str) -> None:
    setup = demo(language)
    story = build_story(calculation(setup.partnership), setup.fmt)
    assert len(story.vignettes) == 13  # the partnership and its 12 partners with inputs
    for vignette in story.vignettes:
        assert vignette.words <= MAX_WORDS, (vignette.title, vignette.words)


@pytest.mark.parametrize(("language", "ratio"), [("en", "2.8 : 1"), ("nl", "2,8 : 1")])
def test_ratio_is_localised(language: str, ratio: str) -> None:
    text = render_roi(demo(language), "md")
    assert f"**SROI {ratio} — " in text
    assert f"| {ratio} |" in text


def test_a_partner_vignette_names_thanks_and_leads_with_its_value() -> None:
    setup = demo()
    story = build_story(calculation(setup.partnership), setup.fmt, partner="werkpunt")
    (vignette,) = story.vignettes
    assert vignette.title == "Werkpunt Utrecht Midden (regional employer service point)"
    assert vignette.lead == "€240,919 of social value, thanks to Werkpunt Utrecht Midden.¹"
    assert vignette.body.endswith("Thank you, Werkpunt Utrecht Midden!")
    assert "(regional employer service point)" not in vignette.text
    # What it gave, in the words of its inputs' descriptions.
    assert (
        "Werkpunt Utrecht Midden gave €60,000 for job-start wage subsidies, and 1,500 hours "
        "of job coaching and employer matching: €127,500 in all, 12% of what 12 partners"
    ) in vignette.body
    # Werkpunt keeps the first-jobs metric: its story names the jobs outcome, and counts
    # only the one other result its inputs contributed to (by its activities' goal).
    assert (
        "Together we achieved: 68 young people in paid work for six months or more; "
        "and one more result."
    ) in vignette.body


@pytest.mark.parametrize(
    ("language", "achieved"),
    [
        (
            "en",
            "Together we achieved: 38 young people housed and still housed after twelve "
            "months; early leavers back in school and still enrolled after six months "
            "(95 young people); and 2 more results.",
        ),
        (
            "nl",
            "Samen bereikten we: 38 young people housed and still housed after twelve "
            "months; early leavers back in school and still enrolled after six months "
            "(95 young people) en nog 2 andere resultaten.",
        ),
    ],
)
def test_results_are_introduced_as_a_list(language: str, achieved: str) -> None:
    setup = demo(language)
    story = build_story(calculation(setup.partnership), setup.fmt)
    assert achieved in story.vignettes[0].body


def test_short_name_drops_a_trailing_explanation() -> None:
    assert short_name("Werkpunt Utrecht Midden (regional employer service point)") == (
        "Werkpunt Utrecht Midden"
    )
    assert short_name("GGD Utrecht Stad — youth health service") == "GGD Utrecht Stad"
    assert short_name("CodeWerf B.V.") == "CodeWerf B.V."
    assert short_name("(JWU)") == "(JWU)"


def test_inputs_without_a_description_say_what_kind(make_partnership: MakeP) -> None:
    setup = prepare(make_partnership(), as_of=AS_OF)
    story = build_story(calculation(setup.partnership), setup.fmt, partner="city")
    assert "City gave €10,000 in money: 100% of what the one partner" in story.vignettes[0].body


def test_names_ending_in_a_full_stop_get_no_second_one() -> None:
    setup = demo()
    story = build_story(calculation(setup.partnership), setup.fmt, partner="codewerf")
    assert story.vignettes[0].lead == "€52,753 of social value, thanks to CodeWerf B.V.¹"


def test_lower_first_keeps_acronyms() -> None:
    assert lower_first("Early leavers back") == "early leavers back"
    assert lower_first("BBL places") == "BBL places"
    assert lower_first("CodeWerf trainees") == "CodeWerf trainees"


# --------------------------------------------------------------------------- bad and odd input


def test_no_roi_yaml_is_a_clear_error(make_partnership: MakeP) -> None:
    root = make_partnership(roi_yaml=None)
    with pytest.raises(UserError, match=r"there is no roi\.yaml") as caught:
        render_roi(prepare(root, as_of=AS_OF), "md")
    assert "docs/format.md" in (caught.value.hint or "")


def test_no_outcomes_is_a_clear_error(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["roi.yaml"]["outcomes"] = []

    with pytest.raises(UserError, match=r"roi\.yaml has no outcomes"):
        render_roi(prepare(make_partnership(edit), as_of=AS_OF), "json")


def test_zero_inputs_tell_why_there_is_no_ratio(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["roi.yaml"]["inputs"] = []

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    text = render_roi(setup, "md")
    assert "roi.yaml records no inputs yet, so there is no SROI ratio." in text
    assert "| SROI ratio (present value ÷ inputs) | none: no inputs recorded |" in text
    assert "Without inputs there is no ratio, so nothing to test yet." in text
    data = json.loads(render_roi(setup, "json"))
    assert (data["totals"]["ratio"], data["totals"]["payback_months"]) == (None, None)
    assert data["sensitivity"] == []


def test_unvalued_hours_only_still_tell_a_story(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["roi.yaml"]["hourly_rate"] = 0
        files["roi.yaml"]["inputs"] = [{"partner": "school", "kind": "hours", "amount": 40}]
        files["metrics.yaml"]["metrics"][0]["goal"] = "work"  # school runs the jobs fair

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    story = build_story(calculation(setup.partnership), setup.fmt)
    assert story.vignettes[1].lead == "School helped create €53,191 of social value."
    assert "no SROI ratio" in story.headline


def test_long_outcome_names_still_fit_on_a_slide(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        outcome = files["roi.yaml"]["outcomes"][0]
        long = " ".join(["Young people who found a steady job after a long search"] * 5)
        files["roi.yaml"]["outcomes"] = [{**outcome, "id": f"o{n}", "name": long} for n in range(3)]

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    story = build_story(calculation(setup.partnership), setup.fmt)
    assert all(v.words <= MAX_WORDS for v in story.vignettes)
    assert "Together we achieved 3 results." in story.vignettes[0].body


@pytest.mark.parametrize(
    ("language", "sentence", "cell"),
    [
        (
            "en",
            "the inputs are not paid back within the 2 years the results last.",
            "| Payback | not paid back within the 2 years the results last (42.9 months",
        ),
        (
            "nl",
            "binnen de 2 jaar dat de resultaten doorwerken, wordt de inbreng niet terugverdiend.",
            "| Terugverdientijd | niet terugverdiend binnen de 2 jaar dat de resultaten",
        ),
    ],
)
def test_a_ratio_below_one_claims_no_payback(
    make_partnership: MakeP, language: str, sentence: str, cell: str
) -> None:
    def edit(files: dict[str, Any]) -> None:  # €53,191 of value for €100,000 of inputs
        files["roi.yaml"]["inputs"][0]["amount"] = 100_000

    text = render_roi(prepare(make_partnership(edit), language=language, as_of=AS_OF), "md")
    assert sentence in text
    assert cell in text
    assert "paid back within 43" not in text and "Binnen 43" not in text


@pytest.mark.parametrize(
    ("language", "npv"),
    [("en", "| Net value (present value − inputs) | −€46,809 |"), ("nl", "| € −46.809 |")],
)
def test_negative_money_has_a_minus_sign(make_partnership: MakeP, language: str, npv: str) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["roi.yaml"]["inputs"][0]["amount"] = 100_000

    text = render_roi(prepare(make_partnership(edit), language=language, as_of=AS_OF), "md")
    assert npv in text
    assert "-€" not in text and "€ -" not in text


def test_dutch_headline_reads_naturally() -> None:
    text = render_roi(demo("nl"), "md")
    assert "elke euro die in Koers werd gestoken, leverde € 2,81" in text
    assert "die in Koers ging" not in text


def test_one_partner_is_thanked_by_name(make_partnership: MakeP) -> None:
    setup = prepare(make_partnership(), as_of=AS_OF)
    story = build_story(calculation(setup.partnership), setup.fmt)
    assert story.vignettes[0].body.endswith("Thank you, City!")
    assert "one partner gave €10,000 in money." in story.vignettes[0].body


def test_unknown_partner_suggests_the_nearest() -> None:
    with pytest.raises(UsageError, match="there is no partner `werkpnt`") as caught:
        render_roi(demo(), "md", partner="werkpnt")
    assert caught.value.hint == "did you mean `werkpunt`?"


def test_a_partner_without_inputs_has_no_story() -> None:
    with pytest.raises(UserError, match=r"`kromhout-techniek` has no inputs in roi\.yaml"):
        render_roi(demo(), "md", partner="kromhout-techniek")


def test_public_audience_renders(make_partnership: MakeP) -> None:
    setup = prepare(make_partnership(), audience="public", as_of=AS_OF)
    assert "ann@example.org" not in render_roi(setup, "html")


# --------------------------------------------------------------------------- the command line


def test_cli_writes_the_default_file_and_needs_force_to_replace_it(demo_copy: Path) -> None:
    first = invoke("-C", str(demo_copy), "--as-of", "2026-11-27")
    assert first.exit_code == 0, first.stderr
    path = demo_copy / "roi" / "roi-2026-11-27.md"
    assert first.stdout == f"wrote {path}\n"
    assert path.read_text(encoding="utf-8") == render_roi(demo(), "md")
    again = invoke("-C", str(demo_copy), "--as-of", "2026-11-27")
    assert again.exit_code == 1
    assert again.stderr.splitlines()[0] == f"msc: error: {path} exists"
    assert invoke("-C", str(demo_copy), "--as-of", "2026-11-27", "--force").exit_code == 0


def test_cli_markdown_to_stdout_first_lines() -> None:
    result = invoke("-C", str(DEMO), "--as-of", "2026-11-27", "-o", "-", "--language", "nl")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        "# ROI-verhaal: Koers Utrecht — youth partnership 16–27",
        "",
        "*Every young person in Utrecht a place to learn, work and live.*",
    ]


def test_cli_json_goes_to_stdout() -> None:
    result = invoke("-C", str(DEMO), "--as-of", "2026-11-27", "--format", "json")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "{"
    assert json.loads(result.stdout)["totals"]["inputs"] == 1_025_050


def test_cli_partner_renders_one_story_and_the_headline() -> None:
    result = invoke("-C", str(DEMO), "--as-of", "2026-11-27", "--partner", "werkpunt", "-o", "-")
    assert result.exit_code == 0
    text = result.stdout
    assert text.splitlines()[0] == "# ROI story: Koers Utrecht — youth partnership 16–27"
    assert "**SROI 2.8 : 1 — every euro put into Koers created €2.81 of social value.**" in text
    assert re.findall(r"^### (.*)$", text, flags=re.M) == [
        "Werkpunt Utrecht Midden (regional employer service point)"
    ]
    assert "## The numbers" not in text


def test_cli_partner_json_has_only_that_partner() -> None:
    result = invoke(
        "-C", str(DEMO), "--as-of", "2026-11-27", "--format", "json", "--partner", "ggd"
    )
    assert result.exit_code == 0
    assert [p["partner"] for p in json.loads(result.stdout)["partners"]] == ["ggd"]


def test_cli_unknown_partner_exits_2_with_a_suggestion() -> None:
    result = invoke("-C", str(DEMO), "--partner", "werkpnt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "msc: error: --partner: there is no partner `werkpnt`",
        "  hint: did you mean `werkpunt`?",
    ]


def test_cli_without_roi_yaml_exits_1(make_partnership: MakeP) -> None:
    root = make_partnership(roi_yaml=None)
    result = invoke("-C", str(root), "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"msc: error: there is no roi.yaml in {root}"
    assert result.stdout == ""


def test_default_path_with_a_partner() -> None:
    setup = demo()
    assert default_path(setup, "html", "ggd") == DEMO / "roi" / "roi-2026-11-27-ggd.html"
