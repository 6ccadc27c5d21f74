"""The partnership's lock for commands that write into the partnership folder.

Edits and ``msc decide`` take it in the library (:mod:`msctool.edits.lock`);
``msc metric import``, renders, ``msc retro new`` and ``msc templates eject``
take it here, and only when they write into the folder: to their default place
there, or to an ``-o`` path inside it. A dry run, standard output (``-o -``) or
a file elsewhere takes no lock.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from pathlib import Path

from msctool.cli.options import pick_dir


def writing(
    dir_option: Path | None, output: str | Path | None = None, *, dry_run: bool = False
) -> AbstractContextManager[None]:
    """Hold the lock of the partnership of ``-C DIR`` while the block runs, when the
    command writes into its folder (``output`` None: its default place there);
    nothing otherwise."""
    if dry_run or (output is not None and str(output) == "-"):
        return contextlib.nullcontext()
    from msctool.edits.lock import hold
    from msctool.load.root import find_root

    root = find_root(pick_dir(dir_option))
    if output is not None and not Path(output).resolve().is_relative_to(root):
        return contextlib.nullcontext()
    return hold(root)
