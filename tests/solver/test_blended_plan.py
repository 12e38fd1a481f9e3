"""The planner optimises vocabulary + meaning, within the time it had with the vocabulary alone."""

import dataclasses
import time

import pytest

from solver import Format, Instance, Person, Profile, check_plan, mutual_score, plan
from solver.generate import generate
from solver.scoring import semantic, vocabulary_help_score
from solver.scoring.weights import Weights


@pytest.mark.alone
def test_a_200_person_event_plans_with_the_blended_scores_within_its_time_limit():
    semantic.embedder()  # loaded once per process; a server has it loaded before the first plan
    for fmt in (Format(), Format("tables", 3, 5)):
        instance = dataclasses.replace(generate(200, 6, seed=200), format=fmt, time_limit_seconds=5)
        started = time.perf_counter()
        result = plan(instance)
        assert time.perf_counter() - started < instance.time_limit_seconds + 2
        assert check_plan(instance, result) == []  # the checker recomputes every weight pair by pair
        assert result.repeats == 0


def test_a_paraphrase_only_meaning_finds_becomes_planner_weight():
    cook = Person("cook", "Cook", Profile(offers=("vegan cooking",)))
    seeker = Person("vi", "Vi", Profile(seeks=("plant-based recipes",)))
    stranger = Person("zed", "Zed", Profile(offers=("tax law",)))
    instance = Instance(people=(cook, seeker, stranger), rounds=1)
    weights = Weights(instance)
    assert vocabulary_help_score(cook.profile, seeker.profile) == 0
    assert weights(0, 1) == pytest.approx(mutual_score(cook.profile, seeker.profile), rel=1e-6)
    assert weights(0, 1) > 0
    assert weights(1, 2) == 0.0  # unrelated people weigh nothing, never less
    assert weights.dense is not None and (weights.dense >= 0).all()
