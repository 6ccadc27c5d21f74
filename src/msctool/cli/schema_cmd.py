"""``msc schema``: JSON Schema for every file, from the same models msc validates with."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.options import QuietOption


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Folder to write <name>.schema.json files into. Default: print them as JSON.",
            metavar="DIR",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Only this file's schema (partners, decision ...)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace schema files whose content differs.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Write JSON Schemas (draft 2020-12) for every partnership file.

    Editors use them for completion and checking (yaml-language-server);
    peers can validate the YAML with check-jsonschema.
    """
    import json

    from msctool.errors import UsageError
    from msctool.model.schema import SCHEMA_FILES, all_schemas, schema_for, write_schemas

    if name is not None and name not in SCHEMA_FILES:
        raise UsageError(f"no schema named `{name}`", hint=f"choose from {', '.join(SCHEMA_FILES)}")
    if output is None or str(output) == "-":
        data = schema_for(name) if name else all_schemas()
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    done = write_schemas(output, [name] if name else SCHEMA_FILES, force=force)
    if not quiet:
        typer.echo("".join(f"wrote {path}\n" for path in done.written), nl=False)
        typer.echo("".join(f"unchanged {path}\n" for path in done.unchanged), nl=False)
