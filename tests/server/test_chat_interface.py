"""gr.ChatInterface through its API endpoint, with the official Python client: the endpoint's
name and shape as Gradio's, replies of every kind, streaming, the conversation kept per
session, additional inputs and outputs, validation, multimodal messages; TabbedInterface."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

import specblocks as gr
from specblocks.testing import serve


def replies(message: str, history: list[dict[str, Any]]) -> Any:
    if message == "message":
        return gr.ChatMessage(content="hello", options=[{"value": "Yes"}])
    if message == "several":
        return ["a", gr.ChatMessage("b", metadata={"title": "Thought"})]
    if message == "history":
        return repr(history)
    if message == "dict":
        return {"role": "assistant", "content": "d"}
    return f"plain {message}"


def typed(message: str, history: list[Any], prompt: str, tokens: float) -> Iterator[str]:
    reply = f"{prompt}: {message}"
    for end in range(1, min(len(reply), int(tokens)) + 1):
        time.sleep(0.01)
        yield reply[:end]


async def async_reply(message: str, history: list[Any]) -> str:
    await asyncio.sleep(0.01)
    return f"async {message} after {len(history)}"


async def async_stream(message: str, history: list[Any]) -> AsyncIterator[gr.ChatMessage]:
    thought = gr.ChatMessage("", metadata={"title": "Thinking", "id": 0, "status": "pending"})
    for word in message.split():
        thought.content += word + " "
        yield thought
    thought.metadata = {**(thought.metadata or {}), "status": "done"}
    yield thought


def with_outputs(message: str, history: list[Any]) -> tuple[str, int]:
    return f"echo {message}", len(message)


def files(message: dict[str, Any], history: list[Any]) -> str:
    return f"{message['text']} with {len(message['files'])} file(s)"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    count = gr.Number(label="Length", render=False)
    with gr.Blocks() as demo:
        gr.ChatInterface(replies, api_name="chat")
        gr.ChatInterface(
            typed,
            additional_inputs=[gr.Textbox("Bot", label="Prompt"), gr.Slider(1, 100, value=50)],
        )
        gr.ChatInterface(async_reply, api_name="async_chat")
        gr.ChatInterface(async_stream, api_name="thinking")
        count.render()
        gr.ChatInterface(with_outputs, additional_outputs=[count], api_name="outputs")
        gr.ChatInterface(
            lambda m, h: m,
            api_name="checked",
            validator=lambda m: gr.validate(m != "bad", "Say something else"),
        )
        gr.ChatInterface(files, multimodal=True, api_name="files")
    with serve(demo) as address:
        yield address


def test_the_endpoint_is_named_and_shaped_as_gradios(url: str) -> None:
    info = httpx.get(f"{url}gradio_api/info").json()["named_endpoints"]
    assert {"/chat", "/typed", "/async_chat", "/thinking", "/outputs", "/checked", "/files"} == set(
        info
    )
    chat = info["/chat"]
    assert [p["parameter_name"] for p in chat["parameters"]] == ["message"]
    assert chat["parameters"][0]["component"] == "Textbox"
    assert [(r["label"], r["component"]) for r in chat["returns"]] == [("Response", "Json")]
    typed_ = info["/typed"]
    assert [p["parameter_name"] for p in typed_["parameters"]] == ["message", "prompt", "tokens"]
    assert [p["parameter_default"] for p in typed_["parameters"][1:]] == ["Bot", 50]
    assert [r["label"] for r in info["/outputs"]["returns"]] == ["Response", "Length"]


def test_replies_of_every_kind_reach_the_client_as_gradio_sends_them(url: str) -> None:
    client = Client(url, verbose=False)
    assert client.predict("x", api_name="/chat") == "plain x"
    assert client.predict("message", api_name="/chat") == {
        "content": "hello",
        "role": "assistant",
        "metadata": {},
        "options": [{"value": "Yes"}],
    }
    assert client.predict("several", api_name="/chat") == [
        "a",
        {"content": "b", "role": "assistant", "metadata": {"title": "Thought"}, "options": []},
    ]
    assert client.predict("dict", api_name="/chat") == {"role": "assistant", "content": "d"}


def test_the_conversation_is_kept_per_session(url: str) -> None:
    client, other = Client(url, verbose=False), Client(url, verbose=False)
    client.predict("one", api_name="/chat")
    other.predict("elsewhere", api_name="/chat")
    history = eval(client.predict("history", api_name="/chat"))
    assert history == [
        {"role": "user", "content": "one"},
        {"role": "assistant", "content": "plain one"},
    ]
    assert client.predict("q", api_name="/async_chat") == "async q after 0"


def test_generators_stream_the_growing_reply(url: str) -> None:
    job = Client(url, verbose=False).submit("hi", "Bot", 6, api_name="/typed")
    assert job.result(timeout=30) == "Bot: h"
    assert job.outputs() == ["B", "Bo", "Bot", "Bot:", "Bot: ", "Bot: h"]


def test_async_generators_stream_thoughts_with_their_metadata(url: str) -> None:
    job = Client(url, verbose=False).submit("think it through", api_name="/thinking")
    final = job.result(timeout=30)
    assert final["content"] == "think it through "
    assert final["metadata"] == {"title": "Thinking", "id": 0, "status": "done"}
    assert [o["metadata"]["status"] for o in job.outputs()][:-1] == ["pending"] * 3


def test_additional_outputs_follow_the_reply(url: str) -> None:
    assert Client(url, verbose=False).predict("four", api_name="/outputs") == ("echo four", 4)


def test_the_validator_refuses_before_the_function_runs(url: str) -> None:
    client = Client(url, verbose=False)
    with pytest.raises(Exception, match="Say something else"):
        client.predict("bad", api_name="/checked")
    assert client.predict("good", api_name="/checked") == "good"


def test_multimodal_messages_carry_text_and_files(url: str, tmp_path: Any) -> None:
    from gradio_client import handle_file

    note = tmp_path / "note.txt"
    note.write_text("hi")
    message = {"text": "look", "files": [handle_file(str(note))]}
    assert Client(url, verbose=False).predict(message, api_name="/files") == "look with 1 file(s)"


def test_a_failing_function_is_an_error_not_a_lost_call(url: str) -> None:
    def broken(message: str, history: list[Any]) -> str:
        raise gr.Error("No model loaded")

    with (
        serve(gr.ChatInterface(broken, api_name="chat")) as address,
        pytest.raises(AppError, match="No model loaded"),
    ):
        Client(address, verbose=False).predict("x", api_name="/chat")


def test_tabbed_interface_places_each_app_in_a_tab_with_unique_endpoint_names() -> None:
    hello = gr.Interface(lambda name: "Hello " + name, "text", "text", api_name="predict")
    bye = gr.Interface(lambda name: "Bye " + name, "text", "text", api_name="predict")
    chat = gr.ChatInterface(lambda *args: "Hi " + args[0], api_name="chat")
    demo = gr.TabbedInterface([hello, bye, chat], ["Hello", "Bye", "Chat"], title="Apps")
    with serve(demo) as address:
        config = httpx.get(f"{address}config").json()
        tabs = [c["props"]["label"] for c in config["components"] if c["type"] == "tabitem"]
        assert tabs == ["Hello", "Bye", "Chat"]
        client = Client(address, verbose=False)
        assert client.predict("a", api_name="/predict") == "Hello a"
        assert client.predict("b", api_name="/predict_1") == "Bye b"
        assert client.predict("c", api_name="/chat") == "Hi c"
    with pytest.raises(ValueError, match="2 tab name"):
        gr.TabbedInterface([hello], ["One", "Two"])
    with pytest.raises(TypeError, match="not an Interface"):
        gr.TabbedInterface([gr.Textbox()])  # type: ignore[list-item]


def test_a_chat_interface_inside_blocks_is_part_of_its_page() -> None:
    with gr.Blocks() as demo:
        choice = gr.Radio(["Greeting", "Blank"])
        chat = gr.ChatInterface(lambda m, h: "ok", api_name="chat")
        choice.change(
            lambda c: [{"role": "user", "content": "Hi"}] if c == "Greeting" else [],
            choice,
            chat.chatbot_value,
        )
    assert chat.chatbot._id in demo.blocks
    assert chat.chatbot_value._id in demo.blocks
    with serve(demo) as address:
        assert Client(address, verbose=False).predict("x", api_name="/chat") == "ok"
