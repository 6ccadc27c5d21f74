"""The floor of ``msc check``: the least any checker of a partnership folder must do.

Run as one whole process, the way ``bench/run.py`` runs every command::

    python bench/floor.py PARTNERSHIP_FOLDER

It reads the same files ``msc check`` reads, parses the YAML with yaml-rs (the
parser msc uses) and validates it with msc's own pydantic models; it reads the
rows of ``data/*.csv`` with the standard ``csv`` module into msc's
``Observation`` model, validated in one call. It does nothing else: no
positions, no findings, no typed-number rule, no control-character checks, no
references or health rules, no command line. A checker that reports where
things are wrong costs more than this; ``msc check`` may cost at most 1.6 times
as much (the target in ``run.py``).

It prints the counts it read, so a broken floor (no files found) shows.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import yaml_rs
from pydantic import BaseModel, TypeAdapter

from msctool.model import (
    ActivitiesFile,
    DecisionMeta,
    EngagementFile,
    MetricsFile,
    Observation,
    PartnersFile,
    PartnershipFile,
    RoiFile,
)

FILES: tuple[tuple[str, type[BaseModel]], ...] = (
    ("partnership.yaml", PartnershipFile),
    ("partners.yaml", PartnersFile),
    ("activities.yaml", ActivitiesFile),
    ("metrics.yaml", MetricsFile),
    ("engagement.yaml", EngagementFile),
    ("roi.yaml", RoiFile),
)


def front_matter(text: str) -> str:
    """The YAML between the first two ``---`` lines of a decision record."""
    start = text.index("\n") + 1
    return text[start : text.index("\n---", start - 1) + 1]


def observation(cells: list[str]) -> dict[str, Any]:
    metric, day, value, *rest = (cell.strip() for cell in cells)
    return {"metric": metric, "date": day, "value": float(value), "source": rest[0] or None}


def main(root: Path) -> int:
    counts = {"files": 0, "decisions": 0, "observations": 0}
    for name, model in FILES:
        path = root / name
        if path.is_file():
            model.model_validate(yaml_rs.loads(path.read_text(encoding="utf-8")))
            counts["files"] += 1
    for path in sorted((root / "decisions").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        DecisionMeta.model_validate(yaml_rs.loads(front_matter(text)))
        counts["decisions"] += 1
    rows = TypeAdapter(list[Observation])
    for path in sorted((root / "data").glob("*.csv")):
        reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
        next(reader)
        counts["observations"] += len(rows.validate_python([observation(c) for c in reader]))
    print(", ".join(f"{count:,} {what}" for what, count in counts.items()))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python bench/floor.py PARTNERSHIP_FOLDER")
    raise SystemExit(main(Path(sys.argv[1])))
