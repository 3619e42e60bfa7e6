import gradio as gr


def count_lines(code):
    return f"{len(code.splitlines())} lines"


demo = gr.Interface(
    count_lines,
    gr.Code(language="python", label="Code"),
    gr.Textbox(label="Lines"),
    examples=[
        ["def add(a, b):\n    return a + b\n"],
        ["for i in range(3):\n    print(i)\nprint('done')\n"],
    ],
)

if __name__ == "__main__":
    demo.launch()
