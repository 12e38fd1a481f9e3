"""Reading many rows without holding up the event loop.

Turning thousands of rows into objects happens on the event loop (SQLAlchemy's async session
runs its row processing there): 10,000 attendees took 300-500 ms, during which no other request
was answered (issue 11 §2). Streamed in chunks, the loop answers others between chunks.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Row, Select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")
LOAD_CHUNK = 100  # about 5 ms of the loop's time per chunk of attendees


async def scalars_in_chunks(session: AsyncSession, query: Select[tuple[T]]) -> list[T]:
    """``list(await session.scalars(query))``, streamed in chunks."""
    result = await session.stream_scalars(query.execution_options(yield_per=LOAD_CHUNK))
    found: list[T] = []
    async for chunk in result.partitions(LOAD_CHUNK):
        found.extend(chunk)
    return found


async def rows_in_chunks(session: AsyncSession, query: Select[Any]) -> list[Row[Any]]:
    """Plain rows through the session's connection (no ORM objects), streamed in chunks."""
    connection = await session.connection()
    result = await connection.stream(query.execution_options(yield_per=LOAD_CHUNK))
    found: list[Row[Any]] = []
    async for chunk in result.partitions(LOAD_CHUNK):
        found.extend(chunk)
    return found
