"""Decisions that supersede each other in a cycle: an error in `msc check` (MSC015),
a warning in `msc log` and on the site's decision timeline, never a loop or a crash."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import AS_OF, base_files, msc, repository, write_tree
from msctool.findings import Finding
from msctool.history.decisionlog import decision_log
from msctool.load.loader import load_partnership
from msctool.model.supersession import cycles, describe
from msctool.rules.check import run_check
from msctool.site.decisions import timeline


def record(number: int, supersedes: list[int]) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": number,
        "title": f"Decision {number}",
        "date": date(2026, 1, number),
        "status": "accepted",
        "body": "steering",
        "supersedes": supersedes,
    }


def path(number: int) -> str:
    return f"decisions/{number:04d}-decision-{number}.md"


def with_decisions(links: dict[int, list[int]]) -> dict[str, Any]:
    """base_files() with decision ``n`` superseding ``links[n]`` for every key."""
    files = base_files()
    for number, old in links.items():
        files[path(number)] = record(number, old)
    return files


def findings(tmp_path: Path, links: dict[int, list[int]]) -> list[Finding]:
    root = write_tree(tmp_path / "p", with_decisions(links))
    return [f for f in run_check(root, as_of=AS_OF).findings if f.code == "MSC015"]


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("supersedes:"))
    return next(n for n in range(start, len(lines)) if lines[n] == needle) + 1


# -- msc check -------------------------------------------------------------------------


def test_a_decision_superseding_itself_is_a_cycle_of_one(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, {2: [2]})
    assert (finding.file, finding.severity) == (path(2), "error")
    assert finding.line == line_of(tmp_path / "p", path(2), "- 2")
    assert finding.column == 3
    assert "supersedes itself" in finding.message


def test_two_decisions_superseding_each_other_are_one_finding(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, {2: [6], 6: [2]})
    assert finding.file == path(2)
    assert finding.line == line_of(tmp_path / "p", path(2), "- 6")
    assert "0002 → 0006 → 0002" in finding.message


def test_a_cycle_of_three_is_named_whole_at_its_lowest_number(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, {2: [1, 7], 7: [5], 5: [2]})
    assert finding.file == path(2)
    assert finding.line == line_of(tmp_path / "p", path(2), "- 7")
    assert "0002 → 0007 → 0005 → 0002" in finding.message
    assert finding.hint


def test_two_separate_cycles_are_two_findings(tmp_path: Path) -> None:
    found = findings(tmp_path, {2: [3], 3: [2], 5: [6], 6: [5], 7: [7]})
    assert sorted(f.file for f in found) == [path(2), path(5), path(7)]


def test_a_chain_without_a_cycle_is_no_finding(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", with_decisions({2: [1], 3: [2, 1], 4: [3]}))
    report = run_check(root, as_of=AS_OF)
    assert "MSC015" not in [f.code for f in report.findings]
    assert report.errors == []


def test_cli_check_names_file_line_and_column(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", with_decisions({2: [6], 6: [2]}))
    result = msc("check", str(root), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1
    line = line_of(root, path(2), "- 6")
    assert f"{path(2)}:{line}:3: MSC015" in result.output
    assert result.output.count("MSC015") == 1


# -- the cycle finder, against brute force ---------------------------------------------


def _reaches(graph: dict[int, list[int]], start: int, goal: int) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for target in graph.get(node, ()):
            if target == goal:
                return True
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return False


graphs = st.dictionaries(
    st.integers(1, 8), st.lists(st.integers(1, 9), max_size=3), min_size=1, max_size=8
)


@given(graphs)
def test_every_decision_on_a_cycle_is_in_exactly_one_reported_cycle(
    graph: dict[int, list[int]],
) -> None:
    on_a_cycle = {n for n in graph if _reaches(graph, n, n)}
    found = cycles(graph)
    members = [n for cycle in found for n in cycle]
    assert set(members) <= on_a_cycle
    for cycle in found:
        assert cycle[0] == min(cycle)
        assert len(set(cycle)) == len(cycle)
        for here, there in itertools.pairwise((*cycle, cycle[0])):
            assert there in graph[here]
    # one cycle per group of decisions that reach each other
    groups = {frozenset(m for m in on_a_cycle if _reaches(graph, n, m)) | {n} for n in on_a_cycle}
    assert len(found) == len(groups)
    assert all(any(set(cycle) <= g for g in groups) for cycle in found)


def test_a_long_ring_is_found_without_recursion() -> None:
    size = 5000
    graph = {n: [n + 1] for n in range(1, size)} | {size: [1]}
    [ring] = cycles(graph)
    assert ring == tuple(range(1, size + 1))
    assert describe((2, 6)) == "0002 → 0006 → 0002"


# -- msc log and the site --------------------------------------------------------------


@pytest.mark.git
@pytest.mark.usefixtures("isolated_git")
@pytest.mark.parametrize(
    ("links", "cycle"), [({2: [2]}, "0002 → 0002"), ({2: [6], 6: [2]}, "0002 → 0006 → 0002")]
)
def test_log_and_timeline_warn_about_a_cycle_in_history(
    tmp_path: Path, links: dict[int, list[int]], cycle: str
) -> None:
    root = write_tree(tmp_path / "p", with_decisions(links))
    repository(root, message="Decisions in a cycle")

    log = decision_log(root, use_cache=False)
    [warning] = [w for w in log.warnings if w.code == "LOG009"]
    assert cycle in warning.message
    assert warning.file == path(2)
    assert {d.id for d in log.decisions} >= set(links)

    found = timeline(load_partnership(root).partnership)
    assert found.from_history
    assert sum(cycle in w for w in found.warnings) == 1
