"""``msc activity status`` and ``msc activity edit``: an activity's status and fields
changed by command, comments and layout kept, told by ``msc changes``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import AS_OF, changed_lines, git, msc, repository
from msctool.edits.activities import ActivityFields, edit_activity, set_status
from msctool.edits.saving import save
from msctool.errors import UsageError, UserError
from msctool.rules.check import run_check

ACTIVITIES = """\
format_version: 1
activities:
    # indented by four
    -   id: newsletter
        name: "Newsletter"
        goal: work
        body: steering
        work: 'on'      # how we work
        start: 2025-02-01
        raci:
            accountable: city   # since 2025
            informed: [school,
                       city]
    -   id: jobs-fair
        name: Jobs fair
        goal: work
        body: steering
        work: in
        status: planned   # waiting for the city's budget
        raci:
            accountable: 'school'
            responsible:
                - city
"""


@pytest.fixture
def hand(make_partnership: Any) -> Path:
    root: Path = make_partnership()
    (root / "activities.yaml").write_bytes(ACTIVITIES.encode("utf-8"))
    assert not run_check(root, as_of=AS_OF).errors
    return root


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_done_sets_the_status_and_the_end_below_the_start(hand: Path, newline: str) -> None:
    original = ACTIVITIES.replace("\n", newline)
    (hand / "activities.yaml").write_bytes(original.encode("utf-8"))
    result = save(set_status(hand, "newsletter", "done", date(2026, 11, 20)), as_of=AS_OF)
    after = (hand / "activities.yaml").read_bytes().decode("utf-8")
    assert changed_lines(original, after) == (
        [],
        [f"        status: done{newline}", f"        end: 2026-11-20{newline}"],
    )
    assert after.index("status: done") > after.index("# how we work")
    assert after.index("end: 2026-11-20") > after.index("start: 2025-02-01")
    assert result.message == "Activity newsletter: done (was active)"
    assert not run_check(hand, as_of=AS_OF).errors


def test_active_replaces_the_status_in_place_and_sets_the_start(hand: Path) -> None:
    save(set_status(hand, "jobs-fair", "active", date(2026, 11, 2)), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(ACTIVITIES, after) == (
        ["        status: planned   # waiting for the city's budget\n"],
        [
            "        status: active   # waiting for the city's budget\n",
            "        start: 2026-11-02\n",
        ],
    )


def test_opening_a_closed_activity_again_takes_its_end_out(hand: Path) -> None:
    save(set_status(hand, "newsletter", "dropped", date(2026, 11, 1)), as_of=AS_OF)
    result = save(set_status(hand, "newsletter", "paused", date(2026, 11, 5)), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(ACTIVITIES, after) == ([], ["        status: paused\n"])
    assert result.message == "Activity newsletter: paused (was stopped)"


def test_edit_changes_fields_in_place_and_clears_optional_ones(hand: Path) -> None:
    fields = ActivityFields(name="Monthly letter", work="in", description="To every partner.")
    result = save(edit_activity(hand, "newsletter", fields, clear=("start",)), as_of=AS_OF)
    after = (hand / "activities.yaml").read_text(encoding="utf-8")
    assert changed_lines(ACTIVITIES, after) == (
        [
            '        name: "Newsletter"\n',
            "        work: 'on'      # how we work\n",
            "        start: 2025-02-01\n",
        ],
        [
            "        name: Monthly letter\n",
            "        description: To every partner.\n",
            "        work: in      # how we work\n",
        ],
    )
    assert result.message == "Activity newsletter: name, description, work, start changed"
    assert not run_check(hand, as_of=AS_OF).errors


@pytest.mark.parametrize(
    ("call", "error", "message", "hint"),
    [
        (
            lambda r: set_status(r, "newsleter", "done", AS_OF),
            UserError,
            "unknown activity `newsleter`",
            "did you mean `newsletter`?",
        ),
        (
            lambda r: set_status(r, "newsletter", "finished", AS_OF),
            UsageError,
            "`finished` is not one of planned, active, paused, done, dropped",
            "",
        ),
        (
            lambda r: set_status(r, "jobs-fair", "planned", AS_OF),
            UserError,
            "nothing to change: activity `jobs-fair` is already planned",
            "",
        ),
        (
            lambda r: set_status(r, "newsletter", "done", date(2025, 1, 1)),
            UsageError,
            "2025-01-01 is before the activity started (2025-02-01)",
            "on or after its start",
        ),
        (
            lambda r: edit_activity(r, "newsletter", ActivityFields(), clear=("body",)),
            UsageError,
            "`body` is not an optional field of an activity",
            "description, goal, start, end",
        ),
        (
            lambda r: edit_activity(r, "newsletter", ActivityFields()),
            UsageError,
            "say what to change",
            "give a field to change",
        ),
        (
            lambda r: edit_activity(r, "newsletter", ActivityFields(end=date(2025, 1, 1))),
            UserError,
            "`end` (2025-01-01) is before `start` (2025-02-01)",
            "",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    hand: Path, call: Any, error: type[Exception], message: str, hint: str
) -> None:
    before = (hand / "activities.yaml").read_bytes()
    with pytest.raises(error) as caught:
        save(call(hand), as_of=AS_OF)
    assert message in str(caught.value)
    assert hint in (getattr(caught.value, "hint", "") or "")
    assert (hand / "activities.yaml").read_bytes() == before


def test_a_body_that_does_not_exist_is_refused_in_the_words_of_msc_check(hand: Path) -> None:
    with pytest.raises(UserError) as caught:
        save(edit_activity(hand, "jobs-fair", ActivityFields(body="steerin")), as_of=AS_OF)
    assert "nothing written: after this edit `msc check` would report activities.yaml:" in str(
        caught.value
    )
    assert "`steerin`" in str(caught.value)
    assert caught.value.hint == "did you mean `steering`?"


def test_cli_status_takes_only_the_vocabulary(hand: Path) -> None:
    result = msc("activity", "status", "newsletter", "finished", "-C", str(hand))
    assert result.exit_code == 2
    assert "'finished' is not one of 'planned', 'active', 'paused', 'done', 'dropped'" in (
        result.stderr
    )


def test_commit_and_msc_changes_tell_the_closed_activity(
    make_partnership: Any, isolated_git: Path
) -> None:
    root = repository(make_partnership(), "2026-09-15", message="start")
    result = msc("activity", "status", "jobs-fair", "done", "--date", "2026-11-01", "--commit",
                 "-C", str(root))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert git(root, "log", "-1", "--format=%B") == (
        "Activity jobs-fair: done (was active)\n\nActivity: jobs-fair"
    )
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == ["activities.yaml"]
    changes = msc("changes", "-C", str(root), "--since", "2026-09-15")
    assert "activity Jobs fair (jobs-fair) done (was active)" in changes.stdout
