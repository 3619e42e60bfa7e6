"""Per-session state: values of ``State`` components, with capacity eviction and TTL.

With a shared backend (:class:`~specblocks.server.queue.SharedStates`, e.g. Redis) a session's
``State`` values and the properties updates set are also stored there, pickled: an event
loads them before it runs (:meth:`SessionStore.load`) and stores what it changed after
(:meth:`SessionStore.save`), so the next event of the session sees them in any process.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from specblocks.app._outputs import is_update
from specblocks.server.queue import SharedStates


class StateNotStorable(Exception):  # noqa: N818 - reads as the problem it reports
    """A session value cannot be pickled for the shared store."""

    def __init__(self, block_id: int, value: Any, reason: BaseException) -> None:
        super().__init__(f"{type(value).__name__} value: {reason}")
        self.block_id = block_id
        self.value = value
        self.reason = reason


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
    #: block ids whose value (``"v"``) or properties (``"p"``) changed since the last save
    dirty: set[tuple[str, int]] = field(default_factory=set)

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
        self.dirty.add(("p", block_id))

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
        self.dirty.add(("v", block_id))

    def _delete(self, block_id: int) -> None:
        entry = self.entries.pop(block_id, None)
        self.dirty.add(("v", block_id))
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
    """Sessions by session hash, least recently used evicted past ``capacity``.

    Args:
        capacity: Most sessions kept in this process.
        shared: Where every process keeps the sessions' values (None: here only).
        on_delete: A State's ``delete_callback`` by block id, for values loaded from
            ``shared`` (set by another process).
    """

    def __init__(
        self,
        capacity: int = 10_000,
        shared: SharedStates | None = None,
        on_delete: dict[int, Callable[[Any], Any]] | None = None,
    ) -> None:
        self.capacity = capacity
        self.shared = shared
        self.on_delete = on_delete or {}
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

    # -- the shared store ---------------------------------------------------------------
    async def load(self, session_hash: str) -> SessionState:
        """The session, with the values the shared store holds for it (as any process left them)."""
        state = self.session(session_hash)
        if self.shared is None:
            return state
        stored = await self.shared.load(session_hash)
        now_wall, now = time.time(), time.monotonic()
        # values changed here and not yet saved (an event of the session still running) stay
        values = {b: e for b, e in state.entries.items() if ("v", b) in state.dirty}
        expired: list[str] = []
        for name, raw in stored.items():
            kind, _, number = name.partition(":")
            block_id = int(number)
            if (kind, block_id) in state.dirty:
                continue
            if kind == "p":
                props = pickle.loads(raw)  # written by this app's processes only
                if state.props.get(block_id) != props:
                    state.props[block_id] = props
                    state.views.pop(block_id, None)
            elif kind == "v":
                value, ttl, saved = pickle.loads(raw)
                on_delete = self.on_delete.get(block_id)
                if ttl is not None and now_wall - saved > ttl:
                    expired.append(name)
                    if on_delete is not None:
                        on_delete(value)
                    continue
                values[block_id] = _Entry(value, now - (now_wall - saved), ttl, on_delete)
        state.entries = values  # the store's values, and this process's unsaved ones
        gone = [b for b in state.props if f"p:{b}" not in stored and ("p", b) not in state.dirty]
        for block_id in gone:
            del state.props[block_id]
            state.views.pop(block_id, None)
        if expired:
            await self.shared.save(session_hash, {}, expired)
        return state

    async def save(self, session_hash: str) -> None:
        """Store what events changed in the session since it was loaded.

        Raises:
            StateNotStorable: A changed value cannot be pickled (nothing is stored then).
        """
        if self.shared is None:
            return
        state = self.session(session_hash)
        if not state.dirty:
            return
        now_wall, now = time.time(), time.monotonic()
        changed: dict[str, bytes] = {}
        removed: list[str] = []
        for kind, block_id in sorted(state.dirty):
            name = f"{kind}:{block_id}"
            if kind == "p":
                value: Any = state.props.get(block_id)
                if value is None:
                    removed.append(name)
                    continue
            else:
                entry = state.entries.get(block_id)
                if entry is None:
                    removed.append(name)
                    continue
                value = (entry.value, entry.ttl, now_wall - (now - entry.updated))
            try:
                changed[name] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # any pickling failure names the value
                state.dirty.clear()
                stored = value[0] if kind == "v" else value
                raise StateNotStorable(block_id, stored, exc) from exc
        state.dirty.clear()
        await self.shared.save(session_hash, changed, removed)

    async def drop(self, session_hash: str) -> None:
        """End the session everywhere: its values' delete callbacks run, then they are gone."""
        if self.shared is not None:
            await self.load(session_hash)
        self.close(session_hash)
        if self.shared is not None:
            await self.shared.drop(session_hash)
