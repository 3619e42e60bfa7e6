"""The benchmark app, written once for both frameworks (``gr`` is specblocks or gradio).

One Blocks app with the four workloads as named endpoints: ``/echo``, ``/stream``, ``/state``
and ``/sleep``. Every listener has ``concurrency_limit=None`` so that both frameworks run
requests in parallel (threads still come from each framework's default pool of 40).
"""

from __future__ import annotations

import importlib
from typing import Any

from bench import workloads

FRAMEWORKS = ("specblocks", "gradio")


def build(framework: str) -> Any:
    """The app built with ``framework``'s API (``import <framework> as gr``)."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"unknown framework {framework!r}; expected one of {FRAMEWORKS}")
    gr: Any = importlib.import_module(framework)
    with gr.Blocks(title="bench") as demo:
        text_in = gr.Textbox(label="Input")
        text_out = gr.Textbox(label="Output")
        state = gr.State(0)
        button = gr.Button("Run")
        unlimited = {"concurrency_limit": None}
        button.click(workloads.echo, text_in, text_out, api_name="echo", **unlimited)
        button.click(workloads.stream, text_in, text_out, api_name="stream", **unlimited)
        button.click(workloads.counter, state, [text_out, state], api_name="state", **unlimited)
        button.click(workloads.sleep, text_in, text_out, api_name="sleep", **unlimited)
    demo.queue(default_concurrency_limit=None)
    return demo
