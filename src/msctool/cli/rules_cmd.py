"""``msc rules``: list the rules, or explain one."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.errors import handled
from msctool.cli.options import DebugOption


def rules(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE", help="A rule code such as MSC403.", show_default=False),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """List every rule by principle, or explain why one matters and how to fix it."""
    with handled(debug):
        from msctool.rules.explain import describe_rule, list_rules

        typer.echo(describe_rule(code) if code else list_rules(), nl=False)
