import json
from importlib import resources

from solver import check_plan, plan
from solver.generate import GENERATED_CONCEPTS, generate, golfer
from solver.scoring import terms
from solver.scoring.vocabulary import vocabulary


def test_generated_profiles_use_the_vocabulary_and_are_reproducible():
    first, again = generate(30, seed=9), generate(30, seed=9)
    assert first == again
    assert first != generate(30, seed=10)
    for person in first.people:
        assert 1 <= len(person.profile.offers) <= 3 and 1 <= len(person.profile.seeks) <= 2
        assert terms(person.profile).offers  # every wording maps to a concept


def test_a_growing_vocabulary_leaves_generated_events_the_same():
    # Benchmarks compare figures on generate(n, seed) across months: only the first concepts, with
    # their own wordings, make up an event; concepts added at the end and more_wordings do not.
    raw = json.loads(resources.files("solver").joinpath("data/vocabulary.json").read_text("utf-8"))
    assert len(raw["concepts"]) > GENERATED_CONCEPTS  # the vocabulary has grown since
    wordings = {w for concept in raw["concepts"][:GENERATED_CONCEPTS] for w in concept}
    for person in generate(300, seed=3).people:
        p = person.profile
        assert set(p.interests + p.offers + p.seeks) <= wordings


def test_the_answers_relation_links_no_two_generated_concepts():
    # An offer of one of the first concepts answering a need for another would change the weights
    # of every generated event (and so the benchmark figures), though not the events themselves.
    raw = json.loads(resources.files("solver").joinpath("data/vocabulary.json").read_text("utf-8"))
    generated = {concept[0] for concept in raw["concepts"][:GENERATED_CONCEPTS]}
    assert vocabulary().answers  # the relation exists, only among later concepts and across
    for offer, needs in vocabulary().answers.items():
        assert offer not in generated or not generated & set(needs), (offer, needs)


def test_late_arrivals_and_leavers():
    instance = generate(40, rounds=6, seed=1, late=0.1, leave=0.05, change_round=3)
    late = [p for p in instance.people if p.rounds == frozenset({3, 4, 5})]
    leaving = [p for p in instance.people if p.rounds == frozenset({0, 1, 2})]
    assert (len(late), len(leaving)) == (4, 2)


def test_golfer_instance_shape():
    instance = golfer(4, 3, 2)
    assert len(instance.people) == 12 and instance.rounds == 2
    assert (instance.format.min_size, instance.format.max_size) == (3, 3)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert all(len(g.members) == 3 for groups in result.rounds for g in groups)
