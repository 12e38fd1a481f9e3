"""Above MEANING_LIMIT the planner weighs the vocabulary alone; the checker (and so the figures it
verifies) must follow the same rule, or every large plan would be reported as misreported."""

from solver import check_plan, plan
from solver.generate import generate
from solver.scoring import meaning


def test_a_plan_above_the_meaning_limit_passes_the_checker(monkeypatch):
    monkeypatch.setattr(meaning, "MEANING_LIMIT", 10)
    instance = generate(40, rounds=3, seed=11, time_limit_seconds=2)
    assert not meaning.weighs_meaning(len(instance.people))
    assert check_plan(instance, plan(instance)) == []


def test_the_limit_changes_the_weights_the_checker_expects(monkeypatch):
    instance = generate(40, rounds=3, seed=11, time_limit_seconds=2)
    planned_with_meaning = plan(instance)
    monkeypatch.setattr(meaning, "MEANING_LIMIT", 10)
    # The same plan, judged by the vocabulary alone, no longer has the value it reports.
    assert any("objective" in problem for problem in check_plan(instance, planned_with_meaning))
