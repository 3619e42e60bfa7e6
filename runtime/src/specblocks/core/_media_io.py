"""Shared helpers of the media and file components: file payloads, the file cache and URLs.

Every file a component hands to the browser is described by a *FileData* payload (a plain
dict) whose ``path`` points into the file cache, or is a URL the server fetches or passes on.
"""

from __future__ import annotations

import mimetypes
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from specblocks.core._exceptions import PayloadError
from specblocks.core._files import default_cache

FILE_DATA_TYPE = "gradio.FileData"
"""The marker stored under ``meta._type`` of every file payload."""

_DOWNLOAD_TIMEOUT = 30.0


def file_data(
    path: str | None,
    *,
    url: str | None = None,
    size: int | None = None,
    orig_name: str | None = None,
    mime_type: str | None = None,
    is_stream: bool = False,
) -> dict[str, Any]:
    """Build a FileData wire payload.

    Args:
        path: Where the file is on the server (in the file cache), a URL, or None for a file
            given only by ``url`` (e.g. an inline ``data:`` URL).
        url: URL the browser fetches the file from; the server fills it in when None.
        size: Size of the file in bytes, when known.
        orig_name: File name shown to the user.
        mime_type: MIME type of the file, when known.
        is_stream: Whether the file is a stream still being written.

    Returns:
        The payload as a JSON-serialisable dict.
    """
    return {
        "path": path,
        "url": url,
        "size": size,
        "orig_name": orig_name,
        "mime_type": mime_type,
        "is_stream": is_stream,
        "meta": {"_type": FILE_DATA_TYPE},
    }


@dataclass(frozen=True)
class FileRef:
    """A file payload received from a client, checked and normalised."""

    path: str | None
    url: str | None = None
    orig_name: str | None = None
    mime_type: str | None = None
    size: int | None = None

    @property
    def name(self) -> str:
        """The user-facing file name: ``orig_name`` when given, else the path's last part."""
        if self.orig_name:
            return self.orig_name
        return Path(self.path).name if self.path else ""


#: The keys of a FileData payload (as the official clients send it). A dict with a string
#: ``path`` and no other keys is a file reference even without ``meta``.
FILE_DATA_KEYS = frozenset(
    {"path", "url", "size", "orig_name", "mime_type", "is_stream", "meta", "alt_text", "b64"}
)


def _optional_str(data: Mapping[str, Any], key: str, component: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise PayloadError(f"{component}: the file payload's {key!r} must be a string or null.")


def parse_file(payload: Any, component: str, *, require_path: bool = True) -> FileRef:
    """Check a FileData payload sent by a client and return its fields.

    Args:
        payload: The decoded JSON object (a dict), or a pydantic ``FileData`` model.
        component: Name of the component, used in error messages.
        require_path: Whether ``path`` must be a string; when False, a payload carrying only a
            ``url`` (e.g. a ``data:`` URL) is accepted too.

    Returns:
        The payload's fields.

    Raises:
        PayloadError: The payload is not a file payload.
    """
    if isinstance(payload, BaseModel):
        payload = payload.model_dump(by_alias=True)
    if not isinstance(payload, Mapping):
        raise PayloadError(
            f"{component}: expected a file payload (an object with a 'path'), "
            f"got {type(payload).__name__}."
        )
    meta = payload.get("meta")
    tagged = isinstance(meta, Mapping) and meta.get("_type") == "gradio.FileData"
    if not tagged and not payload.keys() <= FILE_DATA_KEYS:
        # an object is a file reference by its keys alone only when it has no others: the
        # server checks every such object's path before the event runs, and this one it
        # would not have recognised
        unknown = ", ".join(sorted(repr(k) for k in payload.keys() - FILE_DATA_KEYS))
        raise PayloadError(
            f"{component}: the file payload has keys a file payload does not have ({unknown}); "
            "send only FileData keys, or tag it with meta {'_type': 'gradio.FileData'}."
        )
    path = _optional_str(payload, "path", component)
    url = _optional_str(payload, "url", component)
    if path is None and (require_path or url is None):
        raise PayloadError(f"{component}: the file payload has no 'path'.")
    size = payload.get("size")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int)):
        raise PayloadError(f"{component}: the file payload's 'size' must be an integer or null.")
    return FileRef(
        path=path,
        url=url,
        orig_name=_optional_str(payload, "orig_name", component),
        mime_type=_optional_str(payload, "mime_type", component),
        size=size,
    )


