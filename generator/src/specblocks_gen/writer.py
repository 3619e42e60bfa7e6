"""Write generated files, or compare them with what is on disk."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Drift:
    """Differences between generated output and the files on disk."""

    changed: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.stale)

    def lines(self, root: Path) -> list[str]:
        """One line per differing file, relative to ``root``."""

        def rel(p: Path) -> str:
            return p.relative_to(root).as_posix() if p.is_relative_to(root) else p.as_posix()

        return (
            [f"changed: {rel(p)}" for p in self.changed]
            + [f"missing: {rel(p)}" for p in self.missing]
            + [f"stale (no longer generated): {rel(p)}" for p in self.stale]
        )


def _stale(files: dict[Path, str], owned: list[Path]) -> list[Path]:
    return sorted(
        p
        for d in owned
        if d.is_dir()
        for p in d.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p not in files
    )


def check(files: dict[Path, str], owned: list[Path]) -> Drift:
    """Compare ``files`` with the disk; nothing is written."""
    drift = Drift()
    for path, text in sorted(files.items()):
        if not path.is_file():
            drift.missing.append(path)
        elif path.read_bytes() != text.encode("utf-8"):
            drift.changed.append(path)
    drift.stale = _stale(files, owned)
    return drift


def write(files: dict[Path, str], owned: list[Path]) -> Drift:
    """Write ``files`` (only those that differ) and delete stale ones; return what changed."""
    drift = check(files, owned)
    for path in drift.changed + drift.missing:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path].encode("utf-8"))
    for path in drift.stale:
        path.unlink()
    return drift
