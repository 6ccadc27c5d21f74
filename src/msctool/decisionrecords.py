"""Reading ``decisions/NNNN-slug.md``: YAML front matter, then the Markdown record."""

from __future__ import annotations

import re
from pathlib import Path

from msctool.findings import Finding
from msctool.model.decisions import Decision, DecisionMeta
from msctool.validation import validate
from msctool.yamlsource import Source, SourceError, parse, read_text

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


def read_decision(path: Path, rel: str) -> tuple[Decision | None, Source | None, list[Finding]]:
    """One decision record, its front-matter source (for positions) and its findings."""
    try:
        source, body = split_front_matter(read_text(path, rel), rel)
        data = parse(source)
    except SourceError as exc:
        return None, None, [exc.finding]
    meta, findings = validate(DecisionMeta, data, rel)
    if meta is None:
        return None, source, findings
    name = FILE_NAME.match(path.name)
    if name is None or int(name.group(1)) != meta.id:
        findings.append(
            Finding(
                "MSC012",
                f"file name does not match decision id {meta.id}",
                rel,
                hint=f"name the file `decisions/{meta.id:04d}-<short-title>.md`",
                path=("id",),
            )
        )
    return Decision(meta=meta, text=body, file=rel), source, findings
