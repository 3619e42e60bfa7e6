"""Properties set by ``update(...)`` outputs hold for the session's later events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from gradio_client import Client

import specblocks as gr
from specblocks.testing import serve


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with gr.Blocks() as demo:
        pick = gr.Dropdown(["a", "b"], value="a")
        out = gr.Textbox()
        gr.Button().click(
            lambda: gr.update(choices=["x", "y", "z"], value="y"), None, pick, api_name="swap"
        )
        gr.Button().click(lambda v: f"picked {v}", pick, out, api_name="show")
    with serve(demo) as address:
        yield address


def test_new_choices_are_accepted_in_the_same_session(url: str) -> None:
    client = Client(url, verbose=False)
    with pytest.raises(Exception, match="not one of the choices"):
        client.predict("z", api_name="/show")
    client.predict(api_name="/swap")
    assert client.predict("z", api_name="/show") == "picked z"
    client.close()


def test_other_sessions_keep_the_original_choices(url: str) -> None:
    first = Client(url, verbose=False)
    first.predict(api_name="/swap")
    other = Client(url, verbose=False)
    with pytest.raises(Exception, match="not one of the choices"):
        other.predict("z", api_name="/show")
    assert other.predict("b", api_name="/show") == "picked b"
    first.close()
    other.close()
