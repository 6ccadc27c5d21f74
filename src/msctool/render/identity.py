"""The partnership's identity as every output shows it: name, tagline, colours, logo."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from msctool.load.logo import logo_problem, logo_type, read_logo
from msctool.model import Partnership

DEFAULT_COLOURS = {"primary": "#1f4e79", "secondary": "#f2f5f9", "accent": "#e07a1f"}


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
    problem = logo_problem(root, logo)
    data = read_logo(root, logo) if problem is None else None
    if data is None:
        said = problem.message if problem else f"logo `{logo}` changed while it was read"
        return None, [f"{said}; rendered without it (fix `logo:` in partnership.yaml)"]
    kind = logo_type(logo)
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}", []
