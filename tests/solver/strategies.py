"""Hypothesis strategies for small random instances that exercise every rule of the planner."""

from __future__ import annotations

from hypothesis import strategies as st

from solver import Format, Instance, Person, Profile, Table

TAGS = ["fundraising", "ML", "hiring", "UX", "PR", "iOS", "sales", "climate tech", "legal", "design"]

profiles = st.builds(
    Profile,
    interests=st.lists(st.sampled_from(TAGS), max_size=2).map(tuple),
    offers=st.lists(st.sampled_from(TAGS), max_size=2).map(tuple),
    seeks=st.lists(st.sampled_from(TAGS), max_size=2).map(tuple),
)


@st.composite
def formats(draw, people: int) -> Format:
    if draw(st.booleans()):
        return Format()
    min_size = draw(st.integers(2, 3))
    max_size = draw(st.integers(min_size, 5))
    tables: tuple[Table, ...] = ()
    if draw(st.booleans()):
        count = draw(st.integers(1, 6))
        tables = tuple(Table(f"T{k}", draw(st.integers(min_size, 6))) for k in range(count))
    return Format("tables", min_size, max_size, tables)


@st.composite
def instances(draw, max_people: int = 12, max_rounds: int = 4) -> Instance:
    n = draw(st.integers(2, max_people))
    rounds = draw(st.integers(0, max_rounds))
    ids = [f"p{i}" for i in range(n)]
    people = []
    for i, pid in enumerate(ids):
        present = None
        if draw(st.integers(0, 3)) == 0:  # some people come late or leave early
            present = frozenset(draw(st.sets(st.integers(0, max(0, rounds - 1)), max_size=rounds)))
        people.append(Person(pid, f"Name {i}", draw(profiles), present))
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]).map(frozenset)
    weights = None
    if draw(st.booleans()):
        weights = draw(st.dictionaries(pairs, st.floats(0, 10, allow_nan=False), max_size=3 * n))
    return Instance(
        people=tuple(people),
        rounds=rounds,
        format=draw(formats(n)),
        must_not_meet=frozenset(draw(st.lists(pairs, max_size=2))),
        met_before=frozenset(draw(st.lists(pairs, max_size=3))),
        weights=weights,
        seed=draw(st.integers(0, 3)),
        time_limit_seconds=1.0,
    )
