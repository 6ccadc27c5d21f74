"""The library names the input a problem is about; the command line names its flag."""

from __future__ import annotations

from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from msctool.cli.errors import flag_for, handled
from msctool.errors import UsageError, UserError


def _app(error: UsageError | UserError) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def run(
        path: Annotated[str, typer.Argument(metavar="FOLDER")] = ".",
        since: Annotated[str, typer.Option("--since", "-s")] = "",
    ) -> None:
        with handled():
            raise error

    @app.command()
    def other() -> None:
        """A second command, so that ``run`` is a subcommand."""

    return app


@pytest.mark.parametrize(
    ("field", "said"),
    [
        ("since", "msc: error: --since: 2030-01-01 is after the as-of date"),
        ("path", "msc: error: FOLDER: 2030-01-01 is after the as-of date"),
        ("unknown", "msc: error: 2030-01-01 is after the as-of date"),
        (None, "msc: error: 2030-01-01 is after the as-of date"),
    ],
)
def test_a_library_error_gets_the_flag_of_the_running_command(field: str | None, said: str) -> None:
    error = UsageError("2030-01-01 is after the as-of date", field=field)
    result = CliRunner().invoke(_app(error), ["run"])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == said


def test_outside_a_command_no_flag_is_named() -> None:
    assert flag_for("since") is None


def test_the_library_message_itself_names_no_flag() -> None:
    error = UserError("`x` is not a sector", field="sector")
    assert str(error) == "`x` is not a sector"
    assert error.field == "sector"


def _hinting(hint: str, options: tuple[str, ...]) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def run(
        force: Annotated[bool, typer.Option("--force", "-f")] = False,
        commit: Annotated[bool, typer.Option("--commit/--no-commit")] = True,
    ) -> None:
        with handled():
            raise UserError("out.md exists", hint=hint, options=options)

    @app.command()
    def other() -> None:
        """A second command, so that ``run`` is a subcommand."""

    return app


@pytest.mark.parametrize(
    ("hint", "options", "said"),
    [
        ("use {force} to replace it", ("force",), "use --force to replace it"),
        ("or use {no_commit}", ("no_commit",), "or use --no-commit"),
        ("give {output}", ("output",), "give `output`"),
        ("keep {force} as written", (), "keep {force} as written"),
    ],
)
def test_a_hint_names_the_flags_of_the_running_command(
    hint: str, options: tuple[str, ...], said: str
) -> None:
    result = CliRunner().invoke(_hinting(hint, options), ["run"])
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == f"  hint: {said}"


def test_a_python_caller_reads_the_parameter_names_in_a_hint() -> None:
    error = UserError("out.md exists", hint="use {force} to replace it", options=("force",))
    assert error.hint == "use `force` to replace it"
