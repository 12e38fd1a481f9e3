import pytest

from solver.scoring.text import entries, is_negated, stem
from solver.scoring.vocabulary import build_vocabulary, mentions, vocabulary


def concepts(text: str) -> set[str]:
    return {m.concept for m in mentions(text)}


@pytest.mark.parametrize(
    ("written", "also_written"),
    [
        ("fundraising", "raising funds"),
        ("Fundraising!", "raise money"),
        ("ML", "machine learning"),
        ("iOS", "iPhone apps"),
        ("hiring", "Recruiting"),
        ("UX", "user research"),
        ("PR", "press relations"),
        ("Kubernetes", "k8s"),
        ("e-commerce", "ecommerce"),
        ("pitch decks", "pitching"),
        ("APIs", "API design"),
    ],
)
def test_wordings_of_the_same_thing_share_a_concept(written, also_written):
    assert concepts(written) & concepts(also_written)


def test_generic_words_never_match():
    assert concepts("looking for someone to give me advice and help") == set()


def test_unrelated_things_do_not_match():
    assert not concepts("kubernetes") & concepts("fundraising")
    assert not concepts("machine learning") & concepts("press relations")


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("startups", "startup"),
        ("raising", "rais"),
        ("raise", "rais"),
        ("taxes", "tax"),
        ("companies", "company"),
        ("ios", "ios"),
        ("translation", "translat"),
        ("translating", "translat"),
    ],
)
def test_stem_folds_word_forms(word, root):
    assert stem(word) == root


def test_mentions_keep_the_writers_words_and_split_at_punctuation():
    found = mentions("I can help with Seed fundraising, hiring (engineers)")
    texts = {m.concept: m.text for m in found}
    assert texts["seed funding"] == "Seed fundraising"
    assert texts["hiring"] == "hiring"
    assert texts["word:engineer"] == "engineers"


def test_specific_concept_partly_answers_its_broader_one():
    seed = {m.concept: m.weight for m in mentions("seed round")}
    assert seed["seed funding"] == 1.0
    assert 0 < seed["fundraising"] < 1.0


def test_free_words_outside_the_vocabulary_still_match_but_weigh_less():
    (word,) = mentions("quantum knitting")[1:]
    assert word.concept == "word:knit"
    assert word.weight < 1.0


def test_shipped_vocabulary_is_consistent():
    vocab = vocabulary()
    assert vocab.aliases[("ml",)] == "machine learning"
    assert "help" in vocab.generic


def test_vocabulary_rejects_an_alias_in_two_concepts():
    with pytest.raises(ValueError, match="belongs to both"):
        build_vocabulary({"concepts": [["a thing", "x"], ["b thing", "x"]], "generic": []})


def test_vocabulary_rejects_unknown_broader_concept():
    with pytest.raises(ValueError, match="not a concept label"):
        build_vocabulary({"concepts": [["a thing"]], "broader": {"a thing": "nothing"}, "generic": []})


def test_more_wordings_join_their_concept_and_must_name_one():
    vocab = build_vocabulary({"concepts": [["a thing", "x"]], "more_wordings": {"a thing": ["y"]}, "generic": []})
    assert [m.concept for m in mentions("y", vocab)] == ["a thing"]
    with pytest.raises(ValueError, match="not a concept label"):
        build_vocabulary({"concepts": [["a thing"]], "more_wordings": {"nothing": ["y"]}, "generic": []})


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("k8s, Docker", ["k8s", "Docker"]),
        ("Fördermittel (EXIST, EU)", ["Fördermittel (EXIST, EU)"]),
        ("release process / supply chain (SBOM, signing)", ["release process", "supply chain (SBOM, signing)"]),
        ("1) fundraising, 2) hiring", ["1) fundraising", "2) hiring"]),
        ("tools [dbt; Looker], dashboards", ["tools [dbt; Looker]", "dashboards"]),
    ],
)
def test_a_field_splits_into_entries_but_never_inside_brackets(written, expected):
    assert entries([written]) == expected


@pytest.mark.parametrize(
    "entry",
    [
        "no recruiters please",
        "Not fundraising right now",
        "we're not hiring",
        "We\u2019re not hiring",
        "I don't need investors",
        "please no sales pitches",
        "nothing specific",
        "anything but crypto",
        "kein Marketing",
        "keine Agenturen",
        "nicht auf Jobsuche",
        "no busco inversores",
        "nada de ventas",
        "pas de recruteurs",
        "aucun démarchage",
    ],
)
def test_an_entry_that_says_what_someone_does_not_want_is_negated(entry):
    assert is_negated(entry)


@pytest.mark.parametrize(
    "entry",
    [
        "no-code tools",
        "no code prototypes",
        "not-for-profit governance",
        "nothing-but-net design",
        "nonprofit boards",
        "notion templates",
        "Nokia alumni",
        "non-technical founders",
        "knowledge graphs",
        "pastry chef",
    ],
)
def test_terms_that_merely_start_like_a_negation_are_not(entry):
    assert not is_negated(entry)


def test_a_field_leaves_out_its_negated_entries_and_keeps_the_rest():
    assert entries(["not fundraising right now, need a CTO", "no recruiters please"]) == ["need a CTO"]


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("a CTO but no investors", "a CTO"),
        ("hiring advice and not agencies", "hiring advice"),
        ("Vertrieb, aber kein Marketing", "Vertrieb"),
        ("ventas pero no marketing", "ventas"),
        ("du design mais pas de logo", "du design"),
        ("research and notebooks", "research and notebooks"),
        ("sales and no-code tools", "sales and no-code tools"),
    ],
)
def test_the_end_of_an_entry_from_but_no_on_is_left_out(written, kept):
    assert entries([written])[-1] == kept


@pytest.mark.parametrize(
    "filler", ["N/A", "n/a", "n.a.", "k.A.", "TBD", "tba", "idk", "not sure yet", "?", "etc.", "anything", "Sonstiges"]
)
def test_a_filler_says_nothing(filler):
    assert entries([filler]) == []
    assert entries([f"fundraising, {filler}"]) == ["fundraising"]


@pytest.mark.parametrize("entry", ["anything startup related", "NASA data", "naval architecture", "any ideas welcome"])
def test_an_entry_with_more_than_a_filler_is_kept(entry):
    assert entries([entry]) == [entry]
