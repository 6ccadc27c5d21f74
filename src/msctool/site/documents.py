"""The files the site shows as they were written: newsletters and retrospectives.

They are read the way the loader reads YAML (:mod:`msctool.load.sourcetree`): only
regular files inside the partnership folder, up to a size limit, as UTF-8. A
file that cannot be read (a link to a place outside the folder, a folder
named like an issue, a file too large) is left out of the site, and its
finding goes on the health page, so nothing outside the partnership is
ever published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from msctool.findings import Finding
from msctool.load.files import SourceError
from msctool.load.sourcetree import FolderTree
from msctool.model import Dated, Partnership
from msctool.model.vocabulary import Audience
from msctool.render.audience import shows

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
"""Larger newsletters and retrospectives are left out: a text this big is a mistake."""

PREFERRED = (".md", ".txt")
"""The kinds of a newsletter issue the site shows, best first."""


@dataclass(frozen=True)
class Documents:
    """The texts the site shows, by path in the folder, and why any were left out."""

    texts: dict[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()


def newsletter_issues(partnership: Partnership) -> list[list[Dated]]:
    """The files of each newsletter issue (one issue: one name, several kinds), newest first."""
    issues: dict[str, list[Dated]] = {}
    for dated in partnership.newsletters:
        issues.setdefault(Path(dated.path).stem, []).append(dated)
    return [files for _, files in sorted(issues.items(), reverse=True)]


def preferred(files: list[Dated]) -> Dated | None:
    """The file of an issue the site shows (Markdown, else plain text); None: neither."""
    by_kind = {Path(d.path).suffix: d for d in files}
    return next((by_kind[kind] for kind in PREFERRED if kind in by_kind), None)


def shown(partnership: Partnership, audience: Audience) -> list[Dated]:
    """The files whose text the site shows: retrospectives only to whom may see them."""
    files = [d for d in map(preferred, newsletter_issues(partnership)) if d is not None]
    if shows(audience, "retrospectives"):
        files.extend(partnership.retros)
    return files


def read_documents(partnership: Partnership, audience: Audience) -> Documents:
    """The text of every file the site shows that can be read safely."""
    tree = FolderTree(partnership.root)
    texts: dict[str, str] = {}
    findings: list[Finding] = []
    for dated in shown(partnership, audience):
        try:
            texts[dated.path] = tree.read_text(dated.path, MAX_DOCUMENT_BYTES)
        except SourceError as exc:
            findings.extend(exc.findings)
    return Documents(texts, tuple(findings))
