"""The streamed history reader: git log's NUL-separated output and the cat-file batch."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import git
from msctool.history.commits import (
    BlobReader,
    _commits,
    _tokens,
    open_repo,
    parse_trailers,
    run_git,
    stream_log,
)
from msctool.history.repo import GitError

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
    git(tmp_path, "init", "-q")
    (tmp_path / "decisions").mkdir()
    (tmp_path / "decisions" / "0001-a.md").write_bytes(b"x" * 200_000)
    (tmp_path / "other.txt").write_text("y\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start\n\nDecision: 0001")
    repo = open_repo(tmp_path)
    [commit] = list(stream_log(repo, ["decisions"]))
    assert [change.path for change in commit.changes] == ["decisions/0001-a.md"]
    with BlobReader(repo) as reader:
        found = reader.read([commit.changes[0].blob, "c" * 40, commit.changes[0].blob])
    assert found == {commit.changes[0].blob: b"x" * 200_000}


@pytest.mark.git
def test_read_tree_lists_the_files_of_a_folder(tmp_path: Path, isolated_git: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "p" / "decisions" / "sub").mkdir(parents=True)
    (tmp_path / "p" / "decisions" / "0001-één.md").write_text("one\n")
    (tmp_path / "p" / "decisions" / "sub" / "x.md").write_text("deeper\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start")
    head = git(tmp_path, "rev-parse", "HEAD")
    blob = git(tmp_path, "rev-parse", "HEAD:p/decisions/0001-één.md")
    with BlobReader(open_repo(tmp_path)) as reader:
        assert reader.read_tree(head, "p/decisions") == {"0001-één.md": blob}
        assert reader.read_tree(head, "p/missing") == {}


def test_git_failure_says_what_git_said(tmp_path: Path) -> None:
    with pytest.raises(GitError, match=r"git rev-parse failed: fatal: not a git repository"):
        run_git(tmp_path, "rev-parse", "HEAD")


def test_much_git_chatter_on_stderr_does_not_stop_the_log() -> None:
    import sys

    from msctool.history.commits import _read_log

    script = (
        "import sys\n"
        "sys.stderr.write('warning: chatter\\n' * 20000)\n"  # 340 KB: five pipes' worth
        "sys.stderr.write('fatal: the real reason\\n')\n"
        "sys.exit(3)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with pytest.raises(GitError, match="git log failed: fatal: the real reason"):
        list(_read_log(process))


def test_cat_file_batches_are_limited_by_count_and_by_bytes() -> None:
    from msctool.history.git import batches

    short = [f"{n:08x}" for n in range(2500)]
    assert [len(batch) for batch in batches(short)] == [1000, 1000, 500]
    shas = [f"{n:040x}" for n in range(1000)]  # 41 bytes each: 799 fit in 32 KiB
    assert [len(batch) for batch in batches(shas)] == [799, 201]
    long = [f"HEAD:{'d' * 250}/{n}" for n in range(300)]
    grouped = list(batches(long))
    assert [name for batch in grouped for name in batch] == long
    assert all(sum(len(name) + 1 for name in batch) <= 32 * 1024 for batch in grouped)
    assert len(grouped) == 3
    assert list(batches(["x" * 40_000, "y"])) == [["x" * 40_000], ["y"]]


@pytest.mark.git
def test_many_long_names_are_read_without_blocking(tmp_path: Path, isolated_git: Path) -> None:
    git(tmp_path, "init", "-q")
    folder = tmp_path / ("d" * 120) / ("e" * 120)
    folder.mkdir(parents=True)
    for n in range(500):  # 500 names of ~260 bytes: 130 KB asked, 1 MB answered
        (folder / f"{n:03d}.txt").write_bytes(b"%03d" % n * 700)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start")
    names = [f"HEAD:{'d' * 120}/{'e' * 120}/{n:03d}.txt" for n in range(500)]
    with BlobReader(open_repo(tmp_path)) as reader:
        found = reader.read(names)
    assert len(found) == 500 and found[names[7]] == b"007" * 700
