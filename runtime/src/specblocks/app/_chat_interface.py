"""``ChatInterface``: a whole chat app around one function.

The page is a chatbot, a message box and, optionally, examples and additional inputs. Every
user action is a chain of listeners over a few hidden States:

- ``saved_input``: the message being sent (the box is cleared at once);
- ``chatbot_state``: the conversation the function is given as ``history``, kept per session;
- ``chatbot_value``: public; setting it from another listener replaces the conversation.

Sending: clear the box and keep the message, show the user's message, run the function (its
reply streams into the chatbot), store the conversation, enable the box again. Retry, undo,
edit, option and example clicks reuse the same steps. The API endpoint (``/chat`` or the
function's name) runs the function on a message and the session's stored conversation, and
answers with the reply only.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specblocks import components
from specblocks._generated.blocks import BlocksOptions
from specblocks._generated.chat_interface import ChatInterfaceBase

# at run time, not only for the type checker: listeners ask for event data by annotation
from specblocks._generated.event_data import EditData, LikeData, SelectData
from specblocks.app._blocks import Blocks
from specblocks.app._examples import Examples
from specblocks.app._interface import components_from, write_flag
from specblocks.app._outputs import update
from specblocks.components import _layouts as layouts
from specblocks.components._chat import ChatMessage
from specblocks.core._component import Component
from specblocks.core._i18n import I18nData

if TYPE_CHECKING:
    from specblocks._generated.chat_interface import ChatInterfaceOptions

History = list[Any]  # message dicts (and ChatMessages in replies)
#: The chat's own texts, translated in the browser (English: "Type a message..." ...).
_PLACEHOLDER = I18nData("chat_interface.message_placeholder")


def _kind(fn: Callable[..., Any]) -> str:
    """How ``fn`` must be called: "async_gen", "gen", "async" or "sync"."""
    target = inspect.unwrap(fn)
    call = getattr(target, "__call__", None)  # noqa: B004 - callable objects count by their __call__
    for candidate in (target, call):
        if candidate is None:
            continue
        if inspect.isasyncgenfunction(candidate):
            return "async_gen"
        if inspect.isgeneratorfunction(candidate):
            return "gen"
        if inspect.iscoroutinefunction(candidate):
            return "async"
    return "sync"


def _plain(value: Any) -> Any:
    """A reply as API clients get it: ChatMessages as dicts, components as their values."""
    if isinstance(value, ChatMessage):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, Component):
        return value.postprocess(getattr(value, "value", None))
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _as_messages(response: Any) -> History:
    """The assistant messages a reply stands for (a list of replies is several messages)."""
    if response is None:
        return []
    if isinstance(response, list):
        return [m for item in response for m in _as_messages(item)]
    if isinstance(response, ChatMessage):
        return [response]
    if isinstance(response, Mapping) and "content" in response:
        return [{"role": "assistant", **response}]
    if isinstance(response, Mapping) and ("text" in response or "files" in response):
        return _user_parts(response, role="assistant")
    return [{"role": "assistant", "content": response}]


def _user_parts(message: Any, role: str = "user") -> History:
    """A sent message as chat messages: with files, one per file, then the text."""
    if isinstance(message, Mapping) and ("text" in message or "files" in message):
        files = message.get("files") or []
        out: History = [{"role": role, "content": {"path": _path(f)}} for f in files]
        text = message.get("text")
        if text:
            out.append({"role": role, "content": str(text)})
        return out
    if message is None or message == "":
        return []
    return [{"role": role, "content": message}]


def _path(file: Any) -> Any:
    if isinstance(file, Mapping):
        return file.get("path")
    return str(file)


def _text_of(content: Any) -> str:
    """The text of a chatbot message's content (parts, a string, or a file)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, Mapping))
    return ""


def _files_of(content: Any) -> list[str]:
    parts = content if isinstance(content, list) else [content]
    found = []
    for part in parts:
        if isinstance(part, Mapping):
            file = part.get("file") if part.get("type") == "file" else part
            path = file.get("path") if isinstance(file, Mapping) else None
            if isinstance(path, str):
                found.append(path)
    return found


