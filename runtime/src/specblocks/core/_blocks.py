"""Blocks and the listeners attached to them: the model every app is built from.

A :class:`Block` is placed in the innermost open :class:`BlockContext` (a layout, or the app
itself); a :class:`BlocksCore` is the app, which records every listener (a
:class:`DependencyCore`) attached while it is open. Generated code adds one listener method
per event to :class:`EventTarget` subclasses and the chaining methods to
:class:`ChainTarget` subclasses.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar, Self, TypeVar

from specblocks.core._context import OpenStack
from specblocks.core._events import ChainCondition, EventSpec, ListenerOptionsLike

F = TypeVar("F", bound=Callable[..., Any])
D = TypeVar("D", bound="DependencyCore")

_block_ids = itertools.count(0)
_dependency_ids = itertools.count(0)
#: The package's own public block classes by name (layouts created around grouped blocks,
#: timers created for ``every``).
_block_classes: dict[str, type[Block]] = {}
_UNSET = object()

_open_layouts: OpenStack[BlockContext] = OpenStack(
    "open_layouts", "layouts closed out of order: {item!r} is not the innermost open layout"
)
_open_apps: OpenStack[BlocksCore] = OpenStack(
    "open_apps", "Blocks closed out of order: {item!r} is not the innermost open app"
)


def block_class(name: str) -> type[Block] | None:
    """The package's public block class called ``name`` (``"Timer"``), once it is defined."""
    return _block_classes.get(name)


def current_context() -> BlockContext | None:
    """The innermost open layout, or None outside any ``with`` block."""
    return _open_layouts.current()


def current_app() -> BlocksCore | None:
    """The innermost open Blocks app, or None."""
    return _open_apps.current()


def as_list(value: Any) -> list[Any]:
    """``None`` → ``[]``; a sequence or set → a list; anything else → a one-item list.

    A set of blocks is listed in the order the blocks were made, so that an endpoint's
    parameters and returns keep one order from run to run.
    """
    if value is None:
        return []
    if isinstance(value, set | frozenset):
        return sorted(value, key=lambda item: getattr(item, "_id", 0))
    if isinstance(value, Sequence) and not isinstance(value, str):
        return list(value)
    return [value]


def descendants(blocks: Iterable[Block]) -> list[Block]:
    """``blocks`` and every block inside them, depth-first, in page order."""
    found: list[Block] = []
    stack = list(reversed(list(blocks)))
    while stack:
        block = stack.pop()
        found.append(block)
        stack.extend(reversed(getattr(block, "children", [])))
    return found


class EventTarget:
    """Something listeners can be attached to. Generated mixins add one method per event."""

    def _owner_app(self) -> BlocksCore | None:
        return current_app()

    def _listen(self, event: EventSpec, options: ListenerOptionsLike, kind: type[D]) -> D:
        """Attach a listener for ``event`` to the app being built, as a ``kind`` record."""
        app = self._owner_app()
        if app is None:
            raise RuntimeError(
                f"{type(self).__name__}.{event.name}() must be called inside `with Blocks():`"
            )
        return app.add_dependency(kind(targets=[(self, event)], options=options, app=app))


class ChainTarget:
    """A registered listener that further listeners can be chained to."""

    def _chain(self, condition: ChainCondition, options: ListenerOptionsLike) -> Self:
        raise NotImplementedError  # pragma: no cover - DependencyCore implements it


