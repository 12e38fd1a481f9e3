"""Concept vectors and the products the exact weight rows are made of (``solver.scoring.concepts``)."""

from __future__ import annotations

import numpy as np
import pytest

from solver.generate import generate
from solver.model import Profile
from solver.scoring.concepts import by_concept, row_products
from solver.scoring.meaning import MeaningMatrix
from solver.scoring.semantic import vocabulary_help
from solver.scoring.weights import ProfileMatrix


def _sparse(rng: np.random.Generator, people: int, concepts: int, values: list[float]) -> np.ndarray:
    matrix = np.where(rng.random((people, concepts)) < 0.3, rng.choice(values, (people, concepts)), 0.0)
    matrix[:, 2] = 0.0  # a concept nobody has
    matrix[5] = 0.0  # someone with nothing
    return matrix


@pytest.mark.parametrize(("start", "stop"), [(0, 40), (0, 13), (13, 26), (26, 40), (39, 40), (5, 6)])
def test_rows_by_concept_equal_the_dense_product(start, stop):
    rng = np.random.default_rng(7)
    offers = _sparse(rng, 40, 9, [0.25, 0.4, 0.5, 0.8, 1.0])
    seeks = _sparse(rng, 40, 9, [1.0])
    expected = (offers @ seeks.T)[start:stop]
    found = row_products(by_concept(offers), by_concept(seeks), start, stop, 40)
    assert found.shape == expected.shape
    assert np.allclose(found, expected, rtol=0, atol=1e-12)


def test_rows_by_concept_of_a_matrix_with_no_concepts_are_zero():
    empty = np.zeros((4, 1))
    assert not row_products(by_concept(empty), by_concept(empty), 0, 4, 4).any()


def test_the_planner_help_matrix_is_the_vocabulary_help_plus_meaning():
    """``ProfileMatrix.directional_help`` takes the vocabulary's part from its concept vectors."""
    people = [p.profile for p in generate(80, seed=2).people]
    people[3] = Profile(interests=("machine learning",), offers=("fundraising",))  # seeks nothing
    matrix = ProfileMatrix(people)
    expected = vocabulary_help(people) + MeaningMatrix(people).full()
    assert (vocabulary_help(people) > 0).sum() > 80  # the event has vocabulary matches to get right
    assert np.allclose(matrix.directional_help(), expected, rtol=0, atol=1e-6)
