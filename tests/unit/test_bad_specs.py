"""``specblocks-gen validate`` on broken specs: every problem named by file, line and key path.

Each case copies the real catalog into a temporary project, breaks one file with a text edit
and runs the CLI in a subprocess. The expected line and key path are computed from the edited
text, so the cases keep working when the catalog changes elsewhere.

The runs are independent, so they are started together (one module-scoped fixture) to keep
the module fast; each case is still its own test.

Set ``SPECBLOCKS_UPDATE_SNAPSHOTS=1`` to rewrite ``snapshots/bad_specs.txt``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
SPECS = ROOT / "component_specs"
SNAPSHOT = Path(__file__).parent / "snapshots" / "bad_specs.txt"
UPDATE_SNAPSHOTS = os.environ.get("SPECBLOCKS_UPDATE_SNAPSHOTS") == "1"

PYPROJECT = """\
[tool.specblocks-gen]
specs = ["component_specs"]
python_out = "out/_generated"
python_package = "out._generated"
"""

TEXTBOX = "components/textbox.yaml"

# A value computed from the edited file's text (for key paths and messages that hold indices).
Computed = str | Callable[[str], str]


# -- where things are in an edited file -------------------------------------------------------
def _line_of(text: str, needle: str) -> int:
    """1-based line of the only occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


def _indices(items: list[Any], **match: str) -> list[int]:
    """Indices of the mappings in ``items`` with every ``key: value`` of ``match``."""
    return [
        i
        for i, item in enumerate(items)
        if isinstance(item, dict) and all(item.get(k) == v for k, v in match.items())
    ]


def _index(items: list[Any], **match: str) -> int:
    """Index of the only mapping in ``items`` matching ``match``."""
    found = _indices(items, **match)
    assert len(found) == 1, f"{match} matches items {found}"
    return found[0]


def _param(text: str, **match: str) -> int:
    """Index of the only parameter item matching ``match`` (e.g. ``use="label"``)."""
    return _index(yaml.safe_load(text)["parameters"], **match)


def _params(text: str, **match: str) -> list[int]:
    """Indices of every parameter item matching ``match``."""
    return _indices(yaml.safe_load(text)["parameters"], **match)


def _last(text: str, key: str) -> int:
    """Index of the last item of the top-level list ``key``."""
    return len(yaml.safe_load(text)[key]) - 1


def _event(text: str, name: str) -> int:
    return _index(yaml.safe_load(text)["events"], name=name)


def _model(text: str, name: str) -> int:
    return _index(yaml.safe_load(text)["models"], name=name)


def _resolve(value: Computed, text: str) -> str:
    return value if isinstance(value, str) else value(text)


