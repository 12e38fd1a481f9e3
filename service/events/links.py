"""Absolute links to an event's pages (for QR codes, printouts and the command line)."""

from __future__ import annotations

from ipaddress import ip_address
from urllib.parse import urlsplit

from service.db.models import Attendee, Event
from service.settings import Settings


def organiser_path(event: Event) -> str:
    return f"/o/{event.organiser_token}"


def checkin_path(event: Event) -> str:
    return f"/c/{event.checkin_code}"


def screen_path(event: Event) -> str:
    return f"/s/{event.screen_code}"


def attendee_path(attendee: Attendee) -> str:
    return f"/a/{attendee.token}"


def public_card_path(attendee: Attendee) -> str:
    """The least-privilege link printed on badges: the wearer's public card, never their page."""
    return f"/p/{attendee.public_code}"


def organiser_url(settings: Settings, event: Event) -> str:
    return settings.base_url + organiser_path(event)


def checkin_url(settings: Settings, event: Event) -> str:
    return settings.base_url + checkin_path(event)


def screen_url(settings: Settings, event: Event) -> str:
    return settings.base_url + screen_path(event)


def attendee_url(settings: Settings, attendee: Attendee) -> str:
    return settings.base_url + attendee_path(attendee)


def public_card_url(settings: Settings, attendee: Attendee) -> str:
    return settings.base_url + public_card_path(attendee)


def is_loopback_url(url: str) -> bool:
    """Whether links to ``url`` only open on this machine (127.0.0.1, ::1, localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False
