"""Password authentication: login cookies, and the dependency protected routes use."""

from __future__ import annotations

import hmac
import inspect
import math
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import HTTPException, Request

Credentials = Callable[[str, str], Any] | tuple[str, str] | list[tuple[str, str]]


class Auth:
    """Who may use the app, and who is logged in.

    Args:
        credentials: A (username, password) pair, a list of pairs, or a function
            ``(username, password) -> bool`` (may be async).
        message: Shown on the login page and in "not authenticated" errors.
        dependency: A function of the request returning the user name (or None), for apps
            behind another login system; used instead of credentials when given.
    """

    def __init__(
        self,
        credentials: Credentials | None,
        message: str | None = None,
        dependency: Callable[[Any], str | Awaitable[str | None] | None] | None = None,
    ) -> None:
        self.credentials = credentials
        self.message = message
        self.dependency = dependency
        self.cookie_id = secrets.token_urlsafe(32)
        self.tokens: dict[str, str] = {}
        self.throttle = LoginThrottle()

    @property
    def cookie_names(self) -> tuple[str, str]:
        """The secure and the plain cookie that carry the login token."""
        return f"access-token-{self.cookie_id}", f"access-token-unsecure-{self.cookie_id}"

    async def check_password(self, username: str, password: str) -> bool:
        """Whether the pair is valid."""
        creds = self.credentials
        if callable(creds):
            result = creds(username, password)
            if inspect.isawaitable(result):
                result = await result
            return bool(result)
        pairs = [creds] if isinstance(creds, tuple) else list(creds or [])
        return any(
            hmac.compare_digest(username, u) and hmac.compare_digest(password, p) for u, p in pairs
        )

    def login(self, username: str) -> str:
        """A new token for ``username``."""
        token = secrets.token_urlsafe(16)
        self.tokens[token] = username
        return token

    def logout(self, username: str) -> None:
        """Forget every token of ``username``."""
        for token in [t for t, u in self.tokens.items() if u == username]:
            del self.tokens[token]

    async def user(self, request: Request) -> str | None:
        """The logged-in user of ``request``, or None."""
        if self.dependency is not None:
            result = self.dependency(request)
            if inspect.isawaitable(result):
                result = await result
            return result
        for name in self.cookie_names:
            token = request.cookies.get(name)
            if token and token in self.tokens:
                return self.tokens[token]
        return None

    def not_authenticated(self) -> HTTPException:
        """The 401 protected routes answer without a login."""
        return HTTPException(
            401, detail={"error": "Not authenticated", "auth_message": self.message}
        )


class LoginThrottle:
    """Failed login attempts per client: past ``limit`` within ``window`` seconds, refuse.

    A client (its address) with ``limit`` failures in the last ``window`` seconds is refused,
    right or wrong password, until the oldest of them is ``window`` seconds old; a successful
    login forgets its failures. Memory is bounded: clients whose failures are all older than
    the window are dropped as others are checked.
    """

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.get(client)
        if failures is None:
            return deque()
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[client]
        return failures

    def retry_after(self, client: str) -> int | None:
        """Seconds until ``client`` may try again, or None when it may now."""
        now = time.monotonic()
        failures = self._recent(client, now)
        if len(failures) < self.limit:
            return None
        return max(1, math.ceil(failures[0] + self.window - now))

    def failed(self, client: str) -> None:
        """Record a failed attempt of ``client``."""
        now = time.monotonic()
        self._failures.setdefault(client, deque()).append(now)
        # drop forgotten clients now and then, so that scanners cannot grow the table
        if len(self._failures) > 1024:
            for other in list(self._failures):
                self._recent(other, now)

    def succeeded(self, client: str) -> None:
        """``client`` logged in: forget its failures."""
        self._failures.pop(client, None)


async def current_user(request: Request) -> str | None:
    """FastAPI dependency: the user name (None when the app has no auth); 401 when required."""
    auth: Auth | None = request.app.state.specblocks.auth
    if auth is None:
        return None
    user = await auth.user(request)
    if user is None:
        raise auth.not_authenticated()
    return user
