"""Keep in touch: contacts only when both want to, never a visible "no", vCards that parse."""

from __future__ import annotations

import csv
import io
import uuid

import vobject

from service.settings import Settings
from tests.factories import post_form, stored_attendees
from tests.service.followup.seeding import PEOPLE, SHORT, Client, Event, keep, publish_plan, seed, without_csrf
from tests.service.imports.flow import import_file

PEOPLE_NAMES = {short: person["display_name"] for short, person in zip(SHORT, PEOPLE, strict=True)}
CONTACTS = {
    "ana": "ana@example.org",
    "ben": "https://ben.example.org/hello",
    "chloe": "chloe@example.org",
    "dev": "dev@example.org",
    "wang": "wang@example.cn",
    "mo": "mohamed@example.eg",
}


def everything_shown_to(client: Client, event: Event, who: str) -> str:
    """Every page and file this person can fetch."""
    page = event.page(who)
    paths = [page, f"{page}/met", f"{page}/met.csv", f"{page}/met.vcf", f"{page}/rounds"]
    texts = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        texts.append(response.text)
    for other_id in event.ids.values():
        card = client.get(f"{page}/met/{other_id}/contact.vcf")
        assert card.status_code in (200, 404)
        texts.append(card.text if card.status_code == 200 else "")
    return "\n".join(texts)


def organiser_rows(client: Client, event: Event, first: str, second: str) -> list[dict[str, str]]:
    """The organiser's CSV rows of the meetings between two people."""
    text = client.get(f"/o/{event.organiser_token}/report/meetings.csv").text
    names = {PEOPLE_NAMES[first], PEOPLE_NAMES[second]}
    return [row for row in csv.DictReader(io.StringIO(text)) if {row["person_a"], row["person_b"]} == names]


def test_two_who_ticked_share_my_contact_are_connected_with_everyone_they_sat_with(
    client: Client, event: Event
) -> None:
    ana = client.get(f"{event.page('ana')}/met").text
    ben = client.get(f"{event.page('ben')}/met").text
    assert CONTACTS["ben"] in ana and CONTACTS["ana"] in ben
    assert "You both want to keep in touch" in ana
    assert "This is on because you ticked" in ana  # Ana also "asked" Chloé and Dev by her tick


def test_a_one_sided_wish_reveals_nothing_and_looks_like_no_answer_at_all(client: Client, event: Event) -> None:
    before = without_csrf(client.get(f"{event.page('chloe')}/met").text)
    assert keep(client, event, "dev", "chloe").status_code == 303
    after = without_csrf(client.get(f"{event.page('chloe')}/met").text)
    assert after == before  # Chloé cannot tell that Dev pressed
    assert "You want to keep in touch" in client.get(f"{event.page('dev')}/met").text
    # (Each person's own page shows their own contact, in their profile.)
    assert CONTACTS["chloe"] not in everything_shown_to(client, event, "dev")
    assert CONTACTS["dev"] not in everything_shown_to(client, event, "chloe")
    assert organiser_rows(client, event, "chloe", "dev")[0]["contact_a"] == ""
    # Ana's tick alone does not show her contact to Chloé, nor Chloé's to Ana.
    ana = everything_shown_to(client, event, "ana")
    assert CONTACTS["chloe"] not in ana and CONTACTS["dev"] not in ana
    assert CONTACTS["ana"] not in everything_shown_to(client, event, "chloe")
    [row] = organiser_rows(client, event, "chloe", "dev")
    assert (row["keep_in_touch"], row["contact_a"], row["contact_b"]) == ("", "", "")
    [row] = organiser_rows(client, event, "ana", "ben")
    assert row["keep_in_touch"] == "both" and {row["contact_a"], row["contact_b"]} == {CONTACTS["ana"], CONTACTS["ben"]}


def test_both_pressing_connects_them_and_either_can_undo_it(client: Client, event: Event) -> None:
    keep(client, event, "chloe", "dev")
    keep(client, event, "dev", "chloe")
    assert CONTACTS["dev"] in client.get(f"{event.page('chloe')}/met").text
    assert CONTACTS["chloe"] in client.get(f"{event.page('dev')}/met").text
    [row] = organiser_rows(client, event, "chloe", "dev")
    assert {row["contact_a"], row["contact_b"]} == {CONTACTS["chloe"], CONTACTS["dev"]}
    keep(client, event, "dev", "chloe", "0")
    assert CONTACTS["chloe"] not in everything_shown_to(client, event, "dev")
    assert CONTACTS["dev"] not in everything_shown_to(client, event, "chloe")
    assert organiser_rows(client, event, "chloe", "dev")[0]["contact_a"] == ""


def test_the_tick_is_only_a_default_that_a_press_overrides(client: Client, event: Event) -> None:
    keep(client, event, "ana", "ben", "0")
    assert CONTACTS["ben"] not in everything_shown_to(client, event, "ana")
    assert CONTACTS["ana"] not in everything_shown_to(client, event, "ben")
    # Chloé presses for Ana, whose tick already says yes: connected.
    keep(client, event, "chloe", "ana")
    assert CONTACTS["ana"] in client.get(f"{event.page('chloe')}/met").text


