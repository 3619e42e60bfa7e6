import gradio as gr


def describe(name, age, colour, subscribe, rating):
    note = "subscribed" if subscribe else "not subscribed"
    return f"{name} ({age}) likes {colour}, {note}, rates us {rating}/10"


with gr.Blocks() as demo:
    with gr.Row():
        with gr.Column():
            name = gr.Textbox(label="Name")
            age = gr.Number(label="Age", value=30)
            colour = gr.Dropdown(["red", "green", "blue"], label="Colour", value="green")
            subscribe = gr.Checkbox(label="Subscribe")
            send = gr.Button("Send", variant="primary")
            rating = gr.Slider(0, 10, value=7, step=1, label="Rating")
        with gr.Column():
            summary = gr.Textbox(label="Summary")
    send.click(describe, [name, age, colour, subscribe, rating], summary)

if __name__ == "__main__":
    demo.launch()
