"""The smallest app: one function, one input, one output, laid out by `Interface`."""

import specblocks as gr


def greet(name: str) -> str:
    """Say hello to `name`."""
    return f"Hello {name}!"


demo = gr.Interface(fn=greet, inputs="text", outputs="text")

if __name__ == "__main__":
    demo.launch()
