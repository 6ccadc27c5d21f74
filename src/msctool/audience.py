"""Who reads an output: partners see everything, the public never sees private fields.

Private fields are marked in the models (``json_schema_extra=PRIVATE``);
:func:`for_audience` blanks every one of them, however deep, so a public
render cannot show them even if a template asks.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from msctool.model import Partnership
from msctool.model.common import PRIVATE

Audience = Literal["partners", "public"]
M = TypeVar("M", bound=BaseModel)


def for_audience(partnership: Partnership, audience: Audience) -> Partnership:
    """The partnership as ``audience`` may see it."""
    if audience == "partners":
        return partnership
    return dataclasses.replace(
        partnership,
        meta=redact(partnership.meta),
        partners=tuple(redact(p) for p in partnership.partners),
        activities=tuple(redact(a) for a in partnership.activities),
        metrics=tuple(redact(m) for m in partnership.metrics),
        engagements=tuple(redact(e) for e in partnership.engagements),
        roi=redact(partnership.roi) if partnership.roi is not None else None,
    )


def redact(model: M) -> M:
    """A copy of ``model`` with every private field, at any depth, set to None."""
    update: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if field.json_schema_extra == PRIVATE:
            update[name] = None
        elif isinstance(value, BaseModel):
            update[name] = redact(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            update[name] = [redact(item) for item in value]
    return model.model_copy(update=update)
