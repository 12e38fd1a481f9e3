"""What an attendee tells us about themselves, once checked and tidied."""

from __future__ import annotations

import msgspec


class ProfileInput(msgspec.Struct, frozen=True, kw_only=True):
    display_name: str
    pronouns: str = ""
    affiliation: str = ""
    interests: list[str] = msgspec.field(default_factory=list)
    offers: list[str] = msgspec.field(default_factory=list)
    seeks: list[str] = msgspec.field(default_factory=list)
    contact: str = ""
    share_contact: bool = False
