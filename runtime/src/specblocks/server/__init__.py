"""Layer 4, the server: a FastAPI app speaking Gradio's HTTP + SSE protocol for one app.

What lives here: the application factory (``_app``) and its routers (``routes/``, one module
per route group), the server context every route reads (``_context``), building both from the
launch options (``_build``), the endpoint table and API info, the runner that calls listener
functions for queued events (``_runner``), the wire messages (``_messages``), sessions, file
access rules, auth, the page, and the queue package (``queue/``: interfaces and backends).

May import: the app layer and everything below it. Nothing here starts a process or a
thread: the entry layer (:mod:`specblocks.launch`) serves what :func:`build_fastapi` builds.
"""

from __future__ import annotations

from specblocks.server._app import create_app
from specblocks.server._build import build_context, build_fastapi, parse_size
from specblocks.server._context import ServerContext, Settings

__all__ = [
    "ServerContext",
    "Settings",
    "build_context",
    "build_fastapi",
    "create_app",
    "parse_size",
]
