"""A dashboard: a table of monthly sales with charts, filtered by region.

Run it with ``python examples/dashboard.py`` and open the printed URL.
"""

from __future__ import annotations

import os

import pandas as pd

import specblocks as gr

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
SALES = pd.DataFrame(
    {
        "month": MONTHS * 3,
        "region": ["North"] * 6 + ["South"] * 6 + ["West"] * 6,
        "units": [120, 135, 150, 160, 158, 170, 80, 95, 90, 110, 130, 125, 60, 70, 85, 82, 96, 104],
        "revenue": [
            2.4,
            2.7,
            3.0,
            3.2,
            3.1,
            3.4,
            1.6,
            1.9,
            1.8,
            2.2,
            2.6,
            2.5,
            1.2,
            1.4,
            1.7,
            1.6,
            1.9,
            2.1,
        ],
    }
)


def view(regions: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, str]:
    """The rows of the chosen regions, the data for both charts and a headline figure."""
    rows = SALES[SALES["region"].isin(regions)] if regions else SALES.iloc[0:0]
    total = int(rows["units"].sum())
    return rows, rows, rows, f"### {total:,} units sold in {len(regions)} region(s)"


with gr.Blocks(title="Sales dashboard", fill_width=True) as demo:
    gr.Markdown("# Sales dashboard")
    regions = gr.CheckboxGroup(
        ["North", "South", "West"], value=["North", "South", "West"], label="Regions"
    )
    headline = gr.Markdown(elem_id="headline")
    with gr.Row():
        bars = gr.BarPlot(
            x="month",
            y="units",
            color="region",
            title="Units per month",
            x_title="Month",
            y_title="Units",
            elem_id="bars",
        )
        lines = gr.LinePlot(
            x="month",
            y="revenue",
            color="region",
            title="Revenue (k$)",
            x_title="Month",
            y_title="Revenue",
            elem_id="lines",
        )
    table = gr.Dataframe(label="Sales", interactive=False, elem_id="table")
    regions.change(view, regions, [table, bars, lines, headline], api_name="view")
    demo.load(view, regions, [table, bars, lines, headline])

if __name__ == "__main__":
    demo.launch(server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
