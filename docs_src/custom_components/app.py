"""An app using the custom component like any built-in one."""

from my_widgets.rating import Rating

import specblocks as gr


def review(stars: int) -> str:
    """Thank the user for the rating."""
    return "★" * stars + "☆" * (5 - stars)


with gr.Blocks() as demo:
    rating = Rating(label="Your rating", maximum=5)
    shown = gr.Textbox(label="Stars")
    rating.change(review, inputs=rating, outputs=shown, api_name="review")

if __name__ == "__main__":
    demo.launch()
