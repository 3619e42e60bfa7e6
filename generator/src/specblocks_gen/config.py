"""Generator configuration from ``[tool.specblocks-gen]`` in ``pyproject.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


class ConfigError(Exception):
    """The configuration is missing or invalid."""


@dataclass(frozen=True)
class Config:
    """Where specs are read from and where each kind of output goes (paths are absolute)."""

    root: Path
    specs: list[Path]
    python_out: Path
    python_package: str
    schema_out: Path | None = None
    docs_out: Path | None = None  # the reference pages of the docs site (Markdown)
    ts_out: Path | None = None  # the browser layer's generated TypeScript
    e2e_out: Path | None = None  # generated browser tests (Playwright), one module per element
    e2e_import: str = "specblocks"  # the module the browser tests import component classes from
    extra: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def load(cls, start: Path) -> Config:
        """Read the nearest ``pyproject.toml`` at or above ``start`` that has the section."""
        for directory in [start, *start.parents]:
            pyproject = directory / "pyproject.toml"
            if not pyproject.is_file():
                continue
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{pyproject}: invalid TOML: {exc}") from None
            section = data.get("tool", {}).get("specblocks-gen")
            if section is not None:
                return cls.from_section(directory, section, pyproject)
        raise ConfigError(
            f"no pyproject.toml with a [tool.specblocks-gen] section at or above {start}"
        )

    @classmethod
    def from_section(cls, root: Path, section: dict[str, object], source: Path) -> Config:
        """Build from a parsed ``[tool.specblocks-gen]`` table."""
        known = {
            "specs",
            "python_out",
            "python_package",
            "schema_out",
            "docs_out",
            "ts_out",
            "e2e_out",
            "e2e_import",
        }
        unknown = sorted(set(section) - known)
        if unknown:
            raise ConfigError(
                f"{source}: [tool.specblocks-gen]: unknown key(s) {', '.join(unknown)}"
            )

        def text(key: str) -> str:
            value = section.get(key)
            if not isinstance(value, str) or not value:
                raise ConfigError(
                    f"{source}: [tool.specblocks-gen].{key} must be a non-empty string"
                )
            return value

        specs = section.get("specs")
        if not isinstance(specs, list) or not specs or not all(isinstance(s, str) for s in specs):
            raise ConfigError(
                f"{source}: [tool.specblocks-gen].specs must be a list of directories"
            )
        spec_dirs = [(root / str(s)).resolve() for s in specs]
        for directory, name in zip(spec_dirs, specs, strict=True):
            if not directory.is_dir():
                raise ConfigError(f"{source}: spec directory {name} does not exist")
        return cls(
            root=root,
            specs=spec_dirs,
            python_out=root / text("python_out"),
            python_package=text("python_package"),
            schema_out=(root / text("schema_out")) if "schema_out" in section else None,
            docs_out=(root / text("docs_out")) if "docs_out" in section else None,
            ts_out=(root / text("ts_out")) if "ts_out" in section else None,
            e2e_out=(root / text("e2e_out")) if "e2e_out" in section else None,
            e2e_import=text("e2e_import") if "e2e_import" in section else "specblocks",
        )
