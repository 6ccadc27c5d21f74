"""Build the whole site: check the partnership, render every page, write the folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from msctool.errors import MscIOError, UserError
from msctool.fs.confine import confined
from msctool.load.collector import paused
from msctool.model.vocabulary import Audience
from msctool.render.setup import setup_for
from msctool.render.templatefiles import builtin_templates_dir
from msctool.rules.check import CheckReport, run_check
from msctool.site.documents import read_documents
from msctool.site.health import Health, health_of
from msctool.site.health import seen_by as health_seen_by
from msctool.site.marker import build_swapped
from msctool.site.pages import BUILDERS, DATA_ERRORS, PAGES, Page, Sources, pages_for
from msctool.site.palette import palette_of

DEFAULT_FOLDER = "_site"
ASSETS = ("site.css", "site.js")
"""Static files copied from the built-in ``templates/site/``."""

Progress = Callable[[str], None]
"""Called with :data:`CHECKED` once the files are checked, then with each page's
file name once it is written."""
CHECKED = "checked"
STEPS = len(PAGES) + 1
"""How often :data:`Progress` is called in a build."""


@dataclass
class SiteResult:
    folder: Path
    pages: list[str]
    health: Health
    failed: list[str] = field(default_factory=list)
    """Pages that could not be made (because the data has errors)."""
    notes: list[str] = field(default_factory=list)


def render_site(
    path: Path | str = ".",
    output: Path | None = None,
    *,
    language: str | None = None,
    audience: Audience = "partners",
    as_of: date,
    progress: Progress | None = None,
    make_parents: bool = True,
) -> SiteResult:
    """Build the site of the partnership at ``path`` into ``output`` (default ``_site/``).

    The data may have errors: the pages that can be made are, and the health
    page lists the errors (``result.health.errors``). An existing ``output``
    that msc did not make, or that holds the partnership, is refused; msc's own
    is replaced only when the new build succeeded. ``make_parents=False``: the
    folder that holds ``output`` must exist already (nothing is created above it).

    Newsletters and retrospectives are read safely (:mod:`msctool.site.documents`):
    one that cannot be (a link out of the folder, say) is left out, and the
    health page names it as an error.
    """
    with paused():  # a site is a million objects that live until it is written
        return _render_site(path, output, language, audience, as_of, progress, make_parents)


def _render_site(
    path: Path | str,
    output: Path | None,
    language: str | None,
    audience: Audience,
    as_of: date,
    progress: Progress | None,
    make_parents: bool,
) -> SiteResult:
    report = run_check(path, as_of=as_of)
    partnership = report.loaded.partnership if report.loaded else None
    if partnership is None:
        raise UserError(
            f"partnership.yaml has errors, so there is no site to build: {_first(report)}",
            hint="run `msc check` to see every error, fix them, and build again",
        )
    if progress is not None:
        progress(CHECKED)
    setup = setup_for(partnership, language=language, audience=audience, as_of=as_of)
    folder = output if output is not None else _default_folder(partnership.root)
    _refuse_holding(folder, partnership.root)
    documents = read_documents(partnership, audience)
    health = health_of(report, documents.findings)
    result = SiteResult(folder, [p.file for p in pages_for(audience)], health, notes=setup.notes)
    sources = Sources(setup, health_seen_by(health, audience), documents)
    build_swapped(
        folder,
        lambda staging: _write_pages(staging, sources, result, progress),
        make_parents=make_parents,
    )
    return result


def _first(report: CheckReport) -> str:
    """The first error: where and what (the one that stops the build, usually)."""
    errors = sorted(report.errors, key=lambda f: (f.file != "partnership.yaml", f.sort_key))
    if not errors:
        return "it could not be read"
    f = errors[0]
    where = f"{f.file}:{f.line}:{f.column}" if f.line else f.file
    return f"{where}: {f.message}"


def _default_folder(root: Path) -> Path:
    """``_site/`` in the partnership: never a link, nor inside one (:func:`confined`)."""
    return confined(root / DEFAULT_FOLDER, root, folder=True)


def _refuse_holding(folder: Path, root: Path) -> None:
    """An output folder that is the partnership, or holds it, is never replaced, marker
    or not: replacing it would delete the partnership."""
    if root.resolve().is_relative_to(folder.resolve()):
        raise UserError(
            f"{folder} holds the partnership itself; the site cannot go there",
            hint=f"give a folder of its own with -o, e.g. {DEFAULT_FOLDER}/ (the default)",
        )


def _write_pages(
    staging: Path, sources: Sources, result: SiteResult, progress: Progress | None
) -> None:
    for page in pages_for(sources.setup.audience):
        html = _page_html(sources, page, result)
        _write(staging, page.file, html.encode("utf-8"), result.folder)
        if progress is not None:
            progress(page.file)
    assets = builtin_templates_dir() / "site"
    for name in ASSETS:
        _write(staging, name, (assets / name).read_bytes(), result.folder)


def _write(staging: Path, name: str, data: bytes, folder: Path) -> None:
    """One file of the new site; an I/O error names the file as the user will see it."""
    try:
        (staging / name).write_bytes(data)
    except OSError as exc:
        raise MscIOError(f"cannot write {folder / name}: {exc.strerror}") from exc


def _page_html(sources: Sources, page: Page, result: SiteResult) -> str:
    setup = sources.setup
    palette = palette_of(setup.identity)
    frame = {
        "pages": pages_for(setup.audience),
        "page": page,
        "health": result.health,
        "palette": palette,
    }
    try:
        context = BUILDERS[page.slug](sources)
    except DATA_ERRORS:
        if not result.health.errors:
            raise
        result.failed.append(page.file)
        return setup.render("site-unavailable.html.j2", **frame)
    return setup.render(f"site-{page.slug}.html.j2", **{**frame, **context})
