"""No value of any private field reaches a public output."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel

from helpers import AS_OF, DEMO, REPO, base_files, msc, nonempty, private_values, write_tree
from msctool.model.common import PRIVATE
from msctool.rules.check import load_valid

PUBLIC_RENDERS = [
    ["render", "newsletter", "--format", "md"],
    ["render", "newsletter", "--format", "html"],
    ["render", "newsletter", "--format", "txt"],
    ["render", "roi", "--format", "md"],
    ["render", "roi", "--format", "html"],
    ["render", "roi", "--format", "json"],
    ["render", "scorecard", "--format", "md"],
    ["render", "scorecard", "--format", "html"],
    ["render", "scorecard", "--format", "csv"],
]


@pytest.fixture(scope="module")
def secrets() -> set[str]:
    partnership = load_valid(DEMO, AS_OF)
    values = private_values([partnership.meta, *partnership.partners, *partnership.engagements])
    assert len(values) >= 20  # the demo has representatives' e-mails and phones, and notes
    return values


@pytest.mark.parametrize("args", PUBLIC_RENDERS, ids=lambda a: "-".join(a[1:]))
def test_public_outputs_hold_no_private_value(args: list[str], secrets: set[str]) -> None:
    result = msc(*args, "--audience", "public", "-o", "-", "-C", str(DEMO), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    leaked = {value for value in secrets if value in result.stdout}
    assert not leaked


def test_retro_agendas_hold_no_private_value(secrets: set[str], tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    for kind in ("after-action", "premortem", "appreciative"):
        result = msc(
            "retro", "new", "--kind", kind, "-o", "-", "-C", str(copy), "--date", "2026-11-27"
        )
        assert result.exit_code == 0, result.output
        assert not {value for value in secrets if value in result.stdout}


def test_the_partners_audience_does_show_them(secrets: set[str]) -> None:
    """The check above can fail: a partners' view of the same data holds the values."""
    from msctool.render.audience import for_audience

    partnership = load_valid(DEMO, AS_OF)
    assert private_values(list(for_audience(partnership, "partners").partners)) & secrets
    assert not private_values(list(for_audience(partnership, "public").partners))


# --------------------------------------------------------------------------- every private field

FILE_OF_KIND = {
    "partnership": "partnership.yaml",
    "partners": "partners.yaml",
    "activities": "activities.yaml",
    "metrics": "metrics.yaml",
    "roi": "roi.yaml",
    "engagement": "engagement.yaml",
    "decision": "decisions/0001-adopt-msc.md",
}


def _nested(annotation: Any, many: bool = False) -> list[tuple[type[BaseModel], bool]]:
    """The model classes inside ``annotation``, each with whether it is a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, many)]
    many = many or get_origin(annotation) in (list, tuple, set, frozenset)
    return [found for arg in get_args(annotation) for found in _nested(arg, many)]


def private_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every private field reachable from ``model``, as YAML keys ("[]": each item)."""
    paths: list[tuple[str, ...]] = []
    for name, field in model.model_fields.items():
        key = (*prefix, field.alias or name)
        if field.json_schema_extra == PRIVATE:
            paths.append(key)
        for inner, many in _nested(field.annotation):
            paths += private_paths(inner, (*key, "[]") if many else key)
    return paths


def put(node: Any, path: tuple[str, ...], marker: str) -> int:
    """Set ``marker`` at ``path`` in every instance under ``node``; how many were set."""
    if path[0] == "[]":
        return sum(put(item, path[1:], marker) for item in node) if node else 0
    if len(path) == 1:
        node[path[0]] = marker
        return 1
    return put(node[path[0]], path[1:], marker) if node.get(path[0]) else 0


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """base_files() with a unique marker in every instance of every private field the
    models declare: a private field added to any model is covered without a change here."""
    from msctool.model.schema import file_models

    files = base_files()
    assert set(file_models()) == set(FILE_OF_KIND), "map the new file kind to a file above"
    markers: set[str] = set()
    for kind, model in file_models().items():
        for path in private_paths(model):
            marker = f"zq{len(markers)}private"
            assert put(files[FILE_OF_KIND[kind]], path, marker), (
                f"base_files() has no {kind} entry with {'.'.join(path)}: add one"
            )
            markers.add(marker)
    assert len(markers) >= 4  # e-mail, phone, partner notes, engagement notes today
    return write_tree(tmp_path_factory.mktemp("marked") / "p", files), markers


