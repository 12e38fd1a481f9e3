"""From the database's attendees to the solver's people, and short names for the projector."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from service.attendees.names import name_words
from service.db.models import Attendee
from service.rounds.models import StoredRound
from solver.model import Person, Profile


def takes_part(attendee: Attendee) -> bool:
    """Whether this attendee should be seated in rounds that have not started yet."""
    return attendee.present and attendee.checked_in_at is not None


def profile_of(attendee: Attendee) -> Profile:
    return Profile(
        interests=tuple(attendee.interests or ()),
        offers=tuple(attendee.offers or ()),
        seeks=tuple(attendee.seeks or ()),
    )


def to_person(attendee: Attendee, rounds: frozenset[int] | None = None) -> Person:
    return Person(id=str(attendee.id), name=attendee.display_name, profile=profile_of(attendee), rounds=rounds)


def rounds_seated(person_id: str, rounds: Sequence[StoredRound]) -> set[int]:
    return {index for index, groups in enumerate(rounds) if any(person_id in g["members"] for g in groups)}


def tablemates(person_id: str, rounds: Sequence[StoredRound]) -> set[str]:
    """Everyone who sits with this person in any round."""
    return {m for groups in rounds for g in groups if person_id in g["members"] for m in g["members"]} - {person_id}


def people_for_plan(
    attendees: Iterable[Attendee], kept: Sequence[StoredRound], total_rounds: int
) -> tuple[list[Person], list[str]]:
    """The people to plan for, each present for the kept rounds they sat in and every later round
    if they still take part. Also returns ids seated in kept rounds that no longer exist (a
    removed attendee): they stay in those rounds under a neutral name, since history is kept."""
    open_rounds = frozenset(range(len(kept), total_rounds))
    people: list[Person] = []
    known: set[str] = set()
    for attendee in attendees:
        person_id = str(attendee.id)
        known.add(person_id)
        rounds = frozenset(rounds_seated(person_id, kept)) | (open_rounds if takes_part(attendee) else frozenset())
        if rounds:
            everything = len(rounds) == total_rounds
            people.append(to_person(attendee, None if everything else rounds))
    removed = sorted({m for groups in kept for g in groups for m in g["members"]} - known)
    for person_id in removed:
        people.append(Person(id=person_id, name="(removed)", rounds=frozenset(rounds_seated(person_id, kept))))
    return people, removed


def first_names(attendees: Iterable[Attendee]) -> dict[str, str]:
    """What the projector shows for each attendee: the first name, plus the next name's initial
    when two people share a first name (never anything more)."""
    split = {str(a.id): (name_words(a.display_name) or ["?"]) for a in attendees}
    counts = Counter(words[0].casefold() for words in split.values())
    names: dict[str, str] = {}
    for person_id, words in split.items():
        first = words[0]
        if counts[first.casefold()] > 1 and len(words) > 1:
            first = f"{first} {words[1][0]}."
        names[person_id] = first
    return names