class Block(EventTarget):
    """Anything that can be placed in an app: a component or a layout.

    Generated base classes store every constructor argument as an attribute, then call
    ``Block.__init__`` to give the block an id and place it in the innermost open layout.
    """

    NAME: ClassVar[str] = "Block"
    #: The block's ``type`` in the page config, when it is not the lower-cased ``NAME``.
    BLOCK_NAME: ClassVar[str] = ""
    EVENTS: ClassVar[tuple[EventSpec, ...]] = ()
    PROPS: ClassVar[tuple[str, ...]] = ()
    #: Properties an update cannot change (they act when the app is built).
    STATIC_PROPS: ClassVar[frozenset[str]] = frozenset()
    #: What the page config sends for a property whose value is None (the value None stands
    #: for); properties not named here are left out when None.
    SENT_FOR_NONE: ClassVar[dict[str, Any]] = {}
    #: The layout (by name) that gathers runs of these blocks, unless a parameter has one of
    #: the ``GROUPED_UNLESS`` values.
    GROUPED_IN: ClassVar[str | None] = None
    GROUPED_UNLESS: ClassVar[tuple[tuple[str, Any], ...]] = ()
    #: False when the block does not end a run of blocks being gathered (State, Timer).
    BREAKS_GROUPING: ClassVar[bool] = True

    elem_id: str | None
    key: int | str | tuple[int | str, ...] | None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is not None and not getattr(init, "_records_arguments", False):
            cls.__init__ = _recording_arguments(init)  # type: ignore[method-assign]
        if cls.__module__.startswith("specblocks.") and cls.__name__ == cls.NAME:
            _block_classes[cls.NAME] = cls

    @classmethod
    def class_id(cls) -> str:
        """A stable id of the block's class (a hash of its import path), as the config gives it."""
        return hashlib.sha256(f"{cls.__module__}.{cls.__qualname__}".encode()).hexdigest()

    @classmethod
    def block_type(cls) -> str:
        """The block's ``type`` in the page config (``"nativeplot"`` for every native plot).

        A subclass with a name of its own (a custom component) is its own type.
        """
        for klass in cls.__mro__:
            named = vars(klass).get("BLOCK_NAME")
            if named:
                return (
                    str(named)
                    if vars(klass).get("NAME", cls.NAME) == cls.NAME
                    else cls.NAME.lower()
                )
        return cls.NAME.lower()

    def expected_parent(self) -> type[BlockContext] | None:
        """The layout this block is gathered into when its parent is not one, or None."""
        if self.GROUPED_IN is None:
            return None
        if any(getattr(self, name, _UNSET) == value for name, value in self.GROUPED_UNLESS):
            return None
        found = _block_classes.get(self.GROUPED_IN)
        return found if isinstance(found, type) and issubclass(found, BlockContext) else None

    @property
    def explicit_args(self) -> dict[str, Any]:
        """The constructor arguments given explicitly (by position or name), by name.

        A block returned by a function as an output's new value is an update of those
        properties only; the ones left at their defaults stay as they are.
        """
        return dict(self.__dict__.get("_explicit_args", {}))

    def __init__(self, *, render: bool = True) -> None:
        self._id = next(_block_ids)
        self.parent: BlockContext | None = None
        self.is_rendered = False
        if render:
            self.render()

    def render(self) -> Self:
        """Place the block in the innermost open layout (no-op outside any layout)."""
        context = current_context()
        if context is not None and not self.is_rendered:
            context.add_child(self)
            self.is_rendered = True
        return self

    def unrender(self) -> Self:
        """Remove the block from the layout it was placed in."""
        if self.parent is not None:
            self.parent.remove_child(self)
        self.is_rendered = False
        return self

    def __repr__(self) -> str:
        label = getattr(self, "label", None)
        named = f" label={label!r}" if isinstance(label, str) else ""
        return f"<{type(self).__name__} id={self._id}{named}>"


def _recording_arguments(init: Callable[..., None]) -> Callable[..., None]:
    """``init`` that first records the arguments of the outermost constructor call."""
    signature = inspect.signature(init)

    @functools.wraps(init)
    def recording(self: Block, *args: Any, **kwargs: Any) -> None:
        if "_explicit_args" not in self.__dict__:
            self.__dict__["_explicit_args"] = _given(signature, self, args, kwargs)
        init(self, *args, **kwargs)

    recording._records_arguments = True  # type: ignore[attr-defined]
    return recording


def _given(
    signature: inspect.Signature, block: Block, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any]:
    try:
        bound = signature.bind(block, *args, **kwargs)
    except TypeError:
        return {}  # the constructor itself reports the mistake
    given: dict[str, Any] = {}
    for index, (name, value) in enumerate(bound.arguments.items()):
        kind = signature.parameters[name].kind
        if index == 0 or kind is inspect.Parameter.VAR_POSITIONAL:
            continue
        if kind is inspect.Parameter.VAR_KEYWORD:
            given.update(value)
        else:
            given[name] = value
    return given


