"""A very small weight for people who wrote nothing at all: they sit with someone who offers help.

Someone with an empty profile (no interests, offers or needs) weighs 0 with everyone, so the
planner would seat them anywhere, often with another empty profile, where neither can help. With
it, a partner who offers things draws them a little: ``EMPTY_PER_OFFER`` per distinct thing
offered, up to ``EMPTY_CAP`` (three things). Only pairs with an empty profile get it, and only
from the side that offers something, so weights between people who wrote something are exactly
as before (generated benchmark events have no empty profiles: their weights are unchanged), and
``EMPTY_CAP`` stays below the smallest thin-profile weight a vocabulary match gives (``THIN_SHARE``
x the weakest vocabulary match, 0.02). The talking point repeats what the partner offers in their
own words and asks the empty side to say what they are working on; it claims no match.

Organisation and role are not weighed: a free-text organisation says nothing about who can help
whom, and the organiser's roles already act as rules (``solver.preferences``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from solver.model import Person, Profile
from solver.scoring.meaning import quote
from solver.scoring.text import entries
from solver.scoring.vocabulary import mentions

EMPTY_PER_OFFER = 0.005  # per distinct thing a partner offers
EMPTY_CAP = 0.015  # three things; below THIN_SHARE x the weakest vocabulary match (0.02)
LISTED_OFFERS = 3  # things quoted in a talking point


def is_empty(profile: Profile) -> bool:
    """Nothing written in any field (blank entries count as nothing)."""
    return not any(text.strip() for field in (profile.interests, profile.offers, profile.seeks) for text in field)


@lru_cache(maxsize=100_000)
def _says_something(entry: str) -> bool:
    return bool(mentions(entry))


@lru_cache(maxsize=100_000)
def offered_things(profile: Profile) -> tuple[str, ...]:
    """The distinct things a profile offers, as written: entries ("k8s, Docker" is two) that say
    something (generic words alone, "happy to help", say nothing)."""
    seen: set[str] = set()
    things = []
    for entry in entries(profile.offers):
        if _says_something(entry) and entry.casefold() not in seen:
            seen.add(entry.casefold())
            things.append(entry)
    return tuple(things)


def helper_weight(profile: Profile) -> float:
    """What an offering profile gives an empty one: a little per thing offered, capped."""
    return min(EMPTY_CAP, EMPTY_PER_OFFER * len(offered_things(profile)))


def empty_help(helper: Profile, newcomer: Profile) -> float:
    """The weight from helper towards someone who wrote nothing (directional, 0 otherwise; an
    empty helper offers nothing, so two empty profiles weigh 0)."""
    return helper_weight(helper) if is_empty(newcomer) else 0.0


class EmptyWeights:
    """The same weight for a whole event as vectors: ``given[i]`` is what person i gives an empty
    profile, ``mask[i]`` 1 when person i is empty. Inactive (adds nothing, costs nothing) unless
    someone is empty and someone offers something, so other events plan exactly as before."""

    def __init__(self, profiles: Sequence[Profile]):
        self.mask = np.array([is_empty(p) for p in profiles], dtype=np.float64)
        anyone = bool(self.mask.any())  # else nobody's offers need reading
        self.given = np.array([helper_weight(p) if anyone else 0.0 for p in profiles], dtype=np.float64)
        self.active = anyone and bool(self.given.any())
        self.empty = np.flatnonzero(self.mask)

    def pair(self, i: int, j: int) -> float:
        """``empty_help`` both ways: an empty person gives 0, so at most one product is not 0."""
        return float(self.given[i] * self.mask[j] + self.given[j] * self.mask[i]) if self.active else 0.0

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray | float:
        if not self.active:
            return 0.0
        return self.given[rows] * self.mask[cols] + self.given[cols] * self.mask[rows]

    def add_rows(self, start: int, stop: int, out: np.ndarray) -> None:
        """Add both directions to rows start..stop-1 of ``out``: only empty people's columns and rows."""
        if self.active:
            out[:, self.empty] += self.given[start:stop, None]
            mine = self.empty[(self.empty >= start) & (self.empty < stop)]
            out[mine - start] += self.given[None, :]

    def caps(self) -> np.ndarray | float:
        """Per person, the most this weight adds to any of their pairs."""
        return np.where(self.mask > 0, self.given.max(), self.given) if self.active else 0.0


def _listed(things: Sequence[str]) -> str:
    quoted = [f"“{quote(t)}”" for t in things[:LISTED_OFFERS]]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def says_nothing(name: str) -> str:
    """The opener about a partner who wrote nothing (the phone's openers use it too)."""
    return f"{name} hasn't filled in a profile yet: ask what brings them here"


def is_with(name: str, organisation: str) -> str:
    return f"{name} is with {organisation}: ask what they do there"


def empty_reasons(viewer: Person, other: Person) -> list[str]:
    """Talking points behind ``empty_help``, phrased to the viewer: what the helper offers, in
    their own words, or (to the helper) an opener; never a match the profiles do not state."""
    if empty_help(other.profile, viewer.profile) > 0:
        offered = _listed(offered_things(other.profile))
        return [f"{other.name} can help with {offered}: tell them what you're working on"]
    if empty_help(viewer.profile, other.profile) > 0:
        organisation = other.organisation.strip()
        reasons = [f"{says_nothing(other.name)} and say what you can help with"]
        return reasons + ([is_with(other.name, organisation)] if organisation else [])
    return []
