"""Two commands at once never lose work: real parallel processes on one partnership.

Every command that writes the partnership holds one lock (msctool.edits.lock);
a second one waits, then names who holds it. These tests start real ``msc``
processes side by side, and hold the lock from a process of their own.
"""

from __future__ import annotations

import csv
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from helpers import MakeP, git, git_process, is_lock_file, msc, repository
from msctool.edits.lock import find_git_dir, holder_path, lock_path
from msctool.rules.check import run_check

LONG_WAIT = {"MSC_LOCK_TIMEOUT": "120"}
"""Parallel runs must wait for each other, never give up, even on a busy machine."""

HOLDER = """
import sys
from pathlib import Path
from msctool.edits.lock import hold
root = Path(sys.argv[1])
sys.argv = ["msc", "partner", "add", "slow-one"]
with hold(root):
    print("held", flush=True)
    sys.stdin.read()
"""


@dataclass(frozen=True)
class Ran:
    args: tuple[str, ...]
    code: int
    out: str
    err: str


def start(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """``msc ARGS -C root`` as a process of its own, started now."""
    return subprocess.Popen(
        [sys.executable, "-m", "msctool", *args, "-C", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, **(env or {})},
    )


def run_pairs(root: Path, pairs: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> list[Ran]:
    """Run each pair of commands side by side: both started, then both waited for."""
    ran: list[Ran] = []
    for pair in pairs:
        processes = [(args, start(root, *args, env=LONG_WAIT)) for args in pair]
        for args, process in processes:
            out, err = process.communicate(timeout=300)
            ran.append(Ran(args, process.returncode, out, err))
    return ran


@pytest.fixture
def repo(make_partnership: MakeP, isolated_git: Path, tmp_path: Path) -> Path:
    """A git repository at tmp_path with the partnership in its subfolder ``p``."""
    make_partnership()
    return repository(tmp_path)


@pytest.fixture
def held(repo: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A partnership in git whose lock another process holds (until the test ends)."""
    root = repo / "p"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield root, holder
    if holder.stdin is not None:
        holder.stdin.close()
    holder.wait(timeout=30)


def snapshot_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not is_lock_file(path)
    }


# -- dozens of pairs of edits ------------------------------------------------------


def _edit(kind: str, n: int) -> tuple[str, ...]:
    """One edit command of ``kind``, adding something that carries the number ``n``."""
    if kind == "partner":
        return ("partner", "add", f"p{n}", "--name", f"Partner {n}", "--sector", "civil",
                "--joined", "2026-01-01", "--representative", "Rep", "--gives", "hours: help",
                "--gets", "a network")  # fmt: skip
    if kind == "metric":
        day = f"2025-{n // 28 + 1:02d}-{n % 28 + 1:02d}"
        return ("metric", "record", "placements", str(100 + n), "--date", day, "--source", "city")
    if kind == "engage":
        return ("engage", "add", f"e{n}", "--title", f"Panel {n}", "--method", "survey",
                "--segment", "students", "--participants", "5", "--heard", "More evening hours.",
                "--changed", "Opened later.", "--date", "2026-11-01")  # fmt: skip
    return ("activity", "add", f"a{n}", "--name", f"Activity {n}", "--body", "steering",
            "--accountable", "city", "--goal", "work", "--responsible", "school")  # fmt: skip


def _present(root: Path, kind: str, n: int) -> bool:
    if kind == "metric":
        with (root / "data" / "placements.csv").open(encoding="utf-8") as handle:
            return any(row["value"] == str(100 + n) for row in csv.DictReader(handle))
    file, key, prefix = {
        "partner": ("partners.yaml", "partners", "p"),
        "engage": ("engagement.yaml", "engagements", "e"),
        "activity": ("activities.yaml", "activities", "a"),
    }[kind]
    data = yaml.safe_load((root / file).read_text(encoding="utf-8"))
    return f"{prefix}{n}" in [item["id"] for item in data[key]]


def test_pairs_of_parallel_edits_lose_no_edit(make_partnership: MakeP) -> None:
    root = make_partnership()
    kinds = ("partner", "metric", "engage", "activity")
    pairs = []
    for pair in range(24):  # both of a pair edit the same file, except every sixth pair
        first = kinds[pair % 4]
        second = first if pair % 6 else kinds[(pair + 1) % 4]
        pairs.append(((first, 2 * pair), (second, 2 * pair + 1)))
    commands = [tuple(_edit(kind, n) for kind, n in pair) for pair in pairs]

    ran = run_pairs(root, commands)

    assert [(r.args, r.err) for r in ran if r.code != 0] == []  # they waited, none gave up
    edits = [edit for pair in pairs for edit in pair]
    succeeded = [edit for edit, r in zip(edits, ran, strict=True) if r.code == 0]
    assert len(succeeded) == 48
    assert [edit for edit in succeeded if not _present(root, *edit)] == []
    report = run_check(root)
    assert [f.code for f in report.findings if f.severity == "error"] == []


def test_of_two_parallel_adds_of_one_id_the_second_sees_the_first(make_partnership: MakeP) -> None:
    root = make_partnership()
    pairs = [(_edit("partner", n), _edit("partner", n)) for n in range(3)]

    ran = run_pairs(root, pairs)

    for first, second in zip(ran[::2], ran[1::2], strict=True):
        assert sorted([first.code, second.code]) == [0, 1]
        refused = first if first.code else second
        assert f"there is already a partner `{refused.args[2]}` in partners.yaml" in refused.err
    ids = [p["id"] for p in yaml.safe_load((root / "partners.yaml").read_text())["partners"]]
    assert ids == ["city", "school", "p0", "p1", "p2"]


# -- parallel decisions in git -----------------------------------------------------


@pytest.mark.git
def test_parallel_decisions_get_distinct_numbers_and_commits(repo: Path) -> None:
    p = repo / "p"
    pairs = [
        tuple(("decide", f"Decision {pair} {side}", "-m", "We do it.") for side in "ab")
        for pair in range(8)
    ]

    ran = run_pairs(p, pairs)

    assert [r.code for r in ran] == [0] * 16, [r.err for r in ran]
    assert [r.err for r in ran if r.err and not r.err.startswith("msc: waiting for ")] == []
    records = sorted(path.name for path in (p / "decisions").iterdir())
    numbers = [int(name[:4]) for name in records]
    assert numbers == list(range(1, 18))  # 0001 was there; 16 new, none twice
    subjects = git(repo, "log", "--format=%s").splitlines()
    decided = [s for s in subjects if s.startswith("Decision ")]
    assert len(decided) == 16 == len({s.split(":")[0] for s in decided})
    committed = git(repo, "log", "--format=", "--name-only").split()
    for name in records[1:]:
        assert committed.count(f"p/decisions/{name}") == 1
    trailers = re.findall(r"^Decision: (\d{4})$", git(repo, "log", "--format=%B"), re.MULTILINE)
    assert sorted(trailers) == [f"{n:04d}" for n in range(2, 18)]
    assert git(repo, "status", "--porcelain") == ""  # the lock lives in .git, not the folder


# -- a held lock -------------------------------------------------------------------


@pytest.mark.git
def test_a_held_lock_makes_an_edit_wait_then_name_the_holder(
    held: tuple[Path, subprocess.Popen[str]],
) -> None:
    root, holder = held
    before = snapshot_of(root)
    process = start(root, "partner", "add", "late", "--name", "Late", "--sector", "civil",
                    env={"MSC_LOCK_TIMEOUT": "0.5"})  # fmt: skip
    out, err = process.communicate(timeout=60)

    assert process.returncode == 1, err
    holder_named = (
        f"`msc partner add slow-one` (process {holder.pid} on {socket.gethostname()}, "
        f"since {_since(err)} UTC)"
    )
    assert err.splitlines() == [
        f"msc: waiting for {holder_named} to finish (at most 0.5 s)",
        f"msc: error: {holder_named} is still changing this partnership; waited 0.5 s",
        "  hint: run the command again once that one has finished, or set MSC_LOCK_TIMEOUT "
        f"to wait longer; the lock ({root.resolve().parent / '.git' / 'msc.lock'}) is released when "
        "that process ends, even if it is killed",
    ]
    assert out == ""
    assert snapshot_of(root) == before


def _since(err: str) -> str:
    found = re.search(r"since (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC", err)
    assert found is not None, err
    return found.group(1)


def _writers(root: Path, tmp_path: Path) -> list[list[str]]:
    """Every kind of command that writes the partnership (each would change it)."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("metric,date,value,source\nplacements,2026-11-25,30,city\n")
    return [
        ["partner", "leave", "school", "--date", "2026-11-01"],
        ["activity", "assign", "newsletter", "--accountable", "school"],
        ["metric", "record", "placements", "25", "--date", "2026-11-24"],
        ["metric", "import", str(sheet)],
        [
            "engage",
            "add",
            "e9",
            "--title",
            "T",
            "--method",
            "survey",
            "--segment",
            "students",
            "--participants",
            "5",
            "--heard",
            "H",
            "--date",
            "2026-11-02",
        ],
        ["decide", "Meet monthly", "--no-commit", "-m", "We meet."],
        ["retro", "new", "--date", "2026-11-27"],
        ["templates", "eject", "newsletter.md.j2"],
        ["render", "newsletter", "--as-of", "2026-12-27"],
        ["render", "roi", "--as-of", "2026-11-27"],
        ["render", "scorecard", "--as-of", "2026-11-27"],
        ["render", "scorecard", "-o", str(root / "scorecards" / "mine.md")],
        ["render", "site", "--as-of", "2026-11-27", "--no-progress"],
        ["init", "--force", "--no-git"],
    ]


def _readers(tmp_path: Path) -> list[list[str]]:
    """Commands that only read the partnership (or write outside it)."""
    return [
        ["check", "--as-of", "2026-11-27"],
        ["log"],
        ["changes", "--since", "HEAD", "--until", "worktree"],
        ["render", "newsletter", "-o", "-", "--as-of", "2026-11-27"],
        ["render", "roi", "--format", "json"],
        ["render", "scorecard", "-o", str(tmp_path / "card.md")],
        ["scorecard", "--as-of", "2026-11-27"],
        ["retro", "new", "-o", "-", "--date", "2026-11-27"],
        ["partner", "add", "x", "--name", "X", "--sector", "civil", "--dry-run"],
        ["templates", "list"],
    ]


@pytest.mark.git
def test_with_the_lock_held_writers_wait_and_readers_run(
    held: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    root, holder = held
    before = snapshot_of(root)
    for args in _writers(root, tmp_path):
        result = msc(*args, "-C", str(root), env={"MSC_LOCK_TIMEOUT": "0"})
        assert result.exit_code == 1, (args, result.output)
        assert f"(process {holder.pid} on " in result.stderr, args
        assert "is still changing this partnership" in result.stderr, args
    for args in _readers(tmp_path):
        result = msc(*args, "-C", str(root), env={"MSC_LOCK_TIMEOUT": "0"})
        assert result.exit_code == 0, (args, result.output)
        assert "waiting" not in result.stderr, args
    assert snapshot_of(root) == before


@pytest.mark.git
def test_decide_edit_opens_the_editor_before_waiting_for_the_lock(
    held: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    root, holder = held
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\ntouch '{opened}'\nprintf '## Decision\\n\\nYes.\\n' > \"$1\"\n")
    editor.chmod(0o755)

    result = msc(
        "decide",
        "Meet monthly",
        "--edit",
        "-C",
        str(root),
        env={"VISUAL": str(editor), "MSC_LOCK_TIMEOUT": "0"},
    )

    assert opened.exists()  # the editor session holds no lock: nobody waits for a typist
    assert result.exit_code == 1, result.output
    assert f"(process {holder.pid} on " in result.stderr
    assert sorted(p.name for p in (root / "decisions").iterdir()) == ["0001-adopt-msc.md"]


def test_a_killed_holder_blocks_no_one(make_partnership: MakeP) -> None:
    root = make_partnership()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    info = holder_path(lock_path(root))
    assert str(holder.pid) in info.read_text()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert info.exists()  # the dead process's file is left behind

    result = msc(
        "partner",
        "add",
        "next",
        "--name",
        "Next",
        "--sector",
        "civil",
        "-C",
        str(root),
        env={"MSC_LOCK_TIMEOUT": "0"},
    )

    assert result.exit_code == 0, result.output
    assert "waiting" not in result.stderr
    assert not info.exists()  # its own file, removed when it was done


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf", "1e400"])
def test_a_bad_lock_timeout_is_a_usage_error(make_partnership: MakeP, value: str) -> None:
    root = make_partnership()
    before = snapshot_of(root)
    result = msc(
        "partner",
        "add",
        "x",
        "--name",
        "X",
        "--sector",
        "civil",
        "-C",
        str(root),
        env={"MSC_LOCK_TIMEOUT": value},
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"msc: error: MSC_LOCK_TIMEOUT: `{value}` is not a number of seconds\n"
    )
    assert snapshot_of(root) == before


# -- where the lock lives ----------------------------------------------------------


def test_outside_git_the_lock_is_in_dot_msc_and_check_is_clean(make_partnership: MakeP) -> None:
    root = make_partnership()
    result = msc("metric", "record", "placements", "23", "-C", str(root))
    assert result.exit_code == 0, result.output
    assert lock_path(root) == root / ".msc" / "lock"
    assert (root / ".msc" / "lock").is_file()
    report = run_check(root)
    assert not [f for f in report.findings if ".msc" in f"{f.file} {f.message}"]


@pytest.mark.git
def test_in_git_the_lock_is_in_the_git_folder_and_status_stays_clean(repo: Path) -> None:
    p = repo / "p"
    result = msc(
        "partner", "add", "x", "--name", "X", "--sector", "civil", "--commit", "-C", str(p)
    )
    assert result.exit_code == 0, result.output
    assert lock_path(p) == repo / ".git" / "msc.lock"
    assert (repo / ".git" / "msc.lock").is_file()
    assert not (p / ".msc").exists()
    assert git(repo, "status", "--porcelain", "--ignored") == ""


@pytest.mark.git
def test_a_linked_work_tree_locks_in_its_own_git_folder(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    git(repo, "worktree", "add", "--quiet", str(other))
    assert (other / ".git").is_file()
    found = find_git_dir((other / "p").resolve())
    assert found is not None
    assert found.parent == (repo / ".git" / "worktrees").resolve()
    result = msc("metric", "record", "placements", "23", "-C", str(other / "p"))
    assert result.exit_code == 0, result.output
    assert (found / "msc.lock").is_file()
    assert git(other, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        " M p/data/placements.csv"
    ]


@pytest.mark.git
def test_the_starter_gitignore_ignores_the_lock(isolated_git: Path, tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = msc("init", str(target), "-q")
    assert result.exit_code == 0, result.output
    for name in (".msc/lock", ".msc/lock.holder"):
        assert git(target, "check-ignore", name).strip() == name
    schemas = git_process(target, "check-ignore", ".msc/schema/partners.schema.json")
    assert schemas.returncode == 1  # the editor schemas next to it are still committed


def _try_lock(root: Path) -> subprocess.CompletedProcess[str]:
    """Another process that takes the lock at once or reports that it is busy."""
    code = (
        "import sys; from pathlib import Path\n"
        "from msctool.edits.lock import LockBusyError, hold\n"
        "try:\n"
        "    with hold(Path(sys.argv[1]), timeout=0): print('got it')\n"
        "except LockBusyError: print('busy')\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True
    )


def test_a_hold_inside_a_hold_keeps_the_lock_until_the_outer_one_ends(
    make_partnership: MakeP,
) -> None:
    from msctool.edits.lock import hold

    root = make_partnership()
    with hold(root):
        with hold(root / "data"):  # held already by this process: no second lock
            assert holder_path(lock_path(root)).is_file()
        assert holder_path(lock_path(root)).is_file()
        assert _try_lock(root).stdout == "busy\n"
    assert not holder_path(lock_path(root)).exists()
    assert _try_lock(root).stdout == "got it\n"


def test_the_holder_is_shown_without_control_characters(make_partnership: MakeP) -> None:
    from msctool.edits.lock import read_holder

    root = make_partnership()
    info = holder_path(lock_path(root))
    info.parent.mkdir(parents=True, exist_ok=True)
    info.write_text(
        '{"command": "msc decide \\"\\u001b]0;owned\\u0007\\"", "pid": 7,'
        ' "host": "h\\u001b[2J", "since": "2026-11-30T14:02:11+00:00"}'
    )
    holder = read_holder(lock_path(root))
    assert holder is not None
    assert holder.describe() == (
        '`msc decide "\\x1b]0;owned\\x07"` (process 7 on h\\x1b[2J, since 2026-11-30 14:02:11 UTC)'
    )


@pytest.mark.parametrize("link", [".msc/lock", ".msc"])
def test_a_lock_or_msc_folder_that_is_a_link_is_refused(
    make_partnership: MakeP, tmp_path: Path, link: str
) -> None:
    root = make_partnership()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "lock").write_text("precious\n")
    (root / ".msc").mkdir(exist_ok=True)
    if link == ".msc":
        (root / ".msc").rmdir()
        (root / ".msc").symlink_to(outside, target_is_directory=True)
    else:
        (root / link).symlink_to(outside / "lock")
    before = snapshot_of(root)

    result = msc("metric", "record", "placements", "23", "-C", str(root))

    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"msc: error: {root.resolve() / link} is a symbolic link; msc keeps its lock there"
    )
    assert sorted(p.name for p in outside.iterdir()) == ["lock"]
    assert (outside / "lock").read_text() == "precious\n"
    assert snapshot_of(root) == before
