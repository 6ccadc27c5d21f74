"""The check of an edit reads the figures (``data/*.csv``) only when the edit can change
what they say: an edit of the metrics, of a data file, or of partnership.yaml's checks
or language. The others leave the figures' findings as they are, and skip their read
(most of what a check reads)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import AS_OF, base_files, dump, write_tree
from msctool.edits import saving
from msctool.edits.partners import NewPartner, add_partner
from msctool.edits.saving import EditPlan, check_plan
from msctool.errors import UserError
from msctool.load import loader

STALE = "metric,date,value,source\nplacements,2026-01-31,20,city\n"
"""A figure from January: on AS_OF the metric misses its monthly periods (MSC603)."""
RECENT = "metric,date,value,source\nplacements,2026-09-30,20,city\n"
"""A figure from September: on AS_OF one period (October) is missed, within the default."""


def _partnership(tmp_path: Path, **severity: str) -> Path:
    files: dict[str, Any] = base_files()
    files["data/placements.csv"] = STALE
    if severity:
        files["partnership.yaml"]["checks"] = {"severity": severity}
    return write_tree(tmp_path / "p", files)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files the loader reads, in order."""
    found: list[str] = []
    real = loader._Loader._read_csv

    def counted(self: Any, rel: str, *args: Any) -> Any:
        found.append(rel)
        return real(self, rel, *args)

    monkeypatch.setattr(loader._Loader, "_read_csv", counted)
    return found


def _root_text(root: Path, change: str) -> str:
    text = (root / "partnership.yaml").read_text(encoding="utf-8")
    return text + change


def test_a_partner_edit_does_not_read_the_figures(tmp_path: Path, reads: list[str]) -> None:
    root = _partnership(tmp_path, MSC603="error")  # an error the partnership already has
    new = NewPartner(id="clinic", name="Clinic", sector="civil", joined=AS_OF)
    warnings = check_plan(add_partner(root, new), AS_OF)  # the old error does not block
    assert reads == []
    assert {w.code for w in warnings} >= {"MSC201"}  # what the partner lacks is still said


def test_a_stricter_threshold_for_the_figures_reads_them_and_is_refused(
    tmp_path: Path, reads: list[str]
) -> None:
    root = _partnership(tmp_path, MSC603="error")
    (root / "data/placements.csv").write_text(RECENT, encoding="utf-8")
    data = yaml.safe_load((root / "partnership.yaml").read_text(encoding="utf-8"))
    data["checks"]["thresholds"] = {"missed_periods": 1}  # October's figure is missing
    plan = EditPlan(root)
    plan.texts["partnership.yaml"] = dump(data)
    with pytest.raises(UserError, match="MSC603"):
        check_plan(plan, AS_OF)
    assert "data/placements.csv" in reads


def test_another_change_of_partnership_yaml_leaves_the_figures_unread(
    tmp_path: Path, reads: list[str]
) -> None:
    root = _partnership(tmp_path, MSC603="error")
    plan = EditPlan(root)
    plan.texts["partnership.yaml"] = _root_text(root, "tagline: Every young person a step\n")
    plan.texts["partnership.yaml"] = plan.texts["partnership.yaml"].replace(
        "tagline: Every young person a next step\n", "", 1
    )
    check_plan(plan, AS_OF)
    assert reads == []


def _metrics_edit(root: Path, change: Any) -> EditPlan:
    data = yaml.safe_load((root / "metrics.yaml").read_text(encoding="utf-8"))
    change(data["metrics"])
    plan = EditPlan(root)
    plan.texts["metrics.yaml"] = dump(data)
    return plan


def _new_metric(metrics: list[dict[str, Any]]) -> None:
    metrics.append({**metrics[0], "id": "referrals", "name": "Referrals"})


@pytest.mark.parametrize(
    "change",
    [
        lambda metrics: metrics[0].update(cadence="quarterly"),
        lambda metrics: metrics[0].update(owner="school"),
        lambda metrics: metrics.pop(),  # rows that name it become errors
    ],
    ids=["cadence", "owner", "removed"],
)
def test_a_metric_whose_figures_are_judged_otherwise_reads_them(
    tmp_path: Path, reads: list[str], change: Any
) -> None:
    root = _partnership(tmp_path)
    plan = _metrics_edit(root, change)
    assert saving._needs_figures(plan)
    with contextlib.suppress(UserError):
        check_plan(plan, AS_OF)
    assert "data/placements.csv" in reads


@pytest.mark.parametrize(
    "change",
    [lambda metrics: metrics[0]["target"].update(value=50), _new_metric],
    ids=["target", "new-metric"],
)
def test_a_target_or_a_new_metric_leaves_the_figures_unread(
    tmp_path: Path, reads: list[str], change: Any
) -> None:
    root = _partnership(tmp_path, MSC603="error")
    check_plan(_metrics_edit(root, change), AS_OF)
    assert reads == []


def test_an_edit_of_a_data_file_reads_the_figures(tmp_path: Path, reads: list[str]) -> None:
    root = _partnership(tmp_path)
    plan = EditPlan(root)
    rel = "data/placements.csv"
    plan.texts[rel] = (root / rel).read_text(encoding="utf-8") + "placements,2026-02-28,21,city\n"
    check_plan(plan, AS_OF)
    assert rel in reads


def test_renaming_a_metric_owner_leaves_the_figures_unread(
    tmp_path: Path, reads: list[str]
) -> None:
    """The metric keeps its owner under the owner's new id: what is said of its figures
    is the same (only with the new id)."""
    from msctool.edits.partnersrename import rename_partner

    root = _partnership(tmp_path)
    plan = rename_partner(root, "city", "town")
    assert "metrics.yaml" in plan.texts  # the owner of `placements` is renamed there
    check_plan(plan, AS_OF)
    assert reads == []
    other = _metrics_edit(root, lambda metrics: metrics[0].update(owner="school"))
    other.renames = {"city": "town"}  # a rename elsewhere does not excuse another owner
    assert saving._needs_figures(other)
