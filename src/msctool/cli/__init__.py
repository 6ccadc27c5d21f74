"""Command line: thin typer layer over the library."""

from __future__ import annotations


def main() -> None:
    from msctool.cli.app import run

    run()
