"""Streaming audio: each chunk a generator yields plays as it arrives, then the whole is a file.

The chunks go to ``gr.Audio(streaming=True)``; when the generator ends, the joined audio can be
replayed or downloaded.
"""

import io
import math
import struct
import wave
from collections.abc import Iterator

import specblocks as gr

RATE = 16_000


def beep(frequency: float, seconds: float = 0.3) -> bytes:
    """A short sine tone as WAV bytes (any encoded audio works: WAV, MP3, ...)."""
    frames = int(RATE * seconds)
    samples = (int(12_000 * math.sin(2 * math.pi * frequency * i / RATE)) for i in range(frames))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return buffer.getvalue()


def melody(notes: float) -> Iterator[bytes]:
    """Yield one chunk per note: bytes are the recommended way to stream audio."""
    for step in range(int(notes)):
        yield beep(440 * 2 ** (step / 12))


with gr.Blocks() as demo:
    notes = gr.Number(value=5, label="Notes")
    audio = gr.Audio(streaming=True, autoplay=True, label="Melody")
    gr.Button("Play").click(melody, notes, audio, api_name="melody")

if __name__ == "__main__":
    demo.launch()
