"""Session values in Redis: one hash per session (``st:<session>``), kept a day after last use."""

from __future__ import annotations

from typing import Any

from specblocks.server.queue._base import SharedStates
from specblocks.server.queue._redis_link import RedisLink
from specblocks.server.queue._redis_streams import RedisStreams

#: Seconds a session's values outlive its last event.
KEPT_FOR = 86_400


class RedisStates(SharedStates):
    """The values of every session, shared by the processes on one Redis."""

    def __init__(self, link: RedisLink, streams: RedisStreams | None = None) -> None:
        self.link = link
        self.streams = streams
        #: values read with the claim of an event about to run, by session
        self._prefetched: dict[str, list[bytes]] = {}

    def prefetched(self, session_hash: str, flat: list[bytes]) -> None:
        """The session's values as the claim of its event read them (``HGETALL``'s list)."""
        self._prefetched[session_hash] = flat

    def forget_prefetched(self, session_hash: str) -> None:
        """The event ran (or never will): its prefetched values are no longer needed."""
        self._prefetched.pop(session_hash, None)

    async def load(self, session_hash: str) -> dict[str, bytes]:
        """Every stored value of the session, by name."""
        ready = self._prefetched.pop(session_hash, None)
        if ready is not None:
            return {n.decode(): v for n, v in zip(ready[::2], ready[1::2], strict=True)}
        if self.streams is not None:  # in the ordered pipeline of the session's messages
            flat: Any = await self.streams.call("load", session_hash)
            pairs = zip(flat[::2], flat[1::2], strict=True)
            return {name.decode(): value for name, value in pairs}
        async with self.link.reachable():
            found: Any = await self.link.client.hgetall(self.link.key("st", session_hash))
        return {name.decode(): value for name, value in found.items()}

    async def save(self, session_hash: str, changed: dict[str, bytes], removed: list[str]) -> None:
        """Store ``changed`` and delete ``removed`` (one round trip)."""
        key = self.link.key("st", session_hash)
        async with self.link.reachable():
            pipe = self.link.client.pipeline(transaction=True)
            if removed:
                pipe.hdel(key, *removed)
            if changed:
                pipe.hset(key, mapping=changed)  # type: ignore[arg-type]
            pipe.expire(key, KEPT_FOR)
            await pipe.execute()

    async def drop(self, session_hash: str) -> None:
        """Delete every value of the session."""
        async with self.link.reachable():
            await self.link.client.delete(self.link.key("st", session_hash))
