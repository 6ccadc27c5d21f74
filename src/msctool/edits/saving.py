"""Check an edit as ``msc check`` would, then write it atomically and, if asked, commit it.

Every edit command builds the new text of the files it touches in memory and
hands it here as an :class:`EditPlan`. Nothing is written until the edited
partnership has been loaded from those texts and checked:

- a data error (``MSC0xx``, or any finding the ``checks:`` settings make an
  error) that the partnership did not already have stops the edit;
- health warnings that name an id the edit touched are returned, for the
  command to show.

Files are then written with :func:`msctool.fs.atomic.write_files_atomic`
(temporary files in the same folder, fsync, then the renames), so an
interrupted run leaves each file whole, old or new, and a failure while
writing (a full disk) changes no file at all.

:func:`plan_and_save` makes the plan and saves it while holding the
partnership's lock (:mod:`msctool.edits.lock`): the plan is made from the
files as they are when it is written, so two edits at once never lose one.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msctool.days import today
from msctool.errors import MscError, UserError
from msctool.findings import Finding, first_errors
from msctool.fs.atomic import write_files_atomic
from msctool.fs.confine import confined
from msctool.load.collector import paused
from msctool.load.files import MAX_YAML_BYTES, Source
from msctool.load.loader import LoadResult, load_tree
from msctool.load.memo import ReadMemo
from msctool.load.root import ROOT_FILE
from msctool.load.sourcetree import FolderTree, SourceTree
from msctool.model.vocabulary import Language

if TYPE_CHECKING:
    from msctool.history.repo import Commit


@dataclass
class EditPlan:
    """What an edit will write: new full texts by path relative to the partnership root."""

    root: Path
    message: str = ""
    """The commit message's first line, in the partnership's language (:meth:`say`)."""
    texts: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    subjects: set[str] = field(default_factory=set)
    """Ids the edit adds or changes: health warnings that name one of them are shown."""
    memo: ReadMemo = field(default_factory=ReadMemo, repr=False)
    """What reading the partnership's files gave so far (the edit's own reading of data
    files, the check of the edited partnership): each text is read once."""
    trailers: list[tuple[str, str]] = field(default_factory=list)
    """Git trailers for the commit (``--commit``), below the message."""
    renames: dict[str, str] = field(default_factory=dict)
    """Partner ids the edit renames (old → new): a metric whose owner is renamed keeps
    its owner, so what is said of its figures does not change."""

    @cached_property
    def language(self) -> Language:
        """The partnership's language, which the edit's messages are written in."""
        from msctool.edits.wording import language_of

        return language_of(self.root, self.memo)

    def words(self, key: str, **values: object) -> str:
        """Message ``key`` of ``templates/i18n/edits.yaml`` in the partnership's language."""
        from msctool.edits.wording import said

        return said(self.language, key, **values)

    def say(self, key: str, **values: object) -> None:
        """Make message ``key`` (:meth:`words`) the commit message."""
        self.message = self.words(key, **values)


class ParsedText(str):
    """A file's new text, with the data an edit read back from it
    (:func:`msctool.edits.yamledit.verify`): checking the edited partnership takes
    that data (when the loader would read the same, :meth:`ReadMemo.remember`)
    instead of parsing the text again."""

    data: Any


@dataclass(frozen=True)
class EditResult:
    """What was written (or would be, for a dry run), and what the user should see."""

    message: str
    files: tuple[str, ...]
    warnings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    commit: str | None = None
    written: bool = True

    def as_data(self, diff_text: str | None = None) -> dict[str, object]:
        """The result as plain data (``--format json``); ``diff_text`` for a dry run."""
        data: dict[str, object] = {
            "format_version": 1,
            "message": self.message,
            "files": list(self.files),
            "written": self.written,
            "commit": self.commit,
            "warnings": [_finding_data(f) for f in self.warnings],
            "notes": list(self.notes),
        }
        if diff_text is not None:
            data["diff"] = diff_text
        return data


def _finding_data(finding: Finding) -> dict[str, object]:
    return {
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "message": finding.message,
        "hint": finding.hint,
    }


