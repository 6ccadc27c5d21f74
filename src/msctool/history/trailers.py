"""Decision trailers in a commit message: find them as git does, check what they name.

``msc decide`` writes ``Decision: NNNN``, ``Decision-Status:``, ``Decided-By:``,
``Supersedes: NNNN`` (one per line) and ``Consulted:``/``Informed:``
(comma-separated partner or body ids) as git trailers; ``msc log`` reads them back.
The ``msc-trailers`` commit-msg hook runs :func:`check_message` so a typo in a
hand-written trailer is caught before it becomes history.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from msctool.model.vocabulary import DecisionStatus, values
from msctool.suggest import did_you_mean

DECISION = "Decision"
STATUS = "Decision-Status"
DECIDED_BY = "Decided-By"
SUPERSEDES = "Supersedes"
CONSULTED = "Consulted"
INFORMED = "Informed"
KEYS = (DECISION, STATUS, DECIDED_BY, SUPERSEDES, CONSULTED, INFORMED)
"""The trailer keys msc writes and reads, exactly as spelled in commits."""
STATUSES: tuple[DecisionStatus, ...] = values(DecisionStatus)
"""What ``Decision-Status:`` may say: the record model's statuses (the vocabulary
loads no model, so a message without trailers still loads none)."""

SCISSORS = "------------------------ >8 ------------------------"
_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$")
_GIT_GENERATED = ("signed-off-by:", "(cherry picked from commit ")
NUMBER = re.compile(r"^#?0*(\d{1,4})$")
"""A decision number as ``msc log`` reads it: ``0007``, ``7`` or ``#7``."""
_RECORD_NAME = re.compile(r"^(\d{4})-.*\.md$")


@dataclass(frozen=True)
class Trailer:
    """One trailer line: its key as written, its value, and its 1-based line in the message."""

    key: str
    value: str
    line: int

    @property
    def canonical(self) -> str | None:
        """The msc key this is (git compares keys case-insensitively), or None."""
        for key in KEYS:
            if key.lower() == self.key.lower():
                return key
        return None


@dataclass(frozen=True)
class Problem:
    """A wrong trailer: the line of the message, what is wrong, how to fix it."""

    line: int
    message: str
    hint: str


@dataclass(frozen=True)
class Known:
    """Ids the trailers may name, from the partnership's files."""

    decisions: set[int]
    bodies: set[str]
    partners: set[str]


# -- parsing -----------------------------------------------------------------------


def message_lines(text: str, comment_char: str = "#") -> list[tuple[int, str]]:
    """The lines git keeps of a message (numbered from 1): no comment lines, nothing
    below the scissors line of ``git commit --verbose``."""
    kept = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(comment_char) and SCISSORS in line:
            break
        if comment_char and line.startswith(comment_char):
            continue
        kept.append((number, line.rstrip()))
    return kept


def paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Blocks of non-blank lines."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for item in lines:
        if item[1].strip():
            current.append(item)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def parse_trailers(text: str, comment_char: str = "#") -> list[Trailer]:
    """The trailers git sees: those of the last paragraph, when it is a trailer block
    and not the subject. Continuation lines (starting with blanks) join their trailer."""
    blocks = paragraphs(message_lines(text, comment_char))
    if len(blocks) < 2 or not _is_trailer_block(blocks[-1]):
        return []
    return list(_trailers(blocks[-1]))


def _is_trailer_block(block: list[tuple[int, str]]) -> bool:
    """All lines are trailers (or continuations), or git's looser rule: a line git
    itself writes (Signed-off-by) and at least a quarter trailers."""
    trailer = sum(1 for _n, line in block if _TRAILER.match(line))
    other = sum(1 for _n, line in block if not _TRAILER.match(line) and not line[:1].isspace())
    if trailer and not other:
        return not block[0][1][:1].isspace()
    generated = any(line.lower().startswith(_GIT_GENERATED) for _n, line in block)
    return generated and trailer * 4 >= trailer + other


def _trailers(block: list[tuple[int, str]]) -> Iterator[Trailer]:
    pending: Trailer | None = None
    for number, line in block:
        match = _TRAILER.match(line)
        if line[:1].isspace() and pending is not None:
            pending = Trailer(pending.key, f"{pending.value} {line.strip()}", pending.line)
            continue
        if pending is not None:
            yield pending
        pending = Trailer(match.group(1), match.group(2).strip(), number) if match else None
    if pending is not None:
        yield pending


