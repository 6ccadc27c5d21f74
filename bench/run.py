"""Benchmark msc against its targets and against peer tools; print a Markdown table.

Run from the repository root with the Python environment msc is installed in::

    python bench/run.py [--repeat N] [--quick] [--out bench/out] [--strict]

Every command runs as a subprocess, the way a user or a pre-commit hook runs
it; the table shows the median and the minimum wall time over N runs. Runs are
interleaved (round-robin over the cases), so background noise hits every row
alike. Standard library only.

To add a row, append a :class:`Case` in :func:`build_cases`; give it
:class:`Target` objects to compare it with a fixed time or with another row.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import edits
from generate import AS_OF, Stats, generate

REPO = Path(__file__).resolve().parent.parent
DEMO = Path("examples") / "partnership-demo"
BIN = Path(sys.executable).parent
SIZES = {"small": 0.1, "large": 1.0, "larger": 2.5}
"""Generated partnerships: name -> scale (1.0 = 1,000 partners, 5,000 activities)."""
FLOOR = Path(__file__).resolve().parent / "floor.py"
SCHEMA_FILES = ("partnership", "partners", "activities", "metrics", "roi", "engagement")
"""YAML files of a partnership folder; each validates against ``<name>.schema.json``."""


def tool(name: str) -> str:
    """The console script ``name`` next to the running Python, else on PATH."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    return found or str(BIN / name)


@dataclass(frozen=True)
class Target:
    """A goal for a case: ``limit`` seconds, or ``limit`` times the median of case ``ref``."""

    limit: float
    ref: str | None = None
    strict: bool = False
    """``<`` instead of ``≤``."""

    def describe(self, cases: dict[str, Case]) -> str:
        sign = "<" if self.strict else "≤"
        if self.ref is None:
            return f"{sign} {self.limit:g} s"
        return f"{sign} {self.limit:g}× {cases[self.ref].short}"

    def ratio(self, case: Case, cases: dict[str, Case]) -> float | None:
        if self.ref is None:
            return None
        ref = cases[self.ref]
        if case.median is None or not ref.median:
            return None
        return case.median / ref.median

    def passed(self, case: Case, cases: dict[str, Case]) -> bool | None:
        """True or False; None when it cannot be measured."""
        if case.median is None:
            return None
        if self.ref is None:
            value, limit = case.median, self.limit
        else:
            ratio = self.ratio(case, cases)
            if ratio is None:
                return None
            value, limit = ratio, self.limit
        return value < limit if self.strict else value <= limit


@dataclass
class Case:
    """One row of the table: one command, or several whose times are summed per run."""

    key: str
    label: str
    commands: list[list[str]]
    short: str = ""
    """How ratios name this row ("import typer", "yamllint")."""
    targets: list[Target] = field(default_factory=list)
    expect_valid: bool = False
    """Warn when msc reports data errors (the generator made invalid data)."""
    note: str = ""
    reset: Callable[[], None] | None = None
    """Run (untimed) after every run: puts back what the command changed."""
    times: list[float] = field(default_factory=list)
    problem: str | None = None
    exit_codes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def minimum(self) -> float | None:
        return min(self.times) if self.times else None


