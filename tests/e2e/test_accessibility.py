"""Accessibility: axe-core finds no serious or critical violation on any harness page, and the
controls work from the keyboard."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import driver_for, harness_app, open_app, serve
from specblocks_gen.config import Config
from specblocks_gen.pipeline import load_catalog

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def _elements() -> list[tuple[str, tuple[str, ...]]]:
    catalog = load_catalog(Config.load(ROOT).specs)
    return [(c.name, tuple(e.name for e in c.events)) for c in catalog.components]


ELEMENTS = _elements()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; the violations of serious or critical impact."""
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run `npm ci` in frontend/")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def _summary(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]],
            }
            for v in violations
        ],
        indent=2,
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("name", "events"), ELEMENTS, ids=[name for name, _ in ELEMENTS])
def test_harness_page_has_no_serious_axe_violations(
    page: Page, name: str, events: tuple[str, ...], theme: str
) -> None:
    cls = getattr(gr, name, None) or getattr(gr.layouts, name)  # Form lives in gr.layouts only
    app = harness_app(cls, events, driver_for(name))
    with serve(app) as url:
        open_app(page, f"{url.rstrip('/')}/?__theme={theme}")
        dark = page.evaluate("document.documentElement.classList.contains('sb-dark')")
        assert dark == (theme == "dark")
        violations = axe_violations(page)
    assert not violations, f"{name} ({theme} theme): {_summary(violations)}"


@pytest.fixture(scope="module")
def keyboard_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name", elem_id="name")
        out = gr.Textbox(label="Out", elem_id="out")
        gr.Button("Greet", elem_id="greet").click(lambda n: f"Hi {n}", name, out)
        with gr.Tabs():
            with gr.Tab("First"):
                gr.Textbox("one", label="in first")
            with gr.Tab("Second"):
                gr.Textbox("two", label="in second")
        with gr.Accordion("More", open=False):
            gr.Textbox("hidden text", label="in accordion")
    with serve(demo) as url:
        yield url


def test_keyboard_only_use(page: Page, keyboard_url: str) -> None:
    open_app(page, keyboard_url)
    page.get_by_label("Name").focus()
    page.keyboard.type("Ada")
    page.keyboard.press("Tab")  # the Greet button
    expect(page.get_by_role("button", name="Greet")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Out")).to_have_value("Hi Ada")
    page.get_by_role("tab", name="First").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Second")).to_be_focused()
    expect(page.get_by_role("tab", name="Second")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("in second")).to_be_visible()
    more = page.get_by_role("button", name="More")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.focus()
    page.keyboard.press("Space")
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("in accordion")).to_be_visible()


def test_app_page_has_no_serious_axe_violations(page: Page, keyboard_url: str) -> None:
    open_app(page, keyboard_url)
    violations = axe_violations(page)
    assert not violations, _summary(violations)


def test_the_settings_dialog_switches_the_theme_and_keeps_the_choice(
    page: Page, keyboard_url: str
) -> None:
    open_app(page, keyboard_url)
    background = "getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    page.get_by_role("contentinfo").get_by_role("button", name="Settings").click()
    dialog = page.get_by_role("dialog", name="Settings")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Dark").check()
    assert page.evaluate(background) == "rgb(11, 15, 25)"
    violations = axe_violations(page)
    assert not violations, _summary(violations)
    dialog.get_by_role("button", name="Close settings").click()
    expect(dialog).to_be_hidden()
    page.reload()
    page.wait_for_selector("#sb-root[data-ready=true]")
    assert page.evaluate(background) == "rgb(11, 15, 25)"  # kept in the browser
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("dialog", name="Settings").get_by_label("Light").check()
    assert page.evaluate(background) == "rgb(255, 255, 255)"