def test_names_and_organisations_in_any_script_survive_the_vcard(client: Client, event: Event) -> None:
    keep(client, event, "wang", "mo")
    keep(client, event, "mo", "wang")
    keep(client, event, "wang", "chloe")
    keep(client, event, "chloe", "wang")
    response = client.get(f"{event.page('mo')}/met/{event.ids['wang']}/contact.vcf")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/vcard")
    card = vobject.readOne(response.text)
    assert card.version.value == "4.0"
    assert card.fn.value == "王小明"
    assert card.org.value == ["北京大学; 计算机系, AI"]
    assert card.email.value == CONTACTS["wang"]
    assert "he/him" in card.note.value
    every = list(vobject.readComponents(client.get(f"{event.page('wang')}/met.vcf").text))
    assert sorted(c.fn.value for c in every) == sorted(["محمد الأحمد", "Chloé Martin"])
    arabic = next(c for c in every if c.fn.value == "محمد الأحمد")
    assert arabic.org.value == ["جامعة القاهرة"]


def test_links_become_url_in_the_vcard(client: Client, event: Event) -> None:
    card = vobject.readOne(client.get(f"{event.page('ana')}/met/{event.ids['ben']}/contact.vcf").text)
    assert card.url.value == CONTACTS["ben"]


def test_a_card_of_someone_not_connected_is_a_plain_404(client: Client, event: Event) -> None:
    assert client.get(f"{event.page('chloe')}/met/{event.ids['dev']}/contact.vcf").status_code == 404
    assert client.get(f"{event.page('chloe')}/met/{uuid.uuid4()}/contact.vcf").status_code == 404


def test_keep_in_touch_accepts_only_people_of_the_same_event(client: Client, settings: Settings, event: Event) -> None:
    other = seed(settings)
    assert keep(client, event, "ana", "ana").status_code == 404  # oneself
    assert post_form(client, f"{event.page('ana')}/keep/{other.ids['ben']}", {"keep": "1"}).status_code == 404
    assert post_form(client, f"{event.page('ana')}/keep/not-an-id", {"keep": "1"}).status_code == 404
    assert post_form(client, f"/a/wrong-token/keep/{event.ids['ben']}", {"keep": "1"}).status_code == 404
    refused = post_form(client, f"{event.page('ana')}/keep/{event.ids['ben']}", {"keep": "maybe"})
    assert refused.status_code == 400 and "keep=1 or keep=0" in refused.text
    no_csrf = client.post(f"{event.page('ana')}/keep/{event.ids['ben']}", data={"keep": "1"})
    assert no_csrf.status_code == 403


def test_people_not_seated_together_both_have_to_press_even_with_the_tick(client: Client, settings: Settings) -> None:
    # Ana and Ben both ticked "share", but never sat together: e.g. Ben scanned Ana's badge.
    event = seed(settings, rounds=[[("ana", "chloe"), ("ben", "dev"), ("wang", "mo")]])
    assert CONTACTS["ana"] not in everything_shown_to(client, event, "ben")
    assert keep(client, event, "ben", "ana").status_code == 303
    assert CONTACTS["ana"] not in everything_shown_to(client, event, "ben")
    assert "Not seated together" in client.get(f"{event.page('ben')}/met").text
    keep(client, event, "ana", "ben")
    assert CONTACTS["ana"] in client.get(f"{event.page('ben')}/met").text
    assert CONTACTS["ben"] in client.get(f"{event.page('ana')}/met").text


def test_the_rounds_summary_at_the_end_no_longer_shows_contacts_one_sidedly(client: Client, event: Event) -> None:
    section = client.get(f"{event.page('chloe')}/rounds").text
    assert "That's all the rounds" in section and "Ana Souza" in section
    assert CONTACTS["ana"] not in section


def test_imported_people_share_only_after_pressing_themselves(client: Client, settings: Settings, event: Event) -> None:
    upload = "name,email,share_contact\nIra Imported,ira@example.org,yes\n"
    imported = import_file(client, f"/o/{event.organiser_token}", upload.encode())
    assert imported.status_code == 303, imported.text
    [ira] = [a for a in stored_attendees(settings, event.event_id) if a.display_name == "Ira Imported"]
    ira_id, ira_token = str(ira.id), ira.token
    publish_plan(settings, event.event_id, [[[event.ids["ana"], ira_id], [event.ids["ben"], event.ids["chloe"]]]])
    ana = everything_shown_to(client, event, "ana")
    assert "Ira Imported" in ana and "ira@example.org" not in ana  # Ana's tick alone is not enough
    assert CONTACTS["ana"] not in client.get(f"/a/{ira_token}/met").text
    assert post_form(client, f"/a/{ira_token}/keep/{event.ids['ana']}", {"keep": "1"}).status_code == 303
    assert "ira@example.org" in client.get(f"{event.page('ana')}/met").text
    assert CONTACTS["ana"] in client.get(f"/a/{ira_token}/met").text
