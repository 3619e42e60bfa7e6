"""The app the scale-out suite serves on three replicas (``specblocks serve``, one Redis)."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator

import specblocks as gr


def echo(text: str) -> str:
    return text


def work(text: str) -> str:
    """A short job that says which replica ran it."""
    time.sleep(0.05)
    return f"{text} {os.getpid()}"


def tokens(text: str) -> Iterator[str]:
    for index in range(5):
        time.sleep(0.05)
        yield text * (index + 1)


def steps(text: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 - Gradio's API
    for _ in progress.tqdm(range(3), desc="steps"):
        time.sleep(0.05)
    return text.upper()


def count(total: int) -> tuple[int, int]:
    total = (total or 0) + 1
    return total, total


def limited(label: str) -> str:
    """Two at most at once, across every replica: reports when it ran, and where."""
    started = time.time()
    time.sleep(0.2)
    return f"{label} {os.getpid()} {started} {time.time()}"


async def long(text: str) -> str:
    await asyncio.sleep(60)
    return text


with gr.Blocks() as demo:
    text = gr.Textbox()
    out = gr.Textbox()
    number = gr.Number()
    total = gr.State(0)
    gr.Button().click(echo, text, out, api_name="echo", concurrency_limit=None)
    gr.Button().click(work, text, out, api_name="work", concurrency_limit=None)
    gr.Button().click(tokens, text, out, api_name="tokens")
    gr.Button().click(steps, text, out, api_name="steps")
    gr.Button().click(count, total, [number, total], api_name="count")
    gr.Button().click(limited, text, out, api_name="limited", concurrency_limit=2)
    gr.Button().click(long, text, out, api_name="long", concurrency_limit=None)
