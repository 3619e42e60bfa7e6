"""A todo list drawn by @gr.render: one row per task, drawn again whenever the tasks change."""

import specblocks as gr

with gr.Blocks() as demo:
    tasks = gr.State([])
    new_task = gr.Textbox(label="New task")

    def add(task_list: list[str], name: str) -> tuple[list[str], str]:
        """Append a task and empty the box."""
        return [*task_list, name], ""

    new_task.submit(add, [tasks, new_task], [tasks, new_task], api_name="add")

    @gr.render(inputs=tasks)
    def show(task_list: list[str]) -> None:
        """One row per task; runs when the page loads and whenever `tasks` changes."""
        gr.Markdown(f"{len(task_list)} open tasks")
        for name in task_list:
            with gr.Row():
                # the key keeps the note the user typed when the list is drawn again
                gr.Textbox(label=f"Note for {name}", key=f"note-{name}")
                done = gr.Button(f"Done: {name}", key=f"done-{name}")

                def finish(name: str = name) -> list[str]:
                    return [t for t in task_list if t != name]

                done.click(finish, None, tasks)
