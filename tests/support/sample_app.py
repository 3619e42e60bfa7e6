"""The app tests/clients and tests/contract drive: the same code runs on specblocks and Gradio.

``SAMPLE_APP_FRAMEWORK`` names the module imported as ``gr`` (``specblocks`` by default, or
``gradio``). Run it as ``python tests/support/sample_app.py --port N [--auth]``; it serves on
127.0.0.1 until it is terminated. It must import nothing from the tests (it also runs in an
environment that has only Gradio).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

gr: Any = importlib.import_module(os.environ.get("SAMPLE_APP_FRAMEWORK", "specblocks"))

USERNAME, PASSWORD = "u", "p"
QUEUE_MAX_SIZE = 2


class _SlowStats:
    """What ``slow`` observed: calls made, and how many ran at once at most."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.calls = 0


_stats = _SlowStats()


def greet(name: str) -> str:
    return f"Hello {name}!"


def multi(text: str, n: float, flag: bool, choice: str) -> tuple[str, float]:
    return f"{text}|{n:g}|{flag}|{choice}", n * 2


def stream(n: float, delay: float) -> Any:
    text = ""
    for i in range(int(n)):
        time.sleep(delay)
        text += f"tok{i} "
        yield text


def json_stream(n: float) -> Any:
    items: list[str] = []
    for i in range(int(n)):
        items.append(f"i{i}")
        time.sleep(0.02)
        yield {"items": list(items), "count": len(items), "last": {"name": f"i{i}"}}


def broken_stream(x: str) -> Any:
    yield x
    time.sleep(0.05)
    yield x * 2
    raise gr.Error("boom mid-stream")


def counter(x: str, count: int) -> tuple[str, int]:
    count += 1
    return f"{x} call#{count}", count


def files(f: str, img: str) -> tuple[str, str]:
    return f, img


def make_file(text: str) -> str:
    folder = Path(tempfile.mkdtemp(prefix="sample-app-"))
    path = folder / "made by the app.txt"
    path.write_text(text * 3)
    return str(path)


def fail(x: str) -> str:
    raise gr.Error("This is a gr.Error message", title="Oops")


def crash(x: str) -> str:
    raise RuntimeError("secret internal error")


def progress(x: str, progress: Any = gr.Progress()) -> str:  # noqa: B008 - Gradio's idiom
    progress(0.0, desc="start")
    time.sleep(0.3)
    progress(0.5, desc="halfway")
    time.sleep(0.3)
    return f"done {x}"


def warn(x: str) -> str:
    gr.Warning(f"careful with {x}")
    time.sleep(0.2)
    return f"warned {x}"


def slow(x: str, seconds: float) -> str:
    """Sleeps; counts how many calls run at once (``concurrency_limit=1`` must keep it 1)."""
    with _stats.lock:
        _stats.in_flight += 1
        _stats.calls += 1
        _stats.max_in_flight = max(_stats.max_in_flight, _stats.in_flight)
    try:
        time.sleep(seconds)
    finally:
        with _stats.lock:
            _stats.in_flight -= 1
    return f"slept {x}"


def stats(reset: bool) -> str:
    """JSON of what ``slow`` observed; with ``reset`` the counters start again."""
    with _stats.lock:
        seen = {
            "max_in_flight": _stats.max_in_flight,
            "in_flight": _stats.in_flight,
            "calls": _stats.calls,
        }
        if reset:
            _stats.max_in_flight = _stats.in_flight
            _stats.calls = 0
    return json.dumps(seen)


def build() -> Any:
    with gr.Blocks(title="Sample app") as demo:
        name = gr.Textbox(label="Name")
        greeting = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(greet, name, greeting, api_name="greet")

        text = gr.Textbox(value="abc", label="Text")
        n = gr.Number(value=3, label="Count")
        flag = gr.Checkbox(value=True, label="Flag")
        choice = gr.Dropdown(choices=["a", "b", "c"], value="b", label="Choice")
        combined = gr.Textbox(label="Combined")
        double = gr.Number(label="Double")
        gr.Button("Multi").click(
            multi, [text, n, flag, choice], [combined, double], api_name="multi"
        )

        steps = gr.Number(value=3, label="Steps")
        delay = gr.Number(value=0.05, label="Delay")
        tokens = gr.Textbox(label="Tokens")
        gr.Button("Stream").click(
            stream, [steps, delay], tokens, api_name="stream", concurrency_limit=None
        )
        data = gr.JSON(label="Data")
        gr.Button("JSON stream").click(json_stream, steps, data, api_name="json_stream")

        state = gr.State(0)
        word = gr.Textbox(label="Word")
        count_out = gr.Textbox(label="Counter out")
        gr.Button("Count").click(counter, [word, state], [count_out, state], api_name="counter")

        file_in = gr.File(label="File in")
        image_in = gr.Image(type="filepath", label="Image in")
        file_out = gr.File(label="File out")
        image_out = gr.Image(type="filepath", label="Image out")
        gr.Button("Files").click(
            files, [file_in, image_in], [file_out, image_out], api_name="files"
        )
        seed = gr.Textbox(label="Seed")
        made = gr.File(label="Made")
        gr.Button("Make file").click(make_file, seed, made, api_name="make_file")

        err_in = gr.Textbox(label="Error in")
        err_out = gr.Textbox(label="Error out")
        gr.Button("Fail").click(fail, err_in, err_out, api_name="fail")
        gr.Button("Crash").click(crash, err_in, err_out, api_name="crash")
        gr.Button("Broken").click(broken_stream, err_in, err_out, api_name="broken_stream")

        prog_in = gr.Textbox(label="Progress in")
        prog_out = gr.Textbox(label="Progress out")
        gr.Button("Progress").click(progress, prog_in, prog_out, api_name="progress")
        gr.Button("Warn").click(warn, prog_in, prog_out, api_name="warn")

        slow_in = gr.Textbox(label="Slow in")
        seconds = gr.Number(value=1.0, label="Seconds")
        slow_out = gr.Textbox(label="Slow out")
        gr.Button("Slow").click(
            slow, [slow_in, seconds], slow_out, api_name="slow", concurrency_limit=1
        )

        reset = gr.Checkbox(value=False, label="Reset")
        stats_out = gr.Textbox(label="Stats")
        gr.Button("Stats").click(stats, reset, stats_out, api_name="stats")
    demo.queue(max_size=QUEUE_MAX_SIZE)
    return demo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--auth", action="store_true", help=f"require {USERNAME}/{PASSWORD}")
    args = parser.parse_args()
    build().launch(
        server_name="127.0.0.1",
        server_port=args.port,
        auth=(USERNAME, PASSWORD) if args.auth else None,
        quiet=True,
    )


if __name__ == "__main__":
    main()
