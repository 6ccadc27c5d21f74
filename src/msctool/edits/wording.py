"""What an edit says in the partnership's language: its commit message and its notes.

The texts live with every other message msc writes in two languages, in the
built-in ``templates/i18n/edits.yaml`` (``key: {en: ..., nl: ...}``), so an edit
of a Dutch partnership commits "Partner ggd is toegetreden op 2026-03-01".
"""

from __future__ import annotations

from pathlib import Path

from msctool.load.files import Source, SourceError
from msctool.load.memo import ReadMemo
from msctool.load.numbers import language_written
from msctool.load.sourcetree import FolderTree
from msctool.model.vocabulary import Language

ROOT_FILE = "partnership.yaml"


def said(language: Language, key: str, **values: object) -> str:
    """The message ``key`` in ``language``, its ``{name}`` fields filled in. An edit's
    own words are in ``templates/i18n/edits.yaml``, the one file read for them; a word
    other outputs share (a status) comes from the whole catalog."""
    from msctool.render.messages import MESSAGES, messages_in

    own = messages_in("edits").get(key)
    return (own or MESSAGES[key])[language].format(**values)


def language_of(root: Path, memo: ReadMemo | None = None) -> Language:
    """The partnership's language (English when ``partnership.yaml`` names none msc
    speaks, or cannot be read: the check of the edit reports why). The file read is
    kept in ``memo``, so the check of the edit does not read it again."""
    tree = FolderTree(root)
    try:
        data = (memo or ReadMemo()).yaml(Source(ROOT_FILE, tree.read_text(ROOT_FILE)))[0]
    except SourceError:
        return "en"
    return language_written(data)
