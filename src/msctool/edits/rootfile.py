"""What the edits of partnership.yaml share (bodies, goals, segments, purpose): the
file read whole, choices from the vocabulary, and the ids of other files they name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from msctool.edits.common import EditedFile, read_raw, unknown
from msctool.edits.yamledit import parse
from msctool.errors import UsageError, UserError
from msctool.load.files import Source
from msctool.load.memo import ReadMemo
from msctool.suggest import did_you_mean

ROOT = "partnership.yaml"
PARTNERS = "partners.yaml"


def root_file(root: Path, list_key: str) -> EditedFile:
    """partnership.yaml, composed whole: an edit of it may touch several of its parts
    (a body and the purpose), and the file is small."""
    edited = EditedFile(root, ROOT, list_key)
    _ = edited.doc  # the whole document, not one entry's window
    return edited


def choice(value: str | None, allowed: Sequence[str], field: str) -> None:
    """A usage error about ``field`` when ``value`` is given and not one of ``allowed``."""
    if value is None or value in allowed:
        return
    hint = did_you_mean(value, allowed) or f"use one of: {', '.join(allowed)}"
    raise UsageError(f"`{value}` is not one of {', '.join(allowed)}", hint=hint, field=field)


def refuse_unknown(kind: str, given: Iterable[str], known: Iterable[str], rel: str) -> None:
    """One error naming every id of ``given`` that is not in ``known``, each with its
    nearest match: a typo in two ids is found in one run."""
    ids = list(known)
    missing = [item for item in dict.fromkeys(given) if item not in ids]
    if len(missing) == 1:
        raise unknown(kind, missing[0], ids, rel)
    if missing:
        lines = [f"  `{item}`: {did_you_mean(item, ids) or 'no such id'}" for item in missing]
        raise UserError(
            f"{len(missing)} unknown {kind}s:\n" + "\n".join(lines),
            hint=f"use {kind} ids from {rel}",
        )


def partners(root: Path, memo: ReadMemo) -> dict[str, dict[str, Any]]:
    """The partners of partners.yaml by id (read once: ``memo`` keeps it for the check)."""
    text = read_raw(root, PARTNERS)
    if text is None:
        return {}
    loaded = text.removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        data = parse(loaded)
    except ValueError:
        raise UserError(
            f"{PARTNERS} is not valid YAML", hint=f"run `msc check` and fix {PARTNERS} first"
        ) from None
    memo.remember(Source(PARTNERS, loaded), data)
    items = data.get("partners") if isinstance(data, dict) else None
    return {
        str(item["id"]): item
        for item in items or []
        if isinstance(item, dict) and item.get("id") is not None
    }


def current_partners(root: Path, memo: ReadMemo, given: Iterable[str]) -> None:
    """Every partner of ``given`` exists and has not left; one error listing the rest."""
    known = partners(root, memo)
    wanted = list(given)
    refuse_unknown("partner", wanted, known, PARTNERS)
    gone = [item for item in wanted if known[item].get("left") is not None]
    if gone:
        listed = ", ".join(f"`{item}` (left {known[item]['left']})" for item in gone)
        raise UserError(
            f"{listed} left the partnership", hint="only current partners take a place in a body"
        )
