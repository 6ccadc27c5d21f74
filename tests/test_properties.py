"""Property tests: whatever YAML a user writes, msc answers with findings or a model."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import AS_OF, base_files, dump, write_tree
from msctool.findings import Finding
from msctool.load.loader import load_partnership
from msctool.rules.check import run_check

YAML_ALPHABET = st.sampled_from(list("ab:- \n\t[]{},'\"#&*!|>?%@`0129.~"))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=12), st.sampled_from(["id", "partners", "raci"])),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
FILES = [
    "partnership.yaml",
    "partners.yaml",
    "activities.yaml",
    "metrics.yaml",
    "roi.yaml",
    "engagement.yaml",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_answers(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), files)
        loaded = load_partnership(root)
        assert loaded.partnership is not None or loaded.findings
        report = run_check(root, as_of=AS_OF)
        for finding in report.findings:
            assert isinstance(finding, Finding)
            assert finding.line >= 1 and finding.column >= 1
            assert finding.code.startswith("MSC")


@SETTINGS
@given(name=st.sampled_from(FILES), text=st.text(YAML_ALPHABET, max_size=200))
def test_arbitrary_text_gives_findings_or_a_model(name: str, text: str) -> None:
    files = base_files()
    files[name] = text
    assert_answers(files)


@SETTINGS
@given(name=st.sampled_from(FILES), data=documents)
def test_arbitrary_documents_give_findings_or_a_model(name: str, data: Any) -> None:
    files = base_files()
    files[name] = dump(data)
    assert_answers(files)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@SETTINGS
@given(name=st.sampled_from(FILES), choice=st.integers(0, 10_000), replacement=documents)
def test_one_value_replaced_anywhere_is_reported_at_a_real_line(
    name: str, choice: int, replacement: Any
) -> None:
    files = base_files()
    paths = _paths(files[name])[1:]
    path = paths[choice % len(paths)]
    parent = files[name]
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = replacement
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder), files)
        report = run_check(root, as_of=AS_OF)
        lines = len((root / name).read_text().splitlines())
        for finding in report.findings:
            if finding.file == name:
                assert 1 <= finding.line <= max(lines, 1)
