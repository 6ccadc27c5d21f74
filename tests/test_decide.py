"""msc decide on real git repositories: the record, the commit and its trailers, bad input."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, MakeP, git, git_process, msc, repository
from msctool.edits.decide import DecisionRequest, record_decision, slugify
from msctool.edits.decisiontext import yaml_string
from msctool.history.decisionlog import decision_log
from msctool.history.repo import GitError, commit_files, dirty_paths, ensure_can_commit
from msctool.load.records import FILE_NAME, read_decision
from msctool.rules.check import run_check

pytestmark = pytest.mark.git


@pytest.fixture
def repo(make_partnership: MakeP, isolated_git: Path, tmp_path: Path) -> Path:
    """A git repository at tmp_path with the partnership in its subfolder ``p``; one commit."""
    make_partnership()
    return repository(tmp_path)


def files_of(repo: Path, rev: str = "HEAD") -> list[str]:
    return git(repo, "show", "--name-only", "--format=", rev).split()


def trailers_of(repo: Path, rev: str = "HEAD") -> list[str]:
    message = git(repo, "show", "--no-patch", "--format=%B", rev)
    parsed = subprocess.run(
        ["git", "interpret-trailers", "--parse"],
        input=message,
        capture_output=True,
        text=True,
        check=True,
        cwd=repo,
    )
    return parsed.stdout.splitlines()


# -- the record and the commit -----------------------------------------------------


def test_decide_writes_a_valid_record_and_commits_only_it(repo: Path) -> None:
    p = repo / "p"
    result = msc(
        "decide",
        "Open the desk at 16:00",
        "-C",
        str(p),
        "--body",
        "steering",
        "--status",
        "accepted",
        "--date",
        "2026-11-20",
        "--supersedes",
        "1",
        "--consulted",
        "city,school",
        "--informed",
        "school",
        "--affects",
        "jobs-fair",
        "--affects",
        "placements",
        "-m",
        "The desk opens after school.",
    )

    assert result.exit_code == 0, result.output
    assert "wrote decisions/0002-open-the-desk-at-16-00.md (decision 0002, accepted)" in (
        result.stdout
    )
    record = p / "decisions" / "0002-open-the-desk-at-16-00.md"
    read = read_decision(record, "decisions/0002-open-the-desk-at-16-00.md", p)
    assert read.findings == [] and read.decision is not None
    meta = read.decision.meta
    assert (meta.id, meta.status, meta.body, meta.rule) == (2, "accepted", "steering", "consent")
    assert meta.date.isoformat() == "2026-11-20"
    assert meta.supersedes == [1] and meta.consulted == ["city", "school"]
    assert meta.informed == ["school"] and meta.affects == ["jobs-fair", "placements"]
    assert read.decision.text.startswith("# Open the desk at 16:00\n\n## Decision\n\n")
    assert "The desk opens after school." in read.decision.text
    assert files_of(repo) == ["p/decisions/0002-open-the-desk-at-16-00.md"]
    assert git(repo, "log", "-1", "--format=%s") == "Decision 0002: Open the desk at 16:00"
    assert trailers_of(repo) == [
        "Decision: 0002",
        "Decision-Status: accepted",
        "Decided-By: steering",
        "Supersedes: 0001",
        "Consulted: city, school",
        "Informed: school",
    ]
    assert git(repo, "status", "--porcelain") == ""
    assert run_check(p).errors == []


def test_defaults_proposed_today_the_only_body_and_its_rule(repo: Path) -> None:
    from datetime import date

    p = repo / "p"
    result = msc("decide", "Meet monthly", "-C", str(p))

    assert result.exit_code == 0, result.output
    text = (p / "decisions" / "0002-meet-monthly.md").read_text()
    assert "status: proposed\n" in text and "body: steering\n" in text
    assert "rule: consent\n" in text and f"date: {date.today().isoformat()}\n" in text
    assert "## Context" in text and "## Decision" in text and "## Consequences" in text
    assert "once the body has decided" in result.stdout
    assert trailers_of(repo) == [
        "Decision: 0002",
        "Decision-Status: proposed",
        "Decided-By: steering",
    ]


def test_rule_override_and_a_bad_rule(repo: Path) -> None:
    p = repo / "p"
    bad = msc("decide", "X", "-C", str(p), "--rule", "consnt")
    assert bad.exit_code == 2
    assert "`consnt` is not a decision rule" in bad.stderr and "did you mean `consent`" in (
        bad.stderr
    )

    good = msc("decide", "X", "-C", str(p), "--rule", "majority")
    assert good.exit_code == 0, good.output
    assert "rule: majority\n" in (p / "decisions" / "0002-x.md").read_text()


def test_dutch_partnership_gets_a_dutch_skeleton(make_partnership: MakeP, tmp_path: Path) -> None:
    def dutch(files: dict[str, Any]) -> None:
        files["partnership.yaml"]["language"] = "nl"

    p = make_partnership(dutch)
    result = msc("decide", "Elke maand overleggen", "-C", str(p), "--no-commit")

    assert result.exit_code == 0, result.output
    text = (p / "decisions" / "0002-elke-maand-overleggen.md").read_text()
    assert "## Aanleiding" in text and "## Besluit" in text and "## Gevolgen" in text


def test_json_output(repo: Path) -> None:
    result = msc("decide", "Meet monthly", "-C", str(repo / "p"), "--format", "json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == "decisions/0002-meet-monthly.md" and data["id"] == 2
    assert data["commit"] == git(repo, "rev-parse", "HEAD").strip()
    assert {"key": "Decision", "value": "0002"} in data["trailers"]


# -- numbers and names -------------------------------------------------------------


def test_numbering_follows_the_highest_number_in_the_folder_and_in_git(repo: Path) -> None:
    p = repo / "p"
    hand = (p / "decisions" / "0001-adopt-msc.md").read_text().replace("id: 1", "id: 7")
    (p / "decisions" / "0007-by-hand.md").write_text(hand)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "by hand")
    (p / "decisions" / "0007-by-hand.md").unlink()  # deleted in the work tree, still in git

    first = msc("decide", "First", "-C", str(p))
    second = msc("decide", "Second", "-C", str(p))

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert (p / "decisions" / "0008-first.md").is_file()
    assert (p / "decisions" / "0009-second.md").is_file()
    assert files_of(repo) == ["p/decisions/0009-second.md"]


def test_a_withdrawn_decisions_number_is_never_given_out_again(repo: Path) -> None:
    p = repo / "p"
    for title in ("Second", "Third"):
        assert msc("decide", title, "-C", str(p)).exit_code == 0
    git(repo, "rm", "-q", "p/decisions/0003-third.md")  # the highest number
    git(repo, "commit", "-qm", "Withdraw 0003\n\nDecision: 0003\nDecision-Status: withdrawn")

    assert (
        record_decision(
            p, DecisionRequest(title="Dry", day=AS_OF), commit=False, as_of=AS_OF
        ).meta.id
        == 4
    )
    (p / "decisions" / "0004-dry.md").unlink()
    made = msc("decide", "Fourth", "-C", str(p), "--status", "accepted")

    assert made.exit_code == 0, made.output
    assert files_of(repo) == ["p/decisions/0004-fourth.md"]
    log = decision_log(p, use_cache=False)
    by_id = {item.id: item for item in log.decisions}
    assert by_id[3].status == "withdrawn" and by_id[3].title == "Third"
    assert by_id[4].commit == git(repo, "rev-parse", "HEAD").strip()
    assert by_id[4].amendments == () and by_id[4].supersedes == ()


def test_a_record_moved_out_of_the_folder_keeps_its_number_used(repo: Path) -> None:
    p = repo / "p"
    assert msc("decide", "Second", "-C", str(p)).exit_code == 0
    git(repo, "mv", "p/decisions/0002-second.md", "archive-0002-second.md")
    git(repo, "-c", "diff.renames=true", "commit", "-qm", "archive")
    assert (
        record_decision(p, DecisionRequest(title="X", day=AS_OF), commit=False, as_of=AS_OF).meta.id
        == 3
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("Één loket: café & crèche", "een-loket-cafe-creche"),
        ("🎉🎉", "decision"),
        ("/", "decision"),
        ("A" * 200, "a" * 60),
        ("word " * 40, "-".join(["word"] * 12)),
        ("C:\\Windows\\..", "c-windows"),
    ],
)
def test_slugs_are_safe_file_names(title: str, slug: str) -> None:
    made = slugify(title)
    assert made == slug
    assert len(made) <= 60
    assert FILE_NAME.match(f"0001-{made}.md")


def test_a_title_of_blanks_is_refused(repo: Path) -> None:
    result = msc("decide", "   ", "-C", str(repo / "p"))
    assert result.exit_code == 2
    assert "the title is empty" in result.stderr
    assert not (repo / "p" / "decisions" / "0002-decision.md").exists()


def test_an_overlong_title_is_refused(repo: Path) -> None:
    result = msc("decide", "word " * 80, "-C", str(repo / "p"))
    assert result.exit_code == 2
    assert "the title is 399 characters long; at most 300 fit" in result.stderr
    assert git(repo, "status", "--porcelain") == ""


def test_a_decisions_link_to_outside_is_refused(repo: Path, tmp_path: Path) -> None:
    p = repo / "p"
    outside = tmp_path / "outside"
    outside.mkdir()
    (p / "decisions" / "0001-adopt-msc.md").rename(outside / "0001-adopt-msc.md")
    (p / "decisions").rmdir()
    (p / "decisions").symlink_to(outside)
    result = msc("decide", "X", "-C", str(p), "--no-commit")
    assert result.exit_code == 1 and "msc check" in result.stderr  # check calls it an error
    assert sorted(path.name for path in outside.iterdir()) == ["0001-adopt-msc.md"]

    from msctool.edits.decide import _write_new
    from msctool.errors import UserError

    with pytest.raises(UserError, match=r"^decisions is a symbolic link \(to .*outside\)"):
        _write_new(p, p / "decisions" / "0002-x.md", "text", "decisions/0002-x.md")
    assert sorted(path.name for path in outside.iterdir()) == ["0001-adopt-msc.md"]


def test_a_path_like_title_stays_in_the_folder(repo: Path) -> None:
    p = repo / "p"
    result = msc("decide", "../../../outside", "-C", str(p), "--no-commit")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (p / "decisions").iterdir()) == [
        "0001-adopt-msc.md",
        "0002-outside.md",
    ]
    assert 'title: "../../../outside"\n' in (p / "decisions" / "0002-outside.md").read_text()


@pytest.mark.parametrize(
    "title",
    ["yes", "null", "a: b", "# not a comment", 'quote "it"', "trailing:", "- dash", "12"],
)
def test_titles_read_back_exactly(title: str) -> None:
    from msctool.load.files import Source
    from msctool.load.yamlsource import parse

    assert parse(Source("t.yaml", f"title: {yaml_string(title)}\n")) == {"title": title}


# -- refusals ----------------------------------------------------------------------


def test_unknown_ids_are_refused_with_suggestions_and_nothing_is_written(repo: Path) -> None:
    p = repo / "p"
    head = git(repo, "rev-parse", "HEAD")
    result = msc(
        "decide",
        "X",
        "-C",
        str(p),
        "--body",
        "steerng",
        "--consulted",
        "citty",
        "--affects",
        "jobsfair",
        "--supersedes",
        "9",
    )

    assert result.exit_code == 1
    assert "4 unknown ids" in result.stderr
    # several problems in one error: each line names the request field that gave the id
    assert "\n  body: unknown governance body `steerng`; did you mean `steering`?" in result.stderr
    assert (
        "\n  consulted: unknown partner or governance body `citty`; did you mean `city`?"
        in result.stderr
    )
    assert "\n  affects: unknown activity, metric or partner `jobsfair`" in result.stderr
    assert "\n  supersedes: decision 0009 does not exist" in result.stderr
    assert sorted(path.name for path in (p / "decisions").iterdir()) == ["0001-adopt-msc.md"]
    assert git(repo, "rev-parse", "HEAD") == head


def test_one_unknown_id_gives_its_hint(repo: Path) -> None:
    result = msc("decide", "X", "-C", str(repo / "p"), "--informed", "schol")
    assert result.exit_code == 1
    assert "msc: error: --informed: unknown partner or governance body `schol`\n" in result.stderr
    assert "hint: did you mean `school`?" in result.stderr


def test_several_bodies_need_body(make_partnership: MakeP) -> None:
    def two(files: dict[str, Any]) -> None:
        body = dict(files["partnership.yaml"]["bodies"][0], id="board", kind="board")
        files["partnership.yaml"]["bodies"].append(body)

    p = make_partnership(two)
    result = msc("decide", "X", "-C", str(p), "--no-commit")
    assert result.exit_code == 2
    assert "msc: error: --body: which governance body decided?" in result.stderr
    assert "board, steering" in result.stderr


def test_a_partnership_with_errors_is_refused(make_partnership: MakeP) -> None:
    def broken(files: dict[str, Any]) -> None:
        files["partners.yaml"]["partners"][1]["sector"] = "pubic"

    p = make_partnership(broken)
    result = msc("decide", "X", "-C", str(p), "--no-commit")
    assert result.exit_code == 1
    assert "the partnership has 1 error" in result.stderr and "msc check" in result.stderr
    assert not (p / "decisions" / "0002-x.md").exists()


def test_other_staged_and_changed_files_stay_out_of_the_commit(repo: Path) -> None:
    p = repo / "p"
    (p / "README.md").write_text("staged\n")
    git(repo, "add", "p/README.md")
    partners = p / "partners.yaml"
    partners.write_text(partners.read_text() + "# a comment being written\n")
    (p / "notes.txt").write_text("untracked\n")

    result = msc("decide", "Keep it tidy", "-C", str(p))

    assert result.exit_code == 0, result.output
    assert files_of(repo) == ["p/decisions/0002-keep-it-tidy.md"]
    status = git(repo, "status", "--porcelain").splitlines()
    assert sorted(status) == [" M p/partners.yaml", "?? p/notes.txt", "A  p/README.md"]
    assert partners.read_text().endswith("# a comment being written\n")


def test_no_git_is_refused_before_writing(make_partnership: MakeP, isolated_git: Path) -> None:
    p = make_partnership()
    result = msc("decide", "X", "-C", str(p))
    assert result.exit_code == 1  # the user's to fix, like every command outside git
    assert "is not in a git repository" in result.stderr
    assert "use --no-commit to write the record only" in result.stderr
    assert not (p / "decisions" / "0002-x.md").exists()

    written = msc("decide", "X", "-C", str(p), "--no-commit")
    assert written.exit_code == 0, written.output
    assert "not committed (--no-commit)" in written.stdout
    assert (p / "decisions" / "0002-x.md").is_file()


def test_merge_in_progress_is_refused(repo: Path) -> None:
    p = repo / "p"
    git(repo, "switch", "-q", "-c", "other")
    (p / "README.md").write_text("other\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "other")
    git(repo, "switch", "-q", "main")
    (p / "README.md").write_text("main\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "main")
    git_process(repo, "merge", "other")

    result = msc("decide", "X", "-C", str(p))

    assert result.exit_code == 1  # the user's to resolve
    assert "a merge is in progress" in result.stderr and "git merge --abort" in result.stderr
    assert not (p / "decisions" / "0002-x.md").exists()


def test_detached_head_is_refused(repo: Path) -> None:
    git(repo, "switch", "-q", "--detach")
    result = msc("decide", "X", "-C", str(repo / "p"))
    assert result.exit_code == 1  # the user's to resolve
    assert "HEAD is detached" in result.stderr and "git switch" in result.stderr
    assert not (repo / "p" / "decisions" / "0002-x.md").exists()


def test_without_identity_the_fallback_commits_and_says_so(
    repo: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated_git / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    monkeypatch.delenv("EMAIL", raising=False)
    result = msc("decide", "X", "-C", str(repo / "p"))
    assert result.exit_code == 0, result.output
    assert "git does not know your name" in result.stderr
    assert git(repo, "log", "-1", "--format=%an <%ae>") == "msc <msc@localhost>"


def test_a_failed_commit_removes_the_record(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "commit-msg"
    hook.write_text("#!/bin/sh\necho 'rejected by policy' >&2\nexit 1\n")
    hook.chmod(0o755)
    head = git(repo, "rev-parse", "HEAD")

    result = msc("decide", "X", "-C", str(repo / "p"))

    assert result.exit_code == 2
    assert "rejected by policy" in result.stderr
    assert "decisions/0002-x.md was removed again, nothing was recorded" in result.stderr
    assert not (repo / "p" / "decisions" / "0002-x.md").exists()
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_a_record_written_by_someone_else_while_editing_keeps_its_number(repo: Path) -> None:
    p = repo / "p"
    theirs = (p / "decisions" / "0001-adopt-msc.md").read_text().replace("id: 1", "id: 2")

    def someone_else(prepared: Any) -> str:
        (p / prepared.rel).write_text(theirs)
        return "## Decision\n\nOurs.\n"

    made = record_decision(p, DecisionRequest(title="X", day=AS_OF), edit=someone_else, as_of=AS_OF)

    assert made.rel == "decisions/0003-x.md"
    assert (p / "decisions" / "0002-x.md").read_text() == theirs
    assert files_of(repo) == ["p/decisions/0003-x.md"]
    assert "?? p/decisions/0002-x.md" in git(repo, "status", "--porcelain")


def test_an_existing_or_changed_target_is_refused(repo: Path) -> None:
    from msctool.edits.decide import _refuse_dirty
    from msctool.errors import UserError

    target = repo / "p" / "decisions" / "0001-adopt-msc.md"
    _refuse_dirty(repo, repo / "p" / "decisions" / "0002-new.md", "decisions/0002-new.md")
    target.unlink()  # tracked, deleted in the work tree: a change msc must not commit
    with pytest.raises(UserError, match="already exists or has changes"):
        _refuse_dirty(repo, target, "decisions/0001-adopt-msc.md")


def test_a_file_appearing_while_msc_writes_is_kept(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from msctool.edits.decide import _write_new
    from msctool.errors import UserError

    p = repo / "p"
    target = p / "decisions" / "0002-x.md"
    real_fsync = os.fsync

    def someone_writes(fd: int) -> None:  # between msc's own write and its link
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs\n")

    monkeypatch.setattr(os, "fsync", someone_writes)
    with pytest.raises(UserError, match=r"decisions/0002-x\.md already exists"):
        _write_new(p, target, "ours\n", "decisions/0002-x.md")
    assert target.read_text() == "theirs\n"
    assert sorted(path.name for path in target.parent.iterdir()) == [
        "0001-adopt-msc.md",
        "0002-x.md",
    ]


def test_without_hard_links_the_record_is_created_exclusively(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from msctool.edits.decide import _write_new
    from msctool.errors import UserError

    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    p = repo / "p"
    target = p / "decisions" / "0002-x.md"
    _write_new(p, target, "ours\n", "decisions/0002-x.md")
    assert target.read_text() == "ours\n"
    with pytest.raises(UserError, match="already exists"):
        _write_new(p, target, "again\n", "decisions/0002-x.md")
    assert target.read_text() == "ours\n"
    assert len(list(target.parent.iterdir())) == 2  # no temporary file left


def test_hooks_do_not_inherit_literal_pathspecs(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "commit-msg"
    seen = repo / "hook-env"
    hook.write_text(f'#!/bin/sh\nenv > "{seen}"\n')
    hook.chmod(0o755)
    (repo / "p" / "notes[1].md").write_text("x\n")
    (repo / "p" / "notes1.md").write_text("y\n")

    commit_files(repo, [repo / "p" / "notes[1].md"], "Notes")

    assert files_of(repo) == ["p/notes[1].md"]
    assert "GIT_LITERAL_PATHSPECS" not in seen.read_text()


# -- the editor --------------------------------------------------------------------


def editor_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\nprintf '%s' '{body}' > \"$1\"\n")
    script.chmod(0o755)
    return str(script)


def test_edit_uses_the_editors_text(repo: Path, tmp_path: Path) -> None:
    text = "# Pay the panel\n\n## Context\n\nThey give time.\n\n## Decision\n\nWe pay them.\n"
    editor = editor_script(tmp_path, text)
    result = msc(
        "decide",
        "Pay the panel",
        "-C",
        str(repo / "p"),
        "--edit",
        env={"EDITOR": editor, "VISUAL": ""},
    )
    assert result.exit_code == 0, result.output
    written = (repo / "p" / "decisions" / "0002-pay-the-panel.md").read_text()
    assert written.split("---\n", 2)[2] == "\n" + text


def test_edit_sees_the_skeleton_and_empty_text_aborts(repo: Path, tmp_path: Path) -> None:
    seen = tmp_path / "seen.md"
    script = tmp_path / "keep.sh"
    script.write_text(f"#!/bin/sh\ncp \"$1\" '{seen}'\n")  # saves the skeleton unchanged
    script.chmod(0o755)
    head = git(repo, "rev-parse", "HEAD")

    result = msc("decide", "X", "-C", str(repo / "p"), "--edit", env={"VISUAL": str(script)})

    assert result.exit_code == 1
    assert "the decision text is empty, so nothing was recorded" in result.stderr
    assert "## Context" in seen.read_text() and "<!--" in seen.read_text()
    assert not (repo / "p" / "decisions" / "0002-x.md").exists()
    assert git(repo, "rev-parse", "HEAD") == head


def test_message_and_edit_together_are_refused(repo: Path) -> None:
    result = msc("decide", "X", "-C", str(repo / "p"), "--edit", "-m", "text")
    assert result.exit_code == 2 and "either --message or --edit" in result.stderr


# -- the git helpers -----------------------------------------------------------------


def test_commit_files_commits_exactly_its_paths_with_trailers(
    isolated_git: Path, tmp_path: Path
) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q")
    for name in "abc":
        (root / name).write_text(f"{name}\n")
    git(root, "add", "b")

    made = commit_files(root, [root / "a"], "Add a", [("Decision", "0001"), ("Informed", "x,\n y")])

    assert files_of(root) == ["a"]
    assert git(root, "log", "-1", "--format=%B") == "Add a\n\nDecision: 0001\nInformed: x, y"
    assert made.sha == git(root, "rev-parse", "HEAD").strip()
    assert dirty_paths(root, [Path("a"), Path("b"), Path("c")]) == ["b", "c"]
    with pytest.raises(ValueError, match="not a valid trailer key"):
        commit_files(root, [root / "c"], "x", [("Bad key", "v")])


def test_ensure_can_commit_accepts_a_fresh_repository(isolated_git: Path, tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    ensure_can_commit(tmp_path)  # no commits yet: fine
    (tmp_path / ".git" / "CHERRY_PICK_HEAD").write_text("0" * 40 + "\n")
    with pytest.raises(GitError, match="cherry-pick is in progress"):
        ensure_can_commit(tmp_path)


def test_decide_commits_in_a_repository_without_commits(
    make_partnership: MakeP, isolated_git: Path
) -> None:
    p = make_partnership()
    git(p, "init", "-q")
    result = msc("decide", "First of all", "-C", str(p))
    assert result.exit_code == 0, result.output
    assert files_of(p) == ["decisions/0002-first-of-all.md"]
    assert re.search(r"^\?\? ", git(p, "status", "--porcelain"), re.MULTILINE)


def test_decide_then_log_round_trip(repo: Path) -> None:
    p = repo / "p"
    first = msc("decide", "Meet monthly", "-C", str(p), "--status", "accepted")
    second = msc(
        "decide", "Meet fortnightly", "-C", str(p), "--status", "accepted", "--supersedes", "2"
    )
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output

    log = decision_log(p, use_cache=False)

    by_id = {item.id: item for item in log.decisions}
    assert by_id[2].status == "superseded" and by_id[2].superseded_by == (3,)
    assert by_id[3].status == "accepted" and by_id[3].supersedes == (2,)
    assert (by_id[3].body, by_id[3].rule) == ("steering", "consent")
    assert by_id[3].commit == git(repo, "rev-parse", "HEAD").strip()
    assert by_id[3].file == "decisions/0003-meet-fortnightly.md"


def test_a_failed_commit_puts_the_staged_version_back(isolated_git: Path, tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q")
    (root / "x").write_text("one\n")
    git(root, "add", "x")
    git(root, "commit", "-qm", "x")
    (root / "x").write_text("staged\n")
    git(root, "add", "x")
    (root / "x").write_text("in the work tree\n")
    hook = root / ".git" / "hooks" / "commit-msg"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)

    with pytest.raises(GitError, match="git commit failed"):
        commit_files(root, [Path("x")], "Change x", [("Decision", "0001")])

    assert git(root, "show", ":x") == "staged"
    assert (root / "x").read_text() == "in the work tree\n"
    assert git(root, "log", "--format=%s") == "x"


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029", "\x0b", "\x1c", "\r", "\n"])
def test_a_title_holding_a_line_break_is_refused_never_changed(repo: Path, separator: str) -> None:
    result = msc("decide", f"Title{separator}nel", "-C", str(repo / "p"))
    assert result.exit_code == 1, result.output
    assert "the title holds a line break or a control character" in result.stderr
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-list", "--count", "HEAD") == "1"


def test_the_title_is_recorded_exactly_as_given(repo: Path) -> None:
    title = "Youth desk  at\u00a0the «stadskantoor»"
    result = msc("decide", f"  {title} ", "-C", str(repo / "p"))
    assert result.exit_code == 0, result.output
    record = next((repo / "p" / "decisions").glob("0002-*.md")).read_text(encoding="utf-8")
    assert f"# {title}\n" in record
    assert git(repo, "log", "-1", "--format=%s") == f"Decision 0002: {title}"
