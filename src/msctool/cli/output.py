"""Writing a command's result: to standard output, or atomically to a file."""

from __future__ import annotations

import sys
from pathlib import Path

from msctool.errors import UserError


def emit(text: str, output: str | None, force: bool = False) -> Path | None:
    """Print ``text``, or write it to ``output``; an existing file needs ``force``."""
    if output in (None, "-"):
        sys.stdout.write(text)
        return None
    from msctool.atomic import write_text_atomic

    path = Path(output)
    if path.exists() and not force:
        raise UserError(f"{path} exists", hint="use --force to replace it")
    write_text_atomic(path, text)
    return path
