"""Audio: (sample rate, samples) pairs and audio files.

WAV works with no external tools. Any other format (reading an uploaded MP3 as samples,
``format="mp3"``, converting between formats) needs the ``ffmpeg`` executable and raises a
``RuntimeError`` saying so when it is missing.
"""

from __future__ import annotations

import numbers
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specblocks._generated.audio import AudioBase
from specblocks.core._audio_io import (
    AudioChunk,
    AudioFormatError,
    chunk_seconds,
    convert_audio_file,
    decode_audio,
    detect_extension,
    save_audio,
)
from specblocks.core._exceptions import PayloadError
from specblocks.core._files import default_cache
from specblocks.core._loaded import is_ndarray
from specblocks.core._media_io import (
    FfmpegFailedError,
    cache_file,
    download_to_cache,
    existing_path,
    file_data,
    is_url,
    parse_file,
    url_file_name,
)

if TYPE_CHECKING:
    import numpy as np


def _suffix(value: str | Path) -> str:
    text = str(value)
    name = url_file_name(text) if is_url(text) else Path(text).name
    return Path(name).suffix.lower()


class Audio(AudioBase):
    __doc__ = AudioBase.__doc__

    def _needs_conversion(self, value: str | Path) -> bool:
        return self.format is not None and _suffix(value) != f".{self.format}"

    def preprocess(self, payload: Any) -> str | tuple[int, np.ndarray[Any, Any]] | None:
        """Turn an audio payload into samples or a file path, following ``type``.

        With ``type="numpy"`` the file is decoded (WAV natively, other formats with ffmpeg);
        with ``type="filepath"`` the path is passed, after converting the file to ``format``
        when one is set and the file has another extension.

        Args:
            payload: A FileData object, or None.

        Returns:
            ``(sample_rate, samples)`` with samples of shape (frames,) or (frames, channels)
            (int16 for 16-bit audio), or the path of the audio file; None when empty.

        Raises:
            PayloadError: The payload is not a file payload, or the file is not valid audio.
            RuntimeError: The file needs ffmpeg, which is not installed
                (``FfmpegMissingError``).
        """
        if payload is None:
            return None
        ref = parse_file(payload, self.NAME)
        if self.type not in ("numpy", "filepath"):
            raise ValueError(
                f"{self.NAME}: unknown type {self.type!r}; choose from ['numpy', 'filepath']."
            )
        if self.type == "filepath" and not self._needs_conversion(ref.path or ""):
            return ref.path
        path = existing_path(ref, self.NAME)
        try:
            if self.type == "numpy":
                return decode_audio(path, self.NAME)
            assert self.format is not None
            return convert_audio_file(path, self.format, self.NAME)
        except (AudioFormatError, FfmpegFailedError) as exc:
            raise PayloadError(f"{self.NAME}: cannot read {ref.name!r} as audio: {exc}.") from exc

    def _store_samples(self, value: tuple[Any, ...]) -> str:
        if len(value) != 2:
            raise TypeError(f"{self.NAME}: expected a (sample_rate, samples) tuple.")
        sample_rate, samples = value
        if (
            isinstance(sample_rate, bool)
            or not isinstance(sample_rate, numbers.Integral)
            or int(sample_rate) <= 0
        ):
            raise TypeError(
                f"{self.NAME}: the sample rate must be a positive integer, got {sample_rate!r}."
            )
        if not is_ndarray(samples) or samples.ndim not in (1, 2):
            raise TypeError(
                f"{self.NAME}: the samples must be a NumPy array of shape (frames,) or "
                f"(frames, channels); got {type(samples).__name__}."
            )
        return save_audio(int(sample_rate), samples, self.format or "wav", self.NAME)

    def _store_file(self, value: str | Path) -> str:
        if not self._needs_conversion(value):
            return cache_file(value, self.NAME)
        assert self.format is not None
        source = download_to_cache(str(value), self.NAME) if is_url(value) else str(value)
        if not Path(source).is_file():
            raise ValueError(f"{self.NAME}: the returned file {str(value)!r} does not exist.")
        return convert_audio_file(source, self.format, self.NAME, name="audio")

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Store returned audio in the cache and describe it as a FileData payload.

        Args:
            value: A path or URL of an audio file, encoded audio ``bytes``, or a
                ``(sample_rate, samples)`` tuple (samples are converted to 16-bit, floats
                normalised by their peak, and saved as ``format``, WAV by default); or None.
                Files are converted when ``format`` is set and differs from their extension.
                (A generator's values for a ``streaming`` output go through
                :meth:`stream_chunk` instead.)

        Returns:
            The FileData payload; None for None.

        Raises:
            TypeError: ``value`` is not audio.
            ValueError: The samples cannot be converted, or the file does not exist.
            RuntimeError: A conversion needs ffmpeg, which is not installed.
        """
        if value is None:
            return None
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
            path = str(default_cache().store_bytes(data, "audio" + detect_extension(data)))
        elif isinstance(value, tuple):
            path = self._store_samples(value)
        elif isinstance(value, (str, Path)):
            path = self._store_file(value)
        else:
            raise TypeError(
                f"{self.NAME}: cannot play a value of type {type(value).__name__}; expected a "
                "file path or URL, bytes, or a (sample_rate, samples) tuple."
            )
        return file_data(path, orig_name=None if is_url(path) else Path(path).name)

    def stream_chunk(self, value: Any) -> AudioChunk | None:
        """One value a generator yielded to this ``streaming`` output, as a chunk of the stream.

        Args:
            value: Encoded audio ``bytes`` (recommended), a path or URL of an audio file, or a
                ``(sample_rate, samples)`` tuple (encoded as WAV); None adds nothing.

        Returns:
            The chunk, or None for None.

        Raises:
            TypeError: ``value`` is not audio.
            ValueError: The file does not exist.
        """
        if value is None:
            return None
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
        elif isinstance(value, tuple):
            data = Path(self._store_samples(value)).read_bytes()
        elif isinstance(value, (str, Path)):
            source = download_to_cache(str(value), self.NAME) if is_url(value) else str(value)
            if not Path(source).is_file():
                raise ValueError(f"{self.NAME}: the yielded file {str(value)!r} does not exist.")
            data = Path(source).read_bytes()
        else:
            raise TypeError(
                f"{self.NAME}: cannot stream a value of type {type(value).__name__}; expected "
                "bytes, a file path or URL, or a (sample_rate, samples) tuple."
            )
        return AudioChunk(data, detect_extension(data), chunk_seconds(data))
