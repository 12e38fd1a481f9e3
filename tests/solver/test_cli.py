import json
import subprocess
import sys

import pytest

from solver import check_plan
from solver.cli import main
from solver.jsonio import load_instance
from solver.model import Group, Plan


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, data) -> str:
    path = tmp_path / "instance.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_generate_then_plan_round_trips_through_json(tmp_path, capsys):
    code, out, _ = run(["generate", "--people", "11", "--rounds", "3", "--seed", "4"], capsys)
    assert code == 0
    path = write(tmp_path, out)
    code, out, _ = run(["plan", path, "--time-limit", "2"], capsys)
    assert code == 0
    result = json.loads(out)
    instance = load_instance((tmp_path / "instance.json").read_text())
    plan = Plan(
        rounds=[tuple(Group(g["table"], tuple(g["members"])) for g in groups) for groups in result["rounds"]],
        objective=result["objective"],
        upper_bound=result["upper_bound"],
        gap=result["gap"],
        repeats=result["repeats"],
        person_values=result["person_values"],
        seconds=result["seconds"],
    )
    assert check_plan(instance, plan) == []
    assert set(result) >= {
        "objective",
        "upper_bound",
        "gap",
        "repeats",
        "person_values",
        "min_person_value",
        "p10_person_value",
        "seconds",
        "notes",
    }


def test_generate_is_reproducible(capsys):
    first = run(["generate", "--people", "20", "--seed", "7", "--late", "0.1", "--leave", "0.05"], capsys)[1]
    second = run(["generate", "--people", "20", "--seed", "7", "--late", "0.1", "--leave", "0.05"], capsys)[1]
    other = run(["generate", "--people", "20", "--seed", "8"], capsys)[1]
    assert first == second != other
    people = json.loads(first)["people"]
    assert sum("rounds" in p for p in people) == 3  # 2 late arrivals and 1 early leaver


def test_explain_ranks_helpers_with_reasons(tmp_path, capsys):
    instance = {
        "rounds": 1,
        "people": [
            {"id": "a", "name": "Ana", "offers": ["seed fundraising"], "seeks": ["Kubernetes"]},
            {"id": "b", "name": "Ben", "offers": ["k8s"], "seeks": ["raising funds"]},
            {"id": "c", "name": "Cai", "offers": ["baking"]},
        ],
    }
    code, out, _ = run(["explain", write(tmp_path, instance)], capsys)
    assert code == 0
    ana = json.loads(out)["people"][0]
    assert [h["id"] for h in ana["helpers"]] == ["b"]
    assert ana["helpers"][0]["reasons"][0] == "Ben can help you with k8s"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"rounds": 2, "people": [', "not valid JSON"),
        ("[]", "the instance must be a JSON object"),
        ('{"rounds": -1, "people": []}', "rounds must be from 0 to 1000, got -1"),
        ('{"rounds": 99999999999, "people": [{"id": "a"}, {"id": "b"}]}', "rounds must be from 0 to 1000"),
        (
            '{"rounds": 1, "time_limit_seconds": 1e308, "people": [{"id": "a"}, {"id": "b"}]}',
            "time_limit_seconds must be positive and at most 86400",
        ),
        ('{"rounds": "two", "people": []}', "rounds must be a whole number"),
        (
            '{"rounds": 1, "people": [{"id": "a"}, {"id": "b"}], "must_not_meet": [["a", "zed"]]}',
            "unknown person 'zed'",
        ),
        (
            '{"rounds": 1, "people": [{"id": "a"}, {"id": "b"}], "format": {"kind": "tables", "min_size": 4, "max_size": 3}}',
            "min_size (4) is larger than max_size (3)",
        ),
        (
            '{"rounds": 1, "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "format": {"kind": "tables", "min_size": 2, "max_size": 2, "tables": [{"label": "A", "capacity": 2}]}}',
            "seat only 2",
        ),
        ('{"rounds": 1, "people": [{"id": "a"}, {"id": "a"}]}', "used twice"),
        ('{"rounds": 1, "people": [], "colour": "red"}', "unknown field 'colour'"),
        ('{"rounds": 1, "people": [{"id": "a", "offers": "ML"}]}', "people[0].offers must be a JSON list"),
    ],
)
def test_invalid_instances_give_one_error_line_and_exit_code_2(tmp_path, capsys, content, message):
    code, out, err = run(["plan", write(tmp_path, content)], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err


def test_missing_file_and_bad_arguments_exit_2(tmp_path, capsys):
    assert run(["plan", str(tmp_path / "missing.json")], capsys)[0] == 2
    code, _, err = run(["plonk"], capsys)
    assert code == 2 and "invalid choice" in err
    code, _, err = run(["generate", "--people", "5", "--late", "2"], capsys)
    assert code == 2 and "shares" in err


def test_module_entry_point_never_prints_a_traceback(tmp_path):
    path = write(tmp_path, '{"rounds": 1, "people": [{"id": "a", "rounds": [5]}]}')
    completed = subprocess.run(
        [sys.executable, "-m", "solver", "plan", path], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "round 5" in completed.stderr
