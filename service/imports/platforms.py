"""What each ticketing tool's export looks like: one declarative entry per platform.

Header spellings are compared tidied (case, spaces and a trailing ":" or "*" ignored), and
each role lists every spelling we know, including translations (pretix exports in the
organiser's language). A header row belongs to a platform when it has one spelling of every
column in the platform's ``signature``.
"""

from __future__ import annotations

import re

import msgspec

Spellings = tuple[str, ...]


class SkipRule(msgspec.Struct, frozen=True):
    column: Spellings
    values: frozenset[str]  # tidied cell values that mean "not coming"
    reason: str


class Platform(msgspec.Struct, frozen=True, kw_only=True):
    key: str  # also prefixes the stored attendee id, so ids of two platforms never collide
    label: str
    signature: tuple[Spellings, ...]
    full_name: Spellings = ()
    first_name: Spellings = ()
    last_name: Spellings = ()
    prefer_name_parts: bool = False  # first + last before the full-name column
    email: Spellings = ()
    company: Spellings = ()
    job_title: Spellings = ()
    attendee_id: Spellings = ()
    # Known columns that are not questions to the attendee (never guessed as tags).
    standard: Spellings = ()
    skip: tuple[SkipRule, ...] = ()
    # The header may follow report sections (Zoom); its data ends at the next section title.
    header_after_preamble: bool = False
    # The id column already holds stored ids ("meetup:123"): Mingle's own export.
    ids_are_stored_ids: bool = False


def tidy_header(cell: str) -> str:
    text = re.sub(r"\s+", " ", cell.replace("\ufeff", "")).strip().casefold()
    return text.rstrip(":*").strip()


NAME = ("name", "full name", "attendee name", "display name", "participant", "teilnehmer", "nom", "nombre")
FIRST_NAME = ("first name", "firstname", "first", "given name", "forename", "vorname", "prénom", "nombre de pila")
LAST_NAME = ("last name", "lastname", "surname", "family name", "nachname", "familienname", "nom de famille")
EMAIL = ("email", "e-mail", "email address", "e-mail address", "e-mail-adresse", "mail", "courriel", "correo")
COMPANY = ("affiliation", "organisation", "organization", "company", "company name", "firma", "unternehmen")
JOB_TITLE = ("job title", "position", "role", "berufsbezeichnung", "titre")

