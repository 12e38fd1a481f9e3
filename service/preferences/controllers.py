"""Preference pages. Attendees (under their secret link): ``POST /a/{token}/mark/{other_id}``
with ``choice`` = meet, know, skip or clear. Organisers: ``GET/POST /o/{token}/rules``."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from service.attendees.services import attendee_by_token
from service.dependencies import AnyRequest, DbSession, OrganiserEvent, organiser_event_dependency
from service.events import links
from service.forms import form_text
from service.preferences import hooks, services
from service.preferences.forms import parse_rules, rules_form_values, rules_values

hooks.register()  # the attendee page lists the people to mark (idempotent)


class AttendeeMarksController(Controller):
    path = "/a/{token:str}"
    include_in_schema = False

    @post("/mark/{other_id:str}")
    async def mark(
        self, token: FromPath[str], other_id: FromPath[str], request: AnyRequest, db_session: DbSession
    ) -> Redirect:
        viewer = await attendee_by_token(db_session, token)
        choice = form_text(await request.form(), "choice")
        await services.set_mark(db_session, viewer, other_id, choice)
        path = links.attendee_path(viewer)
        await db_session.commit()
        return Redirect(f"{path}?marked=1#suggest-{other_id}", status_code=303)


class OrganiserRulesController(Controller):
    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/rules")
    async def rules_form(self, event: OrganiserEvent, saved: FromQuery[str] = "") -> Template:
        context = {"event": event, "values": rules_values(event), "errors": {}, "saved": saved == "1"}
        return Template("preferences/rules.html", context=context)

    @post("/rules")
    async def save_rules(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession
    ) -> Template | Redirect:
        values = rules_form_values(await request.form())
        rules, errors = parse_rules(values)
        if rules is None:
            context = {"event": event, "values": values, "errors": errors, "saved": False}
            return Template("preferences/rules.html", context=context, status_code=400)
        event.avoid_same_organisation = rules.avoid_same_organisation
        event.roles = rules.roles
        event.role_rules = rules.role_rules
        path = links.organiser_path(event)
        await db_session.commit()
        return Redirect(f"{path}/rules?saved=1", status_code=303)