def misplaced(text: str, comment_char: str = "#") -> list[Problem]:
    """Lines that look like msc trailers but are not in the trailer block, so git
    would not read them as trailers."""
    blocks = paragraphs(message_lines(text, comment_char))
    last = blocks[-1] if len(blocks) >= 2 and _is_trailer_block(blocks[-1]) else []
    in_block = {number for number, _ in last}
    problems = []
    for block in blocks:
        for number, line in block:
            match = _TRAILER.match(line)
            if number in in_block or match is None:
                continue
            key = Trailer(match.group(1), match.group(2), number).canonical
            if key is not None and _looks_like_value(key, match.group(2).strip()):
                problems.append(
                    Problem(
                        number,
                        f"`{line.strip()}` is not in the trailer block, so git does not read it",
                        "put the trailers together in the last paragraph of the message, "
                        "after a blank line, with nothing but `Key: value` lines in it",
                    )
                )
    return problems


def _looks_like_value(key: str, value: str) -> bool:
    if key in (DECISION, SUPERSEDES):
        return all(NUMBER.match(part.strip()) for part in value.split(","))
    if key == STATUS:
        return value.lower() in STATUSES
    return re.fullmatch(r"[a-z0-9][a-z0-9-]*(\s*,\s*[a-z0-9][a-z0-9-]*)*", value) is not None


def mentions_keys(text: str) -> bool:
    """True when any line of ``text`` starts like an msc trailer (a quick first look)."""
    return any(
        (match := _TRAILER.match(line)) and Trailer(match.group(1), "", 0).canonical
        for line in text.splitlines()
    )


def has_decision_trailers(text: str, comment_char: str = "#") -> bool:
    """True when the message has any msc trailer (in place or misplaced)."""
    return any(t.canonical for t in parse_trailers(text, comment_char)) or bool(
        misplaced(text, comment_char)
    )


# -- checking ----------------------------------------------------------------------


def check_message(text: str, known: Known, comment_char: str = "#") -> list[Problem]:
    """Every problem with the decision trailers of a commit message, by line."""
    trailers = [t for t in parse_trailers(text, comment_char) if t.canonical]
    problems = misplaced(text, comment_char)
    for trailer in trailers:
        problems.extend(_check_one(trailer, known))
    problems.extend(_check_together(trailers))
    return sorted(problems, key=lambda p: p.line)


def _check_one(trailer: Trailer, known: Known) -> list[Problem]:
    key = trailer.canonical
    problems: list[Problem] = []
    if key in (DECISION, SUPERSEDES):
        problems += _check_number(trailer, known)
    elif key == STATUS:
        problems += _check_status(trailer)
    elif key == DECIDED_BY:
        problems += _check_ids(trailer, known.bodies, "governance body", single=True)
    elif key in (CONSULTED, INFORMED):
        heard = known.partners | known.bodies
        problems += _check_ids(trailer, heard, "partner or governance body", single=False)
    return problems


def _check_number(trailer: Trailer, known: Known) -> list[Problem]:
    """Each comma-separated value must be the number of an existing record."""
    problems = []
    for value in [part.strip() for part in trailer.value.split(",")]:
        match = NUMBER.match(value)
        if match is None:
            problems.append(
                Problem(
                    trailer.line,
                    f"{trailer.key}: `{value}` is not a decision number",
                    "write the four-digit number of the record, e.g. `Decision: 0007` "
                    "for decisions/0007-....md",
                )
            )
        elif int(match.group(1)) not in known.decisions:
            problems.append(
                Problem(
                    trailer.line,
                    f"{trailer.key}: decision {int(match.group(1)):04d} does not exist "
                    "in decisions/",
                    _decision_hint(known.decisions),
                )
            )
    return problems


def _decision_hint(numbers: set[int]) -> str:
    if not numbers:
        return "there are no decision records yet; add decisions/NNNN-title.md (msc decide)"
    return (
        f"the records are numbered {min(numbers):04d} to {max(numbers):04d}; "
        "add the record to this commit (msc decide writes one) or fix the number"
    )


def _check_status(trailer: Trailer) -> list[Problem]:
    if trailer.value in STATUSES:
        return []
    hint = did_you_mean(trailer.value, STATUSES) or f"use one of: {', '.join(STATUSES)}"
    return [
        Problem(trailer.line, f"{trailer.key}: `{trailer.value}` is not a decision status", hint)
    ]


def _check_ids(trailer: Trailer, known: set[str], kind: str, *, single: bool) -> list[Problem]:
    ids = [part.strip() for part in trailer.value.split(",")]
    if single and len(ids) != 1:
        return [
            Problem(
                trailer.line,
                f"{trailer.key}: name one {kind}, not {len(ids)}",
                "the body whose rule was used; name others under Consulted:",
            )
        ]
    problems = []
    for value in ids:
        if value not in known:
            hint = did_you_mean(value, known) or f"use the id of a {kind} (see msc check)"
            problems.append(Problem(trailer.line, f"{trailer.key}: unknown {kind} `{value}`", hint))
    return problems


