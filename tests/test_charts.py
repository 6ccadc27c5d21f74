"""Inline SVG charts and sparklines: valid XML, described for screen readers, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from helpers import nonempty
from msctool.render.charts import (
    BOTTOM,
    FONT,
    HEIGHT,
    MAX_MARKERS,
    RIGHT,
    TOP,
    WIDTH,
    LineChart,
    decimals,
    nice_step,
    sparkline,
    svg,
    text_width,
    ticks,
)
from msctool.render.i18n import Formatter, Language

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def history(count: int) -> tuple[tuple[date, float], ...]:
    start = date(2025, 1, 31)
    return tuple((start + timedelta(days=30 * i), 10.0 + (i % 5)) for i in range(count))


def chart(count: int, **changes: object) -> LineChart:
    values: dict[str, object] = {
        "key": "chart-absence",
        "title": "School absence",
        "description": "School absence fell from 9.9 % to 9.1 %.",
        "history": history(count),
        "target": 8.0,
        "line_colour": "#b3122a",
        "target_colour": "#f2a900",
        "empty_text": "no data yet",
        "fmt": Formatter("en"),
        "unit": "%",
    }
    values.update(changes)
    return LineChart(**values)  # type: ignore[arg-type]


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


def axes(root: ET.Element) -> ET.Element:
    group = root.find("svg:g[@aria-hidden='true']", NS)
    assert group is not None, "the axes are one group hidden from screen readers"
    return group


def value_labels(root: ET.Element) -> list[str]:
    """The value axis, top to bottom."""
    labels = [t for t in axes(root).iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    labels = [t for t in labels if t.get("x") == labels[0].get("x")]  # not the last date
    return [t.text or "" for t in sorted(labels, key=lambda t: float(t.get("y", "0")))]


def date_labels(root: ET.Element) -> list[tuple[str | None, str | None, str | None]]:
    """(x, anchor, text) of the time axis, left to right."""
    bottom = max(float(t.get("y", "0")) for t in axes(root).iter(f"{SVG}text"))
    return [
        (t.get("x"), t.get("text-anchor"), t.text)
        for t in axes(root).iter(f"{SVG}text")
        if float(t.get("y", "0")) == bottom
    ]


def plot_edges(root: ET.Element) -> tuple[float, float]:
    grid = axes(root).find("svg:line", NS)
    assert grid is not None
    return float(grid.get("x1", "0")), float(grid.get("x2", "0"))


@pytest.mark.parametrize("count", [0, 1, 2, 12, 500])
def test_a_chart_is_xml_with_a_title_and_description_for_screen_readers(count: int) -> None:
    root = parse(svg(chart(count)))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text == "School absence"
    assert desc is not None and desc.text == "School absence fell from 9.9 % to 9.1 %."
    assert root.get("aria-labelledby") == title.get("id") == "chart-absence-title"
    assert root.get("aria-describedby") == desc.get("id") == "chart-absence-desc"
    assert (root.get("width"), root.get("height")) == ("280", "120")


def test_no_history_says_so_in_the_picture_and_draws_no_line() -> None:
    root = parse(svg(chart(0)))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["no data yet"]
    assert root.find("svg:polyline", NS) is None
    assert root.find("svg:circle", NS) is None


def test_one_measurement_is_a_single_dot_in_the_middle_over_its_date() -> None:
    root = parse(svg(chart(1)))
    assert root.find("svg:polyline", NS) is None
    (dot,) = root.findall("svg:circle", NS)
    left, right = plot_edges(root)
    assert float(dot.get("cx", "0")) == pytest.approx((left + right) / 2, abs=0.1)
    ((x, anchor, label),) = date_labels(root)
    assert (x, anchor, label) == (dot.get("cx"), "middle", "Jan 2025")


def test_the_history_is_a_line_with_points_and_the_target_a_dashed_line() -> None:
    root = parse(svg(chart(12)))
    line = root.find("svg:polyline", NS)
    assert line is not None and line.get("stroke") == "#b3122a"
    assert len(line.get("points", "").split()) == 12
    assert len(root.findall("svg:circle", NS)) == 12
    (target,) = [el for el in root.findall("svg:line", NS) if el.get("stroke") == "#f2a900"]
    assert target.get("stroke-dasharray") == "6 4"


def test_a_long_history_drops_the_dots_but_keeps_the_latest() -> None:
    root = parse(svg(chart(MAX_MARKERS + 1)))
    assert len(root.findall("svg:circle", NS)) == 1


def test_forecast_is_dotted_and_baseline_is_an_open_square() -> None:
    points = history(6)
    forecast = ((points[-2][0], 12.0), (points[-1][0], 12.5))
    root = parse(
        svg(chart(6, forecast=forecast, baseline=(points[0][0] - timedelta(days=60), 9.0)))
    )
    dotted = [el for el in root.findall("svg:line", NS) if el.get("stroke-dasharray") == "1 3"]
    assert len(dotted) == 1
    (square,) = root.findall("svg:rect", NS)
    assert square.get("fill") == "#ffffff"
    # the baseline is the earliest date: the square sits on the left edge of the plot
    assert float(square.get("x", "0")) + 3.5 == pytest.approx(plot_edges(root)[0], abs=0.1)


def test_every_point_stays_inside_the_picture() -> None:
    root = parse(svg(chart(30, target=100.0, baseline=(date(2020, 1, 1), -50.0))))
    line = root.find("svg:polyline", NS)
    assert line is not None
    for pair in nonempty(line.get("points", "").split(), "points"):
        x, y = map(float, pair.split(","))
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT


def test_text_and_attributes_are_escaped() -> None:
    evil = '<script>alert("x")</script> & co'
    text = svg(chart(3, title=evil, description=evil, line_colour='red" onload="x'))
    assert "<script>" not in text and 'onload="x"' not in text
    root = parse(text)
    title = root.find("svg:title", NS)
    assert title is not None and title.text == evil
    assert not [el for el in root.iter() if "onload" in el.attrib]


def test_flat_history_does_not_divide_by_zero() -> None:
    flat = tuple((date(2025, m, 1), 5.0) for m in range(1, 5))
    root = parse(svg(chart(0, history=flat, target=None)))
    assert root.find("svg:polyline", NS) is not None


# --------------------------------------------------------------------------- axes


@pytest.mark.parametrize(
    ("span", "step"),
    [(1.0, 0.5), (1.9, 1.0), (3.0, 1.0), (4.5, 2.0), (7.0, 2.5), (12.0, 5.0), (18.0, 10.0),
     (270.0, 100.0), (1500.0, 500.0), (0.06, 0.02), (0.7, 0.25)],
)  # fmt: skip
def test_steps_are_round_and_cut_the_span_in_about_three(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)
    assert 1.5 < span / nice_step(span) <= 3 + 1e-9


@pytest.mark.parametrize(("span", "step"), [(7.0, 5.0), (1.0, 1.0), (0.3, 1.0), (40.0, 20.0)])
def test_counts_step_by_whole_numbers(span: float, step: float) -> None:
    assert nice_step(span, whole=True) == step


def test_a_step_needs_a_span() -> None:
    with pytest.raises(ValueError, match="span above zero"):
        nice_step(0)


@pytest.mark.parametrize(
    ("step", "places"), [(5.0, 0), (25.0, 0), (2.5, 1), (0.5, 1), (0.25, 2), (0.02, 2)]
)
def test_decimals_show_every_multiple_of_the_step(step: float, places: int) -> None:
    assert decimals(step) == places


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (6.5, 8.4, (6.0, 7.0, 8.0, 9.0)),
        (52.0, 70.0, (50.0, 60.0, 70.0)),
        (180.0, 450.0, (100.0, 200.0, 300.0, 400.0, 500.0)),
        (7.2, 7.9, (7.0, 7.25, 7.5, 7.75, 8.0)),
        (0.1, 0.3, (0.1, 0.2, 0.3)),
        (5.0, 5.0, (4.5, 5.0, 5.5)),  # flat: room around the value
        (0.0, 0.0, (-1.0, 0.0, 1.0)),
        (-3.0, 2.0, (-4.0, -2.0, 0.0, 2.0)),
    ],
)
def test_ticks_are_round_values_around_the_data(
    low: float, high: float, expected: tuple[float, ...]
) -> None:
    assert ticks(low, high) == pytest.approx(expected)
    assert "-0.0" not in repr(ticks(low, high))


def test_a_count_with_a_fractional_forecast_gets_whole_values_on_its_axis() -> None:
    days = [date(2024, 9, 30) + timedelta(days=30 * i) for i in range(4)]
    counts = tuple(zip(days, (4.0, 11.0, 6.0, 8.0), strict=True))
    root = parse(
        svg(
            chart(0, history=counts, target=9.0, unit="", forecast=((days[2], 6.2), (days[3], 7.6)))
        )
    )
    assert value_labels(root) == ["15", "10", "5", "0"]
    assert ticks(5.0, 5.0, whole=True) == (4.0, 5.0, 6.0)


def percent_series(language: Language, unit: str = "%") -> ET.Element:
    """Jun 2024 to Sept 2026, 8.1 % down to 6.8 %, target 7 %: ticks every half point."""
    days = [date(2024, 6, 30), date(2025, 3, 31), date(2025, 12, 31), date(2026, 9, 30)]
    series = tuple(zip(days, (8.1, 7.6, 7.2, 6.8), strict=True))
    return parse(svg(chart(0, history=series, target=7.0, fmt=Formatter(language), unit=unit)))


@pytest.mark.parametrize(
    ("language", "values", "dates"),
    [
        ("en", ["8.5%", "8%", "7.5%", "7%", "6.5%"], ["Jun 2024", "Sept 2026"]),
        ("nl", ["8,5\u00a0%", "8\u00a0%", "7,5\u00a0%", "7\u00a0%", "6,5\u00a0%"], ["jun 2024", "sep 2026"]),
    ],
)  # fmt: skip
def test_axes_show_round_values_and_the_first_and_last_date_in_the_language(
    language: Language, values: list[str], dates: list[str]
) -> None:
    root = percent_series(language)
    assert value_labels(root) == values
    left, right = plot_edges(root)
    assert date_labels(root) == [
        (f"{left:.1f}", "start", dates[0]),
        (f"{right:.1f}", "end", dates[1]),
    ]


def test_each_value_label_sits_on_its_grid_line_top_to_bottom() -> None:
    root = percent_series("en")
    lines = [el for el in axes(root).findall("svg:line", NS) if el.get("y1") == el.get("y2")]
    texts = [t for t in axes(root).findall("svg:text", NS) if t.get("x") != lines[0].get("x1")]
    texts = texts[: len(lines)]
    assert len(lines) == 5
    for line, text in zip(lines, texts, strict=True):
        assert float(text.get("y", "0")) - float(line.get("y1", "0")) == pytest.approx(
            FONT * 0.35, abs=0.1
        )
    heights = [float(line.get("y1", "0")) for line in lines]
    assert heights == sorted(heights, reverse=True)  # the lowest value at the bottom
    assert heights[0] == HEIGHT - BOTTOM and heights[-1] == TOP
    target = [el for el in root.findall("svg:line", NS) if el.get("stroke") == "#f2a900"]
    assert target[0].get("y1") == lines[1].get("y1")  # 7 %: on the second line from the bottom


def test_short_units_go_with_the_values_long_ones_not() -> None:
    assert value_labels(percent_series("en", unit="km"))[0] == "8.5 km"
    assert value_labels(percent_series("en", unit="young people"))[0] == "8.5"


def test_big_and_negative_values_are_grouped_and_signed_in_the_language() -> None:
    days = (date(2025, 1, 1), date(2025, 7, 1))
    big = tuple(zip(days, (980.0, 1320.0), strict=True))
    en = parse(svg(chart(0, history=big, target=None, unit="hours")))
    nl = parse(svg(chart(0, history=big, target=None, unit="", fmt=Formatter("nl"))))
    assert value_labels(en) == ["1,400", "1,200", "1,000", "800"]
    assert value_labels(nl) == ["1.400", "1.200", "1.000", "800"]
    below = tuple(zip(days, (-3.0, 2.0), strict=True))
    assert value_labels(parse(svg(chart(0, history=below, target=None, unit="")))) == [
        "2", "0", "−2", "−4"
    ]  # fmt: skip


def test_the_plot_leaves_room_for_the_widest_label_so_none_is_clipped() -> None:
    days = (date(2025, 1, 1), date(2025, 7, 1))
    wide = tuple(zip(days, (1_250_000.5, 1_250_001.0), strict=True))
    root = parse(svg(chart(0, history=wide, target=None, unit="%", fmt=Formatter("nl"))))
    labels = [t for t in axes(root).iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    left, right = plot_edges(root)
    for label in nonempty(
        labels[:-1], "value labels"
    ):  # the value labels end at the plot; the last date at the right
        assert float(label.get("x", "0")) - text_width(label.text or "") >= 0
        assert float(label.get("x", "0")) < left
    assert value_labels(root)[0] == "1.250.001\u00a0%"
    assert right + RIGHT == WIDTH


def test_axes_are_hidden_from_screen_readers_and_drawn_under_the_line() -> None:
    root = parse(svg(chart(12)))
    group, line = axes(root), root.find("svg:polyline", NS)
    assert group.get("aria-hidden") == "true"
    assert line is not None and list(root).index(group) < list(root).index(line)
    assert root.findall("svg:text", NS) == []  # every label is in the hidden group


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], ""),
        ([3.0], "▄"),
        ([2.0, 2.0], "▄▄"),
        ([0.0, 7.0], "▁█"),
        ([0, 1, 2, 3, 4, 5, 6, 7], "▁▂▃▄▅▆▇█"),
    ],
)
def test_sparkline(values: list[float], expected: str) -> None:
    assert sparkline(values) == expected
