"""``Interface``: a whole app around one function, from its inputs and outputs."""

from __future__ import annotations

import csv
import datetime
import functools
import inspect
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from specblocks import components
from specblocks._generated.blocks import BlocksOptions
from specblocks._generated.button import ButtonBase
from specblocks._generated.events import Dependency
from specblocks._generated.interface import InterfaceBase
from specblocks.app._blocks import Blocks
from specblocks.app._examples import Examples
from specblocks.app._on import on
from specblocks.components import _layouts as layouts
from specblocks.components._templates import TEMPLATES
from specblocks.core import Block
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


def component_from(spec: str | Component, role: str, *, unrender: bool = False) -> Component:
    """A component from an instance or a string shortcut such as ``"text"`` or ``"image"``.

    With ``unrender``, an instance already placed in a layout is taken out of it (to be placed
    where the caller puts it).
    """
    if isinstance(spec, Component):
        return spec.unrender() if unrender else spec
    if isinstance(spec, str):
        cls = _shortcuts().get(spec.lower().replace("_", ""))
        if cls is None:
            known = ", ".join(sorted(_shortcuts()))
            raise ValueError(f"unknown {role} shortcut {spec!r}; known shortcuts: {known}")
        return cls(render=False)
    raise TypeError(f"{role} must be a component or a string shortcut, got {type(spec).__name__}")


