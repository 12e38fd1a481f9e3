"""The profile form (check-in, self-edit, organiser edit): raw fields in, a ProfileInput or messages out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.attendees.contact import parse_contact
from service.attendees.schemas import ProfileInput
from service.attendees.tags import join_tags, parse_tags
from service.db.models import Attendee
from service.forms import FieldErrors, FormValues, checked_line, clean_line, form_checked, form_text

NAME_LIMIT = 80
PRONOUNS_LIMIT = 40
AFFILIATION_LIMIT = 120
TAG_FIELDS = ("interests", "offers", "seeks")
TEXT_FIELDS = ("display_name", "pronouns", "affiliation", "contact", *TAG_FIELDS)


def profile_form_values(form: Mapping[str, Any]) -> FormValues:
    """Exactly what was typed, to put back in the form when something needs fixing."""
    values = {name: form_text(form, name) for name in TEXT_FIELDS}
    values["share_contact"] = "yes" if form_checked(form, "share_contact") else ""
    return values


def attendee_form_values(attendee: Attendee) -> FormValues:
    return {
        "display_name": attendee.display_name,
        "pronouns": attendee.pronouns,
        "affiliation": attendee.affiliation,
        "interests": join_tags(attendee.interests),
        "offers": join_tags(attendee.offers),
        "seeks": join_tags(attendee.seeks),
        "contact": attendee.contact,
        "share_contact": "yes" if attendee.share_contact else "",
    }


def parse_profile(values: Mapping[str, str]) -> tuple[ProfileInput | None, FieldErrors]:
    errors: FieldErrors = {}
    name = checked_line(
        errors,
        "display_name",
        values.get("display_name", ""),
        limit=NAME_LIMIT,
        required_message="Please enter your name, as you would like others to see it.",
    )
    pronouns = checked_line(errors, "pronouns", values.get("pronouns", ""), limit=PRONOUNS_LIMIT)
    affiliation = checked_line(errors, "affiliation", values.get("affiliation", ""), limit=AFFILIATION_LIMIT)
    tags: dict[str, list[str]] = {}
    for field in TAG_FIELDS:
        tags[field], message = parse_tags(values.get(field, ""))
        if message:
            errors[field] = message
    contact, message = parse_contact(clean_line(values.get("contact", "")))
    if message:
        errors["contact"] = message
    if errors:
        return None, errors
    profile = ProfileInput(
        display_name=name,
        pronouns=pronouns,
        affiliation=affiliation,
        contact=contact,
        share_contact=values.get("share_contact") == "yes",
        **tags,
    )
    return profile, errors
