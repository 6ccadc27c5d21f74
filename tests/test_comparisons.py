"""What a figure is compared with, wherever the window of a newsletter or a
retrospective agenda starts: the latest earlier figure, on a boundary or not;
"a first figure" only when there is no earlier figure at all."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import AS_OF, base_files, msc, write_tree
from msctool.model import Dated, Observation, Partnership
from msctool.render.newsletter.changes import find_changes
from msctool.render.newsletter.issue import render_newsletter
from msctool.render.newsletter.window import Window
from msctool.render.retro.facts import gather_facts
from msctool.render.setup import setup_for
from msctool.render.window import Window as Days
from msctool.rules.check import load_valid

SINCE = date(2026, 11, 1)
FIRST_FIGURE = "A first figure."


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Partnership:
    """base_files() loaded once; tests swap its observations (and retrospectives)."""
    return load_valid(write_tree(tmp_path_factory.mktemp("p"), base_files()), AS_OF)


def figures(*rows: tuple[str, float]) -> tuple[Observation, ...]:
    return tuple(
        Observation(metric="placements", date=date.fromisoformat(day), value=value)
        for day, value in rows
    )


def with_figures(base: Partnership, rows: tuple[Observation, ...]) -> Partnership:
    return dataclasses.replace(base, observations=rows)


def issue(partnership: Partnership, since: date = SINCE) -> str:
    setup = setup_for(partnership, as_of=AS_OF)
    rendered = render_newsletter(setup, "md", since=since)
    assert isinstance(rendered, str)
    return rendered


def metric_line(rendered: str) -> str:
    [line] = [line for line in rendered.splitlines() if "Young people placed in work:" in line]
    return line


# -- the newsletter: examples at the boundary -------------------------------------------


def test_only_figure_in_the_window_on_its_first_day_is_compared_with_the_one_before(
    base: Partnership,
) -> None:
    rows = figures(("2026-10-15", 20), ("2026-11-01", 22))
    line = metric_line(issue(with_figures(base, rows)))
    assert "22 people" in line
    assert "Up 2 since October" in line
    assert FIRST_FIGURE not in line


def test_earlier_figure_exactly_on_the_windows_first_day(base: Partnership) -> None:
    rows = figures(("2026-10-15", 15), ("2026-11-01", 20), ("2026-11-20", 22))
    line = metric_line(issue(with_figures(base, rows)))
    assert "Up 2 since November" in line


def test_earlier_figure_exactly_on_the_day_before_the_window(base: Partnership) -> None:
    rows = figures(("2026-10-31", 20), ("2026-11-20", 23))
    line = metric_line(issue(with_figures(base, rows)))
    assert "Up 3 since October" in line


def test_several_figures_in_the_window_compare_the_latest_with_the_one_before_it(
    base: Partnership,
) -> None:
    rows = figures(("2026-11-03", 18), ("2026-11-10", 20), ("2026-11-20", 21))
    line = metric_line(issue(with_figures(base, rows)))
    assert "Up 1 since November" in line
    assert FIRST_FIGURE not in line


def test_figures_only_before_the_window_are_no_news(base: Partnership) -> None:
    rows = figures(("2026-09-30", 18), ("2026-10-31", 20))
    rendered = issue(with_figures(base, rows))
    assert "Young people placed in work" not in rendered
    changes = find_changes(with_figures(base, rows), Window(SINCE, AS_OF))
    assert changes.movements == ()


@pytest.mark.parametrize("day", ["2026-11-01", "2026-11-20", "2026-11-27"])
def test_the_only_figure_ever_is_a_first_figure(base: Partnership, day: str) -> None:
    line = metric_line(issue(with_figures(base, figures((day, 20)))))
    assert FIRST_FIGURE in line


def test_a_figure_after_the_as_of_day_is_not_the_latest(base: Partnership) -> None:
    rows = figures(("2026-10-31", 20), ("2026-11-20", 22), ("2026-11-28", 99))
    line = metric_line(issue(with_figures(base, rows)))
    assert "22 people" in line
    assert "Up 2 since October" in line


# -- the newsletter: the property -------------------------------------------------------

START = date(2026, 9, 1)
days = st.integers(0, 120).map(lambda n: START + timedelta(days=n))
observation_sets = st.dictionaries(days, st.integers(0, 50), max_size=8)


@settings(max_examples=150, deadline=None)
@given(observation_sets, days, st.integers(0, 60))
def test_compared_with_is_the_latest_figure_dated_before_the_reported_one(
    base: Partnership, values: dict[date, int], end: date, length: int
) -> None:
    start = end - timedelta(days=length)
    rows = tuple(
        Observation(metric="placements", date=day, value=value)
        for day, value in sorted(values.items())
    )
    changes = find_changes(with_figures(base, rows), Window(start, end))

    known = [o for o in rows if o.date <= end]
    if not known or known[-1].date < start:
        assert changes.movements == ()
        return
    reported = known[-1]
    earlier = [o for o in rows if o.date < reported.date]
    [movement] = changes.movements
    assert movement.status.latest == reported
    assert movement.base == (earlier[-1] if earlier else None)


# -- the retrospective agenda -----------------------------------------------------------


def with_retro(base: Partnership, rows: tuple[Observation, ...], day: date) -> Partnership:
    retro = Dated(f"retros/{day.isoformat()}-after-action.md", day)
    return dataclasses.replace(base, observations=rows, retros=(retro,))


def test_retro_with_every_figure_after_the_last_retro_compares_them(base: Partnership) -> None:
    rows = figures(("2026-10-31", 20), ("2026-11-20", 22))
    facts = gather_facts(with_retro(base, rows, date(2026, 10, 1)), AS_OF)
    [movement] = facts.movements
    assert movement.then == rows[0]
    assert movement.delta == 2


def test_retro_figure_on_the_last_retros_day_is_what_was_known_then(base: Partnership) -> None:
    rows = figures(("2026-09-15", 10), ("2026-10-01", 20), ("2026-10-20", 21), ("2026-11-20", 22))
    facts = gather_facts(with_retro(base, rows, date(2026, 10, 1)), AS_OF)
    [movement] = facts.movements
    assert movement.then == rows[1]
    assert movement.delta == 2


def test_retro_figure_on_the_day_after_the_last_retro_is_new(base: Partnership) -> None:
    rows = figures(("2026-10-02", 20))
    facts = gather_facts(with_retro(base, rows, date(2026, 10, 1)), AS_OF)
    [movement] = facts.movements
    assert (movement.then, movement.delta) == (None, None)


def test_retro_figures_only_up_to_the_last_retro_are_quiet(base: Partnership) -> None:
    rows = figures(("2026-09-15", 10), ("2026-10-01", 20))
    facts = gather_facts(with_retro(base, rows, date(2026, 10, 1)), AS_OF)
    assert facts.movements == ()
    assert [s.metric.id for s in facts.quiet] == ["placements"]


@settings(max_examples=150, deadline=None)
@given(observation_sets, days)
def test_retro_compares_with_what_was_known_at_the_last_retro(
    base: Partnership, values: dict[date, int], last: date
) -> None:
    rows = tuple(
        Observation(metric="placements", date=day, value=value)
        for day, value in sorted(values.items())
    )
    day = START + timedelta(days=150)
    facts = gather_facts(with_retro(base, rows, last), day)
    if not rows or rows[-1].date <= last:
        assert facts.movements == ()
        return
    known = [o for o in rows if o.date <= last]
    earlier = [o for o in rows if o.date < rows[-1].date]
    expected = known[-1] if known else (earlier[-1] if earlier else None)
    [movement] = facts.movements
    assert movement.then == expected


# -- one definition of the boundaries ---------------------------------------------------


def test_window_boundaries() -> None:
    window = Days(SINCE, AS_OF)
    assert window.contains(SINCE) and window.contains(AS_OF)
    assert window.before(SINCE - timedelta(days=1)) and not window.before(SINCE)
    assert window.after(AS_OF + timedelta(days=1)) and not window.after(AS_OF)
    after = Days.after_day(SINCE, AS_OF)
    assert after.before(SINCE) and after.contains(SINCE + timedelta(days=1))
    assert isinstance(Window(SINCE, AS_OF), Days)


def test_setup_for_is_what_the_renders_use(tmp_path: Path) -> None:
    """The fixtures above stand for the files: a folder with these figures renders the same."""
    files = base_files()
    files["data/placements.csv"] = (
        "metric,date,value,source\nplacements,2026-10-15,20,city\nplacements,2026-11-01,22,city\n"
    )
    partnership = load_valid(write_tree(tmp_path / "p", files), AS_OF)
    assert "Up 2 since October" in metric_line(issue(partnership))


def test_cli_newsletter_since_the_day_of_the_only_new_figure(tmp_path: Path) -> None:
    files = base_files()
    files["data/placements.csv"] = (
        "metric,date,value,source\nplacements,2026-10-31,20,city\nplacements,2026-11-10,26,city\n"
    )
    root = write_tree(tmp_path / "p", files)
    args = ["render", "newsletter", "-C", str(root), "--as-of", "2026-11-27"]
    result = msc(*args, "--since", "2026-11-10", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "Up 6 since October" in metric_line(result.stdout)
    assert FIRST_FIGURE not in result.stdout
