""" "Today" is asked of the clock in one place and passed down as a date.

The command line asks once per command (msctool.cli.options.today); the library
takes the day as a parameter, and only the entry points documented for Python
callers default to msctool.days.today.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import DEMO, REPO
from msctool import days
from msctool.cli.app import app

PACKAGE = REPO / "src" / "msctool"
ASKS = {
    ("cli/options.py", "today"),  # the command line's one helper
    ("rules/check.py", "run_check"),  # documented in README.md and msctool/__init__.py
    ("edits/saving.py", "save"),  # documented in docs/editing.md (plan_and_save calls it)
    ("history/changes.py", "changes_between"),  # documented in README.md and docs/changes.md
}
"""Every function that may ask :func:`msctool.days.today` for the day."""


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def _is_clock_today(call: ast.Call) -> bool:
    """``date.today()``, ``datetime.today()``, ``datetime.date.today()`` and the like."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr != "today":
        return False
    owner = func.value
    name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
    return name in ("date", "datetime")


def _imports_today(tree: ast.Module) -> bool:
    """Whether the module says ``from msctool.days import today``."""
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "msctool.days"
        and any(alias.name == "today" for alias in node.names)
        for node in ast.walk(tree)
    )


def _is_days_today(call: ast.Call, imported: bool) -> bool:
    """``days.today()``, ``msctool.days.today()``, or ``today()`` when ``imported``
    from it."""
    func = call.func
    if isinstance(func, ast.Name):
        return imported and func.id == "today"
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "today"
        and (
            getattr(func.value, "id", None) == "days" or getattr(func.value, "attr", None) == "days"
        )
    )


def _calls(tree: ast.Module) -> Iterator[tuple[str, ast.Call]]:
    """Every call, with the name of the function (or class) it is in (``""``: the module)."""

    def walk(node: ast.AST, where: str) -> Iterator[tuple[str, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = where or child.name
            if isinstance(child, ast.Call):
                yield where, child
            yield from walk(child, inner)

    yield from walk(tree, "")


def test_only_days_asks_the_clock_for_today() -> None:
    found = [
        f"{rel}:{call.lineno}"
        for rel, tree in _modules()
        for _, call in _calls(tree)
        if _is_clock_today(call) and rel != "days.py"
    ]
    assert found == []


def test_only_the_cli_helper_and_documented_entry_points_default_to_today() -> None:
    asking = {
        (rel, where)
        for rel, tree in _modules()
        for where, call in _calls(tree)
        if _is_days_today(call, _imports_today(tree)) and rel != "days.py"
    }
    assert asking == ASKS


def test_the_ast_walk_sees_a_call_to_the_clock() -> None:
    tree = ast.parse("import datetime\ndef f():\n    return datetime.date.today()\n")
    assert [where for where, call in _calls(tree) if _is_clock_today(call)] == ["f"]


# -- commands ----------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[date | None], list[date]]:
    """Replace the clock: ``clock(day)`` makes every ask return ``day`` (None: fail
    the test) and returns the list of answers given."""

    def install(day: date | None) -> list[date]:
        asked: list[date] = []

        def today() -> date:
            if day is None:
                raise AssertionError("asked the clock for today")
            asked.append(day)
            return day

        for module in list(sys.modules.values()):
            name = getattr(module, "__name__", "")
            if name.startswith("msctool") and getattr(module, "today", None) is days.today:
                monkeypatch.setattr(module, "today", today)
        monkeypatch.setattr(days, "today", today)
        return asked

    return install


def msc(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json"],
        ["render", "newsletter", "-o", "-"],
        ["render", "roi", "-o", "-"],
        ["render", "scorecard", "--format", "csv", "-o", "-"],
        ["scorecard"],
        ["retro", "new", "-o", "-"],
    ],
    ids=" ".join,
)
def test_a_command_given_its_day_never_asks_for_today(
    args: list[str], clock: Callable[[date | None], list[date]]
) -> None:
    clock(None)
    flag = "--date" if args[0] == "retro" else "--as-of"
    result = msc(*args, "-C", str(DEMO), flag, "2026-11-27")
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if args[0] == "check":
        assert json.loads(result.stdout)["as_of"] == "2026-11-27"


def test_the_site_is_built_as_of_the_day_given(
    clock: Callable[[date | None], list[date]], tmp_path: Path
) -> None:
    clock(None)
    result = msc(
        "render", "site", "-C", str(DEMO), "--as-of", "2026-11-27", "-o", str(tmp_path / "s")
    )
    assert result.exit_code == 0, result.output
    assert "27 November 2026" in (tmp_path / "s" / "index.html").read_text(encoding="utf-8")


def test_an_edit_asks_for_today_once_and_uses_it_for_the_entry_and_the_check(
    clock: Callable[[date | None], list[date]], make_partnership: Callable[..., Path]
) -> None:
    root = make_partnership()
    asked = clock(date(2026, 12, 3))
    result = msc("partner", "add", "bakery", "--name", "Bakery", "--sector", "private",
                 "-C", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert asked == [date(2026, 12, 3)]
    assert "joined: 2026-12-03" in (root / "partners.yaml").read_text(encoding="utf-8")


def test_decide_with_a_date_records_it_and_asks_today_only_for_the_check(
    clock: Callable[[date | None], list[date]], make_partnership: Callable[..., Path]
) -> None:
    root = make_partnership()
    asked = clock(date(2026, 12, 3))
    result = msc("decide", "Open on Saturdays", "--date", "2026-11-20", "--no-commit",
                 "-C", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert asked == [date(2026, 12, 3)]
    (record,) = (root / "decisions").glob("*open-on-saturdays.md")
    assert "date: 2026-11-20\n" in record.read_text(encoding="utf-8")


def test_init_dates_its_files_with_todays_date(
    clock: Callable[[date | None], list[date]], tmp_path: Path
) -> None:
    asked = clock(date(2026, 12, 3))
    result = msc("init", str(tmp_path / "new"), "--no-git", "-q")
    assert result.exit_code == 0, result.output
    assert asked == [date(2026, 12, 3)]
    (founding,) = (tmp_path / "new" / "decisions").glob("*.md")
    assert "date: 2026-12-03\n" in founding.read_text(encoding="utf-8")
