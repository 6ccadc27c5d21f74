"""Who reads an output: partners see everything, the public never sees private fields.

This module is the one place that decides what the public may see. Private fields
are marked in the models (``json_schema_extra=PRIVATE``); :func:`for_audience`
blanks every one of them, however deep and in whatever part of the partnership, so a
public render cannot show them even if a template asks, and a private field added to
any model later is covered too. What is not a model field (retrospective agendas,
check findings, commits, history warnings) is listed in :data:`SEEN_BY`, and the
site asks :func:`shows` before it hands any of it to a template.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from typing import Any, Literal, TypeVar, cast, get_args

from pydantic import BaseModel

from msctool.model import Partnership
from msctool.model.common import PRIVATE
from msctool.model.vocabulary import Audience

M = TypeVar("M", bound=BaseModel)

Shown = Literal["retrospectives", "findings", "commits", "history-warnings", "figures-status"]
"""What an output may hold besides the partnership's fields."""
SEEN_BY: dict[Shown, tuple[Audience, ...]] = {
    "retrospectives": ("partners",),
    "findings": ("partners",),
    "commits": ("partners",),
    "history-warnings": ("partners",),
    "figures-status": ("partners",),
}
"""Who sees what: retrospective agendas hold the partners' own notes (the public
newsletter says when one is held, never what it says); ``msc check``'s findings
quote values from the files, private ones too (the public sees which rules fired,
and how often); who recorded a decision in which commit, and which records are not
committed yet, is the partners' business; and so are the oddities the decision log
found in git history, and which partner is late with its figures (`msc collect
status`, the site's Data page): a reminder between partners, not a public
ranking."""


RULES_THAT_SHOW: dict[str, Shown] = {"MSC606": "figures-status"}
"""Health rules whose findings, even counted, tell what they are about: that a
partner is late with its figures (MSC606) is left out of what others see of health."""


def shows(audience: Audience, what: Shown) -> bool:
    """Whether ``audience`` may see ``what`` (:data:`SEEN_BY`)."""
    return audience in SEEN_BY[what]


def for_audience(partnership: Partnership, audience: Audience) -> Partnership:
    """The partnership as ``audience`` may see it."""
    if audience == "partners":
        return partnership
    return cast(Partnership, _redacted(partnership))


def redact(model: M) -> M:
    """A copy of ``model`` with every private field, at any depth, set to None."""
    if not holds_private(type(model)):
        return model  # nothing to blank: no copy (50,000 observations stay cheap)
    update: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        if field.json_schema_extra == PRIVATE:
            update[name] = None
        else:
            update[name] = _redacted(getattr(model, name))
    return model.model_copy(update=update)


@cache
def holds_private(model: type[BaseModel]) -> bool:
    """Whether ``model`` has a private field, itself or in a model its fields hold."""
    return any(
        field.json_schema_extra == PRIVATE
        or any(holds_private(inner) for inner in _models_in(field.annotation))
        for field in model.model_fields.values()
    )


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes an annotation names (``list[Partner] | None`` → Partner)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _models_in(argument)


def _redacted(value: Any) -> Any:
    """``value`` with :func:`redact` applied to every model in it (in lists, tuples,
    mappings and dataclasses, at any depth); anything else as it is."""
    if isinstance(value, BaseModel):
        return redact(value)
    if isinstance(value, list | tuple):
        items = [_redacted(item) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (f.name for f in dataclasses.fields(value) if f.init)
        return dataclasses.replace(
            value, **{name: _redacted(getattr(value, name)) for name in fields}
        )
    return value
