"""``msc decide``: write a decision record and commit just that file, with trailers.

A record is ``decisions/NNNN-slug.md``: YAML front matter that
:class:`~msctool.model.decisions.DecisionMeta` accepts, then a MADR-like text
(Context, Decision, Consequences).  The commit carries the trailers that
``msc log`` and the ``msc-trailers`` hook read (:mod:`msctool.history.trailers`).

Everything is checked before anything is written; when the commit fails the
file is removed again, so a failed run leaves the folder as it was.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from msctool.edits.decisiontext import (
    front_matter,
    is_empty,
    message_text,
    skeleton,
    strip_prompts,
    with_title,
)
from msctool.errors import MscIOError, UsageError, UserError
from msctool.fs.atomic import create_exclusive
from msctool.fs.confine import confined
from msctool.fs.names import portable_name
from msctool.history.repo import (
    Commit,
    GitError,
    NotInRepositoryError,
    commit_files,
    deleted_files,
    dirty_paths,
    ensure_can_commit,
    find_repo_root,
    tracked_files,
)
from msctool.load.loader import LoadResult, load_partnership
from msctool.load.validation import validate
from msctool.model.common import ONE_LINE
from msctool.model.decisions import DecisionMeta
from msctool.model.ids import slugify as make_slug
from msctool.model.vocabulary import DecisionRule, Language, NewDecisionStatus, values
from msctool.suggest import did_you_mean

DECISIONS = "decisions"
MAX_TITLE = 300
"""As long as a record's ``title`` may be (ShortText)."""
MAX_SLUG = 60
"""Slugs are cut at a word boundary to at most this many characters."""
NEW_STATUSES: tuple[NewDecisionStatus, ...] = values(NewDecisionStatus)
"""What a new record can say; superseded and withdrawn come from later history."""
RULES: tuple[DecisionRule, ...] = values(DecisionRule)
_NUMBERED = re.compile(r"^(\d{4})-")


@dataclass(frozen=True)
class DecisionRequest:
    """What the user asked to record (ids as typed; checked by :func:`prepare`)."""

    title: str
    day: date
    """The day of the decision."""
    body: str | None = None
    rule: str | None = None
    status: str = "proposed"
    supersedes: Sequence[int] = ()
    consulted: Sequence[str] = ()
    informed: Sequence[str] = ()
    affects: Sequence[str] = ()
    text: str | None = None
    """The Markdown below the front matter (``--message``); None writes the skeleton."""


@dataclass(frozen=True)
class Prepared:
    """A checked record, ready to write: its file (relative to the partnership) and text."""

    root: Path
    meta: DecisionMeta
    rel: str
    content: str
    language: Language


@dataclass(frozen=True)
class Recorded:
    """What :func:`record_decision` did."""

    root: Path
    meta: DecisionMeta
    rel: str
    path: Path
    commit: str | None
    notes: tuple[str, ...] = field(default=())

    def trailers(self) -> list[tuple[str, str]]:
        return decision_trailers(self.meta)


# -- names -------------------------------------------------------------------------


def slugify(title: str, limit: int = MAX_SLUG) -> str:
    """A record's slug: :func:`msctool.model.ids.slugify` of its title, cut at a dash to
    at most ``limit`` characters; ``decision`` when nothing usable is left."""
    return make_slug(title, limit) or "decision"


def next_number(folder: Path, taken: Sequence[int] = ()) -> int:
    """One more than the highest number in ``folder``'s file names and ``taken`` (the
    numbers git knows: :func:`used_numbers`)."""
    numbers = [int(m.group(1)) for p in _names(folder) if (m := _NUMBERED.match(p))]
    highest = max([0, *numbers, *taken])
    if highest >= 9999:
        raise UserError(
            "decision numbers have reached 9999",
            hint="decision ids have four digits; archive old records in another folder",
        )
    return highest + 1


def _names(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in folder.iterdir()]
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise MscIOError(f"cannot read {folder}: {exc.strerror}") from exc


# -- checking ----------------------------------------------------------------------


