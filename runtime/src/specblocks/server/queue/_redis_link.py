"""One connection to the Redis a shared backend keeps its queue, messages and states in.

redis-py's asyncio client belongs to the event loop it was made in: :class:`RedisLink` makes
it on first use in the running loop (a server has one loop; a test suite makes many) and
turns an unreachable Redis into :class:`~specblocks.server.queue.BackendUnavailable`, which
the server answers with 503 while it lasts (redis-py reconnects on the next command).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator

from specblocks.server.queue._base import BackendUnavailable

try:
    import redis.asyncio as aioredis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import NoScriptError, RedisError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError as exc:  # pragma: no cover - the extra is missing
    raise ImportError(
        "The Redis backend needs the `redis` package: pip install 'specblocks[redis]'"
    ) from exc

log = logging.getLogger("specblocks")

#: Seconds between two warnings of the same failure.
WARN_EVERY = 10.0

#: What an unreachable (or restarting) Redis raises.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

__all__ = ["UNREACHABLE", "NoScriptError", "RedisError", "RedisLink"]


class RedisLink:
    """The client, key names and scripts of one backend.

    Args:
        url: ``redis://host:port/db`` (or ``rediss://``, ``unix://``).
        prefix: Put before every key, so that several apps can share one Redis.
        max_connections: Most connections this process opens (each open stream holds one
            while it waits for messages).
    """

    def __init__(self, url: str, prefix: str = "specblocks:", max_connections: int = 256) -> None:
        self.url = url
        self.prefix = prefix
        self.max_connections = max_connections
        self._warned: dict[str, float] = {}
        self._client: aioredis.Redis | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def key(self, *parts: str) -> str:
        """The full name of a key: the prefix, then ``parts`` joined by ``:``."""
        return self.prefix + ":".join(parts)

    @property
    def client(self) -> aioredis.Redis:
        """The client of the running loop (made on first use in it)."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            # a blocking pool: a burst waits for a free connection instead of failing
            pool = aioredis.BlockingConnectionPool.from_url(
                self.url,
                max_connections=self.max_connections,
                timeout=30,
                protocol=2,
                socket_connect_timeout=2.0,
                socket_timeout=10.0,
                health_check_interval=15,
            )
            self._client = aioredis.Redis.from_pool(pool)  # closes the pool with the client
            self._loop = loop
        return self._client

    def warn(self, what: str, exc: BaseException) -> None:
        """Log that ``what`` failed, at most once every :data:`WARN_EVERY` seconds per ``what``.

        An outage makes every loop fail every half second; the log says so, not that often.
        """
        now = time.monotonic()
        if now - self._warned.get(what, -WARN_EVERY) >= WARN_EVERY:
            self._warned[what] = now
            log.warning("%s (Redis at %s): %s", what, self.where, exc)

    def unavailable(self, exc: BaseException) -> BackendUnavailable:
        """The error a request gets while Redis cannot be reached."""
        return BackendUnavailable(
            f"The queue's Redis ({self.where}) cannot be reached: {exc}. Try again in a moment."
        )

    @property
    def where(self) -> str:
        """The Redis address without its password."""
        rest = self.url.split("@")[-1]
        scheme = self.url.split("://", 1)[0]
        return rest if "://" in rest else f"{scheme}://{rest}"

    @contextlib.asynccontextmanager
    async def reachable(self) -> AsyncIterator[None]:
        """Run the block's commands; an unreachable Redis becomes BackendUnavailable."""
        try:
            yield
        except UNREACHABLE as exc:
            raise self.unavailable(exc) from None

    async def aclose(self) -> None:
        """Close the client (its connections) if it belongs to the running loop."""
        client, self._client = self._client, None
        if client is not None and self._loop is asyncio.get_running_loop():
            with contextlib.suppress(RedisError, *UNREACHABLE):
                await client.aclose()
