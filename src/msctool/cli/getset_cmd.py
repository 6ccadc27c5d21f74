"""``msc get`` and ``msc set``: read or change any value by its path over the model."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated, Any

import typer

from msctool.cli.edit_output import PlanFor, edit_function, root_of
from msctool.cli.options import DirOption
from msctool.model.vocabulary import ValueFormat

PATH_HELP = (
    "Where the value is: KIND:ID.field (`partner:ggd.website`, `metric:vsv.target.value`) "
    "or FILE.field (`partnership.name`); `.0` is the first item of a list."
)
PathArgument = Annotated[str, typer.Argument(metavar="PATH", help=PATH_HELP, show_default=False)]


def get(
    path: PathArgument,
    output_format: Annotated[
        ValueFormat,
        typer.Option("--format", help="text: the value (YAML for a group); json: JSON."),
    ] = "text",
    dir_option: DirOption = None,
) -> None:
    """Print one value of the partnership by its path, as its file holds it.

    A field that is not written prints the model's default (nothing when it has none).
    """
    from msctool.edits.paths import get_value

    got = get_value(root_of(dir_option), path)
    if output_format == "json":
        sys.stdout.write(json.dumps(got.value, ensure_ascii=False, default=_plain) + "\n")
    elif got.value is not None:
        sys.stdout.write(as_text(got.value))


def as_text(value: Any) -> str:
    """A value as a line of text; a list or a group as YAML lines."""
    if isinstance(value, bool):
        return "true\n" if value else "false\n"
    if isinstance(value, dict | list):
        import yaml

        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=4096)
    return f"{_plain(value)}\n"


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else str(value)


def _set(
    path: PathArgument,
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="VALUE",
            help="The new value: a number, a date (YYYY-MM-DD), a word, text, or a list as `a, b`.",
            show_default=False,
        ),
    ] = None,
    unset: Annotated[
        bool, typer.Option("--unset", help="Remove the field instead of setting it.")
    ] = False,
) -> PlanFor:
    """Change one value of the partnership by its path; the result must pass msc check.

    The value is typed by the field it goes to: a number in the partnership's
    language, a date, one of the field's words, a list. Every other line of the
    file stays as it was.
    """
    from msctool.edits.setvalue import set_value
    from msctool.errors import UsageError

    if (value is None) == (not unset):
        raise UsageError("give a VALUE, or --unset to remove the field (not both)")
    return lambda root: set_value(root, path, value)


set_command = edit_function(_set)
"""``msc set``: :func:`_set` with the options every edit has."""
