"""The balanced scorecard: the critical few metrics by perspective, with their story.

:func:`build_scorecard` gathers the data (the metrics on the scorecard, grouped
by perspective, each with its :class:`~msctool.render.analysis.MetricStatus`);
:func:`views` turns it into the words and charts a reader sees, in the
output's language; :func:`render_scorecard` fills the Markdown or HTML
template or writes CSV; :func:`terminal_view` draws the table ``msc scorecard``
prints. The numbers all come from :mod:`msctool.render.analysis`, so the scorecard,
the newsletter and the retrospectives tell the same story.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from msctool.escaping import csv_row, terminal_text
from msctool.model import Partnership
from msctool.model.metrics import Point as MetricPoint
from msctool.model.vocabulary import Perspective, values
from msctool.model.vocabulary import ScorecardFormat as Format
from msctool.render import charts
from msctool.render.analysis import MetricStatus, Trend, fit_line, metric_status
from msctool.render.i18n import Formatter
from msctool.render.identity import Identity
from msctool.render.setup import Setup

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

FORMATS: tuple[Format, ...] = values(Format)
PERSPECTIVES: tuple[Perspective, ...] = values(Perspective)
SPARK_LENGTH = 12
"""Measurements a sparkline shows (the latest ones)."""
DASH = "—"
CSV_COLUMNS = (
    "perspective",
    "id",
    "name",
    "kind",
    "accountability",
    "unit",
    "direction",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "latest",
    "latest_date",
    "change",
    "trend",
    "forecast",
    "versus_forecast",
)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Group:
    """The scorecard metrics of one perspective, in the order of metrics.yaml."""

    perspective: Perspective
    statuses: tuple[MetricStatus, ...]


@dataclass(frozen=True)
class Scorecard:
    as_of: date
    groups: tuple[Group, ...]
    """Every perspective, in the balanced scorecard's order, also when it is empty."""

    @property
    def statuses(self) -> list[MetricStatus]:
        return [status for group in self.groups for status in group.statuses]


def build_scorecard(partnership: Partnership, as_of: date) -> Scorecard:
    """The metrics on the scorecard (not ``scorecard: false``) as they stood on ``as_of``."""
    on_card = [metric_status(partnership, m, as_of) for m in partnership.metrics if m.scorecard]
    return Scorecard(
        as_of,
        tuple(
            Group(p, tuple(s for s in on_card if s.metric.perspective == p)) for p in PERSPECTIVES
        ),
    )


def forecast_segment(status: MetricStatus) -> tuple[charts.Point, charts.Point] | None:
    """The earlier trend drawn from the previous measurement to the latest date."""
    if status.forecast is None or status.latest is None or status.previous is None:
        return None
    slope, intercept = fit_line([(o.date.toordinal(), o.value) for o in status.history[:-1]])
    start = status.previous.date
    return (start, slope * start.toordinal() + intercept), (status.latest.date, status.forecast)


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class MetricView:
    """One metric as the reader sees it: every text in the output's language."""

    status: MetricStatus
    key: str
    """An id for HTML anchors, unique in the page."""
    name: str
    owner: str
    kind: str
    kind_question: str
    accountability: str
    baseline: str
    latest: str
    latest_date: str
    change: str
    arrow: str
    trend: Trend | None
    trend_word: str
    forecast: str
    versus: Trend | None
    versus_word: str
    target: str
    target_value: str
    target_date: str
    reached: bool
    spark: str
    chart: Markup
    """Inline SVG (already escaped)."""
    chart_text: str
    """What the chart shows, in words."""


@dataclass(frozen=True)
class GroupView:
    perspective: Perspective
    name: str
    question: str
    metrics: tuple[MetricView, ...]


def views(card: Scorecard, setup: Setup) -> tuple[GroupView, ...]:
    """The scorecard in words and charts, perspective by perspective."""
    fmt = setup.fmt
    return tuple(
        GroupView(
            group.perspective,
            fmt.t(f"scorecard_perspective_{group.perspective}"),
            fmt.t(f"scorecard_question_{group.perspective}"),
            tuple(metric_view(s, setup.partnership, fmt, setup.identity) for s in group.statuses),
        )
        for group in card.groups
    )


