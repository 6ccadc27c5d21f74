"""The library names the input a problem is about; the command line names its flag."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from msctool.cli.errors import flag_for
from msctool.cli.group import MscGroup
from msctool.errors import UsageError, UserError


def _app(error: UsageError | UserError) -> typer.Typer:
    """An app like msc's: its group runs every command inside the error handler."""
    app = typer.Typer(cls=MscGroup)

    @app.command()
    def run(
        path: Annotated[str, typer.Argument(metavar="FOLDER")] = ".",
        since: Annotated[str, typer.Option("--since", "-s")] = "",
    ) -> None:
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
    app = typer.Typer(cls=MscGroup)

    @app.command()
    def run(
        force: Annotated[bool, typer.Option("--force", "-f")] = False,
        commit: Annotated[bool, typer.Option("--commit/--no-commit")] = True,
    ) -> None:
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


@pytest.mark.parametrize(
    ("args", "where", "said"),
    [
        (
            ["changes", "--since", "2026-01-01"],
            "msctool.history.changes.changes_between",
            "--since",
        ),
        (["render", "newsletter"], "msctool.render.setup.prepare", "--since"),
        (
            ["partner", "add", "x", "--name", "X", "--sector", "civil"],
            "msctool.edits.partners.add_partner",
            None,
        ),
    ],
)
def test_msc_puts_the_flag_of_its_own_running_command_in_front(
    args: list[str], where: str, said: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where the handler sits (around each command, put there by the group), the
    command's context is alive: a nested command (`render newsletter`) and a lazily
    loaded one (`changes`, `partner add`) map the field to their own flags; a field
    no option of the command fills is said without one."""
    import importlib

    from msctool.cli.app import app

    module, name = where.rsplit(".", 1)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise UsageError("2030-01-01 is after the as-of date", field="since")

    monkeypatch.setattr(importlib.import_module(module), name, refuse)
    (tmp_path / "partnership.yaml").write_text("format_version: 1\n")
    result = CliRunner().invoke(app, [*args, "-C", str(tmp_path)])
    assert result.exit_code == 2, result.output
    flag = f"{said}: " if said else ""
    assert result.output.splitlines()[0] == f"msc: error: {flag}2030-01-01 is after the as-of date"
