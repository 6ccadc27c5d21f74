"""``msc engage``: record an engagement, keeping every comment."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to ``app`` (being written this session)."""
    del app
