"""Contacts as vCards (RFC 6350, version 4.0), written with ``vobject``.

A maintained library rather than string formatting: vCard text needs escaping of ``,;\\`` and
newlines per property type, and line folding, which is easy to get subtly wrong for names and
organisations in non-Latin scripts. ``vobject`` writes UTF-8 and puts VERSION first as 4.0 asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import vobject

from service.attendees.contact import is_email

VCARD_MEDIA_TYPE = "text/vcard; charset=utf-8"


@dataclass(frozen=True)
class SharedContact:
    """What two people who both pressed Keep in touch see of each other."""

    name: str
    pronouns: str
    affiliation: str
    contact: str  # an email address or an http(s) link, or empty
    note: str  # where they met, e.g. "Met at Climate Night (round 2, table 4)"


def vcard_text(person: SharedContact) -> str:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("kind").value = "individual"
    card.add("fn").value = person.name
    if person.affiliation:
        card.add("org").value = [person.affiliation]
    if person.contact:
        card.add("email" if is_email(person.contact) else "url").value = person.contact
    note = person.note + (f" Pronouns: {person.pronouns}." if person.pronouns else "")
    card.add("note").value = note
    return str(card.serialize())


def vcards_text(people: Iterable[SharedContact]) -> str:
    """Several vCards in one ``.vcf`` file, one after the other as RFC 6350 allows."""
    return "".join(vcard_text(person) for person in people)
