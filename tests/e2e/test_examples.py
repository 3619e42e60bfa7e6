"""The example apps in a browser: a form, a chatbot and a dashboard.

Each test uses the app as a person would (by labels and roles), checks what the page shows,
then saves a screenshot to docs/assets/screenshots/, where the docs show it.
"""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "assets" / "screenshots"


def _serve_example(name: str) -> Iterator[str]:
    demo = runpy.run_path(str(ROOT / "examples" / f"{name}.py"), run_name="example")["demo"]
    assert isinstance(demo, gr.Blocks)
    with serve(demo) as url:
        yield url


@pytest.fixture(scope="module")
def form_url() -> Iterator[str]:
    yield from _serve_example("form")


@pytest.fixture(scope="module")
def chatbot_url() -> Iterator[str]:
    yield from _serve_example("chatbot")


@pytest.fixture(scope="module")
def dashboard_url() -> Iterator[str]:
    yield from _serve_example("dashboard")


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"example-{name}.png"), full_page=True)


def test_form(page: Page, form_url: str) -> None:
    open_app(page, form_url)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter your name.")
    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Age").fill("36")
    page.get_by_label("Team").check()
    page.get_by_label("Python").check()
    page.get_by_label("Data").check()
    page.get_by_label("Send me the newsletter").check()
    page.get_by_role("button", name="Register").click()
    summary = page.locator("#summary")
    expect(summary).to_contain_text("Welcome, Ada Lovelace!")
    expect(summary).to_contain_text("Plan: Team")
    expect(summary).to_contain_text("Topics: Python, Data")
    expect(summary.locator("h2")).to_have_text("Welcome, Ada Lovelace!")
    page.locator(".sb-toast button").first.click()
    _shot(page, "form")


def test_chatbot(page: Page, chatbot_url: str) -> None:
    open_app(page, chatbot_url)
    message = page.get_by_role("textbox", name="Message")
    message.fill("What is specblocks?")
    message.press("Enter")
    chat = page.locator("#chat")
    expect(chat).to_contain_text("What is specblocks?")
    expect(chat).to_contain_text("streamed one word at a time.")
    expect(message).to_have_value("")
    chat.get_by_role("button", name="Like", exact=True).last.click()
    expect(page.locator("#feedback")).to_contain_text("You liked message 1.")
    _shot(page, "chatbot")


def test_dashboard(page: Page, dashboard_url: str) -> None:
    open_app(page, dashboard_url)
    expect(page.locator("#headline")).to_contain_text("2,020 units sold in 3 region(s)")
    table = page.locator("#table")
    expect(table.get_by_role("row")).to_have_count(19)  # a header row and 18 data rows
    expect(page.locator("#bars svg").first).to_be_visible()
    expect(page.locator("#lines svg").first).to_be_visible()
    page.get_by_label("West").uncheck()
    expect(page.locator("#headline")).to_contain_text("1,523 units sold in 2 region(s)")
    expect(table.get_by_role("row")).to_have_count(13)
    page.get_by_label("West").check()
    expect(page.locator("#headline")).to_contain_text("in 3 region(s)")
    _shot(page, "dashboard")
