"""Small charts for people who read numbers at a glance: inline SVG and unicode sparklines.

A chart is self-contained SVG (no external resources, no script) with a
``<title>`` and a ``<desc>`` that tell a screen reader what the picture shows.
Its axes are for the eye: a few round values on light grid lines (numbers in
the chart's language, with the unit when it is short, such as %) and the first
and last date under the line; screen readers skip them (``aria-hidden``), the
description says it in words. Every text and attribute value is escaped, so
data cannot inject markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from msctool.render.i18n import Formatter

WIDTH, HEIGHT = 280, 120
RIGHT, TOP, BOTTOM = 12, 8, 22
"""Room around the plot: the last dot on the right, half a label above the top
value, the dates below. The room on the left fits the widest value label."""
FONT = 11
"""Size of the axis labels, in pixels of the picture."""
GAP = 7
"""Between a value label and the plot: clear of a baseline square on the left edge."""
INTERVALS = 3
"""About this many steps between the round values of the value axis (3 to 5 labels)."""
SHORT_UNIT = 3
"""Units up to this many characters (%, km, €) go with every value label."""
MAX_MARKERS = 40
"""Above this many observations the line carries no dots (they would blur together)."""
MUTED = "#555555"
GRID = "#e3e3e3"
AXIS = "#b0b0b0"
SPARKS = "▁▂▃▄▅▆▇█"
_WIDE = {"%": 0.95, "−": 0.85, " ": 0.33, "\u00a0": 0.33, ".": 0.33, ",": 0.33}
"""Character widths in ems, a little generous for common sans-serif fonts (digits ≈ 0.64)."""

Point = tuple[date, float]


@dataclass(frozen=True)
class LineChart:
    """What a metric chart shows; :func:`svg` draws it."""

    key: str
    """Unique in the page: ids of the title and description derive from it."""
    title: str
    description: str
    history: tuple[Point, ...]
    fmt: Formatter
    """The language of the axis labels."""
    baseline: Point | None = None
    target: float | None = None
    forecast: tuple[Point, Point] | None = None
    """The earlier trend, from where it starts to its value at the latest date."""
    line_colour: str = "#1f4e79"
    target_colour: str = "#e07a1f"
    empty_text: str = ""
    """Shown in the chart when there is no history."""
    unit: str = ""
    """Of the values; shown with the value labels when short (see :data:`SHORT_UNIT`)."""


@dataclass(frozen=True)
class _Scale:
    first: int
    last: int
    ticks: tuple[float, ...]
    """Round values, lowest first: the bottom and top of the plot are the first and last."""
    places: int
    """Decimals of the value labels."""
    left: float
    """Where the plot starts: the room for the value labels."""

    @property
    def low(self) -> float:
        return self.ticks[0]

    @property
    def high(self) -> float:
        return self.ticks[-1]

    def x(self, day: date) -> float:
        span = self.last - self.first
        share = 0.5 if span == 0 else (day.toordinal() - self.first) / span
        return self.left + share * (WIDTH - self.left - RIGHT)

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
    ]
    scale = _scale(chart)
    parts += _empty(chart) if scale is None else _axes(chart, scale) + _marks(chart, scale)
    parts.append("</svg>")
    return "\n".join(parts)


def nice_step(span: float, intervals: int = INTERVALS, *, whole: bool = False) -> float:
    """The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` into at
    most ``intervals`` parts: 1.9 → 1, 7 → 2.5, 18 → 10. With ``whole``, for counts,
    only whole steps: 7 → 5 (no 2.5 young people)."""
    if span <= 0:
        raise ValueError("a step needs a span above zero")
    raw = span / intervals
    power = 10.0 ** math.floor(math.log10(raw))
    for mantissa in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = mantissa * power
        if step >= raw * (1 - 1e-9) and not (whole and round(step, 9) % 1):
            return step
    return 1.0  # whole, and every round step below one


def decimals(step: float) -> int:
    """Decimals a value label needs to show every multiple of ``step``: 0.25 → 2, 5 → 0."""
    places = 0
    while places < 10 and abs(step * 10**places - round(step * 10**places)) > 1e-6:
        places += 1
    return places


def ticks(low: float, high: float, *, whole: bool = False) -> tuple[float, ...]:
    """Round values from at or below ``low`` to at or above ``high``, a :func:`nice_step`
    apart (whole steps when ``whole``). Equal ends get room around them (5 → 4.5, 5, 5.5)."""
    if high - low < 1e-12:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low, whole=whole)
    places = decimals(step)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return tuple(round(k * step, places) + 0.0 for k in range(first, last + 1))


def value_label(value: float, places: int, unit: str, fmt: Formatter) -> str:
    """7,5 % / 7.5% / 1.300 / 12 km: the number in the chart's language, the unit if short."""
    number = fmt.number(abs(value), places)
    number = f"−{number}" if value < 0 else number
    if unit == "%":  # spaced as Formatter.quantity does
        return f"{number}\u00a0%" if fmt.language == "nl" else f"{number}%"
    return f"{number} {unit}" if 0 < len(unit) <= SHORT_UNIT else number


def date_label(day: date, fmt: Formatter) -> str:
    """Jun 2024 / jun 2024: short month and year in the chart's language."""
    return fmt.short_month(day)


def _axes(chart: LineChart, scale: _Scale) -> list[str]:
    """Grid lines with their values and the first and last date: drawn under the data."""
    bottom = HEIGHT - BOTTOM
    right = WIDTH - RIGHT
    parts = [f'<g aria-hidden="true" font-size="{FONT}" fill="{MUTED}">']
    for value in scale.ticks:
        y = _n(scale.y(value))
        colour = AXIS if value == scale.low else GRID
        label = escape(value_label(value, scale.places, chart.unit, chart.fmt))
        parts += [
            f'<line x1="{_n(scale.left)}" y1="{y}" x2="{right}" y2="{y}" '
            f'stroke="{colour}" stroke-width="1"/>',
            f'<text x="{_n(scale.left - GAP)}" y="{_n(scale.y(value) + FONT * 0.35)}" '
            f'text-anchor="end">{label}</text>',
        ]
    parts += _dates(chart, scale, bottom)
    parts.append("</g>")
    return parts


def _dates(chart: LineChart, scale: _Scale, bottom: int) -> list[str]:
    """The first and last date under the ends of the time axis (one, centred, if they meet)."""
    ends = [(scale.first, "start"), (scale.last, "end")]
    if scale.first == scale.last:
        ends = [(scale.first, "middle")]
    parts = []
    for ordinal, anchor in ends:
        day = date.fromordinal(ordinal)
        x = _n(scale.x(day))
        parts += [
            f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 4}" stroke="{AXIS}" '
            'stroke-width="1"/>',
            f'<text x="{x}" y="{HEIGHT - 4}" text-anchor="{anchor}">'
            f"{escape(date_label(day, chart.fmt))}</text>",
        ]
    return parts


def _marks(chart: LineChart, scale: _Scale) -> list[str]:
    marks = []
    if chart.target is not None:
        y = _n(scale.y(chart.target))
        marks.append(
            f'<line x1="{_n(scale.left)}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
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
        f'<line x1="{RIGHT}" y1="{HEIGHT - 1}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - 1}" '
        f'stroke="{GRID}" stroke-width="1"/>',
        f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle" '
        f'dominant-baseline="middle" font-size="13" fill="{MUTED}">'
        f"{escape(chart.empty_text)}</text>",
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
    steps = ticks(min(values), max(values), whole=_counted(chart))
    places = decimals(steps[1] - steps[0])
    labels = [value_label(value, places, chart.unit, chart.fmt) for value in steps]
    left = max(text_width(label) for label in labels) + GAP + 2
    return _Scale(min(days), max(days), steps, places, math.ceil(left))


def _counted(chart: LineChart) -> bool:
    """Whole measurements, baseline and target (a count): the axis steps by whole numbers.
    The forecast does not count, being a fitted line's value."""
    values = [value for _, value in chart.history]
    values += [chart.baseline[1]] if chart.baseline is not None else []
    values += [chart.target] if chart.target is not None else []
    return all(float(value).is_integer() for value in values)


def text_width(text: str, size: float = FONT) -> float:
    """About how wide ``text`` is drawn at ``size`` pixels (a little more, not less)."""
    return sum(_WIDE.get(char, 0.64 if char.isdigit() else 0.72) for char in text) * size


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
