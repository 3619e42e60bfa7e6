"""A two-page app: the main page and a Reports page at /reports, with the default navbar."""

import specblocks as gr

with gr.Blocks(title="Sales") as demo:
    region = gr.Dropdown(["north", "south"], label="Region", value="north")
    summary = gr.Textbox(label="Summary")
    region.change(lambda r: f"Sales in the {r}", region, summary, api_name="summarise")

with demo.route("Reports") as reports:
    report = gr.Textbox(label="Report")

    def latest(request: gr.Request) -> str:
        """The report named in the page's URL (/reports?year=2024), or the latest."""
        return f"Report for {request.query_params.get('year', 'this year')}"

    reports.load(latest, None, report, api_name="latest")
