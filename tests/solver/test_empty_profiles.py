"""Someone who wrote nothing at all sits with someone who offers help, not with another empty
profile; the weight that does it stays below every thin-profile weight from a vocabulary match
and leaves the weights between people who wrote something exactly as they were."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import Format, Instance, Person, Plan, Profile, check_plan, mutual_score, plan, rank_helpers, reasons_for
from solver.generate import generate
from solver.run import build_plan, counted_values
from solver.scoring import empty, meaning, thin
from solver.scoring.vocabulary import ANSWERS_FACTOR, BROADER_FACTOR, vocabulary
from solver.scoring.weights import ProfileMatrix, Weights
from solver.setup import build_setup
from solver.tables.greedy import greedy_seating
from solver.tables.meetings import Meetings
from tests.solver.pairwise import assert_matrix_equals_pairwise_scores
from tests.solver.strategies import profiles_of

EVE = Person("eve", "Eve", Profile(), organisation="City Library")
ELI = Person("eli", "Eli", Profile(interests=("  ",), offers=(), seeks=("",)))  # blank entries are nothing
ANA = Person("ana", "Ana", Profile(offers=("seed fundraising, pitch decks", "hiring")))
BO = Person("bo", "Bo", Profile(offers=("UX research",)))


def _weakest_thin_vocabulary_weight() -> float:
    """The smallest thin-profile weight a vocabulary match can give: a broader (or answering)
    concept of the lowest weight, met once."""
    return thin.THIN_SHARE * min(BROADER_FACTOR, ANSWERS_FACTOR) * min([1.0, *vocabulary().weights.values()])


def test_the_empty_weight_stays_below_the_weakest_thin_weight_from_the_vocabulary():
    assert 0 < empty.EMPTY_CAP < _weakest_thin_vocabulary_weight() < thin.THIN_CAP


def test_more_things_offered_weigh_a_little_more_up_to_the_cap():
    offers = ["fundraising", "k8s", "hiring", "UX research", "sales"]
    weights = [empty.empty_help(Profile(offers=tuple(offers[:k])), EVE.profile) for k in range(6)]
    assert weights == [0.0, 0.005, 0.01, 0.015, 0.015, 0.015]
    # Generic words alone offer nothing; the same thing written twice counts once.
    assert empty.empty_help(Profile(offers=("happy to help",)), EVE.profile) == 0.0
    assert empty.empty_help(Profile(offers=("Hiring", "hiring")), EVE.profile) == 0.005


def test_only_pairs_with_someone_who_wrote_nothing_get_it_and_two_empty_profiles_weigh_nothing():
    assert empty.is_empty(EVE.profile) and empty.is_empty(ELI.profile)
    assert mutual_score(EVE.profile, ELI.profile) == 0.0
    assert mutual_score(EVE.profile, ANA.profile) == mutual_score(ANA.profile, EVE.profile) == 0.015
    thin_one = Profile(interests=("climate tech",))  # wrote something: no empty weight towards them
    assert empty.empty_help(ANA.profile, thin_one) == 0.0
    assert mutual_score(ANA.profile, thin_one) == 0.0


WORDS = ["climate tech", "carbon accounting", "fundraising", "seed round", "UX research", "hiring", "advice", " "]
profiles = profiles_of(WORDS, offers=4)


@settings(max_examples=40, deadline=None)
@given(profiles, profiles)
def test_the_empty_weight_of_a_pair_is_small_one_sided_and_zero_between_people_who_wrote_something(a, b):
    both_ways = empty.empty_help(a, b) + empty.empty_help(b, a)
    assert 0.0 <= both_ways <= empty.EMPTY_CAP
    if not (empty.is_empty(a) or empty.is_empty(b)):
        assert both_ways == 0.0
    if both_ways > 0:  # only someone who wrote nothing receives it, so thin and empty never add up
        assert thin.thin_help(a, b) + thin.thin_help(b, a) == 0.0


def _people(profile_list: list[Profile]) -> tuple[Person, ...]:
    return tuple(Person(str(i), str(i), p) for i, p in enumerate(profile_list))


@settings(max_examples=25, deadline=None)
@given(st.lists(profiles, min_size=2, max_size=6), st.booleans())
def test_the_planner_matrix_equals_pairwise_scores_with_empty_profiles(profile_list, weigh_meaning):
    profile_list = [Profile(), *profile_list, Profile(offers=("fundraising", "hiring"))]  # someone of each
    matrix = ProfileMatrix(Instance(people=_people(profile_list), rounds=1))
    assert matrix.empty.active
    assert_matrix_equals_pairwise_scores(matrix, profile_list, weigh_meaning)


def test_generated_benchmark_events_have_no_empty_profile_so_their_weights_are_untouched():
    for people, seed in ((40, 0), (200, 1), (1000, 2)):
        instance = generate(people, rounds=3, seed=seed)
        assert not any(empty.is_empty(p.profile) for p in instance.people)
        assert not ProfileMatrix(instance).empty.active


def test_an_empty_newcomer_is_seated_with_a_helper_rather_than_with_another_empty_profile():
    # Sam and Ina help each other; Ana and Bo offer things nobody here seeks; Eve and Eli wrote nothing.
    sam = Person("sam", "Sam", Profile(offers=("kubernetes",), seeks=("carbon accounting",)))
    ina = Person("ina", "Ina", Profile(offers=("carbon accounting",), seeks=("kubernetes",)))
    instance = Instance(people=(EVE, ELI, ANA, BO, sam, ina), rounds=1, time_limit_seconds=5)
    result = plan(instance)
    pairs = {frozenset(g.members) for g in result.rounds[0]}
    assert frozenset(("sam", "ina")) in pairs  # the real match is kept
    assert frozenset(("eve", "eli")) not in pairs
    assert {frozenset(("eve", "ana")), frozenset(("eli", "bo"))} <= pairs or {
        frozenset(("eve", "bo")),
        frozenset(("eli", "ana")),
    } <= pairs
    assert check_plan(instance, result) == []


def test_at_tables_the_empty_profiles_are_spread_over_the_helpers():
    helpers = [Person(f"h{k}", f"H{k}", Profile(offers=(f"topic{k}", f"theme{k}", f"craft{k}"))) for k in range(4)]
    newcomers = [Person(f"e{k}", f"E{k}", Profile()) for k in range(2)]
    instance = Instance(
        people=(*newcomers, *helpers),
        rounds=1,
        format=Format(kind="tables", min_size=3, max_size=3),
        time_limit_seconds=5,
    )
    result = plan(instance)
    assert all(sum(m.startswith("e") for m in g.members) == 1 for g in result.rounds[0])
    assert check_plan(instance, result) == []


def _emptied(instance: Instance, every: int) -> Instance:
    people = tuple(Person(p.id, p.name) if k % every == 0 else p for k, p in enumerate(instance.people))
    return dataclasses.replace(instance, people=people)


def _writers_value(instance: Instance, result: Plan) -> float:
    return sum(result.person_values[p.id] for p in instance.people if not empty.is_empty(p.profile))


def _served_and_writers(instance: Instance) -> tuple[int, int, float]:
    """(empty profiles who met a helper, empty profiles, what the others' plan is worth) of a plan
    that ``check_plan`` accepts."""
    result = plan(instance)
    assert check_plan(instance, result) == []
    newcomers = [p.id for p in instance.people if empty.is_empty(p.profile)]
    served = sum(result.person_values[pid] > 0 for pid in newcomers)
    return served, len(newcomers), _writers_value(instance, result)


def test_empty_profiles_are_served_without_costing_the_people_who_wrote_something(monkeypatch):
    # 40 people: every pair is a candidate; 120: each person's strongest few (``matching_edges``).
    # Over several events, since a plan of 120 people moves a little either way with any change.
    events = [_emptied(generate(40, rounds=3, seed=5, time_limit_seconds=2), every=5)]
    events += [_emptied(generate(120, rounds=3, seed=seed, time_limit_seconds=2), every=5) for seed in range(4)]
    with_weight = [_served_and_writers(instance) for instance in events]
    monkeypatch.setattr(empty, "EMPTY_PER_OFFER", 0.0)  # the same events without the weight
    without = [_served_and_writers(instance) for instance in events]
    # Most newcomers meet a helper at least once; some still sit together where a helper would
    # have to leave a real match for them.
    assert sum(served for served, _, _ in with_weight) >= sum(count for _, count, _ in with_weight) // 2
    assert sum(served for served, _, _ in without) == 0
    assert with_weight[0][2] >= 0.995 * without[0][2]
    assert sum(w for _, _, w in with_weight[1:]) >= 0.995 * sum(w for _, _, w in without[1:])


def test_check_plan_agrees_with_the_planner_above_the_meaning_limit(monkeypatch):
    monkeypatch.setattr(meaning, "MEANING_LIMIT", 10)
    instance = _emptied(generate(40, rounds=3, seed=5, time_limit_seconds=2), every=5)
    assert check_plan(instance, plan(instance)) == []


def test_large_event_weights_from_blocks_and_pairs_agree_with_mutual_score(monkeypatch):
    # Above DENSE_LIMIT the planner reads float32 row blocks and exact pairs: both see the weight.
    monkeypatch.setattr(meaning, "MEANING_LIMIT", 10)
    monkeypatch.setattr("solver.scoring.weights.DENSE_LIMIT", 10)
    instance = _emptied(generate(30, rounds=2, seed=3), every=4)
    weights = Weights(instance)
    assert weights.dense is None
    strongest = weights.strongest(per_person=3)
    people = instance.people
    for (i, j), w in strongest.items():
        assert np.isclose(w, mutual_score(people[i].profile, people[j].profile, meaning=False))
    newcomers = [k for k, p in enumerate(people) if empty.is_empty(p.profile)]
    assert all(any(k in pair for pair in strongest) for k in newcomers)


def test_reasons_for_an_empty_profile_quote_only_what_the_helper_offers():
    to_eve = reasons_for(EVE, ANA)
    assert to_eve == [
        "Ana can help with “seed fundraising”, “pitch decks” and “hiring”: tell them what you're working on"
    ]
    assert all(q in ANA.profile.offers[0] or q in ANA.profile.offers for q in re.findall("“(.*?)”", to_eve[0]))
    assert reasons_for(ANA, EVE) == [
        "Eve hasn't filled in a profile yet: ask what brings them here and say what you can help with",
        "Eve is with City Library: ask what they do there",
    ]
    assert reasons_for(EVE, ELI) == []  # nothing to say from two empty profiles: the phone's openers ask


def test_the_fairness_figures_see_empty_profiles_at_zero_as_before_their_crumbs():
    # Floors and the lowest 10 % that counted the crumbs cost tables of 60 people a sixth of their
    # total (441.8 -> 370.0); seen at 0, as before the weight, they steer nothing.
    instance = Instance(people=(EVE, ELI, ANA, BO), rounds=2, format=Format(kind="tables", min_size=2, max_size=2))
    setup = build_setup(instance)
    assert setup.empty_profiles.tolist() == [True, True, False, False]
    seating = {0: [[0, 2], [1, 3]], 1: [[0, 3], [1, 2]]}
    candidate = build_plan(setup, seating, bound=0.0, seconds=0.0)
    assert candidate.person_values["eve"] > 0  # the plan reports the crumbs; fairness does not count them
    assert counted_values(setup, candidate) == [0.0, 0.0, candidate.person_values["ana"], candidate.person_values["bo"]]
    meetings = Meetings(setup, seating)
    assert meetings.fair_values().tolist() == [0.0, 0.0, *meetings.values()[2:].tolist()]
    explicit = dataclasses.replace(instance, weights={frozenset(("eve", "ana")): 1.0})
    assert not build_setup(explicit).empty_profiles.any()  # explicit weights: no profile is read


def test_the_greedy_tables_seat_empty_profiles_as_if_they_weighed_nothing(monkeypatch):
    people = _emptied(generate(60, rounds=3, seed=5), every=10).people
    instance = Instance(people=people, rounds=3, format=Format(kind="tables", min_size=3, max_size=5))
    weighed = greedy_seating(build_setup(instance))
    monkeypatch.setattr(empty, "EMPTY_PER_OFFER", 0.0)
    assert greedy_seating(build_setup(instance)) == weighed


def test_the_helper_list_of_an_empty_profile_puts_broad_helpers_first_and_others_never_list_it():
    one_thing = Person("cy", "Cy", Profile(offers=("hiring",)))
    ranked = rank_helpers(EVE, [one_thing, ANA, ELI, BO])
    assert [h.person.id for h in ranked] == ["ana", "bo", "cy"]  # three things, then one each (by id)
    assert ranked[0].reasons == tuple(reasons_for(EVE, ANA))
    assert rank_helpers(ANA, [EVE, ELI]) == []  # nothing says why Ana should meet them
