"""Golden tests: each case's specs generate exactly its committed ``expected/`` tree.

A case is a directory next to this file holding a ``pyproject.toml`` with a
``[tool.specblocks-gen]`` section, its ``specs/`` and the generated code under ``expected/``
(plus the hand-written ``__init__.py`` files that make the generated package importable).
Add a case by adding such a directory; it is picked up automatically.

After an intended change to the generator, rewrite every expected tree with::

    SPECBLOCKS_UPDATE_GOLDEN=1 pytest tests/golden

and review the diff.
"""

from __future__ import annotations

import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
UPDATE = os.environ.get("SPECBLOCKS_UPDATE_GOLDEN") == "1"


@dataclass(frozen=True)
class Case:
    """One golden case directory and where its configuration puts the generated code."""

    root: Path
    python_out: str  # relative to root, e.g. "expected/golden_minimal/_generated"
    python_package: str
    ts_out: str | None = None  # the TypeScript base classes, e.g. "expected/ts"
    e2e_out: str | None = None  # the browser tests, e.g. "expected/e2e"

    @property
    def outputs(self) -> list[str]:
        """Every generated directory of the case."""
        return [d for d in (self.python_out, self.ts_out, self.e2e_out) if d is not None]

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def expected(self) -> Path:
        """The committed tree: generated code and hand-written package files."""
        return self.root / "expected"

    @property
    def top_package(self) -> str:
        return self.python_package.partition(".")[0]

    @classmethod
    def load(cls, root: Path) -> Case:
        section = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
            "specblocks-gen"
        ]
        return cls(
            root,
            section["python_out"],
            section["python_package"],
            section.get("ts_out"),
            section.get("e2e_out"),
        )


def _cases() -> list[Case]:
    return [
        Case.load(d)
        for d in sorted(GOLDEN.iterdir())
        if d.is_dir() and (d / "pyproject.toml").is_file()
    ]


CASES = _cases()


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    result: Case = request.param
    return result


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    proc = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    return proc.returncode, f"$ {shlex.join(args)}\n{proc.stdout}{proc.stderr}"


def _generate(project: Path, *extra: str) -> tuple[int, str]:
    return _run(
        [sys.executable, "-m", "specblocks_gen", "--project", str(project), "generate", *extra],
        cwd=project,
    )


def _tree(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (``__pycache__`` excluded), by relative POSIX path."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _diff(name: str, expected: bytes, actual: bytes) -> str:
    return "".join(
        difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(keepends=True),
            actual.decode("utf-8", "replace").splitlines(keepends=True),
            fromfile=f"expected/{name}",
            tofile=f"generated/{name}",
        )
    )


def test_cases_exist() -> None:
    assert CASES, f"no golden cases (directories with a pyproject.toml) under {GOLDEN}"


def test_generated_matches_expected(case: Case, tmp_path: Path) -> None:
    if UPDATE:
        code, output = _generate(case.root)
        assert code == 0, output
    work = tmp_path / case.name
    shutil.copytree(
        case.root, work, ignore=shutil.ignore_patterns("expected", "__pycache__", ".*cache")
    )
    code, output = _generate(work)
    assert code == 0, output

    expected = {
        f"{out}/{name}": data
        for out in case.outputs
        for name, data in _tree(case.root / out).items()
    }
    actual = {
        f"{out}/{name}": data for out in case.outputs for name, data in _tree(work / out).items()
    }
    problems = [f"missing from expected/: {name}" for name in sorted(actual.keys() - expected)]
    problems += [f"no longer generated: {name}" for name in sorted(expected.keys() - actual)]
    problems += [
        _diff(name, expected[name], actual[name])
        for name in sorted(expected.keys() & actual.keys())
        if expected[name] != actual[name]
    ]
    assert not problems, (
        f"golden case {case.name!r} differs from its expected tree "
        "(rerun with SPECBLOCKS_UPDATE_GOLDEN=1 if the change is intended):\n" + "\n".join(problems)
    )


def test_check_passes_on_committed_case(case: Case) -> None:
    code, output = _generate(case.root, "--check")
    assert code == 0, output


def test_expected_passes_mypy_strict(case: Case, tmp_path: Path) -> None:
    # Run from the repository root with its mypy settings (strict, runtime/src on the path);
    # MYPYPATH adds the expected tree so that the generated package is found.
    env = {**os.environ, "MYPYPATH": str(case.expected)}
    code, output = _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(REPO / "pyproject.toml"),
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "mypy_cache"),
            "-p",
            case.top_package,
        ],
        cwd=REPO,
        env=env,
    )
    assert code == 0, output


def _generated_code_ignores() -> list[str]:
    """The rules the repository's ruff settings waive for its own generated package."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    generated = PurePosixPath(pyproject["tool"]["specblocks-gen"]["python_out"], "module.py")
    ignores: dict[str, list[str]] = pyproject["tool"]["ruff"]["lint"].get("per-file-ignores", {})
    codes = sorted(
        {code for pattern, rules in ignores.items() if generated.match(pattern) for code in rules}
    )
    assert codes, "no ruff per-file-ignores found for the generated package in pyproject.toml"
    return codes


def test_expected_passes_ruff(case: Case) -> None:
    # The repository excludes tests/golden/*/expected from its own lint runs (the tree is
    # not hand-written); lint it here explicitly, with the repository's settings and the
    # same per-file waivers its own generated package gets.
    codes = ", ".join(f'"{code}"' for code in _generated_code_ignores())
    waiver = f'lint.extend-per-file-ignores = {{"{case.expected.as_posix()}/**" = [{codes}]}}'
    ruff = [sys.executable, "-m", "ruff"]
    target = str(case.expected)
    # The case's own package is first-party to its generated code, as to the generator.
    first_party = f"lint.isort.known-first-party = ['specblocks', '{case.top_package}']"
    code, output = _run(
        [*ruff, "check", "--no-cache", "--config", waiver, "--config", first_party, target],
        cwd=REPO,
    )
    assert code == 0, output
    code, output = _run([*ruff, "format", "--check", "--no-cache", target], cwd=REPO)
    assert code == 0, output


def test_expected_typescript_passes_tsc_strict(case: Case, tmp_path: Path) -> None:
    # The generated base classes compile against the frontend's core with `tsc --strict`.
    if case.ts_out is None:
        pytest.skip(f"golden case {case.name!r} has no ts_out")
    tsc = REPO / "frontend" / "node_modules" / "typescript" / "bin" / "tsc"
    assert tsc.is_file(), "run `npm ci` in frontend/ (nox -s tests does)"
    src = tmp_path / "src"
    shutil.copytree(case.root / case.ts_out, src / "generated")
    shutil.copytree(REPO / "frontend" / "src" / "core", src / "core")
    (tmp_path / "node_modules").symlink_to(REPO / "frontend" / "node_modules")
    files = [str(p) for p in sorted((src / "generated").rglob("*.ts"))]
    code, output = _run(
        [
            "node",
            str(tsc),
            "--strict",
            "--noEmit",
            "--noUnusedLocals",
            "--target",
            "ES2022",
            "--module",
            "ES2022",
            "--moduleResolution",
            "Bundler",
            "--lib",
            "ES2022,DOM,DOM.Iterable",
            "--skipLibCheck",
            *files,
        ],
        cwd=tmp_path,
    )
    assert code == 0, output
