"""Where the API info comes from: a running app's URL, or an app launched in this process."""

from __future__ import annotations

import importlib
import importlib.util
import json
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

#: The route of the API info under an app's URL.
INFO_ROUTE = "/gradio_api/info"
TIMEOUT = 30.0


class SourceError(RuntimeError):
    """The API info could not be loaded."""


def fetch_info(url: str, timeout: float = TIMEOUT) -> dict[str, Any]:
    """The API info of the app at ``url`` (``GET {url}/gradio_api/info``).

    Raises:
        SourceError: The app cannot be reached or did not answer with a JSON object.
    """
    target = url.rstrip("/") + INFO_ROUTE
    if not target.startswith(("http://", "https://")):
        raise SourceError(f"{url!r} is not an http(s):// URL")
    try:
        with urllib.request.urlopen(target, timeout=timeout) as response:
            body = json.loads(response.read())
    except (OSError, urllib.error.URLError, ValueError) as exc:
        raise SourceError(f"could not load the API info from {target}: {exc}") from exc
    if not isinstance(body, dict) or "named_endpoints" not in body:
        raise SourceError(f"{target} did not return an API info object")
    info: dict[str, Any] = _relative_to(body, url.rstrip("/"))
    return info


def _relative_to(value: Any, origin: str) -> Any:
    """``value`` with the URLs under ``origin`` made relative to it.

    The app's own URLs (those of its sample files in file examples) then do not depend on
    the port the app ran on, and generated clients are the same wherever they are made.
    """
    if isinstance(value, str) and value.startswith(origin + "/"):
        return value.removeprefix(origin)
    if isinstance(value, dict):
        return {key: _relative_to(item, origin) for key, item in value.items()}
    if isinstance(value, list):
        return [_relative_to(item, origin) for item in value]
    return value


@contextmanager
def launched(target: str) -> Iterator[str]:
    """Launch the app ``target`` on a free port of 127.0.0.1; yield its URL; close it.

    ``target`` is ``module:attribute`` or ``path/to/file.py:attribute`` (``attribute``
    defaults to ``demo``). The attribute is the app (anything with ``launch``), or a function
    that returns one.

    Raises:
        SourceError: The module or attribute does not exist, or is not an app.
    """
    app = load_app(target)
    port = _free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        app.close()


def load_app(target: str) -> Any:
    """The app that ``target`` (``module:attribute``) names; see :func:`launched`.

    Raises:
        SourceError: The module or attribute does not exist, or is not an app.
    """
    where, _, attribute = target.partition(":")
    module = _import(where)
    try:
        app = getattr(module, attribute or "demo")
    except AttributeError as exc:
        raise SourceError(f"{where} has no attribute {attribute or 'demo'!r}") from exc
    if not hasattr(app, "launch") and callable(app):
        app = app()
    if not hasattr(app, "launch") or not hasattr(app, "close"):
        raise SourceError(f"{target} is not an app (it has no launch() and close())")
    return app


def _import(where: str) -> ModuleType:
    if not where.endswith(".py"):
        try:
            return importlib.import_module(where)
        except ImportError as exc:
            raise SourceError(f"cannot import {where}: {exc}") from exc
    path = Path(where).resolve()
    if not path.is_file():
        raise SourceError(f"no such file: {where}")
    name = f"_specblocks_client_source_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SourceError(f"cannot load {where}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(path.parent))  # the app may import modules next to it
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
