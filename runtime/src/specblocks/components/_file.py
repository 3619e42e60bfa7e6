"""File, UploadButton and DownloadButton: files of any kind, passed as paths or bytes."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from specblocks._generated.download_button import DownloadButtonBase
from specblocks._generated.file import FileBase
from specblocks._generated.upload_button import UploadButtonBase
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError
from specblocks.core._media_io import (
    NamedString,
    check_file_types,
    existing_path,
    file_data,
    local_file,
    parse_file,
    path_file_data,
    payload_path,
)


def _receive_one(
    payload: Any, *, type: str, file_types: list[str] | None, component: str
) -> NamedString | bytes:
    ref = parse_file(payload, component)
    path = ref.path or ""
    check_file_types(path, file_types, component)
    if type == "filepath":
        return NamedString(path)
    if type == "binary":
        return Path(existing_path(ref, component)).read_bytes()
    raise ValueError(f"{component}: unknown type {type!r}; choose from ['filepath', 'binary'].")


def receive_files(
    payload: Any, *, type: str, file_count: str, file_types: list[str] | None, component: str
) -> Any:
    """Turn one file payload or a list of them into paths or bytes.

    With ``file_count="single"`` one value is returned (the first of a list); otherwise a
    list. Paths are :class:`NamedString` so that ``file.name`` keeps working.

    Raises:
        PayloadError: The payload is not file payloads, a file's type is not allowed, or a
            file to read is missing.
    """
    if payload is None:
        return None
    if isinstance(payload, list):
        items = payload
    elif isinstance(payload, Mapping):
        items = [payload]
    else:
        raise PayloadError(f"{component}: expected a file payload or a list of them.")
    received = [
        _receive_one(item, type=type, file_types=file_types, component=component) for item in items
    ]
    if file_count == "single":
        return received[0] if received else None
    return received


def _send_one(value: Any, component: str) -> dict[str, Any]:
    if not isinstance(value, (str, Path)):
        raise TypeError(
            f"{component}: expected a file path or URL (str or pathlib.Path), got "
            f"{type(value).__name__}."
        )
    path = Path(local_file(value, component))
    return file_data(str(path), orig_name=path.name, size=path.stat().st_size)


def send_files(value: Any, component: str) -> dict[str, Any] | list[dict[str, Any]] | None:
    """Store returned files in the cache (URLs are downloaded) with their names and sizes.

    Raises:
        TypeError: ``value`` is not a path or a list of paths.
        ValueError: A file does not exist or a download failed.
    """
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [_send_one(item, component) for item in value]
    return _send_one(value, component)


def list_files_schema(single: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a list of files, from the schema of one file."""
    schema = copy.deepcopy(single)
    defs = schema.pop("$defs", {})
    schema["title"] = "FileData"
    return {
        "$defs": {**defs, "FileData": schema},
        "items": {"$ref": "#/$defs/FileData"},
        "title": "ListFiles",
        "type": "array",
    }


class _UploadedFiles(Component):
    """What File and UploadButton share: one or more files, passed as paths or bytes."""

    type: Literal["filepath", "binary"]
    file_count: Literal["single", "multiple", "directory"]
    file_types: list[str] | None

    def preprocess(self, payload: Any) -> Any:
        """Pass the uploaded file(s) as paths or bytes, following ``type`` and ``file_count``.

        Args:
            payload: A FileData object or a list of them, or None.

        Returns:
            ``str`` (a path that also has ``.name``) or ``bytes`` for ``file_count="single"``;
            a list of them for "multiple" and "directory"; None when empty.

        Raises:
            PayloadError: The payload is not file payloads, or a file's type is not in
                ``file_types``.
        """
        return receive_files(
            payload,
            type=self.type,
            file_count=self.file_count,
            file_types=self.file_types,
            component=self.NAME,
        )

    def postprocess(self, value: Any) -> dict[str, Any] | list[dict[str, Any]] | None:
        """Store the returned file(s) in the cache, downloading URLs.

        Args:
            value: A path or URL (``str`` or ``Path``), a list of them, or None.

        Returns:
            A FileData payload (with size), a list of them, or None.

        Raises:
            TypeError: ``value`` is not a path or a list of paths.
            ValueError: A file does not exist or a download failed.
        """
        return send_files(value, self.NAME)

    def api_type(self) -> dict[str, Any]:
        """A file object, or an array of them unless ``file_count`` is "single"."""
        if self.file_count == "single":
            return super().api_type()
        return list_files_schema(super().api_type())

    def example_payload(self) -> Any:
        """One example file, or a list holding it unless ``file_count`` is "single"."""
        single = super().example_payload()
        return single if self.file_count == "single" else [single]


class File(_UploadedFiles, FileBase):
    __doc__ = FileBase.__doc__


class UploadButton(_UploadedFiles, UploadButtonBase):
    __doc__ = UploadButtonBase.__doc__


class DownloadButton(DownloadButtonBase):
    __doc__ = DownloadButtonBase.__doc__

    def preprocess(self, payload: Any) -> str | None:
        """Pass the path of the button's file (rarely used).

        Args:
            payload: A FileData object, or None.

        Returns:
            The file's path, or None.

        Raises:
            PayloadError: The payload is not a file payload.
        """
        return payload_path(payload, self.NAME)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Copy the file to download into the cache (URLs are passed on).

        Args:
            value: ``str`` or ``Path``: path or URL of the file, or None.

        Returns:
            The FileData payload, or None.

        Raises:
            TypeError: ``value`` is not a path.
            ValueError: The file does not exist.
        """
        return path_file_data(value, self.NAME)
