"""One error handler around every command, one global ``--debug``.

The ``msc`` group runs each command inside the handler (no command body does),
so these tests drive real commands and a small app built the same way.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from typing import Any

import pytest
import typer
import typer._click as click
from typer.testing import CliRunner

from helpers import DEMO
from msctool.cli.app import app
from msctool.cli.errors import debugging
from msctool.cli.group import MscGroup
from msctool.errors import UserError


def msc(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.fixture
def broken_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """``msc rules`` fails with a bug."""
    import msctool.rules.explain

    def broken() -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(msctool.rules.explain, "list_rules", broken)


@pytest.mark.usefixtures("broken_rules")
@pytest.mark.parametrize("args", [["--debug", "rules"], ["rules", "--debug"]])
def test_debug_before_or_after_the_command_shows_the_traceback(args: list[str]) -> None:
    result = msc(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.rstrip().endswith("RuntimeError: boom")
    assert "internal error" not in result.stderr


@pytest.mark.usefixtures("broken_rules")
def test_without_debug_a_bug_is_one_line_and_a_hint() -> None:
    result = msc("rules")
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: internal error: RuntimeError: boom\n"
        "  hint: run again with --debug and report the traceback\n"
    )


def test_debug_after_double_dash_is_an_argument() -> None:
    """``--`` ends the options: a value ``--debug`` after it reaches the command."""
    result = msc("metric", "record", "first-jobs", "-C", str(DEMO), "--dry-run", "--", "--debug")
    assert result.exit_code == 1
    assert "`--debug`" in result.stderr
    assert "Traceback" not in result.output


def test_debug_is_listed_once_in_msc_help_and_in_no_command_help() -> None:
    assert "--debug" in msc("--help").stdout
    for args in (["check", "--help"], ["partner", "add", "--help"], ["serve", "--help"]):
        assert "--debug" not in msc(*args).stdout


def _probe_app(raised: BaseException | None = None) -> typer.Typer:
    """An app built like msc's, whose command says whether it runs with --debug."""
    probe = typer.Typer(cls=MscGroup)

    @probe.command()
    def run() -> None:
        typer.echo(f"debug={debugging()}")
        if raised is not None:
            raise raised

    @probe.command()
    def other() -> None:
        """A second command, so that ``run`` is a subcommand."""

    return probe


@pytest.mark.parametrize(("args", "said"), [(["run"], False), (["run", "--debug"], True)])
def test_a_command_knows_whether_debug_was_given(args: list[str], said: bool) -> None:
    result = CliRunner().invoke(_probe_app(), args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"debug={said}\n"


def test_outside_a_command_debug_is_off() -> None:
    assert debugging() is False


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (UserError("no such partner", hint="check the id"), 1, "msc: error: no such partner"),
        (KeyboardInterrupt(), 130, "msc: interrupted"),
        (
            OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/srv/p/out.md"),
            2,
            f"msc: error: cannot use /srv/p/out.md: {os.strerror(errno.ENOSPC)}",
        ),
        (
            RuntimeError("Symlink loop from '/srv/p/loop'"),
            2,
            "msc: error: /srv/p/loop is a symbolic link loop (it leads back to itself)",
        ),
        (ValueError("bad"), 2, "msc: internal error: ValueError: bad"),
        (UserError("a \x1b[2J name"), 1, "msc: error: a \\u001b[2J name"),
        (typer.Exit(1), 1, None),
    ],
)
def test_the_handler_keeps_every_exit_code_and_message(
    raised: BaseException, code: int, said: str | None
) -> None:
    result = CliRunner().invoke(_probe_app(raised), ["run"])
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    if said is None:
        assert lines == []
    else:
        assert lines[0] == said


def _leaves(command: Any, ctx: Any) -> Iterator[tuple[str, Any]]:
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            yield from _leaves(sub, click.Context(sub, parent=ctx, info_name=name))
    else:
        yield ctx.command_path, command


def test_every_command_of_msc_runs_inside_the_handler() -> None:
    root = typer.main.get_command(app)
    leaves = list(_leaves(root, click.Context(root, info_name="msc")))
    assert len(leaves) >= 20
    for path, command in leaves:
        assert getattr(command.callback, "__msc_guarded__", False), path
