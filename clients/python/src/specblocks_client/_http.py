"""The HTTP side: one shared ``httpx.Client``, URL building, and breaking long reads."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from typing import Any

import httpx

from specblocks_client._version import __version__

#: Timeouts of ordinary requests (config, info, join, upload, download, cancel).
REQUEST_TIMEOUT = httpx.Timeout(60.0, connect=15.0)
#: Server-sent event streams stay open as long as the server writes; they are broken on purpose
#: (see :func:`interrupt`) when the client closes.
STREAM_TIMEOUT = httpx.Timeout(None, connect=15.0)


class Http:
    """Requests to one app: its base URL, its API prefix, and one connection pool.

    Args:
        src: The app's base URL, without a trailing slash.
        headers: Headers sent with every request.
        verify: Whether to verify TLS certificates.
        httpx_kwargs: More keyword arguments for ``httpx.Client`` (they win over ours).
    """

    def __init__(
        self,
        src: str,
        *,
        headers: dict[str, str],
        verify: bool,
        httpx_kwargs: dict[str, Any],
    ) -> None:
        self.src = src
        self.prefix = ""
        options: dict[str, Any] = {
            "headers": {"user-agent": f"specblocks-client/{__version__}", **headers},
            "verify": verify,
            "timeout": REQUEST_TIMEOUT,
            "follow_redirects": True,
        }
        options.update(httpx_kwargs)
        self.client = httpx.Client(**options)

    def root(self, path: str) -> str:
        """A URL outside the API prefix (``/config``, ``/login``)."""
        return f"{self.src}{path}"

    def api(self, path: str) -> str:
        """A URL under the API prefix (``/gradio_api/...``)."""
        return f"{self.src}{self.prefix}{path}"

    def set_cookies(self, cookies: dict[str, str]) -> None:
        """Send these cookies with every later request (the jar may drop ``Secure`` ones)."""
        if cookies:
            self.client.headers["cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())

    @contextlib.contextmanager
    def stream(self, url: str, params: dict[str, str] | None = None) -> Iterator[httpx.Response]:
        """``GET`` a server-sent event stream; the response body is read lazily."""
        headers = {"accept": "text/event-stream"}
        with self.client.stream(
            "GET", url, params=params, headers=headers, timeout=STREAM_TIMEOUT
        ) as response:
            yield response

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()


def interrupt(response: httpx.Response) -> None:
    """Make a read that another thread is blocked in on ``response`` return at once.

    Shutting the socket down wakes the reader with an error (closing it would not). Without
    access to the socket (a custom transport), the response is closed instead.
    """
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        return
    with contextlib.suppress(Exception):
        response.close()
