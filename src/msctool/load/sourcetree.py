"""Where the files of a partnership come from: a folder on disk, or a commit in git.

The loader asks a :class:`SourceTree` three things: does a file exist, which
names does a folder hold, and what is a file's text. :class:`FolderTree` answers
from the file system (what ``msc check`` uses); :class:`msctool.history.tree.GitTree`
answers from git objects, so a partnership can be loaded as it was at any
commit without checking it out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from msctool.load.files import MAX_YAML_BYTES, read_text


class SourceTree(Protocol):
    """The files of one partnership folder; paths are ``/``-separated and relative to it."""

    @property
    def root(self) -> Path:
        """The partnership folder on disk (a loaded partnership's ``root``)."""
        ...

    def exists(self, rel: str) -> bool:
        """Whether ``rel`` names a file or folder in the tree."""
        ...

    def names(self, folder: str) -> list[str]:
        """The sorted names of the entries directly in ``folder`` (``""``: the top);
        empty when there is no such folder."""
        ...

    def read_text(self, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str:
        """The text of file ``rel``; :class:`~msctool.load.files.SourceError` with a
        finding when it cannot be read (a link out of the folder, too large, not UTF-8)."""
        ...


class FolderTree:
    """A partnership folder on the file system."""

    def __init__(self, root: Path) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        return self._root

    def exists(self, rel: str) -> bool:
        return (self._root / rel).exists()

    def names(self, folder: str) -> list[str]:
        try:
            return sorted(os.listdir(self._root / folder))  # noqa: PTH208 (names, no Path objects)
        except OSError:  # no such folder, or not a folder
            return []

    def read_text(self, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str:
        return read_text(self._root / rel, rel, self._root, max_bytes)
