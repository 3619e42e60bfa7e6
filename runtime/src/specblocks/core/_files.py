"""The file cache: where uploads and files produced by functions are kept and served from."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

_CHUNK = 1 << 20


class FileCache:
    """A directory of content-addressed files.

    Each stored file lives at ``<root>/<sha256 prefix>/<name>``, so storing the same content
    twice gives the same path and different files with one name never collide.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def _destination(self, digest: str, name: str) -> Path:
        safe = Path(name).name or "file"
        folder = self.root / digest[:32]
        folder.mkdir(parents=True, exist_ok=True)
        return folder / safe

    def store_bytes(self, data: bytes, name: str) -> Path:
        """Store ``data`` under the file name ``name``; return its path in the cache."""
        path = self._destination(hashlib.sha256(data).hexdigest(), name)
        if not path.exists():
            tmp = path.with_name(path.name + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        return path

    def store_file(self, source: str | os.PathLike[str], name: str | None = None) -> Path:
        """Copy an existing file into the cache (no copy when it is already there)."""
        src = Path(source).resolve()
        if self.contains(src):
            return src
        digest = hashlib.sha256()
        with src.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        path = self._destination(digest.hexdigest(), name or src.name)
        if not path.exists():
            tmp = path.with_name(path.name + ".part")
            shutil.copyfile(src, tmp)
            tmp.replace(path)
        return path

    def new_path(self, name: str) -> Path:
        """A fresh, unique path in the cache for a file about to be written."""
        folder = Path(tempfile.mkdtemp(dir=self.root))
        return folder / (Path(name).name or "file")

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` is inside the cache directory."""
        return Path(path).resolve().is_relative_to(self.root)


_default: FileCache | None = None


def default_cache() -> FileCache:
    """The process-wide cache: ``$GRADIO_TEMP_DIR`` or a ``specblocks`` folder in the temp dir."""
    global _default  # noqa: PLW0603 - one cache per process, created on first use
    if _default is None:
        root = os.environ.get("GRADIO_TEMP_DIR") or str(Path(tempfile.gettempdir()) / "specblocks")
        _default = FileCache(Path(root))
    return _default
