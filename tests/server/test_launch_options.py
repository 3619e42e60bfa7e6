"""Launch and queue options observed through a real server."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import specblocks as gr
from specblocks.server._build import parse_size


def _app() -> gr.Blocks:
    def crash(text: str) -> str:
        raise ValueError(f"bad text {text!r}")

    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(lambda t: t[::-1], text, out, api_name="reverse")
        gr.Button().click(crash, text, out, api_name="crash")
    return demo


def _complete(client: httpx.Client, fn_index: int, data: list[object]) -> dict[str, Any]:
    session = uuid.uuid4().hex
    joined = client.post(
        "/gradio_api/queue/join", json={"data": data, "fn_index": fn_index, "session_hash": session}
    )
    assert joined.status_code == 200, joined.text
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                message = json.loads(line[6:])
                if message["msg"] == "process_completed":
                    return dict(message)
    raise AssertionError("no completion")


Launch = Callable[..., str]


def test_show_error_reveals_the_message(launch: Launch) -> None:
    with httpx.Client(base_url=launch(_app(), show_error=True), timeout=10) as client:
        done = _complete(client, 1, ["x"])
    assert done["success"] is False
    assert "bad text 'x'" in done["output"]["error"]


def test_closed_api_refuses_direct_runs_but_the_queue_works(launch: Launch) -> None:
    with httpx.Client(base_url=launch(_app().queue(api_open=False)), timeout=10) as client:
        refused = client.post("/gradio_api/run/reverse", json={"data": ["abc"]})
        assert refused.status_code == 403
        assert "api_open=False" in refused.json()["detail"]
        assert _complete(client, 0, ["abc"])["output"]["data"] == ["cba"]


def test_favicon_is_served_from_the_given_path(launch: Launch, tmp_path: Path) -> None:
    icon = tmp_path / "icon.ico"
    icon.write_bytes(b"\x00\x00\x01\x00icon")
    with httpx.Client(base_url=launch(_app(), favicon_path=str(icon)), timeout=10) as client:
        assert client.get("/favicon.ico").content == icon.read_bytes()


def test_a_page_without_a_favicon_gets_the_default_icon(launch: Launch) -> None:
    with httpx.Client(base_url=launch(_app()), timeout=10) as client:
        assert '<link rel="icon" href="favicon.ico">' in client.get("/").text
        icon = client.get("/favicon.ico")
        assert icon.status_code == 200
        assert icon.headers["content-type"] == "image/svg+xml"
        assert icon.content.startswith(b"<svg")


def test_a_favicon_path_that_does_not_exist_is_a_clear_404(launch: Launch, tmp_path: Path) -> None:
    missing = tmp_path / "gone.ico"
    with httpx.Client(base_url=launch(_app(), favicon_path=str(missing)), timeout=10) as client:
        answer = client.get("/favicon.ico")
        assert answer.status_code == 404
        assert "gone.ico" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        (None, ["api", "gradio", "settings", "runs"]),
        (["api"], ["api"]),
        ([], []),
        (
            ["settings", {"label": "Docs", "url": "https://example.org/docs"}],
            ["settings", {"label": "Docs", "url": "https://example.org/docs"}],
        ),
    ],
)
def test_footer_links_reach_the_config(launch: Launch, given: Any, sent: Any) -> None:
    with httpx.Client(base_url=launch(_app(), footer_links=given), timeout=10) as client:
        assert client.get("/config").json()["footer_links"] == sent


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("api", "takes a list of links, not str"),
        (["api", "help"], "entry 1 is 'help'"),
        ([{"label": "Docs"}], "entry 0 is {'label': 'Docs'}"),
    ],
)
def test_a_bad_footer_link_is_a_clear_error(launch: Launch, given: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=re.escape(message)):
        launch(_app(), footer_links=given)


def test_the_default_themes_fonts_are_served_with_the_bundle(launch: Launch) -> None:
    with httpx.Client(base_url=launch(_app()), timeout=10) as client:
        css = client.get("/assets/app.css").text
        fonts = sorted(set(re.findall(r"url\(\"?\./([\w.-]+\.woff2)\"?\)", css)))
        assert any(name.startswith("source-sans-pro-latin-400") for name in fonts)
        assert any(name.startswith("ibm-plex-mono-latin-400") for name in fonts)
        for name in fonts:
            font = client.get(f"/assets/{name}")
            assert font.status_code == 200, name
            assert font.headers["content-type"] == "font/woff2"
            assert font.content[:4] == b"wOF2"


def test_auth_dependency_decides_who_is_logged_in(launch: Launch) -> None:
    base = launch(_app(), auth_dependency=lambda request: request.headers.get("x-user"))
    with httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/config").status_code == 401
        config = client.get("/config", headers={"x-user": "ada"})
        assert config.status_code == 200
        assert config.json()["username"] == "ada"


def test_root_path_prefixes_the_advertised_root(launch: Launch) -> None:
    base = launch(_app(), root_path="/proxied/app")
    with httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/config").json()["root"] == f"{base}/proxied/app"


def test_server_port_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, unused_port: int
) -> None:
    port = unused_port
    monkeypatch.setenv("GRADIO_SERVER_PORT", str(port))
    demo = _app()
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    try:
        assert demo.local_url == f"http://127.0.0.1:{port}/"
        assert httpx.get(f"http://127.0.0.1:{port}/config", timeout=10).status_code == 200
    finally:
        demo.close()


def test_a_function_asking_for_the_request_receives_it(launch: Launch) -> None:
    def who(text: str, request: gr.Request) -> str:
        return f"{text} from {request.client.host}, session {request.session_hash is not None}"

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(who, box, box, api_name="who")
    with httpx.Client(base_url=launch(demo), timeout=10) as client:
        done = _complete(client, 0, ["hi"])
    assert done["output"]["data"] == ["hi from 127.0.0.1, session True"]


@pytest.mark.parametrize(
    ("given", "size"),
    [
        ("15kb", 15_360),
        ("2 KB", 2_048),
        ("1mb", 1_048_576),
        ("1gb", 1_073_741_824),
        ("100b", 100),
        ("3 MiB", 3 * 1_048_576),
        (4096, 4096),
        (None, None),
    ],
)
def test_max_file_size_counts_units_as_gradio_does(given: str | int | None, size: int) -> None:
    assert parse_size(given) == size


def test_a_size_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match="'lots' is not a size"):
        parse_size("lots")
