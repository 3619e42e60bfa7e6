"""Audio decoding and encoding for the Audio component.

WAV is read and written in pure Python (PCM of 8, 16, 24 or 32 bits, and 32/64-bit float).
Every other format, MP3 included, goes through the ``ffmpeg`` executable and fails with a
clear error when it is not installed.
"""

from __future__ import annotations

import io
import os
import struct
import tempfile
import warnings
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specblocks.core._files import default_cache
from specblocks.core._media_io import run_ffmpeg

if TYPE_CHECKING:
    import numpy as np

_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE
_INT16_MAX = 32767
_HEADER_SIZE = 12
_CHUNK_HEADER = 8
_FMT_MIN_SIZE = 16
_EXTENSIBLE_SUBFORMAT_OFFSET = 24
_BITS_8, _BITS_16, _BITS_24, _BITS_32, _BITS_64 = 8, 16, 24, 32, 64


class AudioFormatError(ValueError):
    """A file that cannot be decoded as audio."""


@dataclass(frozen=True)
class _WavFormat:
    tag: int
    channels: int
    sample_rate: int
    bits: int


def is_wav(data: bytes) -> bool:
    """Whether ``data`` starts with a RIFF/WAVE header."""
    return len(data) >= _HEADER_SIZE and data[:4] == b"RIFF" and data[8:12] == b"WAVE"


def detect_extension(data: bytes) -> str:
    """The file extension (".wav", ".mp3" or "") matching encoded audio bytes."""
    if is_wav(data):
        return ".wav"
    if data[:3] == b"ID3" or data[:2] == b"\xff\xfb":
        return ".mp3"
    return ""


def _parse_fmt(chunk: bytes) -> _WavFormat:
    if len(chunk) < _FMT_MIN_SIZE:
        raise AudioFormatError("the WAV 'fmt ' chunk is too short")
    tag, channels, sample_rate, _, _, bits = struct.unpack("<HHIIHH", chunk[:_FMT_MIN_SIZE])
    if tag == _EXTENSIBLE and len(chunk) >= _EXTENSIBLE_SUBFORMAT_OFFSET + 2:
        (tag,) = struct.unpack(
            "<H", chunk[_EXTENSIBLE_SUBFORMAT_OFFSET : _EXTENSIBLE_SUBFORMAT_OFFSET + 2]
        )
    if channels < 1:
        raise AudioFormatError("the WAV file has no channels")
    return _WavFormat(tag=tag, channels=channels, sample_rate=sample_rate, bits=bits)


def _chunks(data: bytes) -> tuple[_WavFormat, bytes]:
    offset = _HEADER_SIZE
    fmt: _WavFormat | None = None
    while offset + _CHUNK_HEADER <= len(data):
        chunk_id = data[offset : offset + 4]
        (size,) = struct.unpack("<I", data[offset + 4 : offset + _CHUNK_HEADER])
        start = offset + _CHUNK_HEADER
        if chunk_id == b"fmt ":
            fmt = _parse_fmt(data[start : start + size])
        elif chunk_id == b"data":
            if fmt is None:
                raise AudioFormatError("the WAV 'data' chunk comes before its 'fmt ' chunk")
            # Streamed WAV files (e.g. from a pipe) leave the size unset: take the rest.
            return fmt, data[start : min(start + size, len(data))]
        offset = start + size + (size & 1)
    raise AudioFormatError("the WAV file has no 'data' chunk")


def _pcm_samples(raw: bytes, bits: int) -> np.ndarray[Any, Any]:
    import numpy as np

    if bits == _BITS_8:
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128).astype(np.int8)
    if bits == _BITS_16:
        return np.frombuffer(raw, dtype="<i2").astype(np.int16)
    if bits == _BITS_24:
        triples = np.frombuffer(raw[: len(raw) - len(raw) % 3], dtype=np.uint8).reshape(-1, 3)
        widened = np.zeros((triples.shape[0], 4), dtype=np.uint8)
        widened[:, 1:] = triples  # the 24 bits become the high bytes of a 32-bit sample
        return widened.view("<i4").reshape(-1).astype(np.int32)
    if bits == _BITS_32:
        return np.frombuffer(raw, dtype="<i4").astype(np.int32)
    raise AudioFormatError(f"{bits}-bit PCM WAV files are not supported")


