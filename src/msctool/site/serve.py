"""``msc serve``: build the site, serve it on 127.0.0.1, rebuild when a file changes.

The server is the standard library's, bound to the loopback address only.
Files are watched with watchfiles in a background thread; a change in the
partnership (not in the site folder, not in ``.git``) rebuilds the site, and
a failed rebuild keeps the previous site online.
"""

from __future__ import annotations

import functools
import gc
import os
import shutil
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from msctool.errors import MscError, MscIOError
from msctool.load.loader import find_root
from msctool.model.vocabulary import Audience
from msctool.site.build import SiteResult, render_site

HOST = "127.0.0.1"
Say = Callable[[str], None]


@dataclass(frozen=True)
class ServeOptions:
    as_of: date
    """The day every build is made as of (the command line's today: a server left
    running past midnight keeps the day it started with)."""
    language: str | None = None
    audience: Audience = "partners"
    output: Path | None = None
    """Build here (msc's marker rules apply); default: a temporary folder."""
    port: int = 0
    rebuild: bool = True
    debug: bool = False
    """A rebuild that fails on a bug prints its traceback."""


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site's files: no folder listings, nothing cached (a reload shows the
    latest build), nothing said per request. The standard library already keeps
    every request, ``..`` and encoded ``%2e%2e`` included, inside the folder.

    Only requests for ``127.0.0.1:PORT`` or ``localhost:PORT`` are answered: a web
    page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets
    421 and cannot read the partners' site."""

    def send_head(self) -> Any:
        if not self._host_is_ours():
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "Not this server's name")
            return None
        return super().send_head()

    def _host_is_ours(self) -> bool:
        address = self.server.server_address
        port = address[1] if isinstance(address, tuple) else 0
        host = (self.headers.get("Host") or "").strip().lower()
        names = {f"{HOST}:{port}", f"localhost:{port}"}
        if port == 80:  # the port a browser leaves out of Host
            names |= {HOST, "localhost"}
        return host in names

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        del path
        self.send_error(HTTPStatus.NOT_FOUND, "No listing here")

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``folder`` on 127.0.0.1 (port 0: a free one)."""
    handler = functools.partial(_SiteHandler, directory=str(folder))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise MscIOError(
            f"cannot listen on {HOST}:{port}: {exc.strerror}",
            hint="pick another {port}, or 0 for a free one",
            options=("port",),
        ) from exc


def url_of(server: ThreadingHTTPServer) -> str:
    return f"http://{HOST}:{server.server_address[1]}/"


class _StoppedError(Exception):
    """Raised inside a build once the server stops: the build is given up."""


class Site:
    """Builds the site into one folder, again and again."""

    def __init__(self, path: Path, options: ServeOptions, folder: Path) -> None:
        self.path, self.options, self.folder = path, options, folder
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def build(self) -> SiteResult | None:
        """Build the site; None once :meth:`stop` was called (nothing is written then,
        and a build running then stops at its next page). The folder that holds the
        site must exist: a build never makes it again after serve deleted it."""
        with self.lock:
            if self.stopped.is_set():
                return None
            o = self.options
            try:
                return render_site(
                    self.path,
                    self.folder,
                    language=o.language,
                    audience=o.audience,
                    as_of=o.as_of,
                    progress=self._go_on,
                    make_parents=False,
                )
            except _StoppedError:
                return None

    def _go_on(self, step: str) -> None:
        del step
        if self.stopped.is_set():
            raise _StoppedError

    def stop(self) -> None:
        """No more builds; returns once a build that is running has finished, so the
        folder can be deleted without a rebuild writing into it again."""
        self.stopped.set()
        with self.lock:
            pass


def serve(path: Path | str, options: ServeOptions, say: Say) -> None:
    """Build and serve until Ctrl-C; ``say`` gets every line meant for the user."""
    gc.enable()  # the CLI turns it off for short commands; a server runs for hours
    root = find_root(path)
    scratch = None
    if options.output is None:
        scratch = Path(tempfile.mkdtemp(prefix="msc-serve-"))
    folder = options.output or (scratch / "site")  # type: ignore[operator]
    site = Site(root, options, folder)
    restore = _stop_on_signals()
    try:
        _make_parent(folder)
        _serve(site, say)
    finally:
        _ignore_signals()  # a second Ctrl-C must not cut the clean-up short
        try:
            site.stop()
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
        finally:
            restore()


def _make_parent(folder: Path) -> None:
    """The folder that holds the site, made once here; rebuilds never make it."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MscIOError(f"cannot create the folder {folder.parent}: {exc.strerror}") from exc


