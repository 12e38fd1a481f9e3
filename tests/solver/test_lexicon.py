"""German, Spanish and French entries reach the model in English; English entries never change."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from importlib import resources

import numpy as np
import pytest

from solver import Person, Profile, reasons_for
from solver.scoring import lexicon, lexicon_words, meaning, semantic


@pytest.mark.parametrize(
    ("entry", "english_words"),
    [
        ("busco inversores ángel para mi startup", {"angel", "investor", "startup"}),
        ("Hilfe bei der Buchhaltung für ein kleines Unternehmen", {"accounting", "small", "company"}),
        ("je cherche des investisseurs pour ma startup", {"investor", "startup"}),
        ("de l'aide pour la comptabilité d'une petite entreprise", {"accounting", "small", "company"}),
        ("quelqu’un pour refaire notre site web", {"someone", "website"}),  # a typographic apostrophe
        ("Buchhaltungssoftware", {"accounting", "software"}),  # a compound, read as its two parts
        ("Wärmepumpenförderung", {"heat", "pump", "grants"}),
        ("conseils pour installer des bornes de recharge pour voitures électriques", {"electric", "vehicles"}),
    ],
)
def test_a_foreign_entry_reads_as_english(entry: str, english_words: set[str]) -> None:
    read = lexicon.as_english(entry)
    assert english_words <= set(read.split()), read
    assert english_words & set(meaning.model_text(entry).split())  # what the model is given


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("busco inversores ángel para mi startup", "BUSCO INVERSORES ANGEL PARA MI STARTUP"),
        ("Hilfe für die Buchhaltung", "hilfe fuer die buchhaltung"),  # umlauts typed as ue
        ("je cherche une comptabilité simple", "Je cherche une comptabilite simple"),
    ],
)
def test_accents_and_case_do_not_matter(written: str, typed: str) -> None:
    assert lexicon.as_english(written).casefold() == lexicon.as_english(typed).casefold()


def test_phrases_are_read_as_a_whole_before_their_words() -> None:
    assert lexicon.as_english("mise en place d'une base de données") == "set up of database"
    assert (
        lexicon.as_english("suche Mitwirkende für mein Open Source Projekt")
        == "looking for contributors for open source project"
    )
    assert lexicon.as_english("IA para pymes") == "AI for small business"  # capitals stay an abbreviation


@pytest.mark.parametrize(
    "entry",
    [
        "sale",
        "marketing for a sale",
        "die casting",
        "chat support for our app",
        "but also a gift for the team",
        "actual users, not personas",
        "C programming",
        "translation EN <-> ES",
        "web design & Webflow sites",
        "batteries",
        "marketplaces",
        "salaries and equity",
        "clinical studies",
        "formation of a new team",
        "angel, I write 25-50k tickets in pre-seed SaaS",
    ],
)
def test_english_words_that_look_foreign_stay_untouched_in_english_entries(entry: str) -> None:
    assert lexicon.language(entry) is None
    assert lexicon.as_english(entry) == entry


def test_the_same_words_are_translated_in_a_foreign_entry() -> None:
    assert lexicon.language("die Buchhaltung") == "de"
    assert lexicon.as_english("die Buchhaltung") == "accounting"  # "die" is an article here
    assert lexicon.as_english("une formation en data science") == "training in data science"


def test_the_model_reads_every_language_twin_close_to_its_english_need() -> None:
    """help_eval_wild.json's faithful translations clear the meaning threshold against their
    English twin, and stay nearer to it than to every other English need."""
    raw = json.loads(resources.files("solver").joinpath("data/help_eval_wild.json").read_text("utf-8"))
    twins = raw["language_twins"]
    english = semantic.embed_texts([meaning.model_text(t["en"]) for t in twins])
    for lang in lexicon.LANGUAGES:
        similarity = semantic.embed_texts([meaning.model_text(t[lang]) for t in twins]) @ english.T
        assert np.all(np.diag(similarity) > meaning.THRESHOLD), lang
        assert np.all(np.argmax(similarity, axis=1) == np.arange(len(twins))), lang


def test_talking_points_quote_what_people_wrote() -> None:
    photographer = Person("ana", "Ana", Profile(offers=("wedding photographer",)))
    seeker = Person("bo", "Bo", Profile(seeks=("busco un fotógrafo para la boda de mi hermana",)))
    assert lexicon.language(seeker.profile.seeks[0]) == "es"
    reasons = reasons_for(seeker, photographer)
    assert (
        "Ana offers “wedding photographer”; you're looking for “busco un fotógrafo para la boda de mi hermana”"
        in reasons
    )
    assert not any("photographer for wedding" in r for r in reasons)


def test_a_bad_lexicon_line_is_refused_with_its_number() -> None:
    with pytest.raises(ValueError, match="lexicon line 2"):
        lexicon_words.parse("[de]\nHilfe help")


@pytest.fixture
def offline(no_network: None) -> Iterator[None]:
    """No socket can connect, and the lexicon is loaded afresh."""
    lexicon.lexicon.cache_clear()
    lexicon.as_english.cache_clear()
    yield
    lexicon.lexicon.cache_clear()
    lexicon.as_english.cache_clear()


def test_the_lexicon_loads_with_networking_disabled(offline: None) -> None:
    with pytest.raises(OSError, match="disabled"), socket.socket() as s:
        s.connect(("127.0.0.1", 9))
    loaded = lexicon.lexicon()
    assert sum(len(words) for words in loaded.words.values()) > 3000
    assert lexicon.as_english("suche Investoren") == "looking for investor"
