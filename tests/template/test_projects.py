"""Rendered projects pass their own checks right after copy, for the defaults and each choice.

Each project runs its own noxfile's sessions: ``ruff format`` changes nothing, ``lint``,
``generate -- --check`` (code, reference pages and typed clients match what the generator
makes), ``tests`` (with the generated contract tests against the app on 127.0.0.1),
``typecheck``, ``docs`` when included, and ``e2e`` (the app's page and the generated browser
tests of each component, in headless Chromium).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from template_generated import FIRST_TAG, clean_environ, git, render, run
from template_support import Project, needs_venvs, render_project

pytestmark = needs_venvs


@dataclass(frozen=True)
class Case:
    """Answers to render a project with (the defaults of copier.yml for the rest)."""

    package: str
    components: tuple[str, ...] = ("rating",)
    ts_client: bool = True
    docs: bool = True
    python: str = "3.11"
    data: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def answers(self) -> dict[str, object]:
        """The data for copier."""
        return {
            "package_name": self.package,
            "components": list(self.components),
            "include_ts_client": self.ts_client,
            "include_docs": self.docs,
            "python_version": self.python,
            **self.data,
        }


#: The defaults (rendered by the ``first_project`` fixture), then one case per other choice.
DEFAULTS = Case("my_app")
CASES = {
    # A package name of the longest allowed length, sorting after `specblocks`.
    "meter-no-ts-no-docs": Case(
        "zebra_crossing_traffic_meter_app", ("meter",), ts_client=False, docs=False
    ),
    "both-components": Case("specblocks_fans", ("rating", "meter"), docs=False),
    "no-components": Case("a", (), ts_client=False),
    "python-3.12": Case("my_app_next", python="3.12"),
    "python-3.13": Case("my_app_later", python="3.13"),
}


@pytest.fixture(scope="module")
def projects(
    first_project: Project, template_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Project]:
    """The rendered projects by case name, sharing the first project's environment."""
    rendered = {"defaults": first_project}
    base = tmp_path_factory.mktemp("projects")
    for name, case in CASES.items():
        dst = base / name
        if _installed(case.python):
            rendered[name] = render_project(template_repo, dst, first_project.venv, case.answers())
            continue
        # That Python is not installed: the project's code runs on the environment's Python
        # all the same, so it is installed there for the checks that do not need it.
        data = {"framework_source": str(template_repo), **case.answers()}
        project = Project(render(template_repo, dst, data, vcs_ref=FIRST_TAG), first_project.venv)
        project.pip_install("--no-deps", "--ignore-requires-python", "-e", ".")
        rendered[name] = project
    return rendered


def _installed(version: str) -> bool:
    """Whether ``python{version}`` runs (a version manager's shim may only say it is missing)."""
    command = shutil.which(f"python{version}")
    if command is None:
        return False
    done = run([command, "-c", "import sys; print(sys.version)"], Path.cwd(), clean_environ())
    return done.returncode == 0 and done.stdout.startswith(version)


def _case(name: str) -> Case:
    return DEFAULTS if name == "defaults" else CASES[name]


NAMES = ["defaults", *CASES]


@pytest.mark.parametrize("name", NAMES)
def test_files_follow_the_answers(name: str, projects: dict[str, Project]) -> None:
    case, root = _case(name), projects[name].path
    package = root / "src" / case.package
    for component in ("rating", "meter"):
        chosen = component in case.components
        assert (package / f"{component}.py").is_file() is chosen
        assert (package / "_generated" / f"{component}.py").is_file() is chosen
        assert (root / "component_specs" / "components" / f"{component}.yaml").is_file() is chosen
        assert (root / "tests" / f"test_{component}.py").is_file() is chosen
        page = root / "docs" / "reference" / "components" / f"{component}.md"
        assert page.is_file() is (chosen and case.docs)
    assert (root / "clients" / "ts" / "app.gen.ts").is_file() is case.ts_client
    assert (root / "mkdocs.yml").is_file() is case.docs
    assert (root / "requirements" / "docs.txt").is_file() is case.docs
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={case.python}"' in pyproject
    assert f'target-version = "py{case.python.replace(".", "")}"' in pyproject
    assert f'PYTHON = "{case.python}"' in (root / "noxfile.py").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "nox -s demo" in readme
    assert "nox -s tests" in readme
    assert (root / ".copier-answers.yml").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_own_checks_pass_right_after_copy(name: str, projects: dict[str, Project]) -> None:
    case, project = _case(name), projects[name]
    assert project.format_changes() == []
    project.check("lint")
    checked = project.check("generate", posargs=["--check"])
    assert "generated files up to date" in checked
    assert checked.count("client files up to date") == (2 if case.ts_client else 1)
    browser = project.check("e2e")  # the app's page and one generated module per component
    assert " passed" in browser
    assert " failed" not in browser
    assert "browser test coverage" in browser
    if case.docs:
        project.check("docs")
        components = project.path / "site" / "reference" / "components"
        for component in case.components:
            assert (components / component / "index.html").is_file()
    if not _installed(case.python):
        pytest.skip(f"python{case.python} is not installed: its tests cannot run here")
    assert " passed" in project.check("tests")


@pytest.mark.parametrize("name", NAMES)
def test_typecheck_passes(name: str, projects: dict[str, Project], template_repo: Path) -> None:
    case, project = _case(name), projects[name]
    done = project.nox("typecheck")
    if case.ts_client:  # tsc runs first: mypy starts only when it passed
        assert "tsc --strict --noEmit" in done.stdout
        assert "nox > mypy" in done.stdout, done.stdout
    assert (template_repo / "runtime" / "src" / "specblocks" / "py.typed").is_file()
    assert done.returncode == 0, done.stdout


def test_contract_tests_ran_against_the_app(projects: dict[str, Project]) -> None:
    project = projects["both-components"]
    done = project.nox("tests", posargs=["-v", "clients/python"])
    assert done.returncode == 0, done.stdout
    assert "test_api_is_unchanged PASSED" in done.stdout
    for endpoint in ("/stars", "/score"):
        assert f"test_endpoint_returns_its_published_types[{endpoint}] PASSED" in done.stdout


def test_rendered_project_is_a_clean_git_start(projects: dict[str, Project]) -> None:
    """Nothing the checks wrote is left for `git add`: caches, sites and venvs are ignored."""
    root = projects["defaults"].path
    git("init", "--quiet", cwd=root)
    status = git("status", "--porcelain", "--untracked-files=all", cwd=root)
    listed = {line[3:] for line in status.splitlines()}
    assert not {p for p in listed if p.startswith((".nox/", "site/", "clients/ts/node_modules/"))}
    assert not {p for p in listed if "__pycache__" in p or ".mypy_cache" in p}
    assert "src/my_app/app.py" in listed
