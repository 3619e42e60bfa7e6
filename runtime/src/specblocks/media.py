"""Sample media shipped with specblocks, for examples and demos.

``get_image("lion.jpg")`` is the path of a sample image; with no name, one is picked at random.
The same goes for :func:`get_audio`, :func:`get_video`, :func:`get_model3d` and
:func:`get_file` (data files such as ``titanic.csv``). An unknown name raises
:class:`FileNotFoundError` listing the names there are. :data:`MEDIA_PATHS` holds the sample
folders, for ``launch(allowed_paths=MEDIA_PATHS)``.
"""

from __future__ import annotations

from specblocks.core._samples import MEDIA_PATHS, MEDIA_ROOT, get_sample, sample_names

__all__ = [
    "MEDIA_PATHS",
    "MEDIA_ROOT",
    "get_audio",
    "get_file",
    "get_image",
    "get_model3d",
    "get_video",
    "names",
]


def get_image(filename: str | None = None) -> str:
    """The path of the sample image ``filename`` (e.g. ``"lion.jpg"``), or of a random one.

    Raises:
        FileNotFoundError: There is no sample image of that name.
    """
    return get_sample("image", filename)


def get_audio(filename: str | None = None) -> str:
    """The path of the sample audio file ``filename`` (e.g. ``"cantina.wav"``), or a random one.

    Raises:
        FileNotFoundError: There is no sample audio file of that name.
    """
    return get_sample("audio", filename)


def get_video(filename: str | None = None) -> str:
    """The path of the sample video ``filename`` (e.g. ``"world.mp4"``), or of a random one.

    Raises:
        FileNotFoundError: There is no sample video of that name.
    """
    return get_sample("video", filename)


def get_model3d(filename: str | None = None) -> str:
    """The path of the sample 3D model ``filename`` (e.g. ``"Fox.gltf"``), or of a random one.

    Raises:
        FileNotFoundError: There is no sample model of that name.
    """
    return get_sample("model3d", filename)


def get_file(filename: str | None = None) -> str:
    """The path of the sample data file ``filename`` (e.g. ``"titanic.csv"``), or a random one.

    Raises:
        FileNotFoundError: There is no sample data file of that name.
    """
    return get_sample("file", filename)


def names(kind: str) -> list[str]:
    """The sample names of one kind (``image``, ``audio``, ``video``, ``model3d``, ``file``).

    Raises:
        KeyError: ``kind`` is none of these.
    """
    return sample_names(kind)
