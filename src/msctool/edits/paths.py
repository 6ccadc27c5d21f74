"""``msc get`` and ``msc set``: one small path syntax over the model.

A path names a value in a partnership folder:

- ``KIND:ID.field...``: a field of an entry with an id, e.g. ``partner:ggd.website``,
  ``metric:vsv.target.value``, ``activity:x.status``, ``body:steering.members``;
- ``FILE.field...``: a field of a file, e.g. ``partnership.name``,
  ``roi.hourly_rate``, ``partnership.purpose.reaffirmed``.

Fields below are separated by dots; a place in a list is a number (``.0`` or
``[0]``): ``partner:ggd.representatives.0.email``. The kinds and files are not
typed here: they come from the models (every list of entries with an ``id``
is a kind, named after its model), so a list added to a model is reachable
at once. A value is typed by the field it goes to (a number in the
partnership's language, a date as YYYY-MM-DD, a list as ``a, b``), and the
edited partnership must pass ``msc check`` before anything is written.
"""

from __future__ import annotations

import copy
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from msctool.errors import UsageError, UserError
from msctool.load.numbers import NumberError, read_single
from msctool.model.ids import is_id
from msctool.model.vocabulary import Language
from msctool.suggest import edit_distance

if TYPE_CHECKING:  # `msc get` reads one file: the edit machinery only for `msc set`
    from msctool.edits.common import EditedFile
    from msctool.edits.saving import EditPlan

SYNTAX_HINT = (
    "write KIND:ID.field (e.g. `partner:ggd.website`) or FILE.field "
    "(e.g. `partnership.name`); a place in a list is a number: `representatives.0.email`"
)
_INDEX = re.compile(r"\[(\d+)\]")
_TRUE = frozenset({"true", "yes", "ja", "on"})
_FALSE = frozenset({"false", "no", "nee", "off"})
Part = str | int


