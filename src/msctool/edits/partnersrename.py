"""``msc partner rename OLD NEW``: a partner's new id, in every file that names it.

The places come from the models (:mod:`msctool.edits.references`): RACI roles,
body leads and members, metric owners, ROI inputs, engagements, and the front
matter of every decision record (``consulted``, ``informed``, ``affects``). Each
file is spliced where a value names the partner, so comments and layout stay;
all files are written in one atomic change, with the trailer
``Renamed: OLD -> NEW`` that ``msc changes`` and the newsletter read, so a rename
is told as a rename, not as a partner leaving and another joining.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from msctool.edits.common import check_slug, unknown
from msctool.edits.references import ModelFile, model_files, references
from msctool.edits.saving import EditPlan, ParsedText
from msctool.edits.yamledit import Splice, YamlDocument, scalar, verify
from msctool.errors import UsageError, UserError
from msctool.findings import YamlPath

FILE = "partners.yaml"
RENAMED = "Renamed"
"""The trailer of a rename: ``Renamed: OLD -> NEW`` (read by :mod:`msctool.history.renames`)."""


def rename_partner(root: Path, old: str, new: str, name: str | None = None) -> EditPlan:
    """The plan that gives partner ``old`` the id ``new`` (and, if given, the name
    ``name``) in partners.yaml and in every place any file refers to it."""
    check_slug(new, "new partner id", field="new")
    if new == old:
        raise UsageError(f"`{old}` is already the partner's id", field="new")
    plan = EditPlan(root, subjects={new})
    files = list(model_files(root, plan.memo))
    partners = next((f for f in files if f.rel == FILE), None)
    ids = _ids(partners.data if partners else None, "partners")
    if partners is None or old not in ids:
        raise unknown("partner", old, ids, FILE)
    if new in ids:
        raise UserError(
            f"there is already a partner `{new}` in {FILE}",
            hint="choose another id; two partners cannot share one",
        )
    others = _other_ids(files)
    counted: list[str] = []
    for found in files:
        refs = references(found.model, found.data, "partner", old)
        kept = [r for r in refs if len(r.kinds) == 1 or old not in others]
        if len(kept) < len(refs):
            plan.notes.append(
                f"{found.rel}: `{old}` in `affects` also names an activity or metric; left as it is"
            )
        paths = [r.path for r in kept]
        sets: dict[YamlPath, Any] = {}
        if found is partners:
            index = ids.index(old)
            paths.insert(0, ("partners", index, "id"))
            if name is not None:
                sets[("partners", index, "name")] = name
        if paths or sets:
            plan.texts[found.rel] = renamed(found, paths, new, sets)
            counted.append(f"{found.rel} ({len(paths)})")
    plan.say("partner_renamed", old=old, new=new)
    plan.trailers.append((RENAMED, f"{old} -> {new}"))
    plan.notes.append(f"`{old}` is now `{new}` in {', '.join(counted)}")
    return plan


def renamed(
    found: ModelFile, paths: Sequence[YamlPath], value: str, sets: dict[YamlPath, Any]
) -> str:
    """The text of ``found`` with ``value`` at each of ``paths`` (each a scalar now) and
    each of ``sets`` set (a key added after ``id`` when missing); verified to hold
    exactly that data."""
    expected = copy.deepcopy(found.data)
    for path in paths:
        _put(expected, path, value)
    for path, new in sets.items():
        _put(expected, path, new)
    if found.record:
        return _renamed_record(found, paths, value, sets, expected)
    doc = YamlDocument(found.raw, found.rel)
    _splice(doc, paths, value, sets)
    text = ParsedText(doc.result())
    text.data = verify(found.rel, text, expected)
    return text


def _renamed_record(
    found: ModelFile,
    paths: Sequence[YamlPath],
    value: str,
    sets: dict[YamlPath, Any],
    expected: Any,
) -> str:
    """A decision record with its front matter edited; the Markdown below stays."""
    bom = found.raw.startswith("\ufeff")
    body = found.raw.removeprefix("\ufeff")
    crlf = "\r\n" in body
    text = body.replace("\r\n", "\n")
    start = text.index("\n") + 1  # below the opening `---`
    end = text.index("\n---", start - 1) + 1
    doc = YamlDocument(text[start:end], found.rel)
    _splice(doc, paths, value, sets)
    front = doc.result()
    verify(found.rel, front, expected)
    result = text[:start] + front + text[end:]
    if crlf:
        result = result.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + result


def _splice(
    doc: YamlDocument, paths: Sequence[YamlPath], value: str, sets: dict[YamlPath, Any]
) -> None:
    for path in paths:
        node = doc.node(path)
        if not isinstance(node, yaml.ScalarNode):
            where = ".".join(str(part) for part in path)
            raise UserError(f"{doc.rel}: cannot find the value at `{where}` to change")
        doc.splices.append(Splice(node.start_mark.index, node.end_mark.index, scalar(value)))
    for path, new in sets.items():
        doc.set_value(path[:-1], str(path[-1]), new, after=("id",))


def _put(data: Any, path: YamlPath, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _ids(data: Any, key: str) -> list[str]:
    items = data.get(key) if isinstance(data, dict) else None
    return [str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item]


def _other_ids(files: Sequence[ModelFile]) -> set[str]:
    """Activity and metric ids: ``affects`` may name one of them as well as a partner."""
    keys = {"activities.yaml": "activities", "metrics.yaml": "metrics"}
    return {i for f in files if f.rel in keys for i in _ids(f.data, keys[f.rel])}
