"""The same apps' pages on Gradio 6.31 and on specblocks, screenshotted side by side."""
