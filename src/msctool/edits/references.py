"""Where an id is referenced: every place in every file, found from the models.

A field that names an entry defined elsewhere carries a
:class:`~msctool.model.common.RefersTo` mark in its model (``PartnerRef`` for a
partner id). :func:`references` walks a file's data along its model and yields the
path of every value that names the id, so a new reference field in a model is
found by ``msc partner rename`` and ``msc partner leave`` without a list to keep.

The files are the ones the loader validates with a model: ``partnership.yaml``,
the list files, ``roi.yaml``, and the front matter of each decision record. The
observations in ``data/*.csv`` name metrics only (``metric,date,value,source``),
never a partner.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from msctool.edits.common import read_raw
from msctool.edits.yamledit import parse
from msctool.errors import UserError
from msctool.findings import YamlPath
from msctool.load.files import Source
from msctool.load.loader import LIST_FILES, ROOT_FILE
from msctool.load.memo import ReadMemo
from msctool.load.records import FILE_NAME
from msctool.load.root import ROI_FILE
from msctool.model import DecisionMeta, PartnershipFile, RoiFile
from msctool.model.common import RefersTo

DECISIONS = "decisions"
_NESTED = (list, dict, BaseModel)


@dataclass(frozen=True)
class ModelFile:
    """A file of the partnership as an edit reads it: its exact text, its data (the
    front matter, for a decision record) and the model that validates that data."""

    rel: str
    raw: str
    data: Any
    """The file's YAML data; for a decision record, its validated front matter (a
    :class:`~msctool.model.DecisionMeta`: the record is parsed once, by the loader)."""
    model: type[BaseModel]

    @property
    def record(self) -> bool:
        """Whether this is a decision record (YAML between ``---`` lines, then Markdown)."""
        return self.rel.startswith(f"{DECISIONS}/")


def model_files(root: Path, memo: ReadMemo) -> Iterator[ModelFile]:
    """Every file of the partnership that a model validates and that can be read as
    YAML; each is kept in ``memo``, so the check of the edit reads it once."""
    specs: list[tuple[str, type[BaseModel]]] = [
        (ROOT_FILE, PartnershipFile),
        *((spec.name, spec.model) for spec in LIST_FILES),
        (ROI_FILE, RoiFile),
    ]
    for rel, model in specs:
        raw = read_raw(root, rel)
        if raw is None:
            continue
        text = _as_loaded(raw)
        data = _data(rel, text)
        memo.remember(Source(rel, text), data)
        yield ModelFile(rel, raw, data, model)
    folder = root / DECISIONS
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    for name in filter(FILE_NAME.match, names):
        rel = f"{DECISIONS}/{name}"
        try:  # written only through EditPlan, which confines every file it writes
            raw = (folder / name).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # `msc check` reports it
        record = memo.decision(_as_loaded(raw), rel)
        if record.decision is not None:
            yield ModelFile(rel, raw, record.decision.meta, DecisionMeta)


@dataclass(frozen=True)
class Reference:
    """A value that names an id: where it is, and the kinds its field may name."""

    path: YamlPath
    kinds: tuple[str, ...]


def references(model: type[BaseModel], data: Any, kind: str, ident: str) -> list[Reference]:
    """Every value in ``data`` (read from a file that ``model`` validates) that names
    ``ident``, an id of ``kind`` (``"partner"``), in document order."""
    found = {ref.path: ref for ref in _walk(model, (), data, kind, ident, ())}
    return list(found.values())


def _walk(
    annotation: Any,
    metadata: tuple[Any, ...],
    data: Any,
    kind: str,
    ident: str,
    path: YamlPath,
) -> Iterator[Reference]:
    if not isinstance(data, _NESTED):
        if data == ident:
            yield from _marked(annotation, metadata, kind, path)
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        yield from _walk(inner, (*metadata, *more), data, kind, ident, path)
    elif origin is Union or origin is types.UnionType:
        for arm in get_args(annotation):
            yield from _walk(arm, (), data, kind, ident, path)
    elif origin is list and isinstance(data, list):
        (item_type,) = get_args(annotation)
        if ident not in data and not any(isinstance(item, _NESTED) for item in data):
            return  # a list of ids without this one: the common case, decided at C speed
        for index, item in enumerate(data):
            yield from _walk(item_type, (), item, kind, ident, (*path, index))
    elif _is_model(annotation) and isinstance(data, dict | BaseModel):
        yield from _fields(annotation, data, kind, ident, path)


def _marked(
    annotation: Any, metadata: tuple[Any, ...], kind: str, path: YamlPath
) -> Iterator[Reference]:
    """The reference a value equal to the id is, when its field (or a union arm of it)
    is marked as naming a ``kind``."""
    for mark in metadata:
        if isinstance(mark, RefersTo) and kind in mark.kinds:
            yield Reference(path, mark.kinds)
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        yield from _marked(inner, tuple(more), kind, path)
    elif origin is Union or origin is types.UnionType:
        for arm in get_args(annotation):
            yield from _marked(arm, (), kind, path)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _fields(
    model: type[BaseModel], data: dict[str, Any] | BaseModel, kind: str, ident: str, path: YamlPath
) -> Iterator[Reference]:
    for name, annotation, marks in _referring_fields(model, kind):
        if isinstance(data, BaseModel):
            value = getattr(data, name)
        elif name in data:
            value = data[name]
        else:
            continue
        yield from _walk(annotation, marks, value, kind, ident, (*path, name))


@cache
def _referring_fields(
    model: type[BaseModel], kind: str
) -> tuple[tuple[str, Any, tuple[Any, ...]], ...]:
    """The fields of ``model`` (name, type, marks) that hold, at some depth, a reference
    to a ``kind``: the walk skips the others (a partner's gifts, an activity's name ...)."""
    fields = [(name, f.annotation, tuple(f.metadata)) for name, f in model.model_fields.items()]
    return tuple(field for field in fields if _may_refer(field[1], field[2], kind))


def _may_refer(annotation: Any, metadata: tuple[Any, ...], kind: str) -> bool:
    if any(isinstance(m, RefersTo) and kind in m.kinds for m in metadata):
        return True
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        return _may_refer(inner, tuple(more), kind)
    if origin is Union or origin is types.UnionType or origin is list:
        return any(_may_refer(arm, (), kind) for arm in get_args(annotation))
    if _is_model(annotation):
        return bool(_referring_fields(annotation, kind))
    return False


def _data(rel: str, text: str) -> Any:
    try:
        return parse(text)
    except ValueError:
        raise UserError(
            f"{rel} is not valid YAML; msc changes ids only where every file can be read",
            hint="run `msc check` and fix the file first",
        ) from None


def _as_loaded(text: str) -> str:
    """``text`` as the loader reads it (no byte order mark, LF line ends)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")
