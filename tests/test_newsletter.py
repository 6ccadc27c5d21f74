"""The newsletter: what changed since the last issue, in md, html, txt and eml."""

from __future__ import annotations

import copy
import email
import email.policy
import itertools
import re
import shutil
from datetime import date
from email.message import EmailMessage
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from helpers import (
    AS_OF,
    DEMO,
    MakeP,
    commit,
    demo,
    edit_yaml,
    msc,
    new_partner,
    partner,
    private_values,
    repository,
    snapshot,
    story,
    validate_html,
    with_clinic,
)
from msctool.errors import UsageError
from msctool.render.i18n import Formatter
from msctool.render.newsletter.compose import WORD_BUDGET, Newsletter, count_words
from msctool.render.newsletter.issue import build_newsletter, default_path, render_newsletter
from msctool.render.newsletter.window import parse_month, window_for
from msctool.render.newsletter.words import Words, continued, short_name
from msctool.render.setup import Setup, prepare
from msctool.rules.check import load_valid

EVIL = "<script>alert(1)</script> & Co"
LOTS = date(2023, 1, 1)
"""A window over the demo's whole history: everything changed."""


def readable(rendered: str) -> str:
    """``rendered`` without the as-of marker, which no reader sees."""
    return re.sub(r"<!-- msc newsletter as-of [\d-]+ -->", "", rendered)


def text(setup: Setup, fmt: Any = "md", **options: Any) -> str:
    result = render_newsletter(setup, fmt, **options)
    assert isinstance(result, str)
    return result


def message(setup: Setup, **options: Any) -> EmailMessage:
    raw = render_newsletter(setup, "eml", **options)
    assert isinstance(raw, bytes)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


invoke = partial(msc, "render", "newsletter")
"""``msc render newsletter ARGS``, in this process."""


# --------------------------------------------------------------------------- the demo


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_demo_snapshot(language: str, fmt: str) -> None:
    snapshot(f"newsletter-demo.{language}.{fmt}", text(demo(language), fmt))


@pytest.mark.parametrize("since", [None, LOTS, date(2025, 1, 1), date(2026, 1, 1)])
@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_two_minute_read(language: str, fmt: str, since: date | None) -> None:
    """≤ 450 words, counted both as a reader does and as plain whitespace-split tokens."""
    rendered = readable(text(demo(language), fmt, since=since))
    assert count_words(rendered) <= WORD_BUDGET
    assert len(rendered.split()) <= WORD_BUDGET


def test_demo_opens_with_the_three_biggest_changes() -> None:
    lines = text(demo("en")).splitlines()
    assert lines[:5] == [
        "# Koers — November 2026",
        "",
        "*Koers Utrecht — youth partnership 16–27 · Every young person in Utrecht a place to "
        "learn, work and live.*",
        "",
        "What changed since our October 2026 newsletter, up to 27 November 2026.",
    ]
    assert lines[6] == "## Three things that changed"
    assert lines[8].startswith("1. **First jobs and learn-work places started: 11 young people")
    assert lines[9].startswith("2. **Hours partners contribute: 1,067 hours per month.**")
    assert lines[10].startswith("3. **Community meeting: waiting for a home.**")


def test_every_metric_carries_its_change_and_a_comparison() -> None:
    rendered = text(demo("en"))
    assert (
        "**Wait for a first home for young people without one: 39.3 weeks.** Up 0.8 since "
        "September: the wrong way. Behind the 39.1 forecast; target 20 by December 2027."
    ) in rendered
    assert "Ahead of the 8 forecast; target of 9 reached." in rendered


def test_demo_names_the_body_and_rule_and_thanks_partners() -> None:
    rendered = text(demo("en"))
    assert (
        "**Proposed: Ask for a youth quota in social housing allocation.** Working group "
        "Home & Health will decide (by majority vote); proposed on 5 November."
    ) in rendered
    assert (
        "Thank you to Werkpunt Utrecht Midden, Stichting Jongerenwerk Utrecht, Woonstichting "
        "Domstede, Jongerenraad Utrecht and Gemeente Utrecht, and to the 27 people who shared "
        "their views."
    ) in rendered


def test_you_told_us_so_we_changed() -> None:
    rendered = text(demo("en"))
    assert "You told us: “The median wait is close to 39 weeks;" in rendered
    assert "over a year.” So we changed this: the working group Home & Health put" in rendered
    assert "Domstede now offers shared flats" in rendered