def build_cases(out: Path, schemas: Path | None) -> list[Case]:
    """The rows of the table, in order."""
    py, msc = sys.executable, tool("msc")
    demo = str(DEMO)
    small, large = str(out / "small"), str(out / "large")
    return [
        Case("python", "`python -c pass`", [[py, "-c", "pass"]], short="python"),
        Case(
            "typer",
            '`python -c "import typer"`',
            [[py, "-c", "import typer"]],
            short="import typer",
        ),
        Case(
            "version",
            "`msc --version`",
            [[msc, "--version"]],
            targets=[Target(1.15, "typer")],
        ),
        Case("help", "`msc --help`", [[msc, "--help"]], targets=[Target(1.25, "typer")]),
        Case(
            "check-demo",
            f"`msc check {demo} --as-of {AS_OF}`",
            [[msc, "check", demo, "--as-of", AS_OF.isoformat()]],
            short="check demo",
            targets=[Target(0.9, "yamllint"), Target(0.4, "jsonschema", strict=True)],
        ),
        Case(
            "yamllint",
            f"`yamllint -d relaxed {demo}`",
            [[tool("yamllint"), "-d", "relaxed", demo]],
            short="yamllint",
        ),
        _jsonschema_case(schemas),
        Case(
            "check-small",
            f"`msc check` generated {SIZES['small']:g}× (small)",
            [[msc, "check", small, "--as-of", AS_OF.isoformat()]],
            short="small",
            expect_valid=True,
        ),
        Case(
            "check-large",
            f"`msc check` generated {SIZES['large']:g}× (large)",
            [[msc, "check", large, "--as-of", AS_OF.isoformat()]],
            short="check large",
            targets=[Target(2.0), Target(12.0, "check-small"), Target(1.6, "floor")],
            expect_valid=True,
        ),
        Case(
            "floor",
            f"`python bench/floor.py` generated {SIZES['large']:g}× (large)",
            [[py, str(FLOOR), large]],
            short="floor",
            note="the least any checker must do: read the same files, parse the YAML with "
            "yaml-rs and validate it with msc's models, read the CSV rows into msc's "
            "Observation model (bench/floor.py)",
        ),
        Case(
            "scorecard-demo",
            "`msc render scorecard -o - --format html` demo",
            [
                [
                    msc,
                    "render",
                    "scorecard",
                    "-C",
                    demo,
                    *f"-o - --format html --as-of {AS_OF}".split(),
                ]
            ],
            short="scorecard demo",
            targets=[Target(0.7)],
        ),
        Case(
            "scorecard-large",
            f"`msc render scorecard -o - --format html` generated {SIZES['large']:g}× (large)",
            [
                [
                    msc,
                    "render",
                    "scorecard",
                    "-C",
                    large,
                    *f"-o - --format html --as-of {AS_OF}".split(),
                ]
            ],
            short="scorecard large",
            targets=[Target(3.0)],
        ),
        Case(
            "newsletter-demo",
            "`msc render newsletter -o - --format html` demo",
            [
                [
                    msc,
                    "render",
                    "newsletter",
                    "-C",
                    demo,
                    *f"-o - --format html --as-of {AS_OF}".split(),
                ]
            ],
            short="newsletter demo",
            targets=[Target(0.7)],
        ),
        Case(
            "newsletter-large",
            f"`msc render newsletter -o - --format html` generated {SIZES['large']:g}× (large)",
            [
                [
                    msc,
                    "render",
                    "newsletter",
                    "-C",
                    large,
                    *f"-o - --format html --as-of {AS_OF}".split(),
                ]
            ],
            short="newsletter large",
        ),
        Case(
            "roi-demo",
            "`msc render roi -o - --format html` demo",
            [[msc, "render", "roi", "-C", demo, *f"-o - --format html --as-of {AS_OF}".split()]],
            short="roi demo",
            targets=[Target(0.7)],
        ),
        Case(
            "roi-large",
            f"`msc render roi -o - --format html` generated {SIZES['large']:g}× (large)",
            [[msc, "render", "roi", "-C", large, *f"-o - --format html --as-of {AS_OF}".split()]],
            short="roi large",
        ),
        Case(
            "retro-demo",
            "`msc retro new -o -` demo",
            [[msc, "retro", "new", "-C", demo, *f"-o - --date {AS_OF}".split()]],
            short="retro demo",
            targets=[Target(0.7)],
        ),
        *_site_cases(msc, demo, out),
        *_edit_cases(msc, out),
        *_collect_cases(msc, out),
    ]


def _site_cases(msc: str, demo: str, out: Path) -> list[Case]:
    """`msc render site` of the demo and of two generated sizes (each run replaces the
    last): a second of work on a large partnership, and linear in its size."""
    large, larger = f"{SIZES['large']:g}× (large)", f"{SIZES['larger']:g}× (larger)"
    cases = []
    for key, source, label, targets in (
        ("site-demo", demo, "demo", []),
        ("site-large", str(out / "large"), f"generated {large}", [Target(2.0)]),
        (
            "site-larger",
            str(out / "larger"),
            f"generated {larger}",
            [Target(SIZES["larger"] * 1.1, "site-large")],
        ),
    ):
        command = [msc, "render", "site", "-C", source, "-o", str(out / key), "-q"]
        cases.append(
            Case(
                key,
                f"`msc render site` {label}",
                [[*command, "--as-of", AS_OF.isoformat()]],
                short=key.replace("-", " "),
                targets=targets,
                expect_valid=True,
            )
        )
    return cases


