"""Why msc reads YAML with yaml-rs and locates findings with libyaml: the numbers.

Parses the YAML files of a generated partnership with each candidate and
prints a Markdown table (median of N runs, in-process, parse only). Run from
the repository root::

    python bench/yaml_parsers.py [--scale 1.0] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
import yaml_rs
from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

Parser = Callable[[str], Any]


def parsers() -> dict[str, Parser]:
    return {
        "yaml-rs loads (values; msc check)": yaml_rs.loads,
        "PyYAML CSafeLoader compose (positions; only files with findings)": lambda text: (
            yaml.compose(text, Loader=yaml.CSafeLoader)
        ),
        "PyYAML CSafeLoader load (YAML 1.1: `no` is false)": lambda text: yaml.load(
            text, Loader=yaml.CSafeLoader
        ),
        "ruamel.yaml safe load": lambda text: YAML(typ="safe").load(io.StringIO(text)),
        "ruamel.yaml round-trip load (keeps comments; edits)": lambda text: YAML().load(
            io.StringIO(text)
        ),
    }


def median_seconds(parse: Parser, texts: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            parse(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "p"
        generate(root, scale=args.scale)
        texts = [path.read_text(encoding="utf-8") for path in sorted(root.glob("*.yaml"))]
    lines = sum(text.count("\n") for text in texts)
    print(f"{len(texts)} YAML files, {lines:,} lines (generated, scale {args.scale})\n")
    print("| parser | median s | × yaml-rs |")
    print("|---|---:|---:|")
    results = {name: median_seconds(parse, texts, args.repeat) for name, parse in parsers().items()}
    base = next(iter(results.values()))
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.3f} | {seconds / base:.1f}× |")


if __name__ == "__main__":
    main()