def save(
    plan: EditPlan,
    *,
    commit: bool = False,
    dry_run: bool = False,
    as_of: date | None = None,
) -> EditResult:
    """Check ``plan`` as of ``as_of`` (default today); write its files (unless
    ``dry_run``); commit them if asked. Every file must be one msc may write
    (:func:`msctool.fs.confine.confined`)."""
    for rel in plan.texts:
        confined(plan.root / rel, plan.root)
    repo = _commit_target(plan) if commit and not dry_run else None
    warnings = check_plan(plan, as_of or today())
    files = tuple(sorted(plan.texts))
    if dry_run:
        return EditResult(plan.message, files, warnings, tuple(plan.notes), written=False)
    before = _Before.read(plan.root, files)
    before.folders = _make_folders(plan.root, files)
    texts = {plan.root / rel: plan.texts[rel].encode("utf-8") for rel in files}
    write_files_atomic(texts, root=plan.root)
    sha = None
    notes = list(plan.notes)
    if repo is not None:
        made = _commit(plan, repo, files, before)
        sha = made.sha
        notes.extend(made.notes)
    return EditResult(plan.message, files, warnings, tuple(notes), commit=sha)


def plan_and_save(
    root: Path,
    plan_for: Callable[[Path], EditPlan],
    *,
    commit: bool = False,
    dry_run: bool = False,
    as_of: date | None = None,
) -> tuple[EditPlan, EditResult]:
    """Plan an edit of the partnership in ``root`` from its files as they are, then
    :func:`save` it, both while holding the partnership's lock (a dry run writes
    nothing and takes no lock)."""
    from msctool.edits.lock import hold

    with contextlib.nullcontext() if dry_run else hold(root), paused():
        plan = plan_for(root)  # a plan may read every data file: no collector passes
        return plan, save(plan, commit=commit, dry_run=dry_run, as_of=as_of)


def diff(plan: EditPlan) -> str:
    """A unified diff of what ``plan`` would change (for a dry run)."""
    import difflib

    parts: list[str] = []
    for rel in sorted(plan.texts):
        path = plan.root / rel
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        parts.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                plan.texts[rel].splitlines(keepends=True),
                fromfile=f"a/{rel}" if old else "/dev/null",
                tofile=f"b/{rel}",
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in parts)


# -- checking ----------------------------------------------------------------------


def check_plan(plan: EditPlan, day: date) -> tuple[Finding, ...]:
    """Health warnings of the edited partnership that name an id the edit touched;
    a :class:`UserError` when the edit would add a data error.

    The partnership is loaded once, as it will be. Only when that finds errors is
    it loaded again as it is now, to tell the edit's errors from old ones; the files
    the edit does not change are read once for both (:attr:`EditPlan.memo`).
    """
    for rel, text in plan.texts.items():
        if isinstance(text, ParsedText):
            plan.memo.remember(Source(rel, _as_loaded(text)), text.data)
    figures = _needs_figures(plan)
    after = _findings(_load(_OverlayTree(plan.root, plan.texts), plan.memo, figures), day)
    errors = [f for f in after if f.severity == "error"]
    if errors:
        before = _load(FolderTree(plan.root), plan.memo, figures)
        errors = _new(errors, _findings(before, day))
    if errors:
        raise UserError(_refusal(plan, errors), hint=errors[0].hint)
    named = {f"`{subject}`" for subject in plan.subjects}
    return tuple(f for f in after if f.severity == "warning" and any(n in f.message for n in named))


FIGURE_SETTINGS = ("checks", "language")
"""The settings in partnership.yaml that change how figures are read and judged."""
METRIC_FIELDS = ("cadence", "owner")
"""The fields of a metric that the findings on its figures depend on (with its id)."""


def _load(tree: SourceTree, memo: ReadMemo, figures: bool) -> LoadResult:
    """The partnership in ``tree``; without ``figures``, its ``data/*.csv`` unread and
    the rules on them skipped, as for a file that cannot be read."""
    from msctool.load.loader import OBSERVATIONS

    loaded = load_tree(tree, observations=figures, memo=memo)
    if not figures:
        loaded.unreadable.add(OBSERVATIONS)
    return loaded


