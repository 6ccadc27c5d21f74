"""``msc log``: the decision log read back from real temporary git repositories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import base_files, dump, git, git_process, msc, repository, write_tree
from msctool.history.cache import cache_file
from msctool.history.commits import NoHistoryError, open_repo
from msctool.history.decisionlog import DecisionLog, LoggedDecision, decision_log
from msctool.history.repo import GitError

pytestmark = [pytest.mark.git, pytest.mark.usefixtures("isolated_git")]


def record(number: int, title: str = "", **front: Any) -> str:
    """The text of a decision record with front matter ``front`` over the defaults."""
    values = {
        "format_version": 1,
        "id": number,
        "title": title or f"Decision {number}",
        "date": date(2026, 1, number),
        "status": "accepted",
        "body": "steering",
        **front,
    }
    return f"---\n{dump(values)}---\n\n## Decision\n\nWe do it.\n"


FIRST = "decisions/0001-adopt-msc.md"
"""Decision 0001's file in the ``repo`` fixture."""


def name(number: int) -> str:
    return f"decisions/{number:04d}-decision-{number}.md"


def commit(root: Path, files: dict[str, Any], message: str) -> str:
    """Write ``files`` (None deletes) under ``root``, commit everything; the new sha."""
    for rel, content in files.items():
        if content is None:
            (root / rel).unlink()
            files = {k: v for k, v in files.items() if k != rel}
    write_tree(root, files)
    git(root, "add", "-A", ".")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A partnership at the top of a new repository, first commit with decision 0001."""
    root = tmp_path / "p"
    files = base_files()
    files["decisions/0001-adopt-msc.md"] = record(1, "Keep the partnership as code")
    return repository(write_tree(root, files))


def by_id(log: DecisionLog) -> dict[int, LoggedDecision]:
    return {decision.id: decision for decision in log.decisions}


def codes(log: DecisionLog) -> list[str]:
    return [finding.code for finding in log.warnings]


# -- what history says ------------------------------------------------------------------


def test_hand_written_decisions_with_and_without_trailers(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    message = "Record decision 2\n\nDecision: 0002\nConsulted: city\nInformed: school, city"
    second = commit(repo, {name(2): record(2, "Open a jobs desk")}, message)

    log = decision_log(repo, use_cache=False)
    decisions = by_id(log)
    assert [d.id for d in log.decisions] == [1, 2]
    assert decisions[1].commit == first
    assert decisions[1].author == "Test User"
    assert decisions[1].rule == "consent"  # the body's rule in partnership.yaml
    assert decisions[1].file == "decisions/0001-adopt-msc.md"
    assert decisions[2].commit == second
    assert decisions[2].title == "Open a jobs desk"
    assert decisions[2].consulted == ("city",)
    assert decisions[2].informed == ("school", "city")
    assert decisions[2].status == decisions[2].recorded_status == "accepted"
    assert log.warnings == []


def test_supersession_chain_is_derived(repo: Path) -> None:
    commit(repo, {name(3): record(3, supersedes=[1])}, "Decision 3 replaces 1")
    commit(repo, {name(5): record(5)}, "Decision 5 replaces 3\n\nSupersedes: 0003")
    commit(repo, {name(6): record(6, status="proposed", supersedes=[5])}, "Propose 6")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert decisions[1].status == "superseded"
    assert decisions[1].recorded_status == "accepted"
    assert decisions[1].superseded_by == (3,)
    assert decisions[3].status == "superseded"
    assert decisions[3].supersedes == (1,)
    assert decisions[3].superseded_by == (5,)
    assert decisions[5].supersedes == (3,)  # from the trailer alone
    assert decisions[5].status == "accepted"  # a proposal supersedes nothing yet
    assert decisions[5].superseded_by == ()


@pytest.mark.parametrize(
    ("recorded", "shown"),
    [
        ("proposed", "superseded"),
        ("accepted", "superseded"),
        ("superseded", "superseded"),
        ("rejected", "rejected"),  # a rejected decision stays rejected
    ],
)
@pytest.mark.parametrize("through", ["front matter", "trailer"])
def test_what_a_superseded_record_becomes(
    repo: Path, recorded: str, shown: str, through: str
) -> None:
    """docs/decision-log.md: only proposed, accepted and superseded records become
    superseded; a rejected one stays rejected. The same through a trailer."""
    commit(repo, {name(2): record(2, status=recorded)}, f"Record 2 as {recorded}")
    if through == "trailer":
        commit(repo, {name(3): record(3)}, "Decision 3 replaces 2\n\nSupersedes: 0002")
    else:
        commit(repo, {name(3): record(3, supersedes=[2])}, "Decision 3 replaces 2")

    log = decision_log(repo, use_cache=False)
    decisions = by_id(log)
    assert (decisions[2].recorded_status, decisions[2].status) == (recorded, shown)
    assert decisions[2].superseded_by == (3,)
    assert (decisions[3].status, decisions[3].supersedes) == ("accepted", (2,))
    assert log.warnings == []  # a typed `superseded` has its successor: no LOG005
    shown_json = json.loads(msc("log", "-C", str(repo), "--format", "json").stdout)["decisions"]
    assert [(d["id"], d["status"]) for d in shown_json] == [
        (1, "accepted"),
        (2, shown),
        (3, "accepted"),
    ]


@pytest.mark.parametrize("status", ["proposed", "rejected"])
@pytest.mark.parametrize("through", ["front matter", "trailer"])
def test_a_proposal_or_a_rejected_decision_supersedes_nothing(
    repo: Path, status: str, through: str
) -> None:
    if through == "trailer":
        commit(repo, {name(2): record(2, status=status)}, "Record 2\n\nSupersedes: 0001")
    else:
        commit(repo, {name(2): record(2, status=status, supersedes=[1])}, "Record 2")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert (decisions[1].status, decisions[1].superseded_by) == ("accepted", ())
    assert (decisions[2].status, decisions[2].supersedes) == (status, (1,))


def test_a_typed_superseded_with_only_a_proposed_successor_is_a_warning(repo: Path) -> None:
    commit(repo, {name(2): record(2, status="superseded")}, "Record 2 as superseded")
    commit(repo, {name(3): record(3, status="proposed", supersedes=[2])}, "Propose 3")

    log = decision_log(repo, use_cache=False)
    assert by_id(log)[2].status == "superseded"  # as typed: nothing else says otherwise
    assert codes(log) == ["LOG005"]
    [warning] = log.warnings
    assert warning.file == name(2)
    assert (
        warning.message
        == "decision 0002 says it is superseded, but no accepted decision supersedes it"
    )
    assert warning.hint == "add `supersedes: [2]` to the decision that replaced it"


def test_two_files_with_the_same_number_are_a_warning(repo: Path) -> None:
    sha = commit(repo, {"decisions/0001-copy.md": record(1, "A copy")}, "Copy decision 1")

    log = decision_log(repo, use_cache=False)
    assert codes(log) == ["LOG002"]
    [warning] = log.warnings
    assert warning.message == (
        f"commit {sha[:7]}: decisions/0001-copy.md and {FIRST} both hold decision 0001"
    )
    assert warning.hint == "give one of them the next free number (file name and `id:`)"
    assert [d.id for d in log.decisions] == [1]  # one decision, shown as last committed
    assert (log.decisions[0].file, log.decisions[0].amendments) == ("decisions/0001-copy.md", ())


def test_edits_after_acceptance_are_amendments(repo: Path) -> None:
    commit(repo, {name(2): record(2, status="proposed")}, "Propose 2")
    commit(repo, {name(2): record(2)}, "Accept 2")
    fix = commit(repo, {name(2): record(2, "Decision 2, spelled right")}, "Fix the title")

    decision = by_id(decision_log(repo, use_cache=False))[2]
    assert [(a.commit, a.subject, a.author) for a in decision.amendments] == [
        (fix, "Fix the title", "Test User")
    ]
    assert decision.title == "Decision 2, spelled right"
    assert decision.status == "accepted"


def test_deleted_record_is_withdrawn_and_a_rename_is_not(repo: Path) -> None:
    commit(repo, {name(2): record(2), name(3): record(3)}, "Two more")
    gone = commit(repo, {name(2): None}, "Drop decision 2")
    git(repo, "mv", name(3), "decisions/0003-better-name.md")
    git(repo, "commit", "-q", "-m", "Rename 3")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert decisions[2].status == "withdrawn"
    assert decisions[2].removed is not None
    assert decisions[2].removed.commit == gone
    assert decisions[3].status == "accepted"
    assert decisions[3].removed is None
    assert decisions[3].file == "decisions/0003-better-name.md"
    assert decisions[3].amendments == ()  # the same content under a new name


def test_a_rename_that_also_edits_is_an_amendment(repo: Path) -> None:
    git(repo, "mv", "decisions/0001-adopt-msc.md", "decisions/0001-new-name.md")
    edited = commit(repo, {"decisions/0001-new-name.md": record(1, "New words")}, "Move, reword")

    decision = by_id(decision_log(repo, use_cache=False))[1]
    assert [a.commit for a in decision.amendments] == [edited]
    assert (decision.file, decision.title) == ("decisions/0001-new-name.md", "New words")


def test_a_proposal_accepted_later_shows_when(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-10-01T10:00:00+02:00")
    proposed = commit(repo, {name(2): record(2, status="proposed")}, "Propose 2")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-05T10:00:00+01:00")
    accepted = commit(repo, {name(2): record(2)}, "Steering group accepts 2")

    log = decision_log(repo)  # written to the cache, and read back the same
    decision = by_id(log)[2]
    assert decision.status == "accepted"
    assert decision.commit == proposed
    assert decision.accepted is not None and decision.accepted.commit == accepted
    assert decision.accepted.date.date() == date(2026, 11, 5)
    assert decision.amendments == ()  # accepting a proposal is not an amendment
    assert by_id(decision_log(repo))[2] == decision
    first = by_id(log)[1]  # recorded as accepted: accepted in the commit that added it
    assert first.accepted is not None and first.accepted.commit == first.commit

    text = msc("log", "-C", str(repo)).stdout
    assert f"accepted on 2026-11-05 by Test User in {accepted[:7]}: Steering group" in text
    data = json.loads(msc("log", "-C", str(repo), "--format", "json").stdout)["decisions"][1]
    assert data["accepted"]["commit"] == accepted
    assert data["accepted"]["date"] == "2026-11-05T10:00:00+01:00"
    md = msc("log", "-C", str(repo), "--format", "md").stdout
    assert "## Later changes" in md
    assert f"- 0002 accepted on 2026-11-05 by Test User in {accepted[:7]}" in md


def test_rule_is_the_bodys_rule_when_the_decision_was_committed(repo: Path) -> None:
    files = base_files()
    files["partnership.yaml"]["bodies"][0]["decision_rule"] = "majority"
    commit(repo, {"partnership.yaml": files["partnership.yaml"]}, "Decide by majority")
    commit(repo, {name(2): record(2), name(3): record(3, rule="unanimity")}, "Two decisions")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert decisions[1].rule == "consent"
    assert decisions[2].rule == "majority"
    assert decisions[3].rule == "unanimity"


def test_subfolder_partnership_reads_only_its_own_history(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    files = base_files()
    files["decisions/0001-adopt-msc.md"] = record(1)
    write_tree(top / "examples" / "p", files)
    write_tree(top, {"other/decisions/0002-elsewhere.md": record(2), "README.md": "# x\n"})
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Start")
    commit(top, {"README.md": "# y\n"}, "Not about the partnership")

    log = decision_log(top / "examples" / "p" / "decisions", use_cache=False)
    assert log.folder == "examples/p"
    assert [(d.id, d.file) for d in log.decisions] == [(1, "decisions/0001-adopt-msc.md")]
    assert log.stats.commits_read == 1


def test_merged_branch_decisions_are_found(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "idea")
    side = commit(repo, {name(2): record(2)}, "Decision 2 on a branch")
    git(repo, "checkout", "-q", "main")
    commit(repo, {name(3): record(3)}, "Decision 3 on main")
    git(repo, "merge", "-q", "--no-edit", "idea")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert sorted(decisions) == [1, 2, 3]
    assert decisions[2].commit == side
    assert decisions[2].amendments == ()


def test_a_merge_keeps_what_it_resolved_not_the_branch_read_last(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def at(day: str) -> None:
        for variable in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
            monkeypatch.setenv(variable, f"2026-{day}T10:00:00+00:00")

    commit(repo, {name(2): record(2, status="proposed")}, "Propose 2")
    git(repo, "checkout", "-q", "-b", "side")
    at("03-01")  # the side branch's commits are newer, so git log lists them last
    commit(repo, {FIRST: record(1, "Side title"), name(2): record(2)}, "Side: accept 2")
    dropped = commit(repo, {name(3): record(3), name(4): record(4)}, "Side: 3 and 4")
    git(repo, "checkout", "-q", "main")
    at("02-01")
    main_edit = commit(repo, {FIRST: record(1, "Main title")}, "Main: retitle 1")
    at("04-01")
    git_process(repo, "merge", "-q", "--no-commit", "side")
    git(repo, "checkout", "--ours", "--", FIRST)
    git(repo, "add", "--", FIRST)
    git(repo, "checkout", "HEAD", "--", name(2))  # the merge keeps 2 a proposal
    git(repo, "rm", "-q", "-f", "--", name(4))  # and leaves 4 out
    git(repo, "commit", "-q", "--no-edit")
    merge = git(repo, "rev-parse", "HEAD")

    log = decision_log(repo, use_cache=False)
    decisions = by_id(log)
    assert decisions[1].title == "Main title"
    assert decisions[2].status == "proposed"
    assert decisions[3].commit == dropped and decisions[3].status == "accepted"
    assert decisions[4].status == "withdrawn"
    assert decisions[4].removed is not None and decisions[4].removed.commit == merge
    assert main_edit in [a.commit for a in decisions[1].amendments]
    assert merge not in [a.commit for a in decisions[1].amendments]
    assert log.decisions == decision_log(repo).decisions  # the cache agrees


def test_a_branch_merged_later_is_not_undone_by_an_earlier_merge(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def at(day: str) -> None:
        for variable in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
            monkeypatch.setenv(variable, f"2026-{day}T10:00:00+00:00")

    at("01-01")
    commit(repo, {name(9): record(9)}, "Nine, so both merges are real merges")
    git(repo, "branch", "b")
    git(repo, "checkout", "-q", "-b", "a")
    at("03-02")
    commit(repo, {name(2): record(2)}, "A: two")
    git(repo, "checkout", "-q", "b")
    at("03-01")  # read before A's commits and before the merge of A
    edit = commit(repo, {FIRST: record(1, "Retitled on b"), name(3): record(3)}, "B: retitle 1")
    git(repo, "checkout", "-q", "main")
    at("03-03")
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "a")
    at("03-04")
    git(repo, "merge", "-q", "--no-ff", "--no-edit", "b")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert decisions[1].title == "Retitled on b"
    assert [a.commit for a in decisions[1].amendments] == [edit]
    assert decisions[3].commit == edit
    assert decisions[3].removed is None and decisions[3].status == "accepted"
    assert decisions[2].status == "accepted"


# -- bad history -------------------------------------------------------------------------


def test_malformed_front_matter_in_an_old_commit_is_a_warning(repo: Path) -> None:
    broken = commit(repo, {name(2): "---\ntitle: [unclosed\n---\n"}, "Half a record")
    commit(repo, {name(2): record(2)}, "Repair decision 2")

    log = decision_log(repo, use_cache=False)
    assert sorted(by_id(log)) == [1, 2]
    [warning] = log.warnings
    assert warning.code == "LOG001"
    assert warning.file == name(2)
    assert warning.message.startswith(f"commit {broken[:7]} (")
    assert "YAML syntax error" in warning.message
    assert warning.line == 2


def test_invalid_front_matter_names_the_field(repo: Path) -> None:
    commit(repo, {name(2): record(2, status="maybe")}, "Unsure")

    log = decision_log(repo, use_cache=False)
    assert sorted(by_id(log)) == [1]
    [warning] = log.warnings
    assert (warning.code, warning.file, warning.line) == ("LOG001", name(2), 6)


def test_trailer_naming_a_missing_decision_is_a_warning(repo: Path) -> None:
    sha = commit(repo, {name(2): record(2)}, "Two\n\nDecision: 0002\nSupersedes: 0042")

    log = decision_log(repo, use_cache=False)
    assert codes(log) == ["LOG003"]
    assert log.warnings[0].message == (
        f"commit {sha[:7]} has the trailer `Supersedes: 0042`, "
        "but no decision 0042 is in the history"
    )
    assert by_id(log)[1].status == "accepted"


def test_front_matter_superseding_a_missing_decision_is_a_warning(repo: Path) -> None:
    commit(repo, {name(2): record(2, supersedes=[9])}, "Two")
    [warning] = decision_log(repo, use_cache=False).warnings
    assert (warning.code, warning.file, warning.severity) == ("LOG004", name(2), "warning")
    assert warning.message == "decision 0002 supersedes decision 0009, which is not in the history"
    assert warning.hint == "correct the number in `supersedes:`"


def test_uncommitted_record_is_a_warning(repo: Path) -> None:
    (repo / name(2)).write_text(record(2), encoding="utf-8")
    log = decision_log(repo, use_cache=False)
    assert codes(log) == ["LOG007"]
    assert sorted(by_id(log)) == [1]


def test_not_a_repository(make_partnership: Any) -> None:
    root = make_partnership()
    with pytest.raises(NoHistoryError, match="is not in a git repository"):
        decision_log(root)
    result = msc("log", "-C", str(root))
    assert result.exit_code == 1
    assert "is not in a git repository, so it has no history to read" in result.stderr
    assert "Traceback" not in result.output


def test_no_commits_yet(make_partnership: Any) -> None:
    root = make_partnership()
    git(root, "init", "-q")
    with pytest.raises(NoHistoryError, match="no commits yet"):
        decision_log(root)


def test_git_not_installed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    with pytest.raises(GitError, match="git is not installed"):
        decision_log(repo)
    result = msc("log", "-C", str(repo))
    assert result.exit_code == 2
    assert result.stderr.startswith("msc: error: git is not installed or cannot be run\n")


def test_shallow_clone_logs_what_is_there_with_a_warning(repo: Path, tmp_path: Path) -> None:
    commit(repo, {name(2): record(2)}, "Two")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))

    log = decision_log(clone)
    assert log.shallow
    assert codes(log)[0] == "LOG006"
    shallow = log.warnings[0]
    assert (shallow.file, shallow.severity) == (".", "warning")
    assert shallow.message.startswith("this is a shallow clone: history before its first commit")
    assert shallow.hint == "run `git fetch --unshallow` for the whole history"
    assert {w.severity for w in log.warnings} == {"warning"}
    assert sorted(by_id(log)) == [1, 2]
    assert log.stats.cache == "shallow"
    assert not cache_file(open_repo(clone)).exists()


def test_detached_head_reads_head(repo: Path) -> None:
    commit(repo, {name(2): record(2)}, "Two")
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert sorted(by_id(decision_log(repo))) == [1]


# -- the cache -----------------------------------------------------------------------------


def test_second_run_uses_the_cache(repo: Path) -> None:
    commit(repo, {name(2): record(2)}, "Two")
    first = decision_log(repo)
    assert (first.stats.cache, first.stats.commits_read) == ("rebuilt", 2)
    stored = json.loads(cache_file(open_repo(repo)).read_text())
    assert stored["tip"] == first.head

    second = decision_log(repo)
    assert (second.stats.cache, second.stats.commits_read) == ("fresh", 0)
    assert second.decisions == first.decisions

    commit(repo, {name(3): record(3, supersedes=[2])}, "Three")
    third = decision_log(repo)
    assert (third.stats.cache, third.stats.commits_read) == ("extended", 1)
    assert third.decisions == decision_log(repo, use_cache=False).decisions
    assert by_id(third)[2].status == "superseded"


def test_rewritten_history_invalidates_the_cache(repo: Path) -> None:
    commit(repo, {name(2): record(2)}, "Two")
    assert sorted(by_id(decision_log(repo))) == [1, 2]
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    commit(repo, {name(3): record(3)}, "Three instead")

    log = decision_log(repo)
    assert log.stats.cache == "rebuilt"
    assert sorted(by_id(log)) == [1, 3]

    git(repo, "commit", "-q", "--amend", "-m", "Three, reworded")
    amended = decision_log(repo)
    assert amended.stats.cache == "rebuilt"
    assert by_id(amended)[3].commit == git(repo, "rev-parse", "HEAD")


def test_cache_after_a_commit_elsewhere_and_after_a_rebase(repo: Path) -> None:
    commit(repo, {name(2): record(2)}, "Two")
    decision_log(repo)
    commit(repo, {"README.md": "# notes\n"}, "Only notes")
    elsewhere = decision_log(repo)
    assert (elsewhere.stats.cache, elsewhere.stats.commits_read) == ("extended", 0)
    assert json.loads(cache_file(open_repo(repo)).read_text())["tip"] == elsewhere.head

    git(repo, "checkout", "-q", "-b", "side", "HEAD~2")
    commit(repo, {name(3): record(3, supersedes=[1])}, "Three on a side branch")
    git(repo, "rebase", "-q", "main")
    rebased = decision_log(repo)
    assert rebased.stats.cache == "extended"  # main's tip is an ancestor of the rebased side
    assert rebased.decisions == decision_log(repo, use_cache=False).decisions
    assert by_id(rebased)[1].status == "superseded"

    git(repo, "checkout", "-q", "main")
    back = decision_log(repo)
    assert back.stats.cache == "rebuilt"  # the side's tip is no ancestor of main
    assert sorted(by_id(back)) == [1, 2]


def test_a_new_mailmap_rebuilds_the_cache(repo: Path) -> None:
    assert by_id(decision_log(repo))[1].author == "Test User"
    email = git(repo, "log", "-1", "--format=%ae")
    (repo / ".mailmap").write_text(f"Test Person <{email}>\n")
    log = decision_log(repo)
    assert log.stats.cache == "rebuilt"
    assert by_id(log)[1].author == "Test Person"


def test_old_cache_format_is_ignored(repo: Path) -> None:
    decision_log(repo)
    path = cache_file(open_repo(repo))
    data = json.loads(path.read_text())
    data["format"] = 1
    path.write_text(json.dumps(data))
    assert decision_log(repo).stats.cache == "rebuilt"


def test_corrupt_cache_is_rebuilt(repo: Path) -> None:
    decision_log(repo)
    path = cache_file(open_repo(repo))
    path.write_text('{"format": 1, "tip"', encoding="utf-8")
    log = decision_log(repo)
    assert log.stats.cache == "rebuilt"
    assert sorted(by_id(log)) == [1]
    assert json.loads(path.read_text())["tip"] == log.head


# -- the command -------------------------------------------------------------------------


@pytest.fixture
def history(repo: Path) -> Path:
    commit(repo, {name(2): record(2, body="steering", affects=["city"])}, "Two")
    commit(repo, {name(3): record(3, supersedes=[1], status="accepted")}, "Three")
    return repo


def test_text_output(history: Path) -> None:
    result = msc("log", "-C", str(history), "--status", "superseded")
    assert result.exit_code == 0
    sha = git(history, "rev-list", "--max-parents=0", "HEAD")[:7]
    today = git(history, "log", "-1", "--format=%as", sha)
    assert result.stdout.splitlines()[2:] == [
        "0001  2026-01-01  superseded  Keep the partnership as code",
        f"      steering (consent) · committed by Test User on {today} in {sha}",
        "      record says accepted · superseded by 0003",
    ]


def test_filters(history: Path) -> None:
    def ids(*args: str) -> list[int]:
        result = msc("log", "-C", str(history), "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [d["id"] for d in json.loads(result.stdout)["decisions"]]

    assert ids() == [1, 2, 3]
    assert ids("--since", "2026-01-02") == [2, 3]
    assert ids("--until", "2026-01-02") == [1, 2]
    assert ids("--affects", "city") == [2]
    assert ids("--status", "accepted") == [2, 3]
    assert ids("--body", "steering") == [1, 2, 3]
    assert ids("--body", "board") == []


def test_json_output(history: Path) -> None:
    result = msc("log", "-C", str(history), "--format", "json")
    data = json.loads(result.stdout)
    first = data["decisions"][0]
    assert first["status"] == "superseded"
    assert first["superseded_by"] == [3]
    assert first["commit"] == git(history, "rev-list", "--max-parents=0", "HEAD")
    assert data["warnings"] == []
    assert data["head"] == git(history, "rev-parse", "HEAD")


def test_markdown_output_to_a_file(history: Path) -> None:
    out = history.parent / "log.md"
    result = msc("log", "-C", str(history), "--format", "md", "-o", str(out))
    assert result.exit_code == 0
    text = out.read_text()
    assert text.startswith("# Decision log of p\n\n| # | Date | Decision |")
    assert "| 0001 | 2026-01-01 | Keep the partnership as code | steering (consent) |" in text
    assert "superseded by 0003 |" in text
    again = msc("log", "-C", str(history), "--format", "md", "-o", str(out))
    assert again.exit_code == 1
    assert "use --force to replace it" in again.stderr


def test_markdown_shows_titles_and_names_literally(repo: Path) -> None:
    from markdown_it import MarkdownIt

    title = "Use *all* of the [budget](http://x) | not `half` <b>now</b> & R&amp;D_2"
    write_tree(repo, {name(2): record(2, title)})
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Ann_*Jansen*", "commit", "-q", "-m", "Two")

    md = msc("log", "-C", str(repo), "--format", "md").stdout
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert html.count("<tr>") == 3  # the header and two rows: the pipe did not split a cell
    for tag in ("<em>", "<strong>", "<a ", "<code>half", "<b>"):
        assert tag not in html
    from html.parser import HTMLParser

    cells: list[str] = []

    class Cells(HTMLParser):
        def handle_data(self, data: str) -> None:
            cells.append(data)

    Cells().feed(html)
    assert title in cells
    assert "Ann_*Jansen*" in cells


def test_json_keys_are_documented(history: Path) -> None:
    text = (Path(__file__).parent.parent / "docs" / "decision-log.md").read_text()
    data = json.loads(msc("log", "-C", str(history), "--format", "json").stdout)
    keys = {*data, *data["decisions"][0]}
    keys |= {"commit", "date", "author", "subject"}  # of amendments, removed, accepted
    keys |= {"code", "message", "file", "line", "column", "hint"}  # of warnings
    for key in keys:
        assert f"`{key}`" in text, key


def test_since_after_until_is_a_usage_error(history: Path) -> None:
    result = msc("log", "-C", str(history), "--since", "2026-02-01", "--until", "2026-01-01")
    assert result.exit_code == 2
    assert "--since 2026-02-01 is after --until 2026-01-01" in result.stderr


def test_bad_date_is_a_usage_error(history: Path) -> None:
    result = msc("log", "-C", str(history), "--since", "last week")
    assert result.exit_code == 2
    assert "msc: error: --since: `last week` is not a date" in result.stderr


def test_warnings_go_to_stderr(repo: Path) -> None:
    commit(repo, {name(2): record(2, supersedes=[9])}, "Two")
    result = msc("log", "-C", str(repo))
    assert result.exit_code == 0
    assert "msc: warning: decisions/0002-decision-2.md: LOG004 decision 0002 supersedes" in (
        result.stderr
    )
    assert "LOG004" not in result.stdout


def test_trailers_belong_to_the_decision_they_name(repo: Path) -> None:
    message = "Two records\n\nDecision: 0003\nSupersedes: 0001\nInformed: city"
    commit(repo, {name(2): record(2), name(3): record(3)}, message)
    commit(repo, {name(4): record(4), name(5): record(5)}, "Two more\n\nSupersedes: 0002")

    log = decision_log(repo, use_cache=False)
    assert codes(log) == ["LOG008"]
    decisions = by_id(log)
    assert decisions[3].supersedes == (1,)
    assert decisions[3].informed == ("city",)
    assert decisions[2].supersedes == decisions[2].informed == ()
    assert decisions[1].status == "superseded"
    assert decisions[2].status == "accepted"  # 4 or 5? the log does not guess
    assert decisions[4].supersedes == decisions[5].supersedes == ()


def test_record_whose_id_changes_withdraws_the_old_number(repo: Path) -> None:
    commit(repo, {name(2): record(2)}, "Two")
    renumber = commit(repo, {name(2): record(3)}, "Oops, that was 3")

    decisions = by_id(decision_log(repo, use_cache=False))
    assert decisions[2].status == "withdrawn"
    assert decisions[2].removed is not None and decisions[2].removed.commit == renumber
    assert decisions[3].file == name(2)


def test_quiet_keeps_warnings_but_drops_hints(repo: Path) -> None:
    commit(repo, {name(2): record(2, supersedes=[9])}, "Two")
    result = msc("log", "-C", str(repo), "-q")
    assert result.exit_code == 0
    assert "LOG004" in result.stderr
    assert "hint:" not in result.stderr


def test_names_and_subjects_outside_ascii(repo: Path) -> None:
    write_tree(repo, {"decisions/0002-café.md": record(2, "Één loket")})
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Zoë Çelik", "commit", "-q", "-m", "Besluit: één loket")

    decision = by_id(decision_log(repo, use_cache=False))[2]
    assert (decision.author, decision.title, decision.file) == (
        "Zoë Çelik",
        "Één loket",
        "decisions/0002-café.md",
    )
    result = msc("log", "-C", str(repo), "--format", "json")
    assert json.loads(result.stdout)["decisions"][1]["author"] == "Zoë Çelik"


def test_stopping_early_ends_git(repo: Path) -> None:
    from msctool.history.commits import stream_log

    for number in range(2, 6):
        commit(repo, {name(number): record(number)}, f"Decision {number}")
    commits = stream_log(open_repo(repo), ["decisions"])
    first = next(commits)
    commits.close()  # must not hang or raise
    assert first.changes[0].path == "decisions/0001-adopt-msc.md"
    assert first.subject == "Start the partnership"


def test_decide_then_log_round_trip(repo: Path) -> None:
    decide = ["decide", "-C", str(repo), "--body", "steering", "--status", "accepted"]
    first = msc(*decide, "Meet monthly", "-m", "Every month.")
    assert first.exit_code == 0, first.output
    args = ["--supersedes", "2", "--consulted", "city", "-m", "Less often."]
    second = msc(*decide, "Meet every two months", *args)
    assert second.exit_code == 0, second.output

    log = decision_log(repo)
    decisions = by_id(log)
    assert decisions[2].status == "superseded"
    assert decisions[2].superseded_by == (3,)
    assert decisions[3].consulted == ("city",)
    assert decisions[3].commit == git(repo, "rev-parse", "HEAD")
    assert decisions[3].rule == "consent"
    assert log.warnings == []
