"""Data contract of the composite image components: ImageEditor, AnnotatedImage, Gallery."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import PIL.Image
import pytest

import specblocks as gr
from specblocks._generated.payloads import EditorValue
from specblocks.core import _files
from specblocks.core._files import FileCache
from specblocks.exceptions import PayloadError

RNG = np.random.default_rng(7)
RGB = RNG.integers(0, 256, (6, 8, 3), dtype=np.uint8)
RGBA = np.dstack([RGB, RNG.integers(0, 256, (6, 8), dtype=np.uint8)])


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileCache:
    """A fresh file cache for every test."""
    fresh = FileCache(tmp_path / "cache")
    monkeypatch.setattr(_files, "_default", fresh)
    return fresh


def save(folder: Path, name: str, array: np.ndarray[Any, Any], **options: Any) -> Path:
    path = folder / name
    PIL.Image.fromarray(array).save(path, **options)
    return path


def upload(path: Path, orig_name: str | None = None) -> dict[str, Any]:
    return {
        "path": str(path),
        "url": None,
        "size": path.stat().st_size,
        "orig_name": orig_name if orig_name is not None else path.name,
        "mime_type": None,
        "is_stream": False,
        "meta": {"_type": "gradio.FileData"},
    }


def pixels(payload: dict[str, Any]) -> np.ndarray[Any, Any]:
    with PIL.Image.open(payload["path"]) as image:
        return np.array(image)


# -- ImageEditor --------------------------------------------------------------------------------
def editor_payload(tmp_path: Path) -> dict[str, Any]:
    transparent = np.zeros((4, 4, 4), dtype=np.uint8)
    transparent[..., :3] = 10
    transparent[0, 0] = [200, 0, 0, 255]
    path = save(tmp_path, "layer.png", transparent)
    return {
        "background": upload(path, "bg.png"),
        "layers": [upload(path, None) | {"orig_name": None}],
        "composite": upload(path, None) | {"orig_name": None},
        "id": None,
    }


def test_image_editor_preprocess_rgba_keeps_alpha(tmp_path: Path) -> None:
    value = gr.ImageEditor().preprocess(editor_payload(tmp_path))
    assert value is not None
    assert set(value) == {"background", "layers", "composite"}
    assert value["background"].shape == (4, 4, 4)
    assert len(value["layers"]) == 1
    assert value["composite"][1, 1].tolist() == [10, 10, 10, 0]


def test_image_editor_preprocess_flattens_on_white(tmp_path: Path) -> None:
    value = gr.ImageEditor(image_mode="RGB").preprocess(editor_payload(tmp_path))
    assert value is not None
    assert value["background"][1, 1].tolist() == [255, 255, 255]
    assert value["background"][0, 0].tolist() == [200, 0, 0]
    # layers are not flattened: their transparent pixels just lose alpha
    assert value["layers"][0][1, 1].tolist() == [10, 10, 10]


def test_image_editor_preprocess_filepath(tmp_path: Path, cache: FileCache) -> None:
    value = gr.ImageEditor(type="filepath").preprocess(editor_payload(tmp_path))
    assert value is not None
    assert Path(value["background"]).name == "bg.png"
    assert Path(value["layers"][0]).name == "image.webp"
    assert cache.contains(value["composite"])


def test_image_editor_preprocess_empty_and_bad() -> None:
    editor = gr.ImageEditor()
    assert editor.preprocess(None) is None
    empty = {"background": None, "layers": [], "composite": None}
    assert editor.preprocess(empty) == empty
    with pytest.raises(PayloadError):
        editor.preprocess([1, 2])
    with pytest.raises(PayloadError):
        editor.preprocess({"background": None, "layers": "x", "composite": None})


def test_image_editor_postprocess() -> None:
    editor = gr.ImageEditor(format="png")
    single = editor.postprocess(RGB)
    assert single is not None
    assert single["background"] == single["composite"]
    assert single["layers"] == []
    assert single["id"] is None
    np.testing.assert_array_equal(pixels(single["background"]), RGB)
    mapping = editor.postprocess({"background": None, "layers": [RGBA], "composite": RGB})
    assert mapping is not None
    assert mapping["background"] is None
    np.testing.assert_array_equal(pixels(mapping["layers"][0]), RGBA)
    model = editor.postprocess(EditorValue(background=RGB, layers=[], composite=None))
    assert model is not None
    assert model["composite"] is None
    assert editor.postprocess(None) is None
    with pytest.raises(TypeError, match="ImageEditor"):
        editor.postprocess(5)


# -- AnnotatedImage -----------------------------------------------------------------------------
def test_annotated_image_postprocess_box_and_mask() -> None:
    base = RNG.integers(0, 256, (12, 14, 3), dtype=np.uint8)
    mask = np.zeros((12, 14))
    mask[2:4, 2:4] = 0.5
    component = gr.AnnotatedImage(format="png", color_map={"cat": "#00ff00"})
    payload = component.postprocess((base, [((1, 1, 11, 11), "dog"), (mask, "cat")]))
    assert payload is not None
    np.testing.assert_array_equal(pixels(payload["image"]), base)
    assert [item["label"] for item in payload["annotations"]] == ["dog", "cat"]
    box = pixels(payload["annotations"][0]["image"])
    assert box.shape == (12, 14, 4)
    assert box[0, 0].tolist() == [0, 0, 0, 0]  # outside the box
    assert box[1, 5].tolist() == [255, 0, 0, 255]  # 3-pixel border: opaque, default red
    assert box[5, 5].tolist() == [255, 0, 0, 127]  # inside: half transparent
    cat = pixels(payload["annotations"][1]["image"])
    assert cat[2, 2].tolist() == [0, 255, 0, 127]
    assert cat[0, 0].tolist() == [0, 0, 0, 0]


def test_annotated_image_postprocess_path_base(tmp_path: Path, cache: FileCache) -> None:
    path = save(tmp_path, "base.png", RGB)
    payload = gr.AnnotatedImage().postprocess((str(path), []))
    assert payload is not None
    assert cache.contains(payload["image"]["path"])
    assert payload["annotations"] == []


def test_annotated_image_round_trip() -> None:
    component = gr.AnnotatedImage()
    payload = component.postprocess((RGB, [((1, 1, 4, 4), "a")]))
    received = component.preprocess(payload)
    assert received is not None
    base, annotations = received
    assert base == payload["image"]["path"]
    assert annotations == [(payload["annotations"][0]["image"]["path"], "a")]
    assert component.preprocess(None) is None
    assert component.postprocess(None) is None


def test_annotated_image_errors() -> None:
    component = gr.AnnotatedImage()
    with pytest.raises(ValueError, match="shape"):
        component.postprocess((RGB, [(np.ones((2, 2)), "a")]))
    with pytest.raises(TypeError):
        component.postprocess((RGB, [("box", "a")]))
    with pytest.raises(TypeError):
        component.postprocess((5, []))
    with pytest.raises(TypeError):
        component.postprocess(RGB)
    with pytest.raises(ValueError, match="color"):
        gr.AnnotatedImage(color_map={"a": "not-a-color"}).postprocess((RGB, [((0, 0, 1, 1), "a")]))
    with pytest.raises(PayloadError):
        component.preprocess({"image": None, "annotations": []})
    with pytest.raises(PayloadError):
        component.preprocess({"image": {"path": "a.png"}, "annotations": [{"label": 3}]})


# -- Gallery ------------------------------------------------------------------------------------
def gallery_payload(tmp_path: Path) -> list[dict[str, Any]]:
    image = save(tmp_path, "a.png", RGBA)
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"not really a video")
    return [
        {"image": upload(image), "caption": "first"},
        {"video": upload(video), "caption": None},
    ]


def test_gallery_preprocess_types(tmp_path: Path) -> None:
    payload = gallery_payload(tmp_path)
    as_paths = gr.Gallery().preprocess(payload)
    assert as_paths == [(payload[0]["image"]["path"], "first"), (payload[1]["video"]["path"], None)]
    as_arrays = gr.Gallery(type="numpy").preprocess(payload)
    assert as_arrays is not None
    np.testing.assert_array_equal(as_arrays[0][0], RGBA)
    assert as_arrays[1][0] == payload[1]["video"]["path"]
    as_pil = gr.Gallery(type="pil").preprocess(payload)
    assert as_pil is not None
    assert isinstance(as_pil[0][0], PIL.Image.Image)


def test_gallery_preprocess_empty_and_bad(tmp_path: Path) -> None:
    gallery = gr.Gallery()
    assert gallery.preprocess(None) is None
    assert gallery.preprocess([]) is None
    with pytest.raises(PayloadError):
        gallery.preprocess({"image": {}})
    with pytest.raises(PayloadError):
        gallery.preprocess([{"caption": "no media"}])
    with pytest.raises(PayloadError, match="invalid file type"):
        gr.Gallery(file_types=[".jpg"]).preprocess(gallery_payload(tmp_path))


def test_gallery_postprocess(tmp_path: Path, cache: FileCache) -> None:
    path = save(tmp_path, "a.png", RGB)
    video = tmp_path / "clip.webm"
    video.write_bytes(b"webm")
    items = gr.Gallery(format="png").postprocess(
        [
            RGB,
            (str(path), "caption"),
            video,
            "https://x.org/media/b.mp4",
            (PIL.Image.new("L", (2, 2)), 3),
        ]
    )
    assert len(items) == 5
    assert items[0]["caption"] is None
    np.testing.assert_array_equal(pixels(items[0]["image"]), RGB)
    assert items[0]["image"]["orig_name"] is None
    assert items[1]["caption"] == "caption"
    assert items[1]["image"]["orig_name"] == "a.png"
    assert items[1]["image"]["mime_type"] == "image/png"
    assert cache.contains(items[1]["image"]["path"])
    assert items[2]["video"]["mime_type"] == "video/webm"
    assert items[3]["video"]["url"] == "https://x.org/media/b.mp4"
    assert items[3]["video"]["orig_name"] == "b.mp4"
    assert items[4]["caption"] == "3"


def test_gallery_postprocess_none_and_errors() -> None:
    assert gr.Gallery().postprocess(None) == []
    with pytest.raises(TypeError, match="list of images"):
        gr.Gallery().postprocess("a.png")
    with pytest.raises(TypeError):
        gr.Gallery().postprocess([5])
