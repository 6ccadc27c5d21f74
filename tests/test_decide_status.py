"""msc decide accept|reject|withdraw N: a record's status changed in place, superseded
records marked in the same change, the trailers msc log reads; bodies consulted."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import AS_OF, MakeP, changed_lines, git, msc, repository
from msctool.history.decisionlog import decision_log
from msctool.rules.check import run_check

pytestmark = pytest.mark.git

PROPOSAL = (
    "---\r\n"
    "format_version: 1\r\n"
    "id: 2\r\n"
    'title: "Open the desk: at 16:00"   # the title, quoted\r\n'
    "date: 2026-10-02\r\n"
    "status: 'proposed'  # until the steering group meets\r\n"
    "body: steering\r\n"
    "supersedes: [1]\r\n"
    "consulted:\r\n"
    "  - school   # asked in September\r\n"
    "---\r\n"
    "\r\n"
    "## Decision\r\n"
    "\r\n"
    "We open at 16:00.\r\n"
)
REL = "decisions/0002-open-the-desk.md"


@pytest.fixture
def repo(make_partnership: MakeP, isolated_git: Path, tmp_path: Path) -> Path:
    """A repository at tmp_path: the partnership in ``p`` with an accepted 0001 and a
    proposed 0002 (CRLF, comments, odd quoting) that supersedes it; one commit."""
    root = make_partnership()
    (root / REL).write_bytes(PROPOSAL.encode("utf-8"))
    return repository(tmp_path)


def trailers_of(repo: Path) -> list[str]:
    message = git(repo, "show", "--no-patch", "--format=%B", "HEAD")
    parsed = subprocess.run(
        ["git", "interpret-trailers", "--parse"],
        input=message,
        capture_output=True,
        text=True,
        check=True,
        cwd=repo,
    )
    return parsed.stdout.splitlines()


def test_accept_changes_status_and_date_only_and_marks_the_superseded(repo: Path) -> None:
    p = repo / "p"
    old_first = (p / "decisions/0001-adopt-msc.md").read_text(encoding="utf-8")
    result = msc("decide", "accept", "2", "--date", "2026-11-20", "-C", str(p))
    assert result.exit_code == 0, result.output
    after = (p / REL).read_bytes().decode("utf-8")
    assert changed_lines(PROPOSAL, after) == (
        ["date: 2026-10-02\r\n", "status: 'proposed'  # until the steering group meets\r\n"],
        ["date: 2026-11-20\r\n", "status: accepted  # until the steering group meets\r\n"],
    )
    first = (p / "decisions/0001-adopt-msc.md").read_text(encoding="utf-8")
    assert changed_lines(old_first, first) == (["status: accepted\n"], ["status: superseded\n"])
    assert run_check(p, as_of=AS_OF).errors == []


def test_accept_commit_has_the_trailers_and_only_the_records(repo: Path) -> None:
    p = repo / "p"
    (p / "partners.yaml").write_text(
        (p / "partners.yaml").read_text(encoding="utf-8") + "# a note\n", encoding="utf-8"
    )
    git(repo, "commit", "-qam", "a note")
    (p / "notes.txt").write_text("not ours\n", encoding="utf-8")
    result = msc("decide", "accept", "2", "--date", "2026-11-20", "--commit", "-C", str(p))
    assert result.exit_code == 0, result.output
    subject = git(repo, "show", "--no-patch", "--format=%s", "HEAD")
    assert subject == "Decision 0002 accepted: Open the desk: at 16:00 (replaces 0001)"
    assert trailers_of(repo) == [
        "Decision: 0002",
        "Decision-Status: accepted",
        "Decided-By: steering",
        "Supersedes: 0001",
        "Consulted: school",
    ]
    files = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert files == ["p/decisions/0001-adopt-msc.md", f"p/{REL}"]
    log = {entry.id: entry for entry in decision_log(p).decisions}
    assert log[2].status == "accepted"
    assert log[1].status == "superseded"


def test_dutch_partnership_commits_in_dutch(make_partnership: MakeP, isolated_git: Path,
                                            tmp_path: Path) -> None:  # fmt: skip
    root = make_partnership(lambda files: files["partnership.yaml"].update(language="nl"))
    (root / REL).write_text(PROPOSAL.replace("supersedes: [1]\r\n", ""), encoding="utf-8")
    repo = repository(tmp_path)
    assert msc("decide", "reject", "2", "--commit", "-C", str(root)).exit_code == 0
    subject = git(repo, "show", "--no-patch", "--format=%s", "HEAD")
    assert subject == "Besluit 0002 verworpen: Open the desk: at 16:00"


def test_dry_run_shows_the_diff_and_writes_nothing(repo: Path) -> None:
    p = repo / "p"
    result = msc("decide", "accept", "2", "--date", "2026-11-20", "--dry-run", "-C", str(p))
    assert result.exit_code == 0, result.output
    assert "-status: 'proposed'  # until the steering group meets" in result.stdout
    assert "+status: superseded" in result.stdout
    assert (p / REL).read_bytes().decode("utf-8") == PROPOSAL
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("verb", "number", "message"),
    [
        ("accept", "1", "msc: error: decision 0001 is already accepted\n"),
        (
            "reject",
            "1",
            "msc: error: decision 0001 is accepted; only a proposed decision can become rejected\n",
        ),
        (
            "accept",
            "7",
            "msc: error: decision 0007 does not exist\n"
            "  hint: the records are numbered 0001 to 0002; nearest: 0001, 0002\n",
        ),
    ],
)
def test_refusals_name_the_record_and_write_nothing(
    repo: Path, verb: str, number: str, message: str
) -> None:
    p = repo / "p"
    result = msc("decide", verb, number, "-C", str(p))
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert git(repo, "status", "--porcelain") == ""


def test_withdraw_keeps_the_date_and_refuses_what_msc_check_would_refuse(repo: Path) -> None:
    p = repo / "p"
    result = msc("decide", "withdraw", "2", "-C", str(p))
    assert result.exit_code == 0, result.output
    after = (p / REL).read_bytes().decode("utf-8")
    assert "status: withdrawn  # until the steering group meets\r\n" in after
    assert "date: 2026-10-02\r\n" in after
    # a record that does not read is never touched
    broken = p / "decisions/0003-broken.md"
    broken.write_text("---\nid: 3\nstatus: proposed\n---\n", encoding="utf-8")
    result = msc("decide", "accept", "3", "-C", str(p))
    assert result.exit_code == 1
    assert "decisions/0003-broken.md has errors" in result.stderr


def test_accept_refused_when_a_superseded_record_is_missing(repo: Path) -> None:
    """A superseded record that is missing makes the change impossible: nothing written."""
    p = repo / "p"
    (p / REL).write_bytes(PROPOSAL.replace("[1]", "[1, 5]").encode("utf-8"))
    result = msc("decide", "accept", "2", "-C", str(p))
    assert result.exit_code == 1
    assert "decision 0005 does not exist" in result.stderr
    assert (p / "decisions/0001-adopt-msc.md").read_text(encoding="utf-8").count("accepted") == 1


def test_decide_title_still_records(repo: Path) -> None:
    p = repo / "p"
    result = msc("decide", "Accept the budget", "--body", "steering", "-C", str(p))
    assert result.exit_code == 0, result.output
    assert (p / "decisions/0003-accept-the-budget.md").is_file()
    assert "msc decide accept 3" in result.stdout
    result = msc("decide", "--body", "steering", "record", "-C", str(p))
    assert result.exit_code == 0, result.output  # options first: still the default command
    assert (p / "decisions/0004-record.md").is_file()


def test_consulted_and_informed_may_be_bodies(repo: Path) -> None:
    p = repo / "p"
    result = msc("decide", "Ask the council", "--body", "steering", "--consulted", "steering",
                 "--informed", "city", "-C", str(p))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Consulted: steering" in trailers_of(repo)
    assert run_check(p, as_of=AS_OF).errors == []
    result = msc("decide", "X", "--body", "steering", "--consulted", "steerin", "-C", str(p))
    assert result.exit_code == 1
    assert "unknown partner or governance body `steerin`" in result.stderr
    assert "did you mean `steering`?" in result.stderr


def test_the_trailers_hook_takes_a_body_as_consulted() -> None:
    from msctool.history.trailers import Known, check_message

    known = Known(decisions={1}, bodies={"residents-council", "steering"}, partners={"city"})
    message = (
        "Decision 0001 accepted: Open late\n\nDecision: 0001\nDecision-Status: accepted\n"
        "Decided-By: steering\nConsulted: residents-council, city\nInformed: residents-counsil\n"
    )
    problems = check_message(message, known)
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (7, "Informed: unknown partner or governance body `residents-counsil`",
         "did you mean `residents-council`?"),
    ]  # fmt: skip
