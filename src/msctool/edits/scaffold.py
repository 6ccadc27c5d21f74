"""``msc init``: a small partnership folder that is complete and valid from the first second.

It writes the starter files from the built-in ``templates/init/`` (one folder
per language plus ``common/``), the JSON Schemas the files' modelines point
at, a CI workflow and a pre-commit config; then it makes the first commit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from msctool import __version__, days
from msctool.edits.yamledit import scalar
from msctool.errors import MscIOError, UsageError, UserError
from msctool.fs.atomic import write_text_atomic
from msctool.fs.confine import confined
from msctool.history import repo as gitrepo
from msctool.model.partners import Partner
from msctool.model.schema import SCHEMA_FILES, schema_text
from msctool.model.vocabulary import Language, values
from msctool.render.templatefiles import builtin_templates_dir

LANGUAGES: tuple[Language, ...] = values(Language)
SCHEMA_DIR = ".msc/schema"
"""Where init writes the JSON Schemas; every YAML file's modeline points here."""
NAME_MAX = 300
SHORT_NAME_MAX = 12
DECISION_NUMBER = re.compile(r"^(\d{4})-.+\.md$")
IGNORED_ENTRIES = frozenset({".git"})
"""A folder holding only these counts as empty (``git init`` first, ``msc init`` next)."""

COMMIT_MESSAGES: dict[Language, str] = {
    "en": "Start {name} with msc init\n\n"
    "The founding files of the partnership, written by msc {version}.",
    "nl": "Start {name} met msc init\n\n"
    "De eerste bestanden van het partnerschap, geschreven door msc {version}.",
}
NOTHING_MISSING = "Every file was already there, so nothing was written or committed."


EXAMPLE_PARTNERS: dict[Language, tuple[str, str, str]] = {
    "en": ("backbone", "municipality", "employers-network"),
    "nl": ("backbone", "gemeente", "ondernemersnetwerk"),
}
"""The ids of the example partners (backbone, public, private) in each language."""


@dataclass(frozen=True)
class Roles:
    """Which partner plays which part in the starter files: the backbone coordinates and
    leads the backbone team; the public partner is accountable for the example pilot,
    owns the example metric and funds it; the private partner coaches. Everyone sits in
    the steering group and is informed of the founding decision."""

    backbone: str
    public: str
    private: str
    everyone: tuple[str, ...]

    @property
    def others(self) -> list[str]:
        return [ident for ident in self.everyone if ident != self.backbone]

    @property
    def pilot_team(self) -> list[str]:
        return list(dict.fromkeys((self.public, self.private)))

    @property
    def pilot_informed(self) -> list[str]:
        return [] if self.backbone in self.pilot_team else [self.backbone]

    @classmethod
    def examples(cls, language: Language) -> Roles:
        backbone, public, private = EXAMPLE_PARTNERS[language]
        return cls(backbone, public, private, (backbone, public, private))

    @classmethod
    def of(cls, partners: Sequence[Partner], backbone: str | None) -> Roles:
        """The parts for a partnership's own ``partners``: the backbone is ``backbone``
        (default: the first listed); the public and private parts go to the first other
        partner of that sector, else to the first other partner, else to the backbone."""
        ids = [partner.id for partner in partners]
        lead = _backbone(ids, backbone)
        others = [partner for partner in partners if partner.id != lead]
        public = _first(others, "public", ()) or lead
        private = _first(others, "private", (public,)) or lead
        return cls(lead, public, private, tuple(ids))


def _backbone(ids: list[str], backbone: str | None) -> str:
    if backbone is None:
        return ids[0]
    if backbone not in ids:
        from msctool.edits.paths import either, near_matches

        near = near_matches(backbone, ids)
        hint = f"did you mean {either(near)}?" if near else None
        raise UsageError(
            f"`{backbone}` is not in the partner list",
            hint=hint or f"the list's ids: {', '.join(ids)}",
            field="backbone",
        )
    return backbone


def _first(partners: Sequence[Partner], sector: str, taken: Sequence[str]) -> str | None:
    """The first of ``partners`` in ``sector`` (else the first not ``taken``)."""
    free = [partner for partner in partners if partner.id not in taken]
    chosen = next((p for p in free if p.sector == sector), free[0] if free else None)
    return chosen.id if chosen is not None else None


@dataclass(frozen=True)
class InitResult:
    """What ``init_partnership`` did; ``written`` and ``skipped`` are relative to ``root``."""

    root: Path
    written: tuple[Path, ...]
    skipped: tuple[Path, ...]
    commit: str | None
    notes: tuple[str, ...] = ()


