"""``specblocks-gen new`` over copier, and the answers that shape a project."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from template_generated import FIRST_TAG, ROOT, git, render

from specblocks_gen.cli import main
from specblocks_gen.new import template_root


def _answers(project: Path) -> dict[str, object]:
    loaded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_new_renders_the_checkout_it_runs_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "review-desk"
    code = main(
        [
            "new",
            str(project),
            "--defaults",
            "--data",
            "components=[rating, meter]",
            "--data",
            "include_docs=false",
        ]
    )
    assert code == 0, capsys.readouterr().err
    answers = _answers(project)
    assert answers["project_name"] == "Review Desk"  # from the folder's name
    assert answers["package_name"] == "review_desk"
    assert answers["components"] == ["rating", "meter"]
    assert answers["include_docs"] is False
    assert answers["include_ts_client"] is True
    assert answers["_src_path"] == answers["framework_source"] == str(ROOT)
    for name in ("app.py", "rating.py", "meter.py", "_generated/rating.py", "_generated/meter.py"):
        assert (project / "src" / "review_desk" / name).is_file(), name
    assert (project / "clients" / "ts" / "app.gen.ts").is_file()
    assert not (project / "docs").exists()
    assert not (project / "mkdocs.yml").exists()
    framework = (project / "requirements" / "framework.txt").read_text(encoding="utf-8")
    assert f"-e {ROOT}/runtime\n" in framework
    assert "nox -s demo" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("package_name=9lives", "The package name must match"),
        ("package_name=specblocks", "is taken"),
        ("project_name=", "cannot be empty"),
        ("framework_source=../specblocks", "absolute path or a git URL"),
        ("author_email=nobody", "not an e-mail address"),
        ("python_version=3.9", "3.9"),
    ],
)
def test_new_reports_bad_answers(
    data: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "app"
    assert main(["new", str(project), "--defaults", "--data", data]) == 2
    assert message in capsys.readouterr().err
    assert not project.exists()


def test_new_needs_name_equals_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "app"), "--data", "package_name"]) == 2
    assert "expected NAME=VALUE" in capsys.readouterr().err


def test_the_template_is_found_next_to_the_generator(tmp_path: Path) -> None:
    assert template_root() == ROOT
    assert template_root(tmp_path / "somewhere" / "else.py") is None


@pytest.mark.parametrize(
    ("source", "url"),
    [
        ("https://example.com/org/specblocks.git", "git+https://example.com/org/specblocks.git"),
        ("gh:org/specblocks", "git+https://github.com/org/specblocks"),
        ("git@example.com:org/specblocks.git", "git+ssh://git@example.com/org/specblocks.git"),
    ],
)
def test_a_git_source_installs_at_the_template_commit(
    source: str, url: str, template_repo: Path, tmp_path: Path
) -> None:
    commit = git("rev-parse", FIRST_TAG, cwd=template_repo).strip()
    project = render(
        template_repo, tmp_path / "app", {"framework_source": source}, vcs_ref=FIRST_TAG
    )
    lines = (project / "requirements" / "framework.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"specblocks @ {url}@{commit}#subdirectory=runtime",
        f"specblocks-generator @ {url}@{commit}#subdirectory=generator",
        f"specblocks-client @ {url}@{commit}#subdirectory=clients/python",
    ]
