"""What every edit command shares: reading a file as it is, ids, and the checked result."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msctool.edits.saving import ParsedText
from msctool.edits.yamledit import YamlDocument, parse, verify
from msctool.errors import MscIOError, UsageError, UserError
from msctool.findings import Finding, YamlPath
from msctool.fs.confine import confined
from msctool.load.files import MAX_YAML_BYTES, Source, SourceError, read_text
from msctool.load.numbers import NumberError, language_written, read_single
from msctool.load.yamlsource import parse as yaml_parse
from msctool.model.ids import is_id, slugify
from msctool.model.vocabulary import Language
from msctool.suggest import did_you_mean


def check_slug(value: str, what: str, field: str | None = None) -> str:
    """``value`` when it is a valid id; a usage error saying what ids look like otherwise
    (about parameter ``field``, when one carried it), with the id its text would make."""
    if is_id(value):
        return value
    suggestion = slugify(value)
    hint = "ids are lower-case letters, digits and dashes, e.g. `youth-desk`"
    if suggestion:
        hint += f"; try `{suggestion}`"
    raise UsageError(f"{what} `{value}` is not a valid id", hint=hint, field=field)


def read_raw(root: Path, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str | None:
    """The exact text of ``rel`` (line endings and byte order mark included), or None
    when the file does not exist. The file is one msc is to edit, so it must be one
    msc may write (:func:`msctool.fs.confine.confined`: no link, inside the folder)."""
    path = confined(root / rel, root)
    if not path.exists():
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MscIOError(f"cannot read {rel}: {exc.strerror}") from exc
    if len(data) > max_bytes:
        raise UserError(f"{rel} is larger than {max_bytes:,} bytes; msc does not edit it")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{rel} is not UTF-8", hint="run `msc check` and fix the file") from None


class EditedFile:
    """One YAML file being edited: its document, the data it holds, and the data it
    should hold afterwards (``expected``), which the result is checked against.

    An edit changes ``expected`` through :meth:`entry` (whose entry it may change in
    place: it is a copy) and :meth:`append`; the entries it does not touch are shared
    with ``before`` (a copy of a 100,000-line file would cost a tenth of a second)."""

    def __init__(self, root: Path, rel: str, list_key: str) -> None:
        self.rel = rel
        self.list_key = list_key
        raw = read_raw(root, rel)
        self.created = raw is None
        self.raw = _started(raw or "")
        text = self.raw.removeprefix("\ufeff").replace("\r\n", "\n")
        data = _parsed(rel, text)
        if not isinstance(data, dict):
            raise UserError(
                f"{rel} does not hold `key: value` lines", hint="run `msc check` and fix it"
            )
        self.before: dict[str, Any] = data
        """The data as the file holds it; never changed (entries are copied on change)."""
        self.expected: dict[str, Any] = dict(data)
        items = data.get(list_key)
        if isinstance(items, list):
            self.expected[list_key] = list(items)  # the same entries, until one changes
        self._doc: YamlDocument | None = None

    @property
    def doc(self) -> YamlDocument:
        """The document, composed around the entry being edited (see :meth:`entry`)."""
        if self._doc is None:
            self._doc = YamlDocument(self.raw, self.rel)
        return self._doc

    def _focus(self, index: int) -> None:
        if self._doc is None:
            focus = (self.list_key, index, len(self.items))
            self._doc = YamlDocument(self.raw, self.rel, focus)

    @property
    def items(self) -> list[Any]:
        """The entries of the file's list (an empty list when there is none)."""
        found = self.expected.get(self.list_key)
        return found if isinstance(found, list) else []

    def ids(self) -> list[str]:
        return [str(item["id"]) for item in self.items if isinstance(item, dict) and "id" in item]

    def entry(self, kind: str, item_id: str) -> tuple[int, dict[str, Any]]:
        """Index and data of the entry ``item_id``; an error with "did you mean" otherwise."""
        index = next(
            (
                n
                for n, item in enumerate(self.items)
                if isinstance(item, dict) and str(item.get("id")) == item_id
            ),
            None,
        )
        if index is not None:
            self._focus(index)
        if index is None or self.doc.find_item(self.list_key, item_id) != index:
            raise unknown(kind, item_id, self.ids(), self.rel)
        item: dict[str, Any] = self.items[index]
        original = self.before.get(self.list_key)
        if isinstance(original, list) and index < len(original) and item is original[index]:
            item = self.items[index] = copy.deepcopy(item)  # the edit may change it in place
        return index, item

    def refuse_duplicate(self, kind: str, item_id: str) -> None:
        if item_id in self.ids():
            raise UserError(
                f"there is already {_article(kind)} {kind} `{item_id}` in {self.rel}",
                hint=f"choose another id, or edit the existing {kind}",
            )

    def append(self, item: dict[str, Any]) -> None:
        if self.items:
            self._focus(len(self.items) - 1)
        self.doc.append_item(self.list_key, item)
        self.expected[self.list_key] = [*self.items, item]

    def text(self) -> str:
        """The edited text, verified to hold exactly the expected data."""
        refuse_new_findings(self.rel, self.before, self.expected)
        text = ParsedText(self.doc.result())
        text.data = verify(self.rel, text, self.expected)  # the check takes it from here
        return text


