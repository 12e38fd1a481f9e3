"""Someone who wrote nothing they look for still gets partners whose offers meet their interests,
with a talking point quoting both wordings, and never at the cost of a real offer -> seek match."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from solver import Instance, Person, Profile, check_plan, mutual_score, plan, reasons_for
from solver.generate import generate
from solver.scoring import meaning, thin
from solver.scoring.vocabulary import ANSWERS_FACTOR, BROADER_FACTOR, vocabulary
from solver.scoring.weights import ProfileMatrix
from tests.solver.pairwise import assert_matrix_equals_pairwise_scores
from tests.solver.strategies import profiles_of

TIA = Person("tia", "Tia", Profile(interests=("climate tech",)))
ANA = Person("ana", "Ana", Profile(offers=("carbon accounting",), seeks=("hiring",)))
BO = Person("bo", "Bo", Profile(offers=("UX research",), seeks=("design systems",)))
CY = Person("cy", "Cy", Profile(offers=("design systems",), seeks=("UX research",)))


def test_a_thin_profile_is_paired_with_the_person_whose_offers_meet_their_interests():
    instance = Instance(people=(TIA, ANA, BO, CY), rounds=1)
    result = plan(instance)
    pairs = {frozenset(g.members) for g in result.rounds[0]}
    assert frozenset(("tia", "ana")) in pairs
    assert check_plan(instance, result) == []
    assert reasons_for(TIA, ANA)[0] == "you like “climate tech”; Ana offers “carbon accounting”"
    assert reasons_for(ANA, TIA) == ["Tia likes “climate tech”; you offer “carbon accounting”"]


def test_a_thin_profile_gains_nothing_from_unrelated_offers_and_full_profiles_gain_nothing():
    assert thin.thin_help(BO.profile, TIA.profile) == 0.0
    assert reasons_for(TIA, BO) == []
    # Cy seeks something, so Cy's interests never stand in, however well they match.
    cy_likes = Profile(interests=("climate tech",), offers=CY.profile.offers, seeks=CY.profile.seeks)
    assert thin.thin_help(ANA.profile, cy_likes) == 0.0


def _weakest_vocabulary_match() -> float:
    weights = vocabulary().weights.values()
    return min(BROADER_FACTOR, ANSWERS_FACTOR) * min([1.0, *weights])


WORDS = ["climate tech", "carbon accounting", "fundraising", "seed round", "UX research", "hiring", "k8s", "advice"]
WORDS += ["founder-led sales", "first customers"]  # an offer that answers a need it does not name
profiles = profiles_of(WORDS, interests=3, offers=3)


@settings(max_examples=40, deadline=None)
@given(profiles, profiles)
def test_the_thin_weight_of_a_pair_stays_below_any_vocabulary_match(a, b):
    both_ways = thin.thin_help(a, b) + thin.thin_help(b, a)
    assert 0.0 <= both_ways <= 2 * thin.THIN_CAP < _weakest_vocabulary_match()


def test_a_real_offer_to_seek_match_outweighs_a_perfect_match_of_interests():
    seeker = Person("s", "Sam", Profile(seeks=("carbon accounting",)))
    thin_twin = Person("t", "Tom", Profile(interests=("carbon accounting",)))
    assert mutual_score(ANA.profile, seeker.profile) > mutual_score(ANA.profile, thin_twin.profile) > 0


@settings(max_examples=25, deadline=None)
@given(st.lists(profiles, min_size=2, max_size=6), st.booleans())
def test_the_planner_matrix_equals_pairwise_scores_with_and_without_meaning(profile_list, weigh_meaning):
    people = tuple(Person(str(i), str(i), p) for i, p in enumerate(profile_list))
    matrix = ProfileMatrix(Instance(people=people, rounds=1))
    assert_matrix_equals_pairwise_scores(matrix, profile_list, weigh_meaning)


def _thinned(instance: Instance, every: int) -> Instance:
    people = tuple(
        Person(p.id, p.name, Profile(interests=p.profile.interests)) if k % every == 0 else p
        for k, p in enumerate(instance.people)
    )
    return dataclasses.replace(instance, people=people)


def test_check_plan_agrees_with_the_planner_when_a_fifth_of_profiles_are_thin():
    instance = _thinned(generate(40, rounds=3, seed=5, time_limit_seconds=2), every=5)
    assert any(thin.is_thin(p.profile) for p in instance.people)
    result = plan(instance)
    assert check_plan(instance, result) == []
    thin_values = [result.person_values[p.id] for p in instance.people if thin.is_thin(p.profile)]
    assert any(value > 0 for value in thin_values)


def test_check_plan_agrees_with_the_planner_above_the_meaning_limit(monkeypatch):
    monkeypatch.setattr(meaning, "MEANING_LIMIT", 10)
    instance = _thinned(generate(40, rounds=3, seed=5, time_limit_seconds=2), every=5)
    assert check_plan(instance, plan(instance)) == []


def test_thin_reasons_quote_both_wordings_from_the_profiles():
    for reason in reasons_for(TIA, ANA) + reasons_for(ANA, TIA):
        liked, offered = re.findall("“(.*?)”", reason)
        assert liked in TIA.profile.interests
        assert offered in ANA.profile.offers


def test_an_interest_only_the_model_reads_counts_in_the_planner_matrix_too():
    # "advice" is no vocabulary concept, but the model reads it: the matrix must not skip its owner.
    pair = [Profile(offers=("advice",)), Profile(interests=("advice",))]
    people = tuple(Person(str(i), str(i), p) for i, p in enumerate(pair))
    weights = ProfileMatrix(Instance(people=people, rounds=1)).rows(0, 2)
    assert weights[0, 1] == weights[1, 0] == mutual_score(*pair) > 0
