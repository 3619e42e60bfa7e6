"""Which files a server may read on a client's behalf, and the uploads it receives."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from specblocks.core._files import FileCache
from specblocks.core._media_io import FILE_DATA_KEYS


class FileNotAllowed(PermissionError):  # noqa: N818 - reads as what happened
    """A client asked for a file outside the cache and the allowed paths."""


class FilePolicy:
    """Files the server will serve or accept as inputs.

    Allowed: everything in the file cache (uploads and files produced by functions) and in
    ``allowed_paths``; never anything in ``blocked_paths``. Paths are resolved first, so
    ``..`` segments and symbolic links cannot escape.
    """

    def __init__(
        self,
        cache: FileCache,
        allowed_paths: list[str] | None = None,
        blocked_paths: list[str] | None = None,
    ) -> None:
        self.cache = cache
        self.allowed = [Path(p).resolve() for p in allowed_paths or []]
        self.blocked = [Path(p).resolve() for p in blocked_paths or []]

    def resolve(self, raw: str) -> Path:
        """The real path behind ``raw`` if it may be read; :class:`FileNotAllowed` otherwise."""
        if not raw or "\x00" in raw or raw.startswith(("http://", "https://", "data:")):
            raise FileNotAllowed(f"File not allowed: {raw}.")
        candidate = Path(raw)
        if not candidate.is_absolute():
            raise FileNotAllowed(f"File not allowed: {raw}.")
        real = Path(os.path.realpath(candidate))
        if any(real == b or real.is_relative_to(b) for b in self.blocked):
            raise FileNotAllowed(f"File not allowed: {raw}.")
        roots = [self.cache.root, *self.allowed]
        if not any(real == r or real.is_relative_to(r) for r in roots):
            raise FileNotAllowed(f"File not allowed: {raw}.")
        return real

    def check_payload(self, payload: Any) -> None:
        """Raise :class:`FileNotAllowed` for any FileData in ``payload`` pointing elsewhere."""
        for path in file_paths(payload):
            if path.startswith(("http://", "https://")):
                continue
            self.resolve(path)


def file_paths(payload: Any) -> Iterator[str]:
    """The ``path`` of every FileData dict inside ``payload``."""
    if isinstance(payload, list):
        for item in payload:
            yield from file_paths(item)
    elif isinstance(payload, dict):
        if is_file_data(payload):
            path = payload.get("path")
            if isinstance(path, str):
                yield path
            return
        for value in payload.values():
            yield from file_paths(value)


def is_tagged_file(value: Any) -> bool:
    """Whether ``value`` is a FileData payload tagged so (``meta._type`` is ``gradio.FileData``)."""
    meta = value.get("meta") if isinstance(value, dict) else None
    return isinstance(meta, dict) and meta.get("_type") == "gradio.FileData"


def with_file_urls(value: Any, prefix: str) -> Any:
    """``value`` with a URL for each tagged file that has a path but no URL.

    The URL is the file's ``file=`` route under ``prefix`` (the API prefix, relative or
    absolute).
    """
    if is_tagged_file(value):
        if value.get("url") or not isinstance(value.get("path"), str):
            return value
        return {**value, "url": f"{prefix}/file={value['path']}"}
    if isinstance(value, list):
        return [with_file_urls(v, prefix) for v in value]
    if isinstance(value, dict):
        return {k: with_file_urls(v, prefix) for k, v in value.items()}
    return value


def is_file_data(payload: dict[str, Any]) -> bool:
    """Whether a dict is a FileData payload: tagged so, or a ``path`` and FileData keys only."""
    meta = payload.get("meta")
    if isinstance(meta, dict) and meta.get("_type") == "gradio.FileData":
        return True
    return isinstance(payload.get("path"), str) and payload.keys() <= FILE_DATA_KEYS
