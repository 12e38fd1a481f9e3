"""Who can help whom, how much, and why — in words taken from the profiles themselves.

``help(a -> b)`` sums the weights of the concepts a offers that b seeks; ``mutual(a, b)`` adds both
directions and a smaller, capped shared-interest term.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from solver.model import Person, Profile
from solver.scoring.vocabulary import Mention, mentions

INTEREST_WEIGHT = 0.25  # a shared interest starts a conversation but is not help
INTEREST_CAP = 0.75


@dataclass(frozen=True)
class Terms:
    """A profile's concepts per field; each concept keeps the first words the person used for it."""

    interests: dict[str, Mention]
    offers: dict[str, Mention]
    seeks: dict[str, Mention]


def _by_concept(entries: tuple[str, ...]) -> dict[str, Mention]:
    found: dict[str, Mention] = {}
    for entry in entries:
        for mention in _entry_mentions(entry):
            if mention.concept not in found or mention.weight > found[mention.concept].weight:
                found[mention.concept] = mention
    return found


@lru_cache(maxsize=100_000)
def _entry_mentions(entry: str) -> tuple[Mention, ...]:
    """An entry's concepts, once per distinct text: people at one event often write the same words."""
    return tuple(mentions(entry))


@lru_cache(maxsize=100_000)
def terms(profile: Profile) -> Terms:
    return Terms(_by_concept(profile.interests), _by_concept(profile.offers), _by_concept(profile.seeks))


def _shared(offers: dict[str, Mention], seeks: dict[str, Mention]) -> list[Mention]:
    """What the offering side offers that the seeking side seeks, strongest first, in the offerer's words."""
    shared = [mention for concept, mention in offers.items() if concept in seeks]
    return sorted(shared, key=lambda m: -m.weight)


def help_score(helper: Profile, seeker: Profile) -> float:
    return float(sum(m.weight for m in _shared(terms(helper).offers, terms(seeker).seeks)))


def interest_score(a: Profile, b: Profile) -> float:
    """Each shared interest counts the same, whatever its weight: liking a thing is symmetric."""
    shared = _shared(terms(a).interests, terms(b).interests)
    return min(INTEREST_CAP, INTEREST_WEIGHT * len(shared))


def mutual_score(a: Profile, b: Profile) -> float:
    """How much a and b can help each other, plus a little for what they both like."""
    return help_score(a, b) + help_score(b, a) + interest_score(a, b)


def _distinct_texts(found: list[Mention]) -> list[str]:
    seen: set[str] = set()
    texts = []
    for mention in found:
        if mention.text.casefold() not in seen:
            seen.add(mention.text.casefold())
            texts.append(mention.text)
    return texts


def reasons_for(viewer: Person, other: Person) -> list[str]:
    """Talking points phrased to the viewer, e.g. "Ana can help you with seed fundraising"."""
    mine, theirs = terms(viewer.profile), terms(other.profile)
    reasons = [f"{other.name} can help you with {t}" for t in _distinct_texts(_shared(theirs.offers, mine.seeks))]
    reasons += [f"you could help {other.name} with {t}" for t in _distinct_texts(_shared(mine.offers, theirs.seeks))]
    reasons += [f"you both like {t}" for t in _distinct_texts(_shared(mine.interests, theirs.interests))]
    return reasons


@dataclass(frozen=True)
class Helper:
    """One row of ``explain``: how much ``person`` can help the viewer, and why."""

    person: Person
    help: float
    mutual: float
    reasons: tuple[str, ...]


def rank_helpers(viewer: Person, others: list[Person] | tuple[Person, ...]) -> list[Helper]:
    """Everyone with something in common with the viewer, those who can help the viewer most first."""
    rows = []
    for other in others:
        if other.id == viewer.id:
            continue
        mutual = mutual_score(viewer.profile, other.profile)
        if mutual > 0:
            helps = help_score(other.profile, viewer.profile)
            rows.append(Helper(other, helps, mutual, tuple(reasons_for(viewer, other))))
    return sorted(rows, key=lambda row: (-row.help, -row.mutual, row.person.id))
