"""Relative file paths in component values: where they are looked up, and a missing file."""

from __future__ import annotations

import sys
import types
import warnings
from pathlib import Path

import httpx
import pytest

import specblocks as gr
from specblocks.core._media_io import resolve_relative
from specblocks.testing import serve

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415478da63f8cfc000000301010018dd8db00000000049454e44ae426082"
)


@pytest.fixture
def app_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An app script in its own folder (with images/dot.png), run from another folder."""
    folder = tmp_path / "app"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "dot.png").write_bytes(PNG)
    script = folder / "app.py"
    script.write_text("")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return script


def test_a_relative_path_is_found_next_to_the_app_script(app_script: Path) -> None:
    assert resolve_relative("images/dot.png") == app_script.parent / "images" / "dot.png"
    value = gr.Image("images/dot.png").initial_value()
    assert Path(value["path"]).read_bytes() == PNG
    assert value["orig_name"] == "dot.png"


def test_the_working_directory_comes_first(app_script: Path) -> None:
    (Path.cwd() / "images").mkdir()
    (Path.cwd() / "images" / "dot.png").write_bytes(PNG + b"cwd")
    value = gr.File("images/dot.png").initial_value()
    assert Path(value["path"]).read_bytes() == PNG + b"cwd"


def test_a_missing_file_warns_and_the_page_still_loads(app_script: Path) -> None:
    with gr.Blocks() as demo:
        image = gr.Image("images/missing.jpg")
    with serve(demo) as url:
        with pytest.warns(UserWarning, match=r"Image: the file 'images/missing\.jpg' does not"):
            response = httpx.get(f"{url}config")
        assert response.status_code == 200
        (entry,) = [c for c in response.json()["components"] if c["id"] == image._id]
        value = entry["props"]["value"]
        assert value["path"] == str(Path.cwd() / "images" / "missing.jpg")
        assert httpx.get(f"{url}gradio_api/file={value['path']}").status_code == 403
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # said once, not on every page load
            assert httpx.get(f"{url}config").status_code == 200


def test_a_missing_file_returned_by_a_function_is_still_an_error(app_script: Path) -> None:
    with pytest.raises(ValueError, match=r"Image: the returned file 'images/missing\.jpg'"):
        gr.Image().postprocess("images/missing.jpg")
