import gradio as gr


def greet(name, intensity):
    return "Hello, " + name + "!" * int(intensity)


demo = gr.Interface(
    fn=greet,
    inputs=["text", "slider"],
    outputs=["text"],
    title="Greeter",
    description="Type a name and pick how excited the greeting is.",
    article="Made with a single function.",
)

if __name__ == "__main__":
    demo.launch()
