"""Every command, every option, hostile values: a result or a clear message, never a crash.

The commands are enumerated from the typer app, so a new command or option is
covered without editing this file. Each option gets the values of the table
for its kind (dates, numbers, paths, text); each run must exit 0, 1 or 2 and
never print "internal error" or a traceback ("internal error" is for msc's
own bugs only).
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
import typer._click as click

from helpers import msc
from msctool.cli.app import app

SKIPPED = {"serve": "serves until interrupted; its options are the site's, driven below"}

DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "99999-01-01"]
TIMES = ["23:59", "22:31", "00:00", "24:00", "9:99", "9999-12-31"]
NUMBERS = ["99999999999999999999999999999", "-1", "0"]
TEXTS = ["\x1b[2J\x1b]0;pwned\x07", "a\x00b", "two\nlines\u2028three", "", "x" * 5000]
PATHS = ["{file}", "{loop}", "missing/folder", "/dev/null"]

REQUIRED: dict[str, list[str]] = {
    "title": ["Hostile decision"],
    "number": ["1"],
    "item": ["2026-10-01-after-action:3"],
    "partner_id": ["new-partner"],
    "activity_id": ["new-activity"],
    "engagement_id": ["new-engagement"],
    "metric": ["placements"],
    "value": ["5"],
    "path": ["{csv}"],
    "message_file": ["{message}"],
    "name": ["Name"],
    "sector": ["public"],
    "body": ["steering"],
    "accountable": ["city"],
    "method": ["panel"],
    "segment": ["students"],
    "participants": ["3"],
    "heard": ["It was late."],
    "since": ["2000-01-01"],
    "metric_id": ["new-metric"],
    "perspective": ["stakeholders"],
    "accountability": ["performance"],
    "unit": ["people"],
    "direction": ["up"],
    "owner": ["city"],
    "cadence": ["monthly"],
    "by": ["2027-06-30"],
    "status": ["paused"],
    "partner": ["city"],
    "amount": ["100"],
    "outcome_id": ["new-outcome"],
    "quantity": ["5"],
    "proxy": ["1000"],
    "proxy_source": ["A study"],
    "deadweight": ["0.2"],
    "attribution": ["0.3"],
    "duration": ["2"],
    "body_id": ["new-body"],
    "goal_id": ["new-goal"],
    "segment_id": ["new-segment"],
    "kind": ["working-group"],
    "rule": ["majority"],
    "statement": ["We help young people into work."],
    "old": ["city"],
    "new": ["town"],
    "person": ["Ann"],
}
"""Values for required arguments and options, so each run reaches the option under test."""
REQUIRED_IN: dict[tuple[str, str], str] = {
    ("metric_cmd", "kind"): "how-much",
    ("roi_edit_cmd", "kind"): "money",
}
"""Values for a required option of the commands of one module (``msctool.cli.X``), where
other commands' option of that name takes other words (a body's kind, a metric's kind)."""


def _module(command: Any) -> str:
    """The module of ``msctool.cli`` that defines ``command``."""
    return str(getattr(command.callback, "__module__", "")).rpartition(".")[2]


def _leaves(command: Any, path: list[str], ctx: Any) -> Iterator[tuple[list[str], Any]]:
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            yield from _leaves(sub, [*path, name], click.Context(sub, parent=ctx, info_name=name))
    else:
        yield path, command


def commands() -> list[tuple[list[str], Any]]:
    root = typer.main.get_command(app)
    return list(_leaves(root, [], click.Context(root, info_name="msc")))


def _takes_value(param: Any) -> bool:
    return param.name not in ("help",) and not getattr(param, "is_flag", False)


def _kind(param: Any) -> list[str]:
    metavar = (param.metavar or "").upper()
    annotation = param.type_descriptor.annotation
    if metavar == "HH:MM":
        return TIMES
    if "DATE" in metavar or metavar == "YYYY-MM":
        return DATES
    if annotation in (int, float, list[int], int | None) or metavar == "NNNN":
        return NUMBERS
    opts = getattr(param, "opts", [])
    paths = annotation in (Path, Path | None) or metavar in ("FILE", "DIR", "MSGFILE")
    if paths or {"-C", "-o"} & set(opts):
        return PATHS
    return TEXTS


def _flag(param: Any) -> str | None:
    opts = [opt for opt in param.opts if opt.startswith("-")]
    return opts[0] if opts else None


def _base(command: Any) -> list[str]:
    args: list[str] = []
    for param in command.params:
        if not param.required:
            continue
        value = REQUIRED_IN.get((_module(command), param.name)) or REQUIRED[param.name][0]
        flag = _flag(param)
        args += [flag, value] if flag else [value]
    if any("-C" in param.opts for param in command.params):
        args += ["-C", "{root}"]
    return args


def _with(base: list[str], param: Any, value: str) -> list[str]:
    """``base`` with ``param`` set to ``value`` (replacing its base value)."""
    flag = _flag(param)
    if flag is None:
        if param.required:
            index = base.index(REQUIRED[param.name][0])
            return [*base[:index], value, *base[index + 1 :]]
        return [*base, "--", value] if value.startswith("-") else [*base, value]
    if flag in base:
        index = base.index(flag)
        return [*base[:index], flag, value, *base[index + 2 :]]
    return [*base, flag, value]


def _cases() -> list[Any]:
    cases = []
    for path, command in commands():
        name = " ".join(path)
        if name in SKIPPED:
            continue
        params = [param for param in command.params if _takes_value(param)]
        assert params or name in ("rules",), f"{name} has no option that takes a value"
        cases.append(pytest.param(path, command, id=name))
    return cases


