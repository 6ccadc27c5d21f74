"""Snapshots of the HTML and e-mail renders of the demo in both languages.

The Markdown, text, JSON and CSV renders have their own snapshots next to
their tests; these cover what partners open in a browser or a mail client.
A change here is a reviewed change: run with MSC_UPDATE_SNAPSHOTS=1, read the diff.
"""

from __future__ import annotations

import pytest

from helpers import DEMO, msc, snapshot_bytes

RENDERS = [
    ("newsletter", "html"),
    ("newsletter", "eml"),
    ("roi", "html"),
    ("scorecard", "html"),
]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize(("render", "fmt"), RENDERS)
def test_demo_render_snapshot(render: str, fmt: str, language: str) -> None:
    args = ["render", render, "-C", str(DEMO), "--format", fmt, "--language", language]
    result = msc(*args, "--as-of", "2026-11-27", "-o", "-")
    assert result.exit_code == 0, result.output
    snapshot_bytes(f"{render}-demo.{language}.{fmt}", result.stdout_bytes)
