"""Problems found in spec files, reported all at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: the spec file, the key path inside it, its line and a message."""

    file: Path
    key_path: tuple[str | int, ...]
    line: int
    message: str

    def render(self) -> str:
        """Format as ``file:line: key.path: message``."""
        where = format_key_path(self.key_path) or "<document>"
        return f"{self.file.as_posix()}:{self.line}: {where}: {self.message}"


def format_key_path(key_path: tuple[str | int, ...]) -> str:
    """Render ``("parameters", 2, "default")`` as ``parameters[2].default``."""
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class SpecError(Exception):
    """Raised when the specs have problems; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: (p.file.as_posix(), p.line, p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the specs")

    def render(self) -> str:
        """All problems, one per line, then a count."""
        lines = [p.render() for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) found")
        return "\n".join(lines)
