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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from msctool.edits.common import check_slug, unknown
from msctool.edits.references import ModelFile, model_files, references
from msctool.edits.saving import EditPlan, ParsedText
from msctool.edits.yamledit import Splice, YamlDocument, parse, scalar, verify
from msctool.errors import UsageError, UserError
from msctool.findings import YamlPath
from msctool.history.renames import TRAILER
from msctool.load.yamlwindow import windows

FILE = "partners.yaml"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rename_partner(root: Path, old: str, new: str, name: str | None = None) -> EditPlan:
    """The plan that gives partner ``old`` the id ``new`` (and, if given, the name
    ``name``) in partners.yaml and in every place any file refers to it."""
    check_slug(new, "new partner id", field="new")
    if new == old:
        raise UsageError(f"`{old}` is already the partner's id", field="new")
    plan = EditPlan(root, subjects={new}, renames={old: new})
    files = list(model_files(root, plan.memo))
    entry = _entry(files, old, new)
    others = _other_ids(files)
    counted: list[str] = []
    for found in files:
        if old not in found.raw and "\\" not in found.raw:
            continue  # the id is not written there, not even escaped: nothing refers to it
        refs = references(found.model, found.data, "partner", old)
        kept = [r for r in refs if not any(old in others.get(k, ()) for k in r.kinds)]
        if len(kept) < len(refs):
            plan.notes.append(plan.words("partner_affects_kept", file=found.rel, id=old))
        paths = [r.path for r in kept]
        sets: dict[YamlPath, Any] = {}
        if found.rel == FILE:
            paths.insert(0, (*entry, "id"))
            sets = {(*entry, "name"): name} if name is not None else {}
        if paths:
            plan.texts[found.rel] = renamed(found, paths, new, sets)
            counted.append(f"{found.rel} ({len(paths)})")
    plan.say("partner_renamed", old=old, new=new)
    plan.trailers.append((TRAILER, f"{old} -> {new}"))  # read by history.renames
    plan.notes.append(plan.words("partner_renamed_in", old=old, new=new, files=", ".join(counted)))
    return plan


def _entry(files: Sequence[ModelFile], old: str, new: str) -> YamlPath:
    """The path of partner ``old`` in partners.yaml; an error when there is none, or
    when ``new`` is a partner already."""
    data = next((f.data for f in files if f.rel == FILE), None)
    items = data.get("partners") if isinstance(data, dict) else None
    ids = [str(i.get("id")) if isinstance(i, dict) else "" for i in items or []]
    if old not in ids:
        raise unknown("partner", old, [i for i in ids if i], FILE)
    if new in ids:
        raise UserError(
            f"there is already a partner `{new}` in {FILE}",
            hint="choose another id; two partners cannot share one",
        )
    return ("partners", ids.index(old))


def renamed(
    found: ModelFile, paths: Sequence[YamlPath], value: str, sets: dict[YamlPath, Any]
) -> str:
    """The text of ``found`` with ``value`` at each of ``paths`` (each a scalar now) and
    each of ``sets`` set (a key added after ``id`` when missing); verified to hold
    exactly that data."""
    if found.record:
        return _renamed_record(found, paths, value)
    expected = _changed(found.data, {**dict.fromkeys(paths, value), **sets})
    doc, node = _document(found.raw, found.rel, found.data, [*paths, *sets])
    _splice(doc, node, paths, value)
    for path, new in sets.items():
        doc.set_value(path[:-1], str(path[-1]), new, after=("id",))
    text = ParsedText(doc.result())
    text.data = verify(found.rel, text, expected)
    return text


