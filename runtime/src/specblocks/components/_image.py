"""Image, ImageSlider and SimpleImage: single images and pairs of images."""

from __future__ import annotations

from typing import Any

from specblocks._generated.image import ImageBase
from specblocks._generated.image_slider import ImageSliderBase
from specblocks._generated.simple_image import SimpleImageBase
from specblocks.core._exceptions import PayloadError
from specblocks.core._image_io import checked_image_type, image_file_data, preprocess_image
from specblocks.core._media_io import path_file_data, payload_path


class Image(ImageBase):
    __doc__ = ImageBase.__doc__

    def preprocess(self, payload: Any) -> Any:
        """Turn an image payload into an array, a Pillow image or a path, following ``type``.

        The image is rotated according to its EXIF orientation and converted to
        ``image_mode`` (except GIFs); SVG images are only accepted with ``type="filepath"``.

        Args:
            payload: A FileData object (or one holding a base64 ``data:`` URL), or None.

        Returns:
            ``np.ndarray`` of shape (height, width, channels), ``PIL.Image.Image`` or ``str``;
            None when there is no image.

        Raises:
            PayloadError: The payload is not an image.
        """
        return preprocess_image(
            payload,
            type=checked_image_type(self.NAME, self.type),
            image_mode=self.image_mode,
            format=self.format,
            component=self.NAME,
        )

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Store a returned image in the cache and describe it as a FileData payload.

        Arrays and Pillow images are saved in ``format`` (PNG when Pillow cannot write that
        format); files are copied into the cache; URLs are passed on; SVG files are sent
        inline. The watermark, when set, is drawn first.

        Args:
            value: ``np.ndarray``, ``PIL.Image.Image``, ``str`` or ``Path`` (path or URL), or
                None to clear the component.

        Returns:
            The FileData payload, or None.

        Raises:
            TypeError: ``value`` is not an image.
            ValueError: The array cannot be an image or the file does not exist.
        """
        return image_file_data(value, self.format, self.NAME, self.watermark)


class ImageSlider(ImageSliderBase):
    __doc__ = ImageSliderBase.__doc__

    def preprocess(self, payload: Any) -> tuple[Any, Any] | None:
        """Turn a pair of image payloads into a pair of images in the form set by ``type``.

        Args:
            payload: A two-item list of FileData objects (either may be null), or None.

        Returns:
            A tuple of two images (each None when missing), or None.

        Raises:
            PayloadError: The payload is not a pair of images.
        """
        if payload is None:
            return None
        if not isinstance(payload, (list, tuple)) or len(payload) != 2:
            raise PayloadError(f"{self.NAME}: expected a list of two image payloads.")
        image_type = checked_image_type(self.NAME, self.type)
        first, second = (
            preprocess_image(
                item,
                type=image_type,
                image_mode=self.image_mode,
                format=self.format,
                component=self.NAME,
            )
            for item in payload
        )
        return first, second

    def postprocess(self, value: Any) -> list[dict[str, Any] | None] | None:
        """Store a returned pair of images in the cache.

        Args:
            value: A tuple (or list) of two images, each an array, a Pillow image, a path or
                URL, or None; or None to clear the component.

        Returns:
            A two-item list of FileData payloads (None for a missing image), or None.

        Raises:
            TypeError: ``value`` is not a pair, or an item is not an image.
        """
        if value is None:
            return None
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise TypeError(
                f"{self.NAME}: expected a tuple of two images, got {type(value).__name__}."
            )
        return [image_file_data(item, self.format, self.NAME) for item in value]


class SimpleImage(SimpleImageBase):
    __doc__ = SimpleImageBase.__doc__

    def preprocess(self, payload: Any) -> str | None:
        """Pass the uploaded image's path.

        Args:
            payload: A FileData object, or None.

        Returns:
            The file's path on the server, or None.

        Raises:
            PayloadError: The payload is not a file payload.
        """
        return payload_path(payload, self.NAME)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Copy a returned image file into the cache (URLs are passed on).

        Args:
            value: ``str`` or ``Path``: path or URL of the image, or None.

        Returns:
            The FileData payload, or None.

        Raises:
            TypeError: ``value`` is not a path.
            ValueError: The file does not exist.
        """
        return path_file_data(value, self.NAME)
