"""A form: typed inputs, a submit button and a formatted summary, with validation errors.

Run it with ``python examples/form.py`` and open the printed URL.
"""

from __future__ import annotations

import os

import specblocks as gr


def register(  # noqa: PLR0917 - one argument per form field
    name: str, email: str, age: float | None, plan: str, topics: list[str], newsletter: bool
) -> str:
    """Check the form and summarise the registration."""
    if not name.strip():
        raise gr.Error("Please enter your name.")
    if "@" not in email:
        raise gr.Error("That email address does not look right.")
    lines = [
        f"## Welcome, {name.strip()}!",
        f"- **Email:** {email}",
        f"- **Age:** {int(age) if age is not None else 'not given'}",
        f"- **Plan:** {plan}",
        f"- **Topics:** {', '.join(topics) if topics else 'none'}",
        f"- **Newsletter:** {'yes' if newsletter else 'no'}",
    ]
    return "\n".join(lines)


with gr.Blocks(title="Registration form") as demo:
    gr.Markdown("# Registration\nTell us a little about yourself.")
    with gr.Row():
        with gr.Column():
            name = gr.Textbox(label="Name", placeholder="Ada Lovelace")
            email = gr.Textbox(label="Email", type="email", placeholder="ada@example.org")
            age = gr.Number(label="Age", minimum=0, maximum=130, precision=0)
            plan = gr.Radio(["Free", "Team", "Enterprise"], value="Free", label="Plan")
            topics = gr.CheckboxGroup(
                ["Python", "Web", "Data", "Design"], label="Topics", info="Pick any number"
            )
            newsletter = gr.Checkbox(label="Send me the newsletter")
            submit = gr.Button("Register", variant="primary")
        with gr.Column():
            summary = gr.Markdown("Your summary appears here.", elem_id="summary")
    submit.click(
        register, [name, email, age, plan, topics, newsletter], summary, api_name="register"
    )

if __name__ == "__main__":
    demo.launch(server_port=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
