"""The harness: one component in a small app, served on 127.0.0.1, and checks against it.

Every event listener of the component under test writes what it received (the input value and
the event data, as JSON) into its own log box (``#log-<event>``). Checks wait on those boxes in
the page, so they retry on visible DOM instead of waiting on network calls.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

import specblocks as gr
from specblocks.core._blocks import Block, BlockContext
from specblocks.core._component import Component
from specblocks.testing._driver import UNSET, Driver, Expect, Subject

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: The label the harness gives the component under test.
LABEL = "Subject label"
#: How long checks wait for the page, in milliseconds.
TIMEOUT_MS = 10_000


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        if isinstance(value, tuple | list):
            return [_jsonable(v) for v in value]
        if isinstance(value, dict):
            return {str(k): _jsonable(v) for k, v in value.items()}
        if hasattr(value, "tolist"):
            return _jsonable(value.tolist())
        return repr(value)
    return list(value) if isinstance(value, tuple) else value


def _recorder(event: str, with_value: bool) -> Callable[..., str]:
    def text(value: Any, evt: gr.EventData) -> str:
        return json.dumps(
            {"event": event, "value": _jsonable(value), "data": _jsonable(evt._data)},
            sort_keys=True,
        )

    def record_value(value: Any, evt: gr.EventData) -> str:
        return text(value, evt)

    def record_event(evt: gr.EventData) -> str:
        return text(None, evt)

    return record_value if with_value else record_event


def _params(cls: Callable[..., Any]) -> set[str]:
    import inspect

    return set(inspect.signature(cls).parameters)


def harness_app(
    cls: Callable[..., Block], events: Sequence[str], driver: Driver | None = None
) -> gr.Blocks:
    """A page with the component under test, a non-interactive copy, and one log per event."""
    driver = driver or Driver()
    params = _params(cls)
    name = getattr(cls, "__name__", "Component")
    extra: dict[str, Any] = {"elem_id": "subject"} if "elem_id" in params else {}
    if "label" in params:
        extra["label"] = LABEL
    with gr.Blocks(title=f"{name} harness") as demo:
        gr.Markdown(f"# {name} harness", elem_id="harness-title")
        subject = cast("Component | BlockContext", driver.build(cls, **extra))
        if "interactive" in params and "interactive" not in driver.kwargs:
            static: dict[str, Any] = {"elem_id": "subject-static", "interactive": False}
            if "label" in params:
                static["label"] = f"{LABEL} (read-only)"
            driver.build(cls, **static)
        inputs = driver.inputs(subject)
        if "visible" in params:
            gr.Button("Hide", elem_id="hide").click(
                lambda: gr.update(visible=False), None, subject, api_visibility="private"
            )
            gr.Button("Show", elem_id="show").click(
                lambda: gr.update(visible=True), None, subject, api_visibility="private"
            )
        if not isinstance(subject, BlockContext):
            new_value = driver.new_value
            gr.Button("Set value", elem_id="set-value").click(
                lambda: new_value, None, subject, api_visibility="private"
            )
        for event in events:
            log = gr.Textbox(label=f"log {event}", elem_id=f"log-{event}", interactive=False)
            listener = getattr(subject, event)
            listener(
                _recorder(event, bool(inputs)), inputs=inputs, outputs=log, api_visibility="private"
            )
    return demo


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(app: gr.Blocks, **launch: Any) -> Iterator[str]:
    """Run ``app`` on a free loopback port for the duration of the block; yields its URL."""
    port = _free_port()
    app.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        **launch,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def open_app(page: Page, url: str) -> None:
    """Load an app page and wait until it is drawn."""
    page.goto(url)
    page.wait_for_selector("#sb-root[data-ready=true]", timeout=TIMEOUT_MS)


class Harness:
    """Checks against one harness page.

    Args:
        page: A Playwright page.
        url: The harness app's URL.
        driver: The component's driver.
    """

    def __init__(self, page: Page, url: str, driver: Driver) -> None:
        self.page = page
        self.url = url
        self.driver = driver

    def open(self) -> Subject:
        """(Re)load the page; returns the component under test."""
        open_app(self.page, self.url)
        return Subject(
            self.page, self.page.locator("#subject"), self.page.locator("#subject-static")
        )

    # -- the shared property suite -----------------------------------------------------
    def check_label(self) -> None:
        """The label is shown and names the control for assistive technology."""
        from playwright.sync_api import expect

        s = self.open()
        expect(s.root.get_by_text(LABEL, exact=True).first).to_be_visible()

    def check_visible(self) -> None:
        """An update with ``visible=False`` hides the component; ``visible=True`` shows it."""
        from playwright.sync_api import expect

        s = self.open()
        expect(s.root).to_be_visible()
        self.page.locator("#hide button").click()
        expect(s.root).to_be_hidden(timeout=TIMEOUT_MS)
        self.page.locator("#show button").click()
        expect(s.root).to_be_visible(timeout=TIMEOUT_MS)

    def check_elem_id(self) -> None:
        """``elem_id`` becomes the element's HTML id."""
        from playwright.sync_api import expect

        s = self.open()
        expect(s.root).to_have_count(1)
        expect(s.root).to_have_attribute("data-testid", re.compile(".+"))

    def check_interactive(self) -> None:
        """``interactive=False`` makes the component read-only; the default lets users edit."""
        s = self.open()
        self.driver.check_interactive(s)
        self.driver.check_static(s)

    # -- events ------------------------------------------------------------------------
    def check_event(self, event: str) -> None:
        """Trigger ``event`` as a user would; the listener must receive what the driver says.

        For an event the driver lists as ``untestable``, a failure is an expected failure
        (``xfail`` with the driver's reason) and a pass is an error.
        """
        import pytest

        reason = self.driver.untestable.get(event)
        try:
            self._trigger(event)
        except Exception as exc:
            if reason is None:
                raise
            pytest.xfail(f"{reason} ({type(exc).__name__})")
        if reason is not None:
            raise AssertionError(
                f"{type(self.driver).__name__}.untestable lists {event!r} ({reason}), "
                "but its test passed: remove it from the list"
            )

    def _trigger(self, event: str) -> None:
        s = self.open()
        action = getattr(self.driver, f"event_{event}", None)
        if action is None:
            raise AssertionError(
                f"{type(self.driver).__name__} has no event_{event}(): "
                f"it does not know how a user triggers {event!r}"
            )
        expected: Expect = action(s)
        self.expect_log(event, expected)

    def expect_log(self, event: str, expected: Expect) -> None:
        """Wait until the log of ``event`` shows a record matching ``expected``."""
        want = {
            "value": None if expected.value is UNSET else expected.value,
            "checkValue": expected.value is not UNSET,
            "data": expected.data,
            "pattern": expected.value_matches,
        }
        selector = f"#log-{event} textarea, #log-{event} input"
        try:
            self.page.wait_for_function(_MATCH_JS, arg=[selector, want, event], timeout=TIMEOUT_MS)
        except Exception as exc:
            shown = self.page.locator(selector).first.input_value()
            raise AssertionError(
                f"the {event!r} listener did not receive {want}; its log shows {shown!r}"
            ) from exc


_MATCH_JS = """
([selector, want, event]) => {
  const box = document.querySelector(selector);
  if (!box || !box.value) return false;
  let record;
  try { record = JSON.parse(box.value); } catch { return false; }
  if (record.event !== event) return false;
  const canon = (v) => Array.isArray(v) ? v.map(canon)
    : v && typeof v === "object"
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])]))
    : v;
  const same = (a, b) => JSON.stringify(canon(a)) === JSON.stringify(canon(b));
  if (want.checkValue && !same(record.value, want.value)) return false;
  if (want.pattern && !new RegExp(want.pattern).test(JSON.stringify(record.value))) return false;
  if (want.data) {
    const data = record.data || {};
    for (const [key, value] of Object.entries(want.data)) {
      if (!same(data[key], value)) return false;
    }
  }
  return true;
}
"""
