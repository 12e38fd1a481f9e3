"""Rate limits on the public forms (check-in, new event), with Litestar's own rate-limit middleware.

What "per client" means here: the network address the request comes from, as uvicorn reports it
(it takes ``X-Forwarded-For`` only from a trusted proxy: 127.0.0.1 by default, see
``FORWARDED_ALLOW_IPS``). IPv6 addresses count per /64, the block one household or phone gets,
so that rotating addresses inside it does not buy a fresh budget. At a venue everyone on the
Wi-Fi shares one public address behind NAT, so a client's limit is sized for a whole room (300
people checking in within one minute still pass); a script flooding one event from one address is
cut off after that. Each event also has a limit of its own, above any real crowd, which caps what
a flood from many addresses can add to one event.

A request over a limit gets a 429 page saying how long to wait; nothing is stored.

Where the counts live: in the process by default. With ``MINGLE_REDIS_URL`` set (several worker
processes, which share live updates through Redis already) they live in Redis, so that every
worker sees one count; with a count per process each worker would add a budget of its own.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import anyio
from litestar import Request
from litestar.exceptions import TooManyRequestsException
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.rate_limit import CacheObject, DurationUnit, RateLimitConfig, RateLimitMiddleware
from litestar.stores.base import Store
from litestar.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from redis.asyncio.lock import Lock

AnyRequest = Request[Any, Any, Any]
CHECKIN = frozenset({("POST", "/c/{code}")})
NEW_EVENT = frozenset({("POST", "/")})
# One tap per meeting and Keep in touch: a person answers a few meetings a minute at most.
ATTENDEE_ACTIONS = frozenset(
    {("POST", "/a/{token}/keep/{partner_id}"), ("POST", "/a/{token}/met/{partner_id}/rounds/{round_number}")}
)


def client_network(request: AnyRequest) -> str:
    """The client's address; for IPv6, its /64 network."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def checkin_event(request: AnyRequest) -> str:
    return str(request.path_params.get("code", ""))


def attendee_link(request: AnyRequest) -> str:
    return str(request.path_params.get("token", ""))


@dataclass(frozen=True)
class Limit:
    name: str
    routes: frozenset[tuple[str, str]]  # (method, Litestar path template)
    per: DurationUnit
    requests: int
    identify: Callable[[AnyRequest], str]
    who: str  # for the 429 page: whose budget ran out ("from your network", "to this event")


LIMITS = (
    Limit("checkin-client-minute", CHECKIN, "minute", 300, client_network, "from your network"),
    Limit("checkin-client-hour", CHECKIN, "hour", 2000, client_network, "from your network"),
    Limit("checkin-event-minute", CHECKIN, "minute", 600, checkin_event, "to this event"),
    Limit("new-event-client-minute", NEW_EVENT, "minute", 30, client_network, "from your network"),
    Limit("new-event-client-hour", NEW_EVENT, "hour", 200, client_network, "from your network"),
    Limit("attendee-actions-minute", ATTENDEE_ACTIONS, "minute", 60, attendee_link, "from your page"),
)


@dataclass
class WhoseRateLimitConfig(RateLimitConfig):
    """Litestar's config, plus whose budget it is (for the 429 page)."""

    who: str = "from your network"


class FriendlyRateLimitMiddleware(RateLimitMiddleware):
    """Litestar's middleware, with a 429 that tells the person what happened and when to retry, and
    a lock that holds across worker processes when the counts are in Redis."""

    def __init__(self, app: ASGIApp, config: RateLimitConfig) -> None:
        super().__init__(app, config)
        self.count_lock = CountLock()
        self._lock = self.count_lock  # type: ignore[assignment]  # Litestar's lock around reading and writing a count

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.count_lock.shared is None:  # the first request: the store is known now
            store = self.config.get_store_from_app(scope["litestar_app"])
            if isinstance(store, SharesItsLock):
                self.count_lock.shared = store.lock()
        try:
            await super().__call__(scope, receive, send)
        except TooMany:
            raise  # an inner limit's, already explained
        except TooManyRequestsException as error:
            headers = error.headers or {}
            seconds = int(headers.get(self.config.rate_limit_reset_header_key, "60"))
            raise TooMany(self.wait_message(seconds), headers) from None

    def wait_message(self, seconds: int) -> str:
        wait = f"{max(1, seconds)} seconds" if seconds < 120 else f"{-(-seconds // 60)} minutes"
        who = getattr(self.config, "who", "from your network")
        return (
            f"Too many forms were sent {who} in a short time, so this one was not saved. "
            f"Please wait {wait} and send it again."
        )

    def create_response_headers(self, cache_object: CacheObject) -> dict[str, str]:
        headers = super().create_response_headers(cache_object)
        if len(cache_object.history) >= self.max_requests:
            headers["Retry-After"] = headers[self.config.rate_limit_reset_header_key]
        return headers


class TooMany(TooManyRequestsException):
    user_facing = True

    def __init__(self, message: str, headers: dict[str, str]) -> None:
        super().__init__(detail=message, headers=headers)


@runtime_checkable
class SharesItsLock(Protocol):
    """A store whose counts several worker processes share, with the lock they take around them
    (``service.middleware.redis_counts``)."""

    def lock(self) -> Lock: ...


class CountLock:
    """Litestar's in-process lock, then (with Redis) the lock shared by every worker."""

    def __init__(self) -> None:
        self.local = anyio.Lock()
        self.shared: Lock | None = None

    async def __aenter__(self) -> None:
        await self.local.acquire()
        try:
            if self.shared is not None and not await self.shared.acquire():
                raise TimeoutError("the rate-limit lock in Redis was not released in time")
        except BaseException:
            self.local.release()
            raise

    async def __aexit__(self, *_: object) -> None:
        try:
            if self.shared is not None:
                await self.shared.release()
        finally:
            self.local.release()


def limited_middleware(limit: Limit) -> DefineMiddleware:
    def applies(request: AnyRequest) -> bool:
        return (request.method, request.scope.get("path_template", "")) in limit.routes

    config = WhoseRateLimitConfig(
        rate_limit=(limit.per, limit.requests),
        identifier_for_request=limit.identify,
        check_throttle_handler=applies,
        middleware_class=FriendlyRateLimitMiddleware,
        store=store_name(limit),
        who=limit.who,
    )
    return config.middleware


def rate_limit_middleware() -> list[DefineMiddleware]:
    return [limited_middleware(limit) for limit in LIMITS]


def store_name(limit: Limit) -> str:
    return f"rate-limit-{limit.name}"


def rate_limit_stores(redis_url: str | None) -> dict[str, Store]:
    """Each limit's counts in a namespace of their own in Redis (identifiers repeat across limits),
    or none (Litestar then keeps them in memory)."""
    if not redis_url:
        return {}
    # Only with Redis configured: the Redis client is an optional dependency (``.[redis]``).
    from service.middleware.redis_counts import shared_stores

    return shared_stores(redis_url, [store_name(limit) for limit in LIMITS])
