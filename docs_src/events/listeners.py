"""Listeners: run a function when an event fires, chain follow-up steps, use a decorator."""

import specblocks as gr


def shout(text: str) -> str:
    """Upper-case the text."""
    return text.upper()


def count(text: str) -> int:
    """Count the words."""
    return len(text.split())


with gr.Blocks() as demo:
    text = gr.Textbox(label="Text", submit_btn=True)
    loud = gr.Textbox(label="Shouted")
    words = gr.Number(label="Words")

    # Pressing Enter (or the submit button) fires `submit`; then count the words of the result.
    text.submit(shout, inputs=text, outputs=loud, api_name="shout").then(
        count, inputs=loud, outputs=words
    )

    # The decorator form registers the function it decorates.
    @text.change(inputs=text, outputs=words, api_name="count_words")
    def live_count(value: str) -> int:
        """Count the words while the user types."""
        return count(value)
