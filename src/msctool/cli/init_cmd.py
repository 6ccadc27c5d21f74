"""``msc init``: start a new partnership that passes ``msc check`` from the first second."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.errors import handled
from msctool.cli.options import DebugOption, DirOption, ForceOption, QuietOption, pick_dir


def init(
    directory: Annotated[
        Path | None, typer.Argument(metavar="DIR", help="Folder to create.", show_default=False)
    ] = None,
    dir_option: DirOption = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name of the partnership. Default: the folder name."),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="Language of the starter text: nl or en. Default: en, or with --force the "
            "language of the partnership already there.",
            metavar="LANG",
        ),
    ] = None,
    no_git: Annotated[
        bool, typer.Option("--no-git", help="Do not run git init or commit.")
    ] = False,
    force: ForceOption = False,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Create a small, complete partnership: YAML files, git repository, CI workflow, pre-commit.

    Refuses a non-empty folder; with --force it only adds missing files.
    """
    with handled(debug):
        from msctool.errors import UsageError
        from msctool.scaffold import existing_language, init_partnership

        if language not in (None, "nl", "en"):
            raise UsageError(f"--language: `{language}` is not supported", hint="use nl or en")
        target = pick_dir(dir_option, directory)
        chosen = language or (existing_language(target) if force else None) or "en"
        result = init_partnership(
            target,
            name=name or target.resolve().name,
            language="nl" if chosen == "nl" else "en",
            today=date.today(),
            force=force,
            git=not no_git,
        )
        if quiet:
            return
        count = len(result.written)
        typer.echo(f"Created a partnership in {target} ({count} file{'s' * (count != 1)}).")
        for path in result.skipped:
            typer.echo(f"  kept existing {path}")
        for note in result.notes:
            typer.echo(note)
        typer.echo(f"Next: cd {target} && msc check")