def init_partnership(
    target: Path,
    *,
    name: str | None = None,
    language: str | None = None,
    today: date,
    force: bool = False,
    git: bool = True,
    partners: Sequence[Partner] | None = None,
    backbone: str | None = None,
) -> InitResult:
    """Write a starter partnership into ``target`` and, with ``git``, commit it.

    ``name`` defaults to the folder's name; ``language`` to the language of the
    partnership already there (with ``force``), else English; ``today`` dates the
    founding decision and the starter files.  ``partners`` (a partnership's own list,
    :func:`msctool.edits.partnerlist.read_partner_list`) replace the three example
    partners, and every starter file names them instead; ``backbone`` is the id of the
    one that coordinates (default: the first).  Refuses a folder that is not empty unless ``force``; with
    ``force`` it only adds missing files and never overwrites one.  Inside an
    existing git repository it commits only the files it wrote and leaves the
    rest staged as it was.
    """
    title = _checked_name(target.resolve().name if name is None else name)
    chosen = resolve_language(target, language, force=force)
    if partners and force:
        raise UsageError(
            "a partner list starts a new partnership; it cannot be added with {force}",
            hint="add partners to a partnership with `msc partner add`",
            options=("force",),
            field="partners",
        )
    _check_target(target, force=force)
    if git:
        _check_git()
    files = render_init_files(
        name=title, language=chosen, today=today, partners=partners, backbone=backbone
    )
    written, skipped = _write_missing(target, files)
    commit: str | None = None
    notes: tuple[str, ...] = (NOTHING_MISSING,) if git and not written else ()
    if git and written:
        message = COMMIT_MESSAGES[chosen].format(name=title, version=__version__)
        commit, notes = _commit(target, written, message)
    if partners:
        notes = (_parts_note(Roles.of(partners, backbone), len(partners)), *notes)
    return InitResult(target, tuple(written), tuple(skipped), commit, notes)


def _parts_note(roles: Roles, count: int) -> str:
    return (
        f"The starter files name your {count} partner{'s' * (count != 1)}: {roles.backbone} "
        f"as the backbone organisation, {roles.public} "
        f"for the example pilot and metric, {roles.private} as its coach. The activities, "
        "metric and ROI figures are examples: replace them with your own."
    )


def resolve_language(target: Path, language: str | None, *, force: bool) -> Language:
    """The starter text's language: ``language`` when given, else (with ``force``) the
    language of the partnership already in ``target``, else English."""
    if language is None:
        return (existing_language(target) if force else None) or "en"
    for known in LANGUAGES:
        if language == known:
            return known
    raise UsageError(f"unknown language `{language}`", hint="Use nl or en.")