# -- cases ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One broken spec: a text edit and the one problem line it must produce.

    Attributes:
        id: Test id.
        file: The edited file, relative to ``component_specs/``.
        old: Text replaced; must occur exactly once in the file.
        new: Its replacement.
        at: Text on the expected line of the edited file; must occur exactly once there.
        key_path: Expected key path (or a function of the edited text giving it).
        phrase: Text the message must contain (or a function of the edited text giving it).
    """

    id: str
    file: str
    old: str
    new: str
    at: str
    key_path: Computed
    phrase: Computed

    def expected_prefix(self, text: str) -> str:
        """``component_specs/<file>:<line>: <key.path>: `` for the edited ``text``."""
        return f"component_specs/{self.file}:{_line_of(text, self.at)}: " + (
            f"{_resolve(self.key_path, text)}: "
        )


CASES = [
    Case(
        id="unknown-key",
        file=TEXTBOX,
        old="category: text\n",
        new="category: text\ncolour: red\n",
        at="colour: red",
        key_path="colour",
        phrase="unknown key",
    ),
    Case(
        id="unknown-key-in-a-use-item",
        file=TEXTBOX,
        old="- use: placeholder\n",
        new="- use: placeholder\n  colour: red\n",
        at="colour: red",
        key_path=lambda t: f"parameters[{_param(t, use='placeholder')}].colour",
        phrase="unknown key",
    ),
    Case(
        id="sent-for-none-on-a-type-without-none",
        file=TEXTBOX,
        old="- name: lines\n  type: int\n",
        new="- name: lines\n  type: int\n  sent_for_none: 2\n",
        at="sent_for_none: 2",
        key_path=lambda t: f"parameters[{_param(t, name='lines')}].sent_for_none",
        phrase="sent_for_none applies to a value of None, which type 'int' does not allow",
    ),
    Case(
        id="duplicate-key",
        file="components/markdown.yaml",
        old="name: Markdown\n",
        new="name: Markdown\nname: Marked\n",
        at="name: Marked",
        key_path="name",
        phrase=lambda t: f"duplicate key 'name' (first on line {_line_of(t, 'name: Markdown')})",
    ),
    Case(
        id="duplicate-event",
        file="components/checkbox.yaml",
        old="events: [change, input, select]",
        new="events: [change, input, select, change]",
        at="events: [",
        key_path=lambda t: f"events[{_last(t, 'events')}]",
        phrase="duplicate event 'change'",
    ),
    Case(
        id="duplicate-component-across-files",
        file=TEXTBOX,
        old="name: Textbox\n",
        new="name: Number\n",
        at="name: Number",
        key_path="name",
        phrase=(
            "duplicate component or layout 'Number' "
            "(first defined in component_specs/components/number.yaml)"
        ),
    ),
    Case(
        id="default-does-not-match-type",
        file=TEXTBOX,
        old="  default: 1\n",
        new="  default: one\n",
        at="default: one",
        key_path=lambda t: f"parameters[{_param(t, name='lines')}].default",
        phrase="default 'one' does not match type 'int'",
    ),
    Case(
        id="default-omitted-for-a-non-optional-type",
        file=TEXTBOX,
        old="- use: label\n",
        new="- use: label\n- name: retries\n  type: int\n  description: Attempts.\n",
        at="- name: retries",
        key_path=lambda t: f"parameters[{_param(t, name='retries')}]",
        phrase="no default given, and the implied default None does not match type 'int'",
    ),
    Case(
        id="unknown-event",
        file="components/slider.yaml",
        old="events: [change, input, release]",
        new="events: [change, input, release, explode]",
        at="events: [",
        key_path=lambda t: f"events[{_last(t, 'events')}]",
        phrase="unknown event 'explode' (not in the event catalogue)",
    ),
    Case(
        id="missing-description",
        file="common/parameters.yaml",
        old="    description: Lay the text out right to left.\n",
        new="",
        at="  - name: rtl\n",
        key_path=lambda t: f"parameters[{_param(t, name='rtl')}].description",
        phrase="required key is missing",
    ),
    Case(
        id="bad-yaml-syntax",
        file="components/number.yaml",
        old="category: text\n",
        new="category: text: more\n",
        at="category: text: more",
        key_path="<document>",
        phrase="invalid YAML: mapping values are not allowed here",
    ),
    Case(
        id="bad-yaml-unclosed-flow-sequence",
        file=TEXTBOX,
        old="shortcuts: [textbox, text]\n",
        new="shortcuts: [textbox, text\n",
        at="positional: 1",  # where the parser notices
        key_path="<document>",
        phrase=lambda t: (
            "invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence "
            f"that starts on line {_line_of(t, 'shortcuts: [')})"
        ),
    ),
    Case(
        id="unknown-type-name",
        file=TEXTBOX,
        old="  type: int\n",
        new="  type: Integer\n",
        at="type: Integer",
        key_path=lambda t: f"parameters[{_param(t, name='lines')}].type",
        phrase="unknown type name(s) Integer (declare them in a `types` spec)",
    ),
    Case(
        id="unknown-use",
        file="components/number.yaml",
        old="- use: placeholder\n",
        new="- use: placeholdr\n",
        at="- use: placeholdr",
        key_path=lambda t: f"parameters[{_param(t, use='placeholdr')}].use",
        phrase="unknown shared parameter or group 'placeholdr'",
    ),
    Case(
        id="parameter-item-not-a-mapping",
        file="components/number.yaml",
        old="- use: placeholder\n",
        new="- placeholder\n",
        at="- placeholder",
        key_path=lambda t: f"parameters[{yaml.safe_load(t)['parameters'].index('placeholder')}]",
        phrase="input should be a valid dictionary",
    ),
    Case(
        id="override-on-a-group-use",
        file="components/markdown.yaml",
        old="- use: rendering\n",
        new="- use: rendering\n  description: Where it goes.\n",
        at="- use: rendering",
        key_path=lambda t: f"parameters[{_param(t, use='rendering')}]",
        phrase="group 'rendering' cannot take overrides; use its parameters one by one",
    ),
    Case(
        id="wrong-spec-version",
        file="layouts/row.yaml",
        old="spec_version: 1\n",
        new="spec_version: 2\n",
        at="spec_version: 2",
        key_path="spec_version",
        phrase="spec_version must be 1, got 2",
    ),
    Case(
        id="unknown-kind",
        file="common/listener.yaml",
        old="kind: listener\n",
        new="kind: listeners\n",
        at="kind: listeners",
        key_path="kind",
        phrase="kind must be one of blocks, component, event_data, events, layout, listener, "
        "parameters, payloads, types, got 'listeners'",
    ),
    Case(
        id="example-does-not-match-payload",
        file=TEXTBOX,
        old="example: Hello!!",
        new="example: 42",
        at="example: 42",
        key_path="data.example",
        phrase="example does not match the payload schema: 42 is not of type 'string'",
    ),
    Case(
        id="nested-example-value-does-not-match-payload",
        file="components/file.yaml",
        old="    orig_name: sample_file.pdf\n",
        new="    orig_name: 7\n",
        at="orig_name: 7",
        key_path="data.example.orig_name",
        phrase="example does not match the payload schema: 7 is not valid",
    ),
    Case(
        id="example-names-a-sample-in-an-unknown-folder",
        file="components/file.yaml",
        old="    path: sample://data/sample_file.pdf\n",
        new="    path: sample://docs/sample_file.pdf\n",
        at="path: sample://docs/sample_file.pdf",
        key_path="data.example.path",
        phrase="'sample://docs/sample_file.pdf' is not a sample reference: write "
        "sample://<folder>/<name>, <folder> one of images, audio, videos, models3d, data",
    ),
    Case(
        id="unknown-event-data-class",
        file="common/events.yaml",
        old="data: CopyData\n",
        new="data: CopiedData\n",
        at="data: CopiedData",
        key_path=lambda t: f"events[{_event(t, 'copy')}].data",
        phrase="unknown event-data class 'CopiedData'",
    ),
    Case(
        id="duplicate-parameter-via-group",
        file=TEXTBOX,
        old="- use: rendering\n",
        new="- use: key\n- use: rendering\n",
        at="- use: rendering",
        key_path=lambda t: f"parameters[{_param(t, use='rendering')}]",
        phrase=lambda t: (
            "duplicate parameter 'key' from group 'rendering' "
            f"(first given at parameters[{_param(t, use='key')}])"
        ),
    ),
    Case(
        id="duplicate-parameter",
        file=TEXTBOX,
        old="events: [blur,",
        new="- use: label  # again\nevents: [blur,",
        at="# again",
        key_path=lambda t: f"parameters[{_params(t, use='label')[1]}]",
        phrase=lambda t: (
            f"duplicate parameter 'label' (first given at parameters[{_params(t, use='label')[0]}])"
        ),
    ),
    Case(
        id="invalid-json-schema-in-payload-model",
        file="common/payloads.yaml",
        old="    schema:\n      type: object\n      properties:\n        _type:",
        new="    schema:\n      type: objekt\n      properties:\n        _type:",
        at="type: objekt",
        key_path=lambda t: f"models[{_model(t, 'FileDataMeta')}].schema.type",
        phrase="invalid JSON Schema: 'objekt' is not valid under any of the given schemas",
    ),
    Case(
        id="invalid-json-schema-in-component-payload",
        file=TEXTBOX,
        old="  payload:\n    type: string\n",
        new="  payload:\n    type: string\n    minLength: -1\n",
        at="minLength: -1",
        key_path="data.payload.minLength",
        phrase="invalid JSON Schema: -1 is less than the minimum of 0",
    ),
    Case(
        id="grouped-in-a-component",
        file=TEXTBOX,
        old="grouped_in:\n  layout: Form\n",
        new="grouped_in:\n  layout: Markdown\n",
        at="layout: Markdown",
        key_path="grouped_in.layout",
        phrase="'Markdown' is not a layout",
    ),
    Case(
        id="grouped-unless-unknown-parameter",
        file=TEXTBOX,
        old="  unless:\n    container: false\n",
        new="  unless:\n    containr: false\n",
        at="containr: false",
        key_path="grouped_in.unless.containr",
        phrase="Textbox has no parameter 'containr'",
    ),
    Case(
        id="ungrouped-when-on-a-component",
        file=TEXTBOX,
        old="grouped_in:\n",
        new="ungrouped_when:\n  lines: 1\ngrouped_in:\n",
        at="ungrouped_when:",
        key_path="ungrouped_when",
        phrase="only a layout can keep its children ungrouped",
    ),
    Case(
        id="unresolved-ref",
        file="common/payloads.yaml",
        old='$ref: "#/$defs/FileDataMeta"',
        new='$ref: "#/$defs/FileDataMetta"',
        at="FileDataMetta",
        key_path=lambda t: f"models[{_model(t, 'FileData')}].schema.properties.meta.$ref",
        phrase="unresolved $ref '#/$defs/FileDataMetta'",
    ),
]
BY_ID = {case.id: case for case in CASES}
assert len(BY_ID) == len(CASES), "case ids must be unique"

# Problems found while loading single files (each file is checked on its own) ...
LOAD_PROBLEMS = [
    BY_ID[i]
    for i in (
        "unknown-key",
        "duplicate-key",
        "bad-yaml-syntax",
        "wrong-spec-version",
        "missing-description",
        "unknown-kind",
    )
]
# ... and cross-file problems. A shared file that fails to load stops the cross-file checks
# (they would only report follow-on errors); a broken component or layout does not.
CROSS_FILE_PROBLEMS = [
    BY_ID[i]
    for i in (
        "unknown-event",
        "duplicate-event",
        "unknown-event-data-class",
        "invalid-json-schema-in-payload-model",
        "override-on-a-group-use",
        "nested-example-value-does-not-match-payload",
        "duplicate-component-across-files",
    )
]
# Broken components and layouts are reported together with every cross-file problem.
MIXED_PROBLEMS = [
    BY_ID[i]
    for i in (
        "unknown-key",
        "duplicate-key",
        "wrong-spec-version",
        "unknown-event",
        "duplicate-event",
        "unknown-event-data-class",
        "nested-example-value-does-not-match-payload",
        "invalid-json-schema-in-payload-model",
    )
]
for _combined in (LOAD_PROBLEMS, CROSS_FILE_PROBLEMS, MIXED_PROBLEMS):
    assert len({c.file for c in _combined}) == len(_combined), "one mutation per file"

RUNS: dict[str, list[Case]] = {
    "unedited": [],
    **{case.id: [case] for case in CASES},
    "load-problems": LOAD_PROBLEMS,
    "cross-file-problems": CROSS_FILE_PROBLEMS,
    "mixed-problems": MIXED_PROBLEMS,
}


# -- running the CLI ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """The CLI's result on a project, with the edited texts by file."""

    returncode: int
    stdout: str
    stderr: str
    texts: dict[str, str]


