"""Pydantic validation errors turned into findings a coordinator can act on."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from msctool.findings import Finding, YamlPath
from msctool.model.common import ONE_LINE
from msctool.model.ids import ID_PATTERN, slugify
from msctool.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)
_SLUG_HINT = "ids use lower-case letters, digits and dashes only"


def validate(model: type[M], data: Any, rel: str) -> tuple[M | None, list[Finding]]:
    """The validated model (or None) and the findings for everything wrong in ``data``."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, errors_to_findings(exc, data, model, rel)


def errors_to_findings(
    exc: ValidationError, data: Any, model: type[BaseModel], rel: str
) -> list[Finding]:
    """One finding per problem: union branches collapse into one, and a misspelt
    key that stands for a missing one is reported once, as the misspelling."""
    findings: dict[tuple[YamlPath, str], Finding] = {}
    for error in exc.errors(include_url=False):
        finding = _to_finding(error, data, model, rel)
        findings.setdefault((finding.path or (), finding.code), finding)
    return _merge_misspellings(list(findings.values()))


def _merge_misspellings(findings: list[Finding]) -> list[Finding]:
    """Drop "missing `statement`" when "unknown key `statment`" sits beside it."""
    missing = {f.path: f for f in findings if f.code == "MSC005" and f.path}
    merged = []
    for finding in findings:
        meant = _suggested_key(finding)
        twin = (*finding.path[:-1], meant) if meant and finding.path else None
        if twin in missing:
            del missing[twin]
            finding = replace(finding, hint=f"did you mean `{meant}`? it is required")
        merged.append(finding)
    return [f for f in merged if f.code != "MSC005" or f.path in missing]


def _suggested_key(finding: Finding) -> str | None:
    if finding.code != "MSC004" or not finding.path or not finding.hint:
        return None
    match = re.fullmatch(r"did you mean `([^`]+)`\?", finding.hint)
    return match.group(1) if match else None


def _to_finding(error: ErrorDetails, data: Any, model: type[BaseModel], rel: str) -> Finding:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "missing":
        parent = clean_path(data, loc[:-1])
        key = str(loc[-1])
        return Finding(
            "MSC005",
            f"missing required key `{key}`{_in(parent)}",
            rel,
            hint=f"add `{key}:` here; see docs/format.md",
            path=(*parent, key),  # not in the file: located at the parent mapping
        )
    path = clean_path(data, loc)
    value = value_at(data, path)
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        allowed = _allowed_keys(model, path[:-1])
        hint = did_you_mean(key, allowed) or (
            f"allowed keys here: {', '.join(sorted(allowed))}" if allowed else None
        )
        return Finding("MSC004", f"unknown key `{key}`", rel, hint=hint, path=path, at_key=True)
    if path and path[-1] == "format_version":
        return Finding(
            "MSC007",
            f"unsupported format_version {value!r}; this msc reads format 1",
            rel,
            hint="write `format_version: 1`, or upgrade msc if the folder is newer",
            path=path,
        )
    message, hint = _describe(kind, error, value)
    return Finding("MSC006", f"{_where(path)}{message}", rel, hint=hint, path=path)


