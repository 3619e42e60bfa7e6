"""Image conversions shared by the image components: arrays, Pillow images and cached files."""

from __future__ import annotations

import base64
import binascii
import io
import os
import urllib.parse
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from specblocks.core._exceptions import PayloadError
from specblocks.core._files import default_cache
from specblocks.core._loaded import is_ndarray, is_pil_image
from specblocks.core._media_io import (
    FileRef,
    cache_file,
    download_to_cache,
    existing_path,
    file_data,
    is_url,
    parse_file,
)

if TYPE_CHECKING:
    import numpy as np
    import PIL.Image
    import PIL.ImageOps
    import PIL.ImageSequence
    import PIL.PngImagePlugin

ImageType = Literal["numpy", "pil", "filepath"]

_EXIF_ORIENTATION = 274
_WATERMARK_PADDING = 10


_IMAGE_TYPES = ("numpy", "pil", "filepath")


def checked_image_type(component: str, type: str) -> ImageType:
    """Validate a component's ``type`` setting for images.

    Raises:
        ValueError: ``type`` is not "numpy", "pil" or "filepath".
    """
    if type == "numpy":
        return "numpy"
    if type == "pil":
        return "pil"
    if type == "filepath":
        return "filepath"
    raise ValueError(f"{component}: unknown type {type!r}; choose from {list(_IMAGE_TYPES)}.")


# -- arrays -------------------------------------------------------------------------------------
def _scale_down(array: np.ndarray[Any, Any], bits: int) -> np.ndarray[Any, Any]:
    """Map integers using ``bits`` bits onto 0-255, keeping small values as they are."""
    import numpy as np

    if array.size == 0 or int(array.max()) < 256:
        small: np.ndarray[Any, Any] = np.clip(array, 0, 255).astype(np.uint8)
        return small
    shifted = np.floor_divide(array, 2 ** (bits - 8))
    scaled: np.ndarray[Any, Any] = np.clip(shifted, 0, 255).astype(np.uint8)
    return scaled


def to_uint8(array: np.ndarray[Any, Any], component: str) -> np.ndarray[Any, Any]:
    """Convert an image array of any numeric dtype to ``uint8``.

    Floats must lie in [-1, 1] and are scaled by 255 (negative values become 0); booleans
    become 0 or 255; wider integers are kept when they already fit in 0-255 and otherwise
    scaled down to 8 bits.

    Raises:
        ValueError: A float array has values outside [-1, 1].
        TypeError: The dtype is not numeric.
    """
    import numpy as np

    kind = array.dtype.kind
    if array.dtype == np.uint8:
        return array
    if kind == "b":
        return array.astype(np.uint8) * np.uint8(255)
    if kind == "f":
        if array.size and (float(np.min(array)) < -1.0 or float(np.max(array)) > 1.0):
            raise ValueError(
                f"{component}: images of type float must have values between -1 and 1, got "
                f"values from {float(np.min(array))} to {float(np.max(array))}."
            )
        scaled = np.rint(array.astype(np.float64) * 255.0)
        return np.clip(scaled, 0, 255).astype(np.uint8)
    if kind == "u":
        return _scale_down(array, 8 * array.dtype.itemsize)
    if kind == "i":
        return _scale_down(array, 8 * array.dtype.itemsize - 1)
    raise TypeError(f"{component}: cannot show an array of dtype {array.dtype} as an image.")


def array_to_pil(array: np.ndarray[Any, Any], component: str) -> PIL.Image.Image:
    """A Pillow image from an array of shape (height, width) or (height, width, channels)."""
    import numpy as np
    import PIL.Image

    data = to_uint8(np.asarray(array), component)
    if data.ndim == 3 and data.shape[2] == 1:
        data = data[:, :, 0]
    try:
        return PIL.Image.fromarray(data)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{component}: cannot show an array of shape {data.shape} as an image; expected "
            "(height, width), (height, width, 3) or (height, width, 4)."
        ) from exc