def _needs_figures(plan: EditPlan) -> bool:
    """Whether the edit can change a finding about the figures: it touches a data file,
    partnership.yaml's checks or language, or a metric's id, cadence or owner (a metric
    gone or changed; a new one only makes rows that named it valid). Most edits do not,
    and the figures are most of what a check reads (50,000 rows in the bench's
    partnership); their findings are the same before and after such an edit, so leaving
    them out changes neither which errors are new nor the warnings about what it
    touched, but for the figures' own (MSC603, MSC606)."""
    for rel, text in plan.texts.items():
        if rel.startswith("data/"):
            return True
        if rel in _FIGURE_KEYS:
            before = _FIGURE_KEYS[rel](_data(_disk_text(plan.root, rel)))
            after = _FIGURE_KEYS[rel](_data(text))
            if before is None or after is None or not _keeps(before, after, plan.renames):
                return True
    return False


def _data(text: str | None) -> object:
    """The data of a YAML text (None when there is none or it cannot be read)."""
    data = getattr(text, "data", None)
    if data is None and text is not None:
        import yaml_rs

        try:
            data = yaml_rs.loads(text.removeprefix("\ufeff"))
        except ValueError:
            return None
    return data


def _settings(data: object) -> dict[str, object] | None:
    """What partnership.yaml says of :data:`FIGURE_SETTINGS`."""
    return {key: data.get(key) for key in FIGURE_SETTINGS} if isinstance(data, dict) else None


def _metrics(data: object) -> dict[str, object] | None:
    """Each metric's :data:`METRIC_FIELDS`, by id."""
    items = data.get("metrics") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    found: dict[str, object] = {}
    for item in items:
        if not isinstance(item, dict):
            return None
        found[str(item.get("id"))] = tuple(item.get(key) for key in METRIC_FIELDS)
    return found


def _keeps(before: dict[str, object], after: dict[str, object], renames: Mapping[str, str]) -> bool:
    """Every key of ``before`` is in ``after`` with the same value (new keys may come);
    a partner id in a value counts as its new id when the edit renames it."""
    return all(
        key in after and after[key] == _renamed(value, renames) for key, value in before.items()
    )


def _renamed(value: object, renames: Mapping[str, str]) -> object:
    if isinstance(value, tuple):
        return tuple(renames.get(part, part) if isinstance(part, str) else part for part in value)
    return value


_FIGURE_KEYS: dict[str, Callable[[object], dict[str, object] | None]] = {
    ROOT_FILE: _settings,
    "metrics.yaml": _metrics,
}
"""The files whose data the findings on the figures depend on, and what of it."""


