import gradio as gr

hello = gr.Interface(lambda name: "Hello " + name, "text", "text")
bye = gr.Interface(lambda name: "Bye " + name, "text", "text")

demo = gr.TabbedInterface([hello, bye], ["Hello", "Goodbye"])

if __name__ == "__main__":
    demo.launch()
