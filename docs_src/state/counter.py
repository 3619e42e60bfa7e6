"""Session state: each browser tab (or API client) gets its own copy of a `State` value."""

import specblocks as gr

#: Shared by every user of the app: a plain module-level value.
visits = {"total": 0}


def add(item: str, items: list[str]) -> tuple[list[str], str]:
    """Append `item` to this session's list; count the visit globally."""
    visits["total"] += 1
    items = [*items, item]
    return items, f"{len(items)} item(s) this session, {visits['total']} in total"


with gr.Blocks() as demo:
    # The initial value is deep-copied for every new session.
    items = gr.State([])
    item = gr.Textbox(label="Item")
    summary = gr.Textbox(label="Summary")
    gr.Button("Add").click(add, inputs=[item, items], outputs=[items, summary], api_name="add")

if __name__ == "__main__":
    demo.launch()
