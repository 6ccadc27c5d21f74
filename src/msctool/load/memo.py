"""What reading a partnership's files gave, kept by file and text for the next reading.

An edit loads the partnership as it will be, and, when that has errors, loads it
again as it is, to tell its own errors from old ones (:mod:`msctool.edits.saving`);
``msc metric record`` reads every data file before the edited partnership is
loaded. The files an edit does not touch have the same text each time: with one
:class:`ReadMemo` for all these readings, their YAML, models, decision records and
observations are read once.

What is kept is only ever read afterwards: parsed YAML (loading reads it, never
changes it), frozen models, findings, and the rows of data files.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from msctool.findings import Finding
from msctool.load.files import Source, SourceError
from msctool.load.hazards import MAYBE_ESCAPED, clean_text
from msctool.load.observations import CsvFile, parse_observations
from msctool.load.records import DecisionFile, parse_decision
from msctool.load.validation import validate
from msctool.load.yamlsource import load
from msctool.model.vocabulary import Language

M = TypeVar("M", bound=BaseModel)


class ReadMemo:
    """Results of reading texts, by file name and text (a text that changed is read anew)."""

    def __init__(self) -> None:
        self._yaml: dict[tuple[str, str, int], tuple[Any, list[Finding]] | SourceError] = {}
        self._models: dict[tuple[type[BaseModel], str, str], tuple[Any, list[Finding]]] = {}
        self._decisions: dict[tuple[str, str], DecisionFile] = {}
        self._csv: dict[tuple[str, str, Language], tuple[frozenset[str] | None, CsvFile]] = {}

    def yaml(self, source: Source) -> tuple[Any, list[Finding]]:
        """:func:`msctool.load.yamlsource.load` of ``source``."""
        key = (source.rel, source.text, source.line_offset)
        found = self._yaml.get(key)
        if found is None:
            try:
                found = load(source)
            except SourceError as exc:
                found = exc
            self._yaml[key] = found
        if isinstance(found, SourceError):
            raise SourceError(*found.findings)
        return found

    def remember(self, source: Source, data: Any) -> None:
        """Keep ``data``, which yaml-rs read from ``source``'s text as an edit reads it
        (:func:`msctool.edits.yamledit.verify`: no alias limit), as what :meth:`yaml`
        gives; only when :func:`~msctool.load.yamlsource.load` would read the text the
        same way: nothing to clean (no control character, no foreign tag), no escape
        that may write a control character, no anchor (so no alias to limit)."""
        text = source.text
        if not isinstance(data, dict) or not data or "&" in text or MAYBE_ESCAPED.search(text):
            return
        cleaned, findings = clean_text(text, source.rel, source.line_offset)
        if not findings and cleaned == text:
            self._yaml.setdefault((source.rel, text, source.line_offset), (data, []))

    def validated(
        self, model: type[M], data: Any, source: Source
    ) -> tuple[M | None, list[Finding]]:
        """:func:`msctool.load.validation.validate` of ``data``, which :meth:`yaml` read
        from ``source``."""
        key = (model, source.rel, source.text)
        found = self._models.get(key)
        if found is None:
            found = self._models[key] = validate(model, data, source.rel)
        return found

    def decision(self, text: str, rel: str) -> DecisionFile:
        """:func:`msctool.load.records.parse_decision` of ``text``."""
        found = self._decisions.get((rel, text))
        if found is None:
            found = self._decisions[rel, text] = parse_decision(text, rel)
        return found

    def observations(
        self, text: str, rel: str, metrics: set[str] | None, language: Language
    ) -> CsvFile:
        """:func:`msctool.load.observations.parse_observations` of ``text``. A reading
        with other metric ids is the same reading when every metric a row names is
        known to both (or neither checks ids): only rows naming an unknown metric
        read differently."""
        found = self._csv.get((rel, text, language))
        if found is not None:
            checked, csv_file = found
            if checked == metrics or all(
                _known(m, checked) and _known(m, metrics) for m in csv_file.named
            ):
                return csv_file
        csv_file = parse_observations(text, rel, metrics, language)
        checked = frozenset(metrics) if metrics is not None else None
        self._csv[rel, text, language] = (checked, csv_file)
        return csv_file


def _known(metric: str, metrics: set[str] | frozenset[str] | None) -> bool:
    return metrics is None or metric in metrics
