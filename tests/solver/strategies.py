"""Hypothesis strategies for small random instances that exercise every rule of the planner.

``instances()`` draws only instances the planner must accept: at least one round, nobody alone in
a round, a format that seats every round's head count, and must-not-meet pairs only where every
round has two groups or more. Should the planner still refuse the must-not-meet pairs, the tests
record it as an event.
"""

from __future__ import annotations

from hypothesis import strategies as st

from solver import Format, Instance, Person, Profile, Table

TAGS = ["fundraising", "ML", "hiring", "UX", "PR", "iOS", "sales", "climate tech", "legal", "design"]
MAX_TABLE = 5


def profiles_of(words: list[str], interests: int = 2, offers: int = 2, seeks: int = 2) -> st.SearchStrategy[Profile]:
    """Profiles whose fields are lists of up to that many of ``words``."""
    return st.builds(
        Profile,
        interests=st.lists(st.sampled_from(words), max_size=interests).map(tuple),
        offers=st.lists(st.sampled_from(words), max_size=offers).map(tuple),
        seeks=st.lists(st.sampled_from(words), max_size=seeks).map(tuple),
    )


profiles = profiles_of(TAGS)


def seatable(count: int, min_size: int, max_size: int) -> bool:
    """Some number of tables of min_size..max_size seats exactly ``count`` people (0: no table)."""
    return count == 0 or any(k * min_size <= count <= k * max_size for k in range(1, count // min_size + 1))


@st.composite
def formats(draw: st.DrawFn, head_counts: list[int]) -> Format:
    """A format (pairs, or tables with or without physical tables) that seats every round whose
    head count is in ``head_counts``; none of them may be 1."""
    assert 1 not in head_counts, "nobody can meet anyone in a round of one"
    if draw(st.booleans()):
        return Format()
    sizes = [
        (low, high)
        for low in (2, 3)
        for high in range(low, MAX_TABLE + 1)
        if all(seatable(c, low, high) for c in head_counts)
    ]
    min_size, max_size = draw(st.sampled_from(sizes))  # (2, 3) seats any head count but 1
    tables: tuple[Table, ...] = ()
    if draw(st.booleans()):
        # Enough tables of at least max_size seats for the largest round at min_size each.
        count = max(head_counts, default=0) // min_size + draw(st.integers(0, 2))
        tables = tuple(Table(f"T{k}", draw(st.integers(max_size, MAX_TABLE + 1))) for k in range(max(1, count)))
    return Format("tables", min_size, max_size, tables)


@st.composite
def attendance(draw: st.DrawFn, n: int, rounds: int) -> list[frozenset[int] | None]:
    """Rounds each person is present for (None: all); about a quarter come late or leave early,
    and a round that would hold one person gets a second."""
    present: list[frozenset[int] | None] = []
    for _ in range(n):
        partial = draw(st.integers(0, 3)) == 0
        present.append(frozenset(draw(st.sets(st.integers(0, rounds - 1), max_size=rounds))) if partial else None)
    for r in range(rounds):
        here = [i for i, rs in enumerate(present) if rs is None or r in rs]
        if len(here) == 1:
            other = next(i for i in range(n) if i not in here)
            present[other] = (present[other] or frozenset()) | {r}
    return present


@st.composite
def instances(draw: st.DrawFn, max_people: int = 12, max_rounds: int = 4) -> Instance:
    n = draw(st.integers(2, max_people))
    rounds = draw(st.integers(1, max_rounds))
    ids = [f"p{i}" for i in range(n)]
    present = draw(attendance(n, rounds))
    people = tuple(Person(pid, f"Name {i}", draw(profiles), present[i]) for i, pid in enumerate(ids))
    head_counts = [sum(p.present_in(r) for p in people) for r in range(rounds)]
    # Two different people: the second is 1..n-1 places after the first.
    pairs = st.tuples(st.integers(0, n - 1), st.integers(1, n - 1)).map(
        lambda k: frozenset((ids[k[0]], ids[(k[0] + k[1]) % n]))
    )
    weights = None
    if draw(st.booleans()):
        weights = draw(st.dictionaries(pairs, st.floats(0, 10, allow_nan=False), max_size=3 * n))
    fmt = draw(formats(head_counts))
    # Two pairs can always be kept apart when every round needs two groups or more.
    largest_group = 3 if fmt.kind == "pairs" else fmt.max_size
    apart = 2 if all(c == 0 or c > largest_group for c in head_counts) else 0
    return Instance(
        people=people,
        rounds=rounds,
        format=fmt,
        must_not_meet=frozenset(draw(st.lists(pairs, max_size=apart))),
        met_before=frozenset(draw(st.lists(pairs, max_size=3))),
        weights=weights,
        seed=draw(st.integers(0, 3)),
        time_limit_seconds=1.0,
    )
