"""The preview step without server-side state: the upload travels in the preview form, signed.

The preview page carries the uploaded bytes (base64) in a hidden field with an HMAC over the
event, the time of the upload and the bytes. The confirm step checks the signature and reads
the file again from scratch, with the organiser's column choices, against the database as it
is then. Nothing personal waits on the server for a preview that is never confirmed, it works
with several server processes and across a restart, and a changed or stale form is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

from service.imports.reading import MAX_IMPORT_BYTES, ImportRefused

PREVIEW_LIFETIME_SECONDS = 2 * 60 * 60
STALE_PREVIEW = "This preview is too old or was changed. Upload the file again."


def _signature(secret: str, event_key: str, issued_at: int, data: bytes) -> str:
    message = f"mingle-import:{event_key}:{issued_at}:".encode() + hashlib.sha256(data).digest()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def seal_upload(secret: str, event_key: str, data: bytes, now: float | None = None) -> dict[str, str]:
    """The hidden fields that bring this upload back to the confirm step."""
    issued_at = int(time.time() if now is None else now)
    return {
        "upload": base64.b64encode(data).decode("ascii"),
        "issued_at": str(issued_at),
        "signature": _signature(secret, event_key, issued_at, data),
    }


def open_upload(secret: str, event_key: str, fields: dict[str, str], now: float | None = None) -> bytes:
    """The bytes of a sealed upload, or ImportRefused when the fields were changed or are stale."""
    try:
        data = base64.b64decode(fields.get("upload", ""), validate=True)
        issued_at = int(fields.get("issued_at", ""))
    except (binascii.Error, ValueError):
        raise ImportRefused.about_file(STALE_PREVIEW) from None
    expected = _signature(secret, event_key, issued_at, data)
    age = (time.time() if now is None else now) - issued_at
    fresh = 0 <= age <= PREVIEW_LIFETIME_SECONDS
    if not fresh or len(data) > MAX_IMPORT_BYTES or not hmac.compare_digest(expected, fields.get("signature", "")):
        raise ImportRefused.about_file(STALE_PREVIEW)
    return data
