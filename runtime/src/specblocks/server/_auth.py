"""Password authentication: login cookies, and the dependency protected routes use."""

from __future__ import annotations

import hmac
import inspect
import secrets
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


async def current_user(request: Request) -> str | None:
    """FastAPI dependency: the user name (None when the app has no auth); 401 when required."""
    auth: Auth | None = request.app.state.specblocks.auth
    if auth is None:
        return None
    user = await auth.user(request)
    if user is None:
        raise auth.not_authenticated()
    return user
