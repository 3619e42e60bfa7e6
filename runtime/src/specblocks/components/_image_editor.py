"""ImageEditor: a background image, drawn layers and their flattened composite."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from specblocks._generated.image_editor import ImageEditorBase
from specblocks._generated.payloads import Brush, Eraser
from specblocks.core._exceptions import PayloadError
from specblocks.core._image_io import (
    checked_image_type,
    convert_mode,
    format_image,
    name_and_format,
    open_received_image,
    save_image,
)
from specblocks.core._loaded import is_ndarray, is_pil_image
from specblocks.core._media_io import file_data, is_url, parse_file

_ALPHA_MODES = ("RGBA", "LA", "PA")


#: The brush colours offered when ``Brush.colors`` is None.
DEFAULT_PALETTE = (
    "rgb(204, 50, 50)",
    "rgb(173, 204, 50)",
    "rgb(50, 204, 112)",
    "rgb(50, 112, 204)",
    "rgb(173, 50, 204)",
)
_NO_LAYERS = {"allow_additional_layers": True, "layers": None, "disabled": True}


def _tool(settings: BaseModel | Literal[False] | None, default: type[BaseModel]) -> Any:
    """A tool's settings as a dict (its defaults when None), or False for no tool."""
    if settings is False:
        return False
    return (settings or default()).model_dump()


class ImageEditor(ImageEditorBase):
    __doc__ = ImageEditorBase.__doc__

    def config_props(self) -> dict[str, Any]:
        """The tools' settings resolved as Gradio's config gives them.

        ``brush`` and ``eraser`` with their defaults (the default palette, the first colour
        as the starting one), ``layers`` as layer options (true: the defaults, false:
        disabled) with one layer named "Layer 1" when none are named.
        """
        brush = _tool(self.brush, Brush)
        if brush is not False:
            if brush.get("colors") is None:
                brush["colors"] = list(DEFAULT_PALETTE)
            if brush.get("default_color") is None:
                colors = brush["colors"]
                brush["default_color"] = colors[0] if isinstance(colors, list) else colors
        layers: dict[str, Any]
        if isinstance(self.layers, bool):
            layers = {**_NO_LAYERS, "disabled": not self.layers}
        else:
            layers = self.layers.model_dump()
        layers["layers"] = layers.get("layers") or ["Layer 1"]
        return {"brush": brush, "eraser": _tool(self.eraser, Eraser), "layers": layers}

    def _receive(self, payload: Any, *, flatten_on_white: bool) -> Any:
        """One image of the editor's payload, converted to ``image_mode`` and ``type``."""
        import PIL.Image

        if payload is None:
            return None
        ref = parse_file(payload, self.NAME)
        image = open_received_image(ref, self.NAME)
        name, suffix = name_and_format(ref, self.format)
        if (
            flatten_on_white
            and self.image_mode not in _ALPHA_MODES
            and ("A" in image.getbands() or "transparency" in image.info)
        ):
            # The canvas exports transparent pixels as black: put them over white instead.
            rgba = convert_mode(image, "RGBA")
            image = PIL.Image.alpha_composite(PIL.Image.new("RGBA", rgba.size, "white"), rgba)
        image = convert_mode(image, self.image_mode)
        return format_image(image, checked_image_type(self.NAME, self.type), name, suffix)

    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        """Turn the editor's payload into a dict of images in the form set by ``type``.

        Every image is converted to ``image_mode``; for modes without transparency, the
        background and the composite are flattened over white first.

        Args:
            payload: An object with "background" (FileData or null), "layers" (list of
                FileData) and "composite" (FileData or null); or None.

        Returns:
            ``{"background": image | None, "layers": list[image], "composite": image | None}``
            (each image an array, a Pillow image or a path), or None.

        Raises:
            PayloadError: The payload does not have that shape or holds a non-image file.
        """
        if payload is None:
            return None
        if not isinstance(payload, Mapping):
            raise PayloadError(
                f"{self.NAME}: expected an object with 'background', 'layers' and 'composite'."
            )
        layers = payload.get("layers") or []
        if not isinstance(layers, list):
            raise PayloadError(f"{self.NAME}: 'layers' must be a list of file payloads.")
        received = [self._receive(layer, flatten_on_white=False) for layer in layers]
        return {
            "background": self._receive(payload.get("background"), flatten_on_white=True),
            "layers": [layer for layer in received if layer is not None],
            "composite": self._receive(payload.get("composite"), flatten_on_white=True),
        }

    def _send(self, image: Any) -> dict[str, Any] | None:
        if image is None:
            return None
        saved = save_image(image, self.format, self.NAME)
        # The file name travels back with the edited value, so the background keeps its name
        # and format instead of being re-encoded as "image.<format>".
        return file_data(saved, orig_name=None if is_url(saved) else Path(saved).name)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Store the returned images in the cache.

        Args:
            value: A mapping (or ``EditorValue``) with "background", "layers" and
                "composite"; or a single image (array, Pillow image, path or URL), shown as
                both background and composite; or None to clear the editor.

        Returns:
            The editor payload with FileData objects, or None.

        Raises:
            TypeError: ``value`` is neither a mapping of images nor an image.
        """
        if value is None:
            return None
        if isinstance(value, BaseModel):
            value = value.model_dump()
        if is_ndarray(value) or is_pil_image(value) or isinstance(value, (str, Path)):
            value = {"background": value, "layers": [], "composite": value}
        if not isinstance(value, Mapping):
            raise TypeError(
                f"{self.NAME}: expected a dict with 'background', 'layers' and 'composite', or "
                f"a single image; got {type(value).__name__}."
            )
        layers = value.get("layers") or []
        if not isinstance(layers, (list, tuple)):
            raise TypeError(f"{self.NAME}: 'layers' must be a list of images.")
        return {
            "background": self._send(value.get("background")),
            "layers": [self._send(layer) for layer in layers if layer is not None],
            "composite": self._send(value.get("composite")),
            "id": None,
        }
