"""Reading the follow-up forms: each field is optional, and anything unexpected is refused whole."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.domain_errors import UserFacingError
from service.followup.models import MET_ANSWERS, NOTE_MAX, USEFULNESS_STEPS
from service.followup.services import FeedbackChange
from service.forms import clean_line, form_text, too_long_message


def parse_feedback(form: Mapping[str, Any]) -> FeedbackChange:
    """The answers in a feedback form; a bad value raises a 400 with its reason and saves nothing."""
    met = _choice(form, "met", ("", *MET_ANSWERS), "Did you meet? Choose yes or they didn't show.")
    useful_text = _choice(form, "useful", ("", *map(str, USEFULNESS_STEPS)), "Choose how useful it was: 1, 2 or 3.")
    return FeedbackChange(
        met=met,
        usefulness=None if useful_text is None else int(useful_text or 0),
        note=_note(form, "note", "The note"),
        thanks=_note(form, "thanks", "The thank-you note"),
    )


def parse_keep(form: Mapping[str, Any]) -> bool:
    value = form_text(form, "keep")
    if value not in ("1", "0"):
        raise UserFacingError("Say whether to keep in touch: send keep=1 or keep=0.")
    return value == "1"


def _choice(form: Mapping[str, Any], name: str, allowed: tuple[str, ...], message: str) -> str | None:
    if name not in form:
        return None
    value = form_text(form, name)
    if value not in allowed:
        raise UserFacingError(message)
    return value


def _note(form: Mapping[str, Any], name: str, label: str) -> str | None:
    if name not in form:
        return None
    text = clean_line(form_text(form, name))
    if len(text) > NOTE_MAX:
        raise UserFacingError(f"{label}: {too_long_message(NOTE_MAX, len(text))}")
    return text
