import json

import pytest

from solver import InstanceError
from solver.jsonio import instance_from_json, instance_to_json, load_instance


def test_instance_json_keeps_every_field():
    raw = {
        "rounds": 2,
        "format": {"kind": "tables", "min_size": 2, "max_size": 3, "tables": [{"label": "A", "capacity": 3}]},
        "people": [
            {"id": "a", "name": "Ana", "interests": ["x"], "offers": ["y"], "seeks": ["z"], "rounds": [1]},
            {"id": "b", "name": "Ben"},
        ],
        "frozen": [[{"table": "A", "members": ["b"]}]],
        "must_not_meet": [["a", "b"]],
        "met_before": [["a", "b"]],
        "weights": [["a", "b", 2.5]],
        "seed": 3,
        "time_limit_seconds": 4.0,
        "solver_threads": 1,
    }
    instance = instance_from_json(raw)
    assert instance.people[0].rounds == frozenset({1})
    assert instance.weights == {frozenset(("a", "b")): 2.5}
    assert instance.solver_threads == 1
    assert instance_from_json(json.loads(json.dumps(instance_to_json(instance)))) == instance


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"rounds": 1, "people": [{"id": ""}]}, "people[0].id must be a non-empty string"),
        ({"rounds": 1, "people": [], "weights": [["a", "b"]]}, "weights[0] must be [id, id, weight]"),
        ({"rounds": 1, "people": [], "time_limit_seconds": "soon"}, "time_limit_seconds must be a number"),
        ({"rounds": True, "people": []}, "rounds must be a whole number"),
        ({"rounds": 1, "people": [], "format": {"kind": "circle"}}, "format.kind must be"),
    ],
)
def test_malformed_fields_are_named(raw, message):
    with pytest.raises(InstanceError, match=message.replace("[", r"\[").replace("]", r"\]")):
        instance_from_json(raw)


def test_load_instance_reports_json_position():
    with pytest.raises(InstanceError, match="line 2 column 1"):
        load_instance('{"rounds": 1,\n')
