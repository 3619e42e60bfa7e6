"""Helpers the reliability checks share: free ports and the figures each check records."""

from __future__ import annotations

import asyncio
import json
import socket
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

import specblocks as gr

#: figures by check name, printed at the end of the run (see conftest.py)
FIGURES: dict[str, dict[str, Any]] = {}

Figures = Callable[..., None]


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def record(name: str, **values: Any) -> None:
    """Record figures of the check ``name``."""
    FIGURES.setdefault(name, {}).update(values)


def corpus_app() -> tuple[gr.Blocks, int, int]:
    """An app with an endpoint ``c<i>`` per input component (the function ignores its input),
    echoes of a text, a number and a file, and a FileExplorer (whose ``ls`` the component
    server calls). Returns the app, the number of ``c<i>`` endpoints and the explorer's id.
    """
    with gr.Blocks() as demo:
        components = [
            gr.Textbox(), gr.Number(), gr.File(), gr.Dropdown(["a", "b"]), gr.Dataframe(),
            gr.Image(), gr.Chatbot(), gr.Slider(), gr.CheckboxGroup(["x"]), gr.Audio(),
            gr.JSON(), gr.MultimodalTextbox(), gr.Gallery(), gr.DateTime(),
            gr.HighlightedText(), gr.ImageEditor(), gr.Video(), gr.Model3D(), gr.Checkbox(),
            gr.Radio(["a"]), gr.ColorPicker(), gr.Code(), gr.Label(), gr.AnnotatedImage(),
            gr.ImageSlider(), gr.Dialogue(), gr.Markdown(), gr.HTML(),
        ]  # fmt: skip
        for index, component in enumerate(components):
            gr.Button().click(lambda _: None, component, None, api_name=f"c{index}")
        text, number, upload = gr.Textbox(), gr.Number(), gr.File(type="filepath")
        for name, component in (
            ("echo_text", text),
            ("echo_number", number),
            ("echo_file", upload),
        ):
            gr.Button().click(lambda value: value, component, component, api_name=name)
        explorer = gr.FileExplorer(root_dir=tempfile.gettempdir())
    return demo, len(components), explorer._id


# -- a client of the queue protocol that accounts for each job's ending --------------------
@dataclass
class Job:
    """One submitted job and how it ended."""

    text: str
    cancel: bool = False
    event_id: str | None = None
    refused: str | None = None
    endings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Session:
    """The jobs of one session, and its stream reader."""

    hash: str = field(default_factory=lambda: uuid.uuid4().hex)
    jobs: list[Job] = field(default_factory=list)
    by_id: dict[str, Job] = field(default_factory=dict)
    #: completions read before the join that accepted their event had answered (a fast job
    #: can end before its join's response arrives): the join takes them
    early: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    joining: bool = True
    #: set when a job was accepted or the joining is over: the reader looks again
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def waiting(self) -> bool:
        """Whether an accepted job has not ended yet."""
        return any(not j.endings for j in self.by_id.values())


async def join(
    http: httpx.AsyncClient, session: Session, job: Job, data: list[Any], fn_index: int = 0
) -> None:
    """Join ``job`` with ``data`` to ``session`` (cancel it once accepted if it says so)."""
    body = {"data": data, "fn_index": fn_index, "session_hash": session.hash}
    response = await http.post("/gradio_api/queue/join", json=body)
    if response.status_code == 503:
        job.refused = response.json()["detail"]
        return
    response.raise_for_status()
    job.event_id = response.json()["event_id"]
    job.endings.extend(session.early.pop(job.event_id, []))
    session.by_id[job.event_id] = job
    session.wake.set()
    if job.cancel:
        cancel = {"session_hash": session.hash, "fn_index": fn_index, "event_id": job.event_id}
        (await http.post("/gradio_api/cancel", json=cancel)).raise_for_status()


async def read(http: httpx.AsyncClient, session: Session) -> None:
    """Read the session's stream while it has accepted jobs that have not ended (as the
    official clients do: a stream is opened for pending events, and again after it closed
    while some were still pending); return once joining is over and every job has ended."""
    while True:
        if not session.waiting():
            if not session.joining:
                return
            session.wake.clear()
            await session.wake.wait()
            continue
        params = {"session_hash": session.hash}
        async with http.stream("GET", "/gradio_api/queue/data", params=params) as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data: "):
                    continue
                message = json.loads(line[6:])
                if message["msg"] == "process_completed":
                    job = session.by_id.get(message["event_id"])
                    if job is None:
                        session.early.setdefault(message["event_id"], []).append(message)
                    else:
                        job.endings.append(message)
                if message["msg"] in {"close_stream", "unexpected_error"}:
                    break