def _renamed_record(found: ModelFile, paths: Sequence[YamlPath], value: str) -> str:
    """A decision record with its front matter edited; the Markdown below stays."""
    bom = found.raw.startswith("\ufeff")
    body = found.raw.removeprefix("\ufeff")
    crlf = "\r\n" in body
    text = body.replace("\r\n", "\n")
    start = text.index("\n") + 1  # below the opening `---`
    end = text.index("\n---", start - 1) + 1
    front = text[start:end]
    expected = _changed(parse(front), dict.fromkeys(paths, value))
    doc = YamlDocument(front, found.rel)
    _splice(doc, doc.node, paths, value)
    verify(found.rel, doc.result(), expected)
    result = text[:start] + doc.result() + text[end:]
    if crlf:
        result = result.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + result


NodeAt = Callable[[YamlPath], "yaml.Node | None"]


def _document(
    raw: str, rel: str, data: Any, paths: Sequence[YamlPath]
) -> tuple[YamlDocument, NodeAt]:
    """The document to splice, and how to find the node at a path in it. When every path
    is inside entries of one top-level list, only those entries are composed (a window
    of the text, :func:`msctool.load.yamlwindow.windows`): a rename in a 100,000-line
    activities.yaml costs what its entries cost, not the file."""
    keys = {path[0] for path in paths if len(path) > 1 and isinstance(path[1], int)}
    items = data.get(next(iter(keys))) if len(keys) == 1 and isinstance(data, dict) else None
    if not isinstance(items, list) or any(len(p) < 2 or p[0] not in keys for p in paths):
        doc = YamlDocument(raw, rel)
        return doc, doc.node
    key = str(next(iter(keys)))
    indexes = sorted({int(path[1]) for path in paths})
    doc = YamlDocument(raw, rel, (key, indexes[0], len(items)))
    if len(indexes) == 1 and doc.focus is not None:
        return doc, doc.node
    text = windows(doc.text, key, indexes, len(items))
    root = yaml.compose(text, Loader=_LOADER) if text is not None else None
    if root is None:
        doc = YamlDocument(raw, rel)
        return doc, doc.node
    place = {index: n for n, index in enumerate(indexes)}

    def node(path: YamlPath) -> yaml.Node | None:
        return _walk(root, (key, place[int(path[1])], *path[2:]))

    return doc, node


def _walk(node: yaml.Node | None, path: YamlPath) -> yaml.Node | None:
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
    return node


def _splice(doc: YamlDocument, node_at: NodeAt, paths: Sequence[YamlPath], value: str) -> None:
    for path in paths:
        node = node_at(path)
        if not isinstance(node, yaml.ScalarNode):
            where = ".".join(str(part) for part in path)
            raise UserError(f"{doc.rel}: cannot find the value at `{where}` to change")
        doc.splices.append(Splice(node.start_mark.index, node.end_mark.index, scalar(value)))


def _changed(data: Any, values: dict[YamlPath, Any]) -> Any:
    """``data`` with each path of ``values`` set, copying only the containers on those
    paths (the rest is shared: a copy of a 100,000-line file costs a tenth of a second)."""
    top = copy.copy(data)
    copied = {id(top)}
    for path, value in values.items():
        container = top
        for part in path[:-1]:
            child = container[part]
            if id(child) not in copied:
                child = container[part] = copy.copy(child)
                copied.add(id(child))
            container = child
        container[path[-1]] = value
    return top


def _ids(data: Any, key: str) -> list[str]:
    items = data.get(key) if isinstance(data, dict) else None
    return [str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item]


def _other_ids(files: Sequence[ModelFile]) -> dict[str, set[str]]:
    """Activity, metric and body ids, by kind: a decision's ``affects`` may name an
    activity or a metric, its ``consulted`` and ``informed`` a body, as well as a
    partner; where the old id is also one of those, the value is left alone."""
    places = {
        "activity": ("activities.yaml", "activities"),
        "metric": ("metrics.yaml", "metrics"),
        "body": ("partnership.yaml", "bodies"),
    }
    data = {f.rel: f.data for f in files}
    return {kind: set(_ids(data.get(rel), key)) for kind, (rel, key) in places.items()}
