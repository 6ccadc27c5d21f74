"""The library does not speak CLI: a Python caller loads, checks, renders and edits
without typer, click or any module of msctool.cli being imported."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import DEMO

SCRIPT = """
import json, shutil, sys, tempfile
from datetime import date
from pathlib import Path

from msctool import load_partnership, run_check
from msctool.edits.partners import NewPartner, add_partner
from msctool.edits.saving import save
from msctool.render.newsletter.issue import build_newsletter, render_issue
from msctool.render.scorecard import render_scorecard
from msctool.render.setup import prepare

demo = Path(sys.argv[1])
as_of = date(2026, 11, 27)
loaded = load_partnership(demo)
report = run_check(demo, as_of=as_of)
setup = prepare(demo, as_of=as_of)
newsletter = render_issue(setup, build_newsletter(setup), "md")
scorecard = render_scorecard(setup, "md")
with tempfile.TemporaryDirectory() as folder:
    copy = Path(shutil.copytree(demo, Path(folder) / "p"))
    new = NewPartner(id="bakery", name="Bakery", sector="private", joined=date(2026, 11, 30))
    edit = save(add_partner(copy, new), as_of=as_of)
    added = "id: bakery" in (copy / "partners.yaml").read_text(encoding="utf-8")
json.dump(
    {
        "partners": len(loaded.partnership.partners),
        "errors": len(report.errors),
        "newsletter": newsletter,
        "scorecard": scorecard,
        "edited": list(edit.files),
        "added": added,
        "cli": sorted(
            name for name in sys.modules
            if name in ("typer", "click") or name.startswith(("typer.", "click.", "msctool.cli"))
        ),
    },
    sys.stdout,
)
"""


def test_load_check_render_and_edit_without_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(DEMO)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["cli"] == []
    assert found["partners"] >= 3
    assert found["errors"] == 0
    assert isinstance(found["newsletter"], str) and len(found["newsletter"]) > 200
    assert "|" in found["scorecard"]  # a Markdown table
    assert found["edited"] == ["partners.yaml"]
    assert found["added"] is True
