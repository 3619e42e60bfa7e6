import gradio as gr


def measure(text):
    words = text.split()
    return text.upper(), len(words), {"words": len(words), "characters": len(text)}


demo = gr.Interface(measure, "text", ["text", "number", "json"])

if __name__ == "__main__":
    demo.launch()
