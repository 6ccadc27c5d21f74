"""Readable colours from a partnership's identity colours.

A partnership picks its colours for its brand, not for contrast: a yellow
primary colour would put white text on yellow in the site's band, and yellow
links on white. The palette keeps the identity's colours where they are
decoration and picks, by the WCAG contrast ratio, the text colour that reads
on each background (AA: 4.5 : 1 for normal text).
"""

from __future__ import annotations

from dataclasses import dataclass

from msctool.render.identity import Identity

WHITE = "#ffffff"
INK = "#1a1a1a"
"""The site's text colour."""
MUTED = "#4d4d4d"
"""The site's colour for secondary text (dates, notes)."""
PAPER = "#f4f4f4"
"""The page background when the identity's secondary colour is too dark for text."""
AA = 4.5


@dataclass(frozen=True)
class Palette:
    primary: str
    """The band's background and the accents: the identity's colour, as given."""
    on_primary: str
    """Text on the primary colour: white or ink, whichever reads better."""
    link: str
    """Links and coloured text on white: the primary colour, darkened until it reads."""
    secondary: str
    """The page background: the identity's secondary colour, if even the muted text
    reads on it."""
    accent: str
    tile: str
    """A navigation tile on the band (phones): a shade that keeps ``on_primary`` readable."""


def palette_of(identity: Identity) -> Palette:
    primary = _long(identity.primary)
    secondary = _long(identity.secondary)
    white_on_primary = contrast(WHITE, primary) >= contrast(INK, primary)
    return Palette(
        primary=primary,
        on_primary=WHITE if white_on_primary else INK,
        link=_darkened(primary, WHITE),
        secondary=secondary if contrast(MUTED, secondary) >= AA else PAPER,
        accent=_long(identity.accent),
        tile="rgba(0, 0, 0, .18)" if white_on_primary else "rgba(255, 255, 255, .45)",
    )


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _long(colour: str) -> str:
    """``#abc`` as ``#aabbcc``; lower case."""
    digits = colour.lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _channels(colour: str) -> tuple[int, int, int]:
    digits = _long(colour)[1:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(colour: str) -> float:
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _darkened(colour: str, background: str) -> str:
    """``colour`` made darker in steps of 5 % until it reads on ``background``."""
    r, g, b = _channels(colour)
    for step in range(21):
        keep = 1 - step / 20
        candidate = f"#{round(r * keep):02x}{round(g * keep):02x}{round(b * keep):02x}"
        if contrast(candidate, background) >= AA:
            return candidate
    return INK
