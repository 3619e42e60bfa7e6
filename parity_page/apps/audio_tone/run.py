import gradio as gr
import numpy as np


def tone(frequency, seconds):
    rate = 16000
    t = np.linspace(0, seconds, int(rate * seconds), endpoint=False)
    wave = 0.4 * np.sin(2 * np.pi * frequency * t) * np.exp(-t)
    return rate, (wave * 32767).astype(np.int16)


demo = gr.Interface(
    tone,
    [
        gr.Slider(110, 880, value=440, label="Frequency"),
        gr.Slider(0.5, 3, value=1.5, label="Seconds"),
    ],
    gr.Audio(label="Tone", value=tone(440, 1.5)),
)

if __name__ == "__main__":
    demo.launch()
