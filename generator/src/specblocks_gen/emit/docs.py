"""Render the reference pages of the docs site (Markdown, one Jinja template per page kind).

The pages come from the same catalog as the code: one page per component, layout, event-data
class and app class (``Blocks``, ``Interface``), the event catalogue with the listener
parameters, the component × event matrix, the payload models and an index. Links between pages
are relative, so the pages work wherever the output directory sits in a MkDocs site.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from specblocks_gen.emit.matrix import matrix_rows
from specblocks_gen.emit.render import Renderer, header
from specblocks_gen.ir import model as ir
from specblocks_gen.ir.build import digest, type_names

#: Characters that Markdown would read as markup inside a table cell, as HTML entities.
_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in "|*_[]`\\"})


def code(text: str) -> str:
    """``text`` as inline code that is safe inside a Markdown table cell."""
    return f"<code>{html.escape(' '.join(text.split()), quote=False).translate(_MARKUP)}</code>"


def prose(text: str) -> str:
    """Spec text as Markdown on one line.

    Spec descriptions are plain text with code spans: outside the spans, characters Markdown
    would read as markup are escaped (``**/*.txt`` is a glob, not emphasis, and ``<thinking>``
    a tag name, not HTML).
    """
    parts = re.split(r"(`+[^`]*?`+)", " ".join(text.split()))
    return "".join(part if part.startswith("`") else _escape(part) for part in parts)


def _escape(text: str) -> str:
    return re.sub(r"([\\*_\[\]])", r"\\\1", html.escape(text, quote=False))


def cell(text: str) -> str:
    """Spec text for a Markdown table cell: :func:`prose` with its pipes escaped."""
    return prose(text).replace("|", "\\|")


def anchor(name: str) -> str:
    """The id MkDocs gives a heading reading ``name`` (Python-Markdown's default slugify)."""
    slug = re.sub(r"[^\w\s-]", "", name).strip().lower()
    return re.sub(r"[-\s]+", "-", slug)


def tidy(markdown: str) -> str:
    """At most one blank line in a row, and exactly one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"


def snake(name: str) -> str:
    """``SelectData`` → ``select_data``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def json_type(schema: Any) -> str:
    """A short reading of a JSON Schema: ``string``, ``FileData``, ``array of string | null``."""
    if not isinstance(schema, dict) or not schema:
        return "any"
    if isinstance(schema.get("$ref"), str):
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "const" in schema:
        return json.dumps(schema["const"])
    if "enum" in schema:
        return " | ".join(json.dumps(v) for v in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return " | ".join(json_type(s) for s in schema[key])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(json_type({**schema, "type": k}) for k in kind)
    if kind == "array":
        items = schema.get("items")
        if isinstance(items, list) or "prefixItems" in schema:
            parts = items if isinstance(items, list) else schema["prefixItems"]
            return "[" + ", ".join(json_type(s) for s in parts) + "]"
        return f"array of {json_type(items)}"
    return str(kind) if kind else "any"


@dataclass(frozen=True)
class Property:
    """A row of a payload model's property table."""

    name: str
    type: str
    required: bool
    description: str


class DocsEmitter:
    """Produces ``{relative path: Markdown}`` for the reference part of the docs site."""

    EVENTS = "events.md"
    MATRIX = "matrix.md"
    PAYLOADS = "payloads.md"
    INDEX = "index.md"
    LISTENER_ANCHOR = "event-listener-parameters"

    def __init__(self, catalog: ir.Catalog, version: str) -> None:
        self.catalog = catalog
        self.version = version
        self.renderer = Renderer()
        filters = self.renderer.env.filters
        filters["code"] = code
        filters["cell"] = cell
        filters["prose"] = prose
        filters["anchor"] = anchor
        filters["summary"] = ir.summary_of
        filters["pyjson"] = lambda value: json.dumps(value, indent=2, sort_keys=True)
        #: the page documenting each component, layout, event-data class and app class
        self.pages = self._page_paths()

    def emit(self) -> dict[str, str]:
        """Render every page, keyed by path relative to the output directory."""
        c = self.catalog
        everything = [comp.source for comp in c.components] + list(c.common_sources)
        files: dict[str, str] = {}
        for comp in c.components:
            page = self.pages[comp.name]
            files[page] = self._render(
                f"{comp.kind}.md.jinja",
                page,
                [comp.source, *c.common_sources],
                c=comp,
                events=[(e, self._data_page(e)) for e in comp.events],
                models=self._models(self._component_types(comp)),
            )
        for cls in c.event_data:
            page = self.pages[cls.name]
            files[page] = self._render(
                "event_data.md.jinja",
                page,
                self._sources("event_data", "events", "payloads"),
                cls=cls,
                events=[e for e in c.events if e.data == cls.name],
                models=self._models(n for f in cls.fields for n in type_names(f.type)),
            )
        for app in c.blocks:
            page = self.pages[app.name]
            files[page] = self._render(
                "blocks.md.jinja",
                page,
                [app.source, *c.common_sources],
                app=app,
                models=self._models(
                    n for m in app.methods for p in m.params for n in type_names(p.type)
                ),
            )
        files[self.EVENTS] = self._render(
            "events.md.jinja", self.EVENTS, everything, fired_by=self._fired_by()
        )
        rows = matrix_rows(c)
        layouts = [comp for comp in c.components if comp.kind == "layout"]
        files[self.MATRIX] = self._render(
            "matrix.md.jinja",
            self.MATRIX,
            everything,
            columns=rows[0][1:],
            rows=[(row[0], [v == "1" for v in row[1:]]) for row in rows[1:]],
            layout_columns=sorted({e.name for comp in layouts for e in comp.events}),
            layouts=[(comp.name, {e.name for e in comp.events}) for comp in layouts],
        )
        if c.payloads:
            files[self.PAYLOADS] = self._render(
                "payloads.md.jinja",
                self.PAYLOADS,
                self._sources("payloads"),
                models=[(m, self._properties(m.schema)) for m in c.payloads],
            )
        files[self.INDEX] = self._render(
            "index.md.jinja",
            self.INDEX,
            everything,
            categories=self._categories(),
            layouts=layouts,
            has_payloads=bool(c.payloads),
        )
        files[".pages"] = self.renderer.render(
            "docs/.pages.jinja",
            header=header(self._header_args(everything)),
            catalog=c,
            pages=self.pages,
            has_payloads=bool(c.payloads),
        )
        return files

    # -- page paths and links ----------------------------------------------------------
    def _page_paths(self) -> dict[str, str]:
        c = self.catalog
        pages = {comp.name: f"{comp.kind}s/{comp.module}.md" for comp in c.components}
        pages.update({cls.name: f"event-data/{snake(cls.name)}.md" for cls in c.event_data})
        pages.update({app.name: f"{app.module}.md" for app in c.blocks})
        return pages

    def _href(self, source: str, target: str) -> str:
        """A relative link from page ``source`` to ``target`` (a page, a name or ``#`` anchor).

        ``target`` is a page path (``events.md#blur``) or the name of a documented class
        (``Textbox``, ``SelectData``).
        """
        path, _, fragment = target.partition("#")
        if path and not path.endswith(".md"):
            path = self.pages[path]  # a KeyError here is a link to a page that does not exist
        rel = posixpath.relpath(path, posixpath.dirname(source) or ".") if path else ""
        return rel + (f"#{fragment}" if fragment else "")

    def _data_page(self, event: ir.Event) -> str | None:
        if event.data is None or event.data not in self.pages:
            return None
        return event.data

    # -- what the pages show -----------------------------------------------------------
    @staticmethod
    def _component_types(comp: ir.Component) -> set[str]:
        names = {n for p in comp.params for n in type_names(p.type)}
        if comp.data is not None:
            names |= type_names(comp.data.preprocess_type)
            names |= type_names(comp.data.postprocess_type)
            names |= set(re.findall(r"#/\$defs/(\w+)", json.dumps(comp.data.payload)))
        return names

    def _models(self, names: Iterable[str]) -> list[str]:
        """The payload models among ``names``, in catalogue order."""
        wanted = set(names)
        return [m.name for m in self.catalog.payloads if m.name in wanted]

    def _fired_by(self) -> dict[str, list[str]]:
        fired: dict[str, list[str]] = {e.name: [] for e in self.catalog.events}
        for comp in self.catalog.components:
            for event in comp.events:
                fired[event.name].append(comp.name)
        for app in self.catalog.blocks:
            for event in app.events:
                fired[event.name].append(app.name)
        return fired

    def _categories(self) -> list[tuple[str, list[ir.Component]]]:
        comps = [c for c in self.catalog.components if c.kind == "component"]
        names = sorted({c.category for c in comps})
        return [(name, [c for c in comps if c.category == name]) for name in names]

    @staticmethod
    def _properties(schema: dict[str, Any]) -> list[Property]:
        required = set(schema.get("required", []))
        props = schema.get("properties", {})
        return [
            Property(name, json_type(sub), name in required, str(sub.get("description", "")))
            for name, sub in props.items()
        ]

    # -- rendering ---------------------------------------------------------------------
    def _sources(self, *stems: str) -> list[str]:
        return [
            s
            for s in self.catalog.common_sources
            if s.rsplit("/", 1)[-1].startswith(tuple(f"{stem}." for stem in stems))
        ]

    def _header_args(self, sources: Iterable[str]) -> tuple[str, list[str], str]:
        ordered = list(dict.fromkeys(sources))
        return self.version, ordered, digest(ordered, self.catalog.file_digests, self.version)

    def _render(self, template: str, page: str, sources: Iterable[str], **context: Any) -> str:
        lines = header(self._header_args(sources), comment="").splitlines()
        href: Callable[[str], str] = partial(self._href, page)
        text = self.renderer.render(
            f"docs/{template}",
            header="<!--\n" + "".join(f"{line.strip()}\n" for line in lines) + "-->",
            catalog=self.catalog,
            pages=self.pages,
            href=href,
            listener=f"{self._href(page, self.EVENTS)}#{self.LISTENER_ANCHOR}",
            **context,
        )
        return tidy(text)
