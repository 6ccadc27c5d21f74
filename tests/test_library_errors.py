"""The library does not speak CLI: its errors name the parameter (``field``), never a
flag, and the command line still puts its own flag in front."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import REPO, msc
from msctool.errors import MscError

AS_OF = date(2026, 11, 27)
pytestmark = pytest.mark.git


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    """The command line (run in the committed partnership)."""
    said: str
    """The start of what the command line says."""
    field: str
    call: Callable[[Path], object]
    """The same through the library."""


def _partner(root: Path, **given: Any) -> object:
    from msctool.edits.partners import NewPartner, add_partner

    return add_partner(
        root, NewPartner("co", "Co", **{"sector": "civil", "joined": AS_OF, **given})
    )


def _leave(root: Path) -> object:
    from msctool.edits.partners import leave_partner

    return leave_partner(root, "city", date(2020, 1, 1))


def _engage(root: Path, **given: Any) -> object:
    from msctool.edits.engagements import NewEngagement, add_engagement

    words = {"method": "survey", "participants": "40", **given}
    return add_engagement(
        root, NewEngagement("e1", "T", AS_OF, segments=("students",), heard=("x",), **words)
    )


def _activity(root: Path, **given: Any) -> object:
    from msctool.edits.activities import NewActivity, add_activity

    return add_activity(root, NewActivity("a1", "A", "steering", "city", **given))


def _record(root: Path) -> object:
    from msctool.edits.recording import record

    return record(root, "placements", "5", AS_OF, None, "bad name")


def _decide(root: Path, **given: Any) -> object:
    from msctool.edits.decide import DecisionRequest, prepare

    return prepare(root, DecisionRequest("X", AS_OF, **given), as_of=AS_OF)


def _changes(root: Path, since: str, until: str = "HEAD") -> object:
    from msctool.history.changes import changes_between

    return changes_between(root, since, until)


PARTNER = ("partner", "add", "co", "--name", "Co", "--sector", "civil")
ENGAGE = (
    *("engage", "add", "e1", "--title", "T", "--method", "survey", "--segment", "students"),
    *("--participants", "12.5", "--heard", "x"),
)
CASES = {
    "gift kind": Case(
        (*PARTNER, "--gives", "hour: X"),
        "--gives: `hour` is not a kind of gift",
        "gives",
        lambda r: _partner(r, gives=("hour: X",)),
    ),
    "gift form": Case(
        (*PARTNER, "--gives", "nothing"),
        "--gives: `nothing` is not KIND [AMOUNT[/PER]]: DESCRIPTION",
        "gives",
        lambda r: _partner(r, gives=("nothing",)),
    ),
    "left before joining": Case(
        ("partner", "leave", "city", "--date", "2020-01-01"),
        "--date: 2020-01-01 is before `city` joined",
        "day",
        _leave,
    ),
    "participants": Case(
        ENGAGE,
        "--participants: `12.5` is not a whole number of 0 or more",
        "participants",
        lambda r: _engage(r, participants="12.5"),
    ),
    "data file": Case(
        ("metric", "record", "placements", "5", "--date", "2026-11-27", "--file", "bad name"),
        "--file: file name `bad name` is not a valid id",
        "file",
        _record,
    ),
    "decision rule": Case(
        ("decide", "X", "--rule", "consnt", "--no-commit"),
        "--rule: `consnt` is not a decision rule",
        "rule",
        lambda r: _decide(r, rule="consnt"),
    ),
    "decision number": Case(
        ("decide", "X", "--supersedes", "0", "--no-commit"),
        "--supersedes: 0 is no decision number (1 to 9999)",
        "supersedes",
        lambda r: _decide(r, supersedes=(0,)),
    ),
    "unknown partner": Case(
        ("decide", "X", "--informed", "schol", "--no-commit"),
        "--informed: unknown partner or governance body `schol`",
        "informed",
        lambda r: _decide(r, informed=("schol",)),
    ),
    "unknown superseded": Case(
        ("decide", "X", "--supersedes", "9", "--no-commit"),
        "--supersedes: decision 0009 does not exist",
        "supersedes",
        lambda r: _decide(r, supersedes=(9,)),
    ),
    "working tree first": Case(
        ("changes", "--since", "worktree"),
        "--since: the working tree (`worktree`) can only be the later point",
        "since",
        lambda r: _changes(r, "worktree"),
    ),
    "not a date": Case(
        ("changes", "--since", "2026-13-01"),
        "--since: `2026-13-01` is not a date",
        "since",
        lambda r: _changes(r, "2026-13-01"),
    ),
    "nothing by then": Case(
        ("changes", "--since", "1990-01-01", "--until", "1999-01-01"),
        "--until: no commit touches the partnership by 1999-01-01",
        "until",
        lambda r: _changes(r, "1990-01-01", "1999-01-01"),
    ),
    "points swapped": Case(
        ("changes", "--since", "2090-01-02", "--until", "2090-01-01"),
        "--since: the earlier point 2090-01-02 is after the later point 2090-01-01",
        "since",
        lambda r: _changes(r, "2090-01-02", "2090-01-01"),
    ),
}


def _problem(call: Callable[[], object]) -> MscError:
    with pytest.raises(MscError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_line_names_its_flag(name: str, committed_partnership: Path) -> None:
    case = CASES[name]
    result = msc(*case.args)
    assert result.exit_code in (1, 2), result.output
    assert result.stderr.startswith(f"msc: error: {case.said}"), result.stderr


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_library_names_the_field_and_no_flag(name: str, committed_partnership: Path) -> None:
    case = CASES[name]
    problem = _problem(lambda: case.call(committed_partnership))
    assert problem.field == case.field
    assert case.said.removeprefix(f"--{_flag(case)}: ") in problem.message
    assert "--" not in problem.message
    assert "--" not in (problem.hint or "")


def _flag(case: Case) -> str:
    return case.said.split(":", 1)[0].removeprefix("--")


LIBRARY_ONLY = {
    "sector": (lambda r: _partner(r, sector="guild"), "`guild` is not one of"),
    "method": (lambda r: _engage(r, method="poll"), "`poll` is not one of"),
    "work": (lambda r: _activity(r, work="at"), "`at` is not one of"),
    "status": (lambda r: _activity(r, status="busy"), "`busy` is not one of"),
    "participants": (lambda r: _engage(r, participants=-1), "cannot be negative"),
}
"""Values the command line's choices refuse before the library sees them."""


