"""What history says about each decision record, built up one commit at a time.

:class:`State` is fed the commits of ``git log`` oldest first, with the
contents of the records each one changed. It holds only per-decision facts
(never the commits themselves), is plain data so it can be cached as JSON,
and can continue from where a cached copy stopped.

How a commit changes the state:

- a ``decisions/*.md`` file added or changed: its front matter is read; a new
  id starts a record (that commit, its author and date are "who committed
  it"); an existing record takes the new front matter, and when it had been
  accepted before and its content changed, the commit is listed as an
  amendment (a rename that keeps the content is none); the first commit in
  which the record says ``accepted`` is kept as the day it was accepted;
- a record deleted (and its id not moved to another file in the same commit)
  is marked removed with that commit;
- front matter that does not parse or validate leaves the record as it was and
  adds a warning naming the commit and the file;
- a merge commit: after its changes against its first parent, the record
  files last changed by a commit the merge contains are settled to what the
  merge holds (:meth:`State.settle`), because the commits of the merged
  branches come in date order and the one read last is not always the one
  the merge kept;
- trailers: ``Supersedes:``, ``Consulted:`` and ``Informed:`` belong to the
  decision named by ``Decision:``, or to the one record the commit changed;
  numbers in ``Decision:``/``Supersedes:`` are kept to check they exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from msctool.findings import Finding
from msctool.history.commits import FileChange, LogCommit
from msctool.history.trailers import NUMBER
from msctool.load.root import ROOT_FILE

PARTNERSHIP_FILE = ROOT_FILE
"""The file that makes a folder a partnership, as a path inside the folder."""
RECORD = re.compile(r"^decisions/[^/]+\.md$")
_ID_TRAILERS = ("decision", "supersedes")
_LIST_TRAILERS = ("consulted", "informed")


class MergeReader(Protocol):
    """What :meth:`State.settle` asks git about a merge."""

    def contains(self, sha: str) -> bool:
        """True when the merge contains commit ``sha`` (an empty sha: unknown, so True)."""
        ...

    def read(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The contents of ``blobs``."""
        ...


@dataclass
class Event:
    """A commit as far as one record is concerned."""

    commit: str
    date: str
    author: str
    subject: str

    @classmethod
    def of(cls, commit: LogCommit) -> Event:
        return cls(commit.sha, commit.date.isoformat(), commit.author, commit.subject)


@dataclass
class Record:
    """One decision's latest valid front matter and its history so far."""

    id: int
    file: str
    title: str
    date: str
    status: str
    body: str
    rule: str | None
    supersedes: list[int]
    consulted: list[str]
    informed: list[str]
    affects: list[str]
    added: Event
    partnership: str | None
    """The partnership.yaml blob when the record was added (for the body's rule then)."""
    blob: str = ""
    """The content of the record's latest valid version."""
    accepted: Event | None = None
    """The first commit in which the record said ``accepted``."""
    amendments: list[Event] = field(default_factory=list)
    removed: Event | None = None
    trailer_supersedes: list[int] = field(default_factory=list)
    trailer_consulted: list[str] = field(default_factory=list)
    trailer_informed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Front:
    """The front-matter fields the log uses, validated by :class:`DecisionMeta`."""

    id: int
    title: str
    date: str
    status: str
    body: str
    rule: str | None
    supersedes: list[int]
    consulted: list[str]
    informed: list[str]
    affects: list[str]


