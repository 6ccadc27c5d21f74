"""``msc rules``: list the rules, or explain one."""

from __future__ import annotations

from typing import Annotated

import typer


def rules(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE", help="A rule code such as MSC403.", show_default=False),
    ] = None,
) -> None:
    """List every rule by principle, or explain why one matters and how to fix it."""
    from msctool.rules.explain import describe_rule, list_rules

    typer.echo(describe_rule(code) if code else list_rules(), nl=False)
