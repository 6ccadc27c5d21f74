"""Options every render command shares, so they mean the same everywhere."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


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
