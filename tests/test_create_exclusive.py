"""Creating a file that must not exist yet: whole, with a new file's mode, never in place
of a file that appears meanwhile, and no temporary file left behind whatever happens."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from msctool.errors import MscIOError
from msctool.fs.atomic import create_exclusive


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def names(folder: Path) -> list[str]:
    """Every entry of ``folder``, hidden temporary files included."""
    return sorted(entry.name for entry in folder.iterdir())


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def _refuse_link(source: object, target: object) -> None:
    raise PermissionError(1, "Operation not permitted")  # a file system without hard links


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "link", _refuse_link)


@pytest.mark.parametrize("links", [True, False])
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_is_written_whole_with_the_umask_respecting_mode(
    tmp_path: Path,
    umask: Callable[[int], None],
    monkeypatch: pytest.MonkeyPatch,
    links: bool,
    mask: int,
    expected: int,
) -> None:
    if not links:
        monkeypatch.setattr(os, "link", _refuse_link)
    umask(mask)
    path = tmp_path / "0002-x.md"
    create_exclusive(path, b"ours\n")
    assert path.read_bytes() == b"ours\n"
    assert mode(path) == expected
    assert names(tmp_path) == ["0002-x.md"]


@pytest.mark.parametrize("links", [True, False])
def test_an_existing_file_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:
        monkeypatch.setattr(os, "link", _refuse_link)
    path = tmp_path / "0002-x.md"
    path.write_bytes(b"theirs\n")
    with pytest.raises(FileExistsError):
        create_exclusive(path, b"ours\n")
    assert path.read_bytes() == b"theirs\n"
    assert names(tmp_path) == ["0002-x.md"]


@pytest.mark.parametrize("links", [True, False])
def test_a_file_that_appears_while_writing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    if not links:
        monkeypatch.setattr(os, "link", _refuse_link)
    path = tmp_path / "0002-x.md"
    real_fsync = os.fsync

    def someone_writes(fd: int) -> None:  # between our own write and the link
        real_fsync(fd)
        path.write_bytes(b"theirs\n")

    monkeypatch.setattr(os, "fsync", someone_writes)
    with pytest.raises(FileExistsError):
        create_exclusive(path, b"ours\n")
    assert path.read_bytes() == b"theirs\n"
    assert names(tmp_path) == ["0002-x.md"]


def test_a_failure_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        create_exclusive(tmp_path / "0002-x.md", b"ours\n")
    assert names(tmp_path) == []


@pytest.mark.usefixtures("no_hard_links")
def test_without_hard_links_a_failed_rename_removes_the_claimed_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Path, target: Path) -> Path:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="Input/output error"):
        create_exclusive(tmp_path / "0002-x.md", b"ours\n")
    assert names(tmp_path) == []


def test_a_folder_without_write_bits_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "retros"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(MscIOError, match="is read-only"):
            create_exclusive(folder / "2026-11-27-premortem.md", b"agenda\n")
    finally:
        folder.chmod(0o755)
    assert names(folder) == []
