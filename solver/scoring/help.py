"""Who can help whom, how much, and why — in words taken from the profiles themselves.

``help(a -> b)`` is the vocabulary's help (the weights of the concepts a offers that b seeks) plus
help by meaning (``meaning``: the closest offered and sought entries, above a threshold);
``mutual(a, b)`` adds both directions, a smaller, capped shared-interest term and, for someone who
seeks nothing, a still smaller weight for offers that meet their interests (``thin``), and for
someone who wrote nothing at all, the smallest weight towards anyone who offers something (``empty``).

A talking point says "Ana can help you with X" only for a curated vocabulary concept; a match on
a shared free word or on meaning alone quotes both wordings, so people judge for themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from solver.model import Person, Profile
from solver.scoring.empty import empty_help, empty_reasons, is_empty
from solver.scoring.meaning import best_match, meaning_help, quote, strength
from solver.scoring.thin import thin_help, thin_matches
from solver.scoring.vocabulary import Mention, mentions, terms, vocabulary

INTEREST_WEIGHT = 0.25  # a shared interest starts a conversation but is not help
INTEREST_CAP = 0.75


def _shared(offers: dict[str, Mention], seeks: dict[str, Mention]) -> list[Mention]:
    """What the offering side offers that the seeking side seeks, strongest first, in the offerer's words."""
    shared = [mention for concept, mention in offers.items() if concept in seeks]
    return sorted(shared, key=lambda m: -m.weight)


def vocabulary_help_score(helper: Profile, seeker: Profile) -> float:
    """The curated vocabulary's help alone, helper -> seeker."""
    return float(sum(m.weight for m in _shared(terms(helper).offers, terms(seeker).seeks)))


def help_score(helper: Profile, seeker: Profile, *, meaning: bool = True) -> float:
    """How much helper can help seeker (directional): vocabulary matches plus help by meaning
    (``meaning=False``: the vocabulary alone, as for events above ``MEANING_LIMIT``)."""
    return vocabulary_help_score(helper, seeker) + (meaning_help(helper, seeker) if meaning else 0.0)


def interest_score(a: Profile, b: Profile) -> float:
    """Each shared interest counts the same, whatever its weight: liking a thing is symmetric."""
    shared = _shared(terms(a).interests, terms(b).interests)
    return min(INTEREST_CAP, INTEREST_WEIGHT * len(shared))


def mutual_score(a: Profile, b: Profile, *, meaning: bool = True) -> float:
    """How much a and b can help each other, plus a little for what they both like, less for
    offers that meet the interests of someone who seeks nothing, and least for offers to someone
    who wrote nothing."""
    helps = help_score(a, b, meaning=meaning) + help_score(b, a, meaning=meaning) + interest_score(a, b)
    helps += thin_help(a, b, meaning=meaning) + thin_help(b, a, meaning=meaning)
    return helps + empty_help(a, b) + empty_help(b, a)


def _distinct_texts(found: list[Mention]) -> list[str]:
    seen: set[str] = set()
    texts = []
    for mention in found:
        if mention.text.casefold() not in seen:
            seen.add(mention.text.casefold())
            texts.append(mention.text)
    return texts


def _is_concept(mention: Mention) -> bool:
    return not mention.concept.startswith("word:")


def _both_wordings(offerer: str, offered: str, sought: str, to_viewer: bool) -> str:
    offered, sought = quote(offered), quote(sought)
    if to_viewer:
        return f"{offerer} offers “{offered}”; you're looking for “{sought}”"
    return f"you offer “{offered}”; {offerer} is looking for “{sought}”"


