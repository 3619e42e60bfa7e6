"""Gallery: a list of images and videos, each with an optional caption."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from specblocks._generated.gallery import GalleryBase
from specblocks.core._exceptions import PayloadError
from specblocks.core._image_io import (
    checked_image_type,
    is_svg,
    read_image_file,
    save_image,
    svg_file_data,
)
from specblocks.core._loaded import is_ndarray, is_pil_image
from specblocks.core._media_io import (
    cache_file,
    check_file_types,
    existing_path,
    file_data,
    guess_mime_type,
    is_url,
    parse_file,
    url_file_name,
)


class Gallery(GalleryBase):
    __doc__ = GalleryBase.__doc__

    # -- preprocess -------------------------------------------------------------------------
    def _receive(self, item: Any) -> tuple[Any, str | None]:
        import PIL

        if not isinstance(item, Mapping) or not ("image" in item or "video" in item):
            raise PayloadError(
                f"{self.NAME}: each gallery item must be an object with 'image' or 'video'."
            )
        caption = item.get("caption")
        if caption is not None and not isinstance(caption, str):
            raise PayloadError(f"{self.NAME}: a caption must be a string or null.")
        is_video = "video" in item
        ref = parse_file(item["video"] if is_video else item["image"], self.NAME)
        check_file_types(ref.path or "", self.file_types, self.NAME)
        if is_video:
            return ref.path, caption
        image_type = checked_image_type(self.NAME, self.type)
        if image_type == "filepath":
            return ref.path, caption
        path = existing_path(ref, self.NAME)
        try:
            return read_image_file(path, image_type), caption
        except (OSError, PIL.UnidentifiedImageError) as exc:
            raise PayloadError(f"{self.NAME}: {ref.name!r} is not an image.") from exc

    def preprocess(self, payload: Any) -> list[tuple[Any, str | None]] | None:
        """Turn the gallery's items into (media, caption) pairs.

        Images come in the form set by ``type`` (array, Pillow image or path); videos are
        always paths.

        Args:
            payload: A list of ``{"image": FileData, "caption": str | None}`` or
                ``{"video": FileData, "caption": str | None}`` objects, or None.

        Returns:
            A list of ``(media, caption)`` tuples, or None when the gallery is empty.

        Raises:
            PayloadError: The payload does not have that shape, or a file's type is not in
                ``file_types``.
        """
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise PayloadError(f"{self.NAME}: expected a list of gallery items.")
        if not payload:
            return None
        return [self._receive(item) for item in payload]

    # -- postprocess ------------------------------------------------------------------------
    def _send(self, item: Any) -> dict[str, Any]:
        caption: Any = None
        if isinstance(item, (tuple, list)):
            if len(item) != 2:
                raise TypeError(f"{self.NAME}: a captioned item must be a (media, caption) pair.")
            item, caption = item
        if caption is not None:
            caption = str(caption)
        mime_type: str | None = None
        if is_ndarray(item) or is_pil_image(item):
            media = file_data(save_image(item, self.format, self.NAME))
        elif isinstance(item, str) and is_svg(item):
            media = svg_file_data(item, self.NAME)
            media["mime_type"] = mime_type = guess_mime_type(item)
        elif isinstance(item, str) and is_url(item):
            mime_type = guess_mime_type(url_file_name(item))
            media = file_data(item, url=item, orig_name=url_file_name(item), mime_type=mime_type)
        elif isinstance(item, (str, Path)):
            mime_type = guess_mime_type(item)
            media = file_data(
                cache_file(item, self.NAME), orig_name=Path(item).name, mime_type=mime_type
            )
        else:
            raise TypeError(
                f"{self.NAME}: cannot show a value of type {type(item).__name__}; expected a "
                "NumPy array, a PIL image, or the path or URL of an image or video."
            )
        key = "video" if mime_type is not None and "video" in mime_type else "image"
        return {key: media, "caption": caption}

    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        """Store the returned images and videos in the cache.

        Args:
            value: A list of media, or of ``(media, caption)`` pairs, where media is an array,
                a Pillow image, or the path or URL of an image or video (videos are told
                apart by their extension); or None for an empty gallery.

        Returns:
            A list of ``{"image"|"video": FileData, "caption": str | None}`` objects.

        Raises:
            TypeError: ``value`` is not a list of media.
        """
        if value is None:
            return []
        if isinstance(value, (str, Path, bytes, Mapping)) or not hasattr(value, "__iter__"):
            raise TypeError(
                f"{self.NAME}: the value must be a list of images or videos, or a list of "
                f"(media, caption) tuples; got {type(value).__name__}."
            )
        return [self._send(item) for item in value]
