"""The queue's message stream: one ``GET P/queue/data`` reader per session, shared by its jobs.

The server sends every message of a session's queued events on one server-sent event stream;
each message names its ``event_id``. :class:`SessionStream` reads that stream in a thread and
hands each message to the job that registered the event id. Messages that arrive before their
job registered (the join response and the stream race) wait in a buffer.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from specblocks_client._http import Http, interrupt

Message = dict[str, Any]
Handler = Callable[[Message], None]

#: The synthetic message a handler gets when the stream fails for all pending events.
STREAM_FAILED = "__stream_failed__"
#: Reconnections without any message for a pending event before the pending events fail.
MAX_IDLE_RECONNECTS = 3


def iter_events(lines: Iterator[str]) -> Iterator[str]:
    """The ``data`` payloads of the server-sent events in ``lines``.

    Fields other than ``data`` are ignored; several ``data:`` lines of one event are joined
    with newlines.
    """
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield "\n".join(data)
                data = []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        if field == "data":
            data.append(value[1:] if value.startswith(" ") else value)
    if data:
        yield "\n".join(data)


def failure(message: str) -> Message:
    """The message handed to pending handlers when the stream cannot deliver their events."""
    return {"msg": STREAM_FAILED, "event_id": None, "message": message}


class SessionStream:
    """Reads ``P/queue/data?session_hash=...`` while the session has pending events.

    Args:
        http: The app's requests.
        session_hash: The session whose events this stream carries.
    """

    def __init__(self, http: Http, session_hash: str) -> None:
        self._http = http
        self.session_hash = session_hash
        self._lock = threading.Lock()
        self._handlers: dict[str, Handler] = {}
        self._early: dict[str, list[Message]] = {}
        self._thread: threading.Thread | None = None
        self._response: httpx.Response | None = None
        self._closed = False

    def register(self, event_id: str, handler: Handler) -> None:
        """Send the messages of ``event_id`` to ``handler``, from the reader thread.

        Messages that already arrived are sent first; the stream is opened if it is not open.
        """
        with self._lock:
            if self._closed:
                handler(failure("the client is closed"))
                return
            self._handlers[event_id] = handler
            for message in self._early.pop(event_id, []):
                self._deliver(event_id, message)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="specblocks-client-queue-stream", daemon=True
                )
                self._thread.start()

    def unregister(self, event_id: str) -> None:
        """Stop delivering messages of ``event_id`` (a job that gave up waiting)."""
        with self._lock:
            self._handlers.pop(event_id, None)

    def close(self, timeout: float = 5.0) -> None:
        """Break the stream, fail the pending events and wait for the reader to end."""
        with self._lock:
            self._closed = True
            thread = self._thread
            if self._response is not None:
                interrupt(self._response)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _deliver(self, event_id: str, message: Message) -> None:
        # Called with the lock held. A completed event is no longer pending.
        handler = self._handlers.get(event_id)
        if handler is None:
            self._early.setdefault(event_id, []).append(message)
            return
        if message.get("msg") in ("process_completed", "unexpected_error"):
            del self._handlers[event_id]
        handler(message)

    def _fail_all(self, reason: str) -> None:
        # Called with the lock held.
        handlers, self._handlers = self._handlers, {}
        self._early.clear()
        for handler in handlers.values():
            handler(failure(reason))

    def _run(self) -> None:
        idle_reconnects = 0
        while True:
            progressed, error = self._read_once()
            with self._lock:
                self._response = None
                if self._closed:
                    self._fail_all("the client was closed")
                elif error is not None:
                    self._fail_all(error)
                elif self._handlers:
                    # The server closed the stream, but some events are still pending (they were
                    # joined after it decided to close): read again.
                    idle_reconnects = 0 if progressed else idle_reconnects + 1
                    if idle_reconnects < MAX_IDLE_RECONNECTS:
                        continue
                    self._fail_all("the server stopped sending the job's messages")
                self._early.clear()
                self._thread = None
                return

    def _read_once(self) -> tuple[bool, str | None]:
        """Read the stream until the server closes it.

        Returns:
            Whether a pending event got a message, and why the stream failed (``None``: it
            ended normally).
        """
        progressed = False
        try:
            with self._http.stream(
                self._http.api("/queue/data"), params={"session_hash": self.session_hash}
            ) as response:
                if not response.is_success:
                    response.read()
                    return False, f"GET /queue/data failed: HTTP {response.status_code}"
                with self._lock:
                    if self._closed:
                        return False, None
                    self._response = response
                for payload in iter_events(response.iter_lines()):
                    message = json.loads(payload)
                    if not isinstance(message, dict):
                        continue
                    kind = message.get("msg")
                    event_id = message.get("event_id")
                    if kind == "close_stream":
                        return progressed, None
                    if kind == "unexpected_error" and event_id is None:
                        return progressed, str(message.get("message") or "unexpected error")
                    if isinstance(event_id, str):
                        with self._lock:
                            progressed = progressed or event_id in self._handlers
                            self._deliver(event_id, message)
        except (httpx.HTTPError, json.JSONDecodeError) as exc:
            return progressed, f"the queue stream broke: {exc}"
        return progressed, None
