"""An e-mail message (``.eml``) from a rendered issue, ready for any mail client.

The message is ``multipart/alternative``: the ``text/plain`` part first, then
``text/html`` (clients show the last part they can display), both UTF-8.
Headers:

- ``Subject``: given by the render (``[Koers] November 2026: …``).
- ``From``: ``--from``, else ``<short name> <newsletter@invalid>``. The
  ``.invalid`` domain is reserved (RFC 2606): the address is valid syntax but
  can never deliver, so nothing goes out under a made-up name by accident.
- ``To``: ``--to`` (repeatable, or comma-separated); no ``To`` when not given,
  so the sender adds the list (or Bcc) in the mail client.
- ``Date``: the issue's last day at 09:00 UTC, so the same input makes the
  same file.
- ``Content-Language`` and ``X-Unsent: 1`` (Outlook opens the file as a draft
  ready to send; other clients ignore it).

Both parts are quoted-printable (7-bit safe, short lines, any mail server);
the MIME boundary comes from a hash of the content, so the same issue gives
the same bytes. Lines end in CRLF, as RFC 5322 asks.

A header holds one line: every line separator :meth:`str.splitlines` knows
(CR, LF, U+2028, U+2029, U+0085, VT, FF, FS, GS, RS) in a subject or a name
from the partnership becomes a space, and an address given with ``--from`` or
``--to`` that holds one is refused, so no value can start a header of its own.
"""

from __future__ import annotations

import email.policy
import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses

from msctool.errors import UsageError
from msctool.escaping import has_line_break, one_line

PLACEHOLDER_DOMAIN = "invalid"
SEND_HOUR = time(9, 0, tzinfo=UTC)


def newsletter_message(
    *,
    subject: str,
    text: str,
    html: str,
    day: date,
    language: str,
    short_name: str,
    sender: str | None = None,
    to: Sequence[str] = (),
) -> bytes:
    """The message as bytes, the way a ``.eml`` file holds it."""
    msg = build_message(
        subject=subject,
        text=text,
        html=html,
        day=day,
        language=language,
        sender=addresses(sender, "sender") if sender else default_sender(short_name),
        to=addresses(", ".join(to), "to") if to else (),
    )
    return msg.as_bytes(policy=email.policy.SMTP)


def build_message(
    *,
    subject: str,
    text: str,
    html: str,
    day: date,
    language: str,
    sender: Sequence[Address],
    to: Sequence[Address] = (),
) -> EmailMessage:
    """A multipart/alternative message: ``text`` as text/plain, then ``html``."""
    msg = EmailMessage(policy=email.policy.default)
    msg["Subject"] = one_line(subject)
    msg["From"] = sender
    if to:
        msg["To"] = to
    msg["Date"] = format_datetime(datetime.combine(day, SEND_HOUR))
    msg["X-Unsent"] = "1"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg["Content-Language"] = language  # after the parts: set_content drops Content-* headers
    msg.set_boundary(_boundary(text, html))
    return msg


def _boundary(*parts: str) -> str:
    """A boundary from the content, so the same issue gives the same bytes. Hex digits
    and ``=_`` never occur together in quoted-printable text, so it cannot clash."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    return f"=_msc_{digest[:32]}"


def default_sender(short_name: str) -> tuple[Address]:
    """``Koers <newsletter@invalid>``: valid, and never delivered (RFC 2606)."""
    name = one_line(short_name)
    return (Address(display_name=name, username="newsletter", domain=PLACEHOLDER_DOMAIN),)


def addresses(value: str, field: str) -> tuple[Address, ...]:
    """The addresses in ``value`` ("Ann <ann@example.org>, bob@example.org"); a usage
    error about ``field`` (``sender``, ``to``) when one is not an address."""
    if has_line_break(value):
        raise _not_an_address(value, field)
    found = tuple(_address(name, spec, value, field) for name, spec in getaddresses([value]))
    if not found:
        raise _not_an_address(value, field)
    return found


def _address(name: str, spec: str, value: str, field: str) -> Address:
    local, at, domain = spec.partition("@")
    if not (local and at and domain) or any(c.isspace() for c in spec):
        raise _not_an_address(value, field)
    try:
        return Address(display_name=name, addr_spec=spec)
    except (ValueError, IndexError):
        raise _not_an_address(value, field) from None


def _not_an_address(value: str, field: str) -> UsageError:
    return UsageError(
        f"`{value}` is not an e-mail address",
        hint="write it as name@example.org or 'Name <name@example.org>'",
        field=field,
    )
