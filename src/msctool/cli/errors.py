"""One handler that turns msc errors into a message and an exit code."""

from __future__ import annotations

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
    """Run a command body: user mistakes become a message, never a traceback. A wait
    for another command's lock is said once on stderr."""
    from msctool.partnershiplock import set_wait_notice

    set_wait_notice(lambda text: _say(f"msc: {text}"))
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
        if debug:
            traceback.print_exc()
        else:
            _say(f"msc: internal error: {type(exc).__name__}: {exc}")
            _say("  hint: run again with --debug and report the traceback")
        raise typer.Exit(INTERNAL_ERROR) from None


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")
