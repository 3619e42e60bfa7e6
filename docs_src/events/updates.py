"""Updates: return a component or layout to change its properties, not only its value."""

import specblocks as gr

SPECIES = {"cats": ["lion", "tiger", "lynx"], "birds": ["robin", "wren"]}


def choose(group: str) -> gr.Dropdown:
    """New choices for the second dropdown; its other settings stay as they are."""
    return gr.Dropdown(choices=SPECIES[group], value=SPECIES[group][0])


def toggle(show: bool) -> gr.Column:
    """Show or hide the column of details."""
    return gr.Column(visible=show)


def summary(values: dict[gr.components.Component, object]) -> dict[gr.Textbox, str]:
    """Inputs and outputs given as sets: a dict in, a dict out (only the outputs to change)."""
    return {note: f"{values[group]}: {values[species]}"}


with gr.Blocks() as demo:
    group = gr.Radio(list(SPECIES), value="cats", label="Group")
    species = gr.Dropdown(SPECIES["cats"], label="Species")
    show = gr.Checkbox(True, label="Show details")
    with gr.Column() as details:
        note = gr.Textbox(label="Summary")
        extra = gr.Textbox(label="Left alone")
    group.change(choose, inputs=group, outputs=species)
    show.change(toggle, inputs=show, outputs=details)
    species.change(summary, inputs={group, species}, outputs={note, extra})
