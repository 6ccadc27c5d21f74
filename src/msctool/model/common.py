"""Types shared by every file of a partnership folder."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FORMAT_VERSION = 1
"""The folder format this version of msc reads and writes."""

FormatVersion = Literal[1]
"""Every file says which format it follows, so later versions can migrate it."""

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=64),
    Field(description="A short id: lower-case letters, digits and dashes, e.g. `youth-desk`."),
]
"""An id: safe as part of a file name, never a path."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
"""No line breaks or control characters: names end up in e-mail headers and titles. A
line break is any that :meth:`str.splitlines` knows (U+0085, U+2028, U+2029 too)."""
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=ONE_LINE),
]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#(?:[0-9a-fA-F]{3}){1,2}$"),
    Field(description="A CSS hex colour such as `#0b5fff`."),
]
Fraction = Annotated[float, Field(ge=0, le=1, description="A share between 0 and 1.")]
MAX_FIGURE = 1e15
"""The largest figure msc reads (a thousand trillion): anything larger is a typing
mistake, and products of such figures would overflow into infinity."""
MAX_PEOPLE = 10_000_000_000
"""More people than live on earth is a typing mistake."""
FIGURE_HINT = "figures go up to 1,000,000,000,000,000; check for a typing mistake"
Figure = Annotated[float, Field(ge=-MAX_FIGURE, le=MAX_FIGURE)]
NonNegative = Annotated[float, Field(ge=0, le=MAX_FIGURE)]

PRIVATE: dict[str, Any] = {"x-msc-private": True}
"""Marks a field whose content never reaches public outputs."""


def ordered(first: date | None, then: date | None, message: str) -> None:
    """Raise a readable error when ``then`` comes before ``first``."""
    if first is not None and then is not None and then < first:
        raise ValueError(message)


def private(description: str) -> Any:
    """A field that is private: shown to partners, never in public outputs."""
    return Field(default=None, description=description, json_schema_extra=PRIVATE)


class Strict(BaseModel):
    """Base of every model: unknown keys are errors; models are immutable once loaded."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        populate_by_name=False,
        allow_inf_nan=False,
    )