def payload_path(payload: Any, component: str) -> str | None:
    """The path of a received file payload, or None when there is no payload.

    Raises:
        PayloadError: The payload is not a file payload.
    """
    if payload is None:
        return None
    return parse_file(payload, component).path


def existing_path(ref: FileRef, component: str) -> str:
    """The local path of a received file, checked to exist.

    Raises:
        PayloadError: The payload has no path or the file is missing.
    """
    if ref.path is None or not Path(ref.path).is_file():
        raise PayloadError(f"{component}: the uploaded file {ref.path!r} does not exist.")
    return ref.path


def is_url(value: str | os.PathLike[str]) -> bool:
    """Whether ``value`` is an http(s) URL rather than a local path."""
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def url_file_name(url: str) -> str:
    """The file name at the end of a URL's path (may be empty)."""
    return Path(urllib.parse.urlparse(url).path).name


def guess_mime_type(name: str | os.PathLike[str]) -> str | None:
    """The MIME type matching a file name's extension, or None."""
    text = str(name).lower()
    if text.endswith(".vtt"):
        return "text/vtt"
    if text.endswith(".webp"):
        return "image/webp"
    guessed = mimetypes.guess_type(text)[0]
    if guessed is not None:
        guessed = guessed.replace("x-wav", "wav").replace("x-flac", "flac")
    return guessed


def cache_file(value: str | os.PathLike[str], component: str) -> str:
    """Copy a local file returned by a user function into the file cache.

    URLs are returned unchanged (the server fetches or forwards them).

    Args:
        value: A local path or a URL.
        component: Name of the component, used in error messages.

    Returns:
        The file's path in the cache, or the URL.

    Raises:
        ValueError: The local file does not exist or is not a regular file.
    """
    if is_url(value):
        return str(value)
    path = resolve_relative(value)
    if not path.exists():
        if _initial.get():
            return _missing_initial_file(value, path, component)
        raise ValueError(f"{component}: the returned file {str(value)!r} does not exist.")
    if not path.is_file():
        raise ValueError(f"{component}: the returned path {str(value)!r} is not a file.")
    return str(default_cache().store_file(path))


def app_folder() -> Path | None:
    """The folder of the script the app runs from (``__main__``'s file), if there is one."""
    main = sys.modules.get("__main__")
    file = getattr(main, "__file__", None)
    return Path(file).resolve().parent if isinstance(file, str) else None


def resolve_relative(value: str | os.PathLike[str]) -> Path:
    """Where a file path given in an app points to.

    Absolute paths stay as they are. A relative path is looked up in the working directory
    first (as Gradio does), then in the folder of the app's script; when it is in neither,
    the working-directory path is returned.
    """
    path = Path(value)
    if path.is_absolute() or path.exists():
        return path
    folder = app_folder()
    if folder is not None and (folder / path).exists():
        return folder / path
    return path


_initial: ContextVar[bool] = ContextVar("specblocks_initial_values", default=False)


@contextmanager
def initial_values() -> Iterator[None]:
    """While a component's initial value is computed: a missing file warns instead of failing.

    An app whose example file is missing still serves its page (the component shows no file),
    as Gradio's does; the warning names the component and the path.
    """
    token = _initial.set(True)
    try:
        yield
    finally:
        _initial.reset(token)


_warned: set[tuple[str, str]] = set()


def _missing_initial_file(value: str | os.PathLike[str], path: Path, component: str) -> str:
    """Warn (once per component and path) that an initial file is missing; its path."""
    if (component, str(value)) in _warned:
        return str(path.absolute())
    _warned.add((component, str(value)))
    looked = [str(Path.cwd())]
    folder = app_folder()
    if folder is not None and str(folder) not in looked:
        looked.append(str(folder))
    warnings.warn(
        f"{component}: the file {str(value)!r} does not exist (looked in "
        f"{' and '.join(looked)}); the component is shown without it.",
        UserWarning,
        stacklevel=2,
    )
    return str(path.absolute())


