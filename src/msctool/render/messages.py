"""The short texts outputs share, in Dutch and English.

They live as data in the built-in ``templates/i18n/*.yaml`` (one file per
render: ``key: {en: ..., nl: ...}``), so translators never touch code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from msctool.errors import MscIOError


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Every message by key, then language."""
    import yaml_rs

    from msctool.render.templating import builtin_templates_dir

    merged: dict[str, dict[str, str]] = {}
    for path in sorted((builtin_templates_dir() / "i18n").glob("*.yaml")):
        data: Any = yaml_rs.loads(path.read_text(encoding="utf-8"))
        for key, texts in data.items():
            if key in merged or set(texts) != {"en", "nl"}:
                raise MscIOError(f"{path.name}: message `{key}` is repeated or not in nl and en")
            merged[key] = texts
    return merged


class _Messages:
    def __getitem__(self, key: str) -> dict[str, str]:
        return catalog()[key]


MESSAGES = _Messages()
