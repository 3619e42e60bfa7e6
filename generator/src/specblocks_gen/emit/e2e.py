"""Render the browser tests: one Playwright test module per component and layout.

Each module serves a harness app around the component (``specblocks.testing``) and holds the
shared property suite for the parameters the component has (label, visible, elem_id,
interactive) and one test per event it fires, marked with its (component, event) pair so a
run can report which pairs of the matrix passed. ``pairs.json`` lists every pair with how a
user triggers it (from the event catalogue).
"""

from __future__ import annotations

import json

from specblocks_gen.emit.render import Renderer, format_python, header
from specblocks_gen.ir import model as ir
from specblocks_gen.ir.build import digest

#: Property checks, in order, with the parameter each needs.
PROPERTIES = ("label", "visible", "elem_id", "interactive")


class E2EEmitter:
    """Produces ``{relative path: text}`` for the generated browser tests.

    Args:
        catalog: The components to test.
        version: The generator version (for headers).
        module: The import name that exposes the component classes (``specblocks``).
    """

    def __init__(self, catalog: ir.Catalog, version: str, module: str) -> None:
        self.catalog = catalog
        self.version = version
        self.module = module
        self.renderer = Renderer()

    def emit(self) -> dict[str, str]:
        """Render every file, keyed by path relative to the output directory."""
        c = self.catalog
        files: dict[str, str] = {}
        for comp in c.components:
            names = {p.name for p in comp.params}
            files[f"test_{comp.module}.py"] = self.renderer.render(
                "e2e/test_component.py.jinja",
                header=self._header([comp.source, *c.common_sources]),
                c=comp,
                module=self.module,
                properties=[p for p in PROPERTIES if p in names],
            )
        files["__init__.py"] = self._header([comp.source for comp in c.components])
        pairs = [
            {"component": comp.name, "kind": comp.kind, "event": e.name, "browser": e.browser}
            for comp in c.components
            for e in comp.events
        ]
        files["pairs.json"] = json.dumps(pairs, indent=2, ensure_ascii=False) + "\n"
        return format_python(files, self.module)

    def _header(self, sources: list[str]) -> str:
        ordered = list(dict.fromkeys(sources))
        return header(
            (self.version, ordered, digest(ordered, self.catalog.file_digests, self.version))
        )
