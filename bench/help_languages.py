"""Help scoring where another language is involved, and what the model reads of translated needs.

``python -m bench.help_languages`` prints, per half of the wild set (``help_eval_wild.json``),
recall@3 / MRR of the planner's combination over the viewers where a German, Spanish or French
profile is involved (the viewer's own or a judged helper's) against the English-only viewers;
only these aggregates, never a viewer's result. Then the ``language_twins``: for each faithful
German, Spanish and French translation of an English need, the mean cosine to its English twin as
the model reads both (``meaning.model_text``), how often the twin is its nearest English need, and
how often the pair clears the meaning threshold; "unrelated" is an English need against an
unrelated one.
"""

from __future__ import annotations

import json
import sys
from importlib import resources

import numpy as np

from bench.help_eval import EvalSet, combination, load_set, matrix_rank, metrics
from solver.scoring import meaning, semantic

LANGUAGES = ("de", "es", "fr")


def _raw() -> dict:
    return json.loads(resources.files("solver").joinpath("data/help_eval_wild.json").read_text("utf-8"))


def language_split(split: str) -> dict[str, tuple[float, float, int]]:
    """{"other language": (recall@3, MRR, viewers), "English only": ...} for one half."""
    language = {p["id"]: p["lang"] for p in _raw()["people"]}
    whole = load_set("help_eval_wild.json", split)
    rankings = matrix_rank(combination)(whole)
    result = {}
    for name, wanted in (("other language", True), ("English only", False)):
        viewers = [v for v in whole.viewers if any(language[p] != "en" for p in (v, *whole.helpers[v])) == wanted]
        part = EvalSet(name, whole.people, whole.helpers, viewers)
        recall, mrr = metrics(part, rankings)
        result[name] = (recall, mrr, len(viewers))
    return result


def _read(texts: list[str]) -> np.ndarray:
    return semantic.embed_texts([meaning.model_text(t) for t in texts])


def twins() -> dict[str, tuple[float, float, float]]:
    """Per language (and "unrelated"): (mean cosine to the English twin, share found nearest,
    share above the meaning threshold)."""
    pairs = _raw()["language_twins"]
    english = _read([t["en"] for t in pairs])
    unrelated = _read([t["unrelated"] for t in pairs])
    same = np.sum(english * unrelated, axis=1)
    result = {"unrelated": (float(np.mean(same)), 0.0, float(np.mean(same > meaning.THRESHOLD)))}
    for lang in LANGUAGES:
        similarity = _read([t[lang] for t in pairs]) @ english.T
        diagonal = np.diag(similarity)
        found = np.argmax(similarity, axis=1) == np.arange(len(pairs))
        result[lang] = (float(np.mean(diagonal)), float(np.mean(found)), float(np.mean(diagonal > meaning.THRESHOLD)))
    return result


def main() -> int:
    print("combination (planner), recall@3 / MRR (viewers)")
    for split in ("held_out", "tune"):
        cells = [f"{name} {r:.3f} / {m:.3f} ({n})" for name, (r, m, n) in language_split(split).items()]
        print(f"{split:<9} " + "    ".join(cells))
    print("\nlanguage twins as the model reads them: mean cosine to the English twin, found nearest, above threshold")
    for lang, (cosine, found, above) in twins().items():
        print(f"{lang:<10} {cosine:6.3f} {found:6.2f} {above:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
