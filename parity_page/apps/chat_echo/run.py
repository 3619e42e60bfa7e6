import gradio as gr


def echo(message, history):
    return f"You said: {message}"


demo = gr.ChatInterface(echo, title="Echo", examples=["hello", "how are you?"])

if __name__ == "__main__":
    demo.launch()
