"""Big pages streamed, a slice at a time drawn on a worker thread, so that the event loop keeps
answering everyone else.

A badge sheet for thousands of people (a QR code each) or a long list takes seconds to build
and to render; done on the event loop it froze every other request (issue 11 §2: 17 s for
10,000 badges). Rendering the whole page on one thread was not enough either: the thread held
the GIL for long stretches (a garbage-collector pass over everything built so far, the final
join of a 45 MB page) and sending that page in one piece stalled the loop again, so /healthz
still waited up to half a second. ``stream_off_loop`` instead pulls the template's output
(Jinja renders lazily) on a worker thread until about ``CHUNK_CHARACTERS`` are ready, sends
them, and lets the loop run before the next slice. The page's data is drawn as the template
reaches it (e.g. ``service.printing.badges.BadgeSheets``), so memory stays flat too.

Everything that can fail for a reason other than a bug (reading the database, a bad option)
happens before the first byte: the context is built by the caller from loaded rows and plain
values only, and the first slice is rendered before the status line is sent, so such a failure
still gets its usual error page. Should drawing fail part-way anyway, the page ends with a
notice that it is incomplete and the connection is cut, so nobody prints half a page believing
it whole.

The shorter GIL switch interval hands the GIL from a rendering thread to the event loop sooner
(Python's default, 5 ms, at each of the many points a request hands it back, made /healthz wait
half a second during a 2,000-badge render; tests/reliability/test_big_pages.py).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio.to_thread
from litestar import MediaType, Request
from litestar.response import Stream, Template
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

GIL_SWITCH_INTERVAL_SECONDS = 0.0005
sys.setswitchinterval(GIL_SWITCH_INTERVAL_SECONDS)

# About 0.1 s of badge drawing: small enough that the loop gets a turn often, large enough that
# handing each slice between threads costs nothing measurable.
CHUNK_CHARACTERS = 256 * 1024
PIECES_PER_CHECK = 64  # template pieces are short strings: count characters every so often
INCOMPLETE_NOTICE = Markup(
    '</article></section></div><div class="container"><p class="notice error" role="alert">'
    "This page stopped before its end because of an error on the server, so part of it is missing. "
    "Do not print it: reload the page to try again.</p></div>"
)


async def stream_off_loop(
    request: Request[Any, Any, Any],
    session: AsyncSession,
    template_name: str,
    context: dict[str, Any],
    status_code: int = 200,
) -> Stream:
    """The template rendered as Litestar's ``Template`` response would (same context: ``request``,
    ``csrf_token``), streamed in slices drawn on a worker thread.

    The request's ``session`` commits and closes as the response starts, which would expire every
    row the context holds before most of the page is drawn: the rows are detached first, so they
    keep the values they were loaded with (the page only reads them)."""
    engine = request.app.template_engine
    if engine is None:  # pragma: no cover  (the app always configures one)
        raise RuntimeError("no template engine configured")
    full_context = Template(template_name, context=context).create_template_context(request)
    # The first use compiles the template (a badge sheet's takes ~30 ms): not on the event loop.
    template = await anyio.to_thread.run_sync(engine.get_template, template_name)
    pieces = template.generate(**full_context)  # lazy: nothing is drawn yet
    first = await anyio.to_thread.run_sync(next_slice, pieces)  # fails here: an ordinary error page
    await session.flush()  # anything the handler changed is still committed, though no longer tracked
    session.expunge_all()
    return Stream(the_rest(first, pieces), status_code=status_code, media_type=MediaType.HTML)


def next_slice(pieces: Iterator[str]) -> bytes:
    """The next ``CHUNK_CHARACTERS`` or so of the page, encoded; empty at its end."""
    taken: list[str] = []
    size = 0
    while size < CHUNK_CHARACTERS:
        batch = list(itertools.islice(pieces, PIECES_PER_CHECK))
        if not batch:
            break
        taken.extend(batch)
        size += sum(map(len, batch))
    return "".join(taken).encode()


async def the_rest(first: bytes, pieces: Iterator[str]) -> AsyncIterator[bytes]:
    chunk = first
    while chunk:
        yield chunk
        try:
            chunk = await anyio.to_thread.run_sync(next_slice, pieces)
        except Exception:
            yield INCOMPLETE_NOTICE.encode()
            raise  # logged with its traceback; the unfinished response tells the browser it is cut short
