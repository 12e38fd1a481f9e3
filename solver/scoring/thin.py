"""A small weight for people who wrote nothing they look for: their interests stand in for it.

Without it such a person weighs 0 with everyone they cannot help, so the planner seats them
anywhere. With it, someone who likes "climate tech" is drawn to someone offering "carbon
accounting": the partner's offers are scored against the person's interests as if they were
sought (vocabulary plus meaning, as ``help``), then scaled by ``THIN_SHARE`` and capped at
``THIN_CAP`` per direction. Both directions of a pair together stay below the weakest vocabulary
match (a broader concept of weight 0.5: 0.25), so a real offer -> seek match found in the
vocabulary always outweighs it and full profiles plan as before. The talking point quotes both
wordings ("you like “climate tech”; Ana offers “carbon accounting”"): it is a guess, not a claim.
"""

from __future__ import annotations

from functools import lru_cache

from solver.model import Profile
from solver.scoring.meaning import best_match, meaning_help, strength
from solver.scoring.text import entries
from solver.scoring.vocabulary import Terms, terms

THIN_SHARE = 0.08  # an interest met by an offer counts this share of a sought thing met
THIN_CAP = 0.1  # per direction; 2 * THIN_CAP < 0.25, the weakest vocabulary match


def seeks_nothing(profile: Profile) -> bool:
    """Nothing sought: no entry, or only ones that say what is not wanted ("no recruiters")."""
    return not entries(profile.seeks)


@lru_cache(maxsize=100_000)
def stand_in(profile: Profile) -> Profile:
    """The profile as the thin-profile weight sees it: the same offers, and the interests as what
    is sought when nothing is (otherwise nothing, so that full profiles gain no weight here)."""
    return Profile(offers=profile.offers, seeks=profile.interests if seeks_nothing(profile) else ())


def stand_in_terms(profile: Profile) -> Terms:
    """``terms(stand_in(profile))`` without parsing the texts again (fields are parsed alike)."""
    own = terms(profile)
    return Terms({}, own.offers, own.interests if seeks_nothing(profile) else {})


def is_thin(profile: Profile) -> bool:
    """Seeks nothing but likes something: the only profiles this weight is for."""
    return bool(stand_in(profile).seeks)


def thin_weight(raw: float) -> float:
    """Stand-in help scaled and capped (scalar form of the matrix computation in ``weights``)."""
    return min(THIN_CAP, THIN_SHARE * raw)


def thin_help(helper: Profile, seeker: Profile, *, meaning: bool = True) -> float:
    """How much helper's offers meet the interests of a seeker who seeks nothing (directional)."""
    if not is_thin(seeker):
        return 0.0
    sought = terms(seeker).interests
    raw = sum(m.weight for concept, m in terms(helper).offers.items() if concept in sought)
    if meaning:
        raw += meaning_help(stand_in(helper), stand_in(seeker))
    return thin_weight(float(raw))


def thin_matches(helper: Profile, seeker: Profile, *, meaning: bool = True) -> list[tuple[str, str]]:
    """(offered, liked) wordings behind ``thin_help``, vocabulary matches first, each offer once."""
    if thin_help(helper, seeker, meaning=meaning) <= 0:
        return []
    offers, likes = terms(helper).offers, terms(seeker).interests
    found = [(m.text, likes[c].text) for c, m in sorted(offers.items(), key=lambda cm: -cm[1].weight) if c in likes]
    match = best_match(helper.offers, seeker.interests) if meaning else None
    if match is not None and strength(match.similarity) > 0:
        found.append((match.offered, match.sought))
    seen: set[str] = set()
    distinct = []
    for offered, liked in found:
        if offered.casefold() not in seen:
            seen.add(offered.casefold())
            distinct.append((offered, liked))
    return distinct
