import re

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.printing.layouts import LAYOUTS
from service.rounds.models import DRAFT, PUBLISHED
from service.settings import Settings
from tests.factories import (
    act,
    attendee_ids,
    numbered_people,
    plan_and_wait,
    post_form,
    seed_event,
    seed_rounds_event,
    store_plan,
    stored_plans,
)

Client = TestClient[Litestar]


def badge_names(html: str) -> list[str]:
    return re.findall(r'aria-label="Badge: ([^"]*)"', html)


def test_the_sheet_shows_everyone_sorted_by_name_on_each_layout(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, [{"display_name": n} for n in ["Zoë", "ana", "Ben", "Élodie", "Chloé", "dan", "Eve"]])
    for layout in LAYOUTS.values():
        response = client.get(seeded.badges_path, params={"layout": layout.key})
        assert response.status_code == 200
        assert badge_names(response.text) == ["ana", "Ben", "Chloé", "dan", "Élodie", "Eve", "Zoë"]
        assert response.text.count('class="sheet"') == -(-7 // layout.per_sheet)
        assert f"size: {layout.page_css}; margin: 0" in response.text


def test_a_wrong_organiser_token_is_not_found(client: Client, settings: Settings) -> None:
    seed_event(settings, numbered_people(1))
    assert client.get("/o/not-a-real-token/badges").status_code == 404
    assert client.get("/o/not-a-real-token/table-cards").status_code == 404


def test_an_unknown_layout_is_refused_with_the_choices(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, numbered_people(1))
    response = client.get(seeded.badges_path, params={"layout": "avery-9999"})
    assert response.status_code == 400
    assert "Avery 5392" in response.text and "A6" in response.text
    assert client.get(seeded.badges_path, params={"outline": "maybe"}).status_code == 400


def test_one_badge_for_a_walk_up(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, numbered_people(3))
    other = seed_event(settings, [{"display_name": "Someone Elsewhere"}])
    chosen = next(iter(seeded.ids.items()))
    response = client.get(seeded.badges_path, params={"which": "one", "attendee": chosen[1]})
    assert badge_names(response.text) == [chosen[0]]

    for wrong in ["", other.ids["Someone Elsewhere"], seeded.tokens[chosen[0]]]:
        response = client.get(seeded.badges_path, params={"which": "one", "attendee": wrong})
        assert response.status_code == 400
        assert "Choose the person whose badge you want to print" in response.text
        assert badge_names(response.text) == []
    assert client.get(seeded.badges_path, params={"which": "some"}).status_code == 400


def test_marking_printed_leaves_only_new_badges_to_print(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, numbered_people(3))
    first_two = sorted(seeded.ids.items())[:2]
    response = post_form(
        client,
        seeded.badges_path + "/printed",
        {"layout": "a6", "rounds": "true", "attendee": [t for _, t in first_two]},  # type: ignore[dict-item]
    )
    assert response.status_code == 303
    assert response.headers["location"] == seeded.badges_path + "?layout=a6&which=unprinted&rounds=true&marked=2"
    page = client.get(response.headers["location"])
    assert "Marked 2 badges as printed." in page.text
    assert badge_names(page.text) == [sorted(seeded.ids)[2]]
    assert len(badge_names(client.get(seeded.badges_path).text)) == 3


def test_a_sheet_of_thousands_of_badges_can_be_marked_printed(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, numbered_people(3000))  # one id per badge: 140 KB, over the ordinary form limit
    response = post_form(client, seeded.badges_path + "/printed", {"attendee": list(seeded.ids.values())})  # type: ignore[dict-item]
    assert response.status_code == 303
    assert response.headers["location"].endswith("marked=3000")


def test_marking_printed_refuses_badges_from_elsewhere_and_changes_nothing(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, numbered_people(2))
    other = seed_event(settings, [{"display_name": "Someone Elsewhere"}])
    mine = next(iter(seeded.ids.values()))
    response = post_form(client, seeded.badges_path + "/printed", {"attendee": [mine, *other.ids.values()]})  # type: ignore[dict-item]
    assert response.status_code == 400
    assert "not in this event" in response.text
    assert post_form(client, seeded.badges_path + "/printed", {}).status_code == 400
    not_ids = post_form(client, seeded.badges_path + "/printed", {"attendee": [mine, "not-an-id"]})  # type: ignore[dict-item]
    assert not_ids.status_code == 400
    unprinted = client.get(seeded.badges_path, params={"which": "unprinted"})
    assert len(badge_names(unprinted.text)) == 2


def test_marking_printed_needs_the_form_token(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, numbered_people(1))
    response = client.post(seeded.badges_path + "/printed", data={"attendee": list(seeded.ids.values())})
    assert response.status_code == 403


def test_what_people_typed_is_printed_as_text(client: Client, settings: Settings) -> None:
    seeded = seed_event(
        settings,
        [
            {
                "display_name": "<script>alert(1)</script> Eve",
                "affiliation": '"><img src=x onerror=alert(1)>',
                "interests": ["<b>bold</b>"],
            }
        ],
    )
    html = client.get(seeded.badges_path).text
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_rounds_are_printed_once_published(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, [{"display_name": n} for n in ["Ana", "Ben", "Cleo"]])
    response = client.get(seeded.badges_path, params={"rounds": "true"})
    assert "The rounds are not published yet" in response.text
    assert "badge-rounds" not in response.text

    ids = attendee_ids(settings, seeded.event_id)
    rounds = [
        [{"table": "1", "members": [ids["Ana"], ids["Ben"], ids["Cleo"]]}],
        [{"table": "7", "members": [ids["Ana"], ids["Ben"]]}],
    ]
    store_plan(settings, seeded.event_id, rounds, DRAFT)
    assert "The rounds are not published yet" in client.get(seeded.badges_path, params={"rounds": "true"}).text
    store_plan(settings, seeded.event_id, rounds, PUBLISHED)
    html = client.get(seeded.badges_path, params={"rounds": "true"}).text
    assert "not published" not in html
    tables = re.findall(r'<tr><th scope="row">Table</th>(.*?)</tr>', html)
    assert [re.findall(r"<strong>(.*?)</strong>", row) for row in tables] == [["1", "7"], ["1", "7"], ["1", "–"]]
    assert "badge-rounds" not in client.get(seeded.badges_path).text


def test_rounds_too_many_for_a_small_label_are_left_out_with_a_word_why(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, [{"display_name": n} for n in ["Ana", "Ben"]])
    ids = list(attendee_ids(settings, seeded.event_id).values())
    store_plan(
        settings, seeded.event_id, [[{"table": f"Garden terrace {n}", "members": ids}] for n in range(20)], PUBLISHED
    )
    small = client.get(seeded.badges_path, params={"layout": "avery-5395", "rounds": "true"})
    assert small.status_code == 200
    assert "The rounds do not fit on Avery 5395 badges" in small.text
    assert "badge-rounds" not in small.text
    large = client.get(seeded.badges_path, params={"layout": "a6", "rounds": "true"}).text
    assert "do not fit" not in large and "Garden terrace 19" in large


def card_labels(html: str) -> list[str]:
    return re.findall(r'class="sheet table-card" aria-label="Table ([^"]*)"', html)


@pytest.mark.parametrize(
    ("event_fields", "people", "cards"),
    [({}, 7, 3), ({"format": "tables", "table_min": 3, "table_max": 5}, 10, 3), ({}, 0, 1)],
)
def test_table_cards_cover_every_table_a_plan_could_use(
    client: Client, settings: Settings, event_fields: dict[str, object], people: int, cards: int
) -> None:
    seeded = seed_event(settings, numbered_people(people), **event_fields)
    response = client.get(f"/o/{seeded.organiser_token}/table-cards")
    assert response.status_code == 200
    assert card_labels(response.text) == [str(n) for n in range(1, cards + 1)]


def test_table_cards_follow_the_plan_or_the_organisers_count(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, [{"display_name": n} for n in ["Ana", "Ben", "Cleo", "Dan"]])
    path = f"/o/{seeded.organiser_token}/table-cards"
    ids = attendee_ids(settings, seeded.event_id)
    store_plan(
        settings,
        seeded.event_id,
        [
            [
                {"table": "10", "members": [ids["Ana"], ids["Ben"]]},
                {"table": "2", "members": [ids["Cleo"], ids["Dan"]]},
            ],
            [
                {"table": "Window", "members": [ids["Ana"], ids["Cleo"]]},
                {"table": "2", "members": [ids["Ben"], ids["Dan"]]},
            ],
        ],
        DRAFT,
    )
    assert card_labels(client.get(path).text) == ["2", "10", "Window"]
    assert card_labels(client.get(path, params={"tables": "4", "paper": "letter"}).text) == ["1", "2", "3", "4"]
    assert card_labels(client.get(path, params={"tables": " ", "paper": "a4"}).text) == ["2", "10", "Window"]
    assert "size: 8.5in 11in" in client.get(path, params={"paper": "letter"}).text


@pytest.mark.parametrize(
    "params",
    [{"tables": "0"}, {"tables": "201"}, {"tables": "many"}, {"tables": "-1"}, {"tables": "2.5"}, {"paper": "a3"}],
)
def test_table_cards_refuse_bad_options(client: Client, settings: Settings, params: dict[str, str]) -> None:
    seeded = seed_event(settings, numbered_people(2))
    response = client.get(f"/o/{seeded.organiser_token}/table-cards", params=params)
    assert response.status_code == 400
    assert "must be a whole number from 1 to 200" in response.text or "Choose A4 or US Letter" in response.text


def test_the_dashboard_links_each_persons_badge_for_walk_ups(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, [{"display_name": "Walk Up"}])
    dashboard = client.get(f"/o/{seeded.organiser_token}").text
    link = f"/o/{seeded.organiser_token}/badges?which=one&amp;attendee={seeded.ids['Walk Up']}"
    assert link in dashboard
    assert badge_names(client.get(link.replace("&amp;", "&")).text) == ["Walk Up"]


def test_badges_print_the_rounds_the_organiser_published(client: Client, settings: Settings) -> None:
    """Through the rounds pages themselves: plan with the solver, publish, then print."""
    seeded = seed_rounds_event(settings)
    plan_and_wait(client, seeded, seconds=1)
    assert "The rounds are not published yet" in client.get(f"/o/{seeded.organiser_token}/badges?rounds=true").text
    assert act(client, seeded, "publish").status_code == 303
    published = next(p for p in stored_plans(settings, seeded.event_id) if p.status == PUBLISHED)
    html = client.get(f"/o/{seeded.organiser_token}/badges", params={"rounds": "true"}).text
    badges = re.findall(r'aria-label="Badge: ([^"]*)"(.*?)</article>', html, re.S)
    assert len(badges) == len(seeded.ids)
    for name, badge in badges:
        printed = re.findall(r"<strong>(.*?)</strong>", badge.split('<tr><th scope="row">Table</th>', 1)[1])
        expected = [
            next((g["table"] for g in groups if seeded.ids[name] in g["members"]), "–") for groups in published.rounds
        ]
        assert printed == expected


def test_an_event_without_attendees_has_no_badges_to_print(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, [])
    response = client.get(seeded.badges_path)
    assert response.status_code == 200
    assert "No badges to print." in response.text
    assert 'class="sheet"' not in response.text
    assert "every badge has been printed" in client.get(seeded.badges_path, params={"which": "unprinted"}).text