def test_dutch_reads_as_a_dutch_coordinator_writes() -> None:
    rendered = text(demo("nl"))
    assert "## De drie grootste veranderingen" in rendered
    assert "Wat er is veranderd sinds de nieuwsbrief van oktober 2026" in rendered
    assert "Op 14 oktober deden 27 mensen mee, onder leiding van" in rendered
    assert "Wat we hoorden: “The median wait" in rendered
    assert "Daarom hebben we dit veranderd: the working group" in rendered  # data in English
    assert "- De volgende terugblik staat uiterlijk in januari 2027 gepland." in rendered
    for unnatural in ("veranderde ", "vertelden", "Drie dingen", "is uiterlijk in"):
        assert unnatural not in rendered


@pytest.mark.parametrize(
    ("text_", "language", "expected"),
    [
        ("The group met.", "en", "the group met."),
        ("Domstede now offers flats.", "en", "Domstede now offers flats."),
        ("IT moved the desk.", "en", "IT moved the desk."),
        ("A quota.", "en", "a quota."),
        ("De werkgroep stemt.", "nl", "de werkgroep stemt."),
    ],
)
def test_a_change_goes_on_after_the_colon(text_: str, language: str, expected: str) -> None:
    assert continued(text_, language) == expected


def test_coming_up_and_the_purpose_close_the_issue() -> None:
    lines = text(demo("en")).rstrip("\n").splitlines()
    assert "- The next retrospective is due in January 2027." in lines
    assert "- The next newsletter comes out in December 2026." in lines
    assert lines[-3].startswith("*Why we do this: Together we make sure")


def test_a_busy_window_keeps_lists_short() -> None:
    rendered = text(demo("en"), since=LOTS)
    assert "What changed from 1 January 2023 to 27 November 2026." in rendered
    assert rendered.count("- …and ") >= 3
    assert "- …and 7 more." in rendered  # 8 engagements, one shown


def test_the_lines_of_plain_text_fit_in_72_columns() -> None:
    for since in (None, LOTS):
        for line in text(demo("nl"), "txt", since=since).splitlines():
            assert len(line) <= 72 or " " not in line.strip(), line


# --------------------------------------------------------------------------- html


@pytest.mark.parametrize("language", ["en", "nl"])
def test_demo_html_is_valid(language: str, tmp_path: Path) -> None:
    paths = []
    for since in (None, LOTS):
        path = tmp_path / f"newsletter-{language}-{since}.html"
        path.write_text(text(demo(language), "html", since=since), encoding="utf-8")
        paths.append(path)
    validate_html(paths)


def test_html_is_email_safe() -> None:
    html = text(demo("en"), "html")
    resources = re.findall(r'\b(?:src|href)="([^"]*)"', html)
    assert resources and all(r.startswith("data:image/") for r in resources)
    assert "http" not in " ".join(resources)
    assert "<link" not in html and "<script" not in html and "url(" not in html
    assert re.search(r'<table[^>]*style="[^"]*width: 600px', html)


def test_html_styles_are_inlined_on_every_element() -> None:
    html = text(demo("en"), "html")
    body = html[html.index("<body") :]
    tags = re.findall(r"<(h1|h2|p|ul|ol|li|td|table|img|div|body)\b([^>]*)>", body)
    assert len(tags) > 20
    for name, attributes in tags:
        assert 'style="' in attributes, f"<{name}{attributes}> has no inline style"
    assert "<style" not in html


def test_html_has_alt_texts_and_headings_in_order() -> None:
    html = text(demo("en"), "html")
    assert re.search(r'<img[^>]* alt="Logo of Koers Utrecht[^"]*"', html)
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


