"""Printing a command's result, or writing it where ``-o`` says.

Everything msc prints goes through :class:`TerminalStream`, which every command
puts around standard output and standard error (:func:`guard_terminal`): a
control character from data, a file name or git (an author, a commit message)
is shown as ``\\uXXXX`` and never reaches the terminal raw. Coloured output is
the one exception: its maker escapes the data with the same
:func:`~msctool.escaping.terminal_text` before adding colour, and it is written
with :func:`write_styled`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from msctool.escaping import terminal_text


class TerminalStream:
    """A text stream whose writes are shown safely: :func:`terminal_text` on each."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def guard_terminal() -> None:
    """Put :class:`TerminalStream` around ``sys.stdout`` and ``sys.stderr`` (once)."""
    if not isinstance(sys.stdout, TerminalStream):
        sys.stdout = TerminalStream(sys.stdout)
    if not isinstance(sys.stderr, TerminalStream):
        sys.stderr = TerminalStream(sys.stderr)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a :class:`TerminalStream`, for text that is safe and styled."""
    return stream.raw if isinstance(stream, TerminalStream) else stream


def write_styled(text: str, *, err: bool = False) -> None:
    """Write coloured ``text`` whose data its maker escaped with ``terminal_text``."""
    raw_stream(sys.stderr if err else sys.stdout).write(text)


def emit(text: str, output: str | None, force: bool = False, styled: bool = False) -> Path | None:
    """Print ``text``, or write it to ``output`` (an existing file needs ``force``).
    ``styled`` text holds msc's own colours around data that is already escaped."""
    if output in (None, "-"):
        if styled:
            write_styled(text)
        else:
            sys.stdout.write(text)
        return None
    from msctool.render.outputs import write_output

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
