"""Per-session state: values of ``State`` components, with capacity eviction and TTL."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from specblocks.app._outputs import is_update


@dataclass
class _Entry:
    value: Any
    updated: float
    ttl: float | None
    on_delete: Callable[[Any], Any] | None


@dataclass
class SessionState:
    """The state values of one browser session (or API client session), by block id."""

    entries: dict[int, _Entry] = field(default_factory=dict)
    last_seen: float = field(default_factory=time.monotonic)
    #: Properties set by ``update(...)`` outputs, by block id (e.g. new Dropdown choices).
    props: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: The blocks as this session sees them (their updates applied), made when first needed.
    views: dict[int, Any] = field(default_factory=dict)
    #: What each ``@render`` region last built for this session, by region id.
    renders: dict[int, Any] = field(default_factory=dict)
    #: Run when the session ends (e.g. to drop the listeners its renderings attached).
    on_clear: list[Callable[[], None]] = field(default_factory=list)

    def update_props(self, block_id: int, changes: dict[str, Any]) -> None:
        """Remember properties an event set on a block for this session."""
        stored = self.props.setdefault(block_id, {})
        for key, value in changes.items():
            before = stored.get(key)
            if is_update(value) and isinstance(before, dict) and is_update(before):
                stored[key] = {**before, **value}  # a nested update adds to the earlier one
            else:
                stored[key] = value
        self.views.pop(block_id, None)

    def get(self, block_id: int, default: Callable[[], Any]) -> Any:
        """The value for ``block_id``; ``default()`` (a fresh copy) when unset or expired."""
        entry = self.entries.get(block_id)
        now = time.monotonic()
        if entry is not None and entry.ttl is not None and now - entry.updated > entry.ttl:
            self._delete(block_id)
            entry = None
        if entry is None:
            return default()
        return entry.value

    def set(
        self,
        block_id: int,
        value: Any,
        ttl: float | None = None,
        on_delete: Callable[[Any], Any] | None = None,
    ) -> None:
        """Store ``value`` for ``block_id``."""
        self.entries[block_id] = _Entry(value, time.monotonic(), ttl, on_delete)

    def _delete(self, block_id: int) -> None:
        entry = self.entries.pop(block_id, None)
        if entry is not None and entry.on_delete is not None:
            entry.on_delete(entry.value)

    def clear(self) -> None:
        """Drop every value, running delete callbacks."""
        for block_id in list(self.entries):
            self._delete(block_id)
        self.props.clear()
        self.views.clear()
        callbacks, self.on_clear = self.on_clear, []
        for callback in callbacks:
            callback()


class SessionStore:
    """Sessions by session hash, least recently used evicted past ``capacity``."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._sessions: OrderedDict[str, SessionState] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._sessions)

    def __contains__(self, session_hash: object) -> bool:
        return session_hash in self._sessions

    def session(self, session_hash: str) -> SessionState:
        """The session for ``session_hash``, created when new; marks it as recently used."""
        with self._lock:
            state = self._sessions.get(session_hash)
            if state is None:
                state = self._sessions[session_hash] = SessionState()
            else:
                self._sessions.move_to_end(session_hash)
            state.last_seen = time.monotonic()
            evicted = []
            while len(self._sessions) > self.capacity:
                _, old = self._sessions.popitem(last=False)
                evicted.append(old)
        for old in evicted:
            old.clear()
        return state

    def close(self, session_hash: str) -> None:
        """Forget a session (its page was closed), running delete callbacks."""
        with self._lock:
            state = self._sessions.pop(session_hash, None)
        if state is not None:
            state.clear()
