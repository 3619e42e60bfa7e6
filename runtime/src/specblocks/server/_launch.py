"""Starting and stopping the server of a Blocks app."""

from __future__ import annotations

import gc
import os
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from specblocks._files import default_cache
from specblocks.server._app import create_app
from specblocks.server._auth import Auth
from specblocks.server._context import ServerContext, Settings
from specblocks.server._files import FilePolicy
from specblocks.server._local_queue import LocalQueue

if TYPE_CHECKING:
    from specblocks._blocks import Blocks
    from specblocks.components._generated.blocks import LaunchOptions, QueueOptions

DEFAULT_PORT = 7860
PORT_RANGE = 100
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}  # fmt: skip


def parse_size(value: str | int | None) -> int | None:
    """``"5mb"`` → 5_000_000; ints pass through; None means no limit."""
    if value is None or isinstance(value, int):
        return value
    match = _SIZE.match(value)
    if match is None:
        raise ValueError(f"max_file_size {value!r} is not a size like 10, '5mb' or '2 GiB'")
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower()])


def _env_list(name: str) -> list[str]:
    raw = os.environ.get(name, "")
    return [p for p in raw.split(",") if p.strip()]


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


def _concurrency(queue: QueueOptions | None) -> int | None:
    raw: Any = queue.default_concurrency_limit if queue is not None else "not_set"
    if raw == "not_set":
        env = os.environ.get("GRADIO_DEFAULT_CONCURRENCY_LIMIT")
        if env is None:
            return 1
        return None if env.lower() == "none" else int(env)
    return None if raw is None else int(raw)


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
class RunningServer:
    """A uvicorn server running in a background thread."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str
    context: ServerContext

    def close(self) -> None:
        """End open streams, stop serving and wait for the thread."""
        self.context.end_streams()
        self.server.should_exit = True
        self.thread.join(timeout=10)


def build_context(app: Blocks, options: LaunchOptions) -> ServerContext:
    """The server context for ``app`` under ``options`` and the app's queue settings."""
    queue = app.queue_options
    auth = None
    if options.auth is not None or options.auth_dependency is not None:
        auth = Auth(options.auth, options.auth_message, options.auth_dependency)
    settings = Settings(
        show_error=options.show_error or bool(os.environ.get("GRADIO_DEBUG")),
        max_file_size=parse_size(options.max_file_size),
        root_path=options.root_path or os.environ.get("GRADIO_ROOT_PATH", ""),
        css=options.css,
        js=options.js if isinstance(options.js, str) else None,
        head=options.head,
        api_open=queue.api_open is not False if queue is not None else True,
        favicon=str(options.favicon_path) if options.favicon_path else None,
        heartbeat=float(os.environ.get("GRADIO_HEARTBEAT_INTERVAL", "15")),
    )
    files = FilePolicy(
        default_cache(),
        allowed_paths=[*(options.allowed_paths or []), *_env_list("GRADIO_ALLOWED_PATHS")],
        blocked_paths=[*(options.blocked_paths or []), *_env_list("GRADIO_BLOCKED_PATHS")],
    )
    status_rate: Any = queue.status_update_rate if queue is not None else "auto"
    return ServerContext(
        app,
        settings=settings,
        auth=auth,
        files=files,
        queue=LocalQueue(
            max_size=queue.max_size if queue is not None else None,
            status_update_rate=status_rate,
        ),
        state_session_capacity=options.state_session_capacity,
        max_threads=options.max_threads,
        default_concurrency_limit=_concurrency(queue),
    )


def build_fastapi(app: Blocks, options: LaunchOptions) -> FastAPI:
    """The ASGI app for ``app`` (what ``launch`` serves; mount it to serve it yourself)."""
    api = create_app(build_context(app, options), options.app_kwargs)
    if options.strict_cors:
        api.add_middleware(
            CORSMiddleware,
            allow_origin_regex=r"^https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$",
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    else:
        api.add_middleware(
            CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"]
        )
    return api


def serve(app: Blocks, options: LaunchOptions) -> tuple[FastAPI, RunningServer]:
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
    return api, RunningServer(server, thread, url, api.state.specblocks)
