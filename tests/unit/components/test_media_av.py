"""Data contract of Audio and Video (WAV without external tools; ffmpeg faked where needed)."""

from __future__ import annotations

import json
import os
import stat
import struct
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import specblocks as gr
from specblocks._generated.payloads import WatermarkOptions, WebcamOptions
from specblocks.core import _files
from specblocks.core._audio_io import read_wav, wav_bytes
from specblocks.core._files import FileCache
from specblocks.core._media_io import FfmpegMissingError
from specblocks.exceptions import PayloadError

TONE = (np.sin(np.arange(800) / 7) * 12000).astype(np.int16)
FAKE_PREFIX = b"FAKEMP3"

FAKE_FFMPEG = """\
import json, os, shutil, sys
args = sys.argv[1:]
with open(os.environ["FAKE_FFMPEG_LOG"], "a") as log:
    log.write(json.dumps(args) + "\\n")
source = args[args.index("-i") + 1]
target = args[-1]
if os.environ.get("FAKE_FFMPEG_FAIL"):
    sys.stderr.write("cannot decode")
    sys.exit(1)
if target == "pipe:1":
    data = open(source, "rb").read()
    sys.stdout.buffer.write(data[len(b"FAKEMP3"):] if data.startswith(b"FAKEMP3") else data)
else:
    shutil.copyfile(source, target)
"""


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileCache:
    """A fresh file cache for every test."""
    fresh = FileCache(tmp_path / "cache")
    monkeypatch.setattr(_files, "_default", fresh)
    return fresh


@pytest.fixture
def no_ffmpeg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Make sure no ffmpeg is found on PATH."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def fake_ffmpeg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Put a fake ffmpeg on PATH that copies its input; return the log of its calls."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "ffmpeg"
    script.write_text(f"#!{sys.executable}\n{FAKE_FFMPEG}", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "ffmpeg.log"
    log.touch()
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_FFMPEG_LOG", str(log))
    return log


def calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def upload(path: Path, orig_name: str | None = None) -> dict[str, Any]:
    return {
        "path": str(path),
        "orig_name": orig_name or path.name,
        "meta": {"_type": "gradio.FileData"},
    }


def raw_wav(path: Path, tag: int, bits: int, data: bytes, channels: int = 1) -> Path:
    """Write a WAV file by hand, with an extra chunk before the data."""
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", tag, channels, 8000, 8000 * block, block, bits)
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"LIST"
        + struct.pack("<I", 3)
        + b"abc\x00"
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


# -- Audio: samples -----------------------------------------------------------------------------
def test_audio_wav_round_trip_mono_and_stereo(cache: FileCache) -> None:
    audio = gr.Audio()
    payload = audio.postprocess((16000, TONE))
    assert payload is not None
    assert payload["orig_name"] == "audio.wav"
    assert cache.contains(payload["path"])
    with wave.open(payload["path"]) as reader:
        assert (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) == (
            1,
            2,
            16000,
        )
    rate, samples = audio.preprocess(payload)
    assert rate == 16000
    assert samples.dtype == np.int16
    np.testing.assert_array_equal(samples, TONE)
    stereo = np.stack([TONE, -TONE], axis=1)
    rate, back = audio.preprocess(audio.postprocess((8000, stereo)))
    assert back.shape == (800, 2)
    np.testing.assert_array_equal(back, stereo)


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (np.array([0.0, 0.5, -1.0]), [0, 16383, -32767]),
        (np.array([0.25, -0.5], dtype=np.float32), [16383, -32767]),
        (np.array([0, 128, 255], dtype=np.uint8), [-32768, 128, 32767]),
        (np.array([65536 * 100, -65536], dtype=np.int32), [100, -1]),
        (np.array([0, 65535], dtype=np.uint16), [-32768, 32767]),
        (np.array([-128, 1], dtype=np.int8), [-32768, 256]),
        (np.zeros(3), [0, 0, 0]),
    ],
)
def test_audio_converts_samples_to_int16(
    samples: np.ndarray[Any, Any], expected: list[int]
) -> None:
    audio = gr.Audio()
    with pytest.warns(UserWarning, match="16-bit int"):
        payload = audio.postprocess((8000, samples))
    _, back = audio.preprocess(payload)
    assert back.tolist() == expected


def test_audio_postprocess_bad_values() -> None:
    audio = gr.Audio()
    with pytest.raises(ValueError, match="int64"):
        audio.postprocess((8000, np.array([1, 2, 3], dtype=np.int64)))
    with pytest.raises(TypeError, match="NumPy array"):
        audio.postprocess((8000, [1, 2, 3]))
    with pytest.raises(TypeError, match="sample rate"):
        audio.postprocess((0.5, TONE))
    with pytest.raises(TypeError, match="sample_rate"):
        audio.postprocess((8000, TONE, 1))
    with pytest.raises(TypeError, match="Audio"):
        audio.postprocess([8000, TONE])
    with pytest.raises(ValueError, match="does not exist"):
        audio.postprocess("/no/such/file.wav")
    assert audio.postprocess(None) is None
    assert audio.preprocess(None) is None


