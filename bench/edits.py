"""Time every edit command on the demo and on the large generated partnership.

Run from the repository root with the Python environment msc is installed in::

    python bench/edits.py [--repeat N] [--out bench/out] [--no-ruamel]

Every command runs as a subprocess (``msc partner add ...``) on a copy of the
partnership; the files an edit touched are put back after each run, so every
run does the same work. It prints a Markdown table: command, median and
minimum wall time, and the size of the file the command edits. For comparison
the last rows time a ruamel.yaml round trip (load and dump, in-process) of
the largest file each edit touches, which is what a plain round-trip editor
would pay on every edit. Standard library (and ruamel.yaml, for that row) only.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import AS_OF, generate

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "partnership-demo"
MSC = str(Path(sys.executable).parent / "msc")


@dataclass
class Case:
    label: str
    args: list[str]
    touches: list[str]
    times: list[float] = field(default_factory=list)


def ids(root: Path) -> dict[str, str]:
    """Ids that the edit commands of the bench can use in ``root``."""
    import yaml_rs

    def load(rel: str) -> dict:
        return yaml_rs.loads((root / rel).read_text(encoding="utf-8"))

    meta, partners = load("partnership.yaml"), load("partners.yaml")["partners"]
    activity = load("activities.yaml")["activities"][-1]
    metric = load("metrics.yaml")["metrics"][0]
    outcome = load("roi.yaml")["outcomes"][-1]
    staying = [p["id"] for p in partners if p.get("left") is None]
    body = meta["bodies"][0]
    members = body.get("members") or []
    rule = "majority" if body.get("decision_rule") != "majority" else "consent"
    return {
        "member": next(m for m in members if m != body.get("lead")),
        "outsider": next(p for p in staying if p not in members),
        "rule": rule,
        "proposal": str(proposed(root)),
        "action": open_action(root),
        "leaver": staying[-1],
        "partner": staying[0],
        "activity": activity["id"],
        "body": meta["bodies"][0]["id"],
        "goal": meta["goals"][0]["id"],
        "segment": meta["target_population"]["segments"][0]["id"],
        "metric": metric["id"],
        "outcome": outcome["id"],
        "status": "paused" if activity.get("status") != "paused" else "active",
    }


def proposed(root: Path) -> int:
    """The number of the newest proposed decision record."""
    for path in sorted((root / "decisions").glob("*.md"), reverse=True):
        if "\nstatus: proposed" in path.read_text(encoding="utf-8"):
            return int(path.name[:4])
    raise SystemExit(f"{root}: no proposed decision to accept")


def open_action(root: Path) -> str:
    """The first open action item of the retrospectives (as `msc retro done` takes it)."""
    from msctool.rules.retros import read_items

    found = read_items(root).open
    if not found:
        raise SystemExit(f"{root}: no open action item to tick")
    return found[0].ref


def cases(root: Path, sheet: Path, far: Path) -> list[Case]:
    i = ids(root)
    day = AS_OF.isoformat()
    return [
        Case(
            "msc partner add",
            ["partner", "add", "bench-co", "--name", "Bench Co", "--sector", "civil",
             "--joined", day, "--representative", "Ann", "--gives", "hours: Coaching",
             "--gets", "Contacts"],
            ["partners.yaml"],
        ),
        Case("msc partner leave", ["partner", "leave", i["leaver"], "--date", day], ["partners.yaml"]),
        Case(
            "msc partner rename (every file)",
            ["partner", "rename", i["partner"], "bench-renamed"],
            ["activities.yaml"],
        ),
        Case(
            "msc partner edit",
            ["partner", "edit", i["partner"], "--website", "https://bench.example.org",
             "--add-gives", "hours 40/month: Bench coaching"],
            ["partners.yaml"],
        ),
        Case("msc partner rep add", ["partner", "rep", "add", i["partner"], "Bench Person",
             "--role", "Bench"], ["partners.yaml"]),
        Case(
            "msc activity add",
            ["activity", "add", "bench-activity", "--name", "Bench activity", "--body", i["body"],
             "--goal", i["goal"], "--accountable", i["partner"], "--informed", i["leaver"]],
            ["activities.yaml"],
        ),
        Case(
            "msc activity assign",
            ["activity", "assign", i["activity"], "--accountable", i["partner"],
             "--consulted", i["leaver"]],
            ["activities.yaml"],
        ),
        Case(
            "msc engage add",
            ["engage", "add", "bench-engagement", "--title", "Bench panel", "--method", "panel",
             "--segment", i["segment"], "--participants", "9", "--heard", "More evening hours",
             "--changed", "Open until nine", "--date", day],
            ["engagement.yaml"],
        ),
        Case(
            "msc metric record",
            ["metric", "record", i["metric"], "4.2", "--date", "2030-01-31", "--source", "bench"],
            [],
        ),
        Case(
            "msc metric add",
            ["metric", "add", "bench-metric", "--name", "Bench metric", "--perspective",
             "learning", "--accountability", "performance", "--kind", "how-well", "--unit", "%",
             "--direction", "up", "--owner", i["partner"], "--cadence", "quarterly",
             "--target", "80", "--by", "2031-12-31", "--scorecard"],
            ["metrics.yaml"],
        ),
        Case(
            "msc metric target",
            ["metric", "target", i["metric"], "12.5", "--by", "2031-06-30"],
            ["metrics.yaml"],
        ),
        Case(
            "msc activity status",
            ["activity", "status", i["activity"], i["status"], "--date", day],
            ["activities.yaml"],
        ),
        Case(
            "msc roi outcome edit",
            ["roi", "outcome", "edit", i["outcome"], "--deadweight", "15%"],
            ["roi.yaml"],
        ),
        Case("msc set", ["set", f"activity:{i['activity']}.status", "paused"], ["activities.yaml"]),
        Case(
            "msc set (a new nested field)",
            ["set", f"metric:{i['metric']}.target.value", "12"],
            ["metrics.yaml"],
        ),
        Case("msc get", ["get", f"partner:{i['partner']}.representatives.0.name"], []),
        Case(f"msc metric import ({SHEET_ROWS} rows, xlsx)", ["metric", "import", str(sheet)], []),
        Case(f"msc metric import (one row at {FAR_ROW:,}, xlsx)", ["metric", "import", str(far)], []),
        Case(
            "msc body add",
            ["body", "add", "bench-body", "--name", "Bench body", "--kind", "working-group",
             "--rule", "consent", "--member", i["partner"]],
            ["partnership.yaml"],
        ),
        Case("msc body member add", ["body", "member", "add", i["body"], i["outsider"]],
             ["partnership.yaml"]),
        Case("msc body member remove (and seats)", ["body", "member", "remove", i["body"],
             i["member"]], ["partnership.yaml", "partners.yaml"]),
        Case("msc body rule", ["body", "rule", i["body"], i["rule"]], ["partnership.yaml"]),
        Case("msc body rule --record", ["body", "rule", i["body"], i["rule"], "--record",
             "--date", day], ["partnership.yaml"]),
        Case("msc goal add", ["goal", "add", "bench-goal", "--title", "Bench goal"],
             ["partnership.yaml"]),
        Case("msc segment add", ["segment", "add", "bench-segment", "--name", "Bench segment"],
             ["partnership.yaml"]),
        Case("msc purpose reaffirm", ["purpose", "reaffirm", "--by", i["body"], "--date", day],
             ["partnership.yaml"]),
        Case("msc decide accept", ["decide", "accept", i["proposal"], "--date", day],
             ["decisions/"]),
        Case("msc retro done", ["retro", "done", i["action"]], ["retros/"]),
        Case("msc check (for comparison)", ["check", "--as-of", day, "--quiet"], []),
    ]  # fmt: skip


SHEET_ROWS = 100


def make_sheet(path: Path, metric: str) -> Path:
    from datetime import timedelta

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["metric", "date", "value", "source"])
    for n in range(SHEET_ROWS):
        sheet.append([metric, AS_OF.replace(year=2031) + timedelta(days=n), 1.5 + n, "bench"])
    book.save(path)
    return path


FAR_ROW = 20_000_000


def make_far_sheet(path: Path, metric: str) -> Path:
    """A sheet whose only data row is row 20,000,000 (and that declares A1:D20000000)."""
    import re
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["metric", "date", "value", "source"])
    book.active.append([metric, AS_OF.replace(year=2032), 7, "bench"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r'r="([A-Z]*)2"', rf'r="\g<1>{FAR_ROW}"', xml)
    xml = re.sub(r'<dimension ref="[^"]*" ?/>', f'<dimension ref="A1:D{FAR_ROW}"/>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def edited(root: Path) -> list[Path]:
    """Every file an edit of the bench may change."""
    return [*root.glob("*.yaml"), *(root / "data").glob("*.csv"),
            *(root / "decisions").glob("*.md"), *(root / "retros").glob("*.md")]  # fmt: skip


def snapshot(root: Path) -> dict[Path, bytes]:
    """Every file an edit may change, to put back after a run."""
    return {path: path.read_bytes() for path in edited(root)}


def restore(root: Path, saved: dict[Path, bytes]) -> None:
    for path in edited(root):
        if path not in saved:
            path.unlink()
    for path, data in saved.items():
        if path.read_bytes() != data:
            path.write_bytes(data)


def run(case: Case, root: Path) -> float:
    command = [MSC, *case.args, "-C", str(root)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 and not (case.args[0] == "check" and done.returncode == 1):
        raise SystemExit(f"{' '.join(case.args)} failed ({done.returncode}):\n{done.stderr}")
    return elapsed


def ruamel_round_trip(path: Path) -> float:
    from ruamel.yaml import YAML

    yaml = YAML()
    start = time.perf_counter()
    data = yaml.load(path.read_text(encoding="utf-8"))
    yaml.dump(data, io.StringIO())
    return time.perf_counter() - start


def bench(name: str, source: Path, repeat: int, work: Path) -> list[str]:
    root = work / name
    shutil.copytree(source, root)
    first_metric = ids(root)["metric"]
    sheet = make_sheet(work / f"{name}.xlsx", first_metric)
    far = make_far_sheet(work / f"{name}-far.xlsx", first_metric)
    saved = snapshot(root)
    rows = cases(root, sheet, far)
    for _ in range(repeat):
        for case in rows:  # round-robin: noise hits every row alike
            case.times.append(run(case, root))
            restore(root, saved)
    table = []
    for case in rows:
        size = ", ".join(
            f"{rel} {lines(root / rel):,}" if not rel.endswith("/") else rel for rel in case.touches
        )
        size = size or ("data/*.csv" if case.args[0] == "metric" else "")
        median, low = statistics.median(case.times), min(case.times)
        table.append(f"| {name} | `{case.label}` | {median:.2f} | {low:.2f} | {size} |")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--no-ruamel", action="store_true", help="skip the ruamel rows")
    args = parser.parse_args(argv)
    large = args.out / "large"
    if not (large / "partnership.yaml").is_file():
        generate(large, 1.0)
    print("| partnership | command | median s | min s | file edited (lines) |")
    print("|---|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in (("demo", DEMO), ("large", large)):
            for row in bench(name, source, args.repeat, Path(tmp)):
                print(row, flush=True)
    if not args.no_ruamel:
        for rel in ("partners.yaml", "activities.yaml"):
            seconds = ruamel_round_trip(large / rel)
            print(f"| large | ruamel.yaml round trip of {rel} (in-process, once) | {seconds:.2f} "
                  f"| | {rel} {lines(large / rel):,} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
