"""How well each way of scoring help finds the judged helpers, and what the combination costs.

Two hand-judged sets (``solver/data``): the original 40 profiles (``help_eval.json``) and the
152 phone-style profiles (``help_eval_wild.json``), of which only the ``held_out`` half is
reported here as the result; the ``tune`` half is shown too because the weights in
``solver.semantic`` were chosen on it. For each viewer everyone else is ranked; recall@3 is the
share of judged helpers (at most 3) in the top 3, MRR the mean of 1 / rank of the first one, hit@3
the share of viewers with any judged helper in the top 3.

``python -m bench.help_eval [wordllama|minilm]`` prints the table; ``python -m bench solver_help``
prints it for the default model. ``--set FILE`` (repeatable) scores a judged set of your own in the
same format instead, whole and per split, so that profiles nobody here has read can check it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from bench.bench_solver_help import vocabulary_rank, word_overlap_rank
from solver.model import Instance, Person, Profile
from solver.scoring import rank_helpers, semantic
from solver.scoring.meaning import MeaningMatrix
from solver.scoring.weights import BLOCK_ROWS, ProfileMatrix

PROFILE_FIELDS = ("interests", "offers", "seeks")
Scorer = Callable[[list[Person]], np.ndarray]  # people -> W[a, b], how much a helps b


@dataclass(frozen=True)
class EvalSet:
    name: str
    people: list[Person]
    helpers: dict[str, list[str]]
    viewers: list[str]


def load_set(filename: str, split: str | None = None) -> EvalSet:
    """One of the packaged sets (``solver/data``), whole or one split of it."""
    raw = json.loads(resources.files("solver").joinpath(f"data/{filename}").read_text("utf-8"))
    return parse_set(filename, raw, split)


def parse_set(name: str, raw: dict, split: str | None = None) -> EvalSet:
    """A judged set in the packaged sets' format: ``people``, each with ``id``, ``name``,
    ``interests``, ``offers``, ``seeks`` and ``helpers`` (ids, best first), ``split`` optional."""
    try:
        rows = raw["people"]
        people = [
            Person(str(p["id"]), str(p.get("name", p["id"])), Profile(*(tuple(p.get(f, ())) for f in PROFILE_FIELDS)))
            for p in rows
        ]
        helpers = {str(p["id"]): [str(h) for h in p.get("helpers", ())] for p in rows}
    except (KeyError, TypeError) as wrong:
        raise ValueError(f"{name}: every person needs an id and lists of texts ({wrong!r})") from None
    unknown = sorted({h for judged in helpers.values() for h in judged} - set(helpers))
    if unknown:
        raise ValueError(f"{name}: helpers name people who are not in the set: {', '.join(unknown[:5])}")
    viewers = [p["id"] for p in rows if helpers[str(p["id"])] and (split is None or p.get("split") == split)]
    return EvalSet(f"{name} {split or 'all'} ({len(viewers)})", people, helpers, [str(v) for v in viewers])


def load_file(path: Path) -> list[EvalSet]:
    """A judged set written by someone else: whole, and per split when it has splits."""
    raw = json.loads(path.read_text("utf-8"))
    splits = sorted({p["split"] for p in raw.get("people", ()) if isinstance(p, dict) and p.get("split")})
    return [parse_set(path.name, raw), *(parse_set(path.name, raw, split) for split in splits)]


def field_text_prototype(people: list[Person], model: str = semantic.DEFAULT_MODEL) -> np.ndarray:
    """The first prototype (one text per field, hubness discount); kept for comparison, not used."""
    return semantic.combined_help([p.profile for p in people], model)


def field_text_semantic_only(people: list[Person], model: str = semantic.DEFAULT_MODEL) -> np.ndarray:
    """The prototype without the vocabulary: how the candidate models were compared."""
    v = semantic.profile_vectors([p.profile for p in people], model)
    return semantic.blend(semantic.semantic_help(v), semantic.interest_similarity(v), np.zeros((1, 1)))


def semantic_only(people: list[Person]) -> np.ndarray:
    """Help by meaning alone, as the planner computes it (best entry pair above the threshold)."""
    return MeaningMatrix([p.profile for p in people]).rows(0, len(people))


def combination(people: list[Person]) -> np.ndarray:
    """The planner's directional help(a -> b): vocabulary plus meaning (``help_score``)."""
    return semantic.vocabulary_help([p.profile for p in people]) + semantic_only(people)


