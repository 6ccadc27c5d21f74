"""Where a render goes: standard output, a file named by ``-o``, or its default path.

Writes are atomic, and an existing file (a sent newsletter, a hand-edited
agenda) is never replaced without ``--force``. A default path stays inside the
partnership folder (:func:`msctool.fs.confine.confined`: no link on the way);
a path the user named with ``-o`` is theirs, and when it is not a regular file
(``/dev/null``, a pipe) it is written into as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from msctool.errors import MscIOError, UserError
from msctool.fs.atomic import write_bytes_atomic
from msctool.fs.confine import confined


def write_output(
    data: str | bytes,
    *,
    output: str | None,
    default: Path,
    force: bool,
    root: Path | None = None,
) -> Path | None:
    """Write ``data``; return the path written, or None for standard output (``-o -``).
    ``default`` (used without ``output``) must lie inside the partnership folder ``root``
    (None: the caller named ``default`` itself, as with ``-o``)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output == "-":
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return None
    if output is None:
        return _write_file(confined(default, root) if root else default, raw, force, root)
    return _write_file(Path(output), raw, force, None)


def _write_file(path: Path, raw: bytes, force: bool, root: Path | None) -> Path:
    if path.is_dir():
        raise UserError(f"{path} is a folder", hint="give a file name with -o")
    if path.exists() and not path.is_file():
        _write_in_place(path, raw)
        return path
    if path.exists() and not force:
        raise UserError(
            f"{path} exists",
            hint="use {force} to replace it, or {output} to write elsewhere",
            options=("force", "output"),
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MscIOError(f"cannot create {path.parent}: {exc.strerror}") from exc
    write_bytes_atomic(path, raw, root=root)
    return path


def _write_in_place(path: Path, raw: bytes) -> None:
    """Renaming a temporary file over a device would replace the device itself."""
    try:
        with path.open("wb") as handle:
            handle.write(raw)
    except OSError as exc:
        raise MscIOError(f"cannot write {path}: {exc.strerror}") from exc
