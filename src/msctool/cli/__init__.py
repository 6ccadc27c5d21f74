"""Command line: thin typer layer over the library (entry point: :func:`msctool.cli.main.main`)."""
