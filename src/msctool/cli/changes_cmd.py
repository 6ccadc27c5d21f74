"""``msc changes``: what changed in the partnership between two points of history."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to ``app`` (being written this session)."""
    del app
