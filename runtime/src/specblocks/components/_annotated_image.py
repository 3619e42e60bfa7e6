"""AnnotatedImage: a base image with labelled boxes or masks drawn over it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specblocks._generated.annotated_image import AnnotatedImageBase
from specblocks.core._exceptions import PayloadError
from specblocks.core._image_io import array_to_pil, save_pil
from specblocks.core._loaded import is_ndarray, is_pil_image
from specblocks.core._media_io import file_data, local_file, parse_file

if TYPE_CHECKING:
    import numpy as np

_BOX_BORDER = 3
_BOX_FILL = 0.5
_DEFAULT_COLOR = (255, 0, 0)
_BOX_SIZE = 4


class AnnotatedImage(AnnotatedImageBase):
    __doc__ = AnnotatedImageBase.__doc__

    def preprocess(self, payload: Any) -> tuple[str | None, list[tuple[str | None, str]]] | None:
        """Pass the base image's path and the (mask path, label) pairs.

        Args:
            payload: ``{"image": FileData, "annotations": [{"image": FileData, "label": str}]}``
                or None.

        Returns:
            ``(base image path, [(mask image path, label), ...])``, or None.

        Raises:
            PayloadError: The payload does not have that shape.
        """
        if payload is None:
            return None
        if not isinstance(payload, Mapping):
            raise PayloadError(f"{self.NAME}: expected an object with 'image' and 'annotations'.")
        base = parse_file(payload.get("image"), self.NAME).path
        annotations = payload.get("annotations") or []
        if not isinstance(annotations, list):
            raise PayloadError(f"{self.NAME}: 'annotations' must be a list.")
        pairs: list[tuple[str | None, str]] = []
        for annotation in annotations:
            if not isinstance(annotation, Mapping) or not isinstance(annotation.get("label"), str):
                raise PayloadError(
                    f"{self.NAME}: each annotation must be an object with 'image' and a string "
                    "'label'."
                )
            pairs.append((parse_file(annotation.get("image"), self.NAME).path, annotation["label"]))
        return base, pairs

    def _base_image(self, image: Any) -> tuple[str, np.ndarray[Any, Any]]:
        """Store the base image; return its path and its pixels (for the masks' size)."""
        import numpy as np
        import PIL.Image

        if isinstance(image, (str, Path)):
            path = local_file(image, self.NAME)
            with PIL.Image.open(path) as opened:
                return path, np.array(opened)
        if is_ndarray(image):
            return save_pil(array_to_pil(image, self.NAME), self.format), image
        if is_pil_image(image):
            return save_pil(image, self.format), np.array(image)
        raise TypeError(
            f"{self.NAME}: the base image must be a file path or URL, a PIL image or a NumPy "
            f"array; got {type(image).__name__}."
        )

    def _color(self, label: str) -> tuple[int, int, int]:
        import PIL.ImageColor

        color = (self.color_map or {}).get(label)
        if color is None:
            return _DEFAULT_COLOR
        try:
            rgb = PIL.ImageColor.getrgb(color)
        except ValueError as exc:
            raise ValueError(f"{self.NAME}: invalid color {color!r} for label {label!r}.") from exc
        return rgb[0], rgb[1], rgb[2]

    def _mask(self, annotation: Any, height: int, width: int) -> np.ndarray[Any, Any]:
        """The 0-1 confidence mask of a mask array or an (x1, y1, x2, y2) box."""
        import numpy as np

        if is_ndarray(annotation):
            if annotation.shape[:2] != (height, width) or annotation.ndim != 2:
                raise ValueError(
                    f"{self.NAME}: a mask must have the image's shape {(height, width)}, got "
                    f"{annotation.shape}."
                )
            return annotation.astype(np.float64)
        if not isinstance(annotation, Sequence) or len(annotation) != _BOX_SIZE:
            raise TypeError(
                f"{self.NAME}: an annotation must be a NumPy mask or an (x1, y1, x2, y2) box; "
                f"got {annotation!r}."
            )
        x1, y1, x2, y2 = (int(coordinate) for coordinate in annotation)
        mask = np.zeros((height, width))
        mask[y1:y2, x1:x2] = _BOX_FILL
        mask[y1:y2, x1 : x1 + _BOX_BORDER] = 1
        mask[y1:y2, x2 - _BOX_BORDER : x2] = 1
        mask[y1 : y1 + _BOX_BORDER, x1:x2] = 1
        mask[y2 - _BOX_BORDER : y2, x1:x2] = 1
        return mask

    def _mask_file(self, mask: np.ndarray[Any, Any], color: tuple[int, int, int]) -> str:
        """Save a mask as a PNG colored with ``color``, its confidence as opacity."""
        import numpy as np
        import PIL.Image

        colored = np.zeros((*mask.shape, 4), dtype=np.uint8)
        solid = mask > 0
        for channel, value in enumerate(color):
            colored[:, :, channel] = solid * value
        colored[:, :, 3] = np.clip(mask * 255, 0, 255).astype(np.uint8)
        return save_pil(PIL.Image.fromarray(colored), "png")

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Store the base image and one colored PNG per annotation in the cache.

        Boxes are drawn as a 3-pixel border with a half-transparent fill; masks keep their
        0-1 confidence as opacity. Colors come from ``color_map`` (red by default).

        Args:
            value: ``(image, [(mask or (x1, y1, x2, y2), label), ...])`` where the image is a
                path or URL, a Pillow image or an array; or None.

        Returns:
            ``{"image": FileData, "annotations": [{"image": FileData, "label": str}]}``, or
            None.

        Raises:
            TypeError: ``value`` does not have that shape.
            ValueError: A mask does not match the image size, or a color is invalid.
        """
        if value is None:
            return None
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise TypeError(
                f"{self.NAME}: expected a tuple (image, annotations), got {type(value).__name__}."
            )
        image, annotations = value
        base_path, pixels = self._base_image(image)
        height, width = int(pixels.shape[0]), int(pixels.shape[1])
        sections = []
        for pair in annotations or []:
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(f"{self.NAME}: each annotation must be a (mask, label) pair.")
            mask, label = pair
            label = str(label)
            mask_path = self._mask_file(self._mask(mask, height, width), self._color(label))
            sections.append({"image": file_data(mask_path), "label": label})
        return {"image": file_data(base_path), "annotations": sections}
