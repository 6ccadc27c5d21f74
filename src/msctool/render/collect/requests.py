"""``msc collect requests``: one workbook and one e-mail per metric owner, and a
summary of who was asked for what.

:func:`plan_round` decides who owes what as of a day (every owed period, or with
``overdue_only`` the overdue metrics alone, for reminders); :func:`round_files`
makes the files; :func:`write_round` writes them together (all or none) into
``requests/YYYY-MM-DD/`` in the partnership, or a folder the caller names.
Owners who have left the partnership are not asked; the summary names them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from pathlib import Path

from msctool.collect.due import Owed, owed
from msctool.days import shift
from msctool.errors import UserError
from msctool.fs.atomic import write_files_atomic
from msctool.fs.confine import confined
from msctool.model import Partner, Partnership
from msctool.render.collect.mail import default_sender, representative_address, request_message
from msctool.render.collect.workbook import request_workbook
from msctool.render.i18n import Formatter
from msctool.suggest import did_you_mean

FOLDER = "requests"


@dataclass(frozen=True)
class Request:
    """What one owner is asked for."""

    owner: Partner
    items: tuple[Owed, ...]
    to: tuple[Address, ...]

    @property
    def rows(self) -> int:
        return sum(len(item.periods) for item in self.items)


@dataclass(frozen=True)
class Round:
    """One round of requests as of a day."""

    as_of: date
    by: date
    """The day to send the figures back: ``as_of`` plus the grace period."""
    overdue_only: bool
    requests: tuple[Request, ...]
    departed: tuple[tuple[Partner, tuple[str, ...]], ...]
    """Owners who have left, with the metrics they still own."""


def plan_round(
    partnership: Partnership,
    as_of: date,
    *,
    overdue_only: bool = False,
    owners: Sequence[str] = (),
) -> Round:
    """Who owes what on ``as_of`` (only ``owners`` when given)."""
    _known_owners(partnership, owners)
    wanted = ("overdue",) if overdue_only else ("due", "overdue")
    by_owner: dict[str, list[Owed]] = {}
    for item in owed(partnership, as_of):
        if item.state in wanted and (not owners or item.metric.owner in owners):
            by_owner.setdefault(item.metric.owner, []).append(item)
    requests, departed = [], []
    for partner in partnership.partners:
        items = by_owner.get(partner.id)
        if not items:
            continue
        if partner.left is not None and partner.left <= as_of:
            departed.append((partner, tuple(item.metric.id for item in items)))
        else:
            requests.append(Request(partner, tuple(items), _recipients(partner)))
    grace = partnership.meta.checks.thresholds.collect_grace_days
    return Round(as_of, shift(as_of, grace), overdue_only, tuple(requests), tuple(departed))


def _known_owners(partnership: Partnership, owners: Sequence[str]) -> None:
    known = {metric.owner for metric in partnership.metrics}
    for owner in owners:
        if owner not in known:
            near = did_you_mean(owner, sorted(known))
            raise UserError(
                f"`{owner}` owns no metric",
                hint=near or f"metric owners: {', '.join(sorted(known)) or 'none'}",
                field="owner",
            )


def _recipients(partner: Partner) -> tuple[Address, ...]:
    found = (representative_address(rep.name, rep.email) for rep in partner.representatives)
    return tuple(address for address in found if address is not None)


def round_files(
    partnership: Partnership,
    plan: Round,
    fmt: Formatter,
    folder: Path,
    sender: Sequence[Address] = (),
) -> dict[Path, bytes]:
    """The workbook and the e-mail of every request, by path in ``folder``."""
    files: dict[Path, bytes] = {}
    history = partnership.observations_by_metric
    for request in plan.requests:
        book, _ = request_workbook(
            partnership=partnership.meta.name,
            owner_id=request.owner.id,
            owner_name=request.owner.name,
            items=request.items,
            history=history,
            fmt=fmt,
            day=plan.as_of,
            by=plan.by,
        )
        name = f"{request.owner.id}-{plan.as_of.isoformat()}.xlsx"
        files[folder / name] = book
        files[folder / f"{request.owner.id}.eml"] = _message(
            partnership, plan, request, fmt, book, name, sender
        )
    return files


def _message(
    partnership: Partnership,
    plan: Round,
    request: Request,
    fmt: Formatter,
    book: bytes,
    filename: str,
    sender: Sequence[Address],
) -> bytes:
    short = partnership.meta.short_name
    return request_message(
        subject=fmt.t("collect_mail_subject", short=short, owner=request.owner.name,
                      day=fmt.date(plan.as_of)),
        text=mail_text(partnership, plan, request, fmt),
        workbook=book,
        filename=filename,
        day=plan.as_of,
        language=fmt.language,
        sender=sender or default_sender(short),
        to=request.to,
    )  # fmt: skip


def mail_text(partnership: Partnership, plan: Round, request: Request, fmt: Formatter) -> str:
    """The body of the e-mail to ``request``'s owner."""
    names = [address.display_name for address in request.to if address.display_name]
    lines = [
        fmt.t("collect_mail_greeting", names=_joined(names, fmt) or request.owner.name),
        "",
        fmt.t("collect_mail_ask", partnership=partnership.meta.name, owner=request.owner.name,
              by=fmt.date(plan.by)),
    ]  # fmt: skip
    if plan.overdue_only:
        lines += ["", fmt.t("collect_mail_reminder")]
    lines.append("")
    for item in request.items:
        periods = ", ".join(fmt.short_date(day) for day in item.periods)
        lines.append(
            fmt.t("collect_mail_line", metric=item.metric.name, unit=item.metric.unit,
                  periods=periods)
        )  # fmt: skip
    short = partnership.meta.short_name
    lines += ["", fmt.t("collect_mail_thanks"), "", fmt.t("collect_mail_signature", short=short)]
    return "\n".join(lines) + "\n"


