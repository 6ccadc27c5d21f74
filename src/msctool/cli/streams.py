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
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from msctool.errors import MscIOError

if TYPE_CHECKING:
    from typing_extensions import Buffer

STANDARD_OUTPUT = "standard output"


class _Output(io.RawIOBase):
    """File descriptor 1, failing with an :class:`MscIOError` once, then quiet."""

    def __init__(self, fd: int, *, closed_at_start: bool) -> None:
        super().__init__()
        self._fd = fd
        self._closed_at_start = closed_at_start
        self.failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return not self._closed_at_start and os.isatty(self._fd)

    def write(self, data: Buffer, /) -> int:
        if self.failed:
            return memoryview(data).nbytes
        if self._closed_at_start:
            self._fail("it was closed when msc started")
        try:
            return os.write(self._fd, data)
        except OSError as exc:
            self._fail(exc.strerror or str(exc))
        return 0  # not reached: _fail raises

    def _fail(self, reason: str) -> None:
        self.failed = True
        raise MscIOError(f"cannot write to {STANDARD_OUTPUT}: {reason}")


def set_up() -> None:
    """Occupy closed descriptors, wrap standard output, let SIGTERM interrupt."""
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        _open_null_on(fd)
    if 0 in closed:
        sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 (lives as long as msc)
    if 2 in closed:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    sys.stdout = _wrapped(sys.stdout, closed_at_start=1 in closed)
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


def _wrapped(stream: TextIO | None, *, closed_at_start: bool) -> TextIO:
    raw = _Output(1, closed_at_start=closed_at_start)
    return io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=getattr(stream, "encoding", None) or "utf-8",
        errors=getattr(stream, "errors", None) or "strict",
        line_buffering=raw.isatty(),
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
