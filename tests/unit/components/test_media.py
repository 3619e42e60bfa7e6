"""Data contract of the single-image components: Image, ImageSlider and SimpleImage."""

from __future__ import annotations

import base64
import io
import urllib.parse
from pathlib import Path
from typing import Any

import numpy as np
import PIL.Image
import pytest

import specblocks as gr
from specblocks._generated.payloads import WatermarkOptions
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


# -- Image: postprocess -------------------------------------------------------------------------
def test_image_postprocess_numpy_saves_webp_in_cache(cache: FileCache) -> None:
    payload = gr.Image().postprocess(RGB)
    assert payload is not None
    assert payload["orig_name"] == "image.webp"
    assert payload["path"].endswith("image.webp")
    assert cache.contains(payload["path"])
    assert payload["url"] is None
    assert payload["meta"] == {"_type": "gradio.FileData"}
    assert pixels(payload).shape == RGB.shape


def test_image_numpy_round_trip_is_lossless_in_png() -> None:
    image = gr.Image(format="png")
    received = image.preprocess(image.postprocess(RGB))
    assert isinstance(received, np.ndarray)
    np.testing.assert_array_equal(received, RGB)


def test_image_postprocess_pil_and_gray_arrays() -> None:
    payload = gr.Image(format="png").postprocess(PIL.Image.fromarray(RGBA))
    assert payload is not None
    np.testing.assert_array_equal(pixels(payload), RGBA)
    gray = gr.Image(format="png").postprocess(RGB[:, :, 0])
    assert gray is not None
    np.testing.assert_array_equal(pixels(gray), RGB[:, :, 0])


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        (np.array([[0.0, 0.5, 1.0]]), [[0, 128, 255]]),
        (np.array([[-0.5, 1.0]], dtype=np.float32), [[0, 255]]),
        (np.array([[True, False]]), [[255, 0]]),
        (np.array([[3, 200]], dtype=np.int64), [[3, 200]]),
        (np.array([[1000, 65535]], dtype=np.uint16), [[3, 255]]),
        (np.array([[-5, 100]], dtype=np.int16), [[0, 100]]),
    ],
)
def test_image_postprocess_converts_dtypes_to_uint8(
    array: np.ndarray[Any, Any], expected: list[list[int]]
) -> None:
    payload = gr.Image(format="png").postprocess(array)
    assert payload is not None
    np.testing.assert_array_equal(pixels(payload), np.array(expected, dtype=np.uint8))


def test_image_postprocess_float_out_of_range_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="between -1 and 1"):
        gr.Image().postprocess(np.full((2, 2), 3.0))


def test_image_postprocess_bad_values() -> None:
    with pytest.raises(TypeError, match="Image"):
        gr.Image().postprocess(12)
    with pytest.raises(ValueError, match="does not exist"):
        gr.Image().postprocess("/no/such/image.png")
    with pytest.raises(ValueError, match="shape"):
        gr.Image().postprocess(np.zeros((2, 2, 7), dtype=np.uint8))


def test_image_postprocess_none() -> None:
    assert gr.Image().postprocess(None) is None
    assert gr.Image().preprocess(None) is None


def test_image_postprocess_copies_files_into_cache(tmp_path: Path, cache: FileCache) -> None:
    source = save(tmp_path, "photo.png", RGB)
    payload = gr.Image().postprocess(source)
    assert payload is not None
    assert payload["orig_name"] == "photo.png"
    assert cache.contains(payload["path"])
    assert Path(payload["path"]).read_bytes() == source.read_bytes()


def test_image_postprocess_passes_urls_on() -> None:
    payload = gr.Image().postprocess("https://example.com/a.png")
    assert payload is not None
    assert payload["path"] == "https://example.com/a.png"
    assert payload["orig_name"] is None