class BlockContext(Block):
    """A block that contains other blocks, opened with ``with``.

    When it closes, each run of consecutive children that belong in another layout (form
    fields in a Form, tabs in a Tabs: see :meth:`Block.expected_parent`) is gathered into a
    new layout of that kind, unless this one already is one.
    """

    #: Parameter values with which the layout keeps its children as they are.
    UNGROUPED_WHEN: ClassVar[tuple[tuple[str, Any], ...]] = ()

    def __init__(self, *, render: bool = True) -> None:
        self.children: list[Block] = []
        super().__init__(render=render)

    def gather_children(self) -> None:
        """Put each run of children that expect another layout into a new one of that kind."""
        if any(getattr(self, name, _UNSET) == value for name, value in self.UNGROUPED_WHEN):
            return
        children: list[Block] = []
        gathering: BlockContext | None = None
        for child in self.children:
            wanted = child.expected_parent()
            if wanted is None or isinstance(self, wanted):
                if child.BREAKS_GROUPING:
                    gathering = None
                children.append(child)
                continue
            if gathering is None or not isinstance(gathering, wanted):
                key = getattr(child, "key", None)
                if key is not None:
                    key = (*key, "_parent") if isinstance(key, tuple) else (key, "_parent")
                gathering = wanted(render=False, key=key)  # type: ignore[call-arg]
                gathering.parent = self
                gathering.is_rendered = True
                children.append(gathering)
                self.adopt(gathering, child)
            child.parent = None
            gathering.add_child(child)
        self.children = children

    def adopt(self, layout: BlockContext, first: Block) -> None:
        """A layout was created here around ``first`` and the children after it."""

    def add_child(self, child: Block) -> None:
        """Append ``child`` to this layout."""
        if child.parent is not None and child.parent is not self:
            child.parent.remove_child(child)
        child.parent = self
        self.children.append(child)

    def remove_child(self, child: Block) -> None:
        """Remove ``child`` from this layout."""
        self.children.remove(child)
        child.parent = None

    def __enter__(self) -> Self:
        _open_layouts.push(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _open_layouts.pop(self)
        if exc_type is None:
            self.gather_children()


class BlocksCore(BlockContext):
    """An app: the root layout, plus the listeners attached while it was open.

    The generated ``BlocksBase`` turns each documented method's arguments into an options
    object and hands it to the matching hook of the app layer's ``Blocks``.
    """

    dependencies: list[DependencyCore]

    def _owner_app(self) -> BlocksCore:
        return self

    def add_dependency(self, dependency: D) -> D:
        """Record a listener attached while this app was being built."""
        self.dependencies.append(dependency)
        return dependency

    def __enter__(self) -> Self:
        _open_apps.push(self)
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, traceback)
        _open_apps.pop(self)


@dataclass(eq=False)
class DependencyCore(ChainTarget):
    """An event listener attached to an app: which events run which function.

    Generated code subclasses it with the chaining methods (``then``, ``success``,
    ``failure``) as the ``Dependency`` that listener methods return.
    """

    targets: list[tuple[EventTarget, EventSpec]]
    options: ListenerOptionsLike
    app: BlocksCore
    trigger_after: DependencyCore | None = None
    trigger_condition: ChainCondition = "always"
    id: int = field(default_factory=lambda: next(_dependency_ids))

    @property
    def fn(self) -> Callable[..., Any] | None:
        """The function to run, or None when the listener only runs JavaScript or is pending."""
        fn = self.options.fn
        return None if fn == "decorator" or fn is None else fn

    @property
    def inputs(self) -> list[Block]:
        """Input blocks, in order."""
        return as_list(self.options.inputs)

    @property
    def outputs(self) -> list[Block]:
        """Output blocks, in order."""
        return as_list(self.options.outputs)

    @property
    def trigger_mode(self) -> str:
        """The listener's trigger mode, or its first event's default."""
        if self.options.trigger_mode:
            return self.options.trigger_mode
        return self.targets[0][1].trigger_mode if self.targets else "once"

    def __call__(self, fn: F) -> F:
        """Decorator form: ``@button.click(inputs=..., outputs=...)`` over a function."""
        if self.options.fn != "decorator":
            raise TypeError(
                "this listener already has a function; use the decorator form without `fn`"
            )
        object.__setattr__(self.options, "fn", fn)
        return fn

    def _chain(self, condition: ChainCondition, options: ListenerOptionsLike) -> Self:
        chained = type(self)(
            targets=[],
            options=options,
            app=self.app,
            trigger_after=self,
            trigger_condition=condition,
        )
        return self.app.add_dependency(chained)