# -- what the models hold ------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """Entries with an id, as a model holds them: ``segment`` lives in partnership.yaml
    at ``target_population.segments``."""

    name: str
    rel: str
    path: tuple[str, ...]
    model: type[BaseModel]


@cache
def files() -> dict[str, type[BaseModel]]:
    """The YAML files a path may start with, by the name before ``.yaml``."""
    from msctool.model.schema import file_models

    return {name: model for name, model in file_models().items() if name != "decision"}


@cache
def kinds() -> dict[str, Kind]:
    """Every list of entries with an ``id`` in the files' models, by its entry model's
    name (``Partner`` -> ``partner``)."""
    found: dict[str, Kind] = {}
    for name, model in files().items():
        for path, item in _id_lists(model, ()):
            kind = item.__name__.lower()
            found.setdefault(kind, Kind(kind, f"{name}.yaml", path, item))
    return found


RECORDS = "decisions"
"""The folder of the records that are a kind each (``decision:12.status``): one file per
entry, YAML front matter above Markdown, its model the file model ``decision``."""


@cache
def record_kind() -> Kind:
    """Decision records as a kind: ``decision:N`` is ``decisions/NNNN-*.md``."""
    from msctool.model.schema import file_models

    return Kind("decision", RECORDS, (), file_models()["decision"])


def _id_lists(
    model: type[BaseModel], base: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], type[BaseModel]]]:
    for key, info in model.model_fields.items():
        options = _options(info.annotation)
        for option in options:
            if get_origin(option) is list:
                item = _strip(get_args(option)[0])
                if _is_model(item) and "id" in item.model_fields:
                    yield (*base, key), item
            elif _is_model(option):
                yield from _id_lists(option, (*base, key))


def _strip(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _options(annotation: Any) -> list[Any]:
    """The types a field may hold, None left out: ``Slug | list[Slug] | None`` ->
    ``[str, list[Slug]]``."""
    annotation = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return [
            option
            for arg in get_args(annotation)
            if arg is not type(None)
            for option in _options(arg)
        ]
    return [annotation]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


# -- reading a path -------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """Where a path points: a file, maybe an entry of one of its lists, fields below."""

    text: str
    rel: str
    model: type[BaseModel]
    """The model of the entry (or of the file) that ``fields`` start in."""
    fields: tuple[Part, ...]
    kind: Kind | None = None
    entry: str | None = None


def address(text: str) -> Address:
    """The :class:`Address` of a path; a usage error, with every near match, otherwise."""
    head, sep, rest = text.strip().partition(":")
    if sep:
        kind = kinds().get(head) or (record_kind() if head == record_kind().name else None)
        if kind is None:
            known = sorted([*kinds(), record_kind().name])
            raise _unknown_word("kind", head, known, field="path")
        entry, _, below = rest.partition(".")
        if not is_id(entry):
            raise UsageError(f"`{entry}` in `{text}` is not an id", hint=SYNTAX_HINT, field="path")
        return Address(text, kind.rel, kind.model, _fields(below, text), kind, entry)
    name, _, below = head.partition(".")
    name = _INDEX.sub("", name)
    model = files().get(name)
    if model is None:
        near = near_matches(name, sorted(files()))
        hint = f"did you mean {either(near)}?" if near else SYNTAX_HINT
        raise UsageError(f"unknown file `{name}`", hint=hint, field="path")
    return Address(text, f"{name}.yaml", model, _fields(below, text))


def _fields(text: str, whole: str) -> tuple[Part, ...]:
    if not text:
        return ()
    parts = _INDEX.sub(r".\1", text).split(".")
    if any(not part for part in parts):
        raise UsageError(f"`{whole}` has an empty field name", hint=SYNTAX_HINT, field="path")
    return tuple(int(part) if part.isdigit() else part for part in parts)


def field_type(addr: Address) -> Any:
    """The type the model gives the value at ``addr``; a usage error naming the fields
    there are when a field is unknown."""
    current: Any = addr.model
    for depth, part in enumerate(addr.fields):
        current = _child_type(current, part, addr, depth)
    return current


def _child_type(annotation: Any, part: Part, addr: Address, depth: int) -> Any:
    options = _options(annotation)
    where = _shown(addr, depth)
    for option in options:
        if isinstance(part, int) and get_origin(option) is list:
            return get_args(option)[0]
        if isinstance(part, str) and get_origin(option) is dict:
            return get_args(option)[1]
        if isinstance(part, str) and _is_model(option) and part in option.model_fields:
            return option.model_fields[part].annotation
    models = [option for option in options if _is_model(option)]
    if models and isinstance(part, str):
        known = list(models[0].model_fields)
        message = f"{where} has no field `{part}`"
        raise _unknown_word("field", part, known, field="path", message=message)
    if any(get_origin(option) is list for option in options):
        raise UsageError(
            f"{where} is a list: name a place in it by number, e.g. `{where}.0`", field="path"
        )
    raise UsageError(f"{where} is a single value: it has no `{part}`", field="path")


def _shown(addr: Address, depth: int) -> str:
    """The path up to (not including) field ``depth``."""
    start = f"{addr.kind.name}:{addr.entry}" if addr.kind else addr.rel.removesuffix(".yaml")
    return ".".join([start, *(str(part) for part in addr.fields[:depth])])


def _unknown_word(
    what: str, word: str, known: list[str], field: str, message: str | None = None
) -> UsageError:
    near = near_matches(word, known)
    hint = (
        f"did you mean {either(near)}?"
        if near
        else f"{'one of' if len(known) > 1 else 'there is'}: {', '.join(known)}"
    )
    return UsageError(message or f"unknown {what} `{word}`", hint=hint, field=field)


def near_matches(word: str, known: list[str]) -> list[str]:
    """Every word of ``known`` near ``word``: a typo away, or starting with it."""
    cutoff = max(1, min(3, len(word) // 3))
    lowered = word.lower()
    return [
        candidate
        for candidate in known
        if edit_distance(lowered, candidate.lower(), cutoff) <= cutoff
        or (len(word) >= 3 and candidate.lower().startswith(lowered))
    ]


def either(words: list[str]) -> str:
    quoted = [f"`{word}`" for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


# -- msc get ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Got:
    """The value at a path, as the file holds it (or the model's default, ``default``)."""

    path: str
    value: Any
    default: bool = False


def get_value(root: Path, text: str) -> Got:
    """The value at path ``text`` in the partnership in ``root``: as written in its file,
    or the default the model gives a field that is not written (None when it has none)."""
    addr = address(text)
    field_type(addr)  # every field name is one the model knows
    value: Any
    if addr.kind is not None and addr.kind.rel == RECORDS:
        value = _record_data(root, addr.entry or "")
    else:
        data = _file_data(root, addr.rel)
        value = data if addr.kind is None else _at(data, (*addr.kind.path, _index(data, addr)))
    model: Any = addr.model
    default = False
    for depth, part in enumerate(addr.fields):
        child = _step(value, part)
        if child is _MISSING:
            if isinstance(part, int):
                raise UserError(f"{_shown(addr, depth)} has no item {part}", field="path")
            child, default = _default(model, part), True
        model = _child_type(model, part, addr, depth)
        value = child
    return Got(addr.text, value, default)


def _default(model: Any, part: str) -> Any:
    """The default the model gives field ``part`` when the file does not write it (as
    plain data: a group as a mapping); None when it has none."""
    for option in _options(model):
        info = option.model_fields.get(part) if _is_model(option) else None
        if info is not None and not info.is_required():
            value = info.get_default(call_default_factory=True)
            return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    return None


_MISSING = object()


def _step(value: Any, part: Part) -> Any:
    if isinstance(part, int):
        return value[part] if isinstance(value, list) and 0 <= part < len(value) else _MISSING
    return value.get(part, _MISSING) if isinstance(value, dict) else _MISSING


def _file_data(root: Path, rel: str) -> dict[str, Any]:
    """The data of ``rel``, read as ``msc check`` reads it (safely, inside the folder)."""
    from msctool.load.files import Source, SourceError, read_text
    from msctool.load.yamlsource import parse

    if not (root / rel).exists():
        raise UserError(f"{rel} does not exist", hint="run `msc check` to see what is missing")
    try:
        data = parse(Source(rel, read_text(root / rel, rel, root)))
    except SourceError as exc:
        first = exc.findings[0]
        raise UserError(
            f"{rel}:{first.line}:{first.column}: {first.code} {first.message}",
            hint=first.hint or "run `msc check` and fix the file",
        ) from None
    if not isinstance(data, dict):
        raise UserError(f"{rel} does not hold `key: value` lines", hint="run `msc check`")
    return data


def _record_data(root: Path, number: str) -> dict[str, Any]:
    """The front matter of decision record ``number`` (``12`` or ``0012``)."""
    from msctool.load.files import SourceError, read_text
    from msctool.load.records import FILE_NAME, split_front_matter
    from msctool.load.yamlsource import parse

    folder = root / RECORDS
    names = sorted(p.name for p in folder.glob("*.md")) if folder.is_dir() else []
    numbers = {int(m.group(1)): name for name in names if (m := FILE_NAME.match(name))}
    name = numbers.get(int(number)) if number.isdigit() else None
    if name is None:
        shown = f"the records are numbered {min(numbers)} to {max(numbers)}" if numbers else None
        raise UserError(f"unknown decision `{number}`", hint=shown or "there is no record yet")
    rel = f"{RECORDS}/{name}"
    try:
        data = parse(split_front_matter(read_text(folder / name, rel, root), rel)[0])
    except SourceError as exc:
        raise UserError(
            f"{rel}: {exc.findings[0].message}", hint="run `msc check` and fix it"
        ) from None
    if not isinstance(data, dict):
        raise UserError(f"{rel}: the front matter holds no `key: value` lines")
    return data


def _index(data: dict[str, Any], addr: Address) -> int:
    """Where the entry ``addr`` names is in its list; an error listing near ids if nowhere."""
    assert addr.kind is not None and addr.entry is not None
    items: Any = data
    for key in addr.kind.path:
        items = items.get(key) if isinstance(items, dict) else None
    ids = [
        str(item.get("id"))
        for item in items or []
        if isinstance(item, dict) and item.get("id") is not None
    ]
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and str(item.get("id")) == addr.entry:
                return index
    near = near_matches(addr.entry, ids)
    hint = f"did you mean {either(near)}?" if near else f"use {addr.kind.name} id from {addr.rel}"
    raise UserError(f"unknown {addr.kind.name} `{addr.entry}`", hint=hint)


# -- msc set ---------------------------------------------------------------------------


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
            index = _index(edited.before, addr)
        base = (*addr.kind.path, index)
    full = (*base, *addr.fields)
    _refuse_new_places(edited.before, addr)
    before = _at(edited.before, full)
    if value is None and before is _MISSING:
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
    value = _at(data, (*addr.kind.path, _index(data, addr)) if addr.kind else ())
    for place, part in enumerate(addr.fields):
        if isinstance(part, int) and not (isinstance(value, list) and part < len(value)):
            count = len(value) if isinstance(value, list) else 0
            raise UserError(
                f"{_shown(addr, place)} has no item {part} (it has {count})",
                hint="msc set changes an item that is there; set a list of values whole "
                "(`a, b, c`), or add an entry with its own command",
                field="path",
            )
        value = _step(value, part)
        if value is _MISSING:
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
    groups = [option for option in _options(target) if _is_model(option)]
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
    options = _options(target)
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
    option = _strip(option)
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
    if get_origin(option) is dict or _is_model(option):
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


def _at(data: Any, path: tuple[Part, ...]) -> Any:
    for part in path:
        data = _step(data, part)
        if data is _MISSING:
            return _MISSING
    return data


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
    inner = _step(copied, head)
    copied[head] = _assigned({} if inner is _MISSING else inner, rest, value, remove=remove)
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
    models = [option for option in _options(field_type(holder)) if _is_model(option)]
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
        for option in _options(field_type(holder)):
            info = option.model_fields.get(part) if _is_model(option) else None
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
