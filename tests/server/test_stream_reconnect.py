"""A client that reopens its queue stream after the stream ended is told to close it again.

The JavaScript client can reopen the per-session stream late (when a join is answered after
the previous stream closed). It must get ``close_stream``, as from Gradio; an unknown session
gets ``session_not_found``.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sample_support import queue_messages

import specblocks as gr
from specblocks.testing import serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        text.submit(lambda x: x, text, text, api_name="echo")
    with serve(demo) as address:
        yield address


def _messages(client: httpx.Client, session: str) -> list[dict[str, object]]:
    return queue_messages(client, session)


def test_late_reconnect_gets_close_stream(url: str) -> None:
    with httpx.Client(base_url=url, timeout=10) as client:
        body = {"data": ["hi"], "fn_index": 0, "session_hash": "late", "trigger_id": None}
        assert client.post("gradio_api/queue/join", json=body).status_code == 200
        first = _messages(client, "late")
        assert [m["msg"] for m in first][-2:] == ["process_completed", "close_stream"]
        assert [m["msg"] for m in _messages(client, "late")] == ["close_stream"]


def test_unknown_session_is_not_found(url: str) -> None:
    with httpx.Client(base_url=url, timeout=10) as client:
        (message,) = _messages(client, "never-joined")
        assert message["msg"] == "unexpected_error"
        assert message["session_not_found"] is True
