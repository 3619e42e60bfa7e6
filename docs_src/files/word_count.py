"""Files: receive an uploaded file as a path, return a new file to download."""

import tempfile
from pathlib import Path

import specblocks as gr


def count_words(path: str) -> tuple[int, str]:
    """Count the words of a text file and write a report next to it."""
    words = len(Path(path).read_text(encoding="utf-8").split())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as report:
        report.write(f"{Path(path).name}: {words} words\n")
    return words, report.name


with gr.Blocks() as demo:
    upload = gr.File(label="A text file", type="filepath", file_types=[".txt"])
    words = gr.Number(label="Words")
    report = gr.File(label="Report")
    upload.upload(count_words, inputs=upload, outputs=[words, report], api_name="count_words")

if __name__ == "__main__":
    # At most 1 MB per upload.
    demo.launch(max_file_size="1mb")
