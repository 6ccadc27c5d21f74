"""``msc changes``: two points of a real git history, loaded from git objects and compared."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import (
    DEMO,
    Edit,
    MakeP,
    activity,
    base_files,
    commit,
    edit_yaml,
    git,
    msc,
    new_partner,
    partner,
    repository,
    write_tree,
)
from msctool.errors import UsageError, UserError
from msctool.history.changes import ChangeSet, changes_between
from msctool.history.compare import KINDS, compare
from msctool.history.repo import GitError
from msctool.history.tree import ObjectReader, open_repository, resolve_ref, tree_at
from msctool.load.loader import load_partnership, load_tree
from msctool.model.metrics import Point

pytestmark = pytest.mark.usefixtures("isolated_git")


def changed(root: Path, rel: str, change: Edit, day: str = "2026-11-01") -> ChangeSet:
    """Commit ``change`` to ``rel`` and compare the commit before with this one."""
    before = git(root, "rev-parse", "HEAD")
    edit_yaml(root, rel, change)
    commit(root, f"Change {rel}", day)
    return changes_between(root, before)


@pytest.fixture
def repo(make_partnership: MakeP) -> Path:
    return repository(make_partnership())


# --------------------------------------------------------------------- each kind of change

CASES: list[tuple[str, str, Edit, tuple[str, ...], Any, Any]] = [
    (
        "partner-joined",
        "partners.yaml",
        lambda d: d["partners"].append(new_partner()),
        ("clinic",),
        None,
        date(2026, 10, 20),
    ),
    (
        "partner-left",
        "partners.yaml",
        lambda d: partner(d, "school").update(left=date(2026, 10, 31)),
        ("school",),
        None,
        date(2026, 10, 31),
    ),
    (
        "representatives-changed",
        "partners.yaml",
        lambda d: partner(d, "city").update(
            representatives=[{"name": "Bob", "role": "alderman"}, {"name": "Ann"}]
        ),
        ("city",),
        ("Ann",),
        ("Bob", "Ann"),
    ),
    (
        "activity-added",
        "activities.yaml",
        lambda d: d["activities"].append(
            {
                "id": "desk",
                "name": "Youth desk",
                "goal": "work",
                "body": "steering",
                "work": "in",
                "status": "planned",
                "raci": {"accountable": "school"},
            }
        ),
        ("desk", "school"),
        None,
        "planned",
    ),
    (
        "activity-removed",
        "activities.yaml",
        lambda d: d["activities"].pop(),
        ("jobs-fair",),
        "active",
        None,
    ),
    (
        "activity-closed",
        "activities.yaml",
        lambda d: activity(d, "jobs-fair").update(status="done"),
        ("jobs-fair",),
        "active",
        "done",
    ),
    (
        "activity-status-changed",
        "activities.yaml",
        lambda d: activity(d, "jobs-fair").update(status="paused"),
        ("jobs-fair",),
        "active",
        "paused",
    ),
    (
        "activity-reassigned",
        "activities.yaml",
        lambda d: activity(d, "newsletter")["raci"].update(accountable="school"),
        ("newsletter", "city", "school"),
        ("city",),
        ("school",),
    ),
    (
        "metric-added",
        "metrics.yaml",
        lambda d: d["metrics"].append(
            {**d["metrics"][0], "id": "dropouts", "name": "Drop-outs", "target": None}
        ),
        ("dropouts",),
        None,
        None,
    ),
    (
        "target-moved",
        "metrics.yaml",
        lambda d: d["metrics"][0]["target"].update(value=45, date=date(2027, 6, 30)),
        ("placements",),
        Point(value=40, date=date(2027, 1, 1)),
        Point(value=45, date=date(2027, 6, 30)),
    ),
    (
        "purpose-reworded",
        "partnership.yaml",
        lambda d: d["purpose"].update(statement="Help every young person into work or school."),
        ("purpose",),
        "Help young people into work.",
        "Help every young person into work or school.",
    ),
    (
        "purpose-reaffirmed",
        "partnership.yaml",
        lambda d: d["purpose"].update(reaffirmed=date(2026, 10, 30), reaffirmed_by="steering"),
        ("purpose", "steering"),
        date(2026, 6, 1),
        date(2026, 10, 30),
    ),
    (
        "body-added",
        "partnership.yaml",
        lambda d: d["bodies"].append(
            {"id": "board", "name": "Board", "kind": "board", "decision_rule": "majority"}
        ),
        ("board",),
        None,
        "majority",
    ),
    (
        "decision-rule-changed",
        "partnership.yaml",
        lambda d: d["bodies"][0].update(decision_rule="majority"),
        ("steering",),
        "consent",
        "majority",
    ),
    (
        "goal-added",
        "partnership.yaml",
        lambda d: d["goals"].append({"id": "school", "title": "Back to school"}),
        ("school",),
        None,
        "Back to school",
    ),
    (
        "goal-retitled",
        "partnership.yaml",
        lambda d: d["goals"][0].update(title="Into good work"),
        ("work",),
        "Into work",
        "Into good work",
    ),
    (
        "members-changed",
        "partnership.yaml",
        lambda d: d["bodies"][0].update(members=["school"]),
        ("steering", "city"),
        ("city", "school"),
        ("school",),
    ),
    (
        "segment-added",
        "partnership.yaml",
        lambda d: d["target_population"]["segments"].append({"id": "dropouts", "name": "Dropouts"}),
        ("dropouts",),
        None,
        "Dropouts",
    ),
    (
        "outcome-added",
        "roi.yaml",
        lambda d: d["outcomes"].append({**d["outcomes"][0], "id": "school", "name": "School"}),
        ("school",),
        None,
        "School",
    ),
    (
        "engagement-added",
        "engagement.yaml",
        lambda d: d["engagements"].append(
            {**d["engagements"][0], "id": "survey-oct", "title": "Survey", "method": "survey"}
        ),
        ("survey-oct",),
        None,
        date(2026, 11, 1),
    ),
]


@pytest.mark.parametrize(
    ("kind", "rel", "change", "ids", "before", "after"), CASES, ids=[c[0] for c in CASES]
)
def test_each_kind_of_change_between_two_commits(
    repo: Path, kind: str, rel: str, change: Edit, ids: tuple[str, ...], before: Any, after: Any
) -> None:
    found = changed(repo, rel, change)
    assert [(c.kind, c.ids, c.before, c.after, c.file) for c in found.changes] == [
        (kind, ids, before, after, rel)
    ]
    assert found.changes[0].description


def test_partner_removed_from_the_file_left(repo: Path) -> None:
    changed(repo, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    found = changed(repo, "partners.yaml", lambda d: d["partners"].pop())
    [gone] = found.changes
    assert (gone.kind, gone.ids, gone.after) == ("partner-left", ("clinic",), None)
    assert gone.description == "Youth Clinic (clinic) was removed from partners.yaml"


def test_partner_back_after_leaving_joins_again(repo: Path) -> None:
    changed(repo, "partners.yaml", lambda d: partner(d, "school").update(left=date(2026, 10, 2)))
    found = changed(repo, "partners.yaml", lambda d: partner(d, "school").pop("left"))
    [back] = found.changes
    assert (back.kind, back.before, back.after) == (
        "partner-joined",
        date(2026, 10, 2),
        date(2025, 1, 1),
    )


def test_decision_recorded_and_its_status_changed(repo: Path) -> None:
    meta = {
        "format_version": 1,
        "id": 2,
        "title": "Open a youth desk",
        "date": date(2026, 10, 10),
        "status": "proposed",
        "body": "steering",
    }
    first = git(repo, "rev-parse", "HEAD")
    write_tree(repo, {"decisions/0002-youth-desk.md": meta})
    second = commit(repo, "Propose decision 2", "2026-10-10")
    write_tree(repo, {"decisions/0002-youth-desk.md": {**meta, "status": "accepted"}})
    commit(repo, "Accept decision 2", "2026-10-20")
    [recorded] = changes_between(repo, first, second).changes
    assert (recorded.kind, recorded.ids, recorded.after) == (
        "decision-recorded",
        ("2", "steering"),
        "proposed",
    )
    assert recorded.file == "decisions/0002-youth-desk.md"
    [accepted] = changes_between(repo, second).changes
    assert (accepted.kind, accepted.before, accepted.after) == (
        "decision-status-changed",
        "proposed",
        "accepted",
    )


def test_every_kind_is_covered_by_a_test() -> None:
    tested = {case[0] for case in CASES} | {"decision-recorded", "decision-status-changed"}
    tested |= {"partner-renamed"}  # tests/test_partner_edits.py: a rename needs its trailer
    assert tested | {"metric-removed", "body-removed"} == set(KINDS)


def test_removed_metric_and_body_are_reported_from_models() -> None:
    p = load_partnership(write_tree(Path(os.environ["HOME"]) / "p", base_files())).partnership
    assert p is not None
    meta = p.meta.model_copy(update={"bodies": []})
    later = dataclasses.replace(p, metrics=(), meta=meta)
    kinds = [(c.kind, c.ids, c.before) for c in compare(p, later)]
    assert kinds == [
        ("metric-removed", ("placements",), Point(value=40, date=date(2027, 1, 1))),
        ("body-removed", ("steering",), "consent"),
    ]


def test_nothing_changed_between_equal_trees(repo: Path) -> None:
    (repo / "notes.txt").write_text("not part of the partnership\n")
    before = git(repo, "rev-parse", "HEAD")
    commit(repo, "Notes", "2026-10-05")
    found = changes_between(repo, before)
    assert found.empty and found.changes == ()


# --------------------------------------------------------------------- private fields


def test_private_contact_fields_are_never_compared_or_shown(repo: Path) -> None:
    def new_contact(data: dict[str, Any]) -> None:
        rep = partner(data, "city")["representatives"][0]
        rep.update(email="ann.new@example.org", phone="+31 6 1234 5678")
        partner(data, "school")["notes"] = "Private: budget is tight"

    before = git(repo, "rev-parse", "HEAD")
    edit_yaml(repo, "partners.yaml", new_contact)
    edit_yaml(repo, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    commit(repo, "New contact details and a new partner")
    result = msc("changes", "-C", str(repo), "--since", before, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [c["kind"] for c in json.loads(result.stdout)["changes"]] == ["partner-joined"]
    for private in ("@example.org", "1234", "budget"):
        assert private not in result.stdout


# --------------------------------------------------------------------- points of history


@pytest.fixture
def dated(repo: Path) -> dict[str, str]:
    """Commits on 1 October (start), 15 October (clinic joins), 1 November (reassigned)."""
    start = git(repo, "rev-parse", "HEAD")
    edit_yaml(repo, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    joined = commit(repo, "Clinic joins", "2026-10-15")
    edit_yaml(
        repo,
        "activities.yaml",
        lambda d: activity(d, "newsletter")["raci"].update(accountable="school"),
    )
    moved = commit(repo, "School runs the newsletter", "2026-11-01")
    return {"start": start, "joined": joined, "moved": moved}


def kinds(found: ChangeSet) -> list[str]:
    return [c.kind for c in found.changes]


def test_a_date_is_the_state_at_the_end_of_that_day(repo: Path, dated: dict[str, str]) -> None:
    found = changes_between(repo, "2026-10-15")
    assert found.since.commit is not None and found.since.commit.sha == dated["joined"]
    assert kinds(found) == ["activity-reassigned"]
    assert kinds(changes_between(repo, "2026-10-14")) == ["partner-joined", "activity-reassigned"]


def test_a_ref_is_that_commit(repo: Path, dated: dict[str, str]) -> None:
    assert kinds(changes_between(repo, dated["start"], dated["joined"])) == ["partner-joined"]
    git(repo, "tag", "v1", dated["joined"])
    assert kinds(changes_between(repo, "v1")) == ["activity-reassigned"]
    assert kinds(changes_between(repo, "HEAD~2", "HEAD~1")) == ["partner-joined"]


def test_until_a_date(repo: Path, dated: dict[str, str]) -> None:
    found = changes_between(repo, "2026-10-01", "2026-10-31")
    assert found.until.commit is not None and found.until.commit.sha == dated["joined"]
    assert kinds(found) == ["partner-joined"]


def test_until_the_working_tree_includes_what_is_not_committed(
    repo: Path, dated: dict[str, str]
) -> None:
    edit_yaml(repo, "partners.yaml", lambda d: partner(d, "school").update(left=date(2026, 11, 20)))
    assert kinds(changes_between(repo, "2026-10-15")) == ["activity-reassigned"]
    found = changes_between(repo, "2026-10-15", "worktree")
    assert kinds(found) == ["partner-left", "activity-reassigned"]
    assert found.until.worktree and found.until.describe() == "the working tree"


def test_a_date_before_the_first_commit_compares_with_nothing(repo: Path) -> None:
    found = changes_between(repo, "2026-09-30")
    assert found.since.nothing
    assert found.since.describe() == "nothing (no commit touches the partnership by 2026-09-30)"
    assert set(kinds(found)) == {
        "partner-joined",
        "activity-added",
        "metric-added",
        "purpose-reworded",
        "goal-added",
        "body-added",
        "segment-added",
        "engagement-added",
        "decision-recorded",
        "outcome-added",
    }
    assert [c.ids[0] for c in found.of("partner-joined")] == ["city", "school"]


def test_detached_head_is_fine(repo: Path, dated: dict[str, str]) -> None:
    git(repo, "checkout", "-q", "--detach", dated["joined"])
    assert kinds(changes_between(repo, dated["start"])) == ["partner-joined"]


def test_partnership_in_a_subfolder_reads_only_that_folder(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = write_tree(top / "teams" / "youth", base_files())
    (top / "README.md").parent.mkdir(parents=True, exist_ok=True)
    (top / "README.md").write_text("# Many things\n")
    repository(top)
    (top / "README.md").write_text("# Many things, changed\n")
    commit(top, "Outside the partnership", "2026-10-10")
    edit_yaml(root, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    commit(top, "Clinic joins", "2026-10-20")
    found = changes_between(root / "decisions", "2026-10-15")
    assert found.folder == "teams/youth"
    assert [(c.kind, c.file) for c in found.changes] == [("partner-joined", "partners.yaml")]
    assert found.since.commit is not None and found.since.commit.subject == "Start the partnership"
    result = msc("changes", "-C", str(root), "--since", "2026-10-15")
    assert result.exit_code == 0, result.output
    assert "folder: teams/youth" in result.stdout


def test_a_tree_loaded_from_git_equals_the_folder(tmp_path: Path) -> None:
    root = Path(shutil.copytree(DEMO, tmp_path / "demo"))
    repository(root)
    repo = open_repository(root)
    with ObjectReader(repo) as reader:
        from_git = load_tree(tree_at(repo, resolve_ref(repo, "HEAD"), reader))
    from_disk = load_partnership(root)
    assert from_git.findings == from_disk.findings == []
    assert from_git.partnership == from_disk.partnership
    assert from_git.partnership is not None and from_git.partnership.decisions


def test_a_link_inside_the_folder_is_followed_and_one_outside_is_refused(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    root = write_tree(top / "p", base_files())
    (top / "secret.yaml").write_text("format_version: 1\n")
    (root / "shared").mkdir()
    (root / "engagement.yaml").rename(root / "shared" / "engagement.yaml")
    (root / "engagement.yaml").symlink_to(Path("shared") / "engagement.yaml")
    (root / "roi.yaml").unlink()
    (root / "roi.yaml").symlink_to(Path("..") / "secret.yaml")
    repository(top)
    repo = open_repository(root)
    with ObjectReader(repo) as reader:
        loaded = load_tree(tree_at(repo, resolve_ref(repo, "HEAD"), reader))
    assert loaded.partnership is not None and loaded.partnership.engagements
    assert [(f.file, f.message) for f in loaded.findings] == [
        ("roi.yaml", "file links to a place outside the partnership folder")
    ]


# --------------------------------------------------------------------- bad input


def test_a_broken_commit_is_named_with_file_and_line(repo: Path) -> None:
    path = repo / "partners.yaml"
    good = path.read_text()
    path.write_text(good.replace("  sector: civil", "  sector: [civil", 1))
    broken = commit(repo, "Oops", "2026-10-02")
    path.write_text(good)
    commit(repo, "Fixed", "2026-10-03")
    with pytest.raises(UserError) as caught:
        changes_between(repo, broken)
    message = caught.value.message
    assert message.startswith(f'the partnership at commit {broken[:7]} (2026-10-02, "Oops") has')
    assert "partners.yaml:" in message and "MSC002 YAML syntax error" in message
    result = msc("changes", "-C", str(repo), "--since", "2026-10-02")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"msc: error: the partnership at commit {broken[:7]}")
    assert "Traceback" not in result.output


def test_a_commit_with_a_broken_reference_is_an_error(repo: Path) -> None:
    before = git(repo, "rev-parse", "HEAD")
    edit_yaml(
        repo, "activities.yaml", lambda d: activity(d, "newsletter")["raci"].update(accountable="x")
    )
    commit(repo, "Unknown partner")
    with pytest.raises(UserError, match=r"activities.yaml:\d+:\d+: MSC00\d unknown partner"):
        changes_between(repo, before)


def test_not_a_git_repository(make_partnership: MakeP) -> None:
    root = make_partnership()
    with pytest.raises(GitError, match="is not in a git repository"):
        changes_between(root, "2026-01-01")
    result = msc("changes", "-C", str(root), "--since", "2026-01-01")
    assert result.exit_code == 1  # a user error (house decision), like `msc log`
    assert "is not in a git repository, so it has no history to compare" in result.stderr


def test_unknown_ref_and_bad_points(repo: Path) -> None:
    with pytest.raises(GitError, match="`nope` names no commit"):
        changes_between(repo, "nope")
    with pytest.raises(GitError, match="is not a git revision"):
        changes_between(repo, "--all")
    with pytest.raises(UsageError, match="can only be the later point"):
        changes_between(repo, "worktree")
    with pytest.raises(UsageError, match="is not a date"):
        changes_between(repo, "2026-13-01")
    with pytest.raises(GitError, match="no commit touches the partnership by 2026-09-01"):
        changes_between(repo, "2026-08-01", "2026-09-01")
    with pytest.raises(UsageError, match="2026-10-02 is after the later point 2026-10-01"):
        changes_between(repo, "2026-10-02", "2026-10-01")
    edit_yaml(repo, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    commit(repo, "Clinic joins", "2026-10-15")
    with pytest.raises(
        UsageError, match="point HEAD comes after the later point HEAD~1 in the history"
    ):
        changes_between(repo, "HEAD", "HEAD~1")
    assert [c.kind for c in changes_between(repo, "HEAD~1", "HEAD").changes] == ["partner-joined"]


def test_a_repository_without_commits(make_partnership: MakeP) -> None:
    root = make_partnership()
    git(root, "init", "-q")
    with pytest.raises(GitError, match="no commits yet"):
        changes_between(root, "2026-01-01")
    for args in (["--since", "2026-01-01"], ["--since", "HEAD~1", "--until", "worktree"]):
        result = msc("changes", "-C", str(root), *args)
        assert result.exit_code == 1, result.output
        assert "the repository has no commits yet" in result.stderr


def test_shallow_clone_missing_the_since_commit(repo: Path, tmp_path: Path) -> None:
    edit_yaml(repo, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    commit(repo, "Clinic joins", "2026-10-15")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with pytest.raises(GitError) as by_date:
        changes_between(clone, "2026-10-01")
    assert by_date.value.hint is not None and "git fetch --unshallow" in by_date.value.hint
    with pytest.raises(GitError) as by_ref:
        changes_between(clone, "HEAD~1")
    assert by_ref.value.hint is not None and "git fetch --unshallow" in by_ref.value.hint
    assert changes_between(clone, "HEAD").empty


# --------------------------------------------------------------------- formats


def test_formats(repo: Path, dated: dict[str, str]) -> None:
    def run(*args: str) -> str:
        result = msc("changes", "-C", str(repo), "--since", dated["start"], *args)
        assert result.exit_code == 0, result.output
        return result.stdout

    short = dated["start"][:7]
    text = run()
    assert text.splitlines()[0].startswith(
        f'Youth Works: 2 changes from {short} (2026-10-01, "Start the partnership") to '
    )
    assert "\nPartners\n  Youth Clinic (clinic) joined on 2026-10-20\n" in text
    assert "\nActivities\n  activity Newsletter (newsletter): accountable city → school\n" in text
    data = json.loads(run("--format", "json"))
    assert data["since"]["commit"] == dated["start"]
    assert data["until"]["given"] == "HEAD" and data["until"]["commit"] == dated["moved"]
    assert data["changes"][1] == {
        "kind": "activity-reassigned",
        "ids": ["newsletter", "city", "school"],
        "name": "Newsletter",
        "before": ["city"],
        "after": ["school"],
        "description": "activity Newsletter (newsletter): accountable city → school",
        "file": "activities.yaml",
    }
    markdown = run("--format", "md")
    assert markdown.startswith("# Changes in Youth Works\n\n2 changes from ")
    assert "\n## Partners\n\n- Youth Clinic (clinic) joined on 2026-10-20\n" in markdown


def test_output_file_is_not_replaced_without_force(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "changes.md"
    args = ["changes", "-C", str(repo), "--since", "HEAD", "--format", "md", "-o", str(target)]
    assert msc(*args).exit_code == 0
    assert target.read_text().startswith("# Changes in Youth Works\n\nNo changes from ")
    assert msc(*args).exit_code == 1
    assert msc(*args, "--force").exit_code == 0


def test_markdown_escapes_names(repo: Path) -> None:
    def odd(data: dict[str, Any]) -> None:
        data["partners"].append({**new_partner(), "name": "<b>*Bold*</b> [x](y)"})

    before = git(repo, "rev-parse", "HEAD")
    edit_yaml(repo, "partners.yaml", odd)
    commit(repo, "Odd name")
    result = msc("changes", "-C", str(repo), "--since", before, "--format", "md")
    assert "- \\<b>\\*Bold\\*\\</b> \\[x\\](y) (clinic) joined" in result.stdout


@pytest.mark.parametrize("day", ["2100-01-01", "2999-06-30", "9999-12-31"])
def test_a_date_after_every_commit_is_the_newest_commit(repo: Path, day: str) -> None:
    """git reads no date from 2100 on; msc hands it a Unix time, so a later day is HEAD."""
    edit_yaml(repo, "partners.yaml", lambda d: d["partners"].append(new_partner()))
    head = commit(repo, "A partner joined", "2026-10-20")
    since = msc("changes", "-C", str(repo), "--since", day)
    assert since.exit_code == 0, since.output
    assert f"no changes from {head[:7]}" in since.output and "nothing" not in since.output
    until = msc("changes", "-C", str(repo), "--since", "2026-10-01", "--until", day)
    assert until.exit_code == 0, until.output
    assert "1 change from" in until.output and f"to {head[:7]}" in until.output


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "1970-01-01", "1973-03-02"])
def test_a_date_before_every_commit_is_nothing_and_a_clear_until(repo: Path, day: str) -> None:
    since = msc("changes", "-C", str(repo), "--since", day)
    assert since.exit_code == 0, since.output
    assert f"from nothing (no commit touches the partnership by {day})" in since.output
    until = msc("changes", "-C", str(repo), "--since", day, "--until", day)
    assert until.exit_code == 2, until.output
    assert f"--until: no commit touches the partnership by {day}" in until.output


def test_a_commit_made_before_1973_is_found_by_its_day(make_partnership: MakeP) -> None:
    """git reads ``--before=@N`` below 100000000 as something else: msc finds it itself."""
    root = repository(make_partnership(), "1971-05-01")
    since = msc("changes", "-C", str(root), "--since", "1971-06-01")
    assert since.exit_code == 0, since.output
    assert "no changes from" in since.output and "nothing" not in since.output
    before = msc("changes", "-C", str(root), "--since", "1971-04-30")
    assert "from nothing" in before.output
