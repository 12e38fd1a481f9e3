"""The organiser's attendee list in and out (/o/{token}/import, /o/{token}/export.csv). Thin:
reading files, choosing columns and matching people live in this package (``pages``)."""

from __future__ import annotations

import anyio.to_thread
from litestar import Controller, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Redirect, Template

from service.attendees import services as attendees
from service.attendees.actions import announce_attendee_change
from service.dependencies import (
    AnyRequest,
    AppSettings,
    Channels,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.events import links
from service.imports import pages
from service.imports.export import CSV_MEDIA_TYPE, attachment_disposition, export_csv
from service.imports.reading import MAX_IMPORT_BYTES
from service.middleware.bodies import FORM_BODY_BYTES

IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + FORM_BODY_BYTES  # the file plus the form around it
# The preview form carries the file back, base64-encoded (4 bytes for every 3), with the choices.
IMPORT_CONFIRM_BODY_BYTES = MAX_IMPORT_BYTES * 4 // 3 + FORM_BODY_BYTES


class OrganiserImportController(Controller):
    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/import")
    async def import_form(self, event: OrganiserEvent, request: AnyRequest) -> Template:
        return pages.upload_page(event, result=pages.result_from_query(request.query_params))

    @post("/import", request_max_body_size=IMPORT_BODY_BYTES)
    async def preview_import(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, settings: AppSettings
    ) -> Template:
        """Nothing is stored yet: the organiser sees what the file holds and chooses the columns."""
        upload = (await request.form()).get("file")
        data = await upload.read(MAX_IMPORT_BYTES + 1) if isinstance(upload, UploadFile) else b""
        return await pages.preview_page(db_session, event, settings.secret_key, data)

    @post("/import/confirm", request_max_body_size=IMPORT_CONFIRM_BODY_BYTES)
    async def confirm_import(
        self,
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: Channels,
        settings: AppSettings,
    ) -> Template | Redirect:
        form = await request.form()
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
        if fields.get("step") != "import":  # "Update preview" after changing a column choice
            data = pages.sealed_upload(settings.secret_key, event, fields)
            if isinstance(data, Template):
                return data
            return await pages.preview_page(db_session, event, settings.secret_key, data, fields)
        outcome = await pages.confirm_import(db_session, event, settings.secret_key, fields)
        if isinstance(outcome, Template):
            return outcome
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(f"{path}/import?{outcome.query()}", status_code=303)

    @get("/export.csv")
    async def export(self, event: OrganiserEvent, db_session: DbSession) -> Response[bytes]:
        people = await attendees.list_attendees(db_session, event)
        people.sort(key=lambda person: person.display_name.casefold())
        return Response(
            await anyio.to_thread.run_sync(export_csv, people),  # a big event's file: off the event loop
            media_type=CSV_MEDIA_TYPE,
            headers={"content-disposition": attachment_disposition(event.name), "cache-control": "no-store"},
        )
