"""specblocks-client against the live app: files, errors, view_api, login, the client's life."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sample_support import (
    GR_ERROR_MESSAGE,
    PASSWORD,
    USERNAME,
    AppServer,
    check_files_round_trip,
    tiny_png,
    wait_for,
)

from specblocks_client import (
    AppError,
    AuthenticationError,
    Client,
    Status,
    StreamError,
    handle_file,
)


# -- files -----------------------------------------------------------------------------------
def test_file_upload_and_download(client: Client, downloads: Path, tmp_path: Path) -> None:
    check_files_round_trip(
        client, handle_file, downloads, tmp_path, b"client file \x00\x01\xff bytes\n"
    )


def test_file_made_by_the_app_is_downloaded(client: Client) -> None:
    made = client.predict("xyz", api_name="/make_file")
    assert Path(made).name == "made by the app.txt"
    assert Path(made).read_text() == "xyzxyzxyz"


def test_download_files_false_returns_file_data(
    new_client: Callable[..., Client], tmp_path: Path
) -> None:
    text = tmp_path / "raw.txt"
    text.write_text("raw file data")
    image = tmp_path / "blue.png"
    image.write_bytes(tiny_png(2, 2, (0, 0, 255)))
    file_out, _ = new_client().predict(handle_file(text), handle_file(image), api_name="/files")
    assert isinstance(file_out, dict)
    assert file_out["meta"] == {"_type": "gradio.FileData"}
    assert file_out["orig_name"] == "raw.txt"
    assert httpx.get(file_out["url"]).content == b"raw file data"


def test_handle_file() -> None:
    url = "https://example.com/files/cat.png"
    assert handle_file(url) == {
        "path": url,
        "url": url,
        "orig_name": "cat.png",
        "meta": {"_type": "gradio.FileData"},
    }
    with pytest.raises(ValueError, match="neither an existing file"):
        handle_file("/no/such/file.txt")


# -- errors ----------------------------------------------------------------------------------
def test_gr_error_reaches_the_client(client: Client) -> None:
    with pytest.raises(AppError) as caught:
        client.predict("x", api_name="/fail")
    assert caught.value.message == GR_ERROR_MESSAGE
    assert str(caught.value) == GR_ERROR_MESSAGE
    assert caught.value.title == "Oops"
    assert caught.value.visible is True
    assert caught.value.duration == 10


def test_crash_without_show_error_is_generic(client: Client) -> None:
    with pytest.raises(AppError) as caught:
        client.predict("x", api_name="/crash")
    assert "show_error=True" in caught.value.message
    assert "secret internal error" not in caught.value.message


def test_error_fails_a_submitted_job(client: Client) -> None:
    job = client.submit("x", api_name="/fail")
    with pytest.raises(AppError, match=GR_ERROR_MESSAGE):
        job.result(timeout=30)
    assert job.status().code == Status.FINISHED
    assert job.status().success is False
    assert list(job) == []
    assert client.predict("still fine", api_name="/greet") == "Hello still fine!"


def test_error_mid_generator_keeps_the_outputs(client: Client) -> None:
    job = client.submit("a", api_name="/broken_stream")
    assert list(job) == ["a", "aa"]
    with pytest.raises(AppError, match="boom mid-stream"):
        job.result(timeout=30)
    assert job.outputs() == ["a", "aa"]
    assert job.status().success is False


# -- view_api --------------------------------------------------------------------------------
def test_view_api(client: Client, capsys: pytest.CaptureFixture[str]) -> None:
    info = client.view_api(print_info=False, return_format="dict")
    assert isinstance(info, dict)
    assert set(info) == {"named_endpoints", "unnamed_endpoints"}
    named = info["named_endpoints"]
    assert {"/greet", "/multi", "/stream", "/counter", "/files", "/fail", "/slow"} <= set(named)
    assert "code_snippets" not in named["/greet"]

    multi = named["/multi"]
    assert [p["parameter_name"] for p in multi["parameters"]] == ["text", "n", "flag", "choice"]
    assert [p["parameter_default"] for p in multi["parameters"]] == ["abc", 3, True, "b"]
    assert [p["component"] for p in multi["parameters"]] == [
        "Textbox",
        "Number",
        "Checkbox",
        "Dropdown",
    ]
    assert [r["label"] for r in multi["returns"]] == ["Combined", "Double"]
    counter = named["/counter"]
    assert [p["parameter_name"] for p in counter["parameters"]] == ["x"]
    assert [r["label"] for r in counter["returns"]] == ["Counter out"]

    text = client.view_api(print_info=False, return_format="str")
    assert isinstance(text, str)
    assert ' - predict(name, api_name="/greet") -> greeting' in text
    assert "[Textbox] name: str (required)" in text
    assert "[Number] n: float (optional, default 3)" in text
    assert 'predict(x, api_name="/counter") -> counter_out' in text
    assert "-> (combined, double)" in text
    assert capsys.readouterr().out == ""
    assert client.view_api() is None
    assert capsys.readouterr().out.strip() == text.strip()


# -- auth ------------------------------------------------------------------------------------
def test_auth(auth_app: AppServer) -> None:
    with Client(auth_app.url, auth=(USERNAME, PASSWORD), verbose=False) as c:
        assert c.predict("A", api_name="/greet") == "Hello A!"
        assert c.predict("s", api_name="/counter") == "s call#1"
        assert c.predict("t", api_name="/counter") == "t call#2"
    with pytest.raises(AuthenticationError, match="invalid credentials"):
        Client(auth_app.url, auth=(USERNAME, "wrong"), verbose=False)
    with pytest.raises(AuthenticationError, match="needs a login"):
        Client(auth_app.url, verbose=False)


def test_auth_file_round_trip(auth_app: AppServer, tmp_path: Path) -> None:
    text = tmp_path / "secret.txt"
    text.write_text("behind the login")
    image = tmp_path / "g.png"
    image.write_bytes(tiny_png(1, 1, (0, 255, 0)))
    with Client(
        auth_app.url, auth=(USERNAME, PASSWORD), verbose=False, download_files=tmp_path / "dl"
    ) as c:
        file_out, _ = c.predict(handle_file(text), handle_file(image), api_name="/files")
    assert Path(file_out).read_text() == "behind the login"


# -- lifecycle -------------------------------------------------------------------------------
def test_closed_client_refuses_calls(app: AppServer) -> None:
    c = Client(app.url, verbose=False)
    job = c.submit(30, 0.1, api_name="/stream")
    wait_for(lambda: bool(job.outputs()), "the first output")
    c.close()
    with pytest.raises(StreamError, match="closed"):
        job.result(timeout=10)
    with pytest.raises(RuntimeError, match="closed"):
        c.submit("x", api_name="/greet")
    c.close()


def test_dropped_client_stops_its_threads(app: AppServer) -> None:
    def heartbeats() -> int:
        return sum(t.name == "specblocks-client-heartbeat" for t in threading.enumerate())

    before = heartbeats()
    c = Client(app.url, verbose=False)
    assert c.predict("gc", api_name="/greet") == "Hello gc!"
    assert heartbeats() == before + 1
    del c
    gc.collect()
    wait_for(lambda: heartbeats() == before, "the dropped client's heartbeat to stop")


def test_verbose_prints_a_line(app: AppServer, capsys: pytest.CaptureFixture[str]) -> None:
    with Client(app.url) as c:
        assert repr(c) == f"Client({app.url!r})"
    assert f"Loaded as API: {app.url}" in capsys.readouterr().out
