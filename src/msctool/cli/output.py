"""Printing a command's result, or writing it where ``-o`` says."""

from __future__ import annotations

import sys
from pathlib import Path


def emit(text: str, output: str | None, force: bool = False) -> Path | None:
    """Print ``text``, or write it to ``output`` (an existing file needs ``force``)."""
    if output in (None, "-"):
        sys.stdout.write(text)
        return None
    from msctool.outputs import write_output

    return write_output(text, output=output, default=Path(output), force=force, root=None)


def tell_written(notes: list[str], path: Path | None, quiet: bool) -> None:
    """Print a render's notes on stderr and, unless quiet, the file it wrote."""
    for note in notes:
        sys.stderr.write(f"msc: note: {note}\n")
    if path is not None and not quiet:
        sys.stdout.write(f"wrote {shown(path)}\n")


def shown(path: Path) -> str:
    """A path as the user can open it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
