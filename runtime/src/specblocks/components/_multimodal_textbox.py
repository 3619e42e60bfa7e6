"""The MultimodalTextbox component: text plus attached files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from specblocks._generated.multimodal_textbox import MultimodalTextboxBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload, describe
from specblocks.core._media_io import (
    cache_file,
    check_file_types,
    file_data,
    guess_mime_type,
    is_url,
    parse_file,
    url_file_name,
)

_SOURCES = ("upload", "microphone")
_NAME = "MultimodalTextbox"


class MultimodalTextbox(MultimodalTextboxBase, AfterInit):
    __doc__ = MultimodalTextboxBase.__doc__

    def _after_init(self) -> None:
        sources = self.sources
        if sources is None:
            sources = ["upload"]
        elif isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or any(s not in _SOURCES for s in sources):
            raise ValueError(
                f"MultimodalTextbox: `sources` must be a list of {list(_SOURCES)}, "
                f"got {self.sources!r}"
            )
        if self.file_types is not None and not isinstance(self.file_types, list):
            raise ValueError(
                "MultimodalTextbox: `file_types` must be a list, got "
                f"{type(self.file_types).__name__}"
            )

    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        """Pass the message to the function as a dict of its text and file paths.

        Args:
            payload: ``{"text": str, "files": [FileData, ...]}``; the files are uploads
                already in the file cache.

        Returns:
            ``{"text": str, "files": [path, ...]}``, or None when no value was sent.

        Raises:
            PayloadError: The payload does not have that shape, or a file's type is not in
                ``file_types``.
        """
        if payload is None:
            return None
        if not isinstance(payload, Mapping):
            raise bad_payload(self, 'an object like {"text": str, "files": [...]}', payload)
        text = payload.get("text", "")
        files = payload.get("files") or []
        if not isinstance(text, str):
            raise bad_payload(self, "'text' to be a string", text)
        if not isinstance(files, list):
            raise bad_payload(self, "'files' to be a list of file payloads", files)
        paths: list[str] = []
        for item in files:
            ref = parse_file(item, _NAME)
            path = ref.path or ""
            check_file_types(path, self.file_types, _NAME)
            paths.append(path)
        return {"text": text, "files": paths}

    def postprocess(self, value: Any) -> dict[str, Any]:
        """Show a returned message.

        Args:
            value: A string (the text, no files), a dict with optional "text" and "files"
                (file paths, URLs or FileData dicts), or None.

        Returns:
            ``{"text": str, "files": [FileData, ...]}`` with local files copied into the file
            cache; None gives an empty message.

        Raises:
            TypeError: The value is not a string or such a dict.
            ValueError: A returned file does not exist.
        """
        if value is None:
            return {"text": "", "files": []}
        if isinstance(value, str):
            return {"text": value, "files": []}
        if not isinstance(value, Mapping):
            raise TypeError(
                "MultimodalTextbox expects a string or a dict with optional 'text' and "
                f"'files', got {describe(value)}"
            )
        text = value.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise TypeError(f"MultimodalTextbox: 'text' must be a string, got {describe(text)}")
        files = value.get("files")
        if files is None:
            files = []
        if not isinstance(files, list | tuple):
            raise TypeError(f"MultimodalTextbox: 'files' must be a list, got {describe(files)}")
        return {"text": text, "files": [_file_payload(item) for item in files]}


def _file_payload(item: Any) -> dict[str, Any]:
    """A returned file (path, URL, FileData dict or model) as a FileData dict in the cache."""
    if isinstance(item, BaseModel):
        item = item.model_dump(by_alias=True)
    if isinstance(item, Mapping):
        data = dict(item)
        path = data.get("path")
        if not isinstance(path, str):
            raise TypeError(f"MultimodalTextbox: a file dict needs a 'path', got {describe(item)}")
        data["path"] = cache_file(path, _NAME)
        data.setdefault("orig_name", _file_name(path))
        data.setdefault("mime_type", guess_mime_type(path))
        data.setdefault("url", path if is_url(path) else None)
        data.setdefault("is_stream", False)
        data["meta"] = {"_type": "gradio.FileData"}
        return data
    if isinstance(item, str | os.PathLike):
        location = os.fspath(item)
        cached = cache_file(location, _NAME)
        return file_data(
            cached,
            url=location if is_url(location) else None,
            size=None if is_url(location) else Path(cached).stat().st_size,
            orig_name=_file_name(location),
            mime_type=guess_mime_type(location),
        )
    raise TypeError(
        f"MultimodalTextbox: files must be paths, URLs or file dicts, got {describe(item)}"
    )


def _file_name(location: str) -> str:
    return url_file_name(location) if is_url(location) else Path(location).name