@dataclass
class State:
    """Everything the log knows after the commits it has read."""

    records: dict[int, Record] = field(default_factory=dict)
    files: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    """Each record file at the last commit read: (its id, or None when invalid; blob)."""
    origins: dict[str, str] = field(default_factory=dict)
    """The commit that last added, changed or deleted each record file (for merges)."""
    partnership: str | None = None
    """The partnership.yaml blob at the last commit read."""
    rules: dict[str, dict[str, str]] = field(default_factory=dict)
    """Decision rule per body id, per partnership.yaml blob."""
    references: list[tuple[str, str, int]] = field(default_factory=list)
    """(commit, trailer key, decision number) to check once all commits are read."""
    problems: list[tuple[str, str, str, str, int, int]] = field(default_factory=list)
    """(code, message, file, hint, line, column) found while reading."""

    def findings(self) -> Iterator[Finding]:
        """Problems found while reading, then trailers naming decisions that never existed."""
        for code, message, file, hint, line, column in self.problems:
            yield Finding(
                code, message, file, hint=hint, severity="warning", line=line, column=column
            )
        for commit, key, number in self.references:
            if number not in self.records:
                yield Finding(
                    "LOG003",
                    f"commit {commit[:7]} has the trailer `{key}: {number:04d}`, "
                    f"but no decision {number:04d} is in the history",
                    "decisions",
                    hint="a trailer cannot be changed once pushed; record the right "
                    "number in the decision's front matter",
                    severity="warning",
                )

    def rule_for(self, record: Record) -> str | None:
        """The record's own rule, else its body's rule when it was added, else today's."""
        if record.rule:
            return record.rule
        for blob in (record.partnership, self.partnership):
            rule = self.rules.get(blob or "", {}).get(record.body)
            if rule:
                return rule
        return None

    def needed_partnership_blobs(self) -> set[str]:
        """partnership.yaml versions whose rules are needed and not read yet."""
        wanted = {r.partnership for r in self.records.values() if not r.rule and r.partnership}
        if self.partnership:
            wanted.add(self.partnership)
        return {blob for blob in wanted if blob not in self.rules}

    # -- reading commits ------------------------------------------------------------

    def _is_new(self, rel: str, blob: str) -> bool:
        known = self.files.get(rel)
        return known is None or known[1] != blob

    def apply(self, commit: LogCommit, prefix: str, blobs: dict[str, bytes]) -> None:
        """Take one commit (oldest first) with the contents of the records it changed."""
        event = Event.of(commit)
        changes = [(change.path[len(prefix) :], change) for change in commit.changes]
        if any(rel == PARTNERSHIP_FILE for rel, _ in changes):
            self.partnership = _partnership_blob(changes)
        gone = self._deletions(changes, commit.sha)
        touched = [
            number
            for rel, change in changes
            if change.status != "D" and RECORD.match(rel)
            for number in self._changed(rel, change.blob, blobs.get(change.blob), event)
        ]
        for number in gone - set(touched):
            record = self.records[number]
            if record.file not in self.files:
                record.removed = event
        self._trailers(commit, touched)

    def _deletions(self, changes: list[tuple[str, FileChange]], sha: str) -> set[int]:
        gone: set[int] = set()
        for rel, change in changes:
            if change.status == "D" and RECORD.match(rel) and rel in self.files:
                number, _blob = self.files.pop(rel)
                self.origins[rel] = sha
                if number is not None:
                    gone.add(number)
        return gone

    def _changed(self, rel: str, blob: str, data: bytes | None, event: Event) -> list[int]:
        if not self._is_new(rel, blob):
            return []  # a merge repeating what its branch already did
        before = self.files.get(rel, (None, ""))[0]
        front = self._front(rel, data, event)
        self.files[rel] = (front.id if front else before, blob)
        self.origins[rel] = event.commit
        if front is None:
            return []
        if before is not None and before != front.id and before in self.records:
            self.records[before].removed = event
        self._take(rel, blob, front, event)
        return [front.id]

    def _front(self, rel: str, data: bytes | None, event: Event) -> Front | None:
        if data is None:
            self._problem("LOG001", f"commit {event.commit[:7]}: cannot read {rel}", rel)
            return None
        front, finding = read_front(data, rel)
        if finding is not None:
            self._problem(
                "LOG001",
                f"commit {event.commit[:7]} ({event.date[:10]}, {event.author}): {finding.message}",
                rel,
                hint="the log skips this version of the record; fix the front matter "
                "in a new commit (`msc check` shows what is wrong)",
                line=finding.line,
                column=finding.column,
            )
        return front

    def _take(
        self, rel: str, blob: str, front: Front, event: Event, *, settling: bool = False
    ) -> None:
        record = self.records.get(front.id)
        if record is None:
            record = Record(**vars(front), file=rel, added=event, partnership=self.partnership)
            self.records[front.id] = record
        elif settling:
            pass  # the merge kept a version already read: not an amendment
        elif not self._same_number_twice(record, rel, event) and _amends(record, blob):
            record.amendments.append(event)
        for key, value in vars(front).items():
            setattr(record, key, value)
        record.file, record.removed = rel, None
        record.blob = blob
        if record.accepted is None and front.status == "accepted":
            record.accepted = event

    def _same_number_twice(self, record: Record, rel: str, event: Event) -> bool:
        """Warn (LOG002) when another file still holds ``record``'s number."""
        other = record.file
        if other == rel or other not in self.files or record.removed is not None:
            return False
        self._problem(
            "LOG002",
            f"commit {event.commit[:7]}: {rel} and {other} both hold decision {record.id:04d}",
            rel,
            hint="give one of them the next free number (file name and `id:`)",
        )
        return True

    def _trailers(self, commit: LogCommit, touched: list[int]) -> None:
        found = _trailer_values(commit)
        for key in _ID_TRAILERS:
            for number in found.numbers.get(key, []):
                self.references.append((commit.sha, key.capitalize(), number))
        for text in found.bad:
            self._problem(
                "LOG003",
                f"commit {commit.sha[:7]}: trailer `{text}` does not name a decision number",
                "decisions",
                hint="write decision numbers like `Supersedes: 0004`",
            )
        targets = found.numbers.get("decision") or touched
        if len(set(targets)) > 1 and (found.lists or "supersedes" in found.numbers):
            self._problem(
                "LOG008",
                f"commit {commit.sha[:7]} changes several decision records, so its "
                "`Supersedes:`/`Consulted:`/`Informed:` trailers were not applied",
                "decisions",
                hint="say which decision they belong to in its front matter "
                "(`supersedes:`, `consulted:`, `informed:`)",
            )
        if len(set(targets)) != 1:
            return
        record = self.records.get(targets[0])
        if record is not None:
            _extend(record.trailer_supersedes, found.numbers.get("supersedes", []))
            _extend(record.trailer_consulted, found.lists.get("consulted", []))
            _extend(record.trailer_informed, found.lists.get("informed", []))

    def settle(self, commit: LogCommit, tree: dict[str, str], git: MergeReader) -> None:
        """Make the record files merge ``commit`` decided on what it holds: ``tree``
        maps each record file (``decisions/NAME.md``) at that commit to its blob.

        A file differs when the version read last came from the merged branch
        and the merge kept another one (or none); a file last changed by a commit
        the merge does not contain (another branch, merged later) is left alone.
        A version the merge kept was read before, so it is no amendment; a record
        the merge left out is removed by the merge.
        """
        differ = {*self.files, *tree} - {
            rel for rel, blob in tree.items() if not self._is_new(rel, blob)
        }
        settled = [rel for rel in sorted(differ) if git.contains(self.origins.get(rel, ""))]
        kept = {rel: tree[rel] for rel in settled if rel in tree}
        found = git.read(kept.values()) if kept else {}
        event = Event.of(commit)
        for rel in settled:
            self.origins[rel] = commit.sha
            if rel not in kept:
                self.files.pop(rel, None)
                continue
            front, _problem = read_front(found.get(kept[rel], b""), rel)
            before = self.files.get(rel, (None, ""))[0]
            self.files[rel] = (front.id if front else before, kept[rel])
            if front is not None:
                self._take(rel, kept[rel], front, event, settling=True)
        held = {number for number, _blob in self.files.values()}
        for record in self.records.values():
            if record.removed is None and record.id not in held:
                record.removed = event

    def _problem(
        self, code: str, message: str, rel: str, hint: str = "", line: int = 0, column: int = 0
    ) -> None:
        self.problems.append((code, message, rel, hint, line, column))

    # -- cache --------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["records"] = list(data["records"].values())
        data["files"] = [[rel, number, blob] for rel, (number, blob) in self.files.items()]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        """The state a :meth:`to_json` wrote; ``KeyError``/``TypeError`` when it is not one."""
        records = {item["id"]: _record(item) for item in data["records"]}
        return cls(
            records=records,
            files={rel: (number, blob) for rel, number, blob in data["files"]},
            origins={str(rel): str(sha) for rel, sha in data["origins"].items()},
            partnership=data["partnership"],
            rules={str(k): dict(v) for k, v in data["rules"].items()},
            references=[(c, k, int(n)) for c, k, n in data["references"]],
            problems=[tuple(p) for p in data["problems"]],
        )


