"""Property tests of the payload codecs (hypothesis): FileData, every component's preprocess
and postprocess, and the encoding of server-sent messages."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import Figures

import specblocks as gr
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError
from specblocks.core._media_io import FILE_DATA_KEYS, parse_file
from specblocks.server._files import file_paths, is_file_data
from specblocks.server._messages import (
    Log,
    Output,
    ProcessCompleted,
    ProcessGenerating,
    encode,
)

EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Every component the package exports, built with its defaults.
COMPONENTS = sorted(
    name
    for name in gr.__all__
    if isinstance(getattr(gr, name), type)
    and issubclass(getattr(gr, name), Component)
    and getattr(gr, name).__name__ == name
)

text = st.text(max_size=40)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63)
    | text
    | st.floats(allow_nan=False, allow_infinity=False)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
#: Objects shaped like the payloads components take, with wrong or hostile values inside.
payload_keys = st.sampled_from(
    ["path", "url", "meta", "headers", "data", "text", "files", "value", "background",
     "layers", "composite", "image", "video", "subtitles", "role", "content", "metadata",
     "label", "confidences", "annotations", "token", "class_or_confidence", "orig_name"]
)  # fmt: skip
#: Values within the usual ranges (a Slider's 0-100, short texts, small lists).
plain = st.integers(0, 100) | st.floats(0, 100) | st.text(max_size=8) | st.lists(text, max_size=3)
tables = st.fixed_dictionaries(
    {
        "headers": st.lists(json_scalars, max_size=4),
        "data": st.lists(st.lists(json_values, max_size=5), max_size=4),
    },
    optional={"metadata": json_values},
)
shaped = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(payload_keys, inner, max_size=5),
    max_leaves=14,
)

PREPROCESSED: dict[str, dict[str, int]] = {}


def _component(name: str) -> Component:
    component: Component = getattr(gr, name)(render=False)
    return component


@pytest.mark.parametrize("name", COMPONENTS)
def test_preprocess_refuses_bad_payloads_only_with_a_payload_error(
    name: str, figures: Figures
) -> None:
    """Any JSON a client can send is either accepted or refused with a PayloadError (which
    the server turns into a failed event naming the problem), never another exception."""
    component = _component(name)
    seen = PREPROCESSED.setdefault(name, {"accepted": 0, "refused": 0})

    @EXAMPLES
    @given(payload=json_values | shaped | tables)
    def check(payload: Any) -> None:
        message = None
        try:
            component.preprocess(payload)
        except PayloadError as exc:
            message = str(exc)
        if message is None:
            seen["accepted"] += 1
        else:
            assert message.strip(), "a refusal names the problem"
            seen["refused"] += 1

    check()
    figures(
        "component preprocess",
        components=len(PREPROCESSED),
        payloads=sum(c["accepted"] + c["refused"] for c in PREPROCESSED.values()),
        refused_with_payload_error=sum(c["refused"] for c in PREPROCESSED.values()),
        other_exceptions=0,
    )


@pytest.mark.parametrize("name", COMPONENTS)
def test_what_a_function_receives_it_can_return(name: str, figures: Figures) -> None:
    """An echo works for every component: whatever ``preprocess`` gives a function (for any
    payload it accepts), ``postprocess`` takes back and turns into JSON."""
    component = _component(name)
    echoed = ECHOED.setdefault(name, 0)

    @EXAMPLES
    @given(payload=plain | json_values | shaped | tables)
    def check(payload: Any) -> None:
        try:
            value = component.preprocess(payload)
        except PayloadError:
            return
        if name == "JSON" and isinstance(value, str):
            return  # a returned string is JSON text to parse (as in Gradio), not a value
        json.dumps(component.postprocess(value), allow_nan=True, default=_not_json)
        ECHOED[name] += 1

    check()
    assert ECHOED[name] > echoed  # some payloads were accepted and echoed
    figures("component echo", components=len(ECHOED), echoed=sum(ECHOED.values()))


ECHOED: dict[str, int] = {}


def _not_json(value: Any) -> Any:
    raise TypeError(f"postprocess gave a value JSON cannot hold: {type(value).__name__}")


def _stable(name: str, strategy: st.SearchStrategy[Any], **kwargs: Any) -> Callable[[], None]:
    """preprocess ∘ postprocess is the identity on what preprocess gives (a value sent out and
    sent back arrives unchanged)."""
    component: Component = getattr(gr, name)(render=False, **kwargs)

    @EXAMPLES
    @given(value=strategy)
    def check(value: Any) -> None:
        payload = component.postprocess(value)
        received = component.preprocess(json.loads(json.dumps(payload)))
        again = component.preprocess(json.loads(json.dumps(component.postprocess(received))))
        assert again == received

    return check


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
ROUND_TRIPS: dict[str, tuple[str, st.SearchStrategy[Any], dict[str, Any]]] = {
    "Textbox": ("Textbox", st.text(), {}),
    "Code": ("Code", st.text(), {}),
    "Markdown": ("Markdown", st.text(), {}),
    "Number": ("Number", finite, {}),
    "Slider": ("Slider", st.floats(0, 100), {"minimum": 0, "maximum": 100}),
    "Checkbox": ("Checkbox", st.booleans(), {}),
    "CheckboxGroup": (
        "CheckboxGroup", st.lists(st.sampled_from(["a", "b", "c"]), unique=True),
        {"choices": ["a", "b", "c"]},
    ),
    "Radio": ("Radio", st.sampled_from(["a", "b"]), {"choices": ["a", "b"]}),
    "Dropdown": ("Dropdown", st.sampled_from(["a", "b"]), {"choices": ["a", "b"]}),
    "ColorPicker": ("ColorPicker", st.from_regex(r"#[0-9a-f]{6}", fullmatch=True), {}),
    # a returned string is JSON text to parse (as in Gradio), so the values are containers
    "JSON": ("JSON", st.lists(json_values) | st.dictionaries(text, json_values), {}),
    "HighlightedText": (
        "HighlightedText",
        st.lists(st.tuples(st.text(min_size=1), st.none() | st.sampled_from(["x", "y"]))),
        {},
    ),
    "Dataframe": (
        "Dataframe",
        st.lists(st.lists(st.integers(-1000, 1000), min_size=3, max_size=3), max_size=5),
        {"headers": ["a", "b", "c"], "type": "array"},
    ),
    "Chatbot": (
        "Chatbot",
        st.lists(
            st.fixed_dictionaries(
                {"role": st.sampled_from(["user", "assistant"]), "content": st.text()}
            ),
            max_size=4,
        ),
        {},
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(ROUND_TRIPS))
def test_values_sent_out_and_back_arrive_unchanged(case: str) -> None:
    name, strategy, kwargs = ROUND_TRIPS[case]
    _stable(name, strategy, **kwargs)()


file_payloads = st.fixed_dictionaries(
    {"path": text},
    optional={
        "url": st.none() | text,
        "size": st.none() | st.integers(0, 2**40),
        "orig_name": st.none() | text,
        "mime_type": st.none() | text,
        "is_stream": st.booleans(),
        "meta": st.just({"_type": "gradio.FileData"}),
    },
)


@EXAMPLES
@given(payload=file_payloads, extra=st.dictionaries(text, json_values, max_size=3))
def test_every_payload_read_as_a_file_is_one_the_server_checks(
    payload: dict[str, Any], extra: dict[str, Any]
) -> None:
    """The safety invariant: whatever a component would read as a file reference, the file
    check before the event runs sees (and so refuses when it points outside)."""
    candidate = {**extra, **payload}
    try:
        ref = parse_file(candidate, "File")
    except PayloadError:
        return
    assert is_file_data(candidate)
    assert ref.path in list(file_paths({"nested": [candidate]}))


@EXAMPLES
@given(payload=file_payloads)
def test_file_payloads_parse_to_their_own_fields(payload: dict[str, Any]) -> None:
    ref = parse_file(payload, "File")
    assert ref.path == payload["path"]
    assert ref.url == payload.get("url")
    assert ref.size == payload.get("size")
    assert payload.keys() <= FILE_DATA_KEYS


def _frame_data(frame: bytes) -> Any:
    assert frame.startswith(b"data: ")
    assert frame.endswith(b"\n\n")
    body = frame[len(b"data: ") : -2]
    assert b"\n" not in body
    assert b"\r" not in body  # a bare CR would end the line for an SSE parser
    return json.loads(body)


@EXAMPLES
@given(data=st.lists(json_values, max_size=4), event_id=text, generating=st.booleans())
def test_messages_are_one_sse_frame_that_decodes_to_themselves(
    data: list[Any], event_id: str, generating: bool
) -> None:
    output = Output(data=data, is_generating=generating)
    kind = ProcessGenerating if generating else ProcessCompleted
    message = kind(event_id=event_id, output=output, success=True)
    decoded = _frame_data(encode(message))
    assert decoded["msg"] == message.msg
    assert decoded["event_id"] == event_id
    assert decoded["output"]["data"] == data


@EXAMPLES
@given(text=st.text(), title=st.none() | st.text())
def test_user_messages_with_any_text_stay_one_frame(text: str, title: str | None) -> None:
    message = Log(event_id="e", log=text, level="info", title=title)
    decoded = _frame_data(encode(message))
    assert decoded["log"] == text
    assert decoded["title"] == title


def test_non_finite_numbers_in_outputs_do_not_break_a_frame() -> None:
    output = Output(data=[math.inf, -math.inf, math.nan])
    frame = encode(ProcessCompleted(event_id="e", output=output, success=True))
    assert _frame_data(frame)["output"]["data"] == [None, None, None]
