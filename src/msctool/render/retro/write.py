"""Writing a planned retrospective: the agenda (and its invite), never over a file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from msctool.errors import MscIOError, UserError
from msctool.fs.atomic import create_exclusive
from msctool.fs.confine import confined
from msctool.model.vocabulary import RetroKind as Kind
from msctool.render.retro.agenda import DEFAULT_START
from msctool.render.retro.plan import Retro, plan_retro


def write_retro(retro: Retro, *, ics: bool = False, output: Path | None = None) -> list[Path]:
    """Write the agenda (and with ``ics`` the invite next to it); never overwrite a file.
    Without ``output`` both stay inside the partnership folder (:func:`confined`)."""
    from msctool.render.invite import calendar_invite

    markdown = output or retro.default_path
    targets: list[tuple[Path, bytes]] = [(markdown, retro.markdown.encode("utf-8"))]
    if ics:
        targets.append((markdown.with_suffix(".ics"), calendar_invite(retro.invite)))
    if output is None:
        targets = [(confined(path, retro.root), data) for path, data in targets]
    for path, _ in targets:
        if path.exists():
            raise _exists(path, retro.root)
    for path, data in targets:
        _write_new(path, data, retro.root)
    return [path for path, _ in targets]


def _exists(path: Path, root: Path) -> UserError:
    return UserError(
        f"{shown_path(path, root)} exists; msc never overwrites a retrospective (it may hold notes)",
        hint="pick another {day} or another {kind}, or move the existing file away",
        options=("day", "kind"),
    )


def _write_new(path: Path, data: bytes, root: Path) -> None:
    """Write ``path`` whole only if it does not exist (:func:`create_exclusive`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_exclusive(path, data)
    except FileExistsError:
        raise _exists(path, root) from None
    except OSError as exc:
        raise MscIOError(f"cannot write {shown_path(path, root)}: {exc.strerror}") from exc


def shown_path(path: Path, root: Path) -> str:
    """``path`` relative to the partnership folder when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def new_retro(
    path: Path | str = ".",
    kind: Kind = "after-action",
    *,
    day: date,
    topic: str | None = None,
    language: str | None = None,
    start: time = DEFAULT_START,
    ics: bool = False,
    output: Path | None = None,
) -> tuple[Retro, list[Path]]:
    """Plan the retrospective of ``day`` and write it; return the paths."""
    from msctool.render.setup import prepare

    setup = prepare(path, language=language, as_of=day)
    retro = plan_retro(setup, kind, topic=topic, start=start)
    return retro, write_retro(retro, ics=ics, output=output)
