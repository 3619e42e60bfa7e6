"""The queue: where events wait, run within their limits, and send messages to their sessions.

- :mod:`._base` — the interfaces: :class:`Event` (one call of one dependency),
  :class:`Limits` (its ``concurrency_id``, limit and batching), :class:`Queue` (enqueue with
  :class:`QueueFull` at submit time, cancel, what is pending, start and stop),
  :class:`MessageStreams` (every message of an event — estimation, progress, generating,
  completed — to its session's one stream, until the session has nothing pending) and
  :class:`QueueBackend` (one of each).
- :mod:`._local` and :mod:`._streams` — the in-process backend, the embedded default.

The routes, the runner and the server context use only the interfaces. A new backend (Redis,
say) implements :class:`Queue` and :class:`MessageStreams` in its own module here, and
:func:`local_backend` gets a sibling that builds it from the launch settings.

May import: :mod:`specblocks.server._messages` (the wire messages) and the standard library.
"""

from __future__ import annotations

from typing import Literal

from specblocks.server.queue._base import (
    CLOSE_FRAME,
    BackendUnavailable,
    DurationStats,
    Event,
    Limits,
    MessageStreams,
    Processor,
    Queue,
    QueueBackend,
    QueueFull,
    SharedStates,
    Watch,
    make_task_group_safe,
)
from specblocks.server.queue._local import LocalQueue
from specblocks.server.queue._streams import SessionStreams


def local_backend(
    *,
    max_size: int | None = None,
    status_update_rate: float | Literal["auto"] = "auto",
    heartbeat: float = 15.0,
    close_grace: float = 0.0,
    close_timeout: float = 10.0,
) -> QueueBackend:
    """The in-process backend: a :class:`LocalQueue` and :class:`SessionStreams`.

    Args:
        max_size: Most events that may wait at once (None: unbounded).
        status_update_rate: "auto" sends waiting events their rank whenever the queue moves;
            a number sends updates every that many seconds instead.
        heartbeat: Seconds of silence on a session's stream after which a heartbeat is sent.
        close_grace: Seconds a drained session stream waits for a new join before it closes.
        close_timeout: Most seconds a closing stream waits for its client to disconnect.
    """
    return QueueBackend(
        queue=LocalQueue(max_size=max_size, status_update_rate=status_update_rate),
        streams=SessionStreams(heartbeat, close_grace, close_timeout),
    )


#: How the URL of the Redis backend starts.
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def redis_backend(
    url: str,
    *,
    prefix: str = "specblocks:",
    max_size: int | None = None,
    status_update_rate: float | Literal["auto"] = "auto",
    heartbeat: float = 15.0,
    close_grace: float = 0.0,
    close_timeout: float = 10.0,
    max_running: int = 128,
    process_timeout: float = 10.0,
) -> QueueBackend:
    """The shared backend: queue, limits and session messages in the Redis at ``url``.

    Every server process given the same ``url`` and ``prefix`` shares one queue (any process
    may accept an event, any may run it), one set of concurrency limits and ``max_size``, and
    every session's messages (the client may stream them from any process) and session values
    (``State``, properties set by updates). Needs the
    ``redis`` package (``pip install 'specblocks[redis]'``).

    Raises:
        ValueError: ``url`` is not a Redis URL.

    Args:
        url: ``redis://host:port/db``.
        prefix: Put before every key: one prefix per app sharing a Redis.
        max_size: Most events that may wait at once, across all processes (None: unbounded).
        status_update_rate: As for :func:`local_backend`.
        heartbeat: Seconds of silence on a session's stream after which a heartbeat is sent.
        close_grace: Seconds a drained session stream waits for a new join before it closes.
        close_timeout: Most seconds a closing stream waits for its client to disconnect.
        max_running: Most events one process runs at once (the rest wait for any process).
        process_timeout: Seconds after which a process that stopped saying it runs is taken
            as gone: its running events end with an error, their slots are freed.

    Raises:
        ValueError: ``url`` is not a Redis URL.
    """
    from specblocks.server.queue._redis_link import RedisLink
    from specblocks.server.queue._redis_queue import RedisQueue
    from specblocks.server.queue._redis_states import RedisStates
    from specblocks.server.queue._redis_streams import RedisStreams

    if not url.startswith(REDIS_SCHEMES):
        raise ValueError(
            f"Redis URL {url!r}: expected one starting with {', '.join(REDIS_SCHEMES)}"
        )
    link = RedisLink(url, prefix)
    streams = RedisStreams(link, heartbeat, close_grace, close_timeout)
    states = RedisStates(link, streams)
    queue = RedisQueue(
        link,
        streams,
        states,
        max_size=max_size,
        status_update_rate=status_update_rate,
        max_running=max_running,
        process_timeout=process_timeout,
    )
    return QueueBackend(queue=queue, streams=streams, states=states)


__all__ = [
    "CLOSE_FRAME",
    "REDIS_SCHEMES",
    "BackendUnavailable",
    "DurationStats",
    "Event",
    "Limits",
    "LocalQueue",
    "MessageStreams",
    "Processor",
    "Queue",
    "QueueBackend",
    "QueueFull",
    "SessionStreams",
    "SharedStates",
    "Watch",
    "local_backend",
    "make_task_group_safe",
    "redis_backend",
]
