"""Live updates: one channel per event, streamed to browsers as Server-Sent Events.

Messages are small notices ("the attendee list changed"), or carry public state that a page
can show as it is (the rounds' clock, see ``service.rounds.notices``); otherwise pages react by
fetching the current state. A page that reconnects after a drop catches up by itself: it is
sent a ``connected`` notice first and re-reads everything.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator
from typing import Any
from uuid import UUID

from litestar.channels import ChannelsPlugin
from litestar.response import ServerSentEvent, ServerSentEventMessage

HEARTBEAT_SECONDS = 15
RECONNECT_MILLISECONDS = 2000


def event_channel(event_id: UUID) -> str:
    return f"event:{event_id}"


def notify(channels: ChannelsPlugin, event_id: UUID, topic: str, **data: Any) -> None:
    """Tell every open page of this event that ``topic`` changed."""
    channels.publish({"topic": topic, **data}, event_channel(event_id))


def event_stream(channels: ChannelsPlugin, event_id: UUID) -> ServerSentEvent:
    return ServerSentEvent(_stream(channels, event_channel(event_id)), retry_duration=RECONNECT_MILLISECONDS)


async def _stream(channels: ChannelsPlugin, channel: str) -> AsyncGenerator[ServerSentEventMessage, None]:
    inbox: asyncio.Queue[bytes] = asyncio.Queue()

    async def deliver(message: bytes) -> None:
        await inbox.put(message)

    async with channels.start_subscription(channel) as subscriber, subscriber.run_in_background(deliver, join=False):
        yield ServerSentEventMessage(data=json.dumps({"topic": "connected"}))
        while True:
            try:
                message = await asyncio.wait_for(inbox.get(), timeout=HEARTBEAT_SECONDS)
            except TimeoutError:
                # A comment line keeps proxies and phones from closing an idle connection.
                yield ServerSentEventMessage(comment="keep-alive")
                continue
            yield ServerSentEventMessage(data=message.decode())