def helper_list(viewer: Person, others: list[Person]) -> list[str]:
    """The ranking attendees see ("people you might want to meet"): the combination's help, ties by meaning."""
    return [h.person.id for h in rank_helpers(viewer, others)]


def matrix_rank(scorer: Scorer) -> Callable[[EvalSet], dict[str, list[str]]]:
    def rank(s: EvalSet) -> dict[str, list[str]]:
        w = scorer(s.people)
        ids = [p.id for p in s.people]
        rankings = {}
        for b, viewer in enumerate(ids):
            if viewer in s.viewers:
                order = sorted((a for a in range(len(ids)) if a != b), key=lambda a: (-float(w[a, b]), ids[a]))
                rankings[viewer] = [ids[a] for a in order]
        return rankings

    return rank


def person_rank(rank: Callable[[Person, list[Person]], list[str]]) -> Callable[[EvalSet], dict[str, list[str]]]:
    def ranks(s: EvalSet) -> dict[str, list[str]]:
        by_id = {p.id: p for p in s.people}
        return {v: rank(by_id[v], [p for p in s.people if p.id != v]) for v in s.viewers}

    return ranks


def metrics(s: EvalSet, rankings: dict[str, list[str]]) -> tuple[float, float]:
    recalls, reciprocal = [], []
    for viewer in s.viewers:
        truth, ranking = set(s.helpers[viewer]), rankings[viewer]
        recalls.append(len(truth & set(ranking[:3])) / min(3, len(truth)))
        first = next((k for k, pid in enumerate(ranking) if pid in truth), None)
        reciprocal.append(0.0 if first is None else 1 / (first + 1))
    return float(np.mean(recalls)), float(np.mean(reciprocal))


def hit_rate(s: EvalSet, rankings: dict[str, list[str]]) -> float:
    """The share of viewers with at least one judged helper in their top 3: how the issue first
    measured the scoring ("a judged helper in the top 3 for 85 % of people"). It is kinder than
    recall@3, which asks for every judged helper (up to 3) in the top 3."""
    return float(np.mean([bool(set(s.helpers[v]) & set(rankings[v][:3])) for v in s.viewers]))


def synthetic_people(n: int, tag: str = "") -> list[Person]:
    """n people with distinct texts, written like the wild set: its profiles, copy after copy,
    the texts of every copy but the first numbered (all of them with a ``tag``, which keeps apart
    texts scored earlier in the process)."""
    base = load_set("help_eval_wild.json").people
    people = []
    for i in range(n):
        p = base[i % len(base)].profile
        copy = i // len(base)
        number = f" {tag}{copy}" if copy or tag else ""
        people.append(
            Person(
                f"p{i}",
                f"P{i}",
                Profile(
                    tuple(t + number for t in p.interests),
                    tuple(t + number for t in p.offers),
                    tuple(t + number for t in p.seeks),
                ),
            )
        )
    return people


def _score_everyone(people: list[Person]) -> None:
    """What the planner does with an event's profiles: parse and embed every profile, then every
    row block of the mutual weight matrix."""
    matrix = ProfileMatrix(Instance(people=tuple(people), rounds=1))
    for start in range(0, len(people), BLOCK_ROWS):
        matrix.rows(start, min(len(people), start + BLOCK_ROWS))


