"""Thoughts and tool steps: messages with metadata show as collapsible steps before the answer."""

import time
from collections.abc import Iterator

import specblocks as gr


def think(message: str, history: list[dict]) -> Iterator[list[gr.ChatMessage]]:
    """Show a thought growing step by step, then mark it done and answer."""
    started = time.monotonic()
    thought = gr.ChatMessage("", metadata={"title": "Thinking", "id": 0, "status": "pending"})
    for step in ("Reading the question.", "Looking for an answer."):
        time.sleep(0.05)
        thought.content += step + "\n"
        yield [thought]
    thought.metadata = {
        **thought.metadata,
        "status": "done",
        "duration": time.monotonic() - started,
    }
    yield [thought, gr.ChatMessage(f"My answer to {message!r}.")]


demo = gr.ChatInterface(think, api_name="chat", save_history=True)

if __name__ == "__main__":
    demo.launch()
