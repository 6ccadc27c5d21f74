"""One handler that turns msc errors into a message and an exit code.

The ``msc`` group (:mod:`msctool.cli.group`) runs every command inside it
(:func:`guard`), so no command body handles errors itself.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from msctool.errors import MscError, MscIOError

INTERNAL_ERROR = 2
"""A bug in msc exits like a usage or I/O error: 0, 1, 2 and 130 are the whole contract."""
DEBUG = "msc.debug"
"""The key in the click context's ``meta`` (shared by every context of a run) that
says whether ``--debug`` was given."""


def guard(command: Any) -> None:
    """Run ``command`` (each command of a group) inside :func:`handled`, with
    ``--debug`` as given to ``msc``. The handler runs inside the command's own
    context, so :func:`flag_for` finds the command's flags."""
    for sub in getattr(command, "commands", {}).values():
        guard(sub)
    callback = command.callback
    if hasattr(command, "commands") or callback is None or hasattr(callback, "__msc_guarded__"):
        return
    command.callback = _guarded(callback)


def _guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        with handled(debugging()):
            return callback(*args, **kwargs)

    run.__msc_guarded__ = True  # type: ignore[attr-defined]
    return run


def debugging() -> bool:
    """Whether ``--debug`` was given to the running ``msc`` (False outside a command)."""
    context = current_context()
    return bool(context is not None and context.meta.get(DEBUG, False))


@contextmanager
def handled(debug: bool = False) -> Iterator[None]:
    """Run a command: user mistakes become a message, never a traceback. A wait
    for another command's lock is said once on stderr."""
    from msctool.edits.lock import set_wait_notice

    set_wait_notice(lambda text: _say(f"msc: {text}"))
    try:
        yield
    except MscError as exc:
        report(exc)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:  # the system refused a read or write: not a bug in msc
        report(MscIOError(system_reason(exc)))
        raise typer.Exit(MscIOError.exit_code) from None
    except KeyboardInterrupt:
        _say("msc: interrupted")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        loop = _link_loop(exc)
        if loop is not None and not debug:
            hint = "remove the link, or point it at a real file or folder"
            report(MscIOError(f"{loop} is a symbolic link loop (it leads back to itself)", hint))
            raise typer.Exit(MscIOError.exit_code) from None
        if debug:
            traceback.print_exc()
        else:
            _say(f"msc: internal error: {type(exc).__name__}: {exc}")
            _say("  hint: run again with --debug and report the traceback")
        raise typer.Exit(INTERNAL_ERROR) from None


def _link_loop(exc: BaseException) -> str | None:
    """The path of a symbolic link loop that ``exc`` reports (pathlib raises
    RuntimeError for one before Python 3.13, where it is an OSError), or None."""
    message = str(exc)
    if isinstance(exc, RuntimeError) and message.startswith("Symlink loop from "):
        return message.removeprefix("Symlink loop from ").strip("'")
    return None


def report(exc: MscError) -> None:
    """The error's message and hint on standard error, control characters shown escaped
    (a message may quote a file name, a link's target or a value from the folder)."""
    from msctool.escaping import terminal_text

    _say(f"msc: error: {terminal_text(_flagged(exc))}")
    hint = exc.hint_naming(flag_for)
    if hint:
        _say(f"  hint: {terminal_text(hint)}")


def _flagged(exc: MscError) -> str:
    """The message with the flag the running command takes for ``exc.field`` in front."""
    flag = flag_for(exc.field) if exc.field else None
    return f"{flag}: {exc.message}" if flag else exc.message


def flag_for(field: str) -> str | None:
    """The option (``--since``) or argument (``FILE``) of the running command that
    fills library parameter ``field``, or None outside a command or when none does."""
    context = current_context()
    negative = field.removeprefix("no_") if field.startswith("no_") else None
    while context is not None:
        for param in context.command.params:
            if param.name == field:
                if param.param_type_name == "option":
                    return _long(param.opts)
                return str(param.metavar or param.name.upper())
            if negative and param.name == negative and getattr(param, "secondary_opts", None):
                return _long(param.secondary_opts)
        context = context.parent
    return None


def _long(opts: Any) -> str:
    """The first long form of an option (``--date`` of ``-d/--date/--as-of``)."""
    return str(next((o for o in opts if o.startswith("--")), opts[0]))


def current_context() -> Any:
    """The running command's click context (typer 0.2x carries its own click)."""
    try:
        from typer._click import globals as click_globals
    except ImportError:  # pragma: no cover - typer before it carried click
        import click.globals as click_globals  # type: ignore[no-redef]
    return click_globals.get_current_context(silent=True)


def system_reason(exc: OSError) -> str:
    """``cannot use FILE: reason`` for an :class:`OSError` no layer below turned into
    an :class:`MscIOError` (a full disk, a read-only folder, a file-size limit)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return f"input/output error: {reason}"
    return f"cannot use {os.fsdecode(exc.filename)}: {reason}"


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # standard error is gone too: the exit code still tells