def private_fields(node: Any) -> list[Any]:
    """The value of every private field in ``node`` (models, sequences, dataclasses)."""
    if isinstance(node, BaseModel):
        return [
            value
            for name, field in type(node).model_fields.items()
            for value in (
                [getattr(node, name)]
                if field.json_schema_extra == PRIVATE
                else private_fields(getattr(node, name))
            )
        ]
    if isinstance(node, list | tuple):
        return [value for item in node for value in private_fields(item)]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return private_fields([getattr(node, f.name) for f in dataclasses.fields(node)])
    return []


def test_the_public_view_holds_no_private_field_anywhere(marked: tuple[Path, set[str]]) -> None:
    from msctool.render.audience import for_audience

    root, markers = marked
    partnership = load_valid(root, AS_OF)
    assert set(private_fields(partnership)) == markers  # every one was loaded
    public = for_audience(partnership, "public")
    assert {m for m in markers if m in repr(public)} == set()
    assert set(nonempty(private_fields(public))) == {None}  # blanked, as documented
    assert for_audience(partnership, "partners") == partnership
    assert public.root == partnership.root and public.files == partnership.files


PUBLIC_OUTPUTS = [
    *PUBLIC_RENDERS,
    ["render", "newsletter", "--format", "eml"],
]


@pytest.mark.parametrize("args", PUBLIC_OUTPUTS, ids=lambda a: "-".join(a[1:]))
def test_no_private_field_reaches_a_public_output(
    args: list[str], marked: tuple[Path, set[str]]
) -> None:
    root, markers = marked
    result = msc(*args, "--audience", "public", "-o", "-", "-C", str(root), "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert {m for m in markers if m in result.stdout} == set()


def test_no_private_field_reaches_the_public_site(
    marked: tuple[Path, set[str]], tmp_path: Path
) -> None:
    root, markers = marked
    out = tmp_path / "site"
    result = msc("render", "site", "--audience", "public", "-o", str(out), "-C", str(root))
    assert result.exit_code == 0, result.output
    pages = nonempty(p for p in out.rglob("*") if p.is_file())
    text = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in pages)
    assert {m for m in markers if m in text} == set()


def test_the_format_doc_lists_every_private_field() -> None:
    """docs/format.md names the private fields; the models decide which they are."""
    from msctool.model.schema import file_models

    text = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("### Public and private fields", 1)[1].split("Private does not", 1)[0]
    documented = {
        (file, field)
        for file, fields in re.findall(r"^- `([\w./]+)`: (.+?)(?=^- |\Z)", section, re.M | re.S)
        for field in re.findall(r"`([^`]+)`", fields)
    }
    declared = set()
    for kind, model in file_models().items():
        for path in private_paths(model):
            inside = path[2:] if len(path) > 2 and path[1] == "[]" else path  # an entry's field
            declared.add((FILE_OF_KIND[kind], ".".join(inside).replace(".[]", "[]")))
    assert documented == declared


def test_private_fields_are_blanked_wherever_a_model_holds_them() -> None:
    """Models made here, not the real ones: a private field only reachable through a
    list, tuple, mapping, optional or named tuple of models is still blanked."""
    from typing import NamedTuple

    from msctool.model.common import private
    from msctool.render.audience import holds_private, redact

    class Inner(BaseModel):
        name: str
        secret: str | None = private("never public")

    class Pair(NamedTuple):
        first: Inner
        second: Inner

    class Outer(BaseModel):
        many: list[Inner] = []
        fixed: tuple[Inner, ...] = ()
        by_key: dict[str, Inner] = {}
        pair: Pair | None = None
        label: str = "outer"

    class Wrapper(BaseModel):
        one: Inner | None = None

    class Plain(BaseModel):
        name: str

    def inner(name: str) -> Inner:
        return Inner(name=name, secret=f"secret-{name}")

    outer = Outer(
        many=[inner("a")],
        fixed=(inner("b"),),
        by_key={"k": inner("c")},
        pair=Pair(inner("d"), inner("e")),
    )
    assert (holds_private(Outer), holds_private(Wrapper), holds_private(Plain)) == (
        True,
        True,
        False,
    )
    public = redact(outer)
    assert "secret-" not in repr(public) and "secret-a" in repr(outer)
    assert type(public.fixed) is tuple and type(public.pair) is Pair
    assert public.pair is not None
    names = [public.many[0].name, public.fixed[0].name, public.by_key["k"].name]
    assert [*names, public.pair.first.name, public.pair.second.name, public.label] == [
        *"abcde",
        "outer",
    ]
    wrapped = redact(Wrapper(one=inner("f")))
    assert wrapped.one is not None and (wrapped.one.name, wrapped.one.secret) == ("f", None)
    plain = Plain(name="x")
    assert redact(plain) is plain  # nothing private: no copy