def metric_view(
    status: MetricStatus, partnership: Partnership, fmt: Formatter, identity: Identity
) -> MetricView:
    m, latest = status.metric, status.latest
    kind = m.kind.replace("-", "_")
    owner = partnership.partner_by_id.get(m.owner)
    versus = status.versus_forecast
    chart = line_chart(status, fmt, identity)
    return MetricView(
        status=status,
        key=f"metric-{m.id}",
        name=m.name,
        owner=owner.name if owner else m.owner,
        kind=fmt.t(f"scorecard_kind_{kind}"),
        kind_question=fmt.t(f"scorecard_question_{kind}"),
        accountability=fmt.t(f"scorecard_{m.accountability}"),
        baseline=_dated(fmt, "scorecard_on_date", m.baseline, m.unit),
        latest=fmt.quantity(latest.value, m.unit) if latest else fmt.t("scorecard_no_data"),
        latest_date=fmt.short_date(latest.date) if latest else "",
        change=_change(fmt, status.change, m.unit),
        arrow=_arrow(status.change),
        trend=status.trend,
        trend_word=fmt.t(status.trend) if status.trend else "",
        forecast=fmt.figure(status.forecast, m.unit) if status.forecast is not None else DASH,
        versus=versus,
        versus_word=fmt.t(f"scorecard_vs_{versus}") if versus else "",
        target=_dated(fmt, "scorecard_by_date", m.target, m.unit),
        target_value=fmt.figure(m.target.value, m.unit) if m.target else DASH,
        target_date=fmt.t("scorecard_by", date=fmt.short_date(m.target.date)) if m.target else "",
        reached=bool(status.target_reached),
        spark=charts.sparkline([o.value for o in status.history[-SPARK_LENGTH:]]),
        chart=Markup(charts.svg(chart)),
        chart_text=chart.description,
    )


def _change(fmt: Formatter, delta: float | None, unit: str) -> str:
    if delta is None:
        return DASH
    rounded = round(delta, 6)
    return (
        fmt.t("scorecard_points", value=fmt.signed(rounded)) if unit == "%" else fmt.signed(rounded)
    )


def _arrow(delta: float | None) -> str:
    if delta is None:
        return ""
    if abs(delta) < 1e-9:
        return "→"
    return "↑" if delta > 0 else "↓"


def _dated(
    fmt: Formatter, key: str, point: MetricPoint | None, unit: str, *, long: bool = False
) -> str:
    if point is None:
        return DASH
    if long:
        return fmt.t(key, value=fmt.quantity(point.value, unit), date=fmt.date(point.date))
    return fmt.t(key, value=fmt.figure(point.value, unit), date=fmt.short_date(point.date))


def line_chart(status: MetricStatus, fmt: Formatter, identity: Identity) -> charts.LineChart:
    m = status.metric
    return charts.LineChart(
        key=f"chart-{m.id}",
        title=m.name,
        description=chart_text(status, fmt),
        history=tuple((o.date, o.value) for o in status.history),
        fmt=fmt,
        unit=m.unit,
        baseline=(m.baseline.date, m.baseline.value) if m.baseline else None,
        target=m.target.value if m.target else None,
        forecast=forecast_segment(status),
        line_colour=identity.primary,
        target_colour=identity.accent,
        empty_text=fmt.t("scorecard_no_data"),
    )


def chart_text(status: MetricStatus, fmt: Formatter) -> str:
    """The chart in words, for screen readers: movement, baseline, target, forecast."""
    m = status.metric
    sentences = [_movement(status, fmt)]
    first = status.history[0] if status.history else None
    if first and m.baseline and (first.date, first.value) != (m.baseline.date, m.baseline.value):
        sentences.append(_dated(fmt, "scorecard_desc_baseline", m.baseline, m.unit, long=True))
    if m.target:
        sentences.append(_dated(fmt, "scorecard_desc_target", m.target, m.unit, long=True))
    if status.forecast is not None and status.versus_forecast is not None:
        key = {"better": "ahead", "worse": "behind", "flat": "on_forecast"}[status.versus_forecast]
        forecast = fmt.quantity(status.forecast, m.unit)
        sentences.append(fmt.t(f"scorecard_desc_{key}", forecast=forecast))
    return " ".join(sentences)


