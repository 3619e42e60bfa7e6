"""Translations in the browser: ``launch(i18n=gr.I18n(...))`` texts shown in the browser's
language (its region's, then the base language's, then English), the framework's own texts
(a ChatInterface's) in English, and texts sent by listeners translated too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS

I18N = gr.I18n(
    en={"name": "Your name", "greet": "Greet", "done": "Done!"},
    fr={"name": "Votre nom", "greet": "Saluer", "done": "Fini !"},
    **{"pt-BR": {"name": "Seu nome"}},
)


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        gr.Textbox(label=I18N("name"), elem_id="name")
        out = gr.Textbox(label="Result", elem_id="out")
        gr.Button(I18N("greet"), elem_id="greet").click(lambda: I18N("done"), None, out)
    with serve(demo, i18n=I18N) as url:
        yield url


def _page(browser: Browser, locale: str) -> Iterator[Page]:
    context = browser.new_context(locale=locale)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize(
    "case",
    [
        ("fr-CA", "Votre nom", "Saluer", "Fini !"),  # the base language's
        ("pt-BR", "Seu nome", "Greet", "Done!"),  # English where a key is missing
        ("ja-JP", "Your name", "Greet", "Done!"),  # English when none is given
    ],
)
def test_texts_are_shown_in_the_browsers_language(
    browser: Browser, app_url: str, case: tuple[str, str, str, str]
) -> None:
    locale, label, button, done = case
    for page in _page(browser, locale):
        open_app(page, app_url)
        expect(page.locator("#name")).to_contain_text(label, timeout=TIMEOUT_MS)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator("#out input, #out textarea").first).to_have_value(
            done, timeout=TIMEOUT_MS
        )


def test_the_chat_interfaces_own_texts_are_english(page: Page) -> None:
    chat = gr.ChatInterface(lambda message, history: message)
    with serve(chat) as url:
        open_app(page, url)
        expect(page.get_by_placeholder("Type a message...")).to_be_visible(timeout=TIMEOUT_MS)
        expect(page.get_by_text("Chatbot", exact=True).first).to_be_attached()


def test_the_language_chosen_in_settings_wins_over_the_browsers(
    browser: Browser, app_url: str
) -> None:
    for page in _page(browser, "ja-JP"):
        open_app(page, app_url)
        expect(page.locator("#name")).to_contain_text("Your name", timeout=TIMEOUT_MS)
        page.get_by_role("contentinfo").get_by_role("button", name="Settings").click()
        language = page.get_by_role("dialog", name="Settings").get_by_label("Language")
        options = language.locator("option").all_inner_texts()
        assert options[0] == "The browser's language"
        assert {"en", "fr", "pt-BR"} <= {text.split("(")[-1].rstrip(")") for text in options[1:]}
        with page.expect_navigation():
            language.select_option("fr")
        page.wait_for_selector("#sb-root[data-ready=true]", timeout=TIMEOUT_MS)
        expect(page.locator("#name")).to_contain_text("Votre nom", timeout=TIMEOUT_MS)
        expect(page.get_by_role("button", name="Saluer", exact=True)).to_be_visible()
        # back to the browser's language
        page.get_by_role("button", name="Settings").click()
        with page.expect_navigation():
            page.get_by_role("dialog", name="Settings").get_by_label("Language").select_option("")
        page.wait_for_selector("#sb-root[data-ready=true]", timeout=TIMEOUT_MS)
        expect(page.locator("#name")).to_contain_text("Your name", timeout=TIMEOUT_MS)
