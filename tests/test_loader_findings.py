"""What the loader tells a user about files it cannot take as they are: every finding
whole (file, line, column, code, message, hint), in a reviewed snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import base_files, nonempty, snapshot, write_tree
from msctool.load.loader import ROOT_FILE, load_partnership, load_tree
from msctool.load.sourcetree import FolderTree


def _duplicates(files: dict[str, Any]) -> None:
    partners = files["partners.yaml"]["partners"]
    partners.append({**partners[0], "name": "City again"})
    meta = files["partnership.yaml"]
    meta["bodies"].append({**meta["bodies"][0]})
    segments = meta["target_population"]["segments"]
    segments.append({**segments[0]})


def _bad_first_partner(files: dict[str, Any]) -> None:
    files["partners.yaml"]["partners"][0]["sector"] = "guild"


def _twice(files: dict[str, Any]) -> None:
    files["data/placements.csv"] += "placements,2026-10-31,21,school\n"


def _bad_decision(files: dict[str, Any]) -> None:
    files["decisions/0001-adopt-msc.md"]["status"] = "maybe"


def _decision_twice(files: dict[str, Any]) -> None:
    files["decisions/0002-again.md"] = dict(files["decisions/0001-adopt-msc.md"])


def _population_as_text(files: dict[str, Any]) -> None:
    files["partnership.yaml"]["target_population"] = "young people"


def _unknown_metric(files: dict[str, Any]) -> None:
    files["data/placements.csv"] += "placement,2026-11-01,3,city\n"


CASES: dict[str, Any] = {
    "partners.yaml is a list": {"partners.yaml": "- a\n- b\n"},
    "partners.yaml is one value": {"partners.yaml": "just some text about partners\n"},
    "partners.yaml holds two documents": {
        "partners.yaml": "format_version: 1\npartners: []\n---\nformat_version: 1\n"
    },
    "ids used twice": _duplicates,
    "the first partner is invalid": _bad_first_partner,
    "an observation twice": _twice,
    "a decision with an unknown status": _bad_decision,
    "a decision number used twice": _decision_twice,
    "the target population as one value": _population_as_text,
    "an observation of an unknown metric": _unknown_metric,
    "files msc does not read (near misses warned, others quiet)": {
        name: "a: 1\n"
        for name in (
            "partner.yaml",
            "Activites.yml",
            "engagements.yaml",
            "metricz.yaml",
            "ci.yaml",
            "env.yaml",
            ".partners.yaml",
        )
    },
}


def loaded(tmp_path: Path, case: Any) -> Any:
    files = base_files()
    if callable(case):
        case(files)
    else:
        files.update(case)
    return load_partnership(write_tree(tmp_path / "p", files))


def test_the_findings_of_bad_files(tmp_path: Path) -> None:
    lines = []
    for number, (name, case) in enumerate(CASES.items()):
        result = loaded(tmp_path / str(number), case)
        lines.append(f"## {name}")
        for f in nonempty(result.findings, f"findings for {name}"):
            line, column = (f.line, f.column) if f.line else result.position(f.file, f.path or ())
            lines.append(f"{f.file}:{line}:{column}: {f.code} {f.message}")
            lines.append(f"    path: {'.'.join(map(str, f.path or ()))}\n    hint: {f.hint}")
            assert f.hint, f"{f.code} {f.message} has no hint"
    snapshot("loader-findings.txt", "\n".join(lines) + "\n")


def test_an_invalid_entry_leaves_the_valid_ones_after_it(tmp_path: Path) -> None:
    result = loaded(tmp_path, _bad_first_partner)
    assert [p.id for p in result.entries.partners] == ["school"]
    assert [f.code for f in result.findings] == ["MSC006"]


def test_figures_are_left_unread_only_when_asked(tmp_path: Path) -> None:
    root = loaded(tmp_path, _twice).root
    with_figures = load_tree(FolderTree(root))
    assert [o.value for o in with_figures.partnership.observations] == [20, 22]
    assert "MSC011" in {f.code for f in with_figures.findings}
    without = load_tree(FolderTree(root), observations=False)
    assert without.partnership.observations == ()
    assert without.findings == []
    assert without.partnership.files == with_figures.partnership.files


def test_an_unknown_entry_is_placed_at_the_top_of_partnership_yaml(tmp_path: Path) -> None:
    result = loaded(tmp_path, {})
    assert result.where("partner", "nobody", "sector") == (ROOT_FILE, ("sector",))
    assert result.locate("partner", "school", "sector") == ("partners.yaml", 18, 11)
    assert result.position("no-such-file.yaml", ("a",)) == (1, 1)


@pytest.mark.parametrize("name", ["partners.yaml", "activities.yaml"])
def test_the_files_list_names_every_file_read(tmp_path: Path, name: str) -> None:
    files = loaded(tmp_path, {}).partnership.files
    assert name in files and list(files) == sorted(files)


def test_an_unreadable_decision_leaves_the_others(tmp_path: Path) -> None:
    def edit(files: dict[str, Any]) -> None:
        files["decisions/0002-later.md"] = {**files["decisions/0001-adopt-msc.md"], "id": 2}
        files["decisions/0001-adopt-msc.md"] = b"---\nid: 1\ntitle: caf\xe9\n---\n"

    result = loaded(tmp_path, edit)
    assert [(f.code, f.file, f.line) for f in result.findings] == [
        ("MSC001", "decisions/0001-adopt-msc.md", 3)
    ]
    assert [d.meta.id for d in result.partnership.decisions] == [2]
    assert result.locate("decision", "2") == ("decisions/0002-later.md", 2, 1)  # front matter
