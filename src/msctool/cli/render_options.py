"""Options every render command shares, so they mean the same everywhere."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msctool.cli.options import day_or_today, pick_dir

if TYPE_CHECKING:
    from msctool.render.setup import Setup


class AudienceChoice(StrEnum):
    partners = "partners"
    public = "public"


class LanguageChoice(StrEnum):
    nl = "nl"
    en = "en"


LanguageOption = Annotated[
    LanguageChoice | None,
    typer.Option(
        "--language",
        help="Language of the output. Default: the partnership's.",
        case_sensitive=False,
    ),
]
AudienceOption = Annotated[
    AudienceChoice,
    typer.Option(
        "--audience",
        help="Who reads it: partners see everything; public output never holds private fields.",
    ),
]


def chosen_language(choice: LanguageChoice | None) -> str | None:
    """``--language`` as the library takes it; None means the partnership's own."""
    return choice.value if choice is not None else None


def render_setup(
    dir_option: Path | None,
    language: LanguageChoice | None,
    audience: AudienceChoice = AudienceChoice.partners,
    as_of: str | None = None,
) -> Setup:
    """The partnership a render command works on, prepared from its shared options."""
    from msctool.render.setup import prepare

    return prepare(
        pick_dir(dir_option),
        language=chosen_language(language),
        audience=audience.value,
        as_of=day_or_today(as_of),
    )
