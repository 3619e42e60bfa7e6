"""A chat app: the reply streams in word by word, with a system prompt as an extra input."""

import time
from collections.abc import Iterator

import specblocks as gr


def answer(message: str, history: list[dict], system_prompt: str) -> Iterator[str]:
    """Stream a reply; `history` holds the earlier messages, as role/content dicts."""
    reply = f"({system_prompt}) You said {message!r}; we have exchanged {len(history)} messages."
    shown = ""
    for word in reply.split(" "):
        time.sleep(0.02)
        shown += word + " "
        yield shown.strip()


demo = gr.ChatInterface(
    answer,
    additional_inputs=[gr.Textbox("Be brief.", label="System prompt")],
    examples=[["Hello!", "Be brief."], ["What can you do?", "Be detailed."]],
    title="Echo bot",
    api_name="chat",
)

if __name__ == "__main__":
    demo.launch()
