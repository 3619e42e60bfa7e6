"""A browser test of an app, with specblocks' pytest plugin (``page``) and ``serve``."""

from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve

with gr.Blocks() as demo:
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(lambda n: f"Hello {n}!", name, greeting)


def test_greets(page: Page) -> None:
    """Typing a name and clicking Greet shows the greeting."""
    with serve(demo) as url:  # the app on a free port of 127.0.0.1
        open_app(page, url)  # load the page and wait until it is drawn
        page.get_by_label("Name").fill("Ada")
        page.get_by_role("button", name="Greet").click()
        expect(page.get_by_label("Greeting")).to_have_value("Hello Ada!")
