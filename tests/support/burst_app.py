"""A fast app for delivery tests: an echo endpoint without limits, and outputs no client can read.

Run it as ``python tests/support/burst_app.py --port N``; it serves on 127.0.0.1 until it is
terminated.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator

import specblocks as gr


def echo(text: str) -> str:
    return text


def unsendable(text: str) -> object:
    """An HTML output passes values through: this one is no JSON."""
    time.sleep(0.2)
    return object()


def unsendable_later(text: str) -> Iterator[object]:
    yield f"<p>{text}</p>"
    time.sleep(0.1)
    yield {"not": object()}
    yield "never sent"


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        html = gr.HTML(label="Rendered")
        button = gr.Button()
        button.click(echo, text, out, api_name="echo", concurrency_limit=None)
        button.click(unsendable, text, html, api_name="unsendable")
        button.click(unsendable_later, text, html, api_name="unsendable_later")
    return demo


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    build().launch(server_name="127.0.0.1", server_port=port, quiet=True)
