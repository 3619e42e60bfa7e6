"""Serving an app with uvicorn in a background thread: what ``Blocks.launch()`` runs."""

from __future__ import annotations

import asyncio
import gc
import os
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import uvicorn
from fastapi import FastAPI

from specblocks.server import ServerContext, build_fastapi

if TYPE_CHECKING:
    from specblocks._generated.blocks import LaunchOptions
    from specblocks.app import Blocks

DEFAULT_PORT = 7860
PORT_RANGE = 100


def _free_port(host: str, start: int) -> int:
    for port in range(start, start + PORT_RANGE):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return port
    raise OSError(f"no free port in {start}-{start + PORT_RANGE - 1} on {host}")


def _freeze_startup_heap() -> None:
    """Move everything alive at the first launch (modules, the app) out of the cyclic GC.

    Under load the collector's full (generation 2) passes scan the whole heap; with the
    imports of a typical app that is ~100k objects, and each pass paused every request for
    50-100 ms. Frozen objects are still freed by reference counting; only cycles among them
    are never collected, so this runs once per process.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()


@dataclass
class ThreadedServer:
    """A uvicorn server in a background thread (a :class:`~specblocks.app.RunningServer`)."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str
    asgi_app: FastAPI

    @property
    def context(self) -> ServerContext:
        """The server context: the app, its endpoints, queue backend and sessions."""
        ctx: ServerContext = self.asgi_app.state.specblocks
        return ctx

    def is_running(self) -> bool:
        """Whether the server thread still serves."""
        return self.thread.is_alive()

    def close(self) -> None:
        """End open streams, stop serving and wait for the thread."""
        self.context.end_streams()
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def drain(self) -> int:
        """Shut down gracefully (what SIGTERM does), then close.

        New jobs are refused with HTTP 503; accepted ones finish, for at most
        ``SPECBLOCKS_SHUTDOWN_TIMEOUT`` seconds (30 by default), and reach their clients; any
        still unfinished then ends with an error. Returns how many ended so.
        """
        ctx = self.context
        ended = 0
        if ctx.loop is not None and not ctx.loop.is_closed() and self.is_running():
            done = asyncio.run_coroutine_threadsafe(
                ctx.drain(ctx.settings.shutdown_timeout), ctx.loop
            )
            ended = done.result(timeout=ctx.settings.shutdown_timeout + 30)
        self.close()
        return ended


def serve(app: Blocks, options: LaunchOptions) -> ThreadedServer:
    """Start serving ``app`` in a background thread; return once it accepts connections."""
    if options.share:
        raise ValueError(
            "share links need a relay service and are not supported; serve the app yourself"
        )
    host = options.server_name or os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1")
    env_port = os.environ.get("GRADIO_SERVER_PORT")
    if options.server_port is not None:
        port = options.server_port
    elif env_port:
        port = int(env_port)
    else:
        port = _free_port(host, DEFAULT_PORT)
    api = build_fastapi(app, options)
    _freeze_startup_heap()
    config = uvicorn.Config(
        api,
        host=host,
        port=port,
        log_level="warning",
        ssl_keyfile=options.ssl_keyfile,
        ssl_certfile=options.ssl_certfile,
        ssl_keyfile_password=options.ssl_keyfile_password,
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="specblocks-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive():
            raise OSError(f"the server could not start on {host}:{port}")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise TimeoutError(f"the server did not start on {host}:{port} within 30 s")
        time.sleep(0.01)
    scheme = "https" if options.ssl_certfile else "http"
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    url = f"{scheme}://{shown_host}:{port}/"
    return ThreadedServer(server, thread, url, api)