def components_from(
    specs: str | Component | Sequence[str | Component] | None,
    role: str,
    *,
    unrender: bool = False,
) -> list[Component]:
    """A list of components from one spec, a list of specs, or None."""
    if specs is None:
        return []
    if isinstance(specs, str | Component):
        return [component_from(specs, role, unrender=unrender)]
    return [component_from(s, role, unrender=unrender) for s in specs]


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
        # blocks are made in Gradio's order, so that ids (and the labels and names made of
        # them) are the ones Gradio gives: the deep link button, the additional inputs, the
        # inputs, the outputs, then the page
        self.deep_link = _deep_link_button(options.deep_link)
        if _empty(options.inputs) and _empty(options.outputs):
            raise ValueError("Interface: give `inputs`, `outputs` or both.")
        self.kind: InterfaceKind = (
            "input_only"
            if _empty(options.outputs)
            else "output_only"
            if _empty(options.inputs)
            else "standard"
        )
        self.fn = options.fn
        self.additional_inputs = components_from(options.additional_inputs, "input", unrender=True)
        self.input_components = components_from(options.inputs, "input", unrender=True)
        self.output_components = components_from(options.outputs, "output", unrender=True)
        self._share_state()
        all_inputs = self.input_components + self.additional_inputs
        if len(all_inputs) == len(self.output_components) and all(
            i is o for i, o in zip(all_inputs, self.output_components, strict=True)
        ):
            self.kind = "unified"
        if self.kind in ("standard", "output_only"):
            for output in self.output_components:
                if getattr(output, "interactive", False) is None:
                    output.interactive = False  # type: ignore[attr-defined]
        _label_from_parameters(options.fn, all_inputs)
        for index, output in enumerate(self.output_components):
            if getattr(output, "label", "set") is None:
                name = "output" if len(self.output_components) == 1 else f"output {index}"
                setattr(output, "label", name)  # noqa: B010 - not every component has a label
        with self:
            self._build(options, all_inputs)

    def _share_state(self) -> None:
        """One State input and one State output are the same State (the session's memory)."""
        state_in = [i for i, c in enumerate(self.input_components) if _is_state(c)]
        state_out = [i for i, c in enumerate(self.output_components) if _is_state(c)]
        if not state_in and not state_out:
            return
        if len(state_in) != 1 or len(state_out) != 1:
            raise ValueError(
                "Interface: with a State, give exactly one State input and one State output."
            )
        self.output_components[state_out[0]] = self.input_components[state_in[0]]

    def _build(self, options: InterfaceOptions, all_inputs: list[Component]) -> None:
        if options.title:
            components.Markdown(
                f"<h1 style='text-align: center; margin-bottom: 1rem'>{options.title}</h1>"
            )
        if options.description:
            components.Markdown(options.description)
        panel = _Panel()
        with layouts.Row():
            if self.kind in ("standard", "input_only", "unified"):
                self._input_column(options, panel)
            if self.kind in ("standard", "output_only"):
                self._output_column(options, panel)
        event = self._attach_listeners(options, all_inputs, panel)
        self._attach_clear(panel, all_inputs)
        self._attach_flagging(options, panel, all_inputs, event)
        if self.deep_link is not None and event is not None:
            event.then(
                lambda: components.DeepLinkButton(interactive=True),
                None,
                [self.deep_link],
                js=True,
                api_visibility="undocumented",
            )
        if options.examples and self.input_components:
            self._examples(options)
        if options.article:
            components.Markdown(options.article)

    def _input_column(self, options: InterfaceOptions, panel: _Panel) -> None:
        generator = _is_generator(options.fn)
        with layouts.Column():
            panel.input_column = layouts.Column()
            with panel.input_column:
                for component in self.input_components:
                    component.render()
                if self.additional_inputs:
                    with _accordion(options.additional_inputs_accordion):
                        for component in self.additional_inputs:
                            component.render()
            with layouts.Row():
                panel.clear = _clear_button(options.clear_btn)
                if self.kind == "unified" or not options.live:
                    if self.kind == "input_only" and self.deep_link is not None:
                        self.deep_link.render()
                    panel.submit = _button(options.submit_btn, "primary")
                    if self.kind == "unified" and self.deep_link is not None:
                        self.deep_link.render()
                    if generator and not options.live:
                        panel.stop = _button(options.stop_btn, "stop", hidden=True)
                if self.kind == "unified":
                    panel.flags = self._flag_buttons(options, panel)

    def _output_column(self, options: InterfaceOptions, panel: _Panel) -> None:
        with layouts.Column():
            for component in self.output_components:
                if not _is_state(component):
                    component.render()
            with layouts.Row():
                if self.deep_link is not None:
                    self.deep_link.render()
                if self.kind == "output_only":
                    panel.clear = _clear_button(options.clear_btn)
                    panel.submit = components.Button("Generate", variant="primary")
                    if _is_generator(options.fn) and not options.live:
                        panel.stop = _button(options.stop_btn, "stop", hidden=True)
                panel.flags = self._flag_buttons(options, panel)
                if options.allow_duplication:
                    components.DuplicateButton(scale=1, size="lg", _activate=False)

    def _flag_buttons(self, options: InterfaceOptions, panel: _Panel) -> list[ButtonBase]:
        mode = _flagging_mode(options)
        if mode == "manual":
            return [components.Button(label) for label, _ in _flagging_options(options)]
        if mode == "auto" and panel.submit is not None:
            return [panel.submit]
        return []

    def _attach_listeners(
        self, options: InterfaceOptions, inputs: list[Component], panel: _Panel
    ) -> Dependency | None:
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
            if self.kind == "output_only":
                assert panel.submit is not None
                self.load(self.fn, None, outputs)
                return panel.submit.click(self.fn, None, outputs, **common)
            triggers = []
            streaming = False
            for component in inputs:
                if getattr(component, "streaming", False) and hasattr(component, "stream"):
                    triggers.append(component.stream)
                    streaming = True
                elif hasattr(component, "change"):
                    triggers.append(component.change)
            return on(
                triggers,
                self.fn,
                inputs,
                outputs,
                api_name=options.api_name,
                api_description=options.api_description,
                api_visibility=options.api_visibility,
                validator=options.validator,
                show_progress="hidden" if streaming else options.show_progress,
                trigger_mode="multiple" if streaming else "always_last",
                time_limit=options.time_limit,
                stream_every=options.stream_every,
            )
        assert panel.submit is not None
        triggers = [panel.submit.click]
        triggers += [c.submit for c in inputs if hasattr(c, "submit")]
        if panel.stop is None:
            return on(triggers, self.fn, inputs, outputs, scroll_to_output=True, **common)
        submit, stop = panel.submit, panel.stop
        running = on(
            triggers,
            lambda: (components.Button(visible=False), components.Button(visible=True)),
            None,
            [submit, stop],
            queue=False,
            api_visibility="undocumented",
        ).then(self.fn, inputs, outputs, scroll_to_output=True, **common)

        def cleanup() -> tuple[ButtonBase, ButtonBase]:
            return components.Button(visible=True), components.Button(visible=False)

        done = running.then(
            cleanup, None, [submit, stop], queue=False, api_visibility="undocumented"
        )
        stop.click(
            cleanup,
            None,
            [submit, stop],
            cancels=running,
            queue=False,
            api_visibility="undocumented",
        )
        return done

    def _attach_clear(self, panel: _Panel, inputs: list[Component]) -> None:
        assert panel.clear is not None
        panel.clear.add([*inputs, *self.output_components])
        shown = [{"variant": None, "visible": True, "__type__": "update"}]
        reset = shown if self.kind in ("standard", "input_only", "unified") else []
        panel.clear.click(
            None,
            [],
            [panel.input_column] if panel.input_column is not None else [],
            js=f"() => {json.dumps(reset)}",
        )

    def _attach_flagging(
        self,
        options: InterfaceOptions,
        panel: _Panel,
        inputs: list[Component],
        event: Dependency | None,
    ) -> None:
        if not panel.flags or self.kind == "input_only":
            return
        flagged = inputs if self.kind == "unified" else [*inputs, *self.output_components]
        if _flagging_mode(options) == "auto":
            if event is not None:
                event.success(
                    self._flagger(options, flagged, None),
                    flagged,
                    None,
                    preprocess=False,
                    queue=False,
                    api_name="Flag",  # the name Gradio gives its flagging step
                    api_visibility="undocumented",
                )
            return
        assert panel.clear is not None
        for button, (label, value) in zip(panel.flags, _flagging_options(options), strict=False):
            button.click(
                lambda: components.Button(value="Saving...", interactive=False),
                None,
                button,
                queue=False,
                api_visibility="undocumented",
            )
            button.click(
                self._flagger(options, flagged, value, label),
                flagged,
                button,
                preprocess=False,
                queue=False,
                api_name="Flag",
                api_visibility="undocumented",
            )
            panel.clear.click(
                functools.partial(components.Button, value=label, interactive=True),
                None,
                button,
                queue=False,
                api_name="reset",  # as Gradio names the buttons' reset
                api_visibility="undocumented",
            )

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

    def _flagger(
        self,
        options: InterfaceOptions,
        flagged: list[Component],
        value: str | None,
        label: str | None = None,
    ) -> Callable[..., Any]:
        """What a flag button (or, with "auto", every submission) runs: append a CSV row.

        The row holds the flagged values and the option's value; a button gets its label
        back.
        """
        folder = Path(options.flagging_dir)
        columns = [getattr(c, "label", None) or f"value {i}" for i, c in enumerate(flagged)]

        def flag(*values: Any) -> Any:
            write_flag(folder, [*columns, "flag"], [*map(str, values), value or ""])
            return None if label is None else components.Button(value=label, interactive=True)

        return flag


