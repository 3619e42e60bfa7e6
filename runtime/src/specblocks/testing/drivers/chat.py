"""Drivers of the rich-text and chat components.

Chatbot, Markdown, HTML, JSON, Label, HighlightedText, ParamViewer and Navbar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import FilePayload, Locator

    from specblocks.core._blocks import Block


@register_driver
class MarkdownDriver(Driver):
    component = "Markdown"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": "# Title\n\nSome **bold** text.",
        "buttons": ["copy"],
        "container": True,  # without a container no label is shown
    }
    new_value = "*set by the server*"

    def event_copy(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Copy", exact=True).click()
        return Expect(data={"value": "# Title\n\nSome **bold** text."})

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value=self.new_value)

    def control(self, s: Subject) -> Locator:
        return s.root.locator(".sb-md").first


def _message(role: str, text: str, options: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A message as a Chatbot listener receives it (its preprocessed form)."""
    return {
        "role": role,
        "metadata": None,
        "content": [{"text": text, "type": "text"}],
        "options": options,
    }


@register_driver
class ChatbotDriver(Driver):
    component = "Chatbot"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": [
            {"role": "user", "content": "Hello"},
            {
                "role": "assistant",
                "content": "Hi there",
                "options": [{"value": "opt-a", "label": "Option A"}, {"value": "opt-b"}],
            },
        ],
        "editable": "user",
        "examples": [{"text": "Example prompt"}],
    }
    new_value: ClassVar[Any] = [
        {"role": "user", "content": "Server question"},
        {"role": "assistant", "content": "Server answer"},
    ]

    def control(self, s: Subject) -> Locator:
        return s.root.locator(".sb-chat-log")

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(
            value=[_message("user", "Server question"), _message("assistant", "Server answer")]
        )

    def event_clear(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear", exact=True).click()
        return Expect(value=[])

    def event_copy(self, s: Subject) -> Expect:
        s.root.get_by_test_id("bot").get_by_role("button", name="Copy message").click()
        return Expect(data={"value": "Hi there"})

    def event_edit(self, s: Subject) -> Expect:
        s.root.get_by_test_id("user").get_by_role("button", name="Edit").click()
        s.root.get_by_role("textbox", name="Edit message").fill("Hello again")
        s.root.get_by_role("button", name="Submit").click()
        return Expect(
            data={"index": 0, "value": "Hello again", "previous_value": "Hello"},
            value_matches="Hello again",
        )

    def event_example_select(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Clear", exact=True).click()
        s.root.get_by_role("listitem").filter(has_text="Example prompt").click()
        return Expect(data={"index": 0, "value": {"text": "Example prompt"}})

    def event_like(self, s: Subject) -> Expect:
        s.root.get_by_test_id("bot").get_by_role("button", name="Like", exact=True).click()
        return Expect(data={"index": 1, "value": ["Hi there"], "liked": True})

    def event_option_select(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Option A").click()
        return Expect(data={"index": 0, "value": "opt-a"})

    def event_retry(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Retry").click()
        return Expect(data={"index": 0, "value": "Hello"})

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_test_id("bot").get_by_text("Hi there").click()
        return Expect(data={"index": 1, "value": "Hi there"})

    def event_undo(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Undo").click()
        return Expect(data={"index": 0, "value": "Hello"})


# -- HTML -------------------------------------------------------------------------------------

_FILE = {"path": "notes.txt", "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}

#: Events the HTML harness fires from a button of its template, with the event data sent.
_HTML_BUTTONS: dict[str, dict[str, Any]] = {
    "apply": {},
    "clear": {},
    "click": {},
    "collapse": {},
    "copy": {"value": "copied text"},
    "delete": _FILE,
    "download": _FILE,
    "edit": {"index": 0, "value": "new", "previous_value": "old"},
    "end": {},
    "example_select": {"index": 0, "value": "example"},
    "expand": {},
    "like": {"index": 0, "value": "message", "liked": True},
    "load": {},
    "option_select": {"index": 1, "value": "option"},
    "pause": {},
    "pause_recording": {},
    "play": {},
    "release": {},
    "retry": {"index": 0, "value": "message"},
    "select": {"index": 2, "value": "item", "selected": True},
    "start_recording": {},
    "stop": {},
    "stop_recording": {},
    "stream": {},
    "tick": {},
    "undo": {"index": 0, "value": "message"},
}


def _html_template() -> str:
    import html
    import json

    buttons = "".join(
        f'<button type="button" data-event="{event}" '
        f'data-payload="{html.escape(json.dumps(payload))}">Fire {event}</button>'
        for event, payload in _HTML_BUTTONS.items()
    )
    return (
        '<div class="demo">'
        '<p>Value: <span class="shown">${value}</span></p>'
        '<label>Demo input <input type="text" class="demo-input"></label>'
        '<label>Demo file <input type="file" class="demo-file"></label>'
        '<button type="button" class="set-value">Change value</button>'
        '<div class="dbl" style="padding: 8px; border: 1px dashed">Double-click here</div>'
        f'<div class="demo-buttons">{buttons}</div>'
        "</div>"
    )


_HTML_JS = """
const input = element.querySelector('.demo-input');
input.addEventListener('focus', () => trigger('focus'));
input.addEventListener('blur', () => trigger('blur'));
input.addEventListener('input', () => trigger('input'));
input.addEventListener('keyup', (e) => trigger('key_up', {key: e.key, input_value: input.value}));
input.addEventListener('keydown', (e) => { if (e.key === 'Enter') trigger('submit'); });
element.querySelector('.dbl').addEventListener('dblclick', () => trigger('double_click'));
element.querySelector('.set-value').addEventListener('click', () => {
  props.value = 'changed by the page';
});
const file = element.querySelector('.demo-file');
file.addEventListener('change', async () => {
  const chosen = file.files[0];
  if (!chosen) return;
  const stored = await upload(chosen);
  props.value = 'uploaded ' + chosen.name;
  trigger('upload', stored);
});
element.querySelectorAll('button[data-event]').forEach((button) => {
  const data = JSON.parse(button.dataset.payload);
  button.addEventListener('click', () => trigger(button.dataset.event, data));
});
"""


@register_driver
class HTMLDriver(Driver):
    component = "HTML"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": "hello",
        "html_template": _html_template(),
        "js_on_load": _HTML_JS,
        "show_label": True,
        "container": True,  # without a container no label is shown
    }
    new_value = "set by the server"

    def control(self, s: Subject) -> Locator:
        return s.root.locator(".demo-input")

    def __getattr__(self, name: str) -> Any:
        event = name.removeprefix("event_")
        if name.startswith("event_") and event in _HTML_BUTTONS:
            payload = _HTML_BUTTONS[event]

            def fire(s: Subject) -> Expect:
                s.root.get_by_role("button", name=f"Fire {event}", exact=True).click()
                return Expect(value="hello", data=payload or None)

            return fire
        raise AttributeError(name)

    def event_click(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Fire click", exact=True).click()
        return Expect(value="hello")

    def event_change(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Change value").click()
        return Expect(value="changed by the page")

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value="hello")

    def event_blur(self, s: Subject) -> Expect:
        self.control(s).click()
        s.outside()
        return Expect(value="hello")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).fill("typed")
        return Expect(value="hello")

    def event_key_up(self, s: Subject) -> Expect:
        self.control(s).click()
        s.page.keyboard.type("ab")
        return Expect(value="hello", data={"key": "b", "input_value": "ab"})

    def event_submit(self, s: Subject) -> Expect:
        self.control(s).fill("sent")
        self.control(s).press("Enter")
        return Expect(value="hello")

    def event_double_click(self, s: Subject) -> Expect:
        s.root.get_by_text("Double-click here").dblclick()
        return Expect(value="hello")

    def event_upload(self, s: Subject) -> Expect:
        note: FilePayload = {"name": "note.txt", "mimeType": "text/plain", "buffer": b"hello"}
        s.root.locator(".demo-file").set_input_files(files=[note])
        return Expect(value="uploaded note.txt")


# -- JSON, Label, HighlightedText, ParamViewer, Navbar ---------------------------------------


@register_driver
class JSONDriver(Driver):
    component = "JSON"
    kwargs: ClassVar[dict[str, Any]] = {"value": {"name": "specblocks", "tags": ["a", "b"]}}
    new_value: ClassVar[Any] = {"set": "by the server", "items": [1, 2, 3]}

    def control(self, s: Subject) -> Locator:
        return s.root.locator(".sb-json-tree")


@register_driver
class LabelDriver(Driver):
    component = "Label"
    kwargs: ClassVar[dict[str, Any]] = {"value": {"cat": 0.7, "dog": 0.2, "bird": 0.1}}
    new_value: ClassVar[Any] = {"fish": 0.9, "frog": 0.1}

    def control(self, s: Subject) -> Locator:
        return s.root.locator(".sb-label-rows")

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_role("option", name="dog").click()
        return Expect(
            value={"cat": 0.7, "dog": 0.2, "bird": 0.1}, data={"index": 1, "value": "dog"}
        )


def _span(token: str, category: str | None) -> dict[str, Any]:
    return {"token": token, "class_or_confidence": category}


@register_driver
class HighlightedTextDriver(Driver):
    component = "HighlightedText"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": [("The ", None), ("quick", "adj"), (" fox", "noun")],
        "show_legend": True,
    }
    new_value: ClassVar[Any] = [("A ", None), ("cat", "noun")]

    def control(self, s: Subject) -> Locator:
        return s.root.locator(".sb-ht-token").first

    def check_interactive(self, s: Subject) -> None:
        """Clicking a span of the editable instance offers to change its category."""
        from playwright.sync_api import expect

        s.root.get_by_role("button", name="quick (adj)").click()
        expect(s.root.get_by_role("combobox", name="Category")).to_have_value("adj")

    def check_static(self, s: Subject) -> None:
        """The read-only instance offers no editing: its spans are not buttons."""
        from playwright.sync_api import expect

        expect(s.static.get_by_text("quick")).to_be_visible()
        s.static.get_by_text("quick").click()
        expect(s.static.get_by_role("combobox", name="Category")).to_have_count(0)
        expect(s.static.get_by_role("button", name="quick (adj)")).to_have_count(0)

    def event_change(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="quick (adj)").click()
        s.root.get_by_role("combobox", name="Category").fill("verb")
        s.root.get_by_role("button", name="Apply").click()
        return Expect(value=[_span("The ", None), _span("quick", "verb"), _span(" fox", "noun")])

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="fox (noun)").click()
        return Expect(data={"index": 2, "value": [" fox", "noun"]})


@register_driver
class ParamViewerDriver(Driver):
    """ParamViewer shows documentation; it has nothing a user could upload."""

    component = "ParamViewer"
    untestable: ClassVar[dict[str, str]] = {
        "upload": "the element shows documentation and offers nothing to upload; Gradio's "
        "ParamViewer lists the event but never fires it either",
    }
    kwargs: ClassVar[dict[str, Any]] = {
        "value": {"x": {"type": "int", "description": "The *x* value.", "default": "1"}},
    }
    new_value: ClassVar[Any] = {
        "y": {"type": "str | None", "description": "Set by the server.", "default": None}
    }

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        """ParamViewer takes no ``elem_id`` (nor label or visibility): leave it out."""
        kwargs.pop("elem_id", None)
        return cls(**{**self.kwargs, **kwargs})


@register_driver
class NavbarDriver(Driver):
    component = "Navbar"
    kwargs: ClassVar[dict[str, Any]] = {"value": [["Docs", "docs"]]}
    new_value: ClassVar[Any] = [["About", "about"], ["Source", "https://example.com/"]]

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("link").first
