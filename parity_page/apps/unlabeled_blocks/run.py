import gradio as gr


def respond(message, history):
    return "", [
        *history,
        {"role": "user", "content": message},
        {"role": "assistant", "content": message[::-1]},
    ]


with gr.Blocks() as demo:
    chatbot = gr.Chatbot()
    message = gr.Textbox()
    count = gr.Number()
    message.submit(respond, [message, chatbot], [message, chatbot])
    message.change(len, message, count)

if __name__ == "__main__":
    demo.launch()
