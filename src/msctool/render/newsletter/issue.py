"""An issue end to end: the window, what changed (with what git history tells when
it reaches the window), the words, and the issue as Markdown, e-mail-safe HTML, plain
text or an ``.eml`` message. The library returns text or bytes; the CLI writes them
(:func:`msctool.render.outputs.write_output`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from msctool.errors import UsageError
from msctool.fs.names import portable_name
from msctool.history.changes import changes_in_period
from msctool.model import Partnership
from msctool.model.vocabulary import NewsletterFormat as Format
from msctool.render.newsletter.compose import Newsletter, compose
from msctool.render.newsletter.window import NEWSLETTER_DIR, Window, marker, window_for
from msctool.render.setup import Setup


def build_newsletter(
    setup: Setup, *, since: date | None = None, period: date | None = None
) -> Newsletter:
    """The issue of ``setup``'s partnership (already seen by its audience), with what
    git history tells when it covers the window (else from the dates in the files)."""
    window = window_for(setup.partnership, setup.as_of, since=since, period=period)
    history = changes_in_period(setup.partnership, window.start, window.end, setup.notes)
    return compose(setup.partnership, setup.fmt, window, setup.identity, history)


def render_newsletter(
    setup: Setup,
    output_format: Format,
    *,
    since: date | None = None,
    period: date | None = None,
    sender: str | None = None,
    to: Sequence[str] = (),
) -> str | bytes:
    """The issue as Markdown, e-mail-safe HTML, plain text, or an .eml message (bytes)."""
    letter = build_newsletter(setup, since=since, period=period)
    return render_issue(setup, letter, output_format, sender=sender, to=to)


def render_issue(
    setup: Setup,
    letter: Newsletter,
    output_format: Format,
    *,
    sender: str | None = None,
    to: Sequence[str] = (),
) -> str | bytes:
    """``letter`` in ``output_format``; ``sender`` and ``to`` are for ``eml`` only
    (see :mod:`msctool.render.newsletter.email`)."""
    if output_format != "eml" and (sender or to):
        raise UsageError(
            f"a sender and recipients are for the eml format only, not for {output_format}",
            field="sender" if sender else "to",
        )
    if output_format == "md":
        markdown = setup.render("newsletter.md.j2", letter=letter).rstrip("\n")
        return f"{markdown}\n\n{marker('md', letter.window.end)}\n"
    if output_format == "txt":
        return plain_text(setup, letter)
    if output_format == "html":
        return email_html(setup, letter)
    from msctool.render.newsletter.email import newsletter_message

    return newsletter_message(
        subject=letter.subject,
        text=plain_text(setup, letter),
        html=email_html(setup, letter),
        day=letter.window.end,
        language=setup.fmt.language,
        short_name=setup.identity.short_name,
        sender=sender,
        to=to,
    )


def plain_text(setup: Setup, letter: Newsletter) -> str:
    return setup.render("newsletter.txt.j2", letter=letter)


def email_html(setup: Setup, letter: Newsletter) -> str:
    """The HTML with every style inlined, for mail clients that drop ``<style>``."""
    import css_inline

    page = setup.render("newsletter.html.j2", letter=letter)
    head_end = page.find("</head>")
    if head_end >= 0:
        page = f"{page[:head_end]}{marker('html', letter.window.end)}\n{page[head_end:]}"
    html: str = css_inline.inline(page)
    return html


def default_path(partnership: Partnership, window: Window, output_format: Format) -> Path:
    """``newsletters/YYYY-MM.<ext>`` in the partnership, for the window's month."""
    name = portable_name(f"{window.month:%Y-%m}.{output_format}")
    return partnership.root / NEWSLETTER_DIR / name