def _stop_on_signals() -> Callable[[], None]:
    """Ctrl-C (SIGINT) and SIGTERM stop the server cleanly, also when the shell that
    started msc in the background set SIGINT to be ignored. Returns what puts the
    previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)

    def restore() -> None:
        for sig, handler in before.items():
            signal.signal(sig, handler)

    return restore


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _ignore_signals() -> None:
    """Ctrl-C and SIGTERM ignored while serve cleans up: waiting for a running build to
    reach its next page takes a moment, and deleting the folder before it ends would
    leave half of it behind."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _serve(site: Site, say: Say) -> None:
    """Watch first, then build: a change made while the first build runs is not missed."""
    stop = threading.Event()
    watcher = None
    if site.options.rebuild:
        watcher = threading.Thread(target=_watch, args=(site, stop, say), daemon=True)
        watcher.start()
    server = None
    try:
        _report(site.build(), say)
        server = make_server(site.folder, site.options.port)
        say(f"serving {site.folder} at {url_of(server)} (Ctrl-C stops)")
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        say("stopped")
    finally:
        stop.set()
        if server is not None:
            server.server_close()
        site.stop()
        if watcher is not None:
            watcher.join(timeout=2)


def _report(result: SiteResult | None, say: Say) -> None:
    if result is None:
        return
    if result.health.errors:
        say(f"built with {result.health.errors} errors in the data: see health.html")
    for note in result.notes:
        say(f"note: {note}")


def _watch(site: Site, stop: threading.Event, say: Say) -> None:
    """Rebuild on every relevant change until ``stop``; a rebuild that fails (for any
    reason) is said and the watching goes on."""
    from watchfiles import watch

    ignored = site.folder.resolve()
    try:
        for changes in watch(
            site.path,
            stop_event=stop,
            watch_filter=lambda _change, name: _relevant(Path(name), ignored),
            rust_timeout=500,
            yield_on_timeout=False,
        ):
            names = sorted({Path(name).name for _, name in changes})
            _rebuild(site, names, say)
    except Exception as exc:  # the watching itself broke: say so, keep serving
        say(f"watching stopped: {_one_line(exc)}; the site is no longer rebuilt")


def _relevant(path: Path, site: Path) -> bool:
    """A change that can alter the site: not in .git, not in the (resolved) ``site``
    folder, not in the folders beside it that a build swaps in and out
    (``.<name>-new-…``, ``.<name>-old-…``), not an editor's backup file."""
    if ".git" in path.parts or path.name.endswith("~"):
        return False
    resolved = path.resolve()
    if not resolved.is_relative_to(site.parent):
        return True
    first = resolved.relative_to(site.parent).parts[:1]
    return not first or not (first[0] == site.name or first[0].startswith(f".{site.name}-"))


def _rebuild(site: Site, names: list[str], say: Say) -> None:
    say(f"changed: {', '.join(names)}; rebuilding")
    try:
        result = site.build()
        if result is None:  # the server is stopping
            return
        _report(result, say)
        say("rebuilt")
    except MscError as exc:
        say(f"rebuild failed: {exc.message}; still serving the previous site")
    except Exception as exc:  # a bug: the watcher must live on
        say(f"rebuild failed: internal error: {_one_line(exc)}; still serving the previous site")
        if site.options.debug:
            say(traceback.format_exc().rstrip())


def _one_line(exc: Exception) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())
