"""Ids: what one looks like, and the one way msc makes one from a name or a title.

Partner, activity, metric and body ids, decision file names and the ids msc
suggests all come from :func:`slugify`, so ``Çağdaş & Zoë`` is ``cagdas-zoe``
wherever a name becomes an id.
"""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""Lower-case ASCII letters, digits and dashes, starting with a letter or digit."""
MAX_ID = 64
"""The longest id a partnership file accepts."""
_ID = re.compile(ID_PATTERN)


def slugify(text: str, limit: int = MAX_ID) -> str:
    """Lower-case ASCII words joined by dashes, accents transliterated (``ß`` as ``ss``),
    at most ``limit`` characters, cut at a dash; ``""`` when nothing usable is left.

    Only ``[a-z0-9-]`` can come out, so a slug never holds a path separator or ``..``.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = re.findall(r"[a-z0-9]+", folded.encode("ascii", "ignore").decode())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:limit]
    return slug


def is_id(value: str) -> bool:
    """Whether ``value`` is an id a partnership file accepts."""
    return len(value) <= MAX_ID and _ID.match(value) is not None
