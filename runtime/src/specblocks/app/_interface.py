"""``Interface``: a whole app around one function, from its inputs and outputs."""

from __future__ import annotations

import csv
import datetime
import functools
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from specblocks import components
from specblocks._generated.blocks import BlocksOptions
from specblocks._generated.button import ButtonBase
from specblocks._generated.interface import InterfaceBase
from specblocks.app._blocks import Blocks
from specblocks.app._examples import Examples
from specblocks.components import _layouts as layouts
from specblocks.components._templates import TEMPLATES
from specblocks.core._component import Component

if TYPE_CHECKING:
    from specblocks._generated.interface import InterfaceOptions


def write_flag(folder: Path, columns: list[str], row: list[Any]) -> None:
    """Append a flagged sample to ``folder/dataset1.csv`` (with its header and a timestamp)."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "dataset1.csv"
    new = not log.exists()
    with log.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow([*columns, "timestamp"])
        writer.writerow([*row, datetime.datetime.now(datetime.UTC).isoformat()])


@functools.cache
def _shortcuts() -> dict[str, type[Component]]:
    table: dict[str, type[Component]] = {}
    for cls in [*(getattr(components, name) for name in components.__all__), *TEMPLATES]:
        for shortcut in getattr(cls, "SHORTCUTS", ()):
            table[shortcut] = cls
    return table


def component_from(spec: str | Component, role: str) -> Component:
    """A component from an instance or a string shortcut such as ``"text"`` or ``"image"``."""
    if isinstance(spec, Component):
        return spec
    if isinstance(spec, str):
        cls = _shortcuts().get(spec.lower().replace("_", ""))
        if cls is None:
            known = ", ".join(sorted(_shortcuts()))
            raise ValueError(f"unknown {role} shortcut {spec!r}; known shortcuts: {known}")
        return cls(render=False)
    raise TypeError(f"{role} must be a component or a string shortcut, got {type(spec).__name__}")


def components_from(
    specs: str | Component | Sequence[str | Component] | None, role: str
) -> list[Component]:
    """A list of components from one spec, a list of specs, or None."""
    if specs is None:
        return []
    if isinstance(specs, str | Component):
        return [component_from(specs, role)]
    return [component_from(s, role) for s in specs]


def _is_state(component: Component) -> bool:
    return isinstance(component, components.State)


def _label_from_parameters(fn: Callable[..., Any], inputs: list[Component]) -> None:
    try:
        names = [
            p.name
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        return
    for component, name in zip(inputs, names, strict=False):
        if getattr(component, "label", "set") is None:
            setattr(component, "label", name)  # noqa: B010 - not every component has a label


class Interface(InterfaceBase, Blocks):
    """A complete app around one function: inputs on the left, outputs on the right.

    ``Interface(fn, "text", "text").launch()`` gives a text box, a Submit button and an output
    box; the endpoint is named after the function (``/greet`` for ``def greet``, ``/lambda``
    for a lambda) unless ``api_name`` says otherwise.
    """

    def _init_interface(self, options: InterfaceOptions) -> None:
        self.interface_options = options
        self._init_blocks(
            BlocksOptions(
                analytics_enabled=options.analytics_enabled,
                mode="interface",
                title=str(options.title) if options.title else "specblocks",
                fill_width=options.fill_width,
                delete_cache=options.delete_cache,
            )
        )
        self.fn = options.fn
        self.input_components = components_from(options.inputs, "input")
        self.additional_inputs = components_from(options.additional_inputs, "input")
        self.output_components = components_from(options.outputs, "output")
        all_inputs = self.input_components + self.additional_inputs
        _label_from_parameters(options.fn, all_inputs)
        with self:
            self._build(options, all_inputs)

    def _build(self, options: InterfaceOptions, all_inputs: list[Component]) -> None:
        if options.title:
            components.Markdown(f"# {options.title}")
        if options.description:
            components.Markdown(options.description)
        with layouts.Row():
            with layouts.Column():
                for component in self.input_components:
                    component.render()
                if self.additional_inputs:
                    label = options.additional_inputs_accordion
                    accordion = (
                        layouts.Accordion(label or "Additional Inputs", open=False)
                        if label is None or isinstance(label, str)
                        else label
                    )
                    with accordion:
                        for component in self.additional_inputs:
                            component.render()
                with layouts.Row():
                    clear = self._clear_button(options)
                    submit = self._button(options.submit_btn, variant="primary")
            with layouts.Column():
                for component in self.output_components:
                    component.render()
                flag = self._flag_button(options)
        self._attach_listeners(options, all_inputs, submit)
        if clear is not None:
            clear.add([*all_inputs, *self.output_components])
        if flag is not None:
            flag.click(
                self._flagger(options, all_inputs),
                [*all_inputs, *self.output_components],
                None,
                api_visibility="private",
            )
        if options.examples and self.input_components:
            self._examples(options)
        if options.article:
            components.Markdown(options.article)

    @staticmethod
    def _button(
        spec: str | ButtonBase, variant: Literal["primary", "secondary", "stop"]
    ) -> ButtonBase:
        if isinstance(spec, ButtonBase):
            return spec.render()
        return components.Button(spec, variant=variant)

    @staticmethod
    def _clear_button(options: InterfaceOptions) -> components.ClearButton | None:
        if options.clear_btn is None:
            return None
        label = options.clear_btn if isinstance(options.clear_btn, str) else "Clear"
        return components.ClearButton(value=label)

    def _flag_button(self, options: InterfaceOptions) -> components.Button | None:
        if (options.flagging_mode or "manual") != "manual":
            return None
        return components.Button("Flag")

    def _attach_listeners(
        self, options: InterfaceOptions, inputs: list[Component], submit: ButtonBase
    ) -> None:
        common: dict[str, Any] = {
            "api_name": options.api_name,  # None: the function's name, as Gradio names it
            "api_description": options.api_description,
            "api_visibility": options.api_visibility,
            "batch": options.batch,
            "max_batch_size": options.max_batch_size,
            "concurrency_limit": options.concurrency_limit,
            "show_progress": options.show_progress,
            "validator": options.validator,
        }
        outputs = list(self.output_components)
        if options.live:
            triggers = [c for c in inputs if hasattr(c, "change")]
            first = True
            for component in triggers:
                kwargs = (
                    common if first else {**common, "api_visibility": "private", "api_name": None}
                )
                component.change(self.fn, inputs, outputs, **kwargs)
                first = False
            if not triggers:
                submit.click(self.fn, inputs, outputs, **common)
            return
        submit.click(self.fn, inputs, outputs, **common)

    def _examples(self, options: InterfaceOptions) -> None:
        inputs = [c for c in self.input_components + self.additional_inputs if not _is_state(c)]
        main = sum(not _is_state(c) for c in self.input_components)
        self.examples_handler = Examples(
            options.examples or [],
            inputs,
            [c for c in self.output_components if not _is_state(c)],
            fn=self.fn,
            cache_examples=options.cache_examples,
            cache_mode=options.cache_mode,
            examples_per_page=options.examples_per_page,
            batch=options.batch,
            example_labels=options.example_labels,
            visible_columns=list(range(main)) if self.additional_inputs and main else None,
            preload=options.preload_example,
        )

    def _flagger(self, options: InterfaceOptions, inputs: list[Component]) -> Callable[..., None]:
        folder = Path(options.flagging_dir)
        labels = [getattr(c, "label", None) or f"input {i}" for i, c in enumerate(inputs)]
        labels += [
            getattr(c, "label", None) or f"output {i}" for i, c in enumerate(self.output_components)
        ]

        def flag(*values: Any) -> None:
            write_flag(folder, labels, list(map(str, values)))

        return flag