def value_findings(rel: str, data: Any) -> list[Finding]:
    """What ``msc check`` says of the values in ``data``, the contents of ``rel``: a
    control character in a value (MSC017), then the file's model (a one-line field
    holding a line break, an id that is no id, ...)."""
    from msctool.load.hazards import CONTROL_HINT, control_message, control_values, scrub
    from msctool.load.loader import LIST_FILES
    from msctool.load.validation import validate

    findings = [
        Finding("MSC017", control_message(char), rel, hint=CONTROL_HINT, path=path)
        for path, char in control_values(data)
    ]
    model = next((spec.model for spec in LIST_FILES if spec.name == rel), None)
    if model is not None:
        findings += validate(model, scrub(data), rel)[1]
    return findings


def refuse_new_findings(rel: str, before: Any, after: Any) -> None:
    """A :class:`UserError` in ``msc check``'s words when the values of ``after`` have
    a finding those of ``before`` did not: the edit's own values are checked by the
    model's rules before any YAML is written for them.

    Only the list entries that differ are checked (:class:`_Changed`): an entry's
    findings are its own, so those of the entries both sides share cancel out."""
    old, new = _Changed.of(before, after), _Changed.of(after, before)
    seen = Counter((f.code, f.message) for f in value_findings(rel, old.data))
    for finding in value_findings(rel, new.data):
        key = (finding.code, finding.message)
        if seen[key]:
            seen[key] -= 1
            continue
        where = ".".join(str(part) for part in new.real_path(finding.path or ()))
        raise UserError(
            f"nothing written: {rel} would not pass `msc check`: {finding.code} "
            f"{finding.message}" + (f" (at `{where}`)" if where else ""),
            hint=finding.hint,
        )


@dataclass(frozen=True)
class _Changed:
    """The data of one side of an edit, its top-level lists cut down to the entries
    that differ from the other side's entry at the same place, plus one entry both
    share (so a list is empty only when it is). ``kept`` holds, per list, the place of
    each entry kept."""

    data: Any
    kept: dict[str, list[int]]

    @classmethod
    def of(cls, data: Any, other: Any) -> _Changed:
        if not isinstance(data, dict) or not isinstance(other, dict):
            return cls(data, {})
        cut, kept = dict(data), {}
        for key, items in data.items():
            theirs = other.get(key)
            if isinstance(items, list) and isinstance(theirs, list):
                kept[key] = _differing(items, theirs)
                cut[key] = [items[n] for n in kept[key]]
        return cls(cut, kept)

    def real_path(self, path: YamlPath) -> YamlPath:
        """``path`` in the cut data as a path in the whole data."""
        if len(path) < 2 or not isinstance(path[1], int) or str(path[0]) not in self.kept:
            return path
        return (path[0], self.kept[str(path[0])][path[1]], *path[2:])


def _differing(items: list[Any], other: list[Any]) -> list[int]:
    """Places where ``items`` has an entry ``other`` has not (at the same place), and
    the first place where both have the same one."""
    same = [
        n < len(other) and (other[n] is item or other[n] == item) for n, item in enumerate(items)
    ]
    shared = same.index(True) if True in same else None
    return [n for n, alike in enumerate(same) if not alike or n == shared]


def _parsed(rel: str, text: str) -> Any:
    """The data of ``text``; when it is not valid YAML, the error `msc check` reports,
    with line and column."""
    try:
        return parse(text)
    except ValueError:
        pass
    try:
        yaml_parse(Source(rel, text))
    except SourceError as exc:
        first = exc.findings[0]
        raise UserError(
            f"{rel}:{first.line}:{first.column}: {first.code} {first.message}; "
            "msc edits only a file msc check can read",
            hint=first.hint or "run `msc check` and fix the file first",
        ) from None
    raise UserError(f"{rel} is not valid YAML", hint="run `msc check` and fix the file first")


def _started(raw: str) -> str:
    """``raw``, with ``format_version: 1`` added when it holds nothing yet (a missing or
    empty file, or one of comments only: its comments stay)."""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n")
    if any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n")):
        return raw
    newline = "\r\n" if "\r\n" in raw else "\n"
    glue = newline if raw and not raw.endswith("\n") else ""
    return f"{raw}{glue}format_version: 1{newline}"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def unknown(kind: str, value: str, known: Iterable[str], rel: str) -> UserError:
    """The error for an id that names nothing, as ``msc check`` words it."""
    hint = did_you_mean(value, known) or f"use {_article(kind)} {kind} id from {rel}"
    return UserError(f"unknown {kind} `{value}`", hint=hint)


def read_yaml(root: Path, rel: str) -> object:
    """The data of a YAML file an edit needs to read (not edit); a clear error when it
    cannot be read."""
    try:
        return yaml_parse(Source(rel, read_text(root / rel, rel, root)))
    except SourceError as exc:
        raise UserError(
            f"{rel} cannot be read: {exc.findings[0].message}",
            hint=f"run `msc check` and fix {rel} first",
        ) from None


def partnership_language(root: Path) -> Language:
    """The partnership's language, which reads the numbers people type."""
    if not (root / "partnership.yaml").is_file():
        return "en"
    return language_written(read_yaml(root, "partnership.yaml"))


def whole_number(text: str, language: Language, field: str) -> int:
    """A count typed by a person (``1.004`` in Dutch is refused: 1004 or 1.004?);
    ``field`` names the parameter that carried it, for the error."""
    try:
        number = read_single(text, language)
    except NumberError as exc:
        raise UsageError(exc.reason, hint=exc.hint, field=field) from None
    if number != number.to_integral_value() or number < 0:
        raise UsageError(f"`{text.strip()}` is not a whole number of 0 or more", field=field)
    return int(number)


def drop_none(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` without the keys that were not given (None or an empty list)."""
    return {key: value for key, value in values.items() if value not in (None, [])}
