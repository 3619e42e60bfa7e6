"""The Dataset component: clickable samples, each one value per component."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from specblocks._generated.dataset import DatasetBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload, bad_value, describe
from specblocks.components._lookup import by_name
from specblocks.core._blocks import as_list
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError

_TYPES = ("values", "index", "tuple")
# Constructor arguments never passed on to the browser as a sample component's props.
_NOT_PROPS = frozenset({"value", "every", "inputs", "render"})


def component_class(name: str) -> type[Component]:
    """The component class named by a string shortcut such as "textbox" or "number".

    Raises:
        ValueError: No component has that name.
    """
    cls = by_name(name)
    if cls is None:
        raise ValueError(f"Dataset: no component is named {name!r}")
    return cls


def component_instance(spec: Any) -> Component:
    """A component given as an instance, a string shortcut or a dict with a "name" key.

    Components created here are not placed in any layout.
    """
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, str):
        return component_class(spec)(render=False)
    if isinstance(spec, Mapping) and isinstance(spec.get("name"), str):
        kwargs = {k: v for k, v in spec.items() if k != "name"}
        return component_class(spec["name"])(**kwargs, render=False)
    raise TypeError(
        "Dataset: `components` must hold components, component names or dicts with a 'name', "
        f"got {describe(spec)}"
    )


def _is_plain(value: Any) -> bool:
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list | tuple):
        return all(_is_plain(item) for item in value)
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def component_props(component: Component) -> dict[str, Any]:
    """The JSON-plain constructor settings of ``component``, except its value.

    They are resolved as its config gives them: a None that stands for a value is that value.
    """
    cls = type(component)
    props: dict[str, Any] = {}
    for name in getattr(cls, "PROPS", ()):
        if name in _NOT_PROPS or not hasattr(component, name):
            continue
        value = getattr(component, name)
        if value is None:
            value = cls.SENT_FOR_NONE.get(name)
        if _is_plain(value):
            props[name] = value
    for name in ("elem_classes", "preserved_by_key"):
        if name in props:
            props[name] = as_list(props[name])  # listed, as in the component's own config
    resolved = component.config_props()
    props.update((k, v) for k, v in resolved.items() if k in props and _is_plain(v))
    return props


def example_form(component: Component, value: Any) -> Any:
    """How ``component`` shows ``value`` in an examples table."""
    process = getattr(component, "process_example", None)
    if callable(process):
        return process(value)
    return component.postprocess(value)


class Dataset(DatasetBase, AfterInit):
    __doc__ = DatasetBase.__doc__

    def _after_init(self) -> None:
        kind: str = self.type
        if kind not in _TYPES:
            raise ValueError(f"Dataset: `type` must be one of {list(_TYPES)}, got {self.type!r}")
        self._components = [component_instance(c) for c in self.components or []]
        self.raw_samples: list[list[Any]] = [[]] if self.samples is None else self.samples
        """The samples as given, each a list with one value per component."""
        self.processed_samples: list[list[Any]] = (
            [
                [example_form(c, value) for c, value in zip(self._components, row, strict=False)]
                for row in self.raw_samples
            ]
            if self.proxy_url is None
            else [list(row) for row in self.raw_samples]
        )
        """The samples as the browser shows them (each value processed by its component)."""

    @property
    def sample_components(self) -> list[Component]:
        """The components that render each sample's values, in order."""
        return list(self._components)

    @property
    def resolved_headers(self) -> list[Any]:
        """``headers``, or the components' labels (none when no component has a label)."""
        if self.headers is not None:
            return list(self.headers)
        labels = [getattr(c, "label", None) for c in self._components]
        return [] if all(x is None for x in labels) else [x or "" for x in labels]

    @property
    def resolved_component_props(self) -> list[dict[str, Any]]:
        """``component_props``, or each component's JSON-plain settings (except its value)."""
        if self.component_props is not None:
            return self.component_props
        return [component_props(c) for c in self._components]

    def config_props(self) -> dict[str, Any]:
        """Samples as the browser shows them, with headers and each component's settings."""
        return {
            "samples": self.processed_samples,
            "headers": self.resolved_headers,
            "component_props": self.resolved_component_props,
            "components": [
                {"name": c.NAME.lower(), "class_id": c.class_id()} for c in self._components
            ],
            "component_ids": [c._id for c in self._components],
        }

    def preprocess(self, payload: Any) -> Any:
        """Pass the clicked sample to the function in the form ``type`` asks for.

        Args:
            payload: The index of the clicked sample, or None.

        Returns:
            The sample's list of values ("values"), its index ("index") or an (index,
            values) tuple ("tuple"); None when no sample is selected.

        Raises:
            PayloadError: The payload is not the index of a sample.
        """
        if payload is None:
            return None
        if isinstance(payload, bool) or not isinstance(payload, int):
            raise bad_payload(self, "the index of a sample (an integer)", payload)
        if not 0 <= payload < len(self.raw_samples):
            raise PayloadError(
                f"Dataset: sample index {payload} is out of range "
                f"(there are {len(self.raw_samples)} samples)"
            )
        if self.type == "index":
            return payload
        if self.type == "values":
            return self.raw_samples[payload]
        return payload, self.raw_samples[payload]

    def postprocess(self, value: Any) -> int | None:
        """Select a sample by index or by its processed values.

        Args:
            value: An index, a list of values equal to one of the processed samples, or
                None.

        Returns:
            The index of the sample; None (with a warning) when the values match no sample.

        Raises:
            TypeError: The value is neither an index nor a list of values.
        """
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, list):
            if value in self.processed_samples:
                return self.processed_samples.index(value)
            warnings.warn(
                "Dataset: the returned values match none of the samples. To replace the "
                "samples, return `Dataset(samples=...)` instead.",
                UserWarning,
                stacklevel=2,
            )
            return None
        raise bad_value(self, "the index of a sample or its list of values", value)
