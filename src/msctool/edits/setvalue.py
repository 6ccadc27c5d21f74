"""``msc set``: change one value of a partnership by its path (:mod:`msctool.edits.paths`).

The value is typed by the field the model gives it (a number in the partnership's
language, a date, yes/no, a vocabulary's word, a list as ``a, b``), spliced into the
file where the model puts the key, and the edited partnership must pass ``msc check``
like every edit before anything is written.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin

from msctool.edits.paths import (
    MISSING,
    RECORDS,
    Address,
    Part,
    address,
    either,
    field_type,
    index_of,
    is_model,
    near_matches,
    options_of,
    shown,
    step,
    strip_annotated,
    value_at,
)
from msctool.errors import UsageError, UserError
from msctool.load.numbers import NumberError, read_single
from msctool.model.vocabulary import Language

if TYPE_CHECKING:
    from msctool.edits.common import EditedFile
    from msctool.edits.saving import EditPlan

_TRUE = frozenset({"true", "yes", "ja", "on"})
_FALSE = frozenset({"false", "no", "nee", "off"})


def set_value(root: Path, text: str, value: str | None) -> EditPlan:
    """The plan that sets the value at path ``text`` to ``value`` (typed by the field it
    goes to; None removes the field)."""
    from msctool.edits.common import EditedFile
    from msctool.edits.saving import EditPlan

    addr = address(text)
    target = field_type(addr)
    if addr.kind is not None and addr.kind.rel == RECORDS:
        raise UsageError(
            f"`msc set` does not change decision records ({addr.text})",
            hint="a decision's status changes through `msc decide` (accept, reject, "
            "withdraw), so that `msc log` reads it from history",
            field="path",
        )
    _refuse_unsettable(addr, target)
    plan = EditPlan(root, subjects={addr.entry} if addr.entry else set())
    new = None if value is None else typed(target, value, plan.language)
    edited = EditedFile(root, addr.rel, _list_key(addr))
    base: tuple[Part, ...] = ()
    if addr.kind is not None:
        if len(addr.kind.path) == 1:
            index, _ = edited.entry(addr.kind.name, addr.entry or "")
        else:
            index = index_of(edited.before, addr)
        base = (*addr.kind.path, index)
    full = (*base, *addr.fields)
    _refuse_new_places(edited.before, addr)
    before = value_at(edited.before, full)
    if value is None and before is MISSING:
        raise UserError(f"{text} is not written in {addr.rel}; there is nothing to remove")
    edited.expected = _assigned(edited.expected, full, new, remove=value is None)
    _splice(edited, addr, full, new)
    if value is None:
        plan.say("value_removed", path=addr.text)
    elif is_private(addr):
        plan.say("value_changed", path=addr.text)  # a private value stays out of history
    else:
        plan.say("value_set", path=addr.text, value=_spoken(new))
    plan.texts[addr.rel] = edited.text()
    return plan


def _refuse_new_places(data: Any, addr: Address) -> None:
    """A place in a list (``.3``) must be there: ``msc set`` changes items, it does not
    add them (a list of values is set whole: ``a, b, c``)."""
    value = value_at(data, (*addr.kind.path, index_of(data, addr)) if addr.kind else ())
    for place, part in enumerate(addr.fields):
        if isinstance(part, int) and not (isinstance(value, list) and part < len(value)):
            count = len(value) if isinstance(value, list) else 0
            raise UserError(
                f"{shown(addr, place)} has no item {part} (it has {count})",
                hint="msc set changes an item that is there; set a list of values whole "
                "(`a, b, c`), or add an entry with its own command",
                field="path",
            )
        value = step(value, part)
        if value is MISSING:
            return


def _list_key(addr: Address) -> str:
    """The top-level key :class:`EditedFile` focuses on (the entry's list when it is one)."""
    if addr.kind is not None:
        return addr.kind.path[0]
    return str(addr.fields[0]) if addr.fields else ""


def _refuse_unsettable(addr: Address, target: Any) -> None:
    if not addr.fields:
        raise UsageError(
            f"`{addr.text}` is a whole {addr.kind.name if addr.kind else 'file'}; "
            "name one of its fields",
            hint=f"e.g. `{addr.text}.{next(iter(addr.model.model_fields))}`",
            field="path",
        )
    if addr.kind is not None and addr.fields == ("id",):
        hint = (
            "use `msc partner rename OLD NEW`, which changes every reference too"
            if addr.kind.name == "partner"
            else f"other files refer to a {addr.kind.name} by its id: change it by hand "
            "together with every reference, and run `msc check`"
        )
        raise UsageError(f"`msc set` does not change ids ({addr.text})", hint=hint, field="path")
    if addr.fields == ("format_version",):
        raise UsageError("the format version is msc's to change", field="path")
    groups = [option for option in options_of(target) if is_model(option)]
    if groups:
        names = ", ".join(groups[0].model_fields)
        raise UsageError(
            f"`{addr.text}` is a group of fields: set one of them ({names})",
            hint=f"e.g. `{addr.text}.{next(iter(groups[0].model_fields))}`",
            field="path",
        )


def typed(target: Any, text: str, language: Language) -> Any:
    """``text`` as the value a field of type ``target`` holds: a number read in
    ``language``, a date, yes/no, one of a vocabulary's words, a list (``a, b``), text."""
    options = options_of(target)
    lists = [option for option in options if get_origin(option) is list]
    stripped = text.strip()
    if lists and (len(options) == 1 or "," in stripped or stripped.startswith("[")):
        inner = stripped.removeprefix("[").removesuffix("]")
        item = get_args(lists[0])[0]
        return [typed(item, part, language) for part in inner.split(",") if part.strip()]
    scalars = [option for option in options if get_origin(option) is not list]
    if not scalars:
        raise UsageError("this field holds a group of values", field="value")
    return _typed_scalar(scalars[0], stripped, language)


def _typed_scalar(option: Any, text: str, language: Language) -> Any:
    option = strip_annotated(option)
    if get_origin(option) is Literal:
        words = [str(word) for word in get_args(option)]
        if text not in words:
            near = near_matches(text, words)
            hint = f"did you mean {either(near)}?" if near else None
            raise UsageError(f"`{text}` is not one of {', '.join(words)}", hint=hint, field="value")
        return next(word for word in get_args(option) if str(word) == text)
    if option is bool:
        return _yes_no(text)
    if option is int or option is float:
        return _number(text, language, whole=option is int)
    if option is date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UsageError(
                f"`{text}` is not a date", hint="write the date as YYYY-MM-DD", field="value"
            ) from None
    if get_origin(option) is dict or is_model(option):
        raise UsageError("this field holds a group of values: set one of them", field="value")
    return text


def _yes_no(text: str) -> bool:
    word = text.lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise UsageError(f"`{text}` is not yes or no", hint="write true or false", field="value")


def _number(text: str, language: Language, *, whole: bool) -> int | float:
    try:
        number = read_single(text, language)
    except NumberError as exc:
        raise UsageError(exc.reason, hint=exc.hint, field="value") from None
    if number == number.to_integral_value():
        return int(number)
    if whole:
        raise UsageError(f"`{text}` is not a whole number", field="value")
    return float(number)


def _assigned(data: Any, path: tuple[Part, ...], value: Any, *, remove: bool) -> Any:
    """A copy of ``data`` with ``value`` at ``path`` (or the last key removed): only the
    containers on the way are copied; missing mappings on the way are made."""
    head, rest = path[0], path[1:]
    copied: Any = copy.copy(data) if isinstance(data, dict | list) else {}
    if not rest:
        if remove:
            del copied[head]
        else:
            copied[head] = value
        return copied
    inner = step(copied, head)
    copied[head] = _assigned({} if inner is MISSING else inner, rest, value, remove=remove)
    return copied


def _splice(edited: EditedFile, addr: Address, full: tuple[Part, ...], new: Any) -> None:
    """The splice of the change into the file's text: a value replaced in place, a key
    added after the keys the model puts before it, a mapping made where none was."""
    from msctool.edits.yamledit import Splice, scalar

    doc = edited.doc
    if new is None:
        doc.remove_key(full[:-1], str(full[-1]))
        return
    depth = len(full) - 1
    while depth > 0 and doc.node(full[:depth]) is None:
        depth -= 1
    parent, key = full[:depth], full[depth]
    if isinstance(key, int):
        node = doc.node(full)
        if node is None or depth < len(full) - 1:
            raise UserError(f"{addr.text}: there is no such place in the list", field="path")
        doc.splices.append(Splice(node.start_mark.index, node.end_mark.index, scalar(new)))
        return
    value = _assigned({}, full[depth + 1 :], new, remove=False) if depth < len(full) - 1 else new
    doc.set_value(
        parent, key, value, after=_keys_before(addr, depth - (len(full) - len(addr.fields)))
    )


def _keys_before(addr: Address, place: int) -> tuple[str, ...]:
    """The keys the model puts before field ``place`` of the path, where it is added."""
    key = addr.fields[place]
    holder = Address(addr.text, addr.rel, addr.model, addr.fields[:place], addr.kind, addr.entry)
    models = [option for option in options_of(field_type(holder)) if is_model(option)]
    if not models or not isinstance(key, str):
        return ()
    names = list(models[0].model_fields)
    return tuple(names[: names.index(key)]) if key in names else ()


def is_private(addr: Address) -> bool:
    """Whether the path ends in (or inside) a field the model marks private (contact
    details, notes): its value never goes into a commit message."""
    from msctool.model.common import PRIVATE

    for place, part in enumerate(addr.fields):
        holder = Address(
            addr.text, addr.rel, addr.model, addr.fields[:place], addr.kind, addr.entry
        )
        for option in options_of(field_type(holder)):
            info = option.model_fields.get(part) if is_model(option) else None
            if info is not None and info.json_schema_extra == PRIVATE:
                return True
    return False


SPOKEN_MAX = 60
"""The longest value a commit message repeats; a longer one is cut with an ellipsis."""


def _spoken(value: Any) -> str:
    """A value as the commit message says it: on one line, cut when long."""
    from msctool.escaping import one_line

    if isinstance(value, list):
        text = ", ".join(str(item) for item in value) or "[]"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = one_line(str(value))
    return text if len(text) <= SPOKEN_MAX else text[: SPOKEN_MAX - 1].rstrip() + "…"
