"""An event's settings, once checked."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec


class EventInput(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    starts_at: datetime | None = None
    venue: str = ""
    format: Literal["pairs", "tables"] = "pairs"
    table_min: int = 2
    table_max: int = 2
    rounds_count: int = 5
    round_minutes: int = 8
    retention_days: int | None = None  # delete the people's data this many days after the event
