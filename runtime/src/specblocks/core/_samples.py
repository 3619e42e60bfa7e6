"""Sample media shipped with the package: images, audio, videos, 3D models and data files.

Apps use them as example values (``specblocks.media.get_image("lion.jpg")``); the API info
points file parameters' example inputs at them, and the server serves them (and only them)
under ``/gradio_api/media/<folder>/<name>``. The files live in ``media_assets/`` next to the
package's modules; ``media_assets/README.md`` says how they are made.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

#: The folder holding the sample files, one subfolder per kind.
MEDIA_ROOT = Path(__file__).resolve().parent.parent / "media_assets"

#: The subfolder of each kind of sample.
FOLDERS: dict[str, str] = {
    "image": "images",
    "video": "videos",
    "audio": "audio",
    "model3d": "models3d",
    "file": "data",
}

#: The folders of the samples, in the order Gradio lists them (images, videos, audio, 3D
#: models, data); apps pass them to ``launch(allowed_paths=...)``.
MEDIA_PATHS: list[Path] = [MEDIA_ROOT / folder for folder in FOLDERS.values()]

#: How example values of the specs name a sample: ``sample://<folder>/<name>``.
SAMPLE_SCHEME = "sample://"


def sample_names(kind: str) -> list[str]:
    """The names of the samples of one kind (``image``, ``audio``, ...), sorted."""
    return list(_listed(FOLDERS[kind]))


@functools.cache
def _listed(folder: str) -> tuple[str, ...]:
    """The files of a sample folder, listed once (package data does not change)."""
    path = MEDIA_ROOT / folder
    if not path.is_dir():
        return ()
    return tuple(
        sorted(p.name for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    )


def get_sample(kind: str, filename: str | None = None) -> str:
    """The path of a sample file of ``kind``; with no ``filename``, a randomly chosen one.

    Raises:
        FileNotFoundError: No sample of that kind has that name (the message lists them).
    """
    names = sample_names(kind)
    if filename is None:
        if not names:
            raise FileNotFoundError(f"No sample {kind} files are installed.")
        return str(MEDIA_ROOT / FOLDERS[kind] / random.choice(names))
    if filename not in names:
        raise FileNotFoundError(
            f"No sample {kind} named {filename!r}. Available: {', '.join(names)}."
        )
    return str(MEDIA_ROOT / FOLDERS[kind] / filename)


def sample_file(relative: str) -> Path | None:
    """The sample at ``<folder>/<name>`` (as in a sample URL), or None if there is none.

    Only the files in the sample folders are found: other paths, ``..`` segments and
    subfolders give None.
    """
    folder, _, name = relative.partition("/")
    kind = next((k for k, f in FOLDERS.items() if f == folder), None)
    if kind is None or name not in sample_names(kind):
        return None
    return MEDIA_ROOT / folder / name


def with_sample_urls(value: Any, base: str) -> Any:
    """``value`` with every ``sample://<folder>/<name>`` string made ``<base>/<folder>/<name>``."""
    if isinstance(value, str):
        if value.startswith(SAMPLE_SCHEME):
            return f"{base.rstrip('/')}/{value.removeprefix(SAMPLE_SCHEME)}"
        return value
    if isinstance(value, dict):
        return {k: with_sample_urls(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [with_sample_urls(v, base) for v in value]
    return value
