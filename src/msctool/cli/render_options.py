"""Options every render command shares, so they mean the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msctool.cli.options import day_or_today, pick_dir
from msctool.model.vocabulary import Audience, Language

if TYPE_CHECKING:
    from msctool.render.setup import Setup


LanguageOption = Annotated[
    Language | None,
    typer.Option(
        "--language",
        help="Language of the output. Default: the partnership's.",
        case_sensitive=False,
    ),
]
AudienceOption = Annotated[
    Audience,
    typer.Option(
        "--audience",
        help="Who reads it: partners see everything; public output never holds private fields.",
    ),
]


def render_setup(
    dir_option: Path | None,
    language: Language | None,
    audience: Audience = "partners",
    as_of: str | None = None,
) -> Setup:
    """The partnership a render command works on, prepared from its shared options."""
    from msctool.render.setup import prepare

    return prepare(
        pick_dir(dir_option),
        language=language,
        audience=audience,
        as_of=day_or_today(as_of),
    )
