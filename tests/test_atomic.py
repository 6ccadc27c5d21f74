"""Atomic writes keep what the file system knew about a file: its mode, its link, its
neighbours; a new file gets the mode a plain ``open()`` would give it."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import MakeP, msc
from msctool.errors import MscIOError
from msctool.fs.atomic import (
    new_file_mode,
    write_bytes_atomic,
    write_files_atomic,
    write_text_atomic,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test; the old one comes back afterwards."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize("bits", [0o644, 0o664, 0o600, 0o640, 0o755, 0o666])
def test_an_edit_keeps_the_files_mode(tmp_path: Path, bits: int) -> None:
    path = tmp_path / "partners.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(bits)
    write_bytes_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert mode(path) == bits


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_respecting_mode(
    tmp_path: Path, umask: Callable[[int], None], mask: int, expected: int
) -> None:
    umask(mask)
    assert new_file_mode() == expected
    write_files_atomic({tmp_path / "a.csv": b"a\n", tmp_path / "b.csv": b"b\n"})
    assert [mode(tmp_path / name) for name in ("a.csv", "b.csv")] == [expected, expected]
    assert os.umask(mask) == mask  # asking for the mode left the umask as it was


def test_each_file_of_a_step_keeps_its_own_mode(tmp_path: Path) -> None:
    shared, private = tmp_path / "metrics.yaml", tmp_path / "partners.yaml"
    for path, bits in ((shared, 0o664), (private, 0o600)):
        path.write_text("old\n", encoding="utf-8")
        path.chmod(bits)
    write_files_atomic({shared: b"1\n", private: b"2\n"})
    assert (mode(shared), mode(private)) == (0o664, 0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metrics.yaml", "partners.yaml"]


def test_a_link_is_written_through_and_the_target_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o664)
    link = tmp_path / "partners.yaml"
    link.symlink_to(target.name)
    write_bytes_atomic(link, b"new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"
    assert mode(target) == 0o664


def test_a_failed_rename_leaves_no_temporary_file_and_names_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("a\n", encoding="utf-8")
    second.write_text("b\n", encoding="utf-8")
    real = Path.replace
    calls: list[Path] = []

    def replace_once(self: Path, target: Path) -> Path:
        calls.append(Path(target))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace_once)
    with pytest.raises(MscIOError) as caught:
        write_files_atomic({first: b"A\n", second: b"B\n"})
    assert (
        str(caught.value)
        == f"cannot write {second}: No space left on device (a.yaml already written)"
    )
    assert (first.read_bytes(), second.read_bytes()) == (b"A\n", b"b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_an_edit_command_keeps_a_group_writable_file_group_writable(
    make_partnership: MakeP,
) -> None:
    root = make_partnership()
    path = root / "partners.yaml"
    path.chmod(0o664)
    result = msc("partner", "leave", "school", "--date", "2026-11-01", "-C", str(root))
    assert result.exit_code == 0, result.output
    assert "left: 2026-11-01" in path.read_text(encoding="utf-8")
    assert mode(path) == 0o664


@pytest.mark.parametrize(("mask", "expected"), [(0o002, 0o664), (0o022, 0o644)])
def test_new_records_and_agendas_get_the_umask_respecting_mode(
    make_partnership: MakeP, umask: Callable[[int], None], mask: int, expected: int
) -> None:
    root = make_partnership()
    umask(mask)
    decided = msc("decide", "Meet monthly", "-C", str(root), "--no-commit")
    assert decided.exit_code == 0, decided.output
    agenda = msc("retro", "new", "--kind", "premortem", "-C", str(root), "--date", "2026-11-27")
    assert agenda.exit_code == 0, agenda.output
    made = [root / "decisions" / "0002-meet-monthly.md", root / "retros/2026-11-27-premortem.md"]
    assert [mode(path) for path in made] == [expected, expected]


def test_the_temporary_file_is_hidden_next_to_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Next to it, so the rename stays on one file system; named `.NAME.*.tmp`, which the
    tests' "no temporary file left" checks look for."""
    path = tmp_path / "data" / "neet.csv"
    path.parent.mkdir()
    real = Path.replace
    renames: list[tuple[Path, Path]] = []

    def replace(self: Path, target: Path) -> Path:
        renames.append((self, Path(target)))
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    write_bytes_atomic(path, b"metric,date,value\n")
    [(temporary, target)] = renames
    assert target == path and temporary.parent == path.parent
    assert temporary.name.startswith(".neet.csv.") and temporary.name.endswith(".tmp")