def to_pil(value: Any, component: str) -> PIL.Image.Image:
    """Open an array, a Pillow image, or a local path or URL of an image as a Pillow image.

    Raises:
        TypeError: ``value`` is not an image.
        ValueError: The file cannot be read as an image.
    """
    import PIL.Image

    if is_ndarray(value):
        return array_to_pil(value, component)
    if is_pil_image(value):
        return value
    if isinstance(value, (str, Path)):
        path = download_to_cache(str(value), component) if is_url(value) else str(value)
        try:
            image = PIL.Image.open(path)
            image.load()
        except (OSError, PIL.UnidentifiedImageError) as exc:
            raise ValueError(f"{component}: cannot read {str(value)!r} as an image.") from exc
        return image
    raise TypeError(
        f"{component}: expected an image (a NumPy array, a PIL image, or a file path or URL), "
        f"got {type(value).__name__}."
    )


# -- encoding and saving ------------------------------------------------------------------------
def _text_metadata(image: PIL.Image.Image) -> PIL.PngImagePlugin.PngInfo:
    import PIL.PngImagePlugin

    info = PIL.PngImagePlugin.PngInfo()
    for key, value in image.info.items():
        if isinstance(key, str) and isinstance(value, str):
            info.add_text(key, value)
    return info


def _pil_format(format: str) -> str:
    lowered = format.lower()
    return "jpeg" if lowered == "jpg" else lowered


def encode_pil(image: PIL.Image.Image, format: str) -> bytes:
    """Encode a Pillow image in ``format``, keeping text metadata (PNG) or EXIF (others).

    GIFs keep all their frames.

    Raises:
        KeyError, ValueError, OSError: Pillow cannot write the image in that format.
    """
    import PIL.ImageSequence

    pil_format = _pil_format(format)
    buffer = io.BytesIO()
    if pil_format == "gif":
        frames = [frame.copy() for frame in PIL.ImageSequence.Iterator(image)]
        frames[0].save(buffer, format="gif", save_all=True, append_images=frames[1:], loop=0)
    elif pil_format == "png":
        image.save(buffer, format="png", pnginfo=_text_metadata(image))
    else:
        exif = image.info.get("exif")
        if exif:
            image.save(buffer, format=pil_format, exif=exif)
        else:
            image.save(buffer, format=pil_format)
    return buffer.getvalue()


def save_pil(image: PIL.Image.Image, format: str, name: str = "image") -> str:
    """Save a Pillow image into the file cache as ``<name>.<format>``.

    Falls back to PNG when Pillow cannot write the image in ``format`` (an unknown format,
    or e.g. transparency in JPEG).

    Returns:
        The path of the saved file.
    """
    try:
        data = encode_pil(image, format)
        extension = format
    except (KeyError, ValueError, OSError):
        data = encode_pil(image, "png")
        extension = "png"
    return str(default_cache().store_bytes(data, f"{name}.{extension}"))


def save_image(value: Any, format: str, component: str) -> str:
    """Store an image returned by a user function in the file cache.

    Args:
        value: A NumPy array, a Pillow image, or a local path or URL of an image file.
        format: Format used for arrays and Pillow images.
        component: Name of the component, used in error messages.

    Returns:
        The path of the image in the cache, or the URL unchanged.

    Raises:
        TypeError: ``value`` is not an image.
        ValueError: The array cannot be an image or the file does not exist.
    """
    if is_ndarray(value):
        return save_pil(array_to_pil(value, component), format)
    if is_pil_image(value):
        return save_pil(value, format)
    if isinstance(value, (str, Path)):
        return cache_file(value, component)
    raise TypeError(
        f"{component}: cannot show a value of type {type(value).__name__} as an image; expected "
        "a NumPy array, a PIL image, or a file path or URL."
    )


def is_svg(value: Any) -> bool:
    """Whether ``value`` is a path or URL of an SVG file."""
    return isinstance(value, (str, Path)) and str(value).lower().endswith(".svg")


