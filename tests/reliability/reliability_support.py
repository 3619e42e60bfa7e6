"""Helpers the reliability checks share: free ports and the figures each check records."""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Callable
from typing import Any

import specblocks as gr

#: figures by check name, printed at the end of the run (see conftest.py)
FIGURES: dict[str, dict[str, Any]] = {}

Figures = Callable[..., None]


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def record(name: str, **values: Any) -> None:
    """Record figures of the check ``name``."""
    FIGURES.setdefault(name, {}).update(values)


def corpus_app() -> tuple[gr.Blocks, int, int]:
    """An app with an endpoint ``c<i>`` per input component (the function ignores its input),
    echoes of a text, a number and a file, and a FileExplorer (whose ``ls`` the component
    server calls). Returns the app, the number of ``c<i>`` endpoints and the explorer's id.
    """
    with gr.Blocks() as demo:
        components = [
            gr.Textbox(), gr.Number(), gr.File(), gr.Dropdown(["a", "b"]), gr.Dataframe(),
            gr.Image(), gr.Chatbot(), gr.Slider(), gr.CheckboxGroup(["x"]), gr.Audio(),
            gr.JSON(), gr.MultimodalTextbox(), gr.Gallery(), gr.DateTime(),
            gr.HighlightedText(), gr.ImageEditor(), gr.Video(), gr.Model3D(), gr.Checkbox(),
            gr.Radio(["a"]), gr.ColorPicker(), gr.Code(), gr.Label(), gr.AnnotatedImage(),
            gr.ImageSlider(), gr.Dialogue(), gr.Markdown(), gr.HTML(),
        ]  # fmt: skip
        for index, component in enumerate(components):
            gr.Button().click(lambda _: None, component, None, api_name=f"c{index}")
        text, number, upload = gr.Textbox(), gr.Number(), gr.File(type="filepath")
        for name, component in (
            ("echo_text", text),
            ("echo_number", number),
            ("echo_file", upload),
        ):
            gr.Button().click(lambda value: value, component, component, api_name=name)
        explorer = gr.FileExplorer(root_dir=tempfile.gettempdir())
    return demo, len(components), explorer._id
