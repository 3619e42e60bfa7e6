"""``Job``: a submitted call, as a ``concurrent.futures.Future`` with status and outputs."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, InvalidStateError
from datetime import datetime
from typing import Any

from specblocks_client._status import OutputUpdate, Status, StatusUpdate

Update = StatusUpdate | OutputUpdate


class Job(Future[Any]):
    """A call submitted with ``Client.submit``; made by the client, not directly.

    Besides the ``Future`` API (``result``, ``done``, ``add_done_callback`` …) a job tells where
    it is (``status()``), keeps every output it produced (``outputs()``), and can be iterated:
    ``for output in job`` yields each output as it arrives (every yield of a generator
    endpoint, or the single result of an ordinary one) and stops when the job is done.
    Iteration stops quietly when the job fails or is cancelled; ``result()`` then raises.
    """

    def __init__(self) -> None:
        super().__init__()
        self._cond = threading.Condition()
        self._status = StatusUpdate(Status.STARTING, time=datetime.now())
        self._outputs: list[Any] = []
        self._history: list[Update] = [self._status]
        self._cursor = 0
        self._send_cancel: Callable[[], None] | None = None
        self.add_done_callback(self._wake)

    # -- the public API ------------------------------------------------------------------------
    def result(self, timeout: float | None = None) -> Any:
        """The call's result: the single output, or a tuple of several.

        For a generator endpoint this is its final value.

        Args:
            timeout: Seconds to wait at most (``None``: no limit).

        Raises:
            AppError: The app's function failed.
            QueueError: The app's queue was full.
            concurrent.futures.CancelledError: The job was cancelled.
            TimeoutError: ``timeout`` passed first.
        """
        return super().result(timeout)

    def status(self) -> StatusUpdate:
        """The latest status; ``FINISHED`` (with ``success``) or ``CANCELLED`` at the end."""
        if self.cancelled():
            return StatusUpdate(Status.CANCELLED, success=False, time=datetime.now())
        with self._cond:
            return self._status

    def outputs(self) -> list[Any]:
        """Every output so far, oldest first (a copy of the list)."""
        with self._cond:
            return list(self._outputs)

    def running(self) -> bool:
        """Whether the app is running the function now."""
        code = self.status().code
        return code in (Status.PROCESSING, Status.PROGRESS, Status.ITERATING, Status.LOG)

    def cancel(self) -> bool:
        """Cancel the job: the server drops it from the queue, or stops it if it is running.

        Returns:
            ``True`` if the job was cancelled, ``False`` if it had already finished.
        """
        if not super().cancel():
            return False
        with self._cond:
            send, self._send_cancel = self._send_cancel, None
            self._record(StatusUpdate(Status.CANCELLED, success=False, time=datetime.now()))
            self._cond.notify_all()
        if send is not None:
            send()
        return True

    def __iter__(self) -> Job:
        return self

    def __next__(self) -> Any:
        with self._cond:
            while self._cursor >= len(self._outputs) and not self.done():
                self._cond.wait()
            if self._cursor < len(self._outputs):
                self._cursor += 1
                return self._outputs[self._cursor - 1]
        raise StopIteration

    async def __aiter__(self) -> AsyncIterator[Update]:
        """Every status and output update, in order, until the job is done."""
        seen = 0
        while True:
            with self._cond:
                batch = self._history[seen:]
                finished = self.done()
            seen += len(batch)
            for update in batch:
                yield update
            if finished:
                return
            await asyncio.sleep(0.02)

    # -- used by the client's worker -----------------------------------------------------------
    def _set_status(self, code: Status, **fields: Any) -> None:
        with self._cond:
            self._record(StatusUpdate(code, time=datetime.now(), **fields))

    def _add_output(self, output: Any) -> None:
        with self._cond:
            self._outputs.append(output)
            self._history.append(OutputUpdate(output))
            self._record(StatusUpdate(Status.ITERATING, time=datetime.now()))
            self._cond.notify_all()

    def _attach_cancel(self, send: Callable[[], None]) -> None:
        """Remember how to cancel the job on the server; send it now if already cancelled."""
        with self._cond:
            if not self.cancelled():
                self._send_cancel = send
                return
        send()

    def _resolve(self, result: Any) -> None:
        with self._cond:
            if self.cancelled():
                return
            self._send_cancel = None
            if not self._outputs:
                self._outputs.append(result)
                self._history.append(OutputUpdate(result))
            self._record(StatusUpdate(Status.FINISHED, success=True, time=datetime.now()))
        with contextlib.suppress(InvalidStateError):  # cancelled meanwhile
            self.set_result(result)

    def _fail(self, error: BaseException, code: Status = Status.FINISHED) -> None:
        with self._cond:
            if self.cancelled():
                return
            self._send_cancel = None
            self._record(StatusUpdate(code, success=False, time=datetime.now()))
        with contextlib.suppress(InvalidStateError):  # cancelled meanwhile
            self.set_exception(error)

    def _record(self, update: StatusUpdate) -> None:
        # Called with the condition held.
        self._status = update
        self._history.append(update)

    def _wake(self, _: Future[Any]) -> None:
        with self._cond:
            self._cond.notify_all()
