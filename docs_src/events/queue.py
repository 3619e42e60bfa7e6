"""The queue: how many calls run at once, how many may wait, and batching."""

import time

import specblocks as gr


def slow_echo(text: str) -> str:
    """An expensive step, e.g. a model call."""
    time.sleep(0.1)
    return text


def measure(texts: list[str]) -> tuple[list[int], list[str]]:
    """A batched function: it receives a list per input and returns a list per output."""
    return [len(t) for t in texts], [t.upper() for t in texts]


with gr.Blocks() as demo:
    text = gr.Textbox(label="Text")
    echo = gr.Textbox(label="Echo")
    length = gr.Number(label="Length")
    upper = gr.Textbox(label="Upper case")
    # At most two calls of this listener run at the same time; the rest wait in the queue.
    gr.Button("Echo").click(slow_echo, text, echo, concurrency_limit=2, api_name="echo")
    # Calls that arrive together run as one batch of up to 8.
    gr.Button("Measure").click(
        measure, text, [length, upper], batch=True, max_batch_size=8, api_name="measure"
    )

# One call at a time per listener unless it says otherwise; at most 20 waiting calls.
demo.queue(default_concurrency_limit=1, max_size=20)

if __name__ == "__main__":
    demo.launch()
