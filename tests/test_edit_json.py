"""``--format json`` of the edit commands: one object a script can read, for a write, a
dry run and a commit; and every edit command offers it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from helpers import base_files, git, msc, repository, write_tree
from test_cli_arguments import commands


def _edit_commands() -> dict[str, Any]:
    """Every command that takes ``--dry-run`` and ``--commit`` (an edit), by its words
    after ``msc``."""
    found = {}
    for path, command in commands():
        flags = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if {"--dry-run", "--commit"} <= flags:
            found[" ".join(path)] = command
    return found


def test_every_edit_command_offers_json() -> None:
    edits = _edit_commands()
    assert len(edits) >= 15, sorted(edits)
    for path, command in edits.items():
        formats = [p for p in command.params if "--format" in getattr(p, "opts", [])]
        assert formats, f"msc {path} has no --format"
        assert "json" in get_args(formats[0].type_descriptor.annotation), path


def test_a_dry_run_in_json_holds_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", base_files())
    before = (root / "partners.yaml").read_bytes()
    result = msc(
        "partner", "add", "clinic", "--name", "Clinic", "--sector", "civil",
        "--joined", "2026-01-05", "--dry-run", "--format", "json", "-C", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["format_version"] == 1
    assert data["written"] is False and data["commit"] is None
    assert data["files"] == ["partners.yaml"]
    assert "+- id: clinic\n+  name: Clinic\n" in data["diff"]
    assert {w["code"] for w in data["warnings"]} >= {"MSC201"}  # gives nothing
    assert all(w["file"] == "partners.yaml" and w["line"] > 0 for w in data["warnings"])
    assert (root / "partners.yaml").read_bytes() == before


def test_a_commit_in_json_names_the_commit_and_prints_nothing_else(
    tmp_path: Path, isolated_git: Path
) -> None:
    root = repository(write_tree(tmp_path / "p", base_files()))
    result = msc(
        "partner", "leave", "city", "--date", "2026-11-01", "--commit", "--format", "json",
        "-C", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the whole of standard output is the object
    assert data["written"] is True and "diff" not in data
    assert data["commit"] == git(root, "rev-parse", "HEAD")
    assert data["message"] == git(root, "log", "-1", "--format=%s")
    assert "left" in (root / "partners.yaml").read_text(encoding="utf-8")