def _fill(args: list[str], root: Path) -> list[str]:
    tmp = root.parent
    names = {
        "root": root,
        "file": root / "partnership.yaml",
        "loop": tmp / "loop",
        "csv": tmp / "rows.csv",
        "message": tmp / "message.txt",
    }
    return [arg.format(**{key: str(value) for key, value in names.items()}) for arg in args]


def assert_clear(args: list[str], env: dict[str, str] | None = None) -> None:
    result = msc(*args, env=env)
    shown = (
        f"msc {' '.join(map(repr, args))[:300]} exit {result.exit_code}:\n{result.output[:2000]}"
    )
    assert result.exit_code in (0, 1, 2), shown
    assert "internal error" not in result.output, shown
    assert "Traceback" not in result.output, shown
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}\n{result.exception!r}"
    )


@pytest.mark.parametrize(("path", "command"), _cases())
def test_every_option_with_hostile_values_ends_in_a_clear_message(
    path: list[str], command: Any, committed_partnership: Path
) -> None:
    base = _base(command)
    runs = 0
    for param in command.params:
        if not _takes_value(param):
            continue
        for value in _kind(param):
            assert_clear(_fill([*path, *_with(base, param, value)], committed_partnership))
            runs += 1
    assert runs or path == ["rules"] or not command.params


EXTREMES = [
    {"date": "9999-12-31", "time": "23:59"},
    {"date": "9999-12-31", "time": "22:31"},
    {"date": "0001-01-01", "time": "00:00"},
]
"""Values at the ends of the calendar and the clock, given to every date and time
option of a command at once: an overflow hides in their combination (a meeting at
22:31 on the calendar's last day), not in one option alone."""
NOT_COMBINED = {"help", "edit", "debug"}
"""Flags left off: help prints help, --edit opens an editor, --debug shows tracebacks."""


def _at_extremes(command: Any, extreme: dict[str, str]) -> list[str]:
    """The base arguments with every date option at ``extreme["date"]`` and every
    time option at ``extreme["time"]``."""
    args = _base(command)
    for param in command.params:
        if not _takes_value(param):
            continue
        kind = _kind(param)
        if kind is DATES or kind is TIMES:
            args = _with(args, param, extreme["date" if kind is DATES else "time"])
    return args


def _variants(command: Any, args: list[str]) -> Iterator[list[str]]:
    """``args`` with no flag, with every flag, and with each choice of each choice option."""
    yield args
    flags = [
        _flag(param)
        for param in command.params
        if getattr(param, "is_flag", False) and param.name not in NOT_COMBINED
    ]
    yield [*args, *(flag for flag in flags if flag)]
    for param in command.params:
        choices = param.type_descriptor.annotation
        if _takes_value(param) and isinstance(choices, type) and issubclass(choices, Enum):
            for choice in choices:
                yield _with(args, param, str(choice.value))


def _dated_cases() -> list[Any]:
    cases = []
    for path, command in commands():
        kinds = [_kind(p) for p in command.params if _takes_value(p)]
        if " ".join(path) not in SKIPPED and any(k is DATES or k is TIMES for k in kinds):
            cases.append(pytest.param(path, command, id=" ".join(path)))
    return cases


@pytest.mark.parametrize(("path", "command"), _dated_cases())
def test_every_date_and_time_option_at_once_at_the_ends_of_the_calendar(
    path: list[str], command: Any, committed_partnership: Path
) -> None:
    runs = 0
    for extreme in EXTREMES:
        for args in _variants(command, _at_extremes(command, extreme)):
            assert_clear(_fill([*path, *args], committed_partnership))
            runs += 1
    assert runs >= 2 * len(EXTREMES)


def test_every_command_is_driven() -> None:
    names = {" ".join(path) for path, _ in commands()}
    assert {
        "check",
        "render newsletter",
        "render site",
        "decide record",
        "decide accept",
        "metric import",
    } <= names
    assert len(names) >= 20


ENVIRONMENTS: list[dict[str, str]] = [
    {"EDITOR": "\x1b[2J no-such-editor", "VISUAL": ""},
    {"EDITOR": "false"},
    {"NO_COLOR": "\x1b[0m"},
    {"LANG": "xx_YY.bogus", "LC_ALL": "\x1b", "LANGUAGE": ""},
    {"GIT_DIR": "/no/such/git", "GIT_WORK_TREE": "/dev/null"},
    {"GIT_INDEX_FILE": "/dev/null/index"},
    {"GIT_AUTHOR_NAME": "\x1b[31m", "GIT_AUTHOR_EMAIL": "not an address", "EMAIL": "\n"},
    {"HOME": "/no/such/home", "TMPDIR": "/no/such/tmp"},
]


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda env: ",".join(env))
@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["render", "newsletter", "-o", "-"],
        ["log"],
        ["decide", "Hostile environment", "--edit"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_hostile_environment_variables_end_in_a_clear_message(
    args: list[str], env: dict[str, str], committed_partnership: Path
) -> None:
    assert_clear(args, env)


def test_a_link_loop_given_as_the_folder_is_a_clear_message(committed_partnership: Path) -> None:
    result = msc("check", "-C", str(committed_partnership.parent / "loop"))
    assert result.exit_code == 2
    assert "symbolic link" in result.output and "internal error" not in result.output


def test_as_of_at_the_end_of_the_calendar_renders(committed_partnership: Path) -> None:
    for kind in ("newsletter", "roi", "scorecard"):
        result = msc("render", kind, "--as-of", "9999-12-31", "-o", "-")
        assert result.exit_code == 0, result.output
        assert "31 December 9999" in result.output or kind != "newsletter", result.output
