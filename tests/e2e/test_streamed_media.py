"""A generator streaming audio chunks to ``gr.Audio(streaming=True)``: the browser plays them as
they arrive, then offers the whole audio."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.core._audio_io import read_wav, wav_bytes
from specblocks.testing import open_app, serve

CHUNKS, RATE, CHUNK_FRAMES = 4, 8000, 2000


def tone(index: int) -> bytes:
    """A quarter second of a sine tone, a different pitch per chunk, as WAV bytes."""
    t = np.arange(CHUNK_FRAMES) / RATE
    return wav_bytes(RATE, (np.sin(2 * np.pi * (330 + 110 * index) * t) * 12000).astype(np.int16))


def speak(count: float) -> Iterator[bytes]:
    for index in range(int(count)):
        time.sleep(0.2)
        yield tone(index)


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with gr.Blocks() as demo:
        count = gr.Number(CHUNKS, label="Chunks")
        for autoplay in (True, False):
            audio = gr.Audio(streaming=True, autoplay=autoplay, elem_id=f"out-{autoplay}")
            gr.Button(f"Speak {autoplay}", elem_id=f"speak-{autoplay}").click(speak, count, audio)
    with serve(demo) as address:
        yield address


@pytest.mark.parametrize("autoplay", [True, False])
def test_chunks_play_as_they_arrive_then_the_whole_is_offered(
    page: Page, url: str, autoplay: bool
) -> None:
    open_app(page, url)
    page.locator(f"#speak-{autoplay} button").click()
    stream = page.locator(f"#out-{autoplay} .sb-audio-stream")
    expect(stream).to_have_attribute("data-stream", "open")
    expect(stream).to_have_attribute("data-stream", "ended", timeout=15_000)
    expect(stream).to_have_attribute("data-segments", str(CHUNKS))
    expect(stream).to_have_attribute("data-decoded", str(CHUNKS))
    expect(stream).not_to_contain_text("could not")
    # the joined file replaces the stream in the player, for replay and download
    media = page.locator(f"#out-{autoplay} audio")
    expect(media).to_have_attribute("src", re.compile(r"/playlist-file$"))
    whole = page.request.get(media.get_attribute("src") or "")
    assert whole.ok
    rate, samples = read_wav(whole.body())
    assert (rate, len(samples)) == (RATE, CHUNKS * CHUNK_FRAMES)
    # without autoplay the chunks wait on a paused player: "Play" starts them
    expect(page.locator(f"#out-{autoplay} .sb-audio-stream-play")).to_be_visible(
        visible=not autoplay
    )
