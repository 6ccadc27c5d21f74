"""Reading ``decisions/NNNN-slug.md``: YAML front matter, then the Markdown record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from msctool.findings import Finding
from msctool.load.files import Source, SourceError, read_text
from msctool.load.validation import validate
from msctool.load.yamlsource import load
from msctool.model.decisions import Decision, DecisionMeta

FILE_NAME = re.compile(r"^(\d{4})-[a-z0-9][a-z0-9-]*\.md$")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, rel: str) -> tuple[Source, str]:
    """The front matter as a YAML source (positions shifted past the `---`) and the body."""
    if not text.startswith("---"):
        raise SourceError(
            Finding(
                "MSC012",
                "decision record has no front matter",
                rel,
                hint="start the file with a `---` line, the YAML fields, and another `---` line",
                line=1,
                column=1,
            )
        )
    fences = list(_FENCE.finditer(text))
    if len(fences) < 2 or fences[0].start() != 0:
        raise SourceError(
            Finding(
                "MSC012",
                "front matter is not closed",
                rel,
                hint="end the YAML fields with a line holding only `---`",
                line=1,
                column=1,
            )
        )
    yaml_text = text[fences[0].end() + 1 : fences[1].start()]
    return Source(rel, yaml_text, line_offset=1), text[fences[1].end() :].lstrip("\n")


@dataclass(frozen=True)
class DecisionFile:
    """What reading one record gave: the decision (None when invalid), the
    front-matter source for positions, the findings, and the id as written."""

    decision: Decision | None
    source: Source | None
    findings: list[Finding]
    written_id: int | None = None


def read_decision(path: Path, rel: str, root: Path) -> DecisionFile:
    """Read and validate one decision record."""
    try:
        text = read_text(path, rel, root)
    except SourceError as exc:
        return DecisionFile(None, None, exc.findings)
    return parse_decision(text, rel)


def parse_decision(text: str, rel: str) -> DecisionFile:
    """Validate the record ``text`` of file ``rel`` (``decisions/NNNN-slug.md``)."""
    try:
        source, body = split_front_matter(text, rel)
        data, hazards = load(source)
    except SourceError as exc:
        return DecisionFile(None, None, exc.findings)
    written = data.get("id") if isinstance(data, dict) else None
    written_id = written if isinstance(written, int) else None
    meta, findings = validate(DecisionMeta, data, rel)
    findings[:0] = hazards
    if meta is None:
        return DecisionFile(None, source, findings, written_id)
    file_name = PurePosixPath(rel).name
    name = FILE_NAME.match(file_name)
    if name is None or int(name.group(1)) != meta.id:
        problem = (
            f"file name does not match decision id {meta.id}"
            if name is None or not file_name[:4].isdigit() or int(file_name[:4]) != meta.id
            else "file name must be the number, a dash and lower-case words"
        )
        findings.append(
            Finding(
                "MSC012",
                problem,
                rel,
                hint=f"name the file `decisions/{meta.id:04d}-<short-title>.md`",
                path=("id",),
            )
        )
    return DecisionFile(Decision(meta=meta, text=body, file=rel), source, findings, meta.id)