def test_names_are_escaped_in_html(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["engagement.yaml"]["engagements"][0]["title"] = EVIL
        files["partners.yaml"]["partners"][0]["name"] = EVIL

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    html = text(setup, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


# --------------------------------------------------------------------------- eml


def test_eml_is_multipart_alternative_with_text_then_html() -> None:
    msg = message(demo("en"), sender="Sanne Bakker <koers@example.org>", to=["a@example.org"])
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    assert msg["Subject"] == (
        "[Koers] November 2026: First jobs and learn-work places started: 11 young people per month"
    )
    assert msg["From"] == "Sanne Bakker <koers@example.org>"
    assert msg["To"] == "a@example.org"
    assert msg["Date"] == "Fri, 27 Nov 2026 09:00:00 +0000"
    plain, html = (p.get_content() for p in parts)
    assert plain.startswith("Koers — November 2026\r\n")  # CRLF, as RFC 5322 asks
    assert "<h1" in html and 'style="' in html


def test_eml_defaults_to_a_placeholder_sender_and_no_recipient() -> None:
    msg = message(demo("nl"))
    assert msg["From"] == "Koers <newsletter@invalid>"
    assert msg["To"] is None
    assert msg["Content-Language"] == "nl"
    assert str(msg["Subject"]).startswith("[Koers] november 2026: ")


def test_eml_takes_several_recipients() -> None:
    msg = message(demo("en"), to=["Ann <ann@example.org>", "bob@example.org, cy@example.org"])
    assert msg["To"] == "Ann <ann@example.org>, bob@example.org, cy@example.org"


def test_eml_is_the_same_every_time() -> None:
    assert render_newsletter(demo("en"), "eml") == render_newsletter(demo("en"), "eml")


@pytest.mark.parametrize("address", ["not an address", "@example.org", "ann@", ""])
def test_eml_refuses_a_bad_address(address: str) -> None:
    with pytest.raises(UsageError, match="is not an e-mail address"):
        render_newsletter(demo("en"), "eml", to=[address])


# --------------------------------------------------------------------------- windows


def test_window_starts_at_the_previous_issue_and_ignores_this_months() -> None:
    partnership = load_valid(DEMO, AS_OF)
    window = window_for(partnership, AS_OF)
    assert (window.start, window.end) == (date(2026, 10, 1), AS_OF)
    assert window.previous is not None and window.previous.path == "newsletters/2026-10.md"


def test_rendering_this_months_issue_again_covers_the_same_days(demo_copy: Path) -> None:
    first = text(prepare(demo_copy, as_of=AS_OF))
    (demo_copy / "newsletters" / "2026-11.md").write_text(first, encoding="utf-8")
    assert text(prepare(demo_copy, as_of=AS_OF)) == first


def test_every_issue_marks_the_day_it_speaks_for() -> None:
    assert text(demo("en")).endswith("\n\n<!-- msc newsletter as-of 2026-11-27 -->\n")
    html = text(demo("en"), "html")
    head = html[: html.index("</head>")]
    assert '<meta name="msc-newsletter-as-of" content="2026-11-27">' in head  # css-inline keeps it
    assert "as-of" not in text(demo("en"), "txt")
    october = text(demo("en"), period=date(2026, 10, 1))
    assert october.endswith("<!-- msc newsletter as-of 2026-10-31 -->\n")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_next_issue_starts_the_day_after_the_last_one(demo_copy: Path, fmt: Any) -> None:
    november = text(prepare(demo_copy, as_of=AS_OF), fmt)
    (demo_copy / "newsletters" / f"2026-11.{fmt}").write_text(november, encoding="utf-8")
    assert "youth quota" in november  # proposed on 5 November
    december = prepare(demo_copy, as_of=date(2026, 12, 20))
    window = window_for(december.partnership, december.as_of)
    assert (window.start, window.end) == (date(2026, 11, 28), date(2026, 12, 20))
    again = text(december)
    assert "youth quota" not in again
    assert "What changed since our November 2026 newsletter, up to 20 December 2026." in again


def test_without_an_earlier_issue_the_window_is_one_cadence(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["cadence"] = {"newsletter": "quarterly"}

    partnership = load_valid(make_partnership(edit), AS_OF)
    assert window_for(partnership, AS_OF).start == date(2026, 8, 1)


def test_since_covers_from_that_day() -> None:
    letter = build_newsletter(demo("en"), since=date(2026, 11, 1))
    assert letter.intro == "What changed from 1 November to 27 November 2026."
    assert [i.key for i in letter.top] == ["decision-11"]
    assert letter.top_heading == "The biggest change"


def test_period_covers_one_calendar_month() -> None:
    letter = build_newsletter(demo("en"), period=parse_month("2026-10"))
    assert (letter.window.start, letter.window.end) == (date(2026, 10, 1), date(2026, 10, 31))
    assert letter.intro == "What changed in October 2026."
    keys = {i.key for i in letter.top} | {i.key for s in letter.sections for i in s.items}
    assert "engagement-housing-wait-meeting" in keys
    assert "decision-11" not in keys  # 5 November
    assert default_path(demo().partnership, letter.window, "md").name == "2026-10.md"


def test_period_ends_on_the_as_of_day_when_that_comes_first() -> None:
    letter = build_newsletter(demo("en"), period=date(2026, 11, 1))
    assert letter.window.end == AS_OF


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": date(2026, 12, 1)}, "2026-12-01 is after the as-of date 2026-11-27"),
        ({"period": date(2027, 1, 1)}, "2027-01 is after the as-of date 2026-11-27"),
        (
            {"since": date(2026, 1, 1), "period": date(2026, 1, 1)},
            "give a start date or a period, not both",
        ),
    ],
)
def test_window_mistakes_are_usage_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        build_newsletter(demo("en"), **options)
    assert caught.value.message == message


@pytest.mark.parametrize("value", ["2026", "2026-13", "october", "2026-10-01"])
def test_a_bad_period_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match="is not a month"):
        parse_month(value)


# --------------------------------------------------------------------------- content


