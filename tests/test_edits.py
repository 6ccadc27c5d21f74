"""Edit commands: checked before writing, atomic, committed only with the files they touch."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, changed_lines, git, msc, nonempty, repository
from msctool.edits.activities import Assignment, NewActivity, add_activity, assign
from msctool.edits.engagements import NewEngagement, add_engagement
from msctool.edits.partners import NewPartner, add_partner, leave_partner
from msctool.edits.saving import EditPlan, save
from msctool.edits.yamledit import parse
from msctool.errors import MscIOError, UsageError, UserError
from msctool.rules.check import run_check

# -- the demo ----------------------------------------------------------------------


def test_every_edit_on_the_demo_changes_only_its_lines(demo_copy: Path) -> None:
    files = ("partners.yaml", "activities.yaml", "engagement.yaml")
    before = {rel: (demo_copy / rel).read_text(encoding="utf-8") for rel in files}
    save(leave_partner(demo_copy, "codewerf", date(2026, 11, 30)), as_of=AS_OF)
    save(assign(demo_copy, "newsletter", Assignment(accountable="ggd")), as_of=AS_OF)
    engagement = NewEngagement(
        "walk-dec",
        "Walk with the youth panel",
        date(2026, 11, 20),
        "walk-along",
        ("care-leavers",),
        8,
        ("The last bus leaves too early",),
        ("We asked the city about a later bus",),
    )
    save(add_engagement(demo_copy, engagement), as_of=AS_OF)
    after = {rel: (demo_copy / rel).read_text(encoding="utf-8") for rel in files}
    assert changed_lines(before["partners.yaml"], after["partners.yaml"]) == (
        ["        body_seats: [wg-school-work]\n"],  # leaving gives the seats up
        ["    left: 2026-11-30\n", "        body_seats: []\n"],
    )
    assert changed_lines(before["activities.yaml"], after["activities.yaml"]) == (
        ["      accountable: jongerenwerk\n"],
        ["      accountable: ggd\n"],
    )
    removed, added = changed_lines(before["engagement.yaml"], after["engagement.yaml"])
    assert removed == []
    assert "  - id: walk-dec\n" in added
    assert after["engagement.yaml"].startswith(before["engagement.yaml"])
    assert not run_check(demo_copy, as_of=AS_OF).errors


# -- refusals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message", "hint"),
    [
        (lambda r: leave_partner(r, "citty", AS_OF), UserError, "unknown partner `citty`", "city"),
        (
            lambda r: add_partner(r, NewPartner("city", "City", "public", AS_OF)),
            UserError,
            "already a partner `city`",
            "another id",
        ),
        (
            lambda r: add_partner(r, NewPartner("New Co", "N", "public", AS_OF)),
            UsageError,
            "`New Co` is not a valid id",
            "new-co",
        ),
        (
            lambda r: add_partner(r, NewPartner("co", "Co", "civil", AS_OF, gives=("hour: X",))),
            UsageError,
            "`hour` is not a kind of gift",
            "did you mean `hours`?",
        ),
        (
            lambda r: leave_partner(r, "city", date(2020, 1, 1)),
            UsageError,
            "before `city` joined",
            "on or after",
        ),
        (
            lambda r: assign(r, "newsleter", Assignment(accountable="city")),
            UserError,
            "unknown activity `newsleter`",
            "newsletter",
        ),
        (
            lambda r: add_activity(r, NewActivity("newsletter", "N", "steering", "city")),
            UserError,
            "there is already an activity `newsletter` in activities.yaml",
            "edit the existing activity",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    make_partnership: Any, call: Any, error: type[Exception], message: str, hint: str
) -> None:
    root = make_partnership()
    with pytest.raises(error) as caught:
        call(root)
    assert message in str(caught.value)
    assert hint in (getattr(caught.value, "hint", "") or "")


def test_a_partner_that_already_left_cannot_leave_again(make_partnership: Any) -> None:
    root = make_partnership()
    save(leave_partner(root, "school", date(2026, 10, 1)), as_of=AS_OF)
    with pytest.raises(UserError, match="`school` already left on 2026-10-01"):
        leave_partner(root, "school", date(2026, 11, 1))


def test_an_edit_msc_check_would_call_an_error_writes_nothing(make_partnership: Any) -> None:
    root = make_partnership()
    before = (root / "activities.yaml").read_bytes()
    plan = assign(root, "newsletter", Assignment(accountable="scool"))
    with pytest.raises(UserError) as caught:
        save(plan, as_of=AS_OF)
    assert "MSC009 unknown partner `scool`" in caught.value.message
    assert caught.value.hint == "did you mean `school`?"
    assert (root / "activities.yaml").read_bytes() == before


def test_existing_errors_do_not_block_an_unrelated_edit(make_partnership: Any) -> None:
    root = make_partnership()
    path = root / "metrics.yaml"
    path.write_text(path.read_text().replace("owner: city", "owner: nobody"))
    assert run_check(root, as_of=AS_OF).errors
    result = save(leave_partner(root, "school", date(2026, 11, 1)), as_of=AS_OF)
    assert result.written
    assert "left: 2026-11-01" in (root / "partners.yaml").read_text()


def test_new_health_warnings_are_returned(make_partnership: Any) -> None:
    root = make_partnership()
    result = save(add_partner(root, NewPartner("clinic", "Clinic", "civil", AS_OF)), as_of=AS_OF)
    assert {f.code for f in result.warnings} >= {"MSC201", "MSC202"}  # gives and gets nothing


def test_engagement_yaml_is_made_when_missing(make_partnership: Any) -> None:
    root = make_partnership(engagement_yaml=None)
    assert not (root / "engagement.yaml").exists()
    new = NewEngagement(
        "panel", "Panel", AS_OF, "panel", ("students",), 5, ("More evening hours",), ("Open late",)
    )
    save(add_engagement(root, new), as_of=AS_OF)
    text = (root / "engagement.yaml").read_text()
    assert text.startswith("format_version: 1\nengagements:\n  - id: panel\n")
    assert not run_check(root, as_of=AS_OF).errors


# -- atomic writes -----------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file_whole(
    make_partnership: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_partnership()
    before = (root / "partners.yaml").read_bytes()
    plan = leave_partner(root, "school", date(2026, 11, 1))

    written: list[bytes] = []

    def crash(src: object, dst: object) -> None:
        """Fail between the write and the rename, once the new text is on disk."""
        written.append(Path(str(src)).read_bytes())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(MscIOError, match="No space left on device"):
        save(plan, as_of=AS_OF)
    assert len(written) == 1 and b"\n  left: 2026-11-01\n" in written[0]  # it got that far
    assert (root / "partners.yaml").read_bytes() == before
    assert sorted(p.name for p in root.iterdir() if p.name.endswith(".tmp")) == []


def test_a_read_only_file_is_not_replaced(make_partnership: Any) -> None:
    root = make_partnership()
    path = root / "partners.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    result = msc("partner", "leave", "school", "--date", "2026-11-01", "-C", str(root))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"msc: error: cannot write {path}: the file is read-only\n")
    assert path.read_bytes() == before
    assert [p.name for p in root.iterdir() if p.name.endswith(".tmp")] == []


def test_a_file_msc_check_cannot_read_is_named_with_line_and_column(
    make_partnership: Any,
) -> None:
    root = make_partnership()
    path = root / "partners.yaml"
    text = path.read_text()
    path.write_text(text.replace("  name: City\n", "  name: City\n  name: Town\n", 1))
    with pytest.raises(UserError) as caught:
        leave_partner(root, "school", date(2026, 11, 1))
    line = text[: text.index("  name: City\n")].count("\n") + 2
    assert caught.value.message.startswith(f"partners.yaml:{line}:3: MSC003 duplicate key `name`")
    assert caught.value.message.endswith("msc edits only a file msc check can read")


def test_a_linked_file_is_refused_not_written_through(make_partnership: Any) -> None:
    root = make_partnership()
    (root / "partners.yaml").rename(root / "shared-partners.yaml")
    (root / "partners.yaml").symlink_to("shared-partners.yaml")
    before = (root / "shared-partners.yaml").read_bytes()
    with pytest.raises(UserError, match=r"^partners.yaml is a symbolic link \(to shared-"):
        save(leave_partner(root, "school", date(2026, 11, 1)), as_of=AS_OF)
    assert (root / "partners.yaml").is_symlink()
    assert (root / "shared-partners.yaml").read_bytes() == before


def test_an_empty_file_or_one_of_comments_is_filled_in(make_partnership: Any) -> None:
    root = make_partnership()
    for before in ("", "# engagements go here\n"):
        (root / "engagement.yaml").write_text(before)
        new = NewEngagement(
            "panel", "Panel", AS_OF, "panel", ("students",), 5, ("Evenings",), ("Open late",)
        )
        save(add_engagement(root, new), as_of=AS_OF)
        text = (root / "engagement.yaml").read_text()
        assert text.startswith(f"{before}format_version: 1\nengagements:\n  - id: panel\n")
        assert not run_check(root, as_of=AS_OF).errors


def test_a_failed_write_of_one_file_leaves_every_file_of_the_edit_as_it_was(
    make_partnership: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_partnership()
    rels = ("partners.yaml", "metrics.yaml")
    before = {rel: (root / rel).read_bytes() for rel in rels}
    plan = EditPlan(root, "two files", {rel: (root / rel).read_text() + "# end\n" for rel in rels})
    synced: list[int] = []
    real_fsync = os.fsync

    def full_disk(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:  # the second file (partners.yaml; files go in name order)
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(MscIOError, match=r"cannot write .*partners\.yaml: No space left on device"):
        save(plan, as_of=AS_OF)
    assert {rel: (root / rel).read_bytes() for rel in rels} == before
    assert [p.name for p in root.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("where", ["while writing", "at the first rename"])
def test_ctrl_c_during_a_write_leaves_no_temporary_file_and_the_old_files_whole(
    make_partnership: Any, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    root = make_partnership()
    rels = ("partners.yaml", "metrics.yaml")
    before = {rel: (root / rel).read_bytes() for rel in rels}
    plan = EditPlan(root, "two files", {rel: (root / rel).read_text() + "# end\n" for rel in rels})
    real_fsync = os.fsync
    synced: list[int] = []

    def interrupted_fsync(fd: int) -> None:
        synced.append(fd)
        if len(synced) == 2:  # the first temporary file is written, the second half-way
            raise KeyboardInterrupt
        real_fsync(fd)

    def interrupted_rename(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt

    if where == "while writing":
        monkeypatch.setattr(os, "fsync", interrupted_fsync)
    else:
        monkeypatch.setattr(Path, "replace", interrupted_rename)
    with pytest.raises(KeyboardInterrupt):
        save(plan, as_of=AS_OF)
    monkeypatch.undo()
    assert {rel: (root / rel).read_bytes() for rel in rels} == before
    assert [p.name for p in root.iterdir() if p.name.endswith(".tmp")] == []


# -- --commit ----------------------------------------------------------------------


@pytest.fixture
def repo(make_partnership: Any, isolated_git: Path) -> Path:
    return repository(make_partnership(), message="start")


def test_commit_holds_only_the_touched_file(repo: Path) -> None:
    (repo / "metrics.yaml").write_text((repo / "metrics.yaml").read_text() + "# mine\n")
    (repo / "notes.txt").write_text("staged by the user\n")
    git(repo, "add", "notes.txt")
    result = msc("partner", "leave", "school", "--date", "2026-11-30", "--commit", "-C", str(repo))
    assert result.exit_code == 0, result.output
    assert git(repo, "log", "-1", "--format=%s").strip() == "Partner school left on 2026-11-30"
    touched = git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert touched == ["partners.yaml", "partnership.yaml"]  # school leaves the steering group
    status = git(repo, "status", "--porcelain")
    assert " M metrics.yaml" in status
    assert "A  notes.txt" in status


def test_commit_is_refused_when_the_file_has_uncommitted_changes(repo: Path) -> None:
    path = repo / "partners.yaml"
    path.write_text(path.read_text() + "# my own edit\n")
    before = path.read_bytes()
    result = msc("partner", "leave", "school", "--commit", "-C", str(repo))
    assert result.exit_code == 1
    assert "partners.yaml has changes that are not committed" in result.output
    assert path.read_bytes() == before
    assert git(repo, "log", "--format=%s").split("\n")[0] == "start"


def refusing_hook(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by hook' >&2\nexit 1\n")
    hook.chmod(0o755)


def test_a_commit_a_hook_refuses_puts_the_file_back(repo: Path) -> None:
    refusing_hook(repo)
    before = (repo / "partners.yaml").read_bytes()
    result = msc("partner", "leave", "school", "--date", "2026-11-30", "--commit", "-C", str(repo))
    assert result.exit_code == 2, result.output
    assert "refused by hook" in result.output
    put_back = "nothing was changed (partners.yaml, partnership.yaml put back as before)"
    assert put_back in result.output
    assert (repo / "partners.yaml").read_bytes() == before
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "log", "--format=%s").strip() == "start"


def test_a_commit_a_hook_refuses_removes_the_new_file_and_folder(
    make_partnership: Any, isolated_git: Path
) -> None:
    root = repository(make_partnership(lambda files: files.pop("data/placements.csv")))
    refusing_hook(root)
    result = msc(
        "metric", "record", "placements", "23", "--date", "2026-11-27", "--commit", "-C", str(root)
    )
    assert result.exit_code == 2, result.output
    assert "nothing was changed" in result.output
    assert not (root / "data").exists()
    assert git(root, "status", "--porcelain", "--untracked-files=all") == ""


@pytest.mark.parametrize("linked", ["partners.yaml", "data"])
def test_commit_is_refused_when_a_file_to_touch_is_a_symbolic_link(repo: Path, linked: str) -> None:
    (repo / "real").mkdir()
    (repo / linked).rename(repo / "real" / linked)
    (repo / linked).symlink_to(Path("real") / linked)
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "linked")
    files = sorted(p for p in (repo / "real").rglob("*") if p.is_file())
    before = [p.read_bytes() for p in files]
    if linked == "data":
        args = ("metric", "record", "placements", "23", "--date", "2026-11-27")
    else:
        args = ("partner", "leave", "school", "--date", "2026-11-30")
    result = msc(*args, "--commit", "-C", str(repo))
    assert result.exit_code == 1, result.output
    assert f"{linked} is a symbolic link (to real/{linked})" in result.output
    assert "msc never writes through a link" in result.output
    assert [p.read_bytes() for p in files] == before
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "log", "-1", "--format=%s").strip() == "linked"


def test_commit_outside_git_is_refused(make_partnership: Any, isolated_git: Path) -> None:
    root = make_partnership()
    result = msc("partner", "leave", "school", "--commit", "-C", str(root))
    assert result.exit_code == 1
    assert "not in a git repository" in result.output
    assert "left:" not in (root / "partners.yaml").read_text()


# -- the command line ----------------------------------------------------------------


def test_cli_partner_add_prints_what_it_wrote_and_warnings(make_partnership: Any) -> None:
    root = make_partnership()
    result = msc(
        "partner", "add", "clinic", "--name", "Clinic", "--sector", "civil",
        "--joined", "2026-11-01", "--representative", "Cem", "--gives", "hours: Nurses",
        "--gets", "Referrals", "-C", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Partner clinic joined on 2026-11-01: wrote partners.yaml" in result.stdout
    assert "warning: partners.yaml:" in result.stderr  # MSC402: no role in any activity
    assert "Traceback" not in result.output


def test_cli_dry_run_shows_the_diff_and_writes_nothing(make_partnership: Any) -> None:
    root = make_partnership()
    before = (root / "activities.yaml").read_bytes()
    result = msc(
        "activity", "assign", "newsletter", "--accountable", "school", "--dry-run", "-C", str(root)
    )
    assert result.exit_code == 0, result.output
    assert "-    accountable: city\n+    accountable: school\n" in result.stdout
    assert "nothing written" in result.stdout
    assert (root / "activities.yaml").read_bytes() == before


def test_cli_dry_run_of_a_refused_edit_shows_no_diff(make_partnership: Any) -> None:
    root = make_partnership()
    result = msc(
        "activity", "assign", "newsletter", "--accountable", "nobody", "--dry-run", "-C", str(root)
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "would report activities.yaml:" in result.stderr


def test_cli_unknown_id_is_one_message_and_exit_1(make_partnership: Any) -> None:
    root = make_partnership()
    result = msc("partner", "leave", "scool", "-C", str(root))
    assert result.exit_code == 1
    assert result.stderr == "msc: error: unknown partner `scool`\n  hint: did you mean `school`?\n"


def test_cli_activity_add_and_engage_add(make_partnership: Any) -> None:
    root = make_partnership()
    result = msc(
        "activity", "add", "mentoring", "--name", "Mentoring", "--body", "steering",
        "--accountable", "city", "--goal", "work", "--responsible", "school", "-C", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    result = msc(
        "engage", "add", "survey-1", "--title", "Survey", "--method", "survey",
        "--segment", "students", "--participants", "40", "--heard", "Too far",
        "--changed", "Second desk", "--date", "2026-11-02", "-C", str(root),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = run_check(root, as_of=AS_OF)
    assert not report.errors
    assert "mentoring" in (root / "activities.yaml").read_text()


def test_commit_in_a_partnership_that_is_a_subfolder_of_the_repository(
    make_partnership: Any, isolated_git: Path
) -> None:
    root = make_partnership()
    top = root.parent
    git(top, "init", "--quiet")
    git(top, "add", root.name)
    git(top, "commit", "--quiet", "-m", "start")
    result = msc("metric", "record", "placements", "23", "--date", "2026-11-27", "--commit",
                 "-C", str(root / "data"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert git(top, "show", "--name-only", "--format=%s", "HEAD").split("\n")[:2] == [
        "Metric placements: 23 on 2026-11-27",
        "",
    ]
    assert git(top, "show", "--name-only", "--format=", "HEAD").split() == [
        f"{root.name}/data/placements.csv"
    ]
    assert git(top, "status", "--porcelain", "--", root.name) == ""


# -- every text option of every edit command ---------------------------------------

SEPARATORS = [
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
]
"""Every line break :meth:`str.splitlines` knows."""
ONE_LINE_OPTIONS = {
    ("partner add", "name"),
    ("partner add", "representative"),
    ("partner add", "gets"),
    ("activity add", "name"),
    ("engage add", "title"),
    ("decide record", "title"),
    ("metric add", "name"),
    ("metric add", "unit"),
    ("metric edit", "name"),
    ("metric edit", "unit"),
    ("metric edit", "baseline_note"),
    ("metric edit", "target_note"),
    ("metric target", "note"),
    ("roi outcome add", "name"),
    ("roi outcome add", "unit"),
    ("roi input add", "description"),
    ("roi input edit", "description"),
    ("body add", "name"),
    ("goal add", "title"),
    ("segment add", "name"),
    ("partner rename", "name"),
    ("partner edit", "name"),
    ("partner edit", "add_gets"),
    ("partner rep add", "name"),
    ("partner rep add", "role"),
    ("partner rep edit", "new_name"),
    ("partner rep edit", "role"),
}
"""Options whose value lands in a one-line field (ShortText) of the model."""
SELECTORS = {("metric import", "sheet"), ("retro done", "item")}
"""Options that pick what to read and are never written (a sheet of a workbook)."""


def _edit_text_options() -> list[Any]:
    from test_cli_arguments import TEXTS, _kind, _takes_value, commands

    cases = []
    for path, command in commands():
        flags = {opt for param in command.params for opt in getattr(param, "opts", [])}
        if "--dry-run" not in flags and path != ["decide", "record"]:
            continue
        for param in command.params:
            if _takes_value(param) and _kind(param) is TEXTS and "-C" not in param.opts:
                cases.append(
                    pytest.param(path, command, param, id=f"{' '.join(path)} {param.name}")
                )
    return nonempty(cases, "text options of edit commands")


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def _kept_exactly(root: Path, value: str) -> bool:
    """Whether a file the edit changed holds ``value`` exactly, as msc check reads it
    (in a text file such as a decision's Markdown, each line break as a line break)."""
    changed = git(root, "status", "--porcelain", "-uall").splitlines()
    for line in changed:
        path = root / line[3:]
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml" and value in _strings(parse(text)):
            return True
        if path.suffix != ".yaml" and _lines(value) in _lines(text):
            return True
    return False


def _lines(text: str) -> str:
    return "\n".join(text.splitlines())


@pytest.mark.parametrize(("path", "command", "param"), _edit_text_options())
def test_every_text_option_of_every_edit_command_takes_or_refuses_each_line_break(
    path: list[str], command: Any, param: Any, committed_partnership: Path
) -> None:
    """A one-line field refuses every line break in `msc check`'s words (exit 1), before
    any YAML is written; any other value is kept exactly, and what is written passes
    check. Never the "cannot make this edit in place" of a YAML splice gone wrong."""
    from test_cli_arguments import _base, _fill, _with

    name = " ".join(path)
    for separator in SEPARATORS:
        value = f"A{separator}B"
        args = _fill([*path, *_with(_base(command), param, value)], committed_partnership)
        result = msc(*args, *(["--no-commit"] if path == ["decide", "record"] else []))
        shown = f"msc {name} --{param.name} {value!r}: exit {result.exit_code}\n{result.output}"
        assert "cannot make this edit" not in result.output, shown
        assert "internal error" not in result.output, shown
        if (name, param.name) in ONE_LINE_OPTIONS:
            assert result.exit_code == 1, shown
            check_words = ("holds a line break or a control character", "a control character (U+")
            assert any(words in result.output for words in check_words), shown
        elif result.exit_code == 0:
            assert (name, param.name) in SELECTORS or _kept_exactly(committed_partnership, value), (
                shown
            )
            assert msc("check", "-C", str(committed_partnership)).exit_code == 0, shown
        else:
            assert result.exit_code in (1, 2), shown
        git(committed_partnership, "checkout", "-q", ".")
        git(committed_partnership, "clean", "-qfd")
