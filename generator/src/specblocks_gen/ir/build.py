"""Normalise a checked :class:`SpecSet` into the intermediate :class:`Catalog`."""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from specblocks_gen.ir import model as ir
from specblocks_gen.spec import models as spec
from specblocks_gen.spec import typeexpr
from specblocks_gen.spec.loader import SpecSet

TYPING_IMPORTS = {
    "Any": "from typing import Any",
    "Literal": "from typing import Literal",
    "Self": "from typing import Self",
    "Callable": "from collections.abc import Callable",
    "Iterable": "from collections.abc import Iterable",
    "Mapping": "from collections.abc import Mapping",
    "Sequence": "from collections.abc import Sequence",
    "Set": "from collections.abc import Set",
}


def python_source(value: Any) -> str:
    """Python source for a YAML default value."""
    return repr(value)


class _Resolver:
    def __init__(self, specs: SpecSet) -> None:
        self.shared = {p.name: p for f in specs.parameters for p in f.model.parameters}
        self.groups = {g.name: list(g.parameters) for f in specs.parameters for g in f.model.groups}

    def params(self, items: Iterable[spec.ParameterItem], positional: int) -> tuple[ir.Param, ...]:
        flat: list[ir.Param] = []
        for item in items:
            if isinstance(item, spec.ParameterUse) and item.use in self.groups:
                flat.extend(self._param(self.shared[m], None) for m in self.groups[item.use])
            elif isinstance(item, spec.ParameterUse):
                flat.append(self._param(self.shared[item.use], item))
            else:
                flat.append(self._param(item, None))
        return tuple(
            ir.Param(**{**p.__dict__, "positional": i < positional}) for i, p in enumerate(flat)
        )

    @staticmethod
    def _param(p: spec.Parameter, use: spec.ParameterUse | None) -> ir.Param:
        default: str | None
        if use is not None and use.overrides_default:
            default = use.default_expr or python_source(use.default)
        elif p.required:
            default = None
        else:
            default = p.default_expr or python_source(p.default)
        return ir.Param(
            name=p.name,
            type=(use.type if use and use.type else p.type),
            default=default,
            description=(use.description if use and use.description else p.description),
            attribute=p.attribute,
            updatable=p.updatable,
            shared=use is not None,
            sent_for_none=(
                use.sent_for_none if use and use.sent_for_none is not None else p.sent_for_none
            ),
        )


def _event(e: spec.Event) -> ir.Event:
    return ir.Event(
        e.name,
        e.description,
        e.trigger_mode,
        e.data,
        e.browser,
        tuple(e.config_props.items()),
        e.listened_prop,
    )


def _imports(specs: SpecSet) -> tuple[dict[str, ir.Import], dict[str, ir.Import]]:
    imports = {name: ir.Import(name, stmt, False) for name, stmt in TYPING_IMPORTS.items()}
    sentinels: dict[str, ir.Import] = {}
    for f in specs.types:
        for t in f.model.types:
            if t.module is None:
                continue
            if t.symbol and t.symbol != t.name:
                stmt = f"from {t.module} import {t.symbol} as {t.name}"
            elif t.symbol:
                stmt = f"from {t.module} import {t.symbol}"
            elif t.alias:
                stmt = f"import {t.module} as {t.alias}"
            else:
                stmt = f"import {t.module}"
            imports[t.name] = ir.Import(t.name, stmt, t.runtime)
        for s in f.model.sentinels:
            sentinels[s.name] = ir.Import(s.name, f"from {s.module} import {s.name}", True)
    return imports, sentinels


def digest(paths: Iterable[str], file_digests: dict[str, str], version: str) -> str:
    """A stable hash of the generator version and the given spec files' contents."""
    h = hashlib.sha256(version.encode())
    for path in sorted(set(paths)):
        h.update(f"\0{path}\0{file_digests[path]}".encode())
    return h.hexdigest()[:16]


