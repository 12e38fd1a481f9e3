"""The published schedule as CSV: one row per table per round, with the names of the people there."""

from __future__ import annotations

from collections.abc import Iterable

import anyio.to_thread
from litestar import Controller, Response, get

from service.db.models import Attendee, Event
from service.dependencies import DbSession, OrganiserEvent, organiser_event_dependency
from service.domain_errors import UserFacingError
from service.imports.export import CSV_MEDIA_TYPE, csv_response_headers, spreadsheet_csv
from service.rounds import store
from service.rounds.seating import Seating, table_sort_key

SCHEDULE_COLUMNS = ("round", "table", "people")
REMOVED_NAME = "(removed)"  # someone deleted after the round: the table's history stays


def schedule_rows(seating: Seating, attendees: Iterable[Attendee]) -> list[tuple[int, str, str]]:
    names = {str(person.id): person.display_name for person in attendees}
    rows = []
    for round_index, tables in enumerate(seating):
        for table in sorted(tables, key=lambda t: table_sort_key(t.label)):
            people = sorted((names.get(m, REMOVED_NAME) for m in table.members), key=str.casefold)
            rows.append((round_index + 1, table.label, "; ".join(people)))
    return rows


async def schedule_csv(session: DbSession, event: Event) -> bytes:
    published = await store.published_seating(session, event.id)
    if published is None:
        raise UserFacingError(detail="There is no schedule yet: plan the rounds and publish the plan first.")
    _plan_id, seating = published
    people = await store.event_attendees(session, event.id)
    # Thousands of rows for a big event: off the event loop.
    return await anyio.to_thread.run_sync(lambda: spreadsheet_csv(SCHEDULE_COLUMNS, schedule_rows(seating, people)))


class ScheduleExportController(Controller):
    path = "/o/{token:str}/rounds"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/schedule.csv")
    async def schedule(self, event: OrganiserEvent, db_session: DbSession) -> Response[bytes]:
        return Response(
            await schedule_csv(db_session, event),
            media_type=CSV_MEDIA_TYPE,
            headers=csv_response_headers(event.name, "schedule"),
        )
