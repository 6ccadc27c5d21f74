"""``msc serve``: serve the site locally, rebuilding on change."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to ``app`` (being written this session)."""
    del app
