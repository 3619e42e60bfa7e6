"""A multipage app in the browser: the navigation bar moves between pages, each page runs its
own listeners (its load ones included), and a page's query parameters reach gr.Request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        greeting = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(lambda n: f"Hello {n}", name, greeting)
        main_loads = gr.Number(label="Main loads")
        demo.load(lambda: 1, None, main_loads)
    with demo.route("Reports") as reports:
        option = gr.Textbox(label="Option")
        doubled = gr.Number(label="Doubled")
        number = gr.Number(4, label="Number")
        gr.Button("Double").click(lambda n: n * 2, number, doubled)

        def from_query(request: gr.Request) -> str:
            return request.query_params.get("option", "none")

        reports.load(from_query, None, option)
    with serve(demo) as url:
        yield url.rstrip("/")


def test_the_navbar_moves_between_pages_and_each_page_runs_its_listeners(
    page: Page, app_url: str
) -> None:
    open_app(page, app_url)
    navigation = page.get_by_role("navigation", name="Pages")
    expect(navigation.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(page.get_by_label("Main loads")).to_have_value("1", timeout=TIMEOUT_MS)
    page.get_by_label("Name").fill("Ada")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_label("Greeting")).to_have_value("Hello Ada", timeout=TIMEOUT_MS)
    expect(page.get_by_label("Number")).to_have_count(0)  # the other page's blocks

    navigation.get_by_role("link", name="Reports").click()
    page.wait_for_url(f"{app_url}/reports")
    page.wait_for_selector("#sb-root[data-ready=true]", timeout=TIMEOUT_MS)
    expect(page.get_by_label("Option")).to_have_value("none", timeout=TIMEOUT_MS)
    expect(page.get_by_label("Name")).to_have_count(0)
    expect(page.get_by_label("Main loads")).to_have_count(0)
    page.get_by_role("button", name="Double").click()
    expect(page.get_by_label("Doubled")).to_have_value("8", timeout=TIMEOUT_MS)

    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Home").click()
    page.wait_for_url(f"{app_url}/")
    expect(page.get_by_label("Main loads")).to_have_value("1", timeout=TIMEOUT_MS)


def test_a_pages_query_parameters_reach_its_functions(page: Page, app_url: str) -> None:
    open_app(page, f"{app_url}/reports?option=canada")
    expect(page.get_by_label("Option")).to_have_value("canada", timeout=TIMEOUT_MS)