@lru_cache(maxsize=100_000)
def _run_concepts(entries: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Every run of words in a field (casefolded) and all the concepts found in it."""
    runs: dict[str, set[str]] = {}
    for entry in entries:
        for mention in mentions(entry):
            runs.setdefault(mention.text.casefold(), set()).add(mention.concept)
    return {text: frozenset(found) for text, found in runs.items()}


def _only_about(concept: str, run: frozenset[str]) -> bool:
    """True when a run of words names nothing but the concept (or its broader/narrower one):
    "raising funds" is about fundraising; "product analytics" is not only about product management."""
    broader = vocabulary().broader
    return all(c == concept or broader.get(c) == concept or broader.get(concept) == c for c in run)


def _is_claim(mention: Mention, helper: Profile, seeker: Profile) -> bool:
    """A vocabulary concept both people name plainly: only then may a reason say "can help you with".
    An offer that only answers the need ("founder-led sales" for "first customers") is quoted."""
    if not _is_concept(mention) or mention.answer:
        return False
    sought = terms(seeker).seeks[mention.concept].text.casefold()
    offered = _run_concepts(helper.offers).get(mention.text.casefold(), frozenset())
    return _only_about(mention.concept, offered) and _only_about(
        mention.concept, _run_concepts(seeker.seeks).get(sought, frozenset())
    )


def _help_reasons(helper: Person, seeker: Person, name: str, to_viewer: bool) -> list[str]:
    """Why helper may help seeker: plain vocabulary matches as a claim, anything looser in both wordings."""
    offers, seeks = terms(helper.profile).offers, terms(seeker.profile).seeks
    shared = _shared(offers, seeks)
    claimed = [m for m in shared if _is_claim(m, helper.profile, seeker.profile)]
    claims = _distinct_texts(claimed)
    template = f"{name} can help you with {{}}" if to_viewer else f"you could help {name} with {{}}"
    reasons = [template.format(t) for t in claims]
    loose = [(m.text, seeks[m.concept].text) for m in shared if m not in claimed]
    match = None if claims else best_match(helper.profile.offers, seeker.profile.seeks)
    if match is not None and strength(match.similarity) > 0:  # meaning alone: quote both
        loose.insert(0, (match.offered, match.sought))
    seen = {t.casefold() for t in claims}
    quoted: list[tuple[str, str]] = []
    for offered, sought in loose:
        if offered.casefold() not in seen and not _within(offered, sought, quoted):
            seen.add(offered.casefold())
            quoted.append((offered.casefold(), sought.casefold()))
            reasons.append(_both_wordings(name, offered, sought, to_viewer))
    return reasons


def _within(offered: str, sought: str, quoted: list[tuple[str, str]]) -> bool:
    """Whether both wordings are parts of wordings already quoted: "Quinn offers “build
    prototypes fast”; you're looking for “MVP”" says nothing that the whole entries, quoted just
    before, did not."""
    offered, sought = offered.casefold(), sought.casefold()
    return any(offered in whole_offer and sought in whole_need for whole_offer, whole_need in quoted)


def reasons_for(viewer: Person, other: Person) -> list[str]:
    """Talking points phrased to the viewer, e.g. "Ana can help you with seed fundraising"."""
    mine, theirs = terms(viewer.profile), terms(other.profile)
    reasons = _help_reasons(other, viewer, other.name, to_viewer=True)
    reasons += _help_reasons(viewer, other, other.name, to_viewer=False)
    reasons += [f"you both like {t}" for t in _distinct_texts(_shared(mine.interests, theirs.interests))]
    name = other.name
    for offered, liked in thin_matches(other.profile, viewer.profile):
        reasons.append(f"you like “{quote(liked)}”; {name} offers “{quote(offered)}”")
    for offered, liked in thin_matches(viewer.profile, other.profile):
        reasons.append(f"{name} likes “{quote(liked)}”; you offer “{quote(offered)}”")
    return reasons + empty_reasons(viewer, other)


@dataclass(frozen=True)
class Helper:
    """One row of ``explain``: how much ``person`` can help the viewer, and why."""

    person: Person
    help: float
    mutual: float
    reasons: tuple[str, ...]


def _closeness(helper: Profile, seeker: Profile) -> float:
    """The cosine of the closest offered and sought entries (-1 when either says nothing)."""
    match = best_match(helper.offers, seeker.seeks)
    return -1.0 if match is None else match.similarity


def rank_helpers(viewer: Person, others: list[Person] | tuple[Person, ...], limit: int | None = None) -> list[Helper]:
    """Everyone with something in common with the viewer, those who can help the viewer most first
    (the first ``limit`` of them: only theirs have reasons to work out).

    Helpers whose help weighs the same (two people who both name the concept sought) are ordered
    by how close their offers come to the viewer's needs in meaning, below the threshold too,
    rather than by id: on the tune split this found more judged helpers (docs/solver.md). Someone
    who wrote nothing is left out of other people's lists: nothing says why to meet them."""
    rows = []
    for other in others:
        if other.id == viewer.id or is_empty(other.profile):
            continue
        mutual = mutual_score(viewer.profile, other.profile)
        if mutual > 0:
            helps = help_score(other.profile, viewer.profile)
            rows.append((-helps, -_closeness(other.profile, viewer.profile), -mutual, other.id, other))
    rows.sort(key=lambda row: row[:4])
    return [
        Helper(other, -helps, -mutual, tuple(reasons_for(viewer, other))) for helps, _, mutual, _, other in rows[:limit]
    ]
