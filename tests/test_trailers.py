"""Decision trailers: parsed as git does, checked against the partnership, and the
msc-trailers commit-msg hook (directly, as a git hook, and in real pre-commit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import MakeP, git, git_process, msc, pre_commit_try_repo, repository
from msctool.history.trailers import Known, check_message, has_decision_trailers, parse_trailers

KNOWN = Known(decisions={1, 2}, bodies={"steering"}, partners={"city", "school"})


# -- parsing -------------------------------------------------------------------------


def test_trailers_are_the_last_paragraph() -> None:
    text = (
        "Open the desk\n\nDecision: 9 is what someone wrote in prose\n\n"
        "Decision: 0002\nDecided-By: steering\nConsulted: city,\n  school\n"
    )
    found = [(t.key, t.value, t.line) for t in parse_trailers(text)]
    assert found == [
        ("Decision", "0002", 5),
        ("Decided-By", "steering", 6),
        ("Consulted", "city, school", 7),
    ]


def test_statuses_are_the_models() -> None:
    from typing import get_args

    from msctool.history.trailers import STATUSES
    from msctool.model.decisions import DecisionStatus

    assert get_args(DecisionStatus) == STATUSES


def test_a_message_without_trailers_loads_neither_models_nor_git(tmp_path: Path) -> None:
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text("Fix the partners file\n\nSee: the minutes\nDecided: later\n")
    code = (
        "import sys, pathlib\n"
        "from msctool.history.trailers import check_file\n"
        f"assert check_file(pathlib.Path({str(message)!r}), None) == ([], None)\n"
        "loaded = [m for m in ('git', 'msctool.model.common', 'msctool.load.loader', 'pydantic') "
        "if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_subject_alone_has_no_trailers_and_comments_do_not_count() -> None:
    assert parse_trailers("Decision: 0001\n") == []
    text = "Fix\n\n# Decision: 0009\nDecision: 0001\n# Please enter the commit message\n"
    assert [t.value for t in parse_trailers(text)] == ["0001"]
    assert [t.value for t in parse_trailers(text.replace("#", ";"), comment_char=";")] == ["0001"]


def test_nothing_below_the_scissors_line_counts() -> None:
    text = (
        "Fix\n\nSigned-off-by: A <a@b>\n"
        "# ------------------------ >8 ------------------------\n"
        "diff\n\nDecision: 0009\n"
    )
    assert not has_decision_trailers(text)


def test_prose_paragraph_is_not_a_trailer_block() -> None:
    assert parse_trailers("Fix\n\nWe decided.\nDecision: 0001\n") == []


# -- checking ------------------------------------------------------------------------


def test_good_trailers_pass() -> None:
    text = (
        "Decision 0002: Open\n\nDecision: 0002\nDecision-Status: accepted\n"
        "Decided-By: steering\nSupersedes: 0001\nConsulted: city, school\nInformed: city\n"
        "Signed-off-by: A <a@b>\n"
    )
    assert check_message(text, KNOWN) == []


def test_each_wrong_trailer_names_its_line_and_a_fix() -> None:
    text = (
        "Subject\n\nDecision: 0003\nDecision-Status: acepted\nDecided-By: steerin\n"
        "Supersedes: first\nConsulted: city, schol\ninformed: cty\n"
    )
    problems = [(p.line, p.message, p.hint) for p in check_message(text, KNOWN)]
    assert problems == [
        (
            3,
            "Decision: decision 0003 does not exist in decisions/",
            "the records are numbered 0001 to 0002; add the record to this commit "
            "(msc decide writes one) or fix the number",
        ),
        (4, "Decision-Status: `acepted` is not a decision status", "did you mean `accepted`?"),
        (5, "Decided-By: unknown governance body `steerin`", "did you mean `steering`?"),
        (
            6,
            "Supersedes: `first` is not a decision number",
            "write the four-digit number of the record, e.g. `Decision: 0007` for "
            "decisions/0007-....md",
        ),
        (7, "Consulted: unknown partner or governance body `schol`", "did you mean `school`?"),
        (8, "informed: unknown partner or governance body `cty`", "did you mean `city`?"),
    ]


def test_trailers_without_decision_and_misplaced_trailers() -> None:
    lonely = check_message("Fix\n\nDecided-By: steering\n", KNOWN)
    assert [(p.line, p.message) for p in lonely] == [
        (3, "`Decided-By:` without a `Decision:` trailer")
    ]
    misplaced = check_message("Fix\n\nDecision: 0001\n\nThe rest of the story.\n", KNOWN)
    assert [p.line for p in misplaced] == [3]
    assert "is not in the trailer block" in misplaced[0].message
    assert "last paragraph" in misplaced[0].hint


def test_numbers_as_msc_log_reads_them() -> None:
    text = "Fix\n\ndecision: #2\nSupersedes: 1, 0002\nSupersedes: 3, x\n"
    assert [(p.line, p.message) for p in check_message(text, KNOWN)] == [
        (5, "Supersedes: decision 0003 does not exist in decisions/"),
        (5, "Supersedes: `x` is not a decision number"),
    ]


def test_one_body_per_decided_by() -> None:
    problems = check_message("Fix\n\nDecision: 0001\nDecided-By: steering, city\n", KNOWN)
    assert [p.message for p in problems] == ["Decided-By: name one governance body, not 2"]


# -- the command ---------------------------------------------------------------------


@pytest.fixture
def partnership(make_partnership: MakeP, monkeypatch: pytest.MonkeyPatch) -> Path:
    p = make_partnership()
    monkeypatch.chdir(p)
    return p


def test_command_passes_good_and_fails_bad_messages(partnership: Path, tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.write_text("Fix\n\nDecision: 0001\nDecided-By: steering\n")
    bad = tmp_path / "bad"
    bad.write_text("Fix\n\nDecision: 0001\nDecided-By: stering\n")

    assert msc("trailers", str(good)).exit_code == 0
    result = msc("trailers", str(bad))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bad}:4: Decided-By: unknown governance body `stering`\n"
        "  hint: did you mean `steering`?\n"
    )


def test_the_record_being_committed_counts(partnership: Path, tmp_path: Path) -> None:
    message = tmp_path / "msg"
    message.write_text("Add\n\nDecision: 0002\n")
    assert msc("trailers", str(message)).exit_code == 1
    record = (partnership / "decisions" / "0001-adopt-msc.md").read_text()
    (partnership / "decisions" / "0002-new.md").write_text(record.replace("id: 1", "id: 2"))
    assert msc("trailers", str(message)).exit_code == 0


@pytest.mark.git
def test_a_commit_withdrawing_a_record_may_name_it(
    make_partnership: MakeP, tmp_path: Path, isolated_git: Path
) -> None:
    p = make_partnership()
    repository(p)
    git(p, "rm", "-q", "decisions/0001-adopt-msc.md")
    message = tmp_path / "msg"
    message.write_text("Withdraw 1\n\nDecision: 0001\nDecision-Status: withdrawn\n")
    assert msc("trailers", "-C", str(p), str(message)).exit_code == 0
    message.write_text("Withdraw 1\n\nDecision: 0003\nDecision-Status: withdrawn\n")
    refused = msc("trailers", "-C", str(p), str(message))
    assert refused.exit_code == 1 and "decision 0003 does not exist" in refused.stderr


def test_a_message_without_trailers_needs_no_partnership(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    message = tmp_path / "msg"
    message.write_text("Just a fix\n\nSigned-off-by: A <a@b>\n")
    result = msc("trailers", str(message))
    assert result.exit_code == 0 and result.output == ""


def test_a_repository_without_partnership_passes_with_a_note(
    tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    message = tmp_path / "msg"
    message.write_text("Fix\n\nDecision: 0001\n")
    result = msc("trailers", str(message))
    assert result.exit_code == 0
    assert "not checked: no partnership.yaml in this repository" in result.stderr


def test_the_only_partnership_of_a_repository_is_found_from_its_root(
    make_partnership: MakeP, tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_partnership()  # in tmp_path / "p"
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    message = tmp_path / "msg"
    message.write_text("Fix\n\nDecision: 0005\n")
    result = msc("trailers", str(message))
    assert result.exit_code == 1 and "decision 0005 does not exist" in result.stderr

    second = tmp_path / "q"
    second.mkdir()
    (second / "partnership.yaml").write_text((tmp_path / "p" / "partnership.yaml").read_text())
    several = msc("trailers", str(message))
    assert several.exit_code == 2 and "several partnerships (p, q)" in several.stderr
    assert "-C" in several.stderr
    assert msc("trailers", "-C", "p", str(message)).exit_code == 1


@pytest.mark.git
def test_a_hooks_literal_pathspecs_do_not_hide_the_partnership(
    make_partnership: MakeP, tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_partnership()  # in tmp_path / "p"
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_LITERAL_PATHSPECS", "1")  # git sets it for hooks when msc commits
    message = tmp_path / "msg"
    message.write_text("Fix\n\nDecision: 0999\n")
    result = msc("trailers", str(message))
    assert result.exit_code == 1 and "decision 0999 does not exist" in result.stderr


def test_an_unreadable_message_file_is_an_io_error(partnership: Path, tmp_path: Path) -> None:
    result = msc("trailers", str(tmp_path / "missing"))
    assert result.exit_code == 2 and "cannot read" in result.stderr


# -- as a git hook -------------------------------------------------------------------


@pytest.mark.git
def test_as_a_commit_msg_hook_it_stops_bad_commits_and_lets_msc_decide_through(
    make_partnership: MakeP, tmp_path: Path, isolated_git: Path
) -> None:
    p = make_partnership()
    repository(p)
    msc_exe = Path(sys.executable).parent / "msc"
    hook = p / ".git" / "hooks" / "commit-msg"
    hook.write_text(f'#!/bin/sh\nexec "{msc_exe}" trailers "$1"\n')
    hook.chmod(0o755)

    (p / "README.md").write_text("notes\n")
    git(p, "add", "README.md")
    refused = git_process(p, "commit", "-q", "-m", "Notes\n\nDecision: 0042")
    assert refused.returncode != 0
    assert "decision 0042 does not exist" in refused.stderr

    decided = msc("decide", "Meet monthly", "-C", str(p))
    assert decided.exit_code == 0, decided.output
    accepted = git_process(p, "commit", "-q", "-m", "Notes\n\nDecision: 0002")
    assert accepted.returncode == 0, accepted.stderr


@pytest.mark.git
def test_the_hook_in_real_pre_commit(
    make_partnership: MakeP, tmp_path: Path, isolated_git: Path
) -> None:
    p = make_partnership()
    git(p, "init", "-q")
    git(p, "add", ".")
    message = tmp_path / "COMMIT_EDITMSG"

    def try_repo(text: str) -> subprocess.CompletedProcess[str]:
        message.write_text(text)
        return pre_commit_try_repo(
            p, tmp_path, "msc-trailers", "--hook-stage", "commit-msg",
            "--commit-msg-filename", str(message),
        )  # fmt: skip

    good = try_repo("Fix\n\nDecision: 0001\nDecided-By: steering\n")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "msc trailers" in good.stdout and "Passed" in good.stdout

    bad = try_repo("Fix\n\nDecision: 0001\nDecided-By: stering\n")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "Decided-By: unknown governance body `stering`" in bad.stdout