def svg_file_data(value: str | Path, component: str) -> dict[str, Any]:
    """A FileData payload carrying an SVG image inline, as a ``data:`` URL."""
    text = str(value)
    source = download_to_cache(text, component) if is_url(text) else text
    try:
        content = Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"{component}: cannot read the SVG file {text!r}.") from exc
    url = f"data:image/svg+xml,{urllib.parse.quote(content)}"
    return file_data(None, url=url, orig_name=Path(urllib.parse.urlparse(text).path).name)


# -- watermarks ---------------------------------------------------------------------------------
def watermark_fields(options: Any) -> tuple[Any, Any]:
    """The (watermark image, position) of WatermarkOptions, a dict, or None."""
    if isinstance(options, dict):
        return options.get("watermark"), options.get("position", "bottom-right")
    return getattr(options, "watermark", None), getattr(options, "position", "bottom-right")


def add_watermark(base: Any, options: Any, component: str) -> Any:
    """Draw the watermark of ``options`` (WatermarkOptions or a dict) over an image.

    The watermark is pasted unscaled at a named corner (10 pixels from the edges) or at
    (x, y); a position that would not fit falls back to the bottom-right corner.

    Returns:
        The watermarked Pillow image, or ``base`` unchanged when there is no watermark.
    """
    mark_value, position = watermark_fields(options)
    if options is None or mark_value is None:
        return base
    image = to_pil(base, component)
    mark = to_pil(mark_value, component).convert("RGBA")
    width, height = image.size
    mark_width, mark_height = mark.size
    corners = {
        "top-left": (_WATERMARK_PADDING, _WATERMARK_PADDING),
        "top-right": (width - mark_width - _WATERMARK_PADDING, _WATERMARK_PADDING),
        "bottom-left": (_WATERMARK_PADDING, height - mark_height - _WATERMARK_PADDING),
    }
    fallback = (width - mark_width - _WATERMARK_PADDING, height - mark_height - _WATERMARK_PADDING)
    if isinstance(position, (list, tuple)) and len(position) == 2:
        x, y = int(position[0]), int(position[1])
    else:
        x, y = corners.get(str(position), fallback)
    if x < 0 or y < 0 or x + mark_width > width or y + mark_height > height:
        x, y = fallback
    mode = image.mode
    canvas = image.convert("RGBA")
    canvas.paste(mark, (x, y), mask=mark)
    return canvas.convert(mode)


# -- postprocess --------------------------------------------------------------------------------
def image_file_data(
    value: Any, format: str, component: str, watermark: Any = None
) -> dict[str, Any] | None:
    """The payload of an image returned by a user function (the Image component's form).

    SVG files are sent inline as a ``data:`` URL; other images are stored in the cache.
    """
    if value is None:
        return None
    if is_svg(value):
        if watermark is not None and watermark_fields(watermark)[0] is not None:
            warnings.warn(
                f"{component}: SVG images cannot be watermarked; no watermark is applied.",
                UserWarning,
                stacklevel=2,
            )
        return svg_file_data(value, component)
    value = add_watermark(value, watermark, component)
    saved = save_image(value, format, component)
    return file_data(saved, orig_name=None if is_url(saved) else Path(saved).name)


# -- preprocess ---------------------------------------------------------------------------------
def decode_data_url(url: str, component: str) -> PIL.Image.Image:
    """Decode a base64 ``data:`` URL into a Pillow image (EXIF orientation applied)."""
    import PIL.Image

    _, _, encoded = url.partition(",")
    try:
        image = PIL.Image.open(io.BytesIO(base64.b64decode(encoded, validate=False)))
    except (binascii.Error, OSError, PIL.UnidentifiedImageError) as exc:
        raise PayloadError(f"{component}: the data URL does not hold a readable image.") from exc
    return apply_exif_orientation(image)


