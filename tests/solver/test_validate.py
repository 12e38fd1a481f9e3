import pytest

from solver import Format, Instance, Person, Table
from solver.validate import group_sizes


def instance_with(fmt: Format, rounds: int = 1) -> Instance:
    return Instance(people=(Person("a", "A"),), rounds=rounds, format=fmt)


@pytest.mark.parametrize(
    ("fmt", "present", "sizes"),
    [
        (Format("tables", 3, 5), 12, [4, 4, 4]),
        (Format("tables", 3, 5), 11, [4, 4, 3]),
        (Format("tables", 3, 5), 16, [4, 4, 4, 4]),
        (Format("tables", 4, 4), 32, [4] * 8),
        (Format("tables", 3, 4), 5, None),  # one table is too small, two are too few people
        (Format("tables", 2, 4, (Table("A", 3), Table("B", 6), Table("C", 2))), 9, [3, 4, 2]),
        (Format("tables", 2, 4, (Table("A", 3), Table("B", 6), Table("C", 2))), 4, [0, 4, 0]),
        (Format("tables", 2, 4, (Table("A", 3), Table("B", 6))), 8, None),
    ],
)
def test_group_sizes_use_few_tables_evenly_and_respect_capacities(fmt, present, sizes):
    assert group_sizes(instance_with(fmt), present) == sizes


@pytest.mark.parametrize(
    ("fmt", "present", "sizes"),
    [
        (Format("tables", 3, 5), 12, [3, 3, 3, 3]),  # 3 tables of 4 would repeat a pair at each table
        (Format("tables", 3, 5), 19, [4, 4, 4, 4, 3]),
        (Format("tables", 3, 5), 16, [4, 4, 4, 4]),
        (Format("tables", 3, 5), 60, [5] * 12),
        (Format("tables", 3, 5), 11, [4, 4, 3]),  # 4 tables would need 12 people: the fewest tables, then
        (Format("tables", 2, 4, (Table("A", 3), Table("B", 6), Table("C", 2))), 4, [2, 2, 0]),
        (Format("tables", 2, 4, (Table("A", 3), Table("B", 6), Table("C", 2))), 9, [3, 4, 2]),
    ],
)
def test_with_several_rounds_no_table_seats_more_people_than_there_are_tables(fmt, present, sizes):
    assert group_sizes(instance_with(fmt, rounds=2), present) == sizes


@pytest.mark.parametrize(
    ("rounds", "present", "sizes"),
    [
        (6, 23, [4, 4, 4, 4, 4, 3]),  # at tables of up to 5, someone would need 24 new people of 22
        (4, 23, [5, 5, 5, 4, 4]),
        (8, 30, [4, 4, 4, 4, 4, 4, 3, 3]),
        (12, 20, [4, 4, 4, 4, 4]),  # no seating leaves room: even at tables of 3, 24 new people of 19
    ],
)
def test_with_many_rounds_everyone_has_enough_new_people_to_meet(rounds, present, sizes):
    assert group_sizes(instance_with(Format("tables", 3, 5), rounds=rounds), present) == sizes
