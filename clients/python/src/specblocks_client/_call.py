"""Running one job: upload its files, join the queue, follow its messages, shape its result."""

from __future__ import annotations

import contextlib
import copy
import queue
import time
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import Any

import httpx

from specblocks_client._api import Endpoint
from specblocks_client._diff import apply_edits
from specblocks_client._errors import (
    HIDDEN_ERROR_MESSAGE,
    AppError,
    AuthenticationError,
    QueueError,
    StreamError,
    ValidationError,
)
from specblocks_client._files import Downloader, Uploader
from specblocks_client._http import Http
from specblocks_client._job import Job
from specblocks_client._sse import STREAM_FAILED, Message, SessionStream
from specblocks_client._status import ProgressUnit, Status

#: How long a cancelled job waits for the server's final message before giving up on it.
CANCEL_GRACE = 10.0


@dataclass
class CallContext:
    """What a job needs from its client, captured when it is submitted.

    Attributes:
        http: The app's requests.
        stream: The message stream of the job's session.
        session_hash: The job's session.
        uploader: Uploads file arguments.
        downloader: Downloads file outputs (``None``: outputs stay FileData dicts).
    """

    http: Http
    stream: SessionStream
    session_hash: str
    uploader: Uploader
    downloader: Downloader | None


def run(job: Job, endpoint: Endpoint, data: list[Any], ctx: CallContext) -> None:
    """Run ``job`` to its end (in a worker thread); its outcome lands on the job."""
    try:
        _run(job, endpoint, data, ctx)
    except QueueError as exc:
        job._fail(exc, Status.QUEUE_FULL)
    except Exception as exc:
        job._fail(exc)


def _run(job: Job, endpoint: Endpoint, data: list[Any], ctx: CallContext) -> None:
    if job.cancelled():
        return
    if any(endpoint.file_inputs):
        job._set_status(Status.SENDING_DATA)
    data = ctx.uploader.upload_all(data)
    if job.cancelled():
        return
    job._set_status(Status.JOINING_QUEUE)
    event_id = _join(ctx, endpoint, data)
    messages: queue.Queue[Message] = queue.Queue()
    ctx.stream.register(event_id, messages.put)
    job._attach_cancel(lambda: _cancel_on_server(ctx, endpoint.fn_index, event_id))
    streamed: list[Any] | None = None
    cancelled_at: float | None = None
    while True:
        try:
            message = messages.get(timeout=0.5)
        except queue.Empty:
            if job.cancelled():
                cancelled_at = cancelled_at or time.monotonic()
                if time.monotonic() - cancelled_at > CANCEL_GRACE:
                    ctx.stream.unregister(event_id)
                    return
            continue
        kind = message.get("msg")
        if kind == "estimation":
            job._set_status(
                Status.IN_QUEUE,
                rank=message.get("rank"),
                queue_size=message.get("queue_size"),
                eta=message.get("rank_eta"),
            )
        elif kind == "process_starts":
            job._set_status(Status.PROCESSING, eta=message.get("eta"))
        elif kind == "progress":
            units = ProgressUnit.from_wire(message.get("progress_data") or [])
            job._set_status(Status.PROGRESS, progress_data=units)
        elif kind == "log":
            job._set_status(
                Status.LOG, log=(str(message.get("log")), str(message.get("level", "info")))
            )
        elif kind in ("process_generating", "process_streaming"):
            output = message.get("output") or {}
            _raise_if_error(message, output)
            values = list(output.get("data") or [])
            if streamed is None:
                streamed = values
            else:
                streamed = [
                    apply_edits(old, edits) for old, edits in zip(streamed, values, strict=False)
                ]
            job._add_output(_shape(ctx, endpoint, copy.deepcopy(streamed)))
        elif kind == "process_completed":
            output = message.get("output") or {}
            _raise_if_error(message, output)
            if "data" not in output:
                # The server's answer to a cancel: a successful completion without data.
                if not job.cancelled():
                    job._fail(CancelledError("the server cancelled the job"), Status.CANCELLED)
                return
            job._resolve(_shape(ctx, endpoint, list(output["data"])))
            return
        elif kind in (STREAM_FAILED, "unexpected_error"):
            raise StreamError(str(message.get("message") or "the queue stream failed"))


def _join(ctx: CallContext, endpoint: Endpoint, data: list[Any]) -> str:
    body = {"data": data, "fn_index": endpoint.fn_index, "session_hash": ctx.session_hash}
    response = ctx.http.client.post(
        ctx.http.api("/queue/join"), json=body, headers={"x-gradio-user": "api"}
    )
    if response.status_code == 503:
        raise QueueError(f"The queue is full; try again later ({_detail(response)})")
    if response.status_code == 401:
        raise AuthenticationError(f"not logged in to {ctx.http.src} ({_detail(response)})")
    if response.status_code == 422:
        detail = _json(response).get("detail")
        if isinstance(detail, list) and all(
            isinstance(d, dict) and d.get("__type__") == "validate" for d in detail
        ):
            problems = [
                (str(d.get("parameter_name")), str(d.get("message")))
                for d in detail
                if not d.get("is_valid", False)
            ]
            raise ValidationError(problems)
    response.raise_for_status()
    event_id = _json(response).get("event_id")
    if not isinstance(event_id, str):
        raise ValueError(f"unexpected /queue/join response: {response.text[:200]}")
    return event_id


def _raise_if_error(message: Message, output: dict[str, Any]) -> None:
    if message.get("success", True) and "error" not in output:
        return
    error = output.get("error")
    raise AppError(
        message=HIDDEN_ERROR_MESSAGE if error is None else str(error),
        title=str(output.get("title") or message.get("title") or "Error"),
        duration=output.get("duration", 10),
        visible=bool(output.get("visible", True)),
    )


def _shape(ctx: CallContext, endpoint: Endpoint, values: list[Any]) -> Any:
    if ctx.downloader is not None:
        values = ctx.downloader.download_all(values)
    return endpoint.shape_outputs(values)


def _cancel_on_server(ctx: CallContext, fn_index: int, event_id: str) -> None:
    body = {"fn_index": fn_index, "session_hash": ctx.session_hash, "event_id": event_id}
    # A closed client raises RuntimeError: the server then drops the event with the session.
    with contextlib.suppress(httpx.HTTPError, RuntimeError):
        ctx.http.client.post(ctx.http.api("/cancel"), json=body)
        ctx.http.client.post(ctx.http.api("/reset"), json={"event_id": event_id})


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _detail(response: httpx.Response) -> str:
    detail = _json(response).get("detail")
    return str(detail) if detail is not None else f"HTTP {response.status_code}"
