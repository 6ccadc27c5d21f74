"""Finding the partnership folder, like git finds a repository: the folder or its
nearest parent that holds ``partnership.yaml``.

A module of its own, so that commands which only need the folder (``msc log``,
the commit-msg hook) do not import the loader and its pydantic models.
"""

from __future__ import annotations

from pathlib import Path

from msctool.errors import NotAPartnershipError, UsageError

ROOT_FILE = "partnership.yaml"
ROI_FILE = "roi.yaml"
TOP_FILES = (
    ROOT_FILE,
    "partners.yaml",
    "activities.yaml",
    "metrics.yaml",
    ROI_FILE,
    "engagement.yaml",
)
"""The files msc reads at the top of a partnership folder (the loader reads each)."""


def find_root(start: Path | str) -> Path:
    """The folder holding ``partnership.yaml``: ``start`` or its nearest parent."""
    given = Path(start)
    if not given.exists():
        if given.is_symlink():
            raise UsageError(
                f"{given} is a symbolic link that leads nowhere (or back to itself)",
                hint="point -C at the partnership folder itself",
            )
        raise UsageError(f"{given} does not exist", hint="check the folder name, or use -C DIR")
    start = given.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        if (folder / ROOT_FILE).is_file():
            return folder
    raise NotAPartnershipError(
        f"no {ROOT_FILE} in {start} or any parent folder",
        hint="run `msc init` to start a partnership, or point at one with `-C DIR`",
    )