def _edit_cases(msc: str, out: Path) -> list[Case]:
    """Every edit command of ``bench/edits.py`` on a copy of the large partnership, put
    back after each run: an edit checks the whole partnership before it writes, and
    costs no more than `msc check` of it."""
    root = out / "edits"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(out / "large", root)
    metric = edits.ids(root)["metric"]
    sheet = edits.make_sheet(out / "edits.xlsx", metric)
    far = edits.make_far_sheet(out / "edits-far.xlsx", metric)
    saved = edits.snapshot(root)
    return [
        Case(
            f"edit-{n}",
            f"`{case.label}` generated {SIZES['large']:g}× (large)",
            [[msc, *case.args, "-C", str(root)]],
            short=case.label.removeprefix("msc "),
            targets=[Target(1.0, "check-large")],
            reset=lambda: edits.restore(root, saved),
        )
        for n, case in enumerate(edits.cases(root, sheet, far))
        if case.args[0] != "check"  # the check-large row is the comparison
    ]


COLLECT_DAY = "2027-01-26"
"""Two months after AS_OF: most metric owners of the generated partnership owe figures
(on the large one 71 owners, 262 figures)."""


def _collect_cases(msc: str, out: Path) -> list[Case]:
    """`msc collect requests` (a workbook and an e-mail per owner that owes figures,
    written into a folder of their own, replaced each run) and `msc collect status`
    on the large partnership."""
    large = str(out / "large")
    label = f"generated {SIZES['large']:g}× (large)"
    requests = [msc, "collect", "requests", "-C", large, "--as-of", COLLECT_DAY]
    return [
        Case(
            "collect-requests",
            f"`msc collect requests` {label}",
            [[*requests, "-o", str(out / "collect-requests"), "--force", "-q"]],
            short="collect requests",
            targets=[Target(5.0)],
        ),
        Case(
            "collect-status",
            f"`msc collect status` {label}",
            [[msc, "collect", "status", "-C", large, "--as-of", COLLECT_DAY]],
            short="collect status",
            targets=[Target(1.2, "check-large")],
        ),
    ]


def _jsonschema_case(schemas: Path | None) -> Case:
    """check-jsonschema on the demo's YAML files: one run per file kind, times summed."""
    commands = []
    present = []
    for name in SCHEMA_FILES:
        instance = REPO / DEMO / f"{name}.yaml"
        if schemas is not None and instance.is_file():
            schema = schemas / f"{name}.schema.json"
            commands.append(
                [tool("check-jsonschema"), "--schemafile", str(schema), str(DEMO / instance.name)]
            )
            present.append(instance.name)
    case = Case(
        "jsonschema",
        f"`check-jsonschema` × {len(commands)} (demo YAML vs msc schema)",
        commands,
        short="check-jsonschema",
        note=(
            f"one `check-jsonschema --schemafile <kind>.schema.json <file>` per YAML file "
            f"({', '.join(present) or 'none'}), run one after the other; the row is the sum "
            "per run. decisions/*.md is left out (front matter inside Markdown)."
        ),
    )
    if schemas is None:
        case.problem = "`msc schema -o DIR` failed; no schemas to validate against"
    elif not commands:
        case.problem = "the demo has no YAML files yet"
    return case


# --------------------------------------------------------------------------- running


_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Commands may cache their bytecode, as an installed msc does (pip compiles it on
install): with PYTHONDONTWRITEBYTECODE set, an editable install would compile every
msc module on every run while the peer tools' installed bytecode is used."""


def _run(command: Sequence[str], capture: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=REPO,
        env=_ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
        check=False,
    )


def warm_up(case: Case) -> list[str]:
    """Run a case once (untimed): fills OS caches, finds broken commands and invalid data.

    Returns warning lines for the report.
    """
    warnings = []
    for command in case.commands:
        try:
            done = _run(command, capture=True)
        except OSError as error:
            case.problem = f"cannot run `{Path(command[0]).name}`: {error}"
            return warnings
        case.exit_codes.append(done.returncode)
        if case.reset is not None:
            case.reset()
        if done.returncode not in (0, 1):
            first = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
            case.problem = f"exit {done.returncode}: {first[:120]}"
            return warnings
        errors = [line for line in done.stdout.splitlines() if " MSC0" in line]
        if case.expect_valid and done.returncode == 1 and errors:
            warnings.append(
                f"WARNING: {case.label} reports {len(errors)} data error line(s); "
                "the generator is producing invalid data. First ones:"
            )
            warnings += [f"    {line}" for line in errors[:5]]
    return warnings