InterfaceKind = Literal["standard", "input_only", "output_only", "unified"]
"""What an Interface shows: inputs and outputs, only inputs, only outputs, or the same
components as both (``unified``)."""


@dataclass
class _Panel:
    """The buttons and the input column an Interface page is built with."""

    input_column: layouts.Column | None = None
    submit: ButtonBase | None = None
    stop: ButtonBase | None = None
    clear: components.ClearButton | None = None
    flags: list[ButtonBase] = field(default_factory=list)


def _empty(specs: Any) -> bool:
    if isinstance(specs, Sequence) and not isinstance(specs, str):
        return not specs
    return specs is None


def _is_generator(fn: Callable[..., Any]) -> bool:
    return inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)


def _given_args(block: Block, accepted: type[Any]) -> dict[str, Any]:
    """The arguments ``block`` was made with that ``accepted``'s constructor takes."""
    names = inspect.signature(accepted).parameters
    return {k: v for k, v in block.explicit_args.items() if k in names and k != "render"}


def _button(
    spec: str | ButtonBase, variant: Literal["primary", "stop"], *, hidden: bool = False
) -> ButtonBase:
    """A new button from a text, or made as the given Button was (as Gradio does)."""
    if isinstance(spec, ButtonBase):
        return components.Button(**_given_args(spec, components.Button))
    if hidden:
        return components.Button(spec, variant=variant, visible=False)
    return components.Button(spec, variant=variant)


def _clear_button(spec: str | ButtonBase | None) -> components.ClearButton:
    """The Clear button; with None, an invisible one (the listeners still need it)."""
    if spec is None:
        return components.ClearButton(visible=False, variant="secondary")
    if isinstance(spec, ButtonBase):
        return components.ClearButton(**_given_args(spec, components.ClearButton))
    return components.ClearButton(value=spec, variant="secondary")


def _accordion(spec: Any) -> layouts.Accordion:
    if spec is None or isinstance(spec, str):
        return layouts.Accordion(spec or "Additional Inputs", open=False)
    if isinstance(spec, layouts.Accordion):
        return layouts.Accordion(**_given_args(spec, layouts.Accordion))
    raise TypeError(
        "Interface: additional_inputs_accordion must be a string or an Accordion, "
        f"not {type(spec).__name__}"
    )


def _deep_link_button(spec: Any) -> components.DeepLinkButton | None:
    """The deep link button Interface shows (made before anything else, as Gradio does)."""
    if isinstance(spec, components.DeepLinkButton):
        return spec
    if isinstance(spec, str):
        return components.DeepLinkButton(value=spec, render=False, interactive=False)
    if spec is True or (spec is None and os.environ.get("SPACE_ID")):
        return components.DeepLinkButton(render=False, interactive=False)
    return None


def _flagging_mode(options: InterfaceOptions) -> str:
    mode = options.flagging_mode or os.environ.get("GRADIO_FLAGGING_MODE", "manual")
    if mode not in ("manual", "auto", "never"):
        raise ValueError(
            f"Interface: flagging_mode must be 'manual', 'auto' or 'never', not {mode!r}"
        )
    return mode


def _flagging_options(options: InterfaceOptions) -> list[tuple[str, str | None]]:
    """``(button label, stored value)`` for each flag button."""
    given: list[Any] | None = options.flagging_options
    if given is None:
        return [("Flag", None)]
    if all(isinstance(x, str) for x in given):
        return [(f"Flag as {x}", x) for x in given]
    if all(isinstance(x, tuple) and len(x) == 2 for x in given):
        return [(str(label), None if value is None else str(value)) for label, value in given]
    raise ValueError(
        "Interface: flagging_options must be a list of strings or of (label, value) pairs."
    )
