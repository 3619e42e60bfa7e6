"""The app the typed-client tests generate clients for, in two versions.

``v1`` has text, number, checkbox, dropdown, checkbox-group, file, label (an object payload),
``gr.State`` and streaming endpoints. ``v2`` is the same app after an update that breaks
clients: ``/greet``'s parameter renamed, ``/multi``'s ``n`` turned from a number into text,
``/stream`` removed and ``/ping`` added.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import specblocks as gr


def greet(name: str) -> str:
    """Say hello."""
    return f"Hello {name}!"


def greet_v2(who: str) -> str:
    """Say hello."""
    return f"Hello {who}!"


def multi(text: str, n: float, flag: bool, choice: str) -> tuple[str, float]:
    """Combine the inputs; double the number."""
    return f"{text}|{float(n):g}|{flag}|{choice}", float(n) * 2


def multi_v2(text: str, n: str, flag: bool, choice: str) -> tuple[str, float]:
    """Combine the inputs; ``n`` is text now."""
    return f"{text}|{n}|{flag}|{choice}", float(len(n))


def tags(picked: list[str]) -> str:
    """Join the checked tags."""
    return ",".join(picked)


def counter(x: str, count: int) -> tuple[str, int]:
    """Count this session's calls (the count lives in ``gr.State``)."""
    count += 1
    return f"{x} call#{count}", count


def files(f: str) -> tuple[str, float]:
    """Return the uploaded file and its size."""
    return f, float(Path(f).stat().st_size)


def classify(text: str) -> dict[str, float]:
    """Confidences that the text is short or long."""
    short = 1.0 if len(text) < 10 else 0.25
    return {"short": short, "long": 1.0 - short}


def stream(text: str) -> Iterator[str]:
    """Stream the words of the text."""
    shown = ""
    for word in text.split():
        shown += word + " "
        time.sleep(0.01)
        yield shown


def ping() -> str:
    """Answer."""
    return "pong"


def build(version: int = 1) -> gr.Blocks:
    """The app; ``version`` 2 is the API-breaking update."""
    with gr.Blocks(title="typed client sample") as demo:
        name = gr.Textbox(label="Name")
        greeting = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(
            greet if version == 1 else greet_v2, name, greeting, api_name="greet"
        )

        text = gr.Textbox(value="abc", label="Text")
        n = gr.Number(value=3, label="Count") if version == 1 else gr.Textbox("3", label="Count")
        flag = gr.Checkbox(value=True, label="Flag")
        choice = gr.Dropdown(choices=["a", "b", "c"], value="b", label="Choice")
        combined = gr.Textbox(label="Combined")
        double = gr.Number(label="Double")
        gr.Button("Multi").click(
            multi if version == 1 else multi_v2,
            [text, n, flag, choice],
            [combined, double],
            api_name="multi",
        )

        picked = gr.CheckboxGroup(["x", "y", "z"], value=["x"], label="Tags")
        joined = gr.Textbox(label="Joined")
        gr.Button("Tags").click(tags, picked, joined, api_name="tags")

        x = gr.Textbox(label="X")
        count = gr.State(0)
        counted = gr.Textbox(label="Counter out")
        gr.Button("Count").click(counter, [x, count], [counted, count], api_name="counter")

        upload = gr.File(label="File in", type="filepath")
        download = gr.File(label="File out")
        size = gr.Number(label="Size")
        gr.Button("Files").click(files, upload, [download, size], api_name="files")

        sentence = gr.Textbox(label="Sentence")
        label = gr.Label(label="Length")
        gr.Button("Classify").click(classify, sentence, label, api_name="classify")

        if version == 1:
            streamed = gr.Textbox(label="Streamed")
            gr.Button("Stream").click(stream, text, streamed, api_name="stream")
        else:
            pong = gr.Textbox(label="Pong")
            gr.Button("Ping").click(ping, None, pong, api_name="ping")
    return demo


def v1() -> gr.Blocks:
    """The app as the clients were first generated from."""
    return build(1)


def v2() -> gr.Blocks:
    """The app after an API-breaking update."""
    return build(2)
