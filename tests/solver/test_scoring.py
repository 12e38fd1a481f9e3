import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from solver import Instance, Person, Profile, mutual_score, rank_helpers, reasons_for
from solver.scoring import help_score, vocabulary_help_score
from solver.scoring.empty import is_empty
from solver.scoring.semantic import vocabulary_help
from solver.scoring.vocabulary import ANSWERS_FACTOR, build_vocabulary, terms
from solver.scoring.weights import ProfileMatrix

ANA = Person(
    "ana",
    "Ana",
    Profile(interests=("Climate tech", "hiking"), offers=("Seed fundraising", "pitch decks"), seeks=("Kubernetes",)),
)
BEN = Person(
    "ben",
    "Ben",
    Profile(interests=("climate",), offers=("k8s, Docker",), seeks=("raising funds", "someone to help with PR")),
)
CAI = Person("cai", "Cai", Profile(interests=("knitting",), offers=("baking",), seeks=("gardening",)))


def test_reasons_are_phrased_to_the_viewer_in_the_profiles_words():
    assert reasons_for(BEN, ANA) == [
        "Ana can help you with Seed fundraising",
        "you could help Ana with k8s",
        "you both like climate",
    ]
    assert reasons_for(ANA, BEN) == [
        "Ben can help you with k8s",
        "you could help Ben with Seed fundraising",
        "you both like Climate tech",
    ]


def test_no_reasons_and_zero_score_when_nothing_matches():
    assert reasons_for(ANA, CAI) == []
    assert mutual_score(ANA.profile, CAI.profile) == 0.0


def test_help_is_directional_and_mutual_adds_both_ways_and_interests():
    assert help_score(ANA.profile, BEN.profile) > 0
    assert help_score(BEN.profile, ANA.profile) > 0
    assert help_score(CAI.profile, ANA.profile) == 0
    shared_interest = 0.25
    expected = help_score(ANA.profile, BEN.profile) + help_score(BEN.profile, ANA.profile) + shared_interest
    assert mutual_score(ANA.profile, BEN.profile) == expected


def test_generic_requests_create_no_match():
    vague = Profile(offers=("happy to help and give advice",), seeks=("someone to talk to",))
    assert mutual_score(vague, vague) == 0.0


def test_rank_helpers_puts_the_best_helper_first_and_skips_strangers():
    # Dan offers exactly the PR Ben seeks; Ana's seed fundraising answers "raising funds"; Cai bakes.
    dan = Person("dan", "Dan", Profile(offers=("press relations",)))
    ranked = rank_helpers(BEN, [ANA, CAI, dan, BEN])
    assert sorted(row.person.id for row in ranked) == ["ana", "dan"]
    by_id = {row.person.id: row for row in ranked}
    assert by_id["dan"].reasons == ("Dan can help you with press relations",)
    assert ranked[0].help >= ranked[1].help > 0


def test_rank_helpers_with_a_limit_gives_the_first_of_the_full_ranking():
    dan = Person("dan", "Dan", Profile(offers=("press relations",)))
    eve = Person("eve", "Eve", Profile(offers=("angel investing",), seeks=("docker",)))
    everyone = [ANA, CAI, dan, eve, BEN]
    full = rank_helpers(BEN, everyone)
    assert len(full) == 3
    assert rank_helpers(BEN, everyone, limit=2) == full[:2]
    assert rank_helpers(BEN, everyone, limit=10) == full