def _record(item: dict[str, Any]) -> Record:
    events = ("added", "amendments", "removed", "accepted")
    return Record(
        **{k: v for k, v in item.items() if k not in events},
        added=Event(**item["added"]),
        amendments=[Event(**event) for event in item["amendments"]],
        removed=_event(item["removed"]),
        accepted=_event(item["accepted"]),
    )


def _event(data: dict[str, str] | None) -> Event | None:
    return Event(**data) if data else None


def _amends(record: Record, blob: str) -> bool:
    """A commit amends a record it puts back after removal, or whose accepted content
    it changes (a rename with the same content changes nothing)."""
    if record.removed is not None:
        return True
    return record.accepted is not None and blob != record.blob


def _partnership_blob(changes: list[tuple[str, FileChange]]) -> str | None:
    for rel, change in changes:
        if rel == PARTNERSHIP_FILE:
            return None if change.status == "D" else change.blob
    return None


def _extend(target: list[Any], values: list[Any]) -> None:
    target.extend(value for value in values if value not in target)


@dataclass
class _Trailers:
    numbers: dict[str, list[int]] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    bad: list[str] = field(default_factory=list)


def _trailer_values(commit: LogCommit) -> _Trailers:
    found = _Trailers()
    for key, value in commit.trailers:
        name = key.lower()
        items = [item.strip() for item in value.split(",") if item.strip()]
        if name in _ID_TRAILERS:
            for item in items:
                match = NUMBER.match(item)
                if match:
                    found.numbers.setdefault(name, []).append(int(match.group(1)))
                else:
                    found.bad.append(f"{key}: {item}")
        elif name in _LIST_TRAILERS:
            found.lists.setdefault(name, []).extend(items)
    return found