def timed_scoring(n: int) -> tuple[float, float, float]:
    """(seconds, CPU seconds, peak MB traced) to score every pair of n people never seen before.

    Time and memory come from two runs on different texts (so that neither finds the other's
    work cached): tracing every allocation triples the time of the parsing, which makes many small
    objects. CPU seconds are shown too because wall time on a shared machine depends on the neighbours."""
    semantic.embedder()  # loading is measured apart
    timed, traced = synthetic_people(n, f"t{n}-"), synthetic_people(n, f"m{n}-")
    started, cpu = time.perf_counter(), time.process_time()
    _score_everyone(timed)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    _score_everyone(traced)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, cpu, peak


def timed_load(model: str) -> tuple[float, float]:
    """(seconds, CPU seconds) to load the model (its import included when not imported yet)."""
    semantic.forget_models()
    started, cpu = time.perf_counter(), time.process_time()
    semantic.embedder(model)
    return time.perf_counter() - started, time.process_time() - cpu


def packaged_sets() -> list[EvalSet]:
    return [
        load_set("help_eval.json"),
        load_set("help_eval_wild.json", "held_out"),
        load_set("help_eval_wild.json", "tune"),
    ]


def print_table(
    model: str = semantic.DEFAULT_MODEL, sizes: tuple[int, ...] = (1000, 5000), sets: list[EvalSet] | None = None
) -> dict[str, float]:
    """The methods' figures on ``sets`` (the packaged ones by default), then the timings for ``sizes``."""
    sets = packaged_sets() if sets is None else sets
    methods = [
        ("word overlap", person_rank(word_overlap_rank)),
        ("vocabulary only", person_rank(vocabulary_rank)),
        (f"semantic only ({model})", matrix_rank(semantic_only)),
        ("combination (planner)", matrix_rank(combination)),
        ("helper list (rank_helpers)", person_rank(helper_list)),
        ("field-text prototype", matrix_rank(lambda people: field_text_prototype(people, model))),
    ]
    load, load_cpu = timed_load(model)
    print("recall@3 / MRR / hit@3 per set (viewers); the weights were chosen on the wild set's tune split only")
    print(f"{'method':<28}" + "".join(f"{s.name:>40}" for s in sets))
    results: dict[str, float] = {}
    for name, rank in methods:
        cells = []
        for s in sets:
            rankings = rank(s)
            (recall, mrr), hits = metrics(s, rankings), hit_rate(s, rankings)
            results[f"{name}|{s.name}|recall"], results[f"{name}|{s.name}|mrr"] = recall, mrr
            results[f"{name}|{s.name}|hit"] = hits
            cells.append(f"{recall:>24.3f} / {mrr:.3f} / {hits:.3f}")
        print(f"{name:<28}" + "".join(cells))
    print(f"\nmodel load ({model}): {load:.2f} s, CPU {load_cpu:.2f} s (target < 1 s)")
    for n in sizes:
        seconds, cpu, peak = timed_scoring(n)
        results[f"seconds {n}"], results[f"peak MB {n}"] = seconds, peak
        target = 1.0 if n <= 1000 else 5.0
        print(
            f"parse + embed + all mutual weights, {n:>5} people: {seconds:6.2f} s, CPU {cpu:6.2f} s "
            f"(target < {target:.0f} s), peak {peak:4.0f} MB traced"
        )
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: wall times depend on the neighbours)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MB (target for the scoring < 500 MB)")
    results["load seconds"] = load
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.help_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("model", nargs="?", default=semantic.DEFAULT_MODEL, choices=semantic.MODELS)
    parser.add_argument(
        "--set",
        type=Path,
        action="append",
        dest="files",
        metavar="FILE",
        help="a judged set of your own in solver/data/help_eval.json's format (no timings then)",
    )
    args = parser.parse_args(argv)
    if not args.files:
        print_table(args.model)
        return 0
    try:
        sets = [s for path in args.files for s in load_file(path)]
    except (OSError, ValueError) as bad:
        parser.error(str(bad))
    print_table(args.model, sizes=(), sets=sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
