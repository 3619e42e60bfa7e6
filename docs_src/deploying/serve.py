"""Serve an app for other machines: listen on every interface, behind a proxy path."""

import os

import specblocks as gr


def echo(text: str) -> str:
    """Return the text unchanged."""
    return text


with gr.Blocks(title="Served app") as demo:
    text = gr.Textbox(label="Text")
    gr.Button("Echo").click(echo, text, text, api_name="echo")

# Bounded waiting room and two workers per listener by default.
demo.queue(max_size=64, default_concurrency_limit=2)

if __name__ == "__main__":
    demo.launch(
        server_name=os.environ.get("HOST", "0.0.0.0"),  # every interface: reachable from others
        server_port=int(os.environ.get("PORT", "7860")),
        # The path prefix when a reverse proxy serves the app under a sub-path, e.g. "/demo".
        root_path=os.environ.get("ROOT_PATH", ""),
        show_error=False,
        max_file_size="10mb",
    )
