"""Mutation testing of the modules that hold msc's promises, with mutmut 3.

Run it outside CI, from the repository root, when one of these modules changes:

    python bench/mutation.py                 # every group, one worker
    python bench/mutation.py atomic audience # some groups
    python bench/mutation.py --list          # the groups, their modules and tests

Each group mutates its modules and runs only the test files that cover them
(mutmut then picks, per mutant, the tests that reached the mutated function).
A group starts from a fresh ``mutants/`` copy of the tree (git-ignored) and
leaves its score and every surviving mutant's diff in
``bench/out/mutation/GROUP.md``. See bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out" / "mutation"


@dataclasses.dataclass(frozen=True)
class Group:
    modules: tuple[str, ...]
    tests: tuple[str, ...]


def _src(*names: str) -> tuple[str, ...]:
    return tuple(f"src/msctool/{name}" for name in names)


def _tests(*names: str) -> tuple[str, ...]:
    return tuple(f"tests/{name}" for name in names)


GROUPS: dict[str, Group] = {
    "loading": Group(
        _src("load/loader.py", "load/positions.py", "load/yamlsource.py"),
        _tests(
            "test_loader.py",
            "test_loader_findings.py",
            "test_positions.py",
            "test_yamlsource.py",
            "test_bad_input.py",
            "test_model.py",
        ),
    ),
    "audience": Group(_src("render/audience.py"), _tests("test_privacy.py")),
    "sroi": Group(_src("render/roi/sroi.py"), _tests("test_sroi.py")),
    "decisionlog": Group(
        _src("history/decisionlog.py", "history/decisions.py"),
        _tests("test_log.py", "test_gitlog.py"),
    ),
    "atomic": Group(_src("fs/atomic.py"), _tests("test_atomic.py")),
    "numbers": Group(
        _src(
            "load/numbers.py", "load/yamlnumbers.py", "load/spreadsheet.py", "load/observations.py"
        ),
        _tests("test_numbers.py", "test_import.py"),
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=", ".join(GROUPS))
    parser.add_argument("--max-children", type=int, default=1, help="parallel mutants (1)")
    parser.add_argument("--list", action="store_true", help="show the groups and stop")
    parser.add_argument(
        "--tests", nargs="+", metavar="FILE", help="test files to run instead of the group's"
    )
    parser.add_argument("--in-process", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.list:
        for name, group in GROUPS.items():
            print(f"{name}: {' '.join(group.modules)}\n    tests: {' '.join(group.tests)}")
        return 0
    unknown = [name for name in args.groups if name not in GROUPS]
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)}: choose from {', '.join(GROUPS)}")
    if args.in_process:
        return run_group(args.in_process, args.max_children, args.tests)
    rows = [
        _run_in_subprocess(name, args.max_children, args.tests) for name in args.groups or GROUPS
    ]
    print("\n| group | killed | survived | other | total | score |\n|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


def _run_in_subprocess(name: str, max_children: int, tests: list[str] | None) -> str:
    """mutmut keeps global state and exits: one process per group."""
    command = [sys.executable, __file__, "--in-process", name, "--max-children", str(max_children)]
    subprocess.run([*command, *(["--tests", *tests] if tests else [])], cwd=REPO, check=False)
    summary = OUT / f"{name}.md"
    if not summary.exists():
        return f"| {name} | (no result: see the output above) | | | | |"
    return summary.read_text(encoding="utf-8").splitlines()[2]


def run_group(name: str, max_children: int, tests: list[str] | None = None) -> int:
    """Mutate one group's modules in a fresh mutants/ copy; write its report."""
    from mutmut import configuration
    from mutmut.__main__ import cli

    os.environ["MSC_HYPOTHESIS_PROFILE"] = "mutation"  # tests/conftest.py
    group = GROUPS[name]
    modules = list(group.modules)
    shutil.rmtree(REPO / "mutants", ignore_errors=True)
    configuration._config = dataclasses.replace(
        configuration._load_config(),  # [tool.mutmut] in pyproject.toml
        only_mutate=modules,
        pytest_add_cli_args_test_selection=list(tests or group.tests),
    )
    try:
        cli(["run", "--max-children", str(max_children)], standalone_mode=False)
    except SystemExit as stop:
        if stop.code not in (0, None):
            return int(stop.code) if isinstance(stop.code, int) else 1
    _write_report(name, modules)
    return 0


def _write_report(name: str, modules: list[str]) -> None:
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    statuses: dict[str, str] = {}
    paths: dict[str, str] = {}
    for module in modules:
        data = SourceFileMutationData(path=module)
        data.load()
        for key, code in data.exit_code_by_key.items():
            statuses[key] = status_by_exit_code[code]
            paths[key] = module
    count = Counter(statuses.values())
    killed, survived, total = count["killed"], count["survived"], len(statuses)
    score = f"{100 * killed / total:.0f} %" if total else "-"
    lines = [
        f"# Mutation score: {name} ({', '.join(modules)})",
        "",
        f"| {name} | {killed} | {survived} | {total - killed - survived} | {total} | {score} |",
        "",
        f"Statuses: {dict(count)}",
        "",
    ]
    for key in sorted(k for k, s in statuses.items() if s != "killed"):
        lines += [f"## {key}: {statuses[key]}", "", "```diff"]
        lines += [get_diff_for_mutant(key, path=paths[key]).rstrip(), "```", ""]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[:3]))


if __name__ == "__main__":
    sys.exit(main())
