"""Login and logout."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse

from specblocks.server._auth import current_user
from specblocks.server._context import ServerContext, context

root_router = APIRouter()
api_router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]


@root_router.post("/login", response_model=None)
@root_router.post("/login/", include_in_schema=False, response_model=None)
async def login(
    request: Request,
    ctx: Ctx,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> JSONResponse | RedirectResponse:
    """Check a username and password; on success set the login cookies."""
    auth = ctx.auth
    if auth is None or auth.dependency is not None:
        return RedirectResponse(ctx.root_url(request) + "/", status_code=302)
    client = request.client.host if request.client else ""
    wait = auth.throttle.retry_after(client)
    if wait is not None:
        raise HTTPException(
            429,
            f"Too many failed login attempts from this client; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )
    if not await auth.check_password(username.strip(), password):
        auth.throttle.failed(client)
        raise HTTPException(400, "Incorrect credentials.")
    auth.throttle.succeeded(client)
    token = auth.login(username.strip())
    response = JSONResponse({"success": True})
    secure_name, plain_name = auth.cookie_names
    response.set_cookie(secure_name, token, httponly=True, samesite="none", secure=True)
    response.set_cookie(plain_name, token, httponly=True, samesite="lax")
    return response


@root_router.get("/logout")
async def logout(request: Request, ctx: Ctx) -> RedirectResponse:
    """Forget the user's login everywhere and clear the cookies."""
    response = RedirectResponse(ctx.root_url(request) + "/", status_code=302)
    if ctx.auth is not None:
        user = await ctx.auth.user(request)
        if user is not None:
            ctx.auth.logout(user)
        for name in ctx.auth.cookie_names:
            response.delete_cookie(name)
    return response


@api_router.get("/login_check")
def login_check(_user: Annotated[str | None, Depends(current_user)]) -> None:
    """200 when logged in (or when the app has no auth); 401 otherwise."""


@api_router.get("/user")
async def get_user(request: Request, ctx: Ctx) -> Any:
    """The logged-in user's name, or null."""
    return await ctx.auth.user(request) if ctx.auth else None