def existing_language(target: Path) -> Language | None:
    """The language of a partnership already in ``target`` (for ``--force``), if any."""
    import yaml_rs

    try:
        data = yaml_rs.loads((target / "partnership.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml_rs.YAMLDecodeError):
        return None
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in LANGUAGES else None


def render_init_files(
    *,
    name: str,
    language: Language,
    today: date,
    partners: Sequence[Partner] | None = None,
    backbone: str | None = None,
) -> dict[str, str]:
    """Every file ``msc init`` writes: relative POSIX path -> text. With ``partners``,
    they replace the example partners everywhere (:class:`Roles`)."""
    env = init_environment(language)
    roles = Roles.of(partners, backbone) if partners else Roles.examples(language)
    context = {
        "name": name,
        "short_name": short_name_for(name),
        "language": language,
        "today": today,
        "year_end": year_end(today),
        "version": __version__,
        "roles": roles,
        "listed": list(partners or ()),
    }
    files = {
        template.removesuffix(".j2"): env.get_template(template).render(context)
        for template in env.list_templates(extensions=["j2"])
    }
    files.update(_schema_files())
    return dict(sorted(files.items()))


def init_environment(language: Language) -> jinja2.Environment:
    """The Jinja environment for the init templates of ``language`` (``common/`` fills gaps).

    The templates are msc's own and render YAML and Markdown, so nothing is
    autoescaped; user text goes through the ``yaml_str`` filter instead.
    """
    root = builtin_templates_dir() / "init"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([root / language, root / "common"]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_str"] = yaml_quote
    env.filters["yaml_value"] = scalar
    env.filters["flow"] = flow_list
    return env


def flow_list(ids: Sequence[str]) -> str:
    """Ids as a YAML flow list: ``[a, b]`` (ids never need quotes)."""
    return f"[{', '.join(ids)}]"


def short_name_for(name: str) -> str:
    """The name itself when it is short, else its initials: "Healthy Streets Alliance" -> "HSA"."""
    if len(name) <= SHORT_NAME_MAX:
        return name
    initials = "".join(word[0] for word in re.findall(r"\w+", name)).upper()
    return initials if len(initials) >= 2 else name


_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\uFEFF",
}


def yaml_quote(value: str) -> str:
    """``value`` as a double-quoted YAML 1.2 scalar that reads back as exactly ``value``."""
    return '"' + "".join(_ESCAPES.get(char) or _escape_unprintable(char) for char in value) + '"'


def _escape_unprintable(char: str) -> str:
    code = ord(char)
    printable = (
        0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code > 0xFFFF
    )
    if printable:
        return char
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def _checked_name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise UserError(
            f"the partnership name must be 1 to {NAME_MAX} characters long",
            hint='Give one with {name} "Our Partnership".',
            options=("name",),
        )
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        raise UserError(
            "the partnership name must be one line of plain text",
            hint="Leave out line breaks, tabs and other control characters.",
        )
    return name


def _check_git() -> None:
    try:
        gitrepo.git_version()
    except gitrepo.GitError as exc:
        raise gitrepo.GitError(
            exc.message, hint=f"{exc.hint} Or use {{no_git}}.", options=("no_git",)
        ) from exc


def _check_target(target: Path, *, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UserError(f"{target} is a file, not a folder", hint="Choose a new or empty folder.")
    if force or not target.exists():
        return
    try:
        entries = sorted(p.name for p in target.iterdir() if p.name not in IGNORED_ENTRIES)
    except OSError as exc:
        raise MscIOError(f"cannot read {target}: {exc.strerror}") from exc
    if entries:
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise UserError(
            f"{target} is not empty (it holds {shown})",
            hint="Choose a new or empty folder, or use {force} to add only the files "
            "that are missing; {force} never overwrites a file.",
            options=("force",),
        )


def _write_missing(root: Path, files: Mapping[str, str]) -> tuple[list[Path], list[Path]]:
    """Write the files of ``files`` that are missing; every one is confined to ``root``
    (no link on the way) before the first is written."""
    missing = [rel for rel in files if not _already_there(root / rel)]
    for relative in missing:
        confined(root / relative, root)
    for relative in missing:
        path = root / relative
        _make_folder(path.parent)
        write_text_atomic(path, files[relative], root=root)
    skipped = [Path(rel) for rel in files if rel not in missing]
    return [Path(rel) for rel in missing], skipped


def _already_there(path: Path) -> bool:
    """True when ``path`` exists; for a decision record, when its number is taken."""
    if path.exists() or path.is_symlink():
        return True
    number = DECISION_NUMBER.match(path.name)
    return (
        path.parent.name == "decisions"
        and number is not None
        and any(path.parent.glob(f"{number.group(1)}-*.md"))
    )


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MscIOError(f"cannot create the folder {folder}: {exc.strerror}") from exc


def _commit(root: Path, written: Sequence[Path], message: str) -> tuple[str, tuple[str, ...]]:
    try:
        repo_root = gitrepo.find_repo_root(root)
        notes: tuple[str, ...] = ()
        if repo_root is None:
            repo_root = gitrepo.init_repo(root)
        elif repo_root != root.resolve():
            notes = (_subfolder_note(root.resolve().relative_to(repo_root), repo_root),)
        commit = gitrepo.commit_paths(repo_root, [root.resolve() / p for p in written], message)
    except gitrepo.GitError as exc:
        raise gitrepo.GitError(
            f"the partnership is written in {root}, but it could not be committed: {exc.message}",
            hint=exc.hint or "Fix that, then commit the files yourself (git add, git commit).",
        ) from exc
    return commit.sha, (*notes, *commit.notes)


def _subfolder_note(folder: Path, repo_root: Path) -> str:
    return (
        f"The partnership is in {folder.as_posix()}/ inside the git repository at {repo_root}. "
        "GitHub runs workflows and pre-commit reads its config only at the repository root: "
        f"move .github/workflows/msc.yml and .pre-commit-config.yaml there and have them "
        f"run `msc check {folder.as_posix()}`."
    )


def _schema_files() -> dict[str, str]:
    return {f"{SCHEMA_DIR}/{name}.schema.json": schema_text(name) for name in SCHEMA_FILES}


def year_end(start: date) -> date:
    """The last day of the year that starts on ``start`` (``start`` itself at the end of
    the calendar, so a period never ends before it starts)."""
    return max(start, days.shift(days.same_day(start, 12), -1))