# -- Audio: reading WAV variants ----------------------------------------------------------------
def test_audio_reads_wav_sample_widths(tmp_path: Path) -> None:
    audio = gr.Audio()
    eight = raw_wav(tmp_path / "8.wav", 1, 8, bytes([0, 128, 255]))
    assert audio.preprocess(upload(eight))[1].tolist() == [-128, 0, 127]
    assert audio.preprocess(upload(eight))[1].dtype == np.int8
    twenty_four = raw_wav(tmp_path / "24.wav", 1, 24, bytes([0, 0, 1, 0xFF, 0xFF, 0xFF]))
    assert audio.preprocess(upload(twenty_four))[1].tolist() == [65536 << 8, -256]
    thirty_two = raw_wav(tmp_path / "32.wav", 1, 32, np.array([7, -9], "<i4").tobytes())
    assert audio.preprocess(upload(thirty_two))[1].tolist() == [7, -9]
    floats = raw_wav(tmp_path / "f.wav", 3, 32, np.array([0.5, -2.0], "<f4").tobytes())
    assert audio.preprocess(upload(floats))[1].tolist() == [16383, -32767]
    stereo = raw_wav(tmp_path / "s.wav", 1, 16, np.array([1, 2, 3, 4], "<i2").tobytes(), 2)
    assert audio.preprocess(upload(stereo))[1].tolist() == [[1, 2], [3, 4]]


def test_audio_reads_extensible_and_streamed_wav() -> None:
    fmt = struct.pack("<HHIIHHHHIH14s", 0xFFFE, 1, 8000, 16000, 2, 16, 22, 16, 0, 1, bytes(14))
    data = np.array([5, -5], "<i2").tobytes()
    body = b"WAVEfmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + b"\xff\xff\xff\xff" + data
    rate, samples = read_wav(b"RIFF" + b"\xff\xff\xff\xff" + body)
    assert rate == 8000
    assert samples.tolist() == [5, -5]
    assert read_wav(wav_bytes(8000, TONE))[1].tolist() == TONE.tolist()


def test_audio_bad_uploads(tmp_path: Path) -> None:
    audio = gr.Audio()
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"not audio at all")
    with pytest.raises(PayloadError, match="not a WAV"):
        audio.preprocess(upload(broken))
    with pytest.raises(PayloadError, match="does not exist"):
        audio.preprocess(upload(tmp_path / "gone.wav"))
    with pytest.raises(PayloadError):
        audio.preprocess(["x"])
    alaw = raw_wav(tmp_path / "alaw.wav", 6, 8, bytes(4))
    with pytest.raises(PayloadError, match="not supported"):
        audio.preprocess(upload(alaw))


# -- Audio: files, bytes and formats ------------------------------------------------------------
def test_audio_filepath_passes_upload_through(tmp_path: Path) -> None:
    path = raw_wav(tmp_path / "a.wav", 1, 16, TONE.tobytes())
    assert gr.Audio(type="filepath").preprocess(upload(path)) == str(path)
    assert gr.Audio(type="filepath", format="wav").preprocess(upload(path)) == str(path)


def test_audio_postprocess_files_and_bytes(tmp_path: Path, cache: FileCache) -> None:
    path = raw_wav(tmp_path / "a.wav", 1, 16, TONE.tobytes())
    payload = gr.Audio().postprocess(path)
    assert payload is not None
    assert cache.contains(payload["path"])
    assert payload["orig_name"] == "a.wav"
    as_bytes = gr.Audio().postprocess(path.read_bytes())
    assert as_bytes is not None
    assert as_bytes["orig_name"] == "audio.wav"
    unknown = gr.Audio().postprocess(b"\x00\x01")
    assert unknown is not None
    assert unknown["orig_name"] == "audio"
    # a plain return to a streaming output is a file too (a generator's values are chunks)
    streamed = gr.Audio(streaming=True).postprocess(path.read_bytes())
    assert streamed is not None
    assert cache.contains(streamed["path"])
    chunk = gr.Audio(streaming=True).stream_chunk(path.read_bytes())
    assert chunk is not None
    assert (chunk.data, chunk.extension) == (path.read_bytes(), ".wav")
    with pytest.raises(TypeError, match="cannot stream a value of type dict"):
        gr.Audio(streaming=True).stream_chunk({"not": "audio"})
    url = gr.Audio().postprocess("https://example.com/a.mp3")
    assert url is not None
    assert url["path"] == "https://example.com/a.mp3"


@pytest.mark.usefixtures("no_ffmpeg")
def test_mp3_without_ffmpeg_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FfmpegMissingError, match="needs ffmpeg"):
        gr.Audio(format="mp3").postprocess((8000, TONE))
    mp3 = tmp_path / "song.mp3"
    mp3.write_bytes(b"ID3 not decodable without ffmpeg")
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        gr.Audio().preprocess(upload(mp3))
    wav = raw_wav(tmp_path / "a.wav", 1, 16, TONE.tobytes())
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        gr.Audio(type="filepath", format="mp3").preprocess(upload(wav))


