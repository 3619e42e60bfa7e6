"""A chatbot: messages stream in word by word; likes, retry and undo work on the history.

Run it with ``python examples/chatbot.py`` and open the printed URL.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import specblocks as gr

Message = dict[str, Any]


def reply_to(text: str) -> str:
    """A canned assistant: echoes the question back with a little help."""
    return f"You asked: **{text}**. Here is a short answer, streamed one word at a time."


def text_of(content: Any) -> str:
    """The text of a message's content (a string, or a list of parts such as text and files)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content)


def send(text: str, history: list[Message]) -> tuple[str, list[Message]]:
    """Add the user's message to the history and clear the input."""
    return "", [*history, {"role": "user", "content": text}]


def respond(history: list[Message]) -> Iterator[list[Message]]:
    """Stream the assistant's reply to the last user message."""
    question = text_of(history[-1]["content"]) if history else ""
    words = reply_to(question).split()
    shown: list[str] = []
    for word in words:
        shown.append(word)
        time.sleep(0.03)
        yield [*history, {"role": "assistant", "content": " ".join(shown)}]


def retry(history: list[Message], retry_data: gr.RetryData) -> Iterator[list[Message]]:
    """Answer the retried message again."""
    yield from respond(history[: retry_data.index + 1])


def undo(history: list[Message], undo_data: gr.UndoData) -> tuple[list[Message], str]:
    """Drop the last exchange and put the user's text back into the input."""
    return history[: undo_data.index], text_of(undo_data.value)


def feedback(data: gr.LikeData) -> str:
    """Note a like or dislike."""
    verdict = "liked" if data.liked else "disliked"
    return f"You {verdict} message {data.index}."


with gr.Blocks(title="Chatbot") as demo:
    gr.Markdown("# Chat")
    chat = gr.Chatbot(label="Assistant", height=420, elem_id="chat")
    text = gr.Textbox(label="Message", placeholder="Ask something and press Enter", submit_btn=True)
    status = gr.Markdown(elem_id="feedback")
    text.submit(send, [text, chat], [text, chat], api_name="send").then(respond, chat, chat)
    chat.retry(retry, chat, chat)
    chat.undo(undo, chat, [chat, text])
    chat.like(feedback, None, status)

if __name__ == "__main__":
    demo.launch(server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