_QUOTED_NUMBER_HINT = (
    "write the number without quotes, with a decimal point and no thousands separators "
    "(12500, or 12.5)"
)
_MAPPING_HINT = "write its keys on the lines below it, indented, as `key: value`"
_SIMPLE: dict[str, tuple[str, str | None]] = {
    "float_parsing": (
        "expected a number, found {shown}",
        "write a plain number such as 12 or 0.25",
    ),
    "float_type": ("expected a number, found {shown}", "write a plain number such as 12 or 0.25"),
    "int_parsing": ("expected a whole number, found {shown}", "write a whole number such as 12"),
    "int_type": ("expected a whole number, found {shown}", "write a whole number such as 12"),
    "int_from_float": ("expected a whole number, found {shown}", "write a whole number such as 12"),
    "string_type": ("expected text, found {shown}", "write the text after the colon"),
    "string_too_short": ("expected text, found {shown}", "write the text after the colon"),
    "list_type": (
        "expected a list, found {shown}",
        "write each item on its own line, starting `- `",
    ),
    "dict_type": ("expected a mapping (`key: value` lines), found {shown}", _MAPPING_HINT),
    "model_type": ("expected a mapping (`key: value` lines), found {shown}", _MAPPING_HINT),
    "model_attributes_type": (
        "expected a mapping (`key: value` lines), found {shown}",
        _MAPPING_HINT,
    ),
    "bool_type": ("expected true or false, found {shown}", "write `true` or `false`"),
    "bool_parsing": ("expected true or false, found {shown}", "write `true` or `false`"),
    "too_short": (
        "needs at least {min_length} item(s)",
        "add the items, each on its own line starting `- `",
    ),
}


def _describe(kind: str, error: ErrorDetails, value: Any) -> tuple[str, str | None]:
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    shown = _show(value)
    if kind in _SIMPLE:
        template, hint = _SIMPLE[kind]
        message = template.format(shown=shown, min_length=ctx.get("min_length", 1))
        return message, _simple_hint(kind, value) or hint
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        return (
            f"{shown} is not one of: {', '.join(options)}",
            hint or "pick one of the listed values",
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern == ID_PATTERN:
            return (
                f"{shown} is not a valid id",
                f"{_SLUG_HINT}, e.g. `{slugify(str(value)) or 'my-id'}`",
            )
        if pattern == ONE_LINE:
            return "holds a line break or a control character", "keep it on one line"
        return f"{shown} has the wrong form", "a colour is written like `#1a6b3c`"
    if kind.startswith(("date_", "datetime_")):
        return f"{shown} is not a date", "write dates as YYYY-MM-DD, e.g. 2026-03-31"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, "), None
    return f"{error['msg'][0].lower()}{error['msg'][1:]} (found {shown})", None


def _simple_hint(kind: str, value: Any) -> str | None:
    """A hint for the value at hand, where it says more than the kind's own."""
    if value is None and kind == "list_type":
        return "write `[]` for an empty list, or remove the key"
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return "put the value in quotes so it stays text (and keeps leading zeros)"
    if kind in ("float_type", "int_type") and isinstance(value, str):
        return _QUOTED_NUMBER_HINT
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return f"`{text[:60]}…`" if len(text) > 60 else f"`{text}`"


def _where(path: YamlPath) -> str:
    names = [str(part) for part in path if isinstance(part, str)]
    return f"{names[-1]}: " if names else ""


def _in(path: YamlPath) -> str:
    names = [str(part) for part in path if isinstance(part, str)]
    return f" in `{names[-1]}`" if names else ""


def clean_path(data: Any, loc: tuple[Any, ...]) -> YamlPath:
    """The part of a pydantic ``loc`` that really indexes into ``data``.

    Pydantic adds union and validator tags (``str``, ``list[...]``) to a
    location; they are dropped so the path can be found in the YAML file.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        child = _child(node, part)
        if child is not _MISSING:
            node = child
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and part == loc[-1]:
            path.append(part)
            break
    return tuple(path)


_MISSING = object()


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _MISSING


def value_at(data: Any, path: YamlPath) -> Any:
    node = data
    for part in path:
        node = _child(node, part)
        if node is _MISSING:
            return None
    return node


def _allowed_keys(model: type[BaseModel], path: YamlPath) -> list[str]:
    """The keys the model accepts at ``path`` (list indexes are skipped)."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, str) and current is not None:
            current = _field_model(current, part)
    return list(current.model_fields) if current is not None else []


def _field_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    field = model.model_fields.get(name)
    if field is None:
        return None
    return next(_models_in(field.annotation), None)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()):
        yield from _models_in(arg)
