"""Malformed and ill-typed bodies on every route that takes one: a 4xx naming the problem (or a
failed event for a payload its component refuses), never a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from reliability_support import Figures, corpus_app

from specblocks.testing import serve

#: Bodies that are not JSON, not objects, or objects of the wrong shape.
RAW_BODIES = [
    b"",
    b"{",
    b"[]",
    b"null",
    b"1",
    b'"s"',
    b"\xff\xfe",
    b'{"data":1}',
    b'{"data":null}',
    b'{"data":[],"fn_index":-1}',
    b'{"data":[],"fn_index":1e400}',
    b'{"data":[],"fn_index":99999999999999999999999}',
    b'{"data":[],"fn_index":"0"}',
    b'{"data":{},"fn_index":0,"session_hash":1}',
    b'{"data":["x"],"fn_index":0,"session_hash":"a","event_data":{"x":[1]},"trigger_id":"x"}',
    b'{"data":[NaN],"fn_index":1,"session_hash":"a"}',
]
#: Input values of the wrong type (or hostile) for most components.
VALUES: list[Any] = [
    None, 1, -1, 1.5, 1e308, True, "x", "", "\x00", "\U0001f600" * 3, "a" * 10_000,
    [], [1], [[1, 2], [3]], [[None]], [{"role": "x"}], {}, {"a": 1}, {"path": 1},
    {"path": "../../etc/passwd"}, {"path": None, "url": "http://127.0.0.1:1/x"},
    {"headers": 1, "data": "x"}, {"text": 1, "files": "x"}, {"video": 1},
    {"background": 1, "layers": "x", "composite": None}, {"__type__": "update"},
]  # fmt: skip
ROUTES = ["/queue/join", "/run/c0", "/call/c0", "/call/v2/c0", "/component_server", "/api/c0"]


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[str, int, int]]:
    """An app with one endpoint per input component (the function ignores its input)."""
    demo, count, explorer = corpus_app()
    with serve(demo) as url:
        yield url + "gradio_api", count, explorer


def test_no_body_gets_a_server_error(app: tuple[str, int, int], figures: Figures) -> None:
    api, count, explorer = app
    sent, server_errors = 0, []
    with httpx.Client(base_url=api, timeout=30) as http:

        def post(path: str, **body: Any) -> None:
            nonlocal sent
            sent += 1
            response = http.post(path, **body)
            if response.status_code >= 500:
                server_errors.append((path, body, response.status_code, response.text[:200]))
            elif response.status_code >= 400:
                assert response.text.strip(), f"{path}: a {response.status_code} with no message"

        for path in ROUTES:
            for raw in RAW_BODIES:
                post(path, content=raw, headers={"content-type": "application/json"})
        for index in range(count):
            for value in VALUES:
                post("/queue/join", json={"data": [value], "fn_index": index, "session_hash": "s"})
                post(f"/run/c{index}", json={"data": [value]})
                post(f"/call/c{index}", json={"data": [value]})
        for value in VALUES:
            body = {"component_id": explorer, "fn_name": "ls", "data": value, "session_hash": "s"}
            post("/component_server", json=body)
            post("/component_server", json={"component_id": value, "fn_name": value, "data": 1})
            post("/call/v2/c0", json={"text": value})
    figures("malformed bodies", sent=sent, server_errors=len(server_errors))
    assert server_errors == []