WORDS = [
    "fundraising",
    "raising funds",
    "ML",
    "machine learning",
    "iOS",
    "iPhone",
    "hiring",
    "recruiting",
    "UX",
    "design",
    "help",
    "advice",
    "climate tech",
    "sales",
    "quantum sensors",
    "Kubernetes",
    "k8s",
    # offers that answer needs they do not name ("answered_by"): sales -> customers, devops -> hosting
    "founder-led sales",
    "first customers",
    "self-hosting",
    "terraform",
    "information design",
    "make our maps understandable",
]
profiles = st.builds(
    Profile,
    interests=st.lists(st.sampled_from(WORDS), max_size=3).map(tuple),
    offers=st.lists(st.sampled_from(WORDS), max_size=3).map(tuple),
    seeks=st.lists(st.sampled_from(WORDS), max_size=3).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(profiles, profiles)
def test_reasons_only_quote_the_profiles(a, b):
    viewer, other = Person("v", "Vi", a), Person("o", "Ola", b)
    reasons = reasons_for(viewer, other)
    assert (mutual_score(a, b) > 0) == bool(reasons)
    for reason in reasons:
        quoted = re.findall("“(.*?)”", reason)
        if reason.startswith("Ola offers “"):
            assert any(quoted[0].rstrip("…") in text for text in b.offers)
            assert any(quoted[1].rstrip("…") in text for text in a.seeks)
        elif reason.startswith("you offer “"):
            assert any(quoted[0].rstrip("…") in text for text in a.offers)
            assert any(quoted[1].rstrip("…") in text for text in b.seeks)
        elif reason.startswith("Ola can help you with "):
            assert any(reason.removeprefix("Ola can help you with ") in text for text in b.offers)
        elif reason.startswith("you could help Ola with "):
            assert any(reason.removeprefix("you could help Ola with ") in text for text in a.offers)
        elif reason.startswith("you like “"):  # the viewer seeks nothing: their interests stand in
            assert not a.seeks
            assert any(quoted[0].rstrip("…") in text for text in a.interests)
            assert any(quoted[1].rstrip("…") in text for text in b.offers)
        elif reason.startswith("Ola likes “"):
            assert not b.seeks
            assert any(quoted[0].rstrip("…") in text for text in b.interests)
            assert any(quoted[1].rstrip("…") in text for text in a.offers)
        elif reason.startswith("Ola can help with “"):  # the viewer wrote nothing: Ola's own offers
            assert is_empty(a)
            assert quoted and all(any(q.rstrip("…") in text for text in b.offers) for q in quoted)
        elif reason.startswith("Ola hasn't filled in a profile yet"):  # and the viewer offers something
            assert is_empty(b) and a.offers
        else:
            assert any(reason.removeprefix("you both like ") in text for text in a.interests)


@settings(max_examples=30, deadline=None)
@given(st.lists(profiles, min_size=2, max_size=6))
def test_matrix_scores_equal_pairwise_scores(profile_list):
    instance = Instance(people=tuple(Person(str(i), str(i), p) for i, p in enumerate(profile_list)), rounds=1)
    matrix = ProfileMatrix(instance).rows(0, len(profile_list))
    expected = np.array([[mutual_score(a, b) for b in profile_list] for a in profile_list])
    off_diagonal = ~np.eye(len(profile_list), dtype=bool)
    assert np.allclose(matrix[off_diagonal], expected[off_diagonal])
    assert np.allclose(matrix, matrix.T)


def test_a_match_by_meaning_or_a_shared_word_quotes_both_wordings_and_claims_nothing():
    # Today's overclaim: "product analytics" was answered with "Ana can help you with product strategy".
    ana = Person("ana", "Ana", Profile(offers=("product strategy",)))
    viewer = Person("vi", "Vi", Profile(seeks=("product analytics",)))
    reasons = reasons_for(viewer, ana)
    assert reasons
    assert not any("can help you with" in r for r in reasons)
    assert reasons[0] == "Ana offers “product strategy”; you're looking for “product analytics”"


def test_a_match_inside_entries_already_quoted_is_not_quoted_again():
    quinn = Person("quinn", "Quinn", Profile(offers=("I build prototypes fast in Bubble",)))
    viewer = Person("vi", "Vi", Profile(seeks=("tech cofounder to build our MVP",)))
    reasons = reasons_for(viewer, quinn)
    assert reasons == [
        "Quinn offers “I build prototypes fast in Bubble”; you're looking for “tech cofounder to build our MVP”"
    ]


def test_a_paraphrase_the_vocabulary_misses_still_scores_and_is_quoted():
    helper = Person("eve", "Eve", Profile(offers=("vegan cooking",)))
    viewer = Person("vi", "Vi", Profile(seeks=("plant-based recipes",)))
    assert vocabulary_help_score(helper.profile, viewer.profile) == 0
    assert help_score(helper.profile, viewer.profile) > 0
    assert help_score(viewer.profile, helper.profile) == 0  # directional: Vi offers nothing
    (reason,) = reasons_for(viewer, helper)
    assert reason == "Eve offers “vegan cooking”; you're looking for “plant-based recipes”"


def test_a_plain_vocabulary_match_may_say_can_help_you_with():
    ana = Person("ana", "Ana", Profile(offers=("bookkeeping",)))
    viewer = Person("vi", "Vi", Profile(seeks=("accounting",)))
    assert reasons_for(viewer, ana) == ["Ana can help you with bookkeeping"]


def test_common_german_spanish_and_french_wordings_match_their_english_concept():
    accountant = Profile(offers=("accounting and VAT",))
    for need in ("Buchhaltung für unseren Verein", "busco ayuda con la contabilidad", "aide en comptabilité"):
        assert vocabulary_help_score(accountant, Profile(seeks=(need,))) >= 1.0, need
    # "recherche" is also how French says "looking for": it must not mean research.
    assert vocabulary_help_score(Profile(offers=("research",)), Profile(seeks=("je recherche un avocat",))) == 0


@pytest.mark.parametrize(
    ("offer", "need"),
    [
        ("grant writing for researchers", "Fördermittel für unser Labor"),
        ("volunteer management", "bénévoles pour notre association"),
        ("installing heat pumps", "Wärmepumpen im Altbau"),
        ("GDPR and data protection", "protección de datos para la clínica"),
        ("biostatistics, mixed models", "stats for my thesis"),
        ("public procurement rules", "Ausschreibungen für Kommunen"),
    ],
)
def test_the_vocabulary_covers_research_climate_public_sector_health_and_nonprofit_wordings(offer, need):
    assert vocabulary_help_score(Profile(offers=(offer,)), Profile(seeks=(need,))) >= 1.0


def test_a_broader_concept_alone_is_quoted_not_claimed():
    # "website" is web design, which counts half as design: no claim that a recruiter designs websites.
    recruiter = Person("ana", "Ana", Profile(offers=("interview process design",)))
    viewer = Person("vi", "Vi", Profile(seeks=("a website for my studio",)))
    assert vocabulary_help_score(recruiter.profile, viewer.profile) > 0
    reasons = reasons_for(viewer, recruiter)
    assert reasons == ["Ana offers “interview process design”; you're looking for “website”"]


def test_helpers_whose_help_weighs_the_same_are_ordered_by_meaning_not_by_id():
    viewer = Person("vi", "Vi", Profile(seeks=("bookkeeping for my bakery",)))
    rockets = Person("ann", "Ann", Profile(offers=("accounting for rocket startups",)))
    cafes = Person("zed", "Zed", Profile(offers=("accounting for cafés and pastry shops",)))
    assert help_score(rockets.profile, viewer.profile) == help_score(cafes.profile, viewer.profile) == 1.0
    assert [h.person.id for h in rank_helpers(viewer, [rockets, cafes])] == ["zed", "ann"]


def test_wordings_with_a_second_everyday_meaning_are_left_out_of_the_vocabulary():
    # Spanish "taller" is also a repair shop, German "Lehre" an apprenticeship, "drawing up" a contract.
    facilitator = Profile(offers=("workshop facilitation", "teaching"))
    for need in ("contratar aprendices para mi taller", "eine Lehre als Tischlerin"):
        assert vocabulary_help_score(facilitator, Profile(seeks=(need,))) == 0, need
    assert vocabulary_help_score(Profile(offers=("illustration",)), Profile(seeks=("drawing up contracts",))) == 0


@settings(max_examples=30, deadline=None)
@given(st.lists(profiles, min_size=2, max_size=6))
def test_the_vocabulary_help_matrix_equals_the_pairwise_vocabulary_help(profile_list):
    matrix = vocabulary_help(profile_list)
    for a, helper in enumerate(profile_list):
        for b, seeker in enumerate(profile_list):
            if a != b:
                assert matrix[a, b] == pytest.approx(vocabulary_help_score(helper, seeker))


@pytest.mark.parametrize(
    ("offer", "need"),
    [
        ("founder-led sales, cold outreach", "land my first 10 B2B customers"),
        ("platform eng: terraform, k8s", "someone to host our LMS"),
        ("information design", "make our flood maps understandable"),
        ("Hochschuldidaktik: Online-Kurse gestalten", "teacher training on digital tools"),
        ("program officer at a foundation", "grant funding for our lab"),
    ],
)
def test_an_offer_that_answers_a_need_it_does_not_name_scores_below_naming_it(offer, need):
    helper, seeker = Profile(offers=(offer,)), Profile(seeks=(need,))
    assert vocabulary_help_score(helper, seeker) > 0
    answered = [m for c, m in terms(helper).offers.items() if m.answer and c in terms(seeker).seeks]
    assert answered
    for mention in answered:  # the same concept named in the offer counts more
        naming = terms(Profile(offers=(terms(seeker).seeks[mention.concept].text,))).offers[mention.concept]
        assert mention.weight == pytest.approx(ANSWERS_FACTOR * naming.weight)
        assert mention.weight < naming.weight


def test_the_answers_relation_is_directional():
    # Marketing answers a need for customers; intros to customers do not answer a need for marketing.
    assert vocabulary_help_score(Profile(offers=("growth marketing",)), Profile(seeks=("first customers",))) > 0
    assert vocabulary_help_score(Profile(offers=("intros to my customers",)), Profile(seeks=("marketing",))) == 0


def test_an_offer_that_only_answers_the_need_is_quoted_never_claimed():
    ana = Person("ana", "Ana", Profile(offers=("founder-led sales",)))
    viewer = Person("vi", "Vi", Profile(seeks=("land my first 10 B2B customers",)))
    assert vocabulary_help_score(ana.profile, viewer.profile) == ANSWERS_FACTOR
    reasons = reasons_for(viewer, ana)
    assert reasons[0] == "Ana offers “founder-led sales”; you're looking for “B2B customers”"
    assert not any("can help" in r for r in reasons)
    assert reasons_for(ana, viewer)[0] == "you offer “founder-led sales”; Vi is looking for “B2B customers”"
    # Naming the need plainly is still a claim.
    assert reasons_for(viewer, Person("bo", "Bo", Profile(offers=("finding clients",))))[0] == (
        "Bo can help you with clients"
    )


MINIMAL = {"concepts": [["sales"], ["customers"]], "generic": []}


@pytest.mark.parametrize(
    ("answered_by", "message"),
    [
        ({"customers": ["marketing"]}, "'marketing' is not a concept label"),
        ({"clients": ["sales"]}, "'clients' is not a concept label"),
        ({"sales": ["sales"]}, "'sales' cannot be answered by itself"),
    ],
)
def test_the_answers_relation_names_only_known_concepts(answered_by, message):
    with pytest.raises(ValueError, match=message):
        build_vocabulary({**MINIMAL, "answered_by": answered_by})
    assert build_vocabulary({**MINIMAL, "answered_by": {"customers": ["sales"]}}).answers == {"sales": ("customers",)}


@pytest.mark.parametrize(
    ("offer", "need"),
    [
        ("impact measurement, theory of change", "Wirkungsmessung für unser Projekt"),
        ("self-hosting Nextcloud for small teams", "hébergement de nos outils internes"),
        ("program officer at a foundation", "busco fundaciones que apoyen proyectos educativos"),
        ("career coaching", "Quereinstieg in die IT"),
        ("urban planning", "urbanisme tactique dans notre quartier"),
        ("mental health first aid", "salud mental en equipos remotos"),
    ],
)
def test_the_newer_concepts_match_their_german_spanish_and_french_wordings(offer, need):
    assert vocabulary_help_score(Profile(offers=(offer,)), Profile(seeks=(need,))) >= 1.0


def test_an_answered_need_in_another_language_is_answered_too():
    # "erste Kunden" is customers, which sales answers; the talking point quotes both wordings.
    ana = Person("ana", "Ana", Profile(offers=("B2B sales",)))
    viewer = Person("vi", "Vi", Profile(seeks=("erste Kunden für unser SaaS",)))
    assert vocabulary_help_score(ana.profile, viewer.profile) == pytest.approx(ANSWERS_FACTOR)
    assert reasons_for(viewer, ana)[0].startswith("Ana offers “B2B sales”; you're looking for “")


def test_a_need_that_says_what_someone_does_not_want_never_seats_them_with_it():
    viewer = Person("v", "Vic", Profile(seeks=("no recruiters please", "not fundraising right now, need a CTO")))
    recruiter = Person("r", "Rae", Profile(offers=("tech recruiter, hiring engineers", "seed fundraising")))
    cto = Person("c", "Cy", Profile(offers=("fractional CTO",)))
    assert help_score(recruiter.profile, viewer.profile) == 0
    assert reasons_for(viewer, recruiter) == []
    assert [h.person.id for h in rank_helpers(viewer, [recruiter, cto])] == ["c"]


@settings(max_examples=30, deadline=None)
@given(profiles, profiles, st.sampled_from(["no", "not", "we're not", "kein", "pas de"]), st.sampled_from(WORDS))
def test_a_negated_entry_changes_no_score_and_no_talking_point(a, b, negation, tag):
    assume(not is_empty(a))  # someone who wrote only "no recruiters" has still written something
    negated = f"{negation} {tag}"
    said = Profile((*a.interests, negated), (*a.offers, negated), (*a.seeks, negated))
    assert mutual_score(said, b) == mutual_score(a, b)
    other = Person("b", "Bo", b)
    assert reasons_for(Person("a", "Al", said), other) == reasons_for(Person("a", "Al", a), other)


@pytest.mark.parametrize("filler", ["N/A", "TBD", "anything", "idk"])
def test_two_people_who_both_wrote_a_filler_are_not_matched_by_it(filler):
    # A ticketing export's unanswered question column: everyone's "N/A" is the same text.
    first, second = Profile(offers=(filler,), seeks=(filler,)), Profile(offers=(filler,), seeks=(filler,))
    assert mutual_score(first, second) == 0
    assert reasons_for(Person("a", "Al", first), Person("b", "Bo", second)) == []
