"""Instances returned as outputs update the page in place: a column hides, a dropdown shows
new choices, a timer stops ticking, a tab disappears."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS


class Ticks:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def tick(self) -> int:
        with self.lock:
            self.count += 1
            return self.count


@pytest.fixture(scope="module")
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture(scope="module")
def app_url(ticks: Ticks) -> Iterator[str]:
    with gr.Blocks() as demo:
        with gr.Column() as column:
            gr.Markdown("Inside the column")
        hide = gr.Button("Hide the column")
        animal = gr.Dropdown(["cat", "dog"], label="Animal", interactive=True)
        birds = gr.Button("Birds")
        timer = gr.Timer(0.2)
        count = gr.Number(label="Ticks")
        stop = gr.Button("Stop the timer")
        with gr.Tabs():
            with gr.Tab("First") as first:
                gr.Markdown("First panel")
            with gr.Tab("Second"):
                gr.Markdown("Second panel")
        drop_tab = gr.Button("Drop the first tab")

        hide.click(lambda: gr.Column(visible=False), None, column)
        birds.click(lambda: gr.Dropdown(choices=["robin", "wren"], value="wren"), None, animal)
        timer.tick(ticks.tick, None, count)
        stop.click(lambda: gr.Timer(active=False), None, timer)
        drop_tab.click(lambda: gr.Tab(visible=False), None, first)
    with serve(demo) as url:
        yield url


def test_a_returned_column_hides_it(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    expect(page.get_by_text("Inside the column")).to_be_visible()
    page.get_by_role("button", name="Hide the column").click()
    expect(page.get_by_text("Inside the column")).to_be_hidden(timeout=TIMEOUT_MS)


def test_a_returned_dropdown_shows_its_new_choices(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    control = page.get_by_role("combobox", name="Animal")
    expect(control).to_have_value("cat")
    page.get_by_role("button", name="Birds").click()
    expect(control).to_have_value("wren", timeout=TIMEOUT_MS)
    control.click()
    options = page.get_by_role("option")
    expect(options).to_have_text(["robin", "wren"])


def test_a_returned_timer_stops_ticking(page: Page, app_url: str, ticks: Ticks) -> None:
    open_app(page, app_url)
    started = ticks.count
    deadline = time.monotonic() + 10
    while ticks.count < started + 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ticks.count >= started + 3, "the timer does not tick"
    page.get_by_role("button", name="Stop the timer").click()
    time.sleep(0.6)  # a tick already sent may still land
    stopped = ticks.count
    time.sleep(1.2)  # six intervals
    assert ticks.count == stopped, "the timer ticked on after it was stopped"


def test_a_returned_tab_hides_it(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    expect(page.get_by_role("tab", name="First")).to_be_visible()
    page.get_by_role("button", name="Drop the first tab").click()
    expect(page.get_by_role("tab", name="First")).to_be_hidden(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Second panel")).to_be_visible()
