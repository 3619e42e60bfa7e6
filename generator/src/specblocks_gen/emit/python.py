"""Render the Python layer.

Component base classes, events, listener options, event data, the Blocks base class and the
payload models.
"""

from __future__ import annotations

from collections.abc import Iterable

from specblocks_gen.emit import payloads
from specblocks_gen.emit.render import Renderer, format_python, header
from specblocks_gen.ir import model as ir
from specblocks_gen.ir.build import default_names, digest, type_names


class PythonEmitter:
    """Produces ``{relative path: text}`` for the generated Python package."""

    def __init__(self, catalog: ir.Catalog, package: str, version: str) -> None:
        self.catalog = catalog
        self.package = package  # e.g. "specblocks._generated"
        self.version = version
        self.renderer = Renderer()

    def emit(self) -> dict[str, str]:
        """Render every file, keyed by path relative to the output directory."""
        c = self.catalog
        files: dict[str, str] = {}
        for comp in c.components:
            files[f"{comp.module}.py"] = self._component(comp)
        files["events.py"] = self._events()
        files["listener.py"] = self._module(
            "listener.py.jinja",
            [c.listener.source],
            self._imports(self._param_types(c.listener.params)),
        )
        files["event_data.py"] = self._module(
            "event_data.py.jinja",
            self._sources("event_data"),
            self._imports(
                {n for cls in c.event_data for f in cls.fields for n in type_names(f.type)},
                runtime={f.model for cls in c.event_data for f in cls.fields if f.model},
                provided={"Any", "Mapping", "Block"},
            ),
        )
        for app in c.blocks:
            params = [p for m in app.methods for p in m.params]
            returns = {n for m in app.methods for n in type_names(m.returns)}
            names = self._param_types(params) | returns
            files[f"{app.module}.py"] = self._module(
                "blocks.py.jinja",
                [app.source, *c.common_sources],
                self._imports(names, params, provided={app.base_class}),
                b=app,
            )
        files["payloads.py"] = header(
            self._header_args(self._sources("payloads"))
        ) + payloads.render(c.payloads)
        files["__init__.py"] = self._module(
            "__init__.py.jinja", [comp.source for comp in c.components] + list(c.common_sources), {}
        )
        return format_python(files, self.package)

    # -- helpers ---------------------------------------------------------------------
    def _sources(self, stem: str) -> list[str]:
        return [s for s in self.catalog.common_sources if s.rsplit("/", 1)[-1].startswith(stem)]

    def _header_args(self, sources: Iterable[str]) -> tuple[str, list[str], str]:
        ordered = list(dict.fromkeys(sources))  # the primary source first, then the rest
        return self.version, ordered, digest(ordered, self.catalog.file_digests, self.version)

    @staticmethod
    def _param_types(params: Iterable[ir.Param]) -> set[str]:
        return {n for p in params for n in type_names(p.type)}

    def _imports(
        self,
        names: set[str],
        params: Iterable[ir.Param] = (),
        runtime: Iterable[str] = (),
        provided: Iterable[str] = (),
    ) -> dict[str, list[str]]:
        """``{"runtime": [...], "typing": [...]}`` import statements for the names used.

        ``runtime`` names are needed when the module runs, not only when it is type-checked;
        ``provided`` names are imported by the template itself.
        """
        needed_at_runtime = set(runtime)
        runtime_stmts: set[str] = set()
        typing: set[str] = set()
        for name in (names | needed_at_runtime) - set(provided):
            imp = self.catalog.imports.get(name)
            if imp is not None:
                at_runtime = imp.runtime or name in needed_at_runtime
                (runtime_stmts if at_runtime else typing).add(self._absolute(imp.statement))
        for p in params:
            for name in default_names(p.default):
                if name in self.catalog.sentinel_imports:
                    runtime_stmts.add(self.catalog.sentinel_imports[name].statement)
        return {"runtime": sorted(runtime_stmts), "typing": sorted(typing - runtime_stmts)}

    def _absolute(self, statement: str) -> str:
        """``from .events import X`` → ``from <package>.events import X`` (inside the package)."""
        if statement.startswith("from ."):
            return f"from {self.package}.{statement.removeprefix('from .')}"
        return statement

    def _module(
        self, template: str, sources: Iterable[str], imports: dict[str, list[str]], **extra: object
    ) -> str:
        return self.renderer.render(
            template,
            header=header(self._header_args(sources)),
            catalog=self.catalog,
            package=self.package,
            imports=imports,
            **extra,
        )

    def _component(self, comp: ir.Component) -> str:
        names = self._param_types(comp.params)
        if comp.var_keyword is not None:
            names |= type_names(comp.var_keyword.type)
        return self._module(
            "component.py.jinja",
            [comp.source, *self.catalog.common_sources],
            self._imports(names, comp.params, provided={"Any", "Component", "BlockContext"}),
            c=comp,
        )

    def _events(self) -> str:
        names = self._param_types(self.catalog.listener.params) | type_names(
            self.catalog.listener.returns
        )
        return self._module(
            "events.py.jinja",
            self.catalog.common_sources,
            self._imports(names, self.catalog.listener.params, provided={"Dependency"}),
        )