def test_image_postprocess_svg_is_inlined(tmp_path: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    payload = gr.Image().postprocess(str(svg))
    assert payload is not None
    assert payload["path"] is None
    assert payload["orig_name"] == "logo.svg"
    assert payload["url"].startswith("data:image/svg+xml,")
    assert urllib.parse.unquote(payload["url"].partition(",")[2]) == svg.read_text()


def test_image_unwritable_format_falls_back_to_png() -> None:
    unknown = gr.Image(format="nope").postprocess(RGB)
    assert unknown is not None
    assert unknown["orig_name"] == "image.png"
    jpeg_alpha = gr.Image(format="jpeg").postprocess(RGBA)
    assert jpeg_alpha is not None
    assert jpeg_alpha["orig_name"] == "image.png"
    jpeg = gr.Image(format="jpeg").postprocess(RGB)
    assert jpeg is not None
    assert jpeg["orig_name"] == "image.jpeg"


def test_image_watermark_is_drawn(tmp_path: Path) -> None:
    mark = np.zeros((2, 2, 4), dtype=np.uint8)
    mark[..., 1] = 255
    mark[..., 3] = 255
    base = np.zeros((20, 20, 3), dtype=np.uint8)
    options = WatermarkOptions(watermark=mark, position=[1, 1])
    payload = gr.Image(format="png", watermark=options).postprocess(base)
    assert payload is not None
    result = pixels(payload)
    assert result[1, 1].tolist() == [0, 255, 0]
    assert result[10, 10].tolist() == [0, 0, 0]
    corner = gr.Image(format="png", watermark=WatermarkOptions(watermark=mark)).postprocess(base)
    assert corner is not None
    assert pixels(corner)[20 - 10 - 2, 20 - 10 - 2].tolist() == [0, 255, 0]


# -- Image: preprocess --------------------------------------------------------------------------
def test_image_preprocess_types(tmp_path: Path) -> None:
    path = save(tmp_path, "photo.png", RGB)
    as_array = gr.Image().preprocess(upload(path))
    np.testing.assert_array_equal(as_array, RGB)
    as_pil = gr.Image(type="pil").preprocess(upload(path))
    assert isinstance(as_pil, PIL.Image.Image)
    assert as_pil.mode == "RGB"
    assert as_pil.size == (8, 6)
    assert gr.Image(type="filepath").preprocess(upload(path)) == str(path)


def test_image_preprocess_converts_to_image_mode(tmp_path: Path, cache: FileCache) -> None:
    gray = save(tmp_path, "gray.png", RGB[:, :, 0])
    converted = gr.Image().preprocess(upload(gray))
    assert converted.shape == (6, 8, 3)
    assert gr.Image(image_mode=None).preprocess(upload(gray)).shape == (6, 8)
    assert gr.Image(image_mode="L", type="filepath").preprocess(upload(gray)) == str(gray)
    path = gr.Image(type="filepath").preprocess(upload(gray, "Scan.JPG"))
    assert cache.contains(path)
    assert Path(path).name == "Scan.jpeg"
    with PIL.Image.open(path) as image:
        assert image.mode == "RGB"
    rgba = gr.Image(image_mode="RGBA").preprocess(upload(save(tmp_path, "c.png", RGB)))
    assert rgba.shape == (6, 8, 4)


def test_image_preprocess_without_name_uses_format(tmp_path: Path) -> None:
    gray = save(tmp_path, "gray.png", RGB[:, :, 0])
    payload = upload(gray)
    payload["orig_name"] = None
    assert Path(gr.Image(type="filepath").preprocess(payload)).name == "image.webp"


def test_image_preprocess_applies_exif_orientation(tmp_path: Path) -> None:
    image = PIL.Image.fromarray(RGB)
    exif = image.getexif()
    exif[274] = 6  # rotated: the stored pixels must be turned 90 degrees clockwise
    path = tmp_path / "rot.jpg"
    image.save(path, exif=exif)
    assert gr.Image().preprocess(upload(path)).shape == (8, 6, 3)


def test_image_preprocess_keeps_gif_mode(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    PIL.Image.fromarray(RGB).convert("P").save(path)
    with gr.Image(type="pil").preprocess(upload(path)) as received:
        assert received.mode == "P"


def test_image_preprocess_data_url() -> None:
    buffer = io.BytesIO()
    PIL.Image.fromarray(RGB).save(buffer, format="png")
    url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    received = gr.Image().preprocess({"path": None, "url": url, "meta": {"_type": "x"}})
    np.testing.assert_array_equal(received, RGB)


def test_image_preprocess_svg(tmp_path: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    assert gr.Image(type="filepath").preprocess(upload(svg)) == str(svg)
    with pytest.raises(PayloadError, match="SVG"):
        gr.Image().preprocess(upload(svg))


def test_image_preprocess_bad_payloads(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(PayloadError):
        gr.Image().preprocess("junk")
    with pytest.raises(PayloadError):
        gr.Image().preprocess({"url": None})
    with pytest.raises(PayloadError):
        gr.Image().preprocess({"path": 5})
    with pytest.raises(PayloadError, match="does not exist"):
        gr.Image().preprocess({"path": str(tmp_path / "missing.png")})
    with pytest.raises(PayloadError, match="not an image"):
        gr.Image().preprocess(upload(text))


def test_image_unknown_type_setting(tmp_path: Path) -> None:
    image = gr.Image(type="filepath")
    image.type = "bytes"  # type: ignore[assignment]
    with pytest.raises(ValueError, match="unknown type"):
        image.preprocess(upload(save(tmp_path, "a.png", RGB)))


def test_image_api_info_is_image_data() -> None:
    info = gr.Image().api_info()
    assert info["title"] == "ImageData"
    assert "path" in info["properties"]


# -- ImageSlider --------------------------------------------------------------------------------
def test_image_slider_round_trip() -> None:
    slider = gr.ImageSlider(format="png")
    payload = slider.postprocess((RGB, None))
    assert payload is not None
    assert payload[1] is None
    received = slider.preprocess(payload)
    assert received is not None
    np.testing.assert_array_equal(received[0], RGB)
    assert received[1] is None
    assert slider.postprocess(None) is None
    assert slider.preprocess(None) is None


def test_image_slider_types(tmp_path: Path) -> None:
    first = save(tmp_path, "a.png", RGB)
    second = save(tmp_path, "b.png", RGB[:, :, 0])
    pair = [upload(first), upload(second)]
    as_paths = gr.ImageSlider(type="filepath", image_mode=None).preprocess(pair)
    assert as_paths == (str(first), str(second))
    as_pil = gr.ImageSlider(type="pil").preprocess(pair)
    assert as_pil is not None
    assert [image.mode for image in as_pil] == ["RGB", "RGB"]


def test_image_slider_errors() -> None:
    with pytest.raises(TypeError, match="two images"):
        gr.ImageSlider().postprocess(RGB)
    with pytest.raises(PayloadError):
        gr.ImageSlider().preprocess([None])


# -- SimpleImage --------------------------------------------------------------------------------
def test_simple_image(tmp_path: Path, cache: FileCache) -> None:
    path = save(tmp_path, "a.png", RGB)
    payload = gr.SimpleImage().postprocess(path)
    assert payload is not None
    assert payload["orig_name"] == "a.png"
    assert cache.contains(payload["path"])
    assert gr.SimpleImage().preprocess(payload) == payload["path"]
    assert gr.SimpleImage().postprocess(None) is None
    with pytest.raises(TypeError):
        gr.SimpleImage().postprocess(RGB)
    with pytest.raises(PayloadError):
        gr.SimpleImage().preprocess([1])