def prepare(
    path: Path,
    request: DecisionRequest,
    taken: Sequence[int] = (),
    *,
    as_of: date,
    loaded: LoadResult | None = None,
) -> Prepared:
    """Check ``request`` against the partnership holding ``path`` (which must have no
    errors as of ``as_of``, today for the command line) and compose the record.

    ``loaded``: the partnership as another edit already read it (``msc body rule
    --record``); that edit's own check then stands for the one here, which is left out.

    Raises :class:`UserError` (unknown ids, a partnership with errors) or
    :class:`UsageError` (bad option values); writes nothing.
    """
    checked_elsewhere = loaded is not None
    loaded = loaded or load_partnership(path)
    if loaded.partnership is None:
        raise _broken(loaded)
    title = _clean_title(request.title)
    _check_choices(request)
    body = _pick_body(loaded, request.body)
    _check_ids(loaded, request, body)
    if not checked_elsewhere:
        _refuse_errors(loaded, as_of)
    number = next_number(loaded.root / DECISIONS, taken)
    meta = _meta(
        {
            "format_version": 1,
            "id": number,
            "title": title,
            "date": request.day,
            "status": request.status,
            "body": body,
            "rule": request.rule or _body_rule(loaded, body),
            "supersedes": sorted(set(request.supersedes)),
            "consulted": list(dict.fromkeys(request.consulted)),
            "informed": list(dict.fromkeys(request.informed)),
            "affects": list(dict.fromkeys(request.affects)),
        }
    )
    language = loaded.partnership.meta.language
    rel = f"{DECISIONS}/{portable_name(f'{number:04d}-{slugify(title)}.md')}"
    text = message_text(request.text, language) if request.text else skeleton(title, language)
    content = front_matter(meta) + "\n" + with_title(text, title)
    _validate_record(content, rel, meta)
    return Prepared(loaded.root, meta, rel, content, language)


def _meta(values: dict[str, object]) -> DecisionMeta:
    """The decision's front matter, or a usage error naming the value that does not
    fit (a title holding a control character, say)."""
    meta, findings = validate(DecisionMeta, values, "the decision")
    if meta is None:
        first = findings[0]
        raise UsageError(f"the decision cannot be recorded: {first.message}", hint=first.hint)
    return meta


def _clean_title(raw: str) -> str:
    """The title as given (blanks around it dropped, as ``msc check`` reads it); an
    empty or overlong one, or one holding a line break (any that :meth:`str.splitlines`
    knows: U+2028, U+0085 ...) or a control character, is refused, never changed."""
    title = raw.strip()
    if title and not re.fullmatch(ONE_LINE, title):
        raise UserError(
            "the title holds a line break or a control character",
            hint="keep it on one line; put the rest in the text ({message} or {edit})",
            options=("message", "edit"),
        )
    if not title:
        raise UsageError("the title is empty", hint='give a title: msc decide "What we decided"')
    if len(title) > MAX_TITLE:
        raise UsageError(
            f"the title is {len(title)} characters long; at most {MAX_TITLE} fit",
            hint="keep the title short and put the rest in the text ({message} or {edit})",
            options=("message", "edit"),
        )
    return title


def _broken(loaded: LoadResult) -> UserError:
    return UserError(
        "partnership.yaml has errors, so the decision cannot be checked",
        hint=f"run `msc check -C {loaded.root}` and fix the errors first",
    )


def _check_choices(request: DecisionRequest) -> None:
    if request.status not in NEW_STATUSES:
        raise UsageError(
            f"`{request.status}` is not one of: {', '.join(NEW_STATUSES)}",
            hint="superseded and withdrawn follow from later decisions, not from a new one",
            field="status",
        )
    if request.rule is not None and request.rule not in RULES:
        hint = did_you_mean(request.rule, RULES) or f"use one of: {', '.join(RULES)}"
        raise UsageError(f"`{request.rule}` is not a decision rule", hint=hint, field="rule")
    for number in request.supersedes:
        if not 1 <= number <= 9999:
            raise UsageError(f"{number} is no decision number (1 to 9999)", field="supersedes")


def _pick_body(loaded: LoadResult, body: str | None) -> str:
    bodies = sorted(loaded.known("body"))
    if body is not None:
        return body
    if len(bodies) == 1:
        return bodies[0]
    listed = ", ".join(bodies) or "none yet: add one under `bodies:` in partnership.yaml"
    raise UsageError(
        "which governance body decided? give its id", hint=f"the bodies are: {listed}", field="body"
    )


def _body_rule(loaded: LoadResult, body: str) -> str | None:
    assert loaded.partnership is not None
    for item in loaded.partnership.meta.bodies:
        if item.id == body:
            return item.decision_rule
    return None


_Unknown = tuple[str, str, str]
"""An id that names nothing: the request field that gave it, what is wrong, a hint."""


