"""Follow-up pages. Attendees (under their secret link): the "people I met" list with Keep in
touch and one-tap answers, their vCards and CSV. Organisers: the event's report.

``POST /a/{viewer_token}/keep/{partner_id}`` (``keep=1`` or ``keep=0``, with the CSRF token) is
the Keep in touch button wherever it appears, a person's public badge card included: it takes
the viewer's own secret token and the other person's attendee id, and works for anyone at the
same event (people who were not seated together both have to press).
"""

from __future__ import annotations

import anyio.to_thread
from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from service.attendees.services import attendee_by_token, event_of
from service.db.models import Attendee
from service.dependencies import AnyRequest, DbSession, OrganiserEvent, organiser_event_dependency
from service.followup import hooks, services
from service.followup.charts import report_charts
from service.followup.exports import download, meetings_csv, people_met_csv
from service.followup.forms import parse_feedback, parse_keep
from service.followup.meetings import meetings_of
from service.followup.people import people_met, shared_contact
from service.followup.report import build_report
from service.followup.vcards import VCARD_MEDIA_TYPE, vcard_text, vcards_text
from service.forms import form_text

hooks.register()  # the attendee page and the dashboard show the follow-up (idempotent)


def back_to(viewer: Attendee, back: str, partner_id: str) -> str:
    """Where a form returns: the attendee's page or their people-met list, at that person."""
    anchor = f"#p-{partner_id}"
    return f"/a/{viewer.token}{anchor}" if back == "page" else f"/a/{viewer.token}/met{anchor}"


class AttendeeFollowupController(Controller):
    path = "/a/{token:str}"
    include_in_schema = False

    @get("/met")
    async def met_page(self, token: FromPath[str], db_session: DbSession) -> Template:
        viewer = await attendee_by_token(db_session, token)
        event = await event_of(db_session, viewer)
        context = {"event": event, "attendee": viewer, "met": await people_met(db_session, event, viewer)}
        return Template("followup/people_met.html", context=context)

    @get("/met/section")
    async def met_section(self, token: FromPath[str], db_session: DbSession) -> Template:
        """The attendee page's section alone, which the page reads again when a round moves on."""
        viewer = await attendee_by_token(db_session, token)
        event = await event_of(db_session, viewer)
        context = {"event": event, "attendee": viewer, "followup_met": await people_met(db_session, event, viewer)}
        return Template("followup/_attendee_section_body.html", context=context)

    @get("/met.csv")
    async def met_csv(self, token: FromPath[str], db_session: DbSession) -> Response[str]:
        viewer = await attendee_by_token(db_session, token)
        met = await people_met(db_session, await event_of(db_session, viewer), viewer)
        return download(people_met_csv(met.people), "text/csv; charset=utf-8", "people-i-met.csv")

    @get("/met.vcf")
    async def all_vcards(self, token: FromPath[str], db_session: DbSession) -> Response[str]:
        viewer = await attendee_by_token(db_session, token)
        event = await event_of(db_session, viewer)
        met = await people_met(db_session, event, viewer)
        cards = vcards_text(shared_contact(event, person) for person in met.connected)
        return download(cards, VCARD_MEDIA_TYPE, "keep-in-touch.vcf")

    @get("/met/{partner_id:str}/contact.vcf")
    async def one_vcard(self, token: FromPath[str], partner_id: FromPath[str], db_session: DbSession) -> Response[str]:
        viewer = await attendee_by_token(db_session, token)
        event = await event_of(db_session, viewer)
        met = await people_met(db_session, event, viewer)
        person = next((p for p in met.connected if p.partner_id == partner_id), None)
        if person is None:  # not connected (yet): the same answer as for someone unknown
            raise NotFoundException()
        return download(vcard_text(shared_contact(event, person)), VCARD_MEDIA_TYPE, "contact.vcf")

    @post("/keep/{partner_id:str}")
    async def keep_in_touch(
        self, token: FromPath[str], partner_id: FromPath[str], request: AnyRequest, db_session: DbSession
    ) -> Redirect:
        viewer = await attendee_by_token(db_session, token)
        partner = await services.partner_in_event(db_session, viewer, partner_id)
        form = await request.form()
        await services.set_keep(db_session, viewer, partner, parse_keep(form))
        target = back_to(viewer, form_text(form, "back"), partner_id)
        await db_session.commit()
        return Redirect(target, status_code=303)

    @post("/met/{partner_id:str}/rounds/{round_number:int}")
    async def answer(
        self,
        token: FromPath[str],
        partner_id: FromPath[str],
        round_number: FromPath[int],
        request: AnyRequest,
        db_session: DbSession,
    ) -> Redirect:
        viewer = await attendee_by_token(db_session, token)
        event = await event_of(db_session, viewer)
        meeting = services.held_meeting(await meetings_of(db_session, event, str(viewer.id)), partner_id, round_number)
        form = await request.form()
        await services.save_feedback(db_session, viewer, meeting, parse_feedback(form))
        target = back_to(viewer, form_text(form, "back"), partner_id)
        await db_session.commit()
        return Redirect(target, status_code=303)


class OrganiserReportController(Controller):
    """The event's report under the organiser's secret link (the page prints as it is)."""

    path = "/o/{token:str}/report"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/")
    async def report_page(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        report = await build_report(db_session, event)
        return Template(
            "followup/report.html", context={"event": event, "report": report, "charts": report_charts(report)}
        )

    @get("/meetings.csv")
    async def meetings_export(self, event: OrganiserEvent, db_session: DbSession) -> Response[str]:
        report = await build_report(db_session, event, with_meetings=True)
        body = await anyio.to_thread.run_sync(meetings_csv, report.meetings)  # thousands of rows: off the loop
        return download(body, "text/csv; charset=utf-8", "meetings.csv")
