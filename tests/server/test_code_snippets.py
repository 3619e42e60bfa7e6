"""Each named endpoint of the API info carries the code that calls it (``code_snippets``).

The official client ships the generator Gradio uses for the Python, JavaScript and curl
snippets (``gradio_client.snippet``): it is the oracle here, run on the very API info the
server gives. The ``cli`` snippet is checked against the payload it must hold. The Python
snippet is also run, against the server.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from gradio_client.snippet import generate_code_snippets

import specblocks as gr

Launch = Callable[..., str]


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        times = gr.Slider(1, 5, value=2, step=1, label="Times")
        loud = gr.Checkbox(label="Loud")
        tone = gr.Radio(["calm", "warm"], label="Tone")
        tags = gr.CheckboxGroup(["a", "b"], value=["a"], label="Tags")
        table = gr.Dataframe(value=[[1, None]], headers=["x", "y"], label="Table")
        doc = gr.File(label="Doc")
        picture = gr.Image(label="Picture")
        anything = gr.JSON(label="Anything")
        out = gr.Textbox(label="Out")

        def greet(name: str, times: int, loud: bool, tone: str | None, tags: list[str]) -> str:
            text = f"{name} ({tone}, {','.join(tags)}) " * int(times)
            return text.upper() if loud else text

        def describe(table: Any, doc: str | None, picture: Any, anything: Any) -> str:
            return f"{len(table)} rows, {Path(doc).name if doc else 'no file'}"

        gr.Button().click(greet, [name, times, loud, tone, tags], out, api_name="greet")
        gr.Button().click(describe, [table, doc, picture, anything], out, api_name="describe")
        gr.Button().click(lambda: "hi", None, out, api_name="nothing")
    return demo


@pytest.fixture
def served(launch: Launch) -> tuple[str, dict[str, Any]]:
    url = launch(app())
    return url, httpx.get(f"{url}/gradio_api/info").json()["named_endpoints"]


@pytest.mark.parametrize("endpoint", ["/greet", "/describe", "/nothing"])
def test_snippets_are_the_official_clients(
    served: tuple[str, dict[str, Any]], endpoint: str
) -> None:
    url, named = served
    info = named[endpoint]
    ours = info.pop("code_snippets")
    official = generate_code_snippets(endpoint, info, url, api_prefix="/gradio_api/")
    assert {key: ours[key] for key in official} == official
    assert set(ours) == {"python", "javascript", "bash", "cli"}


def test_the_cli_snippet_holds_each_parameters_value(served: tuple[str, dict[str, Any]]) -> None:
    url, named = served
    cli = named["/describe"]["code_snippets"]["cli"]
    head, payload, tail = cli.split("'")
    assert head == f"{{command}} predict {url} /describe "
    assert tail == "\n"
    values = json.loads(payload)
    assert list(values) == ["table", "doc", "picture", "anything"]
    assert values["table"] == {"headers": ["x", "y"], "data": [[1, None]], "metadata": None}
    # files: only their path and marker
    assert set(values["doc"]) == {"path", "meta"}
    assert values["doc"]["meta"] == {"_type": "gradio.FileData"}


def test_the_python_snippet_runs(served: tuple[str, dict[str, Any]]) -> None:
    _, named = served
    code = named["/greet"]["code_snippets"]["python"]
    printed: list[Any] = []
    exec(code, {"print": printed.append})
    assert printed == ["Hello!! (calm, a) Hello!! (calm, a) "]
