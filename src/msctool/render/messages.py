"""The short texts outputs share, in Dutch and English.

They live as data in the built-in ``templates/i18n/*.yaml`` (one file per
render: ``key: {en: ..., nl: ...}``), so translators never touch code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from msctool.errors import MscIOError
from msctool.render.templatefiles import builtin_templates_dir


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Every message by key, then language."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((builtin_templates_dir() / "i18n").glob("*.yaml")):
        for key, texts in messages_in(path.stem).items():
            if key in merged:
                raise MscIOError(f"{path.name}: message `{key}` is repeated")
            merged[key] = texts
    return merged


@cache
def messages_in(name: str) -> dict[str, dict[str, str]]:
    """The messages of one file, ``templates/i18n/NAME.yaml``, by key, then language:
    a command that needs only its own words reads only their file."""
    import yaml_rs

    path = builtin_templates_dir() / "i18n" / f"{name}.yaml"
    data: Any = yaml_rs.loads(path.read_text(encoding="utf-8"))
    for key, texts in data.items():
        if set(texts) != {"en", "nl"}:
            raise MscIOError(f"{path.name}: message `{key}` is not in nl and en")
    return dict(data)


class _Messages:
    def __getitem__(self, key: str) -> dict[str, str]:
        return catalog()[key]


MESSAGES = _Messages()
