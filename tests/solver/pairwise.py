"""The check that the planner's weight matrix says what ``mutual_score`` says, pair by pair,
along every path the planner takes (exact rows, float32 rows, one row at a time, pairs, one
pair), and that each person's cap on their weights holds."""

from __future__ import annotations

import numpy as np

from solver import Profile, mutual_score
from solver.scoring.weights import ProfileMatrix


def assert_matrix_equals_pairwise_scores(matrix: ProfileMatrix, profiles: list[Profile], weigh_meaning: bool) -> None:
    if not weigh_meaning:  # as above MEANING_LIMIT: the vocabulary alone, and the vectorised paths
        matrix.meaning = None
        if matrix.thin is not None:
            matrix.thin.meaning = None
    expected = np.array([[mutual_score(a, b, meaning=weigh_meaning) for b in profiles] for a in profiles])
    n = len(profiles)
    off = ~np.eye(n, dtype=bool)
    assert np.allclose(matrix.rows(0, n)[off], expected[off])
    assert np.allclose(matrix.approximate_rows(0, n)[off], expected[off], atol=1e-5)
    for start in range(n):  # one row at a time, as the blocks of a large event
        assert np.allclose(matrix.rows(start, start + 1)[0][off[start]], expected[start][off[start]])
    rows, cols = np.nonzero(off)
    assert np.allclose(matrix.pairs(rows, cols), expected[off])
    assert np.allclose([matrix.pair(int(i), int(j)) for i, j in zip(rows, cols, strict=True)], expected[off])
    heaviest = np.where(off, expected, 0.0).max(axis=1)
    assert (matrix.row_caps() >= heaviest * (1 - 1e-6)).all()  # meaning's cosines are float32