def _like(fn: Callable[..., Any], wrapper: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``wrapper`` seen as ``fn`` (parameter names, docstring, specials), called ``name``."""
    functools.update_wrapper(wrapper, fn, updated=())
    wrapper.__name__ = wrapper.__qualname__ = name
    return wrapper


class ChatInterface(ChatInterfaceBase, Blocks):
    """A complete chat app around one function: the conversation, a message box, examples."""

    def _init_chat_interface(self, options: ChatInterfaceOptions) -> None:
        self.chat_options = options
        title = options.title
        self._init_blocks(
            BlocksOptions(
                analytics_enabled=options.analytics_enabled,
                mode="chat_interface",
                title=str(title) if title else "Gradio",
                fill_height=options.fill_height,
                fill_width=options.fill_width,
                delete_cache=options.delete_cache,
            )
        )
        self.fn = options.fn
        self.multimodal = options.multimodal
        self.kind = _kind(options.fn)
        self.is_generator = self.kind in ("gen", "async_gen")
        self.additional_inputs = components_from(options.additional_inputs, "input")
        outputs = options.additional_outputs
        self.additional_outputs: list[Component] = (
            []
            if outputs is None
            else [outputs]
            if isinstance(outputs, Component)
            else list(outputs)
        )
        self.api_name = options.api_name or (
            "chat" if options.fn.__name__ == "<lambda>" else options.fn.__name__
        )
        with self:
            self._build(options)

    # -- the page ---------------------------------------------------------------------------
    def _build(self, options: ChatInterfaceOptions) -> None:
        # blocks are made in Gradio's order, so that ids (and the labels and names made of
        # them) are the ones Gradio gives
        self.saved_conversations = components.BrowserState(
            [], storage_key=f"_saved_conversations_{self._id}"
        )
        self.conversation_id = components.State(None)
        self.saved_input = components.State()
        self.null_component = components.State()  # takes values that are not kept
        with layouts.Column():
            if options.title:
                components.Markdown(
                    f"<h1 style='text-align: center; margin-bottom: 1rem'>{options.title}</h1>"
                )
            if options.description:
                components.Markdown(options.description)
            if options.save_history:
                with layouts.Row(scale=1):
                    with layouts.Column(scale=1, min_width=100):
                        self.new_chat_btn = components.Button(
                            I18nData("chat_interface.new_chat"), variant="primary", size="md"
                        )
                        self.history_list = components.Dataset(
                            components=[components.Textbox(visible=False)],
                            show_label=False,
                            layout="table",
                            type="index",
                        )
                    with layouts.Column(scale=6):
                        self._chat_area(options)
                        self._footer(options)
            else:
                self._chat_area(options)
                self._footer(options)
        self._wire(options)

    def _chat_area(self, options: ChatInterfaceOptions) -> None:
        """The conversation, the message box and the hidden parts the listeners use."""
        self.chatbot = self._chatbot(options)
        with layouts.Group(), layouts.Row():
            self.textbox = self._textbox(options)
        self.fake_api_btn = components.Button("Fake API", visible=False)
        self.api_response = components.JSON(label="Response", visible=False)
        value = self.chatbot.value
        start = list(value) if isinstance(value, list) else []
        self.chatbot_state = components.State(start)
        self.chatbot_value = components.State(list(start))

    def _footer(self, options: ChatInterfaceOptions) -> None:
        """The examples table (shown when examples fill the additional inputs) and those inputs."""
        self.examples_handler: Examples | None = None
        if options.examples:
            self._examples_table(options)
        unrendered = [c for c in self.additional_inputs if c.parent is None]
        if unrendered:
            label = options.additional_inputs_accordion
            accordion = (
                layouts.Accordion(label or I18nData("chat_interface.additional_inputs"), open=False)
                if label is None or isinstance(label, str)
                else label.render()
            )
            with accordion:
                for component in unrendered:
                    component.render()

    @property
    def _examples_fill_inputs(self) -> bool:
        """Whether some example gives a value for an additional input (then they are a table)."""
        if not self.additional_inputs:
            return False
        return any(
            isinstance(example, list) and any(v is not None for v in example[1:])
            for example in self.chat_options.examples or []
        )

    def _chatbot(self, options: ChatInterfaceOptions) -> components.Chatbot:
        examples: Any = None  # examples that fill additional inputs are a table instead
        if not self._examples_fill_inputs:
            examples = [self._example_message(i, e) for i, e in enumerate(options.examples or [])]
        if options.chatbot is not None:
            chatbot = options.chatbot.render()
            assert isinstance(chatbot, components.Chatbot)
            if examples and not chatbot.examples:
                chatbot.examples = examples
            if options.editable and chatbot.editable is None:
                chatbot.editable = "user"
            return chatbot
        chatbot = components.Chatbot(
            label=I18nData("chat_interface.chatbot"),
            scale=1,
            height=400 if not options.fill_height else None,
            autoscroll=options.autoscroll,
            examples=examples,
            editable="user" if options.editable else None,
        )
        if options.flagging_mode == "manual":
            chatbot.feedback_options = list(options.flagging_options or ())
        return chatbot

    def _example_message(self, index: int, example: Any) -> dict[str, Any]:
        options = self.chat_options
        message: dict[str, Any] = {}
        if isinstance(example, Mapping):
            message["text"] = example.get("text")
            if example.get("files"):
                message["files"] = list(example["files"])
        else:
            message["text"] = example[0] if isinstance(example, list) else example
        if options.example_labels and index < len(options.example_labels):
            message["display_text"] = options.example_labels[index]
        if options.example_icons and index < len(options.example_icons):
            message["icon"] = options.example_icons[index]
        return message

    def _textbox(self, options: ChatInterfaceOptions) -> Component:
        submit = options.submit_btn if options.submit_btn is not None else False
        stop = options.stop_btn if options.stop_btn is not None and self.is_generator else False
        if options.textbox is not None:
            box = options.textbox.render()
            box.show_label = False
            if getattr(box, "submit_btn", False) is False and submit:
                box.submit_btn = submit
            if getattr(box, "stop_btn", False) is False and stop:
                box.stop_btn = stop
            if isinstance(box, components.MultimodalTextbox):
                self.multimodal = True
            return box
        common: dict[str, Any] = {
            "show_label": False,
            "label": "",
            "placeholder": _PLACEHOLDER,
            "scale": 7,
            "autofocus": options.autofocus,
            "submit_btn": submit,
            "stop_btn": stop,
        }
        if self.multimodal:
            return components.MultimodalTextbox(**common)
        return components.Textbox(lines=1, max_lines=20, **common)

    def _examples_table(self, options: ChatInterfaceOptions) -> None:
        """The examples as a table that fills the inputs.

        It is shown when examples fill additional inputs; otherwise the chatbot shows them as
        messages and the table stays hidden.
        """
        rows = [e if isinstance(e, list) else [e] for e in options.examples or []]
        inputs: list[Component] = [self.textbox, *self.additional_inputs]
        width = max(len(r) for r in rows)
        self.examples_handler = Examples(
            rows,
            inputs[:width],
            label=str(options.examples_label) if options.examples_label else "Examples",
            example_labels=options.example_labels,
            cache_examples=False,
            run_on_click=False,
            visible=self._examples_fill_inputs,
        )

    # -- the listeners ----------------------------------------------------------------------
    def _wire(self, options: ChatInterfaceOptions) -> None:
        inputs = [self.saved_input, self.chatbot_state, *self.additional_inputs]
        outputs = [*self.additional_outputs, self.chatbot]
        private: dict[str, Any] = {"api_visibility": "undocumented", "queue": False}
        run: dict[str, Any] = {
            "api_visibility": "undocumented",
            "show_progress": options.show_progress,
            "concurrency_limit": options.concurrency_limit,
            "concurrency_id": f"chat_{self._id}",
        }
        responder = self._responder()

        def respond(after: Any) -> Any:
            """The steps after the user's message is shown: reply, store, enable the box."""
            ran = after.then(responder, inputs, outputs, **run)
            synced = ran.then(
                self._sync, [self.chatbot], [self.chatbot_state, self.chatbot_value], **private
            )
            enabled = synced.then(self._enable, None, [self.textbox], **private)
            if options.save_history:
                enabled.then(
                    self._save_conversation,
                    [self.saved_conversations, self.conversation_id, self.chatbot_state],
                    [self.saved_conversations, self.conversation_id],
                    **private,
                )
            return ran

        validator = self._validator(options)
        submitted = self.textbox.submit(  # type: ignore[attr-defined]
            self._clear_and_save,
            [self.textbox],
            [self.textbox, self.saved_input],
            validator=validator,
            **private,
        )
        shown = submitted.success(
            self._append_user, [self.saved_input, self.chatbot_state], [self.chatbot], **private
        )
        runs = [respond(shown)]

        retried = self.chatbot.retry(
            self._pop_last_user, [self.chatbot_state], [self.chatbot_state, self.saved_input],
            **private,
        )  # fmt: skip
        shown = retried.then(
            self._append_user, [self.saved_input, self.chatbot_state], [self.chatbot], **private
        ).then(self._disable, None, [self.textbox], **private)
        runs.append(respond(shown))

        picked = self.chatbot.option_select(
            self._option_clicked, [self.chatbot], [self.chatbot, self.saved_input], **private
        )
        runs.append(respond(picked))

        example = self.chatbot.example_select(
            self._example_clicked, [self.chatbot], [self.chatbot, self.saved_input], **private
        )
        if options.run_examples_on_click:
            runs.append(respond(example.then(self._disable, None, [self.textbox], **private)))
        else:
            example.then(
                self._restore_box, [self.saved_input], [self.textbox, self.chatbot], **private
            )

        if options.editable or getattr(self.chatbot, "editable", None):
            edited = self.chatbot.edit(
                self._edit_message,
                [self.chatbot],
                [self.chatbot, self.chatbot_state, self.saved_input],
                **private,
            )
            runs.append(respond(edited))

        undone = self.chatbot.undo(
            self._pop_last_user_to_box, [self.chatbot], [self.chatbot, self.textbox], **private
        )
        undone.then(self._sync, [self.chatbot], [self.chatbot_state, self.chatbot_value], **private)

        cleared = self.chatbot.clear(
            lambda: ([], []), None, [self.chatbot_state, self.chatbot_value], **private
        )
        if options.save_history:
            cleared.then(
                self._delete_conversation,
                [self.saved_conversations, self.conversation_id],
                [self.saved_conversations, self.conversation_id],
                **private,
            )
            self._wire_history(private)

        if options.flagging_mode == "manual":
            self.chatbot.like(self._flagger(options), [self.chatbot], None, **private)

        self.textbox.stop(  # type: ignore[attr-defined]
            None, None, None, cancels=runs, api_visibility="private", queue=False
        )
        self.chatbot_value.change(
            lambda value: value, [self.chatbot_value], [self.chatbot], **private
        ).then(self._sync, [self.chatbot], [self.chatbot_state], **private)

        self.fake_api_btn.click(
            self._api_function(),
            [self.textbox, self.chatbot_state, *self.additional_inputs],
            [self.api_response, self.chatbot_state, *self.additional_outputs],
            api_name=self.api_name,
            api_description=options.api_description,
            api_visibility=options.api_visibility,
            concurrency_limit=options.concurrency_limit,
            concurrency_id=f"chat_{self._id}",
            validator=validator,
            postprocess=False,  # the reply is sent as it is (made JSON-ready by _plain)
        )

    def _validator(self, options: ChatInterfaceOptions) -> Callable[..., Any] | None:
        check = options.validator
        if check is None:
            return None
        extra = len(self.additional_inputs)

        def validate(message: Any, *rest: Any) -> Any:
            # the box's submit passes the message alone; the API also passes the history
            return check(message, *rest[len(rest) - extra :]) if extra else check(message)

        return validate

    # -- steps ------------------------------------------------------------------------------
    def _clear_and_save(self, message: Any) -> tuple[Any, Any]:
        empty: Any = {"text": "", "files": []} if self.multimodal else ""
        return update(value=empty, interactive=False, placeholder=""), message

    @staticmethod
    def _append_user(message: Any, history: History) -> History:
        return [*history, *_user_parts(message)]

    @staticmethod
    def _disable() -> Any:
        return update(interactive=False)

    def _enable(self) -> Any:
        return update(interactive=True, placeholder=_PLACEHOLDER)

    @staticmethod
    def _sync(history: History) -> tuple[History, History]:
        return history, history

    @staticmethod
    def _pop_last_user(history: History) -> tuple[History, Any]:
        """Drop the last exchange; return what is left and the user's message to send again."""
        kept = list(history)
        while kept and kept[-1].get("role") != "user":
            kept.pop()
        sent: list[dict[str, Any]] = []
        while kept and kept[-1].get("role") == "user":
            sent.insert(0, kept.pop())
        text = "".join(_text_of(m.get("content")) for m in sent)
        files = [f for m in sent for f in _files_of(m.get("content"))]
        return kept, {"text": text, "files": files} if files else text

    def _pop_last_user_to_box(self, history: History) -> tuple[History, Any]:
        kept, message = self._pop_last_user(history)
        if self.multimodal and isinstance(message, str):
            message = {"text": message, "files": []}
        return kept, message

    def _option_clicked(self, history: History, evt: SelectData) -> tuple[History, Any]:
        value = evt.value.get("value") if isinstance(evt.value, Mapping) else evt.value
        message = {"text": value, "files": []} if self.multimodal else value
        return [*history, *_user_parts(message)], message

    def _example_clicked(self, history: History, evt: SelectData) -> tuple[History, Any]:
        example = evt.value if isinstance(evt.value, Mapping) else {"text": evt.value}
        files = [_path(f) for f in example.get("files") or []]
        message: Any = (
            {"text": example.get("text") or "", "files": files}
            if self.multimodal or files
            else example.get("text") or ""
        )
        if not self.chat_options.run_examples_on_click:
            return history, message
        return [*history, *_user_parts(message)], message

    @staticmethod
    def _restore_box(message: Any) -> tuple[Any, Any]:
        return message, update()

    @staticmethod
    def _edit_message(history: History, evt: EditData) -> tuple[History, History, Any]:
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        kept = list(history[:index])
        message = evt.value if isinstance(evt.value, str) else _text_of(evt.value)
        shown = [*kept, {"role": "user", "content": message}]
        return shown, kept, message

    def _flagger(self, options: ChatInterfaceOptions) -> Callable[..., None]:
        folder = Path(options.flagging_dir)

        def flag(history: History, evt: LikeData) -> None:
            liked = evt.liked
            write_flag(
                folder,
                ["conversation", "index", "flag"],
                [repr(history), evt.index, liked if isinstance(liked, str) else bool(liked)],
            )

        return flag

    # -- saved conversations (save_history) -------------------------------------------------
    def _wire_history(self, private: dict[str, Any]) -> None:
        """The conversations panel: listed on load and after each change; open, start new."""
        saved, index = self.saved_conversations, self.conversation_id
        listing = [self.history_list]
        self.load(self._titles, [saved], listing, **private)
        saved.change(self._titles, [saved], listing, **private)
        self.history_list.select(
            self._open_conversation,
            [saved],
            [self.chatbot, self.chatbot_state, self.chatbot_value, index],
            **private,
        )
        self.new_chat_btn.click(
            lambda: ([], [], [], None),
            None,
            [self.chatbot, self.chatbot_state, self.chatbot_value, index],
            **private,
        )

    @staticmethod
    def _titles(saved: list[History] | None) -> Any:
        titles = []
        for conversation in saved or []:
            first = next((m for m in conversation if m.get("role") == "user"), None)
            text = _text_of(first.get("content")) if first else ""
            titles.append([text[:40] if text else str(I18nData("chat_interface.conversation"))])
        return update(samples=titles)

    @staticmethod
    def _open_conversation(
        saved: list[History] | None, evt: SelectData
    ) -> tuple[History, History, History, int | None]:
        # the clicked entry's index (the list is made in the browser session, not stored here)
        index = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        conversations = saved or []
        if not isinstance(index, int) or not 0 <= index < len(conversations):
            return [], [], [], None
        conversation = conversations[index]
        return conversation, conversation, conversation, index

    @staticmethod
    def _save_conversation(
        saved: list[History] | None, index: int | None, history: History
    ) -> tuple[list[History], int | None]:
        saved = list(saved or [])
        if not history:
            return saved, index
        if index is None or index >= len(saved):
            return [history, *saved], 0
        saved[index] = history
        return saved, index

    @staticmethod
    def _delete_conversation(
        saved: list[History] | None, index: int | None
    ) -> tuple[list[History], None]:
        saved = list(saved or [])
        if index is not None and 0 <= index < len(saved):
            saved.pop(index)
        return saved, None

    # -- running the function ---------------------------------------------------------------
    def _split(self, result: Any) -> tuple[Any, list[Any]]:
        """The reply and the additional outputs' values of one result."""
        if not self.additional_outputs:
            return result, []
        if not isinstance(result, tuple | list) or len(result) != 1 + len(self.additional_outputs):
            raise ValueError(
                f"ChatInterface: the function must return the reply followed by "
                f"{len(self.additional_outputs)} value(s) for additional_outputs, got "
                f"{type(result).__name__}."
            )
        return result[0], list(result[1:])

    def _responder(self) -> Callable[..., Any]:
        """The function the page runs: the reply goes into the chatbot after the message."""
        multimodal = self.multimodal

        def shown(message: Any, history: History, result: Any) -> Any:
            reply, extra = self._split(result)
            conversation = [*history, *_user_parts(message), *_as_messages(reply)]
            return (*extra, conversation) if extra else conversation

        def message_of(message: Any) -> Any:
            if multimodal and not isinstance(message, Mapping):
                return {"text": message or "", "files": []}
            return message

        return self._wrapped(shown, message_of, "_submit_fn")

    def _api_function(self) -> Callable[..., Any]:
        """The endpoint's function: the reply, and the session's conversation with it."""

        def answered(message: Any, history: History | None, result: Any) -> tuple[Any, ...]:
            reply, extra = self._split(result)
            stored = [*(history or []), *_user_parts(message), *_plain(_as_messages(reply))]
            return (_plain(reply), stored, *extra)

        return self._wrapped(answered, lambda message: message, self.api_name)

    def _wrapped(
        self,
        finish: Callable[..., Any],
        message_of: Callable[[Any], Any],
        name: str,
    ) -> Callable[..., Any]:
        """``fn`` as called by a listener, its results passed through ``finish``.

        The listener passes (message, history, *additional inputs); each result becomes
        ``finish(message, history, result)``. Sync, async or (async) generator, as ``fn`` is.
        """
        fn = self.fn

        async def stream_async(message: Any, history: Any, *args: Any, **kw: Any) -> Any:
            message = message_of(message)
            async for result in fn(message, list(history or []), *args, **kw):
                yield finish(message, history or [], result)

        def stream(message: Any, history: Any, *args: Any, **kw: Any) -> Any:
            message = message_of(message)
            for result in fn(message, list(history or []), *args, **kw):
                yield finish(message, history or [], result)

        async def reply_async(message: Any, history: Any, *args: Any, **kw: Any) -> Any:
            message = message_of(message)
            result = await fn(message, list(history or []), *args, **kw)
            return finish(message, history or [], result)

        def reply(message: Any, history: Any, *args: Any, **kw: Any) -> Any:
            message = message_of(message)
            return finish(message, history or [], fn(message, list(history or []), *args, **kw))

        chosen = {"async_gen": stream_async, "gen": stream, "async": reply_async}
        return _like(fn, chosen.get(self.kind, reply), name)
