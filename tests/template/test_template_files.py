"""The template's own files: generated files kept current, questions, pins, the Jinja merger."""

from __future__ import annotations

import re

import jinja2
import yaml
from template_generated import (
    ROOT,
    TEMPLATE,
    Variant,
    condition,
    differences,
    expected,
    merge,
    on_disk,
    variants,
)


def test_generated_files_kept_in_the_template_are_current() -> None:
    """template/ holds what the generator makes for every choice (else: refresh them)."""
    diff = differences(expected(), on_disk())
    assert not diff, "run `nox -s template -- --refresh`:\n" + "\n".join(diff)


def test_copier_yml_asks_typed_questions_and_runs_nothing() -> None:
    config = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
    assert config["_subdirectory"] == "template"
    assert (TEMPLATE / "{{ _copier_conf.answers_file }}.jinja").is_file()
    # Nothing that needs --trust: no tasks, migrations or extra Jinja extensions.
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & set(config)
    questions = {name: q for name, q in config.items() if not name.startswith("_")}
    assert set(questions) == {
        "project_name",
        "package_name",
        "description",
        "author",
        "author_email",
        "components",
        "include_ts_client",
        "include_docs",
        "python_version",
        "framework_source",
    }
    for name, question in questions.items():
        assert question["type"] in {"str", "bool"}, name
        assert len(question["help"]) > 20, name
        assert "default" in question, name
    assert sorted(questions["components"]["choices"].values()) == ["meter", "rating"]


def _pins(text: str) -> dict[str, str]:
    return dict(re.findall(r"(?<![\w.-])([A-Za-z][\w.-]*)==([0-9][^\s\",\]]*)", text))


def test_the_template_pins_what_the_framework_pins() -> None:
    """A tool pinned in both places has the same version (the framework's pins lead)."""
    framework: dict[str, str] = {}
    for path in [*(ROOT / "requirements").glob("*.txt"), *ROOT.glob("*/pyproject.toml")]:
        framework.update(_pins(path.read_text(encoding="utf-8")))
    framework.update(_pins((ROOT / "generator" / "pyproject.toml").read_text(encoding="utf-8")))
    template = [p for p in TEMPLATE.rglob("*") if p.is_file() and not p.is_symlink()]
    checked = 0
    for path in template:
        for name, version in _pins(path.read_text(encoding="utf-8")).items():
            if name in framework:
                checked += 1
                assert version == framework[name], f"{path.relative_to(ROOT)}: {name}"
    assert checked >= 10


# -- the merger that keeps the generated files as Jinja -------------------------------------
def _render(template: str, variant: Variant) -> str:
    env = jinja2.Environment(
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False
    )
    context = {"package_name": "aa" if variant.before else "zz", "components": variant.components}
    return env.from_string(template).render(context)


def _texts() -> dict[Variant, str]:
    """Texts that differ in several places: first and last lines, inserts, deletions."""
    out: dict[Variant, str] = {}
    for v in variants():
        lines = ["# header {{ not jinja }} {% raw %}\n", "a\n", "b\n", "c\n", "d\n"]
        if v.before:
            lines.insert(2, "before\n")
        if "rating" in v.components:
            lines[0] = "# header with rating {#\n"
            lines.remove("c\n")
        if "meter" in v.components:
            lines.append("meter at the end\n")
        if not v.components:
            lines.insert(0, "nothing chosen\n")
        out[v] = "".join(lines).replace("{", '{{ "{" }}')
    return out


def test_merged_template_renders_each_variant() -> None:
    texts = _texts()
    merged = merge(texts)
    for variant, text in texts.items():
        assert _render(merged, variant) == _render(text, variant), variant
    assert merged.count("{% endif %}") < 8  # shared lines are not repeated per variant


def test_conditions_are_the_simplest_that_hold() -> None:
    every = variants()
    with_rating = [v for v in every if "rating" in v.components]
    assert condition(every, every) is None
    assert condition(with_rating, every) == "'rating' in components"
    assert condition([v for v in every if v.before], every) == 'package_name < "specblocks"'
    only_meter = [v for v in every if v.components == ("meter",)]
    assert condition(only_meter, every) == "'rating' not in components and 'meter' in components"
    # Relative to a folder that only has variants with a component:
    assert condition(with_rating, [v for v in every if v.components]) == "'rating' in components"


def test_symlinks_in_the_template_point_into_the_repository() -> None:
    """Shared files are linked, not copied (copier copies their content into projects)."""
    links = [p for p in TEMPLATE.rglob("*") if p.is_symlink()]
    assert links
    for link in links:
        assert link.resolve().is_relative_to(ROOT), link
        assert link.resolve().is_file(), link
