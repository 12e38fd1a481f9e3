"""Contact details: an email address or a web link, nothing else.

Links are only ever http(s), so a stored contact can safely become an ``href``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_CONTACT_LENGTH = 200
CONTACT_HELP = "Enter an email address or a web link, for example ana@example.com or linkedin.com/in/ana."

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")
_HOST = re.compile(r"^[a-z0-9\u00a1-\uffff-]+(\.[a-z0-9\u00a1-\uffff-]+)*\.[a-z\u00a1-\uffff]{2,}$", re.I)


def is_email(contact: str) -> bool:
    return bool(_EMAIL.match(contact))


def parse_contact(text: str) -> tuple[str, str | None]:
    """The contact as it will be stored (links get ``https://`` when typed without), or a message."""
    if not text:
        return "", None
    if len(text) > MAX_CONTACT_LENGTH:
        return text, f"Use at most {MAX_CONTACT_LENGTH} characters."
    if "@" in text and "/" not in text:
        return (text, None) if is_email(text) else (text, CONTACT_HELP)
    link = text if re.match(r"^https?://", text, re.I) else f"https://{text}"
    try:
        parts = urlsplit(link)
        host_ok = bool(_HOST.match(parts.hostname or "")) and parts.port != 0
    except ValueError:  # e.g. an unmatched "[" (a broken IPv6 address) or a port out of range
        return text, CONTACT_HELP
    if " " in link or not host_ok or parts.username or parts.password:
        return text, CONTACT_HELP
    return link, None


def contact_href(contact: str) -> str | None:
    """Where a contact links to: ``mailto:`` for emails, the link itself for http(s) links."""
    if is_email(contact):
        return f"mailto:{contact}"
    if re.match(r"^https?://", contact, re.I):
        return contact
    return None
