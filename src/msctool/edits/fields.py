"""Change the fields of one entry of a list file (a metric, an activity, an ROI outcome):
set a value in place, add a missing key where the model's order puts it, remove an
optional key, or set the keys of a nested mapping (a metric's target) one by one, so
that a comment after a value stays.

The numbers people type for those fields (``9,1`` in a Dutch partnership, ``20 %``
for a share) are read here too, by the one reader of typed numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from msctool.edits.common import EditedFile
from msctool.edits.yamledit import Splice, scalar
from msctool.errors import UsageError
from msctool.findings import YamlPath
from msctool.load.numbers import NumberError, read_single
from msctool.model.vocabulary import Language, values
from msctool.suggest import did_you_mean

Typed = int | float | str
"""A number as a Python caller gives it, or as a person typed it (read in the
partnership's language)."""


class FieldChanges:
    """The changes to one entry: ``set`` values by key (a dict value is a nested mapping
    whose keys are set one by one), ``remove`` keys to take out."""

    def __init__(self, order: tuple[str, ...]) -> None:
        self.order = order
        self.set: dict[str, Any] = {}
        self.remove: list[str] = []

    def put(self, key: str, value: Any) -> None:
        """Set ``key`` to ``value`` unless ``value`` is None (not given)."""
        if value is not None:
            self.set[key] = value

    def __bool__(self) -> bool:
        return bool(self.set or self.remove)


def apply(edited: EditedFile, index: int, item: dict[str, Any], changes: FieldChanges) -> list[str]:
    """Splice ``changes`` into entry ``index`` of ``edited`` (whose data is ``item``, a
    copy the edit may change); the keys that really changed, in the model's order."""
    path: YamlPath = (edited.list_key, index)
    node = edited.doc.node(path)
    if isinstance(node, yaml.MappingNode) and node.flow_style:
        return _rewrite_flow(edited, node, item, changes)
    changed = [
        key for key, value in changes.set.items() if _set(edited, path, item, key, value, changes)
    ]
    for key in changes.remove:
        if key in item:
            edited.doc.remove_key(path, key)
            del item[key]
            changed.append(key)
    return sorted(changed, key=lambda key: _place(changes.order, key))


def _rewrite_flow(
    edited: EditedFile, node: yaml.MappingNode, item: dict[str, Any], changes: FieldChanges
) -> list[str]:
    """An entry written as one flow mapping (``- {partner: city, kind: money}``) is
    written again as one, with the changes in it: its keys keep their order, new ones
    come last."""
    before = dict(item)
    for key, value in changes.set.items():
        current = item.get(key)
        item[key] = (
            {**current, **value} if isinstance(value, dict) and isinstance(current, dict) else value
        )
    for key in changes.remove:
        item.pop(key, None)
    changed = [
        key
        for key in {*before, *item}
        if before.get(key) != item.get(key) or (key in before) != (key in item)
    ]
    if changed:
        edited.doc.splices.append(_flow(node, item))
    return sorted(changed, key=lambda key: _place(changes.order, key))


def _flow(node: yaml.MappingNode, data: dict[str, Any]) -> Splice:
    """The splice that writes flow mapping ``node`` again as ``data``, keys in its order."""
    flow = ", ".join(f"{scalar(key)}: {scalar(value)}" for key, value in data.items())
    return Splice(node.start_mark.index, node.end_mark.index, "{" + flow + "}")


def _set(
    edited: EditedFile,
    path: YamlPath,
    item: dict[str, Any],
    key: str,
    value: Any,
    changes: FieldChanges,
) -> bool:
    current = item.get(key)
    if isinstance(value, dict) and isinstance(current, dict):
        merged = {**current, **value}
        if merged == current:
            return False
        node = edited.doc.node((*path, key))
        if isinstance(node, yaml.MappingNode) and node.flow_style:
            edited.doc.splices.append(_flow(node, merged))
        elif isinstance(node, yaml.MappingNode):
            for sub, sub_value in value.items():
                if current.get(sub) != sub_value:
                    edited.doc.set_value((*path, key), sub, sub_value, after=tuple(current))
        else:
            edited.doc.set_value(path, key, merged, after=_before(changes.order, key))
        item[key] = merged
        return True
    if key in item and current == value and type(current) is type(value):
        return False
    edited.doc.set_value(path, key, value, after=_before(changes.order, key))
    item[key] = value
    return True


def _before(order: tuple[str, ...], key: str) -> tuple[str, ...]:
    """The keys that come before ``key`` in the model's order (a new key goes after them)."""
    return order[: order.index(key)] if key in order else order


def _place(order: tuple[str, ...], key: str) -> int:
    return order.index(key) if key in order else len(order)


def refuse_missing(kind: str, fields: object, required: tuple[str, ...]) -> None:
    """A :class:`UsageError` naming every field of ``required`` that ``fields`` (the
    values a new entry is made of) leaves None."""
    missing = [name for name in required if getattr(fields, name) is None]
    if missing:
        raise UsageError(
            f"a new {kind} needs {', '.join(missing)}",
            hint="give " + ", ".join("{" + name + "}" for name in missing),
            options=missing,
        )


def clearable(fields: tuple[str, ...], allowed: tuple[str, ...], kind: str) -> tuple[str, ...]:
    """``fields`` (to remove from an entry) when each is an optional field of ``kind``;
    a usage error naming the ones that are otherwise."""
    for field in fields:
        if field not in allowed:
            hint = (
                did_you_mean(field, allowed) or f"fields that can be cleared: {', '.join(allowed)}"
            )
            raise UsageError(
                f"`{field}` is not an optional field of {kind}", hint=hint, field="clear"
            )
    return tuple(dict.fromkeys(fields))


def choice(value: str | None, vocabulary: Any, field: str) -> str | None:
    """``value`` when it is a word of ``vocabulary`` (or None); a usage error otherwise."""
    allowed: tuple[str, ...] = values(vocabulary)
    if value is None or value in allowed:
        return value
    hint = did_you_mean(value, allowed) or f"use one of {', '.join(allowed)}"
    raise UsageError(f"`{value}` is not one of {', '.join(allowed)}", hint=hint, field=field)


def figure(typed: Typed | None, language: Language, field: str) -> int | float | None:
    """A number for a figure of the model: an integer when it is whole, as written
    (``40``, not ``40.0``); a usage error about ``field`` when it is no number."""
    if typed is None or isinstance(typed, bool):
        return None if typed is None else _not_a_number(str(typed), field)
    if isinstance(typed, int | float):
        return typed
    try:
        number = read_single(typed, language)
    except NumberError as exc:
        raise UsageError(exc.reason, hint=exc.hint, field=field) from None
    return _plain(number)


def share(typed: Typed | None, language: Language, field: str) -> int | float | None:
    """A share between 0 and 1, typed as a fraction (``0.2``, ``0,2``) or a percentage
    (``20%``, ``20 %``); whether it lies between 0 and 1 is the model's to say."""
    if isinstance(typed, str) and typed.strip().endswith("%"):
        percent = figure(typed.strip().removesuffix("%").strip(), language, field)
        assert percent is not None
        return _plain(Decimal(str(percent)) / 100)
    return figure(typed, language, field)


def whole(typed: Typed | None, language: Language, field: str) -> int | None:
    """A whole number (a number of years); a usage error otherwise."""
    number = figure(typed, language, field)
    if number is None or isinstance(number, int):
        return number
    if number == int(number):
        return int(number)
    raise UsageError(f"`{typed}` is not a whole number", field=field)


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def _not_a_number(text: str, field: str) -> Any:
    raise UsageError(f"`{text}` is not a number", field=field)


def point(
    value: int | float | None, day: Any, note: str | None, *, field: str, date_field: str
) -> dict[str, Any] | None:
    """A baseline or target (``{value, date, note}``) from its parts; None when no value
    is given; a usage error when a value comes without its date."""
    if value is None:
        if day is not None or note is not None:
            raise UsageError(
                "a date or note without the value it belongs to",
                hint="give {" + field + "} as well",
                options=(field,),
                field=field,
            )
        return None
    if day is None:
        raise UsageError(
            "a value needs the day it holds for",
            hint="give {" + date_field + "} (YYYY-MM-DD)",
            options=(date_field,),
            field=field,
        )
    found: dict[str, Any] = {"value": value, "date": day}
    if note is not None:
        found["note"] = note
    return found


def changes_of(
    values: dict[str, Any], clear: tuple[str, ...], order: tuple[str, ...]
) -> FieldChanges:
    """The changes an edit command asks for: ``values`` to set (None: not given) and
    ``clear`` keys to take out; a usage error when a key is both, or nothing is asked."""
    changes = FieldChanges(order)
    for key, value in values.items():
        if value is not None and key in clear:
            raise UsageError(f"`{key}` is both given and cleared", field="clear")
        changes.put(key, value)
    changes.remove.extend(clear)
    if not changes:
        raise UsageError(
            "say what to change",
            hint="give a field to change (the command's help lists them), or {clear} an optional one",
            options=("clear",),
        )
    return changes
