"""Everyone's concepts as rows of matrices, so that the weights of a whole event (``weights``)
come from matrix products.

Only concepts that can score get a column: offered by one and sought by another, or liked by two
people. Words one person alone wrote would only make the products slower.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from solver.scoring.vocabulary import Mention, Terms


@dataclass(frozen=True)
class ConceptVectors:
    offers: np.ndarray  # [person, concept]: the weight of what they offer
    seeks: np.ndarray  # [person, concept]: 1.0 for what they seek (the same columns as offers)
    interests: np.ndarray  # [person, concept]: 1.0 for what they like (columns of their own)


def concept_vectors(all_terms: Sequence[Terms]) -> ConceptVectors:
    """Everyone's offers, seeks and interests as rows, in the columns that can score."""
    offered = {c for t in all_terms for c in t.offers}
    sought = {c for t in all_terms for c in t.seeks}
    liked = Counter(c for t in all_terms for c in t.interests)
    helps = {c: k for k, c in enumerate(sorted(offered & sought))}
    shared = {c: k for k, c in enumerate(sorted(c for c, count in liked.items() if count > 1))}
    return ConceptVectors(
        offers=_filled([t.offers for t in all_terms], helps, weighted=True),
        seeks=_filled([t.seeks for t in all_terms], helps, weighted=False),
        interests=_filled([t.interests for t in all_terms], shared, weighted=False),
    )


def _filled(fields: list[dict[str, Mention]], columns: Mapping[str, int], *, weighted: bool) -> np.ndarray:
    """[i, columns[c]] = person i's weight for concept c (1.0 unless ``weighted``), 0 elsewhere:
    the cells are gathered first and set in one go (setting them one by one took longer than
    everything else here at 5,000 people)."""
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, found in enumerate(fields):
        for concept, mention in found.items():
            column = columns.get(concept)
            if column is not None:
                rows.append(i)
                cols.append(column)
                values.append(mention.weight if weighted else 1.0)
    matrix = np.zeros((len(fields), max(1, len(columns))), dtype=np.float64)
    matrix[rows, cols] = values
    return matrix


@dataclass(frozen=True)
class ByConcept:
    """A concept matrix column by column: who has each concept, in order, and their values."""

    people: np.ndarray
    values: np.ndarray
    starts: list[int]  # first entry of each column, and the end of the last


def by_concept(matrix: np.ndarray) -> ByConcept:
    """The nonzero cells of a person x concept matrix, column by column."""
    columns, people = np.nonzero(matrix.T)  # column by column, people in order within each
    starts = np.searchsorted(columns, np.arange(matrix.shape[1] + 1)).tolist()
    return ByConcept(people, matrix[people, columns], starts)


def row_products(left: ByConcept, right: ByConcept, start: int, stop: int, people: int) -> np.ndarray:
    """``(left @ right.T)[start:stop]`` from the pairs that share a concept, column after column.

    Each concept adds its block (its people among start..stop-1) x (its people on the right), so
    the work follows the pairs that share something, not people x concepts: the dense product
    took most of the time of the exact rows at 5,000 people, and its columns grow with the
    vocabulary. The sums run over the concepts in order, as the dense product's do."""
    result = np.zeros((stop - start, people), dtype=np.float64)
    for column in range(len(left.starts) - 1):
        first, end = left.starts[column], left.starts[column + 1]
        theirs = slice(right.starts[column], right.starts[column + 1])
        if first == end or theirs.start == theirs.stop:
            continue
        lo, hi = first + np.searchsorted(left.people[first:end], (start, stop))
        if lo < hi:
            products = left.values[lo:hi, None] * right.values[None, theirs]
            result[np.ix_(left.people[lo:hi] - start, right.people[theirs])] += products
    return result
