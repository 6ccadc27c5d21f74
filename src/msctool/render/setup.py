"""What every render shares: a valid partnership seen by its audience, its identity,
its language, the date it is rendered for, and the template environment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from msctool.model import Partnership
from msctool.model.vocabulary import Audience
from msctool.render import templating
from msctool.render.audience import for_audience
from msctool.render.i18n import Formatter, language_of
from msctool.render.identity import Identity, identity_of


@dataclass
class Setup:
    """A partnership prepared for rendering; :meth:`render` fills one template."""

    partnership: Partnership
    """Already redacted for ``audience``."""
    audience: Audience
    fmt: Formatter
    identity: Identity
    as_of: date
    env: jinja2.Environment
    notes: list[str] = field(default_factory=list)
    """Things the reader of the command should know (a logo that was left out)."""

    def render(self, template: str, **context: Any) -> str:
        base = {
            "p": self.partnership,
            "identity": self.identity,
            "fmt": self.fmt,
            "t": templating.markdown_safe(self.fmt.t),
            "as_of": self.as_of,
            "audience": self.audience,
            "language": self.fmt.language,
        }
        plain = templating.plain_context(self.env, template, {**base, **context})
        return templating.render(self.env, template, plain)


def prepare(
    path: Path | str = ".",
    *,
    language: str | None = None,
    audience: Audience = "partners",
    as_of: date,
) -> Setup:
    """Load and validate the partnership at ``path`` and get it ready to render
    as of the day ``as_of``."""
    from msctool.rules.check import load_valid

    return setup_for(load_valid(path, as_of), language=language, audience=audience, as_of=as_of)


def setup_for(
    partnership: Partnership,
    *,
    language: str | None = None,
    audience: Audience = "partners",
    as_of: date,
) -> Setup:
    """Get an already loaded partnership ready to render: language, currency,
    identity, the template environment, and the data for ``audience``."""
    lang = language_of(language) if language else partnership.meta.language
    currency = partnership.roi.currency if partnership.roi else "EUR"
    fmt = Formatter(lang, currency)
    identity, notes = identity_of(partnership)
    env = templating.environment(partnership.root)
    env.filters.update(
        date=fmt.date,
        short_date=fmt.short_date,
        month=fmt.month,
        number=fmt.number,
        signed=fmt.signed,
        money=fmt.money,
        percent=fmt.percent,
    )
    return Setup(
        partnership=for_audience(partnership, audience),
        audience=audience,
        fmt=fmt,
        identity=identity,
        as_of=as_of,
        env=env,
        notes=notes,
    )
