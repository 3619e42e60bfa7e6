"""The app the client examples call: a plain endpoint and a streaming one."""

import time
from collections.abc import Iterator

import specblocks as gr


def greet(name: str, punctuation: str = "!") -> str:
    """Say hello."""
    return f"Hello {name}{punctuation}"


def divide(a: float, b: float) -> float:
    """Divide; a `gr.Error` is shown to the user (and raised in API clients)."""
    if b == 0:
        raise gr.Error("Cannot divide by zero.")
    return a / b


def spell(word: str) -> Iterator[str]:
    """Stream the word one letter at a time."""
    for i in range(1, len(word) + 1):
        time.sleep(0.02)
        yield word[:i]


with gr.Blocks(title="Greeter") as demo:
    name = gr.Textbox(label="Name")
    punctuation = gr.Textbox(label="Punctuation", value="!")
    greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(greet, [name, punctuation], greeting, api_name="greet")

    a, b, quotient = gr.Number(label="a"), gr.Number(label="b"), gr.Number(label="a / b")
    gr.Button("Divide").click(divide, [a, b], quotient, api_name="divide")

    word = gr.Textbox(label="Word")
    letters = gr.Textbox(label="Letters")
    gr.Button("Spell").click(spell, word, letters, api_name="spell")

if __name__ == "__main__":
    demo.launch(server_port=7860)
