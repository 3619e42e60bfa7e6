"""The endpoints of an app: one per dependency, with its API name and visibility."""

from __future__ import annotations

import inspect
import string
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from specblocks.app._calls import Signature, inspect_fn
from specblocks.core._component import Component

if TYPE_CHECKING:
    from specblocks.core._blocks import Block
    from specblocks.core._blocks import DependencyCore as Dependency


class UnknownEndpoint(LookupError):  # noqa: N818 - reads as what happened
    """No endpoint has that API name or index."""


@dataclass(frozen=True)
class Endpoint:
    """A dependency as API clients see it."""

    fn_index: int
    dependency: Dependency
    api_name: str | None
    visibility: str  # "public" | "undocumented" | "private"
    signature: Signature | None

    @property
    def inputs(self) -> list[Block]:
        """Input blocks, in order."""
        return self.dependency.inputs

    @property
    def outputs(self) -> list[Block]:
        """Output blocks, in order."""
        return self.dependency.outputs

    def parameter_names(self) -> list[str | None]:
        """The function's parameter name for each input (None where unknown)."""
        return [p.name if p is not None else None for p in self._parameters()]

    def none_defaults(self) -> list[bool]:
        """For each input, whether the function's parameter for it defaults to None."""
        return [p is not None and p.default is None for p in self._parameters()]

    def _parameters(self) -> list[inspect.Parameter | None]:
        names: list[inspect.Parameter | None] = []
        if self.signature is not None:
            try:
                parameters = inspect.signature(self.signature.fn).parameters.values()
            except (TypeError, ValueError):  # some builtins (str, len ...) have no signature
                parameters = []  # type: ignore[assignment]
            params = [
                p
                for p in parameters
                if p.name not in {s.name for s in self.signature.specials}
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            names = list(params)
        names += [None] * (len(self.inputs) - len(names))
        return names[: len(self.inputs)]


#: Punctuation that Gradio leaves out of a function's name when naming its endpoint.
_DROPPED = frozenset(string.punctuation) - {"-", "_"}


def _default_name(fn: Any) -> str:
    name = getattr(fn, "__name__", None) or type(fn).__name__
    return "".join(ch for ch in str(name) if ch not in _DROPPED)  # "<lambda>" is "lambda"


def build_endpoints(dependencies: list[Dependency]) -> list[Endpoint]:
    """Endpoints for ``dependencies``; unnamed functions are named after themselves, made unique."""
    taken: set[str] = set()
    endpoints = []
    for index, dep in enumerate(dependencies):
        options = dep.options
        visibility = str(getattr(options, "api_visibility", "public"))
        requested: Any = getattr(options, "api_name", None)
        name: str | None
        # named as Gradio names them, so that later names get the same suffixes
        if requested is False:
            name, visibility = "false", "private"
        elif requested:
            name = str(requested).lstrip("/")
        elif dep.fn is not None:
            name = _default_name(dep.fn)
        else:  # no Python function: nothing to call
            name = "js_fn" if getattr(options, "js", None) else "unnamed"
            visibility = "private"
        base, suffix = name, 0
        while name in taken:
            suffix += 1
            name = f"{base}_{suffix}"
        taken.add(name)
        signature = inspect_fn(dep.fn) if dep.fn is not None else None
        endpoints.append(Endpoint(index, dep, name, visibility, signature))
    return endpoints


class EndpointTable:
    """Lookup of endpoints by index or API name.

    ``endpoints`` are the app's own, in the order of its listeners. The listeners a ``@render``
    function attaches while it runs for a session are added with :meth:`add_rendered` (each
    gets an index of its own after the app's) and removed when that session renders again or
    ends; they are callable by index only, and not part of the API description.
    """

    def __init__(self, endpoints: list[Endpoint]) -> None:
        self.endpoints = endpoints
        # a private endpoint is not callable by name
        self._by_name = {
            e.api_name: e for e in endpoints if e.api_name and e.visibility != "private"
        }
        self._rendered: dict[int, Endpoint] = {}
        self._next_index = len(endpoints)
        self._lock = threading.Lock()

    def by_index(self, fn_index: int) -> Endpoint:
        """The endpoint at ``fn_index``, or :class:`UnknownEndpoint`."""
        if 0 <= fn_index < len(self.endpoints):
            return self.endpoints[fn_index]
        rendered = self._rendered.get(fn_index)
        if rendered is not None:
            return rendered
        raise UnknownEndpoint(
            f"no endpoint with fn_index {fn_index} (the app has {len(self.endpoints)}; "
            f"a listener created by a render function exists only while its rendering does)"
        )

    def add_rendered(self, dependency: Dependency) -> Endpoint:
        """Give a listener attached by a render function an index of its own."""
        with self._lock:
            index = self._next_index
            self._next_index += 1
            signature = inspect_fn(dependency.fn) if dependency.fn is not None else None
            endpoint = Endpoint(index, dependency, None, "private", signature)
            self._rendered[index] = endpoint
        return endpoint

    def discard_rendered(self, indices: list[int]) -> None:
        """Forget listeners of a rendering that was replaced or whose session ended."""
        with self._lock:
            for index in indices:
                self._rendered.pop(index, None)

    def by_name(self, api_name: str) -> Endpoint:
        """The endpoint called ``api_name`` (with or without a leading slash)."""
        endpoint = self._by_name.get(api_name.lstrip("/"))
        if endpoint is None:
            known = ", ".join(f"/{n}" for n in sorted(self._by_name)) or "none"
            raise UnknownEndpoint(f"no endpoint named /{api_name.lstrip('/')} (known: {known})")
        return endpoint


def in_api(block: Block) -> bool:
    """Whether a block's value is part of the API (parameters and results)."""
    return isinstance(block, Component) and type(block).IN_API
