"""Action items of the retrospectives in ``retros/``: which are current, who owns them,
and the rules on them: MSC018 (an open item names an owner who is no partner, body
or representative, or a due day that is no date) and MSC605 (an open item is overdue).

An item carried forward into a later retrospective (``msc retro new`` copies the
open ones) is the same item: the newest file that holds it says whether it is
open or done, so each action counts once (:func:`current_items`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from msctool.errors import UserError
from msctool.findings import Finding
from msctool.load.actionitems import ActionItem, parse_action_items
from msctool.load.files import SourceError
from msctool.load.loader import LoadResult
from msctool.load.sourcetree import FolderTree, SourceTree
from msctool.model import Partnership
from msctool.rules.catalog import RULES
from msctool.rules.context import Context
from msctool.suggest import did_you_mean

if TYPE_CHECKING:
    from msctool.load.memo import ReadMemo

MAX_RETRO_BYTES = 1_000_000
"""A retrospective larger than this is not read for action items (msc writes ~10 kB)."""
_PARTS = re.compile(r"\s*(?:,|/|&|\+|;|\band\b|\ben\b)\s*", re.IGNORECASE)
_ASIDE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


@dataclass(frozen=True)
class RetroItem:
    """An action item and the retrospective file it was read from."""

    file: str
    day: date
    """The day of that retrospective (from its file name)."""
    item: ActionItem

    @property
    def ref(self) -> str:
        """How ``msc retro actions`` names it and ``msc retro done`` finds it: the
        file's name without ``.md`` and the line (``2026-10-01-after-action:74``)."""
        name = self.file.rsplit("/", 1)[-1].removesuffix(".md")
        return f"{name}:{self.item.line}"

    def overdue(self, as_of: date) -> bool:
        due = self.item.due
        return self.item.is_open and due is not None and due < as_of


@dataclass(frozen=True)
class RetroItems:
    """Every current action item (each action once, as its newest file says), and
    what could not be read."""

    items: tuple[RetroItem, ...]
    notes: tuple[str, ...] = ()

    @property
    def open(self) -> tuple[RetroItem, ...]:
        return tuple(entry for entry in self.items if entry.item.is_open)


def current_items(partnership: Partnership, tree: SourceTree | None = None) -> RetroItems:
    """The action items of every retrospective; an action that appears in several files
    (carried forward) is the one of the newest file."""
    tree = tree or FolderTree(partnership.root)
    latest: dict[str, RetroItem] = {}
    notes: list[str] = []
    for retro in sorted(partnership.retros, key=lambda r: (r.date, r.path)):
        try:
            text = tree.read_text(retro.path, MAX_RETRO_BYTES)
        except SourceError as exc:
            notes.append(f"{retro.path}: {exc.findings[0].message}; its action items are left out")
            continue
        found = parse_action_items(text, retro.path)
        notes.extend(found.notes)
        for item in found.items:
            latest.pop(_key(item), None)  # the newest copy goes last
            latest[_key(item)] = RetroItem(retro.path, retro.date, item)
    return RetroItems(tuple(latest.values()), tuple(notes))


def read_items(root: Path, memo: ReadMemo | None = None) -> RetroItems:
    """The current action items of the partnership at ``root`` (``memo``: what reading
    its files gave, for an edit's check to reuse). Observations are not read: action
    items do not need them."""
    from msctool.load.loader import load_tree
    from msctool.load.root import find_root

    loaded = load_tree(FolderTree(find_root(root)), observations=False, memo=memo)
    if loaded.entries is None:
        raise UserError(
            "the partnership cannot be read, so its retrospectives cannot be either",
            hint=f"run `msc check -C {root}` and fix the errors first",
        )
    return current_items(loaded.entries, loaded.tree)


def _key(item: ActionItem) -> str:
    return " ".join(item.what.lower().split())


# -- owners ------------------------------------------------------------------------


def owner_names(partnership: Partnership) -> dict[str, str]:
    """Every name an owner may be written as (lower case) -> how msc shows it: partner
    and body ids and names, representatives' names."""
    names: dict[str, str] = {}
    for partner in partnership.partners:
        names[partner.id.lower()] = partner.id
        names[partner.name.lower()] = partner.id
        for person in partner.representatives:
            names[person.name.lower()] = person.name
    for body in partnership.meta.bodies:
        names[body.id.lower()] = body.id
        names[body.name.lower()] = body.id
    return names


def owner_known(who: str, names: dict[str, str]) -> bool:
    """True when ``who`` names known owners: every one of ``Ann, city`` (also split at
    ``/``, ``&``, ``and``, ``en``), or ``Person (partner)`` whose partner is known."""
    main, aside = who.strip(), ""
    match = _ASIDE.match(main)
    if match:
        main, aside = match.group(1), match.group(2)
    parts = [part for part in _PARTS.split(main) if part]
    if parts and all(part.lower() in names for part in parts):
        return True
    return bool(aside) and aside.strip().lower() in names


# -- the rules ---------------------------------------------------------------------


def _items(ctx: Context) -> RetroItems:
    """The current action items, read once per check."""
    found = ctx.memo.get("retro items")
    if not isinstance(found, RetroItems):
        found = ctx.memo["retro items"] = current_items(ctx.partnership, ctx.loaded.tree)
    return found


def check_action_items(ctx: Context) -> Iterator[Finding]:
    """MSC018 for each open, current action item with an unknown owner or a due day
    that is no date."""
    if not ctx.partnership.retros or not ctx.root_valid or _unresolvable(ctx.loaded):
        return
    names = owner_names(ctx.partnership)
    for entry in _items(ctx).open:
        item = entry.item
        if item.who and not owner_known(item.who, names):
            hint = did_you_mean(item.who, sorted(set(names.values()))) or (
                "name a partner or body id, or a representative's name"
            )
            yield _at(entry, f"action item owner `{item.who}` is no partner, body or "
                             "representative", hint)  # fmt: skip
        if item.when and item.due is None:
            yield _at(
                entry,
                f"action item due `{item.when}` is not a date",
                "write the day as YYYY-MM-DD (or `15 December 2026`)",
            )


def overdue_action_items(ctx: Context) -> Iterator[Finding]:
    """MSC605 for each open, current action item whose due day has passed."""
    if not ctx.partnership.retros:
        return
    for entry in _items(ctx).open:
        if entry.overdue(ctx.as_of):
            days = (ctx.as_of - entry.item.due).days if entry.item.due else 0
            who = f" ({entry.item.who})" if entry.item.who else ""
            yield _at(
                entry,
                f"action item `{_short(entry.item.what)}`{who} is {days} days overdue",
                f"do it and run `msc retro done {entry.ref}`, or agree a new day",
                code="MSC605",
            )


def _unresolvable(loaded: LoadResult) -> bool:
    """Owners are not checked when partners.yaml could not be read at all."""
    return not loaded.resolvable("partner")


def _at(entry: RetroItem, message: str, hint: str, code: str = "MSC018") -> Finding:
    rule = RULES[code]
    return Finding(
        code, message, entry.file, hint=hint, severity=rule.severity, line=entry.item.line, column=1
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
