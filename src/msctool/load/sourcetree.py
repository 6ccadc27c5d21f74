"""Where the files of a partnership come from: a folder on disk, or a commit in git.

The loader asks a :class:`SourceTree` three things: does a file exist, which
names does a folder hold, and what is a file's text. :class:`FolderTree` answers
from the file system (what ``msc check`` uses); :class:`msctool.history.tree.GitTree`
answers from git objects, so a partnership can be loaded as it was at any
commit without checking it out.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Protocol

from msctool.load.files import MAX_YAML_BYTES, read_file, read_text


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
        self._inside: dict[str, bool] = {}
        """Per folder (``decisions``): whether it resolves to a place inside the root."""

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
        path = self._root / rel
        if self._plain_file(path, rel):
            return read_file(path, rel, max_bytes)
        return read_text(path, rel, self._root, max_bytes)  # says what is wrong, if anything

    def _plain_file(self, path: Path, rel: str) -> bool:
        """Whether ``rel`` is a regular file (not a link) in a folder that resolves inside
        the root: what :func:`read_text` makes sure of, with one ``lstat`` per file instead
        of resolving the file and the root (2,000 decision records: a tenth of a check)."""
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return False
        except OSError:
            return False
        folder = rel.rpartition("/")[0]
        inside = self._inside.get(folder)
        if inside is None:
            try:
                inside = (self._root / folder).resolve().is_relative_to(self._root.resolve())
            except (RuntimeError, OSError):  # a link loop: read_text says so
                inside = False
            self._inside[folder] = inside
        return inside
