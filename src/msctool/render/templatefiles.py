"""Reading a partnership's own template files without following links.

A partnership's ``templates/`` folder is committed by any partner, so a
template there must not reach a file elsewhere: the folder, every folder in a
template's path and the template itself must be real folders and a regular
file (no symbolic links, no devices or pipes), inside the folder and at most
:data:`MAX_TEMPLATE_BYTES`. Anything else is refused with a :class:`TemplateFileError`
naming the file. Template names are paths inside the folder: no ``..``, no
absolute paths.
"""

from __future__ import annotations

import errno
import importlib.resources
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from msctool.errors import MscIOError, UserError
from msctool.fs.confine import FILE, FOLDER, LINK, entry_kind

OVERRIDE_DIR = "templates"
MAX_TEMPLATE_BYTES = 1024 * 1024
"""Far above any real template; a larger file is refused rather than read."""

_LINK_HINT = (
    "replace the link with the file or folder itself: a template must not reach files"
    " outside templates/"
)


class TemplateFileError(UserError):
    """A template file, folder or name that msc does not read."""


def name_parts(name: str) -> list[str]:
    """The folders and file of template ``name``; refused if it leaves the folder."""
    parts = name.split("/")
    bad = "\\" in name or "\0" in name or ":" in parts[0]
    if bad or name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise TemplateFileError(
            f"template name `{name}` is not a path inside templates/",
            hint='name a template by its path inside templates/, e.g. "macros.md.j2"',
        )
    return parts


def own_folder(root: Path) -> Path | None:
    """The partnership's ``templates/`` folder; None if there is none."""
    folder = root / OVERRIDE_DIR
    kind = _kind(folder)
    if kind is None:
        return None
    if kind == LINK:
        raise TemplateFileError(f"{OVERRIDE_DIR}/ is a symbolic link", hint=_LINK_HINT)
    if kind != FOLDER:
        raise TemplateFileError(
            f"{OVERRIDE_DIR} is not a folder", hint="templates/ holds template files"
        )
    return folder


def find_own(folder: Path, parts: list[str]) -> Path | None:
    """The regular file at ``parts`` inside ``folder``, None if absent; refused if a
    link, a pipe or device, or outside the folder."""
    path = folder
    for index, part in enumerate(parts):
        path = path / part
        kind = _kind(path)
        if kind is None:
            return None
        if kind == LINK:
            raise TemplateFileError(f"{_shown(folder, path)} is a symbolic link", hint=_LINK_HINT)
        last = index == len(parts) - 1
        if not last and kind != FOLDER:
            return None
        if last and kind != FILE:
            raise TemplateFileError(
                f"{_shown(folder, path)} is not a regular file", hint="a template is a text file"
            )
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
        raise TemplateFileError(
            f"{_shown(folder, path)} lies outside {OVERRIDE_DIR}/", hint=_LINK_HINT
        )
    return path


def read_own(folder: Path, path: Path) -> str:
    """The text of ``path`` (found by :func:`find_own`), opened without following a link."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise TemplateFileError(
            f"{_shown(folder, path)}: cannot be read ({exc.strerror})",
            hint=_LINK_HINT if exc.errno == errno.ELOOP else "make the file readable",
        ) from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise TemplateFileError(
                f"{_shown(folder, path)} is not a regular file", hint="a template is a text file"
            )
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateFileError(
            f"{_shown(folder, path)} is larger than {MAX_TEMPLATE_BYTES // 2**20} MiB",
            hint="a template holds layout, not data",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateFileError(
            f"{_shown(folder, path)}: not UTF-8 text (byte {exc.start + 1})",
            hint="save the template as UTF-8",
        ) from None


def unchanged(path: Path) -> Callable[[], bool]:
    """For Jinja's cache: True while ``path`` (not followed) keeps its modification time."""
    before = _lstat_mtime(path)
    return lambda: before is not None and _lstat_mtime(path) == before


def own_names(root: Path) -> Iterator[str]:
    """The names of the partnership's own templates; a link anywhere is refused."""
    folder = own_folder(root)
    if folder is None:
        return
    for dirpath, dirnames, filenames in os.walk(folder):  # never descends into a link
        here = Path(dirpath).relative_to(folder).parts
        for name in dirnames:
            if _kind(Path(dirpath) / name) == LINK:
                find_own(folder, [*here, name])  # refuses it
        for name in filenames:
            if find_own(folder, [*here, name]) is not None:
                yield "/".join([*here, name])


def create_own(root: Path, parts: list[str], data: bytes) -> Path:
    """A new file at ``parts`` in templates/ holding ``data``: never through a link,
    never over a file that is there; nothing is left behind when writing fails."""
    target = root / OVERRIDE_DIR / Path(*parts)
    shown = (Path(OVERRIDE_DIR) / Path(*parts)).as_posix()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(made_folders(root, parts[:-1]) / parts[-1], flags, 0o666)
    except FileExistsError:
        raise UserError(
            f"{shown} exists already", hint="edit it, or delete it to start again"
        ) from None
    except OSError as exc:
        raise MscIOError(
            f"{shown}: {exc.strerror}", hint="check the folder's permissions"
        ) from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise MscIOError(
            f"{shown}: {exc.strerror}", hint="free some space, then try again"
        ) from None
    return target


def made_folders(root: Path, parts: list[str]) -> Path:
    """templates/ and the folders ``parts`` inside it, made where missing; never a link."""
    folder = own_folder(root)
    if folder is None:
        folder = root / OVERRIDE_DIR
        folder.mkdir()
    path = folder
    for part in parts:
        path = path / part
        kind = _kind(path)
        if kind is None:
            path.mkdir()
        elif kind == LINK:
            raise TemplateFileError(f"{_shown(folder, path)} is a symbolic link", hint=_LINK_HINT)
        elif kind != FOLDER:
            raise TemplateFileError(f"{_shown(folder, path)} is not a folder", hint="move it away")
    return path


def _kind(path: Path) -> str | None:
    """What is at ``path`` itself (:func:`~msctool.fs.confine.entry_kind`), a name
    the system refuses said as a template error."""
    try:
        return entry_kind(path)
    except OSError as exc:  # a name too long, a folder that may not be read
        raise TemplateFileError(
            f"{path}: cannot be read ({exc.strerror})", hint="check the name and the folder"
        ) from None


def _lstat_mtime(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return None


def _shown(folder: Path, path: Path) -> str:
    return (Path(OVERRIDE_DIR) / path.relative_to(folder)).as_posix()


def builtin_templates_dir() -> Path:
    """msc's built-in templates: in the installed package, else the source checkout's."""
    packaged = Path(str(importlib.resources.files("msctool") / "templates"))
    if packaged.is_dir():
        return packaged
    source = Path(str(importlib.resources.files("msctool"))).resolve().parents[1] / "templates"
    if source.is_dir():
        return source
    raise MscIOError("msc's built-in templates are missing", hint="reinstall msctool")
