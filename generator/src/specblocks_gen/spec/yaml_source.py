"""YAML reading that keeps the line of every key and rejects duplicate keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from specblocks_gen.spec.errors import Problem

KeyPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed YAML file: its data and the 1-based line of each key path."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int:
        """Return the line of ``key_path`` or of its nearest ancestor that has one."""
        while key_path:
            if key_path in self.lines:
                return self.lines[key_path]
            key_path = key_path[:-1]
        return self.lines.get((), 1)


class _Builder:
    def __init__(self, doc: YamlDocument, problems: list[Problem]) -> None:
        self.doc = doc
        self.problems = problems
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.doc.lines.setdefault(key_path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    self._problem(key_path, key_node, f"mapping keys must be strings, got {key!r}")
                    continue
                child = (*key_path, key)
                if key in result:
                    first = self.doc.lines[child]
                    self._problem(child, key_node, f"duplicate key {key!r} (first on line {first})")
                    continue
                self.doc.lines[child] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key_path, i)) for i, item in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)

    def _problem(self, key_path: KeyPath, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.doc.path, key_path, node.start_mark.line + 1, message))


def read_yaml(path: Path, display: Path, problems: list[Problem]) -> YamlDocument | None:
    """Parse ``path``; append problems (reported under ``display``) and return None on failure."""
    doc = YamlDocument(path=display, data=None)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        problems.append(Problem(display, (), 1, f"not UTF-8 text: {exc.reason}"))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(display, (), line, f"invalid YAML: {_yaml_message(exc)}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(display, (), 1, f"invalid YAML: {exc}"))
        return None
    if node is None:
        problems.append(Problem(display, (), 1, "empty spec file"))
        return None
    try:
        doc.data = _Builder(doc, problems).build(node, ())
    except yaml.YAMLError as exc:
        problems.append(Problem(display, (), 1, f"invalid YAML: {exc}"))
        return None
    return doc


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """The problem of a YAML error, with the construct it was found in and where that began."""
    message = exc.problem or str(exc)
    if exc.context and exc.context_mark and exc.problem_mark:
        context_line = exc.context_mark.line + 1
        if context_line != exc.problem_mark.line + 1:
            return f"{message} ({exc.context} that starts on line {context_line})"
        return f"{message} ({exc.context})"
    return message