def _float_samples(raw: bytes, bits: int) -> np.ndarray[Any, Any]:
    import numpy as np

    if bits not in (_BITS_32, _BITS_64):
        raise AudioFormatError(f"{bits}-bit float WAV files are not supported")
    floats = np.frombuffer(raw, dtype="<f4" if bits == _BITS_32 else "<f8")
    scaled = np.clip(floats.astype(np.float64), -1.0, 1.0) * _INT16_MAX
    return scaled.astype(np.int16)


def read_wav(data: bytes) -> tuple[int, np.ndarray[Any, Any]]:
    """Decode WAV bytes into (sample rate, samples).

    Samples have shape (frames,) for mono and (frames, channels) otherwise. Their dtype
    follows the file: int8 for 8-bit, int16 for 16-bit, int32 for 24-bit (scaled to the
    32-bit range) and 32-bit PCM; float files are scaled to int16.

    Raises:
        AudioFormatError: ``data`` is not a supported WAV file.
    """
    if not is_wav(data):
        raise AudioFormatError("not a WAV file")
    fmt, raw = _chunks(data)
    frame_bytes = fmt.channels * max(fmt.bits // 8, 1)
    raw = raw[: len(raw) - len(raw) % frame_bytes]
    if fmt.tag == _PCM:
        samples = _pcm_samples(raw, fmt.bits)
    elif fmt.tag == _FLOAT:
        samples = _float_samples(raw, fmt.bits)
    else:
        raise AudioFormatError(f"WAV encoding {fmt.tag:#x} is not supported")
    if fmt.channels > 1:
        samples = samples.reshape(-1, fmt.channels)
    return fmt.sample_rate, samples


def decode_audio(path: str | os.PathLike[str], component: str) -> tuple[int, np.ndarray[Any, Any]]:
    """Read an audio file into (sample rate, samples): WAV natively, others with ffmpeg.

    Raises:
        AudioFormatError: The file is a broken WAV file.
        FfmpegMissingError: The file is not WAV and ffmpeg is not installed.
        FfmpegFailedError: ffmpeg could not decode the file.
    """
    data = Path(path).read_bytes()
    if is_wav(data):
        return read_wav(data)
    if Path(path).suffix.lower() == ".wav":
        raise AudioFormatError("the file is named .wav but is not a WAV file")
    wav = run_ffmpeg(
        ["-i", str(path), "-f", "wav", "-acodec", "pcm_s16le", "pipe:1"],
        f"{component}: reading {Path(path).suffix or 'non-WAV'} audio",
    )
    return read_wav(wav)


def to_int16(data: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Convert samples to 16-bit integers, warning when a conversion happens.

    Floats are normalised by their peak; other integer widths are rescaled.

    Raises:
        ValueError: The dtype cannot be converted (e.g. int64).
    """
    import numpy as np

    if data.dtype == np.int16:
        return data
    converted: np.ndarray[Any, Any]
    if data.dtype.kind == "f" and data.dtype.itemsize <= _BITS_64 // 8:
        floats = data.astype(np.float64)
        peak = float(np.abs(floats).max()) if floats.size else 0.0
        converted = (
            np.zeros(floats.shape, dtype=np.int16)
            if peak == 0
            else (floats / peak * _INT16_MAX).astype(np.int16)
        )
    elif data.dtype == np.int32:
        converted = (data // 65536).astype(np.int16)
    elif data.dtype == np.uint16:
        converted = (data.astype(np.int32) - 32768).astype(np.int16)
    elif data.dtype == np.uint8:
        converted = (data.astype(np.int32) * 257 - 32768).astype(np.int16)
    elif data.dtype == np.int8:
        converted = (data.astype(np.int16) * 256).astype(np.int16)
    else:
        raise ValueError(
            f"Audio data cannot be converted automatically from {data.dtype} to 16-bit int "
            "format; use int16, int32, int8, uint8, uint16 or float samples."
        )
    warnings.warn(
        f"Trying to convert audio automatically from {data.dtype} to 16-bit int format.",
        UserWarning,
        stacklevel=3,
    )
    return converted


def wav_bytes(sample_rate: int, data: np.ndarray[Any, Any]) -> bytes:
    """Encode int16 samples of shape (frames,) or (frames, channels) as a PCM WAV file."""
    import numpy as np

    channels = 1 if data.ndim == 1 else int(data.shape[1])
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(sample_rate)
        writer.writeframes(np.ascontiguousarray(data, dtype="<i2").tobytes())
    return buffer.getvalue()


def encode_audio(
    sample_rate: int, data: np.ndarray[Any, Any], format: str, component: str
) -> bytes:
    """Encode samples as ``format`` ("wav" natively, anything else with ffmpeg)."""
    wav = wav_bytes(sample_rate, to_int16(data))
    if format == "wav":
        return wav
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "audio.wav"
        target = Path(folder) / f"audio.{format}"
        source.write_bytes(wav)
        run_ffmpeg(["-y", "-i", str(source), str(target)], f"{component}: writing {format} audio")
        return target.read_bytes()


def save_audio(
    sample_rate: int, data: np.ndarray[Any, Any], format: str, component: str, name: str = "audio"
) -> str:
    """Encode samples and store them in the file cache as ``<name>.<format>``."""
    encoded = encode_audio(sample_rate, data, format, component)
    return str(default_cache().store_bytes(encoded, f"{name}.{format}"))


def convert_audio_file(
    path: str | os.PathLike[str], format: str, component: str, name: str | None = None
) -> str:
    """Re-encode an audio file as ``format`` into the file cache; return the new path."""
    sample_rate, data = decode_audio(path, component)
    stem = name if name is not None else Path(path).stem or "audio"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # decoded int8/int32 samples: nothing to warn about
        return save_audio(sample_rate, data, format, component, stem)


# -- streamed output: chunks, their length, and the whole ----------------------------------

#: MPEG-1 Layer III bit rates (kbit/s) by the header's 4-bit index; MPEG-2/2.5 use the second.
_MP3_BITRATES = (
    (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0),
    (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0),
)
_ID3_HEADER = 10
_MP3_SYNC = 0xFFE0


@dataclass(frozen=True)
class AudioChunk:
    """One piece of a streamed audio output, as the generator yielded it (encoded)."""

    data: bytes
    extension: str  # ".wav", ".mp3", or "" when unknown
    seconds: float | None  # None when it cannot be told without decoding


def chunk_seconds(data: bytes) -> float | None:
    """How long encoded audio lasts: exact for WAV, from the first frame's bit rate for MP3."""
    if is_wav(data):
        try:
            fmt, raw = _chunks(data)
        except AudioFormatError:
            return None
        frame_bytes = fmt.channels * max(fmt.bits // 8, 1)
        return len(raw) / frame_bytes / fmt.sample_rate if fmt.sample_rate else None
    offset = 0
    if data[:3] == b"ID3" and len(data) >= _ID3_HEADER:
        size = data[6:10]
        offset = _ID3_HEADER + ((size[0] << 21) | (size[1] << 14) | (size[2] << 7) | size[3])
    if len(data) < offset + 4:
        return None
    header = int.from_bytes(data[offset : offset + 4], "big")
    if header >> 16 & _MP3_SYNC != _MP3_SYNC:
        return None
    mpeg1 = (header >> 19) & 0b11 == 0b11
    bitrate = _MP3_BITRATES[0 if mpeg1 else 1][(header >> 12) & 0xF]
    return (len(data) - offset) * 8 / (bitrate * 1000) if bitrate else None


def join_audio(chunks: list[AudioChunk], component: str) -> tuple[bytes, str]:
    """The chunks as one file: WAV chunks as one WAV, MP3 chunks end to end, others via ffmpeg.

    Returns the bytes and their extension.

    Raises:
        AudioFormatError: The chunks differ in sample rate or channel count.
        FfmpegMissingError: A chunk is neither WAV nor MP3 and ffmpeg is not installed.
    """
    import numpy as np

    if chunks and all(c.extension == ".mp3" for c in chunks):
        return b"".join(c.data for c in chunks), ".mp3"
    decoded: list[tuple[int, np.ndarray[Any, Any]]] = []
    with tempfile.TemporaryDirectory() as folder:
        for index, chunk in enumerate(chunks):
            if is_wav(chunk.data):
                decoded.append(read_wav(chunk.data))
                continue
            path = Path(folder) / f"chunk{index}{chunk.extension or '.bin'}"
            path.write_bytes(chunk.data)
            decoded.append(decode_audio(path, component))
    if not decoded:
        return wav_bytes(8000, np.zeros(0, dtype=np.int16)), ".wav"
    rates = {rate for rate, _ in decoded}
    layouts = {samples.shape[1:] for _, samples in decoded}
    if len(rates) > 1 or len(layouts) > 1:
        raise AudioFormatError(
            f"{component}: the streamed chunks differ in sample rate or channels "
            f"({sorted(rates)} Hz); they cannot be joined into one file"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # int8/int32 chunks: nothing to warn about
        samples = np.concatenate([to_int16(s) for _, s in decoded])
    return wav_bytes(rates.pop(), samples), ".wav"