def quiet_partnership(files: dict[str, Any]) -> None:
    """Nothing happened in November 2026 (the default window is October-November)."""
    files["data/placements.csv"] = "metric,date,value,source\nplacements,2026-06-30,20,city\n"
    files["engagement.yaml"]["engagements"][0]["date"] = date(2026, 6, 1)


def test_a_window_with_no_changes_is_a_short_friendly_issue(make_partnership: MakeP) -> None:
    setup = prepare(make_partnership(quiet_partnership), as_of=AS_OF)
    letter = build_newsletter(setup)
    assert letter.top == () and letter.sections == ()
    rendered = text(setup)
    assert "A quiet spell: no new decisions, figures, partners or talks" in rendered
    assert "Thank you, all 2 partners, for keeping the work going." in rendered
    assert "## Coming up" in rendered
    assert count_words(rendered) < 150
    assert letter.subject == "[YW] November 2026: what is coming up"
    for fmt in ("html", "txt", "eml"):
        assert render_newsletter(setup, fmt)


def test_a_partnership_without_metrics_or_engagements(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["metrics.yaml"] = {"format_version": 1, "metrics": []}
        files["engagement.yaml"] = {"format_version": 1, "engagements": []}
        files["data/placements.csv"] = None
        files["roi.yaml"]["outcomes"][0].pop("metric")
        files["retros/2026-10-01-after-action.md"] = None

    setup = prepare(make_partnership(edit), as_of=AS_OF)
    rendered = text(setup)
    assert "No retrospective is planned yet." in rendered
    assert "## The numbers" not in rendered
    assert text(setup, "txt")


def test_metrics_without_forecast_or_target_still_compare(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        del files["metrics.yaml"]["metrics"][0]["target"]

    rendered = text(prepare(make_partnership(edit), as_of=AS_OF))
    assert "**Young people placed in work: 22 people.** Up 2 since October: good news." in (
        rendered
    )


def busy(files: dict[str, Any]) -> None:
    """Lots happened in November 2026: decisions, partners, engagements, metrics."""
    partners = files["partners.yaml"]["partners"]
    for n in range(8):
        joined = copy.deepcopy(partners[0])
        joined.update(
            id=f"new-{n}", name=f"New Partner {n} With A Long Name", joined=f"2026-11-{n + 2:02d}"
        )
        partners.append(joined)
    for n in range(2, 12):
        files[f"decisions/{n:04d}-d.md"] = {
            "format_version": 1,
            "id": n,
            "title": f"Decision number {n} about something that matters to partners",
            "date": date(2026, 11, n + 5),
            "status": "accepted" if n % 2 else "proposed",
            "body": "steering",
            "consulted": ["city", "school"],
        }
    engagement = files["engagement.yaml"]["engagements"][0]
    long_text = "Young people told us a long and detailed story about what matters to them."
    engagement.update(heard=[long_text] * 3, changed=[long_text] * 4)
    for n in range(6):
        more = copy.deepcopy(engagement)
        more.update(id=f"panel-{n}", date=date(2026, 11, 2 + n))
        files["engagement.yaml"]["engagements"].append(more)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_busy_month_stays_within_the_word_budget(
    make_partnership: MakeP, language: str, fmt: str
) -> None:
    setup = prepare(make_partnership(busy), language=language, as_of=AS_OF)
    rendered = readable(text(setup, fmt))
    assert count_words(rendered) <= WORD_BUDGET
    assert len(rendered.split()) <= WORD_BUDGET
    assert ("…and " if language == "en" else "…en nog ") in rendered


def test_ranking_follows_the_documented_scores(make_partnership: MakeP) -> None:
    setup = prepare(make_partnership(busy), as_of=AS_OF)
    letter = build_newsletter(setup)
    assert [i.key for i in letter.top] == ["decision-11", "decision-9", "decision-7"]
    kinds = [s.kind for s in letter.sections]
    assert kinds == ["decision", "metric", "partner", "engagement"]


def test_joined_and_left_partners(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        city, school = files["partners.yaml"]["partners"]
        city["joined"] = date(2026, 11, 3)
        city["gives"][0]["description"] = "Office space for the desk"
        school["left"] = date(2026, 11, 10)
        files["activities.yaml"]["activities"][1]["raci"] = {"accountable": "city"}

    rendered = text(prepare(make_partnership(edit), as_of=AS_OF))
    assert "**Welcome, City.** Joined on 3 November. Brings: Office space for the desk." in (
        rendered
    )
    assert "**Goodbye, School.** Left on 10 November. Thank you for your work." in rendered


def test_an_engagement_that_changed_nothing_says_so(make_partnership: MakeP) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["engagement.yaml"]["engagements"][0]["changed"] = []

    rendered = text(prepare(make_partnership(edit), as_of=AS_OF))
    assert "You told us: “Opening hours do not fit school days.” What we do with it is" in rendered


def test_planned_retrospectives_are_coming_up(make_partnership: MakeP) -> None:
    def planned(files: dict[str, Any]) -> None:
        files["retros/2027-01-14-premortem.md"] = "# Premortem\n"

    rendered = text(prepare(make_partnership(planned), as_of=AS_OF))
    assert "- Retrospective on 14 January 2027: premortem." in rendered


def test_an_overdue_retrospective_is_named(make_partnership: MakeP) -> None:
    def overdue(files: dict[str, Any]) -> None:
        files["retros/2026-10-01-after-action.md"] = None
        files["retros/2026-01-05-after-action.md"] = "# Retro\n"

    rendered = text(prepare(make_partnership(overdue), as_of=AS_OF))
    assert "- A retrospective is overdue: the last one was on 5 January." in rendered


def test_with_no_partner_yet_there_is_no_one_to_thank() -> None:
    setup = prepare(DEMO, language="en", as_of=date(2023, 1, 1))
    for fmt in ("md", "txt", "html"):
        rendered = text(setup, fmt)
        assert "Thank you" not in rendered and " 0 partners" not in rendered
    assert build_newsletter(setup).thanks == ""


def test_coming_up_lists_only_retrospectives_soon_after_the_window() -> None:
    june = text(demo("en"), period=date(2025, 6, 1))
    assert "October 2026" not in june  # the retrospective of 1 October 2026 is no news in June 2025
    assert "- No retrospective is planned yet." in june
    september = text(demo("en"), period=date(2026, 9, 1))
    assert "- Retrospective on 1 October: after-action review." in september


def test_far_off_retrospectives_are_not_coming_up(make_partnership: MakeP) -> None:
    def planned(files: dict[str, Any]) -> None:
        files["retros/2027-02-26-premortem.md"] = "# Premortem\n"
        files["retros/2027-03-01-appreciative.md"] = "# Later\n"

    rendered = text(prepare(make_partnership(planned), as_of=AS_OF))
    assert "- Retrospective on 26 February 2027: premortem." in rendered
    assert "1 March 2027" not in rendered


def test_thanks_name_everyone_in_a_short_list() -> None:
    june = text(demo("en"), period=date(2025, 6, 1))
    assert "and 1 more" not in june
    assert (
        "Thank you to Werkpunt Utrecht Midden, Stichting Jongerenwerk Utrecht, ROC Domstad "
        "College, Gemeente Utrecht, Woonstichting Domstede and Jongerenraad Utrecht for your work."
    ) in june
    setup = demo("en")
    words = Words(setup.partnership, setup.fmt, window_for(setup.partnership, AS_OF))
    ids = [p.id for p in setup.partnership.partners]
    assert len(ids) >= 7
    assert words.names(ids[:6], 5).count(",") == 4 and " and " in words.names(ids[:6], 5)
    assert words.names(ids[:7], 5).endswith(" and 2 more")


def test_short_names_drop_the_explanation() -> None:
    assert short_name("Werkpunt Utrecht Midden (regional employer service point)") == (
        "Werkpunt Utrecht Midden"
    )
    assert short_name("Gemeente Utrecht — Maatschappelijke Ontwikkeling") == "Gemeente Utrecht"
    assert short_name("(odd)") == "(odd)"


def test_the_library_returns_a_newsletter_to_build_on() -> None:
    letter = build_newsletter(demo("nl"))
    assert isinstance(letter, Newsletter)
    assert letter.title == "Koers — november 2026"
    assert letter.subject.startswith("[Koers] november 2026: First jobs")


# --------------------------------------------------------------------------- audience


def demo_private_values() -> list[str]:
    p = load_valid(DEMO, AS_OF)
    values = sorted(
        private_values([p.meta, p.partners, p.activities, p.metrics, p.engagements, p.roi])
    )
    assert len(values) > 30  # e-mail, phone and notes of the demo
    return values


@pytest.mark.parametrize("since", [None, LOTS])
def test_public_output_holds_no_private_value(since: date | None) -> None:
    setup = demo("en", audience="public")
    outputs = [text(setup, fmt, since=since) for fmt in ("md", "html", "txt")]
    msg = message(setup, since=since)
    outputs += [part.get_content() for part in msg.iter_parts()]
    for value in demo_private_values():
        for output in outputs:
            assert value not in output
    assert not re.search(r"[\w.]+@[\w.]+\.example\.(nl|org)", " ".join(outputs))
    assert not re.search(r"06-\d{8}", " ".join(outputs))


# --------------------------------------------------------------------------- command line


def test_cli_writes_the_default_file_once(demo_copy: Path) -> None:
    result = invoke("-C", str(demo_copy), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    written = demo_copy / "newsletters" / "2026-11.md"
    assert result.stdout.endswith("newsletters/2026-11.md\n")
    assert result.stdout.startswith("wrote ")
    assert written.read_text(encoding="utf-8").startswith("# Koers — November 2026\n")

    again = invoke("-C", str(demo_copy), "--as-of", "2026-11-27")
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        f"msc: error: {written} exists",
        "  hint: use --force to replace it, or --output to write elsewhere",
    ]
    forced = invoke("-C", str(demo_copy), "--as-of", "2026-11-27", "--force", "-q")
    assert forced.exit_code == 0 and forced.stdout == ""


def test_cli_writes_every_format_next_to_each_other(demo_copy: Path) -> None:
    for fmt in ("md", "html", "txt", "eml"):
        result = invoke("-C", str(demo_copy), "--as-of", "2026-11-27", "--format", fmt)
        assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (demo_copy / "newsletters").iterdir())
    assert names == ["2026-10.md", "2026-11.eml", "2026-11.html", "2026-11.md", "2026-11.txt"]


def test_cli_writes_to_stdout_and_a_named_file(demo_copy: Path, tmp_path: Path) -> None:
    result = invoke("-C", str(demo_copy), "--as-of", "2026-11-27", "-o", "-", "--format", "txt")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == ["Koers — November 2026", "=" * 21]
    target = tmp_path / "issue.eml"
    args = ["-C", str(demo_copy), "--as-of", "2026-11-27", "--format", "eml", "-o", str(target)]
    result = invoke(*args, "--from", "koers@example.org", "--to", "partners@example.org")
    assert result.exit_code == 0, result.output
    parsed = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "partners@example.org"
    assert not (demo_copy / "newsletters" / "2026-11.eml").exists()


def test_cli_period_and_since(demo_copy: Path) -> None:
    october = demo_copy / "newsletters" / "2026-10.md"
    result = invoke("-C", str(demo_copy), "--as-of", "2026-11-27", "--period", "2026-10")
    assert result.exit_code == 1  # the October issue was sent already
    assert result.stderr.splitlines()[0] == f"msc: error: {october} exists"
    result = invoke("-C", str(demo_copy), "--period", "2026-10", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert (demo_copy / "newsletters" / "2026-10.txt").is_file()
    since = invoke(
        "-C", str(demo_copy), "--as-of", "2026-11-27", "--since", "2026-11-01", "-o", "-"
    )
    assert since.exit_code == 0
    assert "What changed from 1 November to 27 November 2026." in since.stdout


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        (["--since", "yesterday"], 2, "msc: error: --since: `yesterday` is not a date"),
        (["--period", "2026/10"], 2, "msc: error: --period: `2026/10` is not a month"),
        (
            ["--since", "2026-12-01"],
            2,
            "msc: error: --since: 2026-12-01 is after the as-of date 2026-11-27",
        ),
        (
            ["--since", "2026-10-01", "--period", "2026-10"],
            2,
            "msc: error: --since: give a start date or a period, not both",
        ),
        (
            ["--to", "ann@example.org"],
            2,
            "msc: error: --to: a sender and recipients are for the eml format only, not for md",
        ),
        (
            ["--format", "eml", "--from", "koers"],
            2,
            "msc: error: --from: `koers` is not an e-mail address",
        ),
        (["--as-of", "soon"], 2, "msc: error: --as-of: `soon` is not a date"),
    ],
)
def test_cli_usage_errors(args: list[str], code: int, first_line: str) -> None:
    result = invoke("-C", str(DEMO), "--as-of", "2026-11-27", "-o", "-", *args)
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == first_line
    assert result.stdout == ""


def test_cli_rejects_an_unknown_format() -> None:
    result = invoke("-C", str(DEMO), "--format", "pdf")
    assert result.exit_code == 2


def test_cli_not_a_partnership(tmp_path: Path) -> None:
    result = invoke("-C", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("msc: error: ")


def test_cli_public_audience(demo_copy: Path) -> None:
    result = invoke(
        "-C", str(demo_copy), "--as-of", "2026-11-27", "--audience", "public", "-o", "-"
    )
    assert result.exit_code == 0
    assert "@" not in result.stdout


def test_issue_dates_are_in_the_window() -> None:
    letter = build_newsletter(demo("en"))
    for item in (*letter.top, *(i for s in letter.sections for i in s.items)):
        assert letter.window.start <= item.day <= letter.window.end


STATUSES = ("accepted", "rejected", "proposed", "superseded", "withdrawn")
RULES = ("consent", "consensus", "unanimity", "majority", "supermajority", "lead-decides", "advice")


def every_kind_of_decision(files: dict[str, Any]) -> None:
    files["partnership.yaml"]["bodies"][0]["lead"] = "city"
    for n, (status, rule) in enumerate(
        ((status, rule) for status in STATUSES for rule in RULES), start=2
    ):
        files[f"decisions/{n:04d}-d.md"] = {
            "format_version": 1,
            "id": n,
            "title": f"Decision {n}",
            "date": date(2026, 11, 2),
            "status": status,
            "body": "steering",
            "rule": rule,
        }


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_decision_status_and_rule_has_words(make_partnership: MakeP, language: Any) -> None:
    partnership = load_valid(make_partnership(every_kind_of_decision), AS_OF)
    window = window_for(partnership, AS_OF)
    words = Words(partnership, Formatter(language), window)
    sentences = {words.decision(d).text for d in partnership.decisions if d.meta.id > 1}
    assert len(sentences) == (len(STATUSES) - 1) * len(RULES) + 1  # withdrawn names no rule
    if language == "en":
        assert "Steering group decided on 2 November (City decides as lead)." in sentences
        assert "Steering group will decide (unanimously); proposed on 2 November." in sentences
    else:
        assert (
            "Steering group heeft op 2 november nee gezegd (bij meerderheid van stemmen)."
        ) in sentences
        assert "Steering group heeft het op 2 november ingetrokken." in sentences


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "1. **Advice: every engagement reports what changed.** Koers youth panel advised it "
            "on 13 November. Consulted:",
        ),
        (
            "nl",
            "1. **Advies: every engagement reports what changed.** Koers youth panel heeft dit op "
            "13 november geadviseerd. Geraadpleegd:",
        ),
    ],
)
def test_an_advice_body_advises_rather_than_decides(language: str, expected: str) -> None:
    setup = prepare(DEMO, language=language, as_of=date(2025, 11, 30))
    rendered = text(setup, since=date(2025, 11, 1))
    assert expected in rendered
    assert "Decided" not in rendered and "Besloten" not in rendered


