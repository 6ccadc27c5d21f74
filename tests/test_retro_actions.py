"""msc retro actions and msc retro done: every retrospective's open action items, each
once, and ticking one in the file it lives in (every other byte kept)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import MakeP, changed_lines, git, msc, repository
from msctool.escaping import markdown_text

OLD = "retros/2026-10-01-after-action.md"
NEW = "retros/2026-11-20-premortem.md"
OLD_TEXT = (
    "# Retro 1 October\r\n"
    "\r\n"
    "<!-- - [ ] Who: city · What: Not an item, a comment · When: 2026-10-02 -->\r\n"
    "## Action items\r\n"
    "\r\n"
    "- [ ] Who: city · What: Call the \"employers\" & 'others' · When: 2026-11-01\r\n"
    "  - a note under it: \"ask for 'two' places\"\r\n"
    "- [x] Who: school · What: Book the hall · When: 2026-10-10\r\n"
    "- [ ] Who: Ann (city) · What: Write to the council · When: 15 December 2026\r\n"
    "\r\n"
    "```\r\n"
    "- [ ] Who: city · What: Inside a fence · When: 2026-10-02\r\n"
    "```\r\n"
)
NEW_TEXT = (
    "# Premortem\n"
    "\n"
    "## Actions\n"
    "\n"
    "| action | owner | due |\n"
    "|---|---|---|\n"
    "| Write to the council | Ann (city) | 15 December 2026 |\n"
    "| Print the flyers \\| both sides | school | 2026-11-25 |\n"
)
AS_OF = "2026-11-27"
EMPLOYERS = "Call the \"employers\" & 'others'"


@pytest.fixture
def root(make_partnership: MakeP) -> Path:
    """Two retrospectives: the newer carries one action forward (as a table)."""
    return make_partnership(**{"retros__2026-10-01-after-action.md": None})


def with_retros(root: Path) -> Path:
    (root / "retros").mkdir(exist_ok=True)
    (root / OLD).write_bytes(OLD_TEXT.encode("utf-8"))
    (root / NEW).write_text(NEW_TEXT, encoding="utf-8")
    return root


def test_actions_lists_each_open_item_once_overdue_first(root: Path) -> None:
    with_retros(root)
    result = msc("retro", "actions", "--as-of", AS_OF, "-C", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "2026-10-01-after-action:6  due 2026-11-01 (26 days overdue)  city\n"
        "    Call the \"employers\" & 'others'\n"
        "2026-11-20-premortem:8  due 2026-11-25 (2 days overdue)  school\n"
        "    Print the flyers | both sides\n"
        "2026-11-20-premortem:7  due 2026-12-15  Ann (city)\n"
        "    Write to the council\n"
        "3 action items, 2 overdue\n"
    )


def test_actions_json_and_markdown(root: Path) -> None:
    with_retros(root)
    result = msc("retro", "actions", "--as-of", AS_OF, "--all", "--format", "json", "-C", str(root))
    data = json.loads(result.stdout)
    assert [(d["item"], d["status"], d["overdue_days"]) for d in data] == [
        ("2026-10-01-after-action:6", "open", 26),
        ("2026-11-20-premortem:8", "open", 2),
        ("2026-10-01-after-action:8", "done", None),
        ("2026-11-20-premortem:7", "open", None),
    ]
    assert data[0]["owner"] == "city" and data[0]["due"] == "2026-11-01"
    result = msc("retro", "actions", "--as-of", AS_OF, "--format", "md", "-C", str(root))
    assert result.stdout.splitlines()[2] == (
        f"| {markdown_text(EMPLOYERS)} | city | 2026-11-01 | 26 days | open "
        "| `2026-10-01-after-action:6` |"
    )


def test_done_ticks_a_task_list_item_and_keeps_every_other_byte(root: Path) -> None:
    with_retros(root)
    result = msc("retro", "done", "employers", "-C", str(root))
    assert result.exit_code == 0, result.output
    after = (root / OLD).read_bytes().decode("utf-8")
    assert changed_lines(OLD_TEXT, after) == (
        ["- [ ] Who: city · What: Call the \"employers\" & 'others' · When: 2026-11-01\r\n"],
        ["- [x] Who: city · What: Call the \"employers\" & 'others' · When: 2026-11-01\r\n"],
    )
    assert (root / NEW).read_text(encoding="utf-8") == NEW_TEXT
    listed = msc("retro", "actions", "--as-of", AS_OF, "-C", str(root)).stdout
    assert "employers" not in listed


def test_done_ticks_a_table_row_in_the_newest_file(root: Path) -> None:
    with_retros(root)
    result = msc("retro", "done", "2026-11-20-premortem:8", "-C", str(root))
    assert result.exit_code == 0, result.output
    after = (root / NEW).read_text(encoding="utf-8")
    assert changed_lines(NEW_TEXT, after) == (
        ["| Print the flyers \\| both sides | school | 2026-11-25 |\n"],
        ["| [x] Print the flyers \\| both sides | school | 2026-11-25 |\n"],
    )
    # the carried action is ticked where it is current: the newest file
    assert msc("retro", "done", "council", "-C", str(root)).exit_code == 0
    assert "| [x] Write to the council |" in (root / NEW).read_text(encoding="utf-8")
    assert (root / OLD).read_bytes().decode("utf-8") == OLD_TEXT
    listed = msc("retro", "actions", "--as-of", AS_OF, "-C", str(root)).stdout
    assert listed.endswith("1 action item, 1 overdue\n")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            "the",
            "msc: error: 3 open action items match `the`:\n"
            "    2026-10-01-after-action:6  Call the \"employers\" & 'others'\n",
        ),
        (
            "emplyers",
            "msc: error: no open action item matches `emplyers`\n"
            "  hint: did you mean:\n"
            "    2026-10-01-after-action:6  Call the \"employers\" & 'others'\n",
        ),
        (
            "2026-10-01-after-action:8",
            "msc: error: action item 2026-10-01-after-action:8 is done already\n",
        ),
        (
            "2026-10-01-after-action:12",
            "msc: error: line 12 of 2026-10-01-after-action holds no current action item\n",
        ),
        (
            "2026-10-02-premortem:3",
            "msc: error: no retrospective `2026-10-02-premortem` with "
            "action items\n  hint: retrospectives with action items: "
            "2026-10-01-after-action, 2026-11-20-premortem\n",
        ),
    ],
)
def test_done_refuses_what_names_no_single_open_item(root: Path, item: str, message: str) -> None:
    with_retros(root)
    result = msc("retro", "done", item, "-C", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert (root / OLD).read_bytes().decode("utf-8") == OLD_TEXT
    assert (root / NEW).read_text(encoding="utf-8") == NEW_TEXT


def test_done_dry_run_shows_the_diff(root: Path) -> None:
    with_retros(root)
    result = msc("retro", "done", "flyers", "--dry-run", "-C", str(root))
    assert result.exit_code == 0, result.output
    assert "+| [x] Print the flyers \\| both sides | school | 2026-11-25 |" in result.stdout
    assert (root / NEW).read_text(encoding="utf-8") == NEW_TEXT


def test_done_commit_has_a_message_and_only_that_file(
    make_partnership: MakeP, isolated_git: Path, tmp_path: Path
) -> None:
    root = make_partnership(
        lambda files: files["partnership.yaml"].update(language="nl"),
        **{"retros__2026-10-01-after-action.md": None},
    )
    with_retros(root)
    repo = repository(tmp_path)
    (root / NEW).write_text(NEW_TEXT + "\nNotes not committed yet.\n", encoding="utf-8")
    result = msc("retro", "done", "employers", "--commit", "-C", str(root))
    assert result.exit_code == 0, result.output
    message = git(repo, "show", "--no-patch", "--format=%B", "HEAD").strip()
    assert message == f"Actiepunt uit de retro afgerond: {EMPLOYERS}"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [f"p/{OLD}"]
    assert git(repo, "status", "--porcelain").strip() == f"M p/{NEW}"


def test_check_reads_retrospectives_as_the_edit_leaves_them(root: Path) -> None:
    """Ticking an overdue item clears its MSC605 warning; the check of the edit reads
    the new text (not the file on disk)."""
    from datetime import date

    from msctool.rules.check import run_check

    with_retros(root)
    day = date.fromisoformat(AS_OF)
    before = [f.code for f in run_check(root, as_of=day).findings]
    assert before == ["MSC605", "MSC605"]
    assert msc("retro", "done", "employers", "-C", str(root)).exit_code == 0
    assert [f.file for f in run_check(root, as_of=day).findings] == [NEW]


def test_month_names_are_babels() -> None:
    from babel.dates import get_month_names

    from msctool.load.actionitems import MONTHS

    names = {
        str(name).lower().rstrip("."): int(number)
        for locale in ("en_GB", "nl_NL")
        for width in ("wide", "abbreviated")
        for number, name in get_month_names(width, locale=locale).items()
    }
    assert names == MONTHS
