"""The file cache: where uploads and files produced by functions are kept and served from."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

_CHUNK = 1 << 20
#: Longest file name kept, in UTF-8 bytes (file systems allow 255).
MAX_NAME_BYTES = 200


def safe_name(name: str) -> str:
    r"""A file name safe to create in the cache, from a name a client or function gave.

    Only the last path component is kept (``/`` and ``\`` both separate), control and
    formatting characters (NUL, line breaks, direction overrides) are dropped, and a name
    too long for the file system is shortened, keeping its extension. A name left empty or
    made of dots only becomes ``file``.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if not unicodedata.category(c).startswith("C")).strip()
    if not base.strip("."):
        return "file"
    if len(base.encode()) <= MAX_NAME_BYTES:
        return base
    stem, dot, ext = base.rpartition(".")
    if not dot or not stem or len(ext.encode()) > 16:
        stem, ext = base, ""
    suffix = f".{ext}" if ext else ""
    room = MAX_NAME_BYTES - len(suffix.encode())
    return stem.encode()[:room].decode(errors="ignore") + suffix


class FileCache:
    """A directory of content-addressed files.

    Each stored file lives at ``<root>/<sha256 prefix>/<name>``, so storing the same content
    twice gives the same path and different files with one name never collide.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def _destination(self, digest: str, name: str) -> Path:
        folder = self.root / digest[:32]
        folder.mkdir(parents=True, exist_ok=True)
        return folder / safe_name(name)

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
        return folder / safe_name(name)

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