def test_mp3_with_ffmpeg(tmp_path: Path, fake_ffmpeg: Path) -> None:
    payload = gr.Audio(format="mp3").postprocess((8000, TONE))
    assert payload is not None
    assert payload["orig_name"] == "audio.mp3"
    assert calls(fake_ffmpeg)[-1][-1].endswith("audio.mp3")
    mp3 = tmp_path / "song.mp3"
    mp3.write_bytes(FAKE_PREFIX + wav_bytes(8000, TONE))
    rate, samples = gr.Audio().preprocess(upload(mp3))
    assert rate == 8000
    np.testing.assert_array_equal(samples, TONE)
    assert calls(fake_ffmpeg)[-1][-1] == "pipe:1"
    converted = gr.Audio(type="filepath", format="wav").preprocess(upload(mp3))
    assert Path(converted).name == "song.wav"
    as_mp3 = gr.Audio(format="mp3").postprocess(raw_wav(tmp_path / "b.wav", 1, 16, TONE.tobytes()))
    assert as_mp3 is not None
    assert as_mp3["orig_name"] == "audio.mp3"


def test_ffmpeg_failure_on_upload_is_a_payload_error(
    tmp_path: Path, fake_ffmpeg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_FFMPEG_FAIL", "1")
    mp3 = tmp_path / "song.mp3"
    mp3.write_bytes(b"garbage")
    with pytest.raises(PayloadError, match="cannot decode"):
        gr.Audio().preprocess(upload(mp3))
    assert fake_ffmpeg.exists()


# -- Video --------------------------------------------------------------------------------------
def make_video(tmp_path: Path, name: str = "clip.mp4") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42 not a real video")
    return path


def test_video_passes_files_through(tmp_path: Path, cache: FileCache) -> None:
    path = make_video(tmp_path)
    video = gr.Video()
    assert video.preprocess(upload(path)) == str(path)
    payload = video.postprocess(path)
    assert payload is not None
    assert payload["orig_name"] == "clip.mp4"
    assert cache.contains(payload["path"])
    assert video.postprocess("https://example.com/v.mp4") == {
        "path": "https://example.com/v.mp4",
        "url": None,
        "size": None,
        "orig_name": None,
        "mime_type": None,
        "is_stream": False,
        "meta": {"_type": "gradio.FileData"},
    }
    assert video.postprocess(None) is None
    assert video.postprocess((None, None)) is None
    assert video.preprocess(None) is None


def test_video_tuple_with_subtitles_warns(tmp_path: Path) -> None:
    path = make_video(tmp_path)
    assert gr.Video().postprocess((path, None)) is not None
    with pytest.warns(UserWarning, match="subtitles"):
        payload = gr.Video().postprocess((str(path), "subs.srt"))
    assert payload is not None
    assert payload["orig_name"] == "clip.mp4"


def test_video_bad_values(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="Video"):
        gr.Video().postprocess(5)
    with pytest.raises(ValueError, match="does not exist"):
        gr.Video().postprocess(tmp_path / "gone.mp4")
    with pytest.raises(PayloadError):
        gr.Video().preprocess("clip.mp4")
    assert gr.Video(streaming=True).postprocess("chunk.ts") == "chunk.ts"


@pytest.mark.usefixtures("no_ffmpeg")
def test_video_conversions_need_ffmpeg(tmp_path: Path) -> None:
    path = make_video(tmp_path)
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        gr.Video(format="webm").preprocess(upload(path))
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        gr.Video(sources=["webcam"]).preprocess(upload(path))
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        gr.Video(format="webm").postprocess(path)
    unmirrored = gr.Video(
        sources="webcam", include_audio=True, webcam_options=WebcamOptions(mirror=False)
    )
    assert unmirrored.preprocess(upload(path)) == str(path)
    assert gr.Video(format="mp4").preprocess(upload(path)) == str(path)


def test_video_conversions_with_ffmpeg(tmp_path: Path, fake_ffmpeg: Path) -> None:
    path = make_video(tmp_path)
    converted = gr.Video(format="webm").preprocess(upload(path))
    assert converted == str(tmp_path / "clip.webm")
    assert gr.Video(format="webm").preprocess(upload(path)) == converted  # reused
    assert len(calls(fake_ffmpeg)) == 1
    webcam = gr.Video(sources=["webcam"]).preprocess(upload(path))
    assert Path(webcam).name == "muted_clip_flip.mp4"
    assert calls(fake_ffmpeg)[-1][-6:-1] == ["-vf", "hflip", "-c:a", "copy", "-an"]
    payload = gr.Video(format="webm").postprocess(path)
    assert payload is not None
    assert payload["orig_name"] == "clip.webm"
    mark = tmp_path / "mark.png"
    mark.write_bytes(b"png")
    options = WatermarkOptions(watermark=str(mark), position="top-left")
    watermarked = gr.Video(watermark=options).postprocess(path)
    assert watermarked is not None
    assert watermarked["orig_name"] == "clip_watermarked.mp4"
    assert "overlay=5:5" in calls(fake_ffmpeg)[-1]
