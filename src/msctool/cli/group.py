"""The ``msc`` group and the ``msc render`` group, made from the command table.

- Commands come from :data:`msctool.cli.commands.COMMANDS`: a command's module is
  imported when the command runs (or with the app, for an eager one), so
  ``msc check`` in a pre-commit hook does not pay for every other command, and
  ``msc --help`` lists them from the table's summaries without importing them.
- Every command runs inside the one error handler (:func:`msctool.cli.errors.guard`),
  while its own context is alive, so a library error's ``field`` becomes the
  running command's flag.
- ``--debug`` is an option of ``msc`` itself (``msc --debug check``); it is also
  taken anywhere after the command name (``msc check --debug``), up to ``--``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from msctool.cli.commands import COMMANDS, Entry, entries_under
from msctool.cli.errors import DEBUG, guard

if TYPE_CHECKING:  # typer 0.29 carries its own click
    from typer._click.core import Command, Context
    from typer._click.formatting import HelpFormatter

DEBUG_FLAG = "--debug"


class MscGroup(TyperGroup):
    """A group whose commands are the table's entries under it, built on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in self.commands.values():
            guard(command)

    def add_command(self, cmd: Command, name: str | None = None) -> None:
        guard(cmd)
        super().add_command(cmd, name)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """``msc``'s own options; ``--debug`` is taken out wherever it stands, before
        or after the command name, and kept for the error handler."""
        if ctx.parent is None:
            args, ctx.meta[DEBUG] = _without_debug(args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Context) -> list[str]:
        return list(dict.fromkeys([*entries_under(_path(ctx)), *super().list_commands(ctx)]))

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = super().get_command(ctx, cmd_name)
        entry = entries_under(_path(ctx)).get(cmd_name)
        if command is None and entry is not None:
            command = build(entry)
            self.add_command(command, cmd_name)
        return command

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """As typer's, with "did you mean" suggestions among every command of the
        table, loaded or not."""
        from difflib import get_close_matches

        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches and "Did you mean" not in error.message:
                suggestions = ", ".join(repr(match) for match in matches)
                error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The command list, from the table's summaries (no module is imported)."""
        from typer._click.utils import make_default_short_help

        table = entries_under(_path(ctx))
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            if name in table:
                rows.append((name, make_default_short_help(table[name].summary, limit)))
            elif (command := self.get_command(ctx, name)) is not None:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def build(entry: Entry) -> Command:
    """The click command of ``entry``, formatted like every other (plain help, no
    completion): its module is imported now."""
    holder = typer.Typer(
        rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False
    )
    target = _target(entry)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=entry.name)
    else:
        holder.command(entry.name)(target)
    return typer.main.get_group(holder).commands[entry.name]


def _target(entry: Entry) -> Any:
    """The function or ``typer.Typer`` an entry names; a new group for a group entry."""
    if entry.target is None:
        return typer.Typer(cls=MscGroup, help=entry.summary, no_args_is_help=True)
    module, _, name = entry.target.partition(":")
    return getattr(importlib.import_module(f"msctool.cli.{module}"), name)


def import_eager() -> None:
    """Import the modules of the eager entries (as the app is imported)."""
    for entry in COMMANDS:
        if entry.eager and entry.target is not None:
            importlib.import_module(f"msctool.cli.{entry.target.partition(':')[0]}")


def _path(ctx: Context) -> str:
    """The words of the command ``ctx`` belongs to, after ``msc`` (``""`` for ``msc``)."""
    words = []
    while ctx.parent is not None:
        words.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(words))


def _without_debug(args: list[str]) -> tuple[list[str], bool]:
    """``args`` without ``--debug`` (up to ``--``, after which it is an argument),
    and whether it was there."""
    end = args.index("--") if "--" in args else len(args)
    kept = [arg for arg in args[:end] if arg != DEBUG_FLAG]
    return [*kept, *args[end:]], len(kept) < end
