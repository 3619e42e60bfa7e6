"""Running dependencies: inputs → user function → outputs, streamed as queue messages."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeGuard

import anyio
from pydantic import BaseModel
from pydantic_core import PydanticSerializationError, to_json

from specblocks.app import _calls
from specblocks.app._outputs import (
    as_update,
    as_updated,
    fill_file_urls,
    is_update,
    postprocess_one,
    remember_update,
    split_outputs,
)
from specblocks.app._render import Rendered
from specblocks.components import State
from specblocks.core._alerts import close_channel, open_channel
from specblocks.core._audio_io import AudioChunk
from specblocks.core._component import Component
from specblocks.core._exceptions import Error, PayloadError
from specblocks.core._progress import Progress, ProgressUnit
from specblocks.server._config import API_PREFIX
from specblocks.server._diff import diff
from specblocks.server._endpoints import EndpointTable
from specblocks.server._media import MediaStreams, stream_file_data
from specblocks.server._messages import (
    CancelledOutput,
    ErrorOutput,
    Log,
    Output,
    ProcessCompleted,
    ProcessGenerating,
    ProcessStarts,
    ProgressMessage,
    encode,
)
from specblocks.server._props import update_props
from specblocks.server._renderings import Renderings
from specblocks.server._sessions import SessionStore, StateNotStorable
from specblocks.server.queue import DurationStats, Event, Limits

if TYPE_CHECKING:
    from specblocks.core._blocks import Block
    from specblocks.core._blocks import DependencyCore as Dependency

log = logging.getLogger("specblocks")


class InputError(ValueError):
    """The request's data does not fit the dependency's inputs."""


@dataclass
class Outcome:
    """What one event produced."""

    data: list[Any]
    failed: bool = False
    cancelled: bool = False
    error: str | None = None
    title: str | None = None
    duration: float | None = None  # how long an error toast stays
    visible: bool | None = None
    changed_state_ids: list[int] | None = None
    #: what a ``@render`` region built (sent so that the browser redraws it)
    render_config: dict[str, Any] | None = None
    #: the HTTP status a direct call (``/run``) answers a failure with: 422 when the caller's
    #: payload did not fit, 500 when the function failed
    status: int = 500


class Runner:
    """Runs an app's dependencies for the queue and for direct calls."""

    def __init__(
        self,
        endpoints: EndpointTable,
        sessions: SessionStore,
        *,
        show_error: bool = False,
        max_threads: int = 40,
        default_concurrency_limit: int | None = 1,
    ) -> None:
        self.endpoints = endpoints
        self.sessions = sessions
        self.show_error = show_error
        self.default_concurrency_limit = default_concurrency_limit
        self.limiter = anyio.CapacityLimiter(max_threads)
        self.stats = DurationStats()
        #: chunks yielded to streaming media outputs, served by the stream routes
        self.media = MediaStreams()
        #: each session's @render regions
        self.renderings = Renderings(endpoints)
        # States with `change` listeners: their change is reported as `changed_state_ids`.
        self.watched_states = {
            id(block)
            for dependency in (e.dependency for e in endpoints.endpoints)
            for block, event in dependency.targets
            if isinstance(block, State) and getattr(event, "name", event) == "change"
        }

    def _dependency(self, fn_index: int) -> Dependency:
        return self.endpoints.by_index(fn_index).dependency

    # -- scheduling facts ---------------------------------------------------------------
    def limits(self, fn_index: int) -> Limits:
        """Concurrency group, limit and batching of a dependency."""
        options = self._dependency(fn_index).options
        limit: Any = getattr(options, "concurrency_limit", "default")
        concurrency_id = getattr(options, "concurrency_id", None) or str(fn_index)
        return Limits(
            concurrency_id=concurrency_id,
            concurrency_limit=self.default_concurrency_limit if limit == "default" else limit,
            batch=bool(getattr(options, "batch", False)),
            max_batch_size=int(getattr(options, "max_batch_size", 4)),
        )

    def check_inputs(self, fn_index: int, data: list[Any]) -> None:
        """Raise :class:`InputError` when ``data`` cannot be the inputs of ``fn_index``."""
        dep = self._dependency(fn_index)
        if len(data) != len(dep.inputs):
            raise InputError(
                f"endpoint {fn_index} takes {len(dep.inputs)} input(s), got {len(data)}"
            )

    async def validate(
        self, fn_index: int, data: list[Any], session_hash: str
    ) -> list[dict[str, Any]]:
        """Run the endpoint's ``validator``; return the failed checks (empty when valid)."""
        dep = self._dependency(fn_index)
        validator = getattr(dep.options, "validator", None)
        if validator is None:
            return []
        inputs = self._inputs(dep, data, await self.sessions.load(session_hash))
        result = await anyio.to_thread.run_sync(lambda: validator(*inputs), limiter=self.limiter)
        checks = result if isinstance(result, list | tuple) else [result]
        names = self.endpoints.by_index(fn_index).parameter_names()
        failures = []
        for index, check in enumerate(checks):
            if (
                isinstance(check, dict)
                and check.get("__type__") == "validate"
                and not check.get("is_valid")
            ):
                name = names[index] if index < len(names) else f"parameter_{index}"
                failures.append({**check, "parameter_name": name})
        return failures

    # -- the queue's processor --------------------------------------------------------------
    async def process(self, batch: list[Event]) -> None:
        """Run ``batch`` (events of one dependency) and stream its messages."""
        fn_index = batch[0].fn_index
        average = self.stats.average(fn_index)
        for event in batch:
            event.send(ProcessStarts(event_id=event.event_id, eta=average))
        sessions = sorted({e.session_hash or e.event_id for e in batch})
        for session_hash in sessions:
            await self.sessions.load(session_hash)
        started = time.monotonic()
        try:
            if len(batch) > 1 or getattr(self._dependency(fn_index).options, "batch", False):
                outcomes = await self._run_batch(batch)
            else:
                outcomes = [await self._run_one(batch[0])]
        except asyncio.CancelledError:
            for event in batch:
                event.send(_completed(event, Outcome([], cancelled=True)))
            raise
        duration = time.monotonic() - started
        average = self.stats.record(fn_index, duration)
        dep = self._dependency(fn_index)
        unstored = await self._save_sessions(fn_index, sessions)
        if unstored is not None:
            outcomes = [unstored] * len(batch)
        for event, outcome in zip(batch, outcomes, strict=True):
            completed = _completed(event, outcome, duration, average)
            problem = _unencodable(dep, completed, outcome.data)
            if problem is not None:
                completed = _completed(event, Outcome([], failed=True, error=problem, visible=True))
            event.send(completed)

    async def _save_sessions(self, fn_index: int, sessions: list[str]) -> Outcome | None:
        """Store what the run changed in its sessions; the failure of a value that cannot be."""
        for session_hash in sessions:
            try:
                await self.sessions.save(session_hash)
            except StateNotStorable as exc:
                api_name = self.endpoints.by_index(fn_index).api_name
                where = f"by /{api_name} " if api_name else f"by endpoint {fn_index} "
                log.warning("a State value returned %scannot be stored: %s", where, exc)
                error = (
                    f"The value returned into gr.State (block id {exc.block_id}) {where}cannot "
                    "be shared between server processes: it must be picklable "
                    f"({type(exc.value).__name__}: {exc.reason})."
                )
                return Outcome([], failed=True, error=error, visible=True)
        return None

    # -- one event ----------------------------------------------------------------------
    async def _run_one(self, event: Event) -> Outcome:
        token = open_channel(_log_sink(event))
        try:
            limit = getattr(self._dependency(event.fn_index).options, "time_limit", None)
            if limit is None:
                return await self._run_unlimited(event)
            with anyio.fail_after(limit):
                return await self._run_unlimited(event)
        except TimeoutError:
            return Outcome(
                [], failed=True, error=f"The event ran past its time limit of {limit} s."
            )
        finally:
            close_channel(token)

    async def _run_unlimited(self, event: Event) -> Outcome:
        dep = self._dependency(event.fn_index)
        session = self.sessions.session(event.session_hash or event.event_id)
        try:
            inputs = self._inputs(dep, event.data, session)
            if isinstance(dep.options.inputs, set | frozenset):
                # inputs given as a set: one argument, a dict of the values by component
                inputs = [dict(zip(dep.inputs, inputs, strict=True))]
            sig = self.endpoints.by_index(event.fn_index).signature
            if sig is None:
                return Outcome([None] * len(dep.outputs))
            args, kwargs = _calls.build_arguments(sig, inputs, self._specials(sig, event))
            if sig.is_generator or sig.is_async_generator:
                run = (event.session_hash or event.event_id, event.event_id)
                try:
                    return await self._stream(
                        event, dep=dep, sig=sig, args=args, kwargs=kwargs, session=session, run=run
                    )
                finally:
                    self.media.end(*run)  # its streamed media is complete, however it ended
            before = self._state_hashes(dep, session)
            result = await _calls.call(sig, args, kwargs, self.limiter)
            if isinstance(result, Rendered):  # a @render region built anew
                root = event.file_root.removesuffix(API_PREFIX)
                return Outcome(
                    [None] * len(dep.outputs),
                    render_config=self.renderings.apply(session, result, root),
                    changed_state_ids=self._changed_states(dep, session, before),
                )
            data = self._outputs(dep, result, session, event.file_root)
            return Outcome(data, changed_state_ids=self._changed_states(dep, session, before))
        except Error as exc:
            return _gradio_error(exc)
        except asyncio.CancelledError:
            raise
        except PayloadError as exc:
            log.warning("endpoint %s: a payload did not fit: %s", event.fn_index, exc)
            return self._failure(exc)
        except Exception as exc:
            log.exception("error in the function of endpoint %s", event.fn_index)
            return self._failure(exc)

    async def _stream(
        self,
        event: Event,
        *,
        dep: Dependency,
        sig: _calls.Signature,
        args: list[Any],
        kwargs: dict[str, Any],
        session: Any,
        run: tuple[str, str],
    ) -> Outcome:
        previous: list[Any] | None = None
        started = time.monotonic()
        hashes = self._state_hashes(dep, session)
        async for item in _calls.iterate(sig, args, kwargs, self.limiter):
            data = self._outputs(dep, item, session, event.file_root, run)
            changed = self._changed_states(dep, session, hashes)
            hashes = self._state_hashes(dep, session)
            sent = (
                data
                if previous is None
                else [diff(o, n) for o, n in zip(previous, data, strict=True)]
            )
            previous = data
            now = time.monotonic()
            if event.cancelled:  # cancelled while the next value was being made
                break
            generating = ProcessGenerating(
                event_id=event.event_id,
                output=Output(
                    data=sent, is_generating=True, duration=now - started, changed_state_ids=changed
                ),
            )
            problem = _unencodable(dep, generating, data)
            if problem is not None:
                return Outcome([], failed=True, error=problem, visible=True)
            event.send(generating)
            started = now
        return Outcome(previous if previous is not None else [None] * len(dep.outputs))

    async def _run_batch(self, batch: list[Event]) -> list[Outcome]:
        dep = self._dependency(batch[0].fn_index)
        sig = self.endpoints.by_index(batch[0].fn_index).signature
        assert sig is not None
        sessions = [self.sessions.session(e.session_hash or e.event_id) for e in batch]
        try:
            columns = list(
                zip(
                    *(self._inputs(dep, e.data, s) for e, s in zip(batch, sessions, strict=True)),
                    strict=True,
                )
            )
            result = await _calls.call(sig, [list(c) for c in columns], {}, self.limiter)
            per_output = list(result) if isinstance(result, list | tuple) else []
            wanted = len(dep.outputs)
            if len(per_output) != wanted or any(
                not isinstance(values, list | tuple) or len(values) != len(batch)
                for values in per_output
            ):
                raise ValueError(
                    f"a batched function must return {wanted} list(s) (one per output), each "
                    f"with {len(batch)} values (one per call in the batch)"
                )
            return [
                Outcome(
                    [
                        self._payload(b, as_update(b, values[i]), session, event.file_root, True)
                        for b, values in zip(dep.outputs, per_output, strict=True)
                    ]
                )
                for i, (event, session) in enumerate(zip(batch, sessions, strict=True))
            ]
        except Error as exc:
            return [_gradio_error(exc) for _ in batch]
        except Exception as exc:
            log.exception("error in the batched function of endpoint %s", batch[0].fn_index)
            return [self._failure(exc) for _ in batch]

    # -- helpers ------------------------------------------------------------------------
    def _state_hashes(self, dep: Dependency, session: Any) -> dict[int, str]:
        """Fingerprints of the watched State outputs' session values, by block id."""
        return {
            block._id: _deep_hash(session.get(block._id, block.initial_state))
            for block in dep.outputs
            if isinstance(block, State) and id(block) in self.watched_states
        }

    def _changed_states(self, dep: Dependency, session: Any, before: dict[int, str]) -> list[int]:
        """Ids of watched State outputs whose value differs from ``before``."""
        after = self._state_hashes(dep, session)
        return [block_id for block_id, digest in after.items() if before.get(block_id) != digest]

    def _failure(self, exc: Exception) -> Outcome:
        """What clients learn of an unexpected error: its text only with ``show_error``.

        A payload that does not fit its component (e.g. a value that is not one of a
        Dropdown's choices) is the caller's mistake: its message is always shown.
        """
        if isinstance(exc, PayloadError):
            return Outcome([], failed=True, error=str(exc), visible=True, status=422)
        if self.show_error:
            return Outcome([], failed=True, error=str(exc) or type(exc).__name__, visible=True)
        return Outcome([], failed=True, error=None)

    def _inputs(self, dep: Dependency, data: list[Any], session: Any) -> list[Any]:
        preprocess = bool(getattr(dep.options, "preprocess", True))
        values = []
        for block, payload in zip(dep.inputs, data, strict=True):
            if isinstance(block, State):
                values.append(session.get(block._id, block.initial_state))
            elif preprocess and isinstance(block, Component):
                values.append(as_updated(block, session).preprocess(payload))
            else:
                values.append(payload)
        return values

    def _outputs(
        self,
        dep: Dependency,
        result: Any,
        session: Any,
        file_root: str,
        run: tuple[str, str] | None = None,
    ) -> list[Any]:
        """The payloads of a result; ``run`` (session, event) when a generator yielded it."""
        postprocess = bool(getattr(dep.options, "postprocess", True))
        out: list[Any] = []
        for block, returned in zip(dep.outputs, split_outputs(result, dep.outputs), strict=True):
            value = as_update(block, returned)
            if isinstance(block, State):
                ttl = getattr(block, "time_to_live", None)
                session.set(block._id, value, ttl, getattr(block, "delete_callback", None))
                out.append(None)
            elif run is not None and _streams_media(block) and not is_update(value):
                key = (*run, block._id)
                chunk = block.stream_chunk(value)
                self.media.add(key, block.NAME, chunk)
                extension = chunk.extension if chunk is not None else ""
                out.append(stream_file_data(key, file_root, extension))
            else:
                out.append(self._payload(block, value, session, file_root, postprocess))
        return out

    @staticmethod
    def _payload(block: Block, value: Any, session: Any, file_root: str, postprocess: bool) -> Any:
        """The wire payload of one output's value or update (kept for the session's events)."""
        if is_update(value):
            remember_update(block, value, session)
        seen = as_updated(block, session)
        payload = postprocess_one(seen, value, postprocess)
        if is_update(payload):
            payload = update_props(seen, payload)
        return fill_file_urls(payload, file_root)

    def _specials(self, sig: _calls.Signature, event: Event) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for special in sig.specials:
            if special.kind == "request":
                values[special.name] = event.request
            elif special.kind == "event_data" and special.cls is not None:
                target = _target(self._dependency(event.fn_index), event.trigger_id)
                values[special.name] = special.cls(target, event.event_data or {})
            elif special.kind == "progress":
                progress = Progress(track_tqdm=getattr(special.default, "track_tqdm", False))
                progress.attach(_progress_sink(event))
                values[special.name] = progress
        return values


