"""Privacy pages: public cards (/p), new secret links, deleting data, and the event's retention."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.datastructures import Cookie
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from service.attendees import services as attendees
from service.attendees.cookies import cookie_name
from service.db.models import Event
from service.dependencies import (
    AnyRequest,
    AppSettings,
    Channels,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.events import links
from service.forms import FieldErrors, clean_line, form_checked, form_text
from service.live import notify
from service.privacy.cards import attendee_by_public_code, is_own_badge, issue_new_secret_link, public_card
from service.privacy.erasure import compact_after_erasure, erase_attendees, erase_event
from service.privacy.forms import RETENTION_FIELD, parse_retention_days, retention_value
from service.privacy.retention import deletion_due_at
from service.qr import qr_svg
from service.rounds import planning

# Pages that answer differently for the owner's phone, or show a secret link, are never cached.
PRIVATE = {"cache-control": "no-store", "vary": "Cookie"}


class PublicCardController(Controller):
    """What a badge's QR code opens: the wearer's public card, or their own page on their own phone."""

    path = "/p/{code:str}"
    include_in_schema = False

    @get("/")
    async def card(self, code: FromPath[str], request: AnyRequest, db_session: DbSession) -> Template | Redirect:
        attendee = await attendee_by_public_code(db_session, code)
        event = await attendees.event_of(db_session, attendee)
        if is_own_badge(request, event, attendee):
            return Redirect(links.attendee_path(attendee), status_code=303, headers=PRIVATE)
        context = {"card": public_card(event, attendee), "checkin_path": links.checkin_path(event)}
        return Template("privacy/public_card.html", context=context, headers=PRIVATE)


def forget_me_cookies(event: Event) -> list[Cookie]:
    """Expire the phone's check-in cookie, where it lives now and where older versions put it."""
    return [
        Cookie(key=cookie_name(event), value="", path=path, max_age=0, httponly=True, samesite="lax")
        for path in ("/", links.checkin_path(event))
    ]


class AttendeeDeletionController(Controller):
    path = "/a/{token:str}/delete"
    include_in_schema = False

    @get("/")
    async def confirm(self, token: FromPath[str], db_session: DbSession) -> Template:
        attendee = await attendees.attendee_by_token(db_session, token)
        event = await attendees.event_of(db_session, attendee)
        return self._confirm_page(event, attendee, None)

    @post("/")
    async def delete(
        self, token: FromPath[str], request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template:
        attendee = await attendees.attendee_by_token(db_session, token)
        event = await attendees.event_of(db_session, attendee)
        if not form_checked(await request.form(), "confirm"):
            return self._confirm_page(event, attendee, "Tick the box to confirm that you want your data deleted.")
        # Read before the commit, which expires the loaded rows.
        event_id, event_name, checkin_path, cookies = (
            event.id,
            event.name,
            links.checkin_path(event),
            forget_me_cookies(event),
        )
        await erase_attendees(db_session, event_id, [attendee.id])
        await compact_after_erasure(db_session)
        notify(channels, event_id, "attendees")
        return Template(
            "privacy/attendee_deleted.html",
            context={"event_name": event_name, "checkin_path": checkin_path},
            cookies=cookies,
            headers=PRIVATE,
        )

    @staticmethod
    def _confirm_page(event: Event, attendee: Any, problem: str | None) -> Template:
        return Template(
            "privacy/attendee_delete.html",
            context={"event": event, "attendee": attendee, "problem": problem},
            status_code=400 if problem else 200,
            headers=PRIVATE,
        )


class OrganiserPrivacyController(Controller):
    """The organiser's privacy tools: new secret links, retention, deleting the event."""

    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @post("/attendees/{attendee_id:str}/new-link")
    async def new_link(self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession) -> Redirect:
        attendee = await attendees.attendee_in_event(db_session, event, attendee_id)
        await issue_new_secret_link(db_session, attendee)
        path = f"{links.organiser_path(event)}/attendees/{attendee.id}/link?new=1"
        await db_session.commit()
        return Redirect(path, status_code=303)

    @get("/attendees/{attendee_id:str}/link")
    async def show_link(
        self,
        attendee_id: FromPath[str],
        event: OrganiserEvent,
        db_session: DbSession,
        settings: AppSettings,
        new: FromQuery[str] = "",
    ) -> Template:
        attendee = await attendees.attendee_in_event(db_session, event, attendee_id)
        url = links.attendee_url(settings, attendee)
        context = {
            "event": event,
            "attendee": attendee,
            "url": url,
            "qr": qr_svg(url, label=f"QR code of {attendee.display_name}'s own page"),
            "is_new": new == "1",
        }
        return Template("privacy/attendee_link.html", context=context, headers=PRIVATE)

    @get("/privacy")
    async def privacy_page(self, event: OrganiserEvent, saved: FromQuery[str] = "") -> Template:
        return privacy_page(event, {RETENTION_FIELD: retention_value(event.retention_days)}, {}, saved=saved == "1")

    @post("/privacy")
    async def save_retention(self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession) -> Any:
        raw = form_text(await request.form(), RETENTION_FIELD)
        errors: FieldErrors = {}
        days = parse_retention_days(errors, raw)
        if errors:
            return privacy_page(event, {RETENTION_FIELD: raw}, errors)
        event.retention_days = days
        path = links.organiser_path(event) + "/privacy?saved=1"
        await db_session.commit()
        return Redirect(path, status_code=303)

    @post("/delete")
    async def delete_event(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Template:
        typed = clean_line(form_text(await request.form(), "confirm_name"))
        values = {RETENTION_FIELD: retention_value(event.retention_days), "confirm_name": typed}
        if typed.casefold() != clean_line(event.name).casefold():
            message = "Type the event's name exactly as shown to confirm. Nothing was deleted."
            return privacy_page(event, values, {"confirm_name": message})
        job = planning.running_job(event.id)
        if job is not None:  # a plan being made would otherwise be stored for a deleted event
            job.stop_requested.set()
        event_id, event_name = event.id, event.name
        await erase_event(db_session, event)
        await compact_after_erasure(db_session)
        notify(channels, event_id, "event")
        return Template("privacy/event_deleted.html", context={"event_name": event_name}, headers=PRIVATE)


def privacy_page(event: Event, values: dict[str, str], errors: FieldErrors, *, saved: bool = False) -> Template:
    context = {
        "event": event,
        "values": values,
        "errors": errors,
        "saved": saved,
        "due_at": deletion_due_at(event),
    }
    return Template("privacy/organiser.html", context=context, status_code=400 if errors else 200, headers=PRIVATE)