def apply_exif_orientation(image: PIL.Image.Image) -> PIL.Image.Image:
    """Rotate or flip an image as its EXIF orientation tag says (no-op without one)."""
    import PIL.ImageOps

    if image.getexif().get(_EXIF_ORIENTATION, 1) == 1:
        return image
    try:
        transposed = PIL.ImageOps.exif_transpose(image)
    except (OSError, ValueError, TypeError):
        warnings.warn("Failed to rotate the image according to its EXIF data.", stacklevel=2)
        return image
    return transposed if transposed is not None else image


def open_received_image(ref: FileRef, component: str, *, load: bool = True) -> PIL.Image.Image:
    """Open an uploaded image file.

    Args:
        ref: The received file.
        component: Name of the component, used in error messages.
        load: Whether to read the pixels now, which closes the file (except for images with
            several frames, which keep it open to seek between frames).

    Raises:
        PayloadError: The file is missing or is not an image.
    """
    import PIL.Image

    path = existing_path(ref, component)
    try:
        image = PIL.Image.open(path)
        if load:
            image.load()
    except (OSError, PIL.UnidentifiedImageError) as exc:
        raise PayloadError(f"{component}: the uploaded file {ref.name!r} is not an image.") from exc
    return image


def convert_mode(image: PIL.Image.Image, mode: str | None) -> PIL.Image.Image:
    """Convert to a Pillow mode (no-op when ``mode`` is None or already the image's mode)."""
    if mode is None or image.mode == mode:
        return image
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return image.convert(mode)


def format_image(image: PIL.Image.Image, type: ImageType, name: str, format: str) -> Any:
    """Hand an image over in the form chosen by a component's ``type``."""
    import numpy as np

    if type == "pil":
        return image
    if type == "numpy":
        return np.array(image)
    return save_pil(image, format, name)


def name_and_format(ref: FileRef, default_format: str) -> tuple[str, str]:
    """The stem and format to save a received image under, from its original name."""
    if ref.orig_name:
        original = Path(ref.orig_name)
        suffix = original.suffix.lstrip(".").lower()
        return original.stem or "image", _pil_format(suffix) if suffix else default_format
    return "image", default_format


def preprocess_image(
    payload: Any, *, type: ImageType, image_mode: str | None, format: str, component: str
) -> Any:
    """Turn an image payload into a NumPy array, a Pillow image or a file path.

    The image is rotated following its EXIF orientation and converted to ``image_mode``
    (GIFs keep their mode). With ``type="filepath"`` the uploaded file's path is returned as
    is when no conversion is needed, otherwise the converted image is saved to the cache.
    SVG images can only be received as file paths.

    Raises:
        PayloadError: The payload is not an image payload, or the file is not an image.
    """
    if payload is None:
        return None
    ref = parse_file(payload, component, require_path=False)
    if ref.url is not None and ref.url.startswith("data:"):
        image = convert_mode(decode_data_url(ref.url, component), image_mode)
        return format_image(image, type, "image", format)
    name, suffix = name_and_format(ref, format)
    if suffix == "svg" or (ref.path or "").lower().endswith(".svg"):
        if type == "filepath":
            return existing_path(ref, component)
        raise PayloadError(
            f"{component}: SVG images can only be received as file paths (type='filepath')."
        )
    image = open_received_image(ref, component, load=False)
    if type == "filepath" and image_mode in (None, image.mode):
        image.close()
        return ref.path
    try:
        image.load()
    except OSError as exc:
        image.close()
        raise PayloadError(f"{component}: the uploaded file {ref.name!r} is not an image.") from exc
    image = apply_exif_orientation(image)
    if suffix != "gif":
        image = convert_mode(image, image_mode)
    return format_image(image, type, name, suffix)


def read_image_file(path: str | os.PathLike[str], type: ImageType) -> Any:
    """Open a local image file in the form chosen by ``type`` (no conversion)."""
    import numpy as np
    import PIL.Image

    if type == "filepath":
        return str(path)
    image = PIL.Image.open(path)
    if type == "numpy":
        with image:
            return np.array(image)
    image.load()
    return image
