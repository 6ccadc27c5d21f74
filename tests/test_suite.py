"""The suite itself holds the line: snapshots, skips, property tests and CI."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import helpers
from helpers import REPO, git, nonempty, require, snapshot, snapshot_bytes

TESTS = Path(__file__).parent
TEST_FILES = sorted(TESTS.glob("*.py"))


def sources() -> list[tuple[Path, str]]:
    """Every test file but the shared helpers and fixtures (helpers.py, conftest.py) and
    this one."""
    mine = {"conftest.py", "helpers.py", Path(__file__).name}
    return [(p, p.read_text(encoding="utf-8")) for p in TEST_FILES if p.name not in mine]


# --------------------------------------------------------------------------- snapshots


@pytest.fixture
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(helpers, "SNAPSHOTS", tmp_path)
    monkeypatch.delenv(helpers.UPDATE_SNAPSHOTS, raising=False)
    return tmp_path


def test_a_missing_snapshot_fails_and_writes_nothing(snapshots: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="MSC_UPDATE_SNAPSHOTS=1"):
        snapshot("new.md", "# output\n")
    with pytest.raises(pytest.fail.Exception, match="missing"):
        snapshot_bytes("new.html", b"<p>output</p>")
    assert list(snapshots.iterdir()) == []


def test_a_different_output_fails_and_leaves_the_snapshot(snapshots: Path) -> None:
    (snapshots / "out.md").write_text("# reviewed\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        snapshot("out.md", "# changed\n")
    with pytest.raises(AssertionError):  # bytes the text comparison could not see
        snapshot_bytes("out.md", b"# reviewed\r\n")
    assert (snapshots / "out.md").read_text(encoding="utf-8") == "# reviewed\n"


def test_snapshots_are_written_only_when_asked(
    snapshots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (snapshots / "out.md").write_text("# old\n", encoding="utf-8")
    monkeypatch.setenv(helpers.UPDATE_SNAPSHOTS, "1")
    snapshot("out.md", "# new\n")
    snapshot_bytes("new.eml", b"Subject: x\r\n")
    assert (snapshots / "out.md").read_text(encoding="utf-8") == "# new\n"
    assert (snapshots / "new.eml").read_bytes() == b"Subject: x\r\n"


def test_no_test_writes_a_snapshot_itself() -> None:
    """Only helpers.snapshot_bytes writes under tests/snapshots, and only when asked."""
    writes = re.compile(r"snapshot\w*\.(write_text|write_bytes|open)\(|SNAPSHOTS\b.*\.write_")
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path, text in sources()
        for number, line in enumerate(text.splitlines(), 1)
        if writes.search(line)
    ]
    assert offenders == []


# --------------------------------------------------------------------------- skips


def test_no_test_skips_on_its_own() -> None:
    """Every skip goes through helpers.require, which fails instead when CI asks."""
    pattern = re.compile(r"importorskip|pytest\.skip\(|mark\.skip(if)?\b|pytest\.xfail\(")
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path, text in sources()
        for number, line in enumerate(text.splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == [], (
        "skip through helpers.require(available, what) for a missing tool, or leave "
        "cases that do not apply out of the parametrisation"
    )


@pytest.mark.parametrize("env", ["MSC_REQUIRE_TOOLS", "MSC_REQUIRE_BROWSER"])
def test_a_missing_tool_fails_when_ci_requires_it(
    env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(env, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{env}=1"):
        require(False, "a tool", env=env)
    monkeypatch.delenv(env)
    with pytest.raises(pytest.skip.Exception):
        require(False, "a tool", env=env)
    require(True, "a tool", env=env)  # present: neither


def test_an_xfail_cannot_swallow_a_missing_tool() -> None:
    """pytest.fail inside an xfail test counts as the expected failure unless the mark
    names the exception it expects."""
    for path, text in sources():
        for mark in re.findall(r"@pytest\.mark\.xfail\((.*?)\n\)", text, flags=re.S):
            assert "raises=" in mark, path.name


# --------------------------------------------------------------------------- properties


def _is_property_test(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef) and any(
        isinstance(d, ast.Call) and getattr(d.func, "id", "") == "given"
        for d in node.decorator_list
    )


def _asserts(node: ast.AST) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Assert):
            return True
        if isinstance(child, ast.Call):
            name = getattr(child.func, "id", getattr(child.func, "attr", ""))
            if name.startswith("assert") or name == "raises":
                return True
    return False


def test_every_property_test_asserts_something() -> None:
    """A property test that only runs code checks that it does not crash, nothing more."""
    tests = [
        (path.name, node)
        for path, text in sources()
        for node in ast.walk(ast.parse(text))
        if _is_property_test(node)
    ]
    assert [f"{name}::{node.name}" for name, node in nonempty(tests) if not _asserts(node)] == []


def test_nonempty_refuses_an_empty_collection() -> None:
    assert nonempty(iter([1, 2])) == [1, 2]
    with pytest.raises(AssertionError, match="no findings to check"):
        nonempty([], "findings")


# --------------------------------------------------------------------------- CI


def ci_tree_check(test_command: str) -> str:
    """The tail of .ci/run that compares the tree before and after the tests, with
    ``test_command`` in place of the README's."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    tail = script[script.index("tree_status()") :]
    readme_command = next(line for line in tail.splitlines() if line.endswith("&& pytest"))
    return "set -euo pipefail\n" + tail.replace(readme_command, test_command)


@pytest.mark.git
@pytest.mark.parametrize(
    ("command", "fails"),
    [
        ("echo new > tests/new-snapshot.txt", True),
        ("echo changed >> README.md", True),
        ("rm README.md", True),
        ("mkdir -p .venv test-artifacts && touch .venv/x test-artifacts/shot.png", False),
        ("true", False),
    ],
)
def test_ci_fails_when_the_tests_change_the_tree(
    tmp_path: Path, isolated_git: Path, command: str, fails: bool
) -> None:
    repo = tmp_path / "checkout"
    (repo / "tests").mkdir(parents=True)
    shutil.copy(REPO / ".gitignore", repo / ".gitignore")
    (repo / "README.md").write_text("# msc\n", encoding="utf-8")
    (repo / "notes.txt").write_text("left by the developer\n", encoding="utf-8")  # untracked
    git(repo, "init", "-q")
    git(repo, "add", ".gitignore", "README.md")
    git(repo, "commit", "-qm", "start")
    done = subprocess.run(
        ["bash", "-c", ci_tree_check(command)], cwd=repo, capture_output=True, text=True
    )
    assert (done.returncode != 0) is fails, done.stderr
    assert ("changed the tree" in done.stderr) is fails
