"""``msc init``: start a new partnership that passes ``msc check`` from the first second."""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msctool.cli.options import QuietOption, day_or_today, pick_dir
from msctool.model.vocabulary import Language

if TYPE_CHECKING:  # the scaffold imports Jinja and git helpers: only when init runs
    from msctool.edits.scaffold import InitResult
    from msctool.model.partners import Partner


def init(
    directory: Annotated[
        Path | None, typer.Argument(metavar="DIR", help="Folder to create.", show_default=False)
    ] = None,
    dir_option: Annotated[
        Path | None,
        typer.Option(
            "-C",
            "--dir",
            help="Folder to create the partnership in. Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name of the partnership. Default: the folder name."),
    ] = None,
    language: Annotated[
        Language | None,
        typer.Option(
            "--language",
            help="Language of the starter text. Default: en, or with --force the "
            "language of the partnership already there.",
            show_default=False,
        ),
    ] = None,
    no_git: Annotated[
        bool, typer.Option("--no-git", help="Do not run git init or commit.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="In a non-empty folder, add only the files that are missing; never overwrites.",
        ),
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="The day the partnership started (YYYY-MM-DD), for the starter files' "
            "dates: joined, start, reaffirmed, the first decision. Default: today.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    partners: Annotated[
        Path | None,
        typer.Option(
            "--partners",
            help="Start from your own partner list (.csv or .xlsx) instead of the three "
            "examples; the header names name and sector (naam, sector), and may name id, "
            "joined, website, representative, role, email, phone, notes.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The workbook's sheet with the list. Default: the first.",
            metavar="NAME",
        ),
    ] = None,
    backbone: Annotated[
        str | None,
        typer.Option(
            "--backbone",
            help="Id of the listed partner that is the backbone organisation. "
            "Default: the first in the list.",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Create a small, complete partnership: YAML files, git repository, CI workflow, pre-commit.

    Refuses a non-empty folder; with --force it only adds missing files. With
    --partners the starter files name your partners instead of the examples.
    """
    from msctool.edits.scaffold import init_partnership

    target = pick_dir(dir_option, directory)
    day = day_or_today(start, "--date")
    listed = _listed(partners, sheet, day) if partners is not None else None
    with _adding(target, force):
        result = init_partnership(
            target,
            name=name,
            language=language,
            force=force,
            git=not no_git,
            today=day,
            partners=listed,
            backbone=backbone,
        )
    if not quiet:
        typer.echo("\n".join(summary(target, result)))


def _listed(path: Path, sheet: str | None, day: date) -> list[Partner]:
    from msctool.edits.partnerlist import read_partner_list

    return read_partner_list(path, joined=day, sheet=sheet)


def _adding(target: Path, force: bool) -> AbstractContextManager[None]:
    """With --force, init adds files to what may be a partnership in use: hold its lock
    (a folder that holds no partnership yet has no lock to take)."""
    from msctool.load.root import ROOT_FILE

    if not force or not (target / ROOT_FILE).is_file():
        return contextlib.nullcontext()
    from msctool.edits.lock import hold

    return hold(target)


def summary(target: Path, result: InitResult) -> list[str]:
    """What init did, in a few lines: a fresh start, or the files --force added."""
    added = len(result.written)
    if result.skipped:
        kept = len(result.skipped)
        lines = [
            f"Added {_count(added, 'missing file')} to {target}; "
            f"kept {_count(kept, 'existing file')}.",
            *(f"  added {path.as_posix()}" for path in result.written),
        ]
    else:
        lines = [f"Created a partnership in {target} ({_count(added, 'file')})."]
    return [*lines, *result.notes, f"Next: cd {target} && msc check"]


def _count(number: int, noun: str) -> str:
    if number == 0:
        return f"no {noun}s"
    return f"{number} {noun}{'s' * (number != 1)}"
