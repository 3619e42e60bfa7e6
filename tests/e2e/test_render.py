"""@gr.render in the browser: a todo list adds and removes rows by re-rendering, a keyed
textbox keeps what the user typed, and listeners created inside the render fire."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS


@pytest.fixture(scope="module")
def todo_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        tasks = gr.State([])
        new_task = gr.Textbox(label="New task")

        def add(task_list: list[str], name: str) -> tuple[list[str], str]:
            return [*task_list, name], ""

        new_task.submit(add, [tasks, new_task], [tasks, new_task])

        @gr.render(inputs=tasks)
        def show(task_list: list[str]) -> None:
            gr.Markdown(f"Open tasks: {len(task_list)}")
            for name in task_list:
                with gr.Row():
                    # editable although no listener reads it (as in Gradio, a filled
                    # box no listener uses is otherwise read-only)
                    gr.Textbox(name, key=f"note-{name}", label=f"Note for {name}", interactive=True)
                    remove = gr.Button(f"Remove {name}", key=f"remove-{name}")

                    def drop(name: str = name) -> list[str]:
                        return [t for t in task_list if t != name]

                    remove.click(drop, None, tasks)

    with serve(demo) as url:
        yield url


@pytest.fixture(scope="module")
def counter_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        count = gr.Slider(1, 4, value=2, step=1, label="Boxes")
        merged = gr.Textbox(label="Merged")
        merge = gr.Button("Merge")

        @gr.render(inputs=count)
        def boxes(n: int) -> None:
            made = [gr.Textbox(f"box{i}", label=f"Box {i}") for i in range(int(n))]
            merge.click(lambda *values: " ".join(values), made, merged)

    with serve(demo) as url:
        yield url


def add_task(page: Page, name: str) -> None:
    box = page.get_by_label("New task")
    box.fill(name)
    box.press("Enter")
    expect(page.get_by_role("button", name=f"Remove {name}")).to_be_visible(timeout=TIMEOUT_MS)


def test_rows_are_added_and_removed_by_rendering_again(page: Page, todo_url: str) -> None:
    open_app(page, todo_url)
    expect(page.get_by_text("Open tasks: 0")).to_be_visible(timeout=TIMEOUT_MS)
    add_task(page, "milk")
    add_task(page, "eggs")
    expect(page.get_by_text("Open tasks: 2")).to_be_visible()
    # a listener created inside the render fires, and its result renders the list again
    page.get_by_role("button", name="Remove milk").click()
    expect(page.get_by_role("button", name="Remove milk")).to_have_count(0, timeout=TIMEOUT_MS)
    expect(page.get_by_text("Open tasks: 1")).to_be_visible()
    expect(page.get_by_role("button", name="Remove eggs")).to_be_visible()


def test_a_keyed_textbox_keeps_what_the_user_typed(page: Page, todo_url: str) -> None:
    open_app(page, todo_url)
    add_task(page, "bread")
    note = page.get_by_label("Note for bread")
    note.fill("wholemeal, two loaves")
    add_task(page, "jam")  # renders the list again
    expect(page.get_by_text("Open tasks: 2")).to_be_visible()
    expect(page.get_by_label("Note for bread")).to_have_value("wholemeal, two loaves")
    expect(page.get_by_label("Note for jam")).to_have_value("jam")


def test_a_listener_made_in_the_render_reads_the_rendered_boxes(
    page: Page, counter_url: str
) -> None:
    open_app(page, counter_url)
    expect(page.get_by_label("Box 1")).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_label("Merged")).to_have_value("box0 box1", timeout=TIMEOUT_MS)
    page.get_by_label("Boxes", exact=True).fill("3")
    page.get_by_label("Boxes", exact=True).press("Enter")
    expect(page.get_by_label("Box 2")).to_be_visible(timeout=TIMEOUT_MS)
    page.get_by_label("Box 0").fill("hello")
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_label("Merged")).to_have_value("hello box1 box2", timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def nested_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        groups = gr.Number(2, label="Groups")

        @gr.render(inputs=groups)
        def outer(count: float) -> None:
            for group in range(int(count)):
                size = gr.Number(group + 1, label=f"Size of group {group}")

                @gr.render(inputs=size)
                def inner(items: float, group: int = group) -> None:
                    gr.Markdown(f"Group {group} has {int(items)} items")

    with serve(demo) as url:
        yield url


def test_a_render_inside_a_render_draws_and_redraws(page: Page, nested_url: str) -> None:
    open_app(page, nested_url)
    expect(page.get_by_text("Group 1 has 2 items")).to_be_visible(timeout=TIMEOUT_MS)
    size = page.get_by_label("Size of group 0")
    size.fill("5")
    size.press("Enter")
    expect(page.get_by_text("Group 0 has 5 items")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Group 1 has 2 items")).to_be_visible()
