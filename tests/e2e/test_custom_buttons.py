"""Buttons given to a component's ``buttons`` are drawn in its corner and run their listeners
(they are not placed where they were made, as in Gradio)."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS


def test_a_button_in_a_textbox_corner_runs_its_listener(page: Page) -> None:
    with gr.Blocks() as demo:
        shout = gr.Button("Shout")
        hidden = gr.Button("Hidden", visible=False)
        text = gr.Textbox("hello", label="Text", buttons=["copy", shout, hidden])
        shout.click(lambda s: s.upper(), text, text)

    with serve(demo) as url:
        config = httpx.get(f"{url}config").json()
        assert shout._id not in {c["id"] for c in config["components"]}
        (box,) = [c for c in config["components"] if c["id"] == text._id]
        copy, embedded, invisible = box["props"]["buttons"]
        assert copy == "copy"
        assert (embedded["id"], embedded["name"], embedded["value"]) == (
            shout._id,
            "button",
            "Shout",
        )
        assert invisible["visible"] is False

        open_app(page, url)
        element = page.get_by_test_id("textbox")
        expect(element.get_by_test_id(f"custom-button-{hidden._id}")).to_have_count(0)
        element.get_by_role("button", name="Shout").click()
        expect(element.get_by_role("textbox")).to_have_value("HELLO", timeout=TIMEOUT_MS)
