"""The streamed history reader: git log's NUL-separated output and the cat-file batch."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from msctool.gitlog import (
    BlobReader,
    _commits,
    _tokens,
    open_repo,
    parse_trailers,
    run_git,
    stream_log,
)
from msctool.gitrepo import GitError

ZERO = "0" * 40
OLD = "a" * 40
NEW = "b" * 40


def raw(*chunks: bytes) -> list[str]:
    return list(_tokens(iter(chunks)))


def test_tokens_survive_chunk_boundaries() -> None:
    assert raw(b"one\0tw", b"o\0", b"three") == ["one", "two", "three"]
    assert raw(b"caf\xc3", b"\xa9\0") == ["café"]


def test_commits_with_and_without_changes() -> None:
    tokens = [
        f"\x1e{OLD}", "", "Ann", "2026-01-02T10:00:00+01:00", "First", "Decision: 0001\n",
        f"\n:000000 100644 {ZERO} {NEW} A", "decisions/0001-a.md",
        f":100644 000000 {NEW} {ZERO} D", "decisions/0002-b.md",
        f"\x1e{NEW}", f"{OLD} {ZERO}", "Bo", "2026-01-03T10:00:00+00:00", "Merge: nothing | odd", "",
    ]  # fmt: skip
    first, second = _commits(iter(tokens))
    assert first.sha == OLD
    assert first.trailers == (("Decision", "0001"),)
    assert [(c.status, c.path, c.blob) for c in first.changes] == [
        ("A", "decisions/0001-a.md", NEW),
        ("D", "decisions/0002-b.md", NEW),  # a deletion names the removed content
    ]
    assert first.date.utcoffset() is not None and first.date.hour == 10
    assert (second.subject, second.trailers, second.changes) == ("Merge: nothing | odd", (), ())
    assert (first.parents, first.is_merge) == ((), False)
    assert (second.parents, second.is_merge) == ((OLD, ZERO), True)


def test_trailers_keep_values_with_colons() -> None:
    text = "Decision: 0003\nConsulted: city, school\nSee: https://example.org/x\n"
    assert list(parse_trailers(text)) == [
        ("Decision", "0003"),
        ("Consulted", "city, school"),
        ("See", "https://example.org/x"),
    ]


@pytest.mark.git
def test_blob_reader_and_log_on_a_real_repository(tmp_path: Path, isolated_git: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout.strip()

    git("init", "-q")
    (tmp_path / "decisions").mkdir()
    (tmp_path / "decisions" / "0001-a.md").write_bytes(b"x" * 200_000)
    (tmp_path / "other.txt").write_text("y\n")
    git("add", "-A")
    git("commit", "-q", "-m", "Start\n\nDecision: 0001")
    repo = open_repo(tmp_path)
    [commit] = list(stream_log(repo, ["decisions"]))
    assert [change.path for change in commit.changes] == ["decisions/0001-a.md"]
    with BlobReader(repo) as reader:
        found = reader.read([commit.changes[0].blob, "c" * 40, commit.changes[0].blob])
    assert found == {commit.changes[0].blob: b"x" * 200_000}


@pytest.mark.git
def test_read_tree_lists_the_files_of_a_folder(tmp_path: Path, isolated_git: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout.strip()

    git("init", "-q")
    (tmp_path / "p" / "decisions" / "sub").mkdir(parents=True)
    (tmp_path / "p" / "decisions" / "0001-één.md").write_text("one\n")
    (tmp_path / "p" / "decisions" / "sub" / "x.md").write_text("deeper\n")
    git("add", "-A")
    git("commit", "-q", "-m", "Start")
    head = git("rev-parse", "HEAD")
    blob = git("rev-parse", "HEAD:p/decisions/0001-één.md")
    with BlobReader(open_repo(tmp_path)) as reader:
        assert reader.read_tree(head, "p/decisions") == {"0001-één.md": blob}
        assert reader.read_tree(head, "p/missing") == {}


def test_git_failure_says_what_git_said(tmp_path: Path) -> None:
    with pytest.raises(GitError, match=r"git rev-parse failed: fatal: not a git repository"):
        run_git(tmp_path, "rev-parse", "HEAD")
