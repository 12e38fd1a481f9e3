"""The "people I met" page: a lasting list with rounds, tables, talking points and answers, which
prints on its own and exports as CSV; and the follow-up on a plan made by the real planner."""

from __future__ import annotations

import csv
import io

from litestar.testing import TestClient

from service.app import create_app
from service.settings import Settings
from tests.factories import act, plan_and_wait, post_form, seed_rounds_event, stored_plans
from tests.service.followup.seeding import Client, Event, answer, keep
from tests.service.followup.seeding import seed as seed_followup


def test_the_list_shows_each_partner_with_round_table_points_and_offers(client: Client, event: Event) -> None:
    answer(client, event, "ana", "chloe", 2, useful="3", note="Chloé knows a designer")
    answer(client, event, "chloe", "ana", 2, thanks="Thank you Ana")
    html = client.get(f"{event.page('ana')}/met").text
    assert html.index("Ben Okafor") < html.index("Chloé Martin") < html.index("Dev Patel")  # round order
    card = html.split(f'id="p-{event.ids["chloe"]}"', 1)[1].split("</li>\n", 1)[0]
    assert "Round 2, table 1" in card
    assert "Can help with: design" in card
    assert "You could help Chloé Martin with fundraising" in card  # the talking point of their meeting
    assert "Chloé knows a designer" in card and "Thank you Ana" in card
    assert "@media print" in html and 'class="print-only met-print"' in html
    assert f'href="{event.page("ana")}/met.csv"' in html and f'href="{event.page("ana")}/met.vcf"' in html


def test_the_list_exports_as_csv_with_contacts_only_where_both_want_to(client: Client, event: Event) -> None:
    answer(client, event, "ana", "dev", 3, met="yes", useful="2", note="=cmd|' /C calc'!A0")
    keep(client, event, "dev", "ana")
    response = client.get(f"{event.page('ana')}/met.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.text))}
    assert set(rows) == {"Ben Okafor", "Chloé Martin", "Dev Patel"}
    assert rows["Dev Patel"]["did_you_meet"] == "met" and rows["Dev Patel"]["useful"] == "somewhat"
    assert rows["Dev Patel"]["your_note"].startswith("'=")  # defused for spreadsheets
    assert rows["Dev Patel"]["contact"] == "dev@example.org"  # Ana's tick and Dev's press
    assert rows["Chloé Martin"]["contact"] == ""
    assert rows["Chloé Martin"]["keep_in_touch"] == "you asked"


def test_the_attendee_page_links_to_the_lasting_list(client: Client, event: Event) -> None:
    html = client.get(event.page("wang")).text
    assert 'id="followup"' in html and f'href="{event.page("wang")}/met"' in html
    assert "People you met" in html


def test_follow_up_works_on_a_plan_made_by_the_planner(settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    with TestClient(app=create_app(settings), base_url="http://testserver.local") as client:
        assert client.get(f"/a/{seeded.tokens['Ana Souza']}/met").text.count('class="card person-met"') == 0
        plan_and_wait(client, seeded)
        act(client, seeded, "publish")
        act(client, seeded, "clock/start")
        [plan] = stored_plans(settings, seeded.event_id)
        names = {v: k for k, v in seeded.ids.items()}
        ana = seeded.ids["Ana Souza"]
        [group] = [g for g in plan.rounds[0] if ana in g["members"]]
        partners = [m for m in group["members"] if m != ana]
        html = client.get(f"/a/{seeded.tokens['Ana Souza']}/met").text
        assert html.count('class="card person-met"') == len(partners)  # round 1 only: it has started
        assert all(names[p] in html for p in partners)
        url = f"/a/{seeded.tokens['Ana Souza']}/met/{partners[0]}/rounds/1"
        assert post_form(client, url, {"met": "yes"}).status_code == 303
        assert post_form(client, url.replace("/rounds/1", "/rounds/2"), {"met": "yes"}).status_code == 404


def test_during_the_event_the_round_just_played_comes_first(client: Client, settings: Settings) -> None:
    event = seed_followup(settings, phase="between", round_number=2)
    html = client.get(event.page("ana")).text.split('id="followup"', 1)[1]
    assert html.index("Chloé Martin") < html.index("Ben Okafor")  # round 2 before round 1
    assert "Dev Patel" not in html  # round 3 has not started
