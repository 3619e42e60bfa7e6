"""Streaming media outputs: a generator's audio chunks become one stream, served as a playlist
of segments and as one joined file, with the FileData Gradio sends (``is_stream: true``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from gradio_client import Client

import specblocks as gr
from specblocks.core._audio_io import AudioChunk, chunk_seconds, join_audio, read_wav, wav_bytes
from specblocks.testing import serve

RATE, FRAMES = 8000, 2000


def tone(index: int, rate: int = RATE) -> np.ndarray:
    t = np.arange(FRAMES) / rate
    return (np.sin(2 * np.pi * (300 + 100 * index) * t) * 10000).astype(np.int16)


def wav_chunks(count: float) -> Iterator[bytes]:
    for index in range(int(count)):
        yield wav_bytes(RATE, tone(index))


def sample_chunks(count: float) -> Iterator[tuple[int, np.ndarray]]:
    for index in range(int(count)):
        yield RATE, tone(index)


def file_chunks(count: float) -> Iterator[str]:
    for index in range(int(count)):
        path = Path(_TMP[0]) / f"chunk{index}.wav"
        path.write_bytes(wav_bytes(RATE, tone(index)))
        yield str(path)


def mixed_rates(count: float) -> Iterator[bytes]:
    yield wav_bytes(RATE, tone(0))
    yield wav_bytes(RATE * 2, tone(1, RATE * 2))


def whole(value: object) -> bytes:
    return wav_bytes(RATE, tone(0))


#: where file_chunks writes its chunk files (the module's temporary folder)
_TMP: list[str] = []


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _TMP.append(str(tmp_path_factory.mktemp("chunks")))
    with gr.Blocks() as demo:
        count = gr.Number(3)
        audio = gr.Audio(streaming=True, autoplay=True)
        for fn in (wav_chunks, sample_chunks, file_chunks, mixed_rates, whole):
            gr.Button().click(fn, count, audio, api_name=fn.__name__)
    with serve(demo) as address:
        yield address


@pytest.mark.parametrize("api_name", ["wav_chunks", "sample_chunks", "file_chunks"])
def test_chunks_are_served_as_a_playlist_and_as_one_file(url: str, api_name: str) -> None:
    client = Client(url, verbose=False)
    job = client.submit(3, api_name=f"/{api_name}")
    downloaded = Path(job.result(timeout=30))
    # as with Gradio, the client downloads the value's URL: the finished playlist
    playlist = downloaded.read_text()
    assert downloaded.name == "playlist.m3u8"
    assert playlist.startswith("#EXTM3U")
    assert playlist.rstrip().endswith("#EXT-X-ENDLIST")
    assert re.findall(r"#EXTINF:([\d.]+),", playlist) == ["0.250000"] * 3
    segments = [line for line in playlist.splitlines() if line and not line.startswith("#")]
    assert len(segments) == 3
    assert all(s.endswith(".wav") for s in segments)

    # the queue's messages carry a FileData of the stream, with its playlist URL
    session = "probe-" + api_name
    body = {"data": [3], "fn_index": _fn_index(url, api_name), "session_hash": session}
    assert httpx.post(f"{url}gradio_api/queue/join", json=body).status_code == 200
    value = _completed_value(url, session)
    assert value["is_stream"] is True
    assert value["meta"] == {"_type": "gradio.FileData"}
    assert value["orig_name"] == "audio-stream.wav"
    base = value["url"].rsplit("/", 1)[0]
    assert value["url"].endswith("/playlist.m3u8")
    served = httpx.get(value["url"])
    assert served.headers["content-type"] == "application/vnd.apple.mpegurl"
    names = [line for line in served.text.splitlines() if line and not line.startswith("#")]
    for index, name in enumerate(names):
        chunk = httpx.get(f"{base}/{name}")
        assert chunk.headers["content-type"] == "audio/wav"
        rate, samples = read_wav(chunk.content)
        assert rate == RATE
        assert np.array_equal(samples, tone(index))
    joined = httpx.get(f"{base}/playlist-file")
    assert joined.status_code == 200
    rate, samples = read_wav(joined.content)
    assert rate == RATE
    assert np.array_equal(samples, np.concatenate([tone(i) for i in range(3)]))


def _fn_index(url: str, api_name: str) -> int:
    info = httpx.get(f"{url}config").json()
    return next(d["id"] for d in info["dependencies"] if d.get("api_name") == api_name)


def _completed_value(url: str, session: str) -> dict[str, object]:
    with httpx.stream(
        "GET", f"{url}gradio_api/queue/data", params={"session_hash": session}, timeout=30
    ) as stream:
        for line in stream.iter_lines():
            if '"process_completed"' in line:
                value: dict[str, object] = json.loads(line[6:])["output"]["data"][0]
                return value
    raise AssertionError("no completion")


def test_chunks_that_cannot_be_joined_say_why(url: str) -> None:
    session = "mixed"
    body = {"data": [2], "fn_index": _fn_index(url, "mixed_rates"), "session_hash": session}
    assert httpx.post(f"{url}gradio_api/queue/join", json=body).status_code == 200
    value = _completed_value(url, session)
    base = str(value["url"]).rsplit("/", 1)[0]
    response = httpx.get(f"{base}/playlist-file")
    assert response.status_code == 422
    assert "differ in sample rate" in response.json()["detail"]


def test_unknown_streams_and_segments_are_404(url: str) -> None:
    assert httpx.get(f"{url}gradio_api/stream/nope/nope/1/playlist.m3u8").status_code == 404
    session = "seg"
    body = {"data": [1], "fn_index": _fn_index(url, "wav_chunks"), "session_hash": session}
    httpx.post(f"{url}gradio_api/queue/join", json=body)
    base = str(_completed_value(url, session)["url"]).rsplit("/", 1)[0]
    assert httpx.get(f"{base}/0123.wav").status_code == 404
    lines = httpx.get(f"{base}/playlist.m3u8").text.splitlines()
    name = next(line for line in lines if line and not line.startswith("#"))
    assert httpx.get(f"{base}/{name.replace('.wav', '.mp3')}").status_code == 404


def test_a_plain_function_returning_bytes_to_a_streaming_output_sends_a_file(url: str) -> None:
    client = Client(url, verbose=False)
    path = Path(client.predict(1, api_name="/whole"))
    rate, samples = read_wav(path.read_bytes())
    assert (rate, len(samples)) == (RATE, FRAMES)


def test_chunk_lengths() -> None:
    assert chunk_seconds(wav_bytes(RATE, tone(0))) == FRAMES / RATE
    # an MPEG-1 Layer III frame header at 128 kbit/s: 16 kB last one second
    header = bytes([0xFF, 0xFB, 0x90, 0x64])
    assert chunk_seconds(header + bytes(16_000 - 4)) == pytest.approx(1.0)
    assert chunk_seconds(b"not audio at all") is None


def test_mp3_chunks_join_end_to_end_and_wav_chunks_into_one_wav() -> None:
    mp3 = AudioChunk(bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(100), ".mp3", None)
    assert join_audio([mp3, mp3], "Audio") == (mp3.data * 2, ".mp3")
    wavs = [AudioChunk(wav_bytes(RATE, tone(i)), ".wav", None) for i in range(2)]
    data, extension = join_audio(wavs, "Audio")
    assert extension == ".wav"
    assert len(read_wav(data)[1]) == 2 * FRAMES
