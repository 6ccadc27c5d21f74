"""No value of any private field reaches a public output."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from conftest import DEMO
from msctool.check import load_valid
from msctool.cli.app import app
from msctool.model.common import PRIVATE

PUBLIC_RENDERS = [
    ["render", "newsletter", "--format", "md"],
    ["render", "newsletter", "--format", "html"],
    ["render", "newsletter", "--format", "txt"],
    ["render", "roi", "--format", "md"],
    ["render", "roi", "--format", "html"],
    ["render", "roi", "--format", "json"],
    ["render", "scorecard", "--format", "md"],
    ["render", "scorecard", "--format", "html"],
    ["render", "scorecard", "--format", "csv"],
]


def private_values(node: Any) -> set[str]:
    """Every value held in a private field anywhere in the demo's models."""
    found: set[str] = set()
    if isinstance(node, BaseModel):
        for name, field in type(node).model_fields.items():
            value = getattr(node, name)
            if field.json_schema_extra == PRIVATE and value:
                found.add(str(value))
            else:
                found |= private_values(value)
    elif isinstance(node, list | tuple):
        for item in node:
            found |= private_values(item)
    return found


@pytest.fixture(scope="module")
def secrets() -> set[str]:
    partnership = load_valid(DEMO)
    values = private_values([partnership.meta, *partnership.partners, *partnership.engagements])
    assert len(values) >= 20  # the demo has representatives' e-mails and phones, and notes
    return values


@pytest.mark.parametrize("args", PUBLIC_RENDERS, ids=lambda a: "-".join(a[1:]))
def test_public_outputs_hold_no_private_value(args: list[str], secrets: set[str]) -> None:
    result = CliRunner().invoke(
        app, [*args, "--audience", "public", "-o", "-", "-C", str(DEMO), "--as-of", "2026-11-27"]
    )
    assert result.exit_code == 0, result.output
    leaked = {value for value in secrets if value in result.stdout}
    assert not leaked


def test_retro_agendas_hold_no_private_value(secrets: set[str], tmp_path: Path) -> None:
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    for kind in ("after-action", "premortem", "appreciative"):
        result = CliRunner().invoke(
            app,
            ["retro", "new", "--kind", kind, "-o", "-", "-C", str(copy), "--date", "2026-11-27"],
        )
        assert result.exit_code == 0, result.output
        assert not {value for value in secrets if value in result.stdout}


def test_the_partners_audience_does_show_them(secrets: set[str]) -> None:
    """The check above can fail: a partners' view of the same data holds the values."""
    from msctool.audience import for_audience

    partnership = load_valid(DEMO)
    assert private_values(list(for_audience(partnership, "partners").partners)) & secrets
    assert not private_values(list(for_audience(partnership, "public").partners))