def _movement(status: MetricStatus, fmt: Formatter) -> str:
    m, history = status.metric, status.history
    if not history:
        return fmt.t("scorecard_desc_none", name=m.name)
    first, latest = history[0], history[-1]
    values = {
        "name": m.name,
        "first": fmt.quantity(first.value, m.unit),
        "first_date": fmt.date(first.date),
        "latest": fmt.quantity(latest.value, m.unit),
        "latest_date": fmt.date(latest.date),
    }
    if len(history) == 1:
        return fmt.t("scorecard_desc_one", **values)
    key = {"↑": "rose", "↓": "fell", "→": "same"}[_arrow(latest.value - first.value)]
    return fmt.t(f"scorecard_desc_{key}", **values)


def count_line(card: Scorecard, fmt: Formatter) -> str:
    """7 metrics in 4 perspectives / 1 indicator in 1 perspectief."""
    perspectives = sum(bool(group.statuses) for group in card.groups)
    return fmt.t(
        "scorecard_count",
        metrics=counted(fmt, "scorecard_metrics", len(card.statuses)),
        perspectives=counted(fmt, "scorecard_perspectives", perspectives),
    )


def counted(fmt: Formatter, key: str, count: int) -> str:
    """The ``_one`` or ``_many`` message of ``key``, with ``count`` filled in."""
    return fmt.t(f"{key}_{'one' if count == 1 else 'many'}", count=count)


def share_line(fmt: Formatter, key: str, count: int, total: int) -> str:
    """ "5 of 7 …" with the verb agreeing with ``count``; with one metric in all,
    a sentence about that one ("_only_yes" / "_only_no")."""
    if total == 1:
        return fmt.t(f"{key}_only_{'yes' if count else 'no'}")
    return fmt.t(f"{key}_{'one' if count == 1 else 'many'}", count=count, total=total)


def summary(card: Scorecard, fmt: Formatter) -> list[str]:
    """The lines "at a glance": what moved, what beats its forecast, what needs attention."""
    statuses = card.statuses
    compared = [s for s in statuses if s.trend is not None]
    forecasted = [s for s in statuses if s.versus_forecast is not None]
    lines = []
    if compared:
        better = sum(s.trend == "better" for s in compared)
        lines.append(share_line(fmt, "scorecard_summary_better", better, len(compared)))
    if forecasted:
        ahead = sum(s.versus_forecast == "better" for s in forecasted)
        lines.append(share_line(fmt, "scorecard_summary_forecast", ahead, len(forecasted)))
    named = (
        ("scorecard_summary_reached", [s for s in statuses if s.target_reached]),
        (
            "scorecard_summary_attention",
            [s for s in statuses if s.trend == "worse" and s.versus_forecast == "worse"],
        ),
        ("scorecard_summary_no_data", [s for s in statuses if s.latest is None]),
    )
    for key, chosen in named:
        if chosen:
            lines.append(fmt.t(key, names="; ".join(s.metric.name for s in chosen)))
    return lines


# --------------------------------------------------------------------------- outputs


def render_scorecard(setup: Setup, output_format: Format) -> str:
    """The scorecard of ``setup``'s partnership as Markdown, HTML or CSV text."""
    card = build_scorecard(setup.partnership, setup.as_of)
    if output_format == "csv":
        return scorecard_csv(card)
    return setup.render(
        f"scorecard.{output_format}.j2",
        card=card,
        groups=views(card, setup),
        summary=summary(card, setup.fmt),
        count_line=count_line(card, setup.fmt),
        spark_length=SPARK_LENGTH,
    )


def default_path(setup: Setup, output_format: Format) -> Path:
    """scorecards/scorecard-YYYY-MM-DD.<ext> in the partnership, dated by the as-of day."""
    name = f"scorecard-{setup.as_of.isoformat()}.{output_format}"
    return setup.partnership.root / "scorecards" / name


