"""gr.ChatInterface in the browser: the reply streams in, and stop, retry, undo, edit, like,
examples, saved conversations and multimodal messages work as Gradio's chat page does."""

from __future__ import annotations

import csv
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d7"
    "63f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


class Calls:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def next(self) -> int:
        with self.lock:
            self.count += 1
            return self.count


#: where each streaming app writes its flags, by URL
_FLAGS: dict[str, Path] = {}


@pytest.fixture(scope="module")
def calls() -> Calls:
    return Calls()


def box(page: Page) -> Any:
    return page.locator("textarea").last


def log(page: Page) -> Any:
    return page.get_by_role("log", name="chatbot conversation")


def send(page: Page, text: str) -> None:
    box(page).fill(text)
    box(page).press("Enter")


def finished(page: Page) -> None:
    """The whole reply is shown and its run is over (the box takes a message again)."""
    expect(log(page)).to_contain_text("word word word word word word word word")
    expect(box(page)).to_be_editable(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def streaming_url(calls: Calls, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    flags = tmp_path_factory.mktemp("flags")

    def reply(message: str, history: list[Any]) -> Iterator[str]:
        number = calls.next()
        text = f"Reply {number} to {message}: " + "word " * (80 if message == "long" else 8)
        shown = ""
        for word in text.split(" "):
            time.sleep(0.05)
            shown += word + " "
            yield shown.strip()

    chat = gr.ChatInterface(
        reply,
        examples=["Tell me a story"],
        editable=True,
        flagging_mode="manual",
        flagging_dir=str(flags),
    )
    with serve(chat) as url:
        _FLAGS[url] = flags
        yield url


def test_the_message_shows_at_once_and_the_reply_grows(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    send(page, "long")  # 80 words, 4 s: read many times while it grows, even under load
    expect(log(page)).to_contain_text("long")
    lengths: list[int] = []
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        text = log(page).inner_text()
        lengths.append(len(text))
        if text.count("word") >= 40:
            break
        time.sleep(0.05)
    grew = sorted(set(lengths))
    assert len(grew) >= 4, f"the reply did not grow step by step: {grew}"
    assert lengths == sorted(lengths), "the shown reply shrank while streaming"
    expect(box(page)).to_be_editable(timeout=TIMEOUT_MS)


def test_stop_cancels_the_reply(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    send(page, "long")
    expect(log(page)).to_contain_text("to long: word", timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Stop").click()
    time.sleep(1.5)  # the cancel reaches the server; the reply would need 4 s to finish
    stopped = log(page).inner_text()
    time.sleep(1.0)
    assert log(page).inner_text() == stopped, "the reply went on after Stop"
    assert stopped.count("word") < 80


def test_retry_runs_the_last_message_again(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    send(page, "again")
    finished(page)
    first = log(page).inner_text()
    page.get_by_role("button", name="Retry").click()
    expect(log(page)).not_to_have_text(first, timeout=TIMEOUT_MS)
    finished(page)
    text = log(page).inner_text()
    assert text.count("again") == 2  # the message once, and once in the new reply
    assert text.count("Reply ") == 1


def test_undo_takes_back_the_exchange_into_the_box(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    send(page, "take it back")
    finished(page)
    page.get_by_role("button", name="Undo").click()
    expect(box(page)).to_have_value("take it back")
    expect(log(page)).not_to_contain_text("Reply")


def test_editing_a_message_continues_from_it(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    send(page, "first draft")
    finished(page)
    page.get_by_role("button", name="Edit").first.click()
    editor = page.get_by_role("textbox", name="Edit message")
    editor.fill("second draft")
    page.get_by_role("button", name="Submit").first.click()
    expect(log(page)).to_contain_text("to second draft: word")
    expect(log(page)).not_to_contain_text("first draft")


def test_like_flags_the_message(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    send(page, "rate me")
    finished(page)
    page.get_by_role("button", name="Like", exact=True).last.click()
    flags = _FLAGS[streaming_url]
    deadline = time.monotonic() + 10
    while not (flags / "dataset1.csv").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    with (flags / "dataset1.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["conversation", "index", "flag", "timestamp"]
    assert "rate me" in rows[-1][0]
    assert rows[-1][2] == "True"


def test_an_example_runs_when_clicked(page: Page, streaming_url: str) -> None:
    open_app(page, streaming_url)
    # the chatbot shows the example (the examples table is there too, hidden, as in Gradio)
    page.get_by_role("listitem").get_by_text("Tell me a story").click()
    expect(log(page)).to_contain_text("to Tell me a story: word", timeout=TIMEOUT_MS)


def test_saved_conversations_survive_a_reload(page: Page) -> None:
    chat = gr.ChatInterface(lambda m, h: f"Echo: {m}", save_history=True)
    with serve(chat) as url:
        open_app(page, url)
        send(page, "remember this")
        expect(log(page)).to_contain_text("Echo: remember this")
        # saved once it is listed (the list is made from what the browser stored)
        # (the message itself, and its entry in the list; the reply only contains the text)
        expect(page.get_by_text("remember this", exact=True)).to_have_count(2, timeout=TIMEOUT_MS)
        page.reload()
        open_app(page, url)
        entry = page.get_by_text("remember this", exact=True)  # its entry in the list
        expect(entry).to_be_visible(timeout=TIMEOUT_MS)
        expect(log(page)).not_to_contain_text("Echo")
        entry.click()
        expect(log(page)).to_contain_text("Echo: remember this")
        page.get_by_role("button", name="New chat").click()
        expect(log(page)).not_to_contain_text("Echo")


def test_a_multimodal_message_shows_its_image(page: Page, tmp_path: Path) -> None:
    image = tmp_path / "dot.png"
    image.write_bytes(PNG)

    def describe(message: dict[str, Any], history: list[Any]) -> str:
        return f"{message['text']} with {len(message['files'])} file(s)"

    with serve(gr.ChatInterface(describe, multimodal=True)) as url:
        open_app(page, url)
        page.locator("input[type=file]").set_input_files(str(image))
        expect(page.get_by_role("list", name="Attached files")).to_contain_text("dot.png")
        send(page, "look")
        expect(log(page)).to_contain_text("look with 1 file(s)", timeout=TIMEOUT_MS)
        expect(log(page).locator("img")).to_have_count(1)
