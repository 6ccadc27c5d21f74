"""Load a partnership folder into one typed :class:`~msctool.model.Partnership`.

Every file is read and validated on its own, so one broken file does not hide
the problems of the others; every problem becomes a :class:`Finding`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from msctool.findings import Finding, YamlPath
from msctool.load.collector import paused
from msctool.load.files import Source, SourceError
from msctool.load.numbers import language_written
from msctool.load.observations import MAX_CSV_BYTES, CsvFile, parse_observations
from msctool.load.records import parse_decision
from msctool.load.root import ROI_FILE, TOP_FILES
from msctool.load.root import ROOT_FILE as ROOT_FILE
from msctool.load.root import find_root as find_root
from msctool.load.sourcetree import FolderTree, SourceTree
from msctool.load.validation import validate
from msctool.load.yamlnumbers import ambiguous_numbers
from msctool.load.yamlsource import load
from msctool.model import (
    ActivitiesFile,
    Dated,
    Decision,
    EngagementFile,
    MetricsFile,
    Observation,
    PartnersFile,
    Partnership,
    PartnershipFile,
    RoiFile,
)
from msctool.model.vocabulary import Language
from msctool.suggest import edit_distance

if TYPE_CHECKING:
    from msctool.load.memo import ReadMemo
    from msctool.load.positions import PositionIndex

M = TypeVar("M", bound=BaseModel)

OBSERVATIONS = "data/*.csv"
"""Marked unreadable when any CSV file could not be read to its end."""
Location = tuple[str, YamlPath]


@dataclass(frozen=True)
class ListFile:
    """A file whose main content is one list of entries with ids."""

    name: str
    model: type[BaseModel]
    field: str
    kind: str


LIST_FILES = (
    ListFile("partners.yaml", PartnersFile, "partners", "partner"),
    ListFile("activities.yaml", ActivitiesFile, "activities", "activity"),
    ListFile("metrics.yaml", MetricsFile, "metrics", "metric"),
    ListFile("engagement.yaml", EngagementFile, "engagements", "engagement"),
)
KNOWN_FILES = TOP_FILES
KIND_FILES = {
    "goal": ROOT_FILE,
    "body": ROOT_FILE,
    "segment": ROOT_FILE,
    "outcome": ROI_FILE,
    **{spec.kind: spec.name for spec in LIST_FILES},
}
_SEVERAL_DOCUMENTS = re.compile(r"\S[\s\S]*^---(\s|$)", re.MULTILINE)
_RETRO = re.compile(r"^(\d{4}-\d{2}-\d{2})-[A-Za-z0-9-]+\.md$")
_NEWSLETTER = re.compile(r"^(\d{4})-(\d{2})\.(md|html|txt|eml)$")


@dataclass
class LoadResult:
    """What loading found: the partnership (None when partnership.yaml is unusable),
    every finding, and what rules need to point at the right line."""

    root: Path
    partnership: Partnership | None
    findings: list[Finding]
    sources: dict[str, Source] = field(default_factory=dict)
    locations: dict[tuple[str, str], Location] = field(default_factory=dict)
    raw_ids: dict[str, set[str]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    entries: Partnership | None = None
    """Every valid entry, even when partnership.yaml is invalid (then its ``meta``
    is empty and must not be read): reference checks still run on the rest."""
    lengths: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    """Per file, the number of entries of its top-level lists (positions are found
    in one entry's lines)."""
    _indexes: dict[str, PositionIndex] = field(default_factory=dict, repr=False)
    tree: SourceTree | None = field(default=None, repr=False, compare=False)
    """Where the files were read (a folder, a commit, an edit's overlay): rules that read
    a file the models do not hold (a retrospective's action items) read it here."""

    def where(self, kind: str, key: str, *more: str | int) -> Location:
        """File and YAML path of an entry (``"partner", "city"``) and a field below it."""
        rel, path = self.locations.get((kind, key), (ROOT_FILE, ()))
        return rel, (*path, *more)

    def position(self, rel: str, path: YamlPath, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of ``path`` in file ``rel`` (1, 1 when unknown).

        Positions are computed on first use, per file, so loading stays fast.
        """
        source = self.sources.get(rel)
        if source is None:
            return (1, 1)
        if rel not in self._indexes:
            from msctool.load.positions import PositionIndex

            self._indexes[rel] = PositionIndex(source, self.lengths.get(rel))
        return self._indexes[rel].locate(path, at_key)

    def locate(self, kind: str, key: str, *more: str | int) -> tuple[str, int, int]:
        """File, line and column of an entry or a field below it:
        ``locate("partner", "city", "sector")``."""
        rel, path = self.where(kind, key, *more)
        return (rel, *self.position(rel, path))

    def known(self, kind: str) -> set[str]:
        """Ids of ``kind`` written in the files, valid or not (no cascading errors)."""
        return self.raw_ids.get(kind, set())

    def resolvable(self, kind: str) -> bool:
        """False when the file that defines ``kind`` could not be parsed at all:
        references to it are then not checked, so one syntax error does not cascade."""
        return KIND_FILES.get(kind) not in self.unreadable


def load_partnership(path: Path | str = ".", *, memo: ReadMemo | None = None) -> LoadResult:
    """Load the partnership that holds ``path``; never raises for bad data. Links and
    special files where msc reads or writes are findings too (MSC014). ``memo``: see
    :func:`load_tree`."""
    from msctool.load.entries import entry_findings, without_repeats

    root = find_root(path)
    result = load_tree(FolderTree(root), memo=memo)
    found = entry_findings(root)  # what each entry is: says more than the loader can
    result.findings[:] = [*without_repeats(found, result.findings), *found]
    return result


def load_tree(
    tree: SourceTree, *, observations: bool = True, memo: ReadMemo | None = None
) -> LoadResult:
    """Load the partnership whose files ``tree`` holds (a folder, or a commit of a
    git repository: :mod:`msctool.history.tree`); never raises for bad data.

    ``observations=False`` leaves ``data/*.csv`` unread (no figures, no findings
    about them): for callers that compare structure, not figures. ``memo`` keeps
    what reading each text gave, for a second load of mostly the same texts.
    """
    with paused():
        return _Loader(tree, observations, memo).load()


class _Loader:
    def __init__(
        self, tree: SourceTree, observations: bool = True, memo: ReadMemo | None = None
    ) -> None:
        self.tree = tree
        self.observations = observations
        self.memo = memo
        self.result = LoadResult(root=tree.root, partnership=None, findings=[], tree=tree)
        self.language: Language = "en"
        """The partnership's language, as written (even when partnership.yaml has errors):
        the rule that reads values a data file leaves open."""

    def load(self) -> LoadResult:
        meta = self._load_root()
        lists = {spec.field: self._load_list(spec) for spec in LIST_FILES}
        roi = self._load_roi()
        observations = self._load_observations() if self.observations else []
        decisions = self._load_decisions()
        self._check_unknown_files()
        self._check_typed_numbers()
        self.result.entries = Partnership(
            root=self.result.root,
            meta=meta or _unusable_root(),
            partners=tuple(lists["partners"]),
            activities=tuple(lists["activities"]),
            metrics=tuple(lists["metrics"]),
            engagements=tuple(lists["engagements"]),
            observations=tuple(observations),
            roi=roi,
            decisions=tuple(decisions),
            retros=tuple(self._dated("retros", _RETRO)),
            newsletters=tuple(self._dated("newsletters", _NEWSLETTER)),
            files=tuple(sorted(self.result.sources)),
        )
        self.result.partnership = self.result.entries if meta is not None else None
        return self.result

    # -- reading -----------------------------------------------------------------

    def _read(self, rel: str) -> Any:
        """Parsed YAML of ``rel``, or None (with a finding) when it cannot be parsed."""
        try:
            source = Source(rel, self.tree.read_text(rel))
            self.result.sources[rel] = source
            data, hazards = self.memo.yaml(source) if self.memo else load(source)
        except SourceError as exc:
            self.result.findings.extend(exc.findings)
            self.result.unreadable.add(rel)
            return None
        self.result.findings.extend(hazards)
        if not isinstance(data, dict):
            self.result.findings.append(_not_a_mapping(source, data))
            self.result.unreadable.add(rel)
            return None
        return data

    def _load_root(self) -> PartnershipFile | None:
        data = self._read(ROOT_FILE)
        if data is None:
            return None
        self._register_root_ids(data)
        self.language = language_written(data)
        meta, findings = self._validate(PartnershipFile, data, ROOT_FILE)
        self.result.findings.extend(findings)
        return meta

    def _register_root_ids(self, data: dict[str, Any]) -> None:
        population = data.get("target_population")
        segments = population.get("segments") if isinstance(population, dict) else None
        self._register(ROOT_FILE, ("goals",), "goal", data.get("goals"))
        self._register(ROOT_FILE, ("bodies",), "body", data.get("bodies"))
        self._register(ROOT_FILE, ("target_population", "segments"), "segment", segments)

    def _load_list(self, spec: ListFile) -> list[Any]:
        if not self.tree.exists(spec.name):
            return []
        data = self._read(spec.name)
        if data is None:
            return []
        items = data.get(spec.field)
        if not isinstance(items, list):
            self.result.unreadable.add(spec.name)  # its ids are unknown: no references, no rules
        self._register(spec.name, (spec.field,), spec.kind, items)
        model, findings = self._validate(spec.model, data, spec.name)
        self.result.findings.extend(findings)
        if model is not None:
            return list(getattr(model, spec.field))
        return _salvage(spec, items)

    def _load_roi(self) -> RoiFile | None:
        if not self.tree.exists(ROI_FILE):
            return None
        data = self._read(ROI_FILE)
        if data is None:
            return None
        self._register(ROI_FILE, ("outcomes",), "outcome", data.get("outcomes"))
        roi, findings = self._validate(RoiFile, data, ROI_FILE)
        self.result.findings.extend(findings)
        return roi

    def _load_observations(self) -> list[Observation]:
        observations: list[Observation] = []
        seen: dict[tuple[str, date], tuple[str, int]] = {}
        metrics = self.result.known("metric") if self.result.resolvable("metric") else None
        for name in self._names("data", "*.csv"):
            rel = f"data/{name}"
            csv_file = self._read_csv(rel, metrics)
            self.result.findings.extend(csv_file.findings)
            if not csv_file.complete:
                self.result.unreadable.add(OBSERVATIONS)
            for row, line in csv_file.rows:
                where = (rel, line)
                first = seen.setdefault((row.metric, row.date), where)
                if first is where:  # the first row of this metric and date
                    observations.append(row)
                else:
                    self.result.findings.append(_twice(row, rel, line, f"{first[0]}:{first[1]}"))
        return observations

    def _load_decisions(self) -> list[Decision]:
        decisions: list[Decision] = []
        ids = self.result.raw_ids.setdefault("decision", set())
        for name in self._names("decisions", "*.md"):
            rel = f"decisions/{name}"
            try:
                text = self.tree.read_text(rel)
                record = self.memo.decision(text, rel) if self.memo else parse_decision(text, rel)
            except SourceError as exc:
                self.result.findings.extend(exc.findings)
                continue
            self.result.findings.extend(record.findings)
            if record.source is not None:
                self.result.sources[rel] = record.source
            if record.written_id is not None:
                key = str(record.written_id)
                if key in ids:
                    self._duplicate("decision", key, rel, ("id",))
                ids.add(key)
                self.result.locations.setdefault(("decision", key), (rel, ()))
            if record.decision is not None:
                decisions.append(record.decision)
        return decisions

    def _validate(self, model: type[M], data: Any, rel: str) -> tuple[M | None, list[Finding]]:
        """The model of ``data``, read from ``rel`` (:meth:`_read`), and its findings."""
        if self.memo:
            return self.memo.validated(model, data, self.result.sources[rel])
        return validate(model, data, rel)

    def _check_typed_numbers(self) -> None:
        """Numbers in the YAML files that read two ways in the partnership's language."""
        for source in self.result.sources.values():
            self.result.findings.extend(ambiguous_numbers(source, self.language))

    def _names(self, folder: str, pattern: str) -> list[str]:
        """Names in ``folder`` matching the glob ``pattern``, sorted."""
        return [name for name in self.tree.names(folder) if fnmatchcase(name, pattern)]

    def _read_csv(self, rel: str, metrics: set[str] | None) -> CsvFile:
        try:
            text = self.tree.read_text(rel, MAX_CSV_BYTES)
        except SourceError as exc:
            return CsvFile(findings=exc.findings, complete=False)
        if self.memo:
            return self.memo.observations(text, rel, metrics, self.language)
        return parse_observations(text, rel, metrics, self.language)

    def _dated(self, folder: str, pattern: re.Pattern[str]) -> Iterable[Dated]:
        for name in self.tree.names(folder):
            match = pattern.match(name)
            if match is None:
                continue
            day = _date_of(match)
            if day is not None:
                yield Dated(f"{folder}/{name}", day)

    def _check_unknown_files(self) -> None:
        for name in self._names("", "*.y*ml"):
            if name in KNOWN_FILES or name.startswith("."):
                continue
            guess = _misspelt(Path(name).stem)
            if guess is None:
                continue
            self.result.findings.append(
                Finding(
                    "MSC013",
                    f"msc does not read `{name}`",
                    name,
                    hint=f"did you mean `{guess}.yaml`? rename the file",
                    severity="warning",
                    line=1,
                    column=1,
                )
            )

    def _register(self, rel: str, base: YamlPath, kind: str, items: Any) -> None:
        ids = self.result.raw_ids.setdefault(kind, set())
        if not isinstance(items, list):
            return
        if len(base) == 1:
            self.result.lengths.setdefault(rel, {})[str(base[0])] = len(items)
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str | int):
                key = str(item["id"])
                if key in ids:
                    self._duplicate(kind, key, rel, (*base, index, "id"))
                ids.add(key)
                self.result.locations.setdefault((kind, key), (rel, (*base, index)))

    def _duplicate(self, kind: str, key: str, rel: str, path: YamlPath) -> None:
        first_rel, _ = self.result.where(kind, key)
        first = first_rel if first_rel != rel else "this file"
        self.result.findings.append(
            Finding(
                "MSC008",
                f"duplicate {kind} id `{key}` (also used earlier in {first})",
                rel,
                hint="give each entry its own id and update the references",
                path=path,
            )
        )


def _unusable_root() -> PartnershipFile:
    """Stands in for an invalid partnership.yaml so the other files can still be
    cross-checked; it has no fields, and nothing reads it (``partnership`` is None)."""
    nothing: dict[str, Any] = {}
    return PartnershipFile.model_construct(**nothing)


def _twice(row: Observation, rel: str, line: int, first: str) -> Finding:
    return Finding(
        "MSC011",
        f"`{row.metric}` on {row.date} is already recorded ({first})",
        rel,
        hint="keep one observation per metric and date; correct or delete the other",
        line=line,
        column=1,
    )


def _misspelt(stem: str) -> str | None:
    """The known file ``stem`` most likely stands for, if it is a near miss.

    The allowed distance grows with the known name (``activity`` for
    ``activities``), so short unrelated names like ``ci`` or ``env`` stay quiet.
    """
    best: tuple[int, str] | None = None
    for known in KNOWN_FILES:
        name = known.removesuffix(".yaml")
        distance = edit_distance(stem.lower(), name)
        if distance <= 0.4 * len(name) and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


def _salvage(spec: ListFile, items: Any) -> list[Any]:
    """The entries that are valid on their own, when the file as a whole is not."""
    if not isinstance(items, list):
        return []
    annotation = spec.model.model_fields[spec.field].annotation
    adapter: TypeAdapter[Any] = TypeAdapter(annotation.__args__[0])  # type: ignore[union-attr]
    valid = []
    for item in items:
        try:
            valid.append(adapter.validate_python(item))
        except ValidationError:
            continue
    return valid


def _date_of(match: re.Match[str]) -> date | None:
    try:
        if len(match.groups()) == 1:
            return date.fromisoformat(match.group(1))
        return date(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        return None


def _not_a_mapping(source: Source, data: Any) -> Finding:
    if isinstance(data, list) and _SEVERAL_DOCUMENTS.search(source.text):
        found = "several YAML documents"
        hint = "a file holds one YAML document: remove the extra `---` lines"
    elif isinstance(data, list):
        found = "a list"
        hint = "start with `format_version: 1`, then put the list under its key (e.g. `partners:`)"
    else:
        found = f"a single value (`{str(data)[:40]}`)"
        hint = "start with `format_version: 1` and write `key: value` lines"
    return Finding(
        "MSC006",
        f"expected a mapping (`key: value` lines) at the top of the file, found {found}",
        source.rel,
        hint=hint,
        line=1,
        column=1,
    )
