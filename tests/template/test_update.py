"""``copier update`` moves a project to a later template version, keeping the user's changes."""

from __future__ import annotations

from pathlib import Path

import copier
import pytest
import yaml
from template_generated import commit_all, git
from template_support import Project, needs_venvs, render_project

pytestmark = needs_venvs

LATER_TAG = "v0.2.0"
#: The later template version: a new test module and a reworded README line.
SERVED_TEST = '''\
"""The app's page is served."""

from __future__ import annotations

import httpx


def test_the_page_is_served(served_app_url: str) -> None:
    assert httpx.get(served_app_url, timeout=30).status_code == 200
'''
QUICKSTART_BEFORE = "## Quickstart\n\nWith Python"
QUICKSTART_AFTER = "## Quickstart\n\nOn a machine with Python"
USER_NOTES = "\n## Our notes\n\nReleased on Fridays.\n"


@pytest.fixture
def framework(template_repo: Path, tmp_path: Path) -> Path:
    """A clone of the template snapshot with a later version tagged LATER_TAG."""
    repo = tmp_path / "framework"
    git("clone", "--quiet", str(template_repo), str(repo), cwd=tmp_path)
    readme = repo / "template" / "README.md.jinja"
    text = readme.read_text(encoding="utf-8")
    assert QUICKSTART_BEFORE in text
    readme.write_text(text.replace(QUICKSTART_BEFORE, QUICKSTART_AFTER), encoding="utf-8")
    (repo / "template" / "tests" / "test_served.py").write_text(SERVED_TEST, encoding="utf-8")
    commit_all(repo, "Template: test that the page is served")
    git("tag", LATER_TAG, cwd=repo)
    return repo


def test_update_from_an_earlier_tag_merges_cleanly(
    framework: Path,
    first_project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key in ("AUTHOR", "COMMITTER"):  # copier commits in the project while it updates
        monkeypatch.setenv(f"GIT_{key}_NAME", "test")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "test@example.com")
    project = render_project(
        framework, tmp_path / "reviews", first_project.venv, {"package_name": "reviews"}
    )
    root = project.path
    git("init", "--quiet", cwd=root)
    commit_all(root, "Start from the template")
    # The user's own changes, committed.
    with (root / "README.md").open("a", encoding="utf-8") as readme:
        readme.write(USER_NOTES)
    app = root / "src" / "reviews" / "app.py"
    app.write_text(app.read_text("utf-8").replace('"# {TITLE}"', '"# {TITLE}: rate us!"'), "utf-8")
    commit_all(root, "Our changes")

    copier.run_update(
        root, vcs_ref=LATER_TAG, defaults=True, overwrite=True, quiet=True, conflict="rej"
    )

    status = git("status", "--porcelain", "--untracked-files=all", cwd=root)
    changed = sorted(line[3:] for line in status.splitlines())
    assert changed == [".copier-answers.yml", "README.md", "tests/test_served.py"]
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert not path.name.endswith(".rej"), path
            assert "<<<<<<<" not in path.read_text(encoding="utf-8", errors="replace"), path
    answers = yaml.safe_load((root / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["_commit"] == LATER_TAG
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert QUICKSTART_AFTER in readme
    assert readme.endswith(USER_NOTES)
    assert "rate us!" in app.read_text(encoding="utf-8")
    project.check("lint", "tests")
    project.check("generate", posargs=["--check"])
