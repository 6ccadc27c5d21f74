"""``msc decide``: record a decision and commit it with trailers; ``msc decide
accept|reject|withdraw N``: change a record's status; ``msc trailers``: check the
decision trailers of a commit message (the commit-msg hook).

``msc decide`` is a group whose default command is ``record``: ``msc decide TITLE``
is ``msc decide record TITLE``, so the short form everybody types keeps working
next to the verbs that change a record later (:class:`DecideGroup`).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup

from msctool.cli.edit_output import PlanFor, day_option, edit_command
from msctool.cli.options import DirOption, QuietOption, day_or_today, pick_dir, today
from msctool.errors import UsageError
from msctool.model.vocabulary import DecisionRule, NewDecisionStatus, spoken

if TYPE_CHECKING:
    from typer._click.core import Context

    from msctool.edits.decide import Prepared, Recorded

DEFAULT = "record"
"""The command ``msc decide`` runs when its first word names no other one."""


class DecideGroup(TyperGroup):
    """``msc decide``: a group that runs :data:`DEFAULT` when the first argument is not
    one of its commands (a title, or an option of ``record``)."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is not None and first not in self.commands and first not in _HELP:
            args = [DEFAULT, *args]
        return super().parse_args(ctx, args)


_HELP = ("-h", "--help")

decide_app = typer.Typer(
    cls=DecideGroup,
    help="Record a decision in decisions/NNNN-title.md and commit it; accept, reject or "
    "withdraw one later.\n\n"
    "`msc decide TITLE ...` is short for `msc decide record TITLE ...`.",
    no_args_is_help=True,
)


class DecideFormat(StrEnum):
    text = "text"
    json = "json"


@decide_app.command(DEFAULT)
def decide(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What was decided, in one line.")],
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            metavar="ID",
            help="Governance body that decides; its decision rule is recorded. "
            "Default: the only body, when there is one.",
            show_default=False,
        ),
    ] = None,
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            metavar="RULE",
            help=f"Decision rule used, when not the body's own: {spoken(DecisionRule)}.",
            show_default=False,
        ),
    ] = None,
    supersedes: Annotated[
        list[int] | None,
        typer.Option(
            "--supersedes",
            metavar="NNNN",
            help="Number of a decision this one replaces (repeatable).",
            show_default=False,
        ),
    ] = None,
    consulted: Annotated[
        list[str] | None,
        typer.Option(
            "--consulted",
            metavar="ID",
            help="Partner or governance body consulted before deciding (repeatable, or "
            "comma-separated).",
            show_default=False,
        ),
    ] = None,
    informed: Annotated[
        list[str] | None,
        typer.Option(
            "--informed",
            metavar="ID",
            help="Partner or governance body informed afterwards (repeatable, or comma-separated).",
            show_default=False,
        ),
    ] = None,
    affects: Annotated[
        list[str] | None,
        typer.Option(
            "--affects",
            metavar="ID",
            help="Activity, metric or partner the decision affects (repeatable, or "
            "comma-separated).",
            show_default=False,
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="Day of the decision (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        NewDecisionStatus,
        typer.Option(
            "--status",
            help="proposed (not decided yet), accepted or rejected.",
        ),
    ] = "proposed",
    message: Annotated[
        str | None,
        typer.Option(
            "-m",
            "--message",
            metavar="TEXT",
            help="The record's text (Markdown). Without `## ` headings it goes under "
            "the Decision heading.",
            show_default=False,
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit",
            help="Write the text in your editor ($VISUAL, $EDITOR or git's editor), "
            "starting from the Context/Decision/Consequences skeleton; empty text aborts.",
        ),
    ] = False,
    no_commit: Annotated[
        bool,
        typer.Option(
            "--no-commit", help="Write the record only; do not commit it (no git needed)."
        ),
    ] = False,
    output_format: Annotated[
        DecideFormat, typer.Option("--format", help="Output format.")
    ] = DecideFormat.text,
    dir_option: DirOption = None,
    quiet: QuietOption = False,
) -> None:
    """Record a decision in decisions/NNNN-title.md and commit just that file.

    The commit has trailers (Decision, Decision-Status, Decided-By, Supersedes,
    Consulted, Informed) that `msc log` reads. Ids are checked first; other
    staged or changed files are never part of the commit.
    """
    from msctool.edits.decide import DecisionRequest, record_decision

    if message is not None and edit:
        raise UsageError("give the text once: either --message or --edit")
    request = DecisionRequest(
        title=title,
        body=body,
        rule=rule,
        status=status,
        day=day_or_today(day, "--date"),
        supersedes=tuple(supersedes or ()),
        consulted=_split(consulted),
        informed=_split(informed),
        affects=_split(affects),
        text=message,
    )
    editor = _editor if edit else None
    result = record_decision(
        pick_dir(dir_option), request, commit=not no_commit, edit=editor, as_of=today()
    )
    _report(result, output_format, quiet)


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(
        part.strip() for value in values or () for part in value.split(",") if part.strip()
    )


