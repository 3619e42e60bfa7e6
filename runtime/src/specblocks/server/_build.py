"""Building the server of a Blocks app from its launch and queue options."""

from __future__ import annotations

import hashlib
import os
import re
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from specblocks.core._files import default_cache
from specblocks.core._i18n import I18n
from specblocks.server._app import create_app
from specblocks.server._auth import Auth
from specblocks.server._config import FOOTER_LINKS
from specblocks.server._context import ServerContext, Settings
from specblocks.server._files import FilePolicy
from specblocks.server.queue import QueueBackend, local_backend, redis_backend

if TYPE_CHECKING:
    from specblocks._generated.blocks import LaunchOptions, QueueOptions
    from specblocks.app import Blocks

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b)?\s*$", re.IGNORECASE)
# As Gradio counts them: a "kb" is 1024 bytes ("kib" is accepted too).
_UNITS = {"": 1, "b": 1, "kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}  # fmt: skip


def parse_size(value: str | int | None) -> int | None:
    """``"5mb"`` → 5_242_880 (units of 1024, as Gradio); ints pass through; None: no limit."""
    if value is None or isinstance(value, int):
        return value
    match = _SIZE.match(value)
    if match is None:
        raise ValueError(f"max_file_size {value!r} is not a size like 10, '5mb' or '2 GiB'")
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower()])


def _env_list(name: str) -> list[str]:
    raw = os.environ.get(name, "")
    return [p for p in raw.split(",") if p.strip()]


def _env_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise ValueError(f"{name}={raw!r} is not a number of seconds (0 or more)")
    return seconds


def _concurrency(queue: QueueOptions | None) -> int | None:
    raw: Any = queue.default_concurrency_limit if queue is not None else "not_set"
    if raw == "not_set":
        env = os.environ.get("GRADIO_DEFAULT_CONCURRENCY_LIMIT")
        if env is None:
            return 1
        return None if env.lower() == "none" else int(env)
    return None if raw is None else int(raw)


def _translations(i18n: Any) -> dict[str, dict[str, str]] | None:
    """The translations of ``launch(i18n=...)``.

    Raises:
        TypeError: It is not a ``gr.I18n``.
    """
    if i18n is None:
        return None
    if not isinstance(i18n, I18n):
        raise TypeError(
            f"launch(i18n=...) takes translations made with gr.I18n(en={{...}}, ...), "
            f"got {type(i18n).__name__}"
        )
    return i18n.translations_dict


def _footer_links(given: Any) -> list[str | dict[str, str]]:
    """``launch(footer_links=...)`` checked: named links and ``{"label", "url"}`` links."""
    if given is None:
        return list(FOOTER_LINKS)
    if not isinstance(given, (list, tuple)):
        raise TypeError(
            f"launch(footer_links=...) takes a list of links, not {type(given).__name__}."
        )
    links: list[str | dict[str, str]] = []
    for index, link in enumerate(given):
        if isinstance(link, str) and link in FOOTER_LINKS:
            links.append(link)
        elif (
            isinstance(link, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in link.items())
            and {"label", "url"} <= link.keys()
        ):
            links.append(dict(link))
        else:
            raise ValueError(
                f"launch(footer_links=...): entry {index} is {link!r}; each link is one of "
                f"{', '.join(repr(n) for n in FOOTER_LINKS)} or a dict with a 'label' and a "
                "'url'."
            )
    return links


def app_fingerprint(app: Blocks) -> str:
    """A short digest of the app's listeners: the same in every process serving this app.

    Made of each listener's position, API name, function and input and output kinds, so two
    different apps sharing a Redis keep apart while the replicas of one app share their queue.
    """
    lines = []
    for index, dep in enumerate(app.dependencies):
        fn = dep.fn
        name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', '')}" if fn else ""
        kinds = [type(b).__name__ for b in dep.inputs], [type(b).__name__ for b in dep.outputs]
        lines.append(f"{index} {getattr(dep.options, 'api_name', None)} {name} {kinds}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]


def _backend(app: Blocks, queue: Any, heartbeat: float) -> QueueBackend:
    """The queue backend: Redis when ``SPECBLOCKS_REDIS_URL`` is set, else in-process.

    Keys in Redis start with ``SPECBLOCKS_REDIS_PREFIX`` (default ``specblocks:``) and the
    app's :func:`app_fingerprint`.
    """
    options: dict[str, Any] = {
        "max_size": queue.max_size if queue is not None else None,
        "status_update_rate": queue.status_update_rate if queue is not None else "auto",
        "heartbeat": heartbeat,
        "close_grace": _env_seconds("SPECBLOCKS_STREAM_CLOSE_GRACE", 0.0),
        "close_timeout": _env_seconds("SPECBLOCKS_STREAM_CLOSE_TIMEOUT", 10.0),
    }
    url = os.environ.get("SPECBLOCKS_REDIS_URL", "").strip()
    if url:
        prefix = os.environ.get("SPECBLOCKS_REDIS_PREFIX", "").strip() or "specblocks:"
        try:
            return redis_backend(
                url,
                prefix=f"{prefix}{app_fingerprint(app)}:",
                process_timeout=_env_seconds("SPECBLOCKS_PROCESS_TIMEOUT", 10.0),
                **options,
            )
        except ValueError as exc:
            raise ValueError(f"SPECBLOCKS_REDIS_URL: {exc}") from None
    return local_backend(**options)


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
        i18n=_translations(options.i18n),
        footer_links=_footer_links(options.footer_links),
        shutdown_timeout=_env_seconds("SPECBLOCKS_SHUTDOWN_TIMEOUT", 30.0),
        session_grace=_env_seconds("SPECBLOCKS_SESSION_GRACE", 60.0),
    )
    files = FilePolicy(
        default_cache(),
        allowed_paths=[*(options.allowed_paths or []), *_env_list("GRADIO_ALLOWED_PATHS")],
        blocked_paths=[*(options.blocked_paths or []), *_env_list("GRADIO_BLOCKED_PATHS")],
    )
    return ServerContext(
        app,
        settings=settings,
        auth=auth,
        files=files,
        backend=_backend(app, queue, settings.heartbeat),
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
