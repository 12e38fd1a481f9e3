"""Unguessable tokens for secret links and short public codes."""

from __future__ import annotations

import secrets

# Short public codes are typed by hand from a poster: no 0/o, 1/l/i look-alikes.
SHORT_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_secret_token() -> str:
    """A URL-safe token carrying 192 random bits, for organiser and attendee links."""
    return secrets.token_urlsafe(24)


def new_short_code(length: int = 8) -> str:
    """A short, easy-to-type public code (about 40 bits), for check-in and screen links."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(length))


def new_public_code() -> str:
    """A public card's code (about 79 bits): printed on badges, so short enough for a small QR
    code, and too many to find anyone's card by trying codes."""
    return new_short_code(16)
