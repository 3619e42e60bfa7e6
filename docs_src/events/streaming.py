"""Streaming and progress: a generator sends each value it yields; Progress reports steps."""

import time
from collections.abc import Iterator

import specblocks as gr


def count_up(limit: float) -> Iterator[str]:
    """Yield a growing sequence, one number at a time."""
    shown: list[str] = []
    for i in range(1, int(limit) + 1):
        shown.append(str(i))
        time.sleep(0.05)
        yield " ".join(shown)


def work(steps: float, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
    """Report progress while working through the steps."""
    for _ in progress.tqdm(range(int(steps)), desc="Working"):
        time.sleep(0.02)
    return f"Finished {int(steps)} steps"


with gr.Blocks() as demo:
    limit = gr.Number(value=5, label="Count to")
    numbers = gr.Textbox(label="Numbers")
    start = gr.Button("Start")
    stop = gr.Button("Stop")
    run = start.click(count_up, limit, numbers, api_name="count_up")
    # Clicking Stop cancels a running count.
    stop.click(None, cancels=[run])

    steps = gr.Number(value=10, label="Steps")
    status = gr.Textbox(label="Status")
    gr.Button("Work").click(work, steps, status, api_name="work")

if __name__ == "__main__":
    demo.launch()
