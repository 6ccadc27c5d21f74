"""``msc init --partners FILE``: a partnership's own partner list, read from a spreadsheet.

The list is a CSV file or an Excel workbook with a header row in English or
Dutch: ``name``/``naam`` and ``sector`` are needed; ``id``, ``joined``/``lid
sinds``, ``website``, ``representative``/``contactpersoon``, ``role``/``rol``,
``email``/``e-mail``, ``phone``/``telefoon``, ``gives``/``geeft`` (``KIND: what``,
e.g. ``hours: coaching``), ``gets``/``krijgt`` and ``notes``/``notities`` may be
there. A partner's id is made from its name when the list gives none (the one
slug function). Rows that name the same partner again add a representative, a gift or a benefit.
Each partner is validated by the model before any file is written; a wrong
cell is named by its place in the sheet (``C4``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from msctool.errors import UserError
from msctool.findings import and_more
from msctool.load.spreadsheet import Cell, Columns, SheetRow, is_date, read_sheet
from msctool.model.ids import is_id, slugify
from msctool.model.partners import Partner
from msctool.model.vocabulary import GiftKind, Sector, spoken, values
from msctool.suggest import did_you_mean

SECTORS: tuple[Sector, ...] = values(Sector)
HEADER_WORDS: Mapping[str, tuple[str, ...]] = {
    "id": ("code",),
    "name": ("naam", "organisation", "organization", "organisatie", "partner"),
    "sector": ("sector",),
    "joined": ("lid sinds", "toegetreden", "aangesloten", "sinds", "start"),
    "website": ("site", "web", "webadres", "url"),
    "representative": ("contact", "contact person", "contactpersoon", "vertegenwoordiger"),
    "role": ("rol", "functie"),
    "email": ("e-mail", "e-mailadres", "mail"),
    "phone": ("telefoon", "telefoonnummer", "tel"),
    "notes": ("notities", "opmerkingen", "note"),
    "gives": ("geeft", "inbreng", "gives"),
    "gets": ("krijgt", "opbrengst", "gets"),
}
"""The columns of a partner list, and the other words (English and Dutch) a header may
use for each."""
SECTOR_WORDS: Mapping[str, Sector] = {
    "overheid": "public",
    "publiek": "public",
    "publieke sector": "public",
    "gemeente": "public",
    "government": "public",
    "privaat": "private",
    "private sector": "private",
    "bedrijf": "private",
    "bedrijfsleven": "private",
    "business": "private",
    "markt": "private",
    "maatschappelijk": "civil",
    "maatschappelijke organisatie": "civil",
    "civiel": "civil",
    "civil society": "civil",
    "ngo": "civil",
    "non-profit": "civil",
}
"""Sector words a partner list may use besides the vocabulary's own."""
GIFT_WORDS: Mapping[str, GiftKind] = {
    "geld": "money",
    "uren": "hours",
    "tijd": "hours",
    "in natura": "in-kind",
    "natura": "in-kind",
    "kennis": "expertise",
}
"""Kinds of gift a partner list may name besides the vocabulary's own (``uren: coaching``)."""
GIFT_KINDS: tuple[GiftKind, ...] = values(GiftKind)
PARTNER_COLUMNS = Columns(
    names=tuple(HEADER_WORDS),
    required=("name", "sector"),
    hint="the header row must name at least the columns name and sector "
    "(in Dutch: naam and sector)",
    aliases={word: column for column, words in HEADER_WORDS.items() for word in words},
)
SHOWN = 5
"""Wrong cells named in one error (and how many more)."""
MAX_PARTNERS = 1000
"""More partners than this in a starting list is a wrong file."""
_REPRESENTATIVE = ("representative", "role", "email", "phone")


@dataclass
class _Listed:
    """One partner of the list as it is read: its first row and its representatives."""

    row: SheetRow
    data: dict[str, Any]
    representatives: list[dict[str, Any]] = field(default_factory=list)
    gives: list[dict[str, Any]] = field(default_factory=list)
    gets: list[dict[str, Any]] = field(default_factory=list)

    def add(self, row: SheetRow) -> None:
        """What a row adds: a representative, a gift, a benefit."""
        self.representatives.extend(_representative(row))
        self.gives.extend(_gift(row))
        gets = _text(row.cells.get("gets"))
        self.gets.extend([{"description": gets}] if gets else [])


def read_partner_list(path: Path, *, joined: date, sheet: str | None = None) -> list[Partner]:
    """The partners of the list in ``path``, in its order; ``joined`` where the list gives no
    date. A :class:`UserError` names every wrong cell (the first few) at once."""
    table = read_sheet(path, sheet, PARTNER_COLUMNS)
    listed: dict[str, _Listed] = {}
    problems: list[str] = []
    for row in table.rows:
        try:
            _add_row(listed, row, joined)
        except _CellError as exc:
            problems.append(str(exc))
        if len(listed) > MAX_PARTNERS:
            raise UserError(f"{table.name} lists more than {MAX_PARTNERS} partners")
    partners = [] if problems else _validated(listed.values(), problems)
    if problems:
        raise UserError(
            f"{table.name}: {'; '.join(problems[:SHOWN])}{and_more(len(problems), SHOWN)}",
            hint="correct these cells and run msc init again; nothing was written",
        )
    if not partners:
        raise UserError(f"{table.name} lists no partners", hint=PARTNER_COLUMNS.hint)
    return partners


