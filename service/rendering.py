"""Big pages drawn on a worker thread, so that the event loop keeps answering everyone else.

A badge sheet for thousands of people (a QR code each) or a long list takes seconds to build
and to render; done on the event loop it froze every other request (issue 11 §2: 17 s for
10,000 badges). ``render_off_loop`` renders a template exactly as Litestar's ``Template``
response would (same context: ``request``, ``csrf_token``), but on a thread. The context must be
built already: plain values and loaded rows only, nothing that reads the database.

A thread alone is not enough: while it renders it holds the GIL, and the event loop waited up
to Python's default switch interval (5 ms) at each of the many points a request hands the GIL
back, so /healthz still took 0.5 s during a 2,000-badge render. A shorter interval hands the
GIL to the loop sooner (measured: 45 ms extra instead of 480 ms; tests/reliability/test_big_pages.py).
"""

from __future__ import annotations

import sys
from typing import Any

import anyio.to_thread
from litestar import MediaType, Request, Response
from litestar.response import Template

GIL_SWITCH_INTERVAL_SECONDS = 0.0005
sys.setswitchinterval(GIL_SWITCH_INTERVAL_SECONDS)


async def render_off_loop(
    request: Request[Any, Any, Any], template_name: str, context: dict[str, Any], status_code: int = 200
) -> Response[str]:
    engine = request.app.template_engine
    if engine is None:  # pragma: no cover  (the app always configures one)
        raise RuntimeError("no template engine configured")
    full_context = Template(template_name, context=context).create_template_context(request)
    template = engine.get_template(template_name)
    html = await anyio.to_thread.run_sync(lambda: template.render(**full_context))
    return Response(html, status_code=status_code, media_type=MediaType.HTML)
