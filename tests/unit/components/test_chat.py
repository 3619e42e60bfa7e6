"""Chatbot: wire conversations to message dicts and returned messages to the wire."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import specblocks as gr
from specblocks.components._chat import reasoning_segments
from specblocks.core import _files
from specblocks.core._files import FileCache
from specblocks.exceptions import PayloadError

META = {"_type": "gradio.FileData"}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileCache:
    cache = FileCache(tmp_path / "cache")
    monkeypatch.setattr(_files, "_default", cache)
    return cache


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "pic.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    return path


def text(value: str) -> dict[str, Any]:
    return {"text": value, "type": "text"}


def message(role: str, *parts: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"role": role, "metadata": None, "content": list(parts), "options": None, **extra}


def wire_file(path: str, **extra: Any) -> dict[str, Any]:
    return {
        "path": path,
        "url": None,
        "size": None,
        "orig_name": None,
        "mime_type": None,
        "is_stream": False,
        "meta": META,
        **extra,
    }


# -- preprocess ------------------------------------------------------------------------------


def test_preprocess_empty_conversation() -> None:
    chat = gr.Chatbot()
    assert chat.preprocess(None) == []
    assert chat.preprocess([]) == []


def test_preprocess_text_metadata_and_options() -> None:
    payload = [
        {"role": "user", "content": [{"type": "text", "text": "hi"}]},
        {
            "role": "assistant",
            "content": [{"text": "thinking", "type": "text", "ignored": 1}],
            "metadata": {"title": "Tool", "status": "pending", "unknown": "dropped"},
            "options": [{"value": "a"}, {"value": "b", "label": "Bee"}],
        },
    ]
    assert gr.Chatbot().preprocess(payload) == [
        message("user", text("hi")),
        {
            "role": "assistant",
            "metadata": {"title": "Tool", "status": "pending"},
            "content": [text("thinking")],
            "options": [{"value": "a"}, {"value": "b", "label": "Bee"}],
        },
    ]


def test_preprocess_file_part_is_normalised() -> None:
    payload = [
        {
            "role": "user",
            "content": [
                {"file": {"path": "/cache/a.png", "meta": META}, "alt_text": "a cat"},
                {"type": "file", "file": {"path": "/cache/b.txt", "mime_type": "text/plain"}},
            ],
        }
    ]
    (msg,) = gr.Chatbot().preprocess(payload)
    assert msg["content"] == [
        {"file": wire_file("/cache/a.png"), "alt_text": "a cat", "type": "file"},
        {
            "file": wire_file("/cache/b.txt", mime_type="text/plain"),
            "alt_text": None,
            "type": "file",
        },
    ]


def test_preprocess_component_part_gets_an_instance() -> None:
    part = {
        "type": "component",
        "component": "textbox",
        "value": "hello",
        "constructor_args": {"label": "Greeting", "render": False},
        "props": {},
    }
    (msg,) = gr.Chatbot().preprocess([{"role": "assistant", "content": [part]}])
    (got,) = msg["content"]
    instance = got.pop("instance")
    assert isinstance(instance, gr.Textbox)
    assert instance.value == "hello"
    assert instance.label == "Greeting"
    assert not instance.is_rendered
    assert got == {**part, "constructor_args": {"label": "Greeting", "render": False}}


def test_preprocess_unknown_component_has_no_instance() -> None:
    part = {
        "type": "component",
        "component": "nope",
        "value": 1,
        "constructor_args": {},
        "props": {},
    }
    (msg,) = gr.Chatbot().preprocess([{"role": "user", "content": [part]}])
    assert msg["content"] == [part]


@pytest.mark.parametrize(
    "payload",
    [
        {"role": "user", "content": []},
        "hello",
        [["user", "hi"]],
        [{"content": []}],
        [{"role": 3, "content": []}],
        [{"role": "user", "content": "hi"}],
        [{"role": "user", "content": ["hi"]}],
        [{"role": "user", "content": [{"type": "image"}]}],
        [{"role": "user", "content": [{"type": "text", "text": 5}]}],
        [{"role": "user", "content": [{"type": "file", "file": {"url": "x"}}]}],
        [{"role": "user", "content": [{"type": "file", "file": {"path": "a"}, "alt_text": 1}]}],
        [{"role": "user", "content": [{"type": "component", "component": "textbox"}]}],
        [{"role": "user", "content": [], "metadata": "title"}],
        [{"role": "user", "content": [], "metadata": {"status": "later"}}],
        [{"role": "user", "content": [], "options": [{"label": "no value"}]}],
        [{"role": "user", "content": [], "options": "a"}],
        [
            {
                "role": "user",
                "content": [
                    {
                        "type": "component",
                        "component": "textbox",
                        "value": "x",
                        "constructor_args": {"not_a_parameter": 1},
                        "props": {},
                    }
                ],
            }
        ],
    ],
)
def test_preprocess_rejects_bad_payloads(payload: Any) -> None:
    with pytest.raises(PayloadError):
        gr.Chatbot().preprocess(payload)


# -- postprocess -----------------------------------------------------------------------------


def test_postprocess_none_and_empty() -> None:
    chat = gr.Chatbot()
    assert chat.postprocess(None) == []
    assert chat.postprocess([]) == []


def test_postprocess_text_is_dedented() -> None:
    value = [{"role": "user", "content": "  Hello\n    there"}, {"role": "bot", "content": "x"}]
    assert gr.Chatbot().postprocess(value) == [
        message("user", text("Hello\nthere")),
        message("bot", text("x")),
    ]


def test_postprocess_chat_message_defaults() -> None:
    chat = gr.Chatbot()
    assert chat.postprocess([gr.ChatMessage(content="hi")]) == [
        {"role": "assistant", "metadata": {}, "content": [text("hi")], "options": []}
    ]
    explicit = gr.ChatMessage(
        content="hi",
        role="user",
        metadata={"title": "Search", "duration": 1.5},
        options=[{"value": "yes", "label": "Yes!"}],
    )
    assert chat.postprocess([explicit]) == [
        {
            "role": "user",
            "metadata": {"title": "Search", "duration": 1.5},
            "content": [text("hi")],
            "options": [{"value": "yes", "label": "Yes!"}],
        }
    ]
    nulls = gr.ChatMessage(content="hi", metadata=None, options=None)
    assert chat.postprocess([nulls]) == [message("assistant", text("hi"))]


def test_postprocess_dict_metadata_and_options() -> None:
    value = [
        {
            "role": "assistant",
            "content": "done",
            "metadata": {"title": "Step", "id": 1, "parent_id": "root", "log": "ok"},
            "options": [{"value": "again"}],
        }
    ]
    assert gr.Chatbot().postprocess(value) == [
        {
            "role": "assistant",
            "metadata": {"title": "Step", "id": 1, "parent_id": "root", "log": "ok"},
            "content": [text("done")],
            "options": [{"value": "again"}],
        }
    ]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda p: {"path": str(p)}, id="dict-path"),
        pytest.param(lambda p: {"path": p}, id="dict-pathlib"),
        pytest.param(lambda p: (str(p),), id="tuple"),
        pytest.param(lambda p: p, id="pathlib"),
        pytest.param(lambda p: gr.FileData(path=str(p)), id="filedata-model"),
        pytest.param(lambda p: {"file": {"path": str(p)}}, id="file-part"),
        pytest.param(
            lambda p: {"type": "file", "file": {"path": str(p), "meta": META}}, id="typed"
        ),
        pytest.param(lambda p: [{"path": str(p)}], id="list"),
    ],
)
def test_postprocess_files_are_copied_into_the_cache(
    content: Any, png: Path, cache: FileCache
) -> None:
    (msg,) = gr.Chatbot().postprocess([{"role": "user", "content": content(png)}])
    (part,) = msg["content"]
    assert part["type"] == "file"
    assert part["alt_text"] is None
    stored = Path(part["file"]["path"])
    assert cache.contains(stored)
    assert stored.read_bytes() == png.read_bytes()
    assert stored.name == "pic.png"
    assert part["file"] == wire_file(str(stored), mime_type="image/png")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda p: {"path": str(p), "alt_text": "a cat"}, id="dict"),
        pytest.param(lambda p: (str(p), "a cat"), id="tuple"),
        pytest.param(lambda p: {"file": {"path": str(p)}, "alt_text": "a cat"}, id="file-part"),
        pytest.param(lambda p: gr.FileData(path=str(p), alt_text="a cat"), id="model-extra"),
    ],
)
def test_postprocess_file_alt_text(content: Any, png: Path, cache: FileCache) -> None:
    (msg,) = gr.Chatbot().postprocess([{"role": "user", "content": content(png)}])
    assert msg["content"][0]["alt_text"] == "a cat"


def test_postprocess_keeps_urls_and_given_file_details(cache: FileCache) -> None:
    url = "https://example.com/files/song.mp3"
    value = [
        {
            "role": "assistant",
            "content": {"path": url, "orig_name": "Song.mp3", "mime_type": "audio/mpeg"},
        }
    ]
    (msg,) = gr.Chatbot().postprocess(value)
    assert msg["content"][0]["file"] == wire_file(url, orig_name="Song.mp3", mime_type="audio/mpeg")


def test_postprocess_mixed_content_and_dropped_messages(png: Path, cache: FileCache) -> None:
    value = [
        {"role": "user", "content": ["Look:", str(png), {"path": str(png)}]},
        {"role": "assistant", "content": []},
    ]
    (msg,) = gr.Chatbot().postprocess(value)
    kinds = [(part["type"], part.get("text")) for part in msg["content"]]
    # A bare string is text even when it looks like a path (as in Gradio).
    assert kinds == [("text", "Look:"), ("text", str(png)), ("file", None)]


def test_postprocess_embeds_components() -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox("hello", label="Greeting")
        chat = gr.Chatbot([{"role": "assistant", "content": box}])
    assert demo.children == [chat]
    assert box.parent is None
    (msg,) = chat.postprocess(chat.value)
    (part,) = msg["content"]
    assert part["type"] == "component"
    assert part["component"] == "textbox"
    assert part["value"] == "hello"
    assert part["constructor_args"] == {"label": "Greeting", "render": False}
    props = part["props"]
    assert props["value"] == "hello"
    assert props["label"] == "Greeting"
    assert props["name"] == "textbox"
    assert props["_selectable"] is False
    json.dumps(msg)  # the whole message is JSON


def test_postprocess_file_component_value_is_a_list(tmp_path: Path, cache: FileCache) -> None:
    doc = tmp_path / "notes.txt"
    doc.write_text("notes")
    (msg,) = gr.Chatbot().postprocess([{"role": "assistant", "content": gr.File(str(doc))}])
    value = msg["content"][0]["value"]
    assert isinstance(value, list)
    assert len(value) == 1


def test_postprocess_component_part_dicts_drop_the_instance(png: Path, cache: FileCache) -> None:
    part = {
        "type": "component",
        "component": "image",
        "value": {"path": str(png), "meta": META},
        "constructor_args": {},
        "props": {},
        "instance": gr.Image(render=False),
    }
    (msg,) = gr.Chatbot().postprocess([{"role": "assistant", "content": [part]}])
    (got,) = msg["content"]
    assert "instance" not in got
    assert cache.contains(got["value"]["path"])


def test_round_trip_is_stable(png: Path, cache: FileCache) -> None:
    chat = gr.Chatbot()
    value = [
        {"role": "user", "content": ["Hi", (str(png), "pic")]},
        gr.ChatMessage(content="Hello", metadata={"title": "Thought"}),
        {"role": "assistant", "content": gr.Textbox("inside", label="L")},
    ]
    wire = chat.postprocess(value)
    again = chat.postprocess(chat.preprocess(wire))
    assert again == wire
    assert json.loads(json.dumps(wire)) == wire


@pytest.mark.parametrize(
    "value",
    [
        "hello",
        {"role": "user", "content": "hi"},
        [["user", "hi"]],
        [{"role": "user"}],
        [{"content": "hi"}],
        [{"role": None, "content": "hi"}],
        [{"role": "user", "content": None}],
        [{"role": "user", "content": 12}],
        [{"role": "user", "content": {"unknown": 1}}],
        [{"role": "user", "content": {"type": "text", "text": 3}}],
        [{"role": "user", "content": {"type": "component"}}],
        [{"role": "user", "content": ("a", "b", "c")}],
        [{"role": "user", "content": "x", "metadata": {"status": "soon"}}],
        [{"role": "user", "content": "x", "metadata": "title"}],
        [{"role": "user", "content": "x", "options": [{"label": "x"}]}],
    ],
)
def test_postprocess_rejects_bad_values(value: Any) -> None:
    with pytest.raises(ValueError, match="Chatbot"):
        gr.Chatbot().postprocess(value)


def test_postprocess_missing_file(tmp_path: Path, cache: FileCache) -> None:
    missing = tmp_path / "missing.png"
    with pytest.raises(ValueError, match=r"Chatbot.*does not exist"):
        gr.Chatbot().postprocess([{"role": "user", "content": {"path": str(missing)}}])
    with pytest.raises(ValueError, match="alt text"):
        gr.Chatbot().postprocess([{"role": "user", "content": {"path": "x", "alt_text": 1}}])


def test_callable_value_is_evaluated_for_the_initial_value() -> None:
    chat = gr.Chatbot(lambda: [{"role": "user", "content": "hi"}])
    assert chat.initial_value() == [message("user", text("hi"))]


# -- reasoning tags --------------------------------------------------------------------------


def test_reasoning_segments() -> None:
    tags = [("<think>", "</think>"), ("[r]", "[/r]")]
    assert reasoning_segments("no tags ", tags) == [("no tags", None)]
    assert reasoning_segments("a <think> b </think> c [r]d[/r]", tags) == [
        ("a", None),
        ("b", "done"),
        ("c", None),
        ("d", "done"),
    ]
    assert reasoning_segments("<think>still going\n", tags) == [("still going", "pending")]
    assert reasoning_segments("<think> </think>  ", tags) == []


def test_postprocess_splits_reasoning(png: Path, cache: FileCache) -> None:
    chat = gr.Chatbot(reasoning_tags=[("<think>", "</think>")])
    value = [
        {
            "role": "assistant",
            "content": ["<think>plan</think>Answer", {"path": str(png)}],
            "options": [{"value": "more"}],
        },
        {"role": "assistant", "content": "<think>working"},
    ]
    wire = chat.postprocess(value)
    summary = [
        (m["metadata"], [p.get("text", p["type"]) for p in m["content"]], m["options"])
        for m in wire
    ]
    assert summary == [
        ({"title": "Reasoning", "status": "done"}, ["plan"], None),
        (None, ["Answer"], [{"value": "more"}]),
        (None, ["file"], [{"value": "more"}]),
        ({"title": "Reasoning", "status": "pending"}, ["working"], None),
    ]


# -- API info --------------------------------------------------------------------------------


def test_api_info_and_example_payload() -> None:
    chat = gr.Chatbot()
    assert chat.api_info()["items"] == {"$ref": "#/$defs/Message"}
    example = chat.example_payload()
    assert chat.postprocess(chat.preprocess(example)) == example


def test_config_sends_avatars_examples_and_buttons_as_the_browser_needs_them(
    cache: FileCache, png: Path
) -> None:
    with gr.Blocks():
        extra = gr.Button("Extra")
        chat = gr.Chatbot(
            avatar_images=(str(png), "https://example.com/bot.png"),
            examples=[{"text": "hi", "files": [str(png)], "icon": str(png)}],
            buttons=["copy", extra],
        )
    props = chat.config_props()
    user, bot = props["avatar_images"]
    assert Path(user["path"]).parent.parent == cache.root
    assert user["meta"] == META
    assert bot["path"] == "https://example.com/bot.png"
    example = props["examples"][0]
    assert example["text"] == "hi"
    assert Path(example["files"][0]["path"]).name == "pic.png"
    assert Path(example["icon"]["path"]).name == "pic.png"
    assert props["buttons"] == ["copy", {"id": extra._id, "value": "Extra", "icon": None}]
