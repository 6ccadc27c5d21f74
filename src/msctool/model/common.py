"""Types shared by every file of a partnership folder."""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from msctool.model.ids import ID_PATTERN, MAX_ID

TEMPLATE_KEY = "template"
"""Dataclass field metadata key: ``field(metadata={TEMPLATE_KEY: False})`` keeps a
field (such as the partnership's folder) out of every template
(:mod:`msctool.render.templatedata` reads it)."""
NOT_IN_TEMPLATES: types.MappingProxyType[str, bool] = types.MappingProxyType({TEMPLATE_KEY: False})

FORMAT_VERSION = 1
"""The folder format this version of msc reads and writes."""

FormatVersion = Literal[1]
"""Every file says which format it follows, so later versions can migrate it."""

Slug = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=MAX_ID),
    Field(description="A short id: lower-case letters, digits and dashes, e.g. `youth-desk`."),
]
"""An id: safe as part of a file name, never a path."""


@dataclass(frozen=True)
class RefersTo:
    """Marks an id field that names an entry defined elsewhere (``kinds``: a partner, or
    one of several kinds): edits that change an id (``msc partner rename``) find every
    place that refers to it from these marks, not from a list of fields."""

    kinds: tuple[str, ...]


PartnerRef = Annotated[Slug, RefersTo(("partner",))]
"""The id of a partner, written in another entry (a RACI role, a body's members ...)."""

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

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_are_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        """A number field takes a YAML number, never text or yes/no.

        Pydantic would read ``"210.000"`` as 210 and ``true`` as 1, past the one reader
        of typed numbers: YAML numbers have one spelling (a decimal point, and
        ``MSC006`` where a point could separate thousands), so a quoted figure is
        refused in every field and language rather than read by a second rule.
        """
        kind = number_kind(cls, info.field_name) if info.field_name else None
        if kind is not None:
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str | bool):
                    raise PydanticCustomError(kind, "expected a number")
        return value


@cache
def number_kind(model: type[BaseModel], name: str) -> str | None:
    """``int_type`` or ``float_type`` when field ``name`` of ``model`` holds numbers
    (alone, optional or in a list), else None."""
    field = model.model_fields.get(name)
    return None if field is None else _kind(field.annotation)


def _kind(annotation: Any) -> str | None:
    origin = get_origin(annotation)
    if origin is Annotated or origin is list:
        return _kind(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        kinds = sorted(kind for arg in get_args(annotation) if (kind := _kind(arg)))
        return kinds[0] if kinds else None
    if annotation is int or (
        origin is Literal and all(type(arg) is int for arg in get_args(annotation))
    ):
        return "int_type"  # Literal[1]: a format version takes `true` as 1
    if annotation is float or annotation is Decimal:
        return "float_type"
    return None
