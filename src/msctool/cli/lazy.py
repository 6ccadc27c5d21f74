"""Commands imported only when they run, so ``msc check`` in a pre-commit hook
does not pay for the modules of every other command.

``msc --help`` lists them from the one-line summaries below (a test keeps each
equal to the command's own help), so it does not import them either.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:  # typer 0.29 carries its own click
    from typer._click.core import Command, Context
    from typer._click.formatting import HelpFormatter


class Lazy(NamedTuple):
    module: str
    """A module of ``msctool.cli`` with ``register(app)``."""
    summary: str
    """The first paragraph of the command's help, which ``msc --help`` shortens."""


LAZY: dict[str, Lazy] = {
    "decide": Lazy(
        "decide_cmd", "Record a decision in decisions/NNNN-title.md and commit just that file."
    ),
    "log": Lazy(
        "log_cmd",
        "Show the decision log read back from git: every decision with its date, body, rule,\n"
        "status, who committed it and the commit.",
    ),
    "changes": Lazy(
        "changes_cmd",
        "Show what changed in the partnership between two points of its git history.",
    ),
    "trailers": Lazy(
        "decide_cmd",
        "Check the decision trailers of a commit message (the msc-trailers commit-msg hook).",
    ),
    "partner": Lazy(
        "partner_cmd",
        "Add a partner to partners.yaml, or record that one left. Comments and layout stay.",
    ),
    "activity": Lazy(
        "activity_cmd", "Add an activity to the RACI in activities.yaml, or change who does what."
    ),
    "metric": Lazy(
        "metric_cmd",
        "Add observations of metrics to data/*.csv: one by hand, or a spreadsheet's rows.",
    ),
    "engage": Lazy(
        "engage_cmd",
        "Record what the people you serve told you, and what changed, in engagement.yaml.",
    ),
    "serve": Lazy(
        "serve_cmd",
        "Build the dashboard site and serve it on 127.0.0.1, rebuilding when a file changes.",
    ),
}
ORDER = (
    "check", "rules", "init", "schema", "render", "scorecard", "retro", "templates",
    "decide", "log", "changes", "trailers", "partner", "activity", "metric", "engage", "serve",
)  # fmt: skip
"""How ``msc --help`` lists the commands: checking, rendering, history, editing."""


class LazyGroup(TyperGroup):
    """The ``msc`` group: the commands above are loaded on first use."""

    def list_commands(self, ctx: Context) -> list[str]:
        known = [*super().list_commands(ctx), *LAZY]
        return sorted(dict.fromkeys(known), key=_rank)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in LAZY:
            command = load(cmd_name)
            self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list, with the summaries of commands not loaded yet."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, self._short_help(ctx, name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _short_help(self, ctx: Context, name: str, limit: int) -> str:
        if name in self.commands or name not in LAZY:
            command = self.get_command(ctx, name)
            return command.get_short_help_str(limit) if command else ""
        return TyperCommand(name, help=LAZY[name].summary).get_short_help_str(limit)


def load(name: str) -> Command:
    """Import the module of lazy command ``name`` and build its command, formatted
    like every other (plain help, no completion)."""
    module = importlib.import_module(f"msctool.cli.{LAZY[name].module}")
    holder = typer.Typer(
        rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False
    )
    module.register(holder)
    return typer.main.get_group(holder).commands[name]


def _rank(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER)