@pytest.mark.parametrize("bits", [0o444, 0o555, 0o400, 0o551])
def test_a_file_without_write_bits_is_refused_even_for_root(tmp_path: Path, bits: int) -> None:
    path = tmp_path / "partners.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(bits)
    with pytest.raises(MscIOError) as caught:
        write_bytes_atomic(path, b"new\n")
    assert str(caught.value) == f"cannot write {path}: the file is read-only"
    path.chmod(0o644)
    assert path.read_bytes() == b"old\n" and sorted(tmp_path.iterdir()) == [path]


def test_a_folder_that_is_not_there_is_named(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "neet.csv"
    with pytest.raises(MscIOError) as caught:
        write_files_atomic({tmp_path / "a.csv": b"a\n", path: b"b\n"})
    assert str(caught.value) == f"cannot write {path}: No such file or directory"
    assert list(tmp_path.iterdir()) == []  # the first file's temporary file is gone too


@pytest.mark.parametrize("gone", [False, True])
def test_a_first_rename_that_fails_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gone: bool
) -> None:
    """Also when the failed rename took its temporary file with it."""
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"

    def fail(self: Path, target: Path) -> Path:
        if gone:
            self.unlink()
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(MscIOError) as caught:
        write_files_atomic({first: b"A\n", second: b"B\n"})
    assert str(caught.value) == f"cannot write {first}: Input/output error"
    assert list(tmp_path.iterdir()) == []


def test_text_is_written_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "partners.yaml"
    write_text_atomic(path, "name: Gemeente Súdwest-Fryslân\n")
    assert path.read_bytes() == "name: Gemeente Súdwest-Fryslân\n".encode()


def test_a_later_rename_that_fails_names_every_file_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / name for name in ("a.yaml", "b.yaml", "c.yaml")]
    real = Path.replace

    def replace(self: Path, target: Path) -> Path:
        if Path(target).name == "c.yaml":
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(MscIOError) as caught:
        write_files_atomic(dict.fromkeys(paths, b"x\n"))
    assert str(caught.value).endswith("(a.yaml, b.yaml already written)")


def test_a_full_disk_while_writing_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "metrics.yaml"
    path.write_text("old\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(MscIOError) as caught:
        write_bytes_atomic(path, b"new\n")
    assert str(caught.value) == f"cannot write {path}: No space left on device"
    assert path.read_bytes() == b"old\n" and list(tmp_path.iterdir()) == [path]


def test_errors_name_the_path_as_given_not_where_a_folder_link_leads(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real)
    path = tmp_path / "linked" / "roi.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(MscIOError) as caught:
        write_bytes_atomic(path, b"new\n")
    assert str(caught.value) == f"cannot write {path}: the file is read-only"


@pytest.mark.parametrize("how", ["bytes", "text", "files"])
def test_every_entry_point_confines_to_the_folder_it_is_given(tmp_path: Path, how: str) -> None:
    """A link inside the partnership is written through only for a path the user named
    (root=None); with the folder given, it is refused and nothing is written."""
    from msctool.errors import UserError

    root = tmp_path / "p"
    root.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text("theirs\n", encoding="utf-8")
    link = root / "partners.yaml"
    link.symlink_to(outside)
    write = {
        "bytes": lambda: write_bytes_atomic(link, b"ours\n", root=root),
        "text": lambda: write_text_atomic(link, "ours\n", root=root),
        "files": lambda: write_files_atomic({root / "a.yaml": b"a\n", link: b"ours\n"}, root=root),
    }[how]
    with pytest.raises(UserError):
        write()
    assert outside.read_text(encoding="utf-8") == "theirs\n"
    assert sorted(p.name for p in root.iterdir()) == ["partners.yaml"]


@pytest.mark.parametrize("bits", [0o555, 0o551, 0o500])
def test_a_new_file_in_a_folder_without_write_bits_is_refused(tmp_path: Path, bits: int) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(bits)
    target = folder / "neet.csv"
    try:
        with pytest.raises(MscIOError) as caught:
            write_bytes_atomic(target, b"x\n")
    finally:
        folder.chmod(0o755)
    assert str(caught.value) == f"cannot write {target}: the folder {folder} is read-only"
    assert list(folder.iterdir()) == []