@pytest.mark.parametrize("field", sorted(LIBRARY_ONLY))
def test_a_python_caller_gets_the_field_and_no_flag(field: str, tmp_path: Path) -> None:
    call, said = LIBRARY_ONLY[field]
    problem = _problem(lambda: call(tmp_path))
    assert problem.field == field
    assert said in problem.message and "--" not in problem.message


def test_commit_outside_git_names_the_flag(make_partnership: Callable[..., Path]) -> None:
    root = make_partnership()
    result = msc(*PARTNER, "-C", str(root), "--commit")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"msc: error: --commit: {root} is not in a git repository")


# --------------------------------------------------------------------------- no flag in the library

ERRORS = re.compile(r"(Error|Exception)$")
FLAG = re.compile(r"--[A-Za-z]")
KNOWN_OFFENDERS: set[str] = set()
"""Modules allowed to name a flag in an error: none."""


def flag_texts(tree: ast.AST) -> Iterator[ast.Constant]:
    """Each string in an error call (``UserError(...)``, ``GitError(...)``: a message or a
    hint, plain or a part of an f-string) that names a flag (``--since``)."""
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        func = call.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if not ERRORS.search(name):
            continue
        for node in ast.walk(call):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and FLAG.search(text):
                yield node


def flags_in_library_errors() -> dict[str, list[str]]:
    """Per module outside cli/: the flags its errors name, with their lines."""
    package = REPO / "src" / "msctool"
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if not rel.startswith("cli/"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in flag_texts(tree):
                found.setdefault(rel, []).append(f"{node.lineno}: {node.value!r}")
    return found


def test_no_library_error_names_a_flag() -> None:
    found = flags_in_library_errors()
    unknown = {rel: texts for rel, texts in found.items() if rel not in KNOWN_OFFENDERS}
    assert not unknown


def test_the_scan_finds_a_flag_in_an_error() -> None:
    """The scan above can fail: it sees a flag in a message, a hint and an f-string, and
    not in a git command's arguments."""
    source = (
        "raise UsageError(f'--since {x} is late')\n"
        "raise UserError('late', hint='use --force')\n"
        "run(['git', 'log', '--format=%H'])\n"
    )
    assert [node.value for node in flag_texts(ast.parse(source))] == ["--since ", "use --force"]
