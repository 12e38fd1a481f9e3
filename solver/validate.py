"""Reject instances no plan can satisfy, with one clear sentence saying what is wrong."""

from __future__ import annotations

from collections.abc import Iterator

from solver.model import Instance


class InstanceError(ValueError):
    """The instance is malformed or impossible; the message is meant for a person to read."""


# Far beyond any event (the service allows 20 rounds and 300 s), but small enough that checking
# and planning an instance always end: a typo of 10**11 rounds would otherwise run for ever.
MAX_ROUNDS = 1000
MAX_TIME_LIMIT_SECONDS = 86_400


def table_capacities(instance: Instance) -> list[int] | None:
    """Usable seats per physical table (capped by max size), or None when tables are unlimited."""
    fmt = instance.format
    if fmt.kind != "tables" or not fmt.tables:
        return None
    return [min(t.capacity, fmt.max_size) for t in fmt.tables]


def present_count(instance: Instance, round_index: int) -> int:
    return sum(p.present_in(round_index) for p in instance.people)


def validate(instance: Instance) -> None:
    ids = [p.id for p in instance.people]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise InstanceError(f"person id {duplicate!r} is used twice")
    if not 0 <= instance.rounds <= MAX_ROUNDS:
        raise InstanceError(f"rounds must be from 0 to {MAX_ROUNDS}, got {instance.rounds}")
    if not 0 < instance.time_limit_seconds <= MAX_TIME_LIMIT_SECONDS:
        raise InstanceError(f"time_limit_seconds must be positive and at most {MAX_TIME_LIMIT_SECONDS} (a day)")
    _validate_format(instance)
    _validate_pairs(instance, set(ids))
    _validate_rounds(instance, set(ids))
    for person in instance.people:
        bad = sorted(r for r in person.rounds or () if not 0 <= r < instance.rounds)
        if bad:
            raise InstanceError(f"{person.id!r} is present for round {bad[0]}, but rounds run 0..{instance.rounds - 1}")
    for r in range(len(instance.frozen), instance.rounds):
        _validate_round_size(instance, r, present_count(instance, r))


def _validate_format(instance: Instance) -> None:
    fmt = instance.format
    if fmt.kind not in ("pairs", "tables"):
        raise InstanceError(f"format must be 'pairs' or 'tables', got {fmt.kind!r}")
    if fmt.kind == "tables":
        if fmt.min_size < 2:
            raise InstanceError(f"min_size must be at least 2, got {fmt.min_size}")
        if fmt.min_size > fmt.max_size:
            raise InstanceError(f"min_size ({fmt.min_size}) is larger than max_size ({fmt.max_size})")
        labels = [t.label for t in fmt.tables]
        if len(set(labels)) != len(labels):
            raise InstanceError("two tables have the same label")
        if any(t.capacity < fmt.min_size for t in fmt.tables):
            small = next(t for t in fmt.tables if t.capacity < fmt.min_size)
            raise InstanceError(f"table {small.label!r} seats {small.capacity}, fewer than min_size {fmt.min_size}")


def _validate_pairs(instance: Instance, ids: set[str]) -> None:
    for name, pairs in (
        ("must_not_meet", instance.must_not_meet),
        ("met_before", instance.met_before),
        ("declined", instance.declined),
    ):
        for pair in pairs:
            if len(pair) != 2:
                raise InstanceError(f"{name} entries must name two different people, got {sorted(pair)}")
            unknown = sorted(pair - ids)
            if unknown:
                raise InstanceError(f"{name} names unknown person {unknown[0]!r}")
    for who, whom in instance.wishes:
        if who == whom:
            raise InstanceError(f"wishes entries must name two different people, got {who!r} twice")
        unknown = sorted({who, whom} - ids)
        if unknown:
            raise InstanceError(f"wishes name unknown person {unknown[0]!r}")
    for role, meets in instance.role_rules.items():
        if not role.strip() or not meets or any(not r.strip() for r in meets):
            raise InstanceError(f"role_rules[{role!r}] must name a role and at least one role it meets")
    for pair, weight in (instance.weights or {}).items():
        if len(pair) != 2:
            raise InstanceError(f"weights entries must name two different people, got {sorted(pair)}")
        unknown = sorted(pair - ids)
        if unknown:
            raise InstanceError(f"weights name unknown person {unknown[0]!r}")
        if not weight >= 0:  # also rejects NaN
            raise InstanceError(f"weight of {sorted(pair)} must be 0 or more, got {weight}")


