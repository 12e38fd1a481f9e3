"""Mingle on PostgreSQL (``DATABASE_URL``): the migrations and an event's whole path through it.

``.ci/run`` starts a throwaway PostgreSQL and sets ``MINGLE_TEST_POSTGRES_URL``. In CI a missing
server fails these tests; on a developer's machine without one they are skipped.
"""

from __future__ import annotations

from litestar.testing import TestClient

from service.app import create_app
from service.db.migrate import downgrade, upgrade
from service.settings import Settings
from tests.factories import (
    act,
    plan_and_wait,
    post_form,
    rounds_status,
    seed_rounds_event,
    stored_plans,
    table_names,
)


def test_migrations_go_up_and_down_on_postgres(postgres_settings: Settings) -> None:
    assert {"event", "attendee", "round_plan", "round_clock", "alembic_version"} <= table_names(postgres_settings)
    downgrade(postgres_settings, "base")
    assert table_names(postgres_settings) <= {"alembic_version"}
    upgrade(postgres_settings)
    assert {"event", "attendee", "round_plan", "round_clock"} <= table_names(postgres_settings)


def test_an_event_runs_end_to_end_on_postgres(postgres_settings: Settings) -> None:
    seeded = seed_rounds_event(postgres_settings)
    with TestClient(app=create_app(postgres_settings), base_url="http://testserver.local") as client:
        checked_in = post_form(
            client,
            f"/c/{seeded.checkin_code}",
            {
                "display_name": "Zoë <b>Late</b>",
                "interests": "solar",
                "offers": "design",
                "seeks": "fundraising",
            },
        )
        assert checked_in.status_code == 303, checked_in.text
        dashboard = client.get(f"/o/{seeded.organiser_token}/attendees")
        assert "Zoë &lt;b&gt;Late&lt;/b&gt;" in dashboard.text

        assert plan_and_wait(client, seeded)["draft"]
        [plan] = stored_plans(postgres_settings, seeded.event_id)
        assert plan.repeats == 0
        for groups in plan.rounds:
            seated = sorted(member for group in groups for member in group["members"])
            assert len(seated) == len(set(seated)) == len(seeded.ids) + 1
        assert act(client, seeded, "publish").status_code == 303
        assert act(client, seeded, "clock/start").status_code == 303
        state = rounds_status(client, seeded)
        assert (state["published"], state["phase"], state["round_number"]) == (True, "running", 1)

        phone = client.get(f"/a/{seeded.tokens['Ana Souza']}")
        assert phone.status_code == 200 and "Round 1 of 3" in phone.text