def path_file_data(value: Any, component: str) -> dict[str, Any] | None:
    """The payload of a file given by path or URL, named after the returned path.

    Raises:
        TypeError: ``value`` is not a ``str`` or ``Path``.
        ValueError: The local file does not exist.
    """
    if value is None:
        return None
    if not isinstance(value, (str, Path)):
        raise TypeError(
            f"{component}: expected a file path or URL (str or pathlib.Path), got "
            f"{type(value).__name__}."
        )
    return file_data(cache_file(value, component), orig_name=Path(str(value)).name)


def download_to_cache(url: str, component: str) -> str:
    """Download an http(s) URL into the file cache and return the local path.

    Raises:
        ValueError: The download failed.
    """
    name = url_file_name(url) or "file"
    request = urllib.request.Request(url, headers={"User-Agent": "specblocks"})
    try:
        with urllib.request.urlopen(request, timeout=_DOWNLOAD_TIMEOUT) as response:
            data: bytes = response.read()
    except OSError as exc:
        raise ValueError(f"{component}: could not download {url!r}: {exc}") from exc
    return str(default_cache().store_bytes(data, name))


def local_file(value: str | os.PathLike[str], component: str) -> str:
    """A local copy of a file returned by a user function: URLs are downloaded first."""
    if is_url(value):
        return download_to_cache(str(value), component)
    return cache_file(value, component)


class NamedString(str):
    """A file path that also has a ``name`` attribute equal to itself.

    Functions written for old Gradio versions received file objects and read ``file.name``;
    passing paths as this subclass of ``str`` keeps such code working.
    """

    name: str

    def __init__(self, value: object = "") -> None:
        super().__init__()
        self.name = str(self)


def matches_file_types(path: str, file_types: list[str]) -> bool:
    """Whether ``path`` is allowed by a ``file_types`` list.

    Entries are extensions (".pdf"), MIME categories ("image", "audio", "video", "text") or
    "file" (anything).
    """
    name = Path(path).name.lower()
    mime = guess_mime_type(path)
    for file_type in file_types:
        if file_type == "file":
            return True
        if file_type.startswith("."):
            suffix = file_type.lower()
            if len(name) > len(suffix) and name.endswith(suffix):
                return True
        elif mime is not None and mime.startswith(f"{file_type}/"):
            return True
    return False


def check_file_types(path: str, file_types: list[str] | None, component: str) -> None:
    """Reject an uploaded file whose type is not in ``file_types`` (no check when None).

    Raises:
        PayloadError: The file's type is not allowed.
    """
    if file_types and not matches_file_types(path, file_types):
        raise PayloadError(
            f"{component}: invalid file type. Please upload a file that is one of these "
            f"formats: {file_types}"
        )


class FfmpegMissingError(RuntimeError):
    """A conversion needs the ffmpeg executable, which is not installed."""


class FfmpegFailedError(RuntimeError):
    """ffmpeg ran but could not convert the file."""


def ffmpeg_available() -> bool:
    """Whether the ``ffmpeg`` executable is on PATH."""
    return shutil.which("ffmpeg") is not None


def run_ffmpeg(args: list[str], purpose: str) -> bytes:
    """Run ``ffmpeg`` with ``args`` and return its standard output.

    Args:
        args: Arguments after the executable name.
        purpose: What the conversion is for, used in error messages (e.g. "Audio: mp3").

    Raises:
        FfmpegMissingError: ffmpeg is not installed.
        FfmpegFailedError: The conversion failed.
    """
    executable = shutil.which("ffmpeg")
    if executable is None:
        raise FfmpegMissingError(
            f"{purpose} needs ffmpeg, which is not installed: install ffmpeg and make sure it "
            "is on PATH."
        )
    completed = subprocess.run(
        [executable, "-nostdin", "-hide_banner", "-loglevel", "error", *args],
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip()
        raise FfmpegFailedError(f"{purpose}: ffmpeg failed: {detail}")
    return completed.stdout