def test_every_advice_status_has_words(make_partnership: MakeP) -> None:
    partnership = load_valid(make_partnership(every_kind_of_decision), AS_OF)
    words = Words(partnership, Formatter("en"), window_for(partnership, AS_OF))
    advice = {
        d.meta.status: words.decision(d) for d in partnership.decisions if d.meta.rule == "advice"
    }
    assert advice["accepted"].lead == "Advice: Decision 8."
    assert advice["accepted"].text == "Steering group advised it on 2 November."
    assert advice["rejected"].lead == "Advised against: Decision 15."
    assert advice["proposed"].text == "Steering group will give its advice; asked on 2 November."
    assert advice["withdrawn"].text == "Steering group withdrew it on 2 November."


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_kind_of_retrospective_has_words(make_partnership: MakeP, language: str) -> None:
    def planned(files: dict[str, Any]) -> None:
        for day, kind in (("03", "after-action"), ("04", "premortem"), ("05", "appreciative")):
            files[f"retros/2027-01-{day}-{kind}.md"] = "# Retro\n"

    rendered = text(prepare(make_partnership(planned), language=language, as_of=AS_OF))
    expected = {
        "en": "- Retrospective on 5 January 2027: appreciative inquiry.",
        "nl": "- Terugblik op 5 januari 2027: waarderend onderzoek.",
    }
    assert expected[language] in rendered


