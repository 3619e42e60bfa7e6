"""The built site: every spec fact is on it, every link resolves, search has an index."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from specblocks_gen.emit.docs import snake
from specblocks_gen.ir.model import Catalog, Param

REFERENCE = "reference/generated"


class _Page(HTMLParser):
    """Links, image sources and element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.chunks: list[str] = []

    @property
    def text(self) -> str:
        """The page's text, whitespace collapsed."""
        return " ".join("".join(self.chunks).split())

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "img" and values.get("src"):
            self.links.append(str(values["src"]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _text(markdown: str) -> str:
    """Roughly how Markdown reads once rendered: code spans without their backticks."""
    return " ".join(markdown.replace("`", "").split())


def _page(site: Path, rel: str) -> str:
    """The HTML of the page built from ``rel`` (``components/textbox.md`` → …/index.html)."""
    path = site / REFERENCE / rel.removesuffix(".md") / "index.html"
    if rel == "index.md":
        path = site / REFERENCE / "index.html"
    assert path.is_file(), f"no page for {rel}"
    return path.read_text(encoding="utf-8")


def _assert_params(html: str, params: tuple[Param, ...], where: str) -> None:
    page = _Page()
    page.feed(html)
    for p in params:
        assert f"<td><code>{p.name}</code></td>" in html, f"{where}: parameter {p.name}"
        assert _text(p.description) in page.text, f"{where}: {p.name}'s description"


def test_every_component_and_layout_has_its_parameters_and_events(
    site: Path, catalog: Catalog
) -> None:
    for comp in catalog.components:
        html = _page(site, f"{comp.kind}s/{comp.module}.md")
        assert re.search(rf"<h1 [^>]*>{comp.name}<", html), comp.name
        _assert_params(html, comp.params, comp.name)
        for event in comp.events:
            assert f'href="../../events/#{event.name}"' in html, f"{comp.name}.{event.name}"
        if comp.data is not None:
            assert comp.data.preprocess_type.split(" | ")[0] in html
        for shortcut in comp.shortcuts:
            assert f"&quot;{shortcut}&quot;" in html or f'"{shortcut}"' in html


def test_every_event_is_described_once_with_the_listener_parameters(
    site: Path, catalog: Catalog
) -> None:
    html = _page(site, "events.md")
    for event in catalog.events:
        assert html.count(f'id="{event.name}"') == 1, event.name
    assert html.count('id="event-listener-parameters"') == 1
    _assert_params(html, catalog.listener.params, "listener")
    for chain in catalog.listener.chains:
        assert f"<code>{chain.name}</code>" in html


def test_blocks_interface_and_event_data_pages(site: Path, catalog: Catalog) -> None:
    for app in catalog.blocks:
        html = _page(site, f"{app.module}.md")
        for method in app.methods:
            if method.name != "__init__":
                assert f'id="{method.name}"' in html, f"{app.name}.{method.name}"
            _assert_params(html, method.params, f"{app.name}.{method.name}")
    assert {m.name for m in catalog.blocks[0].methods} >= {"__init__", "launch", "queue", "unload"}
    for cls in catalog.event_data:
        html = _page(site, f"event-data/{snake(cls.name)}.md")
        for f in cls.fields:
            assert f"<td><code>{f.name}</code></td>" in html, f"{cls.name}.{f.name}"


def test_matrix_and_index_list_every_component(site: Path, catalog: Catalog) -> None:
    matrix = _page(site, "matrix.md")
    index = _page(site, "index.md")
    for comp in catalog.components:
        link = f"{comp.kind}s/{comp.module}/"
        assert f'href="../{link}"' in matrix, comp.name
        assert f'href="{link}"' in index, comp.name


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file a relative link from ``page`` points at, and its fragment; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("/", "mailto:")):
        return None
    base = "/" + page.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(base, parts.path)).path if parts.path else base
    path = site / unquote(resolved).lstrip("/")
    if resolved.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def test_no_page_links_to_a_missing_page_or_anchor(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70
    parsed = {p: _parse(p) for p in pages}
    broken: list[str] = []
    checked = 0
    for page, info in parsed.items():
        for href in info.links:
            target = _target(site, page, href)
            if target is None:
                continue
            checked += 1
            path, fragment = target
            where = f"{page.relative_to(site)}: {href}"
            if not path.is_file():
                broken.append(f"{where} (no {path.relative_to(site)})")
            elif fragment and path.suffix == ".html" and fragment not in _ids(parsed, path):
                broken.append(f"{where} (no #{fragment})")
    assert checked > 1000
    assert not broken, "\n".join(broken)


def _ids(parsed: dict[Path, _Page], path: Path) -> set[str]:
    page = parsed.get(path) or _parse(path)
    return page.ids


def test_search_index_covers_the_reference(site: Path, catalog: Catalog) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    for comp in catalog.components:
        assert comp.name in titles, comp.name
    assert (site / "assets" / "javascripts").is_dir()  # the theme's search client


@pytest.mark.parametrize(
    "guide",
    [
        "quickstart",
        "events-and-queue",
        "state",
        "files",
        "clients",
        "python-client",
        "custom-components",
        "cli",
        "deploying",
    ],
)
def test_guides_are_built_with_their_examples(site: Path, guide: str) -> None:
    html = (site / "guides" / guide / "index.html").read_text(encoding="utf-8")
    assert "--8&lt;--" not in html, "a snippet include was not expanded"
    assert 'class="highlight"' in html or guide == "cli"
