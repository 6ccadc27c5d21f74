"""Inline SVG charts and sparklines: valid XML, described for screen readers, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from msctool.charts import MAX_MARKERS, LineChart, sparkline, svg

NS = {"svg": "http://www.w3.org/2000/svg"}


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
    }
    values.update(changes)
    return LineChart(**values)  # type: ignore[arg-type]


def parse(text: str) -> ET.Element:
    return ET.fromstring(text)


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
    assert (root.get("width"), root.get("height")) == ("280", "90")


def test_no_history_says_so_in_the_picture_and_draws_no_line() -> None:
    root = parse(svg(chart(0)))
    assert [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")] == ["no data yet"]
    assert root.find("svg:polyline", NS) is None
    assert root.find("svg:circle", NS) is None


def test_one_measurement_is_a_single_dot_in_the_middle() -> None:
    root = parse(svg(chart(1)))
    assert root.find("svg:polyline", NS) is None
    (dot,) = root.findall("svg:circle", NS)
    assert dot.get("cx") == "138.0"


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
    assert float(square.get("x", "0")) < 8  # the baseline is the earliest date: left edge


def test_every_point_stays_inside_the_picture() -> None:
    root = parse(svg(chart(30, target=100.0, baseline=(date(2020, 1, 1), -50.0))))
    line = root.find("svg:polyline", NS)
    assert line is not None
    for pair in line.get("points", "").split():
        x, y = map(float, pair.split(","))
        assert 0 <= x <= 280 and 0 <= y <= 90


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