class _CellError(Exception):
    """A cell the list cannot hold: where it is and why."""


def _add_row(listed: dict[str, _Listed], row: SheetRow, joined: date) -> None:
    name = _text(row.cells.get("name"))
    if name is None:
        if any(_text(row.cells.get(column)) for column in _REPRESENTATIVE):
            raise _CellError(f"{_ref(row, 'name')}: a representative without a partner name")
        return
    ident = _id(row, name)
    known = listed.get(ident)
    if known is not None:
        if known.data["name"].casefold() != name.casefold():
            raise _CellError(
                f"{_ref(row, 'name')}: `{name}` gets the id `{ident}`, as "
                f"`{known.data['name']}` (row {known.row.number}) does; give each its own id"
            )
        known.add(row)
        return
    data = {
        "id": ident,
        "name": name,
        "sector": _sector(row),
        "joined": _day(row, joined),
        "website": _text(row.cells.get("website")),
        "notes": _text(row.cells.get("notes")),
    }
    listed[ident] = _Listed(row, {k: v for k, v in data.items() if v is not None})
    listed[ident].add(row)


def _id(row: SheetRow, name: str) -> str:
    given = _text(row.cells.get("id"))
    if given is not None:
        if not is_id(given):
            hint = f"; try `{slugify(given)}`" if slugify(given) else ""
            raise _CellError(
                f"{_ref(row, 'id')}: `{given}` is not an id (lower-case letters, digits "
                f"and dashes){hint}"
            )
        return given
    made = slugify(name)
    if not made:
        raise _CellError(f"{_ref(row, 'name')}: no id can be made from `{name}`; add an id column")
    return made


def _sector(row: SheetRow) -> Sector:
    word = _text(row.cells.get("sector"))
    if word is None:
        raise _CellError(f"{_ref(row, 'sector')}: no sector (one of {spoken(Sector)})")
    lowered = " ".join(word.split()).lower()
    for sector in SECTORS:
        if lowered == sector:
            return sector
    if lowered in SECTOR_WORDS:
        return SECTOR_WORDS[lowered]
    near = did_you_mean(lowered, [*SECTORS, *SECTOR_WORDS])
    raise _CellError(
        f"{_ref(row, 'sector')}: `{word}` is not a sector (one of {spoken(Sector)})"
        + (f"; {near}" if near else "")
    )


def _day(row: SheetRow, default: date) -> date:
    cell = row.cells.get("joined")
    if cell is None or cell.value is None:
        return default
    if is_date(cell.value):
        day: date = cell.value
        return day
    try:
        return date.fromisoformat(str(cell.value).strip())
    except ValueError:
        raise _CellError(
            f"{cell.ref}: `{cell.value}` is not a date; write it as YYYY-MM-DD"
        ) from None


def _representative(row: SheetRow) -> list[dict[str, Any]]:
    found = {column: _text(row.cells.get(column)) for column in _REPRESENTATIVE}
    if found["representative"] is None:
        if any(found.values()):
            raise _CellError(
                f"{_ref(row, 'representative')}: a role, e-mail or phone needs the "
                "representative's name"
            )
        return []
    person = {"name": found["representative"], **{k: found[k] for k in ("role", "email", "phone")}}
    return [{k: v for k, v in person.items() if v is not None}]


def _gift(row: SheetRow) -> list[dict[str, Any]]:
    """The row's gift, written ``KIND: what`` (``hours: coaching``, ``uren: coaching``)."""
    text = _text(row.cells.get("gives"))
    if text is None:
        return []
    word, sep, description = text.partition(":")
    word = " ".join(word.split()).lower()
    kind = word if word in GIFT_KINDS else GIFT_WORDS.get(word)
    if not sep or kind is None or not description.strip():
        near = did_you_mean(word, [*GIFT_KINDS, *GIFT_WORDS]) if sep else None
        raise _CellError(
            f"{_ref(row, 'gives')}: `{text}` is not KIND: WHAT, KIND one of "
            f"{spoken(GiftKind)} (e.g. `hours: coaching`)" + (f"; {near}" if near else "")
        )
    return [{"kind": kind, "description": description.strip()}]


def _validated(listed: Iterable[_Listed], problems: list[str]) -> list[Partner]:
    """Each partner through the model, as ``msc check`` will read it."""
    partners = []
    for item in listed:
        data = {
            **item.data,
            "representatives": item.representatives,
            "gives": item.gives,
            "gets": item.gets,
        }
        try:
            partners.append(Partner.model_validate(data))
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                column = str(error["loc"][0]) if error["loc"] else "name"
                where = _ref(item.row, _column_of(column, error["loc"]))
                problems.append(f"{where}: {error['msg']}")
    return partners


def _column_of(field_name: str, loc: tuple[Any, ...]) -> str:
    if field_name in ("representatives", "gives", "gets"):
        inner = str(loc[-1]) if len(loc) > 2 else "name"
        if field_name != "representatives":
            return field_name
        return "representative" if inner == "name" else inner
    return field_name


def _text(cell: Cell | None) -> str | None:
    if cell is None or cell.value is None:
        return None
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into a number cell
    text = str(value).strip()
    return text or None


def _ref(row: SheetRow, column: str) -> str:
    cell = row.cells.get(column)
    return cell.ref if cell is not None else f"row {row.number}"
