"""The partnership's lock for commands that write into the partnership folder.

Edits and ``msc decide`` take it in the library (:mod:`msctool.partnershiplock`);
``msc metric import``, renders, ``msc retro new`` and ``msc templates eject``
take it here, and only when they write into the folder (a render's default
path), never for a dry run, ``-o FILE`` or standard output.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from pathlib import Path

from msctool.cli.options import pick_dir


def writing(dir_option: Path | None, *, into_folder: bool = True) -> AbstractContextManager[None]:
    """Hold the lock of the partnership of ``-C DIR`` while the block runs, when the
    command writes into its folder; nothing otherwise."""
    if not into_folder:
        return contextlib.nullcontext()
    from msctool.partnershiplock import hold
    from msctool.partnershiproot import find_root

    return hold(find_root(pick_dir(dir_option)))
