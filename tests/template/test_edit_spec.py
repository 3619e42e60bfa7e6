"""In a rendered project, a change to a component's spec flows into its code and docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from template_generated import run
from template_support import Project, needs_venvs, render_project

pytestmark = needs_venvs

COLOR = """\
  - name: color
    type: str
    default: gold
    description: Colour of the picked stars.
"""


@pytest.fixture(scope="module")
def project(
    first_project: Project, template_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> Project:
    """A project with the Rating component (and docs), in the first project's environment."""
    dst = tmp_path_factory.mktemp("edit") / "star-desk"
    return render_project(template_repo, dst, first_project.venv, {"package_name": "star_desk"})


def test_a_new_parameter_reaches_the_class_and_its_page(project: Project) -> None:
    spec = project.path / "component_specs" / "components" / "rating.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "  - use: label\n" in text
    spec.write_text(text.replace("  - use: label\n", COLOR + "  - use: label\n", 1), "utf-8")
    stale = project.nox("generate", posargs=["--check"])
    assert stale.returncode != 0
    assert "changed: src/star_desk/_generated/rating.py" in stale.stdout

    project.check("generate")

    base = (project.path / "src" / "star_desk" / "_generated" / "rating.py").read_text("utf-8")
    assert 'color: str = "gold",' in base
    assert "Colour of the picked stars." in base
    page = project.path / "docs" / "reference" / "components" / "rating.md"
    assert "| `color` |" in page.read_text(encoding="utf-8")
    project.check("generate", posargs=["--check"])
    project.check("lint", "tests", "docs")
    used = (
        project.python,
        "-c",
        "from star_desk.rating import Rating; print(Rating(color='red').color)",
    )
    done = run(used, project.path, project.env())
    assert done.stdout.strip() == "red", done.stdout


def test_a_new_event_and_payload_reach_the_browser_test_and_the_ts_client(
    project: Project,
) -> None:
    spec = project.path / "component_specs" / "components" / "rating.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "events: [change, select]\n" in text
    assert "payload: {type: integer, minimum: 0}\n" in text
    text = text.replace("events: [change, select]\n", "events: [change, input, select]\n")
    text = text.replace(
        "payload: {type: integer, minimum: 0}\n",
        "payload: {type: integer, minimum: 0, maximum: 10}\n",
    )
    spec.write_text(text, "utf-8")
    client_file = project.path / "clients" / "ts" / "app.gen.ts"
    client_before = client_file.read_text("utf-8")
    stale = project.nox("generate", posargs=["--check"])
    assert stale.returncode != 0
    for path in (
        "src/star_desk/_generated/rating.py",
        "tests/e2e/generated/test_rating.py",
        "tests/e2e/generated/pairs.json",
        "docs/reference/components/rating.md",
    ):
        assert path in stale.stdout, stale.stdout

    project.check("generate")

    browser_test = project.path / "tests" / "e2e" / "generated" / "test_rating.py"
    assert "def test_event_input(harness: Harness) -> None:" in browser_test.read_text("utf-8")
    client = client_file.read_text("utf-8")
    assert client != client_before
    assert '"maximum": 10' in client  # the API fingerprint the TS client checks against
    project.check("generate", posargs=["--check"])
    browser = project.check("e2e")
    assert " passed" in browser
    assert " failed" not in browser
