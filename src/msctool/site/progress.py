"""A progress bar for building the site: on standard error, only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from msctool.escaping import terminal_text
from msctool.site.build import STEPS, Progress


@contextmanager
def page_progress(enabled: bool = True, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A callback that advances a rich progress bar per page written on ``stream``
    (standard error); None when ``enabled`` is false or standard error is not a
    terminal (pipes, CI logs). Page names are shown as text with control characters
    escaped, never as rich markup."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stream or sys.stderr)  # page names are escaped below
    columns = (
        TextColumn("[bold]building the site[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("checking the files", total=STEPS)

        def advance(name: str) -> None:
            bar.update(task, advance=1, description=terminal_text(name))

        yield advance
