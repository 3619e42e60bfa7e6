"""Synthesise the sample media shipped in the runtime package (``specblocks/media_assets``).

Every file is made here from code: procedural drawings, synthesised tones and voices, generated
meshes and seeded random data. Nothing is downloaded or copied from elsewhere. Runs are
reproducible: each file draws from its own generator seeded from ``SEED`` and the file's name,
and ffmpeg (the binary bundled with the ``imageio-ffmpeg`` package) is asked for bit-exact,
single-threaded output.

Run ``python runtime/scripts/make_media_assets.py`` (or ``nox -s media``, which installs
``requirements/media.txt`` first). It deletes and recreates the five subfolders of
``runtime/src/specblocks/media_assets/`` (images, audio, videos, models3d, data) and rewrites
that folder's README.md.
"""

from __future__ import annotations

import base64
import csv
import functools
import itertools
import json
import math
import shutil
import struct
import subprocess
import tempfile
import wave
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import imageio_ffmpeg  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

#: The folder the files are written to: ``runtime/src/specblocks/media_assets``.
OUT = Path(__file__).resolve().parents[1] / "src" / "specblocks" / "media_assets"
SUBFOLDERS = ("images", "audio", "videos", "models3d", "data")
SEED = 20_240_611
#: Sample rate of the WAV and MP3 files; the videos' soundtracks use ``VIDEO_AUDIO_RATE``.
AUDIO_RATE = 16_000
VIDEO_AUDIO_RATE = 44_100
#: Images are drawn this many times larger, then scaled down (anti-aliasing).
SUPERSAMPLE = 2
#: ffmpeg output options for stable bytes: no version strings, no metadata, one thread.
BITEXACT = [
    *("-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"),
    *("-map_metadata", "-1", "-threads", "1"),
]
H264_AAC = [
    *("-c:v", "libx264", "-preset", "medium", "-crf", "28", "-pix_fmt", "yuv420p"),
    *("-profile:v", "high", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart"),
]
MPEG4_MP3 = [
    *("-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p"),
    *("-c:a", "libmp3lame", "-b:a", "64k"),
]

Color = tuple[int, ...]
Box = tuple[float, float, float, float]
Signal = npt.NDArray[np.float64]
Points = npt.NDArray[np.float64]
Faces = npt.NDArray[np.int64]
#: A scene draws a picture at the size it is given (width, height).
Scene = Callable[[int, int], Image.Image]


# --------------------------------------------------------------------------- helpers


def rng_for(name: str) -> np.random.Generator:
    """A random generator of its own for each file, seeded from ``SEED`` and the file name."""
    return np.random.default_rng([SEED, zlib.crc32(name.encode())])


@functools.cache
def ffmpeg_exe() -> str:
    """The path of the ffmpeg binary that ships inside the imageio-ffmpeg package."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run_ffmpeg(args: Sequence[str], stdin: bytes = b"") -> None:
    """Run ffmpeg quietly (errors only), overwriting its output, with ``stdin`` as its input."""
    command = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args]
    subprocess.run(command, input=stdin, check=True)


# --------------------------------------------------------------------------- drawing


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in scalable font at ``size`` pixels (no system font is needed)."""
    return ImageFont.load_default(size=size)


def box(cx: float, cy: float, rx: float, ry: float | None = None) -> Box:
    """The bounding box of an ellipse centred on (cx, cy) with radii rx and ry (default rx)."""
    ry = rx if ry is None else ry
    return (cx - rx, cy - ry, cx + rx, cy + ry)


def gradient(width: int, height: int, top: Color, bottom: Color) -> Image.Image:
    """An RGB image shading vertically from ``top`` to ``bottom``."""
    t = np.linspace(0.0, 1.0, height)[:, None, None]
    rows = (1 - t) * np.array(top[:3], dtype=float) + t * np.array(bottom[:3], dtype=float)
    pixels = np.broadcast_to(rows, (height, width, 3)).round().astype(np.uint8)
    return Image.fromarray(np.ascontiguousarray(pixels))


def render(scene: Scene, width: int, height: int) -> Image.Image:
    """Draw ``scene`` at ``SUPERSAMPLE`` times the size and scale it down smoothly."""
    large = scene(width * SUPERSAMPLE, height * SUPERSAMPLE)
    return large.resize((width, height), Image.Resampling.LANCZOS)


def label(image: Image.Image, text: str, size: int, at: tuple[int, int] | None = None) -> None:
    """Write ``text`` in white with a dark outline (bottom left unless ``at`` is given)."""
    position = at or (6, image.height - size - 8)
    white: Color = (255, 255, 255, 255) if image.mode == "RGBA" else (255, 255, 255)
    dark: Color = (25, 25, 35, 255) if image.mode == "RGBA" else (25, 25, 35)
    ImageDraw.Draw(image).text(
        position,
        text,
        fill=white,
        font=font(size),
        stroke_width=max(1, size // 8),
        stroke_fill=dark,
    )


def scatter(
    draw: ImageDraw.ImageDraw,
    rng: np.random.Generator,
    area: Box,
    count: int,
    *,
    radius: float,
    fill: Color,
) -> None:
    """Draw ``count`` dots of about ``radius`` at random places in ``area``."""
    x0, y0, x1, y1 = area
    for x, y, r in zip(
        rng.uniform(x0, x1, count),
        rng.uniform(y0, y1, count),
        rng.uniform(0.6, 1.3, count) * radius,
        strict=True,
    ):
        draw.ellipse(box(x, y, r), fill=fill)


def savanna(width: int, height: int, sky: tuple[Color, Color], ground: Color) -> Image.Image:
    """A sky gradient over flat ground, with a sun, for the animal scenes."""
    image = gradient(width, height, *sky)
    draw = ImageDraw.Draw(image)
    horizon = height * 0.62
    draw.ellipse(box(width * 0.8, height * 0.22, height * 0.09), fill=(255, 236, 170))
    draw.rectangle((0, horizon, width, height), fill=ground)
    return image


def acacia(draw: ImageDraw.ImageDraw, x: float, base: float, height: float) -> None:
    """A flat-topped tree: a trunk with two forks under a wide, flat crown."""
    trunk = (70, 50, 35)
    top = base - height
    draw.line((x, base, x, top + height * 0.3), fill=trunk, width=max(2, int(height * 0.06)))
    for dx in (-0.35, 0.3):
        draw.line(
            (x, top + height * 0.4, x + dx * height, top + height * 0.08), fill=trunk, width=3
        )
    draw.ellipse(box(x, top, height * 0.75, height * 0.16), fill=(70, 110, 45))


def draw_cheetah(
    draw: ImageDraw.ImageDraw, rng: np.random.Generator, origin: tuple[float, float], scale: float
) -> None:
    """A cheetah in profile centred on ``origin``; a negative ``scale`` faces it left."""
    ox, oy = origin
    sx, s = math.copysign(1.0, scale), abs(scale)

    def pt(x: float, y: float) -> tuple[float, float]:
        return (ox + sx * x * s, oy + y * s)

    fur, dark = (222, 170, 80), (40, 30, 20)
    for leg_x, lean in ((-0.7, -0.1), (-0.5, 0.1), (0.55, -0.1), (0.75, 0.15)):
        draw.line((*pt(leg_x, 0.1), *pt(leg_x + lean, 0.95)), fill=fur, width=max(2, int(s * 0.14)))
    tail = [pt(-0.95, -0.05), pt(-1.45, 0.1), pt(-1.75, 0.45), pt(-1.6, 0.7)]
    draw.line(tail, fill=fur, width=max(2, int(s * 0.08)), joint="curve")
    body = (*pt(-1.0, -0.35), *pt(1.0, 0.35))
    draw.ellipse((min(body[0], body[2]), body[1], max(body[0], body[2]), body[3]), fill=fur)
    head = pt(1.15, -0.4)
    draw.ellipse(box(*head, s * 0.3, s * 0.25), fill=fur)
    for ear in (-0.15, 0.12):
        draw.ellipse(box(*pt(1.05 + ear, -0.62), s * 0.07), fill=fur)
    draw.ellipse(box(*pt(1.25, -0.45), s * 0.04), fill=dark)
    draw.line((*pt(1.27, -0.42), *pt(1.32, -0.22)), fill=dark, width=max(1, int(s * 0.03)))
    for x, y in zip(rng.uniform(-0.85, 0.85, 60), rng.uniform(-0.28, 0.28, 60), strict=True):
        if (x / 0.95) ** 2 + (y / 0.32) ** 2 < 1:
            draw.ellipse(box(*pt(float(x), float(y)), s * 0.035), fill=dark)


# --------------------------------------------------------------------------- images


def scene_avatar(width: int, height: int) -> Image.Image:
    """A head-and-shoulders portrait on a purple-blue gradient."""
    image = gradient(width, height, (94, 84, 200), (40, 170, 220))
    draw = ImageDraw.Draw(image)
    w, h = width, height
    draw.ellipse((w * 0.14, h * 0.74, w * 0.86, h * 1.3), fill=(240, 120, 60))
    draw.rectangle((w * 0.43, h * 0.55, w * 0.57, h * 0.8), fill=(222, 176, 136))
    draw.ellipse((w * 0.3, h * 0.2, w * 0.7, h * 0.66), fill=(240, 196, 154))
    draw.chord((w * 0.28, h * 0.15, w * 0.72, h * 0.52), 180, 360, fill=(70, 45, 30))
    for x in (0.42, 0.58):
        draw.ellipse(box(w * x, h * 0.42, w * 0.025), fill=(40, 40, 60))
    draw.arc((w * 0.41, h * 0.43, w * 0.59, h * 0.57), 25, 155, fill=(150, 60, 60), width=w // 60)
    return image


def scene_bus(width: int, height: int) -> Image.Image:
    """A yellow bus on a road under a blue sky."""
    image = gradient(width, height, (120, 180, 240), (210, 235, 250))
    draw = ImageDraw.Draw(image)
    w, h = width, height
    draw.rectangle((0, h * 0.72, w, h), fill=(80, 80, 85))
    draw.rectangle((0, h * 0.84, w, h * 0.86), fill=(240, 240, 240))
    draw.rounded_rectangle(
        (w * 0.1, h * 0.3, w * 0.9, h * 0.78), radius=w * 0.04, fill=(250, 200, 30)
    )
    for i in range(5):
        x = w * (0.14 + i * 0.13)
        draw.rectangle((x, h * 0.36, x + w * 0.1, h * 0.52), fill=(160, 210, 235))
    draw.rectangle((w * 0.8, h * 0.36, w * 0.87, h * 0.72), fill=(120, 170, 200))
    draw.rectangle((w * 0.1, h * 0.6, w * 0.9, h * 0.63), fill=(200, 60, 40))
    for x in (0.25, 0.72):
        draw.ellipse(box(w * x, h * 0.78, w * 0.07), fill=(30, 30, 30))
        draw.ellipse(box(w * x, h * 0.78, w * 0.03), fill=(170, 170, 170))
    return image


def scene_cheetah(
    width: int, height: int, *, name: str, sky: tuple[Color, Color], facing_left: bool
) -> Image.Image:
    """A cheetah crossing a savanna, with a tree and tufts of grass."""
    rng = rng_for(name)
    image = savanna(width, height, sky, (205, 175, 95))
    draw = ImageDraw.Draw(image)
    acacia(draw, width * (0.8 if facing_left else 0.22), height * 0.64, height * 0.42)
    grass = (0, height * 0.64, width, height)
    scatter(draw, rng, grass, 120, radius=height * 0.01, fill=(150, 125, 60))
    scale = height * 0.2 * (-1 if facing_left else 1)
    draw_cheetah(draw, rng, (width * 0.5, height * 0.62), scale)
    return image


def scene_groot(width: int, height: int) -> Image.Image:
    """A friendly tree creature with branch arms and a leafy crown, in a forest."""
    rng = rng_for("groot.jpeg")
    image = gradient(width, height, (30, 70, 40), (90, 140, 80))
    draw = ImageDraw.Draw(image)
    w, h = width, height
    bark, dark = (120, 80, 45), (70, 45, 25)
    draw.polygon(
        [(w * 0.4, h), (w * 0.43, h * 0.45), (w * 0.57, h * 0.45), (w * 0.6, h)], fill=bark
    )
    for side in (-1, 1):
        shoulder = (w * (0.5 + side * 0.06), h * 0.52)
        elbow = (w * (0.5 + side * 0.22), h * 0.62)
        draw.line((*shoulder, *elbow), fill=bark, width=w // 30)
        for dx, dy in ((0.08, -0.1), (0.1, 0.0), (0.05, 0.08)):
            tip = (elbow[0] + side * w * dx, elbow[1] + h * dy)
            draw.line((*elbow, *tip), fill=bark, width=w // 80)
    for x in np.linspace(0.44, 0.56, 5):
        draw.line((w * x, h * 0.5, w * x + w * 0.01, h), fill=dark, width=max(1, w // 200))
    draw.ellipse((w * 0.36, h * 0.18, w * 0.64, h * 0.5), fill=bark)
    for x in (0.45, 0.55):
        draw.ellipse(box(w * x, h * 0.33, w * 0.025), fill=(30, 20, 10))
    draw.arc((w * 0.45, h * 0.36, w * 0.55, h * 0.44), 20, 160, fill=dark, width=w // 150)
    crown = (w * 0.36, h * 0.1, w * 0.64, h * 0.22)
    scatter(draw, rng, crown, 40, radius=w * 0.02, fill=(80, 170, 60))
    return image


def scene_hf_logo(width: int, height: int) -> Image.Image:
    """A smiling yellow face with raised hands on a transparent background (RGBA)."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = width, height
    draw.ellipse(box(w * 0.5, h * 0.44, w * 0.36), fill=(255, 205, 40, 255))
    for x in (0.38, 0.62):
        draw.ellipse(box(w * x, h * 0.36, w * 0.05, h * 0.06), fill=(60, 40, 30, 255))
    draw.chord((w * 0.32, h * 0.36, w * 0.68, h * 0.66), 0, 180, fill=(120, 40, 40, 255))
    for x in (0.2, 0.8):
        draw.ellipse(box(w * x, h * 0.72, w * 0.1, h * 0.08), fill=(255, 170, 30, 255))
    return image


def scene_lion(width: int, height: int) -> Image.Image:
    """A lion's head with a spiky mane, at dusk on the savanna."""
    image = savanna(width, height, ((250, 150, 90), (255, 215, 150)), (180, 150, 80))
    draw = ImageDraw.Draw(image)
    cx, cy, r = width * 0.45, height * 0.5, height * 0.33
    spikes = 28
    mane = [
        (
            cx + (r if i % 2 == 0 else r * 0.8) * math.cos(math.pi * i / spikes),
            cy + (r if i % 2 == 0 else r * 0.8) * math.sin(math.pi * i / spikes),
        )
        for i in range(2 * spikes)
    ]
    draw.polygon(mane, fill=(150, 80, 30))
    for dx in (-0.5, 0.5):
        draw.ellipse(box(cx + dx * r, cy - 0.5 * r, r * 0.15), fill=(210, 150, 70))
    draw.ellipse(box(cx, cy, r * 0.6, r * 0.65), fill=(225, 170, 85))
    for dx in (-0.22, 0.22):
        draw.ellipse(box(cx + dx * r, cy - 0.15 * r, r * 0.06), fill=(40, 30, 20))
    draw.ellipse(box(cx, cy + 0.3 * r, r * 0.28, r * 0.2), fill=(245, 215, 160))
    nose = [(cx - 0.1 * r, cy + 0.12 * r), (cx + 0.1 * r, cy + 0.12 * r), (cx, cy + 0.25 * r)]
    draw.polygon(nose, fill=(90, 50, 40))
    draw.line(
        (cx, cy + 0.25 * r, cx, cy + 0.38 * r), fill=(90, 50, 40), width=max(1, int(r * 0.03))
    )
    return image


def scene_logo(width: int, height: int) -> Image.Image:
    """Three stacked rounded blocks on a soft background: a made-up product logo."""
    image = gradient(width, height, (245, 247, 252), (220, 228, 245))
    draw = ImageDraw.Draw(image)
    colors = [(250, 115, 60), (70, 130, 240), (60, 190, 130)]
    for i, color in enumerate(colors):
        x0, y0 = width * (0.18 + 0.1 * i), height * (0.12 + 0.17 * i)
        draw.rounded_rectangle(
            (x0, y0, x0 + width * 0.46, y0 + height * 0.24), radius=width * 0.05, fill=color
        )
    return image


def scene_tower(width: int, height: int) -> Image.Image:
    """A lattice tower with platforms and an antenna against a sky with clouds."""
    rng = rng_for("tower.jpg")
    image = gradient(width, height, (70, 130, 210), (200, 225, 245))
    draw = ImageDraw.Draw(image)
    w, h = width, height
    for cx, cy in zip(rng.uniform(0, w, 4), rng.uniform(h * 0.05, h * 0.45, 4), strict=True):
        for dx in (-0.08, 0.0, 0.08):
            draw.ellipse(box(cx + dx * w, cy, w * 0.09, h * 0.03), fill=(250, 250, 252))
    draw.rectangle((0, h * 0.93, w, h), fill=(90, 140, 70))
    steel, levels, top, base = (95, 75, 60), 12, h * 0.14, h * 0.94

    def half_width(y: float) -> float:
        t = (base - y) / (base - top)
        return float(w * (0.03 + 0.34 * (1 - t) ** 2.2))

    ys = [base - (base - top) * i / levels for i in range(levels + 1)]
    for y0, y1 in itertools.pairwise(ys):
        a, b = half_width(y0), half_width(y1)
        for side in (-1, 1):
            draw.line((w / 2 + side * a, y0, w / 2 + side * b, y1), fill=steel, width=w // 60)
        draw.line((w / 2 - a, y0, w / 2 + b, y1), fill=steel, width=max(1, w // 200))
        draw.line((w / 2 + a, y0, w / 2 - b, y1), fill=steel, width=max(1, w // 200))
    for y in (ys[3], ys[7]):
        draw.rectangle(
            (w / 2 - half_width(y) * 1.1, y - h * 0.008, w / 2 + half_width(y) * 1.1, y), fill=steel
        )
    draw.line((w / 2, top, w / 2, h * 0.05), fill=steel, width=w // 100)
    return image


def screenshot_frame(index: int, frames: int) -> Image.Image:
    """One frame of a made-up app window: a progress bar fills and a spinner turns."""
    w, h = 240, 160
    image = Image.new("RGB", (w, h), (244, 245, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, w, 20), fill=(45, 50, 65))
    for i, color in enumerate([(240, 90, 80), (245, 190, 60), (90, 200, 100)]):
        draw.ellipse(box(10 + 12 * i, 10, 4), fill=color)
    draw.rectangle((0, 20, 56, h), fill=(225, 229, 238))
    for i in range(5):
        draw.rounded_rectangle((8, 30 + 16 * i, 48, 38 + 16 * i), radius=3, fill=(190, 196, 210))
    for i, length in enumerate((150, 120, 160, 90)):
        draw.rectangle((66, 30 + 12 * i, 66 + length, 35 + 12 * i), fill=(200, 204, 214))
    progress = (index + 1) / frames
    draw.rounded_rectangle((66, 90, 226, 102), radius=6, fill=(215, 219, 228))
    draw.rounded_rectangle((66, 90, 66 + 160 * progress, 102), radius=6, fill=(70, 130, 240))
    angle = 360 * index / frames
    draw.arc((200, 112, 222, 134), angle, angle + 270, fill=(250, 115, 60), width=3)
    draw.rounded_rectangle((66, 112, 130, 132), radius=5, fill=(60, 190, 130))
    label(image, "screenshot", 11, at=(60, 3))
    return image


def save_image(image: Image.Image, path: Path) -> None:
    """Save as PNG (optimised) or JPEG (quality 88), with no metadata beyond the format's own."""
    if path.suffix == ".png":
        image.save(path, optimize=True)
    else:
        image.convert("RGB").save(path, quality=88, optimize=True)


def write_images(folder: Path) -> None:
    """Draw every picture in images/: each a scene with its file name written on it."""
    cheetah = functools.partial(scene_cheetah, sky=((120, 180, 235), (235, 225, 200)))
    pictures: list[tuple[str, Scene, tuple[int, int]]] = [
        ("avatar.png", scene_avatar, (128, 128)),
        ("bus.png", scene_bus, (200, 150)),
        (
            "cheetah.jpg",
            functools.partial(cheetah, name="cheetah.jpg", facing_left=False),
            (480, 320),
        ),
        ("groot.jpeg", scene_groot, (400, 400)),
        ("hf-logo_transpng.png", scene_hf_logo, (256, 256)),
        ("lion.jpg", scene_lion, (400, 300)),
        ("logo.png", scene_logo, (128, 128)),
        ("tower.jpg", scene_tower, (300, 450)),
    ]
    cheetah1 = functools.partial(
        scene_cheetah, name="cheetah1.jpg", sky=((240, 170, 110), (250, 220, 170)), facing_left=True
    )
    pictures.append(("cheetah1.jpg", cheetah1, (320, 240)))
    for name, scene, (width, height) in pictures:
        image = render(scene, width, height)
        label(image, Path(name).stem, max(11, min(width, height) // 10))
        save_image(image, folder / name)
    frames = [
        screenshot_frame(i, 6).quantize(64, method=Image.Quantize.MEDIANCUT) for i in range(6)
    ]
    frames[0].save(
        folder / "screenshot.gif", save_all=True, append_images=frames[1:], duration=250, loop=0
    )


# --------------------------------------------------------------------------- audio


def time_axis(duration: float, rate: int) -> Signal:
    """Sample times, in seconds, of ``duration`` seconds at ``rate`` samples per second."""
    return np.arange(round(duration * rate)) / rate


def midi_hz(note: float) -> float:
    """The frequency of a MIDI note number (69 = A4 = 440 Hz)."""
    return 440.0 * 2 ** ((note - 69) / 12)


def envelope(samples: int, rate: int, attack: float = 0.01, release: float = 0.05) -> Signal:
    """A gain that rises over ``attack`` seconds and falls over the last ``release`` seconds."""
    n = np.arange(samples)
    rise = np.clip(n / max(1, attack * rate), 0, 1)
    fall = np.clip((samples - n) / max(1, release * rate), 0, 1)
    return rise * fall


def harmonics(phase: Signal, weights: Sequence[float]) -> Signal:
    """A sum of harmonics of a phase track (radians); ``weights[k]`` scales harmonic k + 1."""
    return sum((w * np.sin((k + 1) * phase) for k, w in enumerate(weights)), np.zeros_like(phase))


def note(
    pitch: float, duration: float, rate: int, weights: Sequence[float], vibrato: float = 0.0
) -> Signal:
    """One note with the given harmonic weights and an optional vibrato depth (semitones)."""
    t = time_axis(duration, rate)
    freq = midi_hz(pitch) * 2 ** (vibrato * np.sin(2 * np.pi * 5.5 * t) / 12)
    phase = 2 * np.pi * np.cumsum(freq) / rate
    return harmonics(phase, weights) * envelope(len(t), rate, 0.02, min(0.08, duration / 3))


def melody(notes: Sequence[tuple[float, float]], rate: int, weights: Sequence[float]) -> Signal:
    """Notes (MIDI pitch, seconds) one after another; a pitch of 0 is a rest."""
    parts = [
        note(pitch, length, rate, weights) if pitch else np.zeros(round(length * rate))
        for pitch, length in notes
    ]
    return np.concatenate(parts)


#: Formant frequencies (Hz) of five vowels, for the speech-like voices.
VOWELS = {
    "a": (730.0, 1090.0, 2440.0),
    "e": (530.0, 1840.0, 2480.0),
    "i": (270.0, 2290.0, 3010.0),
    "o": (570.0, 840.0, 2410.0),
    "u": (300.0, 870.0, 2240.0),
}


def voice(duration: float, rate: int, pitch: float, rng: np.random.Generator) -> Signal:
    """A wordless voice: syllables of random vowels with a falling, wavering pitch."""
    t = time_axis(duration, rate)
    syllables = max(2, round(duration / 0.2))
    centres = (np.arange(syllables) + 0.5) * duration / syllables
    chosen = [VOWELS[v] for v in rng.choice(list(VOWELS), syllables)]
    formants = [np.interp(t, centres, [f[j] for f in chosen]) for j in range(3)]
    f0 = pitch * (1 + 0.08 * np.sin(2 * np.pi * 0.8 * t) - 0.12 * t / duration)
    f0 = f0 * (1 + 0.01 * rng.standard_normal(len(t)).cumsum() / np.sqrt(len(t)))
    phase = 2 * np.pi * np.cumsum(f0) / rate
    signal = np.zeros_like(t)
    for k in range(1, int(rate / 2 / pitch)):
        freq = k * f0
        gain = sum(
            g * np.exp(-(((freq - f) / (80 + 0.05 * f)) ** 2))
            for g, f in zip((1.0, 0.6, 0.3), formants, strict=True)
        )
        signal += np.where(freq < rate / 2, gain / np.sqrt(k), 0) * np.sin(k * phase)
    syllable_gain = np.sin(np.pi * (t * syllables / duration % 1)) ** 0.6
    breath = 0.02 * rng.standard_normal(len(t))
    return (signal * syllable_gain + breath) * envelope(len(t), rate, 0.02, 0.05)


def normalise(signal: Signal, peak: float = 0.8) -> Signal:
    """Scale ``signal`` so its largest magnitude is ``peak``."""
    return signal * (peak / max(1e-9, float(np.max(np.abs(signal)))))


def pcm16(signal: Signal) -> bytes:
    """Little-endian signed 16-bit samples of a signal in [-1, 1]."""
    return (np.clip(signal, -1, 1) * 32767).round().astype("<i2").tobytes()


def write_wav(path: Path, signal: Signal, rate: int) -> None:
    """Write a mono 16-bit PCM WAV file."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm16(signal))


def write_mp3(path: Path, signal: Signal, rate: int) -> None:
    """Encode a signal to MP3 with ffmpeg's libmp3lame (mono, 32 kbit/s)."""
    raw = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"]
    run_ffmpeg([*raw, "-c:a", "libmp3lame", "-b:a", "32k", *BITEXACT, str(path)], pcm16(signal))


def sound_cantina(rate: int) -> Signal:
    """A bouncy made-up tune in eighth notes over a bass line: 3 seconds."""
    eighth = 3.0 / 16
    tune = [69, 72, 76, 72, 74, 71, 67, 71, 69, 72, 76, 79, 77, 74, 72, 69]
    bass = [45, 52, 45, 52, 50, 47, 45, 45]
    lead = melody([(p, eighth) for p in tune], rate, [1.0, 0.0, 0.33, 0.0, 0.2, 0.0, 0.14])
    low = melody([(p, 2 * eighth) for p in bass], rate, [1.0, 0.5, 0.2])
    return lead + 0.6 * low


def sound_sax(rate: int) -> Signal:
    """A breathy reed-like phrase with vibrato: 2 seconds."""
    weights = [1.0, 0.7, 0.55, 0.45, 0.3, 0.25, 0.2, 0.14, 0.1, 0.07]
    phrase = [(62, 0.5), (65, 0.25), (67, 0.25), (69, 0.6), (67, 0.4)]
    tone = np.concatenate([note(p, d, rate, weights, vibrato=0.25) for p, d in phrase])
    return tone + 0.015 * rng_for("sax.wav").standard_normal(len(tone))


def sound_chime(rate: int) -> Signal:
    """A bell-like A5 that decays over 1 second."""
    t = time_axis(1.0, rate)
    ring = harmonics(2 * np.pi * 880.0 * t, [1.0, 0.4, 0.0, 0.15]) * np.exp(-3.5 * t)
    return ring * envelope(len(t), rate, 0.005, 0.02)


def write_audio(folder: Path) -> None:
    """Synthesise the WAV (16 kHz mono PCM) and MP3 files in audio/."""
    rate = AUDIO_RATE
    wavs = {
        "audio_sample.wav": sound_chime(rate),
        "cantina.wav": sound_cantina(rate),
        "recording1.wav": voice(2.0, rate, 140.0, rng_for("recording1.wav")),
        "sax.wav": sound_sax(rate),
    }
    for name, signal in wavs.items():
        write_wav(folder / name, normalise(signal), rate)
    voices = {"cate_blanch.mp3": (1.5, 215.0), "cate_blanch_2.mp3": (1.2, 195.0)}
    voices["heath_ledger.mp3"] = (1.8, 105.0)
    for name, (duration, pitch) in voices.items():
        write_mp3(folder / name, normalise(voice(duration, rate, pitch, rng_for(name))), rate)


# --------------------------------------------------------------------------- videos


def frame_world(t: float, stars: Points) -> Image.Image:
    """A turning globe with drifting continents and an orbiting moon, among stars."""
    w, h, s = 320 * SUPERSAMPLE, 240 * SUPERSAMPLE, SUPERSAMPLE
    image = gradient(w, h, (5, 8, 30), (20, 25, 60))
    draw = ImageDraw.Draw(image)
    for x, y in stars:
        draw.point((x * w, y * h), fill=(230, 230, 255))
    cx, cy, r = w / 2, h / 2, 80 * s
    moon = 2 * math.pi * t / 3
    moon_box = box(cx + 125 * s * math.cos(moon), cy + 40 * s * math.sin(moon), 12 * s)
    if math.sin(moon) < 0:  # behind the globe
        draw.ellipse(moon_box, fill=(210, 210, 200))
    draw.ellipse(box(cx, cy, r), fill=(40, 100, 200))
    continents = [(0.0, -0.35, 0.5), (1.7, 0.25, 0.6), (3.3, -0.1, 0.45), (4.7, 0.5, 0.4)]
    for longitude, latitude, size in continents:
        angle = longitude + 1.2 * t
        if math.cos(angle) > 0.15:
            x, y = cx + r * math.sin(angle) * math.cos(latitude), cy + r * math.sin(latitude)
            rx = r * size * math.cos(angle) * 0.75
            draw.ellipse(box(x, y, rx, r * size * 0.55), fill=(70, 160, 80))
    draw.ellipse(box(cx, cy, r), outline=(120, 170, 240), width=2 * s)
    if math.sin(moon) >= 0:
        draw.ellipse(moon_box, fill=(210, 210, 200))
    return image


def frame_bounce(t: float) -> Image.Image:
    """A red ball bouncing across a grid floor, with its shadow."""
    w, h, s = 320 * SUPERSAMPLE, 240 * SUPERSAMPLE, SUPERSAMPLE
    image = gradient(w, h, (250, 245, 230), (230, 220, 200))
    draw = ImageDraw.Draw(image)
    for grid_x in range(0, w, 40 * s):
        draw.line((grid_x, 0, grid_x, h), fill=(215, 205, 185), width=s)
    for grid_y in range(0, h, 40 * s):
        draw.line((0, grid_y, w, grid_y), fill=(215, 205, 185), width=s)
    floor = h - 40 * s
    x = (40 + 240 * t / 2) * s
    y = floor - 20 * s - 130 * s * abs(math.sin(math.pi * t * 2))
    draw.ellipse(box(x, floor, 22 * s, 6 * s), fill=(170, 160, 140))
    draw.ellipse(box(x, y, 20 * s), fill=(220, 50, 50))
    draw.ellipse(box(x - 6 * s, y - 6 * s, 5 * s), fill=(250, 150, 150))
    return image


def frame_spin(t: float) -> Image.Image:
    """A turning square over stripes whose colours cycle."""
    w, h, s = 320 * SUPERSAMPLE, 240 * SUPERSAMPLE, SUPERSAMPLE
    image = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(image)
    for i in range(8):
        hue = (i / 8 + t / 2) % 1
        color = tuple(int(127 + 100 * math.cos(2 * math.pi * (hue + k / 3))) for k in range(3))
        draw.rectangle((i * w / 8, 0, (i + 1) * w / 8, h), fill=color)
    angle, r = math.pi * t, 70 * s
    corners = [
        (
            w / 2 + r * math.cos(angle + k * math.pi / 2),
            h / 2 + r * math.sin(angle + k * math.pi / 2),
        )
        for k in range(4)
    ]
    draw.polygon(corners, fill=(250, 250, 250), outline=(30, 30, 30), width=3 * s)
    draw.ellipse(box(w / 2, h / 2, 18 * s), fill=(30, 30, 30))
    return image


def video_frames(
    draw_frame: Callable[[float], Image.Image], seconds: float, name: str
) -> list[bytes]:
    """Raw RGB frames (320x240, 15 fps) of ``draw_frame`` over time, labelled with ``name``."""
    frames = []
    for i in range(round(seconds * 15)):
        image = draw_frame(i / 15).resize((320, 240), Image.Resampling.LANCZOS)
        label(image, name, 20)
        frames.append(image.tobytes())
    return frames


def encode_video(path: Path, frames: Sequence[bytes], audio: Path, codecs: Sequence[str]) -> None:
    """Pipe raw 320x240 15 fps frames to ffmpeg and mux them with the WAV file ``audio``."""
    video_in = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "320x240", "-framerate", "15"]
    inputs = [*video_in, "-i", "pipe:0", "-i", str(audio), "-map", "0:v", "-map", "1:a"]
    run_ffmpeg([*inputs, *codecs, *BITEXACT, str(path)], b"".join(frames))


def soundtrack(kind: str, seconds: float, rate: int) -> Signal:
    """A short soundtrack: a major-chord pad, a beeping tone or a pulsing hum."""
    t = time_axis(seconds, rate)
    if kind == "pad":
        chord = sum(np.sin(2 * np.pi * midi_hz(p) * t) for p in (60, 64, 67, 72))
        return chord * (0.7 + 0.3 * np.sin(2 * np.pi * 0.5 * t)) * envelope(len(t), rate, 0.3, 0.4)
    if kind == "beeps":
        beep = np.sin(2 * np.pi * 523.25 * t) * ((t % 0.5) < 0.2)
        return beep * envelope(len(t), rate, 0.01, 0.05)
    hum = np.sin(2 * np.pi * 110 * t) + 0.5 * np.sin(2 * np.pi * 165 * t)
    return hum * (0.6 + 0.4 * np.sin(2 * np.pi * 2 * t)) * envelope(len(t), rate, 0.05, 0.1)


def write_videos(folder: Path) -> None:
    """Render the MP4 (H.264 + AAC) and AVI (MPEG-4 part 2 + MP3) files in videos/."""
    stars = rng_for("world.mp4").uniform(0, 1, (60, 2))
    clips: dict[str, tuple[Callable[[float], Image.Image], float, str]] = {
        "world": (functools.partial(frame_world, stars=stars), 3.0, "pad"),
        "a": (frame_bounce, 2.0, "beeps"),
        "b": (frame_spin, 2.0, "hum"),
    }
    with tempfile.TemporaryDirectory() as scratch:
        for name, (draw_frame, seconds, kind) in clips.items():
            frames = video_frames(draw_frame, seconds, name)
            audio = Path(scratch) / f"{name}.wav"
            sound = normalise(soundtrack(kind, seconds, VIDEO_AUDIO_RATE), 0.6)
            write_wav(audio, sound, VIDEO_AUDIO_RATE)
            encode_video(folder / f"{name}.mp4", frames, audio, H264_AAC)
            if name == "b":
                encode_video(folder / "b.avi", frames, audio, MPEG4_MP3)
    copy_video = ["-i", str(folder / "b.mp4"), "-map", "0:v", "-c:v", "copy", "-an"]
    run_ffmpeg([*copy_video, "-movflags", "+faststart", *BITEXACT, str(folder / "muted_b.mp4")])


# --------------------------------------------------------------------------- 3D models


def icosphere(subdivisions: int) -> tuple[Points, Faces]:
    """A unit sphere made by splitting an icosahedron's triangles ``subdivisions`` times."""
    g = (1 + 5**0.5) / 2
    vertices: list[tuple[float, float, float]] = [
        *((-1, g, 0), (1, g, 0), (-1, -g, 0), (1, -g, 0)),
        *((0, -1, g), (0, 1, g), (0, -1, -g), (0, 1, -g)),
        *((g, 0, -1), (g, 0, 1), (-g, 0, -1), (-g, 0, 1)),
    ]
    faces = [
        *((0, 11, 5), (0, 5, 1), (0, 1, 7), (0, 7, 10), (0, 10, 11)),
        *((1, 5, 9), (5, 11, 4), (11, 10, 2), (10, 7, 6), (7, 1, 8)),
        *((3, 9, 4), (3, 4, 2), (3, 2, 6), (3, 6, 8), (3, 8, 9)),
        *((4, 9, 5), (2, 4, 11), (6, 2, 10), (8, 6, 7), (9, 8, 1)),
    ]
    for _ in range(subdivisions):
        faces = split_triangles(vertices, faces)
    points = np.array(vertices, dtype=float)
    return points / np.linalg.norm(points, axis=1, keepdims=True), np.array(faces)


def split_triangles(
    vertices: list[tuple[float, float, float]], faces: list[tuple[int, int, int]]
) -> list[tuple[int, int, int]]:
    """Split each triangle into four at its edges' midpoints (adding them to ``vertices``)."""
    midpoints: dict[tuple[int, int], int] = {}

    def midpoint(a: int, b: int) -> int:
        key = (min(a, b), max(a, b))
        if key not in midpoints:
            va, vb = vertices[a], vertices[b]
            vertices.append(((va[0] + vb[0]) / 2, (va[1] + vb[1]) / 2, (va[2] + vb[2]) / 2))
            midpoints[key] = len(vertices) - 1
        return midpoints[key]

    result = []
    for a, b, c in faces:
        ab, bc, ca = midpoint(a, b), midpoint(b, c), midpoint(c, a)
        result += [(a, ab, ca), (b, bc, ab), (c, ca, bc), (ab, bc, ca)]
    return result


def unit_rows(vectors: Points) -> Points:
    """Each row scaled to length 1 (zero rows stay zero)."""
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: Points = vectors / np.maximum(lengths, 1e-12)
    return result


def face_normals(points: Points, faces: Faces) -> Points:
    """The unit normal of each triangle (counter-clockwise winding faces outwards)."""
    a, b, c = (points[faces[:, i]] for i in range(3))
    return unit_rows(np.cross(b - a, c - a))


def vertex_normals(points: Points, faces: Faces) -> Points:
    """Smooth normals: the area-weighted average of the normals of the faces at each vertex."""
    a, b, c = (points[faces[:, i]] for i in range(3))
    weighted = np.cross(b - a, c - a)
    normals = np.zeros_like(points)
    for i in range(3):
        np.add.at(normals, faces[:, i], weighted)
    return unit_rows(normals)


def bump(directions: Points, axis: Sequence[float], width: float) -> Signal:
    """How close each unit direction is to ``axis``: 1 on it, falling off over ``width``."""
    unit = np.array(axis, dtype=float) / np.linalg.norm(axis)
    closeness: Signal = np.exp(-(1 - directions @ unit) / width)
    return closeness


def bunny_mesh() -> tuple[Points, Faces]:
    """A rabbit-like blob: a lumpy sphere with a head, two long ears and a tail."""
    rng = rng_for("Bunny.obj")
    directions, faces = icosphere(3)
    radius = 1 + 0.45 * bump(directions, (0.8, 0.6, 0), 0.12)
    for side in (0.25, -0.25):  # the ears
        radius += 0.9 * bump(directions, (0.45, 1, side), 0.025)
    radius += 0.25 * bump(directions, (-1, 0.2, 0), 0.03)
    for axis, phase in zip(rng.standard_normal((3, 3)), rng.uniform(0, 2 * np.pi, 3), strict=True):
        radius += 0.03 * np.sin(3 * directions @ axis + phase)
    points = directions * radius[:, None] * np.array([1.2, 0.9, 0.85])
    return points, faces


def face_mesh() -> tuple[Points, Faces]:
    """A face mask: an oval height field with a nose, brows, eye sockets, lips and a chin."""
    xs, ys = np.linspace(-1, 1, 41), np.linspace(-1.25, 1.25, 51)
    x, y = (a.ravel() for a in np.meshgrid(xs, ys))
    inside = x**2 + (y / 1.25) ** 2 <= 1.0

    def blob(cx: float, cy: float, sx: float, sy: float) -> Signal:
        return np.exp(-(((x - cx) / sx) ** 2) - ((y - cy) / sy) ** 2)

    z = 0.55 * np.sqrt(np.clip(1 - x**2 - (y / 1.25) ** 2, 0, None))
    z += 0.28 * blob(0, 0.0, 0.1, 0.3) + 0.06 * blob(0, 0.42, 0.5, 0.07)
    z -= 0.09 * (blob(-0.36, 0.25, 0.14, 0.1) + blob(0.36, 0.25, 0.14, 0.1))
    z += 0.06 * blob(0, -0.48, 0.25, 0.06) + 0.05 * blob(0, -0.9, 0.3, 0.15)
    nx = len(xs)
    triangles = []
    for j in range(len(ys) - 1):
        for i in range(nx - 1):
            a, b, c, d = j * nx + i, j * nx + i + 1, (j + 1) * nx + i + 1, (j + 1) * nx + i
            if inside[[a, b, c, d]].all():
                triangles += [(a, b, c), (a, c, d)]
    faces = np.array(triangles)
    used = np.unique(faces)
    remap = np.full(len(x), -1)
    remap[used] = np.arange(len(used))
    points = np.stack([x, y, z], axis=1)[used]
    return points, remap[faces]


def write_obj(path: Path, points: Points, faces: Faces) -> None:
    """Write a Wavefront OBJ with smooth vertex normals."""
    normals = vertex_normals(points, faces)
    lines = [f"# {path.name}: synthesised by make_media_assets.py (specblocks)", f"o {path.stem}"]
    lines += [f"v {x:.5f} {y:.5f} {z:.5f}" for x, y, z in points]
    lines += [f"vn {x:.5f} {y:.5f} {z:.5f}" for x, y, z in normals]
    lines += [f"f {a}//{a} {b}//{b} {c}//{c}" for a, b, c in faces + 1]
    path.write_text("\n".join(lines) + "\n")


def ellipsoid(
    centre: Sequence[float], radii: Sequence[float], rings: int = 12, segments: int = 24
) -> tuple[Points, Points, Faces]:
    """A UV ellipsoid: positions, smooth normals and outward-facing triangles."""
    theta = np.linspace(0, np.pi, rings + 1)[:, None]
    phi = np.linspace(0, 2 * np.pi, segments + 1)[None, :]
    unit = np.stack(
        [
            np.sin(theta) * np.cos(phi),
            np.cos(theta) * np.ones_like(phi),
            -np.sin(theta) * np.sin(phi),
        ],
        axis=-1,
    ).reshape(-1, 3)
    r = np.array(radii, dtype=float)
    normals = unit / r
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    faces = []
    for ring in range(rings):
        for seg in range(segments):
            a = ring * (segments + 1) + seg
            b, c, d = a + segments + 1, a + segments + 2, a + 1
            if ring > 0:
                faces.append((a, b, d))
            if ring < rings - 1:
                faces.append((d, b, c))
    return unit * r + np.array(centre, dtype=float), normals, np.array(faces)


def flat_shaded(points: Points, faces: Faces) -> tuple[Points, Points, Faces]:
    """Give every triangle its own three vertices, all with the triangle's normal."""
    positions = points[faces.ravel()]
    normals = np.repeat(face_normals(points, faces), 3, axis=0)
    return positions, normals, np.arange(len(positions)).reshape(-1, 3)


def pyramid_mesh() -> tuple[Points, Faces]:
    """A square pyramid: four sides and a base of two triangles."""
    points = np.array([[-1, 0, -1], [1, 0, -1], [1, 0, 1], [-1, 0, 1], [0, 1.4, 0]], dtype=float)
    faces = np.array([[0, 1, 2], [0, 2, 3], [3, 2, 4], [2, 1, 4], [1, 0, 4], [0, 3, 4]])
    return points, faces


def torus_mesh(
    major: float, minor: float, around: int = 40, across: int = 16
) -> tuple[Points, Faces]:
    """A closed torus around the z axis."""
    u = np.repeat(np.linspace(0, 2 * np.pi, around, endpoint=False), across)
    v = np.tile(np.linspace(0, 2 * np.pi, across, endpoint=False), around)
    ring = major + minor * np.cos(v)
    points = np.stack([ring * np.cos(u), ring * np.sin(u), minor * np.sin(v)], axis=1)
    faces = []
    for i in range(around):
        for j in range(across):
            a, b = i * across + j, ((i + 1) % around) * across + j
            c, d = ((i + 1) % around) * across + (j + 1) % across, i * across + (j + 1) % across
            faces += [(a, b, c), (a, c, d)]
    return points, np.array(faces)


class GltfBuilder:
    """Collects meshes' binary data and the glTF 2.0 JSON that describes it."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.views: list[dict[str, Any]] = []
        self.accessors: list[dict[str, Any]] = []
        self.materials: list[dict[str, Any]] = []
        self.primitives: list[dict[str, Any]] = []

    def _view(self, blob: bytes, target: int) -> int:
        """Append ``blob`` to the buffer at a 4-byte boundary and return its buffer view."""
        self.data += b"\0" * (-len(self.data) % 4)
        view = {
            "buffer": 0,
            "byteOffset": len(self.data),
            "byteLength": len(blob),
            "target": target,
        }
        self.data += blob
        self.views.append(view)
        return len(self.views) - 1

    def _vec3(self, values: Points, *, bounds: bool) -> int:
        """An accessor of float VEC3 values (with min/max when ``bounds``)."""
        array = np.ascontiguousarray(values, dtype="<f4")
        accessor: dict[str, Any] = {
            "bufferView": self._view(array.tobytes(), 34962),
            "componentType": 5126,
            "count": len(array),
            "type": "VEC3",
        }
        if bounds:
            accessor["min"] = [float(v) for v in array.min(axis=0)]
            accessor["max"] = [float(v) for v in array.max(axis=0)]
        self.accessors.append(accessor)
        return len(self.accessors) - 1

    def material(self, name: str, rgba: Sequence[float], roughness: float = 0.7) -> int:
        """Add a metal-free PBR material of one colour; return its index."""
        pbr = {"baseColorFactor": list(rgba), "metallicFactor": 0.0, "roughnessFactor": roughness}
        self.materials.append({"name": name, "pbrMetallicRoughness": pbr})
        return len(self.materials) - 1

    def primitive(self, positions: Points, normals: Points, faces: Faces, material: int) -> None:
        """Add an indexed triangle list with positions, normals and a material."""
        indices = np.ascontiguousarray(faces.ravel(), dtype="<u2")
        self.accessors.append(
            {
                "bufferView": self._view(indices.tobytes(), 34963),
                "componentType": 5123,
                "count": len(indices),
                "type": "SCALAR",
            }
        )
        index_accessor = len(self.accessors) - 1
        attributes = {
            "POSITION": self._vec3(positions, bounds=True),
            "NORMAL": self._vec3(normals, bounds=False),
        }
        self.primitives.append(
            {"attributes": attributes, "indices": index_accessor, "material": material, "mode": 4}
        )

    def document(self, name: str, uri: str | None = None) -> dict[str, Any]:
        """The glTF JSON: one scene with one node holding one mesh of all the primitives."""
        self.data += b"\0" * (-len(self.data) % 4)
        buffer: dict[str, Any] = {"byteLength": len(self.data)}
        if uri is not None:
            buffer["uri"] = uri
        return {
            "asset": {"version": "2.0", "generator": "specblocks make_media_assets.py"},
            "scene": 0,
            "scenes": [{"name": name, "nodes": [0]}],
            "nodes": [{"name": name, "mesh": 0}],
            "meshes": [{"name": name, "primitives": self.primitives}],
            "materials": self.materials,
            "accessors": self.accessors,
            "bufferViews": self.views,
            "buffers": [buffer],
        }


def write_gltf(path: Path) -> None:
    """An orange pyramid as glTF JSON with its buffer embedded as a base64 data URI."""
    builder = GltfBuilder()
    positions, normals, faces = flat_shaded(*pyramid_mesh())
    builder.primitive(positions, normals, faces, builder.material("orange", (0.95, 0.45, 0.1, 1.0)))
    # document() pads the buffer to 4 bytes, so its data URI is made afterwards.
    document = builder.document(path.stem)
    uri = "data:application/octet-stream;base64," + base64.b64encode(bytes(builder.data)).decode()
    document["buffers"][0]["uri"] = uri
    path.write_text(json.dumps(document, indent=1) + "\n")


def write_glb(path: Path) -> None:
    """A duck-like figure (body, head and beak) as binary glTF (GLB)."""
    builder = GltfBuilder()
    yellow = builder.material("yellow", (1.0, 0.85, 0.15, 1.0))
    beak = builder.material("beak", (0.95, 0.45, 0.05, 1.0))
    builder.primitive(*ellipsoid((0, 0, 0), (1.0, 0.6, 0.7)), yellow)
    builder.primitive(*ellipsoid((0.75, 0.75, 0), (0.42, 0.42, 0.42)), yellow)
    builder.primitive(*ellipsoid((1.2, 0.68, 0), (0.28, 0.07, 0.16), 6, 12), beak)
    document = json.dumps(builder.document(path.stem), separators=(",", ":")).encode()
    document += b" " * (-len(document) % 4)
    binary = bytes(builder.data)
    chunks = struct.pack("<I4s", len(document), b"JSON") + document
    chunks += struct.pack("<I4s", len(binary), b"BIN\0") + binary
    path.write_bytes(struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks)


def write_stl(path: Path, points: Points, faces: Faces) -> None:
    """Write a binary STL (80-byte header, triangle count, then 50 bytes per triangle)."""
    record = np.dtype([("normal", "<f4", 3), ("vertices", "<f4", (3, 3)), ("attribute", "<u2")])
    triangles = np.zeros(len(faces), dtype=record)
    triangles["normal"] = face_normals(points, faces)
    triangles["vertices"] = points[faces]
    header = f"{path.name}: synthesised by make_media_assets.py (specblocks)".encode()
    header = header.ljust(80, b" ")
    path.write_bytes(header + struct.pack("<I", len(faces)) + triangles.tobytes())


def write_models(folder: Path) -> None:
    """Generate the OBJ, glTF, GLB and STL meshes in models3d/."""
    write_obj(folder / "Bunny.obj", *bunny_mesh())
    write_obj(folder / "face.obj", *face_mesh())
    write_gltf(folder / "Fox.gltf")
    write_glb(folder / "Duck.glb")
    write_stl(folder / "sofia.stl", *torus_mesh(1.0, 0.35))


# --------------------------------------------------------------------------- data


SYLLABLES = ("bar", "cal", "dor", "fen", "gar", "hol", "kes", "lom", "mar", "nor", "pel", "ros")
ENDINGS = ("dale", "ford", "ley", "mont", "ton", "wick", "by", "son", "er", "ridge", "well")
MALE_NAMES = ("Arthur", "Edwin", "Frank", "George", "Harold", "Joseph", "Louis", "Owen", "Victor")
FEMALE_NAMES = ("Alice", "Clara", "Edith", "Grace", "Ida", "Mabel", "Nora", "Rose", "Vera")


def passenger_name(rng: np.random.Generator, male: bool, age: float | None) -> str:
    """A made-up name in the 'Surname, Title First' style."""
    surname = (rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()
    first = str(rng.choice(MALE_NAMES if male else FEMALE_NAMES))
    young = age is not None and age < 14
    if male:
        title = "Master" if young else "Mr."
    else:
        title = "Miss." if young or rng.random() < 0.4 else "Mrs."
    return f"{surname}, {title} {first}"


def format_number(value: float) -> str:
    """A number without trailing zeros: 22.0 -> '22', 7.25 -> '7.25'."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def passenger(rng: np.random.Generator, passenger_id: int) -> list[str]:
    """One synthetic passenger row with plausible values and some gaps."""
    pclass = int(rng.choice([1, 2, 3], p=[0.24, 0.21, 0.55]))
    male = bool(rng.random() < 0.64)
    years = float(np.clip(rng.normal(30, 14), 1, 76))
    if rng.random() < 0.05:
        years = float(rng.choice([0.42, 0.67, 0.83, 0.92]))
    elif rng.random() < 0.15:
        years = round(years) + 0.5
    else:
        years = float(round(years))
    age = None if rng.random() < 0.2 else years
    chance = {1: 0.95, 2: 0.88, 3: 0.5}[pclass] if not male else {1: 0.37, 2: 0.16, 3: 0.14}[pclass]
    if age is not None and age < 12:
        chance = max(chance, 0.6)
    fare = {1: rng.uniform(25, 260), 2: rng.uniform(10, 40), 3: rng.uniform(6.75, 25)}[pclass]
    has_cabin = rng.random() < {1: 0.8, 2: 0.12, 3: 0.03}[pclass]
    cabin = f"{rng.choice(list('ABCDE'))}{rng.integers(2, 130)}" if has_cabin else ""
    ticket = str(rng.integers(110_000, 380_000))
    if rng.random() < 0.2:
        ticket = (
            f"{rng.choice(['PC', 'A/5', 'CA', 'SOTON/O.Q.', 'W./C.'])} {rng.integers(1000, 40_000)}"
        )
    embarked = "" if rng.random() < 0.01 else str(rng.choice(["S", "C", "Q"], p=[0.72, 0.19, 0.09]))
    return [
        str(passenger_id),
        str(int(rng.random() < chance)),
        str(pclass),
        passenger_name(rng, male, age),
        "male" if male else "female",
        "" if age is None else format_number(age),
        str(rng.choice([0, 1, 2, 3, 4], p=[0.68, 0.23, 0.05, 0.02, 0.02])),
        str(rng.choice([0, 1, 2, 3], p=[0.76, 0.13, 0.09, 0.02])),
        ticket,
        format_number(round(fare, 4)),
        cabin,
        embarked,
    ]


def write_titanic(path: Path, rows: int = 300) -> None:
    """A synthetic passenger list with the columns of the well-known Titanic sample table."""
    rng = rng_for(path.name)
    header = "PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked"
    with path.open("w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header.split(","))
        writer.writerows(passenger(rng, i) for i in range(1, rows + 1))


#: Lines of the sample subtitles (the same cues in SRT, WebVTT and JSON form).
CUES = [
    (0.0, 1.5, "Hello, and welcome."),
    (1.5, 3.2, "This clip was made by a script."),
    (3.2, 5.0, "Every frame is drawn from code."),
    (5.0, 6.5, "Thanks for watching!"),
]


def timestamp(seconds: float, separator: str) -> str:
    """HH:MM:SS<separator>mmm, as SubRip (',') and WebVTT ('.') write times."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


def write_subtitles(folder: Path) -> None:
    """The same cues as SubRip (s1.srt), WebVTT (s2.vtt) and a JSON chunk list (s3.json)."""
    srt = [
        f"{i}\n{timestamp(start, ',')} --> {timestamp(end, ',')}\n{text}\n"
        for i, (start, end, text) in enumerate(CUES, 1)
    ]
    (folder / "s1.srt").write_text("\n".join(srt))
    vtt = [
        f"{timestamp(start, '.')} --> {timestamp(end, '.')}\n{text}\n" for start, end, text in CUES
    ]
    (folder / "s2.vtt").write_text("WEBVTT\n\n" + "\n".join(vtt))
    chunks = [{"text": text, "timestamp": [start, end]} for start, end, text in CUES]
    (folder / "s3.json").write_text(json.dumps(chunks, indent=2) + "\n")


ADJECTIVES = (
    *("amber", "arctic", "bold", "brisk", "calm", "clever", "coastal", "copper", "crimson"),
    *("dusty", "eager", "emerald", "fuzzy", "gentle", "giant", "golden", "hidden", "humble"),
    *("icy", "jolly", "lively", "lunar", "mighty", "misty", "nimble", "northern", "old"),
    *("painted", "quiet", "rapid", "rusty", "sandy", "silver", "sleepy", "spotted", "striped"),
    *("sunny", "tiny", "velvet", "wild"),
)
NOUNS = (
    *("badger", "beetle", "bicycle", "boat", "bridge", "cactus", "castle", "comet", "drum"),
    *("falcon", "fern", "kettle", "lantern", "lizard", "mushroom", "otter", "owl", "pebble"),
    *("piano", "robot", "teapot", "tortoise", "tulip", "violin", "whale"),
)


def write_labels(path: Path) -> None:
    """1000 made-up class labels ("amber badger", "arctic badger", ...)."""
    labels = [
        f"{ADJECTIVES[i % len(ADJECTIVES)]} {NOUNS[i // len(ADJECTIVES)]}" for i in range(1000)
    ]
    assert len(set(labels)) == 1000
    path.write_text(json.dumps(labels, indent=0) + "\n")


def write_pdf(path: Path, lines: Sequence[str]) -> None:
    """Write a one-page PDF showing ``lines`` in Helvetica (ASCII text only)."""
    text = "".join(
        f"BT /F1 14 Tf 56 {720 - 22 * i} Td ({line}) Tj ET\n" for i, line in enumerate(lines)
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    path.write_bytes(bytes(out))


def write_data(folder: Path) -> None:
    """Write the tables, text, documents, subtitles and labels in data/."""
    write_titanic(folder / "titanic.csv")
    write_pdf(
        folder / "sample_file.pdf",
        ["Sample file", "A one-page PDF document shipped as sample media."],
    )
    rng = rng_for("time.csv")
    rows = [f"{t},{rng.integers(0, 50)},{rng.integers(10, 100)}" for t in range(1, 8)]
    (folder / "time.csv").write_text("time,value,price\n" + "\n".join(rows) + "\n")
    (folder / "sample.txt").write_text("hello friends\n")
    write_subtitles(folder)
    write_labels(folder / "imagenet_labels.json")


# --------------------------------------------------------------------------- main

README = """\
# Sample media

Small sample files shipped with the runtime package, for examples, docs and tests.

Every file here is synthesised by `runtime/scripts/make_media_assets.py` (procedural
drawings, synthesised tones and voices, generated meshes and seeded random data); regenerate
them with `nox -s media`. They contain no third-party material and are covered by the
project's licence (Apache-2.0, the same as the package).

- `images/`: PNG, JPEG and animated GIF pictures.
- `audio/`: WAV (16-bit PCM, mono, 16 kHz) and MP3 clips.
- `videos/`: MP4 (H.264 + AAC; `muted_b.mp4` has no audio track) and AVI (MPEG-4 + MP3).
- `models3d/`: OBJ, glTF, GLB and STL meshes.
- `data/`: CSV tables, a text file, a PDF, subtitles (SRT, WebVTT, JSON) and a list of
  labels.
"""


def main() -> None:
    """Recreate media_assets/'s subfolders and write every file into them."""
    writers = [write_images, write_audio, write_videos, write_models, write_data]
    for subfolder, writer in zip(SUBFOLDERS, writers, strict=True):
        folder = OUT / subfolder
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        writer(folder)
    (OUT / "README.md").write_text(README)
    for path in sorted(p for p in OUT.rglob("*") if p.is_file()):
        print(f"{path.stat().st_size:>9,}  {path.relative_to(OUT)}")


if __name__ == "__main__":
    main()
