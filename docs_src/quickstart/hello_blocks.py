"""The same app with `Blocks`: you place the components and wire the event yourself."""

import specblocks as gr


def greet(name: str, excited: bool) -> str:
    """Say hello to `name`, loudly if asked."""
    return f"Hello {name}{'!' if excited else '.'}"


with gr.Blocks(title="Hello") as demo:
    gr.Markdown("# Say hello")
    with gr.Row():
        name = gr.Textbox(label="Name")
        excited = gr.Checkbox(label="Excited", value=True)
    greeting = gr.Textbox(label="Greeting")
    button = gr.Button("Greet", variant="primary")
    button.click(greet, inputs=[name, excited], outputs=greeting, api_name="greet")

if __name__ == "__main__":
    demo.launch()
