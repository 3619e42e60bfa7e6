"""The built site in headless Chromium: the matrix, a component page with search, the API page.

Each test asserts what is visible (retrying on the DOM, as Playwright's ``expect`` does), then
saves a screenshot to docs/assets/screenshots/, where the docs show it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from docs_support import ROOT, load_example, serving

from specblocks_gen.ir.model import Catalog

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is in requirements/docs.txt"
)
expect = sync_api.expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "docs" / "assets" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP (the search index is fetched by a web worker)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless system Chromium (``apt-get install chromium``)."""
    if not CHROMIUM.exists():
        pytest.fail(f"the screenshot tests need Chromium at {CHROMIUM}", pytrace=False)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (reduced motion, so screenshots do not catch transitions midway)."""
    context = browser.new_context(viewport=VIEWPORT, reduced_motion="reduce")
    yield context.new_page()
    context.close()


def test_matrix_page(page: Any, site_url: str, catalog: Catalog) -> None:
    page.goto(site_url + "reference/generated/matrix/")
    table = page.locator(".sb-matrix table").first
    components = [c for c in catalog.components if c.kind == "component"]
    assert len(components) == 47
    expect(table.locator("tbody tr")).to_have_count(len(components))
    textbox = table.locator("tbody tr", has=page.get_by_role("link", name="Textbox", exact=True))
    expect(textbox).to_contain_text("✓")
    expect(table.locator("thead")).to_contain_text("submit")
    expect(table.locator("thead th").last).to_be_in_viewport()  # every column fits
    page.screenshot(path=SHOTS / "matrix.png", full_page=True)


def test_component_page_with_search(page: Any, site_url: str) -> None:
    page.goto(site_url + "reference/generated/components/textbox/")
    expect(page.locator("h1")).to_contain_text("Textbox")
    expect(page.locator("table").first).to_contain_text("max_lines")
    search = page.locator("input.md-search__input")
    search.click()
    # The index loads in a web worker; type once it is ready, as a user would.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    search.press_sequentially("Textbox", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(results.first).to_contain_text("Textbox")
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    page.screenshot(path=SHOTS / "component-search.png")


def test_api_page(page: Any) -> None:
    with serving(load_example("clients/app.py")["demo"]) as url:
        # As if behind a proxy: the snippets show the usual address, not this test's port.
        page.set_extra_http_headers({"x-forwarded-host": "127.0.0.1:7860"})
        page.goto(url + "gradio_api/docs")
        expect(page.locator("pre.python").first).to_contain_text("http://127.0.0.1:7860/")
        expect(page.locator("h1")).to_contain_text("via API")
        greet = page.locator("section#greet")
        expect(greet.locator("pre.python")).to_be_visible()
        expect(greet.locator("pre.python")).to_contain_text('api_name="/greet"')
        expect(greet.locator("pre.js")).to_be_hidden()
        page.get_by_text("JavaScript", exact=True).click()
        expect(greet.locator("pre.js")).to_be_visible()
        expect(greet.locator("pre.js")).to_contain_text('client.predict("/greet"')
        page.get_by_text("Python", exact=True).click()
        expect(greet.locator("pre.python")).to_be_visible()
        page.screenshot(path=SHOTS / "api-page.png")
