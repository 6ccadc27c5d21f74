"""``msc activity``: add activities and reassign them, keeping every comment."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to ``app`` (being written this session)."""
    del app