def _check_together(trailers: list[Trailer]) -> list[Problem]:
    """Trailers that need a ``Decision:`` next to them, and one status per decision."""
    keys = [t.canonical for t in trailers]
    if DECISION in keys:
        statuses = [t for t in trailers if t.canonical == STATUS]
        decisions = keys.count(DECISION)
        if len(statuses) > decisions:
            return [
                Problem(
                    statuses[-1].line,
                    f"{len(statuses)} Decision-Status lines for {decisions} decision(s)",
                    "give one status per decision",
                )
            ]
        return []
    if not trailers:
        return []
    first = trailers[0]
    return [
        Problem(
            first.line,
            f"`{first.canonical}:` without a `Decision:` trailer",
            "add `Decision: NNNN` naming the decision record this commit is about",
        )
    ]


# -- the partnership ---------------------------------------------------------------


def known_ids(root: Path) -> Known:
    """Decision numbers, bodies and partners of the partnership at ``root`` (work tree);
    decision numbers of the last commit count too."""
    from msctool.load.loader import load_partnership

    loaded = load_partnership(root)
    numbers = {int(key) for key in loaded.known("decision") if key.isdigit()}
    return Known(numbers | committed_numbers(root), loaded.known("body"), loaded.known("partner"))


def committed_numbers(root: Path) -> set[int]:
    """Numbers of the decision records in HEAD, so a commit that deletes a record (to
    withdraw it) may still name it; empty outside git or before the first commit."""
    from msctool.history.repo import GitError, committed_files, find_repo_root

    try:
        repo = find_repo_root(root)
        names = committed_files(repo, root / "decisions") if repo is not None else []
    except GitError:
        return set()
    return {int(m.group(1)) for name in names if (m := _RECORD_NAME.match(Path(name).name))}


def format_problems(problems: list[Problem], shown_file: str) -> str:
    """``FILE:LINE: message`` lines with their hints, like msc check."""
    lines = []
    for problem in problems:
        lines.append(f"{shown_file}:{problem.line}: {problem.message}")
        lines.append(f"  hint: {problem.hint}")
    return "".join(line + "\n" for line in lines)


def locate_partnership(start: Path) -> Path | None:
    """The partnership the hook checks against: the one holding ``start``; else, inside
    a git repository, its only partnership.yaml; None when the repository has none."""
    from msctool.errors import NotAPartnershipError, UsageError
    from msctool.history.repo import find_repo_root, list_files
    from msctool.load.root import find_root

    try:
        return find_root(start)
    except NotAPartnershipError:
        repo = find_repo_root(start)
        if repo is None:
            return None
    found = list_files(repo, "**/partnership.yaml")
    if len(found) > 1:
        folders = ", ".join(str(Path(name).parent) for name in found)
        raise UsageError(
            f"this repository holds several partnerships ({folders})",
            hint="say which one with -C DIR (in .pre-commit-config.yaml: args: [-C, DIR])",
        )
    return (repo / found[0]).parent if found else None


def comment_char(start: Path) -> str:
    """git's core.commentChar where it is one character, else ``#``."""
    from msctool.history.repo import GitError, config_value

    try:
        value = config_value(start, "core.commentChar")
    except GitError:
        return "#"
    return value if len(value) == 1 else "#"


def check_file(message_file: Path, folder: Path | None) -> tuple[list[Problem], str | None]:
    """Check the message in ``message_file`` against the partnership at ``folder`` (or
    the one :func:`locate_partnership` finds from the current folder).

    Returns the problems and a note for the user (or None).  A message without
    decision trailers is not checked further; a repository without a
    partnership passes with a note.
    """
    from msctool.errors import MscIOError

    try:
        text = message_file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise MscIOError(f"cannot read {message_file}: {exc.strerror}") from exc
    if not mentions_keys(text):
        return [], None  # most commits: no need to ask git for its comment character
    start = folder or Path.cwd()
    char = comment_char(start if start.is_dir() else Path.cwd())
    if not has_decision_trailers(text, char):
        return [], None
    root = _partnership_root(folder)
    if root is None:
        return [], "decision trailers not checked: no partnership.yaml in this repository"
    return check_message(text, known_ids(root), char), None


def _partnership_root(folder: Path | None) -> Path | None:
    from msctool.load.root import find_root

    if folder is not None:
        return find_root(folder)
    return locate_partnership(Path.cwd())