def prepare() -> None:
    """Import what reading records needs (pydantic models: a tenth of a second), so a
    caller can do it while git is still walking the history."""
    import msctool.load.records
    import msctool.load.validation  # noqa: F401


def read_front(data: bytes, rel: str) -> tuple[Front | None, Finding | None]:
    """The validated front matter of a record's content, or the first problem found."""
    from msctool.load.files import SourceError, decode
    from msctool.load.records import split_front_matter
    from msctool.load.validation import validate
    from msctool.load.yamlsource import parse
    from msctool.model.decisions import DecisionMeta

    try:
        source, _text = split_front_matter(decode(data, rel), rel)
        values = parse(source)
    except SourceError as exc:
        return None, exc.findings[0]
    meta, findings = validate(DecisionMeta, values, rel)
    if meta is None:
        from msctool.load.positions import PositionIndex

        first = findings[0]
        if first.path is not None:
            line, column = PositionIndex(source).locate(first.path, first.at_key)
            first = first.located(line, column)
        return None, first
    return Front(
        id=meta.id,
        title=meta.title,
        date=meta.date.isoformat(),
        status=meta.status,
        body=meta.body,
        rule=meta.rule,
        supersedes=list(meta.supersedes),
        consulted=list(meta.consulted),
        informed=list(meta.informed),
        affects=list(meta.affects),
    ), None