def _joined(names: Sequence[str], fmt: Formatter) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {fmt.t('collect_and')} {names[-1]}"


def default_folder(root: Path, as_of: date) -> Path:
    """``requests/YYYY-MM-DD`` in the partnership."""
    return root / FOLDER / as_of.isoformat()


def write_round(files: dict[Path, bytes], *, force: bool, root: Path | None) -> None:
    """Write every file or none; an existing file needs ``force``. ``root`` confines
    the paths to the partnership (None: the caller named the folder)."""
    targets = {(confined(path, root) if root else path): data for path, data in files.items()}
    existing = sorted(str(path) for path in targets if path.exists())
    if existing and not force:
        raise UserError(
            f"{len(existing)} request file(s) exist already: {', '.join(existing[:3])}",
            hint="use {force} to replace them, or {output} to write elsewhere",
            options=("force", "output"),
        )
    for folder in {path.parent for path in targets}:
        folder.mkdir(parents=True, exist_ok=True)
    write_files_atomic(targets, root=root)


def summary_lines(plan: Round, fmt: Formatter, folder: str) -> list[str]:
    """Who was asked for what, in the partnership's language."""
    if not plan.requests and not plan.departed:
        key = "collect_summary_none_overdue" if plan.overdue_only else "collect_summary_none"
        return [fmt.t(key, day=fmt.date(plan.as_of))]
    lines = [_asked(request, fmt) for request in plan.requests]
    for partner, metrics in plan.departed:
        lines.append(
            fmt.t("collect_summary_left", owner=partner.id, day=fmt.date(partner.left or plan.as_of),
                  metrics=", ".join(metrics))
        )  # fmt: skip
    rows = sum(request.rows for request in plan.requests)
    lines.append(
        fmt.t("collect_summary_total", owners=len(plan.requests), rows=rows,
              day=fmt.date(plan.as_of), folder=folder)
    )  # fmt: skip
    return lines


def _asked(request: Request, fmt: Formatter) -> str:
    to = ", ".join(str(address) for address in request.to) or fmt.t("collect_summary_no_address")
    metrics = ", ".join(item.metric.id for item in request.items)
    key = "collect_summary_asked_one" if request.rows == 1 else "collect_summary_asked"
    return fmt.t(key, owner=request.owner.id, rows=request.rows, metrics=metrics, to=to)


def summary_json(plan: Round, files: Sequence[Path]) -> str:
    """The round as JSON: every request with its metrics and periods, and the files."""
    data = {
        "as_of": plan.as_of.isoformat(),
        "return_by": plan.by.isoformat(),
        "overdue_only": plan.overdue_only,
        "requests": [_request_json(request) for request in plan.requests],
        "departed": [{"owner": p.id, "metrics": list(m)} for p, m in plan.departed],
        "files": [str(path) for path in files],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _request_json(request: Request) -> dict[str, object]:
    return {
        "owner": request.owner.id,
        "name": request.owner.name,
        "to": [str(address) for address in request.to],
        "metrics": [
            {
                "metric": item.metric.id,
                "state": item.state,
                "owed": item.owed,
                "periods": [day.isoformat() for day in item.periods],
            }
            for item in request.items
        ],
    }
