"""``msc decide``: record a decision and commit it with trailers."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to ``app`` (being written this session)."""
    del app