def _deep_hash(value: Any) -> str:
    """A fingerprint of a State value.

    Equal for equal plain data (containers are compared by content); other objects by identity.
    """
    items: Any
    if isinstance(value, str | bytes | int | float | bool) or value is None:
        items = value
    elif isinstance(value, dict):
        items = sorted((repr(k), _deep_hash(v)) for k, v in value.items())
    elif isinstance(value, list | tuple):
        items = [type(value).__name__, *(_deep_hash(v) for v in value)]
    elif isinstance(value, set | frozenset):
        items = sorted(_deep_hash(v) for v in value)
    else:
        items = f"object:{id(value)}"
    return hashlib.sha256(repr(items).encode()).hexdigest()


def _target(dep: Dependency, trigger_id: int | None) -> Block | None:
    """The block whose event ran ``dep``; None when the call names none (API clients).

    As in Gradio, the app's own id (0, its load event) names none either.
    """
    if not trigger_id:
        return None
    for block, _ in dep.targets:
        if getattr(block, "_id", None) == trigger_id:
            return block  # type: ignore[return-value]
    return None


def _log_sink(event: Event) -> Any:
    def sink(message: str, level: Any, duration: float | None, visible: bool, title: str) -> None:
        event.send(
            Log(
                event_id=event.event_id,
                log=message,
                level=level,
                duration=duration,
                visible=visible,
                title=title,
            )
        )

    return sink