# --------------------------------------------------------------------- from git history


def story_repo(make_partnership: MakeP, first_day: str = "2026-09-15") -> Path:
    """The base partnership (and a clinic) committed on ``first_day``, then every kind
    of change the newsletter tells from history committed on 10 November."""
    root = repository(make_partnership(with_clinic), first_day)
    story(root)
    return root


HISTORY_NEWS = {
    "en": [
        "**Our purpose, in new words.** The partners put why we exist in new words: "
        "“Help every young person into work or school.” Steering group reaffirmed it "
        "on 10 November.",
        "**Steering group decides differently.** From now on: majority vote. Until now: consent.",
        "**Goodbye, Youth Clinic.** No longer a partner. Thank you for your work.",
        "**New target for Young people placed in work.** The target is now 45 by June 2027; "
        "it was 40 by January 2027.",
        "**Bob now represents City.** Taking over from Ann.",
        "## Who does what",
        "**School takes over Newsletter.** School is now accountable, in place of City.",
        "Thank you to School and City, and to the 12 people",
    ],
    "nl": [
        "**Ons doel, in nieuwe woorden.** De partners hebben opnieuw verwoord waarom we er "
        "zijn: “Help every young person into work or school.” Steering group heeft het op "
        "10 november opnieuw bevestigd.",
        "**Steering group besluit voortaan anders.** Voortaan: meerderheid van stemmen. "
        "Tot nu toe: consent.",
        "**Afscheid van Youth Clinic.** Niet langer partner. Bedankt voor jullie inzet.",
        "**Nieuw doel voor Young people placed in work.** Het doel is nu 45 in juni 2027; "
        "eerder was dat 40 in januari 2027.",
        "**Bob vertegenwoordigt nu City.** In plaats van Ann.",
        "## Wie doet wat",
        "**School neemt Newsletter over.** School is nu eindverantwoordelijk, in plaats van City.",
    ],
}


