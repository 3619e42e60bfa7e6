"""Video: video files, converted with ffmpeg when a format, mirroring or a watermark asks for it.

Passing files through needs no external tool; converting to ``format``, mirroring webcam
recordings, removing the audio track and watermarking need the ``ffmpeg`` executable and
raise a ``RuntimeError`` saying so when it is missing.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path
from typing import Any

from specblocks._generated.video import VideoBase
from specblocks.core._files import default_cache
from specblocks.core._image_io import watermark_fields
from specblocks.core._media_io import (
    cache_file,
    download_to_cache,
    existing_path,
    file_data,
    is_url,
    parse_file,
    run_ffmpeg,
    url_file_name,
)

_MARGIN = 5
_OVERLAYS = {
    "top-left": f"overlay={_MARGIN}:{_MARGIN}",
    "top-right": f"overlay=W-w-{_MARGIN}:{_MARGIN}",
    "bottom-left": f"overlay={_MARGIN}:H-h-{_MARGIN}",
    "bottom-right": f"overlay=W-w-{_MARGIN}:H-h-{_MARGIN}",
}


def _extension(video: str) -> str:
    name = url_file_name(video) if is_url(video) else Path(video).name
    return Path(name).suffix.lstrip(".")


class Video(VideoBase):
    __doc__ = VideoBase.__doc__

    # -- settings ---------------------------------------------------------------------------
    def _sources(self) -> list[str]:
        if self.sources is None:
            return ["upload", "webcam"]
        return [self.sources] if isinstance(self.sources, str) else list(self.sources)

    def _keeps_audio(self) -> bool:
        if self.include_audio is not None:
            return self.include_audio
        return "upload" in self._sources()

    def config_props(self) -> dict[str, Any]:
        """The sources as a list, and whether the audio track is kept (by default: uploads)."""
        return {"sources": self._sources(), "include_audio": self._keeps_audio()}

    def _mirrors(self) -> bool:
        mirror = True if self.webcam_options is None else self.webcam_options.mirror
        return self._sources() == ["webcam"] and bool(mirror)

    def _watermark(self) -> tuple[Any, Any]:
        return watermark_fields(self.watermark)

    # -- preprocess -------------------------------------------------------------------------
    def preprocess(self, payload: Any) -> str | None:
        """Pass the uploaded video's path, converted first when the settings ask for it.

        The file is converted to ``format`` when it has another extension, mirrored when
        the only source is a mirrored webcam, and loses its audio track when
        ``include_audio`` is false (by default, when "upload" is not a source). Converted
        files are written next to the upload and reused.

        Args:
            payload: A FileData object, or None.

        Returns:
            The path of the video file, or None.

        Raises:
            PayloadError: The payload is not a file payload, or the file is missing.
            RuntimeError: A conversion is needed and ffmpeg is missing or fails.
        """
        if payload is None:
            return None
        ref = parse_file(payload, self.NAME)
        path = Path(ref.path or "")
        uploaded = path.suffix.lstrip(".")
        reformat = self.format is not None and uploaded != self.format
        flip = self._mirrors()
        keep_audio = self._keeps_audio()
        if not (reformat or flip or not keep_audio):
            return str(path)
        source = existing_path(ref, self.NAME)
        extension = self.format if reformat and self.format is not None else uploaded
        prefix = "" if keep_audio else "muted_"
        target = path.with_name(f"{prefix}{path.stem}{'_flip' if flip else ''}.{extension}")
        if target.exists():
            return str(target.resolve())
        options = ["-vf", "hflip", "-c:a", "copy"] if flip else []
        options += [] if keep_audio else ["-an"]
        run_ffmpeg(["-y", "-i", source, *options, str(target)], f"{self.NAME}: converting")
        return str(target.resolve())

    # -- postprocess ------------------------------------------------------------------------
    def _encode(self, video: str, extension: str) -> str:
        """Convert and/or watermark ``video`` with ffmpeg; return the result in the cache."""
        mark, position = self._watermark()
        inputs = ["-i", video]
        options: list[str] = []
        stem = Path(video).stem
        if mark is not None:
            if not isinstance(mark, (str, Path)):
                raise ValueError(
                    f"{self.NAME}: the watermark must be the path of a PNG or JPEG file, got "
                    f"{type(mark).__name__}."
                )
            inputs += ["-i", str(mark)]
            if isinstance(position, (list, tuple)):
                overlay = f"overlay={position[0]}:{position[1]}"
            else:
                overlay = _OVERLAYS.get(str(position), _OVERLAYS["bottom-right"])
            options += ["-filter_complex", overlay]
            stem += "_watermarked"
        with tempfile.TemporaryDirectory(dir=default_cache().root) as folder:
            target = Path(folder) / f"{stem}.{extension}"
            run_ffmpeg(["-y", *inputs, *options, str(target)], f"{self.NAME}: converting")
            return str(default_cache().store_file(target))

    def _format_video(self, video: str) -> dict[str, Any]:
        extension = _extension(video)
        reformat = self.format is not None and extension.lower() != self.format
        watermarked = self._watermark()[0] is not None
        if not (reformat or watermarked):
            if is_url(video):
                return file_data(video)
            stored = cache_file(video, self.NAME)
            return file_data(stored, orig_name=Path(stored).name)
        source = download_to_cache(video, self.NAME) if is_url(video) else video
        if not Path(source).is_file():
            raise ValueError(f"{self.NAME}: the returned file {video!r} does not exist.")
        stored = self._encode(source, self.format if reformat and self.format else extension)
        return file_data(stored, orig_name=Path(stored).name)

    def postprocess(self, value: Any) -> Any:
        """Store a returned video in the cache, converting or watermarking it if needed.

        Args:
            value: ``str`` or ``Path``: path or URL of a video; or a ``(video, subtitles)``
                tuple, whose subtitles cannot travel with the video (a warning says to use
                the ``subtitles`` setting instead); or None. While streaming, each value is
                passed on unchanged.

        Returns:
            The FileData payload, or None.

        Raises:
            TypeError: ``value`` is not a video path.
            ValueError: The file does not exist.
            RuntimeError: A conversion or watermark is needed and ffmpeg is missing or fails.
        """
        if self.streaming:
            return value
        if isinstance(value, (tuple, list)):
            if len(value) != 2:
                raise TypeError(f"{self.NAME}: expected a video path or a (video, subtitles) pair.")
            value, subtitles = value
            if subtitles is not None:
                warnings.warn(
                    f"{self.NAME}: subtitles returned with the video are ignored; set them with "
                    "the `subtitles` parameter (e.g. gr.update(subtitles=...)).",
                    UserWarning,
                    stacklevel=2,
                )
        if value is None:
            return None
        if not isinstance(value, (str, Path)):
            raise TypeError(
                f"{self.NAME}: expected the path or URL of a video, got {type(value).__name__}."
            )
        return self._format_video(str(value))
