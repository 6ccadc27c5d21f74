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
at once; decision records are the kind ``decision`` (``decision:12.status``).
This module reads paths and values (``msc get``); :mod:`msctool.edits.setvalue`
changes them (``msc set``).
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from msctool.errors import UsageError, UserError
from msctool.model.ids import is_id
from msctool.suggest import edit_distance

SYNTAX_HINT = (
    "write KIND:ID.field (e.g. `partner:ggd.website`) or FILE.field "
    "(e.g. `partnership.name`); a place in a list is a number: `representatives.0.email`"
)
_INDEX = re.compile(r"\[(\d+)\]")
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
        options = options_of(info.annotation)
        for option in options:
            if get_origin(option) is list:
                item = strip_annotated(get_args(option)[0])
                if is_model(item) and "id" in item.model_fields:
                    yield (*base, key), item
            elif is_model(option):
                yield from _id_lists(option, (*base, key))


def strip_annotated(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def options_of(annotation: Any) -> list[Any]:
    """The types a field may hold, None left out: ``Slug | list[Slug] | None`` ->
    ``[str, list[Slug]]``."""
    annotation = strip_annotated(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return [
            option
            for arg in get_args(annotation)
            if arg is not type(None)
            for option in options_of(arg)
        ]
    return [annotation]


def is_model(annotation: Any) -> bool:
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
    options = options_of(annotation)
    where = shown(addr, depth)
    for option in options:
        if isinstance(part, int) and get_origin(option) is list:
            return get_args(option)[0]
        if isinstance(part, str) and get_origin(option) is dict:
            return get_args(option)[1]
        if isinstance(part, str) and is_model(option) and part in option.model_fields:
            return option.model_fields[part].annotation
    models = [option for option in options if is_model(option)]
    if models and isinstance(part, str):
        known = list(models[0].model_fields)
        message = f"{where} has no field `{part}`"
        raise _unknown_word("field", part, known, field="path", message=message)
    if any(get_origin(option) is list for option in options):
        raise UsageError(
            f"{where} is a list: name a place in it by number, e.g. `{where}.0`", field="path"
        )
    raise UsageError(f"{where} is a single value: it has no `{part}`", field="path")


def shown(addr: Address, depth: int) -> str:
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
        value = (
            data if addr.kind is None else value_at(data, (*addr.kind.path, index_of(data, addr)))
        )
    model: Any = addr.model
    default = False
    for depth, part in enumerate(addr.fields):
        child = step(value, part)
        if child is MISSING:
            if isinstance(part, int):
                raise UserError(f"{shown(addr, depth)} has no item {part}", field="path")
            child, default = _default(model, part), True
        model = _child_type(model, part, addr, depth)
        value = child
    return Got(addr.text, value, default)


def _default(model: Any, part: str) -> Any:
    """The default the model gives field ``part`` when the file does not write it (as
    plain data: a group as a mapping); None when it has none."""
    for option in options_of(model):
        info = option.model_fields.get(part) if is_model(option) else None
        if info is not None and not info.is_required():
            value = info.get_default(call_default_factory=True)
            return value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    return None


MISSING = object()


def step(value: Any, part: Part) -> Any:
    if isinstance(part, int):
        return value[part] if isinstance(value, list) and 0 <= part < len(value) else MISSING
    return value.get(part, MISSING) if isinstance(value, dict) else MISSING


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


def index_of(data: dict[str, Any], addr: Address) -> int:
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


def value_at(data: Any, path: tuple[Part, ...]) -> Any:
    for part in path:
        data = step(data, part)
        if data is MISSING:
            return MISSING
    return data