def _validate_rounds(instance: Instance, ids: set[str]) -> None:
    if len(instance.frozen) > instance.rounds:
        raise InstanceError(f"{len(instance.frozen)} frozen rounds but only {instance.rounds} rounds")
    for name, rounds in (("frozen", instance.frozen), ("previous", instance.previous)):
        for r, groups in enumerate(rounds):
            seen: set[str] = set()
            for group in groups:
                for member in group.members:
                    if member not in ids:
                        raise InstanceError(f"{name} round {r} names unknown person {member!r}")
                    if member in seen:
                        raise InstanceError(f"{name} round {r} places {member!r} twice")
                    seen.add(member)


def _validate_round_size(instance: Instance, r: int, present: int) -> None:
    fmt = instance.format
    if present == 0:
        return
    if fmt.kind == "pairs":
        if present == 1:
            raise InstanceError(f"round {r} has only one person present; nobody to meet")
        return
    if present < fmt.min_size:
        raise InstanceError(f"round {r} has {present} people present, fewer than min_size {fmt.min_size}")
    capacities = table_capacities(instance)
    if capacities is not None and present > sum(capacities):
        raise InstanceError(f"round {r} has {present} people present but the tables seat only {sum(capacities)}")
    if group_sizes(instance, present) is None:
        raise InstanceError(f"round {r}: {present} people cannot be seated at tables of {fmt.min_size}-{fmt.max_size}")


def group_sizes(instance: Instance, present: int) -> list[int] | None:
    """Table sizes for one round: as few tables as possible, sizes as even as possible, but with
    more than one round as few as leave room for nobody to meet anyone twice, where the sizes allow.

    Room means two things. A table of s people needs them from s different tables of every earlier
    round, or two of them meet again: so at least as many tables as the largest seats (19 people at
    4 tables of 5, 5, 5 and 4 repeat 3 meetings in every round after the first; at 5 tables of 4,
    4, 4, 4 and 3 nobody has to). And someone at the largest table every round must still find new
    people: rounds * (largest - 1) <= present - 1 (23 people for 6 rounds at 5 tables of up to 5
    meet up to 24 others; at 6 tables of up to 4, 18). Where no number of tables gives both, the
    first rule alone; where neither, the fewest tables. With physical tables the largest are used
    first; sizes are returned in the order of ``table_capacities`` (0 for an unused table). None when
    no seating fits.
    """
    first = first_spread = None
    for sizes in _seatings(instance, present):  # lazily: thousands of people have thousands of options
        first = first or sizes
        if instance.rounds <= 1:
            break
        largest = max(sizes)
        if largest <= sum(1 for s in sizes if s):
            first_spread = first_spread or sizes
            if instance.rounds * (largest - 1) <= present - 1:
                return sizes
    return first_spread or first


def _seatings(instance: Instance, present: int) -> Iterator[list[int]]:
    """Every feasible seating's sizes, one per number of tables, fewest tables first."""
    fmt = instance.format
    capacities = table_capacities(instance)
    if capacities is None:
        for tables in range(max(1, -(-present // fmt.max_size)), present // fmt.min_size + 1):
            base, extra = divmod(present, tables)
            yield [base + (i < extra) for i in range(tables)]
        return
    order = sorted(range(len(capacities)), key=lambda t: -capacities[t])
    for used in range(1, len(capacities) + 1):
        chosen = order[:used]
        if sum(capacities[t] for t in chosen) < present or used * fmt.min_size > present:
            continue
        sizes = [0] * len(capacities)
        for t in chosen:
            sizes[t] = fmt.min_size
        left = present - used * fmt.min_size
        while left:  # water-filling: one more seat at the emptiest table that still has room
            t = min((t for t in chosen if sizes[t] < capacities[t]), key=lambda t: (sizes[t], t))
            sizes[t] += 1
            left -= 1
        yield sizes
