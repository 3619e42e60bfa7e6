"""With ``auth=``, every route of the server refuses a client without a session, and login
attempts are rate-limited per client."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.routing import iter_route_contexts
from reliability_support import Figures

import specblocks as gr
from specblocks.server._auth import LoginThrottle
from specblocks.testing import serve

USER, PASSWORD = "admin", "correct horse"
HEAD = '<meta name="app-private-head" content="only after login">'
#: Routes anyone may reach: logging in and out, who is logged in, the page's static files,
#: and the pages themselves (which show only the login form before a login).
PUBLIC = {
    ("/login", "POST"), ("/login/", "POST"), ("/logout", "GET"), ("/gradio_api/user", "GET"),
    ("/favicon.ico", "GET"), ("/assets/{name}", "GET"), ("/", "GET"), ("/{path:path}", "GET"),
}  # fmt: skip
#: A value for each path parameter of the server's routes.
PARAMS = {
    "path": "tmp/x.txt", "api_name": "echo", "event_id": "1", "session_hash": "s1",
    "component_id": "0", "run": "0", "segment_id": "0", "ext": "ts", "folder": "image",
    "name": "cheetah.jpg",
}  # fmt: skip


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A protected app with a page, a file explorer and an echo; its routes' (path, method)."""
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(lambda t: t, text, text, api_name="echo")
        gr.FileExplorer(root_dir=tempfile.gettempdir())
    with demo.route("Reports", "/reports"):
        gr.Markdown("reports")
    with serve(demo, auth=(USER, PASSWORD), head=HEAD) as url:
        assert demo.server is not None
        routes = [
            (str(route.path), method)
            for route in iter_route_contexts(demo.server.asgi_app.routes)
            for method in sorted(getattr(route, "methods", None) or ())
        ]
        yield url.rstrip("/"), routes


def _url(path: str) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: PARAMS[m.group(1)], path)


def _status(http: httpx.Client, path: str, method: str) -> int:
    body: dict[str, Any] = {"json": {}} if method in {"POST", "PUT", "PATCH"} else {}
    with http.stream(method, _url(path), **body) as response:  # streams are not read
        return response.status_code


def test_every_route_refuses_a_client_without_a_session(
    app: tuple[str, list[tuple[str, str]]], figures: Figures
) -> None:
    url, routes = app
    protected = [(p, m) for p, m in routes if (p, m if m != "HEAD" else "GET") not in PUBLIC]
    assert len(protected) >= 25, protected  # the walk found the server's routes
    with httpx.Client(base_url=url, timeout=10) as anonymous:
        open_routes = [
            (p, m, status) for p, m in protected if (status := _status(anonymous, p, m)) != 401
        ]
        login = anonymous.post("/login", data={"username": USER, "password": PASSWORD})
        assert login.status_code == 200
        # the same requests with a session get past the login (to a result, a 404 or a 422)
        refused = [(p, m, s) for p, m in protected if (s := _status(anonymous, p, m)) == 401]
    figures(
        "auth coverage",
        routes=len(routes),
        protected=len(protected),
        refused_without_session=len(protected) - len(open_routes),
        public=len(routes) - len(protected),
    )
    assert open_routes == []
    assert refused == []


def test_the_page_before_a_login_is_the_login_form_only(
    app: tuple[str, list[tuple[str, str]]],
) -> None:
    url, _ = app
    with httpx.Client(base_url=url, timeout=10) as http:
        for page in ("/", "/reports"):
            before = http.get(page)
            assert before.status_code == 200
            assert "app-private-head" not in before.text
        assert http.get("/config").status_code == 401
        assert http.get("/gradio_api/user").json() is None
        http.post("/login", data={"username": USER, "password": PASSWORD}).raise_for_status()
        assert "app-private-head" in http.get("/").text
        assert http.get("/config").status_code == 200
        assert http.get("/gradio_api/user").json() == USER


def test_failed_logins_are_rate_limited_per_client(
    app: tuple[str, list[tuple[str, str]]], figures: Figures
) -> None:
    url, _ = app
    attacker = {"X-Forwarded-For": "203.0.113.7"}  # the server trusts its loopback proxy
    other = {"X-Forwarded-For": "203.0.113.8"}
    with httpx.Client(base_url=url, timeout=10) as http:
        statuses = [
            http.post(
                "/login", data={"username": USER, "password": f"guess {i}"}, headers=attacker
            ).status_code
            for i in range(25)
        ]
        refused = http.post(
            "/login", data={"username": USER, "password": PASSWORD}, headers=attacker
        )
        # another client is not affected, and can log in
        elsewhere = http.post(
            "/login", data={"username": USER, "password": PASSWORD}, headers=other
        )
    figures(
        "login rate limit",
        attempts=len(statuses),
        wrong_password_answers=statuses.count(400),
        throttled=statuses.count(429),
    )
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429] * 15
    assert refused.status_code == 429  # even the right password, until the window passes
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "Too many failed login attempts" in refused.json()["detail"]
    assert elsewhere.status_code == 200


def test_the_throttle_forgets_failures_after_its_window() -> None:
    throttle = LoginThrottle(limit=2, window=0.3)
    throttle.failed("a")
    throttle.failed("a")
    assert throttle.retry_after("a") == 1
    assert throttle.retry_after("b") is None
    time.sleep(0.35)
    assert throttle.retry_after("a") is None
    throttle.failed("a")
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.retry_after("a") is None  # a success forgot the earlier failure


def test_the_throttle_table_stays_bounded_under_a_scan() -> None:
    throttle = LoginThrottle(limit=3, window=0.05)
    for i in range(3000):
        throttle.failed(f"10.0.{i // 256}.{i % 256}")
        if i == 1500:
            time.sleep(0.06)
    assert len(throttle._failures) <= 1024 + 1500
