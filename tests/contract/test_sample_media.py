"""Sample media: the files themselves, the route that serves them, and the API's file examples
pointing at them, called as they are through both official clients."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from contract_support import JsRunner
from gradio_client import Client, handle_file

import specblocks as gr
import specblocks.media
from specblocks.core import Component
from specblocks.core._samples import MEDIA_ROOT, SAMPLE_SCHEME, sample_file
from specblocks.testing import serve

KINDS = ("image", "audio", "video", "model3d", "file")
#: The endpoint whose input (ImageEditor) re-encodes the image it receives.
REENCODES = "/files_10"


def received(value: Any) -> list[list[Any]]:
    """The name and size of every local file inside what a function received."""
    found: list[list[Any]] = []

    def walk(item: Any) -> None:
        if isinstance(item, str | Path) and os.path.isfile(item):
            found.append([Path(item).name, os.path.getsize(item)])
        elif isinstance(item, dict):
            for inner in item.values():
                walk(inner)
        elif isinstance(item, list | tuple):
            for inner in item:
                walk(inner)

    walk(value)
    return sorted(found)


def file_inputs() -> list[Component]:
    return [
        gr.Image(type="filepath"),
        gr.Audio(type="filepath"),
        gr.Video(),
        gr.File(),
        gr.File(file_count="multiple"),
        gr.Model3D(),
        gr.Gallery(type="filepath"),
        gr.MultimodalTextbox(),
        gr.ImageSlider(type="filepath"),
        gr.UploadButton(),
        gr.ImageEditor(type="filepath"),
    ]


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        out = gr.JSON()
        for index, component in enumerate(file_inputs()):
            gr.Button(f"call {index}").click(received, component, out, api_name=f"files_{index}")
    with serve(demo) as url:
        yield url.rstrip("/")


# -- the files and the module ----------------------------------------------------------------
def test_every_kind_has_samples_and_names_pick_them() -> None:
    for kind in KINDS:
        names = specblocks.media.names(kind)
        assert names, kind
        getter = getattr(gr, f"get_{kind}")
        for name in names:
            path = Path(getter(name))
            assert path.is_file()
            assert path.stat().st_size > 0
            assert path.parent in specblocks.media.MEDIA_PATHS
        assert Path(getter()).name in names  # no name: one of them


def test_the_names_gradio_apps_use_exist() -> None:
    wanted = {
        "image": ["lion.jpg", "cheetah1.jpg", "logo.png", "avatar.png", "tower.jpg", "bus.png"],
        "audio": ["cantina.wav", "audio_sample.wav"],
        "video": ["world.mp4", "a.mp4", "b.mp4"],
        "model3d": ["Bunny.obj", "Fox.gltf"],
        "file": ["titanic.csv", "time.csv", "sample_file.pdf"],
    }
    for kind, names in wanted.items():
        assert set(names) <= set(specblocks.media.names(kind)), kind


def test_an_unknown_name_lists_the_available_ones() -> None:
    with pytest.raises(FileNotFoundError, match=r"No sample image named 'nope.jpg'.*lion\.jpg"):
        gr.get_image("nope.jpg")
    with pytest.raises(FileNotFoundError):
        gr.get_file("../images/lion.jpg")


def test_the_whole_set_is_small() -> None:
    total = sum(p.stat().st_size for p in MEDIA_ROOT.rglob("*") if p.is_file())
    assert total < 5_000_000


def test_every_sample_an_example_names_is_shipped() -> None:
    refs: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and value.startswith(SAMPLE_SCHEME):
            refs.append(value.removeprefix(SAMPLE_SCHEME))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for component in file_inputs():
        walk(component.example_payload())
    assert refs
    assert [ref for ref in refs if sample_file(ref) is None] == []


# -- the route -------------------------------------------------------------------------------
def test_the_route_serves_samples_and_nothing_else(app_url: str) -> None:
    media = f"{app_url}/gradio_api/media"
    lion = httpx.get(f"{media}/images/lion.jpg")
    assert lion.status_code == 200
    assert lion.content == Path(gr.get_image("lion.jpg")).read_bytes()
    assert lion.headers["content-type"] == "image/jpeg"
    for bad in ("images/nope.jpg", "secrets/lion.jpg", "images/..%2F..%2Fmedia.py", "images/"):
        assert httpx.get(f"{media}/{bad}").status_code == 404, bad
    # the package's files are not readable through the file route
    package_file = Path(gr.__file__).resolve()
    assert httpx.get(f"{app_url}/gradio_api/file={package_file}").status_code == 403
    assert httpx.get(f"{app_url}/gradio_api/file={gr.get_image('lion.jpg')}").status_code == 403


# -- the API's file examples -----------------------------------------------------------------
def test_file_examples_are_urls_of_the_app_itself(app_url: str) -> None:
    info = httpx.get(f"{app_url}/gradio_api/info").json()
    urls = []
    for endpoint in info["named_endpoints"].values():
        for parameter in endpoint["parameters"]:
            text = repr(parameter["example_input"])
            assert "sample://" not in text
            assert "example.png" not in text
            urls += [
                v
                for v in _strings(parameter["example_input"])
                if v.startswith("http") and "/gradio_api/media/" in v
            ]
    assert len(urls) >= 11
    for url in set(urls):
        assert url.startswith(f"{app_url}/gradio_api/media/")
        assert httpx.get(url).status_code == 200, url


def test_every_file_endpoint_runs_its_own_example_through_gradio_client(app_url: str) -> None:
    client = Client(app_url, verbose=False)
    info = client.view_api(return_format="dict", print_info=False)
    assert info is not None
    endpoints = info["named_endpoints"]
    assert len(endpoints) == len(file_inputs())
    for name, endpoint in endpoints.items():
        (parameter,) = endpoint["parameters"]
        example = parameter["example_input"]
        expected = sorted(
            [Path(url).name, len(httpx.get(url).content)]
            for url in _strings(example)
            if url.startswith("http")
        )
        expected = [list(pair) for pair in dict.fromkeys(tuple(p) for p in expected)]
        got = client.predict(example, api_name=name)
        if name == REENCODES:  # the editor saves its layers anew: the same image, other bytes
            assert [pair[0] for pair in got] == [pair[0] for pair in expected]
        else:
            assert {tuple(pair) for pair in got} == {tuple(pair) for pair in expected}, name


def test_the_js_client_runs_a_file_example(app_url: str, run_js: JsRunner) -> None:
    seen = run_js(app_url, "sample_example")
    lion = len(httpx.get(f"{app_url}/gradio_api/media/images/bus.png").content)
    assert seen["example"]["url"].startswith(f"{app_url}/gradio_api/media/images/")
    assert seen["received"] == [["bus.png", lion]]


# -- files by URL ----------------------------------------------------------------------------
def test_a_url_of_the_own_file_route_reads_the_file(app_url: str, tmp_path: Path) -> None:
    client = Client(app_url, verbose=False)
    text = tmp_path / "notes.txt"
    text.write_text("uploaded once")
    uploaded = client.predict(handle_file(text), api_name="/files_3")
    assert uploaded == [["notes.txt", len("uploaded once")]]
    path = httpx.post(
        f"{app_url}/gradio_api/upload", files={"files": ("again.txt", b"by url")}
    ).json()[0]
    again = client.predict(handle_file(f"{app_url}/gradio_api/file={path}"), api_name="/files_3")
    assert again == [["again.txt", len("by url")]]


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "secret.txt").write_text("internal only")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_urls_of_private_addresses_are_refused(app_url: str, private_server: str) -> None:
    client = Client(app_url, verbose=False)
    url = f"{private_server}/secret.txt"
    assert httpx.get(url).text == "internal only"  # reachable from here, yet refused
    with pytest.raises(httpx.HTTPStatusError, match="403 Forbidden"):  # the join is refused
        client.predict(handle_file(url), api_name="/files_3")
    response = httpx.post(
        f"{app_url}/gradio_api/call/files_3",
        json={"data": [{"path": url, "meta": {"_type": "gradio.FileData"}}]},
    )
    assert response.status_code == 403
    assert "is not a public internet address" in response.json()["detail"]


def test_an_unknown_sample_url_is_a_clear_404(app_url: str) -> None:
    response = httpx.post(
        f"{app_url}/gradio_api/call/files_3",
        json={
            "data": [
                {
                    "path": f"{app_url}/gradio_api/media/images/nope.png",
                    "meta": {"_type": "gradio.FileData"},
                }
            ]
        },
    )
    assert response.status_code == 404
    assert "nope.png" in response.json()["detail"]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
