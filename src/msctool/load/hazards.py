"""What YAML can say that a partnership file must not: tags outside the core
schema and control characters.

yaml-rs turns ``!!set`` into a Python set, drops ``!!binary`` and local
``!tags`` silently, cuts a plain value at a NUL byte and keeps other control
characters in values. Each tag and each control character is one finding at
its own line and column (MSC016, MSC017); the text is then cleaned (a tag
blanked out, a control character replaced by U+FFFD) so that the rest of
the file still loads and no other finding follows from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from msctool.findings import Finding, YamlPath

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Characters YAML 1.2 does not allow in a file (tab, line feed, carriage
return and NEL are allowed), and that no partnership value needs."""

_TAG_START = frozenset(" \t\n,[]{}")
"""What can precede the ``!`` of a tag: a blank, a flow indicator, a line start."""
MAYBE_ESCAPED = re.compile(r"\\[0abevfxuU]")
"""An escape that can write a control character inside a double-quoted value."""
REPLACEMENT = "\ufffd"
_CORE = "tag:yaml.org,2002:"
CORE_TAGS = frozenset(
    f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
"""The tags of YAML 1.2's core schema; anything else is refused."""


def clean_text(text: str, rel: str, line_offset: int = 0) -> tuple[str, list[Finding]]:
    """``text`` without control characters and foreign tags, and a finding for each."""
    findings = [
        _control_finding(text, match.start(), rel, line_offset) for match in CONTROL.finditer(text)
    ]
    if findings:
        text = CONTROL.sub(REPLACEMENT, text)
    if _maybe_tag(text):
        spans = list(_foreign_tags(text))
        findings.extend(_tag_finding(text, start, tag, rel, line_offset) for start, _, tag in spans)
        text = _blank(text, [(start, end) for start, end, _ in spans])
    return text, findings


def _maybe_tag(text: str) -> bool:
    """Whether ``text`` has a ``!`` where a tag can start (a regular expression
    is ten times slower on large files; a ``!`` is rare)."""
    index = text.find("!")
    while index != -1:
        if index == 0 or text[index - 1] in _TAG_START:
            return True
        index = text.find("!", index + 1)
    return False


def has_control(data: Any) -> bool:
    """Whether a loaded key or value holds a control character (a quick pass
    before :func:`control_values` works out where)."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if CONTROL.search(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def control_values(data: Any) -> Iterator[tuple[YamlPath, str]]:
    """Path and character of each control character in a loaded value or key
    (written as an escape such as ``"\\x1b"``, so not in the text itself)."""
    stack: list[tuple[YamlPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            found = CONTROL.search(node)
            if found:
                yield path, found.group()
        elif isinstance(node, dict):
            for key, value in node.items():
                stack.append(((*path, str(key)), key))
                stack.append(((*path, str(key)), value))
        elif isinstance(node, list):
            stack.extend(((*path, index), item) for index, item in enumerate(node))


def scrub(data: Any) -> Any:
    """``data`` with each control character in its strings replaced by U+FFFD."""
    if isinstance(data, str):
        return CONTROL.sub(REPLACEMENT, data)
    if isinstance(data, dict):
        return {scrub(key): scrub(value) for key, value in data.items()}
    if isinstance(data, list):
        return [scrub(item) for item in data]
    return data


def control_message(char: str) -> str:
    """The finding's message for one control character."""
    return f"a control character (U+{ord(char):04X}) in a value"


CONTROL_HINT = "remove it; a value holds printable text, line breaks and tabs only"


def _control_finding(text: str, index: int, rel: str, line_offset: int) -> Finding:
    line, column = _position(text, index)
    return Finding(
        "MSC017",
        control_message(text[index]),
        rel,
        hint=CONTROL_HINT,
        line=line + line_offset,
        column=column,
    )


def _tag_finding(text: str, index: int, tag: str, rel: str, line_offset: int) -> Finding:
    line, column = _position(text, index)
    return Finding(
        "MSC016",
        f"YAML tag `{tag}` is not allowed: msc files hold plain text, numbers, dates, lists and mappings",
        rel,
        hint="remove the tag and write the value plainly (quote it to keep it text)",
        line=line + line_offset,
        column=column,
    )


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _foreign_tags(text: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and spelling of each tag outside the core schema (libyaml's
    scanner; tokens before a scan error are still seen). PyYAML is imported only
    here: most files have no ``!`` where a tag can start, and ``msc check`` stays light."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: no libyaml
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.TagToken) and not _is_core(token.value):
                start, end = token.start_mark.index, token.end_mark.index
                yield start, end, text[start:end]
    except yaml.YAMLError:
        return


def _is_core(value: tuple[str | None, str]) -> bool:
    handle, suffix = value
    if handle is None:
        return suffix == "!" or suffix in CORE_TAGS
    return handle == "!!" and f"{_CORE}{suffix}" in CORE_TAGS


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces (positions stay)."""
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text
