import gradio as gr


def order(size, toppings, crust, count, colour, notes):
    chosen = ", ".join(toppings) or "nothing"
    return f"{count} {size} pizza(s), {crust} crust, with {chosen}; box {colour}. {notes}"


demo = gr.Interface(
    order,
    [
        gr.Radio(["small", "medium", "large"], label="Size", value="medium"),
        gr.CheckboxGroup(["cheese", "olives", "basil"], label="Toppings"),
        gr.Dropdown(["thin", "thick"], label="Crust", value="thin"),
        gr.Slider(1, 5, value=1, step=1, label="Count"),
        gr.ColorPicker(label="Box colour", value="#ff7700"),
        gr.Textbox(lines=3, label="Notes"),
    ],
    "text",
    examples=[["large", ["cheese"], "thick", 2, "#00aa00", "Ring twice"]],
    title="Pizza order",
)

if __name__ == "__main__":
    demo.launch()
