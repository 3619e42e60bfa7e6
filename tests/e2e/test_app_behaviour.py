"""What the browser does with listeners: trigger modes, js=, cancels, every=, progress, chains,
errors and toasts, streaming, load events, scroll_to_output and the login page."""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

import specblocks as gr
from specblocks.testing import open_app, serve


class Counter:
    """Counts calls from the server's worker threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: list[str] = []

    def add(self, value: str) -> int:
        with self.lock:
            self.calls.append(value)
            return len(self.calls)


def field(page: Page, elem_id: str) -> Locator:
    return page.locator(f"#{elem_id} input, #{elem_id} textarea").first


# -- trigger modes ---------------------------------------------------------------------------


def _modes_app(counters: dict[str, Counter]) -> gr.Blocks:
    with gr.Blocks() as demo:
        for mode in ("once", "multiple", "always_last"):
            out = gr.Textbox(label=f"{mode} out", elem_id=f"{mode}-out")
            counter = counters[mode]

            def slow(counter: Counter = counter) -> str:
                time.sleep(1.5)
                return f"runs: {counter.add('x')}"

            gr.Button(mode, elem_id=f"{mode}-btn").click(
                slow, None, out, trigger_mode=mode, concurrency_limit=None
            )
        text = gr.Textbox(label="typed", elem_id="typed")
        seen = gr.Textbox(label="seen", elem_id="seen")
        last = counters["typed"]

        def record(value: str) -> str:
            last.add(value)
            time.sleep(0.3)
            return value

        text.change(record, text, seen)  # change defaults to always_last
    return demo


@pytest.fixture(scope="module")
def counters() -> dict[str, Counter]:
    return {name: Counter() for name in ("once", "multiple", "always_last", "typed")}


@pytest.fixture(scope="module")
def modes_url(counters: dict[str, Counter]) -> Iterator[str]:
    with serve(_modes_app(counters)) as url:
        yield url


def test_trigger_mode_once_ignores_clicks_while_running(
    page: Page, modes_url: str, counters: dict[str, Counter]
) -> None:
    open_app(page, modes_url)
    for _ in range(3):
        page.locator("#once-btn button").click()
    expect(field(page, "once-out")).to_have_value("runs: 1", timeout=5000)
    page.wait_for_timeout(1000)
    assert len(counters["once"].calls) == 1


def test_trigger_mode_multiple_runs_every_click(
    page: Page, modes_url: str, counters: dict[str, Counter]
) -> None:
    open_app(page, modes_url)
    for _ in range(3):
        page.locator("#multiple-btn button").click()
    expect(field(page, "multiple-out")).to_have_value("runs: 3", timeout=5000)
    assert len(counters["multiple"].calls) == 3


def test_trigger_mode_always_last_runs_first_and_latest(
    page: Page, modes_url: str, counters: dict[str, Counter]
) -> None:
    open_app(page, modes_url)
    box = field(page, "typed")
    box.press_sequentially("abcdef", delay=20)
    expect(field(page, "seen")).to_have_value("abcdef", timeout=5000)
    calls = counters["typed"].calls
    # The first keystroke runs at once; the ones typed meanwhile collapse into the latest.
    assert calls[0] == "a"
    assert calls[-1] == "abcdef"
    assert len(calls) < 6


# -- js=, chains, change vs input, load, callable values -----------------------------------------


@pytest.fixture(scope="module")
def events_url() -> Iterator[str]:
    ticks = itertools.count(1)
    with gr.Blocks() as demo:
        source = gr.Textbox(label="source", elem_id="source")
        upper = gr.Textbox(label="upper", elem_id="upper")
        gr.Button("JS only", elem_id="js-only").click(
            None, source, upper, js="(x) => x.toUpperCase()"
        )
        both = gr.Textbox(label="both", elem_id="both")
        gr.Button("JS then Python", elem_id="js-py").click(
            lambda x: f"server saw {x}", source, both, js="(x) => x + '!'"
        )
        chain = gr.Textbox(label="chain", elem_id="chain")
        step = gr.Button("Chain", elem_id="chain-btn")
        first = step.click(lambda: "one", None, chain)
        first.then(lambda x: x + " two", chain, chain).success(lambda x: x + " three", chain, chain)
        failed = gr.Textbox(label="failed", elem_id="failed")
        boom = gr.Button("Fail", elem_id="fail-btn")

        def crash() -> str:
            raise gr.Error("It broke on purpose")

        boom.click(crash, None, failed).failure(lambda: "recovered", None, failed)
        target = gr.Textbox(label="target", elem_id="target")
        changes = gr.Textbox(label="changes", elem_id="changes")
        inputs = gr.Textbox(label="inputs", elem_id="inputs")
        target.change(lambda x: f"change {x}", target, changes)
        target.input(lambda x: f"input {x}", target, inputs)
        gr.Button("Set target", elem_id="set-target").click(lambda: "from server", None, target)
        loaded = gr.Textbox(label="loaded", elem_id="loaded")
        demo.load(lambda: "loaded!", None, loaded)
        gr.Textbox(lambda: f"tick {next(ticks)}", every=0.3, label="clock", elem_id="clock")
        number = gr.Textbox("3", label="number", elem_id="number")
        gr.Textbox(
            lambda n: f"double {int(n or 0) * 2}",
            inputs=[number],
            label="derived",
            elem_id="derived",
        )
        info = gr.Button("Info", elem_id="info-btn")

        def notify() -> None:
            gr.Info("Saved the thing")
            gr.Warning("Careful now")

        info.click(notify, None, None)
    with serve(demo) as url:
        yield url


def test_js_only_listener_runs_in_the_browser(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    field(page, "source").fill("shout")
    page.locator("#js-only button").click()
    expect(field(page, "upper")).to_have_value("SHOUT")


def test_js_before_python_transforms_the_inputs(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    field(page, "source").fill("hi")
    page.locator("#js-py button").click()
    expect(field(page, "both")).to_have_value("server saw hi!")


def test_then_and_success_chain(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    page.locator("#chain-btn button").click()
    expect(field(page, "chain")).to_have_value("one two three")


def test_error_shows_a_toast_and_runs_failure_listeners(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    page.locator("#fail-btn button").click()
    expect(page.get_by_role("alert")).to_contain_text("It broke on purpose")
    expect(field(page, "failed")).to_have_value("recovered")


def test_info_and_warning_toasts(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    page.locator("#info-btn button").click()
    expect(page.get_by_test_id("toast-info")).to_contain_text("Saved the thing")
    expect(page.get_by_test_id("toast-warning")).to_contain_text("Careful now")


def test_change_fires_for_server_updates_but_input_does_not(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    page.locator("#set-target button").click()
    expect(field(page, "changes")).to_have_value("change from server")
    page.wait_for_timeout(300)
    expect(field(page, "inputs")).to_have_value("")
    field(page, "target").fill("typed")
    expect(field(page, "inputs")).to_have_value("input typed")
    expect(field(page, "changes")).to_have_value("change typed")


def test_load_event_runs_when_the_page_opens(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    expect(field(page, "loaded")).to_have_value("loaded!")


def test_every_recomputes_a_callable_value(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    clock = field(page, "clock")
    expect(clock).to_have_value(re.compile(r"tick \d+"))
    first = int(clock.input_value().split()[1])
    expect(clock).not_to_have_value(f"tick {first}", timeout=3000)


def test_callable_value_follows_its_inputs(page: Page, events_url: str) -> None:
    open_app(page, events_url)
    expect(field(page, "derived")).to_have_value("double 6")
    field(page, "number").fill("21")
    expect(field(page, "derived")).to_have_value("double 42")


# -- progress, streaming, cancels, queue, scrolling ------------------------------------------------


@pytest.fixture(scope="module")
def progress_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        words = gr.Textbox(label="words", elem_id="words")

        def stream() -> Iterator[str]:
            text = ""
            for word in ["alpha", "beta", "gamma", "delta"]:
                text += word + " "
                time.sleep(0.25)
                yield text.strip()

        gr.Button("Stream", elem_id="stream-btn").click(stream, None, words)
        ticker = gr.Textbox(label="ticker", elem_id="ticker")

        def forever() -> Iterator[str]:
            for i in range(200):
                time.sleep(0.1)
                yield f"tick {i}"

        run = gr.Button("Run forever", elem_id="forever-btn").click(forever, None, ticker)
        gr.Button("Stop", elem_id="stop-btn").click(None, None, None, cancels=[run])
        bar = gr.Textbox(label="bar", elem_id="bar")

        def steps(progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
            for _ in progress.tqdm(range(8), desc="Crunching"):
                time.sleep(0.15)
            return "crunched"

        gr.Button("Progress", elem_id="progress-btn").click(steps, None, bar)
        shown_on = gr.Textbox(label="shown on", elem_id="shown-on")
        quiet = gr.Textbox(label="quiet", elem_id="quiet")
        hushed = gr.Textbox(label="hushed", elem_id="hushed")
        gr.Button("Elsewhere", elem_id="elsewhere-btn").click(
            lambda: time.sleep(0.8) or "done", None, quiet, show_progress_on=shown_on
        )
        gr.Button("Hidden", elem_id="hidden-btn").click(
            lambda: time.sleep(0.8) or "done", None, hushed, show_progress="hidden"
        )
        slow = gr.Textbox(label="slow", elem_id="slow")
        queued = gr.Textbox(label="queued", elem_id="queued")
        gr.Button("Slow", elem_id="slow-btn").click(
            lambda: time.sleep(1.5) or "slow done",
            None,
            slow,
            concurrency_id="single",
            concurrency_limit=1,
        )
        gr.Button("Queued", elem_id="queued-btn").click(
            lambda: "queued done", None, queued, concurrency_id="single", concurrency_limit=1
        )
        for i in range(12):
            gr.Textbox(f"filler {i}", label=f"filler {i}")
        far = gr.Textbox(label="far", elem_id="far")
        gr.Button("Scroll", elem_id="scroll-btn").click(
            lambda: "here", None, far, scroll_to_output=True
        )
    demo.queue(default_concurrency_limit=8)
    with serve(demo) as url:
        yield url


def test_streaming_outputs_show_each_yield(page: Page, progress_url: str) -> None:
    open_app(page, progress_url)
    page.locator("#stream-btn button").click()
    words = field(page, "words")
    expect(words).to_have_value(re.compile(r"^alpha( beta)?$"))
    expect(words).to_have_value("alpha beta gamma delta")


def test_cancels_stop_a_running_generator(page: Page, progress_url: str) -> None:
    open_app(page, progress_url)
    page.locator("#forever-btn button").click()
    ticker = field(page, "ticker")
    expect(ticker).to_have_value(re.compile(r"tick \d+"))
    page.locator("#stop-btn button").click()
    page.wait_for_timeout(400)
    stopped = ticker.input_value()
    page.wait_for_timeout(600)
    assert ticker.input_value() == stopped
    expect(page.locator("#ticker .sb-status")).to_have_count(0)


def test_progress_bar_shows_the_description_and_steps(page: Page, progress_url: str) -> None:
    open_app(page, progress_url)
    page.locator("#progress-btn button").click()
    expect(page.locator("#bar .sb-status")).to_contain_text(re.compile(r"Crunching \d/8"))
    expect(field(page, "bar")).to_have_value("crunched")
    expect(page.locator("#bar .sb-status")).to_have_count(0)


def test_show_progress_on_and_hidden(page: Page, progress_url: str) -> None:
    open_app(page, progress_url)
    page.locator("#elsewhere-btn button").click()
    expect(page.locator("#shown-on .sb-status")).to_have_count(1)
    expect(page.locator("#quiet .sb-status")).to_have_count(0)
    expect(field(page, "quiet")).to_have_value("done")
    page.locator("#hidden-btn button").click()
    page.wait_for_timeout(300)
    expect(page.locator(".sb-status")).to_have_count(0)
    expect(field(page, "hushed")).to_have_value("done")


def test_queue_position_is_shown_while_waiting(page: Page, progress_url: str) -> None:
    open_app(page, progress_url)
    page.locator("#slow-btn button").click()
    page.locator("#queued-btn button").click()
    expect(page.locator("#queued .sb-status")).to_contain_text(re.compile(r"queue: \d"))
    expect(field(page, "queued")).to_have_value("queued done", timeout=5000)


def test_scroll_to_output(page: Page, progress_url: str) -> None:
    page.set_viewport_size({"width": 1000, "height": 500})
    open_app(page, progress_url)
    page.locator("#scroll-btn button").click()
    expect(field(page, "far")).to_have_value("here")
    expect(page.locator("#far")).to_be_in_viewport()


# -- login -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def auth_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        gr.Textbox("secret stuff", label="inside", elem_id="inside")
    with serve(demo, auth=("ada", "lovelace"), auth_message="Members only") as url:
        yield url


def test_login_page_rejects_then_accepts(page: Page, auth_url: str) -> None:
    page.goto(auth_url)
    expect(page.get_by_text("Members only")).to_be_visible()
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("alert")).to_contain_text("Incorrect")
    page.get_by_label("Password").fill("lovelace")
    page.get_by_role("button", name="Login").click()
    expect(field(page, "inside")).to_have_value("secret stuff")


# -- examples ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name", elem_id="ex-name")
        count = gr.Number(label="Count", elem_id="ex-count")
        result = gr.Textbox(label="Result", elem_id="ex-result")
        gr.Examples(
            [["Ada", 3], ["Grace", 5]],
            [name, count],
            result,
            fn=lambda n, c: f"{n} x{int(c)}",
            run_on_click=True,
            label="Try these",
        )
    with serve(demo) as url:
        yield url


def test_clicking_an_example_fills_the_inputs_and_runs(page: Page, examples_url: str) -> None:
    open_app(page, examples_url)
    expect(page.get_by_text("Try these")).to_be_visible()
    page.get_by_role("row", name="Grace 5").click()
    expect(field(page, "ex-name")).to_have_value("Grace")
    expect(page.get_by_label("Count")).to_have_value("5")
    expect(field(page, "ex-result")).to_have_value("Grace x5")


def test_interface_examples_in_the_page(page: Page) -> None:
    demo = gr.Interface(lambda s: s[::-1], "text", "text", examples=[["stressed"]])
    with serve(demo) as url:
        open_app(page, url)
        page.get_by_role("group", name="Examples").get_by_text("stressed").click()
        expect(page.get_by_role("textbox").first).to_have_value("stressed")
        page.get_by_role("button", name="Submit").click()
        expect(page.get_by_role("textbox").nth(1)).to_have_value("desserts")
