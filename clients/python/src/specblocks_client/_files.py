"""Files: ``handle_file``, uploads of file arguments and downloads of file outputs.

A file travels as a *FileData* dict: ``{"path": ..., "meta": {"_type": "gradio.FileData"}, ...}``.
Arguments made with :func:`handle_file` are uploaded (``POST P/upload``, one part named
``files``) and replaced by the server's path; file outputs are fetched from
``GET P/file=<path>``.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from specblocks_client._http import Http

#: The marker every FileData dict carries in ``meta._type``.
FILE_DATA_TYPE = "gradio.FileData"
#: Where downloaded outputs go unless ``Client(download_files=...)`` says otherwise.
DEFAULT_DOWNLOAD_DIR = Path(tempfile.gettempdir()) / "specblocks_client"


def is_url(text: str) -> bool:
    """Whether ``text`` is an ``http(s)://`` URL."""
    return text.startswith(("http://", "https://"))


def handle_file(path_or_url: str | Path) -> dict[str, Any]:
    """Mark a local file or a URL as a file argument.

    A local file is uploaded when the call is made; a URL is passed on for the server to fetch.

    Args:
        path_or_url: A path to an existing file, or an ``http(s)://`` URL.

    Returns:
        A FileData dict to pass as the argument.

    Raises:
        ValueError: ``path_or_url`` is neither an existing file nor a URL.
    """
    text = str(path_or_url)
    marker = {"_type": FILE_DATA_TYPE}
    if is_url(text):
        name = urllib.parse.urlparse(text).path.rsplit("/", 1)[-1] or "file"
        return {"path": text, "url": text, "orig_name": name, "meta": marker}
    if Path(text).is_file():
        return {"path": text, "orig_name": Path(text).name, "meta": marker}
    raise ValueError(f"{text!r} is neither an existing file nor an http(s) URL")


def is_file_data(value: object) -> bool:
    """Whether ``value`` is a FileData dict (a string ``path`` and the FileData marker)."""
    if not isinstance(value, dict) or not isinstance(value.get("path"), str):
        return False
    meta = value.get("meta")
    return isinstance(meta, dict) and meta.get("_type") == FILE_DATA_TYPE


def replace_files(value: Any, replace: Callable[[dict[str, Any]], Any]) -> Any:
    """A copy of ``value`` with every FileData dict in it replaced by ``replace(dict)``."""
    if is_file_data(value):
        return replace(value)
    if isinstance(value, dict):
        return {key: replace_files(item, replace) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(replace_files(item, replace) for item in value)
    return value


def schema_has_file(schema: object, defs: dict[str, Any] | None = None) -> bool:
    """Whether a component's JSON schema (``api_info``) describes a file anywhere in it."""
    if isinstance(schema, list):
        return any(schema_has_file(item, defs) for item in schema)
    if not isinstance(schema, dict):
        return False
    if defs is None:
        defs = schema.get("$defs") or {}
    ref = schema.get("$ref")
    if isinstance(ref, str):
        target = defs.get(ref.rsplit("/", 1)[-1])
        return target is not None and schema_has_file(target, defs)
    properties = schema.get("properties")
    if isinstance(properties, dict) and "path" in properties and "meta" in properties:
        meta = properties["meta"]
        if isinstance(meta, dict) and isinstance(meta.get("$ref"), str):
            meta = defs.get(meta["$ref"].rsplit("/", 1)[-1], {})
        if isinstance(meta, dict):
            marker = (meta.get("properties") or {}).get("_type") or {}
            default = meta.get("default") or {}
            if FILE_DATA_TYPE in (marker.get("const"), default.get("_type")):
                return True
    return any(
        schema_has_file(item, defs)
        for key, item in schema.items()
        if key != "$defs" and isinstance(item, dict | list)
    )


class Uploader:
    """Uploads the local files among a call's arguments.

    Args:
        http: The app's requests.
        max_file_size: The app's limit in bytes (``config.max_file_size``), if any.
    """

    def __init__(self, http: Http, max_file_size: int | None) -> None:
        self._http = http
        self._max_file_size = max_file_size

    def upload_all(self, data: list[Any]) -> list[Any]:
        """``data`` with each local FileData uploaded and replaced by the server's copy."""
        result: list[Any] = replace_files(data, self._upload)
        return result

    def _upload(self, file: dict[str, Any]) -> dict[str, Any]:
        path = file["path"]
        if is_url(path):
            return file
        local = Path(path)
        size = local.stat().st_size
        if self._max_file_size is not None and size > self._max_file_size:
            raise ValueError(
                f"{local} is {size} bytes; the app accepts files up to {self._max_file_size} bytes"
            )
        mime = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
        with local.open("rb") as handle:
            response = self._http.client.post(
                self._http.api("/upload"), files={"files": (local.name, handle, mime)}
            )
        response.raise_for_status()
        server_paths = response.json()
        if not isinstance(server_paths, list) or len(server_paths) != 1:
            raise ValueError(f"unexpected upload response for {local}: {server_paths!r}")
        return {
            "path": server_paths[0],
            "orig_name": file.get("orig_name") or local.name,
            "meta": {"_type": FILE_DATA_TYPE},
        }


class Downloader:
    """Fetches file outputs into ``directory/<sha256 of the content>/<name>``.

    Args:
        http: The app's requests.
        directory: Where to store the files.
    """

    def __init__(self, http: Http, directory: Path) -> None:
        self._http = http
        self._directory = directory
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def download_all(self, value: Any) -> Any:
        """``value`` with each FileData dict replaced by the local path of its download."""
        return replace_files(value, self._download)

    def _download(self, file: dict[str, Any]) -> str:
        server_path: str = file["path"]
        url = file.get("url")
        if file.get("is_stream") and isinstance(url, str):
            source = url if is_url(url) else self._http.root("/" + url.lstrip("/"))
        else:
            source = self._http.api("/file=" + urllib.parse.quote(server_path, safe="/"))
        with self._lock:
            cached = self._cache.get(source)
        if cached is not None and Path(cached).exists():
            return cached
        name = Path(urllib.parse.urlparse(server_path).path).name or "file"
        self._directory.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, partial = tempfile.mkstemp(dir=self._directory, prefix=".download-")
        try:
            with os.fdopen(fd, "wb") as out, self._http.client.stream("GET", source) as response:
                response.raise_for_status()
                for chunk in response.iter_bytes(1 << 16):
                    digest.update(chunk)
                    out.write(chunk)
            folder = self._directory / digest.hexdigest()
            folder.mkdir(exist_ok=True)
            target = folder / name
            shutil.move(partial, target)
        except (OSError, httpx.HTTPError):
            Path(partial).unlink(missing_ok=True)
            raise
        with self._lock:
            self._cache[source] = str(target)
        return str(target)
