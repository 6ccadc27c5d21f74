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


@dataclass(frozen=True)
class ModelFile:
    """A file of the partnership as an edit reads it: its exact text, its data (the
    front matter, for a decision record) and the model that validates that data."""

    rel: str
    raw: str
    data: Any
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
    for name in names:
        rel = f"{DECISIONS}/{name}"
        raw = read_raw(root, rel) if FILE_NAME.match(name) else None
        if raw is None:
            continue
        record = memo.decision(_as_loaded(raw), rel)
        if record.source is not None:
            yield ModelFile(rel, raw, _data(rel, record.source.text), DecisionMeta)


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
    for mark in metadata:
        if isinstance(mark, RefersTo) and kind in mark.kinds and data == ident:
            yield Reference(path, mark.kinds)
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *more = get_args(annotation)
        yield from _walk(inner, (*metadata, *more), data, kind, ident, path)
    elif origin is Union or origin is types.UnionType:
        for arm in get_args(annotation):
            yield from _walk(arm, (), data, kind, ident, path)
    elif origin is list and isinstance(data, list):
        (item_type,) = get_args(annotation)
        for index, item in enumerate(data):
            yield from _walk(item_type, (), item, kind, ident, (*path, index))
    elif _is_model(annotation) and isinstance(data, dict):
        yield from _fields(annotation, data, kind, ident, path)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _fields(
    model: type[BaseModel], data: dict[str, Any], kind: str, ident: str, path: YamlPath
) -> Iterator[Reference]:
    for name, field in model.model_fields.items():
        if name in data:
            marks = tuple(field.metadata)
            yield from _walk(field.annotation, marks, data[name], kind, ident, (*path, name))


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
