"""Benchmark ``msc log`` (and ``msc changes``) on a long history; print a Markdown table.

Builds, once, a repository of 20,000 commits holding a large generated
partnership (``bench/generate.py``, 2,000 decision records) in the subfolder
``partnership/``, with ``git fast-import`` (seconds, not minutes). Between the
decisions are commits that touch other files, inside the partnership folder
and outside it. Some decisions are proposed first and accepted later, some
are amended after acceptance, some are recorded with ``msc decide``'s
trailers. A second repository of 5,000 commits with the same 2,000 decisions
shows that memory does not grow with the length of history.

Run from the repository root, in the environment msc is installed in::

    python bench/history.py [--repeat 5] [--out bench/out]

The repositories are kept in ``OUT/history-<commits>`` (git-ignored) and
reused while their parameters are unchanged. Standard library only.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FOLDER = "partnership"
START = 1_546_300_800  # 2019-01-01
STEP = 3 * 3600
LAYOUT_VERSION = "1"
"""Bump when the generated history changes, so cached repositories are rebuilt."""


def msc_exe() -> str:
    return shutil.which("msc", path=str(BIN)) or shutil.which("msc") or str(BIN / "msc")


# -- building the history -------------------------------------------------------------------


@dataclass
class _Stream:
    """Writes a ``git fast-import`` stream: one commit after the other on main."""

    out: Callable[[bytes], object]
    mark: int = 0
    count: int = 0

    def commit(self, message: str, files: dict[str, bytes | None], author: str) -> None:
        self.mark += 1
        self.count += 1
        when = START + self.count * STEP
        who = f"{author} <{author.lower().replace(' ', '.')}@example.org> {when} +0000"
        body = message.encode()
        head = f"commit refs/heads/main\nmark :{self.mark}\nauthor {who}\ncommitter {who}\n"
        self.out(head.encode() + b"data %d\n" % len(body) + body + b"\n")
        for path, data in files.items():
            if data is None:
                self.out(f"D {path}\n".encode())
            else:
                self.out(f"M 100644 inline {path}\n".encode() + b"data %d\n" % len(data) + data)
                self.out(b"\n")
        self.out(b"\n")


AUTHORS = ("Amira Haddad", "Bram de Vries", "Chen Wei", "Dana Okafor", "Eva Janssen")


def _records(source: Path) -> list[tuple[str, str]]:
    folder = source / "decisions"
    return [(f"decisions/{p.name}", p.read_text()) for p in sorted(folder.glob("*.md"))]


def _proposed(text: str) -> str:
    return text.replace("\nstatus: accepted\n", "\nstatus: proposed\n", 1)


def _history(stream: _Stream, source: Path, commits: int, seed: int) -> None:
    rng = random.Random(seed)
    base = {
        str(p.relative_to(source)): p.read_bytes()
        for p in source.rglob("*")
        if p.is_file() and "decisions" not in p.parts
    }
    first = {f"{FOLDER}/{rel}": data for rel, data in base.items()}
    first["README.md"] = b"# A larger repository holding a partnership\n"
    stream.commit("Start the partnership", first, AUTHORS[0])
    records = _records(source)
    later: list[tuple[int, str, str]] = []  # (due commit, path, final text)
    decision_commits = len(records) + len(records) // 10 + len(records) // 20
    every = max(1, (commits - 1) // max(1, decision_commits))
    number = 0
    while stream.count < commits:
        author = AUTHORS[stream.count % len(AUTHORS)]
        due = [item for item in later if item[0] <= stream.count]
        if stream.count % every == 0 and due:
            item = due[0]
            later.remove(item)
            stream.commit(f"Accept {item[1]}", {f"{FOLDER}/{item[1]}": item[2].encode()}, author)
        elif stream.count % every == 0 and number < len(records):
            rel, text = records[number]
            number += 1
            _decide(stream, rng, rel, text, number, later, author)
        else:
            _noise(stream, rng, author)


def _decide(
    stream: _Stream,
    rng: random.Random,
    rel: str,
    text: str,
    number: int,
    later: list[tuple[int, str, str]],
    author: str,
) -> None:
    roll = rng.random()
    first = text
    if roll < 0.10 and "\nstatus: accepted\n" in text:
        first = _proposed(text)
        later.append((stream.count + rng.randint(5, 200), rel, text))
    elif roll < 0.15:
        later.append((stream.count + rng.randint(5, 400), rel, text + "\nAmended: a typo.\n"))
    message = f"Decision {number:04d}"
    if rng.random() < 0.5:
        message += f"\n\nDecision: {number:04d}\nDecision-Status: accepted\n"
    stream.commit(message, {f"{FOLDER}/{rel}": first.encode()}, author)


def _noise(stream: _Stream, rng: random.Random, author: str) -> None:
    slot = rng.randrange(400)
    inside = slot % 2 == 0
    path = f"{FOLDER}/notes/note-{slot}.md" if inside else f"site/page-{slot}.txt"
    data = f"revision {stream.count}\n".encode()
    stream.commit(f"Update {path.rsplit('/', 1)[-1]}", {path: data}, author)


def build(target: Path, commits: int, source: Path) -> float:
    """The repository of ``commits`` commits in ``target`` (kept while unchanged); seconds."""
    stamp = target / ".git" / "msc-bench-layout"
    wanted = f"{LAYOUT_VERSION} {commits}"
    if stamp.exists() and stamp.read_text() == wanted:
        return 0.0
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=target, stdin=subprocess.PIPE)
    assert process.stdin is not None
    _history(_Stream(process.stdin.write), source, commits, seed=commits)
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=target, check=True)
    stamp.write_text(wanted)
    return time.perf_counter() - started


# -- measuring ------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    command: list[str]
    before: Callable[[], None] | None = None
    ref: str | None = None
    target: str = ""
    limit: float | None = None
    strict: bool = False
    times: list[float] | None = None
    available: bool = True


def _run(row: Row, cwd: Path) -> float:
    if row.before is not None:
        row.before()
    started = time.perf_counter()
    done = subprocess.run(row.command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(row.command)} failed: {done.stderr.decode()[-500:]}")
    return took


def measure(rows: list[Row], cwd: Path, repeat: int) -> None:
    """Round-robin over the rows after one untimed run each."""
    live = [row for row in rows if row.available]
    for row in live:
        _run(row, cwd)
        row.times = []
    for _ in range(repeat):
        for row in live:
            assert row.times is not None
            row.times.append(_run(row, cwd))


def _median(row: Row) -> float | None:
    return statistics.median(row.times) if row.times else None


def table(rows: list[Row]) -> Iterator[str]:
    by_name = {row.name: row for row in rows}
    yield "| command | median s | min s | ratio | target | met |"
    yield "|---|---:|---:|---:|---|---|"
    for row in rows:
        if not row.available:
            yield f"| {row.name} | not available | | | {row.target} | |"
            continue
        median = _median(row)
        assert median is not None and row.times
        ref = by_name.get(row.ref or "")
        base = _median(ref) if ref else None
        ratio = median / base if base else None
        met = ""
        if ratio is not None and row.limit is not None:
            met = "yes" if (ratio < row.limit if row.strict else ratio <= row.limit) else "NO"
        shown = f"{ratio:.2f}×" if ratio is not None else ""
        yield (
            f"| {row.name} | {median:.3f} | {min(row.times):.3f} | {shown} | {row.target} | {met} |"
        )


def peak_memory(repo: Path, use_cache: bool) -> int:
    """Peak resident memory (KiB) of the Python process building the log (git not counted).

    Run from a small shell: a process forked straight from this (large) Python
    would report this process's size as its own peak (Linux keeps the high-water
    mark across exec).
    """
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from msctool.history.decisionlog import decision_log\n"
        f"log = decision_log(Path(sys.argv[1]), use_cache={use_cache})\n"
        "assert len(log.decisions) > 0\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        ["sh", "-c", '"$0" -c "$1" "$2"; true', sys.executable, code, str(repo / FOLDER)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def child_peak(command: Sequence[str], cwd: Path) -> int | None:
    """Peak resident memory (KiB) of one command, from ``/usr/bin/time`` (None without it)."""
    if not Path("/usr/bin/time").exists():
        return None
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


# -- main -----------------------------------------------------------------------------------


def git_log_command() -> list[str]:
    from msctool.history.commits import log_command

    paths = [f"{FOLDER}/decisions", f"{FOLDER}/partnership.yaml"]
    return ["env", "GIT_LITERAL_PATHSPECS=1", "git", *log_command(paths, None, "HEAD")]


def rows_for(repo: Path) -> list[Row]:
    msc = msc_exe()
    folder = str(repo / FOLDER)
    cache = repo / ".git" / "msc"

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    changes_ok = (
        subprocess.run([msc, "changes", "--help"], capture_output=True, check=False).returncode == 0
    )
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    return [
        Row("`python -c pass`", [sys.executable, "-c", "pass"]),
        Row("`msc --version`", [msc, "--version"]),
        Row("raw `git log --format=%H` (whole history, no paths)", ["git", "log", "--format=%H"]),
        Row("raw pass: the `git log --format=... --raw -z` msc runs", git_log_command()),
        Row(
            "`msc log` cold (no cache)",
            [msc, "log", "-C", folder],
            before=drop_cache,
            ref="raw pass: the `git log --format=... --raw -z` msc runs",
            target="≤ 2× raw pass",
            limit=2.0,
        ),
        Row(
            "`msc log` warm (cache at HEAD)",
            [msc, "log", "-C", folder],
            ref="raw pass: the `git log --format=... --raw -z` msc runs",
            target="< 1× raw pass",
            limit=1.0,
            strict=True,
        ),
        Row(
            "`msc log --format json` warm",
            [msc, "log", "-C", folder, "--format", "json"],
            ref="raw pass: the `git log --format=... --raw -z` msc runs",
        ),
        Row(
            f"`msc changes --since {first[:7]}`",
            [msc, "changes", "-C", folder, "--since", first],
            ref="raw pass: the `git log --format=... --raw -z` msc runs",
            available=changes_ok,
        ),
    ]


def counts(repo: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    total = git("rev-list", "--count", "HEAD")
    touching = git("rev-list", "--count", "HEAD", "--", f"{FOLDER}/decisions")
    records = len(list((repo / FOLDER / "decisions").glob("*.md")))
    return f"{int(total):,} commits, {int(touching):,} touching decisions/, {records:,} records"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per row (default 5)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args(argv)
    repos = {n: args.out / f"history-{n // 1000}k" for n in (20_000, 5_000)}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "p"
        if not all((r / ".git" / "msc-bench-layout").exists() for r in repos.values()):
            generate(source, scale=1.0)
        for n, repo in repos.items():
            took = build(repo, n, source)
            if took:
                print(f"built {repo} in {took:.1f} s", file=sys.stderr)
    big = repos[20_000]
    rows = rows_for(big)
    measure(rows, big, args.repeat)
    print(f"## msc log on a long history ({counts(big)})\n")
    print(f"{args.repeat} timed runs per row, interleaved; ratios against the raw pass.\n")
    print("\n".join(table(rows)))
    print("\n## Memory: peak resident size, 5,000 vs 20,000 commits (same 2,000 decisions)\n")
    print("| history | msc log, Python process (cold) | the `git log` msc runs |")
    print("|---|---:|---:|")
    for _n, repo in sorted(repos.items()):
        mine = peak_memory(repo, use_cache=False)
        theirs = child_peak(git_log_command(), repo)
        git_peak = f"{theirs / 1024:.1f} MiB" if theirs is not None else "n/a"
        print(f"| {counts(repo)} | {mine / 1024:.1f} MiB | {git_peak} |")
    floor = child_peak([sys.executable, "-c", "import msctool.cli.app"], REPO)
    if floor is not None:
        print(f"\nFor scale: importing msc's command line peaks at {floor / 1024:.1f} MiB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