def _check_ids(loaded: LoadResult, request: DecisionRequest, body: str) -> None:
    """Every id given must exist: one :class:`UserError` listing every unknown one, each
    under the name of the request field that gave it (one alone: as the error's field)."""
    partners = loaded.known("partner")
    affectable = partners | loaded.known("activity") | loaded.known("metric")
    heard = partners | loaded.known("body")
    decisions = {int(key) for key in loaded.known("decision") if key.isdigit()}
    problems: list[_Unknown] = []
    problems += _unknown("body", [body], loaded.known("body"), "governance body")
    problems += _unknown("consulted", request.consulted, heard, "partner or governance body")
    problems += _unknown("informed", request.informed, heard, "partner or governance body")
    problems += _unknown("affects", request.affects, affectable, "activity, metric or partner")
    for number in request.supersedes:
        if number not in decisions:
            message = f"decision {number:04d} does not exist (there are {_range(decisions)})"
            problems.append(("supersedes", message, ""))
    if len(problems) == 1:
        name, message, hint = problems[0]
        raise UserError(message, hint=hint or None, field=name)
    if problems:
        lines = (f"  {f}: {m}" + (f"; {h}" if h else "") for f, m, h in problems)
        raise UserError(
            f"{len(problems)} unknown ids:\n" + "\n".join(lines),
            hint="fix the ids (msc check lists what exists), then run the command again",
        )


def _unknown(field: str, given: Sequence[str], known: set[str], kind: str) -> list[_Unknown]:
    hint = f"no {kind} has this id"
    return [
        (field, f"unknown {kind} `{id_}`", did_you_mean(id_, known) or hint)
        for id_ in given
        if id_ not in known
    ]


def _range(numbers: set[int]) -> str:
    if not numbers:
        return "no decisions yet"
    return f"decisions {min(numbers):04d} to {max(numbers):04d}"


def _refuse_errors(loaded: LoadResult, as_of: date) -> None:
    """A :class:`UserError` when the partnership ``loaded`` has errors (checked as it was
    loaded: the record is composed from the same reading)."""
    from msctool.rules.check import check_loaded

    root = loaded.root
    report = check_loaded(loaded, as_of=as_of)
    if report.errors:
        count = len(report.errors)
        raise UserError(
            f"the partnership has {count} error{'s' * (count != 1)}, "
            "so no decision is recorded on top of it",
            hint=f"run `msc check -C {root}` and fix the errors first",
        )


def _validate_record(content: str, rel: str, meta: DecisionMeta) -> None:
    """Read the composed record back the way the loader will; a mismatch is a bug."""
    from msctool.load.records import FILE_NAME, split_front_matter
    from msctool.load.validation import validate
    from msctool.load.yamlsource import parse

    name = rel.rsplit("/", 1)[-1]
    source, _ = split_front_matter(content, rel)
    parsed, findings = validate(DecisionMeta, parse(source), rel)
    if parsed != meta or findings or FILE_NAME.match(name) is None:
        raise AssertionError(f"the record msc composed does not read back: {findings}")


# -- writing and committing --------------------------------------------------------


def decision_trailers(meta: DecisionMeta) -> list[tuple[str, str]]:
    """The git trailers of a decision commit, in the order ``msc log`` documents."""
    from msctool.history import trailers as keys

    trailers = [
        (keys.DECISION, f"{meta.id:04d}"),
        (keys.STATUS, meta.status),
        (keys.DECIDED_BY, meta.body),
    ]
    trailers += [(keys.SUPERSEDES, f"{number:04d}") for number in meta.supersedes]
    if meta.consulted:
        trailers.append((keys.CONSULTED, ", ".join(meta.consulted)))
    if meta.informed:
        trailers.append((keys.INFORMED, ", ".join(meta.informed)))
    return trailers


def commit_subject(meta: DecisionMeta, language: Language) -> str:
    """The first line of the commit of a new record, in the partnership's language."""
    from msctool.edits.wording import said

    return said(language, "decision_recorded", number=f"{meta.id:04d}", title=meta.title)


