"""Differential comparison of apps on Gradio and on specblocks (``python -m parity_api``)."""