def scorecard_csv(card: Scorecard) -> str:
    """One row per scorecard metric: dot decimals, ISO dates, codes instead of words;
    text that a spreadsheet would run as a formula starts with ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(_csv_row(status)) for status in card.statuses)
    return out.getvalue()


def _csv_row(status: MetricStatus) -> list[str]:
    m, latest = status.metric, status.latest
    return [
        m.perspective,
        m.id,
        m.name,
        m.kind,
        m.accountability,
        m.unit,
        m.direction,
        _plain(m.baseline.value if m.baseline else None),
        m.baseline.date.isoformat() if m.baseline else "",
        _plain(m.target.value if m.target else None),
        m.target.date.isoformat() if m.target else "",
        _plain(latest.value if latest else None),
        latest.date.isoformat() if latest else "",
        _plain(status.change),
        status.trend or "",
        _plain(status.forecast),
        status.versus_forecast or "",
    ]


def _plain(value: float | None) -> str:
    """1109 / 7.3 / -0.2: no thousands separator, no float noise, empty for None."""
    if value is None:
        return ""
    text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --------------------------------------------------------------------------- terminal

COMPACT_BELOW = 72
"""Terminals narrower than this get the metric, latest value and change only."""
COLUMNS = ("metric", "latest", "change", "forecast", "target", "history")
COMPACT_COLUMNS = ("metric", "latest")
RATIOS = {"metric": 3, "latest": 2, "target": 2}
"""How the spare width is shared; the other columns keep the width of their content."""
STYLES: dict[Trend | None, str] = {"better": "green", "worse": "red", "flat": "", None: ""}


def terminal_view(setup: Setup, *, width: int, colour: bool) -> str:
    """The table ``msc scorecard`` prints: rich, with sparklines and coloured arrows.

    rich is imported here, not at module level, so commands that never draw a
    table (``msc check``) never pay for it.
    """
    from rich.console import Console
    from rich.text import Text

    card = build_scorecard(setup.partnership, setup.as_of)
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=colour,
        no_color=not colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(_table(setup, views(card, setup), compact=width < COMPACT_BELOW))
    console.print(Text(setup.fmt.t("scorecard_note_forecast"), style="dim"))
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _table(setup: Setup, groups: tuple[GroupView, ...], *, compact: bool) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    fmt = setup.fmt
    title = f"{fmt.t('scorecard_heading', name=setup.identity.name)}\n"
    title += fmt.t("as_of", date=fmt.date(setup.as_of))
    table = Table(
        title=Text(terminal_text(title)), box=box.SIMPLE_HEAD, expand=True, title_justify="left"
    )
    columns = COMPACT_COLUMNS if compact else COLUMNS
    for column in columns:
        table.add_column(
            fmt.t(f"scorecard_col_{column}"),
            overflow="fold",
            ratio=RATIOS.get(column),
            no_wrap=column in ("change", "history"),
        )
    for number, group in enumerate(groups):
        if number:
            table.add_section()
        table.add_row(Text(terminal_text(group.name), style="bold"))
        if not group.metrics:
            table.add_row(Text(fmt.t("scorecard_empty_perspective"), style="dim"))
        for view in group.metrics:
            cells = _cells(view, compact=compact)
            table.add_row(*(cells[column] for column in columns))
    return table


def _cells(view: MetricView, *, compact: bool) -> dict[str, Text]:
    from rich.text import Text

    trend, versus = STYLES[view.trend], STYLES[view.versus]
    change = _stacked((f"{view.arrow} {view.change}".strip(), trend), (view.trend_word, trend))
    latest = _stacked((view.latest, ""), (view.latest_date, "dim"))
    if compact and view.trend is not None:
        latest.append("\n")
        latest.append_text(change)
    return {
        "metric": _stacked((view.name, ""), (f"{view.kind} · {view.accountability}", "dim")),
        "latest": latest,
        "change": change,
        "forecast": _stacked((view.forecast, ""), (view.versus_word, versus)),
        "target": _stacked((view.target_value, ""), (view.target_date, "dim")),
        "history": Text(terminal_text(view.spark)),
    }


def _stacked(*lines: tuple[str, str]) -> Text:
    """Lines of text in one cell, each with its style; empty lines left out. Text, not
    markup: `[bold]` in a name stays as written; control characters are escaped."""
    from rich.text import Text

    text = Text()
    for content, style in lines:
        if content:
            text.append(("\n" if text.plain else "") + terminal_text(content), style=style)
    return text