def _project(directory: Path, cases: list[Case]) -> dict[str, str]:
    """Copy the catalog into ``directory``, apply the edits, return the edited texts."""
    shutil.copytree(SPECS, directory / "component_specs")
    (directory / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    texts: dict[str, str] = {}
    for case in cases:
        path = directory / "component_specs" / case.file
        text = texts.get(case.file, path.read_text(encoding="utf-8"))
        assert text.count(case.old) == 1, f"{case.id}: {case.old!r} not found once in {case.file}"
        texts[case.file] = text.replace(case.old, case.new)
        path.write_text(texts[case.file], encoding="utf-8")
    return texts


def _validate(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "specblocks_gen", "--project", str(project), "validate"],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every entry of ``RUNS``, each on its own copy of the catalog, run concurrently."""
    projects = {name: tmp_path_factory.mktemp(name) for name in RUNS}
    texts = {name: _project(projects[name], cases) for name, cases in RUNS.items()}
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        done = dict(zip(RUNS, pool.map(_validate, projects.values()), strict=True))
    return {
        name: Run(result.returncode, result.stdout, result.stderr, texts[name])
        for name, result in done.items()
    }


def _problem_lines(run: Run, count: int) -> list[str]:
    """Check the failure shape common to every run; return the problem lines."""
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output
    assert run.returncode == 2, output
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert lines[-1] == f"{count} problem(s) found", run.stderr
    assert len(lines) == count + 1, run.stderr
    return lines[:-1]


def _assert_reported(case: Case, line: str, text: str) -> None:
    prefix = case.expected_prefix(text)
    assert line.startswith(prefix), f"{case.id}: expected {prefix!r}…, got {line!r}"
    phrase = _resolve(case.phrase, text)
    assert phrase in line[len(prefix) :], f"{case.id}: {phrase!r} not in {line!r}"


# -- tests --------------------------------------------------------------------------------------
def test_the_unedited_catalog_is_valid(runs: dict[str, Run]) -> None:
    run = runs["unedited"]
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert "spec files OK" in run.stdout


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_one_broken_spec_gives_one_located_problem(case: Case, runs: dict[str, Run]) -> None:
    run = runs[case.id]
    [line] = _problem_lines(run, 1)
    _assert_reported(case, line, run.texts[case.file])


@pytest.mark.parametrize(
    "name",
    ["load-problems", "cross-file-problems", "mixed-problems"],
    ids=["load", "cross-file", "mixed"],
)
def test_problems_in_several_files_are_reported_in_one_run(name: str, runs: dict[str, Run]) -> None:
    run = runs[name]
    cases = RUNS[name]
    lines = _problem_lines(run, len(cases))
    for case in cases:
        named = [line for line in lines if line.startswith(f"component_specs/{case.file}:")]
        assert len(named) == 1, f"{case.file}: {named}"
        _assert_reported(case, named[0], run.texts[case.file])
    assert lines == sorted(lines, key=lambda line: line.split(":", 1)[0]), "sorted by file"


def test_the_report_matches_the_snapshot(runs: dict[str, Run]) -> None:
    stderr = runs["cross-file-problems"].stderr
    if UPDATE_SNAPSHOTS:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(stderr, encoding="utf-8")
    assert SNAPSHOT.is_file(), (
        f"no snapshot; run with SPECBLOCKS_UPDATE_SNAPSHOTS=1 to write {SNAPSHOT}"
    )
    assert stderr == SNAPSHOT.read_text(encoding="utf-8")
