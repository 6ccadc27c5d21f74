"""``msc collect status``: per owner and metric, the last figure, the next due date
and whether it is received, due or overdue (and by how many days).

The rows are data; :func:`status_json` gives them to programs, and
:mod:`msctool.render.collect.status` writes them as text or Markdown in the
partnership's language.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date

from msctool.collect.due import STATES, Owed, State, owed
from msctool.model import Partnership


@dataclass(frozen=True)
class StatusRow:
    """One metric of one owner."""

    owner: str
    owner_name: str
    metric: str
    metric_name: str
    cadence: str
    unit: str
    last_value: float | None
    last_date: date | None
    next_due: date
    owed: int
    days_late: int
    state: State


@dataclass(frozen=True)
class Status:
    """Every metric's row as of a day, ordered by owner, then as in metrics.yaml."""

    as_of: date
    grace: int
    rows: tuple[StatusRow, ...]

    def counts(self) -> dict[State, int]:
        counted = Counter(row.state for row in self.rows)
        return {state: counted[state] for state in STATES}

    def late_owners(self) -> list[str]:
        """Owners with an overdue figure, in row order."""
        return list(dict.fromkeys(r.owner for r in self.rows if r.state == "overdue"))


def collect_status(partnership: Partnership, as_of: date, grace: int | None = None) -> Status:
    """The status of every metric's figures on ``as_of``."""
    days = partnership.meta.checks.thresholds.collect_grace_days if grace is None else grace
    names = {p.id: p.name for p in partnership.partners}
    rows = [_row(item, names) for item in owed(partnership, as_of, days)]
    order = {owner: index for index, owner in enumerate(dict.fromkeys(names))}
    rows.sort(key=lambda row: order.get(row.owner, len(order)))
    return Status(as_of, days, tuple(rows))


def _row(item: Owed, names: dict[str, str]) -> StatusRow:
    metric, last = item.metric, item.last
    return StatusRow(
        owner=metric.owner,
        owner_name=names.get(metric.owner, metric.owner),
        metric=metric.id,
        metric_name=metric.name,
        cadence=metric.cadence,
        unit=metric.unit,
        last_value=last.value if last else None,
        last_date=last.date if last else None,
        next_due=item.next_due,
        owed=item.owed,
        days_late=item.days_late,
        state=item.state,
    )


def status_json(status: Status) -> str:
    """The status as JSON: the day, the grace period, the counts and every row."""
    data = {
        "as_of": status.as_of.isoformat(),
        "grace_days": status.grace,
        "counts": status.counts(),
        "late_owners": status.late_owners(),
        "rows": [_row_json(row) for row in status.rows],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _row_json(row: StatusRow) -> dict[str, object]:
    return {
        "owner": row.owner,
        "owner_name": row.owner_name,
        "metric": row.metric,
        "metric_name": row.metric_name,
        "cadence": row.cadence,
        "unit": row.unit,
        "last_value": row.last_value,
        "last_date": row.last_date.isoformat() if row.last_date else None,
        "next_due": row.next_due.isoformat(),
        "owed": row.owed,
        "days_late": row.days_late,
        "state": row.state,
    }
