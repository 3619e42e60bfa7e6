"""Cached example outputs: an app's function run on each example as an event would run it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from specblocks.app import _calls
from specblocks.app._outputs import postprocess_one, split_outputs
from specblocks.components import State
from specblocks.core._component import Component
from specblocks.core._progress import Progress

if TYPE_CHECKING:
    from specblocks.core._blocks import Block
    from specblocks.core._request import Request

T = TypeVar("T")


class ExampleCache:
    """The output payloads of each example, computed once (up front or on first use).

    An example's input payloads go through the inputs' ``preprocess``, the function and the
    outputs' ``postprocess`` exactly as for a browser event, so a cached example shows what
    running it would show. Generators contribute their last value.
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: Sequence[Block],
        outputs: Sequence[Block],
        *,
        preprocess: bool = True,
        postprocess: bool = True,
        batch: bool = False,
    ) -> None:
        self.inputs = list(inputs)
        self.outputs = list(outputs)
        self.preprocess = preprocess
        self.postprocess = postprocess
        self.batch = batch
        self._signature = _calls.inspect_fn(fn)
        self._payloads: dict[int, list[Any]] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    def __contains__(self, index: object) -> bool:
        return index in self._payloads

    def get(self, index: int, inputs: list[Any], request: Request | None = None) -> list[Any]:
        """The output payloads of example ``index``, running the function on first use.

        Args:
            index: The example's position.
            inputs: The example's input payloads, one per input (None where it has none).
            request: The request that asked for the example, passed to a function that
                takes one.

        Returns:
            One payload per output.
        """
        with self._guard:
            lock = self._locks.setdefault(index, threading.Lock())
        with lock:
            if index not in self._payloads:
                self._payloads[index] = self._run(inputs, request)
            return self._payloads[index]

    def _run(self, payloads: list[Any], request: Request | None) -> list[Any]:
        values = [
            self._input_value(block, p) for block, p in zip(self.inputs, payloads, strict=True)
        ]
        if self.batch:
            values = [[value] for value in values]
        args, kwargs = _calls.build_arguments(self._signature, values, self._specials(request))
        result = _run_to_end(self._signature, args, kwargs)
        if self.batch:
            columns = list(result) if isinstance(result, list | tuple) else []
            if len(columns) != len(self.outputs):
                raise ValueError(
                    f"a batched function must return {len(self.outputs)} list(s), one per output"
                )
            returned = [column[0] for column in columns]
        else:
            returned = split_outputs(result, self.outputs)
        return [
            postprocess_one(block, value, self.postprocess)
            for block, value in zip(self.outputs, returned, strict=True)
        ]

    def _input_value(self, block: Block, payload: Any) -> Any:
        if isinstance(block, State):
            return block.initial_state()
        if self.preprocess and isinstance(block, Component):
            return block.preprocess(payload)
        return payload

    def _specials(self, request: Request | None) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for special in self._signature.specials:
            if special.kind == "request":
                values[special.name] = request
            elif special.kind == "event_data":
                values[special.name] = None
            elif special.kind == "progress":
                values[special.name] = Progress()
        return values


def _run_to_end(sig: _calls.Signature, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Call a function of any kind and return its result (a generator's last value)."""
    if sig.is_coroutine:
        return _await(sig.fn(*args, **kwargs))
    if sig.is_async_generator:
        return _await(_last(sig.fn(*args, **kwargs)))
    result = sig.fn(*args, **kwargs)
    if sig.is_generator:
        last = None
        for last in result:  # noqa: B007 - only the final value counts
            pass
        return last
    return result


async def _last(items: AsyncIterator[Any]) -> Any:
    last = None
    async for last in items:  # noqa: B007 - only the final value counts
        pass
    return last


def _await(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from synchronous code, in or out of an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


__all__ = ["ExampleCache"]
