"""``POST /gradio_api/component_server``: the browser calls functions a component exposes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import specblocks as gr
from specblocks.testing import serve


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, int]]:
    root = tmp_path_factory.mktemp("tree")
    (root / "docs").mkdir()
    (root / "docs" / "notes.txt").write_text("notes")
    (root / "a.py").write_text("print()")
    with gr.Blocks() as demo:
        explorer = gr.FileExplorer(root_dir=str(root), glob="**/*.txt")
        text = gr.Textbox()
    with serve(demo) as url:
        yield url, explorer._id, text._id


def _call(url: str, component: int, fn: str, data: object) -> httpx.Response:
    body = {"component_id": component, "fn_name": fn, "data": data, "session_hash": "s1"}
    return httpx.post(f"{url}gradio_api/component_server", json=body, timeout=10)


def test_lists_a_folder_with_the_glob_applied(app: tuple[str, int, int]) -> None:
    url, explorer, _ = app
    response = _call(url, explorer, "ls", None)
    assert response.status_code == 200
    # a.py does not match the glob: only the folder is listed at the root.
    assert response.json() == [{"name": "docs", "type": "folder", "valid": False}]
    assert _call(url, explorer, "ls", ["docs"]).json() == [
        {"name": "notes.txt", "type": "file", "valid": True}
    ]


def test_unknown_function_or_component_is_a_404(app: tuple[str, int, int]) -> None:
    url, explorer, text = app
    response = _call(url, explorer, "rm", None)
    assert response.status_code == 404
    assert "no server function 'rm'" in response.json()["detail"]
    assert _call(url, text, "ls", None).status_code == 404
    assert _call(url, 99_999, "ls", None).status_code == 404


def test_a_folder_outside_the_root_is_a_400(app: tuple[str, int, int]) -> None:
    url, explorer, _ = app
    response = _call(url, explorer, "ls", ["..", ".."])
    assert response.status_code == 400
    assert "leaves the root directory" in response.json()["detail"]


def test_malformed_body_is_a_422(app: tuple[str, int, int]) -> None:
    url, _, _ = app
    response = httpx.post(f"{url}gradio_api/component_server", json={"fn_name": "ls"})
    assert response.status_code == 422
