"""``msc render site``: the static dashboard site."""

from __future__ import annotations

import typer


def register_render(app: typer.Typer) -> None:
    """Add the command to ``app`` (being written this session)."""
    del app