@pytest.mark.usefixtures("isolated_git")
@pytest.mark.parametrize("language", ["en", "nl"])
def test_newsletter_tells_what_git_history_shows(make_partnership: MakeP, language: str) -> None:
    rendered = text(prepare(story_repo(make_partnership), language=language, as_of=AS_OF))
    for line in HISTORY_NEWS[language]:
        assert line in rendered
    top = rendered.split("## ", 3)[1]
    assert "Our purpose" in top or "Ons doel" in top  # the biggest news opens the issue
    assert "example.org" not in rendered
    assert count_words(readable(rendered)) <= WORD_BUDGET
    snapshot(f"newsletter-history.{language}.md", rendered)


@pytest.mark.usefixtures("isolated_git")
def test_history_starting_inside_the_window_falls_back_to_the_dates(
    make_partnership: MakeP, tmp_path: Path
) -> None:
    root = story_repo(make_partnership, first_day="2026-10-15")  # the window starts 1 October
    from_git = text(prepare(root, as_of=AS_OF), "md")
    shutil.rmtree(root / ".git")
    assert "Our purpose, in new words" not in from_git
    assert from_git == text(prepare(root, as_of=AS_OF), "md")


@pytest.mark.usefixtures("isolated_git")
def test_an_earlier_issue_stops_at_the_end_of_its_window(make_partnership: MakeP) -> None:
    root = repository(make_partnership(with_clinic), "2026-09-15")
    edit_yaml(root, "metrics.yaml", lambda d: d["metrics"][0]["target"].update(value=50))
    commit(root, "A higher target", "2026-10-10")
    story(root, "2026-11-10")
    october = text(prepare(root, as_of=AS_OF), period=date(2026, 10, 1))
    assert "The target is now 50 by January 2027; it was 40 by January 2027." in october
    assert "Our purpose, in new words" not in october
    november = text(prepare(root, as_of=AS_OF), since=date(2026, 10, 11))
    assert "The target is now 45 by June 2027; it was 50 by January 2027." in november


