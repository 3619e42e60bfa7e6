"""An app with one echo endpoint per component type: the breadth test of generated types.

Each endpoint takes a component's value and returns it unchanged through the same component,
so the generated clients meet each component's JSON schema as a parameter and as a result.
"""

from __future__ import annotations

from typing import Any

import specblocks as gr


def echo(value: Any) -> Any:
    """Return the value unchanged."""
    return value


def build() -> gr.Blocks:
    """The app."""
    with gr.Blocks(title="components") as demo:
        components = {
            "number": gr.Number(value=3, label="Count"),
            "checkbox": gr.Checkbox(value=True),
            "dropdown": gr.Dropdown(choices=["a", "b"], value="a"),
            "multiselect": gr.Dropdown(choices=["a", "b"], multiselect=True),
            "slider": gr.Slider(0, 10, value=2, step=1),
            "radio": gr.Radio(["x", "y"]),
            "checkbox_group": gr.CheckboxGroup(["x", "y"]),
            "json": gr.JSON(),
            "image": gr.Image(type="filepath"),
            "files": gr.File(file_count="multiple"),
            "gallery": gr.Gallery(),
            "dataframe": gr.Dataframe(),
            "chatbot": gr.Chatbot(),
            "label": gr.Label(),
            "highlighted_text": gr.HighlightedText(),
            "date_time": gr.DateTime(),
            "color": gr.ColorPicker(),
            "code": gr.Code(),
            "multimodal": gr.MultimodalTextbox(),
            "download": gr.DownloadButton(),
        }
        for name, component in components.items():
            gr.Button(name).click(echo, component, component, api_name=name)
    return demo
