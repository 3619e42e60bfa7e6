"""A small app showing the main pieces: listeners, streaming, state, files and errors.

Run it with ``nox -s demo`` (or ``python examples/showcase.py``) and open the printed URL, or
call it from Python::

    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("World", api_name="/greet")
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import specblocks as gr


def greet(name: str) -> str:
    """Say hello."""
    if not name.strip():
        raise gr.Error("Please enter a name.")
    return f"Hello {name}!"


def count_words(text: str) -> Iterator[str]:
    """Stream the text back one word at a time."""
    shown = ""
    for word in text.split():
        shown += word + " "
        time.sleep(0.05)
        yield shown


def tally(item: str, seen: list[str]) -> tuple[str, list[str]]:
    """Remember every item this session has sent."""
    seen = [*seen, item]
    return ", ".join(seen), seen


def shout(path: str | None) -> str | None:
    """Upper-case the contents of a text file."""
    if path is None:
        return None
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read().upper()


with gr.Blocks(title="specblocks showcase") as demo:
    gr.Markdown("# specblocks showcase")
    with gr.Row():
        name = gr.Textbox(label="Name")
        greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet", variant="primary").click(greet, name, greeting, api_name="greet")

    text = gr.Textbox("streams one word at a time", label="Text")
    words = gr.Textbox(label="Streamed")
    gr.Button("Stream").click(count_words, text, words, api_name="stream")

    seen = gr.State([])
    item = gr.Textbox(label="Item")
    history = gr.Textbox(label="Seen this session")
    gr.Button("Remember").click(tally, [item, seen], [history, seen], api_name="remember")

    upload = gr.File(label="A text file", type="filepath")
    shouted = gr.Textbox(label="Shouted")
    upload.upload(shout, upload, shouted, api_name="shout")

if __name__ == "__main__":
    demo.queue().launch(server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
