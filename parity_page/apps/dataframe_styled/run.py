import gradio as gr
import pandas as pd

scores = pd.DataFrame(
    {
        "team": ["Ants", "Bees", "Crabs", "Dingos"],
        "won": [12, 7, 15, 3],
        "lost": [3, 8, 1, 12],
        "ratio": [0.8, 0.4667, 0.9375, 0.2],
    }
)


def colour(row):
    shade = "#b6e3b6" if row["ratio"] > 0.5 else "#f3c1c1"
    return [f"background-color: {shade}"] * len(row)


styled = scores.style.apply(colour, axis=1).format({"ratio": "{:.1%}"})


def total(table):
    return pd.DataFrame({"games": [int(table["won"].sum() + table["lost"].sum())]})


with gr.Blocks() as demo:
    gr.Dataframe(styled, label="Styled standings")
    editable = gr.Dataframe(scores, label="Edit the scores", interactive=True)
    result = gr.Dataframe(label="Games played")
    gr.Button("Count").click(total, editable, result)

if __name__ == "__main__":
    demo.launch()