@pytest.mark.usefixtures("isolated_git")
def test_a_partner_added_late_to_the_file_is_not_welcomed(make_partnership: MakeP) -> None:
    root = repository(make_partnership(), "2026-09-15")
    clinic = {**new_partner(), "joined": date(2024, 5, 1)}
    edit_yaml(root, "partners.yaml", lambda d: d["partners"].append(clinic))
    commit(root, "Clinic, a partner since 2024, in the file at last", "2026-11-02")
    assert "Youth Clinic" not in text(prepare(root, as_of=AS_OF))


@pytest.mark.usefixtures("isolated_git")
def test_a_partner_announcing_it_leaves_says_goodbye(make_partnership: MakeP) -> None:
    root = repository(make_partnership(with_clinic), "2026-09-15")
    edit_yaml(root, "partners.yaml", lambda d: partner(d, "clinic").update(left=date(2027, 1, 1)))
    commit(root, "Clinic leaves at the end of the year", "2026-11-03")
    rendered = text(prepare(root, language="nl", as_of=AS_OF))
    assert "**Afscheid van Youth Clinic.** Stopt op 1 januari 2027. Bedankt voor jullie inzet." in (
        rendered
    )


@pytest.mark.usefixtures("isolated_git")
def test_a_broken_commit_at_the_start_leaves_history_out_with_a_note(
    make_partnership: MakeP,
) -> None:
    root = repository(make_partnership(with_clinic), "2026-09-15")
    good = (root / "partners.yaml").read_text(encoding="utf-8")
    (root / "partners.yaml").write_text(good.replace("sector: civil", "sector: [civil", 1))
    broken = commit(root, "Oops", "2026-09-20")
    (root / "partners.yaml").write_text(good, encoding="utf-8")
    story(root)
    setup = prepare(root, as_of=AS_OF)
    rendered = text(setup)
    assert "Our purpose, in new words" not in rendered
    [note] = setup.notes
    assert note.startswith(f"git history left out: the partnership at commit {broken[:7]} ")
    assert "partners.yaml:" in note and "MSC002" in note
