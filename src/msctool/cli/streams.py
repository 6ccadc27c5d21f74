"""The process's standard streams and signals, set up once before a command runs.

- Standard output that cannot take what msc writes (a full disk or ``/dev/full``,
  a file-size limit, a pipe whose reader left as in ``msc log | head -1``, a
  closed descriptor) raises one :class:`~msctool.errors.MscIOError` naming
  standard output and the system's reason; the handler makes that one line and
  exit code 2. After that first failure the rest of the output is dropped, so
  the interpreter's final flush adds no "Exception ignored" noise.
- A descriptor 0, 1 or 2 that was closed when msc started is opened on the null
  device, so no file msc opens (nor a git process it runs) lands on it.
- SIGTERM stops a command as Ctrl-C does: temporary files and folders are
  removed (the site's swap is never cut in half) and msc exits with 130.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from msctool.errors import MscIOError

if TYPE_CHECKING:
    from typing_extensions import Buffer

STANDARD_OUTPUT = "standard output"


class _Output(io.RawIOBase):
    """The process's own standard output (``inner``; None when it was closed at start),
    failing with an :class:`MscIOError` once, then quiet."""

    def __init__(self, inner: io.RawIOBase | None) -> None:
        super().__init__()
        self._inner = inner
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._inner.fileno() if self._inner is not None else 1

    def isatty(self) -> bool:
        return self._inner is not None and self._inner.isatty()

    def write(self, data: Buffer, /) -> int | None:
        size = memoryview(data).nbytes
        if self.failed or not size:  # click probes with an empty write and ignores errors
            return size
        if self._inner is None:
            return self._fail("it was closed when msc started")
        try:
            _write_all(self._inner, memoryview(data).cast("B"))
        except OSError as exc:
            self._fail(exc.strerror or str(exc))
        return size

    def _fail(self, reason: str) -> NoReturn:
        self.failed = True
        raise MscIOError(f"cannot write to {STANDARD_OUTPUT}: {reason}")


def _write_all(raw: io.RawIOBase, view: memoryview) -> None:
    """Every byte, or an OSError: a short write (the last bytes below a file-size
    limit) is followed by one that says why it stopped."""
    while view:
        written = raw.write(view)
        if written is None:  # a non-blocking descriptor that is full: wait a little
            time.sleep(0.001)
            continue
        view = view[written:]


def set_up() -> None:
    """Occupy closed descriptors, wrap standard output, let SIGTERM interrupt."""
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        _open_null_on(fd)
    if 0 in closed:
        sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 (lives as long as msc)
    if 2 in closed:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    if 1 in closed:
        sys.stdout = _wrapped(None, sys.stdout)
    elif isinstance(sys.stdout, io.TextIOWrapper):  # not replaced by a caller
        sys.stdout = _wrapped(_raw_of(sys.stdout.buffer), sys.stdout)
    signal.signal(signal.SIGTERM, _interrupt)


def finish() -> MscIOError | None:
    """Flush standard output; the error when that fails (already reported once at most)."""
    try:
        sys.stdout.flush()
    except MscIOError as exc:
        return exc
    except (OSError, ValueError):  # a stream a caller replaced, or closed
        return None
    return None


def _raw_of(buffer: object) -> io.RawIOBase | None:
    """The raw file under standard output's binary layer (that layer itself with
    ``python -u`` or PYTHONUNBUFFERED)."""
    raw = getattr(buffer, "raw", buffer)
    return raw if isinstance(raw, io.RawIOBase) else None


def _wrapped(inner: io.RawIOBase | None, stream: TextIO | None) -> TextIO:
    """A text stream like the interpreter's ``stream`` (encoding, buffering) over an
    :class:`_Output` of its raw file, so the platform's way of writing (a Windows
    console) is kept; unbuffered stays unbuffered."""
    raw = _Output(inner)
    unbuffered = inner is not None and getattr(stream, "buffer", None) is inner
    binary: Any = raw if unbuffered else io.BufferedWriter(raw)
    return io.TextIOWrapper(
        binary,
        encoding=getattr(stream, "encoding", None) or "utf-8",
        errors=getattr(stream, "errors", None) or "strict",
        line_buffering=raw.isatty(),
        write_through=unbuffered,
    )


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _open_null_on(fd: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
