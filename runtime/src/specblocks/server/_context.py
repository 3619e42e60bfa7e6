"""Everything a running server knows about its app, shared by the routers."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Request

from specblocks.server._config import FOOTER_LINKS
from specblocks.server._endpoints import EndpointTable, build_endpoints
from specblocks.server._files import FilePolicy
from specblocks.server._messages import CancelledOutput, ErrorOutput, ProcessCompleted
from specblocks.server._runner import Runner
from specblocks.server._sessions import SessionStore
from specblocks.server.queue import (
    BackendUnavailable,
    Event,
    MessageStreams,
    Queue,
    QueueBackend,
    local_backend,
    make_task_group_safe,
)

log = logging.getLogger("specblocks")

#: The answer to a join while the server shuts down.
SHUTTING_DOWN = "The server is shutting down: it accepts no new jobs. Try again in a moment."
#: The error of an accepted job the server could not finish before it stopped.
STOPPED_BEFORE_DONE = "The server shut down before this job finished."

if TYPE_CHECKING:
    from specblocks.app import Blocks
    from specblocks.server._auth import Auth


@dataclass
class Settings:
    """Launch settings the routes read."""

    show_error: bool = False
    max_file_size: int | None = None
    root_path: str = ""
    css: str | None = None
    js: str | None = None
    head: str | None = None
    api_open: bool = True  # False: queued endpoints cannot be run directly through /run
    favicon: str | None = None
    heartbeat: float = 15.0
    #: translations by locale (``launch(i18n=gr.I18n(...))``), sent in the config
    i18n: dict[str, dict[str, str]] | None = None
    #: the page footer's links, in order (``launch(footer_links=...)``)
    footer_links: list[str | dict[str, str]] = field(default_factory=lambda: [*FOOTER_LINKS])
    #: seconds a session survives without a heartbeat (a reconnecting client keeps its state)
    session_grace: float = 60.0
    #: most seconds a graceful shutdown (SIGTERM) waits for accepted jobs to finish
    shutdown_timeout: float = 30.0
    app_id: int = field(default_factory=lambda: secrets.randbits(63))


class ServerContext:
    """The app, its endpoints, the queue backend and the session stores of one server."""

    def __init__(
        self,
        app: Blocks,
        *,
        settings: Settings,
        auth: Auth | None,
        files: FilePolicy,
        backend: QueueBackend | None = None,
        state_session_capacity: int = 10_000,
        max_threads: int = 40,
        default_concurrency_limit: int | None = 1,
    ) -> None:
        self.app = app
        self.settings = settings
        self.auth = auth
        self.files = files
        self.endpoints = EndpointTable(build_endpoints(app.dependencies))
        backend = backend or local_backend(heartbeat=settings.heartbeat)
        self.sessions = SessionStore(
            state_session_capacity, shared=backend.states, on_delete=_delete_callbacks(app)
        )
        self.backend = backend
        self.queue: Queue = backend.queue
        self.streams: MessageStreams = backend.streams
        self.runner = Runner(
            self.endpoints,
            self.sessions,
            show_error=settings.show_error,
            max_threads=max_threads,
            default_concurrency_limit=default_concurrency_limit,
        )
        self.unload_functions: list[Callable[..., Any]] = list(getattr(app, "unload_functions", []))
        self._heartbeats: dict[str, int] = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closing = asyncio.Event()  # set when the server stops: open streams end
        #: set by a graceful shutdown: joins are refused, accepted jobs finish
        self.draining = False
        self._sweeper: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the queue workers, and the sweeper of sessions whose clients went away."""
        self.loop = asyncio.get_running_loop()
        await self.queue.start(self.runner.process, self.runner.limits)
        self._sweeper = asyncio.create_task(self._sweep_forever())

    async def _sweep_forever(self) -> None:
        """Drop the undelivered messages of sessions no client has read for the session grace.

        A client that joined and went away without reading its results (or reading all of
        them) would otherwise leave them buffered for good.
        """
        grace = self.settings.session_grace
        while True:
            await asyncio.sleep(min(max(grace / 2, 0.1), 10.0))
            await self.streams.sweep(grace)

    def end_streams(self) -> None:
        """End every open stream (heartbeats, queue streams) so the server can stop at once.

        Safe to call from any thread; does nothing before :meth:`start`.
        """
        loop = self.loop
        if loop is None or loop.is_closed():
            return

        def end() -> None:
            self.closing.set()
            self.streams.shutdown()

        loop.call_soon_threadsafe(end)

    async def stop(self) -> None:
        """Stop the queue workers and the sweeper."""
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        await self.queue.stop()
        await self.backend.aclose()

    async def drain(self, timeout: float, flush: float = 5.0) -> int:
        """Shut down gracefully; return how many jobs were ended unfinished.

        New jobs are refused; accepted ones may finish for at most ``timeout`` seconds; any
        still unfinished then ends with an error; open streams get up to ``flush`` seconds to
        deliver what they hold.
        """
        self.draining = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        await self.queue.pause()
        while await self.queue.owned() and loop.time() < deadline:
            await asyncio.sleep(0.05)
        ended = 0
        for session_hash, event_ids in sorted((await self.queue.owned()).items()):
            for event_id in sorted(event_ids):
                failure = ErrorOutput(error=STOPPED_BEFORE_DONE)
                self.streams.send(
                    session_hash,
                    ProcessCompleted(
                        event_id=event_id, output=failure, success=False, title="Error"
                    ),
                )
                with contextlib.suppress(BackendUnavailable):  # stop() cancels it then
                    await self.queue.cancel(event_id)  # its own end is dropped: it has ended
                ended += 1
        await self.streams.deliver_before_exit(flush)
        return ended

    async def resources(self) -> dict[str, int]:
        """What the server holds for its clients now (for leak checks and monitoring)."""
        return {
            "asyncio_tasks": len(asyncio.all_tasks()),
            "session_states": len(self.sessions),
            "heartbeat_sessions": len(self._heartbeats),
            "sessions_with_pending_events": len(await self.streams.pending_events()),
            "undelivered_messages": await self.streams.undelivered(),
            "pending_events": await self.queue.pending(),
            "unread_call_results": await self.streams.untaken_watches(),
        }

    def root_url(self, request: Request) -> str:
        """The app's public base URL as the client reached it (honours proxies and root_path)."""
        headers = request.headers
        scheme = headers.get("x-forwarded-proto", request.url.scheme).split(",")[0].strip()
        host = (
            headers.get("x-forwarded-host", headers.get("host", request.url.netloc))
            .split(",")[0]
            .strip()
        )
        return f"{scheme}://{host}{self.settings.root_path.rstrip('/')}"

    def session_connected(self, session_hash: str) -> None:
        """A heartbeat stream opened for the session."""
        self._heartbeats[session_hash] = self._heartbeats.get(session_hash, 0) + 1

    def session_disconnected(self, session_hash: str) -> None:
        """A heartbeat stream closed: the session ends unless it reconnects within the grace."""
        remaining = self._heartbeats.get(session_hash, 1) - 1
        if remaining > 0:
            self._heartbeats[session_hash] = remaining
            return
        self._heartbeats.pop(session_hash, None)

        async def close_later() -> None:
            await asyncio.sleep(self.settings.session_grace)
            if session_hash not in self._heartbeats:
                await self.close_session(session_hash)

        make_task_group_safe(close_later())

    async def cancel_event(self, session_hash: str, event_id: str) -> None:
        """Cancel one of the session's events; its stream always gets a (cancelled) completion."""
        if event_id not in await self.streams.pending(session_hash):
            return
        if await self.queue.cancel(event_id) == "waiting":
            self.streams.send(
                session_hash,
                ProcessCompleted(event_id=event_id, output=CancelledOutput(), success=True),
            )

    async def close_session(self, session_hash: str) -> None:
        """A client went away: cancel its pending work, run unload functions, drop its state."""
        for event_id in await self.streams.pending(session_hash):
            await self.cancel_event(session_hash, event_id)
        for fn in self.unload_functions:
            try:
                result = fn()
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("unload function %r failed", fn)
        await self.sessions.drop(session_hash)
        self.runner.media.drop_session(session_hash)

    def make_event(self, fn_index: int, data: list[Any], session_hash: str, **extra: Any) -> Event:
        """An event whose messages go to ``session_hash``'s stream."""
        event = Event(fn_index=fn_index, data=data, session_hash=session_hash, **extra)
        self.streams.register(session_hash, event.event_id)
        event.sink = lambda message: self.streams.send(session_hash, message)
        return event


def _delete_callbacks(app: Blocks) -> dict[int, Callable[[Any], Any]]:
    """Each State's ``delete_callback``, by block id."""
    callbacks = {}
    for block in list(app.blocks.values()):
        callback = getattr(block, "delete_callback", None)
        if callable(callback) and type(block).__name__ == "State":
            callbacks[block._id] = callback
    return callbacks


async def context(request: Request) -> ServerContext:
    """FastAPI dependency: the server context of the app handling ``request``.

    ``async`` on purpose: FastAPI runs a plain ``def`` dependency in a worker thread, which
    cost a thread round trip on every request.
    """
    ctx: ServerContext = request.app.state.specblocks
    return ctx
