"""One handler that turns msc errors into a message and an exit code."""

from __future__ import annotations

import errno
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from msctool.errors import MscError

INTERNAL_ERROR = 2
"""A bug in msc exits like a usage or I/O error: 0, 1, 2 and 130 are the whole contract."""


@contextmanager
def handled(debug: bool = False) -> Iterator[None]:
    """Run a command body: user mistakes become a message, never a traceback."""
    try:
        yield
    except MscError as exc:
        _say(f"msc: error: {exc.message}")
        if exc.hint:
            _say(f"  hint: {exc.hint}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _say("msc: interrupted")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        loop = _link_loop(exc)
        if loop is not None and not debug:
            _say(f"msc: error: {loop} is a symbolic link loop (it leads back to itself)")
            _say("  hint: remove the link, or point it at a real file or folder")
            raise typer.Exit(2) from None
        if debug:
            traceback.print_exc()
        else:
            _say(f"msc: internal error: {type(exc).__name__}: {exc}")
            _say("  hint: run again with --debug and report the traceback")
        raise typer.Exit(INTERNAL_ERROR) from None


def _link_loop(exc: BaseException) -> str | None:
    """The path of a symbolic link loop that ``exc`` reports (pathlib raises
    RuntimeError for one before Python 3.13, the system ELOOP), or None."""
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return str(exc.filename)
    message = str(exc)
    if isinstance(exc, RuntimeError) and message.startswith("Symlink loop from "):
        return message.removeprefix("Symlink loop from ").strip("'")
    return None


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")
