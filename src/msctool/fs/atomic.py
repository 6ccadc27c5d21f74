"""Atomic writes: a temporary file in the same folder, then a rename (or a link).

The one place msc makes temporary files and syncs them to disk.

Every write names the partnership folder it belongs to (``root``): each path is
then confined to it (:func:`msctool.fs.confine.confined`: no symbolic link on the
way, nothing outside the folder, portable names) before anything is written.
``root=None`` is for a path the user named (``-o``): it is theirs, and a symbolic
link there is written through (the file it points to is replaced, the link stays).
A file keeps its permission bits; a new file gets 0o666 less the umask, as ``open()`` gives.

:func:`write_files_atomic` writes several files as one step: every temporary
file is written (and synced) before the first rename, so a failure while
writing (a full disk, a read-only folder) leaves every file as it was.

:func:`create_exclusive` creates a file that must not exist yet (a decision
record, a retrospective agenda): whole, and never in place of a file that
appeared meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from msctool.errors import MscIOError
from msctool.fs.confine import confined


def write_text_atomic(path: Path, text: str, *, root: Path | None = None) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one."""
    write_bytes_atomic(path, text.encode("utf-8"), root=root)


def write_bytes_atomic(path: Path, data: bytes, *, root: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one."""
    write_files_atomic({Path(path): data}, root=root)


def write_files_atomic(files: Mapping[Path, bytes], *, root: Path | None = None) -> None:
    """Write every file of ``files``: all temporary files first, then the renames.

    ``root``: the partnership folder every path must stay in (checked for all of
    them before the first is written); None: paths the user named. Every write msc
    makes by itself passes its partnership folder.

    A failure before the renames removes the temporary files and leaves every file
    untouched; a rename that fails after others succeeded (rare: the temporary file
    is already in the same folder) says which files were written. An interruption
    (Ctrl-C) anywhere also removes the temporary files left, then goes on.
    """
    targets = [_target(Path(path), root) for path in files]
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            staged.append((_staged(target, data), target))
    except BaseException:
        _remove(tmp for tmp, _ in staged)
        raise
    _rename_all(staged)


def _rename_all(staged: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file to its path; on any failure remove the ones not renamed."""
    done: list[Path] = []
    try:
        for tmp, path in staged:
            tmp.replace(path)
            done.append(path)
    except BaseException as exc:
        _remove(tmp for tmp, _ in staged[len(done) :])
        if not isinstance(exc, OSError):
            raise
        path = staged[len(done)][1]
        written = f" ({', '.join(p.name for p in done)} already written)" if done else ""
        raise MscIOError(f"cannot write {path}: {exc.strerror}{written}") from exc


def _target(path: Path, root: Path | None) -> Path:
    """Where ``path`` is written: confined to ``root``; for a path the user named, the
    file a symbolic link points to (a rename would put a file in the link's place)."""
    if root is not None:
        return confined(path, root)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _staged(path: Path, data: bytes) -> Path:
    """A synced temporary file next to ``path`` holding ``data``, with ``path``'s mode."""
    _refuse_read_only(path)
    try:
        return _synced_temporary(
            path, data, lambda: path.stat().st_mode & 0o777 if path.exists() else new_file_mode()
        )
    except OSError as exc:
        raise MscIOError(f"cannot write {path}: {exc.strerror}") from exc


def _synced_temporary(path: Path, data: bytes, mode: Callable[[], int]) -> Path:
    """A hidden temporary file next to ``path`` (``.NAME.XXXX.tmp``) holding ``data``,
    synced to disk, with the permission bits ``mode`` gives once it is written. Any
    failure (or an interruption) removes it again and goes on."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode())
    except BaseException:
        _remove([tmp])
        raise
    return tmp


def create_exclusive(path: Path, data: bytes) -> None:
    """Create ``path`` holding ``data`` only if it does not exist, and never in place
    of a file that appears meanwhile: :class:`FileExistsError` if it exists (then and
    now), any other :class:`OSError` as the system raised it (the caller names the file).

    ``data`` goes to a synced temporary file next to ``path`` with the mode a new file
    gets (:func:`new_file_mode`), which is then hard-linked to ``path`` (a link fails
    when ``path`` exists). On a file system without hard links, ``path`` is first
    claimed by creating it exclusively (empty), then the temporary file is renamed onto
    it. The temporary file is gone afterwards, whatever happened; so is a claimed
    ``path`` when the rename fails. The caller confines ``path`` and makes its folder;
    a folder nobody may write to is refused (:func:`refuse_read_only_folder`).
    """
    refuse_read_only_folder(path.parent, path)
    tmp = _synced_temporary(path, data, new_file_mode)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: claim the name, then rename onto it
            _claim_and_rename(tmp, path)
    finally:
        _remove([tmp])


def _claim_and_rename(tmp: Path, path: Path) -> None:
    """Create ``path`` exclusively (:class:`FileExistsError` if it exists), then
    replace that empty file of ours with ``tmp``; on failure remove it again."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # less the umask
    try:
        tmp.replace(path)
    except BaseException:
        _remove([path])
        raise


def new_file_mode() -> int:
    """The mode of a new file: what a plain ``open()`` gives it, 0o666 less the umask
    (0o644 under the usual umask 022, 0o664 under 002 for a shared group folder)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _refuse_read_only(path: Path) -> None:
    """A rename would replace a read-only file as easily as any other: refuse, as a
    plain write would (also for root, who may write anything)."""
    refuse_read_only_folder(path.parent, path)
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # a new file
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise MscIOError(f"cannot write {path}: the file is read-only")


def refuse_read_only_folder(folder: Path, target: Path) -> None:
    """Refuse to create ``target`` in a folder nobody may write to (mode without any
    write bit), also for root, who could: msc keeps to what the folder says."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return  # made later, or reported by the write itself
    if not mode & 0o222 or not os.access(folder, os.W_OK):
        raise MscIOError(f"cannot write {target}: the folder {folder} is read-only")


def _remove(paths: Iterable[Path]) -> None:
    for tmp in paths:
        with contextlib.suppress(OSError):
            tmp.unlink()
