"""A decision record's text: its front matter, the MADR-like skeleton with what to
write under each heading (in the partnership's language), and the editor that
lets a person write it (``msc decide --edit``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from msctool.errors import UsageError, UserError
from msctool.history.repo import GitError
from msctool.model.decisions import DecisionMeta

_PLAIN = re.compile(r"^[A-Za-z\u00c0-\u024f][^:#'\"\[\]{}&*!|>%@`,?\\]*$")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}

SECTIONS = {
    "en": (
        ("Context", "What made a decision necessary? What did we know, what did we weigh?"),
        ("Decision", "What did we decide? Write it so someone new understands it in a year."),
        ("Consequences", "What changes now, for whom? What becomes harder?"),
    ),
    "nl": (
        ("Aanleiding", "Waarom was een besluit nodig? Wat wisten we, wat woog mee?"),
        (
            "Besluit",
            "Wat besloten we? Schrijf het zo dat iemand die over een jaar begint het snapt.",
        ),
        ("Gevolgen", "Wat verandert er nu, voor wie? Wat wordt lastiger?"),
    ),
}


def front_matter(meta: DecisionMeta) -> str:
    """The ``---`` block of a record, in a stable, readable field order."""
    lines = [
        "---",
        "format_version: 1",
        f"id: {meta.id}",
        f"title: {yaml_string(meta.title)}",
        f"date: {meta.date.isoformat()}",
        f"status: {meta.status}",
        f"body: {meta.body}",
    ]
    if meta.rule is not None:
        lines.append(f"rule: {meta.rule}")
    for key in ("supersedes", "consulted", "informed", "affects"):
        values = getattr(meta, key)
        if values:
            lines.append(f"{key}: [{', '.join(map(str, values))}]")
    return "\n".join([*lines, "---", ""])


def yaml_string(text: str) -> str:
    """``text`` as a YAML 1.2 scalar: plain when that is safe, else double-quoted."""
    plain = (
        _PLAIN.match(text) is not None
        and text.lower() not in _YAML_WORDS
        and not text.endswith((" ", ":"))
        and " #" not in text
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def skeleton(title: str, language: str) -> str:
    """The MADR-like text: a title and three sections with what to write in each."""
    sections = SECTIONS.get(language, SECTIONS["en"])
    parts = [f"# {title}\n"]
    for heading, prompt in sections:
        parts.append(f"## {heading}\n\n<!-- {prompt} -->\n")
    return "\n".join(parts)


def with_title(text: str, title: str) -> str:
    """``text`` under a ``# title`` line (unless it has one), ending in one newline."""
    body = text.strip("\n")
    if not body.lstrip().startswith("# "):
        body = f"# {title}\n\n{body}"
    return body.rstrip() + "\n"


def strip_prompts(text: str, language: str) -> str:
    """The edited text without the skeleton's guidance comments."""
    for _heading, prompt in SECTIONS.get(language, SECTIONS["en"]):
        text = text.replace(f"<!-- {prompt} -->\n", "").replace(f"<!-- {prompt} -->", "")
    return text


def is_empty(text: str) -> bool:
    """True when ``text`` has nothing but headings, comments and blank lines."""
    without_comments = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    return all(
        not line.strip() or line.lstrip().startswith("#") for line in without_comments.splitlines()
    )


def message_text(message: str, language: str) -> str:
    """``--message`` text as a record body: as written when it has ``##`` sections,
    else under the Decision heading."""
    if re.search(r"^## ", message, re.MULTILINE):
        return message
    decision = SECTIONS.get(language, SECTIONS["en"])[1][0]
    return f"## {decision}\n\n{message.strip()}\n"


# -- the editor --------------------------------------------------------------------


def editor_command(start: Path) -> str:
    """The editor to open: $VISUAL, else $EDITOR, else the one git is set up with."""
    import os

    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value
    try:
        from msctool.history.repo import git_editor

        return git_editor(start)
    except GitError:
        raise UsageError(
            "no editor is set up",
            hint="set the EDITOR environment variable (e.g. EDITOR=nano), or use {message} TEXT",
            options=("message",),
            field="edit",
        ) from None


def edit_text(text: str, editor: str, name: str = "DECISION.md") -> str:
    """Let the user edit ``text`` in ``editor`` (a shell command line, as git runs it)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="msc-decide-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(["sh", "-c", f'{editor} "$@"', editor, str(path)], check=False)
        except OSError as exc:
            raise UsageError(f"cannot run the editor `{editor}`: {exc.strerror}") from exc
        if done.returncode != 0:
            raise UserError(
                f"the editor `{editor}` exited with status {done.returncode}; nothing was recorded",
                hint="check the EDITOR setting, or use {message} TEXT",
                options=("message",),
            )
        return path.read_text(encoding="utf-8")