def build_catalog(specs: SpecSet, roots: list[Path]) -> ir.Catalog:
    """Build the catalog from specs that passed :class:`~specblocks_gen.spec.checks.Checker`."""
    resolver = _Resolver(specs)
    events = sorted((_event(e) for f in specs.events for e in f.model.events), key=lambda e: e.name)
    by_name = {e.name: e for e in events}
    components = []
    for loaded in specs.components:
        c = loaded.model
        data = None
        if c.data is not None:
            d = c.data
            data = ir.DataContract(
                d.preprocess.type,
                d.preprocess.description,
                d.postprocess.type,
                d.postprocess.description,
                d.payload,
                d.example,
                d.in_api,
                d.api_schema,
                d.data_model,
            )
        components.append(
            ir.Component(
                name=c.name,
                kind=c.kind,
                description=c.description,
                category=c.category,
                shortcuts=tuple(c.shortcuts),
                params=resolver.params(c.parameters, c.positional),
                events=tuple(by_name[e] for e in sorted(c.events)),
                data=data,
                source=loaded.doc.path.as_posix(),
                module=loaded.doc.path.stem,
                gradio_differences=tuple(c.gradio_differences),
                block_name=c.block_name or c.name.lower(),
                grouped_in=c.grouped_in.layout if c.grouped_in else None,
                grouped_unless=tuple(c.grouped_in.unless.items()) if c.grouped_in else (),
                breaks_grouping=c.breaks_grouping,
                ungrouped_when=tuple(c.ungrouped_when.items()),
                default_label=c.default_label,
                var_keyword=(
                    ir.Param(
                        c.var_keyword.name, c.var_keyword.type, None, c.var_keyword.description
                    )
                    if c.var_keyword
                    else None
                ),
            )
        )
    listener_file = specs.listeners[0]
    listener = ir.Listener(
        listener_file.model.description,
        resolver.params(listener_file.model.parameters, len(listener_file.model.parameters)),
        listener_file.model.returns,
        listener_file.doc.path.as_posix(),
        tuple(ir.Chain(c.name, c.description, c.condition) for c in listener_file.model.chains),
    )
    blocks = tuple(
        _app_class(b.model, b.doc.path.as_posix(), resolver, by_name) for b in specs.blocks
    )
    model_names = {m.name for f in specs.payloads for m in f.model.models}
    event_data = tuple(
        ir.EventDataClass(
            c.name,
            c.description,
            tuple(
                ir.DataField(
                    fd.name,
                    fd.type,
                    fd.description,
                    fd.key or fd.name,
                    None if fd.required else python_source(fd.default),
                    fd.type if fd.type in model_names else None,
                )
                for fd in c.fields
            ),
        )
        for f in specs.event_data
        for c in f.model.classes
    )
    payloads = tuple(
        ir.Payload(m.name, m.description, m.json_schema)
        for f in specs.payloads
        for m in f.model.models
    )
    imports, sentinel_imports = _imports(specs)
    common = [
        loaded.doc.path.as_posix()
        for group in (
            specs.types,
            specs.parameters,
            specs.events,
            specs.listeners,
            specs.event_data,
            specs.payloads,
            specs.blocks,
        )
        for loaded in group
    ]
    return ir.Catalog(
        components=tuple(sorted(components, key=lambda c: c.name)),
        events=tuple(events),
        listener=listener,
        blocks=blocks,
        event_data=event_data,
        payloads=payloads,
        imports=imports,
        sentinel_imports=sentinel_imports,
        common_sources=tuple(sorted(common)),
        file_digests=_file_digests(roots),
    )


def _file_digests(roots: list[Path]) -> dict[str, str]:
    out: dict[str, str] = {}
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            display = path.relative_to(root.parent).as_posix()
            out[display] = hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()
    return out


def type_names(expr: str) -> set[str]:
    """Names a type expression refers to (for imports)."""
    return set(typeexpr.names(typeexpr.parse(expr)))


def default_names(source: str | None) -> set[str]:
    """Bare names used by a default's source (sentinels)."""
    if source is None:
        return set()
    return {n.id for n in ast.walk(ast.parse(source, mode="eval")) if isinstance(n, ast.Name)}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _app_class(
    b: spec.BlocksFile, source: str, resolver: _Resolver, events: dict[str, ir.Event]
) -> ir.Blocks:
    module = _snake(b.name)
    methods = tuple(
        ir.Method(
            name=m.name,
            description=m.description,
            params=resolver.params(m.parameters, m.positional),
            returns=m.returns,
            options_class=f"{b.name if m.name == '__init__' else _camel(m.name)}Options",
            hook=f"_init_{module}" if m.name == "__init__" else f"_{m.name}",
        )
        for m in b.methods
    )
    base_module, base_class = b.base.rsplit(".", 1)
    return ir.Blocks(
        name=b.name,
        description=b.description,
        methods=methods,
        events=tuple(events[e] for e in b.events),
        source=source,
        module=module,
        base_module=base_module,
        base_class=base_class,
    )
