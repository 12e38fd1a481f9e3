"""Help by meaning as matrices (``solver.scoring.meaning``): the best entry pair per two people."""

from __future__ import annotations

import numpy as np
import pytest

from solver.scoring.meaning import _best_rows


@pytest.mark.parametrize("counts", [[1, 1, 1], [0, 2, 1, 0, 5, 1], [3], [0, 0, 4, 0], [1, 7, 1, 2]])
def test_the_best_rows_of_each_group_are_what_reduceat_gives(counts):
    rng = np.random.default_rng(len(counts))
    starts = np.concatenate([[0], np.cumsum(counts)])
    rows = rng.normal(size=(int(starts[-1]), 6)).astype(np.float32)
    having = np.flatnonzero(np.diff(starts))
    assert np.array_equal(_best_rows(rows, starts), np.maximum.reduceat(rows, starts[having], axis=0))