def record_decision(
    path: Path,
    request: DecisionRequest,
    *,
    commit: bool = True,
    edit: Callable[[Prepared], str] | None = None,
    as_of: date,
) -> Recorded:
    """Check, write and (unless ``commit`` is False) commit one decision record; the
    partnership must have no errors as of ``as_of`` (today for the command line).

    ``edit`` gets the prepared record and returns the text below the front
    matter (an editor session); empty text aborts before anything is written.
    The number is given, the record created and committed while holding the
    partnership's lock (:mod:`msctool.edits.lock`), so two runs at once
    never take the same number; the editor session comes before, outside the lock.
    """
    from msctool.edits.lock import hold
    from msctool.load.root import find_root

    root = find_root(path)
    repo = _repository(root) if commit else None
    if edit is not None:
        request = _edited(root, request, edit, as_of)
    with hold(root):
        taken = used_numbers(repo or _optional_repository(root), root)
        return _record(prepare(root, request, taken, as_of=as_of), repo)


def _record(prepared: Prepared, repo: Path | None) -> Recorded:
    """Create the record's file and commit it (when ``repo`` is given); the caller
    holds the lock."""
    target = prepared.root / prepared.rel
    if repo is not None:
        _refuse_dirty(repo, target, prepared.rel)
    _write_new(prepared.root, target, prepared.content, prepared.rel)
    if repo is None:
        return Recorded(prepared.root, prepared.meta, prepared.rel, target, None)
    try:
        made = _commit(repo, target, prepared.meta, prepared.language)
    except MscIOError as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise type(exc)(
            f"{exc.message}; {prepared.rel} was removed again, nothing was recorded",
            hint=exc.hint,
        ) from None
    return Recorded(prepared.root, prepared.meta, prepared.rel, target, made.sha, made.notes)


def _edited(
    root: Path, request: DecisionRequest, edit: Callable[[Prepared], str], as_of: date
) -> DecisionRequest:
    """``request`` with the text written in the editor. The ids are checked first; the
    record ``edit`` sees has a provisional number (the final one is given under the lock)."""
    prepared = prepare(root, request, as_of=as_of)
    cleaned = strip_prompts(edit(prepared), prepared.language)
    if is_empty(cleaned):
        raise UserError(
            "the decision text is empty, so nothing was recorded",
            hint="write the context, the decision and its consequences in the editor",
        )
    return _replace_text(request, cleaned)


def _replace_text(request: DecisionRequest, text: str) -> DecisionRequest:
    from dataclasses import replace

    return replace(request, text=text)


def _repository(root: Path) -> Path:
    repo = find_repo_root(root)
    if repo is None:
        raise NotInRepositoryError(
            f"{root} is not in a git repository, so the decision cannot be committed",
            hint="run `git init` there first, or use {no_commit} to write the record only",
            options=("no_commit",),
        )
    ensure_can_commit(repo)
    return repo


def _optional_repository(root: Path) -> Path | None:
    """The repository holding ``root`` for --no-commit: None outside git (or without git)."""
    try:
        return find_repo_root(root)
    except GitError:
        return None


def used_numbers(repo: Path | None, root: Path) -> list[int]:
    """Numbers of the decision files in git's index (also those deleted from the work
    tree only) and of every decision file a commit in HEAD's history deleted or
    renamed, so the number of a withdrawn decision is never given out again.
    Empty outside git."""
    if repo is None:
        return []
    folder = root / DECISIONS
    names = [*tracked_files(repo, folder), *deleted_files(repo, folder)]
    return [int(m.group(1)) for name in names if (m := _NUMBERED.match(Path(name).name))]


def _refuse_dirty(repo: Path, target: Path, rel: str) -> None:
    if target.exists() or target.is_symlink() or dirty_paths(repo, [target]):
        raise UserError(
            f"{rel} already exists or has changes that are not committed",
            hint="commit or remove that file first; msc does not touch someone else's work",
        )


def _write_new(root: Path, target: Path, content: str, rel: str) -> None:
    """Create ``target`` inside ``root`` whole; never replaces a file that appeared
    meanwhile (:func:`msctool.fs.atomic.create_exclusive`)."""
    confined(target, root)
    try:
        target.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise MscIOError(f"cannot create {DECISIONS}/: {exc.strerror}") from exc
    try:
        create_exclusive(target, content.encode("utf-8"))
    except FileExistsError:
        raise UserError(
            f"{rel} already exists", hint="run the command again for a new number"
        ) from None
    except OSError as exc:
        raise MscIOError(f"cannot write {rel}: {exc.strerror}") from exc


def _commit(repo: Path, target: Path, meta: DecisionMeta, language: Language) -> Commit:
    subject = commit_subject(meta, language)
    return commit_files(repo, [target], subject, decision_trailers(meta))