def _progress_sink(event: Event) -> Any:
    loop = asyncio.get_running_loop()

    def sink(units: list[ProgressUnit]) -> None:
        message = ProgressMessage(
            event_id=event.event_id, progress_data=[u.to_wire() for u in units]
        )
        loop.call_soon_threadsafe(event.send, message)

    return sink


class _StreamingOutput(Protocol):
    NAME: str
    _id: int

    def stream_chunk(self, value: Any) -> AudioChunk | None: ...


def _streams_media(block: object) -> TypeGuard[_StreamingOutput]:
    """Whether a generator's values for ``block`` are chunks of one stream (Audio, streaming)."""
    return bool(getattr(block, "streaming", False)) and hasattr(block, "stream_chunk")


def _unencodable(dep: Dependency, message: BaseModel, data: list[Any]) -> str | None:
    """None when ``message`` encodes (its frame is kept); else what could not be, and where.

    A value the output's component left unconverted (an object that is no JSON) fails only
    its own event, with an error naming the component and the value's type.
    """
    try:
        encode(message)
    except (PydanticSerializationError, ValueError, TypeError) as exc:
        for index, value in enumerate(data):
            try:
                to_json(value)
            except (PydanticSerializationError, ValueError, TypeError):
                block = dep.outputs[index] if index < len(dep.outputs) else None
                name = type(block).__name__ if block is not None else "output"
                label = getattr(block, "label", None)
                where = f"{name} {label!r}" if label else name
                return (
                    f"Output {index} ({where}) got a value of type {type(value).__name__} "
                    f"that cannot be sent to the client: {exc}"
                )
        return f"The output could not be sent to the client: {exc}"
    return None


def _gradio_error(exc: Error) -> Outcome:
    return Outcome(
        [],
        failed=True,
        error=exc.message,
        title=exc.title,
        duration=exc.duration,
        visible=exc.visible,
    )


def _completed(
    event: Event, outcome: Outcome, duration: float | None = None, average: float | None = None
) -> ProcessCompleted:
    output: Output | ErrorOutput | CancelledOutput
    if outcome.cancelled:
        output = CancelledOutput()
    elif outcome.failed:
        output = ErrorOutput(
            error=outcome.error,
            duration=outcome.duration,
            visible=outcome.visible,
            title=outcome.title,
            status=outcome.status,
        )
    else:
        output = Output(
            data=outcome.data,
            duration=duration,
            average_duration=average,
            changed_state_ids=outcome.changed_state_ids or [],
            render_config=outcome.render_config,
        )
    title = outcome.title if outcome.failed else None
    if outcome.failed and title is None:
        title = "Error"
    return ProcessCompleted(
        event_id=event.event_id, output=output, success=not outcome.failed, title=title
    )
