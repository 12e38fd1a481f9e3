"""The "rounds" notice that every organiser action sends to the event's pages.

It carries the rounds' public state (``LiveRounds``: plan id, which round, the clock), so the
phones and the projector show a new moment from the notice alone; they re-read their section
only when the plan itself changed or they have not prepared the moment (the end of the event).
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec
from litestar.channels import ChannelsPlugin
from sqlalchemy.ext.asyncio import AsyncSession

from service.live import notify
from service.rounds.live_state import LiveRounds, live_rounds
from service.rounds.planning import ROUNDS_TOPIC
from service.rounds.store import clock_row, clock_state, published_seating


async def current_live_rounds(session: AsyncSession, event_id: UUID, now: datetime) -> LiveRounds:
    found = await published_seating(session, event_id)
    plan_id, total = (found[0], len(found[1])) if found is not None else ("", 0)
    return live_rounds(plan_id, total, clock_state(await clock_row(session, event_id)), now)


def announce_rounds(channels: ChannelsPlugin, event_id: UUID, live: LiveRounds) -> None:
    notify(channels, event_id, ROUNDS_TOPIC, **msgspec.to_builtins(live))
