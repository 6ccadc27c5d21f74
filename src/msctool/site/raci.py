"""The RACI matrix: activities × partners, one letter (or more) per cell.

A matrix is shown per governance body, with a column for each partner that
has a part in that body's activities. A body whose activities involve more
partners than fit on a screen gets a list instead: per activity, who is
accountable, responsible, consulted and informed.
"""

from __future__ import annotations

from dataclasses import dataclass

from msctool.model import Activity, Partnership

LETTERS = ("A", "R", "C", "I")
MAX_COLUMNS = 24
"""More partners than this in one body's activities: a list, not a matrix."""


@dataclass(frozen=True)
class Column:
    id: str
    name: str


@dataclass(frozen=True)
class Row:
    activity: Activity
    cells: tuple[str, ...]
    """Per column: the letters of the partner's roles (``"A R"``), or ``""``; empty
    when the body is shown as a list."""
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    """Per letter: the names of the partners in that role (for the list layout)."""


@dataclass(frozen=True)
class BodyMatrix:
    body_id: str
    body_name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def as_matrix(self) -> bool:
        return len(self.columns) <= MAX_COLUMNS


def roles_of(activity: Activity) -> dict[str, list[str]]:
    """Partner id → letters of its roles in ``activity``, in A, R, C, I order."""
    raci = activity.raci
    found: dict[str, list[str]] = {}
    for letter, ids in zip(
        LETTERS,
        (raci.accountables(), raci.responsible, raci.consulted, raci.informed),
        strict=True,
    ):
        for partner_id in ids:
            found.setdefault(partner_id, []).append(letter)
    return found


def matrices(partnership: Partnership) -> tuple[BodyMatrix, ...]:
    """A matrix per body that steers activities, in the order of partnership.yaml."""
    bodies = {body.id: body.name for body in partnership.meta.bodies}
    grouped: dict[str, list[Activity]] = {}
    for activity in partnership.activities:
        grouped.setdefault(activity.body, []).append(activity)
    order = [b for b in bodies if b in grouped] + [b for b in grouped if b not in bodies]
    names = {p.id: p.name for p in partnership.partners}
    return tuple(_matrix(b, bodies.get(b, b), grouped[b], names) for b in order)


def _matrix(
    body_id: str, body_name: str, activities: list[Activity], names: dict[str, str]
) -> BodyMatrix:
    roles = [roles_of(activity) for activity in activities]
    involved = {partner_id for found in roles for partner_id in found}
    ordered = [p for p in names if p in involved] + sorted(involved - names.keys())
    columns = tuple(Column(p, names.get(p, p)) for p in ordered)
    matrix = len(columns) <= MAX_COLUMNS  # else the list layout: no cells to fill
    rows = tuple(
        Row(
            activity,
            tuple(" ".join(found.get(c.id, ())) for c in columns) if matrix else (),
            _by_letter(found, names),
        )
        for activity, found in zip(activities, roles, strict=True)
    )
    return BodyMatrix(body_id, body_name, columns, rows)


def _by_letter(
    found: dict[str, list[str]], names: dict[str, str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (letter, tuple(names.get(p, p) for p, letters in found.items() if letter in letters))
        for letter in LETTERS
    )
