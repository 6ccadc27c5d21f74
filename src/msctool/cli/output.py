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

    return write_output(text, output=output, default=Path(output), force=force)
