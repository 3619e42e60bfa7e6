"""FileExplorer: pick files in a folder tree on the server.

On the wire a selected file is the list of its path's parts relative to ``root_dir``
(``["sub", "a.txt"]``); the function receives absolute paths.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

from specblocks._generated.file_explorer import FileExplorerBase
from specblocks.core._exceptions import PayloadError

_FILE_COUNTS = ("single", "multiple")


class FileExplorer(FileExplorerBase):
    __doc__ = FileExplorerBase.__doc__

    @property
    def root_dir(self) -> str | Path:
        """The folder shown, as given; it must be an existing directory.

        It is resolved to an absolute path when set, so a later change of the working
        directory does not move it.
        """
        return self._root_dir

    @root_dir.setter
    def root_dir(self, value: str | Path) -> None:
        root = os.path.abspath(value)
        if not os.path.exists(root):
            raise ValueError(f"FileExplorer: the root_dir {str(value)!r} does not exist.")
        if not os.path.isdir(root):
            raise ValueError(f"FileExplorer: the root_dir {str(value)!r} is not a directory.")
        self._root_dir = value
        self._root = root

    @property  # type: ignore[override]
    def file_count(self) -> str:
        """Whether one file ("single") or several ("multiple") may be selected."""
        return self._file_count

    @file_count.setter
    def file_count(self, value: str) -> None:
        if value not in _FILE_COUNTS:
            raise ValueError(
                f"FileExplorer: invalid file_count {value!r}; choose from {list(_FILE_COUNTS)}."
            )
        self._file_count = value

    def _join(self, parts: Any) -> str:
        """The absolute path of a selection, refusing any path that leaves ``root_dir``."""
        if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
            raise PayloadError(f"{self.NAME}: each selected path must be a list of strings.")
        if not parts:
            return self._root
        relative = posixpath.normpath(os.path.join(*parts).replace("\\", "/"))
        if (
            os.path.isabs(relative)
            or relative.startswith("/")
            or relative == ".."
            or relative.startswith("../")
            or any(sep in relative for sep in (os.sep, os.altsep) if sep and sep != "/")
        ):
            raise PayloadError(f"{self.NAME}: the path {parts!r} leaves the root directory.")
        return os.path.join(self._root, relative)

    def preprocess(self, payload: Any) -> str | list[str] | None:
        """Turn the selected paths (lists of parts relative to ``root_dir``) into absolute paths.

        Args:
            payload: A list of selections, each a list of path parts; or None.

        Returns:
            One absolute path (or None when nothing is selected) with ``file_count="single"``,
            otherwise a list of absolute paths.

        Raises:
            PayloadError: The payload does not have that shape, a path leaves ``root_dir``,
                or several files are selected with ``file_count="single"``.
        """
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise PayloadError(f"{self.NAME}: expected a list of selected paths.")
        if self.file_count == "single":
            if len(payload) > 1:
                raise PayloadError(
                    f"{self.NAME}: expected only one file, but {len(payload)} were selected."
                )
            return self._join(payload[0]) if payload else None
        return [self._join(parts) for parts in payload]

    def _relative_parts(self, path: str | Path) -> list[str]:
        text = str(path)
        prefix = self._root.rstrip(os.sep) + os.sep
        if text.startswith(prefix):
            text = text[len(prefix) :]
        return text.split(os.sep)

    def postprocess(self, value: Any) -> list[list[str]] | None:
        """Turn paths to select into lists of parts relative to ``root_dir``.

        Args:
            value: A path (absolute inside ``root_dir``, or relative to it), a list of
                paths, or None.

        Returns:
            A list of selections, each a list of path parts; or None.

        Raises:
            TypeError: ``value`` is not a path or a list of paths.
        """
        if value is None:
            return None
        paths = [value] if isinstance(value, (str, Path)) else value
        if not isinstance(paths, (list, tuple)) or not all(
            isinstance(path, (str, Path)) for path in paths
        ):
            raise TypeError(
                f"{self.NAME}: expected a path or a list of paths, got {type(value).__name__}."
            )
        return [self._relative_parts(path) for path in paths]

    @property
    def server_fns(self) -> list[Callable[..., Any]]:
        """The functions the browser element calls through ``/component_server``."""
        return [self.ls]

    def ls(self, subdirectory: list[str] | None = None) -> list[dict[str, Any]]:
        """List a folder of the tree: its subfolders first, then its files, each sorted.

        Files not matching ``glob`` are left out, and so is anything matching
        ``ignore_glob``.

        Args:
            subdirectory: Parts of the folder's path relative to ``root_dir``; None or [] for
                the root.

        Returns:
            ``{"name": str, "type": "file" | "folder", "valid": bool}`` entries, where
            ``valid`` says whether the entry matches ``glob``.

        Raises:
            PayloadError: The folder lies outside ``root_dir``.
        """
        folder = self._join(subdirectory or [])
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        files: list[dict[str, Any]] = []
        folders: list[dict[str, Any]] = []
        for name in names:
            full = os.path.join(folder, name)
            try:
                is_file = not os.path.isdir(full)
            except OSError:
                continue
            matches = fnmatch.fnmatch(full, self.glob)
            if (is_file and not matches) or (
                self.ignore_glob and fnmatch.fnmatch(full, self.ignore_glob)
            ):
                continue
            entry = {"name": name, "type": "file" if is_file else "folder", "valid": matches}
            (files if is_file else folders).append(entry)
        return folders + files
