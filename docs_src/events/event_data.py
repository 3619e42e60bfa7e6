"""Event data: annotate a parameter with an event-data class to learn what the user picked."""

import specblocks as gr


def picked(evt: gr.SelectData) -> str:
    """Describe the selected option."""
    return f"You picked {evt.value!r} (option {evt.index})"


with gr.Blocks() as demo:
    flavour = gr.Radio(["vanilla", "chocolate", "mint"], label="Flavour")
    message = gr.Textbox(label="Selection")
    flavour.select(picked, inputs=None, outputs=message)
