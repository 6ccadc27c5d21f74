"""The e-mail (``.eml``) that carries a request workbook to an owner's representatives.

Built like the newsletter's message (:mod:`msctool.render.newsletter.email`):
the request day at 09:00 UTC as its date, ``X-Unsent: 1`` so a mail client
opens it as a draft, a sender that can never deliver unless ``--from`` names a
real one, headers on one line. It is ``multipart/mixed``: a plain-text body,
then the workbook. Representatives' e-mail addresses are private fields: these
messages are for the backbone to send, never published.
"""

from __future__ import annotations

import email.policy
import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from msctool.escaping import one_line
from msctool.render.newsletter.email import PLACEHOLDER_DOMAIN, SEND_HOUR

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def request_message(
    *,
    subject: str,
    text: str,
    workbook: bytes,
    filename: str,
    day: date,
    language: str,
    sender: Sequence[Address],
    to: Sequence[Address],
) -> bytes:
    """The message as bytes, the way a ``.eml`` file holds it."""
    msg = EmailMessage(policy=email.policy.default)
    msg["Subject"] = one_line(subject)
    msg["From"] = sender
    if to:
        msg["To"] = to
    msg["Date"] = format_datetime(datetime.combine(day, SEND_HOUR))
    msg["X-Unsent"] = "1"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    maintype, subtype = XLSX_TYPE
    msg.add_attachment(workbook, maintype=maintype, subtype=subtype, filename=filename)
    msg["Content-Language"] = language
    msg.set_boundary(f"=_msc_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]}")
    return msg.as_bytes(policy=email.policy.SMTP)


def default_sender(short_name: str) -> tuple[Address]:
    """``Koers <data@invalid>``: valid, and never delivered (RFC 2606)."""
    name = one_line(short_name)
    return (Address(display_name=name, username="data", domain=PLACEHOLDER_DOMAIN),)


def representative_address(name: str, value: str | None) -> Address | None:
    """A representative's address, or None when the field holds no usable one."""
    if not value or any(c.isspace() or c in '<>,;"' for c in value) or value.count("@") != 1:
        return None
    try:
        return Address(display_name=one_line(name), addr_spec=value)
    except (ValueError, IndexError):
        return None
