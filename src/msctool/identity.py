"""The partnership's identity as every output shows it: name, tagline, colours, logo."""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from msctool.model import Partnership

DEFAULT_COLOURS = {"primary": "#1f4e79", "secondary": "#f2f5f9", "accent": "#e07a1f"}
LOGO_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_LOGO_BYTES = 512 * 1024


@dataclass(frozen=True)
class Identity:
    name: str
    short_name: str
    tagline: str | None
    primary: str
    secondary: str
    accent: str
    logo_data_uri: str | None
    """The logo embedded as a data: URI, so outputs need no external resource."""
    values: tuple[str, ...] = ()


def identity_of(partnership: Partnership) -> tuple[Identity, list[str]]:
    """The identity, and notes about anything that could not be used (a missing logo)."""
    meta = partnership.meta
    colours = meta.colours
    logo, notes = _logo(partnership.root, meta.logo)
    return (
        Identity(
            name=meta.name,
            short_name=meta.short_name,
            tagline=meta.tagline,
            primary=colours.primary if colours else DEFAULT_COLOURS["primary"],
            secondary=(colours.secondary if colours and colours.secondary else None)
            or DEFAULT_COLOURS["secondary"],
            accent=(colours.accent if colours and colours.accent else None)
            or DEFAULT_COLOURS["accent"],
            logo_data_uri=logo,
            values=tuple(meta.values),
        ),
        notes,
    )


def _logo(root: Path, logo: str | None) -> tuple[str | None, list[str]]:
    if logo is None:
        return None, []
    path = (root / logo).resolve()
    kind = LOGO_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    problem = None
    if not path.is_relative_to(root.resolve()):
        problem = "is outside the partnership folder"
    elif not path.is_file():
        problem = "does not exist"
    elif kind not in LOGO_TYPES.values():
        problem = "is not an SVG, PNG or JPEG image"
    elif path.stat().st_size > MAX_LOGO_BYTES:
        problem = "is larger than 512 KiB"
    if problem is not None:
        return None, [
            f"logo `{logo}` {problem}; rendered without it (fix `logo:` in partnership.yaml)"
        ]
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{kind};base64,{data}", []
