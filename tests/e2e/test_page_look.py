"""Gradio apps look as they do on Gradio's page: structure, default labels and default theme.

The apps are the small Gradio apps of ``parity_page/apps`` (run unchanged: ``import gradio``
resolves to specblocks), each served as ``nox -s parity`` serves it. Every page passes the
structural checks of :mod:`parity_page.checks`; the other tests check one rule each.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import pytest
from parity_page.__main__ import APPS, served
from parity_page.checks import GALLERY_MAX_HEIGHT, page_problems, wait_until_drawn
from playwright.sync_api import Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve
from specblocks.testing._harness import TIMEOUT_MS

APP_NAMES = sorted(path.parent.name for path in APPS.glob("*/run.py"))


@pytest.fixture(scope="module")
def app_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Each app, started on first use and stopped when the module's tests are done."""
    with contextlib.ExitStack() as stack:

        class Started(dict[str, str]):
            def __missing__(self, name: str) -> str:
                work = tmp_path_factory.mktemp(name)
                url = stack.enter_context(
                    served(sys.executable, "specblocks", APPS / name / "run.py", work)
                )
                self[name] = url.rstrip("/")
                return self[name]

        yield Started()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_until_drawn(page, "specblocks")


@pytest.mark.parametrize("name", APP_NAMES)
def test_every_page_passes_the_structural_checks(
    page: Page, app_urls: dict[str, str], name: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _open(page, app_urls[name])
    assert page_problems(page) == []
    assert errors == []


def test_tabs_without_a_tabs_layout_form_one_tab_bar(page: Page, app_urls: dict[str, str]) -> None:
    _open(page, app_urls["tab_flipper"])
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_count(2)
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_have_count(1)  # the hidden panel is not exposed
    text_panel = page.get_by_role("tabpanel")
    expect(text_panel.get_by_role("button", name="Flip")).to_be_visible()
    tabs.nth(1).click()
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_have_count(1)
    expect(page.get_by_role("tabpanel").get_by_text("No image")).to_be_visible()
    # in source order: the accordion defined after the tabs is below them
    bar = tabs.nth(0).bounding_box()
    accordion = page.get_by_role("button", name="Open for More!").bounding_box()
    panel = page.get_by_role("tabpanel").bounding_box()
    assert bar
    assert accordion
    assert panel
    assert bar["y"] < panel["y"] < accordion["y"]


def test_a_table_the_user_cannot_edit_has_no_edit_controls_and_keeps_its_styles(
    page: Page, app_urls: dict[str, str]
) -> None:
    _open(page, app_urls["dataframe_styled"])
    styled = page.locator("sb-dataframe").filter(has_text="Styled standings")
    expect(styled.get_by_role("button", name="Add row")).to_have_count(0)
    expect(styled.locator("td", has_text="80.0%")).to_be_visible()  # the Styler's display value
    ants = styled.locator("td", has_text="Ants")
    assert ants.evaluate("td => getComputedStyle(td).backgroundColor") == "rgb(182, 227, 182)"
    editable = page.locator("sb-dataframe").filter(has_text="Edit the scores")
    expect(editable.get_by_role("button", name="Add row")).to_be_visible()
    output = page.locator("sb-dataframe").filter(has_text="Games played")
    expect(output.get_by_role("button", name="Add row")).to_have_count(0)


def test_a_gallery_without_a_height_is_capped_and_scrolls(
    page: Page, app_urls: dict[str, str]
) -> None:
    _open(page, app_urls["gallery_grid"])
    gallery = page.locator("sb-gallery")
    box = gallery.bounding_box()
    assert box is not None
    assert box["height"] <= GALLERY_MAX_HEIGHT
    expect(page.get_by_role("button", name="Below the gallery")).to_be_in_viewport()
    grid = gallery.locator(".sb-gallery-box")
    assert grid.evaluate("el => el.scrollHeight > el.clientHeight")


def test_components_without_a_label_show_gradios_default_labels(
    page: Page, app_urls: dict[str, str]
) -> None:
    _open(page, app_urls["unlabeled_blocks"])
    for label in ("Chatbot", "Textbox", "Number"):
        expect(page.locator(".sb-label", has_text=label).first).to_be_visible()
    expect(page.get_by_label("Textbox")).to_be_editable()
    _open(page, app_urls["interface_outputs"])
    for label in ("text", "output 0", "output 1", "output 2"):
        expect(page.locator(".sb-label", has_text=label).first).to_be_visible()


def test_consecutive_form_fields_share_one_panel(page: Page, app_urls: dict[str, str]) -> None:
    _open(page, app_urls["form_inputs"])
    form = page.locator("sb-form").first
    for label in ("Name", "Age", "Colour", "Subscribe"):
        expect(form.get_by_label(label)).to_be_visible()
    expect(form.get_by_role("button", name="Send")).to_have_count(0)
    look = form.evaluate(
        "f => [getComputedStyle(f).borderTopWidth, getComputedStyle(f).gap,"
        " getComputedStyle(f.querySelector('.sb-block')).borderTopWidth]"
    )
    assert look == ["1px", "0px", "0px"]


def test_code_examples_keep_their_line_breaks(page: Page, app_urls: dict[str, str]) -> None:
    _open(page, app_urls["code_examples"])
    sample = page.locator(".sb-dataset-code").first
    expect(sample).to_be_visible()
    assert (sample.text_content() or "").rstrip("\n") == "def add(a, b):\n    return a + b"
    box = sample.bounding_box()
    assert box is not None
    assert box["height"] > 30  # two lines, not one


def test_the_default_theme_looks_like_gradios(page: Page, app_urls: dict[str, str]) -> None:
    _open(page, app_urls["hello_interface"])
    submit = page.get_by_role("button", name="Submit")
    assert submit.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(249, 115, 22)"
    assert page.evaluate("document.fonts.check(\"16px 'Source Sans Pro'\")")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Source Sans Pro"')
    title = page.get_by_role("heading", name="Greeter")
    assert title.evaluate("h => getComputedStyle(h).textAlign") == "center"
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Use via API")).to_be_visible()
    expect(footer.get_by_text("Built with specblocks")).to_be_visible()
    expect(footer.get_by_role("button", name="Settings")).to_be_visible()
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon is not None
    answer = page.request.get(page.url.rstrip("/") + "/" + icon)
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("image/")


def test_an_audio_player_shows_the_waveform_and_its_controls(
    page: Page, app_urls: dict[str, str]
) -> None:
    _open(page, app_urls["audio_tone"])
    player = page.locator("sb-audio")
    waveform = player.get_by_role("img", name="Waveform")
    expect(waveform).to_have_attribute("data-ready", "true", timeout=TIMEOUT_MS)
    expect(waveform).to_be_visible()
    box = waveform.bounding_box()
    assert box is not None
    assert box["height"] >= 40
    # the waveform is drawn: some of its pixels are not the background
    drawn = waveform.evaluate(
        "w => [...w.querySelector('div').shadowRoot.querySelectorAll('canvas')]"
        ".some(c => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height)"
        ".data.some((v, i) => i % 4 === 3 && v > 0))"
    )
    assert drawn
    for name in ("Playback speed", "Skip back", "Play", "Skip forward"):
        expect(player.get_by_role("button", name=name, exact=True)).to_be_visible()
    speed = player.get_by_role("button", name="Playback speed")
    speed.click()
    expect(speed).to_have_text("1.25x")
    assert player.locator("audio").evaluate("a => a.playbackRate") == 1.25
    # a click on the waveform seeks
    waveform.click(position={"x": box["width"] * 0.5, "y": box["height"] / 2})
    player.locator("audio").evaluate(
        "a => new Promise((done, fail) => { const t = setTimeout(() => fail(a.currentTime), 5000);"
        " const check = () => a.currentTime > 0.5 ? (clearTimeout(t), done(true))"
        " : requestAnimationFrame(check); check(); })"
    )


def test_footer_links_are_the_apps_own(page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    links = [{"label": "Our docs", "url": "https://example.org/docs"}, "api"]
    with serve(demo, footer_links=links) as url:
        open_app(page, url)
        footer = page.get_by_role("contentinfo")
        expect(footer.get_by_role("link")).to_have_text(["Our docs", "Use via API"])
        expect(footer.get_by_role("button", name="Settings")).to_have_count(0)
    with serve(demo, footer_links=[]) as url:
        open_app(page, url)
        expect(page.get_by_role("contentinfo")).to_have_count(0)
