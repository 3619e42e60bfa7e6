import gradio as gr
import numpy as np


def tile(index):
    """A 512x384 picture of its own colour (no files, no network)."""
    image = np.zeros((384, 512, 3), dtype=np.uint8)
    image[..., 0] = (index * 40) % 256
    image[..., 1] = 120
    image[..., 2] = 255 - (index * 30) % 256
    image[100:284, 150:362] = 255
    return image


images = [(tile(i), f"Picture {i + 1}") for i in range(8)]


def on_select(evt: gr.SelectData):
    return f"You selected {evt.value['caption']} at index {evt.index}"


with gr.Blocks() as demo:
    gallery = gr.Gallery(images, label="Pictures")
    chosen = gr.Textbox(label="Selection")
    gr.Button("Below the gallery")
    gallery.select(on_select, None, chosen)

if __name__ == "__main__":
    demo.launch()