def measure(cases: list[Case], repeat: int) -> None:
    """``repeat`` timed runs of every runnable case, interleaved."""
    runnable = [case for case in cases if case.problem is None]
    for _ in range(repeat):
        for case in runnable:
            total = 0.0
            for command in case.commands:
                started = time.perf_counter()
                _run(command)
                total += time.perf_counter() - started
            if case.reset is not None:
                case.reset()
            case.times.append(total)


def make_schemas(folder: Path) -> Path | None:
    done = _run([tool("msc"), "schema", "-o", str(folder)], capture=True)
    if done.returncode != 0 or not (folder / "partners.schema.json").is_file():
        return None
    return folder


# --------------------------------------------------------------------------- report


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def table(cases: list[Case]) -> tuple[list[str], int]:
    """The Markdown table and the number of failed targets."""
    by_key = {case.key: case for case in cases}
    lines = [
        "| command | median s | min s | ratio | target | result |",
        "|---|---:|---:|---|---|---|",
    ]
    failed = 0
    for case in cases:
        ratios, targets, results = [], [], []
        for target in case.targets:
            ratio = target.ratio(case, by_key)
            if ratio is not None:
                ratios.append(f"{ratio:.2f}× {by_key[target.ref or ''].short}")
            targets.append(target.describe(by_key))
            verdict = target.passed(case, by_key)
            results.append({True: "pass", False: "**FAIL**", None: "n/a"}[verdict])
            failed += verdict is False
        if case.problem:
            results = [f"not run: {case.problem}"]
        codes = sorted(set(case.exit_codes))
        label = case.label + (f" (exit {', '.join(map(str, codes))})" if codes != [0] else "")
        lines.append(
            f"| {label} | {_cell(case.median)} | {_cell(case.minimum)} | "
            f"{'; '.join(ratios)} | {'; '.join(targets)} | {'; '.join(results)} |"
        )
    return lines, failed


def sizes_table(stats: dict[str, Stats], seconds: dict[str, float]) -> list[str]:
    lines = [
        "| size | scale | partners | activities | decisions | observations | files | "
        "lines of YAML | lines of Markdown | generated in |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, st in stats.items():
        c = st.counts
        lines.append(
            f"| {name} | {SIZES[name]:g} | {c['partners']:,} | {c['activities']:,} | "
            f"{c['decisions']:,} | {st.csv_rows:,} | {st.files:,} | {st.yaml_lines:,} | "
            f"{st.markdown_lines:,} | {seconds[name]:.2f} s |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark msc; prints a Markdown table.")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per row (7)")
    parser.add_argument("--quick", action="store_true", help="3 timed runs per row")
    parser.add_argument(
        "--out", type=Path, default=None, help="keep generated data here (e.g. bench/out)"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    repeat = args.repeat if args.repeat is not None else (3 if args.quick else 7)
    if repeat < 1:
        parser.error("--repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="msc-bench-") as tmp:
        out = (args.out or Path(tmp)).resolve()
        stats: dict[str, Stats] = {}
        seconds: dict[str, float] = {}
        for name, scale in SIZES.items():
            started = time.perf_counter()
            stats[name] = generate(out / name, scale=scale)
            seconds[name] = time.perf_counter() - started
        schemas = make_schemas(Path(tmp) / "schemas")
        cases = build_cases(out, schemas)
        warnings = [line for case in cases for line in warm_up(case)]
        measure(cases, repeat)
        rows, failed = table(cases)

    print("## msc benchmark\n")
    print(
        f"{datetime.now():%Y-%m-%d %H:%M} · Python {platform.python_version()} · "
        f"{platform.system()} {platform.machine()} · {os.cpu_count()} CPUs · "
        f"median and min of {repeat} runs per row, wall time of a subprocess\n"
    )
    print("Generated partnerships (`bench/generate.py`, seed 0):\n")
    print("\n".join(sizes_table(stats, seconds)))
    print()
    print("\n".join(rows))
    print()
    notes = [f"- {case.short or case.key}: {case.note}" for case in cases if case.note]
    notes.append(
        "- exit 1 from `msc check` means findings; it is timed like exit 0. "
        f"`--as-of {AS_OF}` keeps the date-dependent rules stable."
    )
    print("Notes:\n")
    print("\n".join(notes))
    if warnings:
        print()
        print("\n".join(warnings))
    verdict = "all targets met" if failed == 0 else f"{failed} target(s) missed"
    print(f"\n{verdict}.")
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
