"""``msc templates``: see the built-in templates and copy one into the partnership to edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.locking import writing
from msctool.cli.options import DirOption

templates_app = typer.Typer(
    help="List the templates renders use, or copy one into templates/ to edit it.",
    no_args_is_help=True,
)


@templates_app.command("list")
def list_command(dir_option: DirOption = None) -> None:
    """List the built-in templates and the partnership's own overrides."""
    from msctool.load.root import find_root
    from msctool.render.templating import list_templates

    root = find_root(dir_option or Path.cwd())
    for info in list_templates(root):
        typer.echo(f"{info.name:<32} {info.origin}")


@templates_app.command("eject")
def eject_command(
    name: Annotated[str, typer.Argument(help="Template name, e.g. newsletter.html.j2.")],
    dir_option: DirOption = None,
) -> None:
    """Copy a built-in template into templates/ so you can edit it; never overwrites."""
    from msctool.load.root import find_root
    from msctool.render.templating import eject

    root = find_root(dir_option or Path.cwd())
    with writing(root):
        path = eject(root, name)
    typer.echo(f"wrote {path.relative_to(root)}; msc now uses your copy")
