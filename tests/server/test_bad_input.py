"""Bad input gets a clear 4xx, the server stays up, and a failing function does not stop it."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from sample_support import queue_messages


def _join(http: httpx.Client, fn_index: int, data: list[object]) -> httpx.Response:
    body = {"data": data, "fn_index": fn_index, "session_hash": uuid.uuid4().hex}
    return http.post("/gradio_api/queue/join", json=body)


def _messages(http: httpx.Client, session: str) -> list[dict[str, object]]:
    return queue_messages(http, session)


def _call(http: httpx.Client, fn_index: int, data: list[object]) -> dict[str, object]:
    session = uuid.uuid4().hex
    body = {"data": data, "fn_index": fn_index, "session_hash": session}
    assert http.post("/gradio_api/queue/join", json=body).status_code == 200
    return next(m for m in _messages(http, session) if m["msg"] == "process_completed")


def _assert_alive(http: httpx.Client) -> None:
    done = _call(http, 0, ["still here"])
    assert done["success"] is True
    assert done["output"] == done["output"] | {"data": ["STILL HERE"]}


def test_malformed_json_is_a_422_naming_the_problem(http: httpx.Client) -> None:
    response = http.post(
        "/gradio_api/queue/join", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "JSON" in response.json()["message"]
    _assert_alive(http)


def test_wrong_body_types_are_a_422_naming_the_field(http: httpx.Client) -> None:
    response = http.post("/gradio_api/queue/join", json={"data": "x", "fn_index": "zero"})
    assert response.status_code == 422
    message = response.json()["message"]
    assert "body.data" in message
    assert "body.fn_index" in message
    _assert_alive(http)


def test_wrong_input_count_is_a_422(http: httpx.Client) -> None:
    response = _join(http, 0, ["a", "b"])
    assert response.status_code == 422
    assert "takes 1 input(s), got 2" in response.json()["detail"]


def test_a_payload_of_the_wrong_type_fails_the_event_not_the_server(http: httpx.Client) -> None:
    done = _call(http, 1, [{"not": "a number"}])
    assert done["success"] is False
    _assert_alive(http)


def test_unknown_fn_index_is_a_404(http: httpx.Client) -> None:
    response = _join(http, 99, ["x"])
    assert response.status_code == 404
    assert "no endpoint with fn_index 99" in response.json()["detail"]


def test_unknown_api_name_is_a_404_listing_known_names(http: httpx.Client) -> None:
    response = http.post("/gradio_api/call/nope", json={"data": ["x"]})
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "/nope" in detail
    assert "/upper" in detail


def test_missing_session_hash_is_a_400(http: httpx.Client) -> None:
    response = http.post("/gradio_api/queue/join", json={"data": ["x"], "fn_index": 0})
    assert response.status_code == 400


def test_a_raising_function_reports_an_error_and_the_worker_goes_on(http: httpx.Client) -> None:
    done = _call(http, 2, ["x"])
    assert done["success"] is False
    assert done["output"] == {"error": None}  # show_error is off: no internals leak
    _assert_alive(http)


def test_oversized_upload_is_a_413_and_nothing_is_kept(http: httpx.Client) -> None:
    response = http.post("/gradio_api/upload", files={"files": ("big.bin", b"x" * 5000)})
    assert response.status_code == 413
    assert "1000 bytes" in response.json()["detail"]
    small = http.post("/gradio_api/upload", files={"files": ("small.txt", b"hello")})
    assert small.status_code == 200
    (path,) = small.json()
    assert http.get(f"/gradio_api/file={path}").content == b"hello"


def test_upload_without_multipart_is_a_400(http: httpx.Client) -> None:
    response = http.post("/gradio_api/upload", content=b"raw")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "raw",
    [
        "/etc/passwd",
        "etc/passwd",
        "../../../../etc/passwd",
        quote("/etc/passwd", safe=""),
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ],
)
def test_path_traversal_on_the_file_route_is_refused(http: httpx.Client, raw: str) -> None:
    response = http.get(f"/gradio_api/file={raw}")
    assert response.status_code in (403, 404)
    assert b"root:" not in response.content


def test_traversal_out_of_the_cache_is_refused(http: httpx.Client) -> None:
    (path,) = http.post("/gradio_api/upload", files={"files": ("a.txt", b"a")}).json()
    up = "%2e%2e/" * 8  # encoded so the client does not resolve the dots itself
    response = http.get(f"/gradio_api/file={Path(path).parent}/{up}etc/passwd")
    assert response.status_code == 403
    assert "File not allowed" in response.json()["detail"]


def test_symlink_out_of_an_allowed_folder_is_refused(http: httpx.Client, allowed_dir: Path) -> None:
    link = allowed_dir / "escape"
    if not link.exists():
        os.symlink("/etc", link)
    assert http.get(f"/gradio_api/file={allowed_dir / 'ok.txt'}").text == "allowed content"
    response = http.get(f"/gradio_api/file={link / 'passwd'}")
    assert response.status_code == 403


@pytest.mark.parametrize(
    "payload",
    [
        {"path": "/etc/passwd", "meta": {"_type": "gradio.FileData"}},
        {"path": "/etc/passwd"},  # clients may leave meta out: still a file reference
        {"path": "/etc/passwd", "orig_name": "passwd", "size": 10},
    ],
)
def test_an_input_file_outside_the_allowed_places_is_refused_at_join(
    http: httpx.Client, payload: dict[str, object]
) -> None:
    response = _join(http, 4, [payload])
    assert response.status_code == 403
    assert "File not allowed: /etc/passwd" in response.json()["detail"]
    response = http.post("/gradio_api/run/echo_file", json={"data": [payload]})
    assert response.status_code == 403


def test_unknown_session_stream_reports_session_not_found(http: httpx.Client) -> None:
    (message,) = _messages(http, "never-joined")
    assert message["msg"] == "unexpected_error"
    assert message["session_not_found"] is True


def test_run_on_an_unknown_endpoint_is_a_404(http: httpx.Client) -> None:
    response = http.post("/gradio_api/run/nope", json={"data": ["x"]})
    assert response.status_code == 404
    assert "/upper" in response.json()["detail"]


def test_run_calls_an_endpoint_directly(http: httpx.Client) -> None:
    response = http.post("/gradio_api/run/upper", json={"data": ["direct"]})
    assert response.status_code == 200
    assert response.json()["data"] == ["DIRECT"]


@pytest.mark.parametrize(
    ("api_name", "data", "expected"),
    [
        ("double", [{"not": "a number"}], "Number: expected a number"),
        ("echo_file", ["not a file payload"], "File: expected a file payload"),
        ("echo_file", [{"path": 123}], "'path' must be a string"),
    ],
)
def test_run_answers_a_payload_of_the_wrong_type_with_a_422(
    http: httpx.Client, api_name: str, data: list[object], expected: str
) -> None:
    response = http.post(f"/gradio_api/run/{api_name}", json={"data": data})
    assert response.status_code == 422
    assert expected in response.json()["error"]
    _assert_alive(http)


def test_run_answers_a_failing_function_with_a_500(http: httpx.Client) -> None:
    """The function's own error is the server's (as Gradio answers it), not the caller's."""
    response = http.post("/gradio_api/run/crash", json={"data": ["x"]})
    assert response.status_code == 500
    assert set(response.json()) == {"error"}


def test_a_file_payload_with_unknown_keys_is_refused_not_read(http: httpx.Client) -> None:
    # untagged and with a key FileData does not have, the server's file check would not see
    # it as a file: the component must not read its path either
    payload = {"path": "/etc/passwd", "x": 1}
    response = http.post("/gradio_api/run/echo_file", json={"data": [payload]})
    assert response.status_code == 422
    assert "keys a file payload does not have ('x')" in response.json()["error"]
    assert "root:" not in response.text
