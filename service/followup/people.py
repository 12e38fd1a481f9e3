"""What an attendee's "people I met" list shows: each partner, their meetings and answers, and
the Keep in touch state (with the contact only when both want it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.contact import contact_href
from service.db.models import Attendee, Event
from service.followup.meetings import event_is_over, meetings_of
from service.followup.models import MeetingFeedback
from service.followup.services import feedback_about, keep_answers, wants_to_keep
from service.followup.vcards import SharedContact
from service.rounds.phone import talking_points
from service.rounds.store import attendees_by_ids

CONNECTED = "connected"  # both want to keep in touch: contacts shown to both
ASKED = "asked"  # the viewer wants to; the partner has not said so (never shown as a "no")
OPEN = "open"  # the viewer has not asked


@dataclass
class MeetingAnswers:
    round_number: int
    table: str
    met: str | None = None
    usefulness: int | None = None
    note: str = ""
    thanks: str = ""
    thanks_received: str = ""  # the partner's thank-you note for this meeting


@dataclass
class PersonMet:
    partner_id: str
    name: str
    pronouns: str
    affiliation: str
    offers: list[str]
    seeks: list[str]
    talking_points: list[str]
    meetings: list[MeetingAnswers] = field(default_factory=list)  # empty: connected without a seat
    keep: str = OPEN
    keep_by_default: bool = False  # the viewer's tick says yes; they have not pressed
    contact: str = ""  # only when connected
    contact_href: str | None = None

    @property
    def first_round(self) -> int:
        return min((m.round_number for m in self.meetings), default=10**6)

    @property
    def last_round(self) -> int:
        return max((m.round_number for m in self.meetings), default=-(10**6))


@dataclass
class PeopleMet:
    people: list[PersonMet]
    event_over: bool

    @property
    def connected(self) -> list[PersonMet]:
        return [p for p in self.people if p.keep == CONNECTED]


async def people_met(session: AsyncSession, event: Event, viewer: Attendee) -> PeopleMet:
    viewer_id = str(viewer.id)
    meetings = await meetings_of(session, event, viewer_id)
    answers = await keep_answers(session, viewer.id)
    mine, theirs = await feedback_about(session, viewer.id)
    seated_with = {m.partner_id for m in meetings}
    wanted = {p for p, keep in answers.mine.items() if keep}  # pressed from a badge card, for example
    partners = {str(a.id): a for a in await attendees_by_ids(session, seated_with | wanted)}
    people: dict[str, PersonMet] = {}
    for partner_id, partner in partners.items():
        people[partner_id] = person_entry(viewer, partner, partner_id in seated_with, answers.mine, answers.theirs)
    own = {(str(r.partner_id), r.round_number): r for r in mine}
    received = {(str(r.attendee_id), r.round_number): r.thanks for r in theirs if r.thanks}
    for meeting in sorted(meetings, key=lambda m: m.round_number):
        if meeting.partner_id in people:
            key = (meeting.partner_id, meeting.round_number)
            people[meeting.partner_id].meetings.append(
                meeting_answers(meeting.round_number, meeting.table, own.get(key), received.get(key, ""))
            )
    over = await event_is_over(session, event)
    # During the event the round just played comes first (its answers are asked now); after it,
    # the list reads in the order people met.
    ordered = sorted(people.values(), key=lambda p: (p.first_round if over else -p.last_round, p.name.casefold()))
    return PeopleMet(people=ordered, event_over=over)


def person_entry(
    viewer: Attendee, partner: Attendee, seated: bool, mine: dict[str, bool], theirs: dict[str, bool]
) -> PersonMet:
    partner_id = str(partner.id)
    viewer_wants = wants_to_keep(mine.get(partner_id), viewer.share_contact, seated)
    partner_wants = wants_to_keep(theirs.get(partner_id), partner.share_contact, seated)
    keep = CONNECTED if viewer_wants and partner_wants else ASKED if viewer_wants else OPEN
    entry = PersonMet(
        partner_id=partner_id,
        name=partner.display_name,
        pronouns=partner.pronouns,
        affiliation=partner.affiliation,
        offers=list(partner.offers or ()),
        seeks=list(partner.seeks or ()),
        talking_points=talking_points(viewer, partner) if seated else [],
        keep=keep,
        keep_by_default=viewer_wants and partner_id not in mine,
    )
    if keep == CONNECTED:
        entry.contact = partner.contact
        entry.contact_href = contact_href(partner.contact)
    return entry


def meeting_answers(round_number: int, table: str, row: MeetingFeedback | None, thanks_received: str) -> MeetingAnswers:
    answers = MeetingAnswers(round_number=round_number, table=table, thanks_received=thanks_received)
    if row is not None:
        answers.met, answers.usefulness, answers.note, answers.thanks = row.met, row.usefulness, row.note, row.thanks
    return answers


def shared_contact(event: Event, person: PersonMet) -> SharedContact:
    where = ", ".join(f"round {m.round_number}, table {m.table}" for m in person.meetings)
    return SharedContact(
        name=person.name,
        pronouns=person.pronouns,
        affiliation=person.affiliation,
        contact=person.contact,
        note=f"Met at {event.name}" + (f" ({where})." if where else "."),
    )
