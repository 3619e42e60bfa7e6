"""Calling a user function: special parameters, sync/async/generator functions."""

from __future__ import annotations

import inspect
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import anyio.to_thread

from specblocks._generated.event_data import EventData
from specblocks.core._progress import Progress
from specblocks.core._request import Request


@dataclass(frozen=True)
class Special:
    """A parameter filled by the server, not from an input component."""

    name: str
    kind: str  # "request" | "event_data" | "progress"
    cls: type[Any] | None = None
    default: Any = None


@dataclass(frozen=True)
class Signature:
    """What the server needs to know to call a function."""

    fn: Callable[..., Any]
    specials: tuple[Special, ...]
    order: tuple[str | None, ...]  # per positional slot: a special's name, or None for an input
    var_positional: bool
    is_generator: bool
    is_async_generator: bool
    is_coroutine: bool

    @property
    def wants_request(self) -> bool:
        """Whether the function asks for the request."""
        return any(s.kind == "request" for s in self.specials)

    @property
    def collects_event_data(self) -> bool:
        """Whether the function asks for event data."""
        return any(s.kind == "event_data" for s in self.specials)


def _annotation(hints: dict[str, Any], param: inspect.Parameter) -> Any:
    hint = hints.get(param.name, param.annotation)
    origin = typing.get_origin(hint)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        classes = [a for a in typing.get_args(hint) if isinstance(a, type) and a is not type(None)]
        return classes[0] if len(classes) == 1 else hint
    return hint


def inspect_fn(fn: Callable[..., Any]) -> Signature:
    """Analyse ``fn`` once, when the app starts."""
    target = inspect.unwrap(fn)
    try:
        hints = typing.get_type_hints(target)
    except Exception:
        hints = {}
    specials: list[Special] = []
    order: list[str | None] = []
    var_positional = False
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        parameters = []  # type: ignore[assignment]
    for param in parameters:
        ann = _annotation(hints, param)
        special: Special | None = None
        if isinstance(ann, type) and issubclass(ann, Request):
            special = Special(param.name, "request")
        elif isinstance(ann, type) and issubclass(ann, EventData):
            special = Special(param.name, "event_data", ann)
        elif isinstance(param.default, Progress):
            special = Special(param.name, "progress", default=param.default)
        if param.kind is inspect.Parameter.VAR_POSITIONAL:
            var_positional = True
            continue
        if param.kind in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.KEYWORD_ONLY):
            if special is not None:
                specials.append(special)
            continue
        if special is not None:
            specials.append(special)
            order.append(special.name)
        else:
            order.append(None)
    return Signature(
        fn=fn,
        specials=tuple(specials),
        order=tuple(order),
        var_positional=var_positional,
        is_generator=inspect.isgeneratorfunction(target),
        is_async_generator=inspect.isasyncgenfunction(target),
        is_coroutine=inspect.iscoroutinefunction(target),
    )


def build_arguments(
    sig: Signature, inputs: list[Any], specials: dict[str, Any]
) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments: inputs in order, specials where they stand.

    Specials placed after the last input that was given are passed by keyword, so functions
    whose trailing parameters have defaults still receive them.
    """
    args: list[Any] = []
    remaining = list(inputs)
    filled: set[str] = set()
    for slot in sig.order:
        if slot is None:
            if not remaining:
                break
            args.append(remaining.pop(0))
        else:
            args.append(specials[slot])
            filled.add(slot)
    args += remaining
    kwargs = {s.name: specials[s.name] for s in sig.specials if s.name not in filled}
    return args, kwargs


async def call(
    sig: Signature, args: list[Any], kwargs: dict[str, Any], limiter: anyio.CapacityLimiter
) -> Any:
    """Call a plain (non-generator) function; sync functions run in a worker thread."""
    if sig.is_coroutine:
        return await sig.fn(*args, **kwargs)
    return await anyio.to_thread.run_sync(
        lambda: sig.fn(*args, **kwargs), limiter=limiter, abandon_on_cancel=True
    )


_DONE = object()


async def iterate(
    sig: Signature, args: list[Any], kwargs: dict[str, Any], limiter: anyio.CapacityLimiter
) -> AsyncIterator[Any]:
    """Iterate a generator function (sync generators step in a worker thread)."""
    if sig.is_async_generator:
        async for item in sig.fn(*args, **kwargs):
            yield item
        return
    iterator: Iterator[Any] = await anyio.to_thread.run_sync(
        lambda: iter(sig.fn(*args, **kwargs)), limiter=limiter
    )
    while True:
        item = await anyio.to_thread.run_sync(
            lambda: next(iterator, _DONE), limiter=limiter, abandon_on_cancel=True
        )
        if item is _DONE:
            return
        yield item
