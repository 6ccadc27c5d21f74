"""Render errors: the library says what is wrong in its own words and names the input by
``field``; the command line puts its own flag in front, so the user still sees it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import AS_OF, DEMO, msc_process
from msctool.cli.app import app
from msctool.errors import MscError, UsageError
from msctool.render.newsletter.email import addresses
from msctool.render.newsletter.issue import build_newsletter, render_issue
from msctool.render.newsletter.window import parse_month, window_for
from msctool.render.roi.calculation import calculation, check_partner
from msctool.render.setup import Setup, prepare
from msctool.rules.check import load_valid

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
AS_OF_ARGS = ("-C", str(DEMO), "--as-of", AS_OF.isoformat(), "-o", "-")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env=ENV)


def demo() -> Setup:
    return prepare(DEMO, as_of=AS_OF)


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        (["--period", "2026/10"], 2, "msc: error: --period: `2026/10` is not a month"),
        (
            ["--period", "2027-01"],
            2,
            "msc: error: --period: 2027-01 is after the as-of date 2026-11-27",
        ),
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
            ["--from", "ann@example.org"],
            2,
            "msc: error: --from: a sender and recipients are for the eml format only, not for md",
        ),
        (
            ["--format", "html", "--to", "ann@example.org"],
            2,
            "msc: error: --to: a sender and recipients are for the eml format only, not for html",
        ),
        (
            ["--format", "eml", "--from", "koers"],
            2,
            "msc: error: --from: `koers` is not an e-mail address",
        ),
        (
            ["--format", "eml", "--to", "ann@"],
            2,
            "msc: error: --to: `ann@` is not an e-mail address",
        ),
    ],
)
def test_the_newsletter_command_names_its_flag(args: list[str], code: int, first_line: str) -> None:
    result = invoke("render", "newsletter", *AS_OF_ARGS, *args)
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == first_line
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("partner", "code", "first_line"),
    [
        ("werkpnt", 2, "msc: error: --partner: there is no partner `werkpnt`"),
        (
            "kromhout-techniek",
            1,
            "msc: error: --partner: `kromhout-techniek` has no inputs in roi.yaml, "
            "so it has no ROI story",
        ),
    ],
)
def test_the_roi_command_names_its_flag(partner: str, code: int, first_line: str) -> None:
    result = invoke("render", "roi", *AS_OF_ARGS, "--partner", partner)
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == first_line


def test_a_real_process_names_the_flag_too() -> None:
    result = msc_process("render", "newsletter", *AS_OF_ARGS, "--since", "2026-12-01")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "msc: error: --since: 2026-12-01 is after the as-of date 2026-11-27"
    )


def _window(**options: Any) -> object:
    return window_for(load_valid(DEMO, AS_OF), AS_OF, **options)


def _issue(**options: Any) -> object:
    setup = demo()
    return render_issue(setup, build_newsletter(setup), "md", **options)


def _partner(partner: str) -> None:
    check_partner(calculation(load_valid(DEMO, AS_OF)), partner)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: parse_month("2026/10"), "period"),
        (lambda: _window(period=date(2027, 1, 1)), "period"),
        (lambda: _window(since=date(2026, 12, 1)), "since"),
        (lambda: _window(since=date(2026, 10, 1), period=date(2026, 10, 1)), "since"),
        (lambda: _issue(sender="ann@example.org"), "sender"),
        (lambda: _issue(to=["ann@example.org"]), "to"),
        (lambda: addresses("koers", "sender"), "sender"),
        (lambda: addresses("ann@", "to"), "to"),
        (lambda: _partner("werkpnt"), "partner"),
        (lambda: _partner("kromhout-techniek"), "partner"),
    ],
)
def test_the_library_names_no_flag(call: Any, field: str) -> None:
    with pytest.raises(MscError) as caught:
        call()
    assert "--" not in caught.value.message
    assert "--" not in (caught.value.hint or "")
    assert caught.value.field == field


def test_a_month_parsed_for_another_input_names_that_input() -> None:
    with pytest.raises(UsageError) as caught:
        parse_month("october", field="month")
    assert caught.value.message == "`october` is not a month"
    assert caught.value.field == "month"
