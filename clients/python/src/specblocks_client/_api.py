"""The app's endpoints, from ``/config`` (dependencies, components) and ``P/info`` (parameters).

An :class:`Endpoint` turns a call's positional and keyword arguments into the ``data`` list the
queue expects (defaults filled in, ``None`` at each ``gr.State`` input) and shapes the output
list the server returns into what ``predict`` returns.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from specblocks_client._files import schema_has_file

#: Component types without an API value, used when a component has no ``skip_api`` key.
SKIPPED_TYPES = frozenset(
    {"state", "row", "column", "tabs", "tab", "tabitem", "box", "form", "accordion", "group"}
    | {"interpretation", "dataset", "sidebar"}
)
_MISSING = object()


@dataclass
class Endpoint:
    """One event listener of the app, as the client calls it.

    Attributes:
        fn_index: The dependency id sent to the queue.
        api_name: ``"/name"``, or ``None`` for a listener without a name.
        visibility: ``public``, ``undocumented`` or ``private``.
        is_generator: Whether the function streams its outputs.
        state_inputs: For each input, whether it is a ``gr.State`` (sent as ``None``).
        file_inputs: For each input, whether its component takes files.
        skipped_outputs: For each output, whether it is left out of results.
        parameters: The ``P/info`` parameter descriptions (State excluded), if published.
        returns: The ``P/info`` return descriptions, if published.
    """

    fn_index: int
    api_name: str | None
    visibility: str
    is_generator: bool
    state_inputs: list[bool]
    file_inputs: list[bool]
    skipped_outputs: list[bool]
    parameters: list[dict[str, Any]] | None = None
    returns: list[dict[str, Any]] | None = field(default=None)

    @property
    def label(self) -> str:
        """How messages name the endpoint."""
        return self.api_name or f"fn_index={self.fn_index}"

    def parameter_names(self) -> list[str]:
        """The keyword names of the parameters (``parameter_name``, else the label)."""
        return [str(p.get("parameter_name") or p.get("label") or "") for p in self.parameters or []]

    def parameter_is_file(self, index: int) -> bool:
        """Whether the ``index``-th API parameter (State excluded) takes a file."""
        inputs = [i for i, state in enumerate(self.state_inputs) if not state]
        if index < len(inputs) and self.file_inputs[inputs[index]]:
            return True
        params = self.parameters or []
        return index < len(params) and schema_has_file(params[index].get("type"))

    def build_data(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        """The queue's ``data`` list for a call with ``args`` and ``kwargs``.

        Raises:
            ValueError: Too many arguments, an unknown keyword, a value given twice, or a
                required argument missing.
        """
        values = self._bind(args, kwargs)
        supplied = iter(values)
        return [None if state else next(supplied, None) for state in self.state_inputs]

    def _bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        api_inputs = self.state_inputs.count(False)
        if self.parameters is None:
            if kwargs:
                raise ValueError(
                    f"{self.label} takes positional arguments only (the app publishes no "
                    f"parameter names for it); got keyword(s) {', '.join(sorted(kwargs))}"
                )
            if len(args) != api_inputs:
                raise ValueError(f"{self.label} takes {api_inputs} argument(s); got {len(args)}")
            return list(args)
        names = self.parameter_names()
        if len(args) > len(names):
            raise ValueError(
                f"{self.label} takes at most {len(names)} argument(s) "
                f"({', '.join(names) or 'none'}); got {len(args)}"
            )
        values: list[Any] = [*args, *[_MISSING] * (len(names) - len(args))]
        for key, value in kwargs.items():
            if key not in names:
                raise ValueError(
                    f"{self.label} has no parameter {key!r}; its parameters are: "
                    f"{', '.join(names) or 'none'}"
                )
            index = names.index(key)
            if values[index] is not _MISSING:
                raise ValueError(f"{self.label} got two values for parameter {key!r}")
            values[index] = value
        missing: list[str] = []
        for index, param in enumerate(self.parameters):
            if values[index] is _MISSING:
                if param.get("parameter_has_default"):
                    values[index] = copy.deepcopy(param.get("parameter_default"))
                else:
                    missing.append(names[index])
        if missing:
            raise ValueError(f"{self.label} is missing required argument(s): {', '.join(missing)}")
        return values

    def shape_outputs(self, data: list[Any]) -> Any:
        """What ``predict`` returns for the server's output list.

        Skipped outputs (State, layout) are left out; one value is returned as it is, several
        as a tuple.
        """
        kept = [
            value for value, skipped in zip(data, self.skipped_outputs, strict=False) if not skipped
        ]
        kept.extend(data[len(self.skipped_outputs) :])
        if self.skipped_outputs.count(False) == 1 and len(kept) == 1:
            return kept[0]
        return tuple(kept)


class ApiTable:
    """All endpoints of an app.

    Args:
        config: The app's ``/config``.
        info: The app's ``P/info``.
    """

    def __init__(self, config: dict[str, Any], info: dict[str, Any]) -> None:
        self.info = info
        named: dict[str, Any] = info.get("named_endpoints") or {}
        unnamed: dict[str, Any] = info.get("unnamed_endpoints") or {}
        components = {c.get("id"): c for c in config.get("components") or []}

        def is_state(cid: int) -> bool:
            return bool(components.get(cid, {}).get("type") == "state")

        def is_file(cid: int) -> bool:
            return schema_has_file(components.get(cid, {}).get("api_info"))

        def is_skipped(cid: int) -> bool:
            component = components.get(cid, {})
            return bool(component.get("skip_api", component.get("type") in SKIPPED_TYPES))

        self.endpoints: list[Endpoint] = []
        for position, dep in enumerate(config.get("dependencies") or []):
            fn_index = int(dep.get("id", position))
            raw_name = dep.get("api_name")
            api_name = f"/{raw_name.lstrip('/')}" if isinstance(raw_name, str) else None
            described = named.get(api_name) if api_name else unnamed.get(str(fn_index))
            inputs = list(dep.get("inputs") or [])
            outputs = list(dep.get("outputs") or [])
            self.endpoints.append(
                Endpoint(
                    fn_index=fn_index,
                    api_name=api_name,
                    visibility=_visibility(dep),
                    is_generator=bool((dep.get("types") or {}).get("generator")),
                    state_inputs=[is_state(c) for c in inputs],
                    file_inputs=[is_file(c) for c in inputs],
                    skipped_outputs=[is_skipped(c) for c in outputs],
                    parameters=described.get("parameters") if described else None,
                    returns=described.get("returns") if described else None,
                )
            )

    def find(self, api_name: str | None = None, fn_index: int | None = None) -> Endpoint:
        """The endpoint named ``api_name`` or numbered ``fn_index``.

        ``api_name`` may omit the leading ``/``; with neither argument, the app's only public
        endpoint is meant.

        Raises:
            ValueError: No such endpoint, a private one, or an ambiguous call.
        """
        callable_ = [e for e in self.endpoints if e.visibility != "private"]
        if api_name is not None:
            name = "/" + api_name.lstrip("/")
            for endpoint in callable_:
                if endpoint.api_name == name:
                    return endpoint
            known = ", ".join(self.public_names()) or "none"
            raise ValueError(f"the app has no endpoint {name!r}; its endpoints are: {known}")
        if fn_index is not None:
            for endpoint in callable_:
                if endpoint.fn_index == fn_index:
                    return endpoint
            raise ValueError(f"the app has no callable endpoint with fn_index={fn_index}")
        public = [e for e in callable_ if e.visibility == "public" and e.api_name]
        if len(public) == 1:
            return public[0]
        known = ", ".join(self.public_names()) or "none"
        raise ValueError(
            f"the app has {len(public)} endpoints; name one with api_name= "
            f"(one of: {known}) or fn_index="
        )

    def public_names(self) -> list[str]:
        """The ``api_name`` of every endpoint listed in the API info."""
        return list((self.info.get("named_endpoints") or {}).keys())


def _visibility(dep: dict[str, Any]) -> str:
    visibility = dep.get("api_visibility")
    if isinstance(visibility, str):
        return visibility
    if dep.get("api_name") is False:
        return "private"
    return "undocumented" if dep.get("show_api") is False else "public"
