"""Small charts for people who read numbers at a glance: inline SVG and unicode sparklines.

A chart is self-contained SVG (no external resources, no script) with a
``<title>`` and a ``<desc>`` that tell a screen reader what the picture shows.
Every text and attribute value is escaped, so data cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 280, 90
LEFT, RIGHT, TOP, BOTTOM = 8, 12, 10, 10
MAX_MARKERS = 40
"""Above this many observations the line carries no dots (they would blur together)."""
MUTED = "#555555"
SPARKS = "▁▂▃▄▅▆▇█"

Point = tuple[date, float]


@dataclass(frozen=True)
class LineChart:
    """What a metric chart shows; :func:`svg` draws it."""

    key: str
    """Unique in the page: ids of the title and description derive from it."""
    title: str
    description: str
    history: tuple[Point, ...]
    baseline: Point | None = None
    target: float | None = None
    forecast: tuple[Point, Point] | None = None
    """The earlier trend, from where it starts to its value at the latest date."""
    line_colour: str = "#1f4e79"
    target_colour: str = "#e07a1f"
    empty_text: str = ""
    """Shown in the chart when there is no history."""


@dataclass(frozen=True)
class _Scale:
    first: int
    last: int
    low: float
    high: float

    def x(self, day: date) -> float:
        span = self.last - self.first
        share = 0.5 if span == 0 else (day.toordinal() - self.first) / span
        return LEFT + share * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        share = (self.high - value) / (self.high - self.low)
        return TOP + share * (HEIGHT - TOP - BOTTOM)


def svg(chart: LineChart) -> str:
    """The chart as one ``<svg>`` element, ready to inline in HTML or save as a file."""
    ident = _attr(chart.key)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
        f'<line x1="{LEFT}" y1="{HEIGHT - 1}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - 1}" '
        'stroke="#dddddd" stroke-width="1"/>',
    ]
    scale = _scale(chart)
    parts += _empty(chart) if scale is None else _marks(chart, scale)
    parts.append("</svg>")
    return "\n".join(parts)


def _marks(chart: LineChart, scale: _Scale) -> list[str]:
    marks = []
    if chart.target is not None:
        y = _n(scale.y(chart.target))
        marks.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
            f'stroke="{_attr(chart.target_colour)}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    if chart.forecast is not None:
        marks += _forecast(chart, scale, *chart.forecast)
    if chart.baseline is not None:
        marks.append(_square(scale.x(chart.baseline[0]), scale.y(chart.baseline[1])))
    marks += _history(chart, scale)
    return marks


def _history(chart: LineChart, scale: _Scale) -> list[str]:
    if not chart.history:
        return []
    colour = _attr(chart.line_colour)
    xy = [(scale.x(day), scale.y(value)) for day, value in chart.history]
    marks = []
    if len(xy) > 1:
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
        marks.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    if len(xy) <= MAX_MARKERS:
        marks += [_dot(x, y, 2, colour) for x, y in xy[:-1]]
    marks.append(_dot(*xy[-1], 3.5, colour))
    return marks


def _forecast(chart: LineChart, scale: _Scale, start: Point, end: Point) -> list[str]:
    x1, y1, x2, y2 = scale.x(start[0]), scale.y(start[1]), scale.x(end[0]), scale.y(end[1])
    colour = _attr(chart.line_colour)
    return [
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" '
        'stroke-width="1.5" stroke-dasharray="1 3" stroke-linecap="round"/>',
        f'<circle cx="{_n(x2)}" cy="{_n(y2)}" r="3" fill="#ffffff" stroke="{colour}" '
        'stroke-width="1.5"/>',
    ]


def _empty(chart: LineChart) -> list[str]:
    return [
        f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" '
        f'dominant-baseline="middle" font-size="13" fill="{MUTED}">'
        f"{escape(chart.empty_text)}</text>"
    ]


def _dot(x: float, y: float, r: float, colour: str) -> str:
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{r:g}" fill="{colour}"/>'


def _square(x: float, y: float) -> str:
    return (
        f'<rect x="{_n(x - 3.5)}" y="{_n(y - 3.5)}" width="7" height="7" fill="#ffffff" '
        f'stroke="{MUTED}" stroke-width="1.5"/>'
    )


def _scale(chart: LineChart) -> _Scale | None:
    """Dates and values to fit, or None when there is nothing to draw a line for."""
    if not chart.history:
        return None
    points = list(chart.history)
    points += [chart.baseline] if chart.baseline is not None else []
    points += list(chart.forecast) if chart.forecast is not None else []
    days = [day.toordinal() for day, _ in points]
    values = [value for _, value in points]
    values += [chart.target] if chart.target is not None else []
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    return _Scale(min(days), max(days), low - pad, high + pad)


def _n(value: float) -> str:
    """Coordinates with one decimal: small files, no visible difference."""
    return f"{value:.1f}"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def sparkline(values: Sequence[float]) -> str:
    """``▁▃▅█``: one character per value, low to high; all equal values sit mid-height."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - low) / (high - low) * top)] for v in values)
