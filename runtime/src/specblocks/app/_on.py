"""``on``: one listener fired by several events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from specblocks._generated.events import ALL_EVENTS, CHANGE, LOAD, Dependency
from specblocks._generated.listener import ListenerOptions
from specblocks.core import EventSpec, EventTarget, as_list, current_app

if TYPE_CHECKING:
    from specblocks.core import BlockContext, BlocksCore, Component

Trigger = Callable[..., Dependency]
"""A bound listener method such as ``button.click`` or ``demo.load``."""

_EVENTS = {event.name: event for event in ALL_EVENTS}


def on(
    triggers: Sequence[Trigger] | Trigger | None = None,
    fn: Callable[..., Any] | Literal["decorator"] | None = "decorator",
    inputs: Component
    | BlockContext
    | Sequence[Component | BlockContext]
    | set[Component | BlockContext]
    | None = None,
    outputs: Component
    | BlockContext
    | Sequence[Component | BlockContext]
    | set[Component | BlockContext]
    | None = None,
    *,
    inputs_kwargs: dict[str, Component | BlockContext] | None = None,
    api_visibility: Literal["public", "private", "undocumented"] = "public",
    api_name: str | None = None,
    api_description: str | Literal[False] | None = None,
    scroll_to_output: bool = False,
    show_progress: Literal["full", "minimal", "hidden"] = "full",
    show_progress_on: Component | Sequence[Component] | None = None,
    queue: bool = True,
    batch: bool = False,
    max_batch_size: int = 4,
    preprocess: bool = True,
    postprocess: bool = True,
    cancels: Dependency | Sequence[Dependency] | None = None,
    trigger_mode: Literal["once", "multiple", "always_last"] | None = None,
    js: str | Literal[True] | None = None,
    concurrency_limit: int | Literal["default"] | None = "default",
    concurrency_id: str | None = None,
    time_limit: int | None = None,
    stream_every: float = 0.5,
    key: int | str | tuple[int | str, ...] | None = None,
    validator: Callable[..., Any] | None = None,
) -> Dependency:
    """Run one function when any of several events fires, as a single endpoint.

    ``on([button.click, text.submit], fn, text, out)`` registers one listener that both events
    trigger. Without ``fn`` it returns a decorator, like the listener methods. Every argument
    after ``triggers`` means what it means for the listener methods (``button.click`` …) and
    is documented there (``component_specs/common/listener.yaml``).

    Args:
        triggers: Bound listener methods such as ``button.click``, ``text.submit`` or
            ``demo.load``, or one of them. Null fires on a change of any input (positional
            or keyword) and when the page loads.
        fn: The function to run; see the listener methods.
        inputs: Components whose values are passed to ``fn``.
        outputs: Components updated with what ``fn`` returns.
        inputs_kwargs: Components passed to ``fn`` by keyword.
        api_visibility: Who can see and call the endpoint.
        api_name: Name of the endpoint.
        api_description: Description of the endpoint.
        scroll_to_output: Whether to scroll to the outputs when done.
        show_progress: Progress display while the event runs.
        show_progress_on: Components that show the progress animation.
        queue: Whether the event goes through the queue.
        batch: Whether ``fn`` processes several calls at once.
        max_batch_size: Largest batch.
        preprocess: Whether inputs are converted before ``fn`` runs.
        postprocess: Whether outputs are converted after ``fn`` returns.
        cancels: Listeners cancelled when one of the events fires.
        trigger_mode: What happens when an event fires while a run is pending.
        js: JavaScript run in the browser before ``fn``.
        concurrency_limit: Runs of this listener at the same time.
        concurrency_id: Concurrency group shared with other listeners.
        time_limit: Seconds a ``stream`` event may keep running.
        stream_every: Seconds between streamed chunks.
        key: Identity of the listener across re-renders.
        validator: Function that checks the inputs before ``fn`` runs.

    Returns:
        The registered listener; chain further listeners with ``.then()`` and friends.

    Raises:
        RuntimeError: Called outside ``with Blocks():``.
        TypeError: A trigger is not a bound listener method.
    """
    app = current_app()
    if app is None:
        raise RuntimeError("on() must be called inside `with Blocks():`")
    options = ListenerOptions(
        fn=fn,
        inputs=inputs,
        outputs=outputs,
        api_name=api_name,
        api_description=api_description,
        scroll_to_output=scroll_to_output,
        show_progress=show_progress,
        show_progress_on=show_progress_on,
        queue=queue,
        batch=batch,
        max_batch_size=max_batch_size,
        preprocess=preprocess,
        postprocess=postprocess,
        cancels=cancels,
        trigger_mode=trigger_mode,
        js=js,
        concurrency_limit=concurrency_limit,
        concurrency_id=concurrency_id,
        api_visibility=api_visibility,
        time_limit=time_limit,
        stream_every=stream_every,
        key=key,
        validator=validator,
        inputs_kwargs=inputs_kwargs,
    )
    targets = _targets(triggers, options, app)
    return app.add_dependency(Dependency(targets=targets, options=options, app=app))


def _targets(
    triggers: Sequence[Trigger] | Trigger | None, options: ListenerOptions, app: BlocksCore
) -> list[tuple[EventTarget, EventSpec]]:
    """The (block, event) pairs a listener fires on, without repeats."""
    pairs: list[tuple[EventTarget, EventSpec]]
    if triggers is None:
        sources = [*as_list(options.inputs), *(options.inputs_kwargs or {}).values()]
        pairs = [(s, CHANGE) for s in sources if callable(getattr(s, "change", None))]
        pairs.append((app, LOAD))
    else:
        many = triggers if isinstance(triggers, Sequence) else [triggers]
        pairs = [_trigger(t) for t in many]
    unique: list[tuple[EventTarget, EventSpec]] = []
    for target, event in pairs:
        if not any(t is target and e == event for t, e in unique):
            unique.append((target, event))
    return unique


def _trigger(trigger: Any) -> tuple[EventTarget, EventSpec]:
    """The block and event behind a bound listener method such as ``button.click``."""
    target = getattr(trigger, "__self__", None)
    event = _EVENTS.get(getattr(trigger, "__name__", ""))
    if not isinstance(target, EventTarget) or event is None:
        raise TypeError(
            "on(): each trigger must be a listener method of a block, such as `button.click` "
            f"or `demo.load`, got {trigger!r}"
        )
    return target, event


__all__ = ["Trigger", "on"]
