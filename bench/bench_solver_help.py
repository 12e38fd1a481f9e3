"""Help scoring on the hand-judged evaluation set (solver/data/help_eval.json): recall@3 and MRR.

For each person, everyone else is ranked by how much they can help that person; the judged
helpers should come first. The baseline in the same run ranks by plain word overlap between
the helper's offers and the person's seeks (lower case, a few stop words removed) - what one
gets without the vocabulary, stemming and phrase handling.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from importlib import resources

from solver.model import Person, Profile
from solver.scoring import interest_score, vocabulary_help_score

STOP_WORDS = {
    "a",
    "an",
    "and",
    "the",
    "for",
    "of",
    "to",
    "on",
    "in",
    "my",
    "our",
    "with",
    "who",
    "someone",
    "help",
    "advice",
    "how",
}


def load_eval() -> tuple[list[Person], dict[str, list[str]]]:
    raw = json.loads(resources.files("solver").joinpath("data/help_eval.json").read_text("utf-8"))
    people, helpers = [], {}
    for p in raw["people"]:
        people.append(Person(p["id"], p["name"], Profile(tuple(p["interests"]), tuple(p["offers"]), tuple(p["seeks"]))))
        helpers[p["id"]] = p["helpers"]
    return people, helpers


def vocabulary_rank(viewer: Person, others: list[Person]) -> list[str]:
    """The curated vocabulary alone: its help for the viewer, then its mutual score."""
    scored = []
    for o in others:
        helps = vocabulary_help_score(o.profile, viewer.profile)
        mutual = helps + vocabulary_help_score(viewer.profile, o.profile) + interest_score(o.profile, viewer.profile)
        scored.append((helps, mutual, o.id))
    return [pid for h, m, pid in sorted(scored, key=lambda s: (-s[0], -s[1], s[2])) if h > 0 or m > 0]


def _words(entries: tuple[str, ...]) -> set[str]:
    return {w for e in entries for w in re.findall(r"\w+", e.lower()) if w not in STOP_WORDS}


def word_overlap_rank(viewer: Person, others: list[Person]) -> list[str]:
    wanted = _words(viewer.profile.seeks)
    scored = [(len(_words(o.profile.offers) & wanted), o.id) for o in others]
    return [pid for s, pid in sorted(scored, key=lambda s: (-s[0], s[1])) if s > 0]


def evaluate(rank: Callable[[Person, list[Person]], list[str]]) -> tuple[float, float, float]:
    """(recall@3, mean reciprocal rank, seconds) over everyone in the evaluation set."""
    people, helpers = load_eval()
    started = time.perf_counter()
    recalls, reciprocal = [], []
    for viewer in people:
        truth = set(helpers[viewer.id])
        ranking = rank(viewer, [p for p in people if p.id != viewer.id])
        recalls.append(len(truth & set(ranking[:3])) / min(3, len(truth)))
        first = next((k for k, pid in enumerate(ranking) if pid in truth), None)
        reciprocal.append(0.0 if first is None else 1 / (first + 1))
    return sum(recalls) / len(recalls), sum(reciprocal) / len(reciprocal), time.perf_counter() - started


def main() -> int:
    people, _ = load_eval()
    print(f"evaluation set: {len(people)} hand-judged profiles")
    rows = [("vocabulary only", *evaluate(vocabulary_rank)), ("word overlap (baseline)", *evaluate(word_overlap_rank))]
    print(f"{'method':<24} {'recall@3':>9} {'MRR':>7} {'seconds':>8}")
    for name, recall, mrr, seconds in rows:
        print(f"{name:<24} {recall:>9.3f} {mrr:>7.3f} {seconds:>8.3f}")
    from bench import help_eval  # the semantic model loads only when this benchmark runs

    print()
    help_eval.print_table()
    print()
    plans_ok = print_plan_timings()
    return 0 if rows[0][1] >= rows[1][1] and plans_ok else 1


def print_plan_timings() -> bool:
    """A 200-person event planned with the blended scoring (the model already loaded), against
    the time the planner had with the vocabulary alone (docs/solver.md: pairs-200 0.34 s, tables-200
    first plan without repeats 0.70 s, both of a 5 s limit)."""
    import dataclasses

    from solver import Format, check_plan, plan
    from solver.generate import generate

    ok = True
    for name, fmt in (("pairs-200", None), ("tables-200", Format("tables", 3, 5))):
        instance = generate(200, 6, seed=200)
        if fmt is not None:
            instance = dataclasses.replace(instance, format=fmt)
        started = time.perf_counter()
        result = plan(instance)
        seconds = time.perf_counter() - started
        problems = check_plan(instance, result)
        ok = ok and not problems and result.repeats == 0
        print(
            f"{name} with vocabulary + meaning: {seconds:.2f} s (limit {instance.time_limit_seconds:.0f} s), "
            f"objective {result.objective:.1f}, gap {100 * result.gap:.3f} %, repeats {result.repeats}, "
            f"checker {'ok' if not problems else problems[:1]}"
        )
    return ok
