"""``msc body rule``: change how a governance body decides.

How a body decides is itself decided: the change is a decision of its own. The
plan either records it (a decision record in ``decisions/``, written and
committed with partnership.yaml, its trailers the ones ``msc log`` reads), or says
in a note which ``msc decide`` command records it.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from msctool.edits.bodies import RULES, body_entry, lead_needed, refuse_non_member, set_field
from msctool.edits.rootfile import ROOT, choice, root_file
from msctool.edits.saving import EditPlan
from msctool.errors import UserError


@dataclass(frozen=True)
class RuleChange:
    """The new rule of a body, and whether (and when) the change is recorded."""

    rule: str
    day: date
    """The day of the decision (and of the check of its record)."""
    lead: str | None = None
    """The member who decides, for ``lead-decides`` (a new lead replaces the old one)."""
    record: bool = False
    """Write the decision record too, in the same change (and commit)."""
    text: str | None = None
    """Why, in the record (Markdown); a sentence saying what changed when not given."""


def change_rule(root: Path, body_id: str, change: RuleChange) -> EditPlan:
    """The plan that sets ``decision_rule`` (and ``lead``) of body ``body_id``."""
    choice(change.rule, RULES, "rule")
    edited = root_file(root, "bodies")
    index, item = body_entry(edited, body_id)
    if change.lead is not None:
        refuse_non_member(item, body_id, change.lead)
    lead = change.lead or item.get("lead")
    if change.rule == "lead-decides" and not lead:
        raise lead_needed(body_id)
    before = item.get("decision_rule")
    new_lead = change.lead is not None and change.lead != item.get("lead")
    if before == change.rule and not new_lead:
        raise UserError(f"nothing to change: body `{body_id}` already decides by {before}")
    set_field(edited, index, item, "decision_rule", change.rule)
    if new_lead:
        set_field(edited, index, item, "lead", change.lead)
    plan = EditPlan(root, subjects={body_id, *([change.lead] if change.lead else [])})
    was = str(before) if before else plan.words("no_rule")
    title = plan.words("body_rule_title", id=body_id, rule=change.rule, before=was)
    plan.texts[ROOT] = edited.text()
    if change.record:
        _record(plan, body_id, title, change)
    else:
        plan.say("body_rule", id=body_id, rule=change.rule, before=was)
        command = f"msc decide {shlex.quote(title)} --body {body_id} --status accepted"
        plan.notes.append(plan.words("body_rule_unrecorded", command=command))
    return plan


def _record(plan: EditPlan, body_id: str, title: str, change: RuleChange) -> None:
    """Add the decision record of the change to ``plan``: its file, its commit subject
    and its trailers. The record names the rule the body decided by (the old one)."""
    from msctool.edits.decide import (
        DecisionRequest,
        commit_subject,
        decision_trailers,
        prepare,
        used_numbers,
    )
    from msctool.load.loader import load_tree
    from msctool.load.sourcetree import FolderTree

    text = change.text or plan.words("body_rule_text", id=body_id, rule=change.rule)
    request = DecisionRequest(title, change.day, body=body_id, status="accepted", text=text)
    # read as it is now (the body's old rule goes into the record), without the figures,
    # which a record does not need; the edit's own check covers the record and the rule
    loaded = load_tree(FolderTree(plan.root), observations=False, memo=plan.memo)
    taken = used_numbers(_repository(plan.root), plan.root)
    prepared = prepare(plan.root, request, taken, as_of=change.day, loaded=loaded)
    plan.texts[prepared.rel] = prepared.content
    plan.message = commit_subject(prepared.meta, plan.language)
    plan.trailers.extend(decision_trailers(prepared.meta))


def _repository(root: Path) -> Path | None:
    """The repository holding ``root``, whose history gives out decision numbers; None
    outside git (or without git)."""
    from msctool.history.repo import GitError, find_repo_root

    try:
        return find_repo_root(root)
    except GitError:
        return None
