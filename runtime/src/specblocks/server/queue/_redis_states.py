"""Session values in Redis: one hash per session (``st:<session>``), kept a day after last use."""

from __future__ import annotations

from typing import Any

from specblocks.server.queue._base import SharedStates
from specblocks.server.queue._redis_link import RedisLink

#: Seconds a session's values outlive its last event.
KEPT_FOR = 86_400


class RedisStates(SharedStates):
    """The values of every session, shared by the processes on one Redis."""

    def __init__(self, link: RedisLink) -> None:
        self.link = link

    async def load(self, session_hash: str) -> dict[str, bytes]:
        """Every stored value of the session, by name."""
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
