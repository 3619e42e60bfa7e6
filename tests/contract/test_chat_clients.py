"""A ChatInterface's endpoint through both official clients: replies, the conversation kept
per session, and streamed replies arriving as they grow."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from contract_support import JsRunner
from gradio_client import Client

import specblocks as gr
from specblocks.testing import serve


def chat(message: str, history: list[dict[str, Any]]) -> str:
    if message == "history":
        return " | ".join(f"{m['role']}: {m['content']}" for m in history)
    return f"You said {message}"


def stream_chat(message: str, history: list[dict[str, Any]]) -> Iterator[str]:
    for end in range(1, len(message) + 1):
        time.sleep(0.02)
        yield message[:end].upper()


@pytest.fixture(scope="module")
def chat_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        gr.ChatInterface(chat, api_name="chat")
        gr.ChatInterface(stream_chat, api_name="stream_chat")
    with serve(demo) as url:
        yield url.rstrip("/")


def test_python_client_chats_and_streams(chat_url: str) -> None:
    client = Client(chat_url, verbose=False)
    assert client.predict("hello", api_name="/chat") == "You said hello"
    assert client.predict("history", api_name="/chat") == "user: hello | assistant: You said hello"
    job = client.submit("abc", api_name="/stream_chat")
    assert job.result(timeout=30) == "ABC"
    assert job.outputs() == ["A", "AB", "ABC"]


def test_js_client_chats_and_streams(chat_url: str, run_js: JsRunner) -> None:
    seen = run_js(chat_url, "chat")
    assert seen["first"] == ["You said hello"]
    assert seen["remembered"] == ["user: hello | assistant: You said hello"]
    # one data event per yield, then the final value again on completion
    assert seen["streamed"] == ["A", "AB", "ABC", "ABC"]