EVENTBRITE = Platform(
    key="eventbrite",
    label="Eventbrite attendee report",
    signature=(("order #",), ("attendee #",), ("first name",), ("email",)),
    first_name=("first name",),
    last_name=("last name",),
    prefer_name_parts=True,
    email=("email",),
    company=("company",),
    job_title=("job title",),
    attendee_id=("attendee #",),
    standard=(
        *("order #", "order date", "quantity", "price tier", "ticket type", "group", "order type", "currency"),
        *("total paid", "fees paid", "eventbrite fees", "eventbrite payment processing", "attendee status"),
        *("prefix", "suffix", "cell phone", "home phone", "work phone", "website", "blog", "gender", "age"),
        *("birth date", "device name", "check-in date", "discount", "hold", "barcode #", "buyer last name"),
        *("buyer first name", "buyer email", "event name", "event id", "venue name", "ticket price"),
    ),
    skip=(
        SkipRule(("attendee status",), frozenset({"not attending", "deleted", "refunded", "cancelled"}), "cancelled"),
    ),
)
LUMA = Platform(
    key="luma",
    label="Luma guest export",
    signature=(("api_id",), ("approval_status",), ("email",)),
    full_name=("name",),
    first_name=("first_name",),
    last_name=("last_name",),
    email=("email",),
    company=("company", "organization", "organisation"),
    job_title=("job title", "job_title", "title"),
    attendee_id=("api_id",),
    standard=(
        *("phone_number", "created_at", "approval_status", "checked_in_at", "custom_source", "qr_code_url"),
        *("amount", "amount_tax", "amount_discount", "currency", "coupon_code", "eth_address", "solana_address"),
        *("survey_response_rating", "survey_response_feedback", "ticket_type_id", "ticket_name"),
    ),
    skip=(SkipRule(("approval_status",), frozenset({"declined", "rejected"}), "declined"),),
)
MEETUP = Platform(
    key="meetup",
    label="Meetup attendee list",
    signature=(("name",), ("user id",), ("rsvp",), ("url of member profile",)),
    full_name=("name",),
    attendee_id=("user id",),
    standard=(
        *("attendance", "title", "event host", "rsvp", "guests", "rsvped on", "joined group on"),
        *("url of member profile", "notes"),
    ),
    skip=(SkipRule(("rsvp",), frozenset({"no", "not going"}), "answered no"),),
)
TITO = Platform(
    key="tito",
    label="Tito tickets",
    signature=(("ticket reference",), ("ticket full name",), ("ticket email",)),
    full_name=("ticket full name",),
    first_name=("ticket first name",),
    last_name=("ticket last name",),
    email=("ticket email",),
    company=("ticket company name",),
    job_title=("ticket job title",),
    attendee_id=("ticket reference",),
    standard=(
        *("number", "ticket created date", "ticket last updated date", "ticket", "ticket phone number"),
        *("event", "void status", "discount status", "ticket price", "discount code", "tags"),
        *("unique ticket url", "unique ticket barcode url", "order reference", "order name", "order email"),
        *("order company name", "order phone number", "order discount code", "order ip", "order created date"),
        *("order completed date", "payment reference", "checked in", "checkin time"),
    ),
    skip=(
        SkipRule(("ticket reference",), frozenset({"unassigned"}), "unassigned ticket"),
        SkipRule(("void status",), frozenset({"void", "voided"}), "void ticket"),
    ),
)
PRETIX = Platform(
    key="pretix",
    label="pretix check-in list",
    signature=(
        ("order code", "bestellnummer", "bestellcode", "code de commande", "código de pedido"),
        ("checked in", "eingecheckt", "enregistré", "check-in"),
        ("attendee name", "teilnehmername", "name des teilnehmers", "name der teilnehmenden", "teilnehmende"),
    ),
    full_name=("attendee name", "teilnehmername", "name des teilnehmers", "name der teilnehmenden", "teilnehmende"),
    first_name=("attendee name: given name", "teilnehmername: vorname", "given name", "vorname"),
    last_name=("attendee name: family name", "teilnehmername: nachname", "family name", "nachname"),
    email=("e-mail", "email", "e-mail-adresse"),
    company=("company", "firma", "unternehmen", "organisation"),
    attendee_id=("secret", "geheimnis", "ticket-code"),
    standard=(
        *("order code", "bestellnummer", "product", "produkt", "price", "preis", "checked in", "eingecheckt"),
        *("checked out", "ausgecheckt", "automatically checked in", "automatisch eingecheckt", "secret"),
        *("phone number", "telefonnummer", "voucher code", "gutscheincode", "order date", "bestelldatum"),
        *("order time", "bestellzeit", "requires special attention", "benötigt besondere aufmerksamkeit"),
        *("comment", "kommentar", "seat id", "seat name", "seat zone", "seat row", "seat number", "street"),
        *("straße", "zip code", "postleitzahl", "city", "stadt", "ort", "country", "land", "state"),
        *("bundesland", "position", "date", "datum", "start date", "end date", "invoice address name"),
    ),
)
ZOOM = Platform(
    key="zoom",
    label="Zoom webinar report",
    signature=(("first name",), ("last name",), ("email",), ("registration time",)),
    full_name=("user name (original name)",),
    first_name=("first name",),
    last_name=("last name",),
    prefer_name_parts=True,
    email=("email",),
    company=("organization", "organisation"),
    job_title=("job title",),
    standard=(
        *("attended", "user name (original name)", "phone", "registration time", "approval status"),
        *("join time", "leave time", "time in session (minutes)", "is guest", "country/region name"),
        *("address", "city", "country/region", "zip/postal code", "state/province", "industry"),
        *("purchasing time frame", "role in purchase process", "no of employees", "source name"),
    ),
    skip=(SkipRule(("approval status",), frozenset({"denied", "cancelled", "rejected"}), "registration denied"),),
    header_after_preamble=True,
)
SPREADSHEET = Platform(
    key="sheet",
    label="Spreadsheet",
    signature=(),
    full_name=NAME,
    first_name=FIRST_NAME,
    last_name=LAST_NAME,
    email=EMAIL,
    company=COMPANY,
    job_title=JOB_TITLE,
    # No id column: a spreadsheet's "ID" is rarely stable from one file to the next, so
    # plain spreadsheets are matched by email only.
    standard=("pronouns", "link", "share_contact", "present", "checked_in_at", "phone", "telephone", "telefon"),
)
MINGLE_EXPORT = Platform(
    key="mingle",
    label="Mingle export",
    signature=(("name",), ("share_contact",), ("checked_in_at",), ("ticket_id",)),
    full_name=("name",),
    email=("email",),
    company=("affiliation",),
    attendee_id=("ticket_id",),
    standard=("pronouns", "link", "share_contact", "present", "checked_in_at", "ticket_id"),
    ids_are_stored_ids=True,
)
# Most specific first: Zoom's signature columns also appear in other tools' exports.
PLATFORMS = (MINGLE_EXPORT, EVENTBRITE, LUMA, MEETUP, TITO, PRETIX, ZOOM)
