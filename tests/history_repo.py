"""Real git histories of a partnership for tests: commits on chosen days, YAML edits.

Use with the ``isolated_git`` fixture (conftest), which gives git an identity and
keeps the user's configuration out.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from conftest import dump

Edit = Callable[[dict[str, Any]], None]


def git(root: Path, *args: str, day: str = "2026-10-01") -> str:
    """Run git in ``root`` with author and committer dates at noon UTC of ``day``."""
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{day}T12:00:00+00:00",
    }
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit(root: Path, message: str, day: str = "2026-10-01") -> str:
    """Commit everything in ``root``'s repository on ``day``; return the commit id."""
    git(root, "add", "-A", day=day)
    git(root, "commit", "-q", "--allow-empty", "-m", message, day=day)
    return git(root, "rev-parse", "HEAD")


def repository(root: Path, day: str = "2026-10-01") -> Path:
    """``git init`` in ``root`` and a first commit of everything in it on ``day``."""
    git(root, "init", "-q")
    commit(root, "Start the partnership", day)
    return root


def edit_yaml(root: Path, rel: str, change: Edit) -> None:
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump(data), encoding="utf-8")


def new_partner(ident: str = "clinic") -> dict[str, Any]:
    return {
        "id": ident,
        "name": "Youth Clinic",
        "sector": "civil",
        "joined": date(2026, 10, 20),
        "representatives": [{"name": "Dee", "email": "dee@example.org"}],
        "gives": [{"kind": "hours", "description": "advice", "amount": 10}],
        "gets": [{"description": "referrals"}],
    }


def partner(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["id"] == ident)


def activity(data: dict[str, Any], ident: str) -> dict[str, Any]:
    return next(a for a in data["activities"] if a["id"] == ident)


def with_clinic(files: dict[str, Any]) -> None:
    """A third partner that nothing refers to, so it can be removed cleanly."""
    clinic = {**new_partner(), "joined": date(2025, 3, 1)}
    files["partners.yaml"]["partners"].append(clinic)


def story(root: Path, day: str = "2026-11-10") -> str:
    """One commit on ``day`` with a change of every kind the renders tell from history:
    the purpose reworded and reaffirmed, a decision rule, a representative, the clinic
    removed, an activity reassigned, one done, one added, a target moved."""

    def purpose(data: dict[str, Any]) -> None:
        data["purpose"].update(
            statement="Help every young person into work or school.",
            reaffirmed=date(2026, 11, 10),
            reaffirmed_by="steering",
        )
        data["bodies"][0]["decision_rule"] = "majority"

    def partners(data: dict[str, Any]) -> None:
        data["partners"] = [p for p in data["partners"] if p["id"] != "clinic"]
        partner(data, "city")["representatives"] = [{"name": "Bob", "email": "bob@example.org"}]

    def activities(data: dict[str, Any]) -> None:
        activity(data, "newsletter")["raci"]["accountable"] = "school"
        activity(data, "jobs-fair")["status"] = "done"
        data["activities"].append(
            {
                "id": "desk",
                "name": "Youth desk",
                "goal": "work",
                "body": "steering",
                "work": "in",
                "raci": {"accountable": "city"},
            }
        )

    edit_yaml(root, "partnership.yaml", purpose)
    edit_yaml(root, "partners.yaml", partners)
    edit_yaml(root, "activities.yaml", activities)
    edit_yaml(
        root,
        "metrics.yaml",
        lambda d: d["metrics"][0]["target"].update(value=45, date=date(2027, 6, 30)),
    )
    return commit(root, "Purpose, roles and targets of November", day)