def _editor(prepared: Prepared) -> str:
    from msctool.edits.decisiontext import edit_text, editor_command, skeleton

    text = skeleton(prepared.meta.title, prepared.language)
    return edit_text(text, editor_command(prepared.root))


def _report(result: Recorded, output_format: DecideFormat, quiet: bool) -> None:
    for note in result.notes:
        sys.stderr.write(f"msc: note: {note}\n")
    if output_format is DecideFormat.json:
        data = {
            "id": result.meta.id,
            "file": result.rel,
            "path": str(result.path),
            "status": result.meta.status,
            "body": result.meta.body,
            "rule": result.meta.rule,
            "commit": result.commit,
            "trailers": [{"key": k, "value": v} for k, v in result.trailers()],
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return
    if quiet:
        return
    lines = [f"wrote {result.rel} (decision {result.meta.id:04d}, {result.meta.status})"]
    if result.commit:
        lines.append(f"committed {result.commit[:12]} with only that file")
    else:
        lines.append("not committed (--no-commit)")
    if result.meta.status == "proposed":
        lines.append(
            f"  hint: once the body has decided, run `msc decide accept {result.meta.id}` "
            "(or reject, or withdraw)"
        )
    sys.stdout.write("".join(line + "\n" for line in lines))


Number = Annotated[
    int,
    typer.Argument(metavar="N", help="The decision's number, e.g. 7 for decisions/0007-....md."),
]
DecidedOn = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help="Day the body decided (YYYY-MM-DD), written as the record's date. Default: today.",
        show_default=False,
    ),
]


def _status_plan(number: int, status: str, day: str | None) -> PlanFor:
    from msctool.edits.decisionstatus import StatusChange, change_status

    decided = None if status == "withdrawn" else day_option(day, "--date")
    change = StatusChange(number, status, decided)
    return lambda root: change_status(root, change)


@edit_command(decide_app, "accept")
def accept_command(number: Number, day: DecidedOn = None) -> PlanFor:
    """Accept a proposed decision: its record says `status: accepted` and the day.

    The decisions it supersedes (`supersedes:` in its record) are marked
    `status: superseded` in their own records, in the same change. With
    --commit, the commit carries the trailers `msc log` reads.
    """
    return _status_plan(number, "accepted", day)


@edit_command(decide_app, "reject")
def reject_command(number: Number, day: DecidedOn = None) -> PlanFor:
    """Reject a proposed decision: its record says `status: rejected` and the day.

    The record stays, so the log keeps what was proposed and why it was not taken.
    """
    return _status_plan(number, "rejected", day)


@edit_command(decide_app, "withdraw")
def withdraw_command(number: Number) -> PlanFor:
    """Withdraw a proposed or accepted decision: its record says `status: withdrawn`.

    The record stays (its number is never given out again); the day it was
    decided is kept.
    """
    return _status_plan(number, "withdrawn", None)


def trailers(
    message_file: Annotated[
        Path,
        typer.Argument(
            metavar="MSGFILE",
            help="The commit message file (git passes .git/COMMIT_EDITMSG to the hook).",
        ),
    ],
    dir_option: DirOption = None,
    quiet: QuietOption = False,
) -> None:
    """Check the decision trailers of a commit message (the msc-trailers commit-msg hook).

    Decision and Supersedes must name records in decisions/, Decided-By a
    governance body, Consulted/Informed partners, Decision-Status a status.
    Exit 0 when they do (or when there are none), 1 when not.
    """
    from msctool.cli.output import shown
    from msctool.history.trailers import check_file

    problems, note = check_file(message_file, dir_option)
    if note and not quiet:
        sys.stderr.write(f"msc: note: {note}\n")
    if problems:
        from msctool.history.trailers import format_problems

        sys.stderr.write(format_problems(problems, shown(message_file)))
        raise typer.Exit(1)
