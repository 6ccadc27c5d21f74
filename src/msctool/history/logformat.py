"""The decision log as text (for a terminal or a pipe), JSON or Markdown."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from msctool import __version__
from msctool.escaping import markdown_text, one_line, terminal_text
from msctool.findings import Finding
from msctool.history.decisionlog import Amendment, DecisionLog, LoggedDecision
from msctool.model.vocabulary import ReportFormat, values

FORMATS: tuple[ReportFormat, ...] = values(ReportFormat)
_COLOURS = {
    "accepted": "\x1b[32m",
    "proposed": "\x1b[33m",
    "rejected": "\x1b[31m",
    "superseded": "\x1b[2m",
    "withdrawn": "\x1b[2m",
}
_END = "\x1b[0m"


def render_log(log: DecisionLog, output_format: str, colour: bool = False) -> str:
    """The log in ``output_format`` (text, json or md)."""
    if output_format == "json":
        return to_json(log)
    if output_format == "md":
        return to_markdown(log)
    return to_text(log, colour)


# -- text ---------------------------------------------------------------------------------


def to_text(log: DecisionLog, colour: bool = False) -> str:
    """One block a decision: the line a coordinator scans, then who, when and links.
    Control characters in titles, authors and subjects are shown escaped, so the
    colours are the only escapes."""
    lines = [_title(log), ""]
    for decision in log.decisions:
        lines.extend(_text_block(decision, colour))
    if not log.decisions:
        lines.append("No decisions match.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _title(log: DecisionLog) -> str:
    count = len(log.decisions)
    return terminal_text(
        f"Decision log of {_where(log)}: {count} decision{'s' * (count != 1)} "
        f"(history up to {log.head[:7]}{', shallow clone' if log.shallow else ''})"
    )


def _where(log: DecisionLog) -> str:
    """The partnership folder inside its repository, or its name when it is the top."""
    return log.root.name if log.folder == "." else log.folder


def _text_block(d: LoggedDecision, colour: bool) -> Iterator[str]:
    status = f"{d.status:<10}"
    if colour:
        status = f"{_COLOURS.get(d.status, '')}{status}{_END}"
    yield f"{d.id:04d}  {d.date.isoformat()}  {status}  {terminal_text(d.title)}"
    who = f"{_body(d)} · committed by {d.author} on {_day(d.committed)} in {d.commit[:7]}"
    yield f"      {terminal_text(who)}"
    links = _links(d)
    if links:
        yield f"      {terminal_text(links)}"
    for label, event in later_events(d):
        yield f"      {label} {terminal_text(_event(event))}"
    yield ""


def later_events(d: LoggedDecision) -> Iterator[tuple[str, Amendment]]:
    """What happened to a decision after the commit that recorded it: accepted (when
    that was a later commit), amended, removed."""
    if d.accepted is not None and d.accepted.commit != d.commit:
        yield "accepted", d.accepted
    for amendment in d.amendments:
        yield "amended", amendment
    if d.removed is not None:
        yield "removed", d.removed


def _body(d: LoggedDecision) -> str:
    return f"{d.body} ({d.rule})" if d.rule else f"{d.body} (no decision rule)"


def _links(d: LoggedDecision) -> str:
    parts = []
    if d.status != d.recorded_status:
        parts.append(f"record says {d.recorded_status}")
    if d.supersedes:
        parts.append(f"supersedes {_numbers(d.supersedes)}")
    if d.superseded_by:
        parts.append(f"superseded by {_numbers(d.superseded_by)}")
    for label, ids in (("consulted", d.consulted), ("informed", d.informed)):
        if ids:
            parts.append(f"{label} {', '.join(ids)}")
    if d.affects:
        parts.append(f"affects {', '.join(d.affects)}")
    return " · ".join(parts)


def _numbers(ids: tuple[int, ...]) -> str:
    return ", ".join(f"{number:04d}" for number in ids)


def _event(amendment: Amendment) -> str:
    return (
        f"on {_day(amendment.date)} by {amendment.author} in {amendment.commit[:7]}: "
        f"{amendment.subject}"
    )


def _day(moment: Any) -> str:
    return str(moment.date().isoformat())


def warning_lines(warnings: list[Finding], hints: bool = True) -> Iterator[str]:
    """Warnings for standard error, like ``msc check`` prints findings."""
    for finding in warnings:
        where = finding.file + (f":{finding.line}:{finding.column}" if finding.line else "")
        yield f"msc: warning: {where}: {finding.code} {finding.message}"
        if finding.hint and hints:
            yield f"  hint: {finding.hint}"


# -- JSON ---------------------------------------------------------------------------------


def to_json(log: DecisionLog) -> str:
    """Everything in the log, warnings included, as one JSON document."""
    data = {
        "msc_version": __version__,
        "folder": log.folder,
        "head": log.head,
        "shallow": log.shallow,
        "decisions": [_decision_json(d) for d in log.decisions],
        "warnings": [_warning_json(f) for f in log.warnings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _decision_json(d: LoggedDecision) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "file": d.file,
        "date": d.date.isoformat(),
        "body": d.body,
        "rule": d.rule,
        "status": d.status,
        "recorded_status": d.recorded_status,
        "supersedes": list(d.supersedes),
        "superseded_by": list(d.superseded_by),
        "consulted": list(d.consulted),
        "informed": list(d.informed),
        "affects": list(d.affects),
        "commit": d.commit,
        "author": d.author,
        "committed": d.committed.isoformat(),
        "amendments": [_amendment_json(a) for a in d.amendments],
        "removed": _amendment_json(d.removed) if d.removed else None,
        "accepted": _amendment_json(d.accepted) if d.accepted else None,
    }


def _amendment_json(a: Amendment) -> dict[str, str]:
    return {
        "commit": a.commit,
        "date": a.date.isoformat(),
        "author": a.author,
        "subject": a.subject,
    }


def _warning_json(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "hint": f.hint,
    }


# -- Markdown -----------------------------------------------------------------------------


def to_markdown(log: DecisionLog) -> str:
    """A table of decisions, then amendments and warnings as lists."""
    lines = [f"# Decision log of {_text(_where(log))}", ""]
    if log.decisions:
        lines += [
            "| # | Date | Decision | Body (rule) | Status | Committed by | Commit |",
            "|---:|---|---|---|---|---|---|",
            *(_row(d) for d in log.decisions),
        ]
    else:
        lines.append("No decisions match.")
    later = [
        f"- {d.id:04d} {label} {_text(_event(event))}"
        for d in log.decisions
        for label, event in later_events(d)
    ]
    if later:
        lines += ["", "## Later changes", "", *later]
    if log.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- `{_code(f.file)}`: {_cell(f.message)}" for f in log.warnings]
    return "\n".join(lines) + "\n"


def _row(d: LoggedDecision) -> str:
    status = d.status
    if d.superseded_by:
        status += f" by {_numbers(d.superseded_by)}"
    cells = (
        f"{d.id:04d}",
        d.date.isoformat(),
        _text(d.title),
        _text(_body(d)),
        status,
        _text(d.author),
        f"`{d.commit[:7]}`",
    )
    return "| " + " | ".join(cells) + " |"


def _text(text: str) -> str:
    """User-written text (a title, a name, a commit subject) shown literally in Markdown:
    no emphasis, links, code or HTML of its own; one line; safe in a table cell."""
    return markdown_text(text)


def _cell(text: str) -> str:
    """msc's own message, whose `backticks` are code, safe on one list line: the text
    between code spans is escaped like data (a file name in it is data), each code
    span stays code on one line."""
    parts = text.split("`")
    return "".join(
        (f"`{one_line(part)}`" if part.strip() else markdown_text(part))
        if number % 2
        else markdown_text(part)
        for number, part in enumerate(parts)
    )


def _code(text: str) -> str:
    """A file name for inside backticks (a backtick in it would end the code span)."""
    return text.replace("`", "'")
