"""Cross-file rules: names resolve, nothing is defined twice, defaults match types."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from specblocks_gen.spec import typeexpr
from specblocks_gen.spec.errors import Problem, format_key_path
from specblocks_gen.spec.loader import Loaded, SpecSet
from specblocks_gen.spec.models import (
    ComponentFile,
    Method,
    Parameter,
    ParameterItem,
    ParameterUse,
)
from specblocks_gen.spec.yaml_source import KeyPath


class Checker:
    """Runs every cross-file rule over a :class:`SpecSet`, collecting problems."""

    def __init__(self, specs: SpecSet, problems: list[Problem]) -> None:
        self.specs = specs
        self.problems = problems
        self.type_names: set[str] = set()
        self.sentinels: set[str] = set()
        self.shared: dict[str, Parameter] = {}
        self.groups: dict[str, list[str]] = {}
        self.events: set[str] = set()
        self.data_classes: set[str] = set()
        self.models: set[str] = set()

    def run(self) -> None:
        """Check everything; problems are appended to ``self.problems``."""
        self._collect_names()
        self._check_singletons()
        self._check_shared_parameters()
        self._check_events()
        self._check_event_data()
        self._check_payloads()
        for loaded in self.specs.listeners:
            self._check_items(loaded, ("parameters",), loaded.model.parameters, positional=0)
        names: dict[str, Loaded[Any]] = {}
        for blocks in self.specs.blocks:
            self._unique(names, blocks.model.name, blocks, ("name",), "class")
            self._check_blocks(blocks)
        for comp in self.specs.components:
            self._unique(names, comp.model.name, comp, ("name",), "component or layout")
            self._check_component(comp)

    # -- names -----------------------------------------------------------------
    def _unique(
        self, seen: dict[str, Loaded[Any]], name: str, loaded: Loaded[Any], path: KeyPath, what: str
    ) -> None:
        if name in seen:
            first = seen[name].doc.path.as_posix()
            self.problems.append(
                loaded.problem(path, f"duplicate {what} {name!r} (first defined in {first})")
            )
        else:
            seen[name] = loaded

    def _collect_names(self) -> None:
        seen: dict[str, Loaded[Any]] = {}
        for loaded in self.specs.types:
            for i, t in enumerate(loaded.model.types):
                self._unique(seen, t.name, loaded, ("types", i, "name"), "type name")
                self.type_names.add(t.name)
            for i, s in enumerate(loaded.model.sentinels):
                self._unique(seen, s.name, loaded, ("sentinels", i, "name"), "sentinel")
                self.sentinels.add(s.name)
        seen = {}
        for params_file in self.specs.parameters:
            for i, p in enumerate(params_file.model.parameters):
                self._unique(
                    seen, p.name, params_file, ("parameters", i, "name"), "shared parameter"
                )
                self.shared[p.name] = p
            for i, g in enumerate(params_file.model.groups):
                self._unique(seen, g.name, params_file, ("groups", i, "name"), "parameter or group")
                self.groups[g.name] = list(g.parameters)
        seen = {}
        for events_file in self.specs.events:
            for i, e in enumerate(events_file.model.events):
                self._unique(seen, e.name, events_file, ("events", i, "name"), "event")
                self.events.add(e.name)
        seen = {}
        for data_file in self.specs.event_data:
            for i, c in enumerate(data_file.model.classes):
                self._unique(seen, c.name, data_file, ("classes", i, "name"), "event-data class")
                self.data_classes.add(c.name)
        seen = {}
        for payloads_file in self.specs.payloads:
            for i, m in enumerate(payloads_file.model.models):
                self._unique(seen, m.name, payloads_file, ("models", i, "name"), "payload model")
                self.models.add(m.name)

    def _check_singletons(self) -> None:
        for what, found in (("listener", self.specs.listeners),):
            for extra in found[1:]:
                first = found[0].doc.path.as_posix()
                self.problems.append(
                    extra.problem(("kind",), f"a second {what} spec (first is {first})")
                )

    # -- types and defaults -----------------------------------------------------
    def check_type(self, loaded: Loaded[Any], path: KeyPath, expr: str) -> ast.expr | None:
        """Parse ``expr`` and check its names; report and return None when invalid."""
        try:
            node = typeexpr.parse(expr)
            unknown = sorted(
                {
                    n
                    for n in typeexpr.names(node)
                    if n not in typeexpr.BUILTIN_NAMES and n not in self.type_names
                }
            )
        except typeexpr.TypeExprError as exc:
            self.problems.append(loaded.problem(path, str(exc)))
            return None
        if unknown:
            listed = ", ".join(unknown)
            self.problems.append(
                loaded.problem(
                    path, f"unknown type name(s) {listed} (declare them in a `types` spec)"
                )
            )
            return None
        return node

    def _check_default(
        self,
        loaded: Loaded[Any],
        path: KeyPath,
        node: ast.expr,
        default: Any,
        default_expr: str | None,
    ) -> None:
        if default_expr is not None:
            if default is not None:
                self.problems.append(
                    loaded.problem(
                        (*path, "default_expr"), "give either default or default_expr, not both"
                    )
                )
                return
            if default_expr in self.sentinels:
                return
            try:
                default = ast.literal_eval(default_expr)
            except (ValueError, SyntaxError):
                self.problems.append(
                    loaded.problem(
                        (*path, "default_expr"),
                        f"default_expr {default_expr!r} is not a literal or a declared sentinel",
                    )
                )
                return
            key = "default_expr"
        else:
            key = "default"
        if not typeexpr.accepts(node, default):
            self.problems.append(
                loaded.problem(
                    (*path, key), f"default {default!r} does not match type {ast.unparse(node)!r}"
                )
            )

    # -- parameters ---------------------------------------------------------------
    def _check_shared_parameters(self) -> None:
        for loaded in self.specs.parameters:
            for i, p in enumerate(loaded.model.parameters):
                self._check_parameter(loaded, ("parameters", i), p)
            for i, g in enumerate(loaded.model.groups):
                for j, member in enumerate(g.parameters):
                    if member not in self.shared:
                        self.problems.append(
                            loaded.problem(
                                ("groups", i, "parameters", j),
                                f"unknown shared parameter {member!r}",
                            )
                        )

    def _check_parameter(self, loaded: Loaded[Any], path: KeyPath, p: Parameter) -> None:
        node = self.check_type(loaded, (*path, "type"), p.type)
        if node is None:
            return
        self._check_sent_for_none(loaded, path, node, p.sent_for_none)
        if p.required:
            if p.default is not None or p.default_expr is not None:
                self.problems.append(
                    loaded.problem((*path, "required"), "a required parameter has no default")
                )
            return
        if "default" not in p.model_fields_set and p.default_expr is None:
            if not typeexpr.accepts(node, None):
                self.problems.append(
                    loaded.problem(
                        path,
                        f"no default given, and the implied default None does not match type "
                        f"{ast.unparse(node)!r} (give a default or set `required: true`)",
                    )
                )
            return
        self._check_default(loaded, path, node, p.default, p.default_expr)

    def expand(self, items: Iterable[ParameterItem]) -> list[tuple[int, Parameter | ParameterUse]]:
        """Items with groups expanded to their members (index of the originating item kept)."""
        out: list[tuple[int, Parameter | ParameterUse]] = []
        for i, item in enumerate(items):
            if isinstance(item, ParameterUse) and item.use in self.groups:
                out.extend((i, ParameterUse(use=member)) for member in self.groups[item.use])
            else:
                out.append((i, item))
        return out

    def _check_items(
        self, loaded: Loaded[Any], path: KeyPath, items: list[ParameterItem], positional: int
    ) -> None:
        """Check a parameter list; ``path`` points at it and its sibling ``positional`` key."""
        expanded = self.expand(items)
        for i, item in enumerate(items):
            if isinstance(item, ParameterUse):
                self._check_use(loaded, (*path, i), item)
            else:
                self._check_parameter(loaded, (*path, i), item)
        self._check_duplicates(loaded, path, items, expanded)
        if positional > len(expanded):
            self.problems.append(
                loaded.problem(
                    (*path[:-1], "positional"),
                    f"positional is {positional} but there are only {len(expanded)} parameters",
                )
            )
        required_after_default = False
        for index, (i, item) in enumerate(expanded[:positional]):
            required = isinstance(item, Parameter) and item.required
            if required and index and required_after_default:
                self.problems.append(
                    loaded.problem(
                        (*path, i), "a required positional parameter follows one with a default"
                    )
                )
            required_after_default = required_after_default or not required

    def _check_duplicates(
        self,
        loaded: Loaded[Any],
        path: KeyPath,
        items: list[ParameterItem],
        expanded: list[tuple[int, Parameter | ParameterUse]],
    ) -> None:
        """Report names given twice, once per item (a group item may repeat several)."""
        first: dict[str, int] = {}
        repeated: dict[int, list[str]] = {}
        for i, item in expanded:
            name = item.use if isinstance(item, ParameterUse) else item.name
            if name in first:
                repeated.setdefault(i, []).append(name)
            else:
                first[name] = i
        for i, names in repeated.items():
            item = items[i]
            group = item.use if isinstance(item, ParameterUse) else None
            via = f" from group {group!r}" if group in self.groups else ""
            listed = ", ".join(repr(n) for n in names)
            where = ", ".join(
                format_key_path((*path, j)) for j in sorted({first[n] for n in names})
            )
            noun = "parameter" if len(names) == 1 else "parameters"
            self.problems.append(
                loaded.problem(
                    (*path, i), f"duplicate {noun} {listed}{via} (first given at {where})"
                )
            )

    def _check_use(self, loaded: Loaded[Any], path: KeyPath, item: ParameterUse) -> None:
        overrides = (
            item.overrides_default
            or item.type
            or item.description
            or item.sent_for_none is not None
        )
        if item.use in self.groups:
            if overrides:
                self.problems.append(
                    loaded.problem(
                        path,
                        f"group {item.use!r} cannot take overrides; use its parameters one by one",
                    )
                )
            return
        shared = self.shared.get(item.use)
        if shared is None:
            self.problems.append(
                loaded.problem((*path, "use"), f"unknown shared parameter or group {item.use!r}")
            )
            return
        type_expr = item.type or shared.type
        node = self.check_type(loaded, (*path, "type"), type_expr)
        if node is None:
            return
        if item.overrides_default:
            self._check_default(loaded, path, node, item.default, item.default_expr)
        elif item.type is not None:
            self._check_default(loaded, path, node, shared.default, shared.default_expr)
        self._check_sent_for_none(loaded, path, node, item.sent_for_none)

    def _check_sent_for_none(
        self, loaded: Loaded[Any], path: KeyPath, node: ast.expr, sent_for_none: Any
    ) -> None:
        if sent_for_none is not None and not typeexpr.accepts(node, None):
            self.problems.append(
                loaded.problem(
                    (*path, "sent_for_none"),
                    f"sent_for_none applies to a value of None, which type "
                    f"{ast.unparse(node)!r} does not allow",
                )
            )

    # -- events, data, payloads ---------------------------------------------------
    def _check_events(self) -> None:
        for loaded in self.specs.events:
            for i, e in enumerate(loaded.model.events):
                if e.data is not None and e.data not in self.data_classes:
                    self.problems.append(
                        loaded.problem(
                            ("events", i, "data"), f"unknown event-data class {e.data!r}"
                        )
                    )

    def _check_event_list(self, loaded: Loaded[Any], events: list[str]) -> None:
        seen: set[str] = set()
        for i, name in enumerate(events):
            if name not in self.events:
                self.problems.append(
                    loaded.problem(
                        ("events", i), f"unknown event {name!r} (not in the event catalogue)"
                    )
                )
            if name in seen:
                self.problems.append(loaded.problem(("events", i), f"duplicate event {name!r}"))
            seen.add(name)

    def _check_event_data(self) -> None:
        for loaded in self.specs.event_data:
            for i, cls in enumerate(loaded.model.classes):
                seen: set[str] = set()
                for j, f in enumerate(cls.fields):
                    path = ("classes", i, "fields", j)
                    if f.name in seen:
                        self.problems.append(
                            loaded.problem((*path, "name"), f"duplicate field {f.name!r}")
                        )
                    seen.add(f.name)
                    node = self.check_type(loaded, (*path, "type"), f.type)
                    if (
                        node is not None
                        and not f.required
                        and not typeexpr.accepts(node, f.default)
                    ):
                        self.problems.append(
                            loaded.problem(
                                (*path, "default"),
                                f"default {f.default!r} does not match type {f.type!r}",
                            )
                        )

    def _check_payloads(self) -> None:
        for loaded in self.specs.payloads:
            for i, m in enumerate(loaded.model.models):
                self._check_schema(loaded, ("models", i, "schema"), m.json_schema)
                for ref_path, ref in _refs(m.json_schema, ("models", i, "schema")):
                    name = ref.removeprefix("#/$defs/")
                    if not ref.startswith("#/$defs/") or name not in self.models:
                        self.problems.append(loaded.problem(ref_path, f"unresolved $ref {ref!r}"))

    def _check_schema(self, loaded: Loaded[Any], path: KeyPath, schema: dict[str, Any]) -> bool:
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            self.problems.append(
                loaded.problem((*path, *exc.absolute_path), f"invalid JSON Schema: {exc.message}")
            )
            return False
        return True

    # -- components and blocks ----------------------------------------------------
    def _check_component(self, loaded: Loaded[ComponentFile]) -> None:
        comp = loaded.model
        self._check_items(loaded, ("parameters",), comp.parameters, comp.positional)
        self._check_event_list(loaded, comp.events)
        if comp.var_keyword is not None:
            self.check_type(loaded, ("var_keyword", "type"), comp.var_keyword.type)
        if comp.kind == "component" and comp.data is None:
            self.problems.append(loaded.problem(("data",), "a component needs a data contract"))
        if comp.kind == "layout" and (comp.data is not None or comp.shortcuts):
            self.problems.append(
                loaded.problem(("kind",), "a layout has no data contract and no shortcuts")
            )
        self._check_grouping(loaded)
        if comp.data is None:
            return
        self.check_type(loaded, ("data", "preprocess", "type"), comp.data.preprocess.type)
        self.check_type(loaded, ("data", "postprocess", "type"), comp.data.postprocess.type)
        if self._check_schema(loaded, ("data", "payload"), comp.data.payload):
            validator = Draft202012Validator(comp.data.payload)
            error = next(iter(validator.iter_errors(comp.data.example)), None)
            if error is not None:
                self.problems.append(
                    loaded.problem(
                        ("data", "example", *error.absolute_path),
                        f"example does not match the payload schema: {error.message}",
                    )
                )
            for where, ref in _sample_refs(comp.data.example, ("data", "example")):
                self.problems.append(
                    loaded.problem(
                        where,
                        f"{ref!r} is not a sample reference: write sample://<folder>/<name>, "
                        f"<folder> one of {', '.join(SAMPLE_FOLDERS)}",
                    )
                )

    def _check_grouping(self, loaded: Loaded[ComponentFile]) -> None:
        """``grouped_in`` names a layout; its ``unless`` and ``ungrouped_when`` name parameters."""
        comp = loaded.model
        params = {
            item.use if isinstance(item, ParameterUse) else item.name
            for _, item in self.expand(comp.parameters)
        }
        layouts = {c.model.name for c in self.specs.components if c.model.kind == "layout"}
        conditions: list[tuple[KeyPath, dict[str, Any]]] = [
            (("ungrouped_when",), comp.ungrouped_when)
        ]
        if comp.grouped_in is not None:
            if comp.grouped_in.layout not in layouts:
                self.problems.append(
                    loaded.problem(
                        ("grouped_in", "layout"),
                        f"{comp.grouped_in.layout!r} is not a layout "
                        f"(one of {', '.join(sorted(layouts))})",
                    )
                )
            conditions.append((("grouped_in", "unless"), comp.grouped_in.unless))
        if comp.ungrouped_when and comp.kind != "layout":
            self.problems.append(
                loaded.problem(("ungrouped_when",), "only a layout can keep its children ungrouped")
            )
        for path, condition in conditions:
            for name in condition:
                if name not in params:
                    self.problems.append(
                        loaded.problem((*path, name), f"{comp.name} has no parameter {name!r}")
                    )

    def _check_blocks(self, loaded: Loaded[Any]) -> None:
        self._check_event_list(loaded, loaded.model.events)
        seen: set[str] = set()
        for i, method in enumerate(loaded.model.methods):
            method_: Method = method
            if method_.name in seen:
                self.problems.append(
                    loaded.problem(("methods", i, "name"), f"duplicate method {method_.name!r}")
                )
            seen.add(method_.name)
            self._check_items(
                loaded, ("methods", i, "parameters"), method_.parameters, method_.positional
            )
            self.check_type(loaded, ("methods", i, "returns"), method_.returns)


def _refs(schema: Any, path: KeyPath) -> Iterable[tuple[KeyPath, str]]:
    """Every ``$ref`` string in ``schema``, with the key path of its ``$ref`` key."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            yield (*path, "$ref"), ref
        for key, value in schema.items():
            yield from _refs(value, (*path, key))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _refs(value, (*path, index))


#: The folders of the sample media the runtime ships; ``sample://<folder>/<name>`` in an
#: example names one of their files (the server serves it and gives clients its URL).
SAMPLE_FOLDERS = ("images", "audio", "videos", "models3d", "data")
_SAMPLE_SCHEME = "sample://"


def _sample_refs(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The malformed ``sample://`` references inside an example, with where they are."""
    if isinstance(value, str) and value.startswith(_SAMPLE_SCHEME):
        folder, _, name = value.removeprefix(_SAMPLE_SCHEME).partition("/")
        if folder not in SAMPLE_FOLDERS or not name or "/" in name or name.startswith("."):
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _sample_refs(item, (*where, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _sample_refs(item, (*where, index))