def _disk_text(root: Path, rel: str) -> str | None:
    try:
        return (root / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _findings(loaded: LoadResult, day: date) -> list[Finding]:
    from msctool.rules.check import check_loaded

    return list(check_loaded(loaded, as_of=day).findings)


def _new(after: list[Finding], before: list[Finding]) -> list[Finding]:
    """Findings of ``after`` that ``before`` did not have (lines may have moved)."""
    seen = Counter((f.code, f.file, f.message) for f in before)
    new = []
    for finding in sorted(after, key=lambda f: f.sort_key):
        key = (finding.code, finding.file, finding.message)
        if seen[key]:
            seen[key] -= 1
        else:
            new.append(finding)
    return new


def _refusal(plan: EditPlan, errors: list[Finding]) -> str:
    return f"nothing written: after this edit `msc check` would report {first_errors(errors)}"


class _OverlayTree:
    """The partnership folder as it will be after the edit: the edited files from
    memory, every other file from disk (a :class:`~msctool.load.sourcetree.SourceTree`)."""

    def __init__(self, root: Path, texts: Mapping[str, str]) -> None:
        self._folder = FolderTree(root)
        self._texts = texts

    @property
    def root(self) -> Path:
        return self._folder.root

    def exists(self, rel: str) -> bool:
        inside = rel.rstrip("/") + "/"
        return (
            rel in self._texts
            or any(name.startswith(inside) for name in self._texts)
            or self._folder.exists(rel)
        )

    def names(self, folder: str) -> list[str]:
        prefix = f"{folder}/" if folder else ""
        ours = {
            rel[len(prefix) :]
            for rel in self._texts
            if rel.startswith(prefix) and "/" not in rel[len(prefix) :]
        }
        return sorted(set(self._folder.names(folder)) | ours)

    def read_text(self, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str:
        text = self._texts.get(rel)
        if text is None:
            return self._folder.read_text(rel, max_bytes)
        return _as_loaded(text)


def _as_loaded(text: str) -> str:
    """``text`` as the loader reads a file that holds it (no byte order mark, LF)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


# -- committing --------------------------------------------------------------------


@dataclass
class _Before:
    """The files of an edit as they were (None: not there), and the folders it made,
    to put back when the commit fails."""

    root: Path
    texts: dict[str, bytes | None]
    folders: list[Path] = field(default_factory=list)

    @classmethod
    def read(cls, root: Path, files: tuple[str, ...]) -> _Before:
        texts = {
            rel: (root / rel).read_bytes() if (root / rel).is_file() else None for rel in files
        }
        return cls(root, texts)

    def put_back(self) -> None:
        """Write the old texts back atomically; remove the files and folders the edit made."""
        old = {self.root / rel: data for rel, data in self.texts.items() if data is not None}
        write_files_atomic(old, root=self.root)
        for rel in (rel for rel, data in self.texts.items() if data is None):
            (self.root / rel).unlink(missing_ok=True)
        for folder in self.folders:
            with contextlib.suppress(OSError):
                folder.rmdir()


def _make_folders(root: Path, files: tuple[str, ...]) -> list[Path]:
    """Make the missing folders of ``files``; return the ones made, deepest first."""
    made: list[Path] = []
    for rel in files:
        folder = (root / rel).parent
        made.extend(p for p in (folder, *folder.parents) if not p.exists() and p not in made)
        folder.mkdir(parents=True, exist_ok=True)
    return sorted(made, key=lambda p: len(p.parts), reverse=True)


def _commit(plan: EditPlan, repo: Path, files: tuple[str, ...], before: _Before) -> Commit:
    """Commit the written ``files``; when git refuses, put them back as they were first,
    so a failed ``--commit`` leaves nothing half-done."""
    from msctool.history.repo import GitError, commit_files

    try:
        return commit_files(repo, [plan.root / rel for rel in files], plan.message, plan.trailers)
    except GitError as exc:
        try:
            before.put_back()
        except (MscError, OSError) as undo:
            raise type(exc)(
                f"{exc.message}; putting back the old text failed too ({undo}), so "
                f"{', '.join(files)} hold the edit, not committed",
                hint="look at `git diff` and undo or commit the change yourself",
            ) from exc
        raise type(exc)(
            f"{exc.message}; nothing was changed ({', '.join(files)} put back as before)",
            hint=exc.hint
            or "fix what git reports (a pre-commit hook?), then run again; or leave out --commit",
        ) from exc


def _commit_target(plan: EditPlan) -> Path:
    """The repository to commit in; refuses when git cannot commit now, or when a file
    to touch has uncommitted changes (the commit would take the user's changes along)."""
    from msctool.history.repo import (
        NotInRepositoryError,
        dirty_paths,
        ensure_can_commit,
        find_repo_root,
    )

    repo = find_repo_root(plan.root)
    if repo is None:
        raise NotInRepositoryError(
            f"{plan.root} is not in a git repository, so the edit cannot be committed",
            hint="leave out {commit}, or run `git init` first",
            options=("commit",),
            field="commit",
        )
    ensure_can_commit(repo)
    dirty = dirty_paths(repo, [plan.root / rel for rel in plan.texts])
    if dirty:
        raise UserError(
            f"{dirty[0]} has changes that are not committed; committing would commit them too",
            hint=f"commit or undo those changes first (see `git diff -- {dirty[0]}`), "
            "or leave out {commit}",
            options=("commit",),
            field="commit",
        )
    return repo
