"""The command table (msctool.cli.commands) is the one list of msc's commands."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import typer
import typer._click as click
from typer.testing import CliRunner

from helpers import DEMO
from msctool.cli.app import app
from msctool.cli.commands import COMMANDS, Entry, entries_under
from msctool.cli.group import build


def _reachable(command: Any, path: list[str], ctx: Any) -> Iterator[tuple[str, Any]]:
    """Every command and group under ``command``, by its words after ``msc``."""
    if path:
        yield " ".join(path), command
    if hasattr(command, "list_commands"):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            yield from _reachable(
                sub, [*path, name], click.Context(sub, parent=ctx, info_name=name)
            )


def reachable() -> dict[str, Any]:
    root = typer.main.get_command(app)
    found = list(_reachable(root, [], click.Context(root, info_name="msc")))
    paths = [path for path, _ in found]
    assert len(paths) == len(set(paths))
    return dict(found)


def _owner(path: str) -> str:
    """The table path that brings ``path``: itself, or the module group above it
    (``partner add`` comes with ``partner``'s typer app)."""
    listed = {entry.path: entry for entry in COMMANDS}
    words = path.split()
    for end in range(len(words), 0, -1):
        entry = listed.get(" ".join(words[:end]))
        if entry is not None and (end == len(words) or entry.target is not None):
            return entry.path
    raise AssertionError(f"`msc {path}` is not in the command table")


def test_every_command_of_the_app_is_in_the_table_exactly_once() -> None:
    paths = [entry.path for entry in COMMANDS]
    assert len(paths) == len(set(paths))
    commands = reachable()
    for path in commands:
        _owner(path)  # every reachable command is listed, or comes with a listed group
    assert set(paths) <= set(commands)  # and nothing listed is missing from the app
    for entry in COMMANDS:
        assert entry.parent == "" or entry.parent in paths, entry.path


@pytest.mark.parametrize("entry", COMMANDS, ids=lambda entry: entry.path)
def test_every_entry_resolves_to_a_command_whose_summary_is_its_own(entry: Entry) -> None:
    command = reachable()[entry.path]
    assert command.help.split("\n\n")[0] == entry.summary
    if entry.target is not None:
        built = build(entry)
        assert built.help.split("\n\n")[0] == entry.summary


def test_every_group_lists_its_entries_in_table_order() -> None:
    for parent in {entry.parent for entry in COMMANDS}:
        args = [*parent.split(), "--help"]
        listing = CliRunner().invoke(app, args).stdout.split("Commands:", 1)[1]
        listed = [line.split()[0] for line in listing.splitlines() if line.startswith("  ")]
        listed = [name for name in listed if not name.startswith("-")]
        assert listed == list(entries_under(parent)), parent


def _imported(*args: str) -> list[str]:
    """The command modules of msctool.cli that ``msc ARGS`` imports, in a fresh interpreter."""
    code = (
        "import json, sys\n"
        "from msctool.cli.main import main\n"
        f"sys.argv = ['msc', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "names = sorted(m for m in sys.modules if m.startswith('msctool.cli.'))\n"
        "sys.stderr.write(json.dumps(names))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    names: list[str] = json.loads(done.stderr.splitlines()[-1])
    return [name.removeprefix("msctool.cli.") for name in names if name.endswith("_cmd")]


def _modules(*, eager: bool) -> set[str]:
    return {
        entry.target.partition(":")[0]
        for entry in COMMANDS
        if entry.target is not None and entry.eager is eager
    }


def test_help_and_version_import_only_the_eager_command_modules() -> None:
    eager = _modules(eager=True)
    assert set(_imported("--help")) == eager
    assert set(_imported("--version")) == eager


def test_check_imports_no_other_command_module() -> None:
    used = set(_imported("check", "-q", "--as-of", "2026-11-27", str(DEMO)))
    assert used == _modules(eager=True) | {"check_cmd"}


def test_a_lazy_command_imports_its_own_module_only() -> None:
    used = set(_imported("changes", "--help"))
    assert used == _modules(eager=True) | {"changes_cmd"}


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["chek"], "No such command 'chek'. Did you mean 'check', 'schema'?"),
        (["decid"], "No such command 'decid'. Did you mean 'decide'?"),
        (["render", "newslettr"], "No such command 'newslettr'. Did you mean 'newsletter'?"),
        (["partner", "ad"], "No such command 'ad'. Did you mean 'add'?"),
    ],
)
def test_a_mistyped_command_gets_suggestions_among_commands_not_loaded_yet(
    args: list[str], said: str
) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {said}"
