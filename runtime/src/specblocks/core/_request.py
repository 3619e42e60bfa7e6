"""``Request``: what a function can learn about the HTTP request that triggered it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Client:
    """Where a request came from."""

    host: str | None


class Headers(Mapping[str, str]):
    """Request headers: a read-only mapping whose names match in any case (as Starlette's).

    Its ``repr`` is Starlette's too (``Headers({...})``), which is what a function that
    returns the headers into a text or JSON output shows.
    """

    def __init__(self, headers: Mapping[str, str] | None = None) -> None:
        self._items = {k.lower(): v for k, v in (headers or {}).items()}

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


class Request:
    """The request behind an event. Annotate a function parameter with it to receive it.

    Attributes:
        headers: Request headers (lower-case names).
        query_params: Query parameters of the page URL.
        client_host: The client's address, when known.
        session_hash: Identifies the browser tab or API client session.
        username: The logged-in user, when the app has authentication.
        path_params: Path parameters of the route.
    """

    def __init__(
        self,
        *,
        headers: Mapping[str, str] | None = None,
        query_params: Mapping[str, str] | None = None,
        client_host: str | None = None,
        session_hash: str | None = None,
        username: str | None = None,
        path_params: Mapping[str, str] | None = None,
        request: Any = None,
    ) -> None:
        self.headers = Headers(headers)
        self.query_params = dict(query_params or {})
        self.client_host = client_host
        self.session_hash = session_hash
        self.username = username
        self.path_params = dict(path_params or {})
        self.request = request

    @property
    def client(self) -> Client:
        """The client's address (``request.client.host``, as in Starlette)."""
        return Client(self.client_host)

    def __repr__(self) -> str:
        return f"Request(session_hash={self.session_hash!r}, username={self.username!r})"
