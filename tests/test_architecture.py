"""The package's rooms: data flows one way through them, no module is too big to read.

Read from the source with :mod:`ast` (imports inside functions count too), so
the rules hold for what the code says, not for what a test happens to import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from msctool.load.loader import LIST_FILES
from msctool.load.root import ROI_FILE, ROOT_FILE, TOP_FILES

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "msctool"
MAX_LINES = 600

FOUNDATIONS = ("errors", "findings", "suggest", "escaping", "days")
LAYERS: dict[str, int] = {
    **dict.fromkeys(FOUNDATIONS, 0),
    "fs": 1,
    "model": 1,
    "load": 2,
    "rules": 3,
    "history": 3,
    "collect": 3,
    "render": 4,
    "edits": 4,
    "site": 5,
    "cli": 6,
}
"""The data flows up: files -> loading -> models -> rules, history -> renders, edits ->
the site -> the command line. A room imports its own layer or lower ones only."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str | None:
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _imported(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            yield full if full in modules() else node.module


def imports_of(module: str) -> set[str]:
    """Every module of the package that ``module`` imports, anywhere in its body."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        for name in _imported(node):
            if name.startswith("msctool"):
                target = _resolve(name)
                if target and target not in (module, "msctool"):
                    found.add(target)
    return found


def all_imports() -> dict[str, set[str]]:
    return {module: imports_of(module) for module in modules()}


def room(module: str) -> str:
    """``msctool.load.loader`` -> ``load``; ``msctool.errors`` -> ``errors``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle_through_three_modules() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules() -> None:
    assert cycles(all_imports()) == []


def test_every_module_has_a_room_with_a_layer() -> None:
    homeless = [m for m in modules() if m.count(".") and room(m) not in LAYERS]
    homeless = [m for m in homeless if room(m) not in ("__main__",)]
    assert homeless == []


def _upward() -> list[str]:
    wrong = []
    for module, targets in all_imports().items():
        if room(module) not in LAYERS:
            continue  # the package face and __main__ sit above every room
        for target in targets:
            if LAYERS[room(target)] > LAYERS[room(module)]:
                wrong.append(f"{module} -> {target}")
    return sorted(wrong)


def test_data_flows_one_way_no_room_imports_a_room_above_it() -> None:
    assert _upward() == []


def test_the_library_never_imports_the_command_line() -> None:
    speaking = []
    for module, path in modules().items():
        if room(module) == "cli" or module == "msctool.__main__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _imported(node):
                if name.split(".")[0] in ("typer", "click") or name.startswith("msctool.cli"):
                    speaking.append(f"{module} imports {name}")
    assert speaking == []


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_module_is_over_600_lines(module: str) -> None:
    lines = modules()[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by job"


def test_package_faces_hand_names_on_and_do_little_else() -> None:
    """A package's ``__init__`` is its face: a docstring and, at most, names it hands on
    (a module ``__getattr__`` hands them on lazily)."""
    busy = []
    for module, path in modules().items():
        if path.name != "__init__.py" or module == "msctool":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            lazy = isinstance(node, ast.FunctionDef) and node.name == "__getattr__"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not lazy:
                busy.append(f"{module} defines {node.name}")
    assert busy == []


def test_the_folder_layout_is_said_once() -> None:
    """The loader reads exactly the top files the layout names."""
    read = {ROOT_FILE, ROI_FILE, *(spec.name for spec in LIST_FILES)}
    assert read == set(TOP_FILES)
    assert len(TOP_FILES) == len(set(TOP_FILES))


def _documented_rooms() -> set[str]:
    doc = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("## Rooms", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return {name.strip("`/ ") for cell in first_cells for name in cell.split(",")}


def test_the_architecture_map_names_every_room_and_no_other() -> None:
    """docs/architecture.md is a map of the tree: one line per room, kept equal to it."""
    assert _documented_rooms() == set(LAYERS)


def test_the_mutation_groups_name_files_that_exist() -> None:
    """bench/mutation.py runs by hand; a moved module must not silently drop out of it."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("mutation", SRC.parent / "bench" / "mutation.py")
    assert spec is not None and spec.loader is not None
    mutation = importlib.util.module_from_spec(spec)
    sys.modules["mutation"] = mutation  # its dataclasses look their module up
    try:
        spec.loader.exec_module(mutation)
    finally:
        del sys.modules["mutation"]
    named = [path for group in mutation.GROUPS.values() for path in (*group.modules, *group.tests)]
    missing = [path for path in named if not (SRC.parent / path).is_file()]
    assert named and missing == []
